/* The quiz or review round as a value: which questions one sitting asks,
 * the order their answers are shown in, the response built from taps, the
 * score of each answer and the running total. Taps come from hit tests and
 * are untrusted: a position outside what is shown does nothing, never a
 * read past an array. The round holds indexes into the Pack rather than
 * pointers so that the participant may switch language at any step. No
 * store, no clock, no drawing: the ui feeds it taps and times, the store
 * keeps the records it hands out. */
#include "mingbai/learn.h"

#include "round_internal.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static Lang round_other(Lang l)
{
    return l == LANG_EN ? LANG_ZH : LANG_EN;
}

Lang learn_unit_lang(const Unit *u, Lang lang)
{
    assert((unsigned)lang < LANG_COUNT);
    return u->lang[lang].present ? lang : round_other(lang);
}

const QuestionList *learn_unit_quiz(const Unit *u, Lang lang)
{
    Lang l = learn_unit_lang(u, lang);
    if (u->lang[l].quiz.count)
        return &u->lang[l].quiz;
    return &u->lang[round_other(l)].quiz;
}

/* SplitMix64's step: a well-mixed 64-bit value from any seed, the same on
 * every machine. */
static uint64_t round_mix(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

/* Fisher-Yates over a[0..n) from seed (n is at most LEARN_MAX_CHOICES, so
 * the modulo's bias is below 2^-57). */
static void round_shuffle(uint8_t *a, size_t n, uint64_t seed)
{
    uint64_t state = seed;
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(round_mix(&state) % i);
        uint8_t t = a[i - 1];
        a[i - 1] = a[j];
        a[j] = t;
    }
}

/* The one place that decides where each answer is shown (every tap and
 * every check goes through this order): choices and the matching column
 * shuffled from seed, unless the question is marked fixed_order (then the
 * bank's order, with the matching column reversed so that no pair sits side
 * by side). True/false stays fixed: screens label pos 0 "True". */
static void round_order(const Question *q, uint64_t seed, LearnOrder *out)
{
    memset(out, 0, sizeof *out);
    size_t usable = MB_MIN(q->nanswers, (size_t)LEARN_MAX_CHOICES);
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_MULTIRESPONSE:
    case QT_READ:
        for (size_t i = 0; i < usable; i++)
            out->choice[out->nchoices++] = (uint8_t)i;
        if (!q->fixed_order)
            round_shuffle(out->choice, out->nchoices, seed);
        break;
    case QT_SORT: /* the items to place, always shuffled: as written, they are the answer */
    case QT_GROUP:
        for (size_t i = 0; i < MB_MIN(usable, (size_t)LEARN_MAX_PAIRS); i++)
            out->choice[out->nchoices++] = (uint8_t)i;
        round_shuffle(out->choice, out->nchoices, seed);
        break;
    case QT_MARKPOST: /* the post's sentences, in the post's order */
        for (size_t i = 0; i < usable; i++)
            out->choice[out->nchoices++] = (uint8_t)i;
        break;
    case QT_TRUEFALSE:
        out->choice[0] = 1;
        out->choice[1] = 0;
        out->nchoices = 2;
        break;
    case QT_MATCHING:
        /* Left item k must stay the k-th pair of the bank, as learn_score
         * counts them, so the list stops rather than skips at the limit. */
        for (size_t i = 0; i < usable && out->nchoices < LEARN_MAX_PAIRS; i++)
            if (q->answers[i].left && q->answers[i].left[0])
                out->choice[out->nchoices++] = (uint8_t)i;
        for (size_t j = usable; j-- > 0;)
            out->right[out->nright++] = (uint8_t)j;
        if (!q->fixed_order)
            round_shuffle(out->right, out->nright, seed);
        break;
    default:
        break;
    }
}

/* True when b can stand in for a in another language: the order and the
 * response built for a index b's answers the same way. */
static bool round_same_shape(const Question *a, const Question *b)
{
    return a->type == b->type && a->nanswers == b->nanswers;
}

/* Item i's question as lang shows it (see learn_round_question), or NULL
 * when i is not an item. */
