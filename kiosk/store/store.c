/* The store's connection: opening and hardening the database file, the
 * forward-only schema migrations counted by PRAGMA user_version, settings,
 * backups, and the helpers the other store files share. The file is
 * trusted to be ours but not to be intact (it can be pulled out of the board,
 * edited, or half-written by a power cut): it is checked at open, and a
 * damaged or newer file is refused and left untouched for the instructor.
 * Packs are in store_pack.c; participants, answers and progress in
 * store_progress.c; a quiz left half way in store_round.c; seminar
 * sessions in store_session.c; deleting a participant in store_forget.c;
 * the typed settings in store_settings.c; the PIN in store_pin.c; a
 * participant's code in store_code.c; backups in store_backup.c; merging
 * kiosks in store_merge.c. */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Each entry takes the schema from version i to i + 1 and never changes once
 * shipped: a new column or table is a new entry at the end. Answers and
 * review entries name packs and questions by value, not by foreign key, so
 * replacing or removing a pack keeps every result. */
static const char *const store_migrations[] = {
    /* 1: the first schema */
    "CREATE TABLE pack("
    "  id TEXT PRIMARY KEY NOT NULL,"
    "  version TEXT NOT NULL,"
    "  format INTEGER NOT NULL,"
    "  title_en TEXT, title_zh TEXT, licence TEXT, author TEXT,"
    "  imported_ms INTEGER NOT NULL,"
    "  units INTEGER NOT NULL,"
    "  questions INTEGER NOT NULL);"
    "CREATE TABLE pack_file("
    "  pack_id TEXT NOT NULL REFERENCES pack(id) ON DELETE CASCADE,"
    "  path TEXT NOT NULL,"
    "  data BLOB NOT NULL,"
    "  PRIMARY KEY(pack_id, path));"
    "CREATE TABLE question("
    "  pack_id TEXT NOT NULL REFERENCES pack(id) ON DELETE CASCADE,"
    "  unit TEXT NOT NULL,"
    "  question_id TEXT NOT NULL,"
    "  lang TEXT NOT NULL,"
    "  type TEXT NOT NULL,"
    "  ord INTEGER NOT NULL,"
    "  PRIMARY KEY(pack_id, question_id, lang));"
    "CREATE TABLE participant("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  pseudo TEXT NOT NULL UNIQUE,"
    "  guest INTEGER NOT NULL DEFAULT 0,"
    "  created_ms INTEGER NOT NULL);"
    "CREATE TABLE attempt("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  participant INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,"
    "  pack_id TEXT NOT NULL,"
    "  pack_version TEXT NOT NULL,"
    "  unit TEXT NOT NULL,"
    "  question_id TEXT NOT NULL,"
    "  type TEXT NOT NULL,"
    "  lang TEXT NOT NULL,"
    "  response TEXT NOT NULL,"
    "  score REAL NOT NULL,"
    "  max REAL NOT NULL,"
    "  correct INTEGER NOT NULL,"
    "  review INTEGER NOT NULL,"
    "  started_ms INTEGER NOT NULL,"
    "  answered_ms INTEGER NOT NULL,"
    "  kiosk_id TEXT NOT NULL);"
    "CREATE INDEX attempt_by_question ON attempt(participant, pack_id, question_id, answered_ms);"
    "CREATE INDEX attempt_by_unit ON attempt(participant, pack_id, unit);"
    "CREATE TABLE review("
    "  participant INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,"
    "  pack_id TEXT NOT NULL,"
    "  question_id TEXT NOT NULL,"
    "  unit TEXT NOT NULL,"
    "  box INTEGER NOT NULL,"
    "  due_ms INTEGER NOT NULL,"
    "  PRIMARY KEY(participant, pack_id, question_id));"
    "CREATE INDEX review_by_due ON review(participant, due_ms);"
    "CREATE TABLE unit_position("
    "  participant INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,"
    "  pack_id TEXT NOT NULL,"
    "  unit TEXT NOT NULL,"
    "  position INTEGER NOT NULL,"
    "  updated_ms INTEGER NOT NULL,"
    "  PRIMARY KEY(participant, pack_id, unit));"
    "CREATE TABLE resume("
    "  participant INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,"
    "  pack_id TEXT NOT NULL,"
    "  unit TEXT NOT NULL,"
    "  screen INTEGER NOT NULL,"
    "  position INTEGER NOT NULL,"
    "  lang TEXT NOT NULL,"
    "  updated_ms INTEGER NOT NULL,"
    "  PRIMARY KEY(participant, pack_id));"
    "CREATE TABLE setting("
    "  key TEXT PRIMARY KEY NOT NULL,"
    "  value TEXT NOT NULL);",
    /* 2: the order the answers were shown in (the seed that shuffled them)
     * and the positions chosen, as the participant saw them; 0 and '' for
     * answers given before */
    "ALTER TABLE attempt ADD COLUMN order_seed INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE attempt ADD COLUMN positions TEXT NOT NULL DEFAULT '';",
    /* 3: how far a unit was read: where the reader was left as a share of
     * the unit (-1: not known, for positions kept before) and whether its
     * end was ever reached */
    "ALTER TABLE unit_position ADD COLUMN percent INTEGER NOT NULL DEFAULT -1;"
    "ALTER TABLE unit_position ADD COLUMN finished INTEGER NOT NULL DEFAULT 0;",
    /* 4: a unit's quiz left half way: the seed of its round and the
     * language it started in, so that the round can be made again and its
     * answers (in attempt, found by their order seeds) given again */
    "CREATE TABLE quiz_progress("
    "  participant INTEGER NOT NULL REFERENCES participant(id) ON DELETE CASCADE,"
    "  pack_id TEXT NOT NULL,"
    "  unit TEXT NOT NULL,"
    "  seed INTEGER NOT NULL,"
    "  lang TEXT NOT NULL,"
    "  updated_ms INTEGER NOT NULL,"
    "  PRIMARY KEY(participant, pack_id, unit));",
    /* 5: seminar sessions (store_session.c): what a session covers and
     * shows, who started it where; every answer stamped with the session
     * open when it was given (NULL for answers given before: they belong to
     * no session), and the chosen answers as indexes into the bank (the
     * GIFT file's order), which the screen's positions and the order seed
     * only give with the pack version that was shown; '' for answers given
     * before and for typed answers */
    "CREATE TABLE session("
    "  id INTEGER PRIMARY KEY,"
    "  uuid TEXT NOT NULL UNIQUE,"
    "  title TEXT NOT NULL,"
    "  started_ms INTEGER NOT NULL,"
    "  ended_ms INTEGER,"
    "  kiosk_id TEXT NOT NULL);"
    "CREATE UNIQUE INDEX session_one_open ON session(kiosk_id) WHERE ended_ms IS NULL;"
    "CREATE TABLE session_unit("
    "  session INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,"
    "  pack_id TEXT NOT NULL,"
    "  unit TEXT NOT NULL,"
    "  ord INTEGER NOT NULL,"
    "  PRIMARY KEY(session, pack_id, unit));"
    "CREATE TABLE session_pack("
    "  session INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,"
    "  pack_id TEXT NOT NULL,"
    "  ord INTEGER NOT NULL,"
    "  PRIMARY KEY(session, pack_id));"
    "ALTER TABLE attempt ADD COLUMN session INTEGER REFERENCES session(id);"
    "ALTER TABLE attempt ADD COLUMN answers TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX attempt_by_session ON attempt(session, answered_ms);",
    /* 6: a pack the instructor hid from participants (the shipped course
     * too); kept when a newer version replaces it */
    "ALTER TABLE pack ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;",
    /* 7: a participant's code (store_code.c): its salted hash, the wrong
     * tries in a row and when the next try is allowed; no row: no code */
    "CREATE TABLE participant_code("
    "  participant INTEGER PRIMARY KEY REFERENCES participant(id) ON DELETE CASCADE,"
    "  hash TEXT NOT NULL,"
    "  failures INTEGER NOT NULL DEFAULT 0,"
    "  wait_until_ms INTEGER NOT NULL DEFAULT 0);",
};

