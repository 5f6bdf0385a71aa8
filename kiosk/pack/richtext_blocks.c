/* Formatted text's paragraphs: text put with the flags in force becomes a
 * block's text and spans (as kiosk/pack/markdown.c makes them), white space
 * collapsed as a browser does, sub- and superscript as the Unicode
 * characters that exist for them; and the plain text of the blocks, for
 * exports, matching and one-line labels. Input is text richtext.c took
 * from a parser; nothing here parses. */
#include <stdlib.h>
#include <string.h>

#include "richtext_internal.h"

static void rt_cp(StrBuf *b, uint32_t cp)
{
    char u[4];
    strbuf_append(b, u, (size_t)utf8_encode(cp, u));
}

/* The superscript (sup) or subscript form of c, or 0 when Unicode has none. */
static uint32_t rt_script(uint32_t c, bool sup)
{
    static const uint32_t sup_digits[10] = {0x2070, 0xB9, 0xB2, 0xB3, 0x2074,
                                            0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
    if (c >= '0' && c <= '9')
        return sup ? sup_digits[c - '0'] : 0x2080 + (c - '0');
    static const char signs[] = "+-=()";
    const char *p = c < 128 ? strchr(signs, (int)c) : NULL;
    if (p && c)
        return (sup ? 0x207A : 0x208A) + (uint32_t)(p - signs);
    if (sup && c == 'n')
        return 0x207F;
    if (sup && c == 'i')
        return 0x2071;
    return 0;
}

static void rt_span(Rt *r, uint32_t start)
{
    uint32_t n = (uint32_t)r->text.len - start;
    if (!r->flags || !n)
        return;
    Span *last = r->nspans ? &r->spans[r->nspans - 1] : NULL;
    if (last && last->start + last->len == start && last->flags == r->flags) {
        last->len += n;
        return;
    }
    if (r->nspans == r->spans_cap) {
        r->spans_cap = r->spans_cap ? r->spans_cap * 2 : 16;
        r->spans = mb_xrealloc(r->spans, r->spans_cap * sizeof *r->spans);
    }
    r->spans[r->nspans++] = (Span){.start = start, .len = n, .flags = r->flags};
}

static bool rt_white(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

void rt_put(Rt *r, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t c = utf8_decode(s, n, &i);
        if (c == 0)
            c = 0xFFFD;
        if (!r->pre && rt_white(c)) {
            r->space = true;
            continue;
        }
        if (r->space && r->text.len && r->text.data[r->text.len - 1] != '\n')
            strbuf_putc(&r->text, ' ');
        r->space = false;
        uint32_t start = (uint32_t)r->text.len;
        if (r->pre && c == '\r') {
            if (i < n && s[i] == '\n')
                continue;
            c = '\n';
        }
        uint32_t sc = r->sup || r->sub ? rt_script(c, r->sup > 0) : 0;
        rt_cp(&r->text, sc ? sc : c);
        rt_span(r, start);
    }
}

void rt_break(Rt *r)
{
    r->space = false;
    strbuf_putc(&r->text, '\n');
}

Block *rt_push(Rt *r, BlockKind kind)
{
    if (r->nblocks == r->blocks_cap) {
        r->blocks_cap = r->blocks_cap ? r->blocks_cap * 2 : 8;
        r->blocks = mb_xrealloc(r->blocks, r->blocks_cap * sizeof *r->blocks);
    }
    Block *b = &r->blocks[r->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->text = arena_strdup(r->arena, "");
    if (kind == BLK_ITEM || (r->kind == BLK_ITEM && kind != BLK_RULE)) {
        b->level = r->level;
        b->number = r->number;
        b->first_in_item = r->first_in_item && kind == BLK_ITEM;
        if (kind == BLK_ITEM)
            r->first_in_item = false;
    }
    return b;
}

/* The bytes of a space, line break or no-break space (which Moodle's
 * editor leaves at the start of answers) that ends at t[end - 1] (back) or
 * starts at t[start]; 0 when none. Neither is shown at a block's edge. */
static size_t rt_blank(const char *t, size_t start, size_t end, bool back)
{
    if (start >= end)
        return 0;
    char c = back ? t[end - 1] : t[start];
    if (c == ' ' || c == '\n')
        return 1;
    if (end - start >= 2) {
        const unsigned char *u = (const unsigned char *)(back ? t + end - 2 : t + start);
        if (u[0] == 0xC2 && u[1] == 0xA0)
            return 2;
    }
    return 0;
}

void rt_flush(Rt *r)
{
    const char *t = r->text.data ? r->text.data : "";
    size_t start = 0, end = r->text.len;
    for (size_t k; (k = rt_blank(t, start, end, false));)
        start += k;
    for (size_t k; (k = rt_blank(t, start, end, true));)
        end -= k;
    if (end > start) {
        Block *b = rt_push(r, r->kind);
        b->text = arena_strndup(r->arena, t + start, end - start);
        b->spans = arena_alloc(r->arena, (r->nspans ? r->nspans : 1) * sizeof *b->spans);
        for (size_t i = 0; i < r->nspans; i++) {
            Span s = r->spans[i];
            uint32_t s0 = MB_MAX(s.start, (uint32_t)start);
            uint32_t s1 = MB_MIN(s.start + s.len, (uint32_t)end);
            if (s1 <= s0)
                continue;
            s.start = s0 - (uint32_t)start;
            s.len = s1 - s0;
            b->spans[b->nspans++] = s;
        }
    }
    r->text.len = 0;
    r->nspans = 0;
    r->space = false;
}

/* The blocks as lines: a list item with its marker, a picture as its
 * description; no-break spaces as spaces. */
static char *rt_plain_of(Arena *arena, const Block *blocks, size_t n)
{
    StrBuf p = {0};
    strbuf_append(&p, "", 0);
    for (size_t i = 0; i < n; i++) {
        const Block *b = &blocks[i];
        const char *t = b->text ? b->text : "";
        if (b->kind == BLK_RULE || (b->kind == BLK_IMAGE && !t[0]))
            continue;
        if (p.len)
            strbuf_putc(&p, '\n');
        if (b->kind == BLK_ITEM && b->first_in_item) {
            if (b->number > 0)
                strbuf_printf(&p, "%d. ", b->number);
            else
                strbuf_puts(&p, "• ");
        }
        for (const char *s = t; *s; s++) {
            if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) {
                strbuf_putc(&p, ' ');
                s++;
            } else {
                strbuf_putc(&p, *s);
            }
        }
    }
    char *out = arena_strndup(arena, p.data, p.len);
    strbuf_free(&p);
    return out;
}

void rt_finish(Rt *r, RichText *out)
{
    out->count = r->nblocks;
    out->blocks = arena_alloc(r->arena, (r->nblocks ? r->nblocks : 1) * sizeof *out->blocks);
    if (r->nblocks)
        memcpy(out->blocks, r->blocks, r->nblocks * sizeof *r->blocks);
    out->plain = rt_plain_of(r->arena, out->blocks, out->count);
    free(r->blocks);
    free(r->spans);
    strbuf_free(&r->text);
    r->blocks = NULL;
    r->spans = NULL;
}
