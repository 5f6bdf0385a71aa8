/* What the GIFT parser's files share: the parser's state and the calls
 * between gift.c (lines, blocks, questions), gift_text.c (a block's text, its
 * escapes and comments, messages located in it) and gift_answers.c (answer
 * blocks). Private to kiosk/pack/. */
#ifndef MINGBAI_GIFT_INTERNAL_H
#define MINGBAI_GIFT_INTERNAL_H

#include "mingbai/pack.h"

#define GIFT_NONE ((size_t)-1)

/* A block's text after comment removal and escape processing. Each byte keeps
 * the line and column it came from, and bytes made by an escape ("\{" -> "{")
 * are marked literal so that no rule takes them for syntax. This plays the
 * part of Moodle's "&&123;" placeholders, without their collisions with text
 * that really contains "&&123;". */
typedef struct {
    char *c;
    unsigned char *lit;
    int *line, *col;
    size_t n, cap;
} GiftText;

/* One non-blank source line of the current block. */
typedef struct {
    size_t off, len; /* the trimmed content in data */
    int line, col;   /* where the trimmed content starts */
    bool bad;        /* invalid UTF-8 or a NUL byte, already reported */
} GiftLine;

/* A piece of an answer block between markers ('~', '=' or none for the text
 * before the first marker). */
typedef struct {
    size_t a, b; /* the piece after its marker */
    size_t at;   /* index of the marker, GIFT_NONE for the leading piece */
    char mark;
} GiftPiece;

typedef struct {
    const char *key;
    int line;
} GiftIdSlot;

/* What the comment lines of a block say. */
typedef struct {
    char *id;
    char *source;
    bool fixed_order;
} GiftMeta;

typedef struct {
    const char *path;
    const char *data;
    Arena *arena;
    Diags *diags;
    int errors, warnings;
    bool stop; /* too many errors: the rest of the file is skipped */
    bool bad;  /* the current block has an error: its question is left out */
    char *category;
    Question *items;
    size_t count, cap;
    GiftIdSlot *ids;
    size_t nids, idcap;
    GiftLine *lines;
    size_t nlines, linecap;
    GiftText text, qtext;
    Answer *ans;
    size_t nans, anscap;
    char **tags;
    size_t ntags, tagcap;
    GiftPiece *pieces;
    size_t npieces, piececap;
    size_t zero_at; /* a leading "0" gift_split dropped as Moodle does, or GIFT_NONE */
} GiftParser;

/* ---------------- gift_text.c: the block's text ---------------- */

void gift_text_push(GiftText *t, char c, bool lit, int line, int col);
/* Appends src[a, b) to dst. */
void gift_text_copy(GiftText *dst, const GiftText *src, size_t a, size_t b);
void gift_text_free(GiftText *t);
/* PHP's trim() set, which Moodle applies to lines and fields. */
bool gift_space(char c);
/* Whether t[i] is the syntax character c (not produced by an escape). */
bool gift_is(const GiftText *t, size_t i, char c);
/* Trims unescaped whitespace from [*a, *b). */
void gift_trim(const GiftText *t, size_t *a, size_t *b);
/* First (last) unescaped occurrence of pat in [a, b), or GIFT_NONE. */
size_t gift_find(const GiftText *t, size_t a, size_t b, const char *pat);
size_t gift_rfind(const GiftText *t, size_t a, size_t b, const char *pat);
bool gift_starts(const GiftText *t, size_t a, size_t b, const char *pat);
/* *v += by, saturating at INT_MAX. */
void gift_inc(int *v, int by);
/* Bytes of s to quote in a message: about max, not cutting a character. */
int gift_quote_len(const char *s, size_t max);
/* t[a, b) trimmed, as a string in the parser's arena. */
char *gift_string(GiftParser *p, const GiftText *t, size_t a, size_t b);
/* A field with an optional "[html]"-style format; *fmt gets it, or def. */
char *gift_field(GiftParser *p, const GiftText *t, size_t a, size_t b, TextFormat def,
                 TextFormat *fmt);
/* s, or NULL when s is NULL or empty. */
char *gift_nonempty(char *s);
/* Builds p->text from the block's lines in p->lines; comment lines' [id:],
 * [tag:] and source: go to m and p->tags. */
void gift_text_build(GiftParser *p, GiftMeta *m);

/* A diagnostic at line:col, or at byte i of t; an error leaves the current
 * question out, and past a cap the rest of the file. */
void gift_diag(GiftParser *p, DiagLevel level, int line, int col, const char *hint, const char *fmt,
               ...) MB_PRINTF(6, 7);
void gift_diag_at(GiftParser *p, DiagLevel level, const GiftText *t, size_t i, const char *hint,
                  const char *fmt, ...) MB_PRINTF(6, 7);

/* ---------------- gift_answers.c: answer blocks ---------------- */

void gift_answer_block(GiftParser *p, const GiftText *t, Question *q, size_t aa, size_t ab,
                       size_t open);

#endif
