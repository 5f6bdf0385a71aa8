/* Text engine: faces and fallback, line breaking and layout, the layout
 * cache. Input strings come from packs: any bytes lay out (invalid UTF-8
 * shows U+FFFD) and nothing is unbounded per frame: the layout cache and the
 * glyph table have fixed sizes and evict what the current frame did not use. */
#include "text_internal.h"

#include <linebreak.h>
#include <math.h>
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

TextEngine *text_engine_new(const char *font_dir)
{
    static bool inited;
    if (!inited) {
        if (!TTF_WasInit() && TTF_Init() != 0) {
            mb_log(LOG_ERROR, "cannot start the font library: %s", TTF_GetError());
            return NULL;
        }
        init_linebreak();
        inited = true;
    }
    TextEngine *te = mb_xcalloc(1, sizeof *te);
    for (int f = 0; f < FACE_COUNT; f++) {
        te->face_path[f] = mb_xasprintf("%s/%s", font_dir, face_files[f]);
        /* Probe once now so a missing font is reported at start, not mid-page. */
        TTF_Font *probe = TTF_OpenFont(te->face_path[f], 16);
        if (!probe) {
            mb_log(LOG_ERROR, "font %s is missing or unreadable (%s); run board/make-fonts.sh",
                   te->face_path[f], TTF_GetError());
            text_engine_free(te);
            return NULL;
        }
        TTF_CloseFont(probe);
    }
    return te;
}

void text_engine_free(TextEngine *te)
{
    if (!te)
        return;
    text_atlas_free(te);
    for (int f = 0; f < FACE_COUNT; f++)
        if (te->face_font[f])
            TTF_CloseFont(te->face_font[f]);
    for (int i = 0; i < LAYOUT_CACHE; i++)
        if (te->layouts[i]) {
            free(te->layouts[i]->glyphs);
            free(te->layouts[i]->decos);
            free(te->layouts[i]);
        }
    for (int f = 0; f < FACE_COUNT; f++)
        free(te->face_path[f]);
    free(te);
}

void text_engine_frame(TextEngine *te)
{
    te->frame++;
    while (te->overflow) {
        TextLayout *next = te->overflow->overflow_next;
        free(te->overflow->glyphs);
        free(te->overflow);
        te->overflow = next;
    }
}

TTF_Font *text_font_ttf(TextEngine *te, int slot)
{
    FontSlot *s = &te->fonts[slot];
    TTF_Font *f = te->face_font[s->face];
    if (te->face_px[s->face] != s->px) {
        TTF_SetFontSize(f, s->px);
        te->face_px[s->face] = s->px;
    }
    return f;
}

/* The slot for a face at a pixel size; the face is opened on first use. */
int text_font_get(TextEngine *te, int face, int px)
{
    for (int i = 0; i < te->nfonts; i++)
        if (te->fonts[i].face == face && te->fonts[i].px == px)
            return i;
    if (te->nfonts == MAX_FONTS) {
        /* Sizes are few in practice (the theme has a handful); dropping
         * the tables is a safe, rare reset. */
        text_atlas_free(te);
        memset(te->glyphs, 0, sizeof te->glyphs);
        for (int i = 0; i < LAYOUT_CACHE; i++)
            if (te->layouts[i])
                te->layouts[i]->hash = 0;
        te->nfonts = 0;
    }
    if (!te->face_font[face]) {
        te->face_font[face] = TTF_OpenFont(te->face_path[face], px);
        if (!te->face_font[face]) {
            mb_log(LOG_ERROR, "cannot open %s: %s", te->face_path[face], TTF_GetError());
            abort(); /* the face opened at start; failing now means memory is gone */
        }
        TTF_SetFontHinting(te->face_font[face], TTF_HINTING_LIGHT);
        te->face_px[face] = px;
    }
    FontSlot *s = &te->fonts[te->nfonts];
    s->face = face;
    s->px = px;
    int slot = te->nfonts++;
    s->ascent = TTF_FontAscent(text_font_ttf(te, slot));
    return slot;
}

static uint32_t glyph_hash(int font, uint32_t cp)
{
    uint32_t h = cp * 2654435761u ^ (uint32_t)font * 40503u;
    return h ^ (h >> 15);
}

/* The glyph table entry for (font, cp): advance and, once drawn, its place
 * in the atlas. Open addressing over a fixed table; when the probe sequence
 * is full the oldest slot in it is reused. */
