/* The place in a unit's quiz, across sessions. Within a session the place
 * is the round itself (ui->round), kept while the participant reads or
 * leaves the quiz. For another session the store keeps the round's seed
 * and language while it is in progress, and every answer is kept already:
 * taking the quiz again makes the same round from them and gives the kept
 * answers again, item by item, as the participant gave them, so that it
 * asks the first question not answered and its summary counts them all.
 * A round whose kept answers no longer fit its questions (the pack
 * changed) starts anew. */
#include "screens.h"

#include <stdlib.h>

/* The answers kept for the items of a round, in order, up to the first
 * scored item without one. */
typedef struct {
    StoreRoundAttempt kept[LEARN_ROUND_MAX]; /* zeroed for a prompt not scored */
    bool scored[LEARN_ROUND_MAX];
    int n;    /* items read */
    int upto; /* items to give again: up to the last one answered */
} PlaceAnswers;

/* Gives the current question of r again as kept (a prompt not scored is
 * passed); MB_ERR when it does not fit. */
static int place_give(LearnRound *r, Lang lang, const StoreRoundAttempt *a)
{
    if (!a)
        return learn_round_answer_again(r, lang, "", NULL, mb_now_ms());
    return learn_round_answer_again(r, a->lang, a->positions, a->response, mb_now_ms());
}

/* Reads the answers kept for the items of r (a round made for this, given
 * them as it goes, so that each is checked against its question). MB_OK;
 * MB_ERR when one does not fit; the store's status when it failed. */
static int place_read(Ui *ui, LearnRound *r, Lang lang, const char *slug, PlaceAnswers *pa)
{
    const Pack *p = ui_pack(ui);
    while (learn_round_step(r) == ROUND_ASK && pa->n < LEARN_ROUND_MAX) {
        const Question *q = learn_round_question(r, lang);
        int i = pa->n;
        pa->scored[i] = question_type_scored(q->type);
        if (pa->scored[i]) {
            int rc = store_round_attempt(ui->store, ui->participant, p->id, slug,
                                         q->id ? q->id : "", learn_round_order_seed(r),
                                         &pa->kept[i]);
            if (rc == MB_ERR_NOTFOUND)
                break;
            if (rc != MB_OK)
                return rc;
        }
        pa->n++;
        if (place_give(r, lang, pa->scored[i] ? &pa->kept[i] : NULL) != MB_OK)
            return MB_ERR;
        if (pa->scored[i])
            pa->upto = pa->n;
    }
    return MB_OK;
}

/* Makes the round of unit kept in progress again in ui->round, at its
 * first question not answered. False when none is kept, when it cannot be
 * made again (its answers no longer fit, or it was all answered) and when
 * the store failed (*failed). */
static bool place_resume(Ui *ui, int unit, bool *failed)
{
    const Pack *p = ui_pack(ui);
    const char *slug = p->units[unit].slug;
    StoreQuizProgress qp;
    int rc = store_quiz_progress_get(ui->store, ui->participant, p->id, slug, &qp);
    if (rc != MB_OK) {
        *failed = rc != MB_ERR_NOTFOUND;
        return false;
    }
    PlaceAnswers *pa = mb_xcalloc(1, sizeof *pa);
    LearnRound *check = mb_xcalloc(1, sizeof *check);
    learn_round_unit(check, p, unit, qp.lang, qp.seed, mb_now_ms());
    rc = place_read(ui, check, qp.lang, slug, pa);
    int count = learn_round_count(check);
    learn_round_free(check);
    free(check);
    *failed = rc != MB_OK && rc != MB_ERR;
    bool ok = rc == MB_OK && pa->upto > 0 && pa->upto < count;
    if (rc == MB_ERR)
        mb_log(LOG_WARN, "the quiz of %s left half way no longer fits the pack: started anew", slug);
    if (ok) {
        learn_round_free(&ui->round);
        learn_round_unit(&ui->round, p, unit, qp.lang, qp.seed, mb_now_ms());
        for (int i = 0; i < pa->upto; i++)
            place_give(&ui->round, qp.lang, pa->scored[i] ? &pa->kept[i] : NULL);
    }
    for (int i = 0; i < LEARN_ROUND_MAX; i++)
        store_round_attempt_free(&pa->kept[i]);
    free(pa);
    return ok;
}

void screen_round_start_unit(Ui *ui, int unit)
{
    const Pack *p = ui_pack(ui);
    const LearnRound *r = &ui->round;
    if (r->pack == p && !r->review && r->unit == unit && learn_round_step(r) == ROUND_ASK)
        return; /* left half way in this session: it goes on */
    bool failed = false;
    if (ui_recording(ui) && place_resume(ui, unit, &failed))
        return;
    if (failed)
        ui_store_failed(ui, "Your progress could not be read: %s");
    learn_round_free(&ui->round);
    learn_round_unit(&ui->round, p, unit, ui->lang, screen_round_seed(ui, p->units[unit].slug),
                     mb_now_ms());
}

void screen_round_kept(Ui *ui)
{
    const LearnRound *r = &ui->round;
    const Unit *u = learn_round_unit_of(r);
    if (r->review || !u || !ui_recording(ui))
        return;
    StoreQuizProgress qp = {.seed = r->seed, .lang = r->lang};
    if (store_quiz_progress_set(ui->store, ui->participant, r->pack->id, u->slug, &qp) != MB_OK)
        ui_store_failed(ui, "Your place could not be saved: %s");
}

void screen_round_over(Ui *ui)
{
    const LearnRound *r = &ui->round;
    const Unit *u = learn_round_unit_of(r);
    if (r->review || !u || learn_round_step(r) != ROUND_DONE || !ui_recording(ui))
        return;
    if (store_quiz_progress_clear(ui->store, ui->participant, r->pack->id, u->slug) != MB_OK)
        ui_store_failed(ui, "Your place could not be saved: %s");
}
