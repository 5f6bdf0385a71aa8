/* libFuzzer target: activity files (activities/<slug>.<lang>.md) into
 * questions. Any bytes must give questions or located errors, never a
 * crash; every post kept has its account, date, headline and two to 64
 * sentences, each with text, a technique exactly when it counts as one, and
 * its why when it does; every sort has its task and two to 16 items;
 * every lateral reading has its question, the source's own page and 1 to
 * 8 pages about it (each with a title and text, those about it with a
 * snippet) and 2 to 8 answers, exactly one of them right;
 * every sort into groups has its task, 2 to 6 named groups and 2 to 16
 * items, each in one of them;
 * every prompt has text; every error has a line. The
 * questions are appended after those already in the list. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mingbai/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_post(const Question *q)
{
    if (!q->post_account || !q->post_date || !q->text || q->nanswers < 2 ||
        q->nanswers > QUIZ_MAX_CHOICES)
        __builtin_trap();
    for (size_t k = 0; k < q->nanswers; k++) {
        const Answer *a = &q->answers[k];
        bool tech = a->fraction > 0;
        if (!a->text || !a->text[0] || (tech != (a->technique != NULL)) || (tech && !a->feedback))
            __builtin_trap();
    }
}

static void check_read(const Question *q)
{
    if (!q->text || q->npages < 2 || q->npages > QUIZ_MAX_PAGES || q->nanswers < 2 ||
        q->nanswers > 8)
        __builtin_trap();
    for (size_t k = 0; k < q->npages; k++) {
        const ReadPage *pg = &q->pages[k];
        if (!pg->title || !pg->title[0] || !pg->nparas || (k && !pg->snippet))
            __builtin_trap();
        for (size_t i = 0; i < pg->nparas; i++)
            if (!pg->paras[i] || !pg->paras[i][0])
                __builtin_trap();
    }
    size_t right = 0;
    for (size_t k = 0; k < q->nanswers; k++) {
        if (!q->answers[k].text || !q->answers[k].text[0])
            __builtin_trap();
        right += q->answers[k].fraction > 0;
    }
    if (right != 1)
        __builtin_trap();
}

static void check_groups(const Question *q)
{
    if (!q->text || q->ngroups < 2 || q->ngroups > QUIZ_MAX_GROUPS || q->nanswers < 2 ||
        q->nanswers > QUIZ_MAX_PAIRS)
        __builtin_trap();
    for (size_t g = 0; g < q->ngroups; g++)
        if (!q->groups[g] || !q->groups[g][0])
            __builtin_trap();
    for (size_t k = 0; k < q->nanswers; k++)
        if (!q->answers[k].text || q->answers[k].group < 0 ||
            (size_t)q->answers[k].group >= q->ngroups)
            __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena arena = {0};
    Diags d = {0};
    Question first = {.type = QT_DESCRIPTION, .text = "kept"};
    QuestionList ql = {&first, 1};
    int errors = pack_activity_parse("activities/01-x.en.md", (const char *)data, size, &arena,
                                     &ql, &d);
    if (ql.count < 1 || strcmp(ql.items[0].text, "kept") || errors != d.errors)
        __builtin_trap();
    for (size_t i = 1; i < ql.count; i++) {
        const Question *q = &ql.items[i];
        if (!q->id || !q->id[0] || q->line < 1)
            __builtin_trap();
        if (q->type == QT_MARKPOST)
            check_post(q);
        else if (q->type == QT_READ)
            check_read(q);
        else if (q->type == QT_GROUP)
            check_groups(q);
        else if (q->type == QT_SORT && (!q->text || q->nanswers < 2 ||
                                        q->nanswers > QUIZ_MAX_PAIRS))
            __builtin_trap();
        else if (q->type == QT_SORT) {
            for (size_t k = 0; k < q->nanswers; k++)
                if (!q->answers[k].text || !q->answers[k].text[0])
                    __builtin_trap();
        }
        else if (q->type != QT_ESSAY || !q->text || !q->text[0])
            __builtin_trap();
    }
    for (size_t i = 0; i < d.count; i++)
        if (d.items[i].line < 1)
            __builtin_trap();
    arena_reset(&arena);
    diags_free(&d);
    return 0;
}
