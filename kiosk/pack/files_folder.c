/* Reading a pack from a folder: a walk that opens each entry relative to
 * its folder without following links, refuses links, devices and pipes, and
 * reads no file past its limit. Input is untrusted: the folder is on a USB
 * stick and may change while it is read, so what was listed is checked
 * again on the open file. */
#include "files_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model_internal.h"

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads at most max + 1 bytes from fd; *len says how many came. */
static int fd_read_bounded(int fd, size_t max, size_t hint, unsigned char **out, size_t *len)
{
    size_t cap = MB_MIN(hint, max) + 1, got = 0;
    unsigned char *buf = mb_xmalloc(cap + 1);
    for (;;) {
        if (got == cap) {
            if (cap > max)
                break;
            cap = MB_MIN(cap * 2, max + 1);
            buf = mb_xrealloc(buf, cap + 1);
        }
        ssize_t n = read(fd, buf + got, cap - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            free(buf);
            return MB_ERR_IO;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    buf[got] = 0;
    *out = buf;
    *len = got;
    return MB_OK;
}

static void folder_read_file(Reader *r, int dfd, const char *name, const char *path,
                             const struct stat *st)
{
    size_t limit = pack_file_limit(r->lim, path);
    if ((uint64_t)st->st_size > limit) {
        reader_file_too_big(r, path, SIZE_IS, (uint64_t)st->st_size);
        return;
    }
    if (r->total + (uint64_t)st->st_size > r->lim->max_total) {
        reader_too_big(r);
        return;
    }
    /* O_NOFOLLOW and the fstat below close the gap between the directory
     * listing and the open: a file swapped for a link or a pipe meanwhile is
     * refused, and O_NONBLOCK keeps a pipe from hanging the open. */
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        if (errno == ELOOP)
            reader_error(r, "copy the file itself into the pack", path,
                         "is a symbolic link; a pack may not contain links");
        else
            reader_error(r, NULL, path, "cannot be read: %s", strerror(errno));
        return;
    }
    struct stat st2;
    if (fstat(fd, &st2) || !S_ISREG(st2.st_mode)) {
        reader_error(r, NULL, path, "is not a regular file");
        close(fd);
        return;
    }
    unsigned char *data;
    size_t len;
    int rc = fd_read_bounded(fd, limit, (size_t)st2.st_size, &data, &len);
    int err = errno;
    close(fd);
    if (rc) {
        reader_error(r, NULL, path, "cannot be read: %s", strerror(err));
        return;
    }
    if (len > limit) {
        free(data);
        reader_file_too_big(r, path, SIZE_IS, len);
        return;
    }
    if (r->total + len > r->lim->max_total) {
        free(data);
        reader_too_big(r);
        return;
    }
    r->total += len;
    pack_files_push(r->files, mb_xstrdup(path), data, len);
}

/* Walks dfd (which the caller closes); rel is "" or "units/". */
static void folder_walk(Reader *r, int dfd, const char *rel)
{
    int dup_fd = dup(dfd);
    DIR *dir = dup_fd >= 0 ? fdopendir(dup_fd) : NULL;
    if (!dir) {
        if (dup_fd >= 0)
            close(dup_fd);
        reader_error(r, NULL, *rel ? rel : ".", "(a folder) cannot be read: %s", strerror(errno));
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dir))) {
        if (de->d_name[0] == '.' || !strcmp(de->d_name, "__MACOSX"))
            continue; /* ".", "..", and hidden files (see pack_name_is_hidden) */
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = mb_xrealloc(names, cap * sizeof *names);
        }
        names[n++] = mb_xstrdup(de->d_name);
        /* A folder with far more entries than a pack may hold is refused
         * without listing it all. */
        if (n > r->lim->max_files + ZIP_EXTRA_ENTRIES) {
            reader_too_many(r);
            break;
        }
    }
    closedir(dir);
    if (n > 1)
        qsort(names, n, sizeof *names, str_ptr_cmp);

    StrBuf path = {0};
    for (size_t i = 0; i < n && !r->stop; i++) {
        path.len = 0;
        strbuf_puts(&path, rel);
        strbuf_puts(&path, names[i]);
        const char *why = pack_name_problem(path.data, path.len);
        if (why) {
            reader_problem(r, path.data, why);
            continue;
        }
        if (path.len > r->lim->max_name) {
            reader_error(r, "use shorter names", path.data,
                         "has a name of %zu bytes; the limit is %zu", path.len, r->lim->max_name);
            continue;
        }
        struct stat st;
        if (fstatat(dfd, names[i], &st, AT_SYMLINK_NOFOLLOW)) {
            reader_error(r, NULL, path.data, "cannot be read: %s", strerror(errno));
        } else if (S_ISLNK(st.st_mode)) {
            reader_error(r, "copy the file itself into the pack", path.data,
                         "is a symbolic link; a pack may not contain links");
        } else if (S_ISDIR(st.st_mode)) {
            int sub = openat(dfd, names[i], O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub < 0) {
                reader_error(r, NULL, path.data, "(a folder) cannot be read: %s",
                             strerror(errno));
                continue;
            }
            strbuf_putc(&path, '/');
            folder_walk(r, sub, path.data);
            close(sub);
        } else if (S_ISREG(st.st_mode)) {
            if (++r->nfiles > r->lim->max_files)
                reader_too_many(r);
            else
                folder_read_file(r, dfd, names[i], path.data, &st);
        } else {
            reader_error(r, "a pack holds only folders and ordinary files", path.data,
                         "is a device, pipe or socket, not a file");
        }
    }
    strbuf_free(&path);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

void reader_folder(Reader *r, int dfd)
{
    folder_walk(r, dfd, "");
    const char **names = mb_xmalloc((r->files->count ? r->files->count : 1) * sizeof *names);
    for (size_t i = 0; i < r->files->count; i++)
        names[i] = r->files->items[i].path;
    reader_check_names(r, names, r->files->count);
    free(names);
}
