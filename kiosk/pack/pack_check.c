/* Checks over a pack as a whole, once pack.c has parsed its files: images
 * (in media/, PNG or JPEG as named, of a size the kiosk can show, each shown
 * by some unit), glossary links, questions a touchscreen cannot score well,
 * and question ids across files and languages. Input is the untrusted pack
 * as parsed; each message is located in the file that has the problem. */
#include "pack_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

/* Images the kiosk decodes (row by row, at the size shown: kiosk/gfx/image.c);
 * bigger ones take too long on a small board. A progressive JPEG is decoded
 * whole, 2 bytes a sample, within libjpeg's memory cap there: a full-HD
 * screen's pixels at most. */
#define IMAGE_MAX_SIDE 8192u
#define IMAGE_MAX_PIXELS (4096u * 4096u)
#define PROGRESSIVE_MAX_PIXELS (1920u * 1080u)
/* An answer longer than this is a chore on the on-screen keyboard. */
#define TYPED_ANSWER_MAX 30

/* ---------------- images ---------------- */

void build_check_media(Build *b, FileInfo *fi)
{
    const char *path = build_path(b, fi->file->path);
    bool png = has_suffix(fi->file->path, ".png") || has_suffix(fi->file->path, ".PNG");
    uint32_t w, h;
    const unsigned char *d = fi->file->data;
    if (!pack_image_header_size(fi->file, png, &w, &h)) {
        bool jpeg = !png && fi->file->len >= 2 && d[0] == 0xFF && d[1] == 0xD8;
        diags_add(b->diags, DIAG_ERROR, path, 0, 0, "save it again as a real PNG or JPEG",
                  png    ? "the file is not a PNG image"
                  : jpeg ? "the JPEG's size cannot be found: its frame header is missing or damaged"
                         : "the file is not a JPEG image");
    } else if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE ||
               (uint64_t)w * h > (uint64_t)IMAGE_MAX_PIXELS) {
        diags_add(b->diags, DIAG_ERROR, path, 0, 0,
                  "a screen is about 1280 pixels wide; scale the image down",
                  "the image is %u x %u pixels; the limit is %u x %u (16 megapixels)",
                  (unsigned)w, (unsigned)h, 4096u, 4096u);
    } else if (!png && (uint64_t)w * h > PROGRESSIVE_MAX_PIXELS && pack_jpeg_progressive(fi->file)) {
        diags_add(b->diags, DIAG_ERROR, path, 0, 0,
                  "save it as a baseline (not progressive) JPEG, or scale it down",
                  "the image is a progressive JPEG of %u x %u pixels, which the kiosk decodes whole; the limit for one is %u pixels (1920 x 1080)",
                  (unsigned)w, (unsigned)h, PROGRESSIVE_MAX_PIXELS);
    }
    if (!fi->used) {
        diag_hint(diags_add(b->diags, DIAG_WARNING, path, 0, 0, NULL, "no unit shows this image"),
                  "remove it, or show it in a unit with ![text](%s)", fi->file->path);
    }
}

static int hexval(char c)
{
    return (c >= '0' && c <= '9')   ? c - '0'
           : (c >= 'a' && c <= 'f') ? c - 'a' + 10
           : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                    : -1;
}

/* An image's src as a path in the pack: "media/x.png", also written
 * "./media/x.png" or "../media/x.png" (relative to units/, which is what an
 * editor's preview needs), with %XX decoded. NULL when it is a web address. */
static char *image_src_path(Arena *a, const char *src)
{
    if (strstr(src, "://") || !strncmp(src, "//", 2) || !strncmp(src, "data:", 5))
        return NULL;
    if (!strncmp(src, "./", 2))
        src += 2;
    else if (!strncmp(src, "../", 3))
        src += 3;
    char *out = arena_alloc(a, strlen(src) + 1);
    size_t k = 0;
    for (size_t i = 0; src[i]; i++) {
        if (src[i] == '%' && hexval(src[i + 1]) >= 0 && hexval(src[i + 2]) >= 0) {
            out[k++] = (char)(hexval(src[i + 1]) * 16 + hexval(src[i + 2]));
            i += 2;
        } else {
            out[k++] = src[i];
        }
    }
    out[k] = 0;
    return out;
}

static FileInfo *build_find_ci(Build *b, const char *rel)
{
    for (size_t i = 0; i < b->ninfo; i++) {
        const char *x = b->info[i].file->path, *y = rel;
        while (*x && *y) {
            char cx = (*x >= 'A' && *x <= 'Z') ? (char)(*x + 32) : *x;
            char cy = (*y >= 'A' && *y <= 'Z') ? (char)(*y + 32) : *y;
            if (cx != cy)
                break;
            x++;
            y++;
        }
        if (!*x && !*y)
            return &b->info[i];
    }
    return NULL;
}

