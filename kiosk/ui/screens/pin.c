/* The instructor's PIN pad, reached by the hidden press on the attract
 * screen's title. Digits, Delete, OK and Cancel (back to the attract
 * screen); a dot for each digit typed, never the digits. With no PIN kept
 * yet it asks for one (4 to 8 digits) twice and keeps it; otherwise it
 * checks the PIN through the store, which counts a failure before it
 * looks: right opens the instructor's home, wrong says so with the count,
 * and after too many the pad is off until the wait is over. When the
 * store cannot say whether a PIN is kept, nothing can be set or checked. */
#include "screens.h"

#include <stdio.h>
#include <string.h>

typedef enum { PIN_CHECK, PIN_CHOOSE, PIN_CONFIRM, PIN_BROKEN } PinMode;

typedef struct {
    PinMode mode;
    char pin[STORE_PIN_MAX + 1];   /* the digits typed */
    char first[STORE_PIN_MAX + 1]; /* the new PIN as chosen, while confirmed */
    const char *msg;               /* catalogue key of what went wrong, or NULL */
    int failures;                  /* shown with "Wrong PIN" */
    uint64_t wait_until;           /* ui->now when the pad is on again; 0 */
} PinState;

static void pin_wipe(PinState *st)
{
    volatile char *a = st->pin, *b = st->first;
    for (size_t i = 0; i < sizeof st->pin; i++)
        a[i] = b[i] = 0;
}

static void pin_enter(Ui *ui, void *state)
{
    PinState *st = state;
    pin_wipe(st);
    st->msg = NULL;
    st->failures = 0;
    st->wait_until = 0;
    bool set = false;
    if (!ui->store || store_pin_is_set(ui->store, &set) != MB_OK) {
        st->mode = PIN_BROKEN; /* not "no PIN": never offer to set one */
        if (ui->store)
            ui_store_failed(ui, "The PIN could not be read: %s");
        return;
    }
    st->mode = set ? PIN_CHECK : PIN_CHOOSE;
}

static void pin_leave(Ui *ui, void *state)
{
    (void)ui;
    pin_wipe(state);
}

static void pin_check(Ui *ui, PinState *st)
{
    StorePinResult res = STORE_PIN_WRONG;
    int wait_s = 0;
    int rc = store_pin_check(ui->store, st->pin, mb_now_ms(), &res, &wait_s);
    pin_wipe(st);
    if (rc != MB_OK) {
        ui_store_failed(ui, "The PIN could not be checked: %s");
        return;
    }
    if (res == STORE_PIN_OK) {
        ui_instructor_open(ui);
        return;
    }
    st->msg = res == STORE_PIN_WRONG ? "Wrong PIN" : NULL;
    st->failures = store_pin_failures(ui->store);
    if (wait_s > 0)
        st->wait_until = ui->now + (uint64_t)wait_s * 1000;
}

static void pin_ok(Ui *ui, PinState *st)
{
    st->msg = NULL;
    if (st->mode == PIN_CHECK) {
        pin_check(ui, st);
    } else if (st->mode == PIN_CHOOSE) {
        memcpy(st->first, st->pin, sizeof st->first);
        memset(st->pin, 0, sizeof st->pin);
        st->mode = PIN_CONFIRM;
    } else if (strcmp(st->first, st->pin)) {
        pin_wipe(st);
        st->mode = PIN_CHOOSE;
        st->msg = "The two PINs differ. Choose one again.";
    } else if (store_pin_set(ui->store, st->pin) != MB_OK) {
        pin_wipe(st);
        st->mode = PIN_CHOOSE;
        ui_store_failed(ui, "The PIN could not be kept: %s");
    } else {
        pin_wipe(st);
        ui_instructor_open(ui);
    }
}

/* The seconds left to wait (0: the pad is on); asks for a frame when the
 * number shown changes. */
static int pin_wait_left(Ui *ui, PinState *st)
{
    if (!st->wait_until || ui->now >= st->wait_until) {
        st->wait_until = 0;
        return 0;
    }
    uint64_t left = st->wait_until - ui->now;
    ui->wake_ms = ui->now + (left % 1000 ? left % 1000 : 1000);
    return (int)((left + 999) / 1000);
}

