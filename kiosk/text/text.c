/* Text engine: faces and fallback, character classes, the layout cache and
 * its queries. Input strings come from packs: any bytes lay out (invalid
 * UTF-8 shows U+FFFD) and nothing is unbounded per frame: the layout cache
 * and the glyph atlas have fixed sizes and evict what the current frame did
 * not use. Shaping is in shape.c, line breaking in layout.c. */
#include "text_internal.h"

#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

static const char *const face_files[FACE_COUNT] = {
    [FACE_LATIN] = "NotoSans-Regular.ttf",   [FACE_LATIN_BOLD] = "NotoSans-Bold.ttf",
    [FACE_LATIN_ITALIC] = "NotoSans-Italic.ttf", [FACE_LATIN_BOLD_ITALIC] = "NotoSans-BoldItalic.ttf",
    [FACE_CJK] = "NotoSansSC-Regular.otf",
    [FACE_CJK_BOLD] = "NotoSansSC-Bold.otf",
};

/* Fallback chains: Latin face first (its punctuation and digits are the
 * ones meant for running English), then the CJK face. */
static const int chain_regular[] = {FACE_LATIN, FACE_CJK};
static const int chain_bold[] = {FACE_LATIN_BOLD, FACE_CJK_BOLD};
static const int chain_italic[] = {FACE_LATIN_ITALIC, FACE_CJK};
static const int chain_bold_italic[] = {FACE_LATIN_BOLD_ITALIC, FACE_CJK_BOLD};

/* Maps the face's file (HarfBuzz reads it in place) and checks it is a
 * font: an unreadable or empty file gives HarfBuzz's empty face. */
static bool face_open(TextEngine *te, int f)
{
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(te->face_path[f]);
    if (!blob)
        return false;
    te->hb_face[f] = hb_face_create(blob, 0);
    hb_blob_destroy(blob);
    if (hb_face_get_glyph_count(te->hb_face[f]) == 0)
        return false;
    te->hb_cover[f] = hb_font_create(te->hb_face[f]);
    return true;
}

TextEngine *text_engine_new(const char *font_dir)
{
    static bool inited;
    if (!inited) {
        init_linebreak();
        inited = true;
    }
    TextEngine *te = mb_xcalloc(1, sizeof *te);
    if (FT_Init_FreeType(&te->ft)) {
        mb_log(LOG_ERROR, "cannot start the font library");
        free(te);
        return NULL;
    }
    te->buf = hb_buffer_create();
    te->halt_buf = hb_buffer_create();
    for (int f = 0; f < FACE_COUNT; f++) {
        te->face_path[f] = mb_xasprintf("%s/%s", font_dir, face_files[f]);
        /* Open now so a missing font is reported at start, not mid-page. */
        if (!face_open(te, f)) {
            mb_log(LOG_ERROR, "font %s is missing or unreadable; run board/make-fonts.sh",
                   te->face_path[f]);
            text_engine_free(te);
            return NULL;
        }
    }
    return te;
}

static void layout_drop(TextEngine *te, int i);

static void fonts_drop(TextEngine *te)
{
    for (int i = 0; i < te->nfonts; i++)
        hb_font_destroy(te->fonts[i].hb);
    te->nfonts = 0;
}

void text_engine_free(TextEngine *te)
{
    if (!te)
        return;
    text_atlas_free(te);
    fonts_drop(te);
    for (int f = 0; f < FACE_COUNT; f++) {
        if (te->ft_face[f])
            FT_Done_Face(te->ft_face[f]);
        hb_font_destroy(te->hb_cover[f]);
        hb_face_destroy(te->hb_face[f]);
    }
    FT_Done_FreeType(te->ft);
    hb_buffer_destroy(te->buf);
    hb_buffer_destroy(te->halt_buf);
    for (int i = 0; i < LAYOUT_CACHE; i++)
        if (te->layouts[i])
            layout_drop(te, i);
    for (int f = 0; f < FACE_COUNT; f++)
        free(te->face_path[f]);
    free(te);
}

static void layout_drop(TextEngine *te, int i)
{
    free(te->layouts[i]->glyphs);
    free(te->layouts[i]->decos);
    free(te->layouts[i]);
    te->layouts[i] = NULL;
}

