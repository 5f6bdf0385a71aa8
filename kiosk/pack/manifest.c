/* The pack's manifest, pack.ini: [pack] with format, id, version, languages,
 * licence and author, and a section per language with the title and
 * description; a missing or malformed value gets a located message and the
 * rest is still checked. Input is untrusted text, read line by line by
 * ini_reader.c. */
#include "ini_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VERSION_MAX 32

enum {
    K_FORMAT,
    K_ID,
    K_VERSION,
    K_LANGUAGES,
    K_LICENCE,
    K_AUTHOR,
    K_REPEATED_IDS,
    K_TITLE,                    /* + lang */
    K_DESC = K_TITLE + LANG_COUNT, /* + lang */
    K_COUNT = K_DESC + LANG_COUNT
};

typedef enum { SEC_NONE, SEC_PACK, SEC_LANG, SEC_OTHER } SectionKind;

typedef struct {
    Pack *p;
    SectionKind sec;
    Lang sec_lang;
    int pack_line;               /* line of [pack], 0 when absent */
    int lang_line[LANG_COUNT];   /* line of [en], [zh-Hans] */
    char *value[K_COUNT];
    int line[K_COUNT], col[K_COUNT];
    int last_key;                /* for continuation lines; -1 when none */
} Manifest;

static void manifest_section(IniCtx *c, const char *name)
{
    Manifest *m = c->user;
    Lang l;
    m->last_key = -1;
    if (!strcmp(name, "pack")) {
        m->sec = SEC_PACK;
        if (!m->pack_line)
            m->pack_line = c->line;
    } else if (!lang_parse(name, &l)) {
        m->sec = SEC_LANG;
        m->sec_lang = l;
        if (!m->lang_line[l])
            m->lang_line[l] = c->line;
    } else {
        char *q = ini_quoted(name, strlen(name));
        m->sec = SEC_OTHER;
        ini_diag(c, DIAG_WARNING, c->line, ini_col(c, c->cur.name),
                 "pack.ini has [pack] and one section per language ([en], [zh-Hans])",
                 "unknown section %s; its settings are ignored", q);
        free(q);
    }
}

static int manifest_key(SectionKind sec, Lang l, const char *name)
{
    static const char *const pack_keys[] = {"format",  "id",     "version",     "languages",
                                            "licence", "author", "repeated_ids"};
    if (sec == SEC_PACK) {
        for (size_t i = 0; i < MB_COUNT(pack_keys); i++)
            if (!strcmp(name, pack_keys[i]))
                return (int)i;
        if (!strcmp(name, "license"))
            return K_LICENCE;
    } else if (sec == SEC_LANG) {
        if (!strcmp(name, "title"))
            return K_TITLE + (int)l;
        if (!strcmp(name, "description"))
            return K_DESC + (int)l;
    }
    return -1;
}

static void manifest_entry(IniCtx *c, const char *name, const char *value, bool cont)
{
    Manifest *m = c->user;
    int col = ini_col(c, c->cur.name);
    if (cont) {
        if (m->last_key >= 0)
            m->value[m->last_key] = ini_join_lines(&m->p->arena, m->value[m->last_key], value);
        return;
    }
    m->last_key = -1;
    char *q = ini_quoted(name, strlen(name));
    if (m->sec == SEC_NONE) {
        ini_diag(c, DIAG_WARNING, c->line, col, "put it under [pack] or a language section",
                 "%s is outside any section; it is ignored", q);
    } else if (m->sec != SEC_OTHER) {
        int k = manifest_key(m->sec, m->sec_lang, name);
        if (k < 0) {
            ini_diag(c, DIAG_WARNING, c->line, col,
                     m->sec == SEC_PACK
                         ? "[pack] knows format, id, version, languages, licence, author, "
                           "repeated_ids"
                         : "a language section knows title and description",
                     "unknown setting %s; it is ignored", q);
        } else {
            if (m->line[k])
                ini_diag(c, DIAG_WARNING, c->line, col, NULL,
                         "%s is set again (first on line %d); this value is used", q,
                         m->line[k]);
            m->value[k] = arena_strdup(&m->p->arena, value);
            m->line[k] = c->line;
            m->col[k] = ini_col(c, c->cur.value);
            m->last_key = k;
        }
    }
    free(q);
}

