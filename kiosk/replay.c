/* Replay: the real kiosk, headless (offscreen video, software renderer),
 * driven by a script. One command per line:
 *   tap "Label" | tap X Y          a finger tap (and SDL's synthetic mouse twin); a label
 *                                  not on screen is looked for further down
 *   tap-text "Text"                a tap on a visible text (a glossary term, a paragraph)
 *   tap-panel X Y                  a finger tap at pixels of the panel (with --rotate:
 *                                  where the turned picture shows the target)
 *   press-release "A" "B"          a press at A's lower edge released at B's upper edge
 *   scroll-to "Text"               pages down (at most 40 times) until the text is visible
 *   drag X1 Y1 X2 Y2 MS            a finger drag lasting MS
 *   hold "Label" MS [DX DY]        a finger held MS on a widget (or a visible
 *                                  text) showing Label; moved DX DY pixels
 *                                  half way through when given
 *   key NAME | type TEXT | wait MS
 *   shot NAME                      writes SHOTS/NAME.png
 *   expect "Text" | expect-not "Text" | screen NAME | layout-ok
 *   targets-ok                     every tap target at least 9 mm, 2 mm apart
 *                                  (at --px-per-mm)
 *   expect-tappable "Label"        a widget showing Label is wholly on screen
 *   expect-seen "Text"             the start of Text is on screen, inside its
 *                                  scrolled view (not under a bar)
 *   clock +Nd | clock +Nh          moves the wall clock (reviews)
 *   quit-allowed yes|no            whether the kiosk would end now (the
 *                                  instructor's "Leave the kiosk")
 *   resize WxH | input mouse|touch
 * Lines starting with # are comments. Any failure stops with the script's
 * line number, what was expected and what is on screen. */
#include "replay.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    App *app;
    uint64_t now;
    bool mouse;
    const char *script;
    const char *shots; /* the folder screenshots go to */
    int line;
} Replay;

static void pump(Replay *r)
{
    Event ev;
    while (plat_poll(r->app->plat, &ev))
        ui_event(r->app->ui, &ev, r->now);
}

static void render(Replay *r)
{
    app_render(r->app, r->now);
    /* "Try again" on the page of a database that cannot be used */
    if (app_fault_retry(r->app))
        app_render(r->app, r->now);
}

static void advance(Replay *r, int ms)
{
    int step = 16;
    for (int t = 0; t < ms; t += step) {
        r->now += (uint64_t)MB_MIN(step, ms - t);
        if (ui_dirty(r->app->ui, r->now))
            render(r);
    }
}

static void push_pointer(Replay *r, EventKind kind, int x, int y)
{
    plat_inject_pointer(r->app->plat, kind, x, y, r->mouse);
}

static void tap(Replay *r, int x, int y)
{
    push_pointer(r, EV_PRESS, x, y);
    pump(r);
    advance(r, 50);
    push_pointer(r, EV_RELEASE, x, y);
    pump(r);
    render(r);
    advance(r, 100);
}

/* Reads a quoted or bare argument; returns a pointer past it. */
static const char *arg(const char *p, char *out, size_t n)
{
    while (*p == ' ' || *p == '\t')
        p++;
    size_t k = 0;
    if (*p == '"') {
        p++;
        while (*p && *p != '"') {
            if (*p == '\\' && p[1])
                p++;
            if (k + 1 < n)
                out[k++] = *p;
            p++;
        }
        if (*p == '"')
            p++;
    } else {
        while (*p && *p != ' ' && *p != '\t') {
            if (k + 1 < n)
                out[k++] = *p;
            p++;
        }
    }
    out[k] = 0;
    return p;
}

static int fail(Replay *r, const char *fmt, const char *what)
{
    StrBuf vis = {0};
    ui_visible_text(r->app->ui, &vis);
    fprintf(stderr, "%s:%d: ", r->script, r->line);
    fprintf(stderr, fmt, what);
    fprintf(stderr, "\n  screen: %s\n  visible text:\n", ui_screen_name(ui_screen(r->app->ui)));
    const char *p = vis.data ? vis.data : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        int len = nl ? (int)(nl - p) : (int)strlen(p);
        fprintf(stderr, "    | %.*s\n", len > 100 ? 100 : len, p);
        p += len + (nl ? 1 : 0);
    }
    strbuf_free(&vis);
    return 1;
}

static bool visible(Replay *r, const char *text)
{
    StrBuf vis = {0};
    ui_visible_text(r->app->ui, &vis);
    bool found = vis.data && strstr(vis.data, text);
    strbuf_free(&vis);
    return found;
}

/* A widget showing label, scrolling down to it (as a participant would to
 * an answer below the fold) when it is not on screen yet. */
