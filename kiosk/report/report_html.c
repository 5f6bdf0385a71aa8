/* The session report (report.html): one self-contained HTML file that any
 * browser opens offline and that prints on A4: the session, each
 * question's correct rate as bars, the distribution of the participants'
 * unit scores, and a table per question and per participant. The charts
 * are inline SVG drawn here, with no script, no font and no link to load.
 * Every text from the database or a pack is escaped. Results count the
 * latest quiz answer of each participant to each question, as the kiosk's
 * summary does. */
#include "report_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The report's words, English and Chinese. */
enum {
    W_TITLE, W_ALL, W_SESSION, W_STARTED, W_ENDED, W_OPEN, W_KIOSK, W_MADE, W_PEOPLE,
    W_ANSWERS, W_RATE, W_RATE_NOTE, W_DIST, W_DIST_NOTE, W_QUESTIONS, W_QUESTION, W_UNIT,
    W_TYPE, W_ANSWERED, W_RIGHT, W_MEAN, W_PROGRESS, W_PARTICIPANT, W_NAME, W_SCORE, W_TIME,
    W_NONE, W_COUNT
};

static const char *const html_words[W_COUNT][LANG_COUNT] = {
    [W_TITLE] = {"Results", "学习结果"},
    [W_ALL] = {"All answers on this kiosk", "本机全部作答"},
    [W_SESSION] = {"Session", "研讨课"},
    [W_STARTED] = {"Started", "开始"},
    [W_ENDED] = {"Ended", "结束"},
    [W_OPEN] = {"still open", "尚未结束"},
    [W_KIOSK] = {"Kiosk", "设备"},
    [W_MADE] = {"Report made", "报告生成于"},
    [W_PEOPLE] = {"Participants", "参与者"},
    [W_ANSWERS] = {"Answers", "作答数"},
    [W_RATE] = {"Correct rate per question", "各题正确率"},
    [W_RATE_NOTE] = {"Share of participants whose latest answer was fully right.",
                     "最近一次作答完全正确的参与者所占比例。"},
    [W_DIST] = {"Score distribution", "得分分布"},
    [W_DIST_NOTE] = {"Participants per unit, by the share of the unit's points they scored.",
                     "按单元得分率统计的参与者人数。"},
    [W_QUESTIONS] = {"Questions", "题目"},
    [W_QUESTION] = {"Question", "题目"},
    [W_UNIT] = {"Unit", "单元"},
    [W_TYPE] = {"Type", "题型"},
    [W_ANSWERED] = {"Answered", "作答人数"},
    [W_RIGHT] = {"Right", "答对"},
    [W_MEAN] = {"Mean score", "平均得分"},
    [W_PROGRESS] = {"Participants", "参与者进度"},
    [W_PARTICIPANT] = {"Participant", "参与者"},
    [W_NAME] = {"Name", "姓名"},
    [W_SCORE] = {"Score", "得分"},
    [W_TIME] = {"Time (s)", "用时（秒）"},
    [W_NONE] = {"No answers yet.", "还没有作答。"},
};

typedef struct {
    const ReportAnswer *first; /* names the question */
    int order;                 /* its place in its unit's quiz; -1 not known */
    int answered, right;
    double score, max;
} HtmlQuestion;

static const char *const html_types[QT_COUNT][LANG_COUNT] = {
    [QT_DESCRIPTION] = {"Text", "说明"},
    [QT_ESSAY] = {"Discussion", "讨论题"},
    [QT_MULTICHOICE] = {"Multiple choice", "单选题"},
    [QT_MULTIRESPONSE] = {"Multiple response", "多选题"},
    [QT_TRUEFALSE] = {"True or false", "判断题"},
    [QT_MATCHING] = {"Matching", "匹配题"},
    [QT_SHORTANSWER] = {"Short answer", "填空题"},
    [QT_NUMERICAL] = {"Number", "数值题"},
    [QT_MARKPOST] = {"Mark the post", "标出帖子里的手法"},
    [QT_SORT] = {"Sort the feed", "排序"},
    [QT_READ] = {"Read laterally", "横向阅读"},
    [QT_GROUP] = {"Sort into groups", "分组"},
};

static const char *html_type(const ReportData *d, QuestionType t)
{
    return t < QT_COUNT ? html_types[t][d->o->lang] : "?";
}

/* "2026-11-29 21:12", local time. */
static void html_when(char *buf, size_t cap, int64_t ms)
{
    char iso[48];
    report_iso_time(iso, sizeof iso, ms);
    iso[10] = ' ';
    snprintf(buf, cap, "%.16s", iso);
}

static const char *w(const ReportData *d, int word)
{
    return html_words[word][d->o->lang];
}

