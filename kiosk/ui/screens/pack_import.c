/* Importing a pack on the kiosk: the packs found on a USB stick (folders
 * holding a pack.ini, .zip files, and GIFT quizzes (.gift, or Moodle's .txt
 * export) that become a pack of one unit, at the top of each stick (screen_sticks)
 * or in $MINGBAI_IMPORT_DIR), one tap to import one. The import runs in
 * steps, one per frame, under a progress bar: the pack's check (pack_load,
 * whose problems are listed with their file and line, and then nothing is
 * imported), a backup of the database (as `mingbai pack import` makes),
 * and the import in one transaction. The participants see the new pack at
 * once (ui_packs_reload). The folders read are untrusted: pack_load keeps
 * to its limits. */
#include "screens.h"

#include "mingbai/pack.h"

#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define IMPORT_MAX_FOUND 24
/* Problems listed on screen; a pack with more is told to `mingbai pack check`. */
#define IMPORT_MAX_PROBLEMS 100

typedef enum { IMP_IDLE, IMP_CHECK, IMP_BACKUP, IMP_WRITE } ImportStep;

/* One problem of the check, ready to show in either language (the
 * language may change while the list is shown). */
typedef struct {
    char *where; /* "pack/quizzes/01.en.gift:10:34" */
    char *message[LANG_COUNT], *hint[LANG_COUNT]; /* hints may be NULL */
    bool error;
} ImportProblem;

typedef struct {
    char *found[IMPORT_MAX_FOUND]; /* paths of the packs found; owned */
    size_t nfound;
    ImportStep step;
    uint64_t step_shown; /* the frame time the step was first drawn */
    int chosen;          /* index into found of the pack being imported */
    Pack *pack;          /* checked, waiting for the backup and the import */
    char *result[LANG_COUNT]; /* what the last import did in each language, or NULL */
    bool result_ok;
    ImportProblem *problems;
    size_t nproblems;
    size_t more; /* problems found beyond those listed */
} ImportState;

static bool import_is_pack_dir(const char *path)
{
    char *ini = mb_xasprintf("%s/pack.ini", path);
    struct stat sb;
    bool ok = stat(ini, &sb) == 0 && S_ISREG(sb.st_mode);
    free(ini);
    return ok;
}

static void import_add(ImportState *st, const char *path)
{
    for (size_t i = 0; i < st->nfound; i++)
        if (!strcmp(st->found[i], path))
            return;
    if (st->nfound < IMPORT_MAX_FOUND)
        st->found[st->nfound++] = mb_xstrdup(path);
}

/* A stick (or folder) that is a pack, or holds packs one level down. */
static void import_scan(ImportState *st, const char *base)
{
    if (import_is_pack_dir(base)) {
        import_add(st, base);
        return;
    }
    char *pattern = mb_xasprintf("%s/*", base);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++) {
            const char *p = g.gl_pathv[i];
            size_t n = strlen(p);
            struct stat sb;
            if (stat(p, &sb) != 0)
                continue;
            if ((S_ISDIR(sb.st_mode) && import_is_pack_dir(p)) ||
                (S_ISREG(sb.st_mode) && n > 4 && !strcmp(p + n - 4, ".zip")) ||
                (S_ISREG(sb.st_mode) && pack_looks_like_quiz(p)))
                import_add(st, p);
        }
    }
    globfree(&g);
    free(pattern);
}

static void import_find(ImportState *st)
{
    for (size_t i = 0; i < st->nfound; i++)
        free(st->found[i]);
    st->nfound = 0;
    ScreenStick sticks[8];
    size_t n = screen_sticks("MINGBAI_IMPORT_DIR", NULL, sticks, MB_COUNT(sticks));
    for (size_t i = 0; i < n; i++)
        import_scan(st, sticks[i].path);
}

static const char *import_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void import_clear_result(ImportState *st)
{
    for (size_t i = 0; i < st->nproblems; i++) {
        free(st->problems[i].where);
        for (int l = 0; l < LANG_COUNT; l++) {
            free(st->problems[i].message[l]);
            free(st->problems[i].hint[l]);
        }
    }
    free(st->problems);
    st->problems = NULL;
    st->nproblems = st->more = 0;
    for (int l = 0; l < LANG_COUNT; l++) {
        free(st->result[l]);
        st->result[l] = NULL;
    }
    pack_free(st->pack);
    st->pack = NULL;
}

