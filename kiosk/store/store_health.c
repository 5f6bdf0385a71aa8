/* Telling at open what is wrong with the database, and recovering a damaged
 * one. "Cannot write here" (a read-only folder or file, another user's
 * file, a lock held by another program, a full disk) is told apart from
 * "the file is damaged" (it fails its check, or it is not a database): only
 * damage is recovered, by moving the file with its -wal and -shm into a
 * dated folder beside it (never deleting anything) and restoring the newest
 * backup that passes its check. A -wal beside it that is not its log (from
 * another database, or from another copy of this one) is moved aside alone,
 * unapplied, and the file kept. Advice given for the other problems never
 * moves or replaces the file, since its -wal may hold answers not yet in it. */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

/* How much a probe writes into the folder: a disk with less room than
 * this cannot take a pack import or a day of answers. */
#define STORE_PROBE_BYTES (256 * 1024)

static StoreProblem store_problem_of_errno(int e)
{
    switch (e) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG: /* no room for the file to grow: a FAT stick's 4 GiB, a size limit */
        return STORE_FULL;
    case EACCES:
    case EPERM:
    case EROFS:
        return STORE_CANNOT_WRITE;
    default:
        return STORE_CANNOT_WRITE;
    }
}

StoreProblem store_problem(Store *s)
{
    if (!s)
        return STORE_CANNOT_WRITE;
    if (s->problem != STORE_FINE)
        return s->problem;
    if (!s->db)
        return STORE_CANNOT_WRITE;
    int code = sqlite3_extended_errcode(s->db), err = sqlite3_system_errno(s->db);
    switch (code & 0xff) {
    case SQLITE_OK:
        return STORE_FINE;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return STORE_LOCKED;
    case SQLITE_FULL:
        return STORE_FULL;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return STORE_DAMAGED;
    case SQLITE_IOERR:
        return err == ENOSPC || err == EDQUOT || err == EFBIG ? STORE_FULL : STORE_CANNOT_WRITE;
    default:
        return err ? store_problem_of_errno(err) : STORE_CANNOT_WRITE;
    }
}

/* Makes, with room for STORE_PROBE_BYTES, and removes a file in the
 * database's folder: a read-only folder (or file system) and a full disk
 * show here, before SQLite says only "unable to open" or "disk I/O error".
 * The room is taken with posix_fallocate, which gets the blocks from the
 * file system at once and says ENOSPC (or EFBIG, over a file size limit)
 * without writing them: no 256 KiB written and flushed to the card at
 * every start (on a file system that cannot allocate ahead, the C library
 * writes the blocks instead). */
int store_probe_folder(Store *s)
{
    const char *slash = strrchr(s->path, '/');
    char *dir = slash ? mb_xstrndup(s->path, (size_t)(slash - s->path) + (slash == s->path))
                      : mb_xstrdup(".");
    char *probe = mb_xasprintf("%s/.mingbai-probe-%ld", dir, (long)getpid());
    int rc = MB_OK, e = 0;
    int fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        e = errno;
    } else {
        do
            e = posix_fallocate(fd, 0, STORE_PROBE_BYTES);
        while (e == EINTR);
        close(fd);
        unlink(probe);
    }
    if (e) {
        s->problem = store_problem_of_errno(e);
        rc = store_fail(s, MB_ERR_IO,
                        s->problem == STORE_FULL
                            ? "the disk holding %s is full (%s): nothing was changed"
                            : "cannot write in the folder %s (%s): nothing was changed",
                        dir, strerror(e));
    }
    free(probe);
    free(dir);
    return rc;
}

/* A database file the kiosk cannot write (another user's, read-only): it
 * would take answers and keep none. */
int store_probe_file(Store *s)
{
    int fd = open(s->path, O_RDWR | O_CLOEXEC);
    if (fd >= 0) {
        close(fd);
        return MB_OK;
    }
    if (errno == ENOENT)
        return MB_OK;
    int e = errno;
    s->problem = STORE_CANNOT_WRITE;
    return store_fail(s, MB_ERR_IO, "cannot write the database file (%s): nothing was changed",
                      strerror(e));
}

