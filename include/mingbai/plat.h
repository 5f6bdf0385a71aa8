/* plat: SDL start-up, the window and its renderer, and SDL events turned
 * into core events. A touch reaches the kiosk once: SDL's synthetic mouse
 * events for touches are dropped, and finger positions (0..1) are scaled to
 * the window, so every screen works from finger events alone (as on KMSDRM). */
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

/* Opens the window. Returns 0 and a new Plat (free with plat_close()), or
 * MB_ERR with a logged message. */
int plat_open(const PlatOptions *o, Plat **out);
void plat_close(Plat *p);
SDL_Renderer *plat_renderer(Plat *p);
SDL_Window *plat_window(Plat *p);
void plat_size(Plat *p, int *w, int *h);
/* Pixels per millimetre of the display (from SDL's DPI, 5.2 when unknown,
 * which is a 7-inch 800x480 panel). */
float plat_px_per_mm(Plat *p);
/* Waits up to timeout_ms (-1: forever) for the next input and translates
 * it. Returns true with *ev set, false on timeout. Render resets are
 * recorded for plat_take_render_reset(). */
bool plat_wait(Plat *p, int timeout_ms, Event *ev);
bool plat_take_render_reset(Plat *p);
void plat_present(Plat *p);
/* Warns loudly when no touch device is readable (/dev/input permissions). */
void plat_check_touch_access(void);
/* Translates one SDL event; false when it means nothing to the kiosk. */
bool plat_translate(Plat *p, const SDL_Event *e, Event *ev);



/* ---- for replay and tests ---- */
/* Queues the SDL events a finger (or, with as_mouse, the mouse) would make
 * for kind (EV_PRESS, EV_MOVE, EV_RELEASE) at x, y. A finger press and
 * release also queue SDL's synthetic mouse twin, as a desktop SDL does. */
void plat_inject_pointer(Plat *p, EventKind kind, int x, int y, bool as_mouse);
/* Takes the next queued event without waiting; false when none. */
bool plat_poll(Plat *p, Event *ev);
void plat_set_size(Plat *p, int w, int h);
#endif
