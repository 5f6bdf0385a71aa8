/* What the pack's INI files share: the line reader that feeds inih and
 * reports every bad line (ini_reader.c), and what the readers of pack.ini
 * (manifest.c) and glossary.ini (glossary.c) call on it. Private to
 * kiosk/pack/. */
#ifndef MINGBAI_INI_INTERNAL_H
#define MINGBAI_INI_INTERNAL_H

#include "mingbai/pack.h"

/* The longest id in bytes: the pack's id, a glossary term's. */
#define ID_MAX 64

typedef enum { LINE_BLANK, LINE_COMMENT, LINE_SECTION, LINE_KEY, LINE_CONT, LINE_BAD } LineKind;

/* One line as inih will see it; offsets are into the line's raw bytes. */
typedef struct {
    LineKind kind;
    const char *raw;
    size_t raw_len;
    size_t name, name_len; /* LINE_SECTION, LINE_KEY */
    size_t value, value_len; /* LINE_KEY, LINE_CONT */
} IniLine;

typedef struct IniCtx IniCtx;
struct IniCtx {
    const char *path;
    Diags *diags;
    int errors;
    const char *data;
    size_t len, pos;
    int line;             /* the line inih is on: the last one read */
    IniLine cur;
    bool have_key;        /* inih's prev_name is set: indented lines continue it */
    bool skip_section;    /* the current section's name was refused */
    bool stand_in;        /* inih got a stand-in for the current line */
    int first_bad;        /* first line reported as bad here */
    void (*on_section)(IniCtx *c, const char *name);
    void (*on_entry)(IniCtx *c, const char *name, const char *value, bool cont);
    void *user;
};

/* 1-based column (in characters) of byte off of the current line. */
int ini_col(const IniCtx *c, size_t off);
/* A located message about the file; an error is counted in c->errors. */
/* Returns it (valid until the next diagnostic), for diag_hint(). */
Diag *ini_diag(IniCtx *c, DiagLevel level, int line, int col, const char *hint,
               const char *fmt, ...) MB_PRINTF(6, 7);
/* A quoted copy of n bytes for a message; the caller frees it. */
char *ini_quoted(const char *s, size_t n);
/* Runs inih over c->data, calling c->on_section and c->on_entry; returns
 * inih's result (0, or the first line it could not read). */
int ini_run(IniCtx *c);
/* Reports the first invalid UTF-8 byte of c->data, located. */
void ini_check_utf8(IniCtx *c);
/* prev and a continuation line, joined with a space except between CJK. */
char *ini_join_lines(Arena *a, const char *prev, const char *more);
/* Letters, digits, '-' (and '_' when underscore): what an id may use. */
bool ini_id_char(char ch, bool underscore);

#endif
