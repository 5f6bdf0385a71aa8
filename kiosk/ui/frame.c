/* The frame loop: creates and frees the Ui with each screen's state, moves
 * between screens (leave, then enter), runs the current screen (and the
 * idle prompt over it) until a tap's effect is on screen, and says when
 * the next frame is due. The only file that calls into the screens. */
#include "context.h"

#include <stdlib.h>

#include "screens/screens.h"

static void enter(Ui *ui, ScreenId s)
{
    const ScreenDef *d = screen_def(s);
    ui->screen = s;
    ui->screen_name = d->name;
    ui->edit = NULL;
    ui->edit_cap = 0;
    ui_scroll_reset(ui);
    if (d->enter)
        d->enter(ui, ui->state[s]);
}

static void leave(Ui *ui)
{
    const ScreenDef *d = screen_def(ui->screen);
    if (d->leave)
        d->leave(ui, ui->state[ui->screen]);
}

Ui *ui_new(const UiConfig *cfg)
{
    Ui *ui = mb_xcalloc(1, sizeof *ui);
    ui->cfg = *cfg;
    ui->store = cfg->store;
    ui->te = cfg->text;
    ui->w = cfg->width;
    ui->h = cfg->height;
    ui->th = *theme_paper();
    ui_settings_apply(ui);
    ui->lang = ui->start_lang;
    ui->text_scale = ui->start_text_scale;
    ui->dirty = true;
    for (int i = 0; i < SCR_COUNT; i++)
        ui->state[i] = mb_xcalloc(1, MB_MAX(1, screen_def((ScreenId)i)->state_size));
    ui_compute_scale(ui);
    enter(ui, SCR_ATTRACT);
    return ui;
}

void ui_free(Ui *ui)
{
    if (!ui)
        return;
    leave(ui);
    for (int i = 0; i < SCR_COUNT; i++)
        free(ui->state[i]);
    learn_round_free(&ui->round);
    arena_reset(&ui->frame);
    strbuf_free(&ui->problems);
    free(ui);
}

/* Idle: a prompt after a while, then back to the start. Answers are
 * already on disk, so nothing is lost. */
static void check_idle(Ui *ui, uint64_t now)
{
    if (ui->screen == SCR_ATTRACT || ui->screen == SCR_FAULT || !ui->last_input_ms || now - ui->last_input_ms <= ui->idle_ms)
        return;
    if (now - ui->last_input_ms >= ui->idle_ms + UI_IDLE_PROMPT_MS) {
        ui->idle_prompt = false;
        ui_end_session(ui);
    } else if (!ui->idle_prompt) {
        ui->idle_prompt = true;
    }
}

static void begin_pass(Ui *ui, DrawList *dl)
{
    text_engine_frame(ui->te);
    arena_reset(&ui->frame);
    drawlist_clear(dl);
    dl->clear = ui->th.bg;
    ui->ntargets = 0;
    ui->problems.len = 0;
    if (ui->problems.data)
        ui->problems.data[0] = 0;
    ui->nproblems = 0;
    ui->clip = (Rect){0, 0, ui->w, ui->h};
    ui->changed = false;
    ui->held = false;
    ui->layer_seen = false;
    ui->working = false;
}

/* The screen with the notice over it; a tap on the notice is the notice's. */
static void run_screen(Ui *ui, const ScreenDef *d)
{
    bool notice = notice_shown(ui);
    if (notice && notice_take_tap(ui))
        notice = false;
    d->frame(ui, ui->state[ui->screen]);
    if (notice)
        notice_draw(ui);
}

static void run_pass(Ui *ui)
{
    const ScreenDef *d = screen_def(ui->screen);
    if (!ui->idle_prompt) {
        run_screen(ui, d);
        return;
    }
    /* The screen shows underneath but takes no taps. */
    bool tap = ui_modal_hold(ui);
    run_screen(ui, d);
    ui_modal_take(ui, tap);
    overlay_idle.frame(ui, NULL);
    ui->tap_pending = false;
}

void ui_frame(Ui *ui, uint64_t now, DrawList *dl)
{
    ui->now = now;
    ui->dl = dl;
    ui->wake_ms = 0;
    check_idle(ui, now);
    /* A tap may change the state or the screen; run again so the frame
     * shows the new state (at most a few passes). */
    for (int pass = 0; pass < 4; pass++) {
        if (ui->going) {
            ui->going = false;
            leave(ui);
            enter(ui, ui->next);
        }
        begin_pass(ui, dl);
        run_pass(ui);
        if (!ui->changed && !ui->going)
            break;
    }
    ui->tap_pending = false;
    ui->drop_pending = false;
    /* Input goes to the layer shown now (or, without one, to the screen). */
    ui->layer_open = ui->layer_seen;
    if (!ui->layer_open)
        ui->layer_scroll = 0;
    ui->dirty = ui->animating || ui->going || ui->working;
    ui->last_frame_ms = now;
}

bool ui_dirty(Ui *ui, uint64_t now)
{
    return ui->dirty || ui_next_deadline(ui, now) == 0;
}

/* When the notice goes away (one frame then draws the screen without it),
 * or -1. */
static int notice_deadline(Ui *ui, uint64_t now)
{
    if (!ui->notice || ui->notice_until <= ui->last_frame_ms)
        return -1;
    uint64_t d = ui->notice_until > now ? ui->notice_until - now : 0;
    return d > 0x7fffffff ? 0x7fffffff : (int)d;
}

static int screen_deadline(Ui *ui, uint64_t now)
{
    if (ui->working)
        return 0;
    if (ui->animating)
        return 16;
    if (ui->screen == SCR_ATTRACT) {
        /* The next glossary term; between changes the kiosk sleeps. */
        uint64_t next = (now / UI_ATTRACT_ROTATE_MS + 1) * UI_ATTRACT_ROTATE_MS;
        if (ui->last_frame_ms / UI_ATTRACT_ROTATE_MS != now / UI_ATTRACT_ROTATE_MS)
            return 0;
        return (int)(next - now);
    }
    if (!ui->last_input_ms)
        return -1;
    uint64_t t = ui->last_input_ms + (ui->idle_prompt ? ui->idle_ms + UI_IDLE_PROMPT_MS : ui->idle_ms);
    if (t <= now)
        return 0;
    uint64_t d = t - now;
    return d > 0x7fffffff ? 0x7fffffff : (int)d;
}

int ui_next_deadline(Ui *ui, uint64_t now)
{
    int a = screen_deadline(ui, now), b = notice_deadline(ui, now);
    if (ui->wake_ms) { /* a frame the screen asked for */
        uint64_t d = ui->wake_ms > now ? ui->wake_ms - now : 0;
        int w = d > 0x7fffffff ? 0x7fffffff : (int)d;
        a = a < 0 ? w : MB_MIN(a, w);
    }
    return a < 0 ? b : b < 0 ? a : MB_MIN(a, b);
}
