/* Markdown study units into document blocks (pack.h: Doc, Block, Span) with
 * md4c. Input is untrusted: it is checked to be UTF-8 first (md4c does not
 * check), raw HTML stays text (MD_FLAG_NOHTML), list and quote nesting is
 * bounded, and any bytes give blocks or located errors, never a crash.
 * md4c reports no positions; a block's line is where its first text lies,
 * since md4c's text pointers point into the caller's buffer. */
#include "mingbai/pack.h"

#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    MD_BLOCKTYPE type;    /* MD_BLOCK_QUOTE, _UL, _OL or _LI */
    int number;           /* OL: the next item's number; LI: this item's (0: bullet) */
    bool pending_first;   /* LI: no block of the item yet */
} Container;

typedef struct {
    uint32_t flag;
    char *href;
} OpenSpan;

typedef struct {
    const char *path;
    const char *data; /* the whole input: text pointers are located in it */
    size_t len;
    Arena *arena;
    Diags *diags;
    int errors;
    int max_nesting;
    size_t *line_starts;
    size_t nlines;

    Container *stack;
    size_t depth, stack_cap;
    int nest;           /* lists and quotes open now */
    bool nest_pending;  /* too deep; reported with the next text's line */
    bool nest_reported; /* one message per file is enough */

    /* the leaf block being filled */
    bool leaf;
    BlockKind kind;
    int level, number;
    StrBuf text;
    Span *spans;
    size_t nspans, spans_cap;
    int line;
    bool soft; /* a soft line break waits for the next text */

    OpenSpan *open;
    size_t nopen, open_cap;
    uint32_t flags; /* of the spans open now */
    int img;        /* images open: their text is alt text */
    StrBuf alt;
    char *img_src;
    int img_line;

    Block *blocks;
    size_t nblocks, blocks_cap;
    char *title;
    int title_line;
    int last_line; /* of the last located text, or the last guess */
} Md;

/* ---------------- positions ---------------- */

static void md_index_lines(Md *m)
{
    size_t cap = 64;
    m->line_starts = mb_xmalloc(cap * sizeof *m->line_starts);
    m->line_starts[m->nlines++] = 0;
    for (size_t i = 0; i < m->len; i++) {
        char c = m->data[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= m->len || m->data[i + 1] != '\n'))) {
            if (m->nlines == cap) {
                cap *= 2;
                m->line_starts = mb_xrealloc(m->line_starts, cap * sizeof *m->line_starts);
            }
            m->line_starts[m->nlines++] = i + 1;
        }
    }
}

/* 1-based line of byte off. */
static int md_line_of_off(const Md *m, size_t off)
{
    size_t lo = 0, hi = m->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo + 1;
}

/* The line of a pointer md4c gave, or 0 when it points elsewhere (md4c
 * passes some strings, like "\n" for breaks, from its own memory). */
static int md_line_of(Md *m, const char *p, size_t n)
{
    if (!p || p < m->data || p >= m->data + m->len)
        return 0;
    (void)n;
    int line = md_line_of_off(m, (size_t)(p - m->data));
    m->last_line = MB_MAX(m->last_line, line);
    return line;
}

/* For blocks without text (a rule, an empty item): the first non-blank
 * line after the last one placed. Approximate, as pack.h allows. */
static int md_line_guess(Md *m)
{
    for (size_t l = (size_t)m->last_line; l < m->nlines; l++) {
        size_t s = m->line_starts[l], e = l + 1 < m->nlines ? m->line_starts[l + 1] : m->len;
        for (size_t i = s; i < e; i++) {
            if (m->data[i] != ' ' && m->data[i] != '\t' && m->data[i] != '\n' &&
                m->data[i] != '\r') {
                m->last_line = (int)l + 1;
                return m->last_line;
            }
        }
    }
    return (int)MB_MAX(m->nlines, 1);
}

