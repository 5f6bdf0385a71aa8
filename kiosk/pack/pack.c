/* Builds a Pack from its files: sorts them by kind (manifest, glossary,
 * units, quizzes, media) and by name, reads the manifest and glossary, and
 * parses every unit and quiz in every language of the pack. Every problem
 * is reported in one run, located as origin/path:line:col (for a zip too:
 * "my-pack.zip/units/01-x.en.md:3:1", so that editors and terminals read one
 * form). Input is untrusted; files.c has read it within the limits. The
 * checks over the whole pack are in pack_check.c, the model's own lookups
 * in model.c. */
#include "pack_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

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
    if (!dot || dot == name) {
        diag_hint(diags_add(b->diags, DIAG_ERROR, path, 0, 0, NULL,
                            "the file name does not say its language"),
                  "name it %s<slug>.en%s or %s<slug>.zh-Hans%s", dir, ext, dir, ext);
        return false;
    }
    char *code = arena_strndup(&b->p->arena, dot + 1, (size_t)(name + base - dot - 1));
    if (lang_parse(code, &fi->lang)) {
        char *q = quoted(code);
        diag_hint(diags_add(b->diags, DIAG_ERROR, path, 0, 0, NULL,
                            "unknown language %s in the file name; this kiosk knows en and "
                            "zh-Hans",
                            q),
                  "name it %s<slug>.en%s or %s<slug>.zh-Hans%s", dir, ext, dir, ext);
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
               (has_suffix(rel, ".gift") || has_suffix(rel, ".xml"))) {
        if (build_split_name(b, fi, rel, "quizzes/", has_suffix(rel, ".xml") ? ".xml" : ".gift"))
            fi->kind = F_QUIZ;
        return;
    } else if (!strncmp(rel, "activities/", 11) && !strchr(rel + 11, '/') &&
               has_suffix(rel, ".md")) {
        if (build_split_name(b, fi, rel, "activities/", ".md"))
            fi->kind = F_ACTIVITY;
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
                  "a pack holds pack.ini, glossary.ini, units/*.md, quizzes/*.gift or *.xml and media/",
                  "not part of a pack; this file is ignored");
}

/* ---------------- units ---------------- */

static int str_ptr_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A file of the unit in language l under another name than want (the
 * language written "zh" or "zh-CN"): reported naming it; true when found. */
static bool build_twin(Build *b, const char *slug, Lang l, FileKind kind, const char *want)
{
    for (size_t i = 0; i < b->ninfo; i++) {
        const FileInfo *fi = &b->info[i];
        if (fi->kind != kind || fi->lang != l || strcmp(fi->slug, slug) ||
            !strcmp(fi->file->path, want))
            continue;
        diag_hint(diags_add(b->diags, DIAG_ERROR, build_path(b, fi->file->path), 0, 0, NULL,
                            "the kiosk looks for this file as %s", want),
                  "rename %s to %s", fi->file->path, want);
        return true;
    }
    return false;
}

/* A unit's Moodle XML quiz: its images go to media/<slug>.<lang>/, into
 * b->xml_media until the files are merged (build_merge_media). */
