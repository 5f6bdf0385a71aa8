/* One question file is a pack: a bare quiz.gift, the quiz.txt Moodle's
 * question bank exports as GIFT, or its Moodle XML export quiz.xml, is
 * wrapped as a pack of one unit holding its questions. Its id and title come from the file name, its version from the
 * file's time (a later edit imports over the earlier one), its language
 * from its text (Chinese when Chinese characters are most of its letters).
 * Messages about the questions name the file itself. Input is untrusted:
 * the file is read within the pack's limits and parsed as any quiz. */
#include "pack_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static bool suffix_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (n < m)
        return false;
    for (size_t i = 0; i < m; i++)
        if (tolower((unsigned char)s[n - m + i]) != suffix[i])
            return false;
    return true;
}

bool pack_is_quiz_name(const char *path)
{
    return suffix_ci(path, ".gift") || suffix_ci(path, ".txt") || suffix_ci(path, ".xml");
}

static const char *base_of(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* The file name without its extension, as a title: control characters and
 * what pack.ini would read as a comment become spaces. */
static char *single_title(Arena *a, const char *path)
{
    const char *base = base_of(path);
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    char *t = arena_strndup(a, base, n);
    for (char *c = t; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7F || *c == ';' || *c == '#' || *c == '\\')
            *c = ' ';
    return t;
}

/* The title as a pack id: lower-case letters and digits, '-' between. */
static char *single_id(Arena *a, const char *title)
{
    size_t n = strlen(title);
    char *id = arena_alloc(a, n + 5);
    size_t k = 0;
    for (const char *c = title; *c; c++) {
        if (isalnum((unsigned char)*c) && !((unsigned char)*c & 0x80))
            id[k++] = (char)tolower((unsigned char)*c);
        else if (k && id[k - 1] != '-')
            id[k++] = '-';
        if (k >= 60)
            break;
    }
    while (k && id[k - 1] == '-')
        k--;
    if (!k) {
        memcpy(id, "quiz", 4);
        k = 4;
    }
    id[k] = 0;
    return id;
}

/* Chinese when Han characters are at least a third of the letters (of an
 * XML file's text, not of its tags). */
static Lang single_lang(const char *data, size_t len, bool xml)
{
    size_t han = 0, latin = 0, i = 0;
    bool tag = false;
    while (i < len) {
        uint32_t cp = utf8_decode(data, len, &i);
        if (xml && (cp == '<' || cp == '>')) {
            tag = cp == '<';
            continue;
        }
        if (tag)
            continue;
        if (cp >= 0x4E00 && cp <= 0x9FFF)
            han++;
        else if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
            latin++;
    }
    return han * 3 >= latin && han ? LANG_ZH : LANG_EN;
}

/* The Markdown text of a title: punctuation Markdown reads escaped. */
static void md_escaped(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_{}[]()<>#+-.!|~", *s))
            strbuf_putc(b, '\\');
        strbuf_putc(b, *s);
    }
}

int pack_load_quiz_file(const char *path, Pack **out, PackSingle *info, Diags *diags)
{
    *out = NULL;
    PackLimits lim = pack_limits_default();
    struct stat st;
    char *data = NULL;
    size_t len = 0;
    bool xml = suffix_ci(path, ".xml"); /* its images make it larger */
    if (stat(path, &st) || mb_read_file(path, xml ? lim.max_xml_file : lim.max_text_file, &data,
                                        &len)) {
        if (xml)
            diags_add(diags, DIAG_ERROR, path, 0, 0, "a Moodle XML quiz is a file of at most 16 MB",
                      "cannot be read");
        else
            diags_add(diags, DIAG_ERROR, path, 0, 0, "a quiz is a text file of at most 1 MB",
                      "cannot be read");
        return 1;
    }
    Arena a = {0};
    char *title = single_title(&a, path);
    char *id = single_id(&a, title);
    Lang l = single_lang(data, len, xml);
    const char *lc = lang_code(l);
    struct tm tm;
    time_t t = st.st_mtime;
    gmtime_r(&t, &tm);
    StrBuf ini = {0}, md = {0};
    strbuf_printf(&ini,
                  "[pack]\nformat = 1\nid = %s\nversion = %d.%d.%d\nlanguages = %s\n"
                  "[%s]\ntitle = %s\n",
                  id, tm.tm_year + 1900, (tm.tm_mon + 1) * 100 + tm.tm_mday,
                  tm.tm_hour * 10000 + tm.tm_min * 100 + tm.tm_sec, lc, lc, title);
    strbuf_puts(&md, "# ");
    md_escaped(&md, title);
    strbuf_puts(&md, "\n\n");
    md_escaped(&md, base_of(path));
    strbuf_puts(&md, "\n");
    PackFiles files = {0};
    char *unit = arena_printf(&a, "units/01-%s.%s.md", id, lc);
    char *quiz = arena_printf(&a, "quizzes/01-%s.%s.%s", id, lc, xml ? "xml" : "gift");
    pack_files_add(&files, "pack.ini", ini.data, ini.len);
    pack_files_add(&files, unit, md.data, md.len);
    pack_files_add(&files, quiz, data, len);
    strbuf_free(&ini);
    strbuf_free(&md);
    free(data);
    int errors = pack_build_single(&files, path, out, diags);
    if (info) {
        snprintf(info->id, sizeof info->id, "%s", id);
        snprintf(info->title, sizeof info->title, "%s", title);
        info->lang = l;
    }
    arena_reset(&a);
    return errors;
}

bool pack_is_quiz_file(const char *path)
{
    struct stat st;
    if (!pack_is_quiz_name(path) || stat(path, &st) || !S_ISREG(st.st_mode))
        return false;
    FILE *f = fopen(path, "rb");
    if (!f)
        return true; /* pack_load_quiz_file says why */
    unsigned char m[2] = {0};
    size_t n = fread(m, 1, 2, f);
    fclose(f);
    return !(n == 2 && m[0] == 'P' && m[1] == 'K');
}

bool pack_looks_like_quiz(const char *path)
{
    if (!pack_is_quiz_file(path))
        return false;
    if (suffix_ci(path, ".gift") || suffix_ci(path, ".xml"))
        return true;
    /* A .txt is a GIFT quiz when it has an answer block: not a README. */
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    char buf[65536];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    const char *open = memchr(buf, '{', n);
    return open && memchr(open, '}', n - (size_t)(open - buf));
}
