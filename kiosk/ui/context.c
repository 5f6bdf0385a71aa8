/* The interface context: the screen's scale, moving between screens, and
 * the participant's session. Creating and freeing the Ui is in frame.c,
 * which alone calls into the screens. */
#include "context.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>


/* The unit canvas is 800x480 in landscape and 480x800 in portrait: the
 * scale fits it to the screen. Up to 1.4 the fit is the scale; beyond it
 * a larger screen mostly gains room (its panel is larger, and read from
 * further away, than a small one of the same shape): 1920x1080 shows
 * 1130x635 units, not 800x480 blown up, and the screens use the room. */
float ui_scale_for(int w, int h)
{
    bool portrait = h > w;
    float sx = (float)w / (portrait ? 480.0f : 800.0f);
    float sy = (float)h / (portrait ? 800.0f : 480.0f);
    float fit = sx < sy ? sx : sy;
    float s = fit <= 1.4f ? fit : 1.4f + (fit - 1.4f) * 0.35f;
    return s < 0.5f ? 0.5f : s;
}

void ui_compute_scale(Ui *ui)
{
    ui->s = ui_scale_for(ui->w, ui->h);
}

void ui_resize(Ui *ui, int w, int h)
{
    if (w == ui->w && h == ui->h)
        return;
    ui->w = w;
    ui->h = h;
    ui_compute_scale(ui);
    ui->dirty = true;
}

ScreenId ui_screen(Ui *ui)
{
    return ui->screen;
}

Lang ui_lang(Ui *ui)
{
    return ui->lang;
}

bool ui_quit_allowed(Ui *ui)
{
    /* A participant never leaves the kiosk; only the instructor's "Leave
     * the kiosk" allows it. */
    return ui->instructor && ui->quit;
}

void ui_show_fault(Ui *ui, StoreProblem problem, const char *path, const char *detail)
{
    ui->fault = problem;
    snprintf(ui->fault_path, sizeof ui->fault_path, "%s", path ? path : "");
    snprintf(ui->fault_detail, sizeof ui->fault_detail, "%s", detail ? detail : "");
    ui_go(ui, SCR_FAULT);
    ui->dirty = true;
}

bool ui_take_retry(Ui *ui)
{
    bool r = ui->retry;
    ui->retry = false;
    return r;
}

int px(Ui *ui, float units)
{
    return (int)lroundf(units * ui->s);
}

int ui_mm(Ui *ui, float mm)
{
    float ppm = ui->cfg.px_per_mm > 0 ? ui->cfg.px_per_mm : 5.2f;
    return (int)ceilf(mm * ppm);
}

int ui_target_px(Ui *ui)
{
    return ui_mm(ui, UI_TARGET_MM);
}

int ui_touch_px(Ui *ui, float units)
{
    return MB_MAX(px(ui, units), ui_target_px(ui));
}

int ui_touch_gap(Ui *ui, float units)
{
    return MB_MAX(px(ui, units), ui_mm(ui, UI_TARGET_GAP_MM));
}

int text_px(Ui *ui, float units)
{
    return (int)lroundf(units * ui->s * ui->text_scale);
}

void ui_go(Ui *ui, ScreenId s)
{
    ui->next = s;
    ui->going = true;
    ui->changed = true;
    ui->tap_pending = false;
}

Pack *ui_pack(Ui *ui)
{
    return ui->cfg.npacks ? ui->cfg.packs[ui->pack] : NULL;
}

bool ui_recording(Ui *ui)
{
    return ui->store && ui->participant > 0;
}

/* The participant's name for the top bar, read once per session (a frame
 * never asks the store); cut to whole characters when it is very long. */
