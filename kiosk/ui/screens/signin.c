/* Sign-in: "Who is studying?" The names of the class as buttons in a list
 * that scrolls, with their initials above it to narrow a long list, then
 * "Add my name" and "Continue as a guest". The roster is read from the
 * store when the screen is entered, not while it is drawn. A name the
 * instructor gave a code asks for it on a pad of digits first: nothing is
 * started (or kept) for them before the right code; a wrong one is
 * counted by the store, which asks for a wait after five. */
#include "screens.h"

#include <string.h>

/* Above this many names the initials are shown. */
#define SIGNIN_INITIALS_FROM 9
#define SIGNIN_MAX_INITIALS 40

typedef struct {
    StoreParticipant *list; /* owned; freed on leave */
    size_t n;
    char initials[SIGNIN_MAX_INITIALS][8]; /* the first characters of the names, in order */
    int ninitials;
    char filter[8]; /* the initial chosen, or "" for every name */
    int asking;     /* the name whose code is asked (an index into list), or -1 */
    char code[STORE_CODE_LEN + 1]; /* the digits typed */
    bool wrong;                    /* the last code typed was wrong */
    uint64_t wait_until;           /* ui->now when the pad is on again; 0 */
} SigninState;

static void signin_wipe(SigninState *st)
{
    volatile char *c = st->code;
    for (size_t i = 0; i < sizeof st->code; i++)
        c[i] = 0;
}

/* The first character of s (one UTF-8 sequence) into out. */
static void signin_initial(const char *s, char out[8])
{
    size_t i = 0, len = strlen(s);
    utf8_decode(s, len, &i);
    memcpy(out, s, MB_MIN(i, (size_t)7));
    out[MB_MIN(i, (size_t)7)] = 0;
}

static void signin_collect_initials(SigninState *st)
{
    st->ninitials = 0;
    for (size_t i = 0; i < st->n; i++) {
        char c[8];
        signin_initial(st->list[i].name, c);
        bool seen = false;
        for (int k = 0; k < st->ninitials; k++)
            seen |= !strcmp(st->initials[k], c);
        if (!seen && c[0] && st->ninitials < SIGNIN_MAX_INITIALS)
            memcpy(st->initials[st->ninitials++], c, sizeof c);
    }
}

static void signin_enter(Ui *ui, void *state)
{
    SigninState *st = state;
    st->list = NULL;
    st->n = 0;
    st->filter[0] = 0;
    st->asking = -1;
    signin_wipe(st);
    if (ui->store && store_participant_list(ui->store, &st->list, &st->n) != MB_OK) {
        st->list = NULL;
        st->n = 0;
        ui_store_failed(ui, "The class list could not be read: %s");
    }
    signin_collect_initials(st);
}

static void signin_leave(Ui *ui, void *state)
{
    (void)ui;
    SigninState *st = state;
    signin_wipe(st);
    st->asking = -1;
    store_participant_list_free(st->list, st->n);
    st->list = NULL;
    st->n = 0;
}

static bool signin_shown(const SigninState *st, size_t i)
{
    char c[8];
    signin_initial(st->list[i].name, c);
    return !st->filter[0] || !strcmp(c, st->filter);
}

/* The initials as buttons in rows from y; a tap narrows the list to one
 * (a second tap, or "All", shows every name). Returns the height. */
static int signin_initials(Ui *ui, SigninState *st, int x, int y, int w)
{
    if (st->n < SIGNIN_INITIALS_FROM || st->ninitials < 2)
        return 0;
    int gap = ui_touch_gap(ui, TOK.space_s), bh = ui_touch_px(ui, TOK.target);
    int aw = ui_touch_px(ui, TOK.back_w);
    int per = MB_MAX(1, (w - aw - gap) / (bh + gap));
    int rows = (st->ninitials + per - 1) / per;
    int bw = MB_MIN(bh + bh / 2, (w - aw - gap) / MB_MIN(per, st->ninitials) - gap);
    if (ui_button(ui, (Rect){x, y, aw, bh}, tr(ui, "All"),
                  st->filter[0] ? BTN_SECONDARY : BTN_CHOICE_ON)) {
        st->filter[0] = 0;
        ui_scroll_reset(ui);
    }
    for (int k = 0; k < st->ninitials; k++) {
        Rect r = {x + aw + gap + (k % per) * (bw + gap), y + (k / per) * (bh + gap), bw, bh};
        bool on = !strcmp(st->filter, st->initials[k]);
        if (ui_button(ui, r, st->initials[k], on ? BTN_CHOICE_ON : BTN_SECONDARY)) {
            memcpy(st->filter, on ? "" : st->initials[k], on ? 1 : sizeof st->filter);
            ui_scroll_reset(ui);
        }
    }
    return rows * (bh + gap) + gap;
}