static uint32_t get_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Reads n bytes at off; false when the file is shorter. */
static bool read_at(int fd, void *buf, size_t n, off_t off)
{
    return pread(fd, buf, n, off) == (ssize_t)n;
}

/* The checksum of a WAL frame as SQLite computes it (walChecksumBytes),
 * big-endian words for magic 0x377f0683, little-endian for 0x377f0682. */
static void wal_checksum(bool big, const unsigned char *a, size_t n, uint32_t s[2])
{
    for (size_t i = 0; i + 8 <= n; i += 8) {
        uint32_t x0, x1;
        if (big) {
            x0 = get_be32(a + i);
            x1 = get_be32(a + i + 4);
        } else {
            x0 = (uint32_t)a[i] | (uint32_t)a[i + 1] << 8 | (uint32_t)a[i + 2] << 16 |
                 (uint32_t)a[i + 3] << 24;
            x1 = (uint32_t)a[i + 4] | (uint32_t)a[i + 5] << 8 | (uint32_t)a[i + 6] << 16 |
                 (uint32_t)a[i + 7] << 24;
        }
        s[0] += x0 + s[1];
        s[1] += x1 + s[0];
    }
}

/* What the -wal beside the database holds: its page size and whether a
 * whole, valid first frame follows its header (SQLite would apply it). */
typedef struct {
    bool present; /* a header with SQLite's magic and a valid checksum */
    uint32_t page_size;
    bool has_frames;
    unsigned char salts[8];
} WalInfo;

static void wal_read(const char *path, WalInfo *w)
{
    memset(w, 0, sizeof *w);
    char *wal = mb_xasprintf("%s-wal", path);
    int fd = open(wal, O_RDONLY | O_CLOEXEC);
    free(wal);
    if (fd < 0)
        return;
    unsigned char h[32], fh[24];
    uint32_t magic = 0;
    if (read_at(fd, h, sizeof h, 0))
        magic = get_be32(h);
    if (magic == 0x377f0682 || magic == 0x377f0683) {
        bool big = magic & 1;
        uint32_t sum[2] = {0, 0};
        wal_checksum(big, h, 24, sum);
        w->present = sum[0] == get_be32(h + 24) && sum[1] == get_be32(h + 28);
        w->page_size = get_be32(h + 8);
        memcpy(w->salts, h + 16, 8);
        if (w->page_size == 1)
            w->page_size = 65536;
        /* The first frame counts when its salts are the header's. */
        w->has_frames = w->present && read_at(fd, fh, sizeof fh, 32) &&
                        !memcmp(fh + 8, h + 16, 8);
    }
    close(fd);
}

/* Whether a program has path's -shm locked (SQLite holds a lock on it
 * for as long as a connection uses the log): its -wal is then the live log
 * of another program writing the database (the sqlite3 shell, say), not a
 * file copied in. Read from /proc/locks: opening and closing the -shm here
 * would drop this process's own locks on it. */
static bool wal_in_use(const char *path)
{
    char *shm = mb_xasprintf("%s-shm", path);
    struct stat st;
    bool found = false;
    FILE *f = stat(shm, &st) ? NULL : fopen("/proc/locks", "re");
    free(shm);
    char line[256];
    while (f && !found && fgets(line, sizeof line, f)) {
        char *save = NULL;
        for (char *t = strtok_r(line, " \n", &save); t && !found; t = strtok_r(NULL, " \n", &save)) {
            unsigned maj, min;
            unsigned long ino;
            char end;
            if (sscanf(t, "%x:%x:%lu%c", &maj, &min, &ino, &end) == 3)
                found = maj == major(st.st_dev) && min == minor(st.st_dev) && ino == st.st_ino;
        }
    }
    if (f)
        fclose(f);
    return found;
}