/* Keeps the cached layouts' glyphs under LAYOUT_BUDGET bytes: the layouts
 * the last two frames did not use go, the stalest first. The reader lays
 * out its whole unit to measure it, so that without a bound every unit
 * read stayed in memory (7 MiB after a tour of the course). */
static void layouts_trim(TextEngine *te)
{
    size_t bytes = 0;
    for (int i = 0; i < LAYOUT_CACHE; i++)
        if (te->layouts[i])
            bytes += sizeof *te->layouts[i] + (size_t)te->layouts[i]->capglyphs * sizeof(LGlyph);
    while (bytes > LAYOUT_BUDGET) {
        uint64_t oldest = te->frame - 1;
        for (int i = 0; i < LAYOUT_CACHE; i++)
            if (te->layouts[i] && te->layouts[i]->frame < oldest)
                oldest = te->layouts[i]->frame;
        if (oldest >= te->frame - 1)
            return; /* all in use: a page with this much text */
        for (int i = 0; i < LAYOUT_CACHE; i++)
            if (te->layouts[i] && te->layouts[i]->frame == oldest) {
                bytes -= sizeof *te->layouts[i] + (size_t)te->layouts[i]->capglyphs * sizeof(LGlyph);
                layout_drop(te, i);
            }
    }
}

void text_engine_frame(TextEngine *te)
{
    te->frame++;
    layouts_trim(te);
    while (te->overflow) {
        TextLayout *next = te->overflow->overflow_next;
        free(te->overflow->glyphs);
        free(te->overflow);
        te->overflow = next;
    }
}

/* Sizes are few in practice (the theme has a handful, times the text
 * sizes); when the slots run low, dropping them with the atlas and the
 * cached layouts is a safe, rare reset. Called before a layout is built,
 * never during one (a layout takes at most one slot per face), so that no
 * character of a layout keeps a slot that was dropped. */
static void fonts_make_room(TextEngine *te)
{
    if (te->nfonts <= MAX_FONTS - FACE_COUNT)
        return;
    text_atlas_free(te);
    for (int i = 0; i < LAYOUT_CACHE; i++)
        if (te->layouts[i])
            te->layouts[i]->hash = 0;
    fonts_drop(te);
}

/* The slot for a face at a pixel size. */
int text_font_get(TextEngine *te, int face, int px)
{
    for (int i = 0; i < te->nfonts; i++)
        if (te->fonts[i].face == face && te->fonts[i].px == px)
            return i;
    if (te->nfonts == MAX_FONTS)
        abort(); /* fonts_make_room() keeps a layout's slots in the table */
    FontSlot *s = &te->fonts[te->nfonts];
    s->face = face;
    s->px = px;
    s->hb = hb_font_create(te->hb_face[face]);
    hb_font_set_scale(s->hb, px * 64, px * 64);
    return te->nfonts++;
}

uint32_t text_glyph_id(TextEngine *te, int font, uint32_t cp)
{
    hb_codepoint_t gid = 0;
    if (!hb_font_get_nominal_glyph(te->fonts[font].hb, cp, &gid))
        return 0;
    return gid;
}

static bool face_has(TextEngine *te, int face, uint32_t cp)
{
    hb_codepoint_t gid;
    return hb_font_get_nominal_glyph(te->hb_cover[face], cp, &gid) && gid != 0;
}

bool text_covers(TextEngine *te, uint32_t cp, bool bold)
{
    const int *chain = bold ? chain_bold : chain_regular;
    for (int i = 0; i < 2; i++)
        if (face_has(te, chain[i], cp))
            return true;
    return false;
}

int text_pick_face(TextEngine *te, uint32_t cp, uint32_t flags, Lang lang, int px)
{
    (void)px;
    bool em = (flags & TEXT_EM) && lang == LANG_EN; /* Chinese emphasis: dots */
    const int *chain = (flags & TEXT_BOLD) ? (em ? chain_bold_italic : chain_bold)
                       : em                ? chain_italic
                                           : chain_regular;
    /* CJK characters and CJK punctuation always come from the CJK face, so
     * that full-width punctuation keeps its full width. */
    int first = (text_is_cjk(cp) || text_is_cjk_punct(cp)) ? 1 : 0;
    /* Typographic quotes in Chinese text are full-width, from the CJK face. */
    if (lang == LANG_ZH && (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 ||
                            cp == 0x2014 || cp == 0x2026))
        first = 1;
    for (int i = first; i < 2; i++)
        if (face_has(te, chain[i], cp))
            return chain[i];
    for (int i = 0; i < first; i++)
        if (face_has(te, chain[i], cp))
            return chain[i];
    return chain[0]; /* .notdef box: visible, and the coverage test names it */
}