static void build_check_image(Build *b, const char *path, Block *blk)
{
    char *q = quoted(blk->src ? blk->src : "");
    char *rel = image_src_path(&b->p->arena, blk->src ? blk->src : "");
    FileInfo *fi = rel ? build_find(b, rel) : NULL;
    if (!rel) {
        diags_add(b->diags, DIAG_ERROR, path, blk->line, 1,
                  "put the image in media/ and write ![text](media/name.png)",
                  "image %s is on the web; the kiosk is offline and shows files of the pack",
                  q);
    } else if (!fi) {
        FileInfo *near = build_find_ci(b, rel);
        Diag *g = diags_add(b->diags, DIAG_ERROR, path, blk->line, 1,
                            "put the file in media/, or correct the name",
                            "image %s is not in the pack", q);
        if (near)
            diag_hint(g, "names are case-sensitive: the pack has %s", near->file->path);
    } else if (strncmp(rel, "media/", 6) || fi->kind != F_MEDIA) {
        diags_add(b->diags, DIAG_ERROR, path, blk->line, 1,
                  "images are PNG or JPEG files in media/", "%s is not an image in media/", q);
    } else {
        fi->used = true;
        blk->src = fi->file->path;
    }
    free(q);
}

void build_check_doc(Build *b, const char *path, Doc *doc)
{
    for (size_t i = 0; i < doc->count; i++) {
        Block *blk = &doc->blocks[i];
        if (blk->kind == BLK_IMAGE)
            build_check_image(b, path, blk);
        for (size_t k = 0; k < blk->nspans; k++) {
            const Span *s = &blk->spans[k];
            if (!(s->flags & SPAN_GLOSSARY))
                continue;
            if (!*s->href) {
                diags_add(b->diags, DIAG_ERROR, path, blk->line, 1, NULL,
                          "a glossary link needs a term: [text](glossary:term-id)");
            } else if (!pack_glossary_find(b->p, s->href)) {
                char *q = quoted(s->href);
                diags_add(b->diags, DIAG_ERROR, path, blk->line, 1,
                          b->p->nglossary ? "add the term to glossary.ini, or correct the id"
                                          : "the pack has no glossary.ini; add one with the term",
                          "unknown glossary term %s", q);
                free(q);
            }
        }
    }
}

/* ---------------- questions ---------------- */

typedef struct {
    const char *id;
    const Question *q;
    size_t unit;
    Lang lang;
} IdRef;

static int idref_cmp(const void *a, const void *b)
{
    const IdRef *x = a, *y = b;
    if (x->lang != y->lang)
        return x->lang < y->lang ? -1 : 1;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    return x->q < y->q ? -1 : (x->q > y->q);
}

/* Whether unit u has a question id in lang (refs sorted by idref_cmp). */
static bool idref_has(const IdRef *refs, size_t n, Lang lang, const char *id, size_t u)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const IdRef *r = &refs[mid];
        int c = r->lang != lang ? (r->lang < lang ? -1 : 1) : strcmp(r->id, id);
        if (!c && r->unit != u)
            c = r->unit < u ? -1 : 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && refs[lo].lang == lang && refs[lo].unit == u && !strcmp(refs[lo].id, id);
}

/* Whether the kiosk's keyboard (kiosk/ui/keypad.c) types cp, or one that
 * scores the same: Latin letters, digits, space, the signs on its keys, and
 * the typographic apostrophes and hyphens that match ' and -. A '*' is a
 * wildcard, a backslash escapes one. */
static bool typable(uint32_t cp)
{
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
        return true;
    if (cp < 0x80)
        return cp != 0 && strchr(" '-.,?!()/:&+=%#@;\"*\\", (int)cp) != NULL;
    return cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x2010 || cp == 0x2011;
}

/* The first character of s the keyboard cannot type, or 0. */
static uint32_t untypable(const char *s)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        uint32_t cp = utf8_decode(s, n, &i);
        if (!typable(cp))
            return cp;
    }
    return 0;
}