/* A new string: dir/PREFIX-YYYYMMDDTHHMMSSZ, the time now in UTC. */
static char *dated_folder(const char *dir, const char *prefix)
{
    time_t t = (time_t)(mb_now_ms() / 1000);
    struct tm tm;
    char when[32] = "00000000T000000Z";
    if (gmtime_r(&t, &tm))
        strftime(when, sizeof when, "%Y%m%dT%H%M%SZ", &tm);
    return mb_xasprintf("%s/%s-%s", dir, prefix, when);
}

/* The folder path is in (a new string). */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? mb_xstrndup(path, (size_t)(slash - path) + (slash == path)) : mb_xstrdup(".");
}

static int move_files(const char *path, const char *const *ext, size_t n, const char *aside,
                      char *msg, size_t msgn);

/* A -wal that is not this database's log is moved with the -shm into
 * "stray-wal-DATE" beside the database, unapplied (nothing is deleted),
 * and the database opens as its file holds it: its own answers are all in
 * it, since a log other than its own is not where they went. */
static int wal_set_aside(Store *s, bool *has_frames, const char *why)
{
    char *dir = folder_of(s->path);
    char *aside = dated_folder(dir, "stray-wal");
    static const char *const ext[] = {"-wal", "-shm"};
    char msg[320];
    int rc = move_files(s->path, ext, MB_COUNT(ext), aside, msg, sizeof msg);
    free(dir);
    if (rc) {
        free(aside);
        s->problem = STORE_CANNOT_WRITE;
        return store_fail(s, MB_ERR_IO,
                          "the file %s-wal does not belong to the database (%s) and %s", s->path,
                          why, msg);
    }
    mb_log(LOG_WARN,
           "the file %s-wal does not belong to the database (%s): it was not applied, and was "
           "moved with the -shm into %s; the database is used as its file holds it",
           s->path, why, aside);
    free(s->wal_aside);
    s->wal_aside = aside;
    *has_frames = false;
    return MB_OK;
}

/* A -wal that holds frames but cannot be the log of this database: a page
 * size other than the file's, or salts other than those recorded when this
 * database's log was last started (store_walid.c): a -wal taken from a copy
 * of the same database that went its own way (unless a program has it open:
 * another program's live log). Without a record (a database
 * an older kiosk made) the -wal is taken, and one from another copy is
 * caught only when it breaks an index, by integrity_check (which compares
 * every index with its table), run in place of quick_check whenever a log
 * is to be applied. Such a -wal is set aside, not applied (wal_set_aside).
 * Sets *has_frames. */