static bool find_or_scroll(Replay *r, const char *label, int *x, int *y)
{
    for (int i = 0; i < 40; i++) {
        if (ui_find_target(r->app->ui, label, x, y))
            return true;
        Event ev = {.kind = EV_KEY, .key = KEY_DOWN};
        ui_event(r->app->ui, &ev, r->now);
        render(r);
    }
    return ui_find_target(r->app->ui, label, x, y);
}

/* Each command gets the rest of its line, p. */
static int cmd_tap(Replay *r, const char *p)
{
    char a[512], b[64];
    const char *q = arg(p, a, sizeof a);
    int x, y;
    bool quoted = strchr(p, '"') != NULL;
    if (!quoted && isdigit((unsigned char)a[0])) {
        arg(q, b, sizeof b);
        x = atoi(a);
        y = atoi(b);
    } else if (!find_or_scroll(r, a, &x, &y)) {
        return fail(r, "no widget shows \"%s\", not even further down", a);
    }
    tap(r, x, y);
    return 0;
}

/* tap-panel X Y: a finger tap at pixels of the panel, where the glass is
 * touched (with --rotate, not where the page has them). */
static int cmd_tap_panel(Replay *r, const char *p)
{
    char a[64], b[64];
    arg(arg(p, a, sizeof a), b, sizeof b);
    plat_inject_panel(r->app->plat, EV_PRESS, atoi(a), atoi(b));
    pump(r);
    advance(r, 50);
    plat_inject_panel(r->app->plat, EV_RELEASE, atoi(a), atoi(b));
    pump(r);
    render(r);
    advance(r, 100);
    return 0;
}

/* A press at the bottom edge of one widget released at the top edge of the
 * next: close enough to be a tap, but not on one widget. */
static int cmd_press_release(Replay *r, const char *p)
{
    char a[512], b[512];
    p = arg(p, a, sizeof a);
    arg(p, b, sizeof b);
    Rect ra, rb;
    if (!ui_find_target_rect(r->app->ui, a, &ra))
        return fail(r, "no visible widget shows \"%s\"", a);
    if (!ui_find_target_rect(r->app->ui, b, &rb))
        return fail(r, "no visible widget shows \"%s\"", b);
    int x = ra.x + ra.w / 2;
    push_pointer(r, EV_PRESS, x, ra.y + ra.h - 1);
    pump(r);
    advance(r, 50);
    push_pointer(r, EV_RELEASE, x, rb.y);
    pump(r);
    render(r);
    advance(r, 100);
    return 0;
}

static int cmd_tap_text(Replay *r, const char *p)
{
    char a[512];
    arg(p, a, sizeof a);
    int x, y;
    if (!ui_find_text(r->app->ui, a, &x, &y))
        return fail(r, "no visible text contains \"%s\"", a);
    tap(r, x, y);
    return 0;
}

static int cmd_scroll_to(Replay *r, const char *p)
{
    char a[512];
    arg(p, a, sizeof a);
    int x, y;
    for (int i = 0; i < 40 && !ui_find_text(r->app->ui, a, &x, &y); i++) {
        Event ev = {.kind = EV_KEY, .key = KEY_DOWN};
        for (int k = 0; k < 3; k++)
            ui_event(r->app->ui, &ev, r->now);
        render(r);
    }
    if (!ui_find_text(r->app->ui, a, &x, &y))
        return fail(r, "scrolled, but no visible text contains \"%s\"", a);
    return 0;
}

static int cmd_drag(Replay *r, const char *p)
{
    char a[5][64];
    for (int i = 0; i < 5; i++)
        p = arg(p, a[i], sizeof a[i]);
    int x1 = atoi(a[0]), y1 = atoi(a[1]), x2 = atoi(a[2]), y2 = atoi(a[3]);
    int ms = MB_MAX(16, atoi(a[4]));
    push_pointer(r, EV_PRESS, x1, y1);
    pump(r);
    int steps = ms / 16;
    for (int i = 1; i <= steps; i++) {
        r->now += 16;
        push_pointer(r, EV_MOVE, x1 + (x2 - x1) * i / steps, y1 + (y2 - y1) * i / steps);
        pump(r);
        render(r);
    }
    push_pointer(r, EV_RELEASE, x2, y2);
    pump(r);
    render(r);
    return 0;
}

