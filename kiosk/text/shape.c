/* Shaping: a text becomes one array of glyphs before it is broken into
 * lines. Each character takes its face from the fallback chain (text.c);
 * runs of one face and one script are shaped by HarfBuzz (kerning and the
 * standard ligatures of Latin, the font's own glyphs for CJK) with the rest
 * of the text as context. Chinese punctuation is then compressed as clreq
 * describes: of two adjacent marks the blank half between them goes (a
 * closing mark or stop before any mark; the second of two opening marks),
 * half-width as the font's own 'halt' feature sets it. Line breaking
 * (layout.c) decides the rest: a closing mark at a line end, justification.
 * Input is any bytes (invalid UTF-8 shows U+FFFD); the work is linear. */
#include "text_internal.h"

#include <hb-ot.h>
#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    uint32_t cp, byte, flags;
    int16_t font;
    hb_script_t script;
    bool brk, nl;
} Ch;

static uint32_t flags_at(const TextSpan *spans, size_t n, uint32_t off)
{
    uint32_t f = 0;
    for (size_t i = 0; i < n; i++)
        if (off >= spans[i].start && off < spans[i].start + spans[i].len)
            f |= spans[i].flags;
    return f;
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

/* The punctuation that may be set half-width, by its class. Stops, commas,
 * question and exclamation marks sit in the left half of their em in
 * Simplified Chinese faces (GB style), so they compress as closing marks. */
static uint8_t punct_class(uint32_t c)
{
    static const uint32_t open[] = {0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x3008,
                                    0x3014, 0x3016, 0x201C, 0x2018, 0xFF3B, 0xFF5B};
    static const uint32_t close[] = {0xFF09, 0x300D, 0x300F, 0x3011, 0x300B, 0x3009,
                                     0x3015, 0x3017, 0x201D, 0x2019, 0xFF3D, 0xFF5D,
                                     0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF0E,
                                     0xFF1F, 0xFF01};
    for (size_t i = 0; i < MB_COUNT(open); i++)
        if (open[i] == c)
            return PUNCT_OPEN;
    for (size_t i = 0; i < MB_COUNT(close); i++)
        if (close[i] == c)
            return PUNCT_CLOSE;
    return PUNCT_NONE;
}

/* The characters of s, each with its font, flags, script and whether a
 * line may break after it; soft hyphens, zero-width spaces, BOMs and
 * carriage returns are left out (a zero-width space leaves its break). */
static int decode(TextEngine *te, const char *s, size_t len, const TextStyle *st,
                  const TextSpan *spans, size_t nspans, Ch *ch)
{
    char *brks = mb_xmalloc(len ? len : 1);
    if (len)
        set_linebreaks_utf8((const utf8_t *)s, len, st->lang == LANG_ZH ? "zh" : "en", brks);
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    int n = 0;
    size_t i = 0;
    while (i < len) {
        size_t off = i;
        uint32_t cp = utf8_decode(s, len, &i);
        if (cp == 0x200B && n > 0 && !ch[n - 1].nl)
            ch[n - 1].brk = ch[n - 1].brk || break_after(s, len, brks, i - 1, i, cp);
        if (cp == '\r' || cp == 0xAD || cp == 0x200B || cp == 0xFEFF)
            continue;
        Ch *c = &ch[n++];
        memset(c, 0, sizeof *c);
        c->byte = (uint32_t)off;
        if (cp == '\n') {
            c->cp = cp;
            c->nl = true;
            continue;
        }
        c->cp = cp == '\t' ? ' ' : cp;
        c->flags = st->flags | flags_at(spans, nspans, (uint32_t)off);
        int face = text_pick_face(te, c->cp, c->flags, st->lang, st->size);
        c->font = (int16_t)text_font_get(te, face, st->size);
        c->script = hb_unicode_script(uf, c->cp);
        c->brk = break_after(s, len, brks, i - 1, i, cp);
    }
    free(brks);
    return n;
}

static bool neutral(hb_script_t s)
{
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

/* The end of the run that starts at a: one font, one script (neutral
 * characters, spaces and digits join the run they are in), no hard break. */
static int run_end(const Ch *ch, int n, int a, hb_script_t *script)
{
    *script = ch[a].script;
    int b = a + 1;
    for (; b < n && !ch[b].nl && ch[b].font == ch[a].font; b++) {
        if (neutral(ch[b].script))
            continue;
        if (neutral(*script))
            *script = ch[b].script;
        else if (ch[b].script != *script)
            break;
    }
    return b;
}

static void shape_into(TextEngine *te, hb_buffer_t *buf, const hb_codepoint_t *cps, int n, int a,
                       int b, int font, hb_script_t script, Lang lang, const hb_feature_t *feat,
                       unsigned nfeat)
{
    hb_buffer_clear_contents(buf);
    hb_buffer_add_codepoints(buf, cps, n, (unsigned)a, b - a);
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    if (!neutral(script))
        hb_buffer_set_script(buf, script);
    hb_buffer_set_language(buf, hb_language_from_string(lang == LANG_ZH ? "zh-Hans" : "en", -1));
    hb_buffer_guess_segment_properties(buf);
    hb_shape(te->fonts[font].hb, buf, feat, nfeat);
}

typedef struct {
    LGlyph *g;
    int n, cap;
} GlyphVec;

static LGlyph *vec_push(GlyphVec *v)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->g = mb_xrealloc(v->g, (size_t)v->cap * sizeof *v->g);
    }
    LGlyph *g = &v->g[v->n++];
    memset(g, 0, sizeof *g);
    return g;
}

