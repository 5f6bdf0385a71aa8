/* Sign-in: "Who is studying?" The names of the class as buttons, "Add my
 * name", and "Continue as a guest". The roster is read from the store when
 * the screen is entered, not while it is drawn. */
#include "screens.h"

typedef struct {
    StoreParticipant *list; /* owned; freed on leave */
    size_t n;
} SigninState;

static void signin_enter(Ui *ui, void *state)
{
    SigninState *st = state;
    st->list = NULL;
    st->n = 0;
    if (ui->store && store_participant_list(ui->store, &st->list, &st->n) != MB_OK) {
        st->list = NULL;
        st->n = 0;
        ui_store_failed(ui, "The class list could not be read: %s");
    }
}

static void signin_leave(Ui *ui, void *state)
{
    (void)ui;
    SigninState *st = state;
    store_participant_list_free(st->list, st->n);
    st->list = NULL;
    st->n = 0;
}

/* The roster as a grid of names from y; returns the id tapped, or 0. */
static int64_t signin_roster(Ui *ui, const SigninState *st, int x, int y, int w, int bottom)
{
    int cols = MB_MAX(1, w / px(ui, TOK.name_w));
    int gap = px(ui, TOK.space_l);
    int cw = (w - (cols - 1) * gap) / cols, ch = px(ui, TOK.row_h);
    int64_t chosen = 0;
    for (size_t i = 0; i < st->n; i++) {
        int cx = x + (int)(i % (size_t)cols) * (cw + gap);
        int cy = y + (int)(i / (size_t)cols) * (ch + gap);
        if (cy + ch > bottom)
            break;
        if (ui_button(ui, (Rect){cx, cy, cw, ch}, st->list[i].name, BTN_SECONDARY))
            chosen = st->list[i].id;
    }
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
    int gap = px(ui, TOK.space_l), bh = px(ui, TOK.button_h);
    int by = ui->h - bh - px(ui, TOK.space_xl);
    int64_t chosen = signin_roster(ui, st, m, y, w, by - px(ui, TOK.space_m));
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