/* What the pad asks for, and what went wrong, at y; returns the height. */
static int pin_prompt(Ui *ui, PinState *st, int x, int y, int w, int wait)
{
    static const char *const ask[] = {
        [PIN_CHECK] = "Enter the instructor's PIN",
        [PIN_CHOOSE] = "Choose the instructor's PIN: 4 to 8 digits",
        [PIN_CONFIRM] = "Type the same PIN again",
        [PIN_BROKEN] = "The PIN could not be read, so it can be neither checked nor set now.",
    };
    int y0 = y;
    y += ui_text(ui, x, y, w, tr(ui, ask[st->mode]), SZ_HEADING, TEXT_BOLD, ui->th.ink,
                 TEXT_ALIGN_CENTER);
    const char *line = NULL;
    if (wait > 0)
        line = arena_printf(&ui->frame, tr(ui, "Try again in %d s"), wait);
    else if (st->msg && !strcmp(st->msg, "Wrong PIN"))
        line = arena_printf(&ui->frame, tr(ui, "Wrong PIN (%d failed tries in a row)"),
                            st->failures);
    else if (st->msg)
        line = tr(ui, st->msg);
    if (line)
        y += ui_text(ui, x, y + px(ui, TOK.gap), w, line, SZ_BODY, 0, ui->th.bad,
                     TEXT_ALIGN_CENTER) + px(ui, TOK.gap);
    return y - y0;
}

/* A dot for each digit typed, centred at y; returns the height. */
static int pin_dots(Ui *ui, const PinState *st, int y)
{
    int d = px(ui, TOK.pin_dot), gap = px(ui, TOK.gap);
    int n = (int)strlen(st->pin);
    int x = (ui->w - (STORE_PIN_MAX * d + (STORE_PIN_MAX - 1) * gap)) / 2;
    for (int i = 0; i < STORE_PIN_MAX; i++) {
        Rect r = {x + i * (d + gap), y, d, d};
        if (i < n)
            ui_rect(ui, r, ui->th.ink, d / 2);
        else
            ui_frame_rect(ui, r, ui->th.line, d / 2, MB_MAX(1, px(ui, TOK.stroke)));
    }
    return d;
}

/* The twelve keys at x, y, w wide; the key tapped ('0'..'9', 'd' Delete,
 * 'k' OK) or 0. Off keys are drawn off and do nothing. */
static char pin_pad(Ui *ui, const PinState *st, int x, int y, int w, bool on)
{
    static const char keys[] = "123456789d0k";
    int gap = ui_touch_gap(ui, TOK.keypad_gap), kh = ui_touch_px(ui, TOK.key_h);
    int kw = (w - 2 * gap) / 3;
    size_t n = strlen(st->pin);
    char hit = 0;
    for (int i = 0; i < 12; i++) {
        Rect r = {x + (i % 3) * (kw + gap), y + (i / 3) * (kh + gap), kw, kh};
        char k = keys[i], label[2] = {k, 0};
        bool can = on && (k == 'd' ? n > 0 : k == 'k' ? n >= STORE_PIN_MIN : n < STORE_PIN_MAX);
        const char *text = k == 'd' ? tr(ui, "Delete") : k == 'k' ? tr(ui, "OK") : label;
        int style = !can ? BTN_OFF : k == 'k' ? BTN_PRIMARY : BTN_SECONDARY;
        if (ui_button(ui, r, text, style) && can)
            hit = k;
    }
    return hit;
}

static void pin_frame(Ui *ui, void *state)
{
    PinState *st = state;
    bool cancel;
    int top = ui_top_bar(ui, tr(ui, "Cancel"), tr(ui, "Instructor"), &cancel);
    if (cancel) {
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    int wait = pin_wait_left(ui, st);
    int x, w = screen_column(ui, &x);
    int y = top + px(ui, TOK.space_l);
    y += pin_prompt(ui, st, x, y, w, wait) + px(ui, TOK.space_m);
    y += pin_dots(ui, st, y) + px(ui, TOK.space_l);
    int pw = MB_MIN(w, px(ui, TOK.pin_pad_w));
    char k = pin_pad(ui, st, (ui->w - pw) / 2, y, pw, st->mode != PIN_BROKEN && !wait);
    size_t n = strlen(st->pin);
    if (k >= '0' && k <= '9') {
        st->pin[n] = k;
        st->pin[n + 1] = 0;
    } else if (k == 'd') {
        st->pin[n - 1] = 0;
    } else if (k == 'k') {
        pin_ok(ui, st);
    }
    if (k)
        ui->changed = true;
}

const ScreenDef screen_pin = {.name = "pin",
                              .state_size = sizeof(PinState),
                              .enter = pin_enter,
                              .frame = pin_frame,
                              .leave = pin_leave};