static void manifest_check_format(IniCtx *c, Manifest *m)
{
    const char *v = m->value[K_FORMAT];
    int line = m->line[K_FORMAT], col = m->col[K_FORMAT];
    const char *hint = DIAG_TEXT("this kiosk reads packs written for format = 1");
    size_t i = 0;
    bool neg = v[0] == '-';
    if (neg)
        i++;
    size_t digits = strspn(v + i, "0123456789");
    if (digits == 0 || v[i + digits]) {
        char *q = ini_quoted(v, strlen(v));
        ini_diag(c, DIAG_ERROR, line, col, hint, "format must be a whole number, not %s", q);
        free(q);
        return;
    }
    if (neg || digits > 6 || atoi(v) == 0) {
        ini_diag(c, DIAG_ERROR, line, col, hint, "pack format %s does not exist", v);
        return;
    }
    int f = atoi(v);
    if (f > 1) {
        ini_diag(c, DIAG_ERROR, line, col,
                 "update the kiosk's software, or ask for the pack in format 1",
                 "pack format %d is newer than this kiosk understands (it reads format 1)", f);
        return;
    }
    m->p->format = f;
}

static void manifest_check_id(IniCtx *c, Manifest *m)
{
    const char *v = m->value[K_ID];
    size_t n = strlen(v);
    bool ok = n > 0 && n <= ID_MAX;
    for (size_t i = 0; ok && i < n; i++)
        ok = ini_id_char(v[i], false);
    if (!ok) {
        char *q = ini_quoted(v, n);
        ini_diag(c, DIAG_ERROR, m->line[K_ID], m->col[K_ID],
                 "an id such as media-literacy never changes between editions",
                 n > ID_MAX ? "id %s is longer than 64 characters"
                            : "id %s may use only letters, digits and '-'",
                 q);
        free(q);
        return;
    }
    m->p->id = m->value[K_ID];
}

static void manifest_check_version(IniCtx *c, Manifest *m)
{
    const char *v = m->value[K_VERSION];
    size_t n = strlen(v);
    bool ok = n > 0 && n <= VERSION_MAX && v[0] != '.' && v[n - 1] != '.';
    for (size_t i = 0; ok && i < n; i++)
        ok = (v[i] >= '0' && v[i] <= '9') || (v[i] == '.' && v[i + 1] != '.');
    if (!ok) {
        char *q = ini_quoted(v, n);
        ini_diag(c, DIAG_ERROR, m->line[K_VERSION], m->col[K_VERSION],
                 "raise it for every edition: 1.0, 1.1, 2.0",
                 "version %s must be numbers separated by dots", q);
        free(q);
        return;
    }
    m->p->version = m->value[K_VERSION];
}

static void manifest_check_languages(IniCtx *c, Manifest *m)
{
    const char *v = m->value[K_LANGUAGES];
    int line = m->line[K_LANGUAGES];
    bool any = false, bad = false;
    for (size_t i = 0; v[i];) {
        if (v[i] == ' ' || v[i] == ',' || v[i] == '\t') {
            i++;
            continue;
        }
        size_t n = strcspn(v + i, " ,\t");
        char *code = mb_xstrndup(v + i, n);
        Lang l;
        int col = m->col[K_LANGUAGES] + (int)utf8_count(v, i);
        if (lang_parse(code, &l)) {
            char *q = ini_quoted(code, n);
            ini_diag(c, DIAG_ERROR, line, col, "this kiosk knows en and zh-Hans",
                     "unknown language %s", q);
            free(q);
            bad = true;
        } else if (m->p->has_lang[l]) {
            ini_diag(c, DIAG_WARNING, line, col, NULL, "language %s is listed twice",
                     lang_code(l));
        } else {
            m->p->has_lang[l] = true;
            any = true;
        }
        free(code);
        i += n;
    }
    if (!any && !bad)
        ini_diag(c, DIAG_ERROR, line, m->col[K_LANGUAGES], "for example: languages = en zh-Hans",
                 "languages names no language");
}

