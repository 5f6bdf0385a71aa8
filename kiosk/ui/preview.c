/* What `mingbai pack preview` shows: one question of a pack on the quiz
 * screen, as a participant reading in a language sees it, and the feedback
 * screen after its right answer or a wrong one. Nothing is kept: the
 * answer goes through the round (scored as the quiz scores it) but never
 * to the store, and there is no participant. */
#include "screens/screens.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

bool ui_preview_question(Ui *ui, int pack, int unit, int question, Lang lang)
{
    if (pack < 0 || (size_t)pack >= ui->cfg.npacks)
        return false;
    const Pack *p = ui->cfg.packs[pack];
    if (unit < 0 || (size_t)unit >= p->nunits)
        return false;
    ui->pack = pack;
    ui->unit = unit;
    ui->lang = lang;
    learn_round_free(&ui->round);
    /* The round keeps the bank's order of questions; its answers are
     * shuffled from the seed as the quiz does. */
    learn_round_unit(&ui->round, p, unit, lang, 1, mb_now_ms());
    if (question < 0 || question >= ui->round.count)
        return false;
    ui->round.index = question;
    ui_go(ui, SCR_QUIZ);
    return true;
}

/* The first answer worth the most, and one worth less (-1: none). */
static void preview_best(const Question *q, int *best, int *worse)
{
    *best = *worse = -1;
    for (size_t i = 0; i < q->nanswers; i++)
        if (*best < 0 || q->answers[i].fraction > q->answers[*best].fraction)
            *best = (int)i;
    for (size_t i = 0; i < q->nanswers && *best >= 0; i++)
        if (q->answers[i].fraction < q->answers[*best].fraction &&
            (*worse < 0 || q->answers[i].fraction < q->answers[*worse].fraction))
            *worse = (int)i;
}

/* A typed answer: the right one (wildcards dropped) or one that is wrong. */
static void preview_typed(const Question *q, bool right, Response *r)
{
    int best, worse;
    preview_best(q, &best, &worse);
    if (!right) {
        snprintf(r->text, sizeof r->text, "%s", q->type == QT_NUMERICAL ? "-987654.321" : "xyzzy");
        return;
    }
    if (best < 0)
        return;
    const Answer *a = &q->answers[best];
    if (q->type == QT_NUMERICAL) {
        snprintf(r->text, sizeof r->text, "%.10g", a->value);
        return;
    }
    size_t k = 0;
    for (const char *s = a->text; *s && k + 1 < sizeof r->text; s++)
        if (*s != '*')
            r->text[k++] = *s;
    r->text[k] = 0;
}

/* The response that is right (or wrong) for q; false when q has no such. */
static bool preview_response(const Question *q, bool right, Response *r)
{
    learn_response_clear(r);
    int best, worse;
    preview_best(q, &best, &worse);
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_READ:
        r->choice = right ? best : worse;
        break;
    case QT_TRUEFALSE:
        r->choice = q->tf_answer == right ? 1 : 0;
        break;
    case QT_MULTIRESPONSE:
        for (size_t i = 0; i < q->nanswers && i < LEARN_MAX_CHOICES; i++)
            if (right ? q->answers[i].fraction > 0 : (int)i == worse)
                r->selected |= (uint64_t)1 << i;
        break;
    case QT_GROUP: /* every item in its group, or every one in the next */
        for (size_t k = 0; k < q->nanswers && k < LEARN_MAX_PAIRS && q->ngroups; k++)
            r->match[k] = right ? q->answers[k].group
                                : (q->answers[k].group + 1) % (int)q->ngroups;
        break;
    case QT_MARKPOST: /* every sentence judged right, or every one wrong */
        for (size_t i = 0; i < q->nanswers && i < LEARN_MAX_CHOICES; i++)
            if ((q->answers[i].fraction > 0) == right)
                r->selected |= (uint64_t)1 << i;
        break;
    case QT_MATCHING: {
        int lefts[LEARN_MAX_PAIRS], n = 0;
        for (size_t i = 0; i < q->nanswers && n < LEARN_MAX_PAIRS; i++)
            if (q->answers[i].left && q->answers[i].left[0])
                lefts[n++] = (int)i;
        for (int k = 0; k < n; k++)
            r->match[k] = right ? lefts[k] : lefts[(k + 1) % n];
        break;
    }
    case QT_SHORTANSWER:
    case QT_NUMERICAL:
        preview_typed(q, right, r);
        break;
    default:
        return false;
    }
    return learn_response_complete(q, r);
}

/* The right answer (the best the question gives, which a badly weighted
 * question may score below full marks), or a wrong one: scoring less. */
static bool preview_pick(const Question *q, bool right, Response *r)
{
    Score best, s;
    if (!preview_response(q, true, r) || learn_score(q, r, &best) != MB_OK)
        return false;
    if (right)
        return true;
    return preview_response(q, false, r) && learn_score(q, r, &s) == MB_OK &&
           s.score < best.score;
}

bool ui_preview_answer(Ui *ui, bool right)
{
    const Question *q = learn_round_question(&ui->round, ui->lang);
    if (!q || learn_round_step(&ui->round) != ROUND_ASK ||
        !preview_pick(q, right, &ui->round.resp))
        return false;
    const LearnRecord *rec;
    if (learn_round_submit(&ui->round, ui->lang, mb_now_ms(), &rec) != MB_OK)
        return false;
    learn_round_commit(&ui->round);
    ui->answer_kept = false;
    ui_go(ui, SCR_FEEDBACK);
    return true;
}
