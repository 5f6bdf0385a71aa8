/* Participants, answers and progress: who is learning, every answer they
 * gave (with the UUID, times and kiosk id that exports need), where they
 * left off, and the review boxes of missed questions. An answer and its
 * review update are one transaction, committed to disk before
 * store_attempt_insert returns. Packs and questions are named by value, so
 * all of this outlives the pack it came from. */
#include "mingbai/learn.h"
#include "store_internal.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---------------- participants ---------------- */

#define STORE_PSEUDO_TRIES 8

int store_participant_add(Store *s, const char *name, bool guest, int64_t *id_out)
{
    if (id_out)
        *id_out = 0;
    if (guest)
        name = "Guest";
    if (!name || !name[0])
        return store_fail(s, MB_ERR, "a participant needs a name");
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "INSERT INTO participant(name, pseudo, guest, created_ms) "
                           "VALUES(?1, ?2, ?3, ?4)",
                           &st);
    if (rc)
        return rc;
    store_bind_text(st, 1, name);
    sqlite3_bind_int(st, 3, guest);
    sqlite3_bind_int64(st, 4, mb_now_ms());
    /* 32 random bits keep exports pseudonymous and short; a clash is rare
     * enough that drawing again is the whole answer. */
    int step = SQLITE_CONSTRAINT_UNIQUE;
    char pseudo[2 + 8 + 1] = "p-";
    for (int tries = 0; tries < STORE_PSEUDO_TRIES && step == SQLITE_CONSTRAINT_UNIQUE; tries++) {
        store_random_hex(pseudo + 2, 4);
        sqlite3_reset(st);
        store_bind_text(st, 2, pseudo);
        step = sqlite3_step(st);
    }
    if (step != SQLITE_DONE)
        rc = store_fail_db(s, "adding a participant");
    else if (id_out)
        *id_out = sqlite3_last_insert_rowid(s->db);
    sqlite3_finalize(st);
    return rc;
}

static void store_participant_read(sqlite3_stmt *st, StoreParticipant *p)
{
    p->id = sqlite3_column_int64(st, 0);
    p->name = store_column_strdup(st, 1);
    p->pseudo = store_column_strdup(st, 2);
    p->guest = sqlite3_column_int(st, 3) != 0;
    p->has_code = sqlite3_column_type(st, 4) != SQLITE_NULL;
    p->code_failures = p->has_code ? sqlite3_column_int(st, 4) : 0;
}

/* The columns store_participant_read reads: the code's count, NULL
 * without a code (never the code's hash). */
#define PARTICIPANT_COLUMNS                                                                  \
    "SELECT id, name, pseudo, guest, (SELECT c.failures FROM participant_code c "           \
    "WHERE c.participant = participant.id) FROM participant "

int store_participant_list(Store *s, StoreParticipant **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    StoreParticipant *list = NULL;
    size_t count = 0, cap = 0;
    int rc = store_prepare(s,
                           PARTICIPANT_COLUMNS "WHERE guest = 0 "
                           "ORDER BY name COLLATE NOCASE, id",
                           &st);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            list = mb_xrealloc(list, cap * sizeof *list);
        }
        store_participant_read(st, &list[count++]);
    }
    if (step != SQLITE_DONE) {
        rc = store_fail_db(s, "listing participants");
        store_participant_list_free(list, count);
    } else {
        *out = list;
        *n = count;
    }
    sqlite3_finalize(st);
    return rc;
}

void store_participant_list_free(StoreParticipant *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        free(list[i].name);
        free(list[i].pseudo);
    }
    free(list);
}

int store_participant_get(Store *s, int64_t id, StoreParticipant *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, PARTICIPANT_COLUMNS "WHERE id = ?1", &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        store_participant_read(st, out);
    else if (step == SQLITE_DONE)
        rc = store_fail(s, MB_ERR_NOTFOUND, "participant %lld does not exist", (long long)id);
    else
        rc = store_fail_db(s, "reading a participant");
    sqlite3_finalize(st);
    return rc;
}

/* ---------------- answers ---------------- */

#ifdef MINGBAI_TEST_HOOKS
/* Test builds only (MINGBAI_TEST_HOOKS): with MINGBAI_ACK_LOG set, each
 * answer's UUID is appended to that file once its commit has returned, the
 * moment the screen may say "saved" (tests/tools/test_kill9.sh compares the
 * file with the database after killing the kiosk). The kill test's negative
 * control, MINGBAI_TEST_ACK_EARLY_MS=N, writes the line before the commit
 * instead and waits N ms before committing: a kill in between must be seen
 * as a lost answer. */
