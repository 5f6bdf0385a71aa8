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
    fprintf(stderr, "mingbai: %s: ", names[level]);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void diags_add(Diags *d, DiagLevel level, const char *path, int line, int col,
               const char *hint, const char *fmt, ...)
{
    if (d->count == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = mb_xrealloc(d->items, d->cap * sizeof *d->items);
    }
    Diag *g = &d->items[d->count++];
    g->level = level;
    g->path = mb_xstrdup(path ? path : "");
    g->line = line;
    g->col = col;
    g->hint = hint ? mb_xstrdup(hint) : NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    g->message = mb_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(g->message, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (level == DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
}

char *diag_format(const Diag *g)
{
    StrBuf b = {0};
    strbuf_puts(&b, g->path);
    if (g->line > 0) {
        strbuf_printf(&b, ":%d", g->line);
        if (g->col > 0)
            strbuf_printf(&b, ":%d", g->col);
    }
    strbuf_printf(&b, ": %s: %s", g->level == DIAG_ERROR ? "error" : "warning", g->message);
    if (g->hint)
        strbuf_printf(&b, "\n  hint: %s", g->hint);
    return b.data;
}

void diags_print(const Diags *d, void *file)
{
    for (size_t i = 0; i < d->count; i++) {
        char *s = diag_format(&d->items[i]);
        fprintf((FILE *)file, "%s\n", s);
        free(s);
    }
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
        free(d->items[i].message);
        free(d->items[i].hint);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}
