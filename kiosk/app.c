/* Kiosk wiring: see app.h. */
#include "app.h"

#include "mingbai/plat.h"

#include <limits.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static bool has_fonts(const char *dir)
{
    char *p = mb_xasprintf("%s/fonts/NotoSans-Regular.ttf", dir);
    struct stat st;
    bool ok = stat(p, &st) == 0;
    free(p);
    return ok;
}

char *app_find_data_dir(void)
{
    const char *env = getenv("MINGBAI_DATA_DIR");
    if (env && has_fonts(env))
        return mb_xstrdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            char *parent = mb_xasprintf("%s/..", exe);
            if (has_fonts(parent)) {
                char *real = realpath(parent, NULL);
                free(parent);
                return real ? real : mb_xstrdup(exe);
            }
            free(parent);
            /* installed: <prefix>/bin/mingbai and <prefix>/share/mingbai */
            char *shared = mb_xasprintf("%s/../share/mingbai", exe);
            char *real = has_fonts(shared) ? realpath(shared, NULL) : NULL;
            free(shared);
            if (real)
                return real;
        }
    }
#ifdef MINGBAI_SOURCE_DIR
    if (has_fonts(MINGBAI_SOURCE_DIR))
        return mb_xstrdup(MINGBAI_SOURCE_DIR);
#endif
    return mb_xstrdup("/usr/share/mingbai");
}

static int import_shipped(App *app)
{
    char *path = mb_xasprintf("%s/content/media-literacy", app->data_dir);
    Pack *p = NULL;
    Diags d = {0};
    int rc = MB_OK;
    if (pack_load(path, &p, &d) != 0 || !p) {
        fprintf(stderr, "mingbai: the shipped course has errors:\n");
        diags_print(&d, stderr);
        rc = MB_ERR;
        goto done;
    }
    rc = store_pack_import(app->store, p, NULL, NULL);
    if (rc != MB_OK)
        fprintf(stderr, "mingbai: cannot import the shipped course: %s\n",
                store_errmsg(app->store));
done:
    diags_free(&d);
    pack_free(p);
    free(path);
    return rc;
}

/* Whether pack id is shown while seminar is open: an open session that
 * names its packs shows only those; no session, or one naming none, shows
 * every pack not hidden. */
static bool app_in_seminar(const StoreSession *seminar, const char *id)
{
    if (!seminar->npacks)
        return true;
    for (size_t i = 0; i < seminar->npacks; i++)
        if (!strcmp(seminar->packs[i], id))
            return true;
    return false;
}

/* The shipped course is imported once, at the first start of this
 * database (even when an instructor imported a pack before); an
 * instructor who later removes it is not overruled. */
static int app_import_shipped_once(App *app)
{
    char *shipped = store_setting_get(app->store, "shipped_course_imported");
    if (shipped) {
        free(shipped);
        return MB_OK;
    }
    StorePackInfo *list = NULL;
    size_t n = 0;
    bool present = false;
    if (store_pack_list(app->store, &list, &n) != MB_OK)
        return MB_ERR_DB;
    for (size_t i = 0; i < n; i++)
        present |= !strcmp(list[i].id, "media-literacy");
    store_pack_list_free(list, n);
    /* It writes: an unchecked file is checked first (app_open_store). */
    if (store_check(app->store) != MB_OK)
        return MB_ERR_DB;
    if (!present && import_shipped(app) != MB_OK)
        return MB_ERR;
    store_setting_set(app->store, "shipped_course_imported", "1");
    return MB_OK;
}

/* The files of every pack participants see (not hidden by the instructor,
 * in the open session's packs), in the store's order: app->pending; with
 * heads, only those its head is built from (pack_head_files). */
