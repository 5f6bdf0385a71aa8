/* The pack's glossary, glossary.ini: a section per term id with the term,
 * its definition and a note in each language, checked against the pack's
 * languages and sorted by id for pack_glossary_find. Input is untrusted
 * text, read line by line by ini_reader.c. */
#include "ini_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        ok = ini_id_char(name[i], true);
    char *q = ini_quoted(name, n);
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
            *g->last_value = ini_join_lines(&g->p->arena, *g->last_value, value);
        return;
    }
    g->last_value = NULL;
    int col = ini_col(c, c->cur.name);
    if (!g->cur) {
        /* Keys of a refused term were reported with its section line. */
        if (!g->refused) {
            char *q = ini_quoted(name, strlen(name));
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
    char *q = ini_quoted(name, strlen(name));
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
        char *q = ini_quoted(t->term.id, strlen(t->term.id));
        for (int l = 0; l < LANG_COUNT; l++) {
            if (!(any_declared ? p->has_lang[l] : g->used_lang[l]))
                continue;
            const char *code = lang_code((Lang)l);
            if (!t->has_text[l])
                diag_hint(ini_diag(c, DIAG_ERROR, t->line, t->col, NULL,
                                   "term %s has no %s text", q, code),
                          "add %s = the term in that language", code);
            if (!t->has_def[l])
                diag_hint(ini_diag(c, DIAG_ERROR, t->line, t->col, NULL,
                                   "term %s has no %s definition", q, code),
                          "add %s.definition = ...", code);
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
