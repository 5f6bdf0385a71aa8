/* The power-cut and fault VFS (crashvfs.h). Each named file opened through
 * it is tracked by its path: its size at its last sync, and the writes and
 * truncations since then with the bytes they replaced (a write beyond the
 * end replaced zeros). A sync of the file forgets them: they are on disk.
 * A cut walks them newest first and, block by block (512 bytes, a sector),
 * keeps the new bytes or puts the old ones back, at random; then a file
 * that grew since its sync is cut back to its last kept block. The files are
 * changed through their paths with plain POSIX calls, and the process ends:
 * what it had in memory, and the -shm (rebuilt at the next open), do not
 * matter then. */
#define _GNU_SOURCE
#include "crashvfs.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BLOCK 512

typedef struct {
    char *path;
    int64_t synced_size;
    int open_count;
} Track;

typedef struct {
    Track *t;
    bool truncate;    /* else a write (or a rename, with from) */
    char *from;       /* a rename not synced (a folder's fsync): from -> t->path */
    int64_t off;      /* write: where; truncate: the new size */
    int64_t len;      /* bytes in before */
    unsigned char *before;
} Pending;

typedef struct {
    sqlite3_file base;
    Track *t;         /* NULL: a nameless temporary file, passed through */
    sqlite3_file *real;
} CFile;

static sqlite3_vfs *g_real;
static sqlite3_vfs g_vfs;
static Track **g_tracks;
static size_t g_ntracks;
static Pending *g_pend;
static size_t g_npend, g_cappend;
static uint64_t g_ops, g_writes, g_syncs, g_faults;
static uint64_t g_cut_op, g_seed;
static bool g_real_sync, g_full, g_read_only;
static unsigned g_delay_us;
static struct { uint64_t from, to; int err; uint64_t base; } g_fail[2];

static void cut_power(void);

/* ---- state ---- */

static Track *track_get(const char *path)
{
    for (size_t i = 0; i < g_ntracks; i++)
        if (!strcmp(g_tracks[i]->path, path))
            return g_tracks[i];
    g_tracks = realloc(g_tracks, (g_ntracks + 1) * sizeof *g_tracks);
    Track *t = calloc(1, sizeof *t);
    t->path = strdup(path);
    t->synced_size = -1;
    g_tracks[g_ntracks++] = t;
    return t;
}

static void pending_forget(Track *t)
{
    size_t w = 0;
    for (size_t i = 0; i < g_npend; i++) {
        if (g_pend[i].t == t && !g_pend[i].from)
            free(g_pend[i].before);
        else
            g_pend[w++] = g_pend[i];
    }
    g_npend = w;
}

static void pending_add(Track *t, bool truncate, int64_t off, int64_t len, unsigned char *before)
{
    if (g_npend == g_cappend) {
        g_cappend = g_cappend ? 2 * g_cappend : 256;
        g_pend = realloc(g_pend, g_cappend * sizeof *g_pend);
    }
    g_pend[g_npend++] = (Pending){t, truncate, NULL, off, len, before};
}

void crashvfs_reset(void)
{
    for (size_t i = 0; i < g_npend; i++)
        free(g_pend[i].before);
    g_npend = 0;
    g_ops = g_writes = g_syncs = g_faults = 0;
    g_cut_op = 0;
    g_full = g_read_only = false;
    g_delay_us = 0;
    memset(g_fail, 0, sizeof g_fail);
    for (size_t i = 0; i < g_ntracks; i++)
        g_tracks[i]->synced_size = -1;
}

uint64_t crashvfs_ops(void) { return g_ops; }
uint64_t crashvfs_writes(void) { return g_writes; }
uint64_t crashvfs_syncs(void) { return g_syncs; }
uint64_t crashvfs_faults(void) { return g_faults; }
void crashvfs_real_sync(bool on) { g_real_sync = on; }
void crashvfs_sync_delay_us(unsigned us) { g_delay_us = us; }
void crashvfs_disk_full(bool on) { g_full = on; }
void crashvfs_read_only(bool on) { g_read_only = on; }