static void store_ack_log(const char *uuid, bool committed)
{
    const char *log = getenv("MINGBAI_ACK_LOG");
    if (!log || !log[0])
        return;
    const char *early = getenv("MINGBAI_TEST_ACK_EARLY_MS");
    int early_ms = early ? atoi(early) : 0;
    if ((early_ms > 0) == committed)
        return;
    int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0) {
        char line[48];
        int n = snprintf(line, sizeof line, "%s\n", uuid);
        if (write(fd, line, (size_t)n) != n)
            mb_log(LOG_WARN, "cannot write the acknowledgement log %s", log);
        close(fd);
    }
    if (!committed) {
        struct timespec ts = {early_ms / 1000, (long)(early_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
}
#else
#define store_ack_log(uuid, committed) ((void)0)
#endif

static int store_attempt_row(Store *s, const StoreAttempt *a, int64_t *id_out, char uuid[37])
{
    static const char sql[] =
        "INSERT INTO attempt(uuid, participant, pack_id, pack_version, unit, question_id, type, "
        "lang, response, score, max, correct, review, started_ms, answered_ms, kiosk_id, "
        "order_seed, positions, answers, session) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
        "?19, (SELECT id FROM session WHERE kiosk_id = ?16 AND ended_ms IS NULL))";
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st);
    if (rc)
        return rc;
    store_uuid_v4(uuid);
    store_bind_text(st, 1, uuid);
    sqlite3_bind_int64(st, 2, a->participant);
    store_bind_text(st, 3, a->pack_id);
    store_bind_text(st, 4, a->pack_version);
    store_bind_text(st, 5, a->unit);
    store_bind_text(st, 6, a->question_id);
    store_bind_text(st, 7, question_type_name(a->type));
    store_bind_text(st, 8, lang_code(a->lang));
    store_bind_text(st, 9, a->response ? a->response : "");
    sqlite3_bind_double(st, 10, a->score);
    sqlite3_bind_double(st, 11, a->max);
    sqlite3_bind_int(st, 12, a->correct);
    sqlite3_bind_int(st, 13, a->review);
    sqlite3_bind_int64(st, 14, a->started_ms);
    sqlite3_bind_int64(st, 15, a->answered_ms);
    store_bind_text(st, 16, s->kiosk_id);
    sqlite3_bind_int64(st, 17, (sqlite3_int64)a->order_seed);
    store_bind_text(st, 18, a->positions ? a->positions : "");
    store_bind_text(st, 19, a->answers ? a->answers : "");
    int step = sqlite3_step(st);
    if (step == SQLITE_CONSTRAINT_FOREIGNKEY)
        rc = store_fail(s, MB_ERR_DB, "participant %lld does not exist",
                        (long long)a->participant);
    else if (step != SQLITE_DONE)
        rc = store_fail_db(s, "saving the answer");
    else
        *id_out = sqlite3_last_insert_rowid(s->db);
    sqlite3_finalize(st);
    return rc;
}

/* Leitner boxes: a miss puts the question in box 1; an answer to a question
 * already in review moves it (learn_review_next_box); leaving the last box
 * retires it, which removes the row. A right answer to a question not in
 * review changes nothing. */
static int store_review_update(Store *s, const StoreAttempt *a, int64_t now_ms)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "SELECT box FROM review WHERE participant = ?1 AND pack_id = ?2 AND "
                           "question_id = ?3",
                           &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, a->participant);
    store_bind_text(st, 2, a->pack_id);
    store_bind_text(st, 3, a->question_id);
    int step = sqlite3_step(st);
    bool present = step == SQLITE_ROW;
    int box = present ? sqlite3_column_int(st, 0) : LEARN_BOX_RETIRED;
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        rc = store_fail_db(s, "reading the review box");
    sqlite3_finalize(st);
    st = NULL;
    if (rc || (!present && a->correct))
        return rc;
    int next = learn_review_next_box(box, a->correct);
    if (next == LEARN_BOX_RETIRED)
        rc = store_prepare(s,
                           "DELETE FROM review WHERE participant = ?1 AND pack_id = ?2 AND "
                           "question_id = ?3",
                           &st);
    else
        rc = store_prepare(s,
                           "INSERT INTO review(participant, pack_id, question_id, unit, box, due_ms) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
                           "ON CONFLICT(participant, pack_id, question_id) DO UPDATE SET "
                           "unit = excluded.unit, box = excluded.box, due_ms = excluded.due_ms",
                           &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, a->participant);
    store_bind_text(st, 2, a->pack_id);
    store_bind_text(st, 3, a->question_id);
    if (next != LEARN_BOX_RETIRED) {
        store_bind_text(st, 4, a->unit);
        sqlite3_bind_int(st, 5, next);
        sqlite3_bind_int64(st, 6, learn_review_due_ms(next, now_ms));
    }
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "updating the review box");
    sqlite3_finalize(st);
    return rc;
}

