/* Reads a pack's files into memory from a folder or a zip archive. Input is
 * untrusted: it comes from a USB stick. Nothing is written to disk and no
 * link inside the pack is followed. Every name is checked (absolute, "..",
 * backslash, links, devices, duplicates, case collisions), and every size is
 * checked twice: as declared (the zip's central directory, the folder's
 * stat) before reading, and as bytes actually produced while reading, since
 * a zip can lie and overlapping entries make bombs. Each problem gets its
 * own message naming the entry; the origin (as the user named it) is the
 * message's path. */
#include "mingbai/pack.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "model_internal.h"

#define KIB ((size_t)1024)
#define MIB ((size_t)1024 * 1024)
/* Entries that unpack to less than this are not held to the compression
 * ratio: a bomb needs bulk, while a short Markdown table or a run of spaces
 * may compress better than 100:1 without harm (the total still counts). */
#define RATIO_FLOOR (64 * KIB)
/* Room for the zip's folder entries ("units/") beside max_files files. */
#define ZIP_EXTRA_ENTRIES 256

PackLimits pack_limits_default(void)
{
    PackLimits l = {
        .max_total = 64 * MIB,
        .max_files = 2000,
        .max_text_file = 1 * MIB,
        .max_image_file = 8 * MIB,
        .max_ratio = 100,
        .max_name = 255,
        .max_md_nesting = 16,
    };
    return l;
}

/* ---------------- the file list ---------------- */

static int file_cmp(const void *a, const void *b)
{
    return strcmp(((const PackFile *)a)->path, ((const PackFile *)b)->path);
}

/* ---------------- messages ---------------- */

void pack_quote(StrBuf *b, const char *s, size_t n)
{
    enum { MAX_CHARS = 80 };
    size_t i = 0;
    int chars = 0;
    strbuf_putc(b, '"');
    while (i < n) {
        if (chars++ == MAX_CHARS) {
            strbuf_puts(b, "...");
            break;
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f)
                strbuf_printf(b, "\\x%02X", c);
            else
                strbuf_putc(b, (char)c);
            i++;
            continue;
        }
        size_t start = i;
        uint32_t cp = utf8_decode(s, n, &i);
        if (cp == 0xFFFD && i - start == 1)
            strbuf_printf(b, "\\x%02X", c);
        else if ((cp >= 0x80 && cp < 0xA0) || (cp >= 0x202A && cp <= 0x202E) ||
                 (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029)
            /* C1 controls and bidirectional overrides can reorder or hide
             * what the terminal shows. */
            strbuf_printf(b, "\\u%04X", (unsigned)cp);
        else
            strbuf_append(b, s + start, i - start);
    }
    strbuf_putc(b, '"');
}

static void size_text(char *buf, size_t cap, uint64_t n)
{
    if (n >= MIB && n % MIB == 0)
        snprintf(buf, cap, "%llu MiB", (unsigned long long)(n / MIB));
    else if (n >= MIB)
        snprintf(buf, cap, "%.1f MiB", (double)n / (double)MIB);
    else if (n >= KIB && n % KIB == 0)
        snprintf(buf, cap, "%llu KiB", (unsigned long long)(n / KIB));
    else
        snprintf(buf, cap, "%llu bytes", (unsigned long long)n);
}

/* ---------------- names ---------------- */

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (m > n)
        return false;
    for (size_t i = 0; i < m; i++) {
        char a = s[n - m + i], b = suffix[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return false;
    }
    return true;
}

static bool is_image_name(const char *path)
{
    return ends_with_ci(path, ".png") || ends_with_ci(path, ".jpg") ||
           ends_with_ci(path, ".jpeg");
}

static size_t file_limit(const PackLimits *lim, const char *path)
{
    return is_image_name(path) ? lim->max_image_file : lim->max_text_file;
}

/* Why a relative '/'-separated name of n bytes is unsafe, or NULL. A folder
 * entry of a zip ends with '/'. */