static void md_error(Md *m, int line, const char *hint, const char *fmt, ...) MB_PRINTF(4, 5);
static void md_error(Md *m, int line, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diags_vadd(m->diags, DIAG_ERROR, m->path, line, line ? 1 : 0, hint, NULL, fmt, ap);
    va_end(ap);
    m->errors++;
}

/* ---------------- text ---------------- */

static void put_cp(StrBuf *b, uint32_t cp)
{
    char u[4];
    strbuf_append(b, u, (size_t)utf8_encode(cp, u));
}

/* Appends text with each NUL byte as U+FFFD: md4c passes NULs inside code
 * as they are, and a NUL in a block's text would cut it short for every C
 * string function after. Regression: test_md_link_at_end */
static void put_text(StrBuf *b, const char *s, size_t n)
{
    const char *nul;
    while (n && (nul = memchr(s, 0, n))) {
        strbuf_append(b, s, (size_t)(nul - s));
        put_cp(b, 0xFFFD);
        n -= (size_t)(nul - s) + 1;
        s = nul + 1;
    }
    strbuf_append(b, s, n);
}

/* Named entities a Chinese or English text may plausibly use; others stay
 * as written (md4c passes any &name; without knowing it). */
static const struct {
    const char *name;
    uint32_t cp;
} entities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},        {"quot", '"'},
    {"apos", '\''},    {"nbsp", 0xA0},     {"copy", 0xA9},     {"reg", 0xAE},
    {"trade", 0x2122}, {"mdash", 0x2014},  {"ndash", 0x2013},  {"hellip", 0x2026},
    {"laquo", 0xAB},   {"raquo", 0xBB},    {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"middot", 0xB7},   {"times", 0xD7},
    {"divide", 0xF7},  {"deg", 0xB0},      {"euro", 0x20AC},   {"yen", 0xA5},
    {"pound", 0xA3},   {"cent", 0xA2},     {"sect", 0xA7},     {"para", 0xB6},
    {"bull", 0x2022},  {"shy", 0xAD},      {"ensp", 0x2002},   {"emsp", 0x2003},
    {"thinsp", 0x2009}, {"minus", 0x2212},
};

