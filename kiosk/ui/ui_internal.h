/* Private state and widgets of the ui module. */
#ifndef MINGBAI_UI_INTERNAL_H
#define MINGBAI_UI_INTERNAL_H

#include "mingbai/learn.h"
#include "mingbai/ui.h"

#define UI_MAX_TARGETS 256
#define UI_IDLE_MS (3 * 60 * 1000)
#define UI_IDLE_PROMPT_MS (30 * 1000)
#define UI_ATTRACT_ROTATE_MS 12000

typedef struct {
    Rect r;
    const char *label;
} Target;

typedef struct {
    Color bg, surface, ink, muted, accent, accent_ink, line, good, bad, card, warn;
    Color chosen_bg, good_bg, bad_bg, panel;
} Theme;

/* Sizes in device-independent units (800x480 = 1.0). */
enum {
    SZ_SMALL = 15,
    SZ_BODY = 19,
    SZ_BUTTON = 19,
    SZ_HEADING = 24,
    SZ_TITLE = 30,
    SZ_HERO = 46,
};

struct Ui {
    UiConfig cfg;
    Store *store;
    TextEngine *te;
    int w, h;
    float s;          /* scale from 800x480 units to pixels */
    float text_scale; /* participant's text size: 1, 1.2, 1.45 */
    bool contrast;    /* the high-contrast theme */
    Theme th;
    Lang lang;
    ScreenId screen;
    bool dirty;

    /* pointer */
    bool pressed, dragging;
    int press_x, press_y, last_x, last_y;
    uint64_t last_move_ms, last_input_ms;
    float drag_velocity; /* px per ms */
    bool tap_pending;
    int tap_x, tap_y;

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
    bool cut_ok; /* the text being drawn may be shortened on purpose */
    int nproblems;

    /* sign-in: the name being typed */
    char name[48];

    /* session */
    int64_t participant;
    bool idle_prompt;

    /* where we are */
    int pack, unit;   /* indexes into cfg.packs / its units */

    /* scrolling (reader, quiz, feedback, lists) */
    float scroll, velocity, scroll_max;
    uint64_t anim_ms;
    bool animating;

    /* reader: a paragraph shown beside its translation, a glossary card */
    int bi_block;            /* block index, or -1 */
    const GlossaryTerm *gloss;

    /* review: questions due again, across units */
    bool reviewing;
    struct {
        int unit, q;
    } rv[32];
    int nrv;

    /* quiz */
    int qindex;
    int nquestions;
    Response resp;
    int match_left;   /* matching: the left item tapped first, or -1 */
    uint64_t q_started_ms;
    int64_t q_started_wall;
    Score score;
    bool saved;
    char save_error[160];
    double sum_score, sum_max;
    const Question *missed[128];
    int nmissed;
};

/* strings.c */
const char *tr(Ui *ui, const char *en);
const char *tr_lang(Lang l, const char *en);
size_t tr_catalog_size(void);
const char *tr_symbols(void);
const char *tr_catalog_en(size_t i);
const char *tr_catalog_zh(size_t i);

/* ui.c: widgets */
int px(Ui *ui, float units);
int text_px(Ui *ui, float units);
void ui_set_screen(Ui *ui, ScreenId s);
void ui_rect(Ui *ui, Rect r, Color c, int radius);
void ui_frame_rect(Ui *ui, Rect r, Color c, int radius, int thickness);
/* Draws text wrapped to w at x, y; returns its height. */
int ui_text(Ui *ui, int x, int y, int w, const char *s, int size_units, uint32_t flags, Color c,
            int align);
int ui_text_ex(Ui *ui, int x, int y, int w, const char *s, size_t len, const TextStyle *st,
               const TextSpan *spans, size_t nspans, Color c, const TextLayout **out);
int ui_text_height(Ui *ui, int w, const char *s, int size_units, uint32_t flags);
const TextLayout *ui_layout(Ui *ui, const char *s, int size_units, uint32_t flags, int w,
                            int align, int max_lines);
enum { BTN_PRIMARY, BTN_SECONDARY, BTN_CHOICE, BTN_CHOICE_ON, BTN_QUIET, BTN_GOOD, BTN_BAD };
bool ui_button(Ui *ui, Rect r, const char *label, int style);
/* A button whose label may wrap; returns true when tapped; *h_out its height. */
bool ui_button_wrap(Ui *ui, int x, int y, int w, const char *label, int style, int *h_out);
bool ui_tapped(Ui *ui, Rect r);
void ui_add_target(Ui *ui, Rect r, const char *label);
void ui_push_clip(Ui *ui, Rect r);
void ui_pop_clip(Ui *ui);
/* Top bar with a back button (label or NULL), a title and the language toggle.
 * Returns the bar height; *back set when back was tapped. */
int ui_top_bar(Ui *ui, const char *back, const char *title, bool *back_tapped);
bool ui_lang_toggle(Ui *ui, Rect r);
bool ui_size_toggle(Ui *ui, Rect r);
bool ui_contrast_toggle(Ui *ui, Rect r);
void ui_set_contrast(Ui *ui, bool on);
void ui_scroll_reset(Ui *ui);
void ui_scroll_update(Ui *ui, int content_h, int view_h);
void ui_scroll_indicator(Ui *ui, Rect view, int content_h);
/* Ends a scrolled view begun with ui_push_clip: clamps the scroll to the
 * measured content and draws the position indicator. */
void ui_scroll_end(Ui *ui, Rect view, int content_h);
/* Draws the bar at the bottom of the screen and returns its rect. */
Rect ui_bottom_bar(Ui *ui, int bar_h);

/* screens.c */
void screen_attract(Ui *ui);
void screen_language(Ui *ui);
void screen_signin(Ui *ui);
void screen_home(Ui *ui);
void screen_reader(Ui *ui);
void screen_quiz(Ui *ui);
void screen_feedback(Ui *ui);
void screen_summary(Ui *ui);
void screen_name(Ui *ui);
/* The text field the keyboard types into on this screen, or NULL. */
char *ui_edit_buffer(Ui *ui, size_t *cap);
void ui_start_session(Ui *ui, int64_t participant);
void ui_end_session(Ui *ui);

#endif