static int app_read_pack_files(App *app, bool heads)
{
    StorePackInfo *list = NULL;
    size_t n = 0;
    if (store_pack_list(app->store, &list, &n) != MB_OK)
        return MB_ERR_DB;
    StoreSession seminar = {0};
    int64_t open = store_session_current(app->store);
    if (open > 0 && store_session_get(app->store, open, &seminar) != MB_OK)
        memset(&seminar, 0, sizeof seminar);
    app->pending = mb_xcalloc(n ? n : 1, sizeof *app->pending);
    app->npending = 0;
    for (size_t i = 0; i < n; i++) {
        if (list[i].hidden || !app_in_seminar(&seminar, list[i].id))
            continue;
        AppPackFiles *pf = &app->pending[app->npending];
        int rc = heads ? store_pack_files_named(app->store, list[i].id, pack_head_files,
                                                &pf->files)
                       : store_pack_files(app->store, list[i].id, &pf->files);
        if (rc != MB_OK)
            continue;
        pf->id = mb_xstrdup(list[i].id);
        app->npending++;
    }
    store_pack_list_free(list, n);
    store_session_clear(&seminar);
    return MB_OK;
}

static void app_pending_free(App *app)
{
    for (size_t i = 0; i < app->npending; i++) {
        pack_files_free(&app->pending[i].files);
        free(app->pending[i].id);
    }
    free(app->pending);
    app->pending = NULL;
    app->npending = 0;
}

/* Builds app->pending into app->packs (heads only: pack_build_head;
 * otherwise whole, the files taken), the shipped course first. */
static void app_build_packs(App *app, bool heads)
{
    app->packs = mb_xcalloc(app->npending ? app->npending : 1, sizeof *app->packs);
    app->npacks = 0;
    for (size_t i = 0; i < app->npending; i++) {
        AppPackFiles *pf = &app->pending[i];
        Diags d = {0};
        Pack *p = NULL;
        int errors = heads ? pack_build_head(&pf->files, pf->id, &p, &d)
                           : pack_build(&pf->files, pf->id, &p, &d);
        if (errors == 0 && p) {
            if (!heads)
                pack_drop_sources(p); /* shown, never written back */
            app->packs[app->npacks++] = p;
        } else if (!heads) {
            fprintf(stderr, "mingbai: pack %s in the database no longer checks:\n", pf->id);
            diags_print(&d, stderr);
        }
        diags_free(&d);
    }
    for (size_t i = 1; i < app->npacks; i++)
        if (!strcmp(app->packs[i]->id, "media-literacy")) {
            Pack *t = app->packs[0];
            app->packs[0] = app->packs[i];
            app->packs[i] = t;
        }
}

static void app_free_packs(App *app)
{
    for (size_t i = 0; i < app->npacks; i++)
        pack_free(app->packs[i]);
    free(app->packs);
    app->packs = NULL;
    app->npacks = 0;
}

/* heads: the packs' heads only, for the first frame; app_finish_packs
 * builds them whole after it. */
static int app_load(App *app, bool heads)
{
    app_pending_free(app);
    int rc = app_import_shipped_once(app);
    if (rc == MB_OK)
        rc = app_read_pack_files(app, heads);
    if (rc != MB_OK)
        return rc;
    app_build_packs(app, heads);
    app_pending_free(app);
    store_release_memory(app->store);
    app->packs_pending = heads;
    return MB_OK;
}

int app_load_packs(App *app)
{
    return app_load(app, false);
}

static void app_close_store(App *app);

/* The check of the database that the kiosk left for after its first frame
 * (app_open_store), before any tap is read. A file found damaged is let go
 * and opened again as at a start with the check (moved aside and the newest
 * good backup restored, or the page that says why it cannot be used), and
 * the Ui made again over it. */
static void app_check_store(App *app)
{
    if (!store_unchecked(app->store) || store_check(app->store) == MB_OK)
        return;
    mb_log(LOG_ERROR, "database %s failed its check after the first frame: opening it again",
           app->db_path);
    AppOptions o = app->opts;
    if (app->ui) {
        o.lang = ui_lang(app->ui);
        ui_free(app->ui);
        app->ui = NULL;
    }
    app_close_store(app);
    app_open_store(app, false);
    app_make_ui(app, &o);
}

void app_finish_packs(App *app)
{
    app_check_store(app);
    if (!app->packs_pending)
        return;
    app->packs_pending = false;
    if (app_read_pack_files(app, false) != MB_OK) {
        /* The heads stay: the attract screen, without units to open. */
        mb_log(LOG_ERROR, "cannot read the packs from the database: %s",
               store_errmsg(app->store));
        app_pending_free(app);
        return;
    }
    Pack **heads = app->packs;
    size_t nheads = app->npacks;
    app_build_packs(app, false);
    app_pending_free(app);
    store_release_memory(app->store);
    if (app->ui)
        ui_packs_replace(app->ui, app->packs, app->npacks);
    for (size_t i = 0; i < nheads; i++)
        pack_free(heads[i]);
    free(heads);
    malloc_trim(0);
}

