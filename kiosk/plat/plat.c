/* Platform layer over SDL2: window, renderer, input translation. */
#include "mingbai/plat.h"
#include "plat_internal.h"

#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct Plat {
    SDL_Window *win;
    SDL_Renderer *ren;
    bool render_reset;
    SDL_FingerID finger; /* the finger being tracked, or -1 */
    bool finger_down;
    int rotate;          /* 0, 90, 180, 270: the picture turned clockwise */
    SDL_Texture *page;   /* when turned: the kiosk draws here, unturned */
    bool idle_poll;      /* waits in plat_idle_wait() (console drivers) */
    unsigned problems;   /* PLAT_NO_DRI, PLAT_NO_INPUT */
};

/* ---- a turned picture ---- */

/* The kiosk draws on a page of the turned size (the panel's width and
 * height swapped at 90 and 270 degrees), shown turned by plat_present(). */
static int plat_make_page(Plat *p)
{
    if (p->page) {
        SDL_SetRenderTarget(p->ren, NULL);
        SDL_DestroyTexture(p->page);
        p->page = NULL;
    }
    int ow, oh;
    if (SDL_GetRendererOutputSize(p->ren, &ow, &oh))
        return MB_ERR;
    int w = p->rotate % 180 ? oh : ow, h = p->rotate % 180 ? ow : oh;
    p->page = SDL_CreateTexture(p->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, w, h);
    return p->page ? MB_OK : MB_ERR;
}

void plat_draw_on_page(Plat *p, bool on)
{
    /* Only while drawing: SDL's renderer rescales touches and the mouse
     * to the viewport of its target when they are taken. */
    if (p->page)
        SDL_SetRenderTarget(p->ren, on ? p->page : NULL);
}

void plat_show_panel(Plat *p)
{
    if (!p->page)
        return;
    SDL_SetRenderTarget(p->ren, NULL);
    int ow, oh, w, h;
    SDL_GetRendererOutputSize(p->ren, &ow, &oh);
    SDL_QueryTexture(p->page, NULL, NULL, &w, &h);
    SDL_SetRenderDrawColor(p->ren, 0, 0, 0, 255);
    SDL_RenderClear(p->ren);
    SDL_Rect dst = {(ow - w) / 2, (oh - h) / 2, w, h};
    SDL_RenderCopyEx(p->ren, p->page, NULL, &dst, p->rotate, NULL, SDL_FLIP_NONE);
}

/* A point of the panel (fx, fy from 0 to 1) to pixels of the page. */
static void plat_unturn(Plat *p, float fx, float fy, int *x, int *y)
{
    int w, h;
    plat_size(p, &w, &h);
    float ux = fx, uy = fy;
    switch (p->rotate) {
    case 90: ux = fy; uy = 1 - fx; break;
    case 180: ux = 1 - fx; uy = 1 - fy; break;
    case 270: ux = 1 - fy; uy = fx; break;
    default: break;
    }
    *x = (int)(ux * (float)w);
    *y = (int)(uy * (float)h);
}

/* A pixel of the page to a point of the panel (0..1), its centre. */
static void plat_turn(Plat *p, int x, int y, float *fx, float *fy)
{
    int w, h;
    plat_size(p, &w, &h);
    float ux = ((float)x + 0.5f) / (float)w, uy = ((float)y + 0.5f) / (float)h;
    switch (p->rotate) {
    case 90: *fx = 1 - uy; *fy = ux; break;
    case 180: *fx = 1 - ux; *fy = 1 - uy; break;
    case 270: *fx = uy; *fy = 1 - ux; break;
    default: *fx = ux; *fy = uy; break;
    }
}

/* A mouse position in the window to pixels of the page. */
static void plat_mouse_at(Plat *p, int wx, int wy, int *x, int *y)
{
    if (!p->page) {
        *x = wx;
        *y = wy;
        return;
    }
    int ww, wh;
    SDL_GetWindowSize(p->win, &ww, &wh);
    plat_unturn(p, ((float)wx + 0.5f) / (float)ww, ((float)wy + 0.5f) / (float)wh, x, y);
}

/* ---- stop signals ---- */

static atomic_int plat_stop_sig;

/* Waits for the first stop signal, notes it and wakes the main loop with
 * an SDL event (SDL_PushEvent is safe from any thread, unlike from a
 * signal handler). Later signals stay blocked: the kiosk is closing. */
static void *plat_signal_thread(void *arg)
{
    const sigset_t *set = arg;
    int sig = 0;
    while (sigwait(set, &sig) != 0)
        ;
    atomic_store(&plat_stop_sig, sig);
    if (SDL_WasInit(SDL_INIT_EVENTS)) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_USEREVENT;
        SDL_PushEvent(&e);
    }
    plat_idle_wake();
    return NULL;
}

