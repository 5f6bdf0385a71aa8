/* plat: SDL start-up, the window and its renderer, and SDL events turned
 * into core events. A touch reaches the kiosk once: SDL's synthetic mouse
 * events for touches are dropped, and finger positions (0..1) are scaled to
 * the window, so every screen works from finger events alone (as on KMSDRM).
 * Ownership: the Plat owns SDL (started by plat_open(), quit by
 * plat_close()), the window and the renderer; pointer arguments are read
 * during the call only. */
#ifndef MINGBAI_PLAT_H
#define MINGBAI_PLAT_H

#include <SDL.h>

#include "mingbai/core.h"

typedef struct Plat Plat;

typedef struct {
    int width, height;  /* window size; 0: the display's size (full-screen) */
    bool fullscreen;
    bool headless;      /* offscreen video driver and the software renderer */
    const char *title;
    /* The kiosk itself (not replay, preview or the monkey): on the console
     * the DRM card with the connected display is chosen and access to
     * /dev/dri and /dev/input checked (plat_problems); a video driver that
     * shows nothing (offscreen, dummy) is refused unless allow_invisible;
     * the screen saver is off. */
    bool kiosk;
    bool allow_invisible;
    int rotate;         /* 0, 90, 180, 270: the picture and touches turned clockwise */
    /* Called (when set) once the display is known to be usable (a kiosk's
     * checks passed) and before the window is made: work that must wait
     * for that check can start beside the window's making. */
    void (*on_display)(void *ctx);
    void *on_display_ctx;
    bool prepared;      /* plat_prepare(o) was called: plat_open does not again */
} PlatOptions;

/* Sets the environment SDL reads at its start: the offscreen driver when
 * headless; for a kiosk on the console, the DRM card with the connected
 * display (SDL_KMSDRM_DEVICE_INDEX); and how SDL allocates its large blocks
 * (in huge pages where the kernel has them). plat_open calls it unless
 * o->prepared; a program with threads calls it before they start, since
 * setenv beside another thread's getenv (FreeType's, SQLite's) is not
 * safe. */
void plat_prepare(const PlatOptions *o);

/* Opens the window (o and its title are read during the call). Returns 0
 * and a new Plat in *out; the caller frees it with plat_close(). On failure
 * returns MB_ERR (MB_ERR_IO: a kiosk on an invisible driver) with a logged
 * message, and *out is NULL. With o->rotate the kiosk draws on a page of
 * the turned size (plat_size, plat_draw_on_page), shown turned; touches
 * and the mouse are turned back to the page's pixels. */
int plat_open(const PlatOptions *o, Plat **out);
/* Destroys the renderer and the window, quits SDL and frees p: free what
 * was made on the renderer (Gfx, TextEngine) first. plat_close(NULL) does
 * nothing. */
void plat_close(Plat *p);
/* The renderer and the window, borrowed: they belong to p and are valid
 * until plat_close(p); do not destroy them. */
SDL_Renderer *plat_renderer(Plat *p);
SDL_Window *plat_window(Plat *p);
/* The renderer's output size in pixels, into the caller's *w and *h. */
void plat_size(Plat *p, int *w, int *h);
/* Pixels per millimetre of the display (from SDL's DPI, 5.2 when unknown,
 * which is a 7-inch 800x480 panel). */
float plat_px_per_mm(Plat *p);
/* SIGTERM, SIGINT and SIGHUP (systemd's stop, Ctrl+C on the terminal, the
 * terminal closed) no longer end the program at once: they are blocked and
 * taken by a thread of their own, which notes the first one and wakes
 * plat_wait(), so that the main loop finishes what it writes, closes the
 * database and exits 0. Call before anything starts a thread (SDL). */
int plat_stop_signals_start(void);
/* The stop signal taken (SIGTERM, SIGINT, SIGHUP), or 0 when none came. */
int plat_stop_signal(void);
/* Waits up to timeout_ms (-1: forever) for the next input and translates
 * it. Returns true with *ev (the caller's, a plain value with its text
 * copied in) set, false on timeout. Render resets are recorded for
 * plat_take_render_reset(). */
bool plat_wait(Plat *p, int timeout_ms, Event *ev);
/* True once after a render reset was seen (then textures must be remade:
 * gfx_reset_textures()). */
bool plat_take_render_reset(Plat *p);
/* Shows what was drawn on the renderer. */
void plat_present(Plat *p);
/* ---- the console (console.c) ---- */
/* What the kiosk could not open on the console, logged at plat_open(). */
#define PLAT_NO_DRI 1u   /* no /dev/dri/card* can be opened: nothing shows */
#define PLAT_NO_INPUT 2u /* no /dev/input/event* can be read: no touch */
unsigned plat_problems(Plat *p);
/* Checks /dev/dri/card* (read and write) and /dev/input/event* (read),
 * logging what is missing and how to fix it; returns PLAT_NO_* bits.
 * $MINGBAI_DEV_DIR stands for /dev in tests. */
unsigned plat_console_access(void);
/* The lowest N of the DRM cards under sysfs (/sys/class/drm) with a
 * connector whose status is "connected", or -1. */
int plat_console_card(const char *sysfs);
/* Tells SDL's KMSDRM driver that card (SDL_KMSDRM_DEVICE_INDEX), unless
 * the environment names one; $MINGBAI_SYSFS_DRM stands for /sys/class/drm. */
void plat_console_pick_card(void);
/* Whether SDL's video driver shows nothing (offscreen, dummy, evdev). */
bool plat_driver_invisible(void);
/* systemd: READY=1 once the kiosk shows its first page (reads WatchdogSec). */
void plat_service_ready(void);
/* Feeds systemd's watchdog (WATCHDOG=1) when it is due; returns the
 * milliseconds until it is due again, or -1 without a watchdog. */
int plat_service_watchdog(uint64_t now_ms);
/* systemd: STOPPING=1. */
void plat_service_stopping(void);
/* With a turned picture: the kiosk draws between plat_draw_on_page(p,
 * true) and (p, false); plat_show_panel() then draws the page turned on
 * the window (what plat_present() shows, and a screenshot of the panel
 * reads). Without, they do nothing. */
void plat_draw_on_page(Plat *p, bool on);
void plat_show_panel(Plat *p);
/* Translates one SDL event (read during the call) into the caller's *ev;
 * false when it means nothing to the kiosk. */
bool plat_translate(Plat *p, const SDL_Event *e, Event *ev);



/* ---- for replay and tests ---- */
/* Queues the SDL events a finger (or, with as_mouse, the mouse) would make
 * for kind (EV_PRESS, EV_MOVE, EV_RELEASE) at x, y. A finger press and
 * release also queue SDL's synthetic mouse twin, as a desktop SDL does. */
void plat_inject_pointer(Plat *p, EventKind kind, int x, int y, bool as_mouse);
/* Queues a finger's event at x, y pixels of the panel (the window), as
 * the touchscreen reports it, whatever the picture's turn. */
void plat_inject_panel(Plat *p, EventKind kind, int x, int y);
/* Takes the next queued event into *ev without waiting; false when none. */
bool plat_poll(Plat *p, Event *ev);
/* Resizes the window to w x h pixels. */
void plat_set_size(Plat *p, int w, int h);
#endif