/* repeated_ids = refuse (the default: an id used in two units is an error)
 * or rename (a later one is called "id (2)", with a warning, as Moodle
 * imports both: what importing one long question file writes). */
static void manifest_check_repeated_ids(IniCtx *c, Manifest *m)
{
    const char *v = m->value[K_REPEATED_IDS];
    if (!v || !strcmp(v, "refuse"))
        return;
    if (!strcmp(v, "rename")) {
        m->p->rename_repeated_ids = true;
        return;
    }
    char *q = ini_quoted(v, strlen(v));
    ini_diag(c, DIAG_ERROR, m->line[K_REPEATED_IDS], m->col[K_REPEATED_IDS],
             "write repeated_ids = refuse or repeated_ids = rename",
             "repeated_ids is %s; it must be refuse or rename", q);
    free(q);
}

static void manifest_finish(IniCtx *c, Manifest *m)
{
    static const char *const required[] = {"format", "id", "version", "languages"};
    static const char *const examples[] = {"format = 1", "id = my-pack", "version = 1.0",
                                           "languages = en zh-Hans"};
    Pack *p = m->p;
    for (int k = 0; k < (int)MB_COUNT(required); k++) {
        if (m->value[k])
            continue;
        diag_hint(ini_diag(c, DIAG_ERROR, m->pack_line, m->pack_line ? 1 : 0, NULL,
                           m->pack_line ? "[pack] has no %s" : "no [pack] section with %s",
                           required[k]),
                  "add %s under [pack]", examples[k]);
    }
    if (m->value[K_FORMAT])
        manifest_check_format(c, m);
    if (m->value[K_ID])
        manifest_check_id(c, m);
    if (m->value[K_VERSION])
        manifest_check_version(c, m);
    if (m->value[K_LANGUAGES])
        manifest_check_languages(c, m);
    p->licence = m->value[K_LICENCE];
    p->author = m->value[K_AUTHOR];
    manifest_check_repeated_ids(c, m);
    for (int l = 0; l < LANG_COUNT; l++) {
        p->title[l] = m->value[K_TITLE + l];
        p->description[l] = m->value[K_DESC + l];
        const char *code = lang_code((Lang)l);
        if (p->has_lang[l] && (!p->title[l] || !*p->title[l])) {
            Diag *g = m->lang_line[l]
                          ? ini_diag(c, DIAG_ERROR, m->lang_line[l], 1, NULL, "[%s] has no title",
                                     code)
                          : ini_diag(c, DIAG_ERROR, 0, 0, NULL,
                                     "no [%s] section with the pack's title", code);
            diag_hint(g, "add [%s] with title = ...", code);
        } else if (!p->has_lang[l] && m->lang_line[l] && m->value[K_LANGUAGES]) {
            ini_diag(c, DIAG_WARNING, m->lang_line[l], 1, "add it to languages to use it",
                     "[%s] is not in languages; it is ignored", code);
        }
    }
}

int pack_manifest_parse(const char *path, const char *data, size_t len, Pack *p, Diags *diags)
{
    Manifest m = {.p = p, .last_key = -1};
    IniCtx c = {.path = path, .diags = diags, .data = data, .len = len,
                .on_section = manifest_section, .on_entry = manifest_entry, .user = &m};
    /* Bad bytes are reported, and the rest is still checked: every problem
     * in one run. */
    ini_check_utf8(&c);
    ini_run(&c);
    manifest_finish(&c, &m);
    return c.errors;
}
