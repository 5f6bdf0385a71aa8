/* Seminar sessions and the answers as exports read them. A session is kept
 * in the database (migration 5): the open one of this kiosk is the one
 * store_attempt_insert stamps its answers with, so a restart in the middle
 * of a seminar, or `mingbai session start` run beside the kiosk, changes
 * nothing about where answers go. The rows read here were written by the
 * store, but the file may have been edited: text columns are read as they
 * are, NULLs are read as empty, and a type or language the kiosk does not
 * know is passed on as QT_COUNT or English rather than trusted. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------- start, end ---------------- */

static int store_session_open_name(Store *s, char *title, size_t cap, int64_t *id)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "SELECT id, title FROM session WHERE kiosk_id = ?1 AND ended_ms IS NULL",
                           &st);
    if (rc)
        return rc;
    store_bind_text(st, 1, s->kiosk_id);
    *id = 0;
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        const char *t = (const char *)sqlite3_column_text(st, 1);
        snprintf(title, cap, "%s", t ? t : "");
    } else if (step != SQLITE_DONE) {
        rc = store_fail_db(s, "reading the open session");
    }
    sqlite3_finalize(st);
    return rc;
}

static int store_session_row(Store *s, const StoreSessionNew *n, int64_t now_ms, int64_t *id)
{
    /* The UUID names the session in xAPI (context.registration) and keeps
     * it apart from another kiosk's session of the same number. */
    char uuid[37];
    store_uuid_v4(uuid);
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "INSERT INTO session(uuid, title, started_ms, kiosk_id) "
                           "VALUES(?1, ?2, ?3, ?4)",
                           &st);
    if (rc)
        return rc;
    store_bind_text(st, 1, uuid);
    store_bind_text(st, 2, n->title);
    sqlite3_bind_int64(st, 3, now_ms);
    store_bind_text(st, 4, s->kiosk_id);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "starting a session");
    else
        *id = sqlite3_last_insert_rowid(s->db);
    sqlite3_finalize(st);
    return rc;
}

static int store_session_lists(Store *s, const StoreSessionNew *n, int64_t id)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "INSERT OR IGNORE INTO session_unit(session, pack_id, unit, ord) "
                           "VALUES(?1, ?2, ?3, ?4)",
                           &st);
    for (size_t i = 0; !rc && i < n->nunits; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        store_bind_text(st, 2, n->units[i].pack_id);
        store_bind_text(st, 3, n->units[i].unit);
        sqlite3_bind_int64(st, 4, (sqlite3_int64)i);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail_db(s, "keeping the session's units");
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    rc = store_prepare(s,
                       "INSERT OR IGNORE INTO session_pack(session, pack_id, ord) "
                       "VALUES(?1, ?2, ?3)",
                       &st);
    for (size_t i = 0; !rc && i < n->npacks; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        store_bind_text(st, 2, n->packs[i]);
        sqlite3_bind_int64(st, 3, (sqlite3_int64)i);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail_db(s, "keeping the session's packs");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_session_start(Store *s, const StoreSessionNew *n, int64_t now_ms, int64_t *id_out)
{
    if (id_out)
        *id_out = 0;
    if (!n->title || !n->title[0])
        return store_fail(s, MB_ERR, "a session needs a title");
    for (size_t i = 0; i < n->nunits; i++)
        if (!n->units[i].pack_id || !n->units[i].unit)
            return store_fail(s, MB_ERR, "a session's unit needs its pack and its name");
    for (size_t i = 0; i < n->npacks; i++)
        if (!n->packs[i])
            return store_fail(s, MB_ERR, "a session's pack needs its id");
    int rc = store_tx_begin(s);
    if (rc)
        return rc;
    char title[200];
    int64_t open = 0, id = 0;
    rc = store_session_open_name(s, title, sizeof title, &open);
    if (!rc && open)
        rc = store_fail(s, MB_ERR_EXISTS, "session %lld \"%s\" is still open: end it first",
                        (long long)open, title);
    if (!rc)
        rc = store_session_row(s, n, now_ms, &id);
    if (!rc)
        rc = store_session_lists(s, n, id);
    if (!rc)
        rc = store_tx_commit(s);
    if (rc) {
        store_tx_rollback(s);
        return rc;
    }
    if (id_out)
        *id_out = id;
    return MB_OK;
}

int store_session_end(Store *s, int64_t id, int64_t now_ms)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "UPDATE session SET ended_ms = MAX(?2, started_ms) WHERE id = ?1 AND "
                           "kiosk_id = ?3 AND ended_ms IS NULL",
                           &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, now_ms);
    store_bind_text(st, 3, s->kiosk_id);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "ending a session");
    else if (sqlite3_changes(s->db) != 1)
        rc = store_fail(s, MB_ERR_NOTFOUND, "session %lld is not open on this kiosk",
                        (long long)id);
    sqlite3_finalize(st);
    return rc;
}

