/* Builds a Pack from its files and checks it as a whole: the manifest, every
 * unit and quiz in every language, question ids across languages and units,
 * what a touchscreen cannot score, images, glossary links and file names.
 * Every problem is reported in one run, located as origin/path:line:col
 * (for a zip too: "my-pack.zip/units/01-x.en.md:3:1", so that editors and
 * terminals read one form). Input is untrusted; files.c has read it within
 * the limits. The model's own lookups are in model.c. */
#include "mingbai/pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"

/* Images the kiosk decodes; bigger ones would need a pixel buffer beyond
 * what a small board should spend on one picture. */
#define IMAGE_MAX_SIDE 8192u
#define IMAGE_MAX_PIXELS (4096u * 4096u)
/* An answer longer than this is a chore on the on-screen keyboard. */
#define TYPED_ANSWER_MAX 30

typedef enum { F_MANIFEST, F_GLOSSARY, F_UNIT, F_QUIZ, F_MEDIA, F_OTHER } FileKind;

typedef struct {
    const PackFile *file;
    FileKind kind;
    char *slug; /* F_UNIT, F_QUIZ */
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
} Build;

/* origin/rel, as messages name a file of the pack. */
static char *build_path(Build *b, const char *rel)
{
    size_t n = strlen(b->origin);
    if (n == 0)
        return arena_strdup(&b->p->arena, rel);
    return arena_printf(&b->p->arena, "%s%s%s", b->origin, b->origin[n - 1] == '/' ? "" : "/",
                        rel);
}

static char *quoted(const char *s)
{
    StrBuf q = {0};
    pack_quote(&q, s, strlen(s));
    return q.data;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static bool is_image_path(const char *s)
{
    return has_suffix(s, ".png") || has_suffix(s, ".jpg") || has_suffix(s, ".jpeg") ||
           has_suffix(s, ".PNG") || has_suffix(s, ".JPG") || has_suffix(s, ".JPEG");
}

/* ---------------- file names ---------------- */

static bool name_chars_ok(const char *path)
{
    for (const char *c = path; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '-' || *c == '_' || *c == '.' || *c == '/'))
            return false;
    }
    return true;
}

/* "units/01-x.en.md" -> slug "01-x", lang; reports a name that cannot be
 * split. Returns false when the file cannot be used. */
static bool build_split_name(Build *b, FileInfo *fi, const char *rel, const char *dir,
                             const char *ext)
{
    const char *name = rel + strlen(dir);
    const char *path = build_path(b, fi->file->path);
    size_t base = strlen(name) - strlen(ext);
    const char *dot = NULL;
    for (size_t i = 0; i < base; i++)
        if (name[i] == '.')
            dot = name + i;
    char example[96];
    snprintf(example, sizeof example, "name it %s<slug>.en%s or %s<slug>.zh-Hans%s", dir, ext,
             dir, ext);
    if (!dot || dot == name) {
        diags_add(b->diags, DIAG_ERROR, path, 0, 0, example,
                  "the file name does not say its language");
        return false;
    }
    char *code = arena_strndup(&b->p->arena, dot + 1, (size_t)(name + base - dot - 1));
    if (lang_parse(code, &fi->lang)) {
        char *q = quoted(code);
        diags_add(b->diags, DIAG_ERROR, path, 0, 0, example,
                  "unknown language %s in the file name; this kiosk knows en and zh-Hans", q);
        free(q);
        return false;
    }
    fi->slug = arena_strndup(&b->p->arena, name, (size_t)(dot - name));
    return true;
}

static void build_classify(Build *b, FileInfo *fi)
{
    const char *rel = fi->file->path;
    const char *path = build_path(b, rel);
    fi->kind = F_OTHER;
    if (!name_chars_ok(rel)) {
        char *q = quoted(rel);
        diags_add(b->diags, DIAG_ERROR, path, 0, 0,
                  "zip tools and web links mangle other characters; rename the file",
                  "file name %s uses characters other than letters, digits, '-', '_' and '.'",
                  q);
        free(q);
    }
    if (!strcmp(rel, "pack.ini")) {
        fi->kind = F_MANIFEST;
    } else if (!strcmp(rel, "glossary.ini")) {
        fi->kind = F_GLOSSARY;
    } else if (!strncmp(rel, "units/", 6) && !strchr(rel + 6, '/') && has_suffix(rel, ".md")) {
        if (build_split_name(b, fi, rel, "units/", ".md"))
            fi->kind = F_UNIT;
        return;
    } else if (!strncmp(rel, "quizzes/", 8) && !strchr(rel + 8, '/') &&
               has_suffix(rel, ".gift")) {
        if (build_split_name(b, fi, rel, "quizzes/", ".gift"))
            fi->kind = F_QUIZ;
        return;
    } else if (!strncmp(rel, "media/", 6)) {
        if (is_image_path(rel)) {
            fi->kind = F_MEDIA;
        } else {
            diags_add(b->diags, DIAG_WARNING, path, 0, 0, "convert it to PNG or JPEG",
                      "the kiosk shows PNG and JPEG images only; this file is ignored");
        }
        return;
    }
    if (fi->kind == F_OTHER)
        diags_add(b->diags, DIAG_WARNING, path, 0, 0,
                  "a pack holds pack.ini, glossary.ini, units/*.md, quizzes/*.gift and media/",
                  "not part of a pack; this file is ignored");
}

