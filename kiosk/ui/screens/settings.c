/* The kiosk's settings, for the instructor: the language a participant
 * starts in, how long the kiosk waits before asking whether anyone is
 * still there, the text size a participant starts with, and the kiosk's
 * name (typed on the name screen's keyboard). Each choice is kept at once
 * through the store's typed settings; read once when the screen opens. */
#include "keypad.h"
#include "screens.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    StoreSettings cur;
    bool editing;                /* the kiosk's name is being typed */
    char name[sizeof ((StoreSettings *)0)->kiosk_name];
    UiKeys keys;
} SettingsState;

static const int idle_choices[] = {60, 3 * 60, 5 * 60, 10 * 60, 30 * 60};

static void settings_enter(Ui *ui, void *state)
{
    SettingsState *st = state;
    st->editing = false;
    store_settings_default(&st->cur);
    if (ui->store && store_settings_get(ui->store, &st->cur) != MB_OK)
        ui_store_failed(ui, "The settings could not be read: %s");
}

/* Keeps what a set call changed in st->cur, or shows why not. */
static void settings_kept(Ui *ui, SettingsState *st, int rc)
{
    if (rc != MB_OK)
        ui_store_failed(ui, "The setting could not be kept: %s");
    else if (store_settings_get(ui->store, &st->cur) != MB_OK)
        ui_store_failed(ui, "The settings could not be read: %s");
    ui->changed = true;
}

/* A heading and a row of choices, labels[i] on when i == on; returns the
 * choice tapped or -1, and moves *y past the row. */
static int settings_row(Ui *ui, int x, int *y, int w, const char *title, const char *const *labels,
                        int n, int on)
{
    *y += ui_text(ui, x, *y, w, title, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) +
          px(ui, TOK.space_s);
    int gap = ui_touch_gap(ui, TOK.gap), bh = ui_touch_px(ui, TOK.target);
    int bw = (w - (n - 1) * gap) / n, hit = -1;
    for (int i = 0; i < n; i++)
        if (ui_button(ui, (Rect){x + i * (bw + gap), *y, bw, bh}, labels[i],
                      i == on ? BTN_CHOICE_ON : BTN_CHOICE))
            hit = i;
    *y += bh + px(ui, TOK.space_l);
    return hit;
}

static void settings_choices(Ui *ui, SettingsState *st, int x, int *y, int w)
{
    const char *langs[] = {tr(ui, "English"), tr(ui, "Chinese")};
    int k = settings_row(ui, x, y, w, tr(ui, "A participant starts in"), langs, 2, (int)st->cur.lang);
    if (k >= 0)
        settings_kept(ui, st, store_settings_set_lang(ui->store, (Lang)k));
    const char *idle[MB_COUNT(idle_choices)];
    int on = -1;
    for (size_t i = 0; i < MB_COUNT(idle_choices); i++) {
        idle[i] = arena_printf(&ui->frame, "%d", idle_choices[i] / 60);
        if (idle_choices[i] == st->cur.idle_timeout_s)
            on = (int)i;
    }
    k = settings_row(ui, x, y, w, tr(ui, "Minutes without a touch before the kiosk asks whether anyone is still there"), idle,
                     (int)MB_COUNT(idle_choices), on);
    if (k >= 0)
        settings_kept(ui, st, store_settings_set_idle_timeout(ui->store, idle_choices[k]));
    const char *sizes[] = {tr(ui, "Normal"), tr(ui, "Large"), tr(ui, "Larger")};
    k = settings_row(ui, x, y, w, tr(ui, "Text size a participant starts with"), sizes, 3,
                     (int)st->cur.text_size);
    if (k >= 0)
        settings_kept(ui, st, store_settings_set_text_size(ui->store, (StoreTextSize)k));
}