#define STORE_SCHEMA_VERSION ((int)MB_COUNT(store_migrations))

int store_schema_latest(void)
{
    return STORE_SCHEMA_VERSION;
}


/* ---------------- helpers shared by the store files ---------------- */

int store_fail(Store *s, int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
    s->logged = false;
    return status;
}

int store_fail_db(Store *s, const char *what)
{
    int rc = store_fail(s, MB_ERR_DB, "%s: %s", what, s->db ? sqlite3_errmsg(s->db) : "no database");
    /* A database error is never expected: log it where it happens, so the
     * log has it even when the caller only shows a short message. */
    mb_log(LOG_ERROR, "database %s: %s", s->path, s->errmsg);
    s->logged = true;
    return rc;
}

int store_prepare(Store *s, const char *sql, sqlite3_stmt **st)
{
    *st = NULL;
    s->statements++;
    if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
        return store_fail_db(s, "preparing a statement");
    return MB_OK;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *str)
{
    if (str)
        sqlite3_bind_text(st, i, str, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

char *store_column_strdup(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    if (!t)
        return NULL;
    return mb_xstrndup((const char *)t, (size_t)sqlite3_column_bytes(st, i));
}

static int store_exec(Store *s, const char *sql, const char *what)
{
    s->statements++;
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_db(s, what);
    return MB_OK;
}

int store_tx_begin(Store *s)
{
    return store_exec(s, "BEGIN IMMEDIATE", "starting a transaction");
}

int store_tx_begin_read(Store *s)
{
    return store_exec(s, "BEGIN", "starting a transaction");
}

int store_tx_commit(Store *s)
{
    return store_exec(s, "COMMIT", "committing");
}

void store_tx_rollback(Store *s)
{
    /* Some errors (a full disk, an I/O error) already rolled back. */
    if (s->db && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

void store_random_bytes(void *buf, size_t n)
{
    unsigned char *p = buf;
    size_t got = 0;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    while (fd >= 0 && got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    if (fd >= 0)
        close(fd);
    if (got < n) {
        mb_log(LOG_WARN, "cannot read /dev/urandom; using SQLite's random generator");
        sqlite3_randomness((int)(n - got), p + got);
    }
}

void store_random_hex(char *out, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char buf[32];
    if (n > sizeof buf)
        n = sizeof buf;
    store_random_bytes(buf, n);
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[buf[i] >> 4];
        out[2 * i + 1] = hex[buf[i] & 15];
    }
    out[2 * n] = 0;
}

void store_uuid_v4(char out[37])
{
    unsigned char b[16];
    store_random_bytes(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
             b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
             b[15]);
}

/* ---------------- open, check, migrate ---------------- */

int store_mkdirs_for(Store *s, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash || slash == path)
        return MB_OK;
    char *dir = mb_xstrndup(path, (size_t)(slash - path));
    int rc = MB_OK;
    if (mb_mkdirs(dir))
        rc = store_fail(s, MB_ERR_IO, "cannot create the folder %s: %s", dir, strerror(errno));
    free(dir);
    return rc;
}

static int store_pragma_int(Store *s, const char *sql, int *out)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st);
    if (rc)
        return rc;
    if (sqlite3_step(st) == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    else
        rc = store_fail_db(s, sql);
    sqlite3_finalize(st);
    return rc;
}

/* Each step runs in its own IMMEDIATE transaction and reads user_version
 * inside it, so two processes opening a new file at once migrate it once. */
static int store_migrate(Store *s)
{
    int rc = MB_OK, target = s->migrate_to ? s->migrate_to : STORE_SCHEMA_VERSION;
    if (s->unchecked) {
        /* Unchecked, it writes nothing (not even BEGIN IMMEDIATE's log): a
         * file at the newest version is left alone; a migration has the
         * check left for later run first. */
        int version = 0;
        rc = store_pragma_int(s, "PRAGMA user_version", &version);
        if (rc || version >= target)
            return rc;
        rc = store_check(s);
        if (rc)
            return rc;
    }
    for (;;) {
        int version = 0;
        rc = store_tx_begin(s);
        if (rc)
            goto done;
        rc = store_pragma_int(s, "PRAGMA user_version", &version);
        if (rc)
            goto done;
        if (version >= target) {
            rc = store_tx_commit(s);
            goto done;
        }
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %d", version + 1);
        if (sqlite3_exec(s->db, store_migrations[version], NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(s->db, bump, NULL, NULL, NULL) != SQLITE_OK) {
            char what[64];
            snprintf(what, sizeof what, "migrating to schema version %d", version + 1);
            rc = store_fail_db(s, what);
            goto done;
        }
        rc = store_tx_commit(s);
        if (rc)
            goto done;
        mb_log(LOG_INFO, "database %s: schema version %d", s->path, version + 1);
    }
done:
    if (rc)
        store_tx_rollback(s);
    return rc;
}

/* The kiosk id goes into every answer so that results merged from several
 * kiosks stay apart; it is made once, at the first open. */
static int store_kiosk_id_load(Store *s)
{
    char *id = store_setting_get(s, "kiosk_id");
    if (!id) {
        if (s->errmsg[0] || store_check(s)) /* it writes: checked first */
            return MB_ERR_DB;
        char fresh[40] = "k-";
        store_random_hex(fresh + 2, 8);
        sqlite3_stmt *st = NULL;
        int rc = store_prepare(
            s, "INSERT INTO setting(key, value) VALUES('kiosk_id', ?1) ON CONFLICT DO NOTHING", &st);
        if (rc)
            return rc;
        store_bind_text(st, 1, fresh);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail_db(s, "saving the kiosk id");
        sqlite3_finalize(st);
        if (rc)
            return rc;
        id = store_setting_get(s, "kiosk_id");
        if (!id)
            return store_fail(s, MB_ERR_DB, "the kiosk id could not be read back");
    }
    snprintf(s->kiosk_id, sizeof s->kiosk_id, "%s", id);
    free(id);
    return MB_OK;
}

static int store_connect(Store *s)
{
    int rc = store_mkdirs_for(s, s->path);
    if (!rc)
        rc = store_probe_folder(s);
    if (!rc)
        rc = store_probe_file(s);
    if (!rc)
        rc = store_check_wal(s, &s->wal_frames);
    if (rc)
        return rc;
    if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        store_walid_vfs()) != SQLITE_OK)
        return store_fail(s, MB_ERR_DB, "cannot open: %s",
                          s->db ? sqlite3_errmsg(s->db) : "out of memory");
    sqlite3_extended_result_codes(s->db, 1);
    /* Until the file is found sound, closing must not fold the -wal into
     * it: a damaged file is kept with its log exactly as they were. */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
    if (sqlite3_db_readonly(s->db, "main") == 1) {
        s->problem = STORE_CANNOT_WRITE;
        return store_fail(s, MB_ERR_IO, "the database file is read-only: nothing was changed");
    }
    sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
    /* The file may have been edited elsewhere: no writable schema, no
     * functions with side effects called from its schema, cells checked. */
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    /* secure_delete: what is deleted is overwritten with zeros, so a
     * participant deleted for real (store_forget.c) leaves no bytes behind;
     * Debian builds SQLite with it on, another build may not. */
    rc = store_exec(s,
                    "PRAGMA trusted_schema = OFF;"
                    "PRAGMA cell_size_check = ON;"
                    "PRAGMA foreign_keys = ON;"
                    "PRAGMA secure_delete = ON;",
                    "setting up the connection");
    if (rc)
        return rc;
    rc = store_check_at_open(s);
    if (rc)
        return rc;
    /* Refuse a newer file before anything below writes to it. */
    int version = 0;
    rc = store_pragma_int(s, "PRAGMA user_version", &version);
    if (rc)
        return rc;
    if (version > STORE_SCHEMA_VERSION) {
        s->problem = STORE_NEWER;
        return store_fail(s, MB_ERR_DB,
                          "the database has schema version %d, newer than this Mingbai %s knows "
                          "(%d); it was left as it is: run a newer Mingbai or restore a backup",
                          version, MB_VERSION, STORE_SCHEMA_VERSION);
    }
    return MB_OK;
}

static int store_open_full(const char *path, int version, bool defer_check, Store **out,
                           StoreProblem *problem, char *msg, size_t n);

/* WAL with synchronous=FULL syncs the log on every commit, so an answer
 * acknowledged on screen survives a power cut (NORMAL may lose it). */
static int store_set_durable(Store *s)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "PRAGMA journal_mode = WAL", &st);
    if (rc)
        return rc;
    if (sqlite3_step(st) != SQLITE_ROW) {
        rc = store_fail_db(s, "setting journal_mode");
    } else {
        const char *mode = (const char *)sqlite3_column_text(st, 0);
        /* A file system without shared memory keeps the rollback journal,
         * which is as durable with synchronous=FULL, only slower. */
        if (!mode || (strcmp(mode, "wal") && strcmp(mode, "memory")))
            mb_log(LOG_WARN, "database %s: journal_mode is %s, not wal", s->path,
                   mode ? mode : "unknown");
    }
    sqlite3_finalize(st);
    if (rc)
        return rc;
    return store_exec(s, "PRAGMA synchronous = FULL", "setting synchronous");
}

