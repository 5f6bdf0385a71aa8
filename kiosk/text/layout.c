/* Line breaking of shaped glyphs: greedy, at the break opportunities of
 * UAX #14 with the Chinese line-start and line-end rules (shape.c marks
 * them), a closing mark pushed in at a line end by setting it half-width,
 * and Chinese paragraphs justified: every line but a paragraph's last ends
 * exactly at the measure, the space shared between Chinese characters and
 * at spaces, never before closing punctuation, after opening punctuation,
 * inside a Latin word or after the line's last glyph. English stays
 * ragged-right. Works in 1/64 pixel and rounds each finished line. */
#include "text_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    TextEngine *te;
    TextLayout *l;
    const TextStyle *st;
    int break_w, measure; /* 26.6; 0: no wrapping */
    int line_h, base_off;
    int line_start;  /* first glyph of the current line */
    int y;
    int pen;         /* x of the next glyph on the current line (26.6) */
    int last_break;  /* glyph after which the current line may break, or -1 */
    bool justify;    /* the current paragraph is Chinese and set justified */
    bool wrapped;    /* the current line continues its paragraph */
} Builder;

static int round26(int v)
{
    return (v + 32) >> 6;
}

static void push_glyph(TextLayout *l, const LGlyph *g)
{
    if (l->nglyphs == l->capglyphs) {
        l->capglyphs = l->capglyphs ? l->capglyphs * 2 : 64;
        l->glyphs = mb_xrealloc(l->glyphs, (size_t)l->capglyphs * sizeof *l->glyphs);
    }
    l->glyphs[l->nglyphs++] = *g;
}

/* Sets g half-width, as its font's 'halt' does; returns the width saved. */
static int set_half(LGlyph *g)
{
    int d = g->adv - g->hadv;
    g->adv = g->hadv;
    g->xoff = g->hxoff;
    g->punct = PUNCT_NONE;
    return d;
}

/* May the line stretch between glyphs a and b (b follows a)? */
static bool stretch_between(const LGlyph *a, const LGlyph *b)
{
    if (a->space)
        return !b->space; /* a run of spaces stretches once, at its end */
    if (b->space || b->byte == a->byte) /* the space itself; one cluster */
        return false;
    if (text_no_line_end(a->cp) || text_no_line_start(b->cp))
        return false;
    return a->cjk || b->cjk || text_is_cjk_punct(a->cp) || text_is_cjk_punct(b->cp);
}

/* Spreads measure - w over the stretch points of glyphs [from, last];
 * false (the line left as it is) when there are none, or too few for the
 * gap to stay under an em each. */
static bool justify_line(Builder *b, int from, int last, int w)
{
    LGlyph *g = b->l->glyphs;
    int slack = b->measure - w, n = 0;
    if (slack <= 0)
        return false;
    for (int i = from; i < last; i++)
        n += stretch_between(&g[i], &g[i + 1]);
    if (n == 0 || slack / n > b->st->size * 64)
        return false;
    int k = 0, add = 0;
    for (int i = from; i <= last; i++) {
        g[i].x += add;
        if (i < last && stretch_between(&g[i], &g[i + 1]))
            add = (int)((int64_t)slack * ++k / n);
    }
    return true;
}

/* Ends the line made of glyphs [b->line_start, end) (last: the paragraph's
 * last line): pushes in its closing mark, justifies or aligns it, rounds it
 * to pixels and moves the rest (glyphs after end) to start the next line. */
static void finish_line(Builder *b, int end, bool last)
{
    TextLayout *l = b->l;
    LGlyph *G = l->glyphs;
    int lastv = -1;
    for (int i = b->line_start; i < end; i++)
        if (!G[i].space)
            lastv = i;
    int w = 0;
    if (lastv >= 0) {
        LGlyph *e = &G[lastv];
        if (e->punct == PUNCT_CLOSE && (!last || (b->break_w > 0 && e->x + e->adv > b->break_w)))
            set_half(e);
        w = e->x + e->adv;
    }
    int shift = 0;
    if (b->justify && !last && lastv >= 0 && justify_line(b, b->line_start, lastv, w))
        w = b->measure;
    else if (b->measure > 0 && b->st->align == TEXT_ALIGN_CENTER)
        shift = (b->measure - w) / 2;
    else if (b->measure > 0 && b->st->align == TEXT_ALIGN_RIGHT)
        shift = b->measure - w;
    int dx = end < l->nglyphs ? G[end].x : 0;
    for (int i = b->line_start; i < end; i++) {
        LGlyph *g = &G[i];
        int x = g->x + shift;
        g->x = round26(x);
        g->adv = round26(x + g->adv) - g->x;
        g->xoff = round26(g->xoff);
        g->yoff = round26(g->yoff);
        g->y = b->y + b->base_off;
        g->line = l->lines;
    }
    l->width = MB_MAX(l->width, round26(w + MB_MAX(shift, 0)));
    l->lines++;
    b->y += b->line_h;
    /* The glyphs after end start the next line at x = 0. */
    for (int i = end; i < l->nglyphs; i++)
        G[i].x -= dx;
    b->line_start = end;
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
    finish_line(b, cut, false);
    b->last_break = -1;
    b->pen = 0;
    b->wrapped = true;
    LGlyph *first = &l->glyphs[b->line_start];
    if (l->nglyphs > b->line_start && b->justify && first->punct == PUNCT_OPEN) {
        /* An opening mark starting a wrapped line sets its ink at the
         * margin (half-width). */
        int d = set_half(first);
        for (int i = b->line_start + 1; i < l->nglyphs; i++)
            l->glyphs[i].x -= d;
    }
    if (l->nglyphs > b->line_start) {
        LGlyph *lastg = &l->glyphs[l->nglyphs - 1];
        b->pen = lastg->x + lastg->adv;
    }
    g->x = b->pen;
}

