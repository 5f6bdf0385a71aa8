/* Sign-in: "Who is studying?" The names of the class as buttons in a list
 * that scrolls, with their initials above it to narrow a long list, then
 * "Add my name" and "Continue as a guest". The roster is read from the
 * store when the screen is entered, not while it is drawn. */
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
} SigninState;

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

/* The roster as a grid of names in view, scrolled; returns the id tapped,
 * or 0. */
static int64_t signin_roster(Ui *ui, const SigninState *st, Rect view, int x, int w)
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
    int64_t chosen = 0;
    size_t k = 0;
    for (size_t i = 0; i < st->n; i++) {
        if (!signin_shown(st, i))
            continue;
        int cx = x + (int)(k % (size_t)cols) * (cw + gap);
        int cy = view.y + (int)(k / (size_t)cols) * (ch + gap) - (int)ui->scroll;
        k++;
        if (cy + ch >= view.y && cy <= view.y + view.h &&
            ui_button(ui, (Rect){cx, cy, cw, ch}, st->list[i].name, BTN_SECONDARY))
            chosen = st->list[i].id;
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

static void signin_frame(Ui *ui, void *state)
{
    SigninState *st = state;
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
    int64_t chosen = signin_roster(ui, st, view, m, w);
    int bw = MB_MIN((w - gap) / 2, px(ui, TOK.pair_action_w));
    int bx = (ui->w - 2 * bw - gap) / 2;
    if (ui_button(ui, (Rect){bx, by, bw, bh}, tr(ui, "Add my name"), BTN_SECONDARY)) {
        ui_go(ui, SCR_NAME);
        return;
    }
    if (ui_button(ui, (Rect){bx + bw + gap, by, bw, bh}, tr(ui, "Continue as a guest"), BTN_PRIMARY))
        chosen = signin_guest(ui);
    if (chosen)
        ui_start_session(ui, chosen);
}

const ScreenDef screen_signin = {.name = "signin",
                                 .state_size = sizeof(SigninState),
                                 .enter = signin_enter,
                                 .frame = signin_frame,
                                 .leave = signin_leave};
