/* Merging the results of several kiosks into one database. A source file
 * comes from a stick and is untrusted: it is opened read-only, checked to
 * be a Mingbai database no newer than this one, copied (SQLite's backup
 * API) beside the target, and the copy is opened as a store, which checks
 * it and brings it to this schema with the same migrations; the source
 * itself is never changed. The copy is attached and merged in one
 * transaction, table by table, as merge_tables below says:
 *
 * - a row names the same thing on every kiosk by its key (a participant by
 *   pseudonym, an answer by UUID); a row whose key is already here is not
 *   copied again, so merging the same file twice changes nothing;
 * - a table whose id is the kiosk's own (local_id) gets new ids here, and
 *   the columns that hold such an id (merge_refs) are translated;
 * - a row on both kiosks is taken from the source only when its `newer`
 *   rule says so (a review box from the kiosk that saw the latest answer to
 *   the question; a reading position or resume point used last);
 * - packs go whole: one absent here, or newer there, is copied with its
 *   files and question index; settings (the PIN, the kiosk id) and the
 *   participants' codes stay ours.
 *
 * Columns are read from the schema, so a column added by a migration is
 * copied without a change here; a table added by a migration is added to
 * merge_tables (or to merge_skipped), which unit.test_store checks. */
#include "store_internal.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MERGE_KEYS 4

typedef struct {
    const char *table;
    const char *key[MERGE_KEYS]; /* the columns that name a row on every kiosk */
    const char *newer; /* a row on both: SQL true when the source's row (s) wins
                          over ours (t), never NULL; NULL: ours stays */
    bool local_id;     /* an INTEGER PRIMARY KEY id of the kiosk's own */
    const char *after; /* SQL run once the rows are copied, or NULL */
    size_t count;      /* offset of its count in StoreMergeCounts */
} MergeTable;

/* Columns that hold the local id of another table. */
static const struct {
    const char *column, *table;
} merge_refs[] = {{"participant", "participant"}, {"session", "session"}};

#define MERGE_LATEST(db, r)                                                                   \
    "(SELECT max(a.answered_ms) FROM " db ".attempt a WHERE a.participant = " r               \
    ".participant AND a.pack_id = " r ".pack_id AND a.question_id = " r ".question_id)"

/* In the order they run: review boxes before the answers, so that "our
 * latest answer" is read before theirs are added. */
static const MergeTable merge_tables[] = {
    {"participant", {"pseudo"}, NULL, true, NULL, offsetof(StoreMergeCounts, participants)},
    {"review",
     {"participant", "pack_id", "question_id"},
     "coalesce(" MERGE_LATEST("src", "s") ", -2) > coalesce(" MERGE_LATEST("main", "t") ", -1)",
     false,
     NULL,
     offsetof(StoreMergeCounts, reviews)},
    {"unit_position",
     {"participant", "pack_id", "unit"},
     "s.updated_ms > t.updated_ms",
     false,
     /* the end of a unit, once reached on any kiosk, stays reached */
     "UPDATE main.unit_position SET finished = 1 WHERE finished = 0 AND EXISTS ("
     "SELECT 1 FROM src.unit_position s JOIN temp.merge_participant m ON m.src = s.participant "
     "WHERE s.finished <> 0 AND m.dst = unit_position.participant "
     "AND s.pack_id = unit_position.pack_id AND s.unit = unit_position.unit)",
     offsetof(StoreMergeCounts, positions)},
    {"resume",
     {"participant", "pack_id"},
     "s.updated_ms > t.updated_ms",
     false,
     NULL,
     offsetof(StoreMergeCounts, resumes)},
    {"quiz_progress",
     {"participant", "pack_id", "unit"},
     "s.updated_ms > t.updated_ms",
     false,
     NULL,
     offsetof(StoreMergeCounts, quiz_places)},
    {"session", {"uuid"}, NULL, true, NULL, offsetof(StoreMergeCounts, sessions)},
    {"session_unit", {"session", "pack_id", "unit"}, NULL, false, NULL,
     offsetof(StoreMergeCounts, session_rows)},
    {"session_pack", {"session", "pack_id"}, NULL, false, NULL,
     offsetof(StoreMergeCounts, session_rows)},
    {"attempt", {"uuid"}, NULL, true, NULL, offsetof(StoreMergeCounts, attempts)},
};

/* Not merged row by row: the settings are this kiosk's own; packs go
 * whole (merge_packs). A participant's code stays on the kiosk where the
 * instructor gave it, as the PIN does: it guards that kiosk's sign-in, not
 * a result; its wrong tries are that kiosk's keypad's; and a hash from a
 * stick is untrusted, its cost read from the hash itself, so a forged one
 * could make every sign-in here slow. A participant merged in comes
 * without a code, which the instructor gives here if wanted. */
