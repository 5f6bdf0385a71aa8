/* A GIFT block's text: its lines joined as Moodle joins them, comment lines
 * taken out (their [id:], [tag:] and "source:" kept), escapes resolved, each
 * byte keeping its line and column; the searches and trims the parser makes
 * on that text; and the parser's messages, located in it. Input is untrusted
 * text that gift.c has cut into lines and checked for invalid UTF-8 and NUL
 * bytes; every scan stays inside the block's bytes. */
#include "gift_internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Of each level; a binary file would otherwise give one message per line. */
enum { GIFT_MAX_DIAGS = 1000 };

/* ---------------- the block's text ---------------- */

void gift_text_push(GiftText *t, char c, bool lit, int line, int col)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 256;
        t->c = mb_xrealloc(t->c, cap);
        t->lit = mb_xrealloc(t->lit, cap);
        t->line = mb_xrealloc(t->line, cap * sizeof *t->line);
        t->col = mb_xrealloc(t->col, cap * sizeof *t->col);
        t->cap = cap;
    }
    t->c[t->n] = c;
    t->lit[t->n] = lit;
    t->line[t->n] = line;
    t->col[t->n] = col;
    t->n++;
}

void gift_text_copy(GiftText *dst, const GiftText *src, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        gift_text_push(dst, src->c[i], src->lit[i], src->line[i], src->col[i]);
}

void gift_text_free(GiftText *t)
{
    free(t->c);
    free(t->lit);
    free(t->line);
    free(t->col);
    memset(t, 0, sizeof *t);
}

/* PHP's trim() set, which Moodle applies to lines and fields. */
bool gift_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\0';
}

/* Syntax characters are the ones not produced by an escape. */
bool gift_is(const GiftText *t, size_t i, char c)
{
    return t->c[i] == c && !t->lit[i];
}

/* Trims unescaped whitespace, as Moodle's trim() of placeholder text does. */
void gift_trim(const GiftText *t, size_t *a, size_t *b)
{
    while (*a < *b && !t->lit[*a] && gift_space(t->c[*a]))
        (*a)++;
    while (*b > *a && !t->lit[*b - 1] && gift_space(t->c[*b - 1]))
        (*b)--;
}

static bool gift_match(const GiftText *t, size_t i, const char *pat, size_t plen)
{
    for (size_t k = 0; k < plen; k++)
        if (!gift_is(t, i + k, pat[k]))
            return false;
    return true;
}

/* First unescaped occurrence of pat in [a, b), or GIFT_NONE. */
size_t gift_find(const GiftText *t, size_t a, size_t b, const char *pat)
{
    size_t plen = strlen(pat);
    for (size_t i = a; i < b && b - i >= plen; i++)
        if (gift_match(t, i, pat, plen))
            return i;
    return GIFT_NONE;
}

/* Last unescaped occurrence of pat in [a, b), or GIFT_NONE. */
size_t gift_rfind(const GiftText *t, size_t a, size_t b, const char *pat)
{
    size_t plen = strlen(pat);
    if (b < a || b - a < plen)
        return GIFT_NONE;
    for (size_t i = b - plen + 1; i-- > a;)
        if (gift_match(t, i, pat, plen))
            return i;
    return GIFT_NONE;
}

bool gift_starts(const GiftText *t, size_t a, size_t b, const char *pat)
{
    size_t plen = strlen(pat);
    return b - a >= plen && gift_match(t, a, pat, plen);
}

/* ---------------- messages ---------------- */

static void gift_vdiag(GiftParser *p, DiagLevel level, int line, int col, const char *hint,
                       const char *fmt, va_list ap) MB_PRINTF(6, 0);
static void gift_vdiag(GiftParser *p, DiagLevel level, int line, int col, const char *hint,
                       const char *fmt, va_list ap)
{
    if (level == DIAG_ERROR)
        p->bad = true;
    if (p->stop)
        return;
    if (level == DIAG_ERROR && p->errors >= GIFT_MAX_DIAGS) {
        diags_add(p->diags, DIAG_ERROR, p->path, line, col, NULL,
                  "too many errors; the rest of this file was not checked");
        p->errors++;
        p->stop = true;
        return;
    }
    /* Warnings never stop the check; past the cap they are only counted. */
    if (level == DIAG_WARNING && p->warnings++ >= GIFT_MAX_DIAGS) {
        if (p->warnings == GIFT_MAX_DIAGS + 1)
            diags_add(p->diags, DIAG_WARNING, p->path, line, col, NULL,
                      "too many warnings; the rest are not shown");
        return;
    }
    diags_vadd(p->diags, level, p->path, line, col, hint, NULL, fmt, ap);
    if (level == DIAG_ERROR)
        p->errors++;
}

void gift_diag(GiftParser *p, DiagLevel level, int line, int col, const char *hint, const char *fmt,
               ...)
{
    va_list ap;
    va_start(ap, fmt);
    gift_vdiag(p, level, line, col, hint, fmt, ap);
    va_end(ap);
}

