/* Located diagnostics ("path:line:col: error: message") and logging. */
#include "mingbai/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static LogLevel g_level = LOG_INFO;

void mb_log_set_level(LogLevel level)
{
    g_level = level;
}

void mb_log(LogLevel level, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warning", "error"};
    if (level < g_level)
        return;
    va_list ap;
    va_start(ap, fmt);
    flockfile(stderr); /* one line, whole, beside the start-up threads' */
    fprintf(stderr, "mingbai: %s: ", names[level]);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    funlockfile(stderr);
    va_end(ap);
}

static char *vformat(const char *fmt, va_list ap) MB_PRINTF(1, 0);
static char *vformat(const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0)
        return mb_xstrdup(fmt);
    char *s = mb_xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

/* Puts lead and a space before s (which it frees), when there is a lead. */
static char *with_lead(const char *lead, char *s)
{
    if (!lead)
        return s;
    StrBuf b = {0};
    strbuf_printf(&b, "%s %s", lead, s);
    free(s);
    return b.data;
}

/* The catalogue's Chinese takes the same conversions as its English key
 * (tool.test_translations checks it), so both are formatted from ap. */
static void set_texts(char *out[LANG_COUNT], const char *lead, const char *fmt, va_list ap)
    MB_PRINTF(3, 0);
static void set_texts(char *out[LANG_COUNT], const char *lead, const char *fmt, va_list ap)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        const char *f = diag_tr(fmt, (Lang)l);
        if (l > 0 && f == fmt) {
            out[l] = mb_xstrdup(out[0]);
            continue;
        }
        va_list aq;
        va_copy(aq, ap);
        out[l] = with_lead(lead, vformat(f, aq));
        va_end(aq);
    }
}

static void set_hint(Diag *g, const char *hint)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        free(g->hint_text[l]);
        g->hint_text[l] = hint ? mb_xstrdup(diag_tr(hint, (Lang)l)) : NULL;
    }
    g->hint = g->hint_text[LANG_EN];
}

Diag *diags_vadd(Diags *d, DiagLevel level, const char *path, int line, int col,
                 const char *hint, const char *lead, const char *fmt, va_list ap)
{
    if (d->count == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = mb_xrealloc(d->items, d->cap * sizeof *d->items);
    }
    Diag *g = &d->items[d->count++];
    memset(g, 0, sizeof *g);
    g->level = level;
    g->path = mb_xstrdup(path ? path : "");
    g->line = line;
    g->col = col;
    set_hint(g, hint);
    set_texts(g->text, lead, fmt, ap);
    g->message = g->text[LANG_EN];
    if (level == DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
    return g;
}

Diag *diags_add(Diags *d, DiagLevel level, const char *path, int line, int col,
                const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Diag *g = diags_vadd(d, level, path, line, col, hint, NULL, fmt, ap);
    va_end(ap);
    return g;
}

void diag_hint(Diag *g, const char *fmt, ...)
{
    set_hint(g, NULL);
    va_list ap;
    va_start(ap, fmt);
    set_texts(g->hint_text, NULL, fmt, ap);
    va_end(ap);
    g->hint = g->hint_text[LANG_EN];
}

char *diag_format_lang(const Diag *g, Lang lang)
{
    bool zh = lang == LANG_ZH;
    StrBuf b = {0};
    strbuf_puts(&b, g->path);
    if (g->line > 0) {
        strbuf_printf(&b, ":%d", g->line);
        if (g->col > 0)
            strbuf_printf(&b, ":%d", g->col);
    }
    if (zh)
        strbuf_printf(&b, ": %s：%s", g->level == DIAG_ERROR ? "错误" : "警告", g->text[lang]);
    else
        strbuf_printf(&b, ": %s: %s", g->level == DIAG_ERROR ? "error" : "warning", g->message);
    if (g->hint_text[lang])
        strbuf_printf(&b, zh ? "\n  提示：%s" : "\n  hint: %s", g->hint_text[lang]);
    return b.data;
}

char *diag_format(const Diag *g)
{
    return diag_format_lang(g, LANG_EN);
}

void diags_print_lang(const Diags *d, void *file, Lang lang)
{
    for (size_t i = 0; i < d->count; i++) {
        char *s = diag_format_lang(&d->items[i], lang);
        fprintf((FILE *)file, "%s\n", s);
        free(s);
    }
}

void diags_print(const Diags *d, void *file)
{
    diags_print_lang(d, file, LANG_EN);
}

static int diag_cmp(const void *a, const void *b)
{
    const Diag *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x < y ? -1 : (x > y);
}

void diags_sort(Diags *d)
{
    /* qsort is not stable; compare addresses last keeps insertion order for
     * equal keys because items are in one array. */
    if (d->count > 1)
        qsort(d->items, d->count, sizeof *d->items, diag_cmp);
}

void diags_free(Diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].path);
        for (int l = 0; l < LANG_COUNT; l++) {
            free(d->items[i].text[l]);
            free(d->items[i].hint_text[l]);
        }
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}
