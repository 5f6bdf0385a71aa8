/* The pack model's own functions: names of question types and text formats,
 * the file list, freeing a pack, and the lookups learn, store and ui make in
 * a built pack. Input is a model a reader in kiosk/pack/ built and checked,
 * or files the store kept; nothing here parses untrusted text. */
#include "mingbai/pack_model.h"

#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

/* ---------------- questions ---------------- */

const char *question_type_name(QuestionType t)
{
    static const char *const names[QT_COUNT] = {
        [QT_DESCRIPTION] = "description", [QT_ESSAY] = "essay",
        [QT_MULTICHOICE] = "multichoice", [QT_MULTIRESPONSE] = "multiresponse",
        [QT_TRUEFALSE] = "truefalse",     [QT_MATCHING] = "match",
        [QT_SHORTANSWER] = "shortanswer", [QT_NUMERICAL] = "numerical",
        [QT_MARKPOST] = "markpost",       [QT_SORT] = "sort",
        [QT_READ] = "read",               [QT_GROUP] = "group",
    };
    return (unsigned)t < QT_COUNT ? names[t] : "unknown";
}

const char *text_format_name(TextFormat f)
{
    switch (f) {
    case TF_HTML:
        return "html";
    case TF_PLAIN:
        return "plain";
    case TF_MARKDOWN:
        return "markdown";
    default:
        return "moodle";
    }
}

bool question_type_scored(QuestionType t)
{
    return t != QT_DESCRIPTION && t != QT_ESSAY && (unsigned)t < QT_COUNT;
}

const RichText *question_rich_for(const Question *q, const char *raw)
{
    if (!q || !raw)
        return NULL;
    if (raw == q->text)
        return q->rich_text;
    if (raw == q->general_feedback)
        return q->rich_general_feedback;
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        if (raw == a->text)
            return a->rich_text;
        if (raw == a->left)
            return a->rich_left;
        if (raw == a->feedback)
            return a->rich_feedback;
    }
    return NULL;
}

/* ---------------- the file list ---------------- */

void pack_files_push(PackFiles *f, char *path, unsigned char *data, size_t len)
{
    /* Capacity is implied by count: 8, then each power of two. */
    if (f->count == 0 || (f->count >= 8 && (f->count & (f->count - 1)) == 0)) {
        size_t cap = f->count ? f->count * 2 : 8;
        f->items = mb_xrealloc(f->items, cap * sizeof *f->items);
    }
    PackFile *pf = &f->items[f->count++];
    pf->path = path;
    pf->data = data;
    pf->len = len;
    f->total_bytes += len;
}

void pack_files_add(PackFiles *files, const char *path, const void *data, size_t len)
{
    unsigned char *copy = mb_xmalloc(len + 1);
    if (len)
        memcpy(copy, data, len);
    copy[len] = 0;
    pack_files_push(files, mb_xstrdup(path), copy, len);
}

void pack_files_free(PackFiles *files)
{
    if (!files)
        return;
    for (size_t i = 0; i < files->count; i++) {
        free(files->items[i].path);
        free(files->items[i].data);
    }
    free(files->items);
    memset(files, 0, sizeof *files);
}

const PackFile *pack_files_find(const PackFiles *files, const char *path)
{
    for (size_t i = 0; i < files->count; i++)
        if (!strcmp(files->items[i].path, path))
            return &files->items[i];
    return NULL;
}

/* ---------------- the pack ---------------- */

void pack_drop_sources(Pack *p)
{
    PackFiles *f = &p->files;
    size_t kept = 0;
    f->total_bytes = 0;
    for (size_t i = 0; i < f->count; i++) {
        PackFile *pf = &f->items[i];
        if (strncmp(pf->path, "media/", 6)) {
            free(pf->path);
            free(pf->data);
            continue;
        }
        f->total_bytes += pf->len;
        f->items[kept++] = *pf;
    }
    f->count = kept;
}

void pack_free(Pack *p)
{
    if (!p)
        return;
    pack_files_free(&p->files);
    arena_reset(&p->arena);
    free(p);
}

int pack_version_cmp(const char *a, const char *b)
{
    a = a ? a : "";
    b = b ? b : "";
    while (*a || *b) {
        /* One part each, as a number of any length; a missing part counts
         * as 0, so "1" equals "1.0". */
        const char *da = a, *db = b;
        while (*da == '0')
            da++;
        while (*db == '0')
            db++;
        size_t na = strspn(da, "0123456789"), nb = strspn(db, "0123456789");
        if (na != nb)
            return na < nb ? -1 : 1;
        int c = memcmp(da, db, na);
        if (c)
            return c < 0 ? -1 : 1;
        a = da + na;
        b = db + nb;
        if ((*a && *a != '.') || (*b && *b != '.')) {
            /* Not a dotted version: the rest compares as text. */
            c = strcmp(a, b);
            return c < 0 ? -1 : c > 0;
        }
        if (*a)
            a++;
        if (*b)
            b++;
    }
    return 0;
}

static int term_key_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const GlossaryTerm *)elem)->id);
}

const GlossaryTerm *pack_glossary_find(const Pack *p, const char *id)
{
    if (!p || !id || !p->nglossary)
        return NULL;
    return bsearch(id, p->glossary, p->nglossary, sizeof *p->glossary, term_key_cmp);
}

const Question *unit_question(const Unit *u, Lang lang, const char *id)
{
    if (!u || !id || (unsigned)lang >= LANG_COUNT)
        return NULL;
    const QuestionList *q = &u->lang[lang].quiz;
    for (size_t i = 0; i < q->count; i++)
        if (q->items[i].id && !strcmp(q->items[i].id, id))
            return &q->items[i];
    return NULL;
}
