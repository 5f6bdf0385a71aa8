/* GIFT quiz parser: turns Moodle's GIFT text into Questions the way Moodle's
 * own importer (question/format/gift/format.php, readquestion) reads it, rule
 * by rule as FORMATS.md section 2 lists them, and reports as located errors
 * what Moodle silently gets wrong. Input is untrusted: any byte sequence of
 * len bytes (not NUL-terminated, invalid UTF-8, megabytes on one line) gives
 * a question list or errors at line:col, never a crash or a read past the
 * buffer. There is no recursion, and the work is linear in the input. */
#include "mingbai/pack.h"

#include <assert.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Of each level; a binary file would otherwise give one message per line. */
enum { GIFT_MAX_DIAGS = 1000 };
#define GIFT_NONE ((size_t)-1)

/* ---------------- the block's text ---------------- */

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

static void gift_text_push(GiftText *t, char c, bool lit, int line, int col)
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

static void gift_text_copy(GiftText *dst, const GiftText *src, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        gift_text_push(dst, src->c[i], src->lit[i], src->line[i], src->col[i]);
}

static void gift_text_free(GiftText *t)
{
    free(t->c);
    free(t->lit);
    free(t->line);
    free(t->col);
    memset(t, 0, sizeof *t);
}

/* PHP's trim() set, which Moodle applies to lines and fields. */
static bool gift_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\0';
}

/* Syntax characters are the ones not produced by an escape. */
static bool gift_is(const GiftText *t, size_t i, char c)
{
    return t->c[i] == c && !t->lit[i];
}

/* Trims unescaped whitespace, as Moodle's trim() of placeholder text does. */
static void gift_trim(const GiftText *t, size_t *a, size_t *b)
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
static size_t gift_find(const GiftText *t, size_t a, size_t b, const char *pat)
{
    size_t plen = strlen(pat);
    for (size_t i = a; i < b && b - i >= plen; i++)
        if (gift_match(t, i, pat, plen))
            return i;
    return GIFT_NONE;
}

/* Last unescaped occurrence of pat in [a, b), or GIFT_NONE. */
static size_t gift_rfind(const GiftText *t, size_t a, size_t b, const char *pat)
{
    size_t plen = strlen(pat);
    if (b < a || b - a < plen)
        return GIFT_NONE;
    for (size_t i = b - plen + 1; i-- > a;)
        if (gift_match(t, i, pat, plen))
            return i;
    return GIFT_NONE;
}

static bool gift_starts(const GiftText *t, size_t a, size_t b, const char *pat)
{
    size_t plen = strlen(pat);
    return b - a >= plen && gift_match(t, a, pat, plen);
}

/* ---------------- the parser ---------------- */

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
} GiftParser;

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
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    diags_add(p->diags, level, p->path, line, col, hint, "%s", msg);
    if (level == DIAG_ERROR)
        p->errors++;
}

static void gift_diag(GiftParser *p, DiagLevel level, int line, int col, const char *hint,
                      const char *fmt, ...) MB_PRINTF(6, 7);
static void gift_diag(GiftParser *p, DiagLevel level, int line, int col, const char *hint,
                      const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gift_vdiag(p, level, line, col, hint, fmt, ap);
    va_end(ap);
}

/* A diagnostic at byte i of t. */
static void gift_diag_at(GiftParser *p, DiagLevel level, const GiftText *t, size_t i,
                         const char *hint, const char *fmt, ...) MB_PRINTF(6, 7);
static void gift_diag_at(GiftParser *p, DiagLevel level, const GiftText *t, size_t i,
                         const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    gift_vdiag(p, level, t->line[i], t->col[i], hint, fmt, ap);
    va_end(ap);
}

static void gift_inc(int *v, int by)
{
    *v = *v > INT_MAX - by ? INT_MAX : *v + by;
}

/* Bytes of s that fit in about max bytes without cutting a UTF-8 sequence,
 * for quoting input in messages. */
