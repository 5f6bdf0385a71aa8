/* The instructor's home: what an instructor can do, one button each, and
 * the way back to the participants' kiosk. Reached only through the PIN
 * (ui_instructor_open); each entry opens its own screen, and each of those
 * comes back here. */
#include "screens.h"

/* The instructor's screens, in the order the home lists them. */
static const struct {
    const char *label; /* catalogue key */
    ScreenId screen;
} instructor_menu[] = {
    {NULL, SCR_INSTRUCTOR}, /* (none yet beyond this home) */
    {"Sessions", SCR_SESSIONS},
    {"Class results", SCR_RESULTS},
    {"Discussion", SCR_DISCUSSION},
    {"Export", SCR_EXPORT},
};

static void instructor_frame(Ui *ui, void *state)
{
    (void)state;
    if (!ui->instructor) { /* never shown to a participant */
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    bool leave;
    int top = ui_top_bar_end(ui, tr(ui, "Instructor"), tr(ui, "Back to the kiosk"), &leave);
    if (leave) {
        ui_end_session(ui);
        return;
    }
    int x, w = screen_column(ui, &x);
    int y = top + px(ui, TOK.section), bh = ui_touch_px(ui, TOK.row_h);
    int gap = ui_touch_gap(ui, TOK.gap);
    for (size_t i = 0; i < MB_COUNT(instructor_menu); i++) {
        if (!instructor_menu[i].label)
            continue;
        if (ui_button(ui, (Rect){x, y, w, bh}, tr(ui, instructor_menu[i].label), BTN_SECONDARY))
            ui_go(ui, instructor_menu[i].screen);
        y += bh + gap;
    }
}

const ScreenDef screen_instructor = {.name = "instructor", .frame = instructor_frame};