/* ---------------- images ---------------- */

static void build_check_media(Build *b, FileInfo *fi)
{
    const char *path = build_path(b, fi->file->path);
    bool png = has_suffix(fi->file->path, ".png") || has_suffix(fi->file->path, ".PNG");
    uint32_t w, h;
    if (!pack_image_header_size(fi->file, png, &w, &h)) {
        diags_add(b->diags, DIAG_ERROR, path, 0, 0, "save it again as a real PNG or JPEG",
                  png ? "the file is not a PNG image" : "the file is not a JPEG image");
    } else if (w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE ||
               (uint64_t)w * h > (uint64_t)IMAGE_MAX_PIXELS) {
        diags_add(b->diags, DIAG_ERROR, path, 0, 0,
                  "a screen is about 1280 pixels wide; scale the image down",
                  "the image is %u x %u pixels; the limit is %u x %u (16 megapixels)",
                  (unsigned)w, (unsigned)h, 4096u, 4096u);
    }
    if (!fi->used) {
        char hint[320];
        snprintf(hint, sizeof hint, "remove it, or show it in a unit with ![text](%s)",
                 fi->file->path);
        diags_add(b->diags, DIAG_WARNING, path, 0, 0, hint, "no unit shows this image");
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

static FileInfo *build_find(Build *b, const char *rel)
{
    for (size_t i = 0; i < b->ninfo; i++)
        if (!strcmp(b->info[i].file->path, rel))
            return &b->info[i];
    return NULL;
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
        char hint[300];
        if (near)
            snprintf(hint, sizeof hint, "names are case-sensitive: the pack has %s",
                     near->file->path);
        else
            snprintf(hint, sizeof hint, "put the file in media/, or correct the name");
        diags_add(b->diags, DIAG_ERROR, path, blk->line, 1, hint, "image %s is not in the pack", q);
    } else if (strncmp(rel, "media/", 6) || fi->kind != F_MEDIA) {
        diags_add(b->diags, DIAG_ERROR, path, blk->line, 1,
                  "images are PNG or JPEG files in media/", "%s is not an image in media/", q);
    } else {
        fi->used = true;
        blk->src = fi->file->path;
    }
    free(q);
}

static void build_check_doc(Build *b, const char *path, Doc *doc)
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

/* ---------------- units ---------------- */

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

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

static char *quiz_rel(Build *b, const Unit *u, Lang l)
{
    return arena_printf(&b->p->arena, "quizzes/%s.%s.gift", u->slug, lang_code(l));
}

/* What a touchscreen cannot score well. */
static void build_check_question(Build *b, const char *path, const Question *q)
{
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
        if (a->fraction <= 0 || !a->text)
            continue;
        bool latin = true;
        for (const char *c = a->text; *c; c++)
            latin &= (unsigned char)*c < 0x80;
        if (!latin || utf8_count(a->text, strlen(a->text)) > TYPED_ANSWER_MAX) {
            char *qa = quoted(a->text);
            diags_add(b->diags, DIAG_WARNING, path, q->line, q->col,
                      "make it a multiple-choice question, or accept a short Latin answer",
                      !latin ? "short answer %s cannot be typed on the kiosk's keyboard (Latin "
                               "letters and digits only)"
                             : "short answer %s is long to type on a touchscreen",
                      qa);
            free(qa);
            return;
        }
    }
}

/* Question ids: unique in the pack per language (the GIFT parser checks
 * one file), and the same in every language of a unit. */
