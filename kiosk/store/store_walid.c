/* Which -wal belongs to the database. SQLite writes a WAL file's 32-byte
 * header (magic, version, page size, checkpoint sequence, salt-1, salt-2,
 * checksums) whenever it starts the log afresh, with new random salts; a
 * -wal copied from another copy of the same database has the same page
 * size and valid checksums, and only its salts tell it apart. A thin VFS
 * over the default VFS (whichever it is when a store is opened: the tests
 * put their crash VFS there, tests/vfs/) therefore records,
 * before every such header reaches the file, its salts in "<db>-walid"
 * beside the database: the salts of the header then on disk and the new
 * ones, written to a temporary file, synced and renamed into place, the
 * folder synced. A frame the kiosk writes into a log that another program
 * started (the sqlite3 shell, say) has its salts recorded the same way
 * before it is written. At open (store_health.c) a -wal whose salts are
 * neither is not this database's log. A crash between the record and the
 * header leaves the old header, whose salts are the recorded previous
 * ones. */
#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WALID_MAGIC "MBWALID1"
#define WALID_SIZE 24 /* the magic, the previous salts, the new salts */

typedef struct {
    sqlite3_file base;
    char *db;           /* the database's path: the record is "<db>-walid" */
    sqlite3_file *real; /* the file of the VFS below, just after this */
    unsigned char known[8]; /* the salts last seen recorded as the newest */
    bool have_known;
} WalFile;

/* One shim per VFS below (the tests put their crash VFS under it). */
#define WALID_MAX_VFS 4
static sqlite3_vfs g_shim[WALID_MAX_VFS];
static char g_name[WALID_MAX_VFS][48];
static size_t g_nshim;

static sqlite3_vfs *below(sqlite3_vfs *vfs)
{
    return vfs->pAppData;
}

static bool valid_magic(const unsigned char *h)
{
    return !memcmp(h, "\x37\x7f\x06\x82", 4) || !memcmp(h, "\x37\x7f\x06\x83", 4);
}

bool store_walid_read(const char *db_path, unsigned char salts[2][8])
{
    char *path = mb_xasprintf("%s-walid", db_path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    free(path);
    if (fd < 0)
        return false;
    unsigned char b[WALID_SIZE];
    bool ok = pread(fd, b, sizeof b, 0) == (ssize_t)sizeof b && !memcmp(b, WALID_MAGIC, 8);
    close(fd);
    if (ok)
        memcpy(salts, b + 8, 16);
    return ok;
}

static int fsync_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? mb_xstrndup(path, (size_t)(slash - path) + (slash == path))
                      : mb_xstrdup(".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = -1;
    free(dir);
    if (fd >= 0) {
        rc = fsync(fd);
        close(fd);
    }
    return rc;
}

/* Records salts (the 8 bytes of a header about to be written) after prev
 * (those of the header on disk) beside the database db: durable before it
 * returns 0. */
static int walid_record(const char *db, const unsigned char prev[8], const unsigned char salts[8])
{
    char *record = mb_xasprintf("%s-walid", db);
    unsigned char b[WALID_SIZE];
    memcpy(b, WALID_MAGIC, 8);
    memcpy(b + 8, prev, 8);
    memcpy(b + 16, salts, 8);
    char *tmp = mb_xasprintf("%s.tmp-%ld", record, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600), rc = -1;
    if (fd >= 0) {
        rc = write(fd, b, sizeof b) == (ssize_t)sizeof b && !fsync(fd) ? 0 : -1;
        if (close(fd))
            rc = -1;
        if (!rc)
            rc = rename(tmp, record);
        if (rc)
            unlink(tmp);
        else
            rc = fsync_parent(record);
    }
    if (rc) {
        int e = errno; /* SQLite asks the VFS below for it: a full disk stays one */
        mb_log(LOG_ERROR, "cannot record the write-ahead log's salts in %s: %s", record,
               strerror(e));
        errno = e;
    }
    free(tmp);
    free(record);
    return rc;
}

/* ---- the -wal file: every call goes below; a header is recorded first ---- */

/* The newest recorded salts are salts, or made so (after those recorded
 * before: a log another program started, which the kiosk now writes in);
 * cached in w. 0, or -1 when the record could not be written. */
static int walid_follow(WalFile *w, const unsigned char salts[8])
{
    if (w->have_known && !memcmp(w->known, salts, 8))
        return 0;
    unsigned char rec[2][8], prev[8] = {0};
    bool have = store_walid_read(w->db, rec);
    if (!have || memcmp(rec[1], salts, 8)) {
        if (have)
            memcpy(prev, rec[1], 8);
        if (walid_record(w->db, prev, salts))
            return -1;
    }
    memcpy(w->known, salts, 8);
    w->have_known = true;
    return 0;
}

static int w_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    WalFile *w = (WalFile *)f;
    const unsigned char *h = buf;
    if (off == 0 && n == 32 && valid_magic(h)) {
        unsigned char old[32], rec[2][8], prev[8] = {0};
        if (w->real->pMethods->xRead(w->real, old, 32, 0) == SQLITE_OK && valid_magic(old))
            memcpy(prev, old + 16, 8);
        else if (store_walid_read(w->db, rec))
            memcpy(prev, rec[1], 8);
        bool same = store_walid_read(w->db, rec) && !memcmp(rec[0], prev, 8) &&
                    !memcmp(rec[1], h + 16, 8);
        if (!same && walid_record(w->db, prev, h + 16))
            return SQLITE_IOERR_WRITE;
        memcpy(w->known, h + 16, 8);
        w->have_known = true;
    } else if (off >= 32 && n == 24 && walid_follow(w, h + 8)) {
        /* A frame's header (24 bytes, its salts at 8): SQLite writes it
         * alone, before the page. Another program may have started the log
         * afresh; the kiosk's answers going into it make it this
         * database's log, recorded first. */
        return SQLITE_IOERR_WRITE;
    }
    return w->real->pMethods->xWrite(w->real, buf, n, off);
}