/* Answers or matching pairs of q after what a round shows. */
static void build_check_choices(Build *b, const char *path, const Question *q)
{
    size_t pairs = 0;
    for (size_t i = 0; i < q->nanswers; i++)
        pairs += q->answers[i].left && q->answers[i].left[0];
    if (q->type == QT_MATCHING && pairs > QUIZ_MAX_PAIRS)
        diags_add(b->diags, DIAG_WARNING, path, q->line, q->col,
                  "split it into several matching questions",
                  "the question has %zu pairs; the kiosk shows the first %d", pairs,
                  QUIZ_MAX_PAIRS);
    else if ((q->type == QT_MULTICHOICE || q->type == QT_MULTIRESPONSE || q->type == QT_MATCHING) &&
             q->nanswers > QUIZ_MAX_CHOICES)
        diags_add(b->diags, DIAG_WARNING, path, q->line, q->col,
                  "keep the answers a participant should choose from",
                  "the question has %zu answers; the kiosk shows the first %d", q->nanswers,
                  QUIZ_MAX_CHOICES);
}

void build_check_quiz(Build *b, const char *path, const QuestionList *ql)
{
    for (size_t i = 0; i < ql->count; i++)
        build_check_question(b, path, &ql->items[i]);
    if (ql->count > QUIZ_MAX_QUESTIONS) {
        const Question *q = &ql->items[QUIZ_MAX_QUESTIONS];
        diags_add(b->diags, DIAG_WARNING, path, q->line, q->col,
                  "split the questions into several units (from Moodle, export each category "
                  "to a file of its own)",
                  "the unit has %zu questions; a quiz round asks only the first %d, so the "
                  "last %zu are never asked",
                  ql->count, QUIZ_MAX_QUESTIONS, ql->count - QUIZ_MAX_QUESTIONS);
    }
}

/* What a touchscreen cannot score well: every right short answer that the
 * keyboard cannot type, or that is long to type, is named; answers or pairs
 * beyond what it shows. A formatted answer is checked on the text it is
 * scored on (learn.c): without its markup, its entities read ("caf&eacute;"
 * is café). */
void build_check_question(Build *b, const char *path, const Question *q)
{
    build_check_choices(b, path, q);
    if (q->type == QT_ESSAY) {
        diags_add(b->diags, DIAG_WARNING, path, q->line, q->col,
                  "give it answers to choose from if it should be scored",
                  "essay question: shown as a discussion prompt, not scored");
        return;
    }
    if (q->type != QT_SHORTANSWER)
        return;
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        const char *typed = rich_plain(a->rich_text, a->text);
        if (a->fraction <= 0 || !typed)
            continue;
        uint32_t cp = untypable(typed);
        char *qa = quoted(typed);
        if (cp) {
            char ch[5] = {0};
            utf8_encode(cp, ch);
            diags_add(b->diags, DIAG_WARNING, path, q->line, q->col,
                      "make it a multiple-choice question, or accept an answer written with "
                      "Latin letters, digits and the signs on the keyboard",
                      "short answer %s cannot be typed on the kiosk's keyboard ('%s' is not on "
                      "it): it can never be answered right",
                      qa, ch);
        } else if (strlen(typed) > QUIZ_MAX_TYPED) {
            diags_add(b->diags, DIAG_WARNING, path, q->line, q->col,
                      "make it a multiple-choice question, or accept a short answer",
                      "short answer %s is longer than the %d bytes the kiosk's answer field "
                      "holds: it can never be answered right",
                      qa, QUIZ_MAX_TYPED);
        } else if (utf8_count(typed, strlen(typed)) > TYPED_ANSWER_MAX) {
            diags_add(b->diags, DIAG_WARNING, path, q->line, q->col,
                      "make it a multiple-choice question, or accept a short Latin answer",
                      "short answer %s is long to type on a touchscreen", qa);
        }
        free(qa);
    }
}

