/* The glossary card: a term the participant tapped in the reader, shown in
 * both languages (theirs first) with its definition and note, over the
 * reader. Its button, or a tap anywhere, closes it. */
#include "screens.h"

/* One language's entry at y (measured only when !draw); returns its height. */
static int glossary_entry(Ui *ui, const GlossaryText *gt, Lang l, int x, int y, int w, bool draw)
{
    TextStyle head = ui_style(ui, SZ_HEADING, TEXT_BOLD), body = ui_style(ui, SZ_BODY, 0),
              note = ui_style(ui, SZ_SMALL, 0);
    head.lang = body.lang = note.lang = l;
    int y0 = y;
    int after_term = px(ui, TOK.space_xs), after = px(ui, TOK.space_s);
    if (draw)
        ui_text_st(ui, x, y, w, gt->text, &head, ui->th.accent);
    y += ui_text_height_st(ui, w, gt->text, &head) + after_term;
    if (gt->definition) {
        if (draw)
            ui_text_st(ui, x, y, w, gt->definition, &body, ui->th.ink);
        y += ui_text_height_st(ui, w, gt->definition, &body) + after;
    }
    if (gt->note) {
        if (draw)
            ui_text_st(ui, x, y, w, gt->note, &note, ui->th.muted);
        y += ui_text_height_st(ui, w, gt->note, &note) + after;
    }
    return y - y0 + px(ui, TOK.gap);
}

/* Both languages, the participant's first; returns the height. */
static int glossary_entries(Ui *ui, const GlossaryTerm *g, int x, int y, int w, bool draw)
{
    int h = 0;
    for (int k = 0; k < LANG_COUNT; k++) {
        Lang l = k == 0 ? ui->lang : (ui->lang == LANG_EN ? LANG_ZH : LANG_EN);
        if (g->lang[l].text)
            h += glossary_entry(ui, &g->lang[l], l, x, y + h, w, draw);
    }
    return h;
}

bool glossary_card(Ui *ui, const GlossaryTerm *g)
{
    ui_scrim(ui);
    int w = MB_MIN(ui->w - px(ui, TOK.margin_wide), px(ui, TOK.card_w));
    int pad = px(ui, TOK.space_2xl), iw = w - 2 * pad, x = (ui->w - w) / 2;
    int bh = px(ui, TOK.button_h);
    int h = pad + glossary_entries(ui, g, x + pad, 0, iw, false) + bh + pad;
    Rect box = {x, MB_MAX(px(ui, TOK.space_m), (ui->h - h) / 2), w, h};
    ui_rect(ui, box, ui->th.surface, px(ui, TOK.radius_l));
    int y = box.y + pad;
    y += glossary_entries(ui, g, x + pad, y, iw, true);
    int bw = MB_MIN(iw, px(ui, TOK.dialog_action_w));
    Rect b = {(ui->w - bw) / 2, y, bw, bh};
    return ui_button(ui, b, tr(ui, "Close"), BTN_PRIMARY) ||
           ui_tapped(ui, (Rect){0, 0, ui->w, ui->h});
}