static int gift_quote_len(const char *s, size_t max)
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
static char *gift_string(GiftParser *p, const GiftText *t, size_t a, size_t b)
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
static char *gift_field(GiftParser *p, const GiftText *t, size_t a, size_t b, TextFormat def,
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

static char *gift_nonempty(char *s)
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
static void gift_text_build(GiftParser *p, GiftMeta *m)
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
            for (; i < next; i++)
                gift_text_push(t, s[i], false, ln->line, col);
            gift_inc(&col, 1);
        }
        prev_col = col;
    }
}

/* ---------------- ids ---------------- */

static uint64_t gift_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Adds id to the file's set; returns the earlier slot when it was there. */
static const GiftIdSlot *gift_id_add(GiftParser *p, const char *id, int line)
{
    if ((p->nids + 1) * 2 > p->idcap) {
        size_t cap = p->idcap ? p->idcap * 2 : 64;
        GiftIdSlot *slots = mb_xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < p->idcap; i++) {
            if (!p->ids[i].key)
                continue;
            size_t j = gift_hash(p->ids[i].key) & (cap - 1);
            while (slots[j].key)
                j = (j + 1) & (cap - 1);
            slots[j] = p->ids[i];
        }
        free(p->ids);
        p->ids = slots;
        p->idcap = cap;
    }
    size_t j = gift_hash(id) & (p->idcap - 1);
    while (p->ids[j].key) {
        if (!strcmp(p->ids[j].key, id))
            return &p->ids[j];
        j = (j + 1) & (p->idcap - 1);
    }
    p->ids[j].key = id;
    p->ids[j].line = line;
    p->nids++;
    return NULL;
}

/* ---------------- answers ---------------- */

static Answer *gift_answer_new(GiftParser *p)
{
    if (p->nans == p->anscap) {
        p->anscap = p->anscap ? p->anscap * 2 : 16;
        p->ans = mb_xrealloc(p->ans, p->anscap * sizeof *p->ans);
    }
    Answer *a = &p->ans[p->nans++];
    memset(a, 0, sizeof *a);
    return a;
}

static void gift_piece_add(GiftParser *p, size_t a, size_t b, size_t at, char mark)
{
    if (p->npieces == p->piececap) {
        p->piececap = p->piececap ? p->piececap * 2 : 16;
        p->pieces = mb_xrealloc(p->pieces, p->piececap * sizeof *p->pieces);
    }
    p->pieces[p->npieces++] = (GiftPiece){a, b, at, mark};
}

/* Moodle's explode() on the unescaped marks: the text before the first mark
 * is kept only when it is not blank. Multiple choice splits on "~" after
 * turning "=" into "~=", which is splitting on both and keeping the mark. */
static void gift_split(GiftParser *p, const GiftText *t, size_t a, size_t b, const char *marks)
{
    p->npieces = 0;
    size_t start = a, at = GIFT_NONE;
    char mark = 0;
    for (size_t i = a; i <= b; i++) {
        if (i < b && (t->lit[i] || !strchr(marks, t->c[i]) || !t->c[i]))
            continue;
        size_t pa = start, pb = i;
        gift_trim(t, &pa, &pb);
        if (mark || pa < pb)
            gift_piece_add(p, start, i, at, mark);
        if (i < b) {
            start = i + 1;
            at = i;
            mark = t->c[i];
        }
    }
}

/* Where to point at a piece: its mark, or its first character. */
static size_t gift_piece_pos(const GiftText *t, const GiftPiece *pc)
{
    if (pc->at != GIFT_NONE)
        return pc->at;
    size_t a = pc->a, b = pc->b;
    gift_trim(t, &a, &b);
    return a < t->n ? a : pc->a;
}

/* The number grammar PHP's is_numeric() accepts for decimal text:
 * [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)? */
static bool gift_number(const char *s, size_t n, double *out)
{
    size_t i = 0, digits = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (!digits)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            e++;
        if (!e)
            return false;
    }
    if (i != n)
        return false;
    /* strtod reads '.' as the decimal point: nothing in the kiosk calls
     * setlocale(), so LC_NUMERIC stays "C". */
    char *copy = mb_xstrndup(s, n);
    double v = strtod(copy, NULL);
    free(copy);
    if (!isfinite(v))
        return false;
    *out = v;
    return true;
}

