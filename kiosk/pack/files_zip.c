/* Reading a pack from a zip archive, in memory or in a file. Input is
 * untrusted: the archive's directory may lie about sizes, names and entry
 * counts. The count is checked before libzip allocates for it, entries that
 * overlap and each entry's name, kind, method and declared size before
 * anything is inflated, and the bytes actually produced while inflating
 * (no more than declared, limits, compression ratio). */
#include "files_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "model_internal.h"

/* Entries that unpack to less than this are not held to the compression
 * ratio: a bomb needs bulk, while a short Markdown table or a run of spaces
 * may compress better than 100:1 without harm (the total still counts). */
#define RATIO_FLOOR (64 * KIB)

bool zipbytes_read(const ZipBytes *z, uint64_t off, void *buf, size_t n)
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

/* What the entry's Unix mode says, for an archive made on Unix: false after
 * reporting a link or a device; *is_dir set for a folder. */
static bool zip_check_mode(Reader *r, zip_t *za, zip_uint64_t i, const char *name, bool *is_dir)
{
    zip_uint8_t opsys;
    zip_uint32_t attr;
    if (zip_file_get_external_attributes(za, i, 0, &opsys, &attr) == 0 &&
        opsys == ZIP_OPSYS_UNIX) {
        unsigned mode = attr >> 16;
        switch (mode & S_IFMT) {
        case S_IFLNK:
            reader_error(r, "copy the file itself into the pack", name,
                         "is a symbolic link; a pack may not contain links");
            return false;
        case S_IFCHR:
        case S_IFBLK:
        case S_IFIFO:
        case S_IFSOCK:
            reader_error(r, "a pack holds only folders and ordinary files", name,
                         "is a device, pipe or socket, not a file");
            return false;
        case S_IFDIR:
            *is_dir = true;
            break;
        default:
            break;
        }
    }
    return true;
}

/* Reads the entry's directory record into *st: false after reporting a
 * password, a method other than stored or deflated, or a missing size. */
static bool zip_check_stat(Reader *r, zip_t *za, zip_uint64_t i, const char *name, zip_stat_t *st)
{
    if (zip_stat_index(za, i, 0, st)) {
        reader_error(r, NULL, name, "cannot be read: %s", zip_strerror(za));
        return false;
    }
    if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE) {
        reader_error(r, "make the zip again without a password", name,
                     "is encrypted; a pack cannot have a password");
        return false;
    }
    if ((st->valid & ZIP_STAT_COMP_METHOD) && st->comp_method != ZIP_CM_STORE &&
        st->comp_method != ZIP_CM_DEFLATE) {
        reader_error(r, "make the zip with the standard (deflate) method", name,
                     "is compressed with method %u; only stored and deflated entries are read",
                     (unsigned)st->comp_method);
        return false;
    }
    if (!(st->valid & ZIP_STAT_SIZE) || !(st->valid & ZIP_STAT_COMP_SIZE)) {
        reader_error(r, NULL, name, "has no size in the archive's directory");
        return false;
    }
    return true;
}

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
    const char *why = pack_name_problem(name, len);
    if (why) {
        reader_problem(r, name, why);
        return;
    }
    if (len > r->lim->max_name) {
        reader_error(r, "use shorter names", name, "has a name of %zu bytes; the limit is %zu",
                     len, r->lim->max_name);
        return;
    }
    bool is_dir = name[len - 1] == '/';
    if (!zip_check_mode(r, za, i, name, &is_dir))
        return;
    if (is_dir || pack_name_is_hidden(name))
        return;
    zip_stat_t st;
    if (!zip_check_stat(r, za, i, name, &st))
        return;
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

/* declared: what the directory says, else what the entry unpacked to. */
static void zip_ratio_error(Reader *r, const char *name, bool declared)
{
    reader_error(r, "a pack never needs such compression; this looks like a zip bomb", name,
                 declared ? "declares it unpacks to more than %zu times its compressed size"
                          : "unpacks to more than %zu times its compressed size",
                 r->lim->max_ratio);
}

/* ---------------- overlapping entries ---------------- */

/* The bytes of the archive one entry takes: its local header, name, extra
 * field and compressed data. */
typedef struct {
    uint64_t start, end;
    zip_uint64_t index;
} ZipSpan;