int plat_stop_signals_start(void)
{
    static sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    /* Blocked before any other thread starts (SDL's, the audio's), so that
     * every thread inherits the mask and only ours takes them. */
    if (pthread_sigmask(SIG_BLOCK, &set, NULL))
        return MB_ERR;
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&t, &attr, plat_signal_thread, &set);
    pthread_attr_destroy(&attr);
    if (rc) {
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        return MB_ERR;
    }
    return MB_OK;
}

int plat_stop_signal(void)
{
    return atomic_load(&plat_stop_sig);
}

static bool plat_on_console(const PlatOptions *o)
{
    return o->kiosk && !o->headless && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY");
}

void plat_prepare(const PlatOptions *o)
{
    plat_memory_use_huge_pages();
    if (o->headless)
        SDL_setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (plat_on_console(o))
        plat_console_pick_card(); /* a Pi 4 or 5 has several /dev/dri/card* */
}

/* SDL's video, with the console's checks for the kiosk (PlatOptions.kiosk). */
static int plat_start_sdl(const PlatOptions *o, unsigned *problems)
{
    if (plat_on_console(o))
        *problems = plat_console_access();
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        mb_log(LOG_ERROR, "cannot start the display: %s", SDL_GetError());
        return MB_ERR;
    }
    if (o->kiosk && !o->headless && plat_driver_invisible() && !o->allow_invisible) {
        mb_log(LOG_ERROR,
               "SDL found no display to show the kiosk on and chose the video driver '%s', "
               "which shows nothing: refusing to run. On the console the kiosk needs KMSDRM "
               "(see the lines above; SDL_VIDEODRIVER=kmsdrm says why it failed); "
               "MINGBAI_ALLOW_HEADLESS=1 runs it without a screen anyway",
               SDL_GetCurrentVideoDriver());
        SDL_Quit();
        return MB_ERR_IO;
    }
    if (o->kiosk)
        SDL_DisableScreenSaver();
    return MB_OK;
}

int plat_open(const PlatOptions *o, Plat **out)
{
    *out = NULL;
    if (!o->prepared)
        plat_prepare(o);
    if (o->headless)
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    /* With the software renderer the window's framebuffer must not go
     * through OpenGL: that would load Mesa and LLVM (+50 MiB) for nothing. */
    const char *drv = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if (drv && !strcmp(drv, "software"))
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    unsigned problems = 0;
    int rc = plat_start_sdl(o, &problems);
    if (rc != MB_OK)
        return rc;
    if (o->on_display)
        o->on_display(o->on_display_ctx);
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    int w = o->width, h = o->height;
    if (o->fullscreen || w <= 0 || h <= 0) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        SDL_DisplayMode dm;
        if (SDL_GetDesktopDisplayMode(0, &dm) == 0) {
            w = dm.w;
            h = dm.h;
        } else {
            w = 800;
            h = 480;
        }
    }
    Plat *p = mb_xcalloc(1, sizeof *p);
    p->finger = -1;
    p->win = SDL_CreateWindow(o->title ? o->title : "Mingbai", SDL_WINDOWPOS_CENTERED,
                              SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!p->win) {
        mb_log(LOG_ERROR, "cannot open a window: %s", SDL_GetError());
        free(p);
        SDL_Quit();
        return MB_ERR;
    }
    p->ren = SDL_CreateRenderer(p->win, -1, o->headless ? SDL_RENDERER_SOFTWARE : 0);
    if (!p->ren)
        p->ren = SDL_CreateRenderer(p->win, -1, SDL_RENDERER_SOFTWARE);
    if (!p->ren) {
        mb_log(LOG_ERROR, "cannot create a renderer: %s", SDL_GetError());
        SDL_DestroyWindow(p->win);
        free(p);
        SDL_Quit();
        return MB_ERR;
    }
    if (flags & SDL_WINDOW_FULLSCREEN_DESKTOP)
        SDL_ShowCursor(SDL_DISABLE);
    SDL_StartTextInput();
    p->problems = problems;
    p->rotate = o->rotate;
    if (p->rotate && plat_make_page(p) != MB_OK) {
        mb_log(LOG_ERROR, "cannot turn the picture: %s", SDL_GetError());
        p->rotate = 0;
    }
    p->idle_poll = plat_idle_open();
    *out = p;
    return MB_OK;
}

unsigned plat_problems(Plat *p)
{
    return p->problems;
}

void plat_close(Plat *p)
{
    if (!p)
        return;
    plat_idle_close();
    if (p->page) {
        SDL_SetRenderTarget(p->ren, NULL);
        SDL_DestroyTexture(p->page);
    }
    SDL_DestroyRenderer(p->ren);
    SDL_DestroyWindow(p->win);
    free(p);
    SDL_Quit();
}

SDL_Renderer *plat_renderer(Plat *p)
{
    return p->ren;
}