void crashvfs_cut_at(uint64_t op, uint64_t seed)
{
    g_cut_op = op;
    g_seed = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

void crashvfs_cut_now(uint64_t seed)
{
    g_seed = seed ? seed : 0x9e3779b97f4a7c15ULL;
    cut_power();
}

void crashvfs_fail(CrashvfsKind kind, uint64_t n, uint64_t count, int err)
{
    uint64_t done = kind == CRASHVFS_WRITE ? g_writes : g_syncs;
    g_fail[kind].from = n ? done + n : 0;
    g_fail[kind].to = n ? done + n + (count ? count : 1) : 0;
    g_fail[kind].err = err;
}

/* ---- the cut ---- */

static uint64_t rnd(void)
{
    g_seed ^= g_seed << 13;
    g_seed ^= g_seed >> 7;
    g_seed ^= g_seed << 17;
    return g_seed;
}

static void cut_power(void)
{
    int64_t *keep_end = calloc(g_ntracks ? g_ntracks : 1, sizeof *keep_end);
    int *fds = calloc(g_ntracks ? g_ntracks : 1, sizeof *fds);
    for (size_t i = 0; i < g_ntracks; i++) {
        keep_end[i] = g_tracks[i]->synced_size;
        fds[i] = open(g_tracks[i]->path, O_WRONLY | O_CLOEXEC);
    }
    for (size_t k = g_npend; k-- > 0;) {
        Pending *p = &g_pend[k];
        size_t ti = 0;
        while (g_tracks[ti] != p->t)
            ti++;
        int fd = fds[ti];
        if (fd < 0 || p->from)
            continue;
        if (p->truncate) {
            /* an unsynced truncation: the old tail may come back */
            if (rnd() & 1) {
                if (pwrite(fd, p->before, (size_t)p->len, p->off) != (ssize_t)p->len)
                    perror("crashvfs: undoing a truncation");
                if (p->off + p->len > keep_end[ti])
                    keep_end[ti] = p->off + p->len;
            }
            continue;
        }
        int64_t end = p->off + p->len;
        for (int64_t b = p->off; b < end;) {
            int64_t next = (b / BLOCK + 1) * BLOCK;
            if (next > end)
                next = end;
            if (rnd() & 1) {
                if (next > keep_end[ti])
                    keep_end[ti] = next;
            } else if (pwrite(fd, p->before + (b - p->off), (size_t)(next - b), b) !=
                       (ssize_t)(next - b)) {
                perror("crashvfs: dropping a block");
            }
            b = next;
        }
    }
    for (size_t i = 0; i < g_ntracks; i++) {
        struct stat st;
        if (fds[i] < 0)
            continue;
        if (!fstat(fds[i], &st) && keep_end[i] >= 0 && st.st_size > keep_end[i])
            if (ftruncate(fds[i], keep_end[i]))
                perror("crashvfs: cutting a file back");
        close(fds[i]);
    }
    /* a rename whose folder was not synced since may be undone */
    for (size_t k = g_npend; k-- > 0;)
        if (g_pend[k].from && (rnd() & 1) && rename(g_pend[k].t->path, g_pend[k].from))
            perror("crashvfs: undoing a rename");
    _exit(CRASHVFS_CUT_EXIT);
}

/* Counts an operation; cuts the power when it is the chosen one. */
static void op_count(void)
{
    g_ops++;
    if (g_cut_op && g_ops == g_cut_op)
        cut_power();
}

static int fault(CrashvfsKind kind, uint64_t n)
{
    if (g_fail[kind].from && n >= g_fail[kind].from && n < g_fail[kind].to) {
        g_faults++;
        return g_fail[kind].err;
    }
    return SQLITE_OK;
}

/* ---- io methods ---- */

static int c_close(sqlite3_file *f)
{
    CFile *c = (CFile *)f;
    int rc = c->real->pMethods ? c->real->pMethods->xClose(c->real) : SQLITE_OK;
    if (c->t)
        c->t->open_count--;
    return rc;
}

static int c_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    CFile *c = (CFile *)f;
    return c->real->pMethods->xRead(c->real, buf, n, off);
}

static int c_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    CFile *c = (CFile *)f;
    if (!c->t)
        return c->real->pMethods->xWrite(c->real, buf, n, off);
    op_count();
    g_writes++;
    int rc = fault(CRASHVFS_WRITE, g_writes);
    if (rc)
        return rc;
    sqlite3_int64 size = 0;
    c->real->pMethods->xFileSize(c->real, &size);
    if (g_full && off + n > size) {
        g_faults++;
        return SQLITE_FULL;
    }
    unsigned char *before = calloc(1, (size_t)n);
    if (off < size)
        c->real->pMethods->xRead(c->real, before, n, off); /* zeros past the end */
    pending_add(c->t, false, off, n, before);
    return c->real->pMethods->xWrite(c->real, buf, n, off);
}

static int c_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    CFile *c = (CFile *)f;
    if (!c->t)
        return c->real->pMethods->xTruncate(c->real, size);
    op_count();
    sqlite3_int64 old = 0;
    c->real->pMethods->xFileSize(c->real, &old);
    if (old > size) {
        unsigned char *tail = malloc((size_t)(old - size));
        c->real->pMethods->xRead(c->real, tail, (int)(old - size), size);
        pending_add(c->t, true, size, old - size, tail);
    }
    return c->real->pMethods->xTruncate(c->real, size);
}