/* The check's messages, their paths from the folder the pack is in. */
static void import_keep_problems(ImportState *st, Diags *d, const char *path)
{
    diags_sort(d);
    size_t cut = strlen(path) - strlen(import_name(path));
    st->nproblems = MB_MIN(d->count, (size_t)IMPORT_MAX_PROBLEMS);
    st->more = d->count - st->nproblems;
    st->problems = mb_xcalloc(st->nproblems ? st->nproblems : 1, sizeof *st->problems);
    for (size_t i = 0; i < st->nproblems; i++) {
        const Diag *g = &d->items[i];
        const char *file = strncmp(g->path, path, cut) ? g->path : g->path + cut;
        ImportProblem *p = &st->problems[i];
        p->where = g->line > 0 && g->col > 0 ? mb_xasprintf("%s:%d:%d", file, g->line, g->col)
                   : g->line > 0             ? mb_xasprintf("%s:%d", file, g->line)
                                             : mb_xstrdup(file);
        for (int l = 0; l < LANG_COUNT; l++) {
            p->message[l] = mb_xstrdup(g->text[l]);
            p->hint[l] = g->hint_text[l] ? mb_xstrdup(g->hint_text[l]) : NULL;
        }
        p->error = g->level == DIAG_ERROR;
    }
}

/* Says what the import did, in every language (the interface's language
 * may change while it is shown): fmt is the English key of strings.c. */
static void import_result(Ui *ui, ImportState *st, bool ok, const char *fmt, ...) MB_PRINTF(4, 5);
static void import_result(Ui *ui, ImportState *st, bool ok, const char *fmt, ...)
{
    (void)ui;
    va_list ap;
    va_start(ap, fmt);
    for (int l = 0; l < LANG_COUNT; l++) {
        free(st->result[l]);
        va_list aq;
        va_copy(aq, ap);
        const char *f = tr_lang((Lang)l, fmt);
        int n = vsnprintf(NULL, 0, f, aq);
        va_end(aq);
        st->result[l] = mb_xmalloc(n > 0 ? (size_t)n + 1 : 1);
        st->result[l][0] = '\0';
        va_copy(aq, ap);
        if (n > 0)
            vsnprintf(st->result[l], (size_t)n + 1, f, aq);
        va_end(aq);
    }
    va_end(ap);
    st->result_ok = ok;
}

/* "1 unit" or "3 units" in language l (catalogue keys one and many). */
static char *import_count(Lang l, int n, const char *one, const char *many)
{
    return n == 1 ? mb_xstrdup(tr_lang(l, one)) : mb_xasprintf(tr_lang(l, many), n);
}

static void import_fail(Ui *ui, ImportState *st, const char *fmt, const char *arg)
{
    import_result(ui, st, false, fmt, arg);
    pack_free(st->pack);
    st->pack = NULL;
    st->step = IMP_IDLE;
}

static void import_check(Ui *ui, ImportState *st)
{
    const char *path = st->found[st->chosen];
    Diags d = {0};
    int errors = pack_load(path, &st->pack, &d);
    import_keep_problems(st, &d, path);
    diags_free(&d);
    if (errors || !st->pack)
        import_fail(ui, st, "%s was not imported. Fix these problems and try again:",
                    import_name(path));
    else
        st->step = IMP_BACKUP;
}

/* The same or a newer version on the kiosk: said in the result (the store
 * would refuse it too, but after the backup); true when so. */
static bool import_refused(Ui *ui, ImportState *st, const StorePackInfo *list, size_t n)
{
    const Pack *p = st->pack;
    for (size_t i = 0; i < n; i++) {
        int cmp = strcmp(list[i].id, p->id) ? 1 : pack_version_cmp(p->version, list[i].version);
        if (cmp > 0)
            continue;
        if (cmp == 0)
            import_result(ui, st, false, "%s %s is already on the kiosk; nothing was imported. Raise its version in pack.ini for a new edition.",
                          p->id, p->version);
        else
            import_result(ui, st, false, "The kiosk has %s %s, newer than %s; nothing was imported.",
                          p->id, list[i].version, p->version);
        return true;
    }
    return false;
}

/* A backup before the import when the database holds anything to lose; no
 * backup, no import (as `mingbai pack import`). A version the kiosk has
 * already, or older, is refused first. */
