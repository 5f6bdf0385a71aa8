/* Writing an export's files to a folder that may be a USB stick: each file
 * under a hidden temporary name (".answers.csv.part-PID"), written, synced
 * and closed; only when every file of the export is whole are they renamed
 * to their names and the folder synced. A full stick, a removed one, a
 * folder that is read-only or missing: the temporary files are removed,
 * nothing of the export is left, and the message names the path and the
 * reason. The folder is the instructor's choice and trusted as a path, not
 * as a place that stays writable. */
#include "report_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int report_fail_errno(char *err, size_t cap, int e, const char *what, const char *path)
{
    const char *why = e == ENOSPC || e == EDQUOT || e == EFBIG
                          ? "the disk or stick is full"
                          : e == EROFS ? "the disk or stick is read-only" : strerror(e);
    if (why == strerror(e))
        snprintf(err, cap, "cannot %s %s: %s", what, path, why);
    else
        snprintf(err, cap, "cannot %s %s: %s (%s)", what, path, why, strerror(e));
    return MB_ERR_IO;
}

/* Writes all of buf to a new file at tmp and syncs it; on failure errno
 * says why and the file may be left for the caller to remove. */
static int report_write_one(const char *tmp, const StrBuf *buf)
{
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    const char *p = buf->data ? buf->data : "";
    size_t left = buf->len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            int e = w < 0 ? errno : ENOSPC;
            close(fd);
            errno = e;
            return -1;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fsync(fd)) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return close(fd);
}

/* The renames are on the disk only once the folder is synced: a failure
 * here is a failure of the export (the files are whole, but a power cut
 * could still take them away), never an acknowledgement. A folder that
 * cannot be opened to sync (a file system that does not allow it) is
 * left to the disk. */
static int report_sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int rc = fsync(fd);
    int e = errno;
    close(fd);
    errno = e;
    return rc && e != EINVAL ? -1 : 0;
}

static int report_check_dir(const char *dir, char *err, size_t cap)
{
    struct stat st;
    if (!dir || !dir[0]) {
        snprintf(err, cap, "no folder to write the export to");
        return MB_ERR_IO;
    }
    if (stat(dir, &st))
        return report_fail_errno(err, cap, errno, "write to the folder", dir);
    if (!S_ISDIR(st.st_mode)) {
        snprintf(err, cap, "cannot write to %s: it is not a folder", dir);
        return MB_ERR_IO;
    }
    return MB_OK;
}

int report_write_files(const char *dir, const char *const *names, const StrBuf *bufs, size_t n,
                       char *err, size_t cap)
{
    int rc = report_check_dir(dir, err, cap);
    if (rc)
        return rc;
    char *tmp[REPORT_MAX_FILES] = {0}, *path[REPORT_MAX_FILES] = {0};
    size_t made = 0, renamed = 0;
    for (size_t i = 0; i < n && i < REPORT_MAX_FILES; i++) {
        path[i] = mb_xasprintf("%s/%s", dir, names[i]);
        tmp[i] = mb_xasprintf("%s/.%s.part-%ld", dir, names[i], (long)getpid());
        unlink(tmp[i]); /* left by an earlier run of the same process id */
        made = i + 1;
        if (report_write_one(tmp[i], &bufs[i])) {
            rc = report_fail_errno(err, cap, errno, "write", path[i]);
            goto done;
        }
    }
    for (size_t i = 0; i < made; i++) {
        if (rename(tmp[i], path[i])) {
            rc = report_fail_errno(err, cap, errno, "write", path[i]);
            goto done;
        }
        renamed = i + 1;
    }
    if (report_sync_dir(dir))
        rc = report_fail_errno(err, cap, errno, "save the export in the folder", dir);
done:
    for (size_t i = renamed; i < made; i++)
        unlink(tmp[i]);
    for (size_t i = 0; i < REPORT_MAX_FILES; i++) {
        free(tmp[i]);
        free(path[i]);
    }
    return rc;
}
