/* Reading the class results (results_data.h): one pass over a session's
 * answers (store_answers_each) into people, questions and answers, then
 * the item analysis (learn_item_stats) and each question's answer
 * distribution over each person's latest answer. Reviews are left out:
 * they are practice, not the class's quiz. */
#include "results_data.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    ResData *d;
    LearnStatAnswer *a;   /* one per answer counted */
    char **chose;         /* its answers (bank indexes) or typed response */
    size_t n, cap;
    size_t itemcap, peoplecap;
} ResLoad;

static size_t res_person(ResLoad *l, const StoreAnswerRow *r)
{
    ResData *d = l->d;
    for (size_t i = 0; i < d->npeople; i++)
        if (d->people[i].id == r->participant)
            return i;
    if (d->npeople == l->peoplecap) {
        l->peoplecap = l->peoplecap * 2 + 8;
        d->people = mb_xrealloc(d->people, l->peoplecap * sizeof *d->people);
    }
    d->people[d->npeople] = (ResPerson){.id = r->participant,
                                        .pseudo = mb_xstrdup(r->pseudo ? r->pseudo : ""),
                                        .name = mb_xstrdup(r->name ? r->name : ""),
                                        .guest = r->guest};
    return d->npeople++;
}

/* Where the question is in the packs shown: its pack, unit and place. */
static void res_find(Ui *ui, ResItem *it)
{
    it->order = 1 << 30;
    for (size_t p = 0; p < ui->cfg.npacks; p++) {
        const Pack *pk = ui->cfg.packs[p];
        if (strcmp(pk->id, it->pack_id))
            continue;
        for (size_t u = 0; u < pk->nunits; u++) {
            const Unit *un = &pk->units[u];
            const QuestionList *ql = &un->lang[learn_unit_lang(un, ui->lang)].quiz;
            for (size_t k = 0; k < ql->count; k++)
                if (ql->items[k].id && !strcmp(ql->items[k].id, it->question_id)) {
                    it->pack = pk;
                    it->u = un;
                    it->q = &ql->items[k];
                    it->order = (int)(p * 100000 + u * 1000 + k);
                    return;
                }
        }
    }
}

static size_t res_item(ResLoad *l, Ui *ui, const StoreAnswerRow *r)
{
    ResData *d = l->d;
    for (size_t i = 0; i < d->nitems; i++)
        if (!strcmp(d->items[i].pack_id, r->pack_id) &&
            !strcmp(d->items[i].question_id, r->question_id))
            return i;
    if (d->nitems == l->itemcap) {
        l->itemcap = l->itemcap * 2 + 8;
        d->items = mb_xrealloc(d->items, l->itemcap * sizeof *d->items);
    }
    ResItem *it = &d->items[d->nitems];
    *it = (ResItem){.pack_id = mb_xstrdup(r->pack_id), .question_id = mb_xstrdup(r->question_id),
                    .unit = mb_xstrdup(r->unit)};
    res_find(ui, it);
    return d->nitems++;
}

typedef struct {
    ResLoad *l;
    Ui *ui;
} ResCtx;

static int res_row(void *ctx, const StoreAnswerRow *r)
{
    ResCtx *c = ctx;
    ResLoad *l = c->l;
    if (r->review || !question_type_scored(r->type))
        return 0;
    if (l->n == l->cap) {
        l->cap = l->cap * 2 + 32;
        l->a = mb_xrealloc(l->a, l->cap * sizeof *l->a);
        l->chose = mb_xrealloc(l->chose, l->cap * sizeof *l->chose);
    }
    bool typed = r->type == QT_SHORTANSWER || r->type == QT_NUMERICAL;
    l->a[l->n] = (LearnStatAnswer){res_person(l, r), res_item(l, c->ui, r), r->score, r->max,
                                   r->correct};
    l->chose[l->n] = mb_xstrdup(typed ? (r->response ? r->response : "") :
                                        (r->answers ? r->answers : ""));
    l->n++;
    return 0;
}

static void res_option(ResItem *it, const char *label, bool catalogue, bool right)
{
    it->options = mb_xrealloc(it->options, (it->noptions + 1) * sizeof *it->options);
    it->options[it->noptions++] =
        (ResOption){.label = mb_xstrdup(label), .catalogue = catalogue, .right = right};
}

/* The options of a question before any answer is counted. */
static void res_options(ResItem *it)
{
    const Question *q = it->q;
    if (!q)
        return;
    if (q->type == QT_MULTICHOICE || q->type == QT_MULTIRESPONSE || q->type == QT_MARKPOST ||
        q->type == QT_READ)
        for (size_t k = 0; k < q->nanswers; k++)
            res_option(it, rich_plain(q->answers[k].rich_text, q->answers[k].text), false,
                       q->answers[k].fraction > 0);
    else if (q->type == QT_TRUEFALSE) {
        res_option(it, "True", true, q->tf_answer);
        res_option(it, "False", true, !q->tf_answer);
    }
}