/* UiConfig.reload_packs: the packs participants see, read again after an
 * instructor changed them; the old ones are freed once the new are read. */
static int app_reload_packs(void *ctx, Pack ***packs, size_t *npacks)
{
    App *app = ctx;
    Pack **old = app->packs;
    size_t nold = app->npacks;
    app->packs = NULL;
    app->npacks = 0;
    if (app_load_packs(app) != MB_OK) {
        free(app->packs);
        app->packs = old;
        app->npacks = nold;
        return MB_ERR;
    }
    for (size_t i = 0; i < nold; i++)
        pack_free(old[i]);
    free(old);
    malloc_trim(0);
    *packs = app->packs;
    *npacks = app->npacks;
    return MB_OK;
}

/* The packs and the store let go (the store's file left as it is when
 * it was not yet checked). */
static void app_close_store(App *app)
{
    app_free_packs(app);
    app_pending_free(app);
    app->packs_pending = false;
    store_close(app->store);
    app->store = NULL;
}

/* Opens the database, recovering it when it is damaged (moved aside with
 * its -wal and -shm, the newest good backup restored: said in the log and
 * kept in the setting "recovered", "FOLDER\nBACKUP", for the instructor's
 * home; a -wal not its own set aside alone: "FOLDER\n"), and loads its
 * packs' heads. On failure the store is closed and app->fault says why.
 * unchecked: the participants' kiosk leaves the file's check, which reads
 * every page, for just after its first frame (app_check_store); damage
 * found before then (reading the heads) is dealt with as the check's. */
void app_open_store(App *app, bool unchecked)
{
    char msg[512];
    StoreProblem why = STORE_FINE;
    app->fault = STORE_FINE;
    int (*open)(const char *, Store **, StoreProblem *, char *, size_t) =
        unchecked ? store_open_unchecked : store_open_why;
    if (open(app->db_path, &app->store, &why, msg, sizeof msg) != MB_OK && why == STORE_DAMAGED) {
        StoreRecovery r;
        char rmsg[512];
        if (store_recover(app->db_path, &r, rmsg, sizeof rmsg) != MB_OK) {
            mb_log(LOG_ERROR, "database %s is damaged and was not recovered: %s", app->db_path,
                   rmsg);
        } else if (store_open_why(app->db_path, &app->store, &why, msg, sizeof msg) == MB_OK) {
            char *note = mb_xasprintf("%s\n%s", r.moved_to, r.backup);
            store_setting_set(app->store, "recovered", note);
            free(note);
        }
        store_recovery_clear(&r);
    }
    if (app->store && store_wal_set_aside(app->store)) {
        char *note = mb_xasprintf("%s\n", store_wal_set_aside(app->store));
        store_setting_set(app->store, "recovered", note);
        free(note);
    }
    if (app->store && app_load(app, true) != MB_OK) {
        why = store_problem(app->store);
        if (unchecked && why == STORE_DAMAGED) {
            app_close_store(app);
            app_open_store(app, false);
            return;
        }
        snprintf(msg, sizeof msg, "%s", store_errmsg(app->store));
        app_close_store(app);
    }
    if (app->store)
        return;
    app->fault = why == STORE_FINE ? STORE_CANNOT_WRITE : why;
    snprintf(app->fault_msg, sizeof app->fault_msg, "%s", msg);
    static const char *const what[] = {
        [STORE_FINE] = "", [STORE_CANNOT_WRITE] = "cannot write here",
        [STORE_LOCKED] = "locked by another program", [STORE_FULL] = "the disk is full",
        [STORE_DAMAGED] = "damaged", [STORE_NEWER] = "from a newer Mingbai"};
    fprintf(stderr, "mingbai: the database %s cannot be used (%s): %s\n", app->db_path,
            what[app->fault], msg);
}

/* The Ui over what app has: the participants' kiosk, or the page saying
 * why the database cannot be used. */