static void html_esc(StrBuf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': strbuf_puts(b, "&amp;"); break;
        case '<': strbuf_puts(b, "&lt;"); break;
        case '>': strbuf_puts(b, "&gt;"); break;
        case '"': strbuf_puts(b, "&quot;"); break;
        case '\'': strbuf_puts(b, "&#39;"); break;
        default: strbuf_putc(b, *s); break;
        }
    }
}

/* At most max columns of s (a CJK character takes two), with "…" when
 * cut (whole UTF-8 sequences). */
static void html_esc_cut(StrBuf *b, const char *s, size_t max)
{
    size_t len = strlen(s), i = 0, cols = 0;
    while (i < len) {
        size_t at = i;
        cols += utf8_is_cjk(utf8_decode(s, len, &i)) ? 2 : 1;
        if (cols > max) {
            i = at;
            break;
        }
    }
    char *part = mb_xstrndup(s, i);
    html_esc(b, part);
    free(part);
    if (i < len)
        strbuf_puts(b, "…");
}

static int html_question_cmp(const void *pa, const void *pb)
{
    const HtmlQuestion *a = pa, *b = pb;
    int c = strcmp(a->first->pack_id, b->first->pack_id);
    if (!c)
        c = strcmp(a->first->unit, b->first->unit);
    if (!c)
        c = (a->order > b->order) - (a->order < b->order);
    if (!c)
        c = strcmp(a->first->question_id, b->first->question_id);
    return c;
}

static int html_quiz_index(const ReportData *d, const ReportAnswer *a)
{
    const Unit *u = report_unit(d, a->pack_id, a->unit);
    if (!u)
        return -1;
    const QuestionList *ql = learn_unit_quiz(u, a->lang);
    for (size_t i = 0; i < ql->count; i++)
        if (ql->items[i].id && !strcmp(ql->items[i].id, a->question_id))
            return (int)i;
    return -1;
}

/* The questions answered, in the order of their units' quizzes. */
static HtmlQuestion *html_questions(const ReportData *d, size_t *n)
{
    HtmlQuestion *qs = NULL;
    *n = 0;
    for (size_t i = 0; i < d->n; i++) {
        const ReportAnswer *a = &d->rows[i];
        if (!d->latest[i])
            continue;
        HtmlQuestion *q = NULL;
        for (size_t k = 0; k < *n && !q; k++)
            if (!strcmp(qs[k].first->pack_id, a->pack_id) && !strcmp(qs[k].first->unit, a->unit) &&
                !strcmp(qs[k].first->question_id, a->question_id))
                q = &qs[k];
        if (!q) {
            qs = mb_xrealloc(qs, (*n + 1) * sizeof *qs);
            q = &qs[(*n)++];
            *q = (HtmlQuestion){.first = a, .order = html_quiz_index(d, a)};
        }
        q->answered++;
        q->right += a->correct;
        q->score += a->score;
        q->max += a->max;
    }
    if (*n)
        qsort(qs, *n, sizeof *qs, html_question_cmp);
    return qs;
}

static void html_question_label(const ReportData *d, StrBuf *b, const ReportAnswer *a, size_t max)
{
    const Question *q = report_question(d, a, d->o->lang, false);
    html_esc(b, a->question_id);
    if (q && q->text) {
        strbuf_puts(b, " · ");
        html_esc_cut(b, rich_plain(q->rich_text, q->text), max);
    }
}

/* ---------------- charts ---------------- */

#define CHART_W 680
#define BAR_W 560
#define ROW_H 40

/* Each question on a line of its own, its bar below it: a label never
 * runs into the bars, whatever the language. */
static void html_rate_chart(const ReportData *d, StrBuf *b, const HtmlQuestion *qs, size_t n)
{
    int h = (int)n * ROW_H + 24;
    strbuf_printf(b,
                  "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                  "role=\"img\" aria-label=\"",
                  CHART_W, h, CHART_W, h);
    html_esc(b, w(d, W_RATE));
    strbuf_puts(b, "\">\n");
    for (int t = 0; t <= 4; t++) {
        int x = BAR_W * t / 4 + (t == 0) - (t == 4);
        strbuf_printf(b,
                      "<line x1=\"%d\" y1=\"14\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>"
                      "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"%s\">%d%%</text>\n",
                      x, x, h - 18, x, h - 4, t == 0 ? "start" : t == 4 ? "end" : "middle", t * 25);
    }
    for (size_t i = 0; i < n; i++) {
        int y = (int)i * ROW_H;
        double rate = qs[i].answered ? (double)qs[i].right / qs[i].answered : 0;
        strbuf_printf(b, "<text x=\"0\" y=\"%d\" class=\"label\">", y + 12);
        html_question_label(d, b, qs[i].first, 84);
        strbuf_printf(b,
                      "</text><rect x=\"0\" y=\"%d\" width=\"%d\" height=\"14\" class=\"track\"/>"
                      "<rect x=\"0\" y=\"%d\" width=\"%.1f\" height=\"14\" class=\"bar\"/>"
                      "<text x=\"%d\" y=\"%d\" class=\"value\">%d%% (%d/%d)</text>\n",
                      y + 17, BAR_W, y + 17, BAR_W * rate, BAR_W + 8, y + 29,
                      (int)(rate * 100 + 0.5), qs[i].right, qs[i].answered);
    }
    strbuf_puts(b, "</svg>\n");
}

