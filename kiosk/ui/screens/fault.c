/* The page shown full-screen when the database cannot be used at start-up:
 * what is wrong, in words for the person in front of the kiosk, what to do,
 * and "Try again" (the program opens the database again: ui_take_retry).
 * No participant's session starts from here, so nothing is answered that
 * could not be kept. The page stays until the cause is fixed or the
 * engineer leaves (Ctrl+Alt+Shift+E). */
#include "screens.h"

/* The title and the advice for each problem (catalogue keys). None of
 * them says to move, delete or replace the database or its -wal. */
static void fault_words(StoreProblem p, const char **title, const char **todo)
{
    switch (p) {
    case STORE_LOCKED:
        *title = "Another program is using the database";
        *todo = "Close the other program (a command in a terminal, a second kiosk), then tap Try again. Leave the database and the files beside it where they are.";
        break;
    case STORE_FULL:
        *title = "The disk is full";
        *todo = "Free some space on this disk (old exports, files that are not the kiosk's), then tap Try again. Do not delete the files beside the database: the one ending in -wal holds the newest answers.";
        break;
    case STORE_DAMAGED:
        *title = "The database is damaged";
        *todo = "There is no backup that could be restored, so the file was left as it is. Call the engineer; copy the whole folder to a stick first and change nothing in it.";
        break;
    case STORE_NEWER:
        *title = "The database is from a newer Mingbai";
        *todo = "Install the newer Mingbai that wrote it, then start the kiosk again. The database was not changed.";
        break;
    default:
        *title = "The kiosk cannot save answers here";
        *todo = "The database or its folder is read-only or belongs to another user. Make both writable for the user who runs the kiosk, then tap Try again. No session starts before: answers would be lost.";
        break;
    }
}

static void fault_frame(Ui *ui, void *state)
{
    (void)state;
    int m = px(ui, TOK.margin_wide), inset = ui_touch_gap(ui, TOK.bar_inset);
    ui_rect(ui, (Rect){0, 0, ui->w, ui->h}, ui->th.bg, 0);
    int lw = ui_touch_px(ui, TOK.lang_w);
    if (ui_lang_toggle(ui, (Rect){ui->w - lw - inset, inset, lw, ui_touch_px(ui, TOK.toggle_h)}))
        return;
    const char *title, *todo;
    fault_words(ui->fault, &title, &todo);
    int w = MB_MIN(ui->w - 2 * m, px(ui, TOK.content_w));
    int x = (ui->w - w) / 2, y = ui_touch_px(ui, TOK.toggle_h) + 2 * inset;
    y += ui_text(ui, x, y, w, tr(ui, title), SZ_TITLE, TEXT_BOLD, ui->th.bad, TEXT_ALIGN_LEFT);
    y += px(ui, TOK.space_l);
    y += ui_text(ui, x, y, w, tr(ui, todo), SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT);
    y += px(ui, TOK.space_l);
    /* For the engineer: the file and what the log says. */
    const char *detail = arena_printf(&ui->frame, "%s\n%s", ui->fault_path, ui->fault_detail);
    TextStyle ds = ui_style(ui, SZ_SMALL, 0);
    ds.max_lines = 4; /* the log has it whole */
    ds.cut = true;
    ui_text_st(ui, x, y, w, detail, &ds, ui->th.muted);
    int bw = MB_MIN(w, px(ui, TOK.hero_action_w)), bh = ui_touch_px(ui, TOK.row_h);
    Rect b = {(ui->w - bw) / 2, ui->h - bh - px(ui, TOK.space_2xl), bw, bh};
    if (ui_button(ui, b, tr(ui, "Try again"), BTN_PRIMARY)) {
        ui->retry = true;
        ui->changed = true;
    }
}

const ScreenDef screen_fault = {.name = "fault", .frame = fault_frame};