static void put_entity(StrBuf *b, const char *s, size_t n)
{
    if (n >= 4 && s[1] == '#') {
        bool hex = s[2] == 'x' || s[2] == 'X';
        uint32_t cp = 0;
        for (size_t i = hex ? 3 : 2; i + 1 < n; i++) {
            char c = s[i];
            uint32_t d = (c >= '0' && c <= '9')   ? (uint32_t)(c - '0')
                         : (c >= 'a' && c <= 'f') ? (uint32_t)(c - 'a' + 10)
                                                  : (uint32_t)(c - 'A' + 10);
            cp = cp * (hex ? 16 : 10) + d;
            if (cp > 0x10FFFF)
                break;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
        put_cp(b, cp);
        return;
    }
    for (size_t i = 0; i < MB_COUNT(entities); i++) {
        size_t k = strlen(entities[i].name);
        if (n == k + 2 && !memcmp(s + 1, entities[i].name, k)) {
            put_cp(b, entities[i].cp);
            return;
        }
    }
    strbuf_append(b, s, n);
}

/* An md4c attribute (a link's href, an image's src) as a string. */
static char *md_attr(Md *m, const MD_ATTRIBUTE *a)
{
    StrBuf b = {0};
    strbuf_append(&b, "", 0);
    for (size_t i = 0; a->substr_offsets[i] < a->size; i++) {
        const char *s = a->text + a->substr_offsets[i];
        size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
        if (a->substr_types[i] == MD_TEXT_ENTITY)
            put_entity(&b, s, n);
        else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
            put_cp(&b, 0xFFFD);
        else
            put_text(&b, s, n);
    }
    char *out = arena_strndup(m->arena, b.data, b.len);
    strbuf_free(&b);
    return out;
}

/* ---------------- blocks ---------------- */

static Block *md_push_block(Md *m, BlockKind kind, int level, int line)
{
    if (m->nblocks == m->blocks_cap) {
        m->blocks_cap = m->blocks_cap ? m->blocks_cap * 2 : 32;
        m->blocks = mb_xrealloc(m->blocks, m->blocks_cap * sizeof *m->blocks);
    }
    Block *b = &m->blocks[m->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->level = level;
    b->text = arena_strdup(m->arena, "");
    b->line = line ? line : md_line_guess(m);
    /* The first block inside a list item draws its marker. */
    bool innermost = true;
    for (size_t i = m->depth; i-- > 0;) {
        if (m->stack[i].type != MD_BLOCK_LI)
            continue;
        if (innermost && m->stack[i].pending_first)
            b->first_in_item = true;
        innermost = false;
        m->stack[i].pending_first = false;
    }
    return b;
}

/* The kind a paragraph gets from the containers around it. */
static void md_leaf_kind(Md *m, BlockKind *kind, int *level, int *number)
{
    *kind = BLK_PARA;
    *level = 0;
    *number = 0;
    for (size_t i = m->depth; i-- > 0;) {
        if (m->stack[i].type == MD_BLOCK_LI) {
            int lists = 0;
            for (size_t k = 0; k < i; k++)
                lists += m->stack[k].type == MD_BLOCK_UL || m->stack[k].type == MD_BLOCK_OL;
            *kind = BLK_ITEM;
            *level = MB_MIN(lists, m->max_nesting);
            *number = m->stack[i].number;
            return;
        }
        if (m->stack[i].type == MD_BLOCK_QUOTE) {
            int quotes = 0;
            for (size_t k = 0; k <= i; k++)
                quotes += m->stack[k].type == MD_BLOCK_QUOTE;
            *kind = BLK_QUOTE;
            *level = MB_MIN(quotes, m->max_nesting);
            return;
        }
    }
}

static void md_leaf_open(Md *m, BlockKind kind, int level)
{
    int number = 0;
    if (kind == BLK_PARA)
        md_leaf_kind(m, &kind, &level, &number);
    m->leaf = true;
    m->kind = kind;
    m->level = level;
    m->number = number;
    m->text.len = 0;
    m->nspans = 0;
    m->line = 0;
    m->soft = false;
}

/* Emits what the leaf holds as a block; the leaf stays open when an image
 * splits a paragraph, and its rest becomes a further block. */
static void md_leaf_emit(Md *m, bool close)
{
    if (!m->leaf)
        return;
    const char *t = m->text.data ? m->text.data : "";
    size_t start = 0, end = m->text.len;
    if (m->kind == BLK_CODE) {
        if (end > 0 && t[end - 1] == '\n')
            end--;
    } else {
        while (start < end && (t[start] == ' ' || t[start] == '\t'))
            start++;
        while (end > start && (t[end - 1] == ' ' || t[end - 1] == '\t'))
            end--;
    }
    if (end > start || m->kind == BLK_CODE) {
        Block *b = md_push_block(m, m->kind, m->level, m->line);
        b->number = m->number;
        b->text = arena_strndup(m->arena, t + start, end - start);
        b->spans = arena_alloc(m->arena, (m->nspans ? m->nspans : 1) * sizeof *b->spans);
        for (size_t i = 0; i < m->nspans; i++) {
            Span s = m->spans[i];
            uint32_t s0 = MB_MAX(s.start, (uint32_t)start), s1 = MB_MIN(s.start + s.len, (uint32_t)end);
            if (s1 <= s0)
                continue;
            s.start = s0 - (uint32_t)start;
            s.len = s1 - s0;
            b->spans[b->nspans++] = s;
        }
        if (m->kind == BLK_HEADING && m->level == 1) {
            if (!m->title) {
                m->title = b->text;
                m->title_line = b->line;
            } else {
                diags_add(m->diags, DIAG_WARNING, m->path, b->line, 1,
                          "use ## for sections; # is the unit's title",
                          "a second level-1 heading (the title is on line %d)", m->title_line);
            }
        }
    }
    m->text.len = 0;
    m->nspans = 0;
    m->line = 0;
    m->soft = false;
    if (close)
        m->leaf = false;
}

static void md_append(Md *m, const char *s, size_t n)
{
    if (m->soft) {
        m->soft = false;
        size_t i = 0;
        bool cjk_pair = m->text.len && n && utf8_is_cjk(utf8_last(m->text.data, m->text.len)) &&
                        utf8_is_cjk(utf8_decode(s, n, &i));
        if (m->text.len && !cjk_pair)
            strbuf_putc(&m->text, ' ');
    }
    uint32_t start = (uint32_t)m->text.len;
    put_text(&m->text, s, n);
    n = m->text.len - start;
    if (!m->flags || !n)
        return;
    char *href = NULL;
    for (size_t i = m->nopen; i-- > 0;)
        if (m->open[i].href) {
            href = m->open[i].href;
            break;
        }
    Span *last = m->nspans ? &m->spans[m->nspans - 1] : NULL;
    if (last && last->start + last->len == start && last->flags == m->flags && last->href == href) {
        last->len += (uint32_t)n;
        return;
    }
    if (m->nspans == m->spans_cap) {
        m->spans_cap = m->spans_cap ? m->spans_cap * 2 : 16;
        m->spans = mb_xrealloc(m->spans, m->spans_cap * sizeof *m->spans);
    }
    m->spans[m->nspans++] = (Span){.start = start, .len = (uint32_t)n, .flags = m->flags, .href = href};
}

/* ---------------- md4c callbacks ---------------- */

static void md_push(Md *m, MD_BLOCKTYPE type, int number)
{
    if (m->depth == m->stack_cap) {
        m->stack_cap = m->stack_cap ? m->stack_cap * 2 : 16;
        m->stack = mb_xrealloc(m->stack, m->stack_cap * sizeof *m->stack);
    }
    m->stack[m->depth++] = (Container){.type = type, .number = number};
}

static void md_nest_enter(Md *m)
{
    if (++m->nest > m->max_nesting && !m->nest_reported)
        m->nest_pending = true;
}

static void md_nest_report(Md *m, int line)
{
    if (!m->nest_pending)
        return;
    m->nest_pending = false;
    m->nest_reported = true;
    md_error(m, line, "nest fewer lists and quotes inside each other",
             "lists and quotes are nested more than %d deep", m->max_nesting);
}

static int md_enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    Md *m = user;
    switch (type) {
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        md_leaf_emit(m, true); /* a tight item's text before its sub-list */
        md_push(m, type,
                type == MD_BLOCK_OL ? (int)MB_MIN(((MD_BLOCK_OL_DETAIL *)detail)->start, 999999999u)
                                    : 0);
        md_nest_enter(m);
        break;
    case MD_BLOCK_LI: {
        md_leaf_emit(m, true);
        int number = 0;
        if (m->depth && m->stack[m->depth - 1].type == MD_BLOCK_OL) {
            number = m->stack[m->depth - 1].number;
            if (m->stack[m->depth - 1].number < 999999999)
                m->stack[m->depth - 1].number++;
        }
        md_push(m, type, number);
        m->stack[m->depth - 1].pending_first = true;
        break;
    }
    case MD_BLOCK_HR:
        md_leaf_emit(m, true);
        md_push_block(m, BLK_RULE, 0, 0);
        break;
    case MD_BLOCK_H:
        md_leaf_emit(m, true);
        md_leaf_open(m, BLK_HEADING, (int)((MD_BLOCK_H_DETAIL *)detail)->level);
        break;
    case MD_BLOCK_CODE:
        md_leaf_emit(m, true);
        md_leaf_open(m, BLK_CODE, 0);
        break;
    case MD_BLOCK_P:
    case MD_BLOCK_HTML:
        md_leaf_emit(m, true);
        md_leaf_open(m, BLK_PARA, 0);
        break;
    default:
        break; /* the document; tables are not enabled */
    }
    return 0;
}

static int md_leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    Md *m = user;
    (void)detail;
    switch (type) {
    case MD_BLOCK_QUOTE:
    case MD_BLOCK_UL:
    case MD_BLOCK_OL:
        md_leaf_emit(m, true);
        if (m->depth)
            m->depth--;
        m->nest--;
        break;
    case MD_BLOCK_LI:
        md_leaf_emit(m, true);
        if (m->depth && m->stack[m->depth - 1].pending_first) {
            /* An empty item still shows its marker. */
            Block *b = md_push_block(m, BLK_ITEM, 0, 0);
            BlockKind k;
            md_leaf_kind(m, &k, &b->level, &b->number);
            b->text = arena_strdup(m->arena, "");
            b->spans = NULL;
        }
        if (m->depth)
            m->depth--;
        break;
    case MD_BLOCK_H:
    case MD_BLOCK_CODE:
    case MD_BLOCK_P:
    case MD_BLOCK_HTML:
        md_leaf_emit(m, true);
        break;
    default:
        break;
    }
    return 0;
}