int64_t store_session_current(Store *s)
{
    char title[8];
    int64_t id = 0;
    if (store_session_open_name(s, title, sizeof title, &id))
        return -1;
    return id;
}

/* ---------------- reading sessions back ---------------- */

#define STORE_SESSION_COLUMNS                                                                 \
    "SELECT s.id, s.uuid, s.title, s.started_ms, s.ended_ms, s.kiosk_id, "                    \
    "(SELECT COUNT(*) FROM attempt a WHERE a.session = s.id) FROM session s "

static int store_session_children(Store *s, StoreSession *out)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "SELECT pack_id, unit FROM session_unit WHERE session = ?1 "
                           "ORDER BY ord, pack_id, unit",
                           &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, out->id);
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        out->units = mb_xrealloc(out->units, (out->nunits + 1) * sizeof *out->units);
        char *pack = store_column_strdup(st, 0), *unit = store_column_strdup(st, 1);
        out->units[out->nunits++] =
            (StoreUnitRef){pack ? pack : mb_xstrdup(""), unit ? unit : mb_xstrdup("")};
    }
    if (step != SQLITE_DONE)
        rc = store_fail_db(s, "reading a session's units");
    sqlite3_finalize(st);
    if (rc)
        return rc;
    rc = store_prepare(s, "SELECT pack_id FROM session_pack WHERE session = ?1 ORDER BY ord",
                       &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, out->id);
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        out->packs = mb_xrealloc(out->packs, (out->npacks + 1) * sizeof *out->packs);
        char *pack = store_column_strdup(st, 0);
        out->packs[out->npacks++] = pack ? pack : mb_xstrdup("");
    }
    if (step != SQLITE_DONE)
        rc = store_fail_db(s, "reading a session's packs");
    sqlite3_finalize(st);
    return rc;
}

static void store_session_read(sqlite3_stmt *st, StoreSession *out)
{
    memset(out, 0, sizeof *out);
    out->id = sqlite3_column_int64(st, 0);
    const char *uuid = (const char *)sqlite3_column_text(st, 1);
    snprintf(out->uuid, sizeof out->uuid, "%s", uuid ? uuid : "");
    out->title = store_column_strdup(st, 2);
    if (!out->title)
        out->title = mb_xstrdup("");
    out->started_ms = sqlite3_column_int64(st, 3);
    out->ended_ms = sqlite3_column_type(st, 4) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 4);
    const char *kiosk = (const char *)sqlite3_column_text(st, 5);
    snprintf(out->kiosk_id, sizeof out->kiosk_id, "%s", kiosk ? kiosk : "");
    out->answers = sqlite3_column_int64(st, 6);
}

void store_session_clear(StoreSession *out)
{
    if (!out)
        return;
    for (size_t i = 0; i < out->nunits; i++) {
        free((char *)out->units[i].pack_id);
        free((char *)out->units[i].unit);
    }
    for (size_t i = 0; i < out->npacks; i++)
        free(out->packs[i]);
    free(out->units);
    free(out->packs);
    free(out->title);
    memset(out, 0, sizeof *out);
}

int store_session_get(Store *s, int64_t id, StoreSession *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, STORE_SESSION_COLUMNS "WHERE s.id = ?1", &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        store_session_read(st, out);
    else if (step == SQLITE_DONE)
        rc = store_fail(s, MB_ERR_NOTFOUND, "there is no session %lld", (long long)id);
    else
        rc = store_fail_db(s, "reading a session");
    sqlite3_finalize(st);
    if (!rc)
        rc = store_session_children(s, out);
    if (rc)
        store_session_clear(out);
    return rc;
}