void app_make_ui(App *app, const AppOptions *o)
{
    int w, h;
    plat_size(app->plat, &w, &h);
    UiConfig uc = {.store = app->store, .text = app->text, .packs = app->packs,
                   .npacks = app->npacks, .reload_packs = app_reload_packs,
                   .reload_ctx = app, .lang = o->lang, .width = w, .height = h,
                   .px_per_mm = o->px_per_mm > 0 ? o->px_per_mm : plat_px_per_mm(app->plat)};
    app->ui = ui_new(&uc);
    if (!app->store)
        ui_show_fault(app->ui, app->fault, app->db_path, app->fault_msg);
}

bool app_fault_retry(App *app)
{
    if (!ui_take_retry(app->ui) || app->store)
        return false;
    mb_log(LOG_INFO, "opening the database %s again", app->db_path);
    app_open_store(app, false);
    Lang lang = ui_lang(app->ui);
    ui_free(app->ui);
    AppOptions o = app->opts;
    o.lang = lang;
    app_make_ui(app, &o);
    return true;
}

/* What the console could not open, on the page's foot (and in the journal,
 * by plat): without /dev/input no touch reaches the kiosk, and the people
 * in front of it should know why it does not answer. */
static void app_draw_problems(App *app)
{
    if (!(plat_problems(app->plat) & PLAT_NO_INPUT))
        return;
    static const char *const msg[] = {
        [LANG_EN] = "Touch does not work: the kiosk cannot read /dev/input. An engineer must "
                    "add the user mingbai to the group input (see the journal).",
        [LANG_ZH] = "触摸不可用：本机无法读取 /dev/input。请工程师把用户 mingbai 加入 input "
                    "组（详见系统日志）。"};
    int w, h;
    plat_size(app->plat, &w, &h);
    int pad = (int)(12 * ui_scale_for(w, h));
    TextStyle st = {.size = (int)(18 * ui_scale_for(w, h)), .lang = ui_lang(app->ui)};
    const TextLayout *l = text_layout_str(app->text, msg[st.lang == LANG_ZH], &st, w - 2 * pad);
    if (!l)
        return;
    int bh = text_layout_height(l) + 2 * pad;
    DrawCmd *c = drawlist_push(&app->dl, DRAW_CLIP);
    c = drawlist_push(&app->dl, DRAW_RECT);
    c->r = (Rect){0, h - bh, w, bh};
    c->color = (Color){150, 20, 20, 255};
    c = drawlist_push(&app->dl, DRAW_TEXT);
    c->r = (Rect){pad, h - bh + pad, w - 2 * pad, bh - 2 * pad};
    c->color = (Color){255, 255, 255, 255};
    c->text = l;
    c->str = msg[st.lang == LANG_ZH];
}

void app_render(App *app, uint64_t now_ms)
{
    /* The kiosk's loop builds the packs whole just after its first frame;
     * the replay and the others, before their second. */
    if (app->frames_rendered++)
        app_finish_packs(app);
    if (plat_take_render_reset(app->plat))
        gfx_reset_textures(app->gfx);
    ui_frame(app->ui, now_ms, &app->dl);
    app_draw_problems(app);
    plat_draw_on_page(app->plat, true); /* --rotate */
    gfx_draw(app->gfx, &app->dl);
    plat_draw_on_page(app->plat, false);
    /* On another screen the last one's layouts are let go (text.c keeps
     * 256 KiB of them): malloc gives back the whole pages they leave free
     * instead of keeping them resident. */
    ScreenId screen = ui_screen(app->ui);
    if (screen != app->last_screen) {
        app->last_screen = screen;
        malloc_trim(0);
    }
}

void app_close(App *app)
{
    ui_free(app->ui);
    gfx_free(app->gfx);
    text_engine_free(app->text);
    plat_close(app->plat);
    app_free_packs(app);
    app_pending_free(app);
    store_close(app->store);
    drawlist_free(&app->dl);
    free(app->data_dir);
    free(app->db_path);
    memset(app, 0, sizeof *app);
}

/* The engineer's way out, from a keyboard: Ctrl+Alt+Shift+E. Ctrl+Alt+F12
 * (kept for the console) never reaches a program under X, whose server
 * takes Ctrl+Alt+Fn as a switch to a console. */