static const char *name_problem(const char *name, size_t n)
{
    if (n == 0)
        return "has an empty name";
    if (!utf8_valid(name, n, NULL))
        return "has a name that is not valid UTF-8";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7f)
            return "has control characters in its name";
    }
    if (memchr(name, '\\', n))
        return "has a backslash in its name; a pack uses '/' between folders";
    if (name[0] == '/')
        return "is an absolute path; names in a pack are relative to its folder";
    if (n >= 2 && name[1] == ':' &&
        ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')))
        return "starts with a drive letter (an absolute Windows path)";
    size_t end = name[n - 1] == '/' ? n - 1 : n;
    size_t start = 0;
    for (size_t i = 0; i <= end; i++) {
        if (i < end && name[i] != '/')
            continue;
        size_t len = i - start;
        if (len == 2 && name[start] == '.' && name[start + 1] == '.')
            return "has a \"..\" component, which would leave the pack's folder";
        if (len == 0)
            return "has an empty folder name (\"//\")";
        if (len == 1 && name[start] == '.')
            return "has a \".\" component";
        start = i + 1;
    }
    return NULL;
}

/* Hidden files (".DS_Store", ".git/") and macOS's "__MACOSX/" are skipped
 * silently: editors and archivers add them and they are never content. */
static bool name_is_hidden(const char *name)
{
    if (!strncmp(name, "__MACOSX/", 9))
        return true;
    for (const char *c = name; *c; c++)
        if (*c == '.' && (c == name || c[-1] == '/'))
            return true;
    return false;
}

/* ---------------- the reader ---------------- */

typedef struct {
    const char *origin;
    const PackLimits *lim;
    PackFiles *files;
    Diags *diags;
    int errors;
    size_t nfiles;  /* files seen, for max_files */
    uint64_t total; /* bytes read, for max_total */
    bool stop;      /* a pack-wide limit was hit: read nothing more */
    bool duplicate_names; /* libzip saw a name twice */
} Reader;

/* Adds "NAME <formatted text>" as an error: every entry problem names the
 * entry first, quoted (it may be hostile), then says what is wrong. */
static void reader_error(Reader *r, const char *hint, const char *name, const char *fmt, ...)
    MB_PRINTF(4, 5);
static void reader_error(Reader *r, const char *hint, const char *name, const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    StrBuf q = {0};
    pack_quote(&q, name, strlen(name));
    diags_add(r->diags, DIAG_ERROR, r->origin, 0, 0, hint, "%s %s", q.data, text);
    strbuf_free(&q);
    r->errors++;
}

static void reader_too_many(Reader *r)
{
    if (r->stop)
        return;
    diags_add(r->diags, DIAG_ERROR, r->origin, 0, 0,
              "split the course into several packs", "the pack has more than %zu files",
              r->lim->max_files);
    r->errors++;
    r->stop = true;
}

static void reader_too_big(Reader *r)
{
    if (r->stop)
        return;
    char lim[32];
    size_text(lim, sizeof lim, r->lim->max_total);
    diags_add(r->diags, DIAG_ERROR, r->origin, 0, 0,
              "make images smaller, or split the course into several packs",
              "the pack's files add up to more than %s", lim);
    r->errors++;
    r->stop = true;
}

/* Says that name is over its size limit: verb is "declares" for what a zip
 * claims, "is" or "unpacks to" for bytes actually seen. */
static void reader_file_too_big(Reader *r, const char *name, const char *verb, uint64_t size)
{
    bool image = is_image_name(name);
    char got[32], lim[32];
    size_text(got, sizeof got, size);
    size_text(lim, sizeof lim, file_limit(r->lim, name));
    reader_error(r,
                 image ? "save the image smaller (fewer pixels, JPEG for photos)"
                       : "split the text into several units",
                 name, "%s %s; %s may be at most %s", verb, got, image ? "an image" : "a text file",
                 lim);
}

/* ---------------- pack-wide name checks ---------------- */

static int ci_cmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z')
            y += 'a' - 'A';
        if (x != y || !x)
            return x - y;
    }
}

static int ci_ptr_cmp(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int c = ci_cmp(x, y);
    return c ? c : strcmp(x, y);
}

static bool ci_prefix(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        int x = (unsigned char)*s, y = (unsigned char)*prefix;
        if (x >= 'A' && x <= 'Z')
            x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z')
            y += 'a' - 'A';
        if (x != y)
            return false;
    }
    return true;
}

/* Duplicates, names that differ only in case (they collide on the FAT
 * stick and on a case-insensitive laptop) and a file that is also a folder.
 * names are the final relative paths. Returns true when all is well. */