Glyph *text_glyph_get(TextEngine *te, int font, uint32_t cp)
{
    uint32_t h = glyph_hash(font, cp);
    Glyph *victim = NULL;
    for (int probe = 0; probe < 8; probe++) {
        Glyph *g = &te->glyphs[(h + (uint32_t)probe) & (GLYPH_TABLE - 1)];
        if (g->used && g->cp == cp && g->font == font)
            return g;
        if (!g->used) {
            victim = g;
            break;
        }
        if (!victim || g->stamp < victim->stamp)
            victim = g;
    }
    Glyph *g = victim;
    memset(g, 0, sizeof *g);
    g->used = true;
    g->cp = cp;
    g->font = (int16_t)font;
    int minx, maxx, miny, maxy, adv;
    if (TTF_GlyphMetrics32(text_font_ttf(te, font), cp, &minx, &maxx, &miny, &maxy, &adv) == 0) {
        g->advance = (int16_t)adv;
        g->minx = (int16_t)minx;
    }
    return g;
}

static bool face_has(TextEngine *te, int face, uint32_t cp, int px)
{
    int f = text_font_get(te, face, px);
    return TTF_GlyphIsProvided32(text_font_ttf(te, f), cp) != 0;
}

bool text_covers(TextEngine *te, uint32_t cp, bool bold)
{
    const int *chain = bold ? chain_bold : chain_regular;
    for (int i = 0; i < 2; i++)
        if (face_has(te, chain[i], cp, 16))
            return true;
    return false;
}

/* ---- character classes for the Chinese rules and spacing ---- */

static bool is_cjk(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x3040 && c <= 0x30FF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x2FFFF);
}

static bool is_cjk_punct(uint32_t c)
{
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF65);
}

static bool is_latin_alnum(uint32_t c)
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

/* ---- layout ---- */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint32_t flags_at(const TextSpan *spans, size_t n, uint32_t off)
{
    uint32_t f = 0;
    for (size_t i = 0; i < n; i++)
        if (off >= spans[i].start && off < spans[i].start + spans[i].len)
            f |= spans[i].flags;
    return f;
}

static int pick_face(TextEngine *te, uint32_t cp, uint32_t flags, Lang lang, int px)
{
    bool em = (flags & TEXT_EM) && lang == LANG_EN; /* Chinese emphasis: dots */
    const int *chain = (flags & TEXT_BOLD) ? (em ? chain_bold_italic : chain_bold)
                       : em                ? chain_italic
                                           : chain_regular;
    /* CJK characters and CJK punctuation always come from the CJK face, so
     * that full-width punctuation keeps its full width. */
    int first = (is_cjk(cp) || is_cjk_punct(cp)) ? 1 : 0;
    /* Typographic quotes in Chinese text are full-width, from the CJK face. */
    if (lang == LANG_ZH && (cp == 0x201C || cp == 0x201D || cp == 0x2018 || cp == 0x2019 ||
                            cp == 0x2014 || cp == 0x2026))
        first = 1;
    for (int i = first; i < 2; i++)
        if (face_has(te, chain[i], cp, px))
            return chain[i];
    for (int i = 0; i < first; i++)
        if (face_has(te, chain[i], cp, px))
            return chain[i];
    return chain[0]; /* .notdef box: visible, and the coverage test names it */
}

typedef struct {
    TextEngine *te;
    TextLayout *l;
    const TextStyle *st;
    int max_width;
    int line_h, base_off;
    int line_start;  /* first glyph of the current line */
    int y;
    int pen;         /* x of the next glyph on the current line */
    int last_break;  /* glyph after which the current line may break, or -1 */
} Builder;

static void push_glyph(TextLayout *l, const LGlyph *g)
{
    if (l->nglyphs == l->capglyphs) {
        l->capglyphs = l->capglyphs ? l->capglyphs * 2 : 64;
        l->glyphs = mb_xrealloc(l->glyphs, (size_t)l->capglyphs * sizeof *l->glyphs);
    }
    l->glyphs[l->nglyphs++] = *g;
}

/* Ends the line made of glyphs [b->line_start, end): aligns it and moves
 * the rest (glyphs after end) to start the next line. */