static void build_check_ids(Build *b)
{
    Pack *p = b->p;
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
                  build_path(b, quiz_rel(b, &p->units[c->unit], c->lang)), c->q->line, c->q->col,
                  "progress is kept by id, so every question of the pack needs its own",
                  "question id %s is also used in %s:%d", q,
                  quiz_rel(b, &p->units[a->unit], a->lang), a->q->line);
        free(q);
    }
    for (size_t u = 0; u < p->nunits; u++) {
        const Unit *un = &p->units[u];
        for (int l = 0; l < LANG_COUNT; l++) {
            const QuestionList *ql = &un->lang[l].quiz;
            if (!ql->count)
                continue;
            const char *path = build_path(b, quiz_rel(b, un, (Lang)l));
            for (int o = 0; o < LANG_COUNT; o++) {
                if (o == l || !b->lang[o] || !build_find(b, quiz_rel(b, un, (Lang)o)))
                    continue;
                for (size_t i = 0; i < ql->count; i++) {
                    const Question *qq = &ql->items[i];
                    if (!qq->id)
                        continue;
                    if (idref_has(refs, n, (Lang)o, qq->id, u))
                        continue;
                    char *q = quoted(qq->id);
                    diags_add(b->diags, DIAG_WARNING, path, qq->line, qq->col,
                              "use the same ::id:: for the same question in every language",
                              "question %s has no %s version: %s lacks it", q,
                              lang_code((Lang)o), quiz_rel(b, un, (Lang)o));
                    free(q);
                }
            }
        }
    }
    free(refs);
}

static void build_unit_lang(Build *b, Unit *u, Lang l)
{
    char *md_rel = arena_printf(&b->p->arena, "units/%s.%s.md", u->slug, lang_code(l));
    char *gift_rel = quiz_rel(b, u, l);
    FileInfo *md = build_find(b, md_rel);
    FileInfo *gift = build_find(b, gift_rel);
    if (md && md->kind != F_UNIT)
        md = NULL;
    if (gift && gift->kind != F_QUIZ)
        gift = NULL;
    if (md) {
        const char *path = build_path(b, md_rel);
        u->lang[l].present = true;
        int errors = pack_md_parse(path, (const char *)md->file->data, md->file->len,
                                   &b->p->arena, &u->lang[l].doc, b->diags);
        u->lang[l].title = u->lang[l].doc.title ? u->lang[l].doc.title : u->slug;
        /* An unreadable file gets no further warnings about its text. */
        if (!errors && !u->lang[l].doc.count)
            diags_add(b->diags, DIAG_WARNING, path, 0, 0, NULL, "the unit has no text");
        else if (!errors && !u->lang[l].doc.title)
            diags_add(b->diags, DIAG_WARNING, path, 1, 1, "start the unit with # Its title",
                      "no level-1 heading; the unit list shows the file name instead");
        build_check_doc(b, path, &u->lang[l].doc);
    } else {
        /* Name the language versions that exist, so the message says why
         * this one is expected. */
        const char *other = NULL;
        for (int o = 0; o < LANG_COUNT && !other; o++) {
            char *rel = arena_printf(&b->p->arena, "units/%s.%s.md", u->slug, lang_code((Lang)o));
            if (o != (int)l && build_find(b, rel))
                other = rel;
        }
        char hint[128];
        snprintf(hint, sizeof hint, "write the %s version, or remove %s from languages in pack.ini",
                 lang_code(l), lang_code(l));
        diags_add(b->diags, DIAG_ERROR, build_path(b, md_rel), 0, 0, hint,
                  other ? "missing: the pack's languages include %s, and %s exists"
                        : "missing: the pack's languages include %s%s",
                  lang_code(l), other ? other : "");
    }
    if (gift) {
        const char *path = build_path(b, gift_rel);
        if (u->is_page) {
            diags_add(b->diags, DIAG_WARNING, path, 0, 0,
                      "rename the unit without 00- to give it a quiz",
                      "a page (00-) has no quiz; this file is ignored");
            return;
        }
        pack_gift_parse(path, (const char *)gift->file->data, gift->file->len, &b->p->arena,
                        &u->lang[l].quiz, b->diags);
        for (size_t i = 0; i < u->lang[l].quiz.count; i++)
            build_check_question(b, path, &u->lang[l].quiz.items[i]);
        return;
    }
    if (u->is_page)
        return;
    for (int o = 0; o < LANG_COUNT; o++) {
        char *rel = quiz_rel(b, u, (Lang)o);
        FileInfo *fo = build_find(b, rel);
        if (o != (int)l && b->lang[o] && fo && fo->kind == F_QUIZ) {
            char hint[128];
            snprintf(hint, sizeof hint, "translate %s, keeping each ::id::", rel);
            diags_add(b->diags, DIAG_ERROR, build_path(b, gift_rel), 0, 0, hint,
                      "missing: %s exists", rel);
            return;
        }
    }
}

