/* Backups and checkpoints. A plain copy of the database file taken while
 * the kiosk runs (or after it was killed) misses every answer still in the
 * -wal file; a backup here goes through SQLite (VACUUM INTO), so it holds
 * what the connection sees, log included, and is written to a temporary
 * name and renamed, so a backup path never holds a torn file. Automatic
 * backups (after a session, before an import) are numbered in one folder
 * and the oldest beyond a count are removed. The folder and names are the
 * instructor's or ours; a file there that does not look like one of our
 * backups is never touched. */
#include "store_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How long a checkpoint waits for another program's reading to end. */
#define STORE_CHECKPOINT_WAIT_MS 1000

static void store_fsync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

void store_remove_files(const char *path)
{
    const char *ext[] = {"", "-wal", "-shm", "-journal", "-walid"};
    for (size_t i = 0; i < MB_COUNT(ext); i++) {
        char *p = mb_xasprintf("%s%s", path, ext[i]);
        unlink(p);
        free(p);
    }
}

int store_backup(Store *s, const char *path)
{
    struct stat a, b;
    if (!stat(path, &a) && !stat(s->path, &b) && a.st_dev == b.st_dev && a.st_ino == b.st_ino)
        return store_fail(s, MB_ERR_EXISTS, "%s is the database itself", path);
    char *tmp = mb_xasprintf("%s.tmp-%ld", path, (long)getpid());
    sqlite3_stmt *st = NULL;
    int rc = store_mkdirs_for(s, path);
    if (rc)
        goto done;
    unlink(tmp); /* VACUUM INTO refuses a file left by an earlier crash */
    rc = store_prepare(s, "VACUUM INTO ?1", &st);
    if (rc)
        goto done;
    store_bind_text(st, 1, tmp);
    if (sqlite3_step(st) != SQLITE_DONE) {
        rc = store_fail_db(s, "writing a backup");
        goto done;
    }
    store_fsync_path(tmp, O_RDONLY);
    if (rename(tmp, path)) {
        rc = store_fail(s, MB_ERR_IO, "cannot write the backup %s: %s", path, strerror(errno));
        goto done;
    }
    const char *slash = strrchr(path, '/');
    char *dir = slash ? mb_xstrndup(path, (size_t)(slash - path) + (slash == path)) : NULL;
    store_fsync_path(dir ? dir : ".", O_RDONLY | O_DIRECTORY);
    free(dir);
done:
    sqlite3_finalize(st);
    if (rc)
        unlink(tmp);
    free(tmp);
    return rc;
}

int store_backup_verify(Store *s, const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    StrBuf problems = {0};
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "PRAGMA integrity_check(5)", -1, &st, NULL) != SQLITE_OK) {
        strbuf_puts(&problems, db ? sqlite3_errmsg(db) : "out of memory");
    } else {
        int step;
        while ((step = sqlite3_step(st)) == SQLITE_ROW) {
            const char *t = (const char *)sqlite3_column_text(st, 0);
            if (t && strcmp(t, "ok"))
                strbuf_printf(&problems, "%s%s", problems.len ? "; " : "", t);
        }
        if (step != SQLITE_DONE && !problems.len)
            strbuf_puts(&problems, sqlite3_errmsg(db));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    int rc = problems.len ? store_fail(s, MB_ERR_DB, "the backup %s fails its check: %s", path,
                                       problems.data)
                          : MB_OK;
    strbuf_free(&problems);
    return rc;
}

char *store_backup_dir(Store *s)
{
    const char *slash = strrchr(s->path, '/');
    if (!slash)
        return mb_xstrdup("backups");
    return mb_xasprintf("%.*s/backups", (int)(slash - s->path), s->path);
}

/* The number of an automatic backup's name, "mingbai-000012-...db", or -1
 * for any other name. */