/* Reads a weight "%50%" at t[a, b). Returns its length, 0 when the text does
 * not start with a weight, or GIFT_NONE when it starts like one ('%' then a
 * digit or '-') but is not "%[-]digits[.digits]%" from -100 to 100. Moodle's
 * pattern is ^%-*[0-9]{1,2}\.?[0-9]*%; what it does not match it keeps as
 * answer text, which is how "%5O%" typos go unnoticed. */
static size_t gift_weight_scan(const GiftText *t, size_t a, size_t b, double *frac)
{
    if (a + 1 >= b || !gift_is(t, a, '%'))
        return 0;
    size_t i = a + 1;
    if (t->c[i] == '-' && !t->lit[i])
        i++;
    if (i >= b || t->lit[i] || t->c[i] < '0' || t->c[i] > '9')
        return t->c[a + 1] == '-' ? GIFT_NONE : 0;
    size_t e = a + 1;
    while (e < b && !gift_is(t, e, '%'))
        e++;
    if (e >= b)
        return GIFT_NONE;
    for (size_t k = i; k < e; k++)
        if (t->lit[k] || !((t->c[k] >= '0' && t->c[k] <= '9') || t->c[k] == '.'))
            return GIFT_NONE;
    double v;
    if (!gift_number(t->c + a + 1, e - a - 1, &v) || fabs(v) > 100)
        return GIFT_NONE;
    *frac = v / 100;
    return e + 1 - a;
}

/* Applies a weight at the start of t[*a, b) to *frac; false after an error. */
static bool gift_weight(GiftParser *p, const GiftText *t, size_t *a, size_t b, double *frac)
{
    size_t w = gift_weight_scan(t, *a, b, frac);
    if (w == GIFT_NONE) {
        gift_diag_at(p, DIAG_ERROR, t, *a,
                     "a weight is a percentage from -100 to 100 between '%' signs, e.g. ~%50%half "
                     "right; Moodle would keep it as answer text",
                     "bad weight");
        return false;
    }
    *a += w;
    return true;
}

/* Moodle's commentparser: answer text, then feedback after the first '#'. */
static void gift_answer_text(GiftParser *p, const GiftText *t, size_t a, size_t b, TextFormat def,
                             Answer *an)
{
    size_t h = gift_find(t, a, b, "#");
    TextFormat ffmt;
    an->text = gift_field(p, t, a, h == GIFT_NONE ? b : h, def, &an->format);
    if (h != GIFT_NONE)
        an->feedback = gift_nonempty(gift_field(p, t, h + 1, b, def, &ffmt));
}

static bool gift_answer_empty(GiftParser *p, const GiftText *t, size_t pos, const Answer *an)
{
    if (an->text[0])
        return false;
    gift_diag_at(p, DIAG_ERROR, t, pos,
                 "write the answer after its '~' or '='; a literal '~' or '=' "
                 "is written \\~ or \\=",
                 "empty answer");
    return true;
}

static void gift_multichoice(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b,
                             size_t open)
{
    q->type = gift_find(t, a, b, "=") == GIFT_NONE ? QT_MULTIRESPONSE : QT_MULTICHOICE;
    gift_split(p, t, a, b, "~=");
    if (p->npieces < 2) {
        gift_diag_at(p, DIAG_ERROR, t, open, "add wrong answers with ~, e.g. {=right ~wrong}",
                     "a multiple-choice question needs at least 2 answers");
        return;
    }
    double positive = 0;
    for (size_t i = 0; i < p->npieces; i++) {
        const GiftPiece *pc = &p->pieces[i];
        size_t pa = pc->a, pb = pc->b, pos = gift_piece_pos(t, pc);
        gift_trim(t, &pa, &pb);
        double frac = 0, ignored;
        if (pc->mark == '=') {
            frac = 1;
            size_t w = gift_weight_scan(t, pa, pb, &ignored);
            if (w && w != GIFT_NONE)
                gift_diag_at(p, DIAG_WARNING, t, pos,
                             "for partial credit write ~%50%answer; after '=' the weight is "
                             "part of the answer text",
                             "'=%%...%%' does not set a weight in a multiple-choice question: "
                             "this answer scores 100%%");
        } else if (!gift_weight(p, t, &pa, pb, &frac)) {
            continue;
        }
        Answer *an = gift_answer_new(p);
        an->fraction = frac;
        gift_answer_text(p, t, pa, pb, q->format, an);
        gift_answer_empty(p, t, pos, an);
        if (frac > 0)
            positive += frac;
    }
    /* Moodle saves such a question with a notice; say it the same way. */
    if (q->type == QT_MULTIRESPONSE && !p->bad && fabs(round(positive * 100) / 100 - 1) > 1e-9)
        gift_diag_at(p, DIAG_WARNING, t, open,
                     "in a question without '=', give each right answer a weight, e.g. "
                     "{~%50%a ~%50%b ~%-100%c}",
                     "the positive weights add up to %g%%, not 100%%", positive * 100);
}