static int w_close(sqlite3_file *f)
{
    WalFile *w = (WalFile *)f;
    int rc = w->real->pMethods->xClose(w->real);
    free(w->db);
    w->db = NULL;
    return rc;
}

#define R(w) (((WalFile *)(w))->real)
static int w_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return R(f)->pMethods->xRead(R(f), b, n, o); }
static int w_truncate(sqlite3_file *f, sqlite3_int64 n) { return R(f)->pMethods->xTruncate(R(f), n); }
static int w_sync(sqlite3_file *f, int fl) { return R(f)->pMethods->xSync(R(f), fl); }
static int w_size(sqlite3_file *f, sqlite3_int64 *n) { return R(f)->pMethods->xFileSize(R(f), n); }
static int w_lock(sqlite3_file *f, int l) { return R(f)->pMethods->xLock(R(f), l); }
static int w_unlock(sqlite3_file *f, int l) { return R(f)->pMethods->xUnlock(R(f), l); }
static int w_reserved(sqlite3_file *f, int *r) { return R(f)->pMethods->xCheckReservedLock(R(f), r); }
static int w_control(sqlite3_file *f, int op, void *a) { return R(f)->pMethods->xFileControl(R(f), op, a); }
static int w_sector(sqlite3_file *f) { return R(f)->pMethods->xSectorSize(R(f)); }
static int w_device(sqlite3_file *f) { return R(f)->pMethods->xDeviceCharacteristics(R(f)); }
#undef R

/* The -wal file needs no shared memory, mapping or more of the methods
 * (those are the database file's, which is not wrapped). */
static const sqlite3_io_methods g_wal_methods = {
    1, w_close, w_read, w_write, w_truncate, w_sync, w_size, w_lock, w_unlock, w_reserved,
    w_control, w_sector, w_device, NULL, NULL, NULL, NULL, NULL, NULL,
};

static int v_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *out)
{
    sqlite3_vfs *real = below(vfs);
    size_t len = name ? strlen(name) : 0;
    if (!(flags & SQLITE_OPEN_WAL) || len < 4 || strcmp(name + len - 4, "-wal"))
        return real->xOpen(real, name, f, flags, out); /* the file below, as it is */
    WalFile *w = (WalFile *)f;
    memset(w, 0, sizeof *w);
    w->real = (sqlite3_file *)(w + 1);
    int rc = real->xOpen(real, name, w->real, flags, out);
    if (rc != SQLITE_OK)
        return rc; /* SQLite closes nothing it could not open */
    w->db = mb_xstrndup(name, len - 4);
    w->base.pMethods = &g_wal_methods;
    return SQLITE_OK;
}

#define B(v) below(v)
static int v_delete(sqlite3_vfs *v, const char *n, int s) { return B(v)->xDelete(B(v), n, s); }
static int v_access(sqlite3_vfs *v, const char *n, int fl, int *r) { return B(v)->xAccess(B(v), n, fl, r); }
static int v_full(sqlite3_vfs *v, const char *n, int k, char *o) { return B(v)->xFullPathname(B(v), n, k, o); }
static void *v_dlopen(sqlite3_vfs *v, const char *f) { return B(v)->xDlOpen(B(v), f); }
static void v_dlerror(sqlite3_vfs *v, int n, char *m) { B(v)->xDlError(B(v), n, m); }
static void (*v_dlsym(sqlite3_vfs *v, void *h, const char *s))(void) { return B(v)->xDlSym(B(v), h, s); }
static void v_dlclose(sqlite3_vfs *v, void *h) { B(v)->xDlClose(B(v), h); }
static int v_random(sqlite3_vfs *v, int n, char *o) { return B(v)->xRandomness(B(v), n, o); }
static int v_sleep(sqlite3_vfs *v, int us) { return B(v)->xSleep(B(v), us); }
static int v_time(sqlite3_vfs *v, double *t) { return B(v)->xCurrentTime(B(v), t); }
static int v_error(sqlite3_vfs *v, int n, char *m) { return B(v)->xGetLastError(B(v), n, m); }
static int v_time64(sqlite3_vfs *v, sqlite3_int64 *t)
{
    if (B(v)->iVersion >= 2 && B(v)->xCurrentTimeInt64)
        return B(v)->xCurrentTimeInt64(B(v), t);
    double d = 0;
    int rc = B(v)->xCurrentTime(B(v), &d);
    *t = (sqlite3_int64)(d * 86400000.0);
    return rc;
}
#undef B

const char *store_walid_vfs(void)
{
    sqlite3_vfs *real = sqlite3_vfs_find(NULL);
    if (!real)
        return NULL;
    for (size_t i = 0; i < g_nshim; i++)
        if (&g_shim[i] == real || g_shim[i].pAppData == real)
            return g_shim[i].zName;
    if (g_nshim == WALID_MAX_VFS)
        return NULL; /* the default VFS, without the record: as before */
    size_t i = g_nshim;
    snprintf(g_name[i], sizeof g_name[i], "mingbai-walid-%zu", i);
    g_shim[i] = (sqlite3_vfs){
        2, (int)(sizeof(WalFile) + (size_t)real->szOsFile), real->mxPathname, NULL, g_name[i],
        real, v_open, v_delete, v_access, v_full, v_dlopen, v_dlerror, v_dlsym, v_dlclose,
        v_random, v_sleep, v_time, v_error, v_time64, NULL, NULL, NULL,
    };
    if (sqlite3_vfs_register(&g_shim[i], 0) != SQLITE_OK)
        return NULL;
    g_nshim++;
    return g_name[i];
}
