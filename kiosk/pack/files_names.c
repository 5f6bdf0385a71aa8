/* Names in a pack and the messages about them: why a path is unsafe
 * (absolute, "..", a backslash, control characters, invalid UTF-8), which
 * ones are skipped as hidden, the size limit a name's kind gets, the checks
 * over all names for duplicates, names that differ only in case and a file
 * that is also a folder; and the reader's messages, which quote the name
 * first. Input is untrusted: names come from a zip's directory or a folder
 * on a USB stick, of any bytes and length. */
#include "files_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Adds "NAME <formatted text>" as an error: every entry problem names the
 * entry first, quoted (it may be hostile), then says what is wrong. */
void reader_error(Reader *r, const char *hint, const char *name, const char *fmt, ...)
{
    StrBuf q = {0};
    pack_quote(&q, name, strlen(name));
    va_list ap;
    va_start(ap, fmt);
    diags_vadd(r->diags, DIAG_ERROR, r->origin, 0, 0, hint, q.data, fmt, ap);
    va_end(ap);
    strbuf_free(&q);
    r->errors++;
}

void reader_problem(Reader *r, const char *name, const char *why)
{
    /* why is one of the messages of pack_name_problem(), keys of the
     * catalogue without conversions */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-security"
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    reader_error(r, NULL, name, why);
#pragma GCC diagnostic pop
}

void reader_too_many(Reader *r)
{
    if (r->stop)
        return;
    diags_add(r->diags, DIAG_ERROR, r->origin, 0, 0,
              "split the course into several packs", "the pack has more than %zu files",
              r->lim->max_files);
    r->errors++;
    r->stop = true;
}

void reader_too_big(Reader *r)
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

/* Says that name is over its size limit: what a zip declares, what a file
 * is, or what an entry unpacks to (the whole sentence for each, so that
 * every language words it its own way). */
void reader_file_too_big(Reader *r, const char *name, SizeSeen seen, uint64_t size)
{
    static const char *const fmt[][2] = {
        [SIZE_DECLARED] = {DIAG_TEXT("declares %s; a text file may be at most %s"),
                           DIAG_TEXT("declares %s; an image may be at most %s")},
        [SIZE_IS] = {DIAG_TEXT("is %s; a text file may be at most %s"),
                     DIAG_TEXT("is %s; an image may be at most %s")},
        [SIZE_UNPACKED] = {DIAG_TEXT("unpacks to %s; a text file may be at most %s"),
                           DIAG_TEXT("unpacks to %s; an image may be at most %s")},
    };
    bool image = pack_is_image_name(name);
    char got[32], lim[32];
    size_text(got, sizeof got, size);
    size_text(lim, sizeof lim, pack_file_limit(r->lim, name));
    reader_error(r,
                 image ? "save the image smaller (fewer pixels, JPEG for photos)"
                       : "split the text into several units",
                 name, fmt[seen][image], got, lim);
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

bool pack_is_image_name(const char *path)
{
    return ends_with_ci(path, ".png") || ends_with_ci(path, ".jpg") ||
           ends_with_ci(path, ".jpeg");
}

size_t pack_file_limit(const PackLimits *lim, const char *path)
{
    if (pack_is_image_name(path))
        return lim->max_image_file;
    /* A Moodle question file carries its images inside, in base64. */
    if (ends_with_ci(path, ".xml") && lim->max_xml_file > lim->max_text_file)
        return lim->max_xml_file;
    return lim->max_text_file;
}

/* Why a relative '/'-separated name of n bytes is unsafe, or NULL. A folder
 * entry of a zip ends with '/'. */
const char *pack_name_problem(const char *name, size_t n)
{
    if (n == 0)
        return DIAG_TEXT("has an empty name");
    if (!utf8_valid(name, n, NULL))
        return DIAG_TEXT("has a name that is not valid UTF-8");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7f)
            return DIAG_TEXT("has control characters in its name");
    }
    if (memchr(name, '\\', n))
        return DIAG_TEXT("has a backslash in its name; a pack uses '/' between folders");
    if (name[0] == '/')
        return DIAG_TEXT("is an absolute path; names in a pack are relative to its folder");
    if (n >= 2 && name[1] == ':' &&
        ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')))
        return DIAG_TEXT("starts with a drive letter (an absolute Windows path)");
    size_t end = name[n - 1] == '/' ? n - 1 : n;
    size_t start = 0;
    for (size_t i = 0; i <= end; i++) {
        if (i < end && name[i] != '/')
            continue;
        size_t len = i - start;
        if (len == 2 && name[start] == '.' && name[start + 1] == '.')
            return DIAG_TEXT("has a \"..\" component, which would leave the pack's folder");
        if (len == 0)
            return DIAG_TEXT("has an empty folder name (\"//\")");
        if (len == 1 && name[start] == '.')
            return DIAG_TEXT("has a \".\" component");
        start = i + 1;
    }
    return NULL;
}

/* Hidden files (".DS_Store", ".git/") and macOS's "__MACOSX/" are skipped
 * silently: editors and archivers add them and they are never content. */
bool pack_name_is_hidden(const char *name)
{
    if (!strncmp(name, "__MACOSX/", 9))
        return true;
    for (const char *c = name; *c; c++)
        if (*c == '.' && (c == name || c[-1] == '/'))
            return true;
    return false;
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
bool reader_check_names(Reader *r, const char **names, size_t n)
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