int store_check_wal(Store *s, bool *has_frames)
{
    WalInfo w;
    wal_read(s->path, &w);
    *has_frames = w.has_frames;
    if (!w.has_frames)
        return MB_OK;
    unsigned char rec[2][8];
    if (store_walid_read(s->path, rec) && memcmp(w.salts, rec[0], 8) &&
        memcmp(w.salts, rec[1], 8) && !wal_in_use(s->path))
        return wal_set_aside(s, has_frames, "it was not started by this database: it comes "
                                            "from another copy of it");
    unsigned char h[100];
    int fd = open(s->path, O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && read_at(fd, h, sizeof h, 0);
    if (fd >= 0)
        close(fd);
    if (!ok)
        return MB_OK; /* no database yet, or a short file: SQLite's check says */
    uint32_t page = (uint32_t)h[16] << 8 | h[17];
    if (page == 1)
        page = 65536;
    if (memcmp(h, "SQLite format 3", 16) || page == w.page_size)
        return MB_OK;
    char why[96];
    snprintf(why, sizeof why, "its pages are %u bytes, the database's %u", (unsigned)w.page_size,
             (unsigned)page);
    return wal_set_aside(s, has_frames, why);
}

const char *store_wal_set_aside(Store *s)
{
    return s ? s->wal_aside : NULL;
}

/* ---------------- the check ---------------- */

/* quick_check is O(N) and reads every page, which is what finds a torn or
 * edited file before it gives wrong answers. The file is never repaired or
 * deleted here: the instructor (or a restore from backup) decides. */
static int store_quick_check(Store *s)
{
    sqlite3_stmt *st = NULL;
    int rc = MB_OK;
    /* A -wal from elsewhere shows as indexes that disagree with their
     * tables, which only integrity_check compares; it runs when a log is
     * to be applied (after a crash), quick_check otherwise. */
    const char *sql = s->wal_frames ? "PRAGMA integrity_check(5)" : "PRAGMA quick_check(5)";
    /* A file that is not a database at all fails here already; so do a
     * lock held elsewhere and a disk too full for the -shm file. */
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        int rc2 =
            store_fail(s, MB_ERR_DB, "the database cannot be read (%s)", sqlite3_errmsg(s->db));
        if (store_problem(s) == STORE_DAMAGED)
            store_fail(s, MB_ERR_DB, "the database failed its check (%s); it is damaged",
                       sqlite3_errmsg(s->db));
        return rc2;
    }
    StrBuf problems = {0};
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (t && !strcmp(t, "ok"))
            continue;
        if (problems.len)
            strbuf_puts(&problems, "; ");
        strbuf_puts(&problems, t ? t : "?");
    }
    /* One line in the log: SQLite's report spans several. */
    for (size_t i = 0; i < problems.len; i++)
        if (problems.data[i] == '\n')
            problems.data[i] = ' ';
    bool damaged = problems.len > 0;
    if (step != SQLITE_DONE && !problems.len) {
        strbuf_puts(&problems, sqlite3_errmsg(s->db));
        damaged = store_problem(s) == STORE_DAMAGED;
    }
    if (damaged) {
        s->problem = STORE_DAMAGED;
        rc = store_fail(s, MB_ERR_DB, "the database failed its check (%s); it is damaged",
                        problems.data);
    } else if (problems.len) {
        rc = store_fail(s, MB_ERR_DB, "the database cannot be read (%s)", problems.data);
    }
    sqlite3_finalize(st);
    strbuf_free(&problems);
    return rc;
}

/* Whether the file's header says WAL (bytes 18 and 19 are 2): only such a
 * file is opened without a write (journal_mode = WAL rewrites the others'). */
static bool store_file_is_wal(const char *path)
{
    unsigned char v[2] = {0, 0};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && read_at(fd, v, 2, 18);
    if (fd >= 0)
        close(fd);
    return ok && v[0] == 2 && v[1] == 2;
}

int store_check_at_open(Store *s)
{
    if (!s->defer_check || s->wal_frames || s->wal_aside || !store_file_is_wal(s->path))
        return store_quick_check(s);
    if (sqlite3_exec(s->db, "PRAGMA query_only = ON", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_db(s, "setting query_only");
    s->unchecked = true;
    return MB_OK;
}

int store_check(Store *s)
{
    if (!s || !s->unchecked)
        return MB_OK;
    int rc = store_quick_check(s);
    if (rc) {
        if (!s->logged)
            mb_log(LOG_ERROR, "database %s: %s", s->path, s->errmsg);
        s->logged = true;
        return rc;
    }
    if (sqlite3_exec(s->db, "PRAGMA query_only = OFF", NULL, NULL, NULL) != SQLITE_OK)
        return store_fail_db(s, "setting query_only");
    s->unchecked = false;
    if (s->opened) { /* run after the open (otherwise the open ends by this) */
        s->ready = true;
        sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, (int *)NULL);
    }
    return MB_OK;
}

bool store_unchecked(Store *s)
{
    return s && s->unchecked;
}

/* ---------------- recovery ---------------- */

static void fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

static int copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC), rc = -1;
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    char buf[64 * 1024];
    ssize_t n = 0;
    while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0) {
        ssize_t w = write(out, buf, (size_t)n);
        if (w != n) {
            if (w >= 0)
                errno = ENOSPC; /* a short write sets no errno of its own */
            n = -1;
            break;
        }
    }
    if (in >= 0 && out >= 0 && n == 0 && fsync(out) == 0)
        rc = 0;
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out))
        rc = -1;
    return rc;
}

