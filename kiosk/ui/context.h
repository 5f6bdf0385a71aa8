/* The interface context: what every screen and widget of the ui shares.
 * The participant's session (who, which pack and unit, the round being
 * answered), the display (size, scale, text size, theme, language), the
 * pointer and scrolling state, and the frame being built. A screen keeps
 * its own state in its own file (screens/), never here. Private to
 * kiosk/ui. */
#ifndef MINGBAI_UI_CONTEXT_H
#define MINGBAI_UI_CONTEXT_H

#include "mingbai/learn.h"
#include "mingbai/ui.h"
#include "theme.h"

#define UI_MAX_TARGETS 256
#define UI_IDLE_MS (3 * 60 * 1000)
#define UI_IDLE_PROMPT_MS (30 * 1000)
#define UI_ATTRACT_ROTATE_MS 12000
/* The instructor's way in: a press this long on the attract screen's title;
 * a press lifted after UI_TAP_MAX_MS but before it is neither a tap nor
 * the gesture. */
#define UI_HOLD_MS 3000
#define UI_TAP_MAX_MS 1000

/* A tappable widget of the last frame, for replay and tests. */
typedef struct {
    Rect r;            /* the part that can be seen (inside the clip) */
    Rect full;         /* the whole widget, seen or not */
    const char *label; /* in the frame arena */
    unsigned flags;    /* TARGET_* */
} Target;

/* A target inside running text (a glossary term): the text around it is
 * tappable too and a tap goes to the nearest, so its neighbours' distance
 * is not checked, only its size. */
#define TARGET_INLINE 1u
/* A target a drag carries (an item to sort) rather than scrolling the
 * view: where it is let go is a drop (ui_dropped). */
#define TARGET_DRAG 2u

struct Ui {
    UiConfig cfg;
    Store *store;     /* borrowed from cfg */
    TextEngine *te;   /* borrowed from cfg */
    int w, h;
    float s;          /* scale from 800x480 units to pixels */
    float text_scale; /* participant's text size: 1, 1.2, 1.45 */
    bool contrast;    /* the high-contrast theme */
    Theme th;
    Lang lang;
    ScreenId screen;
    const char *screen_name; /* static; for messages */
    ScreenId next;    /* the screen ui_go asked for; entered after this pass */
    bool going;
    bool dirty;
    void *state[SCR_COUNT]; /* each screen's own state, owned here */

    /* pointer */
    bool pressed, dragging;
    int press_x, press_y, last_x, last_y;
    uint64_t last_move_ms, last_input_ms;
    float drag_velocity; /* px per ms */
    bool gesture_void; /* this press dismissed an overlay or stopped a fling:
                          its release is no tap */
    bool held;         /* a layer holds this pass's tap (ui_modal_hold): the
                          screen under it shows no press */
    bool tap_pending;  /* a press and release without a drag, not yet taken */
    int tap_x, tap_y;  /* where it was released (press_x, press_y: pressed) */
    bool drag_item;    /* the press met a TARGET_DRAG target and was held before
                          moving (input.c, UI_CARRY_MS): moving carries it */
    bool drop_pending; /* such a drag was let go at tap_x, tap_y, not yet taken */

    /* the text field the keyboard types into (a screen sets it), or NULL */
    char *edit;
    size_t edit_cap;

    /* frame */
    DrawList *dl;
    Arena frame;
    Target targets[UI_MAX_TARGETS];
    int ntargets;
    Rect clip;
    bool changed;
    uint64_t now;
    uint64_t last_frame_ms;
    StrBuf problems;
    int nproblems;

    /* a message over the screen (a store failure) until notice_until */
    const char *notice;       /* a catalogue key with one %s, or NULL */
    char notice_arg[200];
    uint64_t notice_until;

    /* the instructor's screens are open (ui_instructor_open); they close
     * back to the attract screen */
    bool instructor;
    /* the screen has work left for the next frames (an import or an
     * export in steps):
     * set by the screen in each pass that leaves some, so the next frame
     * is due at once */
    bool working;
    /* the instructor chose "Leave the kiosk" (ui_quit_allowed) */
    bool quit;
    /* the database cannot be used (the fault screen): why, the file, the
     * log's message; retry: "Try again" was tapped (ui_take_retry) */
    StoreProblem fault;
    char fault_path[256];
    char fault_detail[512];
    bool retry;
    /* the kiosk's settings (ui_settings_apply): what a participant starts
     * with, and the quiet time before the idle prompt */
    Lang start_lang;
    float start_text_scale;
    uint64_t idle_ms;

