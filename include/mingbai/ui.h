/* ui: the kiosk's screens as immediate-mode code. Events and the time go in;
 * a draw list comes out. Never touches SDL, so it runs without a window in
 * tests; gfx turns the same draw list into pixels. The screens live in
 * kiosk/ui/screens/, one file each (see kiosk/README.md). */
#ifndef MINGBAI_UI_H
#define MINGBAI_UI_H

#include "mingbai/core.h"
#include "mingbai/pack_model.h"
#include "mingbai/store.h"
#include "mingbai/text.h"

typedef struct Ui Ui;

/* The screens, one row each (the participant's, then the instructor's): the id's suffix and the name
 * replay scripts and tests use. Each has its file kiosk/ui/screens/NAME.c;
 * adding a screen is that file and one row here. */
#define UI_SCREENS(X)            \
    X(ATTRACT, attract)          \
    X(LANGUAGE, language)        \
    X(SIGNIN, signin)            \
    X(HOME, home)                \
    X(READER, reader)            \
    X(QUIZ, quiz)                \
    X(FEEDBACK, feedback)        \
    X(SUMMARY, summary)          \
    X(NAME, name)                \
    X(INSTRUCTOR, instructor)    \
    X(PACKS, packs)              \
    X(PACK_IMPORT, pack_import)  \
    X(PIN, pin)                  \
    X(ROSTER, roster)            \
    X(ROSTER_IMPORT, roster_import) \
    X(SETTINGS, settings)        \
    X(SESSIONS, sessions)        \
    X(RESULTS, results)          \
    X(DISCUSSION, discussion)    \
    X(EXPORT, export)            \
    X(FAULT, fault)

typedef enum {
#define UI_SCREEN_ID(id, name) SCR_##id,
    UI_SCREENS(UI_SCREEN_ID)
#undef UI_SCREEN_ID
    SCR_COUNT
} ScreenId;

/* Reads the packs participants see again from the store, after an
 * instructor changed them (imported, hid, showed or removed one): on MB_OK
 * fills *packs and *npacks with the new array, which replaces
 * UiConfig.packs; the caller of ui_new may free the old packs during the
 * call (the ui calls it only from an instructor's screen, when nothing of
 * a participant's session points into them). On failure the old packs
 * stay. ctx is UiConfig.reload_ctx. */
typedef int (*UiReloadPacks)(void *ctx, Pack ***packs, size_t *npacks);

/* What a Ui works with. Everything it points to is borrowed: the caller
 * keeps it alive (and unchanged, but for reload_packs) until ui_free(). */
typedef struct {
    Store *store;        /* answers and progress; NULL: nothing is kept */
    TextEngine *text;    /* measures and lays out every text */
    Pack **packs;        /* the packs participants see, npacks of them */
    size_t npacks;
    UiReloadPacks reload_packs; /* NULL: the packs never change */
    void *reload_ctx;
    Lang lang;           /* the language a session starts in */
    int width, height;   /* the screen in pixels */
    float px_per_mm;     /* for touch target sizes; 0: 5.2 (7-inch 800x480) */
} UiConfig;

/* Returns a new Ui on the attract screen, copying cfg (not what it points
 * to); the caller frees it with ui_free(). ui_free(NULL) does nothing. */
Ui *ui_new(const UiConfig *cfg);
void ui_free(Ui *ui);

/* Feeds one input event at now_ms (monotonic milliseconds); ev is borrowed
 * for the call. Taps take effect in the next ui_frame(). */
void ui_event(Ui *ui, const Event *ev, uint64_t now_ms);
/* Builds the frame for now_ms into dl (cleared first; the caller owns dl).
 * Texts and layouts the commands point to stay valid until the next
 * ui_frame() on this Ui. */
void ui_frame(Ui *ui, uint64_t now_ms, DrawList *dl);
/* True when something changed since the last frame (redraw needed). */
bool ui_dirty(Ui *ui, uint64_t now_ms);
/* Milliseconds until the ui next needs a frame without input (animation,
 * idle timeout), or -1 for never. */