static const char *const merge_skipped[] = {"setting", "pack", "pack_file", "question",
                                            "participant_code"};

bool store_merge_knows_table(const char *name)
{
    for (size_t i = 0; i < MB_COUNT(merge_tables); i++)
        if (!strcmp(name, merge_tables[i].table))
            return true;
    for (size_t i = 0; i < MB_COUNT(merge_skipped); i++)
        if (!strcmp(name, merge_skipped[i]))
            return true;
    return !strncmp(name, "sqlite_", 7);
}

/* ---------------- checking and copying a source ---------------- */

static int source_fail(Store *s, StoreMergeSource *src, StoreSourceProblem p, const char *fmt,
                       const char *path, const char *detail)
{
    src->problem = p;
    return store_fail(s, MB_ERR_PARSE, fmt, path, detail);
}

/* Reads what the source is, on a read-only connection. */
static int source_identify(Store *s, sqlite3 *db, const char *path, StoreMergeSource *src)
{
    sqlite3_stmt *st = NULL;
    int tables = -1;
    if (sqlite3_prepare_v2(db,
                           "SELECT (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                           "name IN ('participant', 'attempt', 'setting')), "
                           "(SELECT user_version FROM pragma_user_version)",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        tables = sqlite3_column_int(st, 0);
        src->version = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    if (tables != 3 || src->version < 1)
        return source_fail(s, src, STORE_SOURCE_NOT_MINGBAI, "%s is not a Mingbai database%s",
                           path, "");
    if (src->version > src->known) {
        src->problem = STORE_SOURCE_NEWER;
        return store_fail(s, MB_ERR_PARSE,
                          "%s has schema version %d, newer than this Mingbai knows (%d): merge "
                          "it with a newer Mingbai",
                          path, src->version, src->known);
    }
    return MB_OK;
}

/* Opens path read-only and checks it; *out (may be NULL: closed) is the
 * connection. */
static int source_open(Store *s, const char *path, StoreMergeSource *src, sqlite3 **out)
{
    if (out)
        *out = NULL;
    memset(src, 0, sizeof *src);
    src->known = store_schema_latest();
    struct stat a, b;
    if (stat(path, &a))
        return source_fail(s, src, STORE_SOURCE_UNREADABLE, "cannot read %s: %s", path,
                           strerror(errno));
    if (!S_ISREG(a.st_mode))
        return source_fail(s, src, STORE_SOURCE_NOT_MINGBAI, "%s is not a Mingbai database%s",
                           path, "");
    if (!stat(s->path, &b) && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return source_fail(s, src, STORE_SOURCE_SAME, "%s is the database merged into%s", path,
                           "");
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        int rc = source_fail(s, src, STORE_SOURCE_UNREADABLE, "cannot read %s: %s", path,
                             db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return rc;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    sqlite3_exec(db, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
    int rc = source_identify(s, db, path, src);
    if (rc || !out)
        sqlite3_close(db);
    else
        *out = db;
    return rc;
}

int store_merge_check(Store *s, const char *path, StoreMergeSource *src)
{
    StoreMergeSource own;
    return source_open(s, path, src ? src : &own, NULL);
}

/* Copies the source to tmp and brings the copy to this schema. */
static int source_copy(Store *s, sqlite3 *db, const char *path, const char *tmp,
                       StoreMergeSource *src)
{
    store_remove_files(tmp);
    sqlite3 *to = NULL;
    int rc = MB_OK;
    if (sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        rc = store_fail(s, MB_ERR_IO, "cannot make a copy of %s beside the database", path);
    sqlite3_backup *b = rc ? NULL : sqlite3_backup_init(to, "main", db, "main");
    if (!rc && (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE))
        rc = store_fail(s, MB_ERR_IO, "cannot copy %s: %s", path, sqlite3_errmsg(to));
    if (b)
        sqlite3_backup_finish(b);
    sqlite3_close(to);
    if (rc)
        return rc;
    Store *copy = NULL;
    if (store_open(tmp, &copy)) {
        src->problem = STORE_SOURCE_DAMAGED;
        return store_fail(s, MB_ERR_PARSE, "%s failed its check: restore it from a backup",
                          path);
    }
    store_close(copy);
    return MB_OK;
}

/* ---------------- the SQL of one table ---------------- */

static void merge_quote(StrBuf *b, const char *name)
{
    strbuf_putc(b, '"');
    for (; *name; name++) {
        if (*name == '"')
            strbuf_putc(b, '"');
        strbuf_putc(b, *name);
    }
    strbuf_putc(b, '"');
}

/* The map that translates column's ids, or -1 when it holds none. */
static int merge_ref(const char *column)
{
    for (size_t i = 0; i < MB_COUNT(merge_refs); i++)
        if (!strcmp(column, merge_refs[i].column))
            return (int)i;
    return -1;
}

/* What the source gives for a column: its value, or its id translated. */
static void merge_value(StrBuf *b, const char *column)
{
    int r = merge_ref(column);
    if (r >= 0) {
        strbuf_printf(b, "m%d.dst", r);
    } else {
        strbuf_puts(b, "s.");
        merge_quote(b, column);
    }
}

/* The columns of a table here, without id when it is local. */
static int merge_columns(Store *s, const MergeTable *t, char ***cols, size_t *n)
{
    sqlite3_stmt *st = NULL;
    *cols = NULL;
    *n = 0;
    int rc = store_prepare(s, "SELECT name FROM pragma_table_info(?1, 'main') ORDER BY cid", &st);
    if (rc)
        return rc;
    store_bind_text(st, 1, t->table);
    size_t cap = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(st, 0);
        if (!c || (t->local_id && !strcmp(c, "id")))
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *cols = mb_xrealloc(*cols, cap * sizeof **cols);
        }
        (*cols)[(*n)++] = mb_xstrdup(c);
    }
    sqlite3_finalize(st);
    return MB_OK;
}

/* INSERT [OR REPLACE] INTO main.T(cols) SELECT values FROM src.T s
 * JOIN maps WHERE NOT EXISTS (a row here with the key that stays). */
static void merge_sql(StrBuf *b, const MergeTable *t, char **cols, size_t n)
{
    strbuf_puts(b, t->newer ? "INSERT OR REPLACE INTO main." : "INSERT INTO main.");
    merge_quote(b, t->table);
    strbuf_putc(b, '(');
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_puts(b, ", ");
        merge_quote(b, cols[i]);
    }
    strbuf_puts(b, ") SELECT ");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_puts(b, ", ");
        merge_value(b, cols[i]);
    }
    strbuf_puts(b, " FROM src.");
    merge_quote(b, t->table);
    strbuf_puts(b, " s");
    for (size_t i = 0; i < n; i++) {
        int r = merge_ref(cols[i]);
        if (r >= 0)
            /* LEFT: an answer given in no session keeps its NULL */
            strbuf_printf(b, " LEFT JOIN temp.merge_%s m%d ON m%d.src = s.%s",
                          merge_refs[r].table, r, r, cols[i]);
    }
    strbuf_puts(b, " WHERE NOT EXISTS (SELECT 1 FROM main.");
    merge_quote(b, t->table);
    strbuf_puts(b, " t WHERE ");
    for (size_t k = 0; k < MERGE_KEYS && t->key[k]; k++) {
        strbuf_puts(b, k ? " AND t." : "t.");
        merge_quote(b, t->key[k]);
        strbuf_puts(b, " = ");
        merge_value(b, t->key[k]);
    }
    if (t->newer)
        strbuf_printf(b, " AND NOT (%s)", t->newer);
    strbuf_puts(b, ")");
}

/* temp.merge_T(src, dst): the source's ids of T and ours, by key. */
static void merge_map_sql(StrBuf *b, const MergeTable *t)
{
    strbuf_printf(b,
                  "DROP TABLE IF EXISTS temp.merge_%s;"
                  "CREATE TEMP TABLE merge_%s(src INTEGER PRIMARY KEY, dst INTEGER NOT NULL);"
                  "INSERT INTO temp.merge_%s SELECT s.id, t.id FROM src.",
                  t->table, t->table, t->table);
    merge_quote(b, t->table);
    strbuf_puts(b, " s JOIN main.");
    merge_quote(b, t->table);
    strbuf_puts(b, " t ON ");
    for (size_t k = 0; k < MERGE_KEYS && t->key[k]; k++) {
        strbuf_puts(b, k ? " AND t." : "t.");
        merge_quote(b, t->key[k]);
        strbuf_puts(b, " = s.");
        merge_quote(b, t->key[k]);
    }
    strbuf_putc(b, ';');
}

static int merge_exec(Store *s, const char *sql, const char *what)
{
    s->statements++;
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_db(s, what);
    return MB_OK;
}

static bool merge_is_referenced(const MergeTable *t)
{
    for (size_t i = 0; i < MB_COUNT(merge_refs); i++)
        if (!strcmp(merge_refs[i].table, t->table))
            return true;
    return false;
}

static int merge_table(Store *s, const MergeTable *t, StoreMergeCounts *c)
{
    char **cols;
    size_t n;
    int rc = merge_columns(s, t, &cols, &n);
    StrBuf sql = {0};
    if (!rc) {
        merge_sql(&sql, t, cols, n);
        rc = merge_exec(s, sql.data, t->table);
    }
    if (!rc)
        *(int64_t *)((char *)c + t->count) += sqlite3_changes(s->db);
    if (!rc && t->after)
        rc = merge_exec(s, t->after, t->table);
    if (!rc && t->local_id && merge_is_referenced(t)) {
        strbuf_free(&sql);
        merge_map_sql(&sql, t);
        rc = merge_exec(s, sql.data, t->table);
    }
    for (size_t i = 0; i < n; i++)
        free(cols[i]);
    free(cols);
    strbuf_free(&sql);
    return rc;
}

/* ---------------- packs ---------------- */

static void merge_version_cmp(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *a = (const char *)sqlite3_value_text(argv[0]);
    const char *b = (const char *)sqlite3_value_text(argv[1]);
    sqlite3_result_int(ctx, pack_version_cmp(a ? a : "", b ? b : ""));
}

/* Copies table's rows of the packs in temp.merge_pack. */
static int merge_pack_rows(Store *s, const char *table, const char *id_col)
{
    MergeTable t = {.table = table};
    char **cols;
    size_t n;
    int rc = merge_columns(s, &t, &cols, &n);
    StrBuf sql = {0};
    strbuf_printf(&sql, "INSERT INTO main.%s(", table);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_puts(&sql, ", ");
        merge_quote(&sql, cols[i]);
    }
    strbuf_puts(&sql, ") SELECT ");
    for (size_t i = 0; i < n; i++) {
        if (i)
            strbuf_puts(&sql, ", ");
        merge_quote(&sql, cols[i]);
    }
    strbuf_printf(&sql, " FROM src.%s WHERE %s IN (SELECT id FROM temp.merge_pack)", table,
                  id_col);
    if (!rc)
        rc = merge_exec(s, sql.data, "copying packs");
    for (size_t i = 0; i < n; i++)
        free(cols[i]);
    free(cols);
    strbuf_free(&sql);
    return rc;
}