/* Shapes the run [a, b) of ch and appends its glyphs to v. */
static void shape_run(TextEngine *te, const Ch *ch, const hb_codepoint_t *cps, int n, int a, int b,
                      hb_script_t script, const TextStyle *st, GlyphVec *v)
{
    int font = ch[a].font, face = te->fonts[font].face;
    shape_into(te, te->buf, cps, n, a, b, font, script, st->lang, NULL, 0);
    unsigned ng = 0;
    hb_glyph_info_t *info = hb_buffer_get_glyph_infos(te->buf, &ng);
    hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(te->buf, &ng);
    /* The half-width forms of the run's punctuation, as the font sets them. */
    hb_glyph_position_t *half = NULL;
    bool cjk_face = face == FACE_CJK || face == FACE_CJK_BOLD, any = false;
    for (int i = a; i < b && cjk_face && !any; i++)
        any = punct_class(ch[i].cp) != PUNCT_NONE;
    if (any) {
        hb_feature_t halt = {HB_TAG('h', 'a', 'l', 't'), 1, HB_FEATURE_GLOBAL_START,
                             HB_FEATURE_GLOBAL_END};
        shape_into(te, te->halt_buf, cps, n, a, b, font, script, st->lang, &halt, 1);
        unsigned nh = 0;
        hb_glyph_position_t *hp = hb_buffer_get_glyph_positions(te->halt_buf, &nh);
        if (nh == ng)
            half = hp;
    }
    for (unsigned j = 0; j < ng; j++) {
        int c = (int)info[j].cluster;
        int cn = j + 1 < ng ? (int)info[j + 1].cluster : b;
        const Ch *k = &ch[c];
        LGlyph *g = vec_push(v);
        g->gid = info[j].codepoint;
        g->cp = k->cp;
        g->font = (int16_t)font;
        g->flags = (uint16_t)k->flags;
        g->adv = pos[j].x_advance;
        g->xoff = pos[j].x_offset;
        g->yoff = pos[j].y_offset;
        g->hadv = g->adv;
        g->hxoff = g->xoff;
        g->byte = k->byte;
        g->space = k->cp == ' ' || k->cp == 0x3000;
        g->cjk = text_is_cjk(k->cp);
        g->brk = cn > c && ch[cn - 1].brk;
        bool first = j == 0 || (int)info[j - 1].cluster != c;
        if (first && c > 0 && !ch[c - 1].nl) {
            uint32_t p = ch[c - 1].cp;
            /* A quarter em between Chinese and Latin letters or digits, as
             * careful Chinese typesetting does, unless a space is there. */
            if ((text_is_cjk(p) && text_is_latin_alnum(k->cp)) ||
                (text_is_latin_alnum(p) && text_is_cjk(k->cp)))
                g->gap = st->size / 4 * 64;
        }
        if (half && cn == c + 1 && half[j].x_advance < g->adv) {
            g->punct = punct_class(k->cp);
            g->hadv = half[j].x_advance;
            g->hxoff = half[j].x_offset;
        }
    }
}

/* Sets g half-width (once). */
static void set_half(LGlyph *g)
{
    g->adv = g->hadv;
    g->xoff = g->hxoff;
    g->punct = PUNCT_NONE;
}

/* Adjacent marks: a closing mark or stop before another mark loses its
 * right half ("：“", "。」", "）（" take one and a half ems); of two opening
 * marks the second loses its left half ("（「"). */
static void compress_pairs(LGlyph *g, int n)
{
    for (int i = 0; i + 1 < n; i++) {
        if (g[i].punct == PUNCT_NONE || g[i + 1].punct == PUNCT_NONE)
            continue;
        if (g[i].punct == PUNCT_CLOSE)
            set_half(&g[i]);
        else if (g[i + 1].punct == PUNCT_OPEN)
            set_half(&g[i + 1]);
    }
}

int text_shape(TextEngine *te, const char *s, size_t len, const TextStyle *st,
               const TextSpan *spans, size_t nspans, LGlyph **out)
{
    Ch *ch = mb_xmalloc((len + 1) * sizeof *ch);
    int n = decode(te, s, len, st, spans, nspans, ch);
    hb_codepoint_t *cps = mb_xmalloc(((size_t)n + 1) * sizeof *cps);
    for (int i = 0; i < n; i++)
        cps[i] = ch[i].cp;
    GlyphVec v = {0};
    for (int a = 0; a < n;) {
        if (ch[a].nl) {
            LGlyph *g = vec_push(&v);
            g->nl = true;
            g->cp = '\n';
            g->byte = ch[a].byte;
            a++;
            continue;
        }
        hb_script_t script;
        int b = run_end(ch, n, a, &script);
        shape_run(te, ch, cps, n, a, b, script, st, &v);
        a = b;
    }
    compress_pairs(v.g, v.n);
    free(cps);
    free(ch);
    *out = v.g;
    return v.n;
}

bool text_is_chinese(const LGlyph *g, int a, int b)
{
    int han = 0, latin = 0;
    for (int i = a; i < b; i++) {
        han += g[i].cjk;
        latin += text_is_latin_alnum(g[i].cp);
    }
    /* A Chinese character carries about as much as two Latin letters. */
    return han > 0 && han * 2 >= latin;
}

void text_engine_warm_shaping(TextEngine *te)
{
    static const int faces[] = {FACE_LATIN, FACE_CJK, FACE_LATIN_BOLD, FACE_CJK_BOLD};
    static const hb_tag_t tables[] = {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS};
    for (size_t f = 0; f < sizeof faces / sizeof faces[0]; f++) {
        for (size_t t = 0; t < 2; t++) {
            unsigned index;
            hb_ot_layout_table_find_feature_variations(te->hb_face[faces[f]], tables[t], NULL, 0,
                                                       &index);
        }
    }
}