static int cmd_hold(Replay *r, const char *p)
{
    char a[512], b[4][64];
    p = arg(p, a, sizeof a);
    for (int i = 0; i < 3; i++)
        p = arg(p, b[i], sizeof b[i]);
    int x, y, ms = MB_MAX(0, atoi(b[0])), dx = atoi(b[1]), dy = atoi(b[2]);
    if (!ui_find_target(r->app->ui, a, &x, &y) && !ui_find_text(r->app->ui, a, &x, &y))
        return fail(r, "no visible widget or text shows \"%s\"", a);
    push_pointer(r, EV_PRESS, x, y);
    pump(r);
    advance(r, ms / 2);
    if (dx || dy) {
        push_pointer(r, EV_MOVE, x + dx, y + dy);
        pump(r);
    }
    advance(r, ms - ms / 2);
    push_pointer(r, EV_RELEASE, x + dx, y + dy);
    pump(r);
    render(r);
    advance(r, 100);
    return 0;
}

/* drag-to "A" "B": a finger held on widget A (half a second, so that an
 * item to sort is picked up) carried onto the middle of widget or text B
 * in a few moves, and let go there. */
static int cmd_drag_to(Replay *r, const char *p)
{
    char a[512], b[512];
    p = arg(p, a, sizeof a);
    arg(p, b, sizeof b);
    int x1, y1, x2, y2;
    if (!ui_find_target(r->app->ui, a, &x1, &y1))
        return fail(r, "no visible widget shows \"%s\"", a);
    if (!ui_find_target(r->app->ui, b, &x2, &y2) && !ui_find_text(r->app->ui, b, &x2, &y2))
        return fail(r, "no visible widget or text shows \"%s\"", b);
    push_pointer(r, EV_PRESS, x1, y1);
    pump(r);
    advance(r, 500);
    for (int i = 1; i <= 8; i++) {
        push_pointer(r, EV_MOVE, x1 + (x2 - x1) * i / 8, y1 + (y2 - y1) * i / 8);
        pump(r);
        advance(r, 16);
    }
    push_pointer(r, EV_RELEASE, x2, y2);
    pump(r);
    render(r);
    return 0;
}

static int cmd_key(Replay *r, const char *p)
{
    char a[64];
    arg(p, a, sizeof a);
    Event ev = {.kind = EV_KEY, .key = key_from_name(a)};
    if (ev.key == KEY_NONE)
        return fail(r, "unknown key name \"%s\"", a);
    ui_event(r->app->ui, &ev, r->now);
    render(r);
    return 0;
}

static int cmd_type(Replay *r, const char *p)
{
    while (*p == ' ')
        p++;
    size_t i = 0, len = strlen(p);
    while (i < len) {
        Event ev = {.kind = EV_TEXT};
        size_t start = i;
        utf8_decode(p, len, &i);
        memcpy(ev.text, p + start, i - start);
        ui_event(r->app->ui, &ev, r->now);
    }
    render(r);
    return 0;
}

static int cmd_wait(Replay *r, const char *p)
{
    char a[64];
    arg(p, a, sizeof a);
    advance(r, atoi(a));
    return 0;
}

static int cmd_shot(Replay *r, const char *p)
{
    char a[256];
    arg(p, a, sizeof a);
    render(r);
    char *path = mb_xasprintf("%s/%s.png", r->shots, a);
    plat_show_panel(r->app->plat); /* --rotate: the panel, as it shows the page */
    int rc = gfx_screenshot(r->app->gfx, path);
    free(path);
    if (rc)
        return fail(r, "cannot write the screenshot %s", a);
    return 0;
}

static int cmd_expect(Replay *r, const char *p)
{
    char a[512];
    arg(p, a, sizeof a);
    if (!visible(r, a))
        return fail(r, "expected \"%s\" on screen", a);
    return 0;
}

static int cmd_expect_not(Replay *r, const char *p)
{
    char a[512];
    arg(p, a, sizeof a);
    if (visible(r, a))
        return fail(r, "did not expect \"%s\" on screen", a);
    return 0;
}

static int cmd_screen(Replay *r, const char *p)
{
    char a[64];
    arg(p, a, sizeof a);
    if (strcmp(ui_screen_name(ui_screen(r->app->ui)), a))
        return fail(r, "expected the %s screen", a);
    return 0;
}

/* instructor: opens the instructor's screens as the PIN would. */
static int cmd_instructor(Replay *r, const char *p)
{
    (void)p;
    ui_instructor_open(r->app->ui);
    render(r);
    return 0;
}

static int cmd_quit_allowed(Replay *r, const char *p)
{
    char a[16];
    arg(p, a, sizeof a);
    bool want = !strcmp(a, "yes");
    if (ui_quit_allowed(r->app->ui) != want)
        return fail(r, "expected quit-allowed %s", a);
    return 0;
}

