/* What the store's files share: the Store itself and small helpers around
 * sqlite3 that keep every failure to one status and one message. Private to
 * kiosk/store; nothing outside sees sqlite3.h. */
#ifndef MINGBAI_STORE_INTERNAL_H
#define MINGBAI_STORE_INTERNAL_H

#include "mingbai/store.h"

#include <sqlite3.h>

/* A concurrent writer (an export run from the command line while the kiosk
 * is up) holds the lock for well under this. */
#define STORE_BUSY_TIMEOUT_MS 5000

struct Store {
    sqlite3 *db;
    char *path;
    char kiosk_id[40];
    char errmsg[512];
    bool logged; /* errmsg is already in the log */
    bool ready;  /* opened, checked and migrated: closing checkpoints it */
    bool defer_check;    /* store_open_unchecked(): quick_check left for store_check() */
    bool unchecked;      /* it was left, and not yet run: the connection is query_only */
    bool opened;         /* the open is done (s was given to the caller) */
    uint64_t statements; /* prepared so far (store_statement_count) */
    int migrate_to;      /* 0: the newest schema; else stop there (tests) */
    StoreProblem problem; /* what the failure at open was, when known */
    bool wal_frames;      /* at open, a -wal with frames was to be applied */
    char *wal_aside;      /* where a -wal not its own was moved at open, or NULL */
};

/* One of our automatic backups in a folder ("mingbai-NNNNNN-...db"). */
typedef struct {
    long number;
    char *name;
} StoreBackupEntry;
/* Our backups in dir, oldest first: a new array of *n entries whose names
 * the caller frees, then the array (NULL when none). */
StoreBackupEntry *store_backup_list(const char *dir, size_t *n);

/* At open (store_health.c): writes a probe file into the database's folder
 * (a read-only folder, a full disk); checks that the database file can be
 * written; checks that a -wal with frames can be this database's log (sets
 * *has_frames). Each returns MB_OK or fails with s->problem set. */
int store_probe_folder(Store *s);
int store_probe_file(Store *s);
int store_check_wal(Store *s, bool *has_frames);
/* The file's check at open (store_health.c): quick_check (integrity_check
 * when a log is to be applied), or, for store_open_unchecked(), nothing yet:
 * s->unchecked and the connection query_only until store_check(). */
int store_check_at_open(Store *s);

/* The VFS the kiosk opens its database with (store_walid.c): the default
 * VFS at the time, with the salts of every -wal header it writes recorded
 * in "<db>-walid" first. NULL when it cannot be made (then the default). */
const char *store_walid_vfs(void);
/* The salts recorded beside db_path: salts[0] those of the header before
 * the last one written, salts[1] the last. False when there is no record
 * (a database an older kiosk made). */
bool store_walid_read(const char *db_path, unsigned char salts[2][8]);

/* store_open() that migrates only up to schema version (0: the newest), for
 * tests that make a database as an older kiosk left it. */
int store_open_at(const char *path, int version, Store **out);

/* Sets the Store's message (printf-style) and returns status. */
int store_fail(Store *s, int status, const char *fmt, ...) MB_PRINTF(3, 4);
/* Sets the message to "what: <sqlite's message>" and returns MB_ERR_DB. */
int store_fail_db(Store *s, const char *what);

int store_prepare(Store *s, const char *sql, sqlite3_stmt **st);
/* Binds s (NULL binds SQL NULL); the string must outlive the statement's use. */
void store_bind_text(sqlite3_stmt *st, int i, const char *s);
/* A new copy of a text column, or NULL for SQL NULL. */
char *store_column_strdup(sqlite3_stmt *st, int i);

/* Write transactions start IMMEDIATE so that the write lock is taken (or
 * waited for, up to busy_timeout) before any work, never half way through. */
int store_tx_begin(Store *s);
int store_tx_begin_read(Store *s);
int store_tx_commit(Store *s);
/* Rolls back when a transaction is open; keeps the Store's message. */
void store_tx_rollback(Store *s);

/* The schema version this Mingbai migrates a database to. */
int store_schema_latest(void);
/* Whether the results merge (store_merge.c) copies or deliberately skips
 * the table: a table a migration adds must be named there. */
bool store_merge_knows_table(const char *name);

/* Milliseconds still to wait at now_ms after failures wrong tries in a row
 * (store_pin_delay_s), the next try allowed at *wait_until_ms (wall clock):
 * a deadline further away than the count allows (the clock went back) is
 * brought in, and *changed set so that the caller writes it. Shared by the
 * PIN (store_pin.c) and the participants' codes (store_code.c). */
int64_t store_wait_left(int failures, int64_t *wait_until_ms, int64_t now_ms, bool *changed);

/* Creates the folder that will hold path (and its parents). */
int store_mkdirs_for(Store *s, const char *path);

/* Fills buf with random bytes from /dev/urandom (SQLite's generator when the
 * device cannot be read, so an answer is never lost for want of entropy). */
void store_random_bytes(void *buf, size_t n);
/* A random (version 4) UUID: an answer's xAPI statement id, fixed when the
 * answer is stored so that exporting twice gives the same ids; a session's
 * registration. */
void store_uuid_v4(char out[37]);
/* Writes n random bytes as lower-case hex into out (2n + 1 bytes). */
void store_random_hex(char *out, size_t n);

#endif