static const Question *round_item_question(const LearnRound *r, int i, Lang lang)
{
    if (!r->pack || i < 0 || i >= r->count)
        return NULL;
    const Unit *u = &r->pack->units[r->items[i].unit];
    const QuestionList *base = learn_unit_quiz(u, r->lang);
    size_t k = (size_t)r->items[i].question;
    assert(k < base->count);
    const Question *q = &base->items[k];
    const QuestionList *ql = learn_unit_quiz(u, lang);
    if (ql == base)
        return q;
    const Question *t = NULL;
    if (q->id) {
        for (size_t j = 0; j < ql->count && !t; j++)
            if (ql->items[j].id && !strcmp(ql->items[j].id, q->id))
                t = &ql->items[j];
    } else if (k < ql->count && !ql->items[k].id) {
        t = &ql->items[k];
    }
    return t && round_same_shape(q, t) ? t : q;
}

/* The question being asked in lang, or NULL when the round is not at
 * ROUND_ASK: taps go through this. */
static const Question *round_asking(const LearnRound *r, Lang lang)
{
    return r->step == ROUND_ASK ? round_item_question(r, r->index, lang) : NULL;
}

static const LearnOrder *round_cur_order(const LearnRound *r)
{
    return r->index >= 0 && r->index < r->count ? &r->items[r->index].order : NULL;
}

static void round_start(LearnRound *r, const Pack *p, bool review, int unit, Lang lang,
                        uint64_t seed, int64_t now_ms)
{
    assert((unsigned)lang < LANG_COUNT);
    memset(r, 0, sizeof *r);
    r->pack = p;
    r->review = review;
    r->unit = unit;
    r->lang = lang;
    r->seed = seed;
    learn_response_clear(&r->resp);
    r->match_left = -1;
    r->started_ms = now_ms;
}

/* Adds a question whose answers are ordered from seed; 0 makes one from the
 * round's seed and the item's place. */
static void round_add(LearnRound *r, int unit, int question, uint64_t seed)
{
    const QuestionList *ql = learn_unit_quiz(&r->pack->units[unit], r->lang);
    if (!seed) {
        uint64_t state = r->seed ^ ((uint64_t)(r->count + 1) << 32);
        seed = round_mix(&state) | 1;
    }
    r->items[r->count].unit = unit;
    r->items[r->count].question = question;
    r->items[r->count].seed = seed;
    round_order(&ql->items[question], seed, &r->items[r->count].order);
    r->count++;
}

void learn_round_unit(LearnRound *r, const Pack *p, int unit, Lang lang, uint64_t seed,
                      int64_t now_ms)
{
    bool found = p && unit >= 0 && (size_t)unit < p->nunits;
    round_start(r, p, false, found ? unit : -1, lang, seed, now_ms);
    if (found) {
        const QuestionList *ql = learn_unit_quiz(&p->units[unit], lang);
        for (size_t k = 0; k < ql->count && r->count < LEARN_ROUND_MAX; k++)
            round_add(r, unit, (int)k, 0);
    }
    r->step = r->count ? ROUND_ASK : ROUND_DONE;
}

static int round_find_unit(const Pack *p, const char *slug)
{
    for (size_t u = 0; u < p->nunits; u++)
        if (p->units[u].slug && !strcmp(p->units[u].slug, slug))
            return (int)u;
    return -1;
}

static int round_find_question(const QuestionList *ql, const char *id)
{
    for (size_t k = 0; k < ql->count; k++)
        if (ql->items[k].id && !strcmp(ql->items[k].id, id))
            return (int)k;
    return -1;
}

/* Where a due question is in p for lang: its unit u and its place k in the
 * unit's quiz; false when it is in another pack or no longer there. */
static bool round_due_find(const Pack *p, const LearnDue *d, Lang lang, int *u, int *k)
{
    if (!p || !p->id || !d->pack_id || !d->unit || !d->question_id || strcmp(d->pack_id, p->id))
        return false;
    *u = round_find_unit(p, d->unit);
    if (*u < 0)
        return false;
    *k = round_find_question(learn_unit_quiz(&p->units[*u], lang), d->question_id);
    return *k >= 0;
}

int learn_review_count(const Pack *p, const LearnDue *due, size_t ndue, Lang lang)
{
    int n = 0;
    for (size_t i = 0; i < ndue && n < LEARN_ROUND_MAX; i++) {
        int u, k;
        n += round_due_find(p, &due[i], lang, &u, &k);
    }
    return n;
}

