/* What richtext.c (HTML through libxml2, the formats, the entry point) and
 * richtext_blocks.c (text into paragraphs with spans, blocks, plain text)
 * share: the conversion under way. Private to kiosk/pack/. */
#ifndef MINGBAI_RICHTEXT_INTERNAL_H
#define MINGBAI_RICHTEXT_INTERNAL_H

#include "mingbai/pack.h"

enum { RT_MAX_LISTS = 8 };

typedef struct {
    const char *raw;
    size_t len;
    const RichWhere *at;
    Arena *arena;
    Diags *diags;
    int warnings;
    size_t cursor;   /* in raw: just after the '<' of the last start tag found */
    size_t tag;      /* in raw: where the element being read starts */
    bool moodle;     /* [moodle]: a line break in the text is kept */
    int pre;         /* inside <pre>: spaces and line breaks kept */

    /* the paragraph being filled */
    StrBuf text;
    Span *spans;
    size_t nspans, spans_cap;
    uint32_t flags;  /* SPAN_* of the text put now */
    int sub, sup;    /* inside <sub>, <sup> */
    bool space;      /* a collapsed space waits for the next letter */
    BlockKind kind;  /* BLK_PARA or BLK_ITEM */
    int level, number;
    bool first_in_item;

    int lists;                   /* <ul>/<ol> open */
    int next[RT_MAX_LISTS];      /* an <ol>'s next number; 0 for <ul> */
    int cells;                   /* cells of the table row so far */

    Block *blocks;
    size_t nblocks, blocks_cap;
} Rt;

/* Appends n bytes of text with the flags in force; unless in <pre>, runs
 * of white space become one space, none at a paragraph's start. */
void rt_put(Rt *r, const char *s, size_t n);
/* A line break (<br>, or a line end in [moodle]). */
void rt_break(Rt *r);
/* Ends the paragraph being filled: a block when it has text. */
void rt_flush(Rt *r);
/* A block of kind (an image, a rule) after the paragraph so far. */
Block *rt_push(Rt *r, BlockKind kind);
/* The blocks and plain text into out (in r's arena); frees r's buffers. */
void rt_finish(Rt *r, RichText *out);
/* Where raw's byte off is in the file (rt_place) as a line and column. */
void rt_place(const Rt *r, size_t off, int *line, int *col);

#endif