/* Cuts the layout to st->max_lines lines, ending the last with "..." (not
 * right after a space or an opening mark). */
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
    uint32_t gid = text_glyph_id(te, font, 0x2026);
    int dots = round26(hb_font_get_glyph_h_advance(te->fonts[font].hb, gid));
    int limit = max_width > 0 ? max_width - dots : 1 << 29;
    while (l->nglyphs > first_of_last &&
           (l->glyphs[l->nglyphs - 1].x + l->glyphs[l->nglyphs - 1].adv > limit ||
            l->glyphs[l->nglyphs - 1].space || text_no_line_end(l->glyphs[l->nglyphs - 1].cp)))
        l->nglyphs--;
    LGlyph e = {0};
    e.cp = 0x2026;
    e.gid = gid;
    e.font = (int16_t)font;
    e.adv = dots;
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

/* Starts the paragraph at glyph i of sh: is it justified? */
static void paragraph_start(Builder *b, const LGlyph *sh, int n, int i)
{
    int e = i;
    while (e < n && !sh[e].nl)
        e++;
    b->justify = b->measure > 0 && b->st->align == TEXT_ALIGN_LEFT && text_is_chinese(sh, i, e);
    b->wrapped = false;
}

void text_break(TextEngine *te, TextLayout *l, const LGlyph *sh, int n, const TextStyle *st,
                int break_w, int measure)
{
    Builder b = {.te = te, .l = l, .st = st, .break_w = MB_MAX(break_w, 0) * 64,
                 .measure = MB_MAX(measure, 0) * 64, .last_break = -1};
    float lh = st->line_height > 0 ? st->line_height : (st->lang == LANG_ZH ? 1.75f : 1.55f);
    b.line_h = (int)lroundf((float)st->size * lh);
    /* Baseline sits so that the em box is centred in the line box. */
    b.base_off = (b.line_h - st->size) / 2 + (int)lroundf((float)st->size * 0.88f);
    l->line_h = b.line_h;
    paragraph_start(&b, sh, n, 0);
    for (int i = 0; i < n; i++) {
        if (sh[i].nl) {
            finish_line(&b, l->nglyphs, true);
            b.pen = 0;
            b.last_break = -1;
            paragraph_start(&b, sh, n, i + 1);
            continue;
        }
        /* Leading spaces of a wrapped line are dropped. */
        if (sh[i].space && l->nglyphs == b.line_start && l->lines > 0)
            continue;
        LGlyph g = sh[i];
        g.x = b.pen + (l->nglyphs > b.line_start ? g.gap : 0);
        /* A closing mark fits when its half-width form does (pushed in at
         * the line end); other marks inside a line keep their width, as
         * Chinese setting prefers spacing a line out to squeezing it. */
        int fit = g.punct == PUNCT_CLOSE ? g.hadv : g.adv;
        if (b.break_w > 0 && !g.space && g.x + fit > b.break_w && l->nglyphs > b.line_start)
            wrap_before(&b, &g);
        if (b.justify && b.wrapped && l->nglyphs == b.line_start && g.punct == PUNCT_OPEN)
            set_half(&g);
        push_glyph(l, &g);
        b.pen = g.x + g.adv;
        if (g.flags & (TEXT_LINK | TEXT_GLOSSARY))
            l->has_decos = true;
        if (g.brk)
            b.last_break = l->nglyphs - 1;
    }
    if (l->nglyphs > b.line_start || l->lines == 0)
        finish_line(&b, l->nglyphs, true);
    l->height = b.y;
    if (st->max_lines > 0 && l->lines > st->max_lines)
        truncate_lines(te, l, st, measure);
}

bool text_orphan(const TextLayout *l)
{
    if (l->lines < 2)
        return false;
    int chars = 0;
    for (int i = l->nglyphs - 1; i >= 0 && l->glyphs[i].line == l->lines - 1; i--)
        if (!l->glyphs[i].space && !text_no_line_start(l->glyphs[i].cp))
            chars++;
    return chars == 1;
}