static void md_recompute_flags(Md *m)
{
    m->flags = 0;
    for (size_t i = 0; i < m->nopen; i++)
        m->flags |= m->open[i].flag;
}

static int md_enter_span(MD_SPANTYPE type, void *detail, void *user)
{
    Md *m = user;
    OpenSpan s = {0, NULL};
    switch (type) {
    case MD_SPAN_EM:
        s.flag = SPAN_EM;
        break;
    case MD_SPAN_STRONG:
        s.flag = SPAN_BOLD;
        break;
    case MD_SPAN_CODE:
        s.flag = SPAN_CODE;
        break;
    case MD_SPAN_A: {
        char *href = md_attr(m, &((MD_SPAN_A_DETAIL *)detail)->href);
        if (!strncmp(href, "glossary:", 9)) {
            s.flag = SPAN_GLOSSARY;
            s.href = href + 9;
        } else {
            s.flag = SPAN_LINK;
            s.href = href;
        }
        break;
    }
    case MD_SPAN_IMG:
        if (m->img++ == 0) {
            const MD_ATTRIBUTE *src = &((MD_SPAN_IMG_DETAIL *)detail)->src;
            if (!m->leaf)
                md_leaf_open(m, BLK_PARA, 0);
            md_leaf_emit(m, false); /* the text before the image */
            m->img_src = md_attr(m, src);
            m->img_line = md_line_of(m, src->text, src->size);
            m->alt.len = 0;
        }
        break;
    default:
        break;
    }
    if (m->nopen == m->open_cap) {
        m->open_cap = m->open_cap ? m->open_cap * 2 : 16;
        m->open = mb_xrealloc(m->open, m->open_cap * sizeof *m->open);
    }
    m->open[m->nopen++] = s;
    md_recompute_flags(m);
    return 0;
}

