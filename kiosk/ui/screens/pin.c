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

static void pin_frame(Ui *ui, void *state)
{
    PinState *st = state;
    bool cancel;
    int top = ui_top_bar(ui, tr(ui, "Cancel"), tr(ui, "Instructor"), &cancel);
    if (cancel) {
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    int wait = screen_wait_left(ui, &st->wait_until);
    int x, w = screen_column(ui, &x);
    int y = top + px(ui, TOK.space_l);
    y += pin_prompt(ui, st, x, y, w, wait) + px(ui, TOK.space_m);
    y += screen_digit_dots(ui, strlen(st->pin), STORE_PIN_MAX, y) + px(ui, TOK.space_l);
    int pw = MB_MIN(w, px(ui, TOK.pin_pad_w));
    char k = screen_digit_pad(ui, st->pin, STORE_PIN_MIN, STORE_PIN_MAX, (ui->w - pw) / 2, y, pw,
                              st->mode != PIN_BROKEN && !wait);
    if (k == 'k')
        pin_ok(ui, st);
}

const ScreenDef screen_pin = {.name = "pin",
                              .state_size = sizeof(PinState),
                              .enter = pin_enter,
                              .frame = pin_frame,
                              .leave = pin_leave};
