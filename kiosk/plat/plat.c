/* Platform layer over SDL2: window, renderer, input translation. */
#include "mingbai/plat.h"

#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct Plat {
    SDL_Window *win;
    SDL_Renderer *ren;
    bool render_reset;
    SDL_FingerID finger; /* the finger being tracked, or -1 */
    bool finger_down;
};

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

int plat_open(const PlatOptions *o, Plat **out)
{
    *out = NULL;
    if (o->headless) {
        SDL_setenv("SDL_VIDEODRIVER", "offscreen", 1);
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    /* With the software renderer the window's framebuffer must not go
     * through OpenGL: that would load Mesa and LLVM (+50 MiB) for nothing. */
    const char *drv = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if (drv && !strcmp(drv, "software"))
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        mb_log(LOG_ERROR, "cannot start the display: %s", SDL_GetError());
        return MB_ERR;
    }
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
    *out = p;
    return MB_OK;
}

void plat_close(Plat *p)
{
    if (!p)
        return;
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
static bool translate_mouse(const SDL_Event *e, Event *ev)
{
    switch (e->type) {
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            return false;
        ev->kind = e->type == SDL_MOUSEBUTTONDOWN ? EV_PRESS : EV_RELEASE;
        ev->x = e->button.x;
        ev->y = e->button.y;
        return true;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID)
            return false;
        ev->kind = EV_MOVE;
        ev->x = e->motion.x;
        ev->y = e->motion.y;
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
    int w, h;
    plat_size(p, &w, &h);
    ev->x = (int)(f->x * (float)w);
    ev->y = (int)(f->y * (float)h);
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
        return translate_mouse(e, ev);
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

bool plat_wait(Plat *p, int timeout_ms, Event *ev)
{
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
    SDL_RenderPresent(p->ren);
}

void plat_check_touch_access(void)
{
    DIR *d = opendir("/dev/input");
    if (!d)
        return;
    struct dirent *de;
    int events = 0, readable = 0;
    while ((de = readdir(d))) {
        if (strncmp(de->d_name, "event", 5))
            continue;
        events++;
        char path[300];
        snprintf(path, sizeof path, "/dev/input/%s", de->d_name);
        if (access(path, R_OK) == 0)
            readable++;
    }
    closedir(d);
    if (events && !readable)
        mb_log(LOG_ERROR,
               "cannot read /dev/input: touches will not reach the kiosk. Add the user to the "
               "'input' group (sudo usermod -aG input $USER) and log in again");
}

void plat_inject_pointer(Plat *p, EventKind kind, int x, int y, bool as_mouse)
{
    int w, h;
    plat_size(p, &w, &h);
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
    e.tfinger.x = ((float)x + 0.5f) / (float)w;
    e.tfinger.y = ((float)y + 0.5f) / (float)h;
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
