/* The pack's manifest (pack.ini) and glossary (glossary.ini), parsed with
 * inih. Input is untrusted: any bytes give fields or located messages, never
 * a crash. inih says only which line was the first bad one, cuts lines at
 * 200 bytes (a two-sentence Chinese description is longer) and section names
 * at 50; so the line reader that feeds it also sorts each line by inih's own
 * rules, reports every bad line with its number, tells the handler which
 * line it is on, and hands inih a short stand-in for a long line whose full
 * text the handler then takes from the reader. */
#include "mingbai/pack.h"

#include <ini.h>
#include <stdlib.h>
#include <string.h>

/* inih's fixed buffers (ini.c: MAX_SECTION, INI_MAX_LINE). */
#define INI_SECTION_MAX 49
#define ID_MAX 64
#define VERSION_MAX 32

typedef enum { LINE_BLANK, LINE_COMMENT, LINE_SECTION, LINE_KEY, LINE_CONT, LINE_BAD } LineKind;

/* One line as inih will see it; offsets are into the line's raw bytes. */
typedef struct {
    LineKind kind;
    const char *raw;
    size_t raw_len;
    size_t name, name_len; /* LINE_SECTION, LINE_KEY */
    size_t value, value_len; /* LINE_KEY, LINE_CONT */
} IniLine;

typedef struct IniCtx IniCtx;
struct IniCtx {
    const char *path;
    Diags *diags;
    int errors;
    const char *data;
    size_t len, pos;
    int line;             /* the line inih is on: the last one read */
    IniLine cur;
    bool have_key;        /* inih's prev_name is set: indented lines continue it */
    bool skip_section;    /* the current section's name was refused */
    bool stand_in;        /* inih got a stand-in for the current line */
    int first_bad;        /* first line reported as bad here */
    void (*on_section)(IniCtx *c, const char *name);
    void (*on_entry)(IniCtx *c, const char *name, const char *value, bool cont);
    void *user;
};

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n';
}

/* 1-based column (in characters) of byte off of the current line. */
static int ini_col(const IniCtx *c, size_t off)
{
    size_t from = 0;
    if (c->line == 1 && off >= 3 && c->cur.raw_len >= 3 && !memcmp(c->cur.raw, "\xEF\xBB\xBF", 3))
        from = 3; /* an editor does not show the BOM */
    return (int)utf8_count(c->cur.raw + from, off - from) + 1;
}

static void ini_diag(IniCtx *c, DiagLevel level, int line, int col, const char *hint,
                     const char *fmt, ...) MB_PRINTF(6, 7);