static void gift_matching(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b,
                          size_t open)
{
    q->type = QT_MATCHING;
    gift_split(p, t, a, b, "=");
    if (p->npieces < 2) {
        gift_diag_at(p, DIAG_ERROR, t, open, "write each pair as =left -> right",
                     "a matching question needs at least 2 items");
        return;
    }
    size_t pairs = 0;
    for (size_t i = 0; i < p->npieces; i++) {
        const GiftPiece *pc = &p->pieces[i];
        size_t pa = pc->a, pb = pc->b, pos = gift_piece_pos(t, pc);
        gift_trim(t, &pa, &pb);
        size_t arrow = gift_find(t, pa, pb, "->");
        if (arrow == GIFT_NONE) {
            gift_diag_at(p, DIAG_ERROR, t, pos,
                         "write =left -> right; an item without a left side (= -> right) is "
                         "a distractor",
                         "matching item without '->'");
            continue;
        }
        Answer *an = gift_answer_new(p);
        an->left = gift_field(p, t, pa, arrow, q->format, &an->format);
        an->text = gift_string(p, t, arrow + 2, pb);
        an->fraction = an->left[0] ? 1 : 0;
        pairs += an->left[0] != 0;
        if (!an->text[0])
            gift_diag_at(p, DIAG_ERROR, t, arrow, "write the matching answer after '->'",
                         "matching item with nothing after '->'");
    }
    if (!p->bad && pairs < 2)
        gift_diag_at(p, DIAG_ERROR, t, open, "distractors (= -> right) do not count as items",
                     "a matching question needs at least 2 items with a left side");
}

static void gift_truefalse(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b)
{
    q->type = QT_TRUEFALSE;
    size_t h1 = gift_find(t, a, b, "#");
    size_t h2 = h1 == GIFT_NONE ? GIFT_NONE : gift_find(t, h1 + 1, b, "#");
    TextFormat fmt;
    char *value = gift_field(p, t, a, h1 == GIFT_NONE ? b : h1, q->format, &fmt);
    char *wrong = NULL, *right = NULL;
    if (h1 != GIFT_NONE)
        wrong = gift_field(p, t, h1 + 1, h2 == GIFT_NONE ? b : h2, q->format, &fmt);
    if (h2 != GIFT_NONE)
        right = gift_field(p, t, h2 + 1, b, q->format, &fmt);
    q->tf_answer = !strcmp(value, "T") || !strcmp(value, "TRUE");
    q->tf_feedback_wrong = gift_nonempty(wrong);
    q->tf_feedback_right = gift_nonempty(right);
    /* Generic code lists answers: "true" and "false" with their scores and
     * the feedback shown when each is chosen. */
    for (int k = 0; k < 2; k++) {
        bool is_true = k == 0;
        Answer *an = gift_answer_new(p);
        an->text = arena_strdup(p->arena, is_true ? "true" : "false");
        an->format = q->format;
        an->fraction = is_true == q->tf_answer ? 1 : 0;
        an->feedback = is_true == q->tf_answer ? q->tf_feedback_right : q->tf_feedback_wrong;
    }
}