/* Whether id is among the n sorted refs or the k names made so far. */
static bool id_taken(const IdRef *refs, size_t n, char *const *made, size_t k, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(refs[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n && !strcmp(refs[lo].id, id))
        return true;
    for (size_t i = 0; i < k; i++)
        if (!strcmp(made[i], id))
            return true;
    return false;
}

/* pack.ini's repeated_ids = rename: in each language, a question whose id
 * an earlier unit uses is called "id (2)" (the first number free), as
 * Moodle imports both; the GIFT and XML readers do the same in one file. */
static void build_rename_repeated(Build *b, Lang l)
{
    Pack *p = b->p;
    size_t n = 0, k = 0;
    for (size_t u = 0; u < p->nunits; u++)
        n += p->units[u].lang[l].quiz.count;
    IdRef *refs = mb_xmalloc((n ? n : 1) * sizeof *refs);
    char **made = mb_xmalloc((n ? n : 1) * sizeof *made);
    n = 0;
    for (size_t u = 0; u < p->nunits; u++)
        for (size_t i = 0; i < p->units[u].lang[l].quiz.count; i++)
            if (p->units[u].lang[l].quiz.items[i].id)
                refs[n++] = (IdRef){p->units[u].lang[l].quiz.items[i].id,
                                    &p->units[u].lang[l].quiz.items[i], u, l};
    qsort(refs, n, sizeof *refs, idref_cmp);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(refs[i].id, refs[first].id)) {
            first = i;
            continue;
        }
        Question *q = (Question *)refs[i].q;
        char *id = NULL;
        for (int c = 2; !id || id_taken(refs, n, made, k, id); c++)
            id = arena_printf(&p->arena, "%s (%d)", refs[first].id, c);
        made[k++] = id;
        const Unit *was = &p->units[refs[first].unit];
        char *qo = quoted(refs[first].id), *qn = quoted(id);
        diags_add(b->diags, DIAG_WARNING, build_path(b, question_rel(b, &p->units[refs[i].unit], l, q)),
                  q->line, q->col,
                  "progress is kept by id: give each question its own ::name:: or [id:] so that "
                  "it stays the same when the file changes",
                  "question id %s is also used in %s:%d; Moodle imports both, and the kiosk calls "
                  "this one %s",
                  qo, build_path(b, question_rel(b, was, l, refs[first].q)), refs[first].q->line, qn);
        free(qo);
        free(qn);
        q->id = id;
    }
    free(made);
    free(refs);
}

/* Each question of unit u in language l that another language's file of
 * the same kind (quiz or activities) lacks. */
static void build_check_parity(Build *b, const IdRef *refs, size_t n, size_t u, Lang l)
{
    const Unit *un = &b->p->units[u];
    const QuestionList *ql = &un->lang[l].quiz;
    for (int o = 0; o < LANG_COUNT; o++) {
        if (o == (int)l || !b->lang[o])
            continue;
        for (size_t i = 0; i < ql->count; i++) {
            const Question *qq = &ql->items[i];
            const char *other = question_rel(b, un, (Lang)o, qq);
            if (!qq->id || !build_find(b, other) || idref_has(refs, n, (Lang)o, qq->id, u))
                continue;
            char *q = quoted(qq->id);
            diags_add(b->diags, DIAG_WARNING, build_path(b, question_rel(b, un, l, qq)), qq->line,
                      qq->col, "use the same ::id:: for the same question in every language",
                      "question %s has no %s version: %s lacks it", q, lang_code((Lang)o), other);
            free(q);
        }
    }
}

/* Question ids: unique in the pack per language (the GIFT parser checks
 * one file), and the same in every language of a unit. */
void build_check_ids(Build *b)
{
    Pack *p = b->p;
    if (p->rename_repeated_ids)
        for (int l = 0; l < LANG_COUNT; l++)
            build_rename_repeated(b, (Lang)l);
    size_t n = 0;
    for (size_t u = 0; u < p->nunits; u++)
        for (int l = 0; l < LANG_COUNT; l++)
            n += p->units[u].lang[l].quiz.count;
    IdRef *refs = mb_xmalloc((n ? n : 1) * sizeof *refs);
    n = 0;
    for (size_t u = 0; u < p->nunits; u++)
        for (int l = 0; l < LANG_COUNT; l++) {
            const QuestionList *ql = &p->units[u].lang[l].quiz;
            for (size_t i = 0; i < ql->count; i++)
                if (ql->items[i].id)
                    refs[n++] = (IdRef){ql->items[i].id, &ql->items[i], u, (Lang)l};
        }
    qsort(refs, n, sizeof *refs, idref_cmp);
    for (size_t i = 1; i < n; i++) {
        const IdRef *a = &refs[i - 1], *c = &refs[i];
        if (a->lang != c->lang || strcmp(a->id, c->id) || a->unit == c->unit)
            continue;
        char *q = quoted(c->id);
        diags_add(b->diags, DIAG_ERROR,
                  build_path(b, question_rel(b, &p->units[c->unit], c->lang, c->q)), c->q->line,
                  c->q->col, "progress is kept by id, so every question of the pack needs its own",
                  "question id %s is also used in %s:%d", q,
                  question_rel(b, &p->units[a->unit], a->lang, a->q), a->q->line);
        free(q);
    }
    for (size_t u = 0; u < p->nunits; u++)
        for (int l = 0; l < LANG_COUNT; l++)
            build_check_parity(b, refs, n, u, (Lang)l);
    free(refs);
}
