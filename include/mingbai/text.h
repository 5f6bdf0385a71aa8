/* Text engine: fonts with per-character fallback, line breaking (UAX #14 by
 * libunibreak plus Chinese line-start/line-end rules), rich runs, layout
 * cached per paragraph and width, and a glyph atlas. This header is free of
 * SDL so ui can measure; drawing is in text_sdl.h for gfx.
 *
 * Ownership: the caller owns the TextEngine; the engine owns every
 * TextLayout, which the caller never frees and may use until the next
 * text_engine_frame(). Pointer arguments are borrowed: read during the call
 * and not kept (a layout keeps byte offsets into its text, not pointers). */
#ifndef MINGBAI_TEXT_H
#define MINGBAI_TEXT_H

#include "mingbai/core.h"

typedef struct TextEngine TextEngine;
typedef struct TextLayout TextLayout;

/* Run flags, set on byte ranges of a text. */
enum {
    TEXT_BOLD = 1,
    TEXT_EM = 2,        /* italic in Latin; emphasis dots under Chinese */
    TEXT_CODE = 4,
    TEXT_LINK = 8,      /* underlined */
    TEXT_GLOSSARY = 16, /* dotted underline, tappable */
    TEXT_MUTED = 32     /* drawn in a secondary colour */
};

typedef struct {
    uint32_t start, len, flags;
} TextSpan;

enum { TEXT_ALIGN_LEFT, TEXT_ALIGN_CENTER, TEXT_ALIGN_RIGHT };

typedef struct {
    int size;          /* pixels (em size) */
    uint32_t flags;    /* TEXT_* applied to the whole text */
    Lang lang;         /* line breaking, line height, emphasis */
    int align;         /* TEXT_ALIGN_* */
    float line_height; /* multiple of size; 0: 1.55 for English, 1.75 for Chinese */
    int max_lines;     /* 0: no limit; else the rest is cut and "..." shown */
    bool cut;          /* the caller shortens this text on purpose (max_lines):
                          layout checks do not report the cut; layout ignores it */
} TextStyle;

/* Opens the faces in font_dir (the path is copied). Returns a new
 * TextEngine; the caller frees it with text_engine_free(). Returns NULL
 * (with a logged message naming the missing file) when a face is missing. */
TextEngine *text_engine_new(const char *font_dir);
/* Opens the rasterisers of the faces nearly every page draws with (Latin
 * and CJK, regular and bold), which text drawing otherwise opens on first
 * use (about 1 ms each for the CJK ones). The kiosk calls it on a thread of
 * its own while the display starts (app.c); te is not used elsewhere
 * meanwhile, but for text_engine_warm_shaping(). */
void text_engine_open_rasterisers(TextEngine *te);
/* Readies HarfBuzz's tables of those faces' substitutions and positions
 * (GSUB, GPOS), which the first text shaped with each face otherwise builds
 * (1.5 ms for the four, most of shaping the first page). It touches only
 * the faces' HarfBuzz objects, which are safe to share between threads: it
 * may run beside text_engine_open_rasterisers(). */
void text_engine_warm_shaping(TextEngine *te);
/* Frees te with its layouts and, when attached to a renderer
 * (text_engine_attach()), its atlas textures: free it before that renderer
 * is destroyed. text_engine_free(NULL) does nothing. */
void text_engine_free(TextEngine *te);

/* Marks the start of a frame. Every layout returned before this call
 * becomes invalid; one asked for again in the new frame (same text, style
 * and width) comes back from the cache. */
void text_engine_frame(TextEngine *te);

/* Lays out len bytes of UTF-8 s (spans may be NULL) wrapped at max_width
 * pixels (0: no wrapping). s and spans are read during the call only. The
 * result is owned by the engine's cache and valid until the next
 * text_engine_frame(); the caller does not free it. */
const TextLayout *text_layout(TextEngine *te, const char *s, size_t len, const TextStyle *st,
                              const TextSpan *spans, size_t nspans, int max_width);
/* Convenience: a NUL-terminated string, no spans; the same ownership. */
const TextLayout *text_layout_str(TextEngine *te, const char *s, const TextStyle *st,
                                  int max_width);

/* Queries of a layout (borrowed, from the current frame); they allocate
 * nothing. Width and height in pixels, lines counted. */
int text_layout_width(const TextLayout *l);
int text_layout_height(const TextLayout *l);
int text_layout_lines(const TextLayout *l);
/* True when the layout was cut by max_lines or a word wider than the box. */
bool text_layout_truncated(const TextLayout *l);
/* The byte offset (into the laid-out text) of the glyph at x, y relative to
 * the layout's top-left; false when there is none. */
bool text_layout_hit(const TextLayout *l, int x, int y, uint32_t *byte_off);

/* Where the character at byte_off sits: its left edge and the middle of
 * its line, relative to the layout's top-left; false when not laid out. */
bool text_layout_byte_pos(const TextLayout *l, uint32_t byte_off, int *x, int *y);
/* The byte offsets of the first and last character on line (0-based);
 * false when there is no such line or it is empty. */
bool text_layout_line_bytes(const TextLayout *l, int line, uint32_t *first, uint32_t *last);
/* The x extent of line: where its first glyph starts and its last ends. */
bool text_layout_line_extent(const TextLayout *l, int line, int *x0, int *x1);

/* True when one of the shipped faces draws cp (bold: the bold chain). */
bool text_covers(TextEngine *te, uint32_t cp, bool bold);

/* Counters of the caches, copied out by text_engine_stats(). */
typedef struct {
    size_t atlas_bytes;   /* texture memory of the glyph atlas */
    int atlas_pages;
    int glyphs_cached;
    int layouts_cached;
    uint64_t layouts_built, glyphs_rasterised;
} TextStats;
/* Fills the caller's *out (plain values, nothing to free). */
void text_engine_stats(TextEngine *te, TextStats *out);

#endif
