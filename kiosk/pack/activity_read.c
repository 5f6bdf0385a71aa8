/* "## read <id>" in an activity file: read laterally, offline. A question
 * about a source, a sandbox of invented pages (the source's own, and what
 * others say about it), then the answers, one of them right:
 *
 *   ## read <id>
 *   question: <text>      what to find out
 *   feedback: <text>      optional, shown after any answer
 *   source: <title>       the source's own page, where the reader starts
 *   site: <address>       optional: the invented address shown above a page
 *   > <paragraph>         a paragraph of the page (one a line)
 *   page: <title>         a page about the source (1 to 8 of them), with
 *   snippet: <text>         the one line its search result shows,
 *   site: <address>         optionally its address,
 *   > <paragraph>           and its paragraphs
 *   + <answer>            the right answer, then indented
 *     why: <text>           optional: what the answer's feedback says
 *   - <answer>            a wrong one (why: optional)
 *
 * Input is untrusted: any bytes give a sandbox or errors at line:col. */
#include "activity_internal.h"

#include <string.h>

/* The page being read, or NULL (none yet, or the answers began). */
static ReadPage *read_page(ActParser *p)
{
    return p->npages && !p->nsent ? &p->pages[p->npages - 1] : NULL;
}

/* "source: <title>" (own) or "page: <title>" at s, its value at v. */
static void read_open_page(ActParser *p, const char *s, const char *v, const char *e, bool own)
{
    if (own && (p->has_source || p->npages)) {
        act_error(p, s, "write source: once, before the first page:",
                  "the source's own page comes first, once");
        return;
    }
    if (!own && !p->has_source) {
        act_error(p, s, "write source: before the first page:",
                  "a page about the source before the source's own page");
        return;
    }
    if (p->npages == QUIZ_MAX_PAGES) {
        act_error(p, s, "keep the source's page and at most 8 pages about it",
                  "the sandbox has more than 9 pages");
        return;
    }
    char *title = act_value(p, v, e);
    if (!title) {
        act_error(p, s, "write the page's title after the colon", "the page has no title");
        return;
    }
    size_t k = p->npages++;
    memset(&p->pages[k], 0, sizeof p->pages[k]);
    p->pages[k].title = title;
    p->page_line[k] = p->line;
    p->page_col[k] = act_col(p, s);
    p->has_source |= own;
}

/* "> paragraph" of the page being read. */
static void read_para(ActParser *p, const char *s, const char *e)
{
    ReadPage *pg = read_page(p);
    char *text = act_value(p, s + 1, e);
    if (!pg)
        act_error(p, s, "start a page with source: or page: before its text",
                  "a paragraph outside a page");
    else if (!text)
        act_error(p, s, "write the paragraph after the >", "the paragraph is empty");
    else if (pg->nparas == ACT_MAX_PARAS)
        act_error(p, s, "join short paragraphs", "the page has more than 32 paragraphs");
    else
        p->paras[p->npages - 1][pg->nparas++] = text;
}

/* "+ answer" or "- answer". */
static void read_option(ActParser *p, const char *s, const char *e)
{
    char *text = act_value(p, s + 1, e);
    if (!text) {
        act_error(p, s, NULL, "the answer is empty");
    } else if (p->nsent == ACT_MAX_OPTIONS) {
        if (!p->too_many)
            act_error(p, s, "offer at most 8 answers", "the question has more than 8 answers");
        p->too_many = true;
    } else {
        act_option(p, s, text);
    }
}

