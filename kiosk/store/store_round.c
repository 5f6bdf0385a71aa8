/* A unit's quiz left half way: the seed and language of its round, kept
 * while the round is in progress, and the answers already given to its
 * items, read back from the attempts by their order seeds, so that the
 * round can be made again in another session and go on where it was left.
 * The rows are the kiosk's own; what they name (a pack, a unit, a question)
 * may have changed since, which the caller checks. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* Binds participant, pack_id and unit as ?1, ?2 and ?3. */
static void store_round_bind(sqlite3_stmt *st, int64_t participant, const char *pack_id,
                             const char *unit)
{
    sqlite3_bind_int64(st, 1, participant);
    store_bind_text(st, 2, pack_id);
    store_bind_text(st, 3, unit);
}

int store_quiz_progress_set(Store *s, int64_t participant, const char *pack_id, const char *unit,
                            const StoreQuizProgress *p)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "INSERT INTO quiz_progress(participant, pack_id, unit, seed, lang, "
                           "updated_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
                           "ON CONFLICT(participant, pack_id, unit) DO UPDATE SET "
                           "seed = excluded.seed, lang = excluded.lang, "
                           "updated_ms = excluded.updated_ms",
                           &st);
    if (rc)
        return rc;
    store_round_bind(st, participant, pack_id, unit);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)p->seed);
    store_bind_text(st, 5, lang_code(p->lang));
    sqlite3_bind_int64(st, 6, mb_now_ms());
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "saving the place in a quiz");
    sqlite3_finalize(st);
    return rc;
}

int store_quiz_progress_get(Store *s, int64_t participant, const char *pack_id, const char *unit,
                            StoreQuizProgress *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "SELECT seed, lang FROM quiz_progress WHERE participant = ?1 AND "
                           "pack_id = ?2 AND unit = ?3",
                           &st);
    if (rc)
        return rc;
    store_round_bind(st, participant, pack_id, unit);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *lang = (const char *)sqlite3_column_text(st, 1);
        out->seed = (uint64_t)sqlite3_column_int64(st, 0);
        if (!lang || lang_parse(lang, &out->lang))
            out->lang = LANG_EN;
    } else if (step == SQLITE_DONE) {
        rc = store_fail(s, MB_ERR_NOTFOUND, "no quiz in progress");
    } else {
        rc = store_fail_db(s, "reading the place in a quiz");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_quiz_progress_clear(Store *s, int64_t participant, const char *pack_id,
                              const char *unit)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "DELETE FROM quiz_progress WHERE participant = ?1 AND pack_id = ?2 "
                           "AND unit = ?3",
                           &st);
    if (rc)
        return rc;
    store_round_bind(st, participant, pack_id, unit);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "forgetting the place in a quiz");
    sqlite3_finalize(st);
    return rc;
}

int store_round_attempt(Store *s, int64_t participant, const char *pack_id, const char *unit,
                        const char *question_id, uint64_t order_seed, StoreRoundAttempt *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "SELECT positions, response, lang FROM attempt WHERE participant = ?1 "
                           "AND pack_id = ?2 AND unit = ?3 AND question_id = ?4 AND "
                           "order_seed = ?5 AND review = 0 "
                           "ORDER BY answered_ms DESC, id DESC LIMIT 1",
                           &st);
    if (rc)
        return rc;
    store_round_bind(st, participant, pack_id, unit);
    store_bind_text(st, 4, question_id);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)order_seed);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *lang = (const char *)sqlite3_column_text(st, 2);
        out->positions = store_column_strdup(st, 0);
        out->response = store_column_strdup(st, 1);
        if (!out->positions)
            out->positions = mb_xstrndup("", 0);
        if (!out->response)
            out->response = mb_xstrndup("", 0);
        if (!lang || lang_parse(lang, &out->lang))
            out->lang = LANG_EN;
    } else if (step == SQLITE_DONE) {
        rc = store_fail(s, MB_ERR_NOTFOUND, "no answer to this question of the round");
    } else {
        rc = store_fail_db(s, "reading an answer of a quiz");
    }
    sqlite3_finalize(st);
    return rc;
}

void store_round_attempt_free(StoreRoundAttempt *a)
{
    free(a->positions);
    free(a->response);
    memset(a, 0, sizeof *a);
}
