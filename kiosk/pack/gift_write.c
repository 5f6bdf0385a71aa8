/* GIFT writer: writes questions as Moodle's exporter does
 * (question/format/gift/format.php, writequestion) -- the "// question:"
 * comment, ::name::, a [format] prefix only where the format differs, the
 * reserved characters escaped, one layout per type -- plus what Mingbai reads
 * back from comments ([id:], [tag:], "source:") and $CATEGORY: switches, so
 * that pack_gift_parse() of the output gives the same questions. The input is
 * the kiosk's own model and is trusted to be well formed. */
#include "mingbai/pack.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Moodle's repchar: escapes \ # = ~ { } : and writes newlines as \n. */
static void gift_put_escaped(StrBuf *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\':
        case '#':
        case '=':
        case '~':
        case '{':
        case '}':
        case ':':
            strbuf_putc(out, '\\');
            strbuf_putc(out, *s);
            break;
        case '\n':
            strbuf_puts(out, "\\n");
            break;
        case '\r':
            break;
        default:
            strbuf_putc(out, *s);
        }
    }
}

/* True when s starts with "[moodle]", "[html]", "[plain]" or "[markdown]",
 * which the reader would take for a format prefix. */
static bool gift_has_format_prefix(const char *s)
{
    static const char *const names[] = {"[moodle]", "[html]", "[plain]", "[markdown]"};
    for (size_t i = 0; i < MB_COUNT(names); i++)
        if (!strncmp(s, names[i], strlen(names[i])))
            return true;
    return false;
}

/* Moodle's write_questiontext: "[fmt]" when fmt differs from def, then the
 * escaped text. The prefix is also written when the text itself starts like
 * a prefix or like a comment ("//" at the start of a line), since the reader
 * would otherwise take it for one. */
static void gift_put_field(StrBuf *out, const char *s, TextFormat fmt, TextFormat def)
{
    if (!s)
        s = "";
    if (fmt != def || gift_has_format_prefix(s) || !strncmp(s, "//", 2))
        strbuf_printf(out, "[%s]", text_format_name(fmt));
    gift_put_escaped(out, s);
}

/* The shortest text that reads back as exactly v, as a teacher writes it:
 * fixed-point ("2020", "0.25"), never "2.02e+03"; only a number too large
 * or too small to write out that way gets the shortest "%.*g". strtod and
 * printf use '.' because nothing in the kiosk calls setlocale(). */
