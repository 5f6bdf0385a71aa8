/* How `mingbai pack show` prints a question: as JSON (one object per
 * question, the shape tests and other tools read) or as text for a
 * person, its labels in the locale's language. */
#include "cli_internal.h"

#include "mingbai/pack.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A JSON string (RFC 8259): quotes, backslashes and control characters
 * escaped; invalid UTF-8 (never from the parser, but cheap to guard)
 * becomes U+FFFD. NULL is null. */
void cli_json_str(StrBuf *b, const char *s)
{
    if (!s) {
        strbuf_puts(b, "null");
        return;
    }
    size_t n = strlen(s), i = 0;
    strbuf_putc(b, '"');
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            size_t start = i;
            uint32_t cp = utf8_decode(s, n, &i);
            if (cp == 0xFFFD && i - start == 1)
                strbuf_puts(b, "\\ufffd");
            else
                strbuf_append(b, s + start, i - start);
            continue;
        }
        i++;
        switch (c) {
        case '"':
            strbuf_puts(b, "\\\"");
            break;
        case '\\':
            strbuf_puts(b, "\\\\");
            break;
        case '\n':
            strbuf_puts(b, "\\n");
            break;
        case '\r':
            strbuf_puts(b, "\\r");
            break;
        case '\t':
            strbuf_puts(b, "\\t");
            break;
        default:
            if (c < 0x20 || c == 0x7f)
                strbuf_printf(b, "\\u%04x", c);
            else
                strbuf_putc(b, (char)c);
        }
    }
    strbuf_putc(b, '"');
}

static void json_num(StrBuf *b, double v)
{
    if (isfinite(v))
        strbuf_printf(b, "%.10g", v);
    else
        strbuf_puts(b, "null");
}

/* Read laterally: the sandbox's pages, the source's own first. */
static void json_pages(StrBuf *b, const Question *q)
{
    strbuf_puts(b, ",\"pages\":[");
    for (size_t k = 0; k < q->npages; k++) {
        const ReadPage *pg = &q->pages[k];
        strbuf_puts(b, k ? ",{\"title\":" : "{\"title\":");
        cli_json_str(b, pg->title);
        strbuf_puts(b, ",\"site\":");
        cli_json_str(b, pg->site);
        strbuf_puts(b, ",\"snippet\":");
        cli_json_str(b, pg->snippet);
        strbuf_puts(b, ",\"paragraphs\":[");
        for (size_t i = 0; i < pg->nparas; i++) {
            if (i)
                strbuf_putc(b, ',');
            cli_json_str(b, pg->paras[i]);
        }
        strbuf_puts(b, "]}");
    }
    strbuf_putc(b, ']');
}

void cli_json_question(StrBuf *b, const Question *q)
{
    strbuf_puts(b, "{\"type\":");
    cli_json_str(b, question_type_name(q->type));
    strbuf_puts(b, ",\"id\":");
    cli_json_str(b, q->id);
    strbuf_puts(b, ",\"name\":");
    cli_json_str(b, q->name);
    strbuf_printf(b, ",\"line\":%d,\"col\":%d,\"scored\":%s,\"text\":", q->line, q->col,
                  question_type_scored(q->type) ? "true" : "false");
    cli_json_str(b, q->text);
    strbuf_puts(b, ",\"format\":");
    cli_json_str(b, text_format_name(q->format));
    strbuf_puts(b, ",\"general_feedback\":");
    cli_json_str(b, q->general_feedback);
    strbuf_puts(b, ",\"category\":");
    cli_json_str(b, q->category);
    strbuf_puts(b, ",\"tags\":[");
    for (size_t i = 0; i < q->ntags; i++) {
        if (i)
            strbuf_putc(b, ',');
        cli_json_str(b, q->tags[i]);
    }
    strbuf_puts(b, "],\"source\":");
    cli_json_str(b, q->source);
    if (q->type == QT_MARKPOST) {
        strbuf_puts(b, ",\"account\":");
        cli_json_str(b, q->post_account);
        strbuf_puts(b, ",\"date\":");
        cli_json_str(b, q->post_date);
    }
    if (q->type == QT_READ)
        json_pages(b, q);
    if (q->type == QT_GROUP) {
        strbuf_puts(b, ",\"groups\":[");
        for (size_t g = 0; g < q->ngroups; g++) {
            if (g)
                strbuf_putc(b, ',');
            cli_json_str(b, q->groups[g]);
        }
        strbuf_putc(b, ']');
    }
    if (q->type == QT_TRUEFALSE) {
        strbuf_printf(b, ",\"answer\":%s,\"feedback_wrong\":", q->tf_answer ? "true" : "false");
        cli_json_str(b, q->tf_feedback_wrong);
        strbuf_puts(b, ",\"feedback_right\":");
        cli_json_str(b, q->tf_feedback_right);
    }
    strbuf_puts(b, ",\"answers\":[");
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        strbuf_puts(b, i ? ",{\"text\":" : "{\"text\":");
        cli_json_str(b, a->text);
        if (q->type == QT_MATCHING) {
            strbuf_puts(b, ",\"left\":");
            cli_json_str(b, a->left);
        }
        if (q->type == QT_MARKPOST) {
            strbuf_puts(b, ",\"technique\":");
            cli_json_str(b, a->technique);
        }
        if (q->type == QT_GROUP)
            strbuf_printf(b, ",\"group\":%d", a->group);
        strbuf_puts(b, ",\"fraction\":");
        json_num(b, a->fraction);
        strbuf_puts(b, ",\"feedback\":");
        cli_json_str(b, a->feedback);
        strbuf_puts(b, ",\"format\":");
        cli_json_str(b, text_format_name(a->format));
        if (q->type == QT_NUMERICAL) {
            strbuf_puts(b, ",\"value\":");
            json_num(b, a->value);
            strbuf_puts(b, ",\"tolerance\":");
            json_num(b, a->tolerance);
            strbuf_printf(b, ",\"catchall\":%s", a->catchall ? "true" : "false");
        }
        strbuf_putc(b, '}');
    }
    strbuf_puts(b, "]}");
}

