/* Deleting a participant for real: every row that names them goes in one
 * transaction (secure_delete is on for every connection, store.c, so the
 * freed bytes are zeros), the file is rewritten so that no older copy of a
 * page survives in free space, and the write-ahead log, which still holds
 * the pages as they were before, is checkpointed and truncated. Then a byte
 * search of the database and its -wal finds nothing of them. The key given
 * (a pseudonym or a row id) is untrusted input from a shell or a screen. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int store_participant_find(Store *s, const char *key, int64_t *id)
{
    *id = 0;
    size_t n = key ? strlen(key) : 0;
    bool digits = n > 0 && n < 19;
    for (size_t i = 0; i < n && digits; i++)
        digits = key[i] >= '0' && key[i] <= '9';
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           digits ? "SELECT id FROM participant WHERE id = ?1"
                                  : "SELECT id FROM participant WHERE pseudo = ?1",
                           &st);
    if (rc)
        return rc;
    if (digits)
        sqlite3_bind_int64(st, 1, strtoll(key, NULL, 10));
    else
        store_bind_text(st, 1, key ? key : "");
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    else if (step == SQLITE_DONE)
        rc = store_fail(s, MB_ERR_NOTFOUND, "no participant %s", key ? key : "");
    else
        rc = store_fail_db(s, "finding a participant");
    sqlite3_finalize(st);
    return rc;
}

static int forget_count(Store *s, int64_t id, int64_t *answers)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "SELECT count(*) FROM attempt WHERE participant = ?1", &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        *answers = sqlite3_column_int64(st, 0);
    else
        rc = store_fail_db(s, "counting answers");
    sqlite3_finalize(st);
    return rc;
}

/* The tables with a participant column: today attempt, review,
 * unit_position and resume; a table a later migration adds with such a
 * column is found the same way. */
static int forget_tables(Store *s, StrBuf *sql)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) c "
                           "WHERE m.type = 'table' AND m.name <> 'participant' "
                           "AND c.name = 'participant' ORDER BY m.name",
                           &st);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        strbuf_puts(sql, "DELETE FROM \"");
        for (; t && *t; t++) {
            if (*t == '"')
                strbuf_putc(sql, '"');
            strbuf_putc(sql, *t);
        }
        strbuf_puts(sql, "\" WHERE participant = ?1;");
    }
    if (step != SQLITE_DONE)
        rc = store_fail_db(s, "listing the tables");
    sqlite3_finalize(st);
    strbuf_puts(sql, "DELETE FROM participant WHERE id = ?1;");
    return rc;
}

/* Runs each statement of sql with ?1 bound to id. */
static int forget_run(Store *s, const char *sql, int64_t id)
{
    const char *rest = sql;
    int rc = MB_OK;
    while (!rc && rest && *rest) {
        sqlite3_stmt *st = NULL;
        s->statements++;
        if (sqlite3_prepare_v2(s->db, rest, -1, &st, &rest) != SQLITE_OK)
            return store_fail_db(s, "deleting a participant");
        if (!st)
            break;
        sqlite3_bind_int64(st, 1, id);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail_db(s, "deleting a participant");
        sqlite3_finalize(st);
    }
    return rc;
}

static int forget_rows(Store *s, int64_t id, int64_t *answers)
{
    StrBuf sql = {0};
    int rc = store_tx_begin(s);
    if (!rc)
        rc = forget_count(s, id, answers);
    if (!rc)
        rc = forget_tables(s, &sql);
    if (!rc)
        rc = forget_run(s, sql.data, id);
    if (!rc && sqlite3_changes(s->db) != 1)
        rc = store_fail(s, MB_ERR_NOTFOUND, "participant %lld does not exist", (long long)id);
    if (!rc)
        rc = store_tx_commit(s);
    if (rc)
        store_tx_rollback(s);
    strbuf_free(&sql);
    return rc;
}

int store_participant_delete(Store *s, int64_t id, int64_t *answers)
{
    int64_t n = 0;
    if (answers)
        *answers = 0;
    int rc = forget_rows(s, id, &n);
    if (rc)
        return rc;
    if (answers)
        *answers = n;
    /* VACUUM writes every page anew (zeroed where empty, secure_delete):
     * a copy of the name left in a page's free space by earlier changes,
     * made before secure_delete was on, does not survive it. */
    s->statements++;
    if (sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail(s, MB_ERR,
                          "the participant was deleted, but the file could not be rewritten "
                          "(%s), so old bytes of them may remain in it",
                          sqlite3_errmsg(s->db));
    rc = store_checkpoint(s);
    if (rc == MB_ERR)
        return store_fail(s, MB_ERR,
                          "the participant was deleted, but another program has the database "
                          "open, so its write-ahead log holds an old copy of them until that "
                          "program closes it");
    /* Not another program: a full disk or an I/O error, said as it is. */
    if (rc)
        return store_fail(s, MB_ERR,
                          "the participant was deleted, but the write-ahead log could not be "
                          "emptied (%s), so it holds an old copy of them until it is: run the "
                          "deletion again once the cause is fixed",
                          s->db ? sqlite3_errmsg(s->db) : "no database");
    return MB_OK;
}
