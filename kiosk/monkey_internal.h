/* The monkey's parts (kiosk/monkey.c: the run and its checks;
 * monkey_drive.c: the random events and driving the kiosk with them). */
#ifndef MINGBAI_MONKEY_INTERNAL_H
#define MINGBAI_MONKEY_INTERNAL_H

#include "app.h"

/* The PIN of the monkey's database: eight digits nobody types by chance. */
#define MONKEY_PIN "73019468"
/* The wall clock's start: 2026-03-02 09:00 UTC, a Monday morning. */
#define MONKEY_EPOCH_MS 1772442000000LL
#define MONKEY_RSS_LIMIT_KIB 1024
#define TRACE_LINES 16

typedef struct {
    unsigned long long seed;
    long events, warmup;
    int width, height;
    bool render;
    bool trace; /* every event on stderr */
    bool check_rss; /* the warm-up is long enough to fill the caches */
    /* --fault: a fault made on purpose half way, so that a test sees that
     * each check catches it ("crash", "exit", "instructor", "fd"), or NULL */
    const char *fault;
    const char *db_path;
} MonkeyOptions;

typedef struct {
    MonkeyOptions o;
    App app;
    uint64_t rng;
    uint64_t now;      /* the monkey's monotonic clock */
    int64_t days;      /* the wall clock moved on by so many ms */
    bool mouse;
    ScreenId screen;
    long visits[SCR_COUNT], dwell[SCR_COUNT];
    long instructor_entries, exits, pin_tries;
    uint64_t digest;   /* of the screens seen after each event */
    long rss_warm, rss_end, rss_peak, fds_warm, fds_end;
    long heap_warm, heap_end; /* malloc's bytes in use, KiB */
    long file_warm, file_end; /* resident pages of mapped files (fonts), KiB */
    const char *failure;
} Monkey;


/* Draws a frame at the monkey's time (the wall clock frozen to match). */
void monkey_render(Monkey *m);
/* Feeds the ui the events plat has queued. */
void monkey_pump(Monkey *m);
/* Makes one random event and runs it; desc (n bytes) gets what it was. */
void monkey_event(Monkey *m, char *desc, size_t n);

#endif
