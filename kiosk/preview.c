/* `mingbai pack preview PATH --shots DIR [--lang L] [--window WxH]`: an
 * instructor looks through a bank before a seminar. The pack (a folder, a
 * .zip or one question file) is checked as `pack import` checks it, put
 * into a temporary database (never the kiosk's), and the headless kiosk
 * (as replay runs it: offscreen video, software renderer) shows each
 * question of each unit, then its feedback after the right answer and
 * after a wrong one where there is one. Each screen is written as
 * DIR/<unit>-qNN-question.png, -feedback.png, -feedback-wrong.png, and
 * DIR/index.html lists them. Messages follow the locale (cli_say). */
#include "preview.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "mingbai/cli.h"
#include "mingbai/learn.h"

typedef struct {
    const char *path, *shots;
    AppOptions o;
    bool lang_given;
} PreviewArgs;

static int preview_usage(void)
{
    cli_say(stderr, "usage: mingbai pack preview PATH --shots DIR [--lang L] [--window WxH]\n");
    return 2;
}

static int preview_args(int argc, char **argv, PreviewArgs *a)
{
    memset(a, 0, sizeof *a);
    a->o.width = 800;
    a->o.height = 480;
    a->o.headless = true;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--shots") && i + 1 < argc)
            a->shots = argv[++i];
        else if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
            if (lang_parse(argv[++i], &a->o.lang))
                return preview_usage();
            a->lang_given = true;
        } else if (!strcmp(argv[i], "--window") && i + 1 < argc) {
            if (app_parse_size(argv[++i], &a->o.width, &a->o.height))
                return preview_usage();
        } else if (!a->path && argv[i][0] != '-')
            a->path = argv[i];
        else
            return preview_usage();
    }
    return a->path && a->shots ? 0 : preview_usage();
}

/* The temporary database holding only the pack; its folder in *dir. */
static int preview_db(Pack *p, char **dir, char **db)
{
    const char *tmp = getenv("TMPDIR");
    *dir = mb_xasprintf("%s/mingbai-preview-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    *db = NULL;
    if (!mkdtemp(*dir)) {
        cli_say(stderr, "mingbai pack: cannot make a temporary database: %s\n", strerror(errno));
        return 1;
    }
    *db = mb_xasprintf("%s/preview.db", *dir);
    Store *s = NULL;
    int rc = store_open(*db, &s);
    if (!rc)
        rc = store_setting_set(s, "shipped_course_imported", "1");
    if (!rc)
        rc = store_pack_import(s, p, NULL, NULL);
    if (rc)
        cli_say(stderr, "mingbai pack: cannot make a temporary database: %s\n",
                s ? store_errmsg(s) : "");
    store_close(s);
    return rc ? 1 : 0;
}

static void preview_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char *f = mb_xasprintf("%s/%s", dir, e->d_name);
        unlink(f);
        free(f);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* Renders a few frames so that a screen change is entered and drawn. */
static void preview_settle(App *app, uint64_t *now)
{
    for (int i = 0; i < 4; i++) {
        *now += 50;
        Event ev;
        while (plat_poll(app->plat, &ev))
            ui_event(app->ui, &ev, *now);
        app_render(app, *now);
    }
}

static void html_text(StrBuf *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '<')
            strbuf_puts(b, "&lt;");
        else if (*s == '>')
            strbuf_puts(b, "&gt;");
        else if (*s == '&')
            strbuf_puts(b, "&amp;");
        else if (*s == '"')
            strbuf_puts(b, "&quot;");
        else
            strbuf_putc(b, *s);
    }
}

typedef struct {
    App *app;
    uint64_t now;
    const char *shots;
    StrBuf html;
    int written, failed;
} Shots;

/* Writes the screen as DIR/name.png and lists it in the index. */
static void preview_shot(Shots *s, const char *name, const char *caption)
{
    preview_settle(s->app, &s->now);
    char *path = mb_xasprintf("%s/%s.png", s->shots, name);
    if (gfx_screenshot(s->app->gfx, path)) {
        cli_say(stderr, "mingbai pack: cannot write %s: %s\n", path, strerror(errno));
        s->failed++;
    } else {
        s->written++;
        strbuf_printf(&s->html, "<figure><img src=\"%s.png\" alt=\"\"><figcaption>", name);
        html_text(&s->html, caption);
        strbuf_puts(&s->html, "</figcaption></figure>\n");
    }
    free(path);
}