/* A key line of the question or of the page being read. */
static void read_key(ActParser *p, const char *s, const char *e)
{
    ReadPage *pg = read_page(p);
    const char *v;
    if ((v = act_key(s, e, "source")) || (v = act_key(s, e, "page"))) {
        if (p->nsent)
            act_error(p, s, "write the pages before the answers", "a page after the answers");
        else
            read_open_page(p, s, v, e, *s == 's');
    } else if (p->nsent) {
        act_error(p, s, "indent why: under its answer",
                  "after the answers, only answers and their why:");
    } else if (!p->npages && (v = act_key(s, e, "question"))) {
        p->q.text = act_value(p, v, e);
    } else if (!p->npages && (v = act_key(s, e, "feedback"))) {
        p->q.general_feedback = act_value(p, v, e);
    } else if (pg && (v = act_key(s, e, "site"))) {
        pg->site = act_value(p, v, e);
    } else if (pg && (v = act_key(s, e, "snippet"))) {
        pg->snippet = act_value(p, v, e);
    } else {
        act_error(p, s,
                  "write question:, feedback:, source:, page:, site:, snippet:, > text or an answer after + or -",
                  "unknown line in a lateral reading");
    }
}

void act_read_line(ActParser *p, const char *s, const char *e)
{
    if (*s == ' ' || *s == '\t') {
        const char *v;
        s = act_skip_sp(s, e);
        if (!p->nsent)
            act_error(p, s, "start an answer with + or -", "an indented line before any answer");
        else if ((v = act_key(s, e, "why")))
            p->sent[p->nsent - 1].feedback = act_value(p, v, e);
        else
            act_error(p, s,
                      "an indented line under an answer is why:", "unknown note of an answer");
    } else if (*s == '>') {
        read_para(p, s, e);
    } else if ((*s == '+' || *s == '-') && (e - s == 1 || s[1] == ' ' || s[1] == '\t')) {
        read_option(p, s, e);
    } else {
        read_key(p, s, e);
    }
}

/* The pages' mistakes (a title is checked as it is read). */
static void read_check_pages(ActParser *p)
{
    const Question *q = &p->q;
    if (!p->has_source)
        act_diag(p, q->line, q->col, "start the source's own page with source: <its title>",
                 "the lateral reading has no source: page");
    else if (p->npages < 2)
        act_diag(p, q->line, q->col,
                 "add page: <title> with what is said about the source elsewhere",
                 "the lateral reading has no page about the source");
    for (size_t k = 0; k < p->npages && !p->bad; k++) {
        if (!p->pages[k].nparas)
            act_diag(p, p->page_line[k], p->page_col[k],
                     "write its paragraphs on lines starting with >", "the page has no text");
        else if (k && !p->pages[k].snippet)
            act_diag(p, p->page_line[k], p->page_col[k],
                     "write snippet: with the one line its search result shows",
                     "the page has no snippet: line");
    }
}

static void read_check_options(ActParser *p)
{
    const Question *q = &p->q;
    size_t right = 0;
    for (size_t i = 0; i < p->nsent; i++)
        right += p->sent[i].fraction > 0;
    if (p->nsent < 2)
        act_diag(p, q->line, q->col, "write each answer on a line of its own, starting with + or -",
                 "the lateral reading has fewer than two answers");
    else if (!right)
        act_diag(p, q->line, q->col, "mark the right answer with +",
                 "the lateral reading has no right answer");
    else if (right > 1)
        act_diag(p, q->line, q->col, "mark only one answer with +",
                 "the lateral reading has more than one right answer");
}

void act_close_read(ActParser *p)
{
    Question *q = &p->q;
    if (p->bad)
        return;
    if (!q->text)
        act_diag(p, q->line, q->col, "write question: under ## read",
                 "the lateral reading has no question: line");
    if (!p->bad)
        read_check_pages(p);
    if (!p->bad)
        read_check_options(p);
    if (p->bad)
        return;
    for (size_t k = 0; k < p->npages; k++)
        p->pages[k].paras =
            arena_memdup(p->arena, p->paras[k], p->pages[k].nparas * sizeof(char *));
    q->pages = arena_memdup(p->arena, p->pages, p->npages * sizeof *p->pages);
    q->npages = p->npages;
    q->answers = arena_memdup(p->arena, p->sent, p->nsent * sizeof *p->sent);
    q->nanswers = p->nsent;
    for (size_t i = 0; i < q->nanswers; i++)
        q->answers[i].value = 0; /* held the answer's line while reading */
    act_push(p, q);
}