static void finish_line(Builder *b, int end)
{
    TextLayout *l = b->l;
    int w = 0;
    for (int i = b->line_start; i < end; i++) {
        LGlyph *g = &l->glyphs[i];
        if (!g->space)
            w = MB_MAX(w, g->x + g->adv);
    }
    int shift = 0;
    if (b->max_width > 0 && b->st->align == TEXT_ALIGN_CENTER)
        shift = (b->max_width - w) / 2;
    else if (b->max_width > 0 && b->st->align == TEXT_ALIGN_RIGHT)
        shift = b->max_width - w;
    for (int i = b->line_start; i < end; i++) {
        l->glyphs[i].x += shift;
        l->glyphs[i].y = b->y + b->base_off;
        l->glyphs[i].line = l->lines;
    }
    l->width = MB_MAX(l->width, w + MB_MAX(shift, 0));
    l->lines++;
    b->y += b->line_h;
    /* The glyphs after end start the next line at x = 0. */
    if (end < l->nglyphs) {
        int dx = l->glyphs[end].x;
        for (int i = end; i < l->nglyphs; i++)
            l->glyphs[i].x -= dx;
    }
    b->line_start = end;
}

/* Cuts the layout to st->max_lines lines, ending the last with "...". */
static void truncate_lines(TextEngine *te, TextLayout *l, const TextStyle *st, int max_width)
{
    int keep = 0;
    while (keep < l->nglyphs && l->glyphs[keep].line < st->max_lines)
        keep++;
    l->nglyphs = keep;
    int first_of_last = keep;
    while (first_of_last > 0 && l->glyphs[first_of_last - 1].line == st->max_lines - 1)
        first_of_last--;
    int font = keep ? l->glyphs[keep - 1].font : text_font_get(te, FACE_LATIN, st->size);
    Glyph *dots = text_glyph_get(te, font, 0x2026);
    int limit = max_width > 0 ? max_width - dots->advance : 1 << 29;
    while (l->nglyphs > first_of_last &&
           (l->glyphs[l->nglyphs - 1].x + l->glyphs[l->nglyphs - 1].adv > limit ||
            l->glyphs[l->nglyphs - 1].space))
        l->nglyphs--;
    LGlyph e = {0};
    e.cp = 0x2026;
    e.font = (int16_t)font;
    e.adv = dots->advance;
    e.line = st->max_lines - 1;
    e.y = l->line_h * (st->max_lines - 1) + (keep ? l->glyphs[keep - 1].y - l->line_h * l->glyphs[keep - 1].line : 0);
    if (l->nglyphs > first_of_last) {
        LGlyph *p = &l->glyphs[l->nglyphs - 1];
        e.x = p->x + p->adv;
        e.byte = p->byte;
        e.y = p->y;
    }
    push_glyph(l, &e);
    l->lines = st->max_lines;
    l->height = l->line_h * st->max_lines;
    l->truncated = true;
}

static Builder builder_start(TextEngine *te, TextLayout *l, const TextStyle *st, int max_width)
{
    Builder b = {.te = te, .l = l, .st = st, .max_width = max_width, .last_break = -1};
    float lh = st->line_height > 0 ? st->line_height : (st->lang == LANG_ZH ? 1.75f : 1.55f);
    b.line_h = (int)lroundf((float)st->size * lh);
    /* Baseline sits so that the em box is centred in the line box. */
    b.base_off = (b.line_h - st->size) / 2 + (int)lroundf((float)st->size * 0.88f);
    l->line_h = b.line_h;
    return b;
}

/* The glyph of cp (at byte off, with span flags fl) at the pen, in the face
 * the fallback chain picks. prev_cp is the character before it on the line
 * (0 at its start). */
static LGlyph make_glyph(Builder *b, uint32_t cp, size_t off, uint32_t fl, uint32_t prev_cp)
{
    const TextStyle *st = b->st;
    int face = pick_face(b->te, cp, fl, st->lang, st->size);
    int font = text_font_get(b->te, face, st->size);
    Glyph *gi = text_glyph_get(b->te, font, cp);
    /* A quarter em between Chinese and Latin letters or digits, as
     * careful Chinese typesetting does, unless a space is already there. */
    if ((is_cjk(prev_cp) && is_latin_alnum(cp)) || (is_latin_alnum(prev_cp) && is_cjk(cp)))
        b->pen += st->size / 4;
    LGlyph g = {0};
    g.cp = cp;
    g.font = (int16_t)font;
    g.x = b->pen;
    g.adv = gi->advance;
    g.minx = gi->minx;
    g.byte = (uint32_t)off;
    g.flags = (uint16_t)fl;
    g.space = (cp == ' ' || cp == 0x3000);
    g.cjk = is_cjk(cp);
    return g;
}

/* g (not a space) does not fit on the current line: ends the line after its
 * last break opportunity, or, for an over-long token (a URL, a DOI), right
 * before g so nothing overflows the box; g goes after what moved down. */