/* ---- character classes for the Chinese rules and spacing ---- */

bool text_is_cjk(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x3040 && c <= 0x30FF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FFFF);
}

bool text_is_cjk_punct(uint32_t c)
{
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF65);
}

bool text_is_latin_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

/* No line may begin with these (closing and other "no-start" marks). */
bool text_no_line_start(uint32_t c)
{
    static const uint32_t set[] = {
        0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09, 0x300D, 0x300F,
        0x3011, 0x300B, 0x3009, 0x3015, 0x3017, 0x201D, 0x2019, 0xFF0E, 0x2026, 0x2014,
        0x30FC, 0x00BB, 0xFF3D, 0xFF5D, 0x3003, 0x30FB, 0xFF64, 0xFF61, 0xFF63,
        ',', '.', ';', ':', '?', '!', ')', ']', '}', '%',
    };
    for (size_t i = 0; i < MB_COUNT(set); i++)
        if (set[i] == c)
            return true;
    return false;
}

/* No line may end with these (opening marks). */
bool text_no_line_end(uint32_t c)
{
    static const uint32_t set[] = {
        0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x3008, 0x3014, 0x3016, 0x201C, 0x2018,
        0x00AB, 0xFF3B, 0xFF5B, 0xFF62, '(', '[', '{',
    };
    for (size_t i = 0; i < MB_COUNT(set); i++)
        if (set[i] == c)
            return true;
    return false;
}

/* ---- the layout cache ---- */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ull;
    }
    return h;
}

static void layout_reset(TextLayout *l)
{
    l->nglyphs = 0;
    l->width = l->height = l->lines = 0;
    l->truncated = false;
    l->has_decos = false;
}

const TextLayout *text_layout(TextEngine *te, const char *s, size_t len, const TextStyle *st,
                              const TextSpan *spans, size_t nspans, int max_width)
{
    uint64_t h = 1469598103934665603ull;
    h = fnv(h, s, len);
    h = fnv(h, st, sizeof *st);
    h = fnv(h, &max_width, sizeof max_width);
    if (nspans)
        h = fnv(h, spans, nspans * sizeof *spans);
    uint32_t slot = (uint32_t)(h % LAYOUT_CACHE);
    /* Linear probe a few slots; reuse the stalest one not used this frame. */
    TextLayout *victim = NULL;
    int victim_slot = -1;
    for (int p = 0; p < 8; p++) {
        int k = (int)((slot + (uint32_t)p) % LAYOUT_CACHE);
        TextLayout *l = te->layouts[k];
        if (l && l->hash == h && l->len == len) {
            l->frame = te->frame;
            return l;
        }
        if (!l) {
            if (!victim) {
                victim = NULL;
                victim_slot = k;
                break;
            }
        } else if (l->frame != te->frame && (!victim || l->frame < victim->frame)) {
            victim = l;
            victim_slot = k;
        }
    }
    TextLayout *l;
    if (victim_slot >= 0 && te->layouts[victim_slot]) {
        l = te->layouts[victim_slot];
    } else if (victim_slot >= 0) {
        l = mb_xcalloc(1, sizeof *l);
        te->layouts[victim_slot] = l;
    } else {
        /* Every probed slot was used this frame: a page with more distinct
         * texts than the probe window; keep it in the overflow list. */
        l = mb_xcalloc(1, sizeof *l);
        l->overflow_next = te->overflow;
        te->overflow = l;
    }
    layout_reset(l);
    fonts_make_room(te);
    l->hash = h;
    l->len = len;
    l->frame = te->frame;
    LGlyph *sh = NULL;
    int n = text_shape(te, s, len, st, spans, nspans, &sh);
    text_break(te, l, sh, n, st, max_width, max_width);
    /* A Chinese paragraph should not end with one character alone on its
     * last line (手 / 中。): break it a little narrower, keeping the number
     * of lines (and the measure it is justified to), until the last line
     * has company. */
    for (int k = 1; k <= 3 && max_width > 0 && st->lang == LANG_ZH && text_orphan(l); k++) {
        int lines = l->lines;
        TextLayout trial = {0};
        text_break(te, &trial, sh, n, st, max_width - k * st->size, max_width);
        if (trial.lines == lines && !text_orphan(&trial) && !trial.truncated) {
            LGlyph *old = l->glyphs;
            trial.hash = l->hash;
            trial.len = l->len;
            trial.frame = l->frame;
            trial.overflow_next = l->overflow_next;
            *l = trial;
            free(old);
            break;
        }
        free(trial.glyphs);
    }
    free(sh);
    if (l->capglyphs > l->nglyphs) { /* kept: no more room than it holds */
        l->capglyphs = MB_MAX(l->nglyphs, 1);
        l->glyphs = mb_xrealloc(l->glyphs, (size_t)l->capglyphs * sizeof *l->glyphs);
    }
    te->layouts_built++;
    return l;
}

