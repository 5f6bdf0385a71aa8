/* Benchmark (reports figures; not a test) of the participant's kiosk with
 * the software renderer at 800x480 and the full course loaded:
 *  - tap to next presented frame: a finger tap injected, handled, drawn and
 *    presented, over a tour of every screen repeated; p50, p99, max;
 *  - CPU time while idle on each screen for S seconds in the real main
 *    loop (which sleeps in SDL_WaitEventTimeout);
 *  - peak resident memory (VmHWM).
 * Run: SDL_VIDEODRIVER=offscreen build/tests/bench/bench_kiosk [idle seconds] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "app.h"

static double cpu_ms(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec * 1e3 + ru.ru_utime.tv_usec / 1e3 + ru.ru_stime.tv_sec * 1e3 +
           ru.ru_stime.tv_usec / 1e3;
}

static long vm_kib(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, key, strlen(key)))
            v = atol(line + strlen(key) + 1);
    if (f)
        fclose(f);
    return v;
}

static double wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One tap on the widget labelled label; returns ms from the finger going
 * up to the frame presented, or -1 when the label is not on screen. */
static double tap(App *app, const char *label)
{
    int x, y;
    if (!ui_find_target(app->ui, label, &x, &y))
        return -1;
    Event ev;
    plat_inject_pointer(app->plat, EV_PRESS, x, y, false);
    while (plat_poll(app->plat, &ev))
        ui_event(app->ui, &ev, mb_ticks_ms());
    app_render(app, mb_ticks_ms());
    plat_present(app->plat);
    double t0 = wall_ms();
    plat_inject_pointer(app->plat, EV_RELEASE, x, y, false);
    while (plat_poll(app->plat, &ev))
        ui_event(app->ui, &ev, mb_ticks_ms());
    app_render(app, mb_ticks_ms());
    plat_present(app->plat);
    return wall_ms() - t0;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int idle_s = argc > 1 ? atoi(argv[1]) : 10;
    char db[] = "/tmp/mingbai-bench-XXXXXX";
    if (!mkdtemp(db))
        return 1;
    char *dbpath = mb_xasprintf("%s/kiosk.db", db);
    AppOptions o = {.db_path = dbpath, .lang = LANG_EN, .width = 800, .height = 480,
                    .headless = true};
    App app;
    if (app_open(&app, &o)) {
        fprintf(stderr, "bench: cannot start the kiosk\n");
        return 1;
    }
    printf("resident after start-up: %ld KiB\n", vm_kib("VmRSS:"));
    app_render(&app, mb_ticks_ms());
    printf("resident after the first frame: %ld KiB\n", vm_kib("VmRSS:"));
    static const char *tour[] = {"start", "English", "Continue as a guest",
                                 "Official accounts", "Units", "Platforms as infrastructure",
                                 "中文", "English", "Units", "Finish"};
    double times[2000];
    int n = 0, missing = 0;
    for (int round = 0; round < 100 && n < 1990; round++)
        for (size_t i = 0; i < MB_COUNT(tour); i++) {
            double t = tap(&app, tour[i]);
            if (t < 0)
                missing++;
            else
                times[n++] = t;
        }
    printf("resident after the tour: %ld KiB\n", vm_kib("VmRSS:"));
    qsort(times, (size_t)n, sizeof *times, cmp);
    printf("tap to presented frame (800x480, software): n=%d p50 %.2f ms, p99 %.2f ms, max %.2f ms%s\n",
           n, times[n / 2], times[n * 99 / 100], times[n - 1], missing ? " (some labels missing)" : "");

    /* Idle: each screen for idle_s seconds in the real loop. */
    static const struct {
        const char *name, *label;
    } screens[] = {{"attract", NULL}, {"language", "start"}, {"signin", "English"},
                   {"home", "Continue as a guest"}, {"reader", "Platforms as infrastructure"}};
    for (size_t i = 0; i < MB_COUNT(screens); i++) {
        if (screens[i].label)
            tap(&app, screens[i].label);
        double c0 = cpu_ms();
        long frames = app_loop(&app, idle_s * 1000, false);
        printf("idle on %-8s %d s: %.1f ms CPU, %ld frames\n", screens[i].name, idle_s,
               cpu_ms() - c0, frames);
    }
    printf("resident memory: now %ld KiB, peak %ld KiB (full course loaded, atlas included)\n",
           vm_kib("VmRSS:"), vm_kib("VmHWM:"));
    app_close(&app);
    unlink(dbpath);
    char *wal = mb_xasprintf("%s-wal", dbpath), *shm = mb_xasprintf("%s-shm", dbpath);
    unlink(wal);
    unlink(shm);
    rmdir(db);
    free(wal);
    free(shm);
    free(dbpath);
    return 0;
}