static bool app_engineer_chord(const Event *ev)
{
    if (ev->kind != EV_KEY || !(ev->mods & MOD_CTRL) || !(ev->mods & MOD_ALT))
        return false;
    return (ev->key == KEY_E && (ev->mods & MOD_SHIFT)) || ev->key == KEY_F12;
}

/* Whether the loop ends on ev (and the exit status it leaves). */
static bool app_ends_on(App *app, const Event *ev, bool closable)
{
    if (ev->kind == EV_QUIT)
        /* In a window on a desktop, closing it ends the program;
         * full-screen, a participant cannot leave. */
        return closable || ui_quit_allowed(app->ui);
    if (app_engineer_chord(ev)) {
        mb_log(LOG_INFO, "the engineer's exit (Ctrl+Alt+Shift+E): closing");
        app->exit_status = APP_EXIT_ENGINEER;
        return true;
    }
    return false;
}

/* A stop signal came: the write under way is finished (signals are taken
 * between events, never inside one); the caller closes the database. */
static bool app_stopped(void)
{
    int sig = plat_stop_signal();
    if (sig)
        mb_log(LOG_INFO, "stopping on signal %d (%s): closing the database", sig,
               sig == SIGTERM ? "SIGTERM" : sig == SIGINT ? "SIGINT" : "SIGHUP");
    return sig != 0;
}

static double app_cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* After the first frame: the packs built whole before any tap is read.
 * MINGBAI_FIRST_FRAME_EXIT (the start-up benchmarks, tests/bench/): "1"
 * says both moments in the log, "frame" the first only, without building
 * the packs; either makes this true: the loop ends there. */
static bool app_after_first_frame(App *app)
{
    const char *v = getenv("MINGBAI_FIRST_FRAME_EXIT");
    bool both = v && !strcmp(v, "1"), frame = v && !strcmp(v, "frame");
    if (both || frame)
        mb_log(LOG_INFO, "first frame presented after %.1f ms of CPU time", app_cpu_ms());
    if (frame)
        return true;
    app_finish_packs(app);
    if (both) {
        size_t units = 0;
        for (size_t i = 0; i < app->npacks; i++)
            units += app->packs[i]->nunits;
        mb_log(LOG_INFO, "course ready after %.1f ms of CPU time (packs %zu, units %zu)",
               app_cpu_ms(), app->npacks, units);
    }
    return both;
}

long app_loop(App *app, int64_t run_ms, bool closable)
{
    uint64_t start = mb_ticks_ms();
    long frames = 0;
    bool running = true, dirty = true;
    plat_service_ready();
    while (running && !app_stopped()) {
        uint64_t now = mb_ticks_ms();
        if (run_ms >= 0 && now - start >= (uint64_t)run_ms)
            break;
        if (dirty || ui_dirty(app->ui, now)) {
            app_render(app, now);
            plat_present(app->plat);
            frames++;
            dirty = false;
            if (frames == 1 && app_after_first_frame(app))
                break;
            if (ui_quit_allowed(app->ui))
                break; /* the instructor chose "Leave the kiosk" */
            if (app_fault_retry(app))
                dirty = true;
        }
        int timeout = ui_next_deadline(app->ui, mb_ticks_ms());
        int feed = plat_service_watchdog(mb_ticks_ms()); /* systemd's WatchdogSec */
        if (feed >= 0 && (timeout < 0 || timeout > feed))
            timeout = feed;
        if (run_ms >= 0) {
            int64_t left = run_ms - (int64_t)(mb_ticks_ms() - start);
            if (left < 0)
                left = 0;
            if (timeout < 0 || timeout > left)
                timeout = (int)left;
        }
        Event ev;
        if (!plat_wait(app->plat, timeout, &ev))
            continue;
        do {
            if (app_ends_on(app, &ev, closable)) {
                running = false;
                break;
            }
            if (ev.kind == EV_QUIT)
                continue;
            ui_event(app->ui, &ev, mb_ticks_ms());
            dirty = true;
        } while (plat_wait(app->plat, 0, &ev));
    }
    plat_service_stopping();
    return frames;
}

int app_parse_size(const char *s, int *w, int *h)
{
    return sscanf(s, "%dx%d", w, h) == 2 && *w >= 200 && *h >= 200 && *w <= 8192 && *h <= 8192
               ? 0
               : -1;
}