static int span_cmp(const void *a, const void *b)
{
    const ZipSpan *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* A zip64 extra field's values for the fields saved as 0xFFFFFFFF, in
 * their order (size, compressed size, offset). */
static void zip64_values(const unsigned char *ex, size_t len, uint64_t *vals[3])
{
    for (size_t p = 0; p + 4 <= len;) {
        size_t id = (size_t)le(ex + p, 2), n = (size_t)le(ex + p + 2, 2);
        if (p + 4 + n > len)
            return;
        if (id == 1)
            for (size_t k = 0, q = p + 4; k < 3 && q + 8 <= p + 4 + n; k++)
                if (vals[k] && *vals[k] == 0xFFFFFFFFu)
                    *vals[k] = le(ex + q, 8), q += 8;
        p += 4 + n;
    }
}

/* The spans of the count records of the central directory at cd_off (cd
 * bytes long); false when it does not read as that many records. */
static bool zip_spans(const ZipBytes *z, uint64_t cd_off, uint64_t cd_size, size_t count,
                      ZipSpan *spans)
{
    if (cd_off > z->size || cd_size > z->size - cd_off || cd_size > 64 * MIB)
        return false;
    unsigned char *cd = mb_xmalloc(cd_size ? (size_t)cd_size : 1);
    bool ok = zipbytes_read(z, cd_off, cd, (size_t)cd_size);
    size_t p = 0;
    for (size_t i = 0; ok && i < count; i++) {
        if (p + 46 > cd_size || memcmp(cd + p, "PK\1\2", 4)) {
            ok = false;
            break;
        }
        uint64_t csize = le(cd + p + 20, 4), usize = le(cd + p + 24, 4), off = le(cd + p + 42, 4);
        size_t nlen = (size_t)le(cd + p + 28, 2), xlen = (size_t)le(cd + p + 30, 2);
        size_t clen = (size_t)le(cd + p + 32, 2);
        if (p + 46 + nlen + xlen + clen > cd_size) {
            ok = false;
            break;
        }
        uint64_t *vals[3] = {&usize, &csize, &off};
        zip64_values(cd + p + 46 + nlen, xlen, vals);
        unsigned char lh[30];
        ok = off <= z->size && zipbytes_read(z, off, lh, sizeof lh) && !memcmp(lh, "PK\3\4", 4);
        spans[i].index = i;
        spans[i].start = off;
        spans[i].end = off + 30 + le(lh + 26, 2) + le(lh + 28, 2) + MB_MIN(csize, z->size);
        p += 46 + nlen + xlen + clen;
    }
    free(cd);
    return ok;
}

/* Whether two entries share bytes of the archive (a zip tool never writes
 * that; an overlapping-entry bomb does): said with their names. The central
 * directory is read as libzip read it: the end record nearest the end whose
 * directory holds libzip's count of entries. */
static bool zip_check_overlap(Reader *r, zip_t *za, const ZipBytes *z, size_t count)
{
    size_t tail = (size_t)MB_MIN(z->size, (uint64_t)(22 + 65535 + 20));
    unsigned char *buf = mb_xmalloc(tail ? tail : 1);
    ZipSpan *spans = mb_xmalloc((count ? count : 1) * sizeof *spans);
    bool found = false, read = false;
    if (count < 2 || !zipbytes_read(z, z->size - tail, buf, tail))
        goto done;
    for (size_t p = tail >= 22 ? tail - 22 + 1 : 0; p-- > 0 && !read;) {
        if (memcmp(buf + p, "PK\5\6", 4))
            continue;
        uint64_t n = le(buf + p + 10, 2), size = le(buf + p + 12, 4), off = le(buf + p + 16, 4);
        if ((n == 0xFFFF || off == 0xFFFFFFFFu) && p >= 20 && !memcmp(buf + p - 20, "PK\6\7", 4)) {
            unsigned char rec[56];
            if (zipbytes_read(z, le(buf + p - 20 + 8, 8), rec, sizeof rec) &&
                !memcmp(rec, "PK\6\6", 4)) {
                n = le(rec + 32, 8);
                size = le(rec + 40, 8);
                off = le(rec + 48, 8);
            }
        }
        read = n == count && zip_spans(z, off, size, count, spans);
    }
    if (!read)
        goto done;
    qsort(spans, count, sizeof *spans, span_cmp);
    for (size_t i = 1; i < count && !found; i++) {
        const ZipSpan *a = &spans[i - 1], *b = &spans[i];
        if (b->start >= a->end)
            continue;
        found = true;
        const char *na = zip_get_name(za, a->index, 0), *nb = zip_get_name(za, b->index, 0);
        diags_add(r->diags, DIAG_ERROR, r->origin, 0, 0,
                  "a pack's zip never does this; this looks like a zip bomb",
                  "entries \"%s\" and \"%s\" overlap: they share bytes of the archive",
                  na ? na : "?", nb ? nb : "?");
        r->errors++;
    }
done:
    free(spans);
    free(buf);
    return found;
}

/* Checks what the central directory declares, before inflating anything. */
static void zip_check_declared(Reader *r, const ZipEntry *list, size_t n)
{
    uint64_t declared = 0;
    for (size_t i = 0; i < n; i++) {
        const ZipEntry *e = &list[i];
        if (e->size > pack_file_limit(r->lim, e->path))
            reader_file_too_big(r, e->path, SIZE_DECLARED, e->size);
        else if (ratio_over(e->size, e->comp_size, r->lim->max_ratio))
            zip_ratio_error(r, e->path, true);
        declared += MB_MIN(e->size, (uint64_t)r->lim->max_total + 1);
    }
    if (declared > r->lim->max_total)
        reader_too_big(r);
}

/* Inflates one entry into memory, counting the bytes actually produced. */
static void zip_inflate(Reader *r, zip_t *za, const ZipEntry *e)
{
    size_t limit = pack_file_limit(r->lim, e->path);
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
        if (got > e->size) {
            reader_error(r, "the archive is damaged or made to mislead; make the zip again", e->path,
                         "unpacks to more than the %llu bytes the archive's directory declares",
                         (unsigned long long)e->size);
            ok = false;
            break;
        }
        if (got > limit) {
            reader_file_too_big(r, e->path, SIZE_UNPACKED, got);
            ok = false;
            break;
        }
        if (r->total + got > r->lim->max_total) {
            reader_too_big(r);
            ok = false;
            break;
        }
        if (ratio_over(got, e->comp_size, r->lim->max_ratio)) {
            zip_ratio_error(r, e->path, false);
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

void reader_zip(Reader *r, const ZipBytes *bytes)
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
    if (zip_check_overlap(r, za, bytes, (size_t)count))
        goto done;
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