static void import_backup(Ui *ui, ImportState *st)
{
    StorePackInfo *list = NULL;
    size_t n = 0;
    if (store_pack_list(ui->store, &list, &n) != MB_OK) {
        import_fail(ui, st, "Nothing was imported: %s", store_errmsg(ui->store));
        return;
    }
    bool refused = import_refused(ui, st, list, n);
    store_pack_list_free(list, n);
    if (refused) {
        pack_free(st->pack);
        st->pack = NULL;
        st->step = IMP_IDLE;
        return;
    }
    char *path = NULL;
    if ((n > 0 || store_attempt_count(ui->store) > 0) &&
        store_backup_auto(ui->store, NULL, "import", STORE_BACKUPS_KEPT, &path) != MB_OK) {
        import_fail(ui, st, "No backup could be made, so nothing was imported: %s",
                    store_errmsg(ui->store));
        return;
    }
    free(path);
    st->step = IMP_WRITE;
}

static void import_write(Ui *ui, ImportState *st)
{
    if (store_pack_import(ui->store, st->pack, NULL, NULL) != MB_OK) {
        import_fail(ui, st, "Nothing was imported: %s", store_errmsg(ui->store));
        return;
    }
    StorePackInfo *list = NULL;
    size_t n = 0;
    int units = (int)st->pack->nunits, questions = 0;
    if (store_pack_list(ui->store, &list, &n) == MB_OK)
        for (size_t i = 0; i < n; i++)
            if (!strcmp(list[i].id, st->pack->id))
                questions = list[i].questions;
    store_pack_list_free(list, n);
    for (int l = 0; l < LANG_COUNT; l++) {
        char *nu = import_count((Lang)l, units, "1 unit", "%d units");
        char *nq = import_count((Lang)l, questions, "1 question", "%d questions");
        free(st->result[l]);
        st->result[l] = mb_xasprintf(tr_lang((Lang)l, "Imported %s, version %s: %s, %s."),
                                     st->pack->id, st->pack->version, nu, nq);
        free(nu);
        free(nq);
    }
    st->result_ok = true;
    pack_free(st->pack);
    st->pack = NULL;
    st->step = IMP_IDLE;
    if (!ui_packs_reload(ui))
        ui_store_failed(ui, "The kiosk could not read its packs again: %s");
}

/* Runs the step drawn in an earlier frame; true while steps are left. */
static bool import_run(Ui *ui, ImportState *st)
{
    if (st->step == IMP_IDLE)
        return false;
    if (st->step_shown && st->step_shown != ui->now) {
        ImportStep was = st->step;
        if (was == IMP_CHECK)
            import_check(ui, st);
        else if (was == IMP_BACKUP)
            import_backup(ui, st);
        else
            import_write(ui, st);
        st->step_shown = 0;
        ui_scroll_reset(ui);
    }
    if (st->step == IMP_IDLE)
        return false;
    if (!st->step_shown)
        st->step_shown = ui->now;
    ui->working = true;
    return true;
}

static void import_progress(Ui *ui, const ImportState *st, int top)
{
    static const char *const steps[] = {NULL, "Checking the pack", "Making a backup",
                                        "Saving the pack"};
    int x, w = screen_column(ui, &x), y = top + px(ui, TOK.space_3xl);
    y += ui_text(ui, x, y, w,
                 arena_printf(&ui->frame, tr(ui, "Importing %s"),
                              import_name(st->found[st->chosen])),
                 SZ_HEADING, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_CENTER);
    y += px(ui, TOK.space_2xl);
    int bh = px(ui, TOK.progress_h) * 3, rad = px(ui, TOK.radius_s);
    ui_rect(ui, (Rect){x, y, w, bh}, ui->th.line, rad);
    ui_rect(ui, (Rect){x, y, w * (int)st->step / 4, bh}, ui->th.accent, rad);
    y += bh + px(ui, TOK.space_l);
    ui_text(ui, x, y, w,
            arena_printf(&ui->frame, tr(ui, "Step %d of 3: %s"), (int)st->step,
                         tr(ui, steps[st->step])),
            SZ_BODY, 0, ui->th.muted, TEXT_ALIGN_CENTER);
}

/* The problems, one after the other; returns the height. */
static int import_problems(Ui *ui, const ImportState *st, int x, int y, int w, bool draw)
{
    int y0 = y, sp = px(ui, TOK.space_xs);
    for (size_t i = 0; i < st->nproblems; i++) {
        const ImportProblem *p = &st->problems[i];
        const char *where =
            p->error ? p->where : arena_printf(&ui->frame, tr(ui, "%s (warning)"), p->where);
        y += draw ? ui_text(ui, x, y, w, where, SZ_SMALL, TEXT_BOLD,
                            p->error ? ui->th.bad : ui->th.muted, TEXT_ALIGN_LEFT)
                  : ui_text_height(ui, w, where, SZ_SMALL, TEXT_BOLD);
        const char *message = p->message[ui->lang], *hint = p->hint[ui->lang];
        y += draw ? ui_text(ui, x, y, w, message, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT)
                  : ui_text_height(ui, w, message, SZ_BODY, 0);
        if (hint)
            y += draw ? ui_text(ui, x, y, w, hint, SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT)
                      : ui_text_height(ui, w, hint, SZ_SMALL, 0);
        y += px(ui, TOK.space_l) + sp;
    }
    if (st->more) {
        const char *more = arena_printf(
            &ui->frame, tr(ui, "%d more problems are not listed here; mingbai pack check lists them all."),
            (int)st->more);
        y += draw ? ui_text(ui, x, y, w, more, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT)
                  : ui_text_height(ui, w, more, SZ_BODY, 0);
    }
    return y - y0;
}

