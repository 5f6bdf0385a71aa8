/* The POSIX calls an export makes (kiosk/report/report_files.c), wrapped
 * with the linker's --wrap so that the crash VFS sees the files under its
 * watched folder (crashvfs_watch_dir): a cut drops what was not synced. */
#define _GNU_SOURCE
#include "crashvfs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

int __real_open(const char *path, int flags, ...);
ssize_t __real_write(int fd, const void *buf, size_t n);
int __real_fsync(int fd);
int __real_rename(const char *from, const char *to);
int __real_close(int fd);

int __wrap_open(const char *path, int flags, ...);
ssize_t __wrap_write(int fd, const void *buf, size_t n);
int __wrap_fsync(int fd);
int __wrap_rename(const char *from, const char *to);
int __wrap_close(int fd);

int __wrap_open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    int fd = __real_open(path, flags, mode);
    crashvfs_posix_opened(fd, path, flags);
    return fd;
}

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
    off_t off = lseek(fd, 0, SEEK_CUR);
    int e = crashvfs_posix_write(fd, off < 0 ? 0 : off, n);
    if (e) {
        errno = e;
        return -1;
    }
    return __real_write(fd, buf, n);
}

int __wrap_fsync(int fd)
{
    int e = crashvfs_posix_fsync(fd);
    if (e > 0) {
        errno = e;
        return -1;
    }
    return e < 0 ? __real_fsync(fd) : 0;
}

int __wrap_rename(const char *from, const char *to)
{
    int rc = __real_rename(from, to);
    if (!rc)
        crashvfs_posix_renamed(from, to);
    return rc;
}

int __wrap_close(int fd)
{
    crashvfs_posix_closed(fd);
    return __real_close(fd);
}