SDL_Window *plat_window(Plat *p)
{
    return p->win;
}

void plat_size(Plat *p, int *w, int *h)
{
    if (p->page)
        SDL_QueryTexture(p->page, NULL, NULL, w, h);
    else
        SDL_GetRendererOutputSize(p->ren, w, h);
}

float plat_px_per_mm(Plat *p)
{
    float ddpi = 0;
    int idx = SDL_GetWindowDisplayIndex(p->win);
    if (idx >= 0 && SDL_GetDisplayDPI(idx, &ddpi, NULL, NULL) == 0 && ddpi > 20)
        return ddpi / 25.4f;
    return 5.2f;
}

static KeyCode map_key(SDL_Keycode k)
{
    switch (k) {
    case SDLK_ESCAPE: return KEY_ESCAPE;
    case SDLK_RETURN:
    case SDLK_KP_ENTER: return KEY_ENTER;
    case SDLK_BACKSPACE: return KEY_BACKSPACE;
    case SDLK_TAB: return KEY_TAB;
    case SDLK_LEFT: return KEY_LEFT;
    case SDLK_RIGHT: return KEY_RIGHT;
    case SDLK_UP: return KEY_UP;
    case SDLK_DOWN: return KEY_DOWN;
    case SDLK_PAGEUP: return KEY_PAGEUP;
    case SDLK_PAGEDOWN: return KEY_PAGEDOWN;
    case SDLK_HOME: return KEY_HOME;
    case SDLK_END: return KEY_END;
    case SDLK_SPACE: return KEY_SPACE;
    case SDLK_F1: return KEY_F1;
    case SDLK_F12: return KEY_F12;
    case SDLK_e: return KEY_E;
    default: return KEY_NONE;
    }
}

/* Mouse buttons, motion and wheel. A touch arrives as a finger event; its
 * synthetic mouse twin is dropped, so that one touch counts once. */
static bool translate_mouse(Plat *p, const SDL_Event *e, Event *ev)
{
    switch (e->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return false;
        ev->kind = e->type == SDL_MOUSEBUTTONDOWN ? EV_PRESS : EV_RELEASE;
        plat_mouse_at(p, e->button.x, e->button.y, &ev->x, &ev->y);
        return true;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID)
            return false;
        ev->kind = EV_MOVE;
        plat_mouse_at(p, e->motion.x, e->motion.y, &ev->x, &ev->y);
        return true;
    case SDL_MOUSEWHEEL:
        ev->kind = EV_WHEEL;
        ev->dy = e->wheel.y;
        return true;
    default:
        return false;
    }
}

/* Finger down, up and motion, in pixels of the renderer's output. One finger
 * at a time: a second finger is ignored until the first lifts. */
static bool translate_finger(Plat *p, const SDL_TouchFingerEvent *f, Event *ev)
{
    if (f->type == SDL_FINGERDOWN) {
        if (p->finger_down)
            return false;
        p->finger = f->fingerId;
        p->finger_down = true;
        ev->kind = EV_PRESS;
    } else {
        if (!p->finger_down || f->fingerId != p->finger)
            return false;
        ev->kind = f->type == SDL_FINGERUP ? EV_RELEASE : EV_MOVE;
        if (f->type == SDL_FINGERUP)
            p->finger_down = false;
    }
    plat_unturn(p, f->x, f->y, &ev->x, &ev->y);
    return true;
}

/* A key the kiosk uses, with its modifiers; other keys are dropped. */
static bool translate_key(const SDL_KeyboardEvent *key, Event *ev)
{
    KeyCode k = map_key(key->keysym.sym);
    if (k == KEY_NONE)
        return false;
    ev->kind = EV_KEY;
    ev->key = k;
    Uint16 m = key->keysym.mod;
    ev->mods = ((m & KMOD_SHIFT) ? MOD_SHIFT : 0) | ((m & KMOD_CTRL) ? MOD_CTRL : 0) |
               ((m & KMOD_ALT) ? MOD_ALT : 0);
    return true;
}

/* A new size, an exposed window or a lost renderer: the screen is laid out
 * and drawn again at the renderer's output size (EV_RESIZE). */
static bool translate_window(Plat *p, const SDL_Event *e, Event *ev)
{
    if (e->type == SDL_WINDOWEVENT) {
        if (e->window.event != SDL_WINDOWEVENT_SIZE_CHANGED &&
            e->window.event != SDL_WINDOWEVENT_EXPOSED)
            return false;
        if (p->page && e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED && plat_make_page(p))
            mb_log(LOG_ERROR, "cannot turn the picture: %s", SDL_GetError());
    } else {
        p->render_reset = true; /* SDL_RENDER_TARGETS_RESET, SDL_RENDER_DEVICE_RESET */
    }
    ev->kind = EV_RESIZE;
    plat_size(p, &ev->x, &ev->y);
    return true;
}

