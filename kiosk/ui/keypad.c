/* The on-screen keyboard: one button per key, typing into the screen's text
 * field (ui->edit), with Delete and Clear. The kiosk has no hardware
 * keyboard, so this is how names and short answers are typed. */
#include "widgets.h"

#include <string.h>

int ui_keypad(Ui *ui, int x, int y, int w, const char *keys, int cols)
{
    int n = (int)strlen(keys);
    int gap = px(ui, TOK.keypad_gap);
    int kw = (w - (cols - 1) * gap) / cols, kh = px(ui, TOK.target);
    for (int i = 0; i < n; i++) {
        char label[2] = {keys[i], 0};
        int cx = x + (i % cols) * (kw + gap), cy = y + (i / cols) * (kh + gap);
        if (ui_button(ui, (Rect){cx, cy, kw, kh}, label, BTN_SECONDARY))
            ui_edit_insert(ui, label);
    }
    int rows = (n + cols - 1) / cols;
    int yy = y + rows * (kh + gap);
    int bw = (w - gap) / 2;
    if (ui_button(ui, (Rect){x, yy, bw, kh}, tr(ui, "Delete"), BTN_SECONDARY))
        ui_edit_delete(ui);
    if (ui_button(ui, (Rect){x + bw + gap, yy, bw, kh}, tr(ui, "Clear"), BTN_SECONDARY) && ui->edit)
        ui->edit[0] = 0;
    return yy + kh - y;
}