static int c_sync(sqlite3_file *f, int flags)
{
    CFile *c = (CFile *)f;
    if (!c->t)
        return c->real->pMethods->xSync(c->real, flags);
    op_count();
    g_syncs++;
    int rc = fault(CRASHVFS_SYNC, g_syncs);
    if (rc)
        return rc;
    if (g_delay_us) {
        struct timespec ts = {g_delay_us / 1000000, (long)(g_delay_us % 1000000) * 1000};
        nanosleep(&ts, NULL);
    }
    if (g_real_sync) {
        rc = c->real->pMethods->xSync(c->real, flags);
        if (rc)
            return rc;
    }
    pending_forget(c->t);
    sqlite3_int64 size = 0;
    c->real->pMethods->xFileSize(c->real, &size);
    c->t->synced_size = size;
    return SQLITE_OK;
}

static int c_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    CFile *c = (CFile *)f;
    return c->real->pMethods->xFileSize(c->real, size);
}
static int c_lock(sqlite3_file *f, int l)
{
    CFile *c = (CFile *)f;
    return c->real->pMethods->xLock(c->real, l);
}
static int c_unlock(sqlite3_file *f, int l)
{
    CFile *c = (CFile *)f;
    return c->real->pMethods->xUnlock(c->real, l);
}
static int c_check_lock(sqlite3_file *f, int *out)
{
    CFile *c = (CFile *)f;
    return c->real->pMethods->xCheckReservedLock(c->real, out);
}
static int c_fcntl(sqlite3_file *f, int op, void *arg)
{
    CFile *c = (CFile *)f;
    return c->real->pMethods->xFileControl(c->real, op, arg);
}
static int c_sector(sqlite3_file *f)
{
    CFile *c = (CFile *)f;
    return c->real->pMethods->xSectorSize(c->real);
}
static int c_device(sqlite3_file *f)
{
    CFile *c = (CFile *)f;
    /* nothing is promised: no atomic or safe-append writes */
    (void)c;
    return 0;
}
static int c_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **pp)
{
    CFile *c = (CFile *)f;
    return c->real->pMethods->xShmMap(c->real, pg, sz, ext, pp);
}
static int c_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    CFile *c = (CFile *)f;
    return c->real->pMethods->xShmLock(c->real, off, n, flags);
}
static void c_shm_barrier(sqlite3_file *f)
{
    CFile *c = (CFile *)f;
    c->real->pMethods->xShmBarrier(c->real);
}
static int c_shm_unmap(sqlite3_file *f, int del)
{
    CFile *c = (CFile *)f;
    return c->real->pMethods->xShmUnmap(c->real, del);
}

static const sqlite3_io_methods c_methods = {
    2, c_close, c_read, c_write, c_truncate, c_sync, c_file_size, c_lock, c_unlock,
    c_check_lock, c_fcntl, c_sector, c_device, c_shm_map, c_shm_lock, c_shm_barrier,
    c_shm_unmap, NULL, NULL,
};

/* ---- vfs methods ---- */

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
    (void)vfs;
    CFile *c = (CFile *)f;
    memset(c, 0, sizeof *c);
    c->real = (sqlite3_file *)(c + 1);
    if (name && g_read_only && (flags & SQLITE_OPEN_READWRITE)) {
        if (access(name, F_OK))
            return SQLITE_CANTOPEN;
        flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    }
    int rc = g_real->xOpen(g_real, name, c->real, flags, out_flags);
    if (rc != SQLITE_OK)
        return rc;
    c->base.pMethods = &c_methods;
    if (name) {
        c->t = track_get(name);
        if (c->t->open_count++ == 0 || c->t->synced_size < 0) {
            sqlite3_int64 size = 0;
            c->real->pMethods->xFileSize(c->real, &size);
            c->t->synced_size = size;
        }
    }
    return SQLITE_OK;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int dir_sync)
{
    (void)vfs;
    for (size_t i = 0; i < g_ntracks; i++)
        if (!strcmp(g_tracks[i]->path, name)) {
            pending_forget(g_tracks[i]);
            g_tracks[i]->synced_size = -1;
        }
    return g_real->xDelete(g_real, name, dir_sync);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    int rc = g_real->xAccess(g_real, name, flags, out);
    if (rc == SQLITE_OK && g_read_only && flags == SQLITE_ACCESS_READWRITE)
        *out = 0;
    return rc;
}

