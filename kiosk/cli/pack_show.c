/* How `mingbai pack show` prints a question: as JSON (one object per
 * question, the shape tests and other tools read) or as text for a
 * person, its labels in the locale's language. */
#include "cli_internal.h"

#include <math.h>
#include <stdio.h>
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

static void text_field(StrBuf *b, const char *label, const char *value)
{
    if (value)
        strbuf_printf(b, cli_tr("    %s: %s\n"), label, value);
}

void cli_text_question(StrBuf *b, size_t n, const Question *q)
{
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
    text_field(b, cli_tr("text"), q->text);
    if (q->format != TF_MOODLE)
        text_field(b, cli_tr("format"), text_format_name(q->format));
    if (q->type == QT_TRUEFALSE) {
        text_field(b, cli_tr("answer"), q->tf_answer ? cli_tr("true") : cli_tr("false"));
        text_field(b, cli_tr("feedback if wrong"), q->tf_feedback_wrong);
        text_field(b, cli_tr("feedback if right"), q->tf_feedback_right);
    }
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        strbuf_printf(b, "    %6.2f%%  ", a->fraction * 100.0);
        if (q->type == QT_MATCHING)
            strbuf_printf(b, "%s -> %s", a->left && *a->left ? a->left : cli_tr("(distractor)"),
                          a->text ? a->text : "");
        else if (q->type == QT_NUMERICAL && a->catchall)
            strbuf_puts(b, cli_tr("(any other value)"));
        else if (q->type == QT_NUMERICAL)
            strbuf_printf(b, "%.10g +/- %.10g", a->value, a->tolerance);
        else
            strbuf_puts(b, a->text ? a->text : "");
        strbuf_putc(b, '\n');
        if (a->feedback)
            strbuf_printf(b, cli_tr("             feedback: %s\n"), a->feedback);
    }
    text_field(b, cli_tr("general feedback"), q->general_feedback);
}