static void settings_name(Ui *ui, SettingsState *st, int x, int y, int w)
{
    y += ui_text(ui, x, y, w, tr(ui, "The kiosk's name"), SZ_BODY, TEXT_BOLD, ui->th.ink,
                 TEXT_ALIGN_LEFT) + px(ui, TOK.space_s);
    int gap = ui_touch_gap(ui, TOK.gap), bh = ui_touch_px(ui, TOK.target);
    int aw = ui_touch_px(ui, TOK.field_action_w), fw = w - aw - gap;
    const char *shown = st->cur.kiosk_name[0] ? st->cur.kiosk_name : tr(ui, "(no name)");
    Rect f = {x, y, fw, bh};
    int pad = px(ui, TOK.pad), th = ui_text_height(ui, fw - 2 * pad, shown, SZ_BODY, 0);
    ui_rect(ui, f, ui->th.surface, px(ui, TOK.radius_s));
    ui_frame_rect(ui, f, ui->th.line, px(ui, TOK.radius_s), MB_MAX(1, px(ui, TOK.stroke)));
    ui_text(ui, x + pad, y + (bh - th) / 2, fw - 2 * pad, shown, SZ_BODY, 0,
            st->cur.kiosk_name[0] ? ui->th.ink : ui->th.muted, TEXT_ALIGN_LEFT);
    if (ui_button(ui, (Rect){x + fw + gap, y, aw, bh}, tr(ui, "Change"), BTN_SECONDARY)) {
        st->editing = true;
        snprintf(st->name, sizeof st->name, "%s", st->cur.kiosk_name);
        ui->edit = st->name;
        ui->edit_cap = sizeof st->name;
        ui_keys_reset(ui, &st->keys, true, ui->lang == LANG_ZH);
        ui->changed = true;
    }
}

static void settings_edit_frame(Ui *ui, SettingsState *st)
{
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Cancel"), tr(ui, "The kiosk's name"), &back);
    bool save = false;
    int x, w = screen_column(ui, &x);
    int y = top + px(ui, TOK.space_l);
    int gap = ui_touch_gap(ui, TOK.space_l), bh = ui_touch_px(ui, TOK.target);
    int aw = ui_touch_px(ui, TOK.field_action_w), fw = w - aw - gap;
    ui_text_field(ui, (Rect){x, y, fw, bh}, ui_keys_preview(ui, &st->keys, st->name), SZ_BODY);
    if (!back && ui_button(ui, (Rect){x + fw + gap, y, aw, bh}, tr(ui, "Save"), BTN_PRIMARY))
        save = true;
    else if (!back)
        ui_keyboard(ui, &st->keys, x, y + bh + ui_touch_gap(ui, TOK.gap), w);
    if (save) {
        int rc = store_settings_set_kiosk_name(ui->store, st->name);
        if (rc == MB_ERR_PARSE) {
            ui_notice(ui, "%s: a kiosk's name is at most 32 characters.", st->name);
            return;
        }
        settings_kept(ui, st, rc);
    }
    if (back || save) {
        st->editing = false;
        ui->edit = NULL;
        ui->edit_cap = 0;
        ui->changed = true;
    }
}

static void settings_frame(Ui *ui, void *state)
{
    SettingsState *st = state;
    if (!ui->instructor) { /* never shown to a participant */
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    if (st->editing) {
        settings_edit_frame(ui, st);
        return;
    }
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Back"), tr(ui, "Settings"), &back);
    if (back) {
        ui_go(ui, SCR_INSTRUCTOR);
        return;
    }
    int x, w = screen_column(ui, &x);
    Rect view = {0, top, ui->w, ui->h - top};
    ui_scroll_begin(ui, view);
    int y0 = top + px(ui, TOK.space_l) - (int)ui->scroll, y = y0;
    if (ui->store) {
        settings_choices(ui, st, x, &y, w);
        settings_name(ui, st, x, y, w);
        y += ui_touch_px(ui, TOK.target) + px(ui, TOK.space_5xl);
    }
    ui_pop_clip(ui);
    ui_scroll_update(ui, y - y0, view.h);
    ui_scroll_indicator(ui, view, y - y0);
}

const ScreenDef screen_settings = {.name = "settings",
                                   .state_size = sizeof(SettingsState),
                                   .enter = settings_enter,
                                   .frame = settings_frame};