/* The roster as a grid of names in view, scrolled; returns the index of
 * the name tapped, or -1. */
static int signin_roster(Ui *ui, const SigninState *st, Rect view, int x, int w)
{
    int cols = MB_MAX(1, w / px(ui, TOK.name_w));
    int gap = ui_touch_gap(ui, TOK.space_l);
    int cw = (w - (cols - 1) * gap) / cols, ch = ui_touch_px(ui, TOK.row_h);
    size_t shown = 0;
    for (size_t i = 0; i < st->n; i++)
        shown += signin_shown(st, i);
    int rows = (int)((shown + (size_t)cols - 1) / (size_t)cols);
    int content = rows * (ch + gap);
    ui_scroll_update(ui, content, view.h);
    ui_scroll_begin(ui, view);
    int chosen = -1;
    size_t k = 0;
    for (size_t i = 0; i < st->n; i++) {
        if (!signin_shown(st, i))
            continue;
        int cx = x + (int)(k % (size_t)cols) * (cw + gap);
        int cy = view.y + (int)(k / (size_t)cols) * (ch + gap) - (int)ui->scroll;
        k++;
        if (cy + ch >= view.y && cy <= view.y + view.h &&
            ui_button(ui, (Rect){cx, cy, cw, ch}, st->list[i].name, BTN_SECONDARY))
            chosen = (int)i;
    }
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, content);
    return chosen;
}

/* A new guest's id, or 0 (and a notice) when none could be added: then no
 * session starts, since nothing could be kept. */
static int64_t signin_guest(Ui *ui)
{
    int64_t id = 0;
    if (ui->store && store_participant_add(ui->store, NULL, true, &id) == MB_OK && id > 0)
        return id;
    ui_store_failed(ui, "Could not sign you in: %s");
    return 0;
}

/* A name tapped: on at once, or first its code. */
static void signin_chosen(Ui *ui, SigninState *st, int i)
{
    if (!st->list[i].has_code) {
        ui_start_session(ui, st->list[i].id);
        return;
    }
    bool has = true;
    int wait_s = 0;
    st->asking = i;
    st->wrong = false;
    st->wait_until = 0;
    signin_wipe(st);
    if (store_code_get(ui->store, st->list[i].id, mb_now_ms(), &has, NULL, &wait_s) != MB_OK)
        ui_store_failed(ui, "Your code could not be checked: %s");
    if (wait_s > 0)
        st->wait_until = ui->now + (uint64_t)wait_s * 1000;
    ui->changed = true;
}

static void signin_check(Ui *ui, SigninState *st)
{
    int64_t id = st->list[st->asking].id;
    StorePinResult res = STORE_PIN_WRONG;
    int wait_s = 0;
    int rc = store_code_check(ui->store, id, st->code, mb_now_ms(), &res, &wait_s);
    signin_wipe(st);
    if (rc != MB_OK) {
        ui_store_failed(ui, "Your code could not be checked: %s");
        return;
    }
    if (res == STORE_PIN_OK) {
        st->asking = -1;
        ui_start_session(ui, id);
        return;
    }
    st->wrong = res == STORE_PIN_WRONG;
    if (wait_s > 0)
        st->wait_until = ui->now + (uint64_t)wait_s * 1000;
}