int learn_round_review(LearnRound *r, const Pack *p, const LearnDue *due, size_t ndue, Lang lang,
                       uint64_t seed, int64_t now_ms)
{
    round_start(r, p, true, -1, lang, seed, now_ms);
    for (size_t i = 0; i < ndue && r->count < LEARN_ROUND_MAX; i++) {
        int u, k;
        if (round_due_find(p, &due[i], lang, &u, &k))
            round_add(r, u, k, due[i].seed);
    }
    r->step = r->count ? ROUND_ASK : ROUND_DONE;
    return r->count;
}

void learn_round_free(LearnRound *r)
{
    strbuf_free(&r->describe);
    memset(r, 0, sizeof *r);
    learn_response_clear(&r->resp);
    r->unit = -1;
    r->match_left = -1;
    r->step = ROUND_DONE;
}

int learn_round_count(const LearnRound *r)
{
    return r->count;
}

int learn_round_index(const LearnRound *r)
{
    return r->index;
}

int learn_round_numbered(const LearnRound *r, Lang lang, int *number)
{
    int total = 0;
    *number = 0;
    for (int i = 0; i < r->count; i++) {
        const Question *q = round_item_question(r, i, lang);
        if (q && q->type == QT_DESCRIPTION)
            continue;
        total++;
        if (i <= r->index)
            *number = total;
    }
    return total;
}

RoundStep learn_round_step(const LearnRound *r)
{
    return r->step;
}

const Question *learn_round_question(const LearnRound *r, Lang lang)
{
    return r->step == ROUND_DONE ? NULL : round_item_question(r, r->index, lang);
}

const Unit *learn_round_unit_of(const LearnRound *r)
{
    if (!r->pack)
        return NULL;
    if (r->step != ROUND_DONE && r->index >= 0 && r->index < r->count)
        return &r->pack->units[r->items[r->index].unit];
    if (!r->review && r->unit >= 0 && (size_t)r->unit < r->pack->nunits)
        return &r->pack->units[r->unit];
    return NULL;
}

const LearnOrder *learn_round_order(const LearnRound *r)
{
    return r->step == ROUND_DONE ? NULL : round_cur_order(r);
}

uint64_t learn_round_order_seed(const LearnRound *r)
{
    return r->step != ROUND_DONE && r->index >= 0 && r->index < r->count ? r->items[r->index].seed
                                                                           : 0;
}

void learn_round_pick(LearnRound *r, Lang lang, int pos)
{
    const Question *q = round_asking(r, lang);
    const LearnOrder *o = round_cur_order(r);
    if (!q || !o || pos < 0 || (size_t)pos >= o->nchoices)
        return;
    size_t a = o->choice[pos];
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_READ:
        if (a < q->nanswers)
            r->resp.choice = (int)a;
        break;
    case QT_MULTIRESPONSE:
    case QT_MARKPOST:
        if (a < q->nanswers && a < LEARN_MAX_CHOICES)
            r->resp.selected ^= (uint64_t)1 << a;
        break;
    case QT_TRUEFALSE:
        if (a <= 1)
            r->resp.choice = (int)a;
        break;
    case QT_SORT: /* to the first free place, once */
        for (size_t k = 0; k < o->nchoices; k++) {
            if (r->resp.match[k] == (int)a)
                break;
            if (r->resp.match[k] < 0) {
                r->resp.match[k] = (int)a;
                break;
            }
        }
        break;
    default:
        break;
    }
}

/* True when some left item is paired with answer a. */
static bool round_matched(const LearnRound *r, const LearnOrder *o, size_t a)
{
    for (size_t k = 0; k < o->nchoices && k < LEARN_MAX_PAIRS; k++)
        if (r->resp.match[k] >= 0 && (size_t)r->resp.match[k] == a)
            return true;
    return false;
}

bool learn_round_picked(const LearnRound *r, Lang lang, int pos)
{
    const Question *q = learn_round_question(r, lang);
    const LearnOrder *o = round_cur_order(r);
    if (!q || !o || pos < 0)
        return false;
    if (q->type == QT_MATCHING)
        return (size_t)pos < o->nright && round_matched(r, o, o->right[pos]);
    if (q->type == QT_SORT)
        return (size_t)pos < o->nchoices && round_matched(r, o, o->choice[pos]);
    if ((size_t)pos >= o->nchoices)
        return false;
    size_t a = o->choice[pos];
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_READ:
    case QT_TRUEFALSE:
        return r->resp.choice >= 0 && (size_t)r->resp.choice == a;
    case QT_MULTIRESPONSE:
    case QT_MARKPOST:
        return a < LEARN_MAX_CHOICES && ((r->resp.selected >> a) & 1);
    default:
        return false;
    }
}