static int md_leave_span(MD_SPANTYPE type, void *detail, void *user)
{
    Md *m = user;
    (void)detail;
    if (m->nopen)
        m->nopen--;
    md_recompute_flags(m);
    if (type == MD_SPAN_IMG && m->img > 0 && --m->img == 0) {
        int line = m->img_line ? m->img_line : m->line;
        Block *b = md_push_block(m, BLK_IMAGE, m->level, line);
        b->src = m->img_src;
        b->text = arena_strndup(m->arena, m->alt.data ? m->alt.data : "", m->alt.len);
        m->img_src = NULL;
    }
    return 0;
}

static int md_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *user)
{
    Md *m = user;
    int line = md_line_of(m, text, size);
    if (m->nest_pending)
        md_nest_report(m, line ? line : md_line_guess(m));
    if (m->img) {
        if (type == MD_TEXT_ENTITY)
            put_entity(&m->alt, text, size);
        else if (type == MD_TEXT_NULLCHAR)
            put_cp(&m->alt, 0xFFFD);
        else if (type == MD_TEXT_BR || type == MD_TEXT_SOFTBR)
            strbuf_putc(&m->alt, ' ');
        else
            put_text(&m->alt, text, size);
        if (!m->img_line)
            m->img_line = line;
        return 0;
    }
    if (!m->leaf)
        md_leaf_open(m, BLK_PARA, 0); /* the text of an item in a tight list */
    if (!m->line)
        m->line = line;
    switch (type) {
    case MD_TEXT_SOFTBR:
        m->soft = true;
        break;
    case MD_TEXT_BR:
        m->soft = false;
        md_append(m, "\n", 1);
        break;
    case MD_TEXT_NULLCHAR:
        md_append(m, "\xEF\xBF\xBD", 3);
        break;
    case MD_TEXT_ENTITY: {
        StrBuf e = {0};
        put_entity(&e, text, size);
        md_append(m, e.data, e.len);
        strbuf_free(&e);
        break;
    }
    default:
        md_append(m, text, size);
        break;
    }
    return 0;
}