/* The pad asking for the code of the name tapped. */
static void signin_code_frame(Ui *ui, SigninState *st)
{
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Back"), st->list[st->asking].name, &back);
    if (back) {
        signin_wipe(st);
        st->asking = -1;
        ui->changed = true;
        return;
    }
    int wait = screen_wait_left(ui, &st->wait_until);
    int x, w = screen_column(ui, &x), gap = px(ui, TOK.gap);
    int y = top + px(ui, TOK.space_m);
    y += ui_text(ui, x, y, w, tr(ui, "Type your 4-digit code"), SZ_HEADING, TEXT_BOLD, ui->th.ink,
                 TEXT_ALIGN_CENTER) + gap;
    const char *line = tr(ui, "Forgot your code? Ask your instructor.");
    Color ink = ui->th.muted;
    if (wait > 0) {
        line = arena_printf(&ui->frame, tr(ui, "Too many wrong codes. Try again in %d s."), wait);
        ink = ui->th.bad;
    } else if (st->wrong) {
        line = tr(ui, "That code is not right. Please try again.");
        ink = ui->th.bad;
    }
    y += ui_text(ui, x, y, w, line, SZ_BODY, 0, ink, TEXT_ALIGN_CENTER) + px(ui, TOK.space_m);
    y += screen_digit_dots(ui, strlen(st->code), STORE_CODE_LEN, y) + px(ui, TOK.space_m);
    int pw = MB_MIN(w, px(ui, TOK.pin_pad_w));
    char k = screen_digit_pad(ui, st->code, STORE_CODE_LEN, STORE_CODE_LEN, (ui->w - pw) / 2, y,
                              pw, !wait);
    if (k && k != 'k')
        st->wrong = false;
    if (k == 'k')
        signin_check(ui, st);
    else if (st->wrong || wait > 0)
        ui_text(ui, x, y + screen_digit_pad_height(ui) + gap, w,
                tr(ui, "Forgot your code? Ask your instructor."), SZ_SMALL, 0, ui->th.muted,
                TEXT_ALIGN_CENTER);
}

static void signin_frame(Ui *ui, void *state)
{
    SigninState *st = state;
    if (st->asking >= 0) {
        signin_code_frame(ui, st);
        return;
    }
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Back"), tr(ui, "Who is studying?"), &back);
    if (back) {
        ui_go(ui, SCR_LANGUAGE);
        return;
    }
    int m = px(ui, TOK.margin), w = ui->w - 2 * m;
    int y = top + px(ui, TOK.space_xl);
    y += ui_text(ui, m, y, w, tr(ui, "Tap your name, or continue as a guest."), SZ_BODY, 0,
                 ui->th.muted, TEXT_ALIGN_LEFT);
    y += px(ui, TOK.space_l);
    y += signin_initials(ui, st, m, y, w);
    int gap = ui_touch_gap(ui, TOK.space_l), bh = ui_touch_px(ui, TOK.button_h);
    int by = ui->h - bh - px(ui, TOK.space_xl);
    Rect view = {0, y, ui->w, MB_MAX(0, by - ui_touch_gap(ui, TOK.space_m) - y)};
    int chosen = signin_roster(ui, st, view, m, w);
    int bw = MB_MIN((w - gap) / 2, px(ui, TOK.pair_action_w));
    int bx = (ui->w - 2 * bw - gap) / 2;
    if (ui_button(ui, (Rect){bx, by, bw, bh}, tr(ui, "Add my name"), BTN_SECONDARY)) {
        ui_go(ui, SCR_NAME);
        return;
    }
    if (ui_button(ui, (Rect){bx + bw + gap, by, bw, bh}, tr(ui, "Continue as a guest"),
                  BTN_PRIMARY)) {
        int64_t guest = signin_guest(ui);
        if (guest)
            ui_start_session(ui, guest);
    } else if (chosen >= 0) {
        signin_chosen(ui, st, chosen);
    }
}

const ScreenDef screen_signin = {.name = "signin",
                                 .state_size = sizeof(SigninState),
                                 .enter = signin_enter,
                                 .frame = signin_frame,
                                 .leave = signin_leave};