static void gift_max_fraction_check(GiftParser *p, const GiftText *t, size_t open)
{
    double best = -INFINITY;
    for (size_t i = 0; i < p->nans; i++)
        if (!p->ans[i].catchall)
            best = MB_MAX(best, p->ans[i].fraction);
    /* Moodle saves such a question with the notice "one of the answers
     * should have a score of 100%". */
    if (!p->bad && best != 1)
        gift_diag_at(p, DIAG_WARNING, t, open, "an answer without a weight scores 100%",
                     "no answer scores 100%%");
}

static void gift_shortanswer(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b,
                             size_t open)
{
    q->type = QT_SHORTANSWER;
    gift_split(p, t, a, b, "=");
    for (size_t i = 0; i < p->npieces; i++) {
        const GiftPiece *pc = &p->pieces[i];
        size_t pa = pc->a, pb = pc->b, pos = gift_piece_pos(t, pc);
        gift_trim(t, &pa, &pb);
        double frac = 1;
        if (!gift_weight(p, t, &pa, pb, &frac))
            continue;
        Answer *an = gift_answer_new(p);
        an->fraction = frac;
        gift_answer_text(p, t, pa, pb, q->format, an);
        gift_answer_empty(p, t, pos, an);
    }
    gift_max_fraction_check(p, t, open);
}

static void gift_not_number(GiftParser *p, const GiftText *t, size_t pos, const char *s, size_t n)
{
    char *copy = mb_xstrndup(s, n);
    gift_diag_at(p, DIAG_ERROR, t, pos,
                 "Moodle would silently accept it as a wildcard that matches any answer; "
                 "write a number such as 3, 3:0.5 (value:tolerance) or 3.1..3.2 (range)",
                 "'%.*s' is not a number", gift_quote_len(copy, 60), copy);
    free(copy);
}

static void gift_span_trim(const char **s, size_t *n)
{
    while (*n && gift_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && gift_space((*s)[*n - 1]))
        (*n)--;
}

/* One numerical answer's text: "3", "3:2" (value:tolerance), "3.1..3.2"
 * (range: value = midpoint, tolerance = half-width) or "*" (any value). */
static void gift_numeric_value(GiftParser *p, const GiftText *t, size_t pos, Answer *an)
{
    const char *s = an->text;
    const char *dots = strstr(s, "..");
    const char *colon = strchr(s, ':');
    if (!strcmp(s, "*")) {
        an->catchall = true; /* Moodle stores "~#feedback" as this answer */
        return;
    }
    const char *x = s, *y = NULL;
    size_t xn = strlen(s), yn = 0;
    if (dots && dots > s) {
        xn = (size_t)(dots - s);
        y = dots + 2;
    } else if (colon && colon > s) {
        xn = (size_t)(colon - s);
        y = colon + 1;
    }
    double xv = 0, yv = 0;
    gift_span_trim(&x, &xn);
    if (!gift_number(x, xn, &xv)) {
        gift_not_number(p, t, pos, x, xn);
        return;
    }
    if (y) {
        yn = strlen(y);
        gift_span_trim(&y, &yn);
        if (!gift_number(y, yn, &yv)) {
            gift_not_number(p, t, pos, y, yn);
            return;
        }
    }
    if (dots && dots > s) {
        if (xv > yv) {
            gift_diag_at(p, DIAG_ERROR, t, pos, "write the range as low..high",
                         "the range starts above its end");
            return;
        }
        an->value = (xv + yv) / 2;
        an->tolerance = yv - an->value;
    } else {
        an->value = xv;
        an->tolerance = y ? yv : 0;
        if (an->tolerance < 0)
            gift_diag_at(p, DIAG_ERROR, t, pos,
                         "write value:tolerance with a tolerance of 0 or more",
                         "negative tolerance");
    }
    if (!isfinite(an->value) || !isfinite(an->tolerance))
        gift_diag_at(p, DIAG_ERROR, t, pos, NULL, "number out of range");
}

