/* The monkey: the real kiosk (Ui, store, text engine, packs; the draw list
 * run by the software renderer, or not drawn at all) headless, as replay
 * runs it, fed seeded random input: taps (mostly on the targets the last
 * frame had, see probe.c), drags, long presses (the 3-second press on the
 * attract screen's title among them, so the PIN pad is reached and random
 * digits are tried against a PIN the monkey does not know), keys, typed
 * text, wheel turns, window sizes, the language, contrast and text-size
 * toggles, waits long enough for the idle prompt, days passing. The clock
 * is the monkey's: the same seed gives the same run.
 *
 * It checks, and prints at the end: no crash, no exit, no entry into the
 * instructor's screens, resident memory grown by at most 1 MiB after the
 * warm-up, the same number of open files; and the screens visited. On a
 * failure it prints the seed, the event and the last events before it. */
#include "monkey.h"
#include "monkey_internal.h"

#include <dirent.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define MONKEY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MONKEY_ASAN 1
#endif
#endif
#ifdef MONKEY_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

/* What a crash handler prints: set before each event. */
static volatile long g_event = -1;
static unsigned long long g_seed;
static int g_width, g_height, g_render;
static long g_warmup; /* where the memory is first measured: part of the run */
static volatile sig_atomic_t g_running;
static char g_trace[TRACE_LINES][96];

/* ---- the process: memory, files, crashes ---- */

/* A line of /proc/self/status in KiB ("VmRSS:", "RssFile:"), or -1. */
static long status_kib(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    size_t n = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, key, n))
            kib = strtol(line + n, NULL, 10);
    if (f)
        fclose(f);
    return kib;
}

/* Resident memory once the free heap pages glibc keeps are given back, so
 * that what is measured is what the kiosk holds. */
static long rss_kib(void)
{
    malloc_trim(0);
    return status_kib("VmRSS:");
}

static long open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    long n = 0;
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n - 1; /* the directory's own */
}

/* Writes s on stderr from a signal handler. */
static void say(const char *s)
{
    ssize_t r = write(2, s, strlen(s));
    (void)r;
}

static void say_num(unsigned long long v)
{
    char buf[24];
    int i = (int)sizeof buf - 1;
    buf[i] = 0;
    do
        buf[--i] = (char)('0' + v % 10);
    while ((v /= 10) && i > 0);
    say(buf + i);
}

static void say_crash(const char *what)
{
    say("\nmonkey: ");
    say(what);
    say(" at event ");
    say_num((unsigned long long)(g_event < 0 ? 0 : g_event));
    say(" (seed ");
    say_num(g_seed);
    say("); the last events:\n");
    for (int i = 0; i < TRACE_LINES; i++) {
        const char *t = g_trace[(g_event + 1 + i) % TRACE_LINES];
        if (*t) {
            say("  ");
            say(t);
            say("\n");
        }
    }
    say("reproduce with: mingbai monkey --seed ");
    say_num(g_seed);
    say(" --events ");
    say_num((unsigned long long)(g_event + 1));
    say(" --window ");
    say_num((unsigned long long)g_width);
    say("x");
    say_num((unsigned long long)g_height);
    say(" --warmup ");
    say_num((unsigned long long)g_warmup);
    say(g_render ? "\n" : " --render none\n");
}

static struct sigaction g_old[5];
static const int g_signals[5] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

static void on_crash(int sig)
{
    say_crash(sig == SIGABRT ? "abort" : "crash (a fatal signal)");
    for (int i = 0; i < 5; i++)
        if (g_signals[i] == sig)
            sigaction(sig, &g_old[i], NULL);
    raise(sig); /* delivered on return, to the handler there was before */
}

#ifdef MONKEY_ASAN
static void on_sanitizer_death(void)
{
    if (g_running)
        say_crash("a sanitizer's report");
}
#endif

static void on_exit_call(void)
{
    if (g_running) {
        say_crash("exit() called");
        _exit(1); /* not the status it was called with: the run failed */
    }
}

static void hooks_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_crash;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < 5; i++)
        sigaction(g_signals[i], &sa, &g_old[i]);
    atexit(on_exit_call);
#ifdef MONKEY_ASAN
    __sanitizer_set_death_callback(on_sanitizer_death);
#endif
}

/* ---- checks after each event ---- */

static long heap_kib(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (long)((mi.uordblks + mi.hblkhd) / 1024);
}

/* Resident memory, malloc's bytes in use and open files, measured at the
 * window size the run started with (a 1920x1080 window's surface alone is
 * 8 MiB). */