void learn_round_match_left(LearnRound *r, int k)
{
    const Question *q = round_asking(r, r->lang);
    const LearnOrder *o = round_cur_order(r);
    if (q && o && q->type == QT_MATCHING && k >= 0 && (size_t)k < o->nchoices)
        r->match_left = k;
}

void learn_round_match_right(LearnRound *r, Lang lang, int pos)
{
    const Question *q = round_asking(r, lang);
    const LearnOrder *o = round_cur_order(r);
    if (!q || !o || q->type != QT_MATCHING || pos < 0 || (size_t)pos >= o->nright)
        return;
    int left = r->match_left;
    size_t a = o->right[pos];
    if (left < 0 || (size_t)left >= o->nchoices || a >= q->nanswers)
        return;
    for (size_t k = 0; k < o->nchoices; k++)
        if (r->resp.match[k] == (int)a)
            r->resp.match[k] = -1;
    r->resp.match[left] = (int)a;
    r->match_left = -1;
}

void learn_round_sort_remove(LearnRound *r, int k)
{
    const Question *q = round_asking(r, r->lang);
    const LearnOrder *o = round_cur_order(r);
    if (!q || !o || q->type != QT_SORT || k < 0 || (size_t)k >= o->nchoices)
        return;
    for (size_t j = (size_t)k; j + 1 < o->nchoices; j++)
        r->resp.match[j] = r->resp.match[j + 1];
    r->resp.match[o->nchoices - 1] = -1;
}

void learn_round_sort_put(LearnRound *r, Lang lang, int pos, int k)
{
    const Question *q = round_asking(r, lang);
    const LearnOrder *o = round_cur_order(r);
    if (!q || !o || q->type != QT_SORT || pos < 0 || (size_t)pos >= o->nchoices || k < 0 ||
        (size_t)k >= o->nchoices)
        return;
    int a = o->choice[pos];
    for (size_t j = 0; j < o->nchoices; j++)
        if (r->resp.match[j] == a)
            learn_round_sort_remove(r, (int)j);
    size_t placed = 0;
    while (placed < o->nchoices && r->resp.match[placed] >= 0)
        placed++;
    size_t at = MB_MIN((size_t)k, placed); /* no gap before it */
    for (size_t j = placed; j > at; j--)
        r->resp.match[j] = r->resp.match[j - 1];
    r->resp.match[at] = a;
}

void learn_round_group_put(LearnRound *r, Lang lang, int pos, int g)
{
    const Question *q = round_asking(r, lang);
    const LearnOrder *o = round_cur_order(r);
    if (q && o && q->type == QT_GROUP && pos >= 0 && (size_t)pos < o->nchoices && g >= -1 &&
        g < (int)q->ngroups)
        r->resp.match[o->choice[pos]] = g;
}

void learn_round_read_open(LearnRound *r, Lang lang, int k)
{
    const Question *q = round_asking(r, lang);
    if (q && q->type == QT_READ && k >= 1 && (size_t)k < q->npages && k < 32)
        r->resp.opened |= (uint32_t)1 << k;
}

int learn_round_match_waiting(const LearnRound *r)
{
    return r->step == ROUND_ASK ? r->match_left : -1;
}

char *learn_round_text(LearnRound *r, size_t *cap)
{
    bool asking = r->step == ROUND_ASK && r->index < r->count;
    *cap = asking ? sizeof r->resp.text : 0;
    return asking ? r->resp.text : NULL;
}

const Response *learn_round_response(const LearnRound *r)
{
    return &r->resp;
}

bool learn_round_ready(const LearnRound *r, Lang lang)
{
    const Question *q = round_asking(r, lang);
    if (!q)
        return false;
    return !question_type_scored(q->type) || learn_response_complete(q, &r->resp);
}

