/* CSV for spreadsheets (RFC 4180, UTF-8 with a BOM so that spreadsheet
 * programs show Chinese; CRLF line ends): answers.csv with one row per
 * answer, progress.csv with one row per participant per unit. Numbers are
 * written as numbers; text that a spreadsheet would run as a formula
 * (a participant named "=HYPERLINK(...)", a typed "@SUM") is led by an
 * apostrophe, except a plain negative number, which stays a number. */
#include "report_internal.h"

#include <string.h>

bool report_plain_number(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    size_t digits = 0, dots = 0;
    for (; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digits++;
        else if (*p == '.' && !dots++)
            continue;
        else
            return false;
    }
    return digits > 0 && p[-1] != '.' && s[*s == '-'] != '.';
}

void report_csv_text(StrBuf *b, const char *s, bool first)
{
    if (!first)
        strbuf_putc(b, ',');
    if (!s)
        s = "";
    bool formula = strchr("=+-@\t\r", s[0]) && s[0] && !report_plain_number(s);
    bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        strbuf_putc(b, '"');
    if (formula)
        strbuf_putc(b, '\'');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            strbuf_putc(b, '"');
        strbuf_putc(b, *p);
    }
    if (quote)
        strbuf_putc(b, '"');
}

void report_csv_number(StrBuf *b, double v)
{
    strbuf_putc(b, ',');
    report_number(b, v);
}

static void report_csv_int(StrBuf *b, int64_t v, bool blank_if_zero)
{
    strbuf_putc(b, ',');
    if (v || !blank_if_zero)
        strbuf_printf(b, "%lld", (long long)v);
}

static void report_csv_time(StrBuf *b, int64_t ms)
{
    char t[48];
    report_iso_time(t, sizeof t, ms);
    report_csv_text(b, t, false);
}

static const char *report_name(const ReportData *d, const char *name)
{
    return d->o->names ? name : "";
}

static void report_csv_answers(const ReportData *d, StrBuf *b)
{
    strbuf_puts(b, "\xEF\xBB\xBF"
                   "answer_id,session,participant,name,pack,pack_version,unit,question,type,"
                   "language,response,score,max,correct,review,started,answered,seconds,kiosk\r\n");
    for (size_t i = 0; i < d->n; i++) {
        const ReportAnswer *a = &d->rows[i];
        report_csv_text(b, a->uuid, true);
        report_csv_int(b, a->session, true);
        report_csv_text(b, a->pseudo, false);
        report_csv_text(b, report_name(d, a->name), false);
        report_csv_text(b, a->pack_id, false);
        report_csv_text(b, a->pack_version, false);
        report_csv_text(b, a->unit, false);
        report_csv_text(b, a->question_id, false);
        report_csv_text(b, question_type_name(a->type), false);
        report_csv_text(b, lang_code(a->lang), false);
        report_csv_text(b, a->response, false);
        report_csv_number(b, a->score);
        report_csv_number(b, a->max);
        report_csv_int(b, a->correct, false);
        report_csv_int(b, a->review, false);
        report_csv_time(b, a->started_ms);
        report_csv_time(b, a->answered_ms);
        report_csv_number(b, report_seconds(a));
        report_csv_text(b, a->kiosk_id, false);
        strbuf_puts(b, "\r\n");
    }
}

static void report_csv_progress(const ReportData *d, StrBuf *b)
{
    strbuf_puts(b, "\xEF\xBB\xBF"
                   "session,participant,name,pack,pack_version,unit,questions,answered,correct,"
                   "score,max,percent,seconds,started,last_answered\r\n");
    for (size_t i = 0; i < d->nprogress; i++) {
        const ReportProgress *p = &d->progress[i];
        if (d->session.id)
            strbuf_printf(b, "%lld", (long long)d->session.id);
        report_csv_text(b, p->pseudo, false);
        report_csv_text(b, report_name(d, p->name), false);
        report_csv_text(b, p->pack_id, false);
        report_csv_text(b, p->pack_version, false);
        report_csv_text(b, p->unit, false);
        strbuf_putc(b, ',');
        if (p->questions >= 0)
            strbuf_printf(b, "%d", p->questions);
        report_csv_int(b, p->answered, false);
        report_csv_int(b, p->correct, false);
        report_csv_number(b, p->score);
        report_csv_number(b, p->max);
        strbuf_putc(b, ',');
        if (p->max > 0)
            report_number(b, (double)(int64_t)(p->score / p->max * 1000 + 0.5) / 10);
        report_csv_number(b, (double)(int64_t)(p->seconds * 10 + 0.5) / 10);
        report_csv_time(b, p->first_ms);
        report_csv_time(b, p->last_ms);
        strbuf_puts(b, "\r\n");
    }
}

int report_csv_build(ReportData *d, StrBuf bufs[REPORT_MAX_FILES],
                     const char *names[REPORT_MAX_FILES], size_t *n)
{
    report_csv_answers(d, &bufs[0]);
    report_csv_progress(d, &bufs[1]);
    names[0] = "answers.csv";
    names[1] = "progress.csv";
    *n = 2;
    return MB_OK;
}