static void preview_question(Shots *s, int pi, const Unit *u, int ui_unit, int k, Lang lang)
{
    const Question *q = &learn_unit_quiz(u, lang)->items[k];
    char *base = mb_xasprintf("%s-q%02d", u->slug, k + 1);
    strbuf_printf(&s->html, "<section><h3>%d. %s", k + 1, question_type_name(q->type));
    if (q->name) {
        strbuf_puts(&s->html, " &middot; ");
        html_text(&s->html, q->name);
    }
    strbuf_puts(&s->html, "</h3>\n");
    if (!ui_preview_question(s->app->ui, pi, ui_unit, k, lang)) {
        free(base);
        return;
    }
    char *name = mb_xasprintf("%s-question", base);
    preview_shot(s, name, cli_tr("question"));
    free(name);
    for (int right = 1; right >= 0; right--) {
        if (!ui_preview_question(s->app->ui, pi, ui_unit, k, lang))
            break;
        preview_settle(s->app, &s->now);
        if (!ui_preview_answer(s->app->ui, right))
            continue;
        name = mb_xasprintf("%s-%s", base, right ? "feedback" : "feedback-wrong");
        preview_shot(s, name, right ? cli_tr("feedback on the right answer")
                                    : cli_tr("feedback on a wrong answer"));
        free(name);
    }
    strbuf_puts(&s->html, "</section>\n");
    free(base);
}

/* Every question of the pack at index pi, in lang. */
static size_t preview_pack(Shots *s, int pi, Lang lang)
{
    const Pack *p = s->app->packs[pi];
    size_t n = 0;
    for (size_t u = 0; u < p->nunits; u++) {
        const Unit *un = &p->units[u];
        const QuestionList *ql = learn_unit_quiz(un, lang);
        if (!ql->count)
            continue;
        strbuf_puts(&s->html, "<h2>");
        html_text(&s->html, un->lang[learn_unit_lang(un, lang)].title);
        strbuf_puts(&s->html, "</h2>\n");
        for (size_t k = 0; k < ql->count && k < LEARN_ROUND_MAX; k++, n++)
            preview_question(s, pi, un, (int)u, (int)k, lang);
    }
    return n;
}

static int preview_render(PreviewArgs *a, const char *db, const char *id)
{
    App app;
    a->o.db_path = db;
    if (app_open(&app, &a->o)) {
        app_close(&app);
        return 1;
    }
    app_finish_packs(&app);
    int pi = -1;
    for (size_t i = 0; i < app.npacks; i++)
        if (!strcmp(app.packs[i]->id, id))
            pi = (int)i;
    Shots s = {.app = &app, .now = 1000, .shots = a->shots};
    int rc = 1;
    if (pi >= 0) {
        strbuf_puts(&s.html, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
        html_text(&s.html, a->path);
        strbuf_puts(&s.html, "</title><style>figure{display:inline-block;margin:8px}"
                             "img{border:1px solid #888;max-width:100%}</style></head><body>\n<h1>");
        html_text(&s.html, a->path);
        strbuf_puts(&s.html, "</h1>\n");
        size_t n = preview_pack(&s, pi, a->o.lang);
        strbuf_puts(&s.html, "</body></html>\n");
        char *index = mb_xasprintf("%s/index.html", a->shots);
        if (mb_write_file_atomic(index, s.html.data, s.html.len)) {
            cli_say(stderr, "mingbai pack: cannot write %s: %s\n", index, strerror(errno));
        } else if (!s.failed) {
            if (n == 1)
                cli_say(stdout, "previewed 1 question: %d screenshots and %s\n", s.written,
                        index);
            else
                cli_say(stdout, "previewed %zu questions: %d screenshots and %s\n", n,
                        s.written, index);
            rc = 0;
        }
        free(index);
    }
    strbuf_free(&s.html);
    app_close(&app);
    return rc;
}

int preview_main(int argc, char **argv)
{
    PreviewArgs a;
    int rc = preview_args(argc, argv, &a);
    if (rc)
        return rc;
    Diags d = {0};
    Pack *p = NULL;
    int errors = pack_load(a.path, &p, &d);
    diags_sort(&d);
    diags_print_lang(&d, stdout, cli_zh() ? LANG_ZH : LANG_EN);
    diags_free(&d);
    if (errors) {
        cli_say(stderr, "mingbai pack: not previewed; fix the errors above first\n");
        return 1;
    }
    /* Without --lang, the interface in the user's language; a unit the
     * pack lacks in it is shown in the other, as participants see it. */
    if (!a.lang_given)
        a.o.lang = cli_zh() ? LANG_ZH : LANG_EN;
    char *dir, *db;
    char *id = mb_xstrdup(p->id);
    rc = preview_db(p, &dir, &db);
    pack_free(p);
    if (!rc) {
        mb_mkdirs(a.shots);
        rc = preview_render(&a, db, id);
    }
    preview_rmdir(dir);
    free(dir);
    free(db);
    free(id);
    return rc;
}
