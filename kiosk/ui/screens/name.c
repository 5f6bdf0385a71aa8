/* A new participant's name: a text field and the on-screen keyboard, then
 * "Start" adds the name to the roster and opens the units. A name already
 * on the roster is not added twice: "Is this you?" signs in as that
 * participant, or goes back to change the name. */
#include "screens.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct {
    char name[48];
    StoreParticipant *list; /* the roster, read on enter; owned */
    size_t n;
    int64_t same;           /* the participant with the name typed, while asking */
    char same_name[48];
} NameState;

static void name_enter(Ui *ui, void *state)
{
    NameState *st = state;
    st->name[0] = 0;
    st->same = 0;
    ui->edit = st->name;
    ui->edit_cap = sizeof st->name;
    if (ui->store && store_participant_list(ui->store, &st->list, &st->n) != MB_OK) {
        st->list = NULL;
        st->n = 0;
    }
}

static void name_leave(Ui *ui, void *state)
{
    (void)ui;
    NameState *st = state;
    store_participant_list_free(st->list, st->n);
    st->list = NULL;
    st->n = 0;
}

/* The participant already called name (letters compared without case), or
 * 0. */
static int64_t name_existing(const NameState *st, const char *name)
{
    for (size_t i = 0; i < st->n; i++)
        if (!strcasecmp(st->list[i].name, name))
            return st->list[i].id;
    return 0;
}

static void name_start(Ui *ui, NameState *st)
{
    int64_t id = name_existing(st, st->name);
    if (id) {
        st->same = id;
        snprintf(st->same_name, sizeof st->same_name, "%s", st->name);
        return;
    }
    if (ui->store && store_participant_add(ui->store, st->name, false, &id) == MB_OK && id > 0) {
        ui_start_session(ui, id);
        return;
    }
    ui_store_failed(ui, "Your name could not be saved: %s");
}

/* "Is this you?" over the screen, taking every tap. */
static void name_ask(Ui *ui, NameState *st)
{
    ui_scrim(ui);
    int pad = px(ui, TOK.space_2xl), bh = px(ui, TOK.button_h), gap = px(ui, TOK.gap);
    int w = MB_MIN(ui->w - px(ui, TOK.margin_wide), px(ui, TOK.card_w)), iw = w - 2 * pad;
    const char *why = tr(ui, "This name is on the list already. Not you? Add a letter to it.");
    TextStyle head = ui_style(ui, SZ_HEADING, TEXT_BOLD), body = ui_style(ui, SZ_BODY, 0);
    int h1 = ui_text_height_st(ui, iw, tr(ui, "Is this you?"), &head);
    int h2 = ui_text_height_st(ui, iw, st->same_name, &head);
    int h3 = ui_text_height_st(ui, iw, why, &body);
    int h = pad + h1 + h2 + gap + h3 + gap + 2 * bh + gap + pad;
    Rect box = {(ui->w - w) / 2, MB_MAX(px(ui, TOK.space_m), (ui->h - h) / 2), w, h};
    ui_rect(ui, box, ui->th.surface, px(ui, TOK.radius_l));
    int x = box.x + pad, y = box.y + pad;
    y += ui_text_st(ui, x, y, iw, tr(ui, "Is this you?"), &head, ui->th.ink);
    y += ui_text_st(ui, x, y, iw, st->same_name, &head, ui->th.accent) + gap;
    y += ui_text_st(ui, x, y, iw, why, &body, ui->th.muted) + gap;
    const char *yes = arena_printf(&ui->frame, tr(ui, "Yes, continue as %s"), st->same_name);
    if (ui_button(ui, (Rect){x, y, iw, bh}, yes, BTN_PRIMARY)) {
        ui_start_session(ui, st->same);
        return;
    }
    if (ui_button(ui, (Rect){x, y + bh + gap, iw, bh}, tr(ui, "No, change my name"), BTN_SECONDARY))
        st->same = 0;
}

static void name_frame(Ui *ui, void *state)
{
    NameState *st = state;
    bool asking = st->same != 0, tap = ui->tap_pending;
    if (asking)
        ui->tap_pending = false; /* the question takes the tap */
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Back"), tr(ui, "Your name or a nickname"), &back);
    if (back) {
        ui_go(ui, SCR_SIGNIN);
        return;
    }
    int x, w = screen_column(ui, &x);
    int y = top + px(ui, TOK.space_l);
    y += ui_text(ui, x, y, w,
                 tr(ui, "Only this kiosk keeps it, so that you can come back to your place."),
                 SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) + px(ui, TOK.space_m);
    int bh = px(ui, TOK.target), gap = px(ui, TOK.space_l), aw = px(ui, TOK.field_action_w);
    int fw = w - aw - gap;
    ui_text_field(ui, (Rect){x, y, fw, bh}, st->name, SZ_BODY);
    bool ready = st->name[0] != 0;
    Rect save = {x + fw + gap, y, aw, bh};
    if (ui_button(ui, save, tr(ui, "Start"), ready ? BTN_PRIMARY : BTN_SECONDARY) && ready) {
        name_start(ui, st);
        return;
    }
    y += bh + px(ui, TOK.gap);
    ui_keypad(ui, x, y, w, UI_KEYS_LETTERS, 10);
    if (asking) {
        ui->tap_pending = tap;
        ui->ntargets = 0; /* only the question can be tapped */
        name_ask(ui, st);
    }
}

const ScreenDef screen_name = {.name = "name",
                               .state_size = sizeof(NameState),
                               .enter = name_enter,
                               .frame = name_frame,
                               .leave = name_leave};