/* Whether the backup at path opens and passes integrity_check. */
static bool backup_good(const char *path)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    bool ok = false;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        ok = t && !strcmp(t, "ok");
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return ok;
}

/* The newest of our backups in dir that passes its check (a new string),
 * or NULL. */
static char *newest_good_backup(const char *dir)
{
    size_t n;
    StoreBackupEntry *list = store_backup_list(dir, &n);
    char *found = NULL;
    for (size_t i = n; i-- > 0 && !found;) {
        char *p = mb_xasprintf("%s/%s", dir, list[i].name);
        if (backup_good(p))
            found = p;
        else {
            mb_log(LOG_WARN, "the backup %s fails its check: not restored", p);
            free(p);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(list[i].name);
    free(list);
    return found;
}

/* Moves path's files with the endings ext (n of them; "" for path itself)
 * into the folder aside, made when missing; an absent file is skipped. */
static int move_files(const char *path, const char *const *ext, size_t n, const char *aside,
                      char *msg, size_t msgn)
{
    if (mkdir(aside, 0700) && errno != EEXIST) {
        snprintf(msg, msgn, "cannot create the folder %s: %s", aside, strerror(errno));
        return MB_ERR_IO;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    for (size_t i = 0; i < n; i++) {
        char *from = mb_xasprintf("%s%s", path, ext[i]);
        char *to = mb_xasprintf("%s/%s%s", aside, base, ext[i]);
        int r = rename(from, to), e = errno;
        free(from);
        free(to);
        if (r && e != ENOENT) {
            snprintf(msg, msgn, "cannot be moved into %s: %s", aside, strerror(e));
            return MB_ERR_IO;
        }
    }
    fsync_dir(aside);
    char *dir = folder_of(path);
    fsync_dir(dir);
    free(dir);
    return MB_OK;
}

int store_recover(const char *path, StoreRecovery *r, char *msg, size_t msgn)
{
    memset(r, 0, sizeof *r);
    msg[0] = 0;
    char *dir = folder_of(path);
    char *backups = mb_xasprintf("%s/backups", dir);
    char *backup = newest_good_backup(backups);
    int rc = MB_OK;
    if (!backup) {
        snprintf(msg, msgn, "there is no backup in %s that passes its check", backups);
        rc = MB_ERR_NOTFOUND;
        goto done;
    }
    char *aside = dated_folder(dir, "damaged");
    static const char *const ext[] = {"", "-wal", "-shm", "-journal", "-walid"};
    char *tmp = mb_xasprintf("%s.restore-%ld", path, (long)getpid());
    /* The copy first: a failure to copy leaves the damaged file in place. */
    if (copy_file(backup, tmp)) {
        snprintf(msg, msgn, "cannot copy the backup %s: %s", backup, strerror(errno));
        rc = MB_ERR_IO;
    } else if ((rc = move_files(path, ext, MB_COUNT(ext), aside, msg, msgn)) == MB_OK) {
        if (rename(tmp, path)) {
            snprintf(msg, msgn, "cannot put the backup in place: %s", strerror(errno));
            rc = MB_ERR_IO;
        }
        fsync_dir(dir);
    }
    unlink(tmp);
    free(tmp);
    if (rc == MB_OK) {
        r->moved_to = aside;
        r->backup = backup;
        backup = NULL;
        mb_log(LOG_WARN, "database %s was damaged: moved with its -wal and -shm to %s; the "
                         "backup %s was restored",
               path, r->moved_to, r->backup);
    } else {
        free(aside);
    }
done:
    free(backup);
    free(backups);
    free(dir);
    return rc;
}

void store_recovery_clear(StoreRecovery *r)
{
    free(r->moved_to);
    free(r->backup);
    memset(r, 0, sizeof *r);
}