static void gift_put_number(StrBuf *out, double v)
{
    char buf[64];
    if (isfinite(v) && fabs(v) < 1e15) {
        for (int prec = 0; prec <= 20; prec++) {
            snprintf(buf, sizeof buf, "%.*f", prec, v);
            if (strtod(buf, NULL) == v) {
                strbuf_puts(out, buf);
                return;
            }
        }
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    strbuf_puts(out, buf);
}

/* "%50%": the reader divides the percentage by 100, so pick the shortest
 * fixed-point text that gives back exactly this fraction (no exponent: the
 * weight pattern has none). */
static void gift_put_weight(StrBuf *out, double fraction)
{
    char buf[96];
    for (int prec = 0; prec <= 30; prec++) {
        snprintf(buf, sizeof buf, "%.*f", prec, fraction * 100);
        if (strtod(buf, NULL) / 100 == fraction)
            break;
    }
    strbuf_printf(out, "%%%s%%", buf);
}

/* Text inside a "//" comment: one line, and no '[' that could read as an
 * [id:] or [tag:] token. */
static void gift_put_comment_text(StrBuf *out, const char *s)
{
    for (; s && *s; s++) {
        char c = *s;
        if ((unsigned char)c < 0x20 || c == 0x7F)
            c = ' ';
        else if (c == '[')
            c = '(';
        else if (c == ']')
            c = ')';
        strbuf_putc(out, c);
    }
}

static void gift_put_token(StrBuf *out, const char *kind, const char *s)
{
    strbuf_printf(out, "[%s:", kind);
    for (; *s; s++) {
        if (*s == ']')
            strbuf_putc(out, '\\');
        strbuf_putc(out, *s);
    }
    strbuf_putc(out, ']');
}

static bool gift_ends_with_backslash(const char *s)
{
    size_t n = strlen(s);
    return n && s[n - 1] == '\\';
}

/* "// [id:x] [tag:a]" as Moodle writes it, and "// source: ...". A token
 * ending in a backslash only reads back alone at the end of its line (the
 * reader, like Moodle's regex, backtracks to the last "\]"), so then each
 * token gets a line of its own. */
static void gift_put_meta(StrBuf *out, const Question *q)
{
    bool own_id = q->id && (!q->name || strcmp(q->id, q->name));
    bool split = own_id && gift_ends_with_backslash(q->id);
    for (size_t i = 0; i < q->ntags; i++)
        split |= gift_ends_with_backslash(q->tags[i]);
    if (own_id || q->ntags) {
        strbuf_puts(out, "//");
        if (own_id) {
            strbuf_putc(out, ' ');
            gift_put_token(out, "id", q->id);
        }
        for (size_t i = 0; i < q->ntags; i++) {
            strbuf_puts(out, split ? "\n// " : " ");
            gift_put_token(out, "tag", q->tags[i]);
        }
        strbuf_putc(out, '\n');
    }
    if (q->fixed_order)
        strbuf_puts(out, "// order: fixed\n");
    if (q->source) {
        strbuf_puts(out, "// source: ");
        /* Only a line end would break the comment (a lone carriage return
         * does not end a line; the reader keeps it in the comment). */
        for (const char *s = q->source; *s; s++)
            strbuf_putc(out, *s == '\n' ? ' ' : *s);
        strbuf_putc(out, '\n');
    }
}

/* Moodle's write_general_feedback: "####text", on its own line when indented. */
static void gift_put_general_feedback(StrBuf *out, const Question *q, bool indent)
{
    if (!q->general_feedback || !q->general_feedback[0])
        return;
    if (indent)
        strbuf_putc(out, '\t');
    strbuf_puts(out, "####");
    gift_put_field(out, q->general_feedback, q->feedback_format, q->format);
    if (indent)
        strbuf_putc(out, '\n');
}

/* An answer's feedback after '#', with its own [format] where it differs
 * from the question's (Moodle's writequestion does the same). */
static void gift_put_feedback(StrBuf *out, const Question *q, const Answer *a)
{
    if (a->feedback && a->feedback[0]) {
        strbuf_putc(out, '#');
        gift_put_field(out, a->feedback, a->feedback_format, q->format);
    }
}

/* The format of a true/false question's feedback fb: the answer's that
 * holds it. */
static TextFormat gift_tf_format(const Question *q, const char *fb)
{
    for (size_t i = 0; i < q->nanswers; i++)
        if (q->answers[i].feedback == fb)
            return q->answers[i].feedback_format;
    return q->format;
}

static void gift_write_truefalse(StrBuf *out, const Question *q)
{
    const char *wrong =
        q->tf_feedback_wrong && q->tf_feedback_wrong[0] ? q->tf_feedback_wrong : NULL;
    const char *right =
        q->tf_feedback_right && q->tf_feedback_right[0] ? q->tf_feedback_right : NULL;
    strbuf_puts(out, q->tf_answer ? "{TRUE" : "{FALSE");
    if (wrong) {
        strbuf_putc(out, '#');
        gift_put_field(out, wrong, gift_tf_format(q, wrong), q->format);
    } else if (right) {
        strbuf_putc(out, '#');
    }
    if (right) {
        strbuf_putc(out, '#');
        gift_put_field(out, right, gift_tf_format(q, right), q->format);
    }
    gift_put_general_feedback(out, q, false);
    strbuf_puts(out, "}\n");
}

static void gift_write_multichoice(StrBuf *out, const Question *q)
{
    bool single = q->type == QT_MULTICHOICE;
    /* With every answer at 100% there would be no '~' and the reader would
     * see a short answer; the last one then keeps its weight explicitly. */
    bool all_right = q->nanswers > 0;
    for (size_t i = 0; i < q->nanswers; i++)
        all_right &= q->answers[i].fraction == 1;
    strbuf_puts(out, "{\n");
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        const char *text = a->text ? a->text : "";
        strbuf_putc(out, '\t');
        bool keep_tilde = all_right && i + 1 == q->nanswers;
        if (a->fraction == 1 && single && !keep_tilde) {
            strbuf_putc(out, '=');
        } else if (a->fraction == 0 && text[0] != '%') {
            strbuf_putc(out, '~');
        } else {
            /* Also for a 0 answer whose text starts with '%', which would
             * otherwise read as a weight. */
            strbuf_putc(out, '~');
            gift_put_weight(out, a->fraction);
        }
        gift_put_field(out, text, a->format, q->format);
        gift_put_feedback(out, q, a);
        strbuf_putc(out, '\n');
    }
    gift_put_general_feedback(out, q, true);
    strbuf_puts(out, "}\n");
}

static void gift_write_shortanswer(StrBuf *out, const Question *q)
{
    strbuf_puts(out, "{\n");
    /* A "->" anywhere in the answers next to a '=' reads as matching; a lone
     * full-credit answer can be written without '=' (Moodle's "{Grant}"). */
    bool arrow = false;
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        arrow |= (a->text && strstr(a->text, "->")) || (a->feedback && strstr(a->feedback, "->"));
    }
    bool bare = arrow && q->nanswers == 1 && q->answers[0].fraction == 1;
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        strbuf_putc(out, '\t');
        if (!bare) {
            strbuf_putc(out, '=');
            gift_put_weight(out, a->fraction);
        }
        gift_put_field(out, a->text, a->format, q->format);
        strbuf_putc(out, '#');
        if (a->feedback && a->feedback[0])
            gift_put_field(out, a->feedback, a->feedback_format, q->format);
        strbuf_putc(out, '\n');
    }
    gift_put_general_feedback(out, q, true);
    strbuf_puts(out, "}\n");
}