static void gift_numerical(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b,
                           size_t open)
{
    q->type = QT_NUMERICAL;
    a++; /* the '#' */
    size_t tilde = gift_find(t, a, b, "~");
    gift_split(p, t, a, tilde == GIFT_NONE ? b : tilde, "=");
    if (p->npieces == 0) {
        gift_diag_at(p, DIAG_ERROR, t, open, "e.g. {#3:0.5} or {#=3 =%50%4}",
                     "a numerical question needs at least one answer");
        return;
    }
    for (size_t i = 0; i < p->npieces; i++) {
        const GiftPiece *pc = &p->pieces[i];
        size_t pa = pc->a, pb = pc->b;
        gift_trim(t, &pa, &pb);
        double frac = 1;
        if (!gift_weight(p, t, &pa, pb, &frac))
            continue;
        size_t pos = pa < pb ? pa : gift_piece_pos(t, pc);
        Answer *an = gift_answer_new(p);
        an->fraction = frac;
        gift_answer_text(p, t, pa, pb, q->format, an);
        an->format = q->format;
        if (!gift_answer_empty(p, t, pos, an))
            gift_numeric_value(p, t, pos, an);
    }
    if (tilde != GIFT_NONE) {
        /* Moodle takes everything from the first '~' as the feedback for any
         * other value; text before its '#' is dropped. */
        size_t h = gift_find(t, tilde + 1, b, "#");
        size_t ja = tilde + 1, jb = h == GIFT_NONE ? b : h;
        gift_trim(t, &ja, &jb);
        if (ja < jb)
            gift_diag_at(p, DIAG_WARNING, t, ja, "write ~#feedback for any other value",
                         "text between '~' and '#' in a numerical question is ignored");
        Answer *an = gift_answer_new(p);
        TextFormat fmt;
        an->text = arena_strdup(p->arena, "*");
        an->format = q->format;
        an->catchall = true;
        if (h != GIFT_NONE)
            an->feedback = gift_nonempty(gift_field(p, t, h + 1, b, q->format, &fmt));
    }
    gift_max_fraction_check(p, t, open);
}

/* ---------------- one block ---------------- */

/* Checks the braces: exactly one answer block, from the first unescaped '{'
 * to the first unescaped '}'. Returns false after reporting an error. */
static bool gift_braces(GiftParser *p, const GiftText *t, size_t a, size_t b, size_t *open,
                        size_t *close)
{
    *open = gift_find(t, a, b, "{");
    *close = gift_find(t, a, b, "}");
    if (*open == GIFT_NONE && *close == GIFT_NONE)
        return true;
    if (*close != GIFT_NONE && (*open == GIFT_NONE || *close < *open)) {
        gift_diag_at(p, DIAG_ERROR, t, *close, "a literal brace is written \\}",
                     "'}' without an opening '{'");
        return false;
    }
    if (*close == GIFT_NONE) {
        gift_diag_at(p, DIAG_ERROR, t, *open,
                     "end the answers with '}'; a literal brace is written \\{",
                     "missing '}' closing the answer block");
        return false;
    }
    size_t inner = gift_find(t, *open + 1, *close, "{");
    if (inner != GIFT_NONE) {
        gift_diag_at(p, DIAG_ERROR, t, inner,
                     "is a '}' missing before it? A literal brace is written \\{",
                     "'{' inside an answer block");
        return false;
    }
    for (size_t i = *close + 1; i < b; i++) {
        if (gift_is(t, i, '{')) {
            gift_diag_at(p, DIAG_ERROR, t, i,
                         "separate questions with a blank line; a literal brace is written \\{",
                         "more than one answer block in one question");
            return false;
        }
        if (gift_is(t, i, '}')) {
            gift_diag_at(p, DIAG_ERROR, t, i, "a literal brace is written \\}",
                         "'}' without an opening '{'");
            return false;
        }
    }
    return true;
}

static void gift_question_add(GiftParser *p, const Question *q)
{
    if (p->count == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 32;
        p->items = mb_xrealloc(p->items, p->cap * sizeof *p->items);
    }
    p->items[p->count++] = *q;
}

/* The answer block of a question whose name is already read: t[a, b) is the
 * rest of its text. */