int store_attempt_insert(Store *s, const StoreAttempt *a, int64_t now_ms, int64_t *id_out)
{
    int64_t id = 0;
    if (id_out)
        *id_out = 0;
    if (!a->pack_id || !a->pack_version || !a->unit || !a->question_id)
        return store_fail(s, MB_ERR_DB, "the answer does not name its pack, unit and question");
    int rc = store_tx_begin(s);
    if (rc)
        return rc;
    char uuid[37] = "";
    rc = store_attempt_row(s, a, &id, uuid);
    if (rc)
        goto done;
    /* Essays and descriptions are recorded but have no right answer to
     * review. */
    if (a->max > 0) {
        rc = store_review_update(s, a, now_ms);
        if (rc)
            goto done;
    }
    store_ack_log(uuid, false);
    rc = store_tx_commit(s);
    if (!rc)
        store_ack_log(uuid, true);
    if (!rc && id_out)
        *id_out = id;
done:
    if (rc)
        store_tx_rollback(s);
    return rc;
}

int64_t store_attempt_count(Store *s)
{
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (store_prepare(s, "SELECT COUNT(*) FROM attempt", &st))
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    else
        store_fail_db(s, "counting answers");
    sqlite3_finalize(st);
    return n;
}

/* The participant's (?1) latest quiz answer to each question of a unit
 * (?3) of a pack (?2): a participant who retakes a quiz sees where they
 * stand now, and review answers do not count twice. */
#define LATEST_QUIZ_ANSWERS \
    "FROM attempt a " \
    "WHERE a.participant = ?1 AND a.pack_id = ?2 AND a.unit = ?3 AND a.review = 0 " \
    "AND a.id = (SELECT b.id FROM attempt b WHERE b.participant = ?1 AND b.pack_id = ?2 " \
    "AND b.question_id = a.question_id AND b.unit = ?3 AND b.review = 0 " \
    "ORDER BY b.answered_ms DESC, b.id DESC LIMIT 1)"

int store_unit_result(Store *s, int64_t participant, const char *pack_id, const char *unit,
                      StoreUnitResult *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(
        s,
        "SELECT COUNT(*), TOTAL(score), TOTAL(max), TOTAL(correct) " LATEST_QUIZ_ANSWERS,
        &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, participant);
    store_bind_text(st, 2, pack_id);
    store_bind_text(st, 3, unit);
    if (sqlite3_step(st) == SQLITE_ROW) {
        out->answered = sqlite3_column_int(st, 0);
        out->score = sqlite3_column_double(st, 1);
        out->max = sqlite3_column_double(st, 2);
        out->correct = (int)sqlite3_column_double(st, 3);
    } else {
        rc = store_fail_db(s, "reading a unit result");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_unit_answered(Store *s, int64_t participant, const char *pack_id, const char *unit,
                        StoreAnswered *out, size_t max, size_t *n)
{
    *n = 0;
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(
        s,
        "SELECT a.question_id, a.correct " LATEST_QUIZ_ANSWERS,
        &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, participant);
    store_bind_text(st, 2, pack_id);
    store_bind_text(st, 3, unit);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n < max) {
            const char *id = (const char *)sqlite3_column_text(st, 0);
            snprintf(out[*n].question_id, sizeof out[*n].question_id, "%s", id ? id : "");
            out[*n].correct = sqlite3_column_int(st, 1) != 0;
        }
        (*n)++;
    }
    if (step != SQLITE_DONE)
        rc = store_fail_db(s, "reading a unit's answers");
    sqlite3_finalize(st);
    return rc;
}

