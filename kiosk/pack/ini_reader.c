/* The INI reading behind the pack's manifest (pack.ini, manifest.c) and
 * glossary (glossary.ini, glossary.c), with inih. Input is untrusted: any
 * bytes give fields or located messages, never a crash. inih says only which
 * line was the first bad one, cuts lines at 200 bytes (a two-sentence
 * Chinese description is longer) and section names at 50; so the line reader
 * that feeds it also sorts each line by inih's own rules, reports every bad
 * line with its number, tells the handler which line it is on, and hands
 * inih a short stand-in for a long line whose full text the handler then
 * takes from the reader. */
#include "ini_internal.h"

#include <ini.h>
#include <stdlib.h>
#include <string.h>

/* inih's fixed buffers (ini.c: MAX_SECTION, INI_MAX_LINE). */
#define INI_SECTION_MAX 49

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n';
}

/* 1-based column (in characters) of byte off of the current line. */
int ini_col(const IniCtx *c, size_t off)
{
    size_t from = 0;
    if (c->line == 1 && off >= 3 && c->cur.raw_len >= 3 && !memcmp(c->cur.raw, "\xEF\xBB\xBF", 3))
        from = 3; /* an editor does not show the BOM */
    return (int)utf8_count(c->cur.raw + from, off - from) + 1;
}

Diag *ini_diag(IniCtx *c, DiagLevel level, int line, int col, const char *hint,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Diag *g = diags_vadd(c->diags, level, c->path, line, col, hint, NULL, fmt, ap);
    va_end(ap);
    if (level == DIAG_ERROR)
        c->errors++;
    return g;
}

/* A quoted copy of n bytes for a message; the caller frees it. */
char *ini_quoted(const char *s, size_t n)
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
    /* msg is one of the literals below, a key of the catalogue */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-security"
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    ini_diag(c, DIAG_ERROR, c->line, col, hint, msg);
#pragma GCC diagnostic pop
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

int ini_run(IniCtx *c)
{
    int rc = ini_parse_stream(ini_read_line, c, ini_on_value, c);
    if (rc > 0)
        /* inih gets a harmless stand-in for every line reported bad, so this
         * is a line the reader's rules missed: say so all the same. */
        ini_diag(c, DIAG_ERROR, rc, 0, NULL, "this line cannot be read as name = value");
    return rc;
}

void ini_check_utf8(IniCtx *c)
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
char *ini_join_lines(Arena *a, const char *prev, const char *more)
{
    size_t i = 0;
    uint32_t next = *more ? utf8_decode(more, strlen(more), &i) : 0;
    bool space = !(utf8_is_cjk(utf8_last(prev, strlen(prev))) && utf8_is_cjk(next));
    return arena_printf(a, "%s%s%s", prev, space ? " " : "", more);
}

bool ini_id_char(char ch, bool underscore)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || (underscore && ch == '_');
}