static bool reader_check_names(Reader *r, const char **names, size_t n)
{
    bool ok = true;
    const char **sorted = mb_xmalloc((n ? n : 1) * sizeof *sorted);
    memcpy(sorted, names, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, ci_ptr_cmp);
    for (size_t i = 1; i < n; i++) {
        if (ci_cmp(sorted[i - 1], sorted[i]))
            continue;
        ok = false;
        if (!strcmp(sorted[i - 1], sorted[i])) {
            reader_error(r, "remove one of the copies", sorted[i], "is in the archive twice");
        } else {
            StrBuf other = {0};
            pack_quote(&other, sorted[i - 1], strlen(sorted[i - 1]));
            reader_error(r, "rename one of them", sorted[i], "and %s differ only in case",
                         other.data);
            strbuf_free(&other);
        }
    }
    /* "a" and "a/b": the sorted order puts every "a/..." after "a", but
     * "a-b" may come between, so look the prefix up. */
    StrBuf pre = {0};
    for (size_t i = 0; i < n; i++) {
        pre.len = 0;
        strbuf_puts(&pre, sorted[i]);
        strbuf_putc(&pre, '/');
        size_t lo = i + 1, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (ci_cmp(sorted[mid], pre.data) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n && ci_prefix(sorted[lo], pre.data)) {
            ok = false;
            reader_error(r, "rename the file or the folder", sorted[i],
                         "is both a file and a folder");
        }
    }
    strbuf_free(&pre);
    free(sorted);
    return ok;
}