int learn_round_submit(LearnRound *r, Lang lang, int64_t now_ms, const LearnRecord **out)
{
    if (out)
        *out = NULL;
    const Question *q = round_asking(r, lang);
    if (!q || !learn_round_ready(r, lang))
        return MB_ERR;
    Score score;
    if (learn_score(q, &r->resp, &score))
        return MB_ERR;
    r->describe.len = 0;
    strbuf_append(&r->describe, "", 0); /* never NULL, also for an empty answer */
    learn_response_describe(q, &r->resp, &r->describe);
    const Unit *u = &r->pack->units[r->items[r->index].unit];
    r->record = (LearnRecord){
        .unit = u->slug,
        .question_id = q->id ? q->id : "",
        .type = q->type,
        .lang = lang,
        .response = r->describe.data,
        .score = score,
        .review = r->review,
        .started_ms = r->started_ms,
        .answered_ms = now_ms,
        .order_seed = r->items[r->index].seed,
        .positions = r->positions,
        .answers = r->answers,
    };
    round_positions(q, &r->items[r->index].order, &r->resp, r->positions, sizeof r->positions);
    round_answers(q, &r->items[r->index].order, &r->resp, r->answers, sizeof r->answers);
    r->step = ROUND_SCORED;
    if (out)
        *out = &r->record;
    return MB_OK;
}

void learn_round_commit(LearnRound *r)
{
    if (r->step != ROUND_SCORED)
        return;
    const Score *s = &r->record.score;
    if (s->scored) {
        r->sum_score += s->score;
        r->sum_max += s->max;
        if (!s->correct && r->nmissed < LEARN_ROUND_MAX) {
            r->missed_resp[r->nmissed] = r->resp;
            r->missed[r->nmissed++] = r->index;
        }
    }
    r->step = ROUND_FEEDBACK;
}

void learn_round_retract(LearnRound *r)
{
    if (r->step == ROUND_SCORED)
        r->step = ROUND_ASK;
}

const LearnRecord *learn_round_record(const LearnRound *r)
{
    return r->step == ROUND_SCORED || r->step == ROUND_FEEDBACK ? &r->record : NULL;
}

void learn_round_next(LearnRound *r, int64_t now_ms)
{
    if (r->step != ROUND_FEEDBACK)
        return;
    r->index++;
    learn_response_clear(&r->resp);
    r->match_left = -1;
    r->started_ms = now_ms;
    r->step = r->index < r->count ? ROUND_ASK : ROUND_DONE;
}

/* Builds the current question's response from a record of it (see
 * learn_round_answer_again); false when it does not fit. */
static bool round_rebuild(LearnRound *r, const Question *q, const char *positions,
                          const char *response)
{
    if (q->type != QT_SHORTANSWER && q->type != QT_NUMERICAL)
        return round_from_positions(q, &r->items[r->index].order, positions, &r->resp);
    learn_response_clear(&r->resp);
    if (positions[0] || !response || strlen(response) >= sizeof r->resp.text)
        return false;
    memcpy(r->resp.text, response, strlen(response) + 1);
    return true;
}

int learn_round_answer_again(LearnRound *r, Lang lang, const char *positions, const char *response,
                             int64_t now_ms)
{
    const Question *q = round_asking(r, lang);
    if (!q || !positions)
        return MB_ERR;
    Response before = r->resp;
    int left = r->match_left;
    const LearnRecord *rec;
    bool ok = round_rebuild(r, q, positions, response) &&
              learn_round_submit(r, lang, now_ms, &rec) == MB_OK;
    /* The same positions written back, and the same words: the question is
     * the one that was answered, shown the same way. */
    if (ok && (strcmp(rec->positions, positions) || (response && strcmp(rec->response, response)))) {
        learn_round_retract(r);
        ok = false;
    }
    if (!ok) {
        r->resp = before;
        r->match_left = left;
        return MB_ERR;
    }
    learn_round_commit(r);
    learn_round_next(r, now_ms);
    return MB_OK;
}

void learn_round_total(const LearnRound *r, double *score, double *max)
{
    if (score)
        *score = r->sum_score;
    if (max)
        *max = r->sum_max;
}

int learn_round_missed_count(const LearnRound *r)
{
    return r->nmissed;
}

const Question *learn_round_missed(const LearnRound *r, int i, Lang lang)
{
    if (i < 0 || i >= r->nmissed)
        return NULL;
    return round_item_question(r, r->missed[i], lang);
}

const Response *learn_round_missed_response(const LearnRound *r, int i)
{
    return i >= 0 && i < r->nmissed ? &r->missed_resp[i] : NULL;
}

const LearnOrder *learn_round_missed_order(const LearnRound *r, int i)
{
    return i >= 0 && i < r->nmissed ? &r->items[r->missed[i]].order : NULL;
}