    /* session */
    int64_t participant;      /* > 0: a participant row exists; 0: no session */
    char who[128];            /* their name as the top bar shows it, read at sign-in */
    bool who_guest;           /* a guest: the bar says "Guest" in the language shown */
    bool answer_kept;         /* the last answer submitted is in the store */
    bool idle_prompt;
    int pack, unit;   /* indexes into cfg.packs / its units */
    LearnRound round; /* the quiz or review being answered */

    /* scrolling of the screen's one scrolled view */
    float scroll, velocity, scroll_max;
    uint64_t anim_ms;
    bool animating;
    /* the scroll of a layer over the screen (a dialog, the glossary card):
     * while one was shown in the last frame, dragging, the wheel and keys
     * move it, not the screen under it */
    float layer_scroll;
    bool layer_open, layer_seen;

    /* when the pointer went down (a long press counts from it) */
    uint64_t press_ms;
    /* a frame the screen asks for without input (a long press coming due,
     * a countdown), or 0; set again by the screen in each frame */
    uint64_t wake_ms;
};

/* Typing into ui->edit (nothing when NULL): appends text when it fits;
 * deletes the last character. */
void ui_edit_insert(Ui *ui, const char *text);
void ui_edit_delete(Ui *ui);

/* Pixels for units at the screen's scale; text_px also applies the
 * participant's text size. */
/* Sets ui->s from the screen's size. */
void ui_compute_scale(Ui *ui);
int px(Ui *ui, float units);
int text_px(Ui *ui, float units);
/* Pixels for a length on the glass, from the display's pixels per
 * millimetre (cfg.px_per_mm; 5.2, a 7-inch 800x480 panel, when unknown). */
int ui_mm(Ui *ui, float mm);
/* The smallest a touch target gets on this display, and the least space
 * between two targets side by side (UI_TARGET_MM, UI_TARGET_GAP_MM). */
#define UI_TARGET_MM 9.0f
#define UI_TARGET_GAP_MM 2.0f
int ui_target_px(Ui *ui);
/* px(units) but never less than a touch target. */
int ui_touch_px(Ui *ui, float units);
/* px(units) but never less than the space between two targets. */
int ui_touch_gap(Ui *ui, float units);

/* Leaves the current screen and enters s once the current pass of the frame
 * is over (the frame then runs s). */
void ui_go(Ui *ui, ScreenId s);
/* Starts a participant's session on the home screen (participant must be
 * a row of the store: > 0; otherwise nothing happens); ends it (back to the
 * attract screen, defaults for the next participant). */
void ui_start_session(Ui *ui, int64_t participant);
void ui_end_session(Ui *ui);
void ui_set_contrast(Ui *ui, bool on);
/* Reads the kiosk's settings from the store into start_lang,
 * start_text_scale and idle_ms (the defaults without a store, or when it
 * fails: logged); the language set on the command line stands unless the
 * instructor chose one. The participant of the moment keeps theirs. */
void ui_settings_apply(Ui *ui);

/* Shows a message over any screen for a few seconds (or until tapped):
 * fmt is a static catalogue string with one %s (shown through tr(), so in
 * the language of the moment), filled with arg (copied). */
void ui_notice(Ui *ui, const char *fmt, const char *arg);
/* Shows what failed in the store: fmt as for ui_notice, with the store's
 * message. */
void ui_store_failed(Ui *ui, const char *fmt);

/* The packs in the store changed (an instructor's screen imported, hid,
 * showed or removed one): asks the program for the packs participants see
 * now (cfg.reload_packs) and shows the first. Only while no participant's
 * session is open. False (and the packs as they were) when it failed. */
bool ui_packs_reload(Ui *ui);
/* The pack shown, or NULL when none is installed; borrowed from cfg. */
Pack *ui_pack(Ui *ui);
/* True when answers and progress can be kept for this session. */
bool ui_recording(Ui *ui);

/* Interface strings in the participant's language (strings.c); the
 * result is static. */
const char *tr(Ui *ui, const char *en);
const char *tr_lang(Lang l, const char *en);
size_t tr_catalog_size(void);
const char *tr_symbols(void);
const char *tr_catalog_en(size_t i);
const char *tr_catalog_zh(size_t i);

/* Scrolling (input.c): back to the top; clamps to the measured content and
 * moves an inertial scroll on (call once per pass with the content's and
 * the view's heights). */
void ui_scroll_reset(Ui *ui);
void ui_scroll_update(Ui *ui, int content_h, int view_h);

#endif