static void measure(Monkey *m, long *rss, long *heap, long *fds)
{
    plat_set_size(m->app.plat, m->o.width, m->o.height);
    monkey_pump(m);
    ui_resize(m->app.ui, m->o.width, m->o.height);
    monkey_render(m);
    *rss = rss_kib();
    *heap = heap_kib();
    *fds = open_fds();
    long *file = rss == &m->rss_warm ? &m->file_warm : &m->file_end;
    *file = status_kib("RssFile:");
}

static bool instructor_screen(ScreenId s)
{
    return s >= SCR_INSTRUCTOR && s != SCR_PIN;
}

/* Returns false on a failure (m->failure says which). */
static bool check(Monkey *m, long e)
{
    ScreenId s = ui_screen(m->app.ui);
    if (s != m->screen) {
        if (s == SCR_PIN)
            m->pin_tries++;
        if ((instructor_screen(s) || ui_instructor(m->app.ui)) && !instructor_screen(m->screen))
            m->instructor_entries++;
        m->visits[s]++;
        m->screen = s;
    }
    m->dwell[s]++;
    m->digest = (m->digest ^ (uint64_t)(s + 1)) * 1099511628211ull;
    if (m->instructor_entries) {
        m->failure = "entered the instructor's screens without the PIN";
        return false;
    }
    if (ui_quit_allowed(m->app.ui)) {
        m->exits++;
        m->failure = "the kiosk would end (quit allowed)";
        return false;
    }
    if (e + 1 == m->o.warmup)
        measure(m, &m->rss_warm, &m->heap_warm, &m->fds_warm);
    if (e + 1 > m->o.warmup) {
        long rss = rss_kib();
        m->rss_peak = MB_MAX(m->rss_peak, rss);
    }
    return true;
}

/* ---- the database: a PIN the monkey does not know, a class ---- */

static int prepare_db(const char *path)
{
    Store *s = NULL;
    if (store_open(path, &s) != MB_OK) {
        fprintf(stderr, "mingbai: monkey: cannot open the database %s\n", path);
        store_close(s);
        return 1;
    }
    bool set = false;
    int rc = store_pin_is_set(s, &set);
    if (rc == MB_OK && !set)
        rc = store_pin_set(s, MONKEY_PIN);
    StoreParticipant *list = NULL;
    size_t n = 0;
    if (rc == MB_OK)
        rc = store_participant_list(s, &list, &n);
    store_participant_list_free(list, n);
    static const char *const names[] = {"ANNA", "李明", "CHEN JIE", "O'BRIEN-SMITH"};
    for (size_t i = 0; rc == MB_OK && n == 0 && i < MB_COUNT(names); i++) {
        int64_t id = 0;
        rc = store_participant_add(s, names[i], false, &id);
        if (rc == MB_OK && i % 2 == 0) /* some with a code, asked at sign-in */
            rc = store_code_set(s, id, "4821");
    }
    if (rc != MB_OK)
        fprintf(stderr, "mingbai: monkey: cannot prepare the database: %s\n", store_errmsg(s));
    store_close(s);
    return rc == MB_OK ? 0 : 1;
}

/* ---- the run ---- */

static void report(Monkey *m, double secs, long done)
{
    printf("monkey: seed %llu, %ld events in %.1f s (%.0f events/s), window %dx%d, %s\n",
           m->o.seed, done, secs, secs > 0 ? (double)done / secs : 0.0, m->o.width,
           m->o.height, m->o.render ? "drawn by the software renderer" : "not drawn");
    printf("  screens visited (entries, events spent there):\n");
    for (int s = 0; s < SCR_COUNT; s++)
        if (m->visits[s] || m->dwell[s])
            printf("    %-14s %6ld %8ld\n", ui_screen_name((ScreenId)s), m->visits[s],
                   m->dwell[s]);
    printf("  PIN pad opened %ld times; instructor's screens entered %ld times; exits %ld;"
           " crashes 0\n", m->pin_tries, m->instructor_entries, m->exits);
    if (m->rss_warm > 0) {
        const char *why = m->o.check_rss ? "" : " (not checked: the warm-up is under "
                                                 "10,000 events, too few to fill the caches)";
#ifdef MONKEY_ASAN
        why = " (not checked under AddressSanitizer)";
#endif
        printf("  resident memory (at %dx%d): %.1f MiB after the warm-up (%ld events), %.1f MiB "
               "at the end: grown %+ld KiB (limit %d KiB)%s; %.1f MiB at most\n",
               m->o.width, m->o.height, (double)m->rss_warm / 1024, m->o.warmup,
               (double)m->rss_end / 1024, m->rss_end - m->rss_warm, MONKEY_RSS_LIMIT_KIB, why,
               (double)m->rss_peak / 1024);
        printf("  of which mapped files (fonts, libraries): %.1f MiB after the warm-up, %.1f MiB "
               "at the end: grown %+ld KiB\n", (double)m->file_warm / 1024,
               (double)m->file_end / 1024, m->file_end - m->file_warm);
        printf("  malloc's bytes in use: %.1f MiB after the warm-up, %.1f MiB at the end: "
               "grown %+ld KiB\n", (double)m->heap_warm / 1024, (double)m->heap_end / 1024,
               m->heap_end - m->heap_warm);
    }
    printf("  open files: %ld after the warm-up, %ld at the end\n", m->fds_warm, m->fds_end);
    printf("  trace digest %016llx\n", (unsigned long long)m->digest);
}