static void ui_who_load(Ui *ui)
{
    StoreParticipant me;
    ui->who[0] = 0;
    ui->who_guest = true;
    if (!ui->store || store_participant_get(ui->store, ui->participant, &me) != MB_OK)
        return;
    ui->who_guest = me.guest;
    size_t n = strlen(me.name);
    if (n >= sizeof ui->who) {
        n = sizeof ui->who - 1;
        while (n > 0 && ((unsigned char)me.name[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(ui->who, me.name, n);
    ui->who[n] = 0;
    free(me.name);
    free(me.pseudo);
}

void ui_start_session(Ui *ui, int64_t participant)
{
    /* No session without a participant row: answers would have nowhere to
     * go while the feedback said they were kept. */
    if (participant <= 0)
        return;
    ui->participant = participant;
    ui_who_load(ui);
    ui_go(ui, SCR_HOME);
}

void ui_set_contrast(Ui *ui, bool on)
{
    ui->contrast = on;
    ui->th = on ? *theme_contrast() : *theme_paper();
}

void ui_settings_apply(Ui *ui)
{
    static const float scales[STORE_TEXT_COUNT] = {1.0f, 1.2f, 1.45f};
    StoreSettings set;
    store_settings_default(&set);
    bool lang_chosen = false;
    if (ui->store && store_settings_get(ui->store, &set) == MB_OK) {
        char *v = store_setting_get(ui->store, "default_lang");
        lang_chosen = v != NULL;
        free(v);
    }
    ui->start_lang = lang_chosen ? set.lang : ui->cfg.lang;
    ui->start_text_scale = scales[set.text_size < STORE_TEXT_COUNT ? set.text_size : 0];
    ui->idle_ms = (uint64_t)set.idle_timeout_s * 1000;
}

void ui_instructor_open(Ui *ui)
{
    /* The instructor keeps the language and text size chosen before the
     * PIN; a participant after them starts with the kiosk's settings. */
    Lang lang = ui->lang;
    float scale = ui->text_scale;
    ui_end_session(ui);
    ui->lang = lang;
    ui->text_scale = scale;
    ui->instructor = true;
    ui_go(ui, SCR_INSTRUCTOR);
}

void ui_packs_replace(Ui *ui, Pack **packs, size_t npacks)
{
    ui->cfg.packs = packs;
    ui->cfg.npacks = npacks;
    if ((size_t)ui->pack >= npacks) {
        ui->pack = 0;
        ui->unit = 0;
    }
    ui->dirty = true;
}

bool ui_packs_reload(Ui *ui)
{
    Pack **packs = NULL;
    size_t n = 0;
    if (ui->participant || !ui->cfg.reload_packs ||
        ui->cfg.reload_packs(ui->cfg.reload_ctx, &packs, &n) != MB_OK)
        return false;
    ui->cfg.packs = packs;
    ui->cfg.npacks = n;
    ui->pack = 0;
    ui->unit = 0;
    return true;
}

bool ui_instructor(Ui *ui)
{
    return ui->instructor;
}

void ui_end_session(Ui *ui)
{
    ui->instructor = false;
    ui->quit = false;
    ui->participant = 0;
    ui->who[0] = 0;
    /* The next participant starts with the kiosk's settings. */
    ui_settings_apply(ui);
    ui->lang = ui->start_lang;
    ui->text_scale = ui->start_text_scale;
    ui_set_contrast(ui, false);
    learn_round_free(&ui->round);
    ui_go(ui, SCR_ATTRACT);
}

void ui_edit_insert(Ui *ui, const char *text)
{
    if (!ui->edit)
        return;
    size_t n = strlen(ui->edit), m = strlen(text);
    if (n + m < ui->edit_cap)
        memcpy(ui->edit + n, text, m + 1);
}

void ui_edit_delete(Ui *ui)
{
    size_t n = ui->edit ? strlen(ui->edit) : 0;
    /* The whole last character, not its last byte. */
    while (n > 0 && ((unsigned char)ui->edit[n - 1] & 0xC0) == 0x80)
        n--;
    if (n > 0)
        ui->edit[n - 1] = 0;
}

/* How long a notice stays when it is not tapped away. */
#define UI_NOTICE_MS 10000

void ui_notice(Ui *ui, const char *fmt, const char *arg)
{
    ui->notice = fmt;
    snprintf(ui->notice_arg, sizeof ui->notice_arg, "%s", arg ? arg : "");
    ui->notice_until = ui->now + UI_NOTICE_MS;
    ui->changed = true;
    ui->dirty = true;
}

void ui_store_failed(Ui *ui, const char *fmt)
{
    ui_notice(ui, fmt, ui->store ? store_errmsg(ui->store) : tr(ui, "no database"));
}
