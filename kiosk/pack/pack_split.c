/* A question file longer than one quiz round (QUIZ_MAX_QUESTIONS) is made
 * several units, so that every question is asked: one per category where
 * the file has categories (Moodle's export writes each category's
 * questions together), a category too long for a round cut into equal
 * parts, and equal parts of the whole file when it has none or too many.
 * Each part is written as a quiz file of its own, made of the file's own
 * bytes, padded with line breaks so that every line keeps its number (the
 * messages name the file and its lines as the file has them), with the
 * category of its first question stated on the line above it. Input is
 * untrusted: the file as read within the pack's limits. */
#include "pack_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More units than this would be a list nobody scrolls: equal parts then. */
#define SPLIT_MAX_UNITS 40

/* Byte offset of the start of each line (1-based: starts[1] is 0). */
static size_t *line_starts(const char *d, size_t n, size_t *nlines)
{
    size_t k = 1;
    for (size_t i = 0; i < n; i++)
        k += d[i] == '\n';
    size_t *s = mb_xcalloc(k + 2, sizeof *s);
    k = 1;
    s[1] = 0;
    for (size_t i = 0; i < n; i++)
        if (d[i] == '\n')
            s[++k] = i + 1;
    *nlines = k;
    return s;
}

static bool blank_line(const char *d, size_t from, size_t to)
{
    for (size_t i = from; i < to && d[i] != '\n'; i++)
        if (d[i] != ' ' && d[i] != '\t' && d[i] != '\r')
            return false;
    return true;
}

/* The line where question q's text starts in the file, comments above it
 * included (a GIFT block runs from the blank line before it), or 0 when
 * the file cannot be cut there (an XML question sharing its line). */
static int question_start(const char *d, size_t n, const size_t *ls, size_t nl, const Question *q,
                          bool xml)
{
    if (q->line < 1 || (size_t)q->line > nl)
        return 0;
    int l = q->line;
    if (xml) {
        size_t i = ls[l];
        while (i < n && (d[i] == ' ' || d[i] == '\t'))
            i++;
        return n - i >= 9 && !memcmp(d + i, "<question", 9) ? l : 0;
    }
    while (l > 1 && !blank_line(d, ls[l - 1], n))
        l--;
    return l;
}

static bool same_category(const Question *a, const Question *b)
{
    return (!a->category && !b->category) ||
           (a->category && b->category && !strcmp(a->category, b->category));
}

/* Cuts questions [from, to) into parts of at most QUIZ_MAX_QUESTIONS, of
 * equal size, appending each part's first question to firsts. */
static void cut_equal(size_t from, size_t to, size_t *firsts, size_t *nparts, size_t *piece,
                      size_t *pieces)
{
    size_t n = to - from, parts = (n + QUIZ_MAX_QUESTIONS - 1) / QUIZ_MAX_QUESTIONS;
    for (size_t k = 0; k < parts; k++) {
        piece[*nparts] = parts > 1 ? k + 1 : 0;
        pieces[*nparts] = parts;
        firsts[(*nparts)++] = from + n * k / parts;
    }
}

/* The last part of a category path ("$course$/top/Loops" is "Loops"). */
static const char *category_leaf(const char *c)
{
    const char *s = strrchr(c, '/');
    return s && s[1] ? s + 1 : c;
}

static char *part_title(Arena *a, const char *title, const Question *first, bool by_category,
                        size_t piece, size_t pieces)
{
    const char *name = by_category && first->category ? category_leaf(first->category) : NULL;
    char *t = name ? arena_printf(a, "%s: %s", title, name) : arena_strdup(a, title);
    if (piece)
        t = arena_printf(a, "%s (%zu/%zu)", t, piece, pieces);
    for (char *c = t; *c; c++) /* as single_title: nothing pack.ini reads otherwise */
        if ((unsigned char)*c < 0x20 || *c == 0x7F || *c == ';' || *c == '#' || *c == '\\')
            *c = ' ';
    return t;
}

/* The XML text of s in an element: &, < and > escaped. */
static void xml_escaped(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '&')
            strbuf_puts(b, "&amp;");
        else if (*s == '<')
            strbuf_puts(b, "&lt;");
        else if (*s == '>')
            strbuf_puts(b, "&gt;");
        else
            strbuf_putc(b, *s);
    }
}

/* The XML declaration of the file (its first line's "<?xml ...?>"), so
 * that each part is read in the same encoding. */
