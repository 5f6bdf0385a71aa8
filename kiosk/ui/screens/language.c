/* The language choice: both languages on screen at once, because the
 * participant may read only one of them. */
#include "screens.h"

static void language_frame(Ui *ui, void *state)
{
    (void)state;
    int m = px(ui, TOK.margin_wide), w = ui->w - 2 * m;
    int y = px(ui, TOK.space_5xl);
    TextStyle st = ui_style(ui, SZ_TITLE, TEXT_BOLD);
    st.align = TEXT_ALIGN_CENTER;
    y += ui_text_st(ui, m, y, w, "Choose your language", &st, ui->th.ink);
    st.lang = LANG_ZH;
    y += ui_text_st(ui, m, y, w, "选择语言", &st, ui->th.ink);
    int gap = ui_touch_gap(ui, TOK.margin);
    int bw = MB_MIN(px(ui, TOK.language_w), (w - gap) / 2), bh = ui_touch_px(ui, TOK.language_h);
    int x0 = (ui->w - 2 * bw - gap) / 2;
    y = MB_MAX(y + px(ui, TOK.section), ui->h / 2 - bh / 2 + px(ui, TOK.space_2xl));
    if (ui_button_in(ui, (Rect){x0, y, bw, bh}, "English", BTN_SECONDARY, LANG_EN)) {
        ui->lang = LANG_EN;
        ui_go(ui, SCR_SIGNIN);
    } else if (ui_button_in(ui, (Rect){x0 + bw + gap, y, bw, bh}, "中文（简体）", BTN_SECONDARY,
                            LANG_ZH)) {
        ui->lang = LANG_ZH;
        ui_go(ui, SCR_SIGNIN);
    }
}

const ScreenDef screen_language = {.name = "language", .frame = language_frame};
