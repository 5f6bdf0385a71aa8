/* One question file as a pack: Moodle's question bank exports a single
 * file, and an instructor should not have to write a pack around it. The
 * wrapper makes the files a pack of one unit would have -- pack.ini with an
 * id and a title from the file's name, a unit page named after the file,
 * and the file as that unit's quiz -- so that checking, showing and
 * importing it go the one way every pack goes. The name is untrusted: what
 * reaches pack.ini is reduced to what its syntax and an id allow. */
#include "mingbai/pack.h"

#include <stdlib.h>
#include <string.h>

/* The file's name without folders, the extension and a language suffix
 * (".en", ".zh-Hans"), whose language goes to *lang. */
static char *wrap_stem(const char *name, Lang *lang)
{
    const char *slash = strrchr(name, '/');
    char *stem = mb_xstrdup(slash ? slash + 1 : name);
    char *dot = strrchr(stem, '.');
    if (dot && dot != stem)
        *dot = 0;
    *lang = LANG_EN;
    dot = strrchr(stem, '.');
    if (dot && dot != stem && !lang_parse(dot + 1, lang))
        *dot = 0;
    return stem;
}

/* An id (letters, digits and '-', at most 64) from the stem. */
static void wrap_id(StrBuf *b, const char *stem)
{
    size_t start = b->len, n = 0;
    for (const char *c = stem; *c && n < 60; c++) {
        char ch = *c;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (ok) {
            strbuf_putc(b, ch);
            n++;
        } else if (n && b->data[b->len - 1] != '-') {
            strbuf_putc(b, '-');
            n++;
        }
    }
    while (b->len > start && b->data[b->len - 1] == '-')
        b->data[--b->len] = 0;
    if (b->len == start)
        strbuf_puts(b, "questions");
}

/* The stem as a one-line title: control characters and ';' (a comment in
 * pack.ini) become spaces. */
static void wrap_title(StrBuf *b, const char *stem)
{
    for (const char *c = stem; *c; c++)
        strbuf_putc(b, ((unsigned char)*c < 0x20 || *c == ';' || *c == 0x7f) ? ' ' : *c);
}

void pack_files_wrap_quiz(const char *name, const char *data, size_t len, PackFiles *files)
{
    memset(files, 0, sizeof *files);
    Lang lang;
    char *stem = wrap_stem(name, &lang);
    const char *code = lang_code(lang);
    StrBuf id = {0}, ini = {0}, unit = {0}, rel = {0};
    wrap_id(&id, stem);
    strbuf_printf(&ini, "; made from one question file\n[pack]\nformat = 1\nid = %s\n", id.data);
    strbuf_printf(&ini, "version = 1\nlanguages = %s\n\n[%s]\ntitle = ", code, code);
    wrap_title(&ini, stem);
    strbuf_putc(&ini, '\n');
    strbuf_puts(&unit, "# ");
    wrap_title(&unit, stem);
    strbuf_puts(&unit, "\n\n");
    wrap_title(&unit, name);
    strbuf_putc(&unit, '\n');
    pack_files_add(files, "pack.ini", ini.data, ini.len);
    /* The unit is named after the file: its questions' screenshots and
     * images say where they come from. */
    strbuf_printf(&rel, "units/01-%s.%s.md", id.data, code);
    pack_files_add(files, rel.data, unit.data, unit.len);
    rel.len = 0;
    strbuf_printf(&rel, "quizzes/01-%s.%s.xml", id.data, code);
    pack_files_add(files, rel.data, data, len);
    strbuf_free(&id);
    strbuf_free(&ini);
    strbuf_free(&unit);
    strbuf_free(&rel);
    free(stem);
}