bool plat_translate(Plat *p, const SDL_Event *e, Event *ev)
{
    memset(ev, 0, sizeof *ev);
    switch (e->type) {
    case SDL_QUIT:
        ev->kind = EV_QUIT;
        return true;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION:
    case SDL_MOUSEWHEEL:
        return translate_mouse(p, e, ev);
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        return translate_finger(p, &e->tfinger, ev);
    case SDL_KEYDOWN:
        return translate_key(&e->key, ev);
    case SDL_TEXTINPUT:
        ev->kind = EV_TEXT;
        snprintf(ev->text, sizeof ev->text, "%s", e->text.text);
        return true;
    case SDL_WINDOWEVENT:
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        return translate_window(p, e, ev);
    default:
        return false;
    }
}

/* The console's wait (plat_internal.h): SDL is asked without waiting, and
 * the kiosk sleeps in poll() until input or the deadline. */
static bool plat_wait_idle(Plat *p, int timeout_ms, Event *ev)
{
    uint64_t until = mb_ticks_ms() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0);
    for (;;) {
        SDL_Event e;
        bool got = false;
        while (SDL_PollEvent(&e)) {
            got = true;
            if (plat_translate(p, &e, ev))
                return true;
        }
        if (got || plat_stop_signal())
            return false; /* woken by something the kiosk ignores: the caller looks again */
        int left = -1;
        if (timeout_ms >= 0) {
            uint64_t now = mb_ticks_ms();
            if (now >= until)
                return false;
            left = (int)(until - now);
        }
        plat_idle_wait(left);
    }
}

bool plat_wait(Plat *p, int timeout_ms, Event *ev)
{
    if (p->idle_poll)
        return plat_wait_idle(p, timeout_ms, ev);
    SDL_Event e;
    int got = timeout_ms < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout_ms);
    if (got && plat_translate(p, &e, ev))
        return true;
    /* Woken by something the kiosk ignores: take what else is queued, but
     * return to the caller (it recomputes its deadline) rather than sleep. */
    return got && plat_poll(p, ev);
}

bool plat_take_render_reset(Plat *p)
{
    bool r = p->render_reset;
    p->render_reset = false;
    return r;
}

void plat_present(Plat *p)
{
    plat_show_panel(p);
    SDL_RenderPresent(p->ren);
}

void plat_inject_pointer(Plat *p, EventKind kind, int x, int y, bool as_mouse)
{
    float fx, fy; /* where on the panel: turned with the picture */
    plat_turn(p, x, y, &fx, &fy);
    int ww, wh;
    SDL_GetWindowSize(p->win, &ww, &wh);
    if (p->page) {
        x = (int)(fx * (float)ww);
        y = (int)(fy * (float)wh);
    }
    SDL_Event e;
    memset(&e, 0, sizeof e);
    if (as_mouse) {
        if (kind == EV_MOVE) {
            e.type = SDL_MOUSEMOTION;
            e.motion.x = x;
            e.motion.y = y;
            e.motion.state = SDL_BUTTON_LMASK;
        } else {
            e.type = kind == EV_PRESS ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
            e.button.button = SDL_BUTTON_LEFT;
            e.button.x = x;
            e.button.y = y;
        }
        SDL_PushEvent(&e);
        return;
    }
    e.type = kind == EV_PRESS ? SDL_FINGERDOWN : kind == EV_MOVE ? SDL_FINGERMOTION : SDL_FINGERUP;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    e.tfinger.x = fx;
    e.tfinger.y = fy;
    e.tfinger.pressure = 1;
    SDL_PushEvent(&e);
    if (kind != EV_MOVE) {
        SDL_Event m;
        memset(&m, 0, sizeof m);
        m.type = kind == EV_PRESS ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
        m.button.which = SDL_TOUCH_MOUSEID;
        m.button.button = SDL_BUTTON_LEFT;
        m.button.x = x;
        m.button.y = y;
        SDL_PushEvent(&m);
    }
}

void plat_inject_panel(Plat *p, EventKind kind, int x, int y)
{
    int ww, wh;
    SDL_GetWindowSize(p->win, &ww, &wh);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = kind == EV_PRESS ? SDL_FINGERDOWN : kind == EV_MOVE ? SDL_FINGERMOTION : SDL_FINGERUP;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    e.tfinger.x = ((float)x + 0.5f) / (float)ww;
    e.tfinger.y = ((float)y + 0.5f) / (float)wh;
    e.tfinger.pressure = 1;
    SDL_PushEvent(&e);
}

bool plat_poll(Plat *p, Event *ev)
{
    SDL_Event e;
    while (SDL_PollEvent(&e))
        if (plat_translate(p, &e, ev))
            return true;
    return false;
}

void plat_set_size(Plat *p, int w, int h)
{
    SDL_SetWindowSize(p->win, w, h);
}