static void gift_question_body(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b)
{
    size_t open, close;
    if (!gift_braces(p, t, a, b, &open, &close))
        return;
    GiftText *qt = &p->qtext;
    qt->n = 0;
    if (open == GIFT_NONE) {
        q->type = QT_DESCRIPTION;
        gift_text_copy(qt, t, a, b);
        q->text = gift_field(p, qt, 0, qt->n, TF_MOODLE, &q->format);
        return;
    }
    /* A block that ends the text is removed; one inside it leaves a blank
     * for the missing word. */
    gift_text_copy(qt, t, a, open);
    if (close + 1 != b) {
        for (const char *s = "_____"; *s; s++)
            gift_text_push(qt, *s, false, t->line[open], t->col[open]);
        gift_text_copy(qt, t, close + 1, b);
    }
    q->text = gift_field(p, qt, 0, qt->n, TF_MOODLE, &q->format);

    size_t aa = open + 1, ab = close;
    gift_trim(t, &aa, &ab);
    size_t gf = gift_rfind(t, aa, ab, "####");
    if (gf != GIFT_NONE) {
        TextFormat fmt;
        q->general_feedback = gift_nonempty(gift_field(p, t, gf + 4, ab, q->format, &fmt));
        ab = gf;
        gift_trim(t, &aa, &ab);
    }

    if (aa == ab) {
        q->type = QT_ESSAY;
    } else if (gift_is(t, aa, '#')) {
        gift_numerical(p, t, q, aa, ab, open);
    } else if (gift_find(t, aa, ab, "~") != GIFT_NONE) {
        gift_multichoice(p, t, q, aa, ab, open);
    } else if (gift_find(t, aa, ab, "=") != GIFT_NONE && gift_find(t, aa, ab, "->") != GIFT_NONE) {
        gift_matching(p, t, q, aa, ab, open);
    } else {
        size_t ca = aa, cb = ab, h = gift_find(t, aa, ab, "#");
        if (h != GIFT_NONE)
            cb = h;
        gift_trim(t, &ca, &cb);
        static const char *const tf[] = {"T", "TRUE", "F", "FALSE"};
        bool is_tf = false;
        for (size_t i = 0; i < MB_COUNT(tf); i++)
            is_tf |= cb - ca == strlen(tf[i]) && !memcmp(t->c + ca, tf[i], cb - ca);
        if (is_tf)
            gift_truefalse(p, t, q, aa, ab);
        else
            gift_shortanswer(p, t, q, aa, ab, open);
    }
}

static void gift_block(GiftParser *p)
{
    for (size_t k = 0; k < p->nlines; k++)
        if (p->lines[k].bad)
            return; /* already reported; the text cannot be trusted */
    GiftMeta m = {0};
    p->ntags = 0;
    p->nans = 0;
    p->bad = false;
    gift_text_build(p, &m);
    const GiftText *t = &p->text;
    size_t a = 0, b = t->n;
    gift_trim(t, &a, &b);
    if (a == b) {
        if (m.id || p->ntags)
            gift_diag(p, DIAG_WARNING, p->lines[0].line, p->lines[0].col,
                      "write the comment directly above its question, without a blank line",
                      "[id:] or [tag:] in a comment that belongs to no question is ignored");
        return;
    }
    if (gift_starts(t, a, b, "$CATEGORY:")) {
        p->category = gift_nonempty(gift_string(p, t, a + 10, b));
        return;
    }

    Question q = {0};
    q.line = t->line[a];
    q.col = t->col[a];
    q.category = p->category;
    q.source = m.source;
    if (p->ntags) {
        q.tags = arena_memdup(p->arena, p->tags, p->ntags * sizeof *p->tags);
        q.ntags = p->ntags;
    }
    if (gift_starts(t, a, b, "::")) {
        size_t end = gift_find(t, a + 2, b, "::");
        if (end != GIFT_NONE) {
            q.name = gift_nonempty(gift_string(p, t, a + 2, end));
            a = end + 2;
            gift_trim(t, &a, &b);
        } else {
            a += 2; /* Moodle: no name, and the "::" is dropped */
        }
    }
    q.id = m.id ? m.id : q.name;
    if (q.id) {
        const GiftIdSlot *dup = gift_id_add(p, q.id, q.line);
        if (dup)
            gift_diag(p, DIAG_ERROR, q.line, q.col,
                      "progress is kept by id, so each question of a file needs its own",
                      "duplicate id '%.*s' (first used on line %d)", gift_quote_len(q.id, 80), q.id,
                      dup->line);
    }

    gift_question_body(p, t, &q, a, b);
    if (p->bad)
        return;
    if (!q.id && q.type != QT_DESCRIPTION)
        gift_diag(p, DIAG_WARNING, q.line, q.col,
                  "start the question with ::a-stable-id:: (the same in every language)",
                  "question has no ::id::, progress cannot be kept across pack versions");
    if (p->nans) {
        q.answers = arena_memdup(p->arena, p->ans, p->nans * sizeof *p->ans);
        q.nanswers = p->nans;
    }
    gift_question_add(p, &q);
}