static void xml_prolog(StrBuf *b, const char *d, size_t n)
{
    size_t end = 0;
    if (n >= 5 && !memcmp(d, "<?xml", 5))
        for (size_t i = 5; !end && i + 1 < n && d[i] != '\n'; i++)
            if (d[i] == '?' && d[i + 1] == '>')
                end = i + 2;
    if (end)
        strbuf_append(b, d, end);
    else
        strbuf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
}

/* Part p's file: the bytes [from, to) at their own lines, its category on
 * the line above (when it starts inside the file), closed as a quiz. */
static void part_text(StrBuf *b, const char *d, size_t n, const SplitPart *p, bool xml, bool last)
{
    if (p->line <= 1) {
        strbuf_append(b, d, p->to);
    } else if (xml) {
        xml_prolog(b, d, n);
        strbuf_puts(b, "\n<quiz>");
        for (int l = 3; l < p->line - 1; l++)
            strbuf_putc(b, '\n');
        strbuf_putc(b, '\n');
        if (p->category) {
            strbuf_puts(b, "<question type=\"category\"><category><text>");
            xml_escaped(b, p->category);
            strbuf_puts(b, "</text></category></question>");
        }
        strbuf_putc(b, '\n');
        strbuf_append(b, d + p->from, p->to - p->from);
    } else {
        for (int l = 1; l < p->line - 1; l++)
            strbuf_putc(b, '\n');
        if (p->category)
            strbuf_printf(b, "$CATEGORY: %s", p->category);
        strbuf_putc(b, '\n');
        strbuf_append(b, d + p->from, p->to - p->from);
    }
    if (xml && !last)
        strbuf_puts(b, "\n</quiz>\n");
}

size_t pack_split_quiz(Arena *a, const char *path, const char *data, size_t len, bool xml,
                       const char *title, SplitPart **out)
{
    *out = NULL;
    Arena pa = {0};
    Diags quiet = {0};
    QuestionList ql = {0};
    if (xml)
        pack_moodle_xml_parse(path, data, len, &pa, NULL, &ql, &quiet);
    else
        pack_gift_parse(path, data, len, &pa, &ql, &quiet);
    size_t nparts = 0, nl, parts_cap = ql.count + 1;
    size_t *ls = line_starts(data, len, &nl);
    size_t *firsts = mb_xcalloc(parts_cap, sizeof *firsts);
    size_t *piece = mb_xcalloc(parts_cap, sizeof *piece), *pieces = mb_xcalloc(parts_cap, sizeof *pieces);
    int *start = mb_xcalloc(ql.count + 1, sizeof *start);
    bool ok = !quiet.errors && ql.count > QUIZ_MAX_QUESTIONS;
    for (size_t i = 0; ok && i < ql.count; i++) {
        start[i] = question_start(data, len, ls, nl, &ql.items[i], xml);
        ok = start[i] > 0 && (i == 0 || start[i] > start[i - 1]) && (!xml || i == 0 || start[i] >= 4);
    }
    bool by_category = true;
    for (size_t i = 0, from = 0; ok && i <= ql.count; i++)
        if (i == ql.count || !same_category(&ql.items[i], &ql.items[from])) {
            cut_equal(from, i, firsts, &nparts, piece, pieces);
            from = i;
        }
    if (ok && nparts > SPLIT_MAX_UNITS) {
        nparts = 0;
        by_category = false;
        cut_equal(0, ql.count, firsts, &nparts, piece, pieces);
    }
    SplitPart *parts = ok ? arena_alloc(a, nparts * sizeof *parts) : NULL;
    for (size_t k = 0; ok && k < nparts; k++) {
        const Question *q = &ql.items[firsts[k]];
        SplitPart *p = &parts[k];
        p->line = k ? start[firsts[k]] : 1;
        p->from = ls[p->line];
        p->to = k + 1 < nparts ? ls[start[firsts[k + 1]]] : len;
        p->category = k && q->category ? arena_strdup(a, q->category) : NULL;
        p->title = part_title(a, title, q, by_category, piece[k], pieces[k]);
        p->questions = (k + 1 < nparts ? firsts[k + 1] : ql.count) - firsts[k];
        StrBuf b = {0};
        part_text(&b, data, len, p, xml, k + 1 == nparts);
        p->text = arena_strndup(a, b.data ? b.data : "", b.len);
        p->len = b.len;
        strbuf_free(&b);
    }
    free(ls);
    free(firsts);
    free(piece);
    free(pieces);
    free(start);
    diags_free(&quiet);
    arena_reset(&pa);
    *out = parts;
    return ok ? nparts : 0;
}
