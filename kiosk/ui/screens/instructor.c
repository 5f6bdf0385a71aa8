/* The instructor's home: what an instructor can do, one button each, and
 * the way back to the participants' kiosk. Reached only through the PIN
 * (ui_instructor_open); each entry opens its own screen, and each of those
 * comes back here. Under the entries, whether a seminar session is open
 * (its title and the answers so far), read when the home is entered. */
#include "screens.h"

#include <stdlib.h>
#include <string.h>

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
    {"Packs", SCR_PACKS},
    {"Roster", SCR_ROSTER},
    {"Settings", SCR_SETTINGS},
    {"Leave the kiosk", SCR_COUNT}, /* not a screen: asks, then the program ends */
};

typedef struct {
    bool ask_leave;
    char *status; /* the session line, or NULL when it could not be read */
    char *recovered; /* what the recovery of a damaged database did, or NULL */
    const char *recovered_title; /* its dialog's title (English, for tr()) */
} InstructorState;

/* The setting "recovered" (app.c: the folder the damaged database went to,
 * a newline, the backup restored; or the folder a -wal not the database's
 * own went to, a newline) as a sentence, or NULL; *title for its dialog. */
static char *instructor_recovered(Ui *ui, const char **title)
{
    char *v = store_setting_get(ui->store, "recovered");
    char *nl = v ? strchr(v, '\n') : NULL;
    char *out = NULL;
    *title = "The database was restored from a backup";
    if (nl && !nl[1]) {
        *nl = 0;
        *title = "A stray log file was set aside";
        out = mb_xasprintf(tr(ui, "The log file beside the database (its -wal) came from another database file, so it was not applied. It was moved into %s. The database was kept as it was, with every answer it holds."),
                           v);
    } else if (nl) {
        *nl = 0;
        out = mb_xasprintf(tr(ui, "The database was damaged. It was moved with the files beside it into %s, and the backup %s was restored: answers given after that backup are only in the moved folder."),
                           v, nl + 1);
    }
    free(v);
    return out;
}

/* The recovery told over the home until the instructor taps "Noted"
 * (which forgets it). */
static void instructor_recovery_note(Ui *ui, InstructorState *st)
{
    int b = ui_dialog(ui, tr(ui, st->recovered_title), NULL, st->recovered,
                      tr(ui, "Noted"), NULL);
    if (b == 1 && store_setting_set(ui->store, "recovered", NULL) == MB_OK) {
        free(st->recovered);
        st->recovered = NULL;
        ui->changed = true;
    }
}

static void instructor_enter(Ui *ui, void *state)
{
    InstructorState *st = state;
    st->ask_leave = false;
    free(st->status);
    st->status = NULL;
    free(st->recovered);
    st->recovered = NULL;
    if (!ui->store)
        return;
    st->recovered = instructor_recovered(ui, &st->recovered_title);
    int64_t id = store_session_current(ui->store);
    StoreSession s = {0};
    if (id == 0)
        st->status = mb_xstrdup(tr(ui, "No session is open: answers given now belong to no session."));
    else if (id > 0 && store_session_get(ui->store, id, &s) == MB_OK)
        st->status = mb_xasprintf(tr(ui, "Open session: %s · answers so far: %lld"), s.title,
                                  (long long)s.answers);
    store_session_clear(&s);
}

static void instructor_leave(Ui *ui, void *state)
{
    (void)ui;
    InstructorState *st = state;
    free(st->status);
    st->status = NULL;
    free(st->recovered);
    st->recovered = NULL;
}

/* "Leave the kiosk?" over the home: yes lets the program end
 * (ui_quit_allowed). */
static void instructor_ask_leave(Ui *ui, InstructorState *st)
{
    int b = ui_dialog(ui, tr(ui, "Leave the kiosk?"), NULL,
                      tr(ui, "The kiosk program ends. Participants cannot use it until it is started again."),
                      tr(ui, "Leave"), tr(ui, "Stay"));
    if (b == 1)
        ui->quit = true;
    if (b)
        st->ask_leave = false;
}

static void instructor_frame(Ui *ui, void *state)
{
    InstructorState *st = state;
    if (!ui->instructor) { /* never shown to a participant */
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    bool tap = (st->ask_leave || st->recovered) && ui_modal_hold(ui);
    bool leave;
    int top = ui_top_bar_end(ui, tr(ui, "Instructor"), tr(ui, "Back to the kiosk"), &leave);
    if (leave) {
        ui_end_session(ui);
        return;
    }
    /* Two columns where the screen is wider than tall: every entry shows
     * without scrolling at 800x480. */
    int x, w = screen_column(ui, &x), cols = ui->w > ui->h ? 2 : 1;
    int y0 = top + px(ui, TOK.space_2xl), bh = ui_touch_px(ui, TOK.row_h);
    int gap = ui_touch_gap(ui, TOK.gap), bw = (w - (cols - 1) * gap) / cols, k = 0;
    for (size_t i = 0; i < MB_COUNT(instructor_menu); i++) {
        if (!instructor_menu[i].label)
            continue;
        ScreenId to = instructor_menu[i].screen;
        Rect r = {x + (k % cols) * (bw + gap), y0 + (k / cols) * (bh + gap), bw, bh};
        k++;
        if (ui_button(ui, r, tr(ui, instructor_menu[i].label), BTN_SECONDARY)) {
            if (to == SCR_COUNT)
                st->ask_leave = true;
            else
                ui_go(ui, to);
            ui->changed = true;
        }
    }
    if (st->status) {
        int rows = (k + cols - 1) / cols;
        ui_text(ui, x, y0 + rows * (bh + gap) + px(ui, TOK.space_m), w, st->status, SZ_BODY, 0,
                ui->th.muted, TEXT_ALIGN_LEFT);
    }
    if (st->recovered) {
        ui_modal_take(ui, tap);
        instructor_recovery_note(ui, st);
    } else if (st->ask_leave) {
        ui_modal_take(ui, tap);
        instructor_ask_leave(ui, st);
    }
}

const ScreenDef screen_instructor = {.name = "instructor",
                                     .state_size = sizeof(InstructorState),
                                     .enter = instructor_enter,
                                     .leave = instructor_leave,
                                     .frame = instructor_frame};