/* A diagnostic at byte i of t. */
void gift_diag_at(GiftParser *p, DiagLevel level, const GiftText *t, size_t i, const char *hint,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gift_vdiag(p, level, t->line[i], t->col[i], hint, fmt, ap);
    va_end(ap);
}

/* ---------------- strings and fields ---------------- */

void gift_inc(int *v, int by)
{
    *v = *v > INT_MAX - by ? INT_MAX : *v + by;
}

/* Bytes of s that fit in about max bytes without cutting a UTF-8 sequence,
 * for quoting input in messages. */
int gift_quote_len(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return (int)n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return (int)max;
}

/* Copies t[a, b) into the arena with PHP's trim(), which Moodle applies after
 * the placeholders are turned back into characters, so an escaped "\n" at an
 * end goes too. */
char *gift_string(GiftParser *p, const GiftText *t, size_t a, size_t b)
{
    while (a < b && gift_space(t->c[a]))
        a++;
    while (b > a && gift_space(t->c[b - 1]))
        b--;
    if (a >= b)
        return arena_strdup(p->arena, "");
    return arena_strndup(p->arena, t->c + a, b - a);
}

static bool gift_format_lookup(const char *s, size_t n, TextFormat *out)
{
    static const struct {
        const char *name;
        TextFormat f;
    } names[] = {
        {"moodle", TF_MOODLE}, {"html", TF_HTML}, {"plain", TF_PLAIN}, {"markdown", TF_MARKDOWN}};
    for (size_t i = 0; i < MB_COUNT(names); i++)
        if (strlen(names[i].name) == n && !memcmp(names[i].name, s, n)) {
            *out = names[i].f;
            return true;
        }
    return false;
}

/* Moodle's parse_text_with_format: a field may start with "[html]" and the
 * like; an unknown "[x]" stays text and the field takes def. */
char *gift_field(GiftParser *p, const GiftText *t, size_t a, size_t b, TextFormat def,
                 TextFormat *fmt)
{
    gift_trim(t, &a, &b);
    *fmt = def;
    if (a < b && gift_is(t, a, '[')) {
        size_t e = a + 1;
        while (e < b && !gift_is(t, e, ']'))
            e++;
        TextFormat f;
        if (e < b && gift_format_lookup(t->c + a + 1, e - a - 1, &f)) {
            *fmt = f;
            a = e + 1;
        }
    }
    return gift_string(p, t, a, b);
}

char *gift_nonempty(char *s)
{
    return s && *s ? s : NULL;
}

/* ---------------- comments: [id:], [tag:], source: ---------------- */

/* Scans the content of an "[id:" or "[tag:" token starting at s[i] the way
 * Moodle's regular expression matches it: any characters but control ones
 * (and, in tags, '<', '>', '`'), "\]" standing for ']', up to a ']'. When
 * the scan fails, the regex backtracks to the last "\]" and takes its ']' as
 * the end. On success *close is the index of the closing ']'; on failure
 * *stop is where the scan stopped (no token can start before it and succeed). */
static bool gift_token_scan(const char *s, size_t n, size_t i, bool tag, size_t *close,
                            size_t *stop)
{
    size_t last_esc = GIFT_NONE, j = i;
    while (j < n) {
        unsigned char c = (unsigned char)s[j];
        if (c == '\\' && j + 1 < n && s[j + 1] == ']') {
            last_esc = j;
            j += 2;
            continue;
        }
        if (c == ']') {
            if (j > i) {
                *close = j;
                return true;
            }
            break;
        }
        if (c < 0x20 || c == 0x7F || (tag && (c == '<' || c == '>' || c == '`')))
            break;
        j++;
    }
    *stop = j;
    if (last_esc != GIFT_NONE) {
        *close = last_esc + 1;
        return true;
    }
    return false;
}

/* The token's text: trimmed, then "\]" -> "]" (Moodle's order). */
static char *gift_token_text(GiftParser *p, const char *s, size_t a, size_t b)
{
    while (a < b && gift_space(s[a]))
        a++;
    while (b > a && gift_space(s[b - 1]))
        b--;
    char *out = arena_alloc(p->arena, b - a + 1);
    size_t k = 0;
    for (size_t i = a; i < b; i++) {
        if (s[i] == '\\' && i + 1 < b && s[i + 1] == ']')
            i++;
        out[k++] = s[i];
    }
    out[k] = 0;
    return out;
}

static size_t gift_memfind(const char *s, size_t n, size_t from, const char *pat)
{
    size_t plen = strlen(pat);
    for (size_t i = from; i < n && n - i >= plen; i++)
        if (s[i] == pat[0] && !memcmp(s + i, pat, plen))
            return i;
    return GIFT_NONE;
}

static void gift_tag_add(GiftParser *p, char *tag)
{
    if (p->ntags == p->tagcap) {
        p->tagcap = p->tagcap ? p->tagcap * 2 : 8;
        p->tags = mb_xrealloc(p->tags, p->tagcap * sizeof *p->tags);
    }
    p->tags[p->ntags++] = tag;
}