int store_session_list(Store *s, StoreSession **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    StoreSession *list = NULL;
    size_t count = 0;
    int rc = store_prepare(s, STORE_SESSION_COLUMNS "ORDER BY s.started_ms, s.id", &st);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        list = mb_xrealloc(list, (count + 1) * sizeof *list);
        store_session_read(st, &list[count++]);
    }
    if (step != SQLITE_DONE)
        rc = store_fail_db(s, "listing sessions");
    sqlite3_finalize(st);
    for (size_t i = 0; !rc && i < count; i++)
        rc = store_session_children(s, &list[i]);
    if (rc) {
        store_session_list_free(list, count);
        return rc;
    }
    *out = list;
    *n = count;
    return MB_OK;
}

void store_session_list_free(StoreSession *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++)
        store_session_clear(&list[i]);
    free(list);
}

/* ---------------- answers for exports ---------------- */

static const char *store_text(sqlite3_stmt *st, int i)
{
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? t : "";
}

static QuestionType store_type_parse(const char *name)
{
    for (int t = 0; t < QT_COUNT; t++)
        if (!strcmp(question_type_name((QuestionType)t), name))
            return (QuestionType)t;
    return QT_COUNT;
}

static void store_answer_read(sqlite3_stmt *st, StoreAnswerRow *r)
{
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->uuid = store_text(st, 1);
    r->session = sqlite3_column_int64(st, 2);
    r->participant = sqlite3_column_int64(st, 3);
    r->pseudo = store_text(st, 4);
    r->name = store_text(st, 5);
    r->guest = sqlite3_column_int(st, 6) != 0;
    r->pack_id = store_text(st, 7);
    r->pack_version = store_text(st, 8);
    r->unit = store_text(st, 9);
    r->question_id = store_text(st, 10);
    r->type = store_type_parse(store_text(st, 11));
    if (lang_parse(store_text(st, 12), &r->lang))
        r->lang = LANG_EN;
    r->response = store_text(st, 13);
    r->positions = store_text(st, 14);
    r->answers = store_text(st, 15);
    r->order_seed = (uint64_t)sqlite3_column_int64(st, 16);
    r->score = sqlite3_column_double(st, 17);
    r->max = sqlite3_column_double(st, 18);
    r->correct = sqlite3_column_int(st, 19) != 0;
    r->review = sqlite3_column_int(st, 20) != 0;
    r->started_ms = sqlite3_column_int64(st, 21);
    r->answered_ms = sqlite3_column_int64(st, 22);
    r->kiosk_id = store_text(st, 23);
}

int store_answers_each(Store *s, int64_t session, StoreAnswerFn fn, void *ctx)
{
    int rc = store_tx_begin_read(s);
    if (rc)
        return rc;
    if (session) {
        StoreSession check;
        rc = store_session_get(s, session, &check);
        store_session_clear(&check);
        if (rc)
            goto done;
    }
    sqlite3_stmt *st = NULL;
    rc = store_prepare(s,
                       "SELECT a.id, a.uuid, a.session, a.participant, p.pseudo, p.name, p.guest, "
                       "a.pack_id, a.pack_version, a.unit, a.question_id, a.type, a.lang, "
                       "a.response, a.positions, a.answers, a.order_seed, a.score, a.max, "
                       "a.correct, a.review, a.started_ms, a.answered_ms, a.kiosk_id "
                       "FROM attempt a JOIN participant p ON p.id = a.participant "
                       "WHERE ?1 = 0 OR a.session = ?1 ORDER BY a.answered_ms, a.id",
                       &st);
    if (rc)
        goto done;
    sqlite3_bind_int64(st, 1, session);
    int step;
    StoreAnswerRow row;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        store_answer_read(st, &row);
        rc = fn(ctx, &row);
        if (rc)
            break;
    }
    if (!rc && step != SQLITE_DONE)
        rc = store_fail_db(s, "reading the answers");
    sqlite3_finalize(st);
done:
    /* A read transaction: ending it changes nothing, on success or not. */
    store_tx_rollback(s);
    return rc;
}
