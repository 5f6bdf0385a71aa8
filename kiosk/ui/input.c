/* Input: presses, moves and releases become taps and drags, the wheel and
 * keys scroll, typed text goes to the text field of the screen, and a
 * released drag keeps moving with inertia. */
#include "context.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Within this distance of its press, a pointer still makes a tap. */
#define UI_TAP_SLOP 12
/* A draggable item carried by a drag once held this long first; a quicker
 * swipe over it scrolls the view as anywhere else. */
#define UI_CARRY_MS 250
/* A wheel notch or an arrow key scrolls this far (units). */
#define UI_SCROLL_STEP 60

static void on_press(Ui *ui, const Event *ev, uint64_t now)
{
    /* A gesture belongs to what its press met: a touch that dismisses the
     * idle prompt or stops a moving page is spent on that. */
    ui->gesture_void = ui->idle_prompt || ui->animating;
    ui->pressed = true;
    ui->dragging = false;
    ui->press_x = ui->last_x = ev->x;
    ui->press_y = ui->last_y = ev->y;
    ui->last_move_ms = now;
    ui->press_ms = now;
    ui->velocity = 0;
    ui->animating = false;
    ui->drag_velocity = 0;
    ui->drag_item = false;
    for (int i = 0; i < ui->ntargets && !ui->gesture_void; i++)
        if ((ui->targets[i].flags & TARGET_DRAG) && rect_contains(ui->targets[i].r, ev->x, ev->y))
            ui->drag_item = true;
    ui->dirty = true; /* the button under the finger shows it is pressed */
}

/* What scrolling moves: the layer over the screen while there is one. */
static float *scroll_of(Ui *ui)
{
    return ui->layer_open ? &ui->layer_scroll : &ui->scroll;
}

static void on_move(Ui *ui, const Event *ev, uint64_t now)
{
    int slop = px(ui, UI_TAP_SLOP);
    if (!ui->pressed)
        return; /* hover changes nothing on a touch kiosk */
    if (!ui->dragging && (abs(ev->x - ui->press_x) > slop || abs(ev->y - ui->press_y) > slop)) {
        ui->dragging = true;
        if (now - ui->press_ms < UI_CARRY_MS)
            ui->drag_item = false;
    }
    if (ui->dragging && !ui->drag_item) {
        int dy = ev->y - ui->last_y;
        *scroll_of(ui) -= (float)dy;
        uint64_t dt = now > ui->last_move_ms ? now - ui->last_move_ms : 1;
        ui->drag_velocity = 0.6f * ui->drag_velocity + 0.4f * (-(float)dy / (float)dt);
    }
    ui->dirty = true; /* a press slid off its button no longer shows on it */
    ui->last_x = ev->x;
    ui->last_y = ev->y;
    ui->last_move_ms = now;
}

static void on_release(Ui *ui, const Event *ev, uint64_t now)
{
    if (!ui->pressed)
        return;
    ui->pressed = false;
    if (ui->dragging && ui->drag_item) {
        ui->drop_pending = true; /* the screen's to take: no inertia, no tap */
        ui->tap_x = ev->x;
        ui->tap_y = ev->y;
    } else if (ui->dragging) {
        /* Inertia: keep the finger's speed and let it decay. */
        /* Only what can scroll keeps moving: on a screen without a
         * scrolled view a fling would void the next tap (it "stops" it). */
        if (!ui->layer_open && ui->scroll_max > 0 && now - ui->last_move_ms < 80 &&
            fabsf(ui->drag_velocity) > 0.05f) {
            ui->velocity = ui->drag_velocity;
            ui->animating = true;
            ui->anim_ms = now;
        }
    } else if (!ui->gesture_void) {
        ui->tap_pending = true;
        ui->tap_x = ev->x;
        ui->tap_y = ev->y;
    }
    ui->dragging = false;
    ui->gesture_void = false;
    ui->dirty = true;
}

static void on_key(Ui *ui, KeyCode key)
{
    float line = (float)px(ui, UI_SCROLL_STEP), page = (float)ui->h * 0.8f;
    float *scroll = scroll_of(ui);
    if (key == KEY_PAGEDOWN || key == KEY_DOWN || key == KEY_SPACE)
        *scroll += key == KEY_DOWN ? line : page;
    else if (key == KEY_PAGEUP || key == KEY_UP)
        *scroll -= key == KEY_UP ? line : page;
    else if (key == KEY_HOME)
        *scroll = 0;
    else if (key == KEY_END)
        *scroll = 1e9f;
    else if (key == KEY_BACKSPACE)
        ui_edit_delete(ui);
    ui->dirty = true;
}

void ui_event(Ui *ui, const Event *ev, uint64_t now)
{
    switch (ev->kind) {
    case EV_PRESS: on_press(ui, ev, now); break;
    case EV_MOVE: on_move(ui, ev, now); break;
    case EV_RELEASE: on_release(ui, ev, now); break;
    case EV_WHEEL:
        *scroll_of(ui) -= (float)(ev->dy * px(ui, UI_SCROLL_STEP));
        ui->dirty = true;
        break;
    case EV_KEY: on_key(ui, ev->key); break;
    case EV_TEXT:
        ui_edit_insert(ui, ev->text);
        ui->dirty = true;
        break;
    case EV_RESIZE:
        ui_resize(ui, ev->x, ev->y);
        ui->dirty = true;
        break;
    default:
        break;
    }
    if (ev->kind != EV_RESIZE && ev->kind != EV_QUIT) {
        ui->last_input_ms = now;
        if (ui->idle_prompt) {
            ui->idle_prompt = false;
            ui->dirty = true;
        }
    }
}

void ui_scroll_reset(Ui *ui)
{
    ui->scroll = 0;
    ui->scroll_max = 0;
    ui->velocity = 0;
    ui->animating = false;
}

void ui_scroll_update(Ui *ui, int content_h, int view_h)
{
    ui->scroll_max = (float)MB_MAX(0, content_h - view_h);
    if (ui->animating) {
        uint64_t dt = ui->now > ui->anim_ms ? ui->now - ui->anim_ms : 0;
        ui->anim_ms = ui->now;
        ui->scroll += ui->velocity * (float)dt;
        ui->velocity *= powf(0.995f, (float)dt);
        if (fabsf(ui->velocity) < 0.02f)
            ui->animating = false;
    }
    float before = ui->scroll;
    if (ui->scroll > ui->scroll_max) {
        ui->scroll = ui->scroll_max;
        ui->animating = false;
    }
    if (ui->scroll < 0) {
        ui->scroll = 0;
        ui->animating = false;
    }
    /* Screens that measure while drawing clamp afterwards: draw again. */
    if (fabsf(before - ui->scroll) >= 1.0f)
        ui->changed = true;
}