/* ---------------- entry point ---------------- */

int pack_md_parse(const char *path, const char *data, size_t len, Arena *arena, Doc *out,
                  Diags *diags)
{
    memset(out, 0, sizeof *out);
    /* md4c 0.4.8 reads past the end of a document that ends inside a link
     * destination ("[](." as the last bytes) and can crash on what lies
     * there. It gets a copy that ends with a line break, with zero bytes
     * behind it; the text is the same Markdown. Regression:
     * test_md_link_at_end (tests/unit/test_pack.c). */
    enum { MD_PAD = 64 };
    char *copy = mb_xmalloc(len + 1 + MD_PAD);
    if (len)
        memcpy(copy, data, len);
    size_t n = len;
    if (!n || (copy[n - 1] != '\n' && copy[n - 1] != '\r'))
        copy[n++] = '\n';
    memset(copy + n, 0, len + 1 + MD_PAD - n);
    Md m = {.path = path, .data = copy, .len = n, .arena = arena, .diags = diags};
    m.max_nesting = pack_limits_default().max_md_nesting;
    md_index_lines(&m);
    size_t bad;
    if (!utf8_valid(data, len, &bad)) {
        int line = md_line_of_off(&m, bad);
        size_t ls = m.line_starts[line - 1];
        diags_add(diags, DIAG_ERROR, path, line, (int)utf8_count(data + ls, bad - ls) + 1,
                  "save the file as UTF-8 text", "the file is not valid UTF-8 (byte 0x%02X)",
                  (unsigned char)data[bad]);
        free(m.line_starts);
        free(copy);
        return 1;
    }
    size_t skip = n >= 3 && !memcmp(copy, "\xEF\xBB\xBF", 3) ? 3 : 0;
    MD_PARSER parser = {
        .abi_version = 0,
        .flags = MD_DIALECT_COMMONMARK | MD_FLAG_NOHTML,
        .enter_block = md_enter_block,
        .leave_block = md_leave_block,
        .enter_span = md_enter_span,
        .leave_span = md_leave_span,
        .text = md_text,
    };
    int rc = 0;
    if (n - skip > (MD_SIZE)-1)
        rc = -1;
    else
        rc = md_parse(copy + skip, (MD_SIZE)(n - skip), &parser, &m);
    md_nest_report(&m, md_line_guess(&m));
    if (rc)
        md_error(&m, 0, NULL, "the Markdown parser failed on this file");
    out->title = m.title;
    out->count = m.nblocks;
    out->blocks = arena_alloc(arena, (m.nblocks ? m.nblocks : 1) * sizeof *out->blocks);
    if (m.nblocks)
        memcpy(out->blocks, m.blocks, m.nblocks * sizeof *m.blocks);
    free(m.blocks);
    free(m.line_starts);
    free(copy);
    free(m.stack);
    free(m.spans);
    free(m.open);
    strbuf_free(&m.text);
    strbuf_free(&m.alt);
    return m.errors;
}
