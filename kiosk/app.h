/* The wiring shared by the kiosk and replay: finds the data folders, opens
 * the store (importing the shipped course into an empty database), loads
 * the packs, and connects text, gfx, plat and ui. */
#ifndef MINGBAI_APP_H
#define MINGBAI_APP_H

#include "mingbai/gfx.h"
#include "mingbai/pack.h"
#include "mingbai/plat.h"
#include "mingbai/store.h"
#include "mingbai/text.h"
#include "mingbai/ui.h"

typedef struct {
    const char *db_path; /* NULL: the default */
    Lang lang;
    int width, height;   /* 0: full-screen */
    bool headless;
    float px_per_mm;     /* 0: what the display reports */
    bool kiosk;          /* the kiosk itself: the console's checks (PlatOptions.kiosk) */
    int rotate;          /* 0, 90, 180, 270: --rotate */
} AppOptions;

/* A pack's files read from the store, waiting to be built whole. */
typedef struct {
    char *id;
    PackFiles files;
} AppPackFiles;

typedef struct {
    char *data_dir;      /* holds content/ and fonts/ */
    char *db_path;
    Store *store;
    Pack **packs;
    size_t npacks;
    /* Until app_finish_packs, packs holds only the packs' heads (what the
     * attract screen shows: pack_build_head) and pending their files. */
    bool packs_pending;
    AppPackFiles *pending;
    size_t npending;
    long frames_rendered;
    ScreenId last_screen; /* of the last frame rendered: malloc_trim on a change */
    TextEngine *text;
    Plat *plat;
    Gfx *gfx;
    Ui *ui;
    DrawList dl;
    AppOptions opts;
    StoreProblem fault;  /* why the store could not be opened (store is NULL) */
    char fault_msg[512];
    int exit_status;     /* 0, or APP_EXIT_ENGINEER */
} App;

/* The exit status after the engineer's chord (Ctrl+Alt+Shift+E): a service
 * manager told to restart the kiosk can be told not to after it. */
#define APP_EXIT_ENGINEER 4

/* Returns 0 or an exit status (with a message printed). */
int app_open(App *app, const AppOptions *o);
void app_close(App *app);
/* On the page saying why the database cannot be used, after "Try again":
 * opens it again and makes a new Ui (the kiosk's when it opened). True
 * when it tried. */
bool app_fault_retry(App *app);
/* Builds and draws a frame for now_ms. */
void app_render(App *app, uint64_t now_ms);
/* The kiosk's main loop: sleeps until input or the ui's next deadline
 * (an idle kiosk uses no CPU), redraws only when something changed. Runs
 * until the window is closed (when closable), the engineer's chord
 * (Ctrl+Alt+Shift+E; Ctrl+Alt+F12 on the console) or a stop signal
 * (SIGTERM, SIGINT, SIGHUP: plat_stop_signals_start), or for
 * run_ms milliseconds when run_ms >= 0. Returns the frames drawn. */
long app_loop(App *app, int64_t run_ms, bool closable);
/* Finds the folder holding content/ and fonts/: $MINGBAI_DATA_DIR, the
 * executable's parent folder, <prefix>/share/mingbai beside the installed
 * executable, the source tree, /usr/share/mingbai. */
char *app_find_data_dir(void);
/* Loads every pack in the store that participants see (not hidden by the
 * instructor; the shipped course first if empty). */
int app_load_packs(App *app);
/* app_open reads the packs' files but builds only their heads (pack.ini
 * and glossary.ini: the attract screen), so that the first frame comes
 * without building every unit and quiz: this builds them whole and gives
 * them to the Ui. Called after the first frame (app_loop; app_render
 * before the second); does nothing after the first call. */
void app_finish_packs(App *app);
/* For app_open (app_start.c). Opens the database, recovering it when it is
 * damaged, with its packs' heads; on failure app->store is NULL and
 * app->fault says why. unchecked: its check, which reads every page, is
 * left for after the first frame (app_finish_packs), for the kiosk. */
void app_open_store(App *app, bool unchecked);
/* Makes app->ui over what app has: the participants' kiosk, or the page
 * saying why the database cannot be used. */
void app_make_ui(App *app, const AppOptions *o);
/* Reads "WIDTHxHEIGHT" (200..8192 each) into *w, *h. Returns 0, or -1
 * when s is not such a size. */
int app_parse_size(const char *s, int *w, int *h);

#endif
