/* ui: the kiosk's screens as immediate-mode code. Events and the time go in;
 * a draw list comes out. Never touches SDL, so it runs without a window in
 * tests; gfx turns the same draw list into pixels. */
#ifndef MINGBAI_UI_H
#define MINGBAI_UI_H

#include "mingbai/core.h"
#include "mingbai/pack_model.h"
#include "mingbai/store.h"
#include "mingbai/text.h"

typedef struct Ui Ui;

typedef enum {
    SCR_ATTRACT,
    SCR_LANGUAGE,
    SCR_SIGNIN,
    SCR_HOME,
    SCR_READER,
    SCR_QUIZ,
    SCR_FEEDBACK,
    SCR_SUMMARY,
    SCR_NAME,
    SCR_COUNT
} ScreenId;

typedef struct {
    Store *store;        /* answers and progress; borrowed */
    TextEngine *text;    /* borrowed */
    Pack **packs;        /* borrowed; the units shown */
    size_t npacks;
    Lang lang;
    int width, height;
    float px_per_mm;     /* for touch target sizes; 0: 5.2 (7-inch 800x480) */
} UiConfig;

/* Returns a new Ui; free with ui_free(). */
Ui *ui_new(const UiConfig *cfg);
void ui_free(Ui *ui);

/* Feeds one input event at now_ms (monotonic milliseconds). */
void ui_event(Ui *ui, const Event *ev, uint64_t now_ms);
/* Builds the frame for now_ms into dl. */
void ui_frame(Ui *ui, uint64_t now_ms, DrawList *dl);
/* True when something changed since the last frame (redraw needed). */
bool ui_dirty(Ui *ui, uint64_t now_ms);
/* Milliseconds until the ui next needs a frame without input (animation,
 * idle timeout), or -1 for never. */
int ui_next_deadline(Ui *ui, uint64_t now_ms);
void ui_resize(Ui *ui, int w, int h);
/* True when the kiosk may quit on a window-close request. */
bool ui_quit_allowed(Ui *ui);

ScreenId ui_screen(Ui *ui);
const char *ui_screen_name(ScreenId s);
Lang ui_lang(Ui *ui);

/* For replay and tests: the centre of the visible tappable widget whose
 * label is text (exact match first, then the first that contains it). */
bool ui_find_target(Ui *ui, const char *text, int *x, int *y);
/* For replay: a point on the visible text containing text (the middle of
 * its first character), clipped to the screen. */
bool ui_find_text(Ui *ui, const char *text, int *x, int *y);
/* Appends every visible text of the last frame, one per line. */
void ui_visible_text(Ui *ui, StrBuf *out);
/* Checks of the last frame for tests: texts that were cut or overflow
 * their box; appends one line per problem and returns the count. */
int ui_layout_problems(Ui *ui, StrBuf *out);

#endif