static void gift_flush(GiftParser *p)
{
    if (p->nlines && !p->stop)
        gift_block(p);
    p->nlines = 0;
}

/* One physical line [s, e) of data: checked, trimmed, added to the block or,
 * when blank, ending it. */
static void gift_line(GiftParser *p, size_t s, size_t e, int line)
{
    const char *l = p->data + s;
    size_t n = e - s, bad = 0;
    const char *nul = memchr(l, 0, n);
    bool valid = utf8_valid(l, n, &bad);
    bool broken = nul || !valid;
    if (nul && (valid || (size_t)(nul - l) < bad)) {
        gift_diag(p, DIAG_ERROR, line, (int)MB_MIN(utf8_count(l, (size_t)(nul - l)) + 1, INT_MAX),
                  "a GIFT file is UTF-8 text; is this a binary file?", "NUL byte in the text");
    } else if (!valid) {
        gift_diag(p, DIAG_ERROR, line, (int)MB_MIN(utf8_count(l, bad) + 1, INT_MAX),
                  "save the file as UTF-8", "invalid UTF-8");
    }
    size_t ts = s, te = e;
    while (ts < te && p->data[ts] != '\0' && gift_space(p->data[ts]))
        ts++;
    while (te > ts && p->data[te - 1] != '\0' && gift_space(p->data[te - 1]))
        te--;
    if (ts == te) {
        gift_flush(p);
        return;
    }
    if (p->nlines == p->linecap) {
        p->linecap = p->linecap ? p->linecap * 2 : 64;
        p->lines = mb_xrealloc(p->lines, p->linecap * sizeof *p->lines);
    }
    int col = 1;
    gift_inc(&col, (int)MB_MIN(ts - s, (size_t)INT_MAX));
    p->lines[p->nlines++] = (GiftLine){ts, te - ts, line, col, broken};
}

int pack_gift_parse(const char *path, const char *data, size_t len, Arena *arena, QuestionList *out,
                    Diags *diags)
{
    assert(arena && out && diags && (data || !len));
    GiftParser p = {.path = path, .data = data ? data : "", .arena = arena, .diags = diags};
    size_t pos = 0;
    int line = 1;
    if (len >= 3 && !memcmp(p.data, "\xEF\xBB\xBF", 3))
        pos = 3;
    while (!p.stop) {
        size_t e = pos;
        while (e < len && p.data[e] != '\n' && p.data[e] != '\r')
            e++;
        gift_line(&p, pos, e, line);
        if (e >= len)
            break;
        pos = e + (p.data[e] == '\r' && e + 1 < len && p.data[e + 1] == '\n' ? 2 : 1);
        gift_inc(&line, 1);
    }
    gift_flush(&p);

    out->count = p.count;
    out->items = p.count ? arena_memdup(arena, p.items, p.count * sizeof *p.items) : NULL;
    int rc = p.errors;
    free(p.items);
    free(p.ids);
    free(p.lines);
    free(p.ans);
    free(p.tags);
    free(p.pieces);
    gift_text_free(&p.text);
    gift_text_free(&p.qtext);
    return rc;
}
