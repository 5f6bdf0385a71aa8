/* Benchmark for instruction counts (tests/bench/callgrind.sh): the kiosk
 * (software renderer, offscreen, 800x480, the shipped course) is taken to a
 * page and the page is drawn again FRAMES times in redraw_frames(), the one
 * function callgrind collects in (--toggle-collect=redraw_frames): a
 * redraw with the layouts and glyphs already cached, as after a tap that
 * changes nothing but a button's look. Pages: "home" (the list of units)
 * and "reader" (the first unit, top).
 * Run: build/tests/bench/bench_redraw home|reader [FRAMES] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"

#include "mingbai/plat.h"

static void tap(App *app, const char *label, uint64_t *now)
{
    int x, y;
    if (!ui_find_target(app->ui, label, &x, &y)) {
        fprintf(stderr, "bench_redraw: no \"%s\" on screen\n", label);
        exit(1);
    }
    Event ev;
    plat_inject_pointer(app->plat, EV_PRESS, x, y, false);
    plat_inject_pointer(app->plat, EV_RELEASE, x, y, false);
    while (plat_poll(app->plat, &ev))
        ui_event(app->ui, &ev, *now);
    *now += 500;
    app_render(app, *now);
    *now += 500;
    app_render(app, *now);
}

/* Not inlined: callgrind collects in it by name. */
__attribute__((noinline)) void redraw_frames(App *app, int frames, uint64_t now);
__attribute__((noinline)) void redraw_frames(App *app, int frames, uint64_t now)
{
    for (int i = 0; i < frames; i++) {
        app_render(app, now);
        plat_present(app->plat);
    }
}

int main(int argc, char **argv)
{
    const char *page = argc > 1 ? argv[1] : "home";
    int frames = argc > 2 ? atoi(argv[2]) : 10;
    if (strcmp(page, "home") && strcmp(page, "reader")) {
        fprintf(stderr, "usage: bench_redraw home|reader [FRAMES]\n");
        return 2;
    }
    char dir[] = "/tmp/mingbai-redraw-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char *db = mb_xasprintf("%s/k.db", dir);
    AppOptions o = {.db_path = db, .lang = LANG_EN, .width = 800, .height = 480,
                    .headless = true};
    App app;
    if (app_open(&app, &o))
        return 1;
    uint64_t now = 1000;
    app_render(&app, now);
    tap(&app, "start", &now);
    tap(&app, "English", &now);
    tap(&app, "Continue as a guest", &now);
    if (!strcmp(page, "reader"))
        tap(&app, "Platforms as infrastructure", &now);
    redraw_frames(&app, frames, now);
    app_close(&app);
    char *cmd = mb_xasprintf("rm -rf '%s'", dir);
    int rc = system(cmd);
    free(cmd);
    free(db);
    return rc ? 1 : 0;
}
