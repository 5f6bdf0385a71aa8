/* The monkey's events (see monkey.c): seeded random taps (mostly on the
 * targets of the last frame), drags, long presses, the title's 3-second
 * press, keys, typed text, the wheel, window sizes, the toggles, waits and
 * days passing, each run through the headless kiosk as replay runs its
 * commands. */
#include "monkey_internal.h"

#include <stdio.h>
#include <string.h>

/* ---- random numbers: splitmix64 ---- */

static uint64_t rnd(Monkey *m)
{
    uint64_t z = (m->rng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* An integer in [lo, hi]. */
static int rnd_in(Monkey *m, int lo, int hi)
{
    return hi <= lo ? lo : lo + (int)(rnd(m) % (uint64_t)(hi - lo + 1));
}

static bool chance(Monkey *m, int percent)
{
    return rnd_in(m, 0, 99) < percent;
}

/* ---- driving the kiosk, as replay does ---- */

void monkey_render(Monkey *m)
{
    mb_clock_freeze(MONKEY_EPOCH_MS + (int64_t)m->now + m->days);
    if (m->o.render)
        app_render(&m->app, m->now);
    else
        ui_frame(m->app.ui, m->now, &m->app.dl);
}

void monkey_pump(Monkey *m)
{
    Event ev;
    while (plat_poll(m->app.plat, &ev))
        ui_event(m->app.ui, &ev, m->now);
}

/* Lets ms pass, drawing the frames the ui asks for (by its deadlines, as
 * the kiosk's loop does, at most one each 16 ms). */
static void advance(Monkey *m, int ms)
{
    for (int t = 0; t < ms;) {
        int d = ui_next_deadline(m->app.ui, m->now);
        int step = d < 0 ? ms - t : MB_CLAMP(d, 16, ms - t);
        if (step <= 0)
            step = ms - t;
        m->now += (uint64_t)step;
        t += step;
        mb_clock_freeze(MONKEY_EPOCH_MS + (int64_t)m->now + m->days);
        if (ui_dirty(m->app.ui, m->now))
            monkey_render(m);
    }
}

static void pointer(Monkey *m, EventKind kind, int x, int y)
{
    plat_inject_pointer(m->app.plat, kind, x, y, m->mouse);
    monkey_pump(m);
}

static void press_hold_release(Monkey *m, int x, int y, int ms, int dx, int dy)
{
    pointer(m, EV_PRESS, x, y);
    advance(m, ms / 2);
    if (dx || dy)
        pointer(m, EV_MOVE, x + dx, y + dy);
    advance(m, ms - ms / 2);
    pointer(m, EV_RELEASE, x + dx, y + dy);
    monkey_render(m);
    advance(m, 100);
}

static void send(Monkey *m, const Event *ev)
{
    ui_event(m->app.ui, ev, m->now);
    monkey_render(m);
}

/* A point on a random target of the last frame (false when none). */
static bool target_point(Monkey *m, int *x, int *y, const char **label)
{
    int n = ui_target_count(m->app.ui);
    Rect r;
    if (n <= 0 || !ui_target_at(m->app.ui, rnd_in(m, 0, n - 1), &r, label) || r.w <= 0 ||
        r.h <= 0)
        return false;
    *x = r.x + rnd_in(m, r.w / 5, r.w - 1 - r.w / 5);
    *y = r.y + rnd_in(m, r.h / 5, r.h - 1 - r.h / 5);
    return true;
}

/* The start of a label for the trace, at most 40 bytes, cut between
 * characters. */
static const char *short_label(const char *label, char *buf, size_t n)
{
    size_t len = strlen(label), i = 0, end = 0;
    while (i < len && i < n - 1) {
        utf8_decode(label, len, &i);
        if (i > n - 1 || i > 40)
            break;
        end = i;
    }
    memcpy(buf, label, end);
    buf[end] = 0;
    return buf;
}

static void random_point(Monkey *m, int *x, int *y)
{
    int w, h;
    plat_size(m->app.plat, &w, &h);
    *x = rnd_in(m, -4, w + 3); /* a finger can land at the very edge */
    *y = rnd_in(m, -4, h + 3);
}

/* ---- the events ---- */

typedef enum {
    EK_TAP, EK_POINT, EK_DRAG, EK_HOLD, EK_TITLE, EK_SPLIT, EK_KEY, EK_TEXT, EK_WHEEL,
    EK_RESIZE, EK_LANG, EK_CONTRAST, EK_SIZE, EK_WAIT, EK_IDLE, EK_DAY, EK_INPUT, EK_COUNT
} EventKindM;

static const struct {
    const char *name;
    int weight;
} kinds[EK_COUNT] = {
    [EK_TAP] = {"tap", 420},     [EK_POINT] = {"tap-anywhere", 60}, [EK_DRAG] = {"drag", 70},
    [EK_HOLD] = {"hold", 30},    [EK_TITLE] = {"title-hold", 25},   [EK_SPLIT] = {"press-release", 20},
    [EK_KEY] = {"key", 80},      [EK_TEXT] = {"type", 60},          [EK_WHEEL] = {"wheel", 40},
    [EK_RESIZE] = {"resize", 20}, [EK_LANG] = {"language", 25},     [EK_CONTRAST] = {"contrast", 15},
    [EK_SIZE] = {"text-size", 15}, [EK_WAIT] = {"wait", 40},        [EK_IDLE] = {"idle", 5},
    [EK_DAY] = {"clock", 5},     [EK_INPUT] = {"input", 10},
};

static const char *const texts[] = {
    "a", "Anna", "Zhang Wei", "O'Brien-Smith", "李明", "ni hao", "zhang", "1234", "0",
    "é", "e\xcc\x81", "😀👍", "مرحبا", "Ω≈ç√", "\xe2\x80\x8b", "  ", "'", "-", "*",
    "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", "中文中文中文中文中文", "%s%n%d", "<b>x</b>", "\\",
};

static const struct {
    int w, h;
} sizes[] = {{800, 480}, {1024, 600}, {1920, 1080}, {720, 1280}};

static void ev_tap(Monkey *m, char *desc, size_t n)
{
    int x, y;
    const char *label = "";
    if (!target_point(m, &x, &y, &label))
        random_point(m, &x, &y);
    char b[48];
    snprintf(desc, n, "tap %d %d \"%s\"", x, y, short_label(label, b, sizeof b));
    press_hold_release(m, x, y, rnd_in(m, 20, 250), 0, 0);
}

static void ev_drag(Monkey *m, char *desc, size_t n)
{
    int x1, y1, x2, y2, ms = rnd_in(m, 16, 900);
    random_point(m, &x1, &y1);
    random_point(m, &x2, &y2);
    snprintf(desc, n, "drag %d %d %d %d %d", x1, y1, x2, y2, ms);
    pointer(m, EV_PRESS, x1, y1);
    int steps = MB_MAX(1, ms / 16);
    for (int i = 1; i <= steps; i++) {
        m->now += 16;
        pointer(m, EV_MOVE, x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps);
        monkey_render(m);
    }
    pointer(m, EV_RELEASE, x2, y2);
    monkey_render(m);
    advance(m, rnd_in(m, 0, 1500)); /* a fling runs on */
}

static void ev_hold(Monkey *m, char *desc, size_t n)
{
    int x, y, ms = rnd_in(m, 400, 4000);
    const char *label = "";
    if (!target_point(m, &x, &y, &label))
        random_point(m, &x, &y);
    int d = chance(m, 30) ? rnd_in(m, -30, 30) : 0;
    char b[48];
    snprintf(desc, n, "hold %d %d %d moved %d \"%s\"", x, y, ms, d, short_label(label, b, sizeof b));
    press_hold_release(m, x, y, ms, d, d / 2);
}

/* The instructor's way in: the PIN pad opens, and the monkey's taps then
 * try digits on it. */
static void ev_title(Monkey *m, char *desc, size_t n)
{
    int x, y;
    if (ui_screen(m->app.ui) != SCR_ATTRACT || !ui_find_text(m->app.ui, "Mingbai", &x, &y)) {
        ev_tap(m, desc, n);
        return;
    }
    int ms = rnd_in(m, 2900, 3600);
    snprintf(desc, n, "title-hold %d %d %d", x, y, ms);
    press_hold_release(m, x, y, ms, 0, 0);
}

/* A press on one target released on another. */
static void ev_split(Monkey *m, char *desc, size_t n)
{
    int x1, y1, x2, y2;
    const char *a = "", *b = "";
    if (!target_point(m, &x1, &y1, &a) || !target_point(m, &x2, &y2, &b)) {
        ev_tap(m, desc, n);
        return;
    }
    snprintf(desc, n, "press-release %d %d %d %d", x1, y1, x2, y2);
    pointer(m, EV_PRESS, x1, y1);
    advance(m, rnd_in(m, 16, 300));
    pointer(m, EV_RELEASE, x2, y2);
    monkey_render(m);
    advance(m, 100);
}

static void ev_key(Monkey *m, char *desc, size_t n)
{
    Event ev = {.kind = EV_KEY, .key = (KeyCode)rnd_in(m, 1, KEY_COUNT - 1)};
    /* Any modifiers but Ctrl with Alt: the engineer's exit chord is the
     * program's, not the ui's, and is meant to end it. */
    ev.mods = rnd_in(m, 0, 7);
    if ((ev.mods & MOD_CTRL) && (ev.mods & MOD_ALT))
        ev.mods &= ~MOD_ALT;
    snprintf(desc, n, "key %s mods %d", key_name(ev.key), ev.mods);
    send(m, &ev);
}

static void ev_text(Monkey *m, char *desc, size_t n)
{
    const char *t = texts[rnd_in(m, 0, (int)MB_COUNT(texts) - 1)];
    char b[48];
    snprintf(desc, n, "type \"%s\"", short_label(t, b, sizeof b));
    size_t i = 0, len = strlen(t);
    while (i < len) { /* a character per event, as SDL sends them */
        Event ev = {.kind = EV_TEXT};
        size_t start = i;
        utf8_decode(t, len, &i);
        memcpy(ev.text, t + start, MB_MIN(i - start, sizeof ev.text - 1));
        ui_event(m->app.ui, &ev, m->now);
    }
    monkey_render(m);
}

static void ev_wheel(Monkey *m, char *desc, size_t n)
{
    Event ev = {.kind = EV_WHEEL, .dy = rnd_in(m, -6, 6)};
    random_point(m, &ev.x, &ev.y);
    snprintf(desc, n, "wheel %d at %d %d", ev.dy, ev.x, ev.y);
    send(m, &ev);
    advance(m, rnd_in(m, 0, 300));
}

static void ev_resize(Monkey *m, char *desc, size_t n)
{
    int i = rnd_in(m, 0, (int)MB_COUNT(sizes) - 1);
    snprintf(desc, n, "resize %dx%d", sizes[i].w, sizes[i].h);
    plat_set_size(m->app.plat, sizes[i].w, sizes[i].h);
    monkey_pump(m);
    ui_resize(m->app.ui, sizes[i].w, sizes[i].h);
    monkey_render(m);
}

/* Taps the toggle showing one of labels, when the screen has it. */
static void ev_toggle(Monkey *m, char *desc, size_t n, const char *const *labels, int count)
{
    int x, y;
    for (int i = 0; i < count; i++)
        if (ui_find_target(m->app.ui, labels[i], &x, &y)) {
            snprintf(desc, n, "toggle \"%s\"", labels[i]);
            press_hold_release(m, x, y, 60, 0, 0);
            return;
        }
    ev_tap(m, desc, n);
}

static void ev_wait(Monkey *m, char *desc, size_t n, int ms)
{
    snprintf(desc, n, "wait %d", ms);
    advance(m, ms);
}

static void ev_clock(Monkey *m, char *desc, size_t n)
{
    int hours = rnd_in(m, 1, 72);
    snprintf(desc, n, "clock +%dh", hours);
    m->days += (int64_t)hours * 3600000;
    monkey_render(m);
}

static EventKindM pick(Monkey *m)
{
    int total = 0;
    for (int k = 0; k < EK_COUNT; k++)
        total += kinds[k].weight;
    int r = rnd_in(m, 0, total - 1);
    /* On the attract screen the title press comes more often, so that the
     * PIN pad is tried in every run. */
    if (ui_screen(m->app.ui) == SCR_ATTRACT && chance(m, 15))
        return EK_TITLE;
    for (int k = 0; k < EK_COUNT; k++) {
        if (r < kinds[k].weight)
            return (EventKindM)k;
        r -= kinds[k].weight;
    }
    return EK_TAP;
}

void monkey_event(Monkey *m, char *desc, size_t n)
{
    static const char *const lang[] = {"中文", "English"}, *const contrast[] = {"◐"},
                             *const size[] = {"A", "A+", "A++"};
    EventKindM k = pick(m);
    switch (k) {
    case EK_TAP: ev_tap(m, desc, n); break;
    case EK_POINT: {
        int x, y;
        random_point(m, &x, &y);
        snprintf(desc, n, "tap-anywhere %d %d", x, y);
        press_hold_release(m, x, y, rnd_in(m, 10, 200), 0, 0);
        break;
    }
    case EK_DRAG: ev_drag(m, desc, n); break;
    case EK_HOLD: ev_hold(m, desc, n); break;
    case EK_TITLE: ev_title(m, desc, n); break;
    case EK_SPLIT: ev_split(m, desc, n); break;
    case EK_KEY: ev_key(m, desc, n); break;
    case EK_TEXT: ev_text(m, desc, n); break;
    case EK_WHEEL: ev_wheel(m, desc, n); break;
    case EK_RESIZE: ev_resize(m, desc, n); break;
    case EK_LANG: ev_toggle(m, desc, n, lang, 2); break;
    case EK_CONTRAST: ev_toggle(m, desc, n, contrast, 1); break;
    case EK_SIZE: ev_toggle(m, desc, n, size, 3); break;
    case EK_WAIT: ev_wait(m, desc, n, rnd_in(m, 16, 8000)); break;
    case EK_IDLE: ev_wait(m, desc, n, rnd_in(m, 150, 260) * 1000); break;
    case EK_DAY: ev_clock(m, desc, n); break;
    case EK_INPUT:
        m->mouse = !m->mouse;
        snprintf(desc, n, "input %s", m->mouse ? "mouse" : "touch");
        break;
    default: break;
    }
}