/* Counts one latest answer into its question's options. */
static void res_count(ResItem *it, const char *chose, bool correct)
{
    QuestionType t = it->q ? it->q->type : QT_MATCHING;
    if (t == QT_MULTICHOICE || t == QT_MULTIRESPONSE || t == QT_MARKPOST || t == QT_READ) {
        unsigned *c = mb_xcalloc(it->noptions + 1, sizeof *c);
        learn_count_choices(chose, c, it->noptions);
        for (size_t k = 0; k < it->noptions; k++)
            it->options[k].count += c[k];
        free(c);
    } else if (t == QT_TRUEFALSE) {
        it->options[strcmp(chose, "true") ? 1 : 0].count++;
    } else if (t == QT_SHORTANSWER || t == QT_NUMERICAL) {
        for (size_t k = 0; k < it->noptions; k++)
            if (!strcmp(it->options[k].label, chose)) {
                it->options[k].count++;
                return;
            }
        res_option(it, chose, false, correct);
        it->options[it->noptions - 1].count = 1;
    }
}

static int res_by_order(const void *a, const void *b)
{
    const ResItem *x = a, *y = b;
    return (x->order > y->order) - (x->order < y->order);
}

/* After the pass: statistics, distributions, progress; items sorted. */
static void res_finish(ResLoad *l)
{
    ResData *d = l->d;
    LearnItemStat *st = mb_xcalloc(d->nitems + 1, sizeof *st);
    learn_item_stats(l->a, l->n, d->npeople, d->nitems, st);
    long *latest = mb_xcalloc(d->npeople * d->nitems + 1, sizeof *latest);
    for (size_t k = 0; k < d->npeople * d->nitems; k++)
        latest[k] = -1;
    for (size_t k = 0; k < l->n; k++)
        latest[l->a[k].person * d->nitems + l->a[k].item] = (long)k;
    for (size_t i = 0; i < d->nitems; i++) {
        d->items[i].stat = st[i];
        res_options(&d->items[i]);
    }
    for (size_t k = 0; k < d->npeople * d->nitems; k++) {
        if (latest[k] < 0)
            continue;
        const LearnStatAnswer *a = &l->a[latest[k]];
        ResPerson *p = &d->people[a->person];
        p->answered++;
        p->score += a->score;
        p->max += a->max;
        res_count(&d->items[a->item], l->chose[latest[k]], a->correct);
    }
    d->nanswers = l->n;
    qsort(d->items, d->nitems, sizeof *d->items, res_by_order);
    free(latest);
    free(st);
}

static void res_sessions(Ui *ui, ResData *d)
{
    StoreSession *list = NULL;
    size_t n = 0;
    if (store_session_list(ui->store, &list, &n) != MB_OK) {
        d->failed = true;
        return;
    }
    d->sessions = mb_xcalloc(n + 1, sizeof *d->sessions);
    for (size_t i = 0; i < n; i++) {
        d->sessions[i] = list[i].id;
        if (list[i].id == d->session)
            d->title = mb_xstrdup(list[i].title);
    }
    d->nsessions = n;
    store_session_list_free(list, n);
}

void res_load(Ui *ui, ResData *d, int64_t session)
{
    res_free(d);
    d->session = session;
    if (!ui->store)
        return;
    res_sessions(ui, d);
    ResLoad l = {.d = d};
    ResCtx c = {&l, ui};
    if (!d->failed && store_answers_each(ui->store, session, res_row, &c) != MB_OK)
        d->failed = true;
    if (d->failed)
        ui_store_failed(ui, "The results could not be read: %s");
    else
        res_finish(&l);
    for (size_t k = 0; k < l.n; k++)
        free(l.chose[k]);
    free(l.chose);
    free(l.a);
}

void res_free(ResData *d)
{
    for (size_t i = 0; i < d->nitems; i++) {
        for (size_t k = 0; k < d->items[i].noptions; k++)
            free(d->items[i].options[k].label);
        free(d->items[i].options);
        free(d->items[i].pack_id);
        free(d->items[i].question_id);
        free(d->items[i].unit);
    }
    for (size_t i = 0; i < d->npeople; i++) {
        free(d->people[i].pseudo);
        free(d->people[i].name);
    }
    free(d->items);
    free(d->people);
    free(d->sessions);
    free(d->title);
    *d = (ResData){0};
}

int64_t res_default_session(Ui *ui)
{
    if (!ui->store)
        return 0;
    int64_t open = store_session_current(ui->store);
    if (open > 0)
        return open;
    StoreSession *list = NULL;
    size_t n = 0;
    int64_t id = 0;
    if (store_session_list(ui->store, &list, &n) == MB_OK && n > 0)
        id = list[n - 1].id;
    store_session_list_free(list, n);
    return id;
}

int64_t res_next_session(const ResData *d, int step)
{
    size_t n = d->nsessions + 1, at = d->nsessions; /* the last place: all answers */
    for (size_t i = 0; i < d->nsessions; i++)
        if (d->sessions[i] == d->session)
            at = i;
    at = (at + n + (size_t)(step > 0 ? 1 : n - 1)) % n;
    return at == d->nsessions ? 0 : d->sessions[at];
}

const char *res_item_text(const ResItem *it)
{
    return it->q && it->q->text ? rich_plain(it->q->rich_text, it->q->text) : it->question_id;
}

const char *res_option_label(Ui *ui, const ResOption *o)
{
    return o->catalogue ? tr(ui, o->label) : o->label;
}