static int merge_packs(Store *s, StoreMergeCounts *c)
{
    int rc = merge_exec(
        s,
        "DROP TABLE IF EXISTS temp.merge_pack;"
        "CREATE TEMP TABLE merge_pack(id TEXT PRIMARY KEY);"
        "INSERT INTO temp.merge_pack SELECT s.id FROM src.pack s LEFT JOIN main.pack t "
        "ON t.id = s.id WHERE t.id IS NULL OR mingbai_version_cmp(s.version, t.version) > 0;"
        "DELETE FROM main.question WHERE pack_id IN (SELECT id FROM temp.merge_pack);"
        "DELETE FROM main.pack_file WHERE pack_id IN (SELECT id FROM temp.merge_pack);"
        "DELETE FROM main.pack WHERE id IN (SELECT id FROM temp.merge_pack);",
        "choosing packs");
    if (!rc)
        rc = merge_pack_rows(s, "pack", "id");
    if (!rc)
        c->packs += sqlite3_changes(s->db);
    if (!rc)
        rc = merge_pack_rows(s, "pack_file", "pack_id");
    if (!rc)
        rc = merge_pack_rows(s, "question", "pack_id");
    return rc;
}

/* ---------------- the merge ---------------- */

static int merge_attached(Store *s, StoreMergeCounts *c)
{
    int rc = store_tx_begin(s);
    if (!rc)
        rc = merge_packs(s, c);
    for (size_t i = 0; !rc && i < MB_COUNT(merge_tables); i++)
        rc = merge_table(s, &merge_tables[i], c);
    if (!rc)
        rc = store_tx_commit(s);
    if (rc)
        store_tx_rollback(s);
    return rc;
}