/* ---------------- folders ---------------- */

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
    size_t limit = file_limit(r->lim, path);
    if ((uint64_t)st->st_size > limit) {
        reader_file_too_big(r, path, "is", (uint64_t)st->st_size);
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
        reader_file_too_big(r, path, "is", len);
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
            continue; /* ".", "..", and hidden files (see name_is_hidden) */
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
        const char *why = name_problem(path.data, path.len);
        if (why) {
            reader_error(r, NULL, path.data, "%s", why);
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

static void folder_read(Reader *r, int dfd)
{
    folder_walk(r, dfd, "");
    const char **names = mb_xmalloc((r->files->count ? r->files->count : 1) * sizeof *names);
    for (size_t i = 0; i < r->files->count; i++)
        names[i] = r->files->items[i].path;
    reader_check_names(r, names, r->files->count);
    free(names);
}

/* ---------------- zip archives ---------------- */

/* The archive's bytes, for looking at its end before libzip does. */
typedef struct {
    const unsigned char *mem; /* or NULL: read fd */
    int fd;
    uint64_t size;
} ZipBytes;

static bool zipbytes_read(const ZipBytes *z, uint64_t off, void *buf, size_t n)
{
    if (off > z->size || n > z->size - off)
        return false;
    if (z->mem) {
        memcpy(buf, z->mem + off, n);
        return true;
    }
    size_t got = 0;
    while (got < n) {
        ssize_t k = pread(z->fd, (char *)buf + got, n - got, (off_t)(off + got));
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return false;
        got += (size_t)k;
    }
    return true;
}

static uint64_t le(const unsigned char *p, int bytes)
{
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* The largest entry count any end-of-central-directory record near the end
 * announces (zip64 included), or 0 when there is none. libzip allocates for
 * every entry while opening, so an archive announcing 10^6 entries is
 * refused before it gets there; the largest candidate is taken so that a
 * fake record in the comment cannot hide the real one. */
static uint64_t zip_announced_entries(const ZipBytes *z)
{
    size_t tail = (size_t)MB_MIN(z->size, (uint64_t)(22 + 65535 + 20));
    unsigned char *buf = mb_xmalloc(tail ? tail : 1);
    uint64_t best = 0;
    if (!zipbytes_read(z, z->size - tail, buf, tail))
        goto done;
    for (size_t p = tail >= 22 ? tail - 22 + 1 : 0; p-- > 0;) {
        if (memcmp(buf + p, "PK\5\6", 4))
            continue;
        uint64_t n = le(buf + p + 10, 2);
        if (n == 0xFFFF && p >= 20 && !memcmp(buf + p - 20, "PK\6\7", 4)) {
            unsigned char rec[56];
            uint64_t off = le(buf + p - 20 + 8, 8);
            if (zipbytes_read(z, off, rec, sizeof rec) && !memcmp(rec, "PK\6\6", 4))
                n = le(rec + 32, 8);
        }
        best = MB_MAX(best, n);
    }
done:
    free(buf);
    return best;
}

typedef struct {
    zip_uint64_t index;
    char *name;       /* as stored */
    const char *path; /* name without a common top folder */
    uint64_t size, comp_size;
} ZipEntry;

/* Sorts out one central-directory entry: appends it to list when it is a
 * file to read, says why not otherwise (or skips it silently). */
static void zip_check_entry(Reader *r, zip_t *za, zip_uint64_t i, ZipEntry **list, size_t *n,
                            size_t *cap)
{
    const char *name = zip_get_name(za, i, 0);
    if (!name) {
        diags_add(r->diags, DIAG_ERROR, r->origin, 0, 0, NULL,
                  "entry %llu of the archive cannot be read: %s", (unsigned long long)i,
                  zip_strerror(za));
        r->errors++;
        return;
    }
    size_t len = strlen(name);
    const char *why = name_problem(name, len);
    if (why) {
        reader_error(r, NULL, name, "%s", why);
        return;
    }
    if (len > r->lim->max_name) {
        reader_error(r, "use shorter names", name, "has a name of %zu bytes; the limit is %zu",
                     len, r->lim->max_name);
        return;
    }
    bool is_dir = name[len - 1] == '/';
    zip_uint8_t opsys;
    zip_uint32_t attr;
    if (zip_file_get_external_attributes(za, i, 0, &opsys, &attr) == 0 &&
        opsys == ZIP_OPSYS_UNIX) {
        unsigned mode = attr >> 16;
        switch (mode & S_IFMT) {
        case S_IFLNK:
            reader_error(r, "copy the file itself into the pack", name,
                         "is a symbolic link; a pack may not contain links");
            return;
        case S_IFCHR:
        case S_IFBLK:
        case S_IFIFO:
        case S_IFSOCK:
            reader_error(r, "a pack holds only folders and ordinary files", name,
                         "is a device, pipe or socket, not a file");
            return;
        case S_IFDIR:
            is_dir = true;
            break;
        default:
            break;
        }
    }
    if (is_dir || name_is_hidden(name))
        return;
    zip_stat_t st;
    if (zip_stat_index(za, i, 0, &st)) {
        reader_error(r, NULL, name, "cannot be read: %s", zip_strerror(za));
        return;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        reader_error(r, "make the zip again without a password", name,
                     "is encrypted; a pack cannot have a password");
        return;
    }
    if ((st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method != ZIP_CM_STORE &&
        st.comp_method != ZIP_CM_DEFLATE) {
        reader_error(r, "make the zip with the standard (deflate) method", name,
                     "is compressed with method %u; only stored and deflated entries are read",
                     (unsigned)st.comp_method);
        return;
    }
    if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE)) {
        reader_error(r, NULL, name, "has no size in the archive's directory");
        return;
    }
    if (++r->nfiles > r->lim->max_files) {
        reader_too_many(r);
        return;
    }
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        *list = mb_xrealloc(*list, *cap * sizeof **list);
    }
    ZipEntry *e = &(*list)[(*n)++];
    e->index = i;
    e->name = mb_xstrdup(name);
    e->path = e->name;
    e->size = st.size;
    e->comp_size = st.comp_size;
}

/* A zip made with `zip -r pack.zip my-pack/` has everything under
 * "my-pack/": strip that folder, unless it is one of the pack's own. */
static void zip_strip_top(ZipEntry *list, size_t n)
{
    if (n == 0)
        return;
    const char *slash = strchr(list[0].name, '/');
    if (!slash)
        return;
    size_t top = (size_t)(slash - list[0].name) + 1;
    static const char *const own[] = {"units/", "quizzes/", "media/"};
    for (size_t k = 0; k < MB_COUNT(own); k++)
        if (strlen(own[k]) == top && !strncmp(list[0].name, own[k], top))
            return;
    for (size_t i = 1; i < n; i++)
        if (strncmp(list[i].name, list[0].name, top))
            return;
    for (size_t i = 0; i < n; i++)
        list[i].path = list[i].name + top;
}

static bool ratio_over(uint64_t size, uint64_t comp, size_t max_ratio)
{
    /* size > comp * max_ratio, without overflow */
    return size > RATIO_FLOOR && max_ratio && (size - 1) / max_ratio >= comp;
}

static void zip_ratio_error(Reader *r, const char *name, const char *verb)
{
    reader_error(r, "a pack never needs such compression; this looks like a zip bomb", name,
                 "%s more than %zu times its compressed size", verb, r->lim->max_ratio);
}

/* Checks what the central directory declares, before inflating anything. */
static void zip_check_declared(Reader *r, const ZipEntry *list, size_t n)
{
    uint64_t declared = 0;
    for (size_t i = 0; i < n; i++) {
        const ZipEntry *e = &list[i];
        if (e->size > file_limit(r->lim, e->path))
            reader_file_too_big(r, e->path, "declares", e->size);
        else if (ratio_over(e->size, e->comp_size, r->lim->max_ratio))
            zip_ratio_error(r, e->path, "declares it unpacks to");
        declared += MB_MIN(e->size, (uint64_t)r->lim->max_total + 1);
    }
    if (declared > r->lim->max_total)
        reader_too_big(r);
}

/* Inflates one entry into memory, counting the bytes actually produced. */
static void zip_inflate(Reader *r, zip_t *za, const ZipEntry *e)
{
    size_t limit = file_limit(r->lim, e->path);
    zip_file_t *zf = zip_fopen_index(za, e->index, 0);
    if (!zf) {
        reader_error(r, NULL, e->path, "cannot be unpacked: %s", zip_strerror(za));
        return;
    }
    size_t cap = (size_t)MB_MIN(e->size, (uint64_t)limit) + 1, got = 0;
    unsigned char *buf = mb_xmalloc(cap + 1);
    bool ok = true;
    for (;;) {
        if (got == cap) {
            if (cap > limit)
                break;
            cap = MB_MIN(cap * 2, limit + 1);
            buf = mb_xrealloc(buf, cap + 1);
        }
        zip_int64_t k = zip_fread(zf, buf + got, cap - got);
        if (k < 0) {
            reader_error(r, "the archive is damaged; make it again", e->path,
                         "cannot be unpacked: %s", zip_file_strerror(zf));
            ok = false;
            break;
        }
        if (k == 0)
            break;
        got += (size_t)k;
        if (got > limit) {
            reader_file_too_big(r, e->path, "unpacks to", got);
            ok = false;
            break;
        }
        if (r->total + got > r->lim->max_total) {
            reader_too_big(r);
            ok = false;
            break;
        }
        if (ratio_over(got, e->comp_size, r->lim->max_ratio)) {
            zip_ratio_error(r, e->path, "unpacks to");
            ok = false;
            break;
        }
    }
    zip_fclose(zf);
    if (!ok) {
        free(buf);
        return;
    }
    buf[got] = 0;
    r->total += got;
    pack_files_push(r->files, mb_xstrdup(e->path), buf, got);
}

/* A new libzip source over the archive's bytes; NULL on failure. */
static zip_source_t *zipbytes_source(const ZipBytes *z)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = NULL;
    if (z->mem) {
        src = zip_source_buffer_create(z->mem, z->size, 0, &ze);
    } else {
        /* libzip reads through its own FILE on a duplicate, so z->fd stays
         * the caller's; pread on it is not disturbed by libzip's seeks. */
        int fd = dup(z->fd);
        FILE *fp = fd >= 0 ? fdopen(fd, "rb") : NULL;
        if (!fp && fd >= 0)
            close(fd);
        src = fp ? zip_source_filep_create(fp, 0, -1, &ze) : NULL;
        if (!src && fp)
            fclose(fp);
    }
    zip_error_fini(&ze);
    return src;
}