int store_open(const char *path, Store **out)
{
    return store_open_at(path, 0, out);
}

int store_open_at(const char *path, int version, Store **out)
{
    return store_open_full(path, version, false, out, NULL, NULL, 0);
}

int store_open_why(const char *path, Store **out, StoreProblem *problem, char *msg, size_t n)
{
    return store_open_full(path, 0, false, out, problem, msg, n);
}

int store_open_unchecked(const char *path, Store **out, StoreProblem *problem, char *msg, size_t n)
{
    return store_open_full(path, 0, true, out, problem, msg, n);
}

static int store_open_full(const char *path, int version, bool defer_check, Store **out,
                           StoreProblem *problem, char *msg, size_t n)
{
    *out = NULL;
    Store *s = mb_xcalloc(1, sizeof *s);
    s->path = mb_xstrdup(path);
    s->defer_check = defer_check;
    s->migrate_to = version > 0 && version < STORE_SCHEMA_VERSION ? version : 0;
    int rc = store_connect(s);
    if (rc)
        goto done;
    rc = store_set_durable(s);
    if (rc)
        goto done;
    rc = store_migrate(s);
    if (rc)
        goto done;
    rc = store_kiosk_id_load(s);
    if (rc)
        goto done;
    s->errmsg[0] = 0;
    /* Unchecked, it writes nothing and closing leaves the file as it is
     * until store_check() finds it sound. */
    s->ready = !s->unchecked;
    s->opened = true;
    if (s->ready)
        sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, (int *)NULL);
    *out = s;
