/* The kiosk's start (app_open, see app.h): the fonts and the database with
 * its packs' heads open on threads of their own while the display starts,
 * each writing only its own fields of App (the fonts' app->text under
 * AppStart's lock). Where no thread can be made, the work is done at once
 * on the caller's. */
#include "app.h"

#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    pthread_t thread;
    bool running;
} AppJob;

typedef struct {
    App *app;
    AppJob fonts, store;
    /* The fonts' HarfBuzz faces are made (app->text set, or NULL when a
     * face is missing) while their rasterisers still open. */
    pthread_mutex_t lock;
    pthread_cond_t faces;
    bool faces_made;
} AppStart;

static void *app_fonts_job(void *arg)
{
    AppStart *st = arg;
    char *fonts = mb_xasprintf("%s/fonts", st->app->data_dir);
    TextEngine *te = text_engine_new(fonts);
    free(fonts);
    pthread_mutex_lock(&st->lock);
    st->app->text = te;
    st->faces_made = true;
    pthread_cond_signal(&st->faces);
    pthread_mutex_unlock(&st->lock);
    if (te)
        text_engine_open_rasterisers(te);
    return NULL;
}

static void *app_store_job(void *arg)
{
    AppStart *st = arg;
    app_open_store(st->app, st->app->opts.kiosk);
    return NULL;
}

static void app_job_start(AppJob *job, void *(*work)(void *), AppStart *st)
{
    job->running = pthread_create(&job->thread, NULL, work, st) == 0;
    if (!job->running)
        work(st);
}

static void app_job_join(AppJob *job)
{
    if (job->running)
        pthread_join(job->thread, NULL);
    job->running = false;
}

/* PlatOptions.on_display: the kiosk's display passed its checks. */
static void app_display_ready(void *ctx)
{
    AppStart *st = ctx;
    app_job_start(&st->store, app_store_job, st);
}

/* While the rasterisers open on the fonts' thread, the main thread, its
 * window made, readies the shaping of the first page (the faces' HarfBuzz
 * tables: text_engine_warm_shaping), then waits for them. */
static void app_fonts_join(AppStart *st, bool warm)
{
    pthread_mutex_lock(&st->lock);
    while (!st->faces_made)
        pthread_cond_wait(&st->faces, &st->lock);
    TextEngine *te = st->app->text;
    pthread_mutex_unlock(&st->lock);
    if (te && warm)
        text_engine_warm_shaping(te);
    app_job_join(&st->fonts);
}

int app_open(App *app, const AppOptions *o)
{
    memset(app, 0, sizeof *app);
    app->opts = *o;
    app->data_dir = app_find_data_dir();
    app->db_path = o->db_path ? mb_xstrdup(o->db_path) : store_default_path();
    /* Threads made from here on share one malloc arena: a second one would
     * keep what they leave free resident (and memory is the tighter budget). */
    mallopt(M_ARENA_MAX, 1);
    AppStart st = {.app = app};
    pthread_mutex_init(&st.lock, NULL);
    pthread_cond_init(&st.faces, NULL);
    const char *allow = getenv("MINGBAI_ALLOW_HEADLESS");
    PlatOptions po = {.width = o->width,
                      .height = o->height,
                      .fullscreen = o->width <= 0 || o->height <= 0,
                      .headless = o->headless,
                      .title = "Mingbai 明白",
                      .kiosk = o->kiosk,
                      .rotate = o->rotate,
                      .allow_invisible = allow && !strcmp(allow, "1"),
                      .on_display = o->kiosk ? app_display_ready : NULL,
                      .on_display_ctx = &st,
                      .prepared = true};
    /* The environment SDL reads is set before any thread starts. */
    plat_prepare(&po);
    /* The fonts take the longest: their thread starts first. The kiosk
     * checks its display (and refuses one that shows nothing) before it
     * touches the database; the others open it at once. Either way it opens
     * while the window is made. */
    app_job_start(&st.fonts, app_fonts_job, &st);
    if (!o->kiosk)
        app_display_ready(&st);
    int rc = plat_open(&po, &app->plat);
    app_fonts_join(&st, rc == MB_OK);
    /* The glyph atlas's first page is made while the database may still be
     * opening. */
    if (rc == MB_OK && app->text)
        app->gfx = gfx_new(plat_renderer(app->plat), app->text);
    app_job_join(&st.store);
    pthread_cond_destroy(&st.faces);
    pthread_mutex_destroy(&st.lock);
    if (rc != MB_OK || !app->text)
        return 1;
    app_make_ui(app, o);
    /* What reading the packs (and, the first time, importing the shipped
     * course) freed goes back to the system once the packs are built whole,
     * after the first frame (app_finish_packs). */
    return 0;
}
