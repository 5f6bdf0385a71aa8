/* What the pack builder's files share: the Build under way and the calls
 * between pack.c (files, units, the entry points) and pack_check.c (checks
 * over the whole pack), which pack.c calls. Private to kiosk/pack/. */
#ifndef MINGBAI_PACK_INTERNAL_H
#define MINGBAI_PACK_INTERNAL_H

#include "mingbai/pack.h"

#include <string.h>

typedef enum { F_MANIFEST, F_GLOSSARY, F_UNIT, F_QUIZ, F_ACTIVITY, F_MEDIA, F_OTHER } FileKind;

typedef struct {
    const PackFile *file;
    FileKind kind;
    char *slug; /* F_UNIT, F_QUIZ, F_ACTIVITY */
    Lang lang;
    bool used; /* F_MEDIA: an image shows it */
} FileInfo;

typedef struct {
    const char *origin;
    Diags *diags;
    Pack *p;
    FileInfo *info;
    size_t ninfo;
    bool lang[LANG_COUNT]; /* the languages units are checked in */
    const char *single;    /* one quiz file made a pack (pack_single.c): its path */
    PackFiles xml_media;   /* images of Moodle XML quizzes, until merged */
} Build;

/* ---------------- small helpers of both ---------------- */

/* origin/rel, as messages name a file of the pack; a question file checked
 * on its own is named as the user named it. */
static inline char *build_path(Build *b, const char *rel)
{
    if (b->single && !strncmp(rel, "quizzes/", 8))
        return arena_strdup(&b->p->arena, b->single);
    size_t n = strlen(b->origin);
    if (n == 0)
        return arena_strdup(&b->p->arena, rel);
    return arena_printf(&b->p->arena, "%s%s%s", b->origin, b->origin[n - 1] == '/' ? "" : "/",
                        rel);
}

/* The file at rel, or NULL. */
static inline FileInfo *build_find(Build *b, const char *rel)
{
    for (size_t i = 0; i < b->ninfo; i++)
        if (!strcmp(b->info[i].file->path, rel))
            return &b->info[i];
    return NULL;
}

/* s quoted for a message (pack_quote); the caller frees it. */
static inline char *quoted(const char *s)
{
    StrBuf q = {0};
    pack_quote(&q, s, strlen(s));
    return q.data;
}

static inline bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* "quizzes/<slug>.<lang>.gift" of a unit, in the pack's arena; the
 * unit's Moodle XML file "quizzes/<slug>.<lang>.xml" when it has that and no
 * GIFT file. */
static inline char *quiz_rel_slug(Build *b, const char *slug, Lang l)
{
    char *gift = arena_printf(&b->p->arena, "quizzes/%s.%s.gift", slug, lang_code(l));
    char *xml = arena_printf(&b->p->arena, "quizzes/%s.%s.xml", slug, lang_code(l));
    return !build_find(b, gift) && build_find(b, xml) ? xml : gift;
}

static inline char *quiz_rel(Build *b, const Unit *u, Lang l)
{
    return quiz_rel_slug(b, u->slug, l);
}

/* The file a question of unit u in language l was read from: its quiz
 * file, or its activities file. */
static inline char *question_rel(Build *b, const Unit *u, Lang l, const Question *q)
{
    if (q->from_activities)
        return arena_printf(&b->p->arena, "activities/%s.%s.md", u->slug, lang_code(l));
    return quiz_rel(b, u, l);
}

/* ---------------- pack_split.c ---------------- */

/* A part of a question file too long for one round, as its own quiz file. */
typedef struct {
    int line;          /* the file's line where the part starts (1 for the first) */
    size_t from, to;   /* its bytes in the file */
    char *category;    /* stated above it, or NULL */
    char *title;       /* the unit's title */
    size_t questions;
    char *text;        /* the part's file: line breaks, its category, its bytes */
    size_t len;
} SplitPart;

/* The parts of a question file (len bytes of data at path, GIFT or Moodle
 * XML) with more questions than a round asks, titled after title and their
 * categories; 0 (and no parts) when it has no more, does not parse
 * cleanly, or cannot be cut at its questions' lines. Parts live in a. */
size_t pack_split_quiz(Arena *a, const char *path, const char *data, size_t len, bool xml,
                       const char *title, SplitPart **out);

/* pack_build for one GIFT file wrapped as a pack (pack_single.c): messages
 * about its quiz name path itself. */
int pack_build_single(PackFiles *files, const char *path, Pack **out, Diags *diags);

/* ---------------- pack_check.c ---------------- */

/* An image of media/: PNG or JPEG as named, of a size the kiosk shows, used. */
void build_check_media(Build *b, FileInfo *fi);
/* A unit's images and glossary links; an image found gets its pack path. */
void build_check_doc(Build *b, const char *path, Doc *doc);
/* What a touchscreen cannot score well. */
void build_check_question(Build *b, const char *path, const Question *q);
/* Each question of a quiz, and its length against a round's. */
void build_check_quiz(Build *b, const char *path, const QuestionList *ql);
/* Question ids across the pack's files and languages. */
void build_check_ids(Build *b);

/* ---------------- pack_rich.c ---------------- */

/* Formats every field of the questions of ql, read from file (NULL: no
 * exact places in messages) and named path in messages; images they show
 * are marked used. */
void build_format_questions(Build *b, const char *path, const PackFile *file, QuestionList *ql);

#endif
