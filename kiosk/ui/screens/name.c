/* A new participant's name: a text field and the on-screen keyboard (with
 * pinyin for a name in Chinese characters), then "Start" adds the name to
 * the roster and opens the units. A name already on the roster is not
 * added twice: "Is this you?" signs in as that participant, or goes back
 * to change the name; for a name with a code it sends them to the names,
 * where tapping theirs asks for it (signin.c): a name typed never skips
 * the code. */
#include "keypad.h"
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
    bool same_code;         /* that participant has a code */
    UiKeys keys;
} NameState;

static void name_enter(Ui *ui, void *state)
{
    NameState *st = state;
    st->name[0] = 0;
    st->same = 0;
    ui->edit = st->name;
    ui->edit_cap = sizeof st->name;
    ui_keys_reset(ui, &st->keys, true, ui->lang == LANG_ZH);
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
 * NULL. */
static const StoreParticipant *name_existing(const NameState *st, const char *name)
{
    for (size_t i = 0; i < st->n; i++)
        if (!strcasecmp(st->list[i].name, name))
            return &st->list[i];
    return NULL;
}

/* The name as kept: without the spaces around it. */
static void name_trim(char *s)
{
    size_t n = strlen(s), i = 0;
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = 0;
    while (s[i] == ' ')
        i++;
    memmove(s, s + i, n - i + 1);
}

static void name_start(Ui *ui, NameState *st)
{
    name_trim(st->name);
    if (!st->name[0])
        return;
    const StoreParticipant *same = name_existing(st, st->name);
    if (same) { /* asked with the name as the roster has it */
        st->same = same->id;
        st->same_code = same->has_code;
        snprintf(st->same_name, sizeof st->same_name, "%s", same->name);
        return;
    }
    int64_t id;
    if (ui->store && store_participant_add(ui->store, st->name, false, &id) == MB_OK && id > 0) {
        ui_start_session(ui, id);
        return;
    }
    ui_store_failed(ui, "Your name could not be saved: %s");
}

/* "Is this you?" over the screen. */
static void name_ask(Ui *ui, NameState *st)
{
    if (st->same_code) {
        int b = ui_dialog(
            ui, tr(ui, "Is this you?"), st->same_name,
            tr(ui, "This name has a code. Tap your name on the list, then type your code."),
            tr(ui, "Back to the names"), tr(ui, "No, change my name"));
        if (b == 1)
            ui_go(ui, SCR_SIGNIN);
        else if (b == 2)
            st->same = 0;
        return;
    }
    const char *yes = arena_printf(&ui->frame, tr(ui, "Yes, continue as %s"), st->same_name);
    int b = ui_dialog(ui, tr(ui, "Is this you?"), st->same_name,
                      tr(ui, "This name is on the list already. Not you? Add a letter to it."), yes,
                      tr(ui, "No, change my name"));
    if (b == 1)
        ui_start_session(ui, st->same);
    else if (b == 2)
        st->same = 0;
}

static void name_frame(Ui *ui, void *state)
{
    NameState *st = state;
    bool asking = st->same != 0;
    bool tap = asking && ui_modal_hold(ui); /* the question takes the tap */
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
    int bh = ui_touch_px(ui, TOK.target), gap = ui_touch_gap(ui, TOK.space_l);
    int aw = ui_touch_px(ui, TOK.field_action_w);
    int fw = w - aw - gap;
    ui_text_field(ui, (Rect){x, y, fw, bh}, ui_keys_preview(ui, &st->keys, st->name), SZ_BODY);
    bool ready = st->name[0] != 0 && !ui_keys_composing(&st->keys);
    Rect save = {x + fw + gap, y, aw, bh};
    if (ui_button(ui, save, tr(ui, "Start"), ready ? BTN_PRIMARY : BTN_SECONDARY) && ready) {
        name_start(ui, st);
        return;
    }
    y += bh + ui_touch_gap(ui, TOK.gap); /* Start, then keys */
    ui_keyboard(ui, &st->keys, x, y, w);
    if (asking) {
        ui_modal_take(ui, tap);
        name_ask(ui, st);
    }
}

const ScreenDef screen_name = {.name = "name",
                               .state_size = sizeof(NameState),
                               .enter = name_enter,
                               .frame = name_frame,
                               .leave = name_leave};