/* The checks at the end; returns false (m->failure set) on one. */
static bool final_checks(Monkey *m)
{
    if (m->rss_warm <= 0)
        return true; /* too short a run for a warm-up */
    measure(m, &m->rss_end, &m->heap_end, &m->fds_end);
#ifndef MONKEY_ASAN
    if (m->o.check_rss && m->rss_end - m->rss_warm > MONKEY_RSS_LIMIT_KIB) {
        m->failure = "resident memory grew by more than 1 MiB after the warm-up";
        return false;
    }
#endif
    if (m->fds_end != m->fds_warm) {
        m->failure = "the number of open files changed after the warm-up";
        return false;
    }
    return true;
}

/* The negative controls: what each check is there to catch. */
static void make_fault(Monkey *m, char *desc, size_t n)
{
    const char *f = m->o.fault;
    snprintf(desc, n, "fault %s (made on purpose)", f);
    if (!strcmp(f, "crash"))
        raise(SIGSEGV);
    else if (!strcmp(f, "exit"))
        exit(0);
    else if (!strcmp(f, "instructor"))
        ui_instructor_open(m->app.ui);
    else if (!strcmp(f, "fd") && !fopen("/proc/self/status", "r"))
        snprintf(desc, n, "fault fd: cannot open a file");
    monkey_render(m);
}

static long run_events(Monkey *m)
{
    long e;
    for (e = 0; e < m->o.events; e++) {
        g_event = e;
        char *desc = g_trace[e % TRACE_LINES];
        desc[0] = 0;
        if (m->o.fault && e == MB_MAX(m->o.events / 2, m->o.warmup))
            make_fault(m, desc, sizeof g_trace[0]);
        else
            monkey_event(m, desc, sizeof g_trace[0]);
        if (m->o.trace)
            fprintf(stderr, "%ld %s -> %s (%ld KiB)\n", e, desc,
                    ui_screen_name(ui_screen(m->app.ui)), rss_kib());
        if (!check(m, e))
            break;
    }
    return e;
}

/* Opens every face of the text engine (regular, bold, italic; Latin and
 * Chinese), as the kiosk does at the first text that needs each and keeps
 * them open: the open files are then the same from the warm-up on. */
static void open_faces(TextEngine *te)
{
    static const uint32_t flags[] = {0, TEXT_BOLD, TEXT_EM, TEXT_BOLD | TEXT_EM};
    for (int l = 0; l < 2; l++)
        for (size_t f = 0; f < MB_COUNT(flags); f++) {
            TextStyle st = {.size = 16, .flags = flags[f], .lang = l ? LANG_ZH : LANG_EN};
            text_layout_str(te, "Aa 明白", &st, 0);
        }
    text_engine_frame(te);
}

