/* The idle prompt: after a few minutes without a touch, "Are you still
 * there?" over the screen. Any touch dismisses it (input.c); thirty
 * seconds later the session ends (frame.c). Answers are already kept. */
#include "screens.h"

static void idle_frame(Ui *ui, void *state)
{
    (void)state;
    ui_scrim(ui);
    int m = px(ui, TOK.margin);
    int w = MB_MIN(ui->w - px(ui, TOK.space_3xl), px(ui, TOK.dialog_w));
    int h = px(ui, TOK.dialog_h);
    Rect box = {(ui->w - w) / 2, (ui->h - h) / 2, w, h};
    ui_rect(ui, box, ui->th.surface, px(ui, TOK.radius_l));
    int y = box.y + m;
    y += ui_text(ui, box.x + m, y, w - 2 * m, tr(ui, "Are you still there?"), SZ_HEADING, TEXT_BOLD,
                 ui->th.ink, TEXT_ALIGN_CENTER);
    y += px(ui, TOK.space_m);
    ui_text(ui, box.x + m, y, w - 2 * m, tr(ui, "Your answers are saved. Tap to keep going."),
            SZ_BODY, 0, ui->th.muted, TEXT_ALIGN_CENTER);
    int bh = px(ui, TOK.button_h);
    Rect b = {box.x + m, box.y + h - bh - px(ui, TOK.space_2xl), w - 2 * m, bh};
    if (ui_button(ui, b, tr(ui, "I'm still here"), BTN_PRIMARY))
        ui->idle_prompt = false;
}

const ScreenDef overlay_idle = {.name = "idle", .frame = idle_frame};