/* Opens the archive with libzip's stricter checks. An archive with a name
 * twice fails them without saying which name, so it is opened again
 * without them (and never inflated) for the name checks to say it. */
static zip_t *zip_open_checked(Reader *r, const ZipBytes *bytes)
{
    int flags = ZIP_RDONLY | ZIP_CHECKCONS;
    for (;;) {
        zip_source_t *src = zipbytes_source(bytes);
        if (!src) {
            diags_add(r->diags, DIAG_ERROR, r->origin, 0, 0, NULL, "cannot open: %s",
                      strerror(errno));
            r->errors++;
            return NULL;
        }
        zip_error_t ze;
        zip_error_init(&ze);
        zip_t *za = zip_open_from_source(src, flags, &ze);
        int code = zip_error_code_zip(&ze);
        if (za) {
            zip_error_fini(&ze);
            return za; /* owns src now */
        }
        zip_source_free(src);
        if (code == ZIP_ER_EXISTS && (flags & ZIP_CHECKCONS)) {
            zip_error_fini(&ze);
            r->duplicate_names = true;
            flags &= ~ZIP_CHECKCONS;
            continue;
        }
        diags_add(r->diags, DIAG_ERROR, r->origin, 0, 0, "make the zip again",
                  "the archive cannot be read: %s", zip_error_strerror(&ze));
        r->errors++;
        zip_error_fini(&ze);
        return NULL;
    }
}

