/* A test VFS over SQLite's default (unix) one, in the manner of SQLite's own
 * crash tests (src/test6.c): it keeps, for every write since its file's last
 * xSync, what the bytes were before, so that a "power cut" at a chosen I/O
 * operation can keep or drop each unsynced block at random (seeded) and
 * leave the files as a disk could have them after the cut. It also injects
 * faults (the n-th write or sync fails, a full disk, a read-only folder) and
 * delays syncs (a slow SD card).
 *
 * Operations counted: xWrite, xTruncate and xSync of named files (main
 * databases and their logs; SQLite's nameless temporary files are passed
 * through untouched). Not thread-safe: one connection at a time. */
#ifndef MINGBAI_TEST_CRASHVFS_H
#define MINGBAI_TEST_CRASHVFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The exit status of a process whose power was cut (crashvfs_cut_at). */
#define CRASHVFS_CUT_EXIT 86

/* Registers the VFS as "crash" and, with make_default, as SQLite's default,
 * so that every sqlite3_open_v2 of the process (the store's) goes through
 * it. Returns 0 on success. */
int crashvfs_register(bool make_default);

/* Forgets every kept write and fault and zeroes the counters. */
void crashvfs_reset(void);

/* Operations (writes, truncations, syncs) so far; and each kind. */
uint64_t crashvfs_ops(void);
uint64_t crashvfs_writes(void);
uint64_t crashvfs_syncs(void);

/* Power cut at operation op (1-based; 0: never): instead of doing it, every
 * block written since its file's last sync is kept or dropped at random
 * (seed), a file grown since is cut back to what was kept, a truncation not
 * synced is undone at random, and the process ends at once with
 * _exit(CRASHVFS_CUT_EXIT). */
void crashvfs_cut_at(uint64_t op, uint64_t seed);

/* The same cut, now: what was acknowledged but not synced (a sync that
 * failed) is dropped at random. Does not return. */
void crashvfs_cut_now(uint64_t seed);

/* Whether xSync also syncs the real file (default false: the cut is
 * simulated, so the real disk's durability is not needed, and the tests run
 * faster; the benchmark turns it on). */
void crashvfs_real_sync(bool on);
/* Every xSync first sleeps us microseconds (a slow card). */
void crashvfs_sync_delay_us(unsigned us);

typedef enum { CRASHVFS_WRITE, CRASHVFS_SYNC } CrashvfsKind;
/* Fault: the n-th (1-based, counted from now) write or sync and the count-1
 * after it of that kind fail with the SQLite error code err (e.g.
 * SQLITE_IOERR_WRITE, SQLITE_IOERR_FSYNC, SQLITE_FULL), doing nothing.
 * n 0 clears it. */
void crashvfs_fail(CrashvfsKind kind, uint64_t n, uint64_t count, int err);
/* A full disk: a write that would make a file longer fails with SQLITE_FULL
 * (writes inside a file's present size go through). */
void crashvfs_disk_full(bool on);
/* A read-only folder: files cannot be created, and those that exist open
 * read-only (as the unix VFS does when open(O_RDWR) fails with EACCES). */
void crashvfs_read_only(bool on);
/* How many faults were injected so far. */
uint64_t crashvfs_faults(void);

/* Plain files (an export's) made with open(O_CREAT) under dir are tracked
 * too, through the calls crashvfs_posix.c wraps (the program is linked with
 * -Wl,--wrap=open,--wrap=write,--wrap=fsync,--wrap=rename,--wrap=close):
 * their writes are kept until their fsync, a rename until the folder's
 * fsync. NULL: none. */
void crashvfs_watch_dir(const char *dir);
/* The hooks crashvfs_posix.c calls; write and fsync return the errno of a
 * fault (ENOSPC for a full disk), 0 otherwise; fsync returns -1 when the
 * real fsync is to be made (a file not watched, or crashvfs_real_sync). */
void crashvfs_posix_opened(int fd, const char *path, int flags);
void crashvfs_posix_closed(int fd);
int crashvfs_posix_write(int fd, int64_t off, size_t n);
int crashvfs_posix_fsync(int fd);
void crashvfs_posix_renamed(const char *from, const char *to);

#endif
