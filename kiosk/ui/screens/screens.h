/* The screen interface. A screen is one file under kiosk/ui/screens/ that
 * defines one ScreenDef, listed once in include/mingbai/ui.h (UI_SCREENS):
 *   enter  loads what the screen shows (from the store, the round, the pack)
 *          into its own state, once, when the screen is entered;
 *   frame  draws that state and reacts to this pass's tap, nothing else:
 *          it never queries the store (saving what a tap did is fine);
 *   leave  saves what must outlive the screen (a reading position) and frees
 *          what enter loaded.
 * Each gets the Ui and its own state: a zeroed block of state_size bytes
 * that the Ui owns for its whole life. Any of the three may be NULL. The
 * frame loop (frame.c) is the only caller. */
#ifndef MINGBAI_UI_SCREENS_H
#define MINGBAI_UI_SCREENS_H

#include "widgets.h"
#include "sticks.h"

typedef struct {
    const char *name;
    size_t state_size;
    void (*enter)(Ui *ui, void *state);
    void (*frame)(Ui *ui, void *state);
    void (*leave)(Ui *ui, void *state);
} ScreenDef;

#define UI_SCREEN_DECL(id, name) extern const ScreenDef screen_##name;
UI_SCREENS(UI_SCREEN_DECL)
#undef UI_SCREEN_DECL

/* The overlay asking an idle participant whether they are still there;
 * drawn over the screen, which then takes no taps. */
extern const ScreenDef overlay_idle;
/* The notice over any screen (ui_notice, notice.c): while shown, it takes
 * the taps that land on it before the screen sees them, and is drawn over
 * the screen. */
bool notice_shown(Ui *ui);
bool notice_take_tap(Ui *ui);
void notice_draw(Ui *ui);

/* The screen with id s (registry.c); never NULL for s < SCR_COUNT. */
const ScreenDef *screen_def(ScreenId s);

/* ---- helpers the screens share (shared.c) ---- */
/* The unit at index i of the pack shown, or NULL. */
const Unit *screen_unit(Ui *ui, int i);
/* A unit's title in the language it is shown in (its slug when untitled);
 * points into the pack. */
const char *screen_unit_title(Ui *ui, const Unit *u);
/* "1 question" or "12 questions": one for n == 1, else many with n put in;
 * both already translated (tr()) by the caller. In the frame's arena. */
const char *screen_count(Ui *ui, int n, const char *one, const char *many);
/* The top bar of the quiz and feedback screens: "Question n of m". */
int screen_question_bar(Ui *ui, const char *back_label, bool *back);
/* ---- feedback on one answer (feedback.c) ---- */
/* What a feedback view shows; everything borrowed for the call. */
typedef struct {
    const Question *q;        /* in the language shown */
    const Response *resp;     /* what was answered */
    const LearnOrder *order;  /* the order its answers were shown in, or NULL */
    Score score;              /* resp's score */
} FeedbackView;
/* Draws the verdict, the question, what was answered (part by part for
 * matching and multiple response), the feedback, the right answer and the
 * source at x, y, w wide (on a screen with room for two columns,
 * screen_columns, the verdict and question at the left and the rest beside
 * them); returns the height. Draws only: records nothing. */
int feedback_view(Ui *ui, const FeedbackView *v, int x, int y, int w);
/* ---- mark the post (post.c) ---- */
/* The invented post of q (QT_MARKPOST) as a card at x, y, w wide, the
 * sentences resp marks marked; checked: each sentence with whether it uses
 * a technique, which and why, and whether it was judged right (no taps).
 * Else *tapped is the sentence tapped in this pass, or -1. Returns the
 * height with the space after it. */
int post_card(Ui *ui, const Question *q, const Response *resp, bool checked, int x, int y, int w,
              int *tapped);
/* "You judged n of m sentences right." at x, y; returns its height. */
int post_summary_line(Ui *ui, const Question *q, const Response *resp, int x, int y, int w);
/* ---- sort the feed (sort.c) ---- */
/* The places and the items still to place of q (QT_SORT), answered in
 * ui->round, at x, y, w wide; taps place and take back. Returns the height. */
int sort_quiz(Ui *ui, const Question *q, int x, int y, int w);
/* How many items are in their place, then each place with its item, right
 * or wrong in words, where it belongs and why. Returns the height. */
int sort_feedback(Ui *ui, const Question *q, const Response *resp, int x, int y, int w);
/* ---- sort into groups (groups.c) ---- */
/* The groups and the items still to place of q (QT_GROUP), answered in
 * ui->round, at x, y, w wide; *pick is the item tapped to place next (a
 * position shown, or -1), kept by the caller. Returns the height. */
int group_quiz(Ui *ui, const Question *q, int *pick, int x, int y, int w);
/* How many items are in their group, then each item, right or wrong in
 * words, its group and why. Returns the height. */
int group_feedback(Ui *ui, const Question *q, const Response *resp, int x, int y, int w);
/* ---- read laterally (read.c) ---- */
/* The sandbox of q (QT_READ) as a mock browser at x, y, w wide, answered in
 * ui->round: *view is what it shows (0 the source's own page, k page k
 * about it, -1 the search results); taps move it and open pages. Returns
 * the height with the space after it. */
int read_browser(Ui *ui, const Question *q, int *view, int x, int y, int w);
/* How many pages about the source resp opened, and which. Returns the
 * height. */