/* Finds every token of one kind in a comment line; for ids only the first
 * counts (Moodle's preg_match), for tags all (preg_match_all). */
static void gift_comment_tokens(GiftParser *p, const char *s, size_t n, bool tag, GiftMeta *m)
{
    const char *open = tag ? "[tag:" : "[id:";
    size_t olen = strlen(open), i = 0;
    while ((i = gift_memfind(s, n, i, open)) != GIFT_NONE) {
        size_t close = 0, stop = 0;
        if (!gift_token_scan(s, n, i + olen, tag, &close, &stop)) {
            i = stop > i ? stop : i + 1;
            continue;
        }
        char *text = gift_token_text(p, s, i + olen, close);
        i = close + 1;
        if (!*text)
            continue;
        if (tag) {
            gift_tag_add(p, text);
        } else {
            m->id = text;
            return;
        }
    }
}

static bool gift_ascii_prefix_ci(const char *s, size_t n, const char *pat)
{
    size_t plen = strlen(pat);
    if (n < plen)
        return false;
    for (size_t i = 0; i < plen; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != pat[i])
            return false;
    }
    return true;
}

/* "// order: fixed" keeps a question's answers in the order written (a
 * list meant to be read in order, "all of the above"). */
static void gift_comment_order(const char *s, size_t n, GiftMeta *m)
{
    size_t i = 0;
    while (i < n && gift_space(s[i]))
        i++;
    while (n > i && gift_space(s[n - 1]))
        n--;
    if (n - i == 5 && gift_ascii_prefix_ci(s + i, 5, "fixed"))
        m->fixed_order = true;
}

/* "// [id:x] source: text" is Mingbai's "How do we know?" line. */
static void gift_comment_source(GiftParser *p, const char *s, size_t n, GiftMeta *m)
{
    size_t i = 2;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t'))
            i++;
        bool tag = n - i >= 5 && !memcmp(s + i, "[tag:", 5);
        bool id = n - i >= 4 && !memcmp(s + i, "[id:", 4);
        if (!tag && !id)
            break;
        size_t close = 0, stop = 0;
        if (!gift_token_scan(s, n, i + (tag ? 5 : 4), tag, &close, &stop))
            return;
        i = close + 1;
    }
    if (gift_ascii_prefix_ci(s + i, n - i, "order:")) {
        gift_comment_order(s + i + 6, n - i - 6, m);
        return;
    }
    if (m->source || !gift_ascii_prefix_ci(s + i, n - i, "source:"))
        return;
    i += 7;
    size_t e = n;
    while (i < e && gift_space(s[i]))
        i++;
    while (e > i && gift_space(s[e - 1]))
        e--;
    if (i < e)
        m->source = arena_strndup(p->arena, s + i, e - i);
}

static void gift_comment(GiftParser *p, const GiftLine *ln, GiftMeta *m)
{
    const char *s = p->data + ln->off;
    if (!m->id)
        gift_comment_tokens(p, s, ln->len, false, m);
    gift_comment_tokens(p, s, ln->len, true, m);
    gift_comment_source(p, s, ln->len, m);
}

/* ---------------- from lines to the block's text ---------------- */

static bool gift_line_is_comment(const GiftParser *p, const GiftLine *ln)
{
    return ln->len >= 2 && p->data[ln->off] == '/' && p->data[ln->off + 1] == '/';
}

/* Joins the block's lines with "\n" as Moodle does, a comment line becoming
 * " " (its meta goes to m), and resolves escapes: "\\" first, then "\:" "\#"
 * "\=" "\{" "\}" "\~" and "\n"; any other backslash stays as written. */
void gift_text_build(GiftParser *p, GiftMeta *m)
{
    GiftText *t = &p->text;
    t->n = 0;
    int prev_line = 0, prev_col = 0;
    for (size_t k = 0; k < p->nlines; k++) {
        const GiftLine *ln = &p->lines[k];
        if (k > 0)
            gift_text_push(t, '\n', false, prev_line, prev_col);
        prev_line = ln->line;
        if (gift_line_is_comment(p, ln)) {
            gift_comment(p, ln, m);
            gift_text_push(t, ' ', false, ln->line, ln->col);
            prev_col = ln->col;
            continue;
        }
        const char *s = p->data + ln->off;
        size_t n = ln->len, i = 0;
        int col = ln->col;
        while (i < n) {
            if (s[i] == '\\' && i + 1 < n) {
                char d = s[i + 1], out = 0;
                if (d == '\\')
                    out = '\\';
                else if (d == 'n')
                    out = '\n';
                else if (d && strchr(":#={}~", d))
                    out = d;
                if (out) {
                    gift_text_push(t, out, true, ln->line, col);
                    i += 2;
                    gift_inc(&col, 2);
                    continue;
                }
            }
            size_t next = i;
            utf8_decode(s, n, &next);
            /* A CR inside a line (gift.c warns) reads as a space. */
            for (; i < next; i++)
                gift_text_push(t, s[i] == '\r' ? ' ' : s[i], false, ln->line, col);
            gift_inc(&col, 1);
        }
        prev_col = col;
    }
}
