/* The attract screen: the kiosk waiting for someone. The title, what the
 * course is about, a term from its glossary that changes every few seconds
 * (one redraw per change, nothing in between), and the whole screen is the
 * start button; the language toggle sits on top. */
#include "screens.h"

#include <string.h>

/* The rotating glossary term on a card, centred in the room between y and
 * the start button; left out when it does not fit. */
static void attract_term(Ui *ui, const Pack *p, int y, int bottom, int w)
{
    size_t k = (size_t)(ui->now / UI_ATTRACT_ROTATE_MS) % p->nglossary;
    const GlossaryText *g = &p->glossary[k].lang[ui->lang];
    if (!g->text || !g->definition)
        return;
    int cw = MB_MIN(w - px(ui, TOK.space_3xl), px(ui, TOK.term_w));
    int cx = (ui->w - cw) / 2, pad = px(ui, TOK.pad);
    int avail = bottom - px(ui, TOK.space_2xl) - (y + px(ui, TOK.space_2xl));
    TextStyle ts = ui_style(ui, SZ_BODY, TEXT_BOLD);
    ts.align = TEXT_ALIGN_CENTER;
    /* A long definition is shortened on purpose: the card is a teaser. */
    TextStyle ds = ui_style(ui, SZ_CAPTION, 0);
    ds.align = TEXT_ALIGN_CENTER;
    ds.max_lines = 3;
    ds.cut = true;
    int th = ui_text_height_st(ui, cw - 2 * pad, g->text, &ts);
    int dh = ui_text_height_st(ui, cw - 2 * pad, g->definition, &ds);
    int ch = th + dh + 2 * pad;
    if (ch > avail)
        return;
    int cy = y + px(ui, TOK.space_2xl) + (avail - ch) / 2;
    ui_rect(ui, (Rect){cx, cy, cw, ch}, ui->th.card, px(ui, TOK.radius));
    ui_text_st(ui, cx + pad, cy + pad, cw - 2 * pad, g->text, &ts, ui->th.accent);
    ui_text_st(ui, cx + pad, cy + pad + th, cw - 2 * pad, g->definition, &ds, ui->th.ink);
}

/* The instructor's hidden way in: a press held UI_HOLD_MS on the title
 * (still, not moved) opens the PIN pad, and its release is no tap. A
 * press lifted after UI_TAP_MAX_MS but before that does nothing; a
 * shorter one is a tap and starts, as anywhere else. True when it took
 * this pass. */
static bool attract_hold(Ui *ui, Rect title)
{
    if (!rect_contains(title, ui->press_x, ui->press_y))
        return false;
    if (ui->tap_pending && ui->now - ui->press_ms >= UI_TAP_MAX_MS) {
        ui->tap_pending = false; /* lifted early: neither */
        return false;
    }
    if (!ui->pressed || ui->dragging || ui->gesture_void)
        return false;
    uint64_t due = ui->press_ms + UI_HOLD_MS;
    if (ui->now < due) {
        ui->wake_ms = due;
        return false;
    }
    ui->gesture_void = true;
    ui_go(ui, SCR_PIN);
    return true;
}

static void attract_frame(Ui *ui, void *state)
{
    (void)state;
    int m = px(ui, TOK.margin_wide), inset = ui_touch_gap(ui, TOK.bar_inset);
    ui_rect(ui, (Rect){0, 0, ui->w, ui->h}, ui->th.bg, 0);
    int lw = ui_touch_px(ui, TOK.lang_w);
    if (ui_lang_toggle(ui, (Rect){ui->w - lw - inset, inset, lw, ui_touch_px(ui, TOK.toggle_h)}))
        return;
    int y = ui->h / 5;
    int w = ui->w - 2 * m;
    int title_h = ui_text(ui, m, y, w, "明白  Mingbai", SZ_HERO, TEXT_BOLD, ui->th.accent,
                          TEXT_ALIGN_CENTER);
    if (attract_hold(ui, (Rect){m, y, w, title_h}))
        return;
    y += title_h;
    y += px(ui, TOK.space_m);
    const char *sub = tr(ui, "Reading the feed: a critical course on platforms");
    y += ui_text(ui, m, y, w, sub, SZ_HEADING, 0, ui->th.ink, TEXT_ALIGN_CENTER);
    const Pack *p = ui_pack(ui);
    if (p && p->description[ui->lang] && !p->nglossary) {
        int indent = px(ui, TOK.space_3xl);
        y += px(ui, TOK.space_l);
        y += ui_text(ui, m + indent, y, w - 2 * indent, p->description[ui->lang], SZ_BODY, 0,
                     ui->th.muted, TEXT_ALIGN_CENTER);
    }
    int bw = MB_MIN(w, px(ui, TOK.hero_action_w)), bh = ui_touch_px(ui, TOK.hero_h);
    Rect b = {(ui->w - bw) / 2, ui->h - bh - px(ui, TOK.space_4xl), bw, bh};
    if (p && p->nglossary)
        attract_term(ui, p, y, b.y, w);
    /* The button starts, and so does a tap anywhere else. */
    bool start = ui_button(ui, b, tr(ui, "Tap anywhere to start"), BTN_PRIMARY);
    ui_add_target(ui, (Rect){0, 0, ui->w, ui->h}, "start");
    if (start || ui_tapped(ui, (Rect){0, 0, ui->w, ui->h}))
        ui_go(ui, SCR_LANGUAGE);
}

const ScreenDef screen_attract = {.name = "attract", .frame = attract_frame};