done:
    if (problem)
        *problem = rc ? store_problem(s) : STORE_FINE;
    if (rc && problem && *problem == STORE_FINE)
        *problem = STORE_CANNOT_WRITE;
    if (msg && n)
        snprintf(msg, n, "%s", rc ? s->errmsg : "");
    if (rc) {
        if (!s->logged)
            mb_log(LOG_ERROR, "database %s: %s", path, s->errmsg);
        store_close(s);
    }
    return rc;
}

void store_release_memory(Store *s)
{
    if (s && s->db)
        sqlite3_db_release_memory(s->db);
}

void store_close(Store *s)
{
    if (!s)
        return;
    /* The log emptied into the file even when another program has the
     * database open (SQLite's own checkpoint at close waits for the last
     * connection): the file alone then holds every answer. A file refused
     * at open is left exactly as it was. */
    if (s->db && s->ready && store_checkpoint(s))
        mb_log(LOG_INFO, "database %s: at close: %s", s->path, s->errmsg);
    if (s->db && sqlite3_close(s->db) != SQLITE_OK)
        mb_log(LOG_ERROR, "database %s: closing: %s", s->path, sqlite3_errmsg(s->db));
    free(s->path);
    free(s->wal_aside);
    free(s);
}

const char *store_errmsg(Store *s)
{
    if (!s)
        return "no database";
    return s->errmsg[0] ? s->errmsg : "no error";
}

