/* One question file is a pack: a bare quiz.gift, the quiz.txt Moodle's
 * question bank exports as GIFT, or its Moodle XML export quiz.xml, is
 * wrapped as a pack of one unit holding its questions (of several, one per
 * category, when it has more than a round asks: pack_split.c). Its id and
 * title come from the file name, its version from the
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

/* What every pack made of the file shares: names, its manifest. */
typedef struct {
    const char *path, *id, *title, *lc;
    bool xml;
    const char *data;
    size_t len;
    struct tm tm;
} Single;

/* Unit n (1-based) of the pack: its page (the title and the file's name)
 * and its quiz, text bytes long. */
static void single_unit(PackFiles *files, Arena *a, const Single *s, int n, const char *title,
                        const char *text, size_t len)
{
    StrBuf md = {0};
    strbuf_puts(&md, "# ");
    md_escaped(&md, title);
    strbuf_puts(&md, "\n\n");
    md_escaped(&md, base_of(s->path));
    strbuf_puts(&md, "\n");
    char *unit = arena_printf(a, "units/%02d-%s.%s.md", n, s->id, s->lc);
    char *quiz = arena_printf(a, "quizzes/%02d-%s.%s.%s", n, s->id, s->lc, s->xml ? "xml" : "gift");
    pack_files_add(files, unit, md.data, md.len);
    pack_files_add(files, quiz, text, len);
    strbuf_free(&md);
}

/* The pack's files: its manifest, and one unit of the whole file, or one
 * per part of it (nparts > 0). */
static void single_files(PackFiles *files, Arena *a, const Single *s, const SplitPart *parts,
                         size_t nparts)
{
    StrBuf ini = {0};
    strbuf_printf(&ini, "[pack]\nformat = 1\nid = %s\nversion = %d.%d.%d\nlanguages = %s\n", s->id,
                  s->tm.tm_year + 1900, (s->tm.tm_mon + 1) * 100 + s->tm.tm_mday,
                  s->tm.tm_hour * 10000 + s->tm.tm_min * 100 + s->tm.tm_sec, s->lc);
    if (nparts) /* a name the file repeats may fall into two parts */
        strbuf_puts(&ini, "repeated_ids = rename\n");
    strbuf_printf(&ini, "[%s]\ntitle = %s\n", s->lc, s->title);
    pack_files_add(files, "pack.ini", ini.data, ini.len);
    strbuf_free(&ini);
    if (!nparts)
        single_unit(files, a, s, 1, s->title, s->data, s->len);
    for (size_t k = 0; k < nparts; k++)
        single_unit(files, a, s, (int)k + 1, parts[k].title, parts[k].text, parts[k].len);
}

/* Moves what from holds to the end of to (from is left empty). */
static void diags_take(Diags *to, Diags *from)
{
    for (size_t i = 0; i < from->count; i++) {
        if (to->count == to->cap) {
            to->cap = to->cap ? to->cap * 2 : 16;
            to->items = mb_xrealloc(to->items, to->cap * sizeof *to->items);
        }
        to->items[to->count++] = from->items[i];
    }
    to->errors += from->errors;
    to->warnings += from->warnings;
    free(from->items);
    memset(from, 0, sizeof *from);
}

/* The file as a pack of several units when it is too long for one round
 * and the parts build cleanly (a name repeated in two parts would not: its
 * questions then stay in one unit, as the file has them); else of one. */
static int single_build(const Single *s, Arena *a, Pack **out, int *units, Diags *diags)
{
    SplitPart *parts;
    size_t nparts = pack_split_quiz(a, s->path, s->data, s->len, s->xml, s->title, &parts);
    PackFiles files = {0};
    if (nparts) {
        Diags tried = {0};
        single_files(&files, a, s, parts, nparts);
        int errors = pack_build_single(&files, s->path, out, &tried);
        if (!errors) {
            diags_take(diags, &tried);
            *units = (int)nparts;
            return 0;
        }
        diags_free(&tried);
        pack_free(*out);
        *out = NULL;
        files = (PackFiles){0};
    }
    single_files(&files, a, s, NULL, 0);
    *units = 1;
    return pack_build_single(&files, s->path, out, diags);
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
    Single s = {.path = path, .xml = xml, .data = data, .len = len};
    s.title = single_title(&a, path);
    s.id = single_id(&a, s.title);
    Lang l = single_lang(data, len, xml);
    s.lc = lang_code(l);
    time_t t = st.st_mtime;
    gmtime_r(&t, &s.tm);
    int units;
    int errors = single_build(&s, &a, out, &units, diags);
    free(data);
    if (info) {
        snprintf(info->id, sizeof info->id, "%s", s.id);
        snprintf(info->title, sizeof info->title, "%s", s.title);
        info->lang = l;
        info->units = units;
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