static long backup_number(const char *name)
{
    size_t n = strlen(name);
    if (strncmp(name, "mingbai-", 8) || n < 8 + 6 + 1 + 3 || strcmp(name + n - 3, ".db"))
        return -1;
    long v = 0;
    for (int i = 8; i < 8 + 6; i++) {
        if (name[i] < '0' || name[i] > '9')
            return -1;
        v = v * 10 + (name[i] - '0');
    }
    return name[8 + 6] == '-' ? v : -1;
}

static int backup_entry_cmp(const void *a, const void *b)
{
    long x = ((const StoreBackupEntry *)a)->number, y = ((const StoreBackupEntry *)b)->number;
    return x < y ? -1 : x > y;
}

StoreBackupEntry *store_backup_list(const char *dir, size_t *n)
{
    StoreBackupEntry *list = NULL;
    size_t cap = 0;
    *n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        long num = backup_number(e->d_name);
        if (num < 0)
            continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            list = mb_xrealloc(list, cap * sizeof *list);
        }
        list[*n].number = num;
        list[(*n)++].name = mb_xstrdup(e->d_name);
    }
    if (d)
        closedir(d);
    if (*n)
        qsort(list, *n, sizeof *list, backup_entry_cmp);
    return list;
}

static bool backup_reason_ok(const char *reason)
{
    size_t n = reason ? strlen(reason) : 0;
    if (n < 1 || n > 24)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((reason[i] >= 'a' && reason[i] <= 'z') || (reason[i] >= '0' && reason[i] <= '9') ||
              reason[i] == '-'))
            return false;
    return true;
}

static char *backup_name(long number, const char *reason)
{
    time_t t = (time_t)(mb_now_ms() / 1000);
    struct tm tm;
    char when[32] = "00000000T000000Z";
    if (gmtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y%m%dT%H%M%SZ", &tm);
    return mb_xasprintf("mingbai-%06ld-%s-%s.db", number % 1000000, when, reason);
}

int store_backup_auto(Store *s, const char *dir, const char *reason, int keep, char **path_out)
{
    if (path_out)
        *path_out = NULL;
    if (!backup_reason_ok(reason))
        return store_fail(s, MB_ERR_PARSE, "a backup's reason is a short word of a-z, 0-9 and -");
    char *own = dir ? NULL : store_backup_dir(s);
    const char *folder = dir ? dir : own;
    size_t n;
    StoreBackupEntry *list = store_backup_list(folder, &n);
    char *name = backup_name(n ? list[n - 1].number + 1 : 1, reason);
    char *path = mb_xasprintf("%s/%s", folder, name);
    int rc = store_backup(s, path);
    /* The new one counts among those kept; older ones go, oldest first. */
    size_t keep_n = keep < 1 ? 1 : (size_t)keep;
    size_t drop = !rc && n + 1 > keep_n ? n + 1 - keep_n : 0;
    for (size_t i = 0; i < drop; i++) {
        char *old = mb_xasprintf("%s/%s", folder, list[i].name);
        if (unlink(old) && errno != ENOENT)
            mb_log(LOG_WARN, "cannot remove the old backup %s: %s", old, strerror(errno));
        free(old);
    }
    for (size_t i = 0; i < n; i++)
        free(list[i].name);
    free(list);
    if (!rc && path_out)
        *path_out = path;
    else
        free(path);
    free(name);
    free(own);
    return rc;
}

int store_checkpoint(Store *s)
{
    int log = -1, done = -1;
    sqlite3_busy_timeout(s->db, STORE_CHECKPOINT_WAIT_MS);
    int r = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    sqlite3_busy_timeout(s->db, STORE_BUSY_TIMEOUT_MS);
    if (r == SQLITE_BUSY || r == SQLITE_LOCKED)
        return store_fail(s, MB_ERR,
                          "another program has the database open, so its write-ahead log could "
                          "not be emptied; nothing is lost, the log stays valid");
    if (r != SQLITE_OK)
        return store_fail_db(s, "checkpointing the write-ahead log");
    return MB_OK;
}