static void build_quiz_xml(Build *b, Unit *u, Lang l, FileInfo *fi, const char *path)
{
    PackLimits lim = pack_limits_default();
    MoodleXmlMedia m = {
        .dir = arena_printf(&b->p->arena, "media/%s.%s/", u->slug, lang_code(l)),
        .out = &b->xml_media,
        .taken = &b->p->files,
        .lim = &lim,
    };
    int errors = pack_moodle_xml_parse(path, (const char *)fi->file->data, fi->file->len,
                                       &b->p->arena, &m, &u->lang[l].quiz, b->diags);
    if (!errors && !u->lang[l].quiz.count)
        diags_add(b->diags, DIAG_WARNING, path, 0, 0,
                  "every question of it is of a type the kiosk skips",
                  "the file has no question the kiosk shows");
    for (size_t i = 0; i < b->ninfo; i++)
        if (!strncmp(b->info[i].file->path, m.dir, strlen(m.dir)))
            b->info[i].used = true;
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
    } else if (build_twin(b, u->slug, l, F_UNIT, md_rel)) {
        /* "units/x.zh.md" is there under a name the kiosk does not look for. */
    } else {
        /* Name the language versions that exist, so the message says why
         * this one is expected. */
        const char *other = NULL;
        for (int o = 0; o < LANG_COUNT && !other; o++) {
            char *rel = arena_printf(&b->p->arena, "units/%s.%s.md", u->slug, lang_code((Lang)o));
            if (o != (int)l && build_find(b, rel))
                other = rel;
        }
        Diag *g = diags_add(b->diags, DIAG_ERROR, build_path(b, md_rel), 0, 0, NULL,
                            other ? "missing: the pack's languages include %s, and %s exists"
                                  : "missing: the pack's languages include %s%s",
                            lang_code(l), other ? other : "");
        diag_hint(g, "write the %s version, or remove %s from languages in pack.ini",
                  lang_code(l), lang_code(l));
    }
    char *xml_rel = arena_printf(&b->p->arena, "quizzes/%s.%s.xml", u->slug, lang_code(l));
    if (gift && strcmp(gift_rel, xml_rel) && build_find(b, xml_rel))
        diags_add(b->diags, DIAG_ERROR, build_path(b, xml_rel), 0, 0,
                  "keep one quiz per unit and language", "%s is this unit's quiz already",
                  gift_rel);
    if (gift) {
        const char *path = build_path(b, gift_rel);
        if (u->is_page) {
            diags_add(b->diags, DIAG_WARNING, path, 0, 0,
                      "rename the unit without 00- to give it a quiz",
                      "a page (00-) has no quiz; this file is ignored");
            return;
        }
        if (has_suffix(gift_rel, ".xml")) {
            build_quiz_xml(b, u, l, gift, path);
            build_format_questions(b, path, NULL, &u->lang[l].quiz);
        } else {
            pack_gift_parse(path, (const char *)gift->file->data, gift->file->len,
                            &b->p->arena, &u->lang[l].quiz, b->diags);
            build_format_questions(b, path, gift->file, &u->lang[l].quiz);
        }
        build_check_quiz(b, path, &u->lang[l].quiz);
        return;
    }
    if (u->is_page || build_twin(b, u->slug, l, F_QUIZ, gift_rel))
        return;
    for (int o = 0; o < LANG_COUNT; o++) {
        char *rel = quiz_rel(b, u, (Lang)o);
        FileInfo *fo = build_find(b, rel);
        if (o != (int)l && b->lang[o] && fo && fo->kind == F_QUIZ) {
            diag_hint(diags_add(b->diags, DIAG_ERROR, build_path(b, gift_rel), 0, 0, NULL,
                                "missing: %s exists", rel),
                      "translate %s, keeping each ::id::", rel);
            return;
        }
    }
}

/* A unit's activities (activities/<slug>.<lang>.md), after its quiz, and
 * their discussion prompts after them. */
static void build_unit_activities(Build *b, Unit *u, Lang l)
{
    char *rel = arena_printf(&b->p->arena, "activities/%s.%s.md", u->slug, lang_code(l));
    FileInfo *fi = build_find(b, rel);
    if (fi && fi->kind != F_ACTIVITY)
        fi = NULL;
    if (!fi) {
        for (int o = 0; o < LANG_COUNT && !u->is_page; o++) {
            char *other = arena_printf(&b->p->arena, "activities/%s.%s.md", u->slug,
                                       lang_code((Lang)o));
            FileInfo *fo = build_find(b, other);
            if (o != (int)l && b->lang[o] && fo && fo->kind == F_ACTIVITY) {
                diag_hint(diags_add(b->diags, DIAG_ERROR, build_path(b, rel), 0, 0, NULL,
                                    "missing: %s exists", other),
                          "translate %s, keeping each activity's id", other);
                return;
            }
        }
        return;
    }
    const char *path = build_path(b, rel);
    if (u->is_page) {
        diags_add(b->diags, DIAG_WARNING, path, 0, 0,
                  "rename the unit without 00- to give it activities",
                  "a page (00-) has no activities; this file is ignored");
        return;
    }
    QuestionList act = {0};
    pack_activity_parse(path, (const char *)fi->file->data, fi->file->len, &b->p->arena, &act,
                        b->diags);
    build_format_questions(b, path, fi->file, &act);
    QuestionList *quiz = &u->lang[l].quiz;
    Question *all = arena_alloc(&b->p->arena, (quiz->count + act.count + 1) * sizeof *all);
    if (quiz->count)
        memcpy(all, quiz->items, quiz->count * sizeof *all);
    /* the discussion prompts last: the seminar talks after the practice */
    size_t n = quiz->count;
    for (int prompts = 0; prompts < 2; prompts++)
        for (size_t i = 0; i < act.count; i++)
            if ((act.items[i].type == QT_ESSAY) == (bool)prompts) {
                all[n] = act.items[i];
                all[n++].from_activities = true;
            }
    quiz->items = all;
    quiz->count += act.count;
}