uint64_t store_statement_count(Store *s)
{
    return s ? s->statements : 0;
}

int store_schema_version(Store *s)
{
    int version = -1;
    if (store_pragma_int(s, "PRAGMA user_version", &version))
        return -1;
    return version;
}

char *store_default_path(void)
{
    /* XDG says a relative XDG_DATA_HOME is invalid and must be ignored. */
    const char *xdg = getenv("XDG_DATA_HOME");
    if (xdg && xdg[0] == '/')
        return mb_xasprintf("%s/mingbai/mingbai.db", xdg);
    const char *home = getenv("HOME");
    if (!home || !home[0]) {
        struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : NULL;
    }
    if (!home || !home[0])
        return mb_xstrdup("mingbai.db");
    return mb_xasprintf("%s/.local/share/mingbai/mingbai.db", home);
}

/* ---------------- settings ---------------- */

char *store_setting_get(Store *s, const char *key)
{
    sqlite3_stmt *st = NULL;
    char *value = NULL;
    s->errmsg[0] = 0;
    if (store_prepare(s, "SELECT value FROM setting WHERE key = ?1", &st))
        return NULL;
    store_bind_text(st, 1, key);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW)
        value = store_column_strdup(st, 0);
    else if (step != SQLITE_DONE)
        store_fail_db(s, "reading a setting");
    sqlite3_finalize(st);
    return value;
}

int store_setting_set(Store *s, const char *key, const char *value)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           value ? "INSERT INTO setting(key, value) VALUES(?1, ?2) "
                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
                                 : "DELETE FROM setting WHERE key = ?1",
                           &st);
    if (rc)
        return rc;
    store_bind_text(st, 1, key);
    if (value)
        store_bind_text(st, 2, value);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "saving a setting");
    else if (value && !strcmp(key, "kiosk_id"))
        snprintf(s->kiosk_id, sizeof s->kiosk_id, "%s", value);
    sqlite3_finalize(st);
    return rc;
}