double store_question_last_score(Store *s, int64_t participant, const char *pack_id,
                                 const char *question_id)
{
    sqlite3_stmt *st = NULL;
    double score = -1;
    if (store_prepare(s,
                      "SELECT score FROM attempt WHERE participant = ?1 AND pack_id = ?2 AND "
                      "question_id = ?3 ORDER BY answered_ms DESC, id DESC LIMIT 1",
                      &st))
        return -1;
    sqlite3_bind_int64(st, 1, participant);
    store_bind_text(st, 2, pack_id);
    store_bind_text(st, 3, question_id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        score = sqlite3_column_double(st, 0);
    else if (step != SQLITE_DONE)
        store_fail_db(s, "reading the last score");
    sqlite3_finalize(st);
    return score;
}

/* ---------------- where the participant left off ---------------- */

int store_resume_set(Store *s, int64_t participant, const char *pack_id, const StoreResume *r)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(
        s,
        "INSERT INTO resume(participant, pack_id, unit, screen, position, lang, updated_ms) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT(participant, pack_id) DO UPDATE SET unit = excluded.unit, "
        "screen = excluded.screen, position = excluded.position, lang = excluded.lang, "
        "updated_ms = excluded.updated_ms",
        &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, participant);
    store_bind_text(st, 2, pack_id);
    /* r->unit is a fixed array: never read past it, terminated or not. */
    sqlite3_bind_text(st, 3, r->unit, (int)strnlen(r->unit, sizeof r->unit), SQLITE_STATIC);
    sqlite3_bind_int(st, 4, r->screen);
    sqlite3_bind_int(st, 5, r->position);
    store_bind_text(st, 6, lang_code(r->lang));
    sqlite3_bind_int64(st, 7, mb_now_ms());
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "saving where the participant left off");
    sqlite3_finalize(st);
    return rc;
}

int store_resume_get(Store *s, int64_t participant, const char *pack_id, StoreResume *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "SELECT unit, screen, position, lang FROM resume "
                           "WHERE participant = ?1 AND pack_id = ?2",
                           &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, participant);
    store_bind_text(st, 2, pack_id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        const char *unit = (const char *)sqlite3_column_text(st, 0);
        const char *lang = (const char *)sqlite3_column_text(st, 3);
        snprintf(out->unit, sizeof out->unit, "%s", unit ? unit : "");
        out->screen = sqlite3_column_int(st, 1);
        out->position = sqlite3_column_int(st, 2);
        if (!lang || lang_parse(lang, &out->lang))
            out->lang = LANG_EN;
    } else if (step == SQLITE_DONE) {
        rc = store_fail(s, MB_ERR_NOTFOUND, "nothing to resume");
    } else {
        rc = store_fail_db(s, "reading where the participant left off");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_unit_position_set(Store *s, int64_t participant, const char *pack_id,
                            const char *unit, int position)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "INSERT INTO unit_position(participant, pack_id, unit, position, "
                           "updated_ms) VALUES(?1, ?2, ?3, ?4, ?5) "
                           "ON CONFLICT(participant, pack_id, unit) DO UPDATE SET "
                           "position = excluded.position, updated_ms = excluded.updated_ms",
                           &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, participant);
    store_bind_text(st, 2, pack_id);
    store_bind_text(st, 3, unit);
    sqlite3_bind_int(st, 4, position);
    sqlite3_bind_int64(st, 5, mb_now_ms());
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "saving the reading position");
    sqlite3_finalize(st);
    return rc;
}

int store_unit_position_get(Store *s, int64_t participant, const char *pack_id,
                            const char *unit)
{
    sqlite3_stmt *st = NULL;
    int position = 0;
    if (store_prepare(s,
                      "SELECT position FROM unit_position WHERE participant = ?1 AND "
                      "pack_id = ?2 AND unit = ?3",
                      &st))
        return 0;
    sqlite3_bind_int64(st, 1, participant);
    store_bind_text(st, 2, pack_id);
    store_bind_text(st, 3, unit);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        position = sqlite3_column_int(st, 0);
    else if (step != SQLITE_DONE)
        store_fail_db(s, "reading the reading position");
    sqlite3_finalize(st);
    return position;
}

int store_unit_reading_set(Store *s, int64_t participant, const char *pack_id, const char *unit,
                           int position, int percent, bool finished)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "INSERT INTO unit_position(participant, pack_id, unit, position, "
                           "updated_ms, percent, finished) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                           "ON CONFLICT(participant, pack_id, unit) DO UPDATE SET "
                           "position = excluded.position, updated_ms = excluded.updated_ms, "
                           "percent = excluded.percent, "
                           "finished = MAX(finished, excluded.finished)",
                           &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, participant);
    store_bind_text(st, 2, pack_id);
    store_bind_text(st, 3, unit);
    sqlite3_bind_int(st, 4, position);
    sqlite3_bind_int64(st, 5, mb_now_ms());
    sqlite3_bind_int(st, 6, MB_MAX(0, MB_MIN(100, percent)));
    sqlite3_bind_int(st, 7, finished ? 1 : 0);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "saving the reading position");
    sqlite3_finalize(st);
    return rc;
}