static void gift_write_numerical(StrBuf *out, const Question *q)
{
    strbuf_puts(out, "{#\n");
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        /* The reader takes everything after the first '~' as the catch-all,
         * and needs an answer before it, so "~#" can only be the last answer
         * and not the first; a catch-all elsewhere, or one with a score, is
         * written as Moodle stores it: "*". */
        if (a->catchall && a->fraction == 0 && i + 1 == q->nanswers && i > 0) {
            strbuf_puts(out, "\t~#");
            if (a->feedback)
                gift_put_field(out, a->feedback, a->feedback_format, q->format);
            strbuf_putc(out, '\n');
            continue;
        }
        strbuf_puts(out, "\t=");
        gift_put_weight(out, a->fraction);
        if (a->catchall) {
            strbuf_putc(out, '*');
        } else {
            gift_put_number(out, a->value);
            strbuf_putc(out, ':');
            gift_put_number(out, a->tolerance);
        }
        strbuf_putc(out, '#');
        if (a->feedback && a->feedback[0])
            gift_put_field(out, a->feedback, a->feedback_format, q->format);
        strbuf_putc(out, '\n');
    }
    gift_put_general_feedback(out, q, true);
    strbuf_puts(out, "}\n");
}

static void gift_write_matching(StrBuf *out, const Question *q)
{
    strbuf_puts(out, "{\n");
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        strbuf_puts(out, "\t=");
        gift_put_field(out, a->left ? a->left : "", a->format, q->format);
        strbuf_puts(out, " -> ");
        gift_put_escaped(out, a->text ? a->text : "");
        strbuf_putc(out, '\n');
    }
    gift_put_general_feedback(out, q, true);
    strbuf_puts(out, "}\n");
}

static void gift_write_category(StrBuf *out, const char *category)
{
    strbuf_puts(out, "// question: 0  name: Switch category to ");
    gift_put_comment_text(out, category);
    strbuf_puts(out, "\n$CATEGORY: ");
    /* The reader resolves escapes in the path too; only '\' and newlines
     * need one there. */
    for (const char *s = category ? category : ""; *s; s++) {
        if (*s == '\\')
            strbuf_puts(out, "\\\\");
        else if (*s == '\n')
            strbuf_puts(out, "\\n");
        else if (*s != '\r')
            strbuf_putc(out, *s);
    }
    strbuf_puts(out, "\n\n");
}

static void gift_write_question(StrBuf *out, const Question *q, size_t number)
{
    if (q->type == QT_MARKPOST || q->type == QT_READ || q->type == QT_GROUP) /* GIFT has no such question: an activity stays in its file */
        return;
    strbuf_printf(out, "// question: %zu  name: ", number);
    gift_put_comment_text(out, q->name);
    strbuf_putc(out, '\n');
    gift_put_meta(out, q);
    if (q->name) {
        strbuf_puts(out, "::");
        gift_put_escaped(out, q->name);
        strbuf_puts(out, "::");
    }
    /* An unnamed description "0" alone on its line would read as a blank
     * line (PHP's empty("0")); the format prefix keeps it text. */
    if (!q->name && q->type == QT_DESCRIPTION && q->format == TF_MOODLE && q->text &&
        !strcmp(q->text, "0"))
        strbuf_puts(out, "[moodle]");
    gift_put_field(out, q->text, q->format, TF_MOODLE);
    switch (q->type) {
    case QT_ESSAY:
        strbuf_putc(out, '{');
        gift_put_general_feedback(out, q, false);
        strbuf_puts(out, "}\n");
        break;
    case QT_TRUEFALSE:
        gift_write_truefalse(out, q);
        break;
    case QT_MULTICHOICE:
    case QT_MULTIRESPONSE:
        gift_write_multichoice(out, q);
        break;
    case QT_SHORTANSWER:
        gift_write_shortanswer(out, q);
        break;
    case QT_NUMERICAL:
        gift_write_numerical(out, q);
        break;
    case QT_MATCHING:
        gift_write_matching(out, q);
        break;
    default: /* description: the text alone */
        strbuf_putc(out, '\n');
        break;
    }
    strbuf_putc(out, '\n');
}

void pack_gift_write(const QuestionList *q, StrBuf *out)
{
    const char *category = NULL;
    for (size_t i = 0; i < q->count; i++) {
        const Question *qu = &q->items[i];
        const char *c = qu->category;
        if ((c || category) && (!c || !category || strcmp(c, category)))
            gift_write_category(out, c);
        category = c;
        gift_write_question(out, qu, i + 1);
    }
    if (!out->data)
        strbuf_append(out, "", 0);
}