const TextLayout *text_layout_str(TextEngine *te, const char *s, const TextStyle *st, int max_width)
{
    return text_layout(te, s, strlen(s), st, NULL, 0, max_width);
}

int text_layout_width(const TextLayout *l)
{
    return l->width;
}

int text_layout_height(const TextLayout *l)
{
    return l->height;
}

int text_layout_lines(const TextLayout *l)
{
    return l->lines;
}

bool text_layout_truncated(const TextLayout *l)
{
    return l->truncated;
}

bool text_layout_hit(const TextLayout *l, int x, int y, uint32_t *byte_off)
{
    for (int i = 0; i < l->nglyphs; i++) {
        const LGlyph *g = &l->glyphs[i];
        int top = g->y - l->line_h * 3 / 4;
        /* The space justification spread after a glyph is its own. */
        int right = g->x + g->adv;
        if (i + 1 < l->nglyphs && l->glyphs[i + 1].line == g->line)
            right = MB_MAX(right, l->glyphs[i + 1].x);
        if (x >= g->x && x < right && y >= top && y < top + l->line_h) {
            *byte_off = g->byte;
            return true;
        }
    }
    return false;
}

bool text_layout_byte_pos(const TextLayout *l, uint32_t byte_off, int *x, int *y)
{
    for (int i = 0; i < l->nglyphs; i++)
        if (l->glyphs[i].byte >= byte_off && !l->glyphs[i].space) {
            *x = l->glyphs[i].x;
            *y = l->line_h * l->glyphs[i].line + l->line_h / 2;
            return true;
        }
    return false;
}

/* The first and last visible glyphs of line, as indexes; false if none. */
static bool line_span(const TextLayout *l, int line, int *first, int *last)
{
    *first = *last = -1;
    for (int i = 0; i < l->nglyphs; i++) {
        if (l->glyphs[i].line != line || l->glyphs[i].space)
            continue;
        if (*first < 0)
            *first = i;
        *last = i;
    }
    return *first >= 0;
}

bool text_layout_line_bytes(const TextLayout *l, int line, uint32_t *first, uint32_t *last)
{
    int a, b;
    if (!line_span(l, line, &a, &b))
        return false;
    *first = l->glyphs[a].byte;
    *last = l->glyphs[b].byte;
    return true;
}

bool text_layout_line_extent(const TextLayout *l, int line, int *x0, int *x1)
{
    int a, b;
    if (!line_span(l, line, &a, &b))
        return false;
    *x0 = l->glyphs[a].x;
    *x1 = l->glyphs[b].x + l->glyphs[b].adv;
    return true;
}

void text_engine_stats(TextEngine *te, TextStats *out)
{
    memset(out, 0, sizeof *out);
    out->atlas_pages = te->npages;
    out->atlas_bytes = (size_t)te->npages * ATLAS_SIZE * ATLAS_SIZE * 4;
    for (int i = 0; i < RASTER_TABLE; i++)
        out->glyphs_cached += te->rasters[i].used && te->rasters[i].page >= 0;
    for (int i = 0; i < LAYOUT_CACHE; i++)
        out->layouts_cached += te->layouts[i] != NULL;
    out->layouts_built = te->layouts_built;
    out->glyphs_rasterised = te->glyphs_rasterised;
}