int store_unit_reading_get(Store *s, int64_t participant, const char *pack_id, const char *unit,
                           StoreReading *out)
{
    *out = (StoreReading){.percent = -1};
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "SELECT percent, finished FROM unit_position WHERE participant = ?1 "
                           "AND pack_id = ?2 AND unit = ?3",
                           &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, participant);
    store_bind_text(st, 2, pack_id);
    store_bind_text(st, 3, unit);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *out = (StoreReading){true, sqlite3_column_int(st, 0), sqlite3_column_int(st, 1) != 0};
    else if (step != SQLITE_DONE)
        rc = store_fail_db(s, "reading how far a unit was read");
    sqlite3_finalize(st);
    return rc;
}

/* ---------------- review queue ---------------- */

/* Only questions the installed packs still have, in packs participants see
 * (not hidden), are offered: a review entry for a removed or hidden pack or
 * a dropped question stays (it is a result) but cannot be shown, and comes
 * back if the question does. */
#define STORE_REVIEW_WHERE                                                                     \
    "FROM review r WHERE r.participant = ?1 AND r.due_ms <= ?2 AND EXISTS (SELECT 1 FROM "     \
    "question q JOIN pack p ON p.id = q.pack_id WHERE q.pack_id = r.pack_id AND "              \
    "q.question_id = r.question_id AND p.hidden = 0) AND (?3 IS NULL OR r.pack_id = ?3)"

static bool store_copy_field(char *dst, size_t cap, sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    size_t n = (size_t)sqlite3_column_bytes(st, i);
    if (!t || n >= cap)
        return false;
    memcpy(dst, t, n + 1);
    return true;
}

int store_review_due(Store *s, int64_t participant, const char *pack_id, int64_t now_ms,
                     StoreReviewItem *out, size_t max, size_t *n)
{
    *n = 0;
    if (!max)
        return MB_OK;
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "SELECT r.pack_id, r.unit, r.question_id, r.box, r.due_ms, "
                           "(SELECT a.order_seed FROM attempt a WHERE a.participant = "
                           "r.participant AND a.pack_id = r.pack_id AND a.question_id = "
                           "r.question_id ORDER BY a.answered_ms DESC, a.id DESC LIMIT 1) "
                           STORE_REVIEW_WHERE " ORDER BY r.due_ms, r.pack_id, r.question_id",
                           &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, participant);
    sqlite3_bind_int64(st, 2, now_ms);
    if (pack_id)
        sqlite3_bind_text(st, 3, pack_id, -1, SQLITE_TRANSIENT);
    int step = SQLITE_DONE;
    while (*n < max && (step = sqlite3_step(st)) == SQLITE_ROW) {
        StoreReviewItem *it = &out[*n];
        memset(it, 0, sizeof *it);
        /* An id longer than the item's fields would be cut into another
         * id: leave it out rather than offer the wrong question. */
        if (!store_copy_field(it->pack_id, sizeof it->pack_id, st, 0) ||
            !store_copy_field(it->unit, sizeof it->unit, st, 1) ||
            !store_copy_field(it->question_id, sizeof it->question_id, st, 2)) {
            mb_log(LOG_WARN, "review: an id is too long to offer; skipped");
            continue;
        }
        it->box = sqlite3_column_int(st, 3);
        it->due_ms = sqlite3_column_int64(st, 4);
        it->order_seed = (uint64_t)sqlite3_column_int64(st, 5);
        (*n)++;
    }
    if (*n < max && step != SQLITE_DONE)
        rc = store_fail_db(s, "reading the review queue");
    sqlite3_finalize(st);
    return rc;
}

int store_review_count(Store *s, int64_t participant, const char *pack_id, int64_t now_ms)
{
    sqlite3_stmt *st = NULL;
    int count = -1;
    if (store_prepare(s, "SELECT COUNT(*) " STORE_REVIEW_WHERE, &st))
        return -1;
    sqlite3_bind_int64(st, 1, participant);
    sqlite3_bind_int64(st, 2, now_ms);
    if (pack_id)
        sqlite3_bind_text(st, 3, pack_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW)
        count = sqlite3_column_int(st, 0);
    else
        store_fail_db(s, "counting review questions");
    sqlite3_finalize(st);
    return count;
}