int ui_next_deadline(Ui *ui, uint64_t now_ms);
/* The screen is now w x h pixels; the next frame is laid out for it. */
void ui_resize(Ui *ui, int w, int h);
/* Pixels per unit of the interface on a w x h screen (units: an 800x480
 * canvas in landscape, 480x800 in portrait; see ui_compute_scale). */
float ui_scale_for(int w, int h);
/* Shows, full-screen, why the database cannot be used (problem, from
 * store_open_why), the file and the logged message (both copied), with
 * "Try again"; no participant's session can start from it. For a Ui made
 * without a store. */
void ui_show_fault(Ui *ui, StoreProblem problem, const char *path, const char *detail);
/* True once after "Try again" was tapped on that page: the program opens
 * the database again, and makes a new Ui when it succeeds. */
bool ui_take_retry(Ui *ui);
/* The packs participants see, built whole after the first frame (which
 * had only their heads: app.c). packs is borrowed while the Ui lives. */
void ui_packs_replace(Ui *ui, Pack **packs, size_t npacks);
/* True when the kiosk may quit on a window-close request. */
bool ui_quit_allowed(Ui *ui);
/* Opens the instructor's screens at their home, ending any participant's
 * session: what the PIN screen does once the PIN is right; replay's
 * `instructor` command and the tests call it directly. Participants never
 * reach an instructor screen any other way. */
void ui_instructor_open(Ui *ui);
/* True while the instructor's screens are open. */
bool ui_instructor(Ui *ui);

ScreenId ui_screen(Ui *ui);
/* The screen's name as in UI_SCREENS ("home"); a static string, "?" for an
 * id out of range. */
const char *ui_screen_name(ScreenId s);
Lang ui_lang(Ui *ui);

/* For replay and tests, about the last frame built. text is borrowed for
 * the call. */
/* The centre of the visible tappable widget whose label is text (exact
 * match first, then the first that contains it); false when none. */
bool ui_find_target(Ui *ui, const char *text, int *x, int *y);
/* The visible part of that widget; false when none. */
bool ui_find_target_rect(Ui *ui, const char *text, Rect *out);
/* How many tappable widgets the last frame had; ui_target_at gives the
 * i-th's visible part and its label (valid until the next frame), false
 * when i is out of range. */
int ui_target_count(Ui *ui);
bool ui_target_at(Ui *ui, int i, Rect *r, const char **label);
/* A point on the visible text containing text (the middle of its first
 * character), inside the screen and the clip it was drawn in (a scrolled
 * view); false when none. */
bool ui_find_text(Ui *ui, const char *text, int *x, int *y);
/* Appends every visible text of the last frame, one per line, to out (the
 * caller owns out). */
void ui_visible_text(Ui *ui, StrBuf *out);
/* Texts of the last frame that were cut without being meant to be, or
 * overflow their box: appends one line per problem to out and returns the
 * count. */
int ui_layout_problems(Ui *ui, StrBuf *out);
/* Tap targets of the last frame that a finger cannot hit for sure on this
 * display (UiConfig.px_per_mm): smaller than 9 mm either way, or closer
 * than 2 mm to the next one. Appends one line per problem to out and
 * returns the count. */
int ui_target_problems(Ui *ui, StrBuf *out);
/* True when a target whose label contains text is wholly on screen: not
 * cut by the screen's edge nor by the view it scrolls in. */
bool ui_target_whole(Ui *ui, const char *text);

/* ---- preview: `mingbai pack preview` ---- */
/* Shows question `question` (its index in the unit's quiz for lang, as
 * learn_unit_quiz() lists it) of pack `pack` (an index into UiConfig.packs)
 * on the quiz screen, in lang, without a participant. False when there is
 * no such question. */
bool ui_preview_question(Ui *ui, int pack, int unit, int question, Lang lang);
/* Answers the question ui_preview_question() shows -- its right answer, or
 * a wrong one -- and shows the feedback screen. Nothing goes to the store.
 * False when the question is not scored or has no such answer. */
bool ui_preview_answer(Ui *ui, bool right);

#endif