static void zip_read(Reader *r, const ZipBytes *bytes)
{
    ZipEntry *list = NULL;
    size_t n = 0, cap = 0;
    uint64_t announced = zip_announced_entries(bytes);
    if (announced > r->lim->max_files + ZIP_EXTRA_ENTRIES) {
        diags_add(r->diags, DIAG_ERROR, r->origin, 0, 0, "split the course into several packs",
                  "the archive lists %llu entries; a pack has at most %zu files",
                  (unsigned long long)announced, r->lim->max_files);
        r->errors++;
        return;
    }
    zip_t *za = zip_open_checked(r, bytes);
    if (!za)
        return;
    zip_int64_t count = zip_get_num_entries(za, 0);
    if (count < 0 || (uint64_t)count > r->lim->max_files + ZIP_EXTRA_ENTRIES) {
        diags_add(r->diags, DIAG_ERROR, r->origin, 0, 0, "split the course into several packs",
                  "the archive lists %lld entries; a pack has at most %zu files",
                  (long long)count, r->lim->max_files);
        r->errors++;
        goto done;
    }
    for (zip_uint64_t i = 0; i < (zip_uint64_t)count && !r->stop; i++)
        zip_check_entry(r, za, i, &list, &n, &cap);
    if (r->stop)
        goto done;
    zip_strip_top(list, n);
    const char **names = mb_xmalloc((n ? n : 1) * sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = list[i].path;
    bool names_ok = reader_check_names(r, names, n);
    free(names);
    if (r->duplicate_names && names_ok) {
        /* libzip saw a name twice where the checks above did not (a
         * folder entry, a hidden file): refuse all the same. */
        diags_add(r->diags, DIAG_ERROR, r->origin, 0, 0, "make the zip again",
                  "the archive holds two entries with the same name");
        r->errors++;
    }
    zip_check_declared(r, list, n);
    for (size_t i = 0; i < n && !r->errors; i++)
        zip_inflate(r, za, &list[i]);
done:
    for (size_t i = 0; i < n; i++)
        free(list[i].name);
    free(list);
    zip_discard(za); /* also frees the source */
}

/* ---------------- entry points ---------------- */

static int reader_finish(Reader *r)
{
    if (r->errors) {
        pack_files_free(r->files);
        return r->errors;
    }
    if (r->files->count > 1)
        qsort(r->files->items, r->files->count, sizeof *r->files->items, file_cmp);
    return 0;
}

static bool is_zip_magic(const unsigned char *p, size_t n)
{
    return n >= 4 && p[0] == 'P' && p[1] == 'K' &&
           ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6));
}

int pack_files_read_zip_mem(const void *data, size_t len, const char *origin,
                            const PackLimits *lim, PackFiles *files, Diags *diags)
{
    Reader r = {.origin = origin, .lim = lim, .files = files, .diags = diags};
    memset(files, 0, sizeof *files);
    if (!is_zip_magic(data, len)) {
        diags_add(diags, DIAG_ERROR, origin, 0, 0, NULL, "this is not a zip archive");
        return 1;
    }
    ZipBytes bytes = {.mem = data, .fd = -1, .size = len};
    zip_read(&r, &bytes);
    return reader_finish(&r);
}

int pack_files_read(const char *path, const PackLimits *lim, PackFiles *files, Diags *diags)
{
    Reader r = {.origin = path, .lim = lim, .files = files, .diags = diags};
    memset(files, 0, sizeof *files);
    /* The path the user named may itself be a link (a mount point, a
     * shortcut); only what is inside the pack must not be. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st)) {
        diags_add(diags, DIAG_ERROR, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        folder_read(&r, fd);
        close(fd);
        return reader_finish(&r);
    }
    unsigned char magic[4] = {0};
    ZipBytes bytes = {.fd = fd, .size = (uint64_t)st.st_size};
    if (!S_ISREG(st.st_mode) || !zipbytes_read(&bytes, 0, magic, 4) || !is_zip_magic(magic, 4)) {
        diags_add(diags, DIAG_ERROR, path, 0, 0,
                  "a pack is a folder with a pack.ini, or a .zip of that folder",
                  "not a pack: neither a folder nor a zip archive");
        close(fd);
        return 1;
    }
    zip_read(&r, &bytes);
    close(fd);
    return reader_finish(&r);
}