int store_merge(Store *s, const char *path, StoreMergeSource *src, StoreMergeCounts *counts)
{
    StoreMergeSource own;
    StoreMergeCounts c = {0};
    if (!src)
        src = &own;
    if (counts)
        memset(counts, 0, sizeof *counts);
    sqlite3 *db = NULL;
    int rc = source_open(s, path, src, &db);
    if (rc)
        return rc;
    char *tmp = mb_xasprintf("%s.merge-%ld", s->path, (long)getpid());
    rc = source_copy(s, db, path, tmp, src);
    sqlite3_close(db);
    sqlite3_stmt *st = NULL;
    /* pack versions compare as numbers ("1.10" after "1.9") */
    if (!rc && sqlite3_create_function_v2(s->db, "mingbai_version_cmp", 2,
                                          SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
                                          merge_version_cmp, NULL, NULL, NULL) != SQLITE_OK)
        rc = store_fail_db(s, "preparing the merge");
    if (!rc)
        rc = store_prepare(s, "ATTACH ?1 AS src", &st);
    if (!rc) {
        store_bind_text(st, 1, tmp);
        bool attached = sqlite3_step(st) == SQLITE_DONE;
        sqlite3_finalize(st);
        if (!attached)
            rc = store_fail_db(s, "opening the copy");
        else
            rc = merge_attached(s, &c);
        if (attached)
            sqlite3_exec(s->db, "DETACH src", NULL, NULL, NULL);
    }
    store_remove_files(tmp);
    free(tmp);
    if (!rc && counts)
        *counts = c;
    return rc;
}