static int v_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return g_real->xFullPathname(g_real, name, n, out);
}
static void *v_dlopen(sqlite3_vfs *vfs, const char *f) { (void)vfs; return g_real->xDlOpen(g_real, f); }
static void v_dlerror(sqlite3_vfs *vfs, int n, char *m) { (void)vfs; g_real->xDlError(g_real, n, m); }
static void (*v_dlsym(sqlite3_vfs *vfs, void *h, const char *s))(void)
{
    (void)vfs;
    return g_real->xDlSym(g_real, h, s);
}
static void v_dlclose(sqlite3_vfs *vfs, void *h) { (void)vfs; g_real->xDlClose(g_real, h); }
static int v_random(sqlite3_vfs *vfs, int n, char *out) { (void)vfs; return g_real->xRandomness(g_real, n, out); }
static int v_sleep(sqlite3_vfs *vfs, int us) { (void)vfs; return g_real->xSleep(g_real, us); }
static int v_time(sqlite3_vfs *vfs, double *t) { (void)vfs; return g_real->xCurrentTime(g_real, t); }
static int v_last_error(sqlite3_vfs *vfs, int n, char *m) { (void)vfs; return g_real->xGetLastError(g_real, n, m); }
static int v_time64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
    (void)vfs;
    return g_real->xCurrentTimeInt64(g_real, t);
}

int crashvfs_register(bool make_default)
{
    if (!g_real) {
        g_real = sqlite3_vfs_find("unix");
        if (!g_real)
            return -1;
        g_vfs = (sqlite3_vfs){
            2, (int)(sizeof(CFile) + (size_t)g_real->szOsFile), g_real->mxPathname, NULL, "crash",
            NULL, v_open, v_delete, v_access, v_full_pathname, v_dlopen, v_dlerror, v_dlsym,
            v_dlclose, v_random, v_sleep, v_time, v_last_error, v_time64, NULL, NULL, NULL,
        };
    }
    return sqlite3_vfs_register(&g_vfs, make_default) == SQLITE_OK ? 0 : -1;
}

/* ---- plain files written with POSIX calls (crashvfs_posix.c) ---- */

static char *g_watch;
static Track *g_fd_track[1024];
static bool g_fd_dir[1024];

void crashvfs_watch_dir(const char *dir)
{
    free(g_watch);
    g_watch = dir ? strdup(dir) : NULL;
}

static bool watched(const char *path)
{
    size_t n = g_watch ? strlen(g_watch) : 0;
    return n && !strncmp(path, g_watch, n) && (path[n] == '/' || !path[n]);
}

void crashvfs_posix_opened(int fd, const char *path, int flags)
{
    if (fd < 0 || fd >= 1024 || !watched(path))
        return;
    if (flags & O_DIRECTORY) {
        g_fd_dir[fd] = true;
    } else if (flags & O_CREAT) {
        g_fd_track[fd] = track_get(path);
        g_fd_track[fd]->synced_size = 0;
    }
}

void crashvfs_posix_closed(int fd)
{
    if (fd >= 0 && fd < 1024) {
        g_fd_track[fd] = NULL;
        g_fd_dir[fd] = false;
    }
}

int crashvfs_posix_write(int fd, int64_t off, size_t n)
{
    if (fd < 0 || fd >= 1024 || !g_fd_track[fd])
        return 0;
    op_count();
    g_writes++;
    int err = fault(CRASHVFS_WRITE, g_writes);
    if (err)
        return err == SQLITE_FULL ? ENOSPC : EIO;
    pending_add(g_fd_track[fd], false, off, (int64_t)n, calloc(1, n ? n : 1));
    return 0;
}

int crashvfs_posix_fsync(int fd)
{
    if (fd < 0 || fd >= 1024 || (!g_fd_track[fd] && !g_fd_dir[fd]))
        return -1;
    op_count();
    g_syncs++;
    if (fault(CRASHVFS_SYNC, g_syncs))
        return EIO;
    if (g_fd_dir[fd]) {
        size_t w = 0;
        for (size_t i = 0; i < g_npend; i++) {
            if (g_pend[i].from)
                free(g_pend[i].from);
            else
                g_pend[w++] = g_pend[i];
        }
        g_npend = w;
        return g_real_sync ? -1 : 0;
    }
    pending_forget(g_fd_track[fd]);
    struct stat st;
    if (!fstat(fd, &st))
        g_fd_track[fd]->synced_size = st.st_size;
    return g_real_sync ? -1 : 0;
}

void crashvfs_posix_renamed(const char *from, const char *to)
{
    if (!watched(from))
        return;
    op_count();
    Track *t = track_get(from);
    Track *dst = track_get(to);
    /* from's writes now belong to the file at to */
    for (size_t i = 0; i < g_npend; i++)
        if (g_pend[i].t == t)
            g_pend[i].t = dst;
    dst->synced_size = t->synced_size;
    t->synced_size = -1;
    pending_add(dst, false, 0, 0, NULL);
    g_pend[g_npend - 1].from = strdup(from);
}
