/* A notice: a message over any screen saying what could not be done (the
 * store refused a write, a list could not be read), so that nothing fails
 * silently. It stays a few seconds; a tap on it closes it, a tap elsewhere
 * goes to the screen. */
#include "screens.h"

static const char *notice_text(Ui *ui)
{
    return arena_printf(&ui->frame, tr(ui, ui->notice), ui->notice_arg);
}

static Rect notice_box(Ui *ui, const char *text, const TextStyle *st, int *th)
{
    int m = px(ui, TOK.margin), pad = px(ui, TOK.pad);
    int w = MB_MIN(ui->w - 2 * m, px(ui, TOK.content_w));
    *th = ui_text_height_st(ui, w - 2 * pad, text, st);
    int h = *th + 2 * pad;
    return (Rect){(ui->w - w) / 2, ui->h - ui_bottom_bar_h(ui) - h - px(ui, TOK.gap), w, h};
}

bool notice_shown(Ui *ui)
{
    return ui->notice && ui->now < ui->notice_until;
}

bool notice_take_tap(Ui *ui)
{
    TextStyle st = ui_style_fixed(ui, SZ_BODY, TEXT_BOLD);
    int th;
    if (!notice_shown(ui) || !ui_tapped(ui, notice_box(ui, notice_text(ui), &st, &th)))
        return false;
    ui->notice = NULL;
    return true;
}

void notice_draw(Ui *ui)
{
    TextStyle st = ui_style_fixed(ui, SZ_BODY, TEXT_BOLD);
    int th, pad = px(ui, TOK.pad), rad = px(ui, TOK.radius);
    const char *text = notice_text(ui);
    Rect box = notice_box(ui, text, &st, &th);
    ui_rect(ui, box, ui->th.bad_bg, rad);
    ui_frame_rect(ui, box, ui->th.bad, rad, MB_MAX(2, px(ui, TOK.field_stroke)));
    ui_text_st(ui, box.x + pad, box.y + pad, box.w - 2 * pad, text, &st, ui->th.ink);
    ui_add_target(ui, box, text);
}