static int cmd_layout_ok(Replay *r, const char *p)
{
    (void)p;
    StrBuf pr = {0};
    int n = ui_layout_problems(r->app->ui, &pr);
    if (n)
        fprintf(stderr, "%s:%d: %d layout problems:\n%s", r->script, r->line, n, pr.data);
    strbuf_free(&pr);
    return n ? 1 : 0;
}

static int cmd_targets_ok(Replay *r, const char *p)
{
    (void)p;
    StrBuf pr = {0};
    int n = ui_target_problems(r->app->ui, &pr);
    if (n)
        fprintf(stderr, "%s:%d: %d targets too small or too close:\n%s", r->script, r->line, n,
                pr.data);
    strbuf_free(&pr);
    return n ? 1 : 0;
}

static int cmd_expect_tappable(Replay *r, const char *p)
{
    char a[512];
    arg(p, a, sizeof a);
    if (!ui_target_whole(r->app->ui, a))
        return fail(r, "expected a widget \"%s\" wholly on screen", a);
    return 0;
}

static int cmd_expect_seen(Replay *r, const char *p)
{
    char a[512];
    int x, y;
    arg(p, a, sizeof a);
    if (!ui_find_text(r->app->ui, a, &x, &y))
        return fail(r, "expected \"%s\" where it can be seen", a);
    return 0;
}

static int cmd_clock(Replay *r, const char *p)
{
    char a[64];
    arg(p, a, sizeof a);
    char unit = a[strlen(a) ? strlen(a) - 1 : 0];
    /* 64-bit: 30 days in ms overflows a 32-bit long (armhf) */
    int64_t n = strtoll(a, NULL, 10);
    int64_t ms = n * (unit == 'd' ? INT64_C(86400000) : unit == 'h' ? INT64_C(3600000) : 60000);
    mb_clock_set_offset(mb_clock_offset() + ms);
    render(r);
    return 0;
}

static int cmd_resize(Replay *r, const char *p)
{
    char a[64];
    arg(p, a, sizeof a);
    int w, h;
    if (app_parse_size(a, &w, &h))
        return fail(r, "resize wants WxH, not \"%s\"", a);
    plat_set_size(r->app->plat, w, h);
    pump(r);
    ui_resize(r->app->ui, w, h);
    render(r);
    return 0;
}

static int cmd_input(Replay *r, const char *p)
{
    char a[64];
    arg(p, a, sizeof a);
    r->mouse = !strcmp(a, "mouse");
    return 0;
}

static const struct {
    const char *name;
    int (*run)(Replay *r, const char *args);
} commands[] = {
    {"tap", cmd_tap},           {"tap-text", cmd_tap_text}, {"tap-panel", cmd_tap_panel}, {"press-release", cmd_press_release}, {"scroll-to", cmd_scroll_to},
    {"drag", cmd_drag},         {"hold", cmd_hold},         {"key", cmd_key},           {"type", cmd_type},
    {"wait", cmd_wait},         {"shot", cmd_shot},         {"expect", cmd_expect},
    {"expect-not", cmd_expect_not}, {"screen", cmd_screen}, {"layout-ok", cmd_layout_ok},
    {"clock", cmd_clock},       {"resize", cmd_resize},     {"input", cmd_input},
    {"targets-ok", cmd_targets_ok}, {"expect-tappable", cmd_expect_tappable},
    {"expect-seen", cmd_expect_seen}, {"instructor", cmd_instructor},
    {"quit-allowed", cmd_quit_allowed}, {"drag-to", cmd_drag_to},
};

static int run_line(Replay *r, const char *line)
{
    char cmd[32];
    const char *p = arg(line, cmd, sizeof cmd);
    for (size_t i = 0; i < MB_COUNT(commands); i++)
        if (!strcmp(cmd, commands[i].name))
            return commands[i].run(r, p);
    return fail(r, "unknown command \"%s\"", cmd);
}

int replay_run(const char *script, const char *shots, AppOptions *o)
{
    FILE *f = fopen(script, "r");
    if (!f) {
        fprintf(stderr, "mingbai: cannot read the script %s\n", script);
        return 2;
    }
    mb_mkdirs(shots);
    App app;
    if (app_open(&app, o)) {
        fclose(f);
        app_close(&app);
        return 1;
    }
    Replay r = {.app = &app, .now = 1000, .script = script, .shots = shots};
    render(&r);
    app_finish_packs(&app); /* as the kiosk, after its first frame */
    char buf[1024];
    int rc = 0;
    while (fgets(buf, sizeof buf, f)) {
        r.line++;
        buf[strcspn(buf, "\r\n")] = 0;
        const char *p = buf;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        if ((rc = run_line(&r, p)))
            break;
    }
    fclose(f);
    app_close(&app);
    return rc;
}