/* A field as the kiosk shows it, for a person reading `show`: formatted
 * text without its markup (pack_rich_text's plain form), else raw. The
 * formatting's own warnings are check's to give, not show's. */
typedef struct {
    const char *path;
    Arena arena;
    bool stripped; /* some field of the question lost markup */
} ShowText;

static const char *readable(ShowText *st, const char *raw, TextFormat f)
{
    if (!raw || f == TF_PLAIN)
        return raw;
    RichWhere at = {.path = st->path, .line = 1, .col = 1};
    RichText rt;
    Diags quiet = {0};
    pack_rich_text(raw, f, &at, &st->arena, &rt, &quiet);
    diags_free(&quiet);
    const char *plain = rich_plain(&rt, raw);
    if (strcmp(plain, raw))
        st->stripped = true;
    return plain;
}

/* How many terminal columns the first n bytes of s take: a wide (CJK)
 * character two, any other one. */
static size_t columns(const char *s, size_t n)
{
    size_t cols = 0, i = 0;
    while (i < n)
        cols += utf8_decode(s, n, &i) >= 0x2E80 ? 2 : 1;
    return cols;
}

/* value with each line after the first indented by indent spaces. */
static void put_indented(StrBuf *b, const char *value, size_t indent)
{
    for (const char *s = value; *s; s++) {
        strbuf_putc(b, *s);
        if (*s == '\n' && s[1])
            strbuf_printf(b, "%*s", (int)indent, "");
    }
}

/* "    label: value", a value of several lines indented under its first. */
static void text_field(StrBuf *b, const char *label, const char *value)
{
    if (!value)
        return;
    StrBuf v = {0};
    put_indented(&v, value, 6 + columns(label, strlen(label)));
    strbuf_printf(b, cli_tr("    %s: %s\n"), label, v.data ? v.data : "");
    strbuf_free(&v);
}

static void text_answers(StrBuf *b, ShowText *st, const Question *q)
{
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        const char *text = a->text ? readable(st, a->text, a->format) : "";
        strbuf_printf(b, "    %6.2f%%  ", a->fraction * 100.0);
        if (q->type == QT_MATCHING)
            strbuf_printf(b, "%s -> %s",
                          a->left && *a->left ? readable(st, a->left, a->format)
                                              : cli_tr("(distractor)"),
                          text);
        else if (q->type == QT_NUMERICAL && a->catchall)
            strbuf_puts(b, cli_tr("(any other value)"));
        else if (q->type == QT_NUMERICAL)
            strbuf_printf(b, "%.10g +/- %.10g", a->value, a->tolerance);
        else
            strbuf_puts(b, text);
        strbuf_putc(b, '\n');
        if (a->feedback) {
            const char *fmt = cli_tr("             feedback: %s\n");
            StrBuf v = {0};
            put_indented(&v, readable(st, a->feedback, a->feedback_format),
                         columns(fmt, (size_t)(strstr(fmt, "%s") - fmt)));
            strbuf_printf(b, fmt, v.data ? v.data : "");
            strbuf_free(&v);
        }
    }
}

void cli_text_question(StrBuf *b, const char *path, size_t n, const Question *q)
{
    ShowText st = {.path = path};
    strbuf_printf(b, "[%zu] %s", n, question_type_name(q->type));
    if (q->id)
        strbuf_printf(b, "  %s", q->id);
    if (q->name && (!q->id || strcmp(q->name, q->id)))
        strbuf_printf(b, cli_tr("  (name: %s)"), q->name);
    strbuf_printf(b, cli_tr("  line %d"), q->line);
    strbuf_puts(b, question_type_scored(q->type) ? "\n" : cli_tr("  (not scored)\n"));
    text_field(b, cli_tr("category"), q->category);
    if (q->ntags) {
        strbuf_puts(b, cli_tr("    tags:"));
        for (size_t i = 0; i < q->ntags; i++)
            strbuf_printf(b, " %s", q->tags[i]);
        strbuf_putc(b, '\n');
    }
    text_field(b, cli_tr("source"), q->source);
    StrBuf rest = {0}; /* after the format line, which says whether markup was left out */
    const char *text = readable(&st, q->text, q->format);
    if (q->type == QT_TRUEFALSE) {
        text_field(&rest, cli_tr("answer"), q->tf_answer ? cli_tr("true") : cli_tr("false"));
        text_field(&rest, cli_tr("feedback if wrong"), readable(&st, q->tf_feedback_wrong, q->format));
        text_field(&rest, cli_tr("feedback if right"), readable(&st, q->tf_feedback_right, q->format));
    }
    text_answers(&rest, &st, q);
    text_field(&rest, cli_tr("general feedback"),
               readable(&st, q->general_feedback, q->feedback_format));
    text_field(b, cli_tr("text"), text);
    if (q->format != TF_MOODLE || st.stripped) {
        char *f = mb_xasprintf(st.stripped ? cli_tr("%s (shown without its markup)") : "%s",
                               text_format_name(q->format));
        text_field(b, cli_tr("format"), f);
        free(f);
    }
    if (rest.data)
        strbuf_append(b, rest.data, rest.len);
    strbuf_free(&rest);
    arena_reset(&st.arena);
}