/* Activity files whose unit does not exist. */
static void build_orphan_activities(Build *b)
{
    for (size_t i = 0; i < b->ninfo; i++) {
        const FileInfo *fi = &b->info[i];
        if (fi->kind != F_ACTIVITY || !b->lang[fi->lang])
            continue;
        bool found = false;
        for (size_t k = 0; k < b->p->nunits && !found; k++)
            found = !strcmp(b->p->units[k].slug, fi->slug);
        if (!found)
            diags_add(b->diags, DIAG_ERROR, build_path(b, fi->file->path), 0, 0,
                      "activities belong to the unit with the same name",
                      "activities without a unit: units/%s.%s.md does not exist", fi->slug,
                      lang_code(fi->lang));
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
                char *rel = quiz_rel_slug(b, slugs[i], (Lang)l);
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
            if (b->lang[l]) {
                build_unit_lang(b, u, (Lang)l);
                build_unit_activities(b, u, (Lang)l);
            }
    }
    free(slugs);
    build_orphan_activities(b);
    if (!p->nunits)
        diags_add(b->diags, DIAG_ERROR, build_path(b, "units"), 0, 0,
                  "add units/01-first-steps.en.md (and one per language)",
                  "the pack has no units");
}

/* ---------------- the pack ---------------- */

/* The images Moodle XML quizzes carried become files of the pack, checked
 * as every image of media/ is. */
static void build_merge_media(Build *b)
{
    PackFiles *extra = &b->xml_media;
    if (!extra->count)
        return;
    Pack *p = b->p;
    size_t old = p->files.count;
    for (size_t i = 0; i < extra->count; i++)
        pack_files_add(&p->files, extra->items[i].path, extra->items[i].data,
                       extra->items[i].len);
    pack_files_free(extra);
    b->info = mb_xrealloc(b->info, p->files.count * sizeof *b->info);
    memset(b->info + old, 0, (p->files.count - old) * sizeof *b->info);
    for (size_t i = 0; i < p->files.count; i++)
        b->info[i].file = &p->files.items[i];
    for (size_t i = old; i < p->files.count; i++) {
        b->info[i].kind = F_MEDIA;
        b->info[i].used = true;
    }
    b->ninfo = p->files.count;
}

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

static int build_all(PackFiles *files, const char *origin, const char *single, bool head,
                     Pack **out, Diags *diags)
{
    *out = NULL;
    Pack *p = mb_xcalloc(1, sizeof *p);
    p->files = *files;
    memset(files, 0, sizeof *files);
    int errors_before = diags->errors;
    Build b = {.origin = origin ? origin : "", .diags = diags, .p = p, .single = single};
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
    if (!head) {
        build_units(&b);
        build_merge_media(&b);
        build_check_ids(&b);
        for (size_t i = 0; i < b.ninfo; i++)
            if (b.info[i].kind == F_MEDIA)
                build_check_media(&b, &b.info[i]);
    }
    free(b.info);

    int errors = diags->errors - errors_before;
    if (errors) {
        pack_free(p);
        return errors;
    }
    *out = p;
    return 0;
}

int pack_build(PackFiles *files, const char *origin, Pack **out, Diags *diags)
{
    return build_all(files, origin, NULL, false, out, diags);
}

const char *const pack_head_files[] = {"pack.ini", "glossary.ini", NULL};

int pack_build_head(const PackFiles *files, const char *origin, Pack **out, Diags *diags)
{
    PackFiles head = {0};
    for (size_t i = 0; i < files->count; i++) {
        const PackFile *f = &files->items[i];
        for (const char *const *h = pack_head_files; *h; h++)
            if (!strcmp(f->path, *h))
                pack_files_add(&head, f->path, f->data, f->len);
    }
    return build_all(&head, origin, NULL, true, out, diags);
}

int pack_build_single(PackFiles *files, const char *path, Pack **out, Diags *diags)
{
    return build_all(files, path, path, false, out, diags);
}

int pack_load(const char *path, Pack **out, Diags *diags)
{
    if (pack_is_quiz_file(path))
        return pack_load_quiz_file(path, out, NULL, diags);
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