static void wrap_before(Builder *b, LGlyph *g)
{
    TextLayout *l = b->l;
    int cut = b->last_break >= b->line_start ? b->last_break + 1 : l->nglyphs;
    if (b->last_break < b->line_start) {
        /* Even a forced break keeps closing marks off the line start
         * and opening marks off the line end. */
        while (cut - 1 > b->line_start &&
               (text_no_line_start(cut < l->nglyphs ? l->glyphs[cut].cp : g->cp) ||
                text_no_line_end(l->glyphs[cut - 1].cp)))
            cut--;
    }
    finish_line(b, cut);
    b->last_break = -1;
    b->pen = 0;
    if (l->nglyphs > b->line_start) {
        LGlyph *lastg = &l->glyphs[l->nglyphs - 1];
        b->pen = lastg->x + lastg->adv;
    }
    g->x = b->pen;
}

/* May a line break come after cp, the character that ends at byte endbyte
 * of s, the next one starting at byte next? libunibreak's answer (brks),
 * less the breaks that would end a line with an opening mark or start one
 * with a closing mark. */
static bool break_after(const char *s, size_t len, const char *brks, size_t endbyte, size_t next,
                        uint32_t cp)
{
    if (endbyte >= len || brks[endbyte] != LINEBREAK_ALLOWBREAK || text_no_line_end(cp))
        return false;
    if (next < len) {
        size_t j = next;
        if (text_no_line_start(utf8_decode(s, len, &j)))
            return false;
    }
    return true;
}

static void build(TextEngine *te, TextLayout *l, const char *s, size_t len, const TextStyle *st,
                  const TextSpan *spans, size_t nspans, int max_width)
{
    Builder b = builder_start(te, l, st, max_width);
    char *brks = mb_xmalloc(len ? len : 1);
    if (len)
        set_linebreaks_utf8((const utf8_t *)s, len, st->lang == LANG_ZH ? "zh" : "en", brks);

    uint32_t prev_cp = 0;
    size_t i = 0;
    while (i < len) {
        size_t off = i;
        uint32_t cp = utf8_decode(s, len, &i);
        size_t endbyte = i - 1;
        if (cp == '\r')
            continue;
        if (cp == '\n') {
            finish_line(&b, l->nglyphs);
            b.pen = 0;
            b.last_break = -1;
            prev_cp = 0;
            continue;
        }
        if (cp == 0xAD || cp == 0x200B || cp == 0xFEFF)
            continue;
        if (cp == '\t')
            cp = ' ';
        uint32_t fl = st->flags | flags_at(spans, nspans, (uint32_t)off);
        LGlyph g = make_glyph(&b, cp, off, fl, prev_cp);
        prev_cp = cp;
        if (max_width > 0 && !g.space && b.pen + g.adv > max_width && l->nglyphs > b.line_start)
            wrap_before(&b, &g);
        /* Leading spaces of a wrapped line are dropped. */
        if (g.space && l->nglyphs == b.line_start && l->lines > 0)
            continue;
        push_glyph(l, &g);
        b.pen = g.x + g.adv;
        if (g.flags & (TEXT_LINK | TEXT_GLOSSARY))
            l->has_decos = true;
        if (break_after(s, len, brks, endbyte, i, cp))
            b.last_break = l->nglyphs - 1;
    }
    if (l->nglyphs > b.line_start || l->lines == 0)
        finish_line(&b, l->nglyphs);
    l->height = b.y;
    free(brks);
    if (st->max_lines > 0 && l->lines > st->max_lines)
        truncate_lines(te, l, st, max_width);
}

/* True when the last line holds a single character (and perhaps closing
 * punctuation) under a longer line. */
static bool orphan(const TextLayout *l)
{
    if (l->lines < 2)
        return false;
    int chars = 0;
    for (int i = l->nglyphs - 1; i >= 0 && l->glyphs[i].line == l->lines - 1; i--)
        if (!l->glyphs[i].space && !text_no_line_start(l->glyphs[i].cp))
            chars++;
    return chars == 1;
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
    l->hash = h;
    l->len = len;
    l->frame = te->frame;
    build(te, l, s, len, st, spans, nspans, max_width);
    /* A Chinese paragraph should not end with one character alone on its
     * last line (手 / 中。): lay it out a little narrower, keeping the
     * number of lines, until the last line has company. */
    for (int k = 1; k <= 3 && max_width > 0 && st->lang == LANG_ZH && orphan(l); k++) {
        int lines = l->lines;
        TextLayout trial = {0};
        build(te, &trial, s, len, st, spans, nspans, max_width - k * st->size);
        if (trial.lines == lines && !orphan(&trial) && !trial.truncated) {
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
        if (x >= g->x && x < g->x + g->adv && y >= top && y < top + l->line_h) {
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