static int monkey_run(Monkey *m)
{
    AppOptions ao = {.db_path = m->o.db_path, .lang = LANG_EN, .width = m->o.width,
                     .height = m->o.height, .headless = true};
    mb_clock_freeze(MONKEY_EPOCH_MS);
    if (prepare_db(m->o.db_path))
        return 1;
    if (app_open(&m->app, &ao)) {
        app_close(&m->app);
        return 1;
    }
    app_finish_packs(&m->app);
    open_faces(m->app.text);
    m->rng = m->o.seed;
    m->now = 1000;
    m->screen = ui_screen(m->app.ui);
    m->visits[m->screen]++;
    g_seed = m->o.seed;
    g_width = m->o.width;
    g_height = m->o.height;
    g_render = m->o.render;
    g_warmup = m->o.warmup;
    g_running = 1;
    monkey_render(m);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long done = run_events(m);
    bool ok = !m->failure && final_checks(m);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    g_running = 0;
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    report(m, secs, done < m->o.events ? done + 1 : done);
    app_close(&m->app);
    if (ok) {
        printf("monkey: ok\n");
        return 0;
    }
    long at = done < m->o.events ? done : m->o.events - 1;
    fprintf(stderr, "monkey: FAILED at event %ld (seed %llu): %s\n", at, m->o.seed, m->failure);
    for (int i = 0; i < TRACE_LINES; i++) {
        const char *t = g_trace[(at + 1 + i) % TRACE_LINES];
        if (*t)
            fprintf(stderr, "  %s\n", t);
    }
    fprintf(stderr,
            "reproduce with: mingbai monkey --seed %llu --events %ld --window %dx%d --warmup %ld%s\n",
            m->o.seed, at + 1, m->o.width, m->o.height, m->o.warmup,
            m->o.render ? "" : " --render none");
    return 1;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: mingbai monkey --seed N --events K [--db PATH] [--window WxH]\n"
               "                      [--render software|none] [--warmup N] [--trace]\n"
               "                      [--fault crash|exit|instructor|fd]\n");
}

static int usage_error(const char *what)
{
    fprintf(stderr, "mingbai: monkey: %s\n", what);
    usage(stderr);
    return 2;
}

static int parse_options(int argc, char **argv, MonkeyOptions *o)
{
    bool seed = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        char *end = NULL;
        if (!strcmp(a, "--trace")) {
            o->trace = true;
            continue;
        }
        if (!v)
            return usage_error("an option without its value");
        i++;
        if (!strcmp(a, "--seed")) {
            o->seed = strtoull(v, &end, 10);
            seed = *end == 0;
        } else if (!strcmp(a, "--events")) {
            o->events = strtol(v, &end, 10);
            if (*end || o->events < 1)
                return usage_error("--events wants a number of events, like 2000");
        } else if (!strcmp(a, "--warmup")) {
            o->warmup = strtol(v, &end, 10);
            if (*end || o->warmup < 1)
                return usage_error("--warmup wants a number of events");
        } else if (!strcmp(a, "--fault")) {
            o->fault = v;
        } else if (!strcmp(a, "--db")) {
            o->db_path = v;
        } else if (!strcmp(a, "--window")) {
            if (app_parse_size(v, &o->width, &o->height))
                return usage_error("--window wants WIDTHxHEIGHT, like 800x480");
        } else if (!strcmp(a, "--render")) {
            if (strcmp(v, "software") && strcmp(v, "none"))
                return usage_error("--render wants software or none");
            o->render = !strcmp(v, "software");
        } else {
            return usage_error("unknown option");
        }
    }
    if (!seed || o->events < 1)
        return usage_error("--seed N and --events K are needed");
    return 0;
}

int monkey_main(int argc, char **argv)
{
    MonkeyOptions o = {.width = 800, .height = 480, .render = true};
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return 0;
    }
    int rc = parse_options(argc, argv, &o);
    if (rc)
        return rc;
    if (!o.warmup)
        o.warmup = MB_MAX(1, MB_MIN(o.events / 5, 20000));
    o.check_rss = o.warmup >= 10000 && o.warmup < o.events;
    /* Large buffers (a window's surface, a decoded image) mapped and given
     * back when freed, not left as holes in the heap that a later, larger
     * one cannot use: resident memory then measures what is kept. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    char *dir = NULL, *db = NULL;
    if (!o.db_path) { /* a database of its own, removed after */
        const char *tmp = getenv("TMPDIR");
        dir = mb_xasprintf("%s/mingbai-monkey-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(dir)) {
            fprintf(stderr, "mingbai: monkey: cannot make a folder in %s\n", tmp ? tmp : "/tmp");
            free(dir);
            return 1;
        }
        o.db_path = db = mb_xasprintf("%s/monkey.db", dir);
    }
    hooks_install();
    Monkey *m = mb_xcalloc(1, sizeof *m);
    m->o = o;
    rc = monkey_run(m);
    free(m);
    if (dir) {
        static const char *const ends[] = {"", "-wal", "-shm", "-journal", "-walid"};
        for (size_t i = 0; i < MB_COUNT(ends); i++) {
            char *p = mb_xasprintf("%s%s", db, ends[i]);
            unlink(p);
            free(p);
        }
        rmdir(dir);
    }
    free(db);
    free(dir);
    return rc;
}