int read_feedback(Ui *ui, const Question *q, const Response *resp, int x, int y, int w);
/* ---- the reader's blocks (blocks.c) ---- */
typedef struct {
    int x, y, w;
    Lang lang;  /* the language the block is set in */
    bool draw;  /* false: only measure */
    float size;       /* text size (SZ_*); 0: SZ_BODY */
    uint32_t flags;   /* TEXT_* of all its text */
    const Color *ink; /* its colour; NULL: the theme's ink */
} BlockPlace;
/* Where a block's text was laid out, for finding the word under a tap. */
typedef struct {
    const TextLayout *layout; /* NULL for blocks without tappable text */
    int x, y;
} BlockHit;
/* Lays out (and when at->draw, draws) block b of pack p (next: the block
 * after it, or NULL); returns its height with the space after it. */
int reader_block(Ui *ui, const Pack *p, const Block *b, const Block *next, const BlockPlace *at,
                 BlockHit *hit);

/* ---- a question's formatted text (rich.c) ---- */
typedef struct {
    int x, y, w;
    float size;     /* SZ_* */
    uint32_t flags; /* TEXT_* of all its text */
    Color ink;
    bool draw;      /* false: only measure */
} RichPlace;
/* Lays out (and when at->draw, draws) formatted text r (blocks: paragraphs,
 * lists, pictures) in the interface language; raw as text when r is NULL.
 * Returns the height, without the space after the last paragraph. */
int screen_rich(Ui *ui, const RichText *r, const char *raw, const RichPlace *at);
/* Whether r has bold text of its own. */
bool rich_has_bold(const RichText *r);
/* Answer a of q carried by a drag (sort the feed, sort into groups): the
 * item under the finger, x and w its column (sort.c). */
void screen_drag_ghost(Ui *ui, const Question *q, int a, int x, int w);
/* An item after a sort's or groups' check: its text, the verdict in the
 * verdict's colour and why; returns the height with the space after it
 * (sort.c). */
int screen_verdict_row(Ui *ui, const char *text, const char *mark, const char *why, bool right,
                       int x, int y, int w);
/* A choice: a button w wide at x, y whose label is formatted text r (raw
 * when NULL), with mark (a box, or NULL) before it; *h_out its height. True
 * when tapped. */
bool screen_rich_button(Ui *ui, int x, int y, int w, const RichText *r, const char *raw,
                        const char *mark, int style, int *h_out);

/* ---- the glossary card over the reader (glossary.c) ---- */
/* Draws term g in both languages over the screen; true when it was closed
 * (its button or any tap). Takes every tap while shown; a long entry
 * scrolls inside it, under a Close that stays on screen. */
bool glossary_card(Ui *ui, const GlossaryTerm *g);
/* Where a glossary term of the reader can be tapped: the word's letters
 * (word) and around them a touch target's area (area); href the term id
 * (points into the pack). */
typedef struct {
    Rect area, word;
    const char *href;
} TermArea;
/* Puts the areas of the glossary terms of block b, laid out as hit says,
 * into out (at most cap, one per line a term sits on) and records them as
 * targets; returns how many. */
int glossary_terms(Ui *ui, const Block *b, const BlockHit *hit, TermArea *out, int cap);
/* The term id whose area this pass's tap was pressed and released in (the
 * word nearest the finger when areas overlap), or NULL. Does not take the
 * tap. */
const char *glossary_term_tapped(Ui *ui, const TermArea *terms, int n);

/* The seed a new round orders its answers from: made from the participant,
 * what (a unit's slug, "review") and the number of answers kept so far, so
 * that each participant and attempt sees its own order. */
uint64_t screen_round_seed(Ui *ui, const char *what);
/* ---- the place in a unit's quiz, across sessions (quiz_place.c) ---- */
/* Makes ui->round the round of unit (an index into the pack shown) to take
 * its quiz: the round left half way in this session goes on as it is; else
 * the one the store keeps in progress is made again, its kept answers given
 * again, at its first question not answered; else (or when it no longer
 * fits the pack, or the store fails, which is shown) a new round. */
void screen_round_start_unit(Ui *ui, int unit);
/* An answer of ui->round was kept: a unit's round is in progress (kept in
 * the store until it is over). Nothing for a review. */
void screen_round_kept(Ui *ui);
/* ui->round is over: the store forgets its place. Nothing for a review or
 * a round not done. */
void screen_round_over(Ui *ui);
/* The width and left edge of a centred column of content at most
 * TOK.content_w wide. */
int screen_column(Ui *ui, int *x);
/* ---- a pad of digits: the instructor's PIN, a participant's code ---- */
/* A dot for each of the n digits typed, out of max, centred at y (never
 * the digits); returns the height. */
int screen_digit_dots(Ui *ui, size_t n, size_t max, int y);
/* The twelve keys (1 to 9, Delete, 0, OK) at x, y, w wide: a digit is
 * added to typed (a string with room for max digits), Delete takes the
 * last one away; OK is on from min digits. Returns the key tapped ('0' to
 * '9', 'd' Delete, 'k' OK) or 0. Off keys (all of them when !on) do
 * nothing. */
char screen_digit_pad(Ui *ui, char *typed, size_t min, size_t max, int x, int y, int w, bool on);
/* The height of that pad. */
int screen_digit_pad_height(Ui *ui);
/* The seconds left until *wait_until (ui->now; 0 when no wait runs, and
 * *wait_until is cleared); asks for a frame when the number shown changes. */
int screen_wait_left(Ui *ui, uint64_t *wait_until);
/* Where the screen is wide enough (TOK.wide_min, in units; 1920x1080 but
 * not 800x480, 1024x600 or a portrait screen), two columns side by side:
 * fills the lead (left) column's x and width and the other's; returns
 * false (and fills nothing) where there is no room. */
typedef struct {
    int lx, lw, rx, rw;
} Columns;
bool screen_columns(Ui *ui, Columns *c);

#endif