static void ini_diag(IniCtx *c, DiagLevel level, int line, int col, const char *hint,
                     const char *fmt, ...)
{
    char text[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    diags_add(c->diags, level, c->path, line, col, hint, "%s", text);
    if (level == DIAG_ERROR)
        c->errors++;
}

/* A quoted copy of n bytes for a message; the caller frees it. */
static char *quoted(const char *s, size_t n)
{
    StrBuf b = {0};
    pack_quote(&b, s, n);
    return b.data;
}

/* inih's find_chars_or_comment over raw[from, end): the first of chars, or
 * an inline ';' after whitespace, or end. */
static size_t ini_find(const char *raw, size_t from, size_t end, const char *chars)
{
    bool was_space = false;
    size_t i = from;
    while (i < end && !(chars && strchr(chars, raw[i])) && !(was_space && raw[i] == ';')) {
        was_space = is_space(raw[i]);
        i++;
    }
    return i;
}

static void ini_bad(IniCtx *c, int col, const char *hint, const char *msg)
{
    c->cur.kind = LINE_BAD;
    if (!c->first_bad)
        c->first_bad = c->line;
    ini_diag(c, DIAG_ERROR, c->line, col, hint, "%s", msg);
}

/* Sorts the current line as inih (ini.c, ini_parse_stream) will. */
static void ini_classify(IniCtx *c)
{
    IniLine *L = &c->cur;
    const char *s = L->raw;
    size_t n = L->raw_len;
    size_t begin = 0;
    if (c->line == 1 && n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        begin = 3;
    const char *nul = memchr(s, 0, n);
    if (nul) {
        ini_bad(c, ini_col(c, (size_t)(nul - s)), "save the file as UTF-8 text",
                "a NUL byte in a text file");
        return;
    }
    size_t end = n, start = begin;
    while (end > begin && is_space(s[end - 1]))
        end--;
    while (start < end && is_space(s[start]))
        start++;
    if (start == end) {
        L->kind = LINE_BLANK;
        return;
    }
    if (s[start] == ';' || s[start] == '#') {
        L->kind = LINE_COMMENT;
        return;
    }
    if (c->have_key && start > 0) {
        L->kind = LINE_CONT;
        L->value = start;
        L->value_len = end - start;
        return;
    }
    if (s[start] == '[') {
        size_t k = ini_find(s, start + 1, end, "]");
        if (k == end) {
            ini_bad(c, ini_col(c, start), "write a section as [name]", "a section needs a closing ]");
            /* Its keys would land in the section before: skip them rather
             * than report each as out of place. */
            c->skip_section = true;
            c->have_key = false;
            return;
        }
        c->have_key = false;
        L->kind = LINE_SECTION;
        L->name = start + 1;
        L->name_len = k - start - 1;
        c->skip_section = L->name_len > INI_SECTION_MAX;
        if (c->skip_section) {
            ini_bad(c, ini_col(c, start + 1), "use a shorter name",
                    "a section name may be at most 49 bytes long");
            c->cur.kind = LINE_SECTION; /* still a section: its keys are skipped */
        }
        return;
    }
    size_t k = ini_find(s, start, end, "=:");
    if (k == end) {
        ini_bad(c, ini_col(c, start), "write each setting as name = value",
                "expected name = value");
        return;
    }
    size_t name_end = k;
    while (name_end > start && is_space(s[name_end - 1]))
        name_end--;
    size_t vend = ini_find(s, k + 1, end, NULL);
    size_t v = k + 1;
    while (v < vend && is_space(s[v]))
        v++;
    while (vend > v && is_space(s[vend - 1]))
        vend--;
    L->kind = LINE_KEY;
    L->name = start;
    L->name_len = name_end - start;
    L->value = v;
    L->value_len = vend - v;
    c->have_key = L->name_len > 0;
}

/* inih's reader: one line per call (LF, CRLF or CR), counted. */
static char *ini_read_line(char *str, int num, void *stream)
{
    IniCtx *c = stream;
    if (c->pos >= c->len || num < 8)
        return NULL;
    const char *s = c->data + c->pos;
    size_t n = 0, left = c->len - c->pos;
    while (n < left && s[n] != '\n' && s[n] != '\r')
        n++;
    size_t next = n;
    if (n < left)
        next += (s[n] == '\r' && n + 1 < left && s[n + 1] == '\n') ? 2 : 1;
    c->pos += next;
    c->line++;
    memset(&c->cur, 0, sizeof c->cur);
    c->cur.raw = s;
    c->cur.raw_len = n;
    ini_classify(c);
    if (c->cur.kind == LINE_SECTION && c->on_section && !c->skip_section) {
        char *name = mb_xstrndup(s + c->cur.name, c->cur.name_len);
        c->on_section(c, name);
        free(name);
    }
    c->stand_in = c->cur.kind == LINE_BAD || n + 2 > (size_t)num;
    if (!c->stand_in) {
        memcpy(str, s, n);
        str[n] = '\n';
        str[n + 1] = 0;
        return str;
    }
    /* A stand-in of the same kind: the handler takes names and values from
     * c->cur, and bad lines were reported already. */
    const char *stand;
    switch (c->cur.kind) {
    case LINE_SECTION:
        stand = "[-]\n";
        break;
    case LINE_KEY:
        stand = "-=-\n";
        break;
    case LINE_CONT:
        stand = " -\n";
        break;
    default:
        stand = ";\n";
        break;
    }
    memcpy(str, stand, strlen(stand) + 1);
    return str;
}

static int ini_on_value(void *user, const char *section, const char *name, const char *value)
{
    IniCtx *c = user;
    (void)section; /* c->on_section has seen it, full length */
    if (c->skip_section)
        return 1;
    bool cont = c->cur.kind == LINE_CONT;
    if (!c->stand_in) {
        c->on_entry(c, name, value, cont);
        return 1;
    }
    char *n2 = mb_xstrndup(c->cur.raw + c->cur.name, c->cur.name_len);
    char *v2 = mb_xstrndup(c->cur.raw + c->cur.value, c->cur.value_len);
    c->on_entry(c, n2, v2, cont);
    free(n2);
    free(v2);
    return 1;
}

static int ini_run(IniCtx *c)
{
    int rc = ini_parse_stream(ini_read_line, c, ini_on_value, c);
    if (rc > 0)
        /* inih gets a harmless stand-in for every line reported bad, so this
         * is a line the reader's rules missed: say so all the same. */
        ini_diag(c, DIAG_ERROR, rc, 0, NULL, "this line cannot be read as name = value");
    return rc;
}

static void ini_check_utf8(IniCtx *c)
{
    size_t bad;
    if (utf8_valid(c->data, c->len, &bad))
        return;
    int line = 1;
    size_t start = 0;
    for (size_t i = 0; i < bad; i++) {
        if (c->data[i] == '\n' || (c->data[i] == '\r' && c->data[i + 1] != '\n')) {
            line++;
            start = i + 1;
        }
    }
    ini_diag(c, DIAG_ERROR, line, (int)utf8_count(c->data + start, bad - start) + 1,
             "save the file as UTF-8 text", "the file is not valid UTF-8 (byte 0x%02X)",
             (unsigned char)c->data[bad]);
}

/* Joins a continuation line to a value: a space, except between two CJK
 * characters (Chinese has no spaces between words). */
static char *join_lines(Arena *a, const char *prev, const char *more)
{
    size_t i = 0;
    uint32_t next = *more ? utf8_decode(more, strlen(more), &i) : 0;
    bool space = !(utf8_is_cjk(utf8_last(prev, strlen(prev))) && utf8_is_cjk(next));
    return arena_printf(a, "%s%s%s", prev, space ? " " : "", more);
}

/* ---------------- pack.ini ---------------- */

enum {
    K_FORMAT,
    K_ID,
    K_VERSION,
    K_LANGUAGES,
    K_LICENCE,
    K_AUTHOR,
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
        char *q = quoted(name, strlen(name));
        m->sec = SEC_OTHER;
        ini_diag(c, DIAG_WARNING, c->line, ini_col(c, c->cur.name),
                 "pack.ini has [pack] and one section per language ([en], [zh-Hans])",
                 "unknown section %s; its settings are ignored", q);
        free(q);
    }
}

static int manifest_key(SectionKind sec, Lang l, const char *name)
{
    static const char *const pack_keys[] = {"format", "id", "version", "languages",
                                            "licence", "author"};
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
            m->value[m->last_key] = join_lines(&m->p->arena, m->value[m->last_key], value);
        return;
    }
    m->last_key = -1;
    char *q = quoted(name, strlen(name));
    if (m->sec == SEC_NONE) {
        ini_diag(c, DIAG_WARNING, c->line, col, "put it under [pack] or a language section",
                 "%s is outside any section; it is ignored", q);
    } else if (m->sec != SEC_OTHER) {
        int k = manifest_key(m->sec, m->sec_lang, name);
        if (k < 0) {
            ini_diag(c, DIAG_WARNING, c->line, col,
                     m->sec == SEC_PACK
                         ? "[pack] knows format, id, version, languages, licence, author"
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

static bool id_char(char ch, bool underscore)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || (underscore && ch == '_');
}

static void manifest_check_format(IniCtx *c, Manifest *m)
{
    const char *v = m->value[K_FORMAT];
    int line = m->line[K_FORMAT], col = m->col[K_FORMAT];
    const char *hint = "this kiosk reads packs written for format = 1";
    size_t i = 0;
    bool neg = v[0] == '-';
    if (neg)
        i++;
    size_t digits = strspn(v + i, "0123456789");
    if (digits == 0 || v[i + digits]) {
        char *q = quoted(v, strlen(v));
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
        ok = id_char(v[i], false);
    if (!ok) {
        char *q = quoted(v, n);
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
        char *q = quoted(v, n);
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
            char *q = quoted(code, n);
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

static void manifest_finish(IniCtx *c, Manifest *m)
{
    static const char *const required[] = {"format", "id", "version", "languages"};
    static const char *const examples[] = {"format = 1", "id = my-pack", "version = 1.0",
                                           "languages = en zh-Hans"};
    Pack *p = m->p;
    for (int k = 0; k < (int)MB_COUNT(required); k++) {
        if (m->value[k])
            continue;
        char hint[64];
        snprintf(hint, sizeof hint, "add %s under [pack]", examples[k]);
        ini_diag(c, DIAG_ERROR, m->pack_line, m->pack_line ? 1 : 0, hint,
                 m->pack_line ? "[pack] has no %s" : "no [pack] section with %s", required[k]);
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
    for (int l = 0; l < LANG_COUNT; l++) {
        p->title[l] = m->value[K_TITLE + l];
        p->description[l] = m->value[K_DESC + l];
        const char *code = lang_code((Lang)l);
        if (p->has_lang[l] && (!p->title[l] || !*p->title[l])) {
            char hint[64];
            snprintf(hint, sizeof hint, "add [%s] with title = ...", code);
            if (m->lang_line[l])
                ini_diag(c, DIAG_ERROR, m->lang_line[l], 1, hint, "[%s] has no title", code);
            else
                ini_diag(c, DIAG_ERROR, 0, 0, hint, "no [%s] section with the pack's title",
                         code);
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

/* ---------------- glossary.ini ---------------- */

typedef struct {
    GlossaryTerm term;
    int line, col;
    bool has_text[LANG_COUNT], has_def[LANG_COUNT];
} TermDraft;

typedef struct {
    Pack *p;
    TermDraft *terms;
    size_t n, cap;
    TermDraft *cur;        /* NULL outside a (valid) term */
    bool refused;          /* the current section was refused (and reported) */
    char **last_value;     /* for continuation lines */
    bool used_lang[LANG_COUNT];
} Glossary;

static void glossary_section(IniCtx *c, const char *name)
{
    Glossary *g = c->user;
    g->cur = NULL;
    g->last_value = NULL;
    g->refused = true; /* until the id passes */
    size_t n = strlen(name);
    int col = ini_col(c, c->cur.name);
    bool ok = n > 0 && n <= ID_MAX;
    for (size_t i = 0; ok && i < n; i++)
        ok = id_char(name[i], true);
    char *q = quoted(name, n);
    if (!ok) {
        ini_diag(c, DIAG_ERROR, c->line, col,
                 "a term id is written in links as [text](glossary:term-id)",
                 "term id %s may use only letters, digits, '-' and '_'", q);
        free(q);
        return;
    }
    for (size_t i = 0; i < g->n; i++) {
        if (!strcmp(g->terms[i].term.id, name)) {
            ini_diag(c, DIAG_ERROR, c->line, col, "give each term one section",
                     "term %s is defined twice (first on line %d)", q, g->terms[i].line);
            free(q);
            return;
        }
    }
    free(q);
    g->refused = false;
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 32;
        g->terms = mb_xrealloc(g->terms, g->cap * sizeof *g->terms);
    }
    g->cur = &g->terms[g->n++];
    memset(g->cur, 0, sizeof *g->cur);
    g->cur->term.id = arena_strdup(&g->p->arena, name);
    g->cur->line = c->line;
    g->cur->col = col;
}

static void glossary_entry(IniCtx *c, const char *name, const char *value, bool cont)
{
    Glossary *g = c->user;
    if (cont) {
        if (g->last_value)
            *g->last_value = join_lines(&g->p->arena, *g->last_value, value);
        return;
    }
    g->last_value = NULL;
    int col = ini_col(c, c->cur.name);
    if (!g->cur) {
        /* Keys of a refused term were reported with its section line. */
        if (!g->refused) {
            char *q = quoted(name, strlen(name));
            ini_diag(c, DIAG_WARNING, c->line, col, "start each term with [term-id]",
                     "%s is outside any term; it is ignored", q);
            free(q);
        }
        return;
    }
    const char *dot = strchr(name, '.');
    char *code = mb_xstrndup(name, dot ? (size_t)(dot - name) : strlen(name));
    Lang l;
    char **slot = NULL;
    bool *flag = NULL;
    if (!lang_parse(code, &l)) {
        GlossaryText *t = &g->cur->term.lang[l];
        if (!dot) {
            slot = &t->text;
            flag = &g->cur->has_text[l];
        } else if (!strcmp(dot, ".definition")) {
            slot = &t->definition;
            flag = &g->cur->has_def[l];
        } else if (!strcmp(dot, ".note")) {
            slot = &t->note;
        }
    }
    free(code);
    char *q = quoted(name, strlen(name));
    if (!slot) {
        ini_diag(c, DIAG_WARNING, c->line, col,
                 "a term knows en, en.definition, en.note (and the same for zh-Hans)",
                 "unknown setting %s; it is ignored", q);
    } else {
        if (*slot)
            ini_diag(c, DIAG_WARNING, c->line, col, NULL,
                     "%s is set again for this term; this value is used", q);
        *slot = arena_strdup(&g->p->arena, value);
        if (flag)
            *flag = *value != 0;
        g->used_lang[l] = true;
        g->last_value = slot;
    }
    free(q);
}

static int term_cmp(const void *a, const void *b)
{
    return strcmp(((const GlossaryTerm *)a)->id, ((const GlossaryTerm *)b)->id);
}

static void glossary_finish(IniCtx *c, Glossary *g)
{
    Pack *p = g->p;
    bool any_declared = false;
    for (int l = 0; l < LANG_COUNT; l++)
        any_declared |= p->has_lang[l];
    for (size_t i = 0; i < g->n; i++) {
        TermDraft *t = &g->terms[i];
        char *q = quoted(t->term.id, strlen(t->term.id));
        for (int l = 0; l < LANG_COUNT; l++) {
            if (!(any_declared ? p->has_lang[l] : g->used_lang[l]))
                continue;
            const char *code = lang_code((Lang)l);
            char hint[64];
            if (!t->has_text[l]) {
                snprintf(hint, sizeof hint, "add %s = the term in that language", code);
                ini_diag(c, DIAG_ERROR, t->line, t->col, hint, "term %s has no %s text", q, code);
            }
            if (!t->has_def[l]) {
                snprintf(hint, sizeof hint, "add %s.definition = ...", code);
                ini_diag(c, DIAG_ERROR, t->line, t->col, hint, "term %s has no %s definition",
                         q, code);
            }
        }
        free(q);
    }
    p->nglossary = g->n;
    p->glossary = arena_alloc(&p->arena, (g->n ? g->n : 1) * sizeof *p->glossary);
    for (size_t i = 0; i < g->n; i++)
        p->glossary[i] = g->terms[i].term;
    if (g->n > 1)
        qsort(p->glossary, g->n, sizeof *p->glossary, term_cmp);
}

int pack_glossary_parse(const char *path, const char *data, size_t len, Pack *p, Diags *diags)
{
    Glossary g = {.p = p};
    IniCtx c = {.path = path, .diags = diags, .data = data, .len = len,
                .on_section = glossary_section, .on_entry = glossary_entry, .user = &g};
    ini_check_utf8(&c);
    ini_run(&c);
    glossary_finish(&c, &g);
    free(g.terms);
    return c.errors;
}