static void html_distribution(const ReportData *d, StrBuf *b)
{
    int bins[10] = {0}, most = 1;
    for (size_t i = 0; i < d->nprogress; i++) {
        const ReportProgress *p = &d->progress[i];
        if (p->max <= 0)
            continue;
        int k = MB_CLAMP((int)(p->score / p->max * 10), 0, 9);
        bins[k]++;
        most = MB_MAX(most, bins[k]);
    }
    const int h = 220, base = 190, col = 56, x0 = 50;
    strbuf_printf(b,
                  "<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                  "role=\"img\" aria-label=\"",
                  CHART_W, h, CHART_W, h);
    html_esc(b, w(d, W_DIST));
    strbuf_puts(b, "\">\n");
    strbuf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>\n", x0, base,
                  x0 + 10 * col, base);
    for (int k = 0; k < 10; k++) {
        int x = x0 + k * col;
        double bh = (double)bins[k] / most * 160;
        strbuf_printf(b,
                      "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" class=\"bar\"/>"
                      "<text x=\"%d\" y=\"%.1f\" class=\"value\" text-anchor=\"middle\">%d</text>"
                      "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">%d–%d%%</text>\n",
                      x + 4, base - bh, col - 8, bh, x + col / 2, base - bh - 4, bins[k],
                      x + col / 2, base + 18, k * 10, k * 10 + 10);
    }
    strbuf_puts(b, "</svg>\n");
}

/* ---------------- tables ---------------- */

static void html_question_table(const ReportData *d, StrBuf *b, const HtmlQuestion *qs, size_t n)
{
    strbuf_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th class=\"n\">%s</th>"
                     "<th class=\"n\">%s</th><th class=\"n\">%s</th></tr></thead><tbody>\n",
                  w(d, W_UNIT), w(d, W_QUESTION), w(d, W_TYPE), w(d, W_ANSWERED), w(d, W_RIGHT),
                  w(d, W_MEAN));
    for (size_t i = 0; i < n; i++) {
        const ReportAnswer *a = qs[i].first;
        strbuf_puts(b, "<tr><td>");
        /* The unit once, at its first question. */
        if (!i || strcmp(qs[i - 1].first->unit, a->unit) ||
            strcmp(qs[i - 1].first->pack_id, a->pack_id))
            html_esc(b,
                     report_unit_title(report_unit(d, a->pack_id, a->unit), a->unit, d->o->lang));
        strbuf_puts(b, "</td><td>");
        html_question_label(d, b, a, 120);
        strbuf_printf(b, "</td><td class=\"t\">%s</td><td class=\"n\">%d</td><td class=\"n\">%d%%</td>"
                         "<td class=\"n\">",
                      html_type(d, a->type), qs[i].answered,
                      qs[i].answered ? (int)(100.0 * qs[i].right / qs[i].answered + 0.5) : 0);
        report_number(b, qs[i].max > 0 ? (double)(int)(qs[i].score / qs[i].max * 100 + 0.5) / 100
                                        : 0);
        strbuf_puts(b, "</td></tr>\n");
    }
    strbuf_puts(b, "</tbody></table>\n");
}

static void html_progress_table(const ReportData *d, StrBuf *b)
{
    strbuf_printf(b, "<table><thead><tr><th>%s</th>", w(d, W_PARTICIPANT));
    if (d->o->names)
        strbuf_printf(b, "<th>%s</th>", w(d, W_NAME));
    strbuf_printf(b, "<th>%s</th><th class=\"n\">%s</th><th class=\"n\">%s</th>"
                     "<th class=\"n\">%s</th><th class=\"n\">%s</th></tr></thead><tbody>\n",
                  w(d, W_UNIT), w(d, W_ANSWERED), w(d, W_RIGHT), w(d, W_SCORE), w(d, W_TIME));
    for (size_t i = 0; i < d->nprogress; i++) {
        const ReportProgress *p = &d->progress[i];
        strbuf_puts(b, "<tr><td>");
        html_esc(b, p->pseudo);
        if (d->o->names) {
            strbuf_puts(b, "</td><td>");
            html_esc(b, p->name);
        }
        strbuf_puts(b, "</td><td>");
        html_esc(b, report_unit_title(report_unit(d, p->pack_id, p->unit), p->unit, d->o->lang));
        strbuf_printf(b, "</td><td class=\"n\">%d", p->answered);
        if (p->questions >= 0)
            strbuf_printf(b, " / %d", p->questions);
        strbuf_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">", p->correct);
        report_number(b, p->score);
        strbuf_puts(b, " / ");
        report_number(b, p->max);
        strbuf_printf(b, "</td><td class=\"n\">%d</td></tr>\n", (int)(p->seconds + 0.5));
    }
    strbuf_puts(b, "</tbody></table>\n");
}

