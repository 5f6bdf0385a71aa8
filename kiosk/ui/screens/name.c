/* A new participant's name: a text field and the on-screen keyboard, then
 * "Start" adds the name to the roster and opens the units. */
#include "screens.h"

typedef struct {
    char name[48];
} NameState;

static void name_enter(Ui *ui, void *state)
{
    NameState *st = state;
    st->name[0] = 0;
    ui->edit = st->name;
    ui->edit_cap = sizeof st->name;
}

static void name_frame(Ui *ui, void *state)
{
    NameState *st = state;
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
        int64_t id = 0;
        if (ui->store && store_participant_add(ui->store, st->name, false, &id) == MB_OK && id > 0) {
            ui_start_session(ui, id);
            return;
        }
        ui_store_failed(ui, "Your name could not be saved: %s");
    }
    y += bh + px(ui, TOK.gap);
    ui_keypad(ui, x, y, w, UI_KEYS_LETTERS, 10);
}

const ScreenDef screen_name = {
    .name = "name", .state_size = sizeof(NameState), .enter = name_enter, .frame = name_frame};
