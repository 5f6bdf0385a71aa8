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
} PlatOptions;

/* Opens the window (o and its title are read during the call). Returns 0
 * and a new Plat in *out; the caller frees it with plat_close(). On failure
 * returns MB_ERR with a logged message, and *out is NULL. */
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
/* Warns loudly when no touch device is readable (/dev/input permissions). */
void plat_check_touch_access(void);
/* Translates one SDL event (read during the call) into the caller's *ev;
 * false when it means nothing to the kiosk. */
bool plat_translate(Plat *p, const SDL_Event *e, Event *ev);



/* ---- for replay and tests ---- */
/* Queues the SDL events a finger (or, with as_mouse, the mouse) would make
 * for kind (EV_PRESS, EV_MOVE, EV_RELEASE) at x, y. A finger press and
 * release also queue SDL's synthetic mouse twin, as a desktop SDL does. */
void plat_inject_pointer(Plat *p, EventKind kind, int x, int y, bool as_mouse);
/* Takes the next queued event into *ev without waiting; false when none. */
bool plat_poll(Plat *p, Event *ev);
/* Resizes the window to w x h pixels. */
void plat_set_size(Plat *p, int w, int h);
#endif