/* ---------------- the page ---------------- */

static const char html_style[] =
    "<style>\n"
    "body{font-family:'Noto Sans','Noto Sans SC','Noto Sans CJK SC',sans-serif;color:#1b1b1b;"
    "margin:2em auto;max-width:52em;padding:0 1em;line-height:1.45}\n"
    "h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.2em;margin:1.6em 0 .3em;"
    "border-bottom:1px solid #999}\n"
    ".facts{color:#444}.note{color:#555;font-size:.9em;margin:.2em 0 .6em}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9em}\n"
    "th,td{border-bottom:1px solid #ccc;padding:.25em .4em;text-align:left;vertical-align:top}\n"
    "th{background:#eee}.n{text-align:right;white-space:nowrap}.t{white-space:nowrap}\n"
    "svg.chart{max-width:100%;height:auto;display:block}\n"
    "svg .bar{fill:#2f6f9f}svg .track{fill:#e6e6e6}svg .grid{stroke:#bbb;stroke-width:1}\n"
    "svg text{font-size:12px;fill:#1b1b1b}svg .axis{fill:#555;font-size:11px}\n"
    "section{break-inside:avoid-page}\n"
    "@page{size:A4;margin:15mm}\n"
    "@media print{body{margin:0;max-width:none}svg .bar{fill:#333}th{background:none}"
    "tr{break-inside:avoid}}\n"
    "</style>\n";

static void html_facts(const ReportData *d, StrBuf *b)
{
    char t[48];
    size_t people = 0;
    for (size_t i = 0; i < d->n; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = d->rows[j].participant == d->rows[i].participant;
        people += !seen;
    }
    strbuf_puts(b, "<p class=\"facts\">");
    if (d->session.id) {
        html_when(t, sizeof t, d->session.started_ms);
        strbuf_printf(b, "%s %lld · %s %s · %s ", w(d, W_SESSION), (long long)d->session.id,
                      w(d, W_STARTED), t, w(d, W_ENDED));
        if (d->session.ended_ms) {
            html_when(t, sizeof t, d->session.ended_ms);
            strbuf_puts(b, t);
        } else {
            strbuf_puts(b, w(d, W_OPEN));
        }
        strbuf_printf(b, " · %s ", w(d, W_KIOSK));
        html_esc(b, d->session.kiosk_id);
        strbuf_puts(b, "<br>");
    }
    html_when(t, sizeof t, d->now_ms);
    strbuf_printf(b, "%s: %zu · %s: %zu · %s %s</p>\n", w(d, W_PEOPLE), people,
                  w(d, W_ANSWERS), d->n, w(d, W_MADE), t);
}

int report_html_build(ReportData *d, StrBuf bufs[REPORT_MAX_FILES],
                      const char *names[REPORT_MAX_FILES], size_t *n)
{
    StrBuf *b = &bufs[0];
    const char *title = d->session.id ? d->session.title : w(d, W_ALL);
    strbuf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                     "<title>",
                  d->o->lang == LANG_ZH ? "zh-CN" : "en");
    html_esc(b, w(d, W_TITLE));
    strbuf_puts(b, ": ");
    html_esc(b, title);
    strbuf_printf(b, "</title>\n%s</head>\n<body>\n<h1>", html_style);
    html_esc(b, title);
    strbuf_puts(b, "</h1>\n");
    html_facts(d, b);
    size_t nq = 0;
    HtmlQuestion *qs = html_questions(d, &nq);
    if (!nq) {
        strbuf_printf(b, "<p>%s</p>\n", w(d, W_NONE));
    } else {
        strbuf_printf(b, "<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n", w(d, W_RATE),
                      w(d, W_RATE_NOTE));
        html_rate_chart(d, b, qs, nq);
        strbuf_printf(b, "</section>\n<section>\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n",
                      w(d, W_DIST), w(d, W_DIST_NOTE));
        html_distribution(d, b);
        strbuf_printf(b, "</section>\n<h2>%s</h2>\n", w(d, W_QUESTIONS));
        html_question_table(d, b, qs, nq);
        strbuf_printf(b, "<h2>%s</h2>\n", w(d, W_PROGRESS));
        html_progress_table(d, b);
    }
    strbuf_puts(b, "</body>\n</html>\n");
    free(qs);
    names[0] = "report.html";
    *n = 1;
    return MB_OK;
}