static void build_units(Build *b)
{
    Pack *p = b->p;
    const char **slugs = mb_xmalloc((b->ninfo ? b->ninfo : 1) * sizeof *slugs);
    size_t n = 0;
    for (size_t i = 0; i < b->ninfo; i++)
        if ((b->info[i].kind == F_UNIT || b->info[i].kind == F_QUIZ) && b->lang[b->info[i].lang])
            slugs[n++] = b->info[i].slug;
    qsort(slugs, n, sizeof *slugs, str_ptr_cmp);
    p->units = arena_alloc(&p->arena, (n ? n : 1) * sizeof *p->units);
    for (size_t i = 0; i < n; i++) {
        if (i && !strcmp(slugs[i], slugs[i - 1]))
            continue;
        bool has_md = false;
        for (int l = 0; l < LANG_COUNT; l++) {
            char *rel = arena_printf(&p->arena, "units/%s.%s.md", slugs[i], lang_code((Lang)l));
            FileInfo *fi = build_find(b, rel);
            has_md |= fi && fi->kind == F_UNIT;
        }
        if (!has_md) {
            for (int l = 0; l < LANG_COUNT; l++) {
                char *rel = arena_printf(&p->arena, "quizzes/%s.%s.gift", slugs[i],
                                         lang_code((Lang)l));
                FileInfo *fi = build_find(b, rel);
                if (fi && fi->kind == F_QUIZ && b->lang[l])
                    diags_add(b->diags, DIAG_ERROR, build_path(b, rel), 0, 0,
                              "a quiz belongs to the unit with the same name",
                              "quiz without a unit: units/%s.%s.md does not exist", slugs[i],
                              lang_code((Lang)l));
            }
            continue;
        }
        Unit *u = &p->units[p->nunits++];
        u->slug = arena_strdup(&p->arena, slugs[i]);
        u->is_page = !strncmp(u->slug, "00-", 3);
        for (int l = 0; l < LANG_COUNT; l++)
            if (b->lang[l])
                build_unit_lang(b, u, (Lang)l);
    }
    free(slugs);
    if (!p->nunits)
        diags_add(b->diags, DIAG_ERROR, build_path(b, "units"), 0, 0,
                  "add units/01-first-steps.en.md (and one per language)",
                  "the pack has no units");
}

/* ---------------- the pack ---------------- */

static void build_languages(Build *b)
{
    Pack *p = b->p;
    bool any = false;
    for (int l = 0; l < LANG_COUNT; l++)
        any |= p->has_lang[l];
    for (int l = 0; l < LANG_COUNT; l++)
        b->lang[l] = p->has_lang[l];
    if (!any) /* no usable languages line: check what the files have */
        for (size_t i = 0; i < b->ninfo; i++)
            if (b->info[i].kind == F_UNIT)
                b->lang[b->info[i].lang] = true;
    for (size_t i = 0; i < b->ninfo; i++) {
        FileInfo *fi = &b->info[i];
        if ((fi->kind == F_UNIT || fi->kind == F_QUIZ) && !b->lang[fi->lang])
            diags_add(b->diags, DIAG_WARNING, build_path(b, fi->file->path), 0, 0,
                      "add it to languages in pack.ini to use it",
                      "%s is not one of the pack's languages; this file is ignored",
                      lang_code(fi->lang));
    }
}

int pack_build(PackFiles *files, const char *origin, Pack **out, Diags *diags)
{
    *out = NULL;
    Pack *p = mb_xcalloc(1, sizeof *p);
    p->files = *files;
    memset(files, 0, sizeof *files);
    int errors_before = diags->errors;
    Build b = {.origin = origin ? origin : "", .diags = diags, .p = p};
    b.ninfo = p->files.count;
    b.info = mb_xcalloc(b.ninfo ? b.ninfo : 1, sizeof *b.info);
    for (size_t i = 0; i < b.ninfo; i++) {
        b.info[i].file = &p->files.items[i];
        build_classify(&b, &b.info[i]);
    }

    FileInfo *manifest = build_find(&b, "pack.ini");
    if (manifest)
        pack_manifest_parse(build_path(&b, "pack.ini"), (const char *)manifest->file->data,
                            manifest->file->len, p, diags);
    else
        diags_add(diags, DIAG_ERROR, build_path(&b, "pack.ini"), 0, 0,
                  "every pack starts with a pack.ini: format, id, version, languages, titles",
                  "the pack has no pack.ini");
    FileInfo *glossary = build_find(&b, "glossary.ini");
    if (glossary)
        pack_glossary_parse(build_path(&b, "glossary.ini"), (const char *)glossary->file->data,
                            glossary->file->len, p, diags);

    build_languages(&b);
    build_units(&b);
    build_check_ids(&b);
    for (size_t i = 0; i < b.ninfo; i++)
        if (b.info[i].kind == F_MEDIA)
            build_check_media(&b, &b.info[i]);
    free(b.info);

    int errors = diags->errors - errors_before;
    if (errors) {
        pack_free(p);
        return errors;
    }
    *out = p;
    return 0;
}

int pack_load(const char *path, Pack **out, Diags *diags)
{
    PackLimits lim = pack_limits_default();
    PackFiles files;
    *out = NULL;
    int rc = pack_files_read(path, &lim, &files, diags);
    if (rc) {
        pack_files_free(&files);
        return rc;
    }
    return pack_build(&files, path, out, diags);
}