/* The packs found, one button each, and "Look again"; returns the height. */
static int import_found(Ui *ui, ImportState *st, int x, int y, int w, bool draw)
{
    int y0 = y, gap = ui_touch_gap(ui, TOK.gap), h;
    const char *head = st->nfound ? tr(ui, "Packs found on the USB stick:")
                                  : tr(ui, "No pack found. Put in a USB stick with a pack folder or a .zip file, then look again.");
    y += (draw ? ui_text(ui, x, y, w, head, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT)
               : ui_text_height(ui, w, head, SZ_BODY, TEXT_BOLD)) +
         px(ui, TOK.space_l);
    for (size_t i = 0; i <= st->nfound; i++) {
        const char *label = i < st->nfound ? import_name(st->found[i]) : tr(ui, "Look again");
        int style = i < st->nfound ? BTN_SECONDARY : BTN_QUIET;
        if (!draw) {
            y += ui_touch_px(ui, TOK.target) + gap;
            continue;
        }
        bool tapped = ui_button(ui, (Rect){x, y, w, h = ui_touch_px(ui, TOK.target)}, label, style);
        y += h + gap;
        if (tapped && i == st->nfound) {
            import_find(st);
        } else if (tapped) {
            import_clear_result(st);
            st->chosen = (int)i;
            st->step = IMP_CHECK;
            st->step_shown = 0;
            ui->changed = true;
            break;
        }
    }
    return y - y0;
}

/* What the last import did, its problems and the packs found; returns the
 * height. */
static int import_content(Ui *ui, ImportState *st, int x, int y, int w, bool draw)
{
    int y0 = y, sp = px(ui, TOK.space_2xl);
    const char *result = st->result[ui->lang];
    if (result) {
        Color c = st->result_ok ? ui->th.good : ui->th.bad;
        y += (draw ? ui_text(ui, x, y, w, result, SZ_BODY, TEXT_BOLD, c, TEXT_ALIGN_LEFT)
                   : ui_text_height(ui, w, result, SZ_BODY, TEXT_BOLD)) +
             px(ui, TOK.space_l);
    }
    y += import_problems(ui, st, x, y, w, draw);
    if (result || st->nproblems)
        y += sp;
    if (st->step == IMP_IDLE)
        y += import_found(ui, st, x, y, w, draw);
    return y - y0;
}

static void import_enter(Ui *ui, void *state)
{
    (void)ui;
    ImportState *st = state;
    import_clear_result(st);
    st->step = IMP_IDLE;
    import_find(st);
}

static void import_leave(Ui *ui, void *state)
{
    (void)ui;
    ImportState *st = state;
    import_clear_result(st);
    for (size_t i = 0; i < st->nfound; i++)
        free(st->found[i]);
    st->nfound = 0;
}

static void import_frame(Ui *ui, void *state)
{
    ImportState *st = state;
    if (!ui->instructor) { /* never shown to a participant */
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    bool back;
    bool busy = import_run(ui, st);
    int top = ui_top_bar(ui, busy ? NULL : tr(ui, "Packs"), tr(ui, "Import a pack"), &back);
    if (back && !busy) {
        ui_go(ui, SCR_PACKS);
        return;
    }
    if (busy) {
        import_progress(ui, st, top);
        return;
    }
    int x, w = screen_column(ui, &x), edge = px(ui, TOK.space_xl);
    Rect view = {0, top, ui->w, ui->h - top};
    int content = import_content(ui, st, x, 0, w, false) + 2 * edge;
    ui_scroll_update(ui, content, view.h);
    ui_scroll_begin(ui, view);
    import_content(ui, st, x, top + edge - (int)ui->scroll, w, true);
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, content);
}

const ScreenDef screen_pack_import = {.name = "pack_import",
                                      .state_size = sizeof(ImportState),
                                      .enter = import_enter,
                                      .frame = import_frame,
                                      .leave = import_leave};
