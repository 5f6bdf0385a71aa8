/* Widgets: everything a screen draws with. Each writes commands to the
 * frame's draw list and records its tap target; a widget that reacts to a
 * tap returns true in the pass that saw it. Screens call these; these never
 * call a screen. Strings passed in are borrowed for the call (the draw list
 * keeps its own copy in the frame arena). */
#ifndef MINGBAI_UI_WIDGETS_H
#define MINGBAI_UI_WIDGETS_H

#include "context.h"

void ui_rect(Ui *ui, Rect r, Color c, int radius);
void ui_frame_rect(Ui *ui, Rect r, Color c, int radius, int thickness);
/* Everything until ui_pop_clip is clipped to r (and taps outside r miss). */
void ui_push_clip(Ui *ui, Rect r);
void ui_pop_clip(Ui *ui);

/* A text style: size_units scaled by the screen and the participant's text
 * size, in the participant's language, left-aligned, not to be cut. Change
 * the fields for another language (.lang) or a text shortened on purpose
 * (.max_lines with .cut). */
TextStyle ui_style(Ui *ui, float size_units, uint32_t flags);
/* The same at the screen's scale only: controls keep their size when the
 * participant chooses larger text. */
TextStyle ui_style_fixed(Ui *ui, float size_units, uint32_t flags);

/* Draws s wrapped to w at x, y in style st and colour c; returns its
 * height. Only what is inside the clip goes to the draw list. A text wider
 * than w, or cut without st->cut, is noted for ui_layout_problems(). */
int ui_text_st(Ui *ui, int x, int y, int w, const char *s, const TextStyle *st, Color c);
/* The same for len bytes with rich spans; *out (may be NULL) the layout,
 * valid for this frame. */
int ui_text_ex(Ui *ui, int x, int y, int w, const char *s, size_t len, const TextStyle *st,
               const TextSpan *spans, size_t nspans, Color c, const TextLayout **out);
/* Shorthand: ui_style(size_units, flags) aligned align. */
int ui_text(Ui *ui, int x, int y, int w, const char *s, int size_units, uint32_t flags, Color c,
            int align);
/* Heights without drawing. */
int ui_text_height(Ui *ui, int w, const char *s, int size_units, uint32_t flags);
int ui_text_height_st(Ui *ui, int w, const char *s, const TextStyle *st);

/* BTN_OFF: an action not possible yet (muted, flat); still tappable, so
 * the caller says why nothing happens. Every button looks pressed while a
 * finger that went down on it stays on it. */
enum { BTN_PRIMARY, BTN_SECONDARY, BTN_CHOICE, BTN_CHOICE_ON, BTN_QUIET, BTN_GOOD, BTN_BAD, BTN_OFF };
/* A button filling r; true when tapped in this pass. */
bool ui_button(Ui *ui, Rect r, const char *label, int style);
/* The same with its label set in lang (a button naming a language in itself). */
bool ui_button_in(Ui *ui, Rect r, const char *label, int style, Lang lang);
/* A button w wide whose label wraps at reading size; *h_out its height. */
bool ui_button_wrap(Ui *ui, int x, int y, int w, const char *label, int style, int *h_out);
/* A button's face at r in style, with what it says drawn by the caller in
 * *fg (formatted text); label names it for the probe. True when tapped. */
bool ui_button_face(Ui *ui, Rect r, const char *label, int style, Color *fg);
/* True while a finger is down in r where it went down (nothing over the
 * screen holding it): r shows it is pressed. */
bool ui_pressing(Ui *ui, Rect r);
/* True (once) when this pass's tap was pressed and released in r, inside
 * the clip. */
bool ui_tapped(Ui *ui, Rect r);
/* The target recorded last is carried by a drag (TARGET_DRAG) rather than
 * scrolling the view. */
void ui_target_draggable(Ui *ui);
/* True (once) when a drag pressed on from (a draggable target) was let go
 * on to, inside the clip. */
bool ui_dropped(Ui *ui, Rect from, Rect to);
/* True while a drag pressed on r (a draggable target) is under way. */
bool ui_dragging_from(Ui *ui, Rect r);
/* Records r as a tappable widget named label (for replay and tests). */
void ui_add_target(Ui *ui, Rect r, const char *label);
/* The same with TARGET_* flags. */
void ui_add_target_ex(Ui *ui, Rect r, const char *label, unsigned flags);

/* The top bar: a back button (label, or NULL for none), a title shortened
 * to one line, and the contrast, text-size and language toggles. Returns
 * its height; *back_tapped (may be NULL) is set when back was tapped. */
int ui_top_bar(Ui *ui, const char *back, const char *title, bool *back_tapped);
/* The same without a back button, with an action (end) at the right before
 * the toggles: never where "Back" sits on other screens. */
int ui_top_bar_end(Ui *ui, const char *title, const char *end, bool *end_tapped);
/* The language toggle on its own (the attract screen); true when tapped. */
bool ui_lang_toggle(Ui *ui, Rect r);
/* The heights of the top and bottom bars on this display: their buttons
 * are touch targets (ui_target_px) with a target gap around them. */
int ui_top_bar_h(Ui *ui);
int ui_bottom_bar_h(Ui *ui);
/* The bar at the bottom of the screen, bar_h high; returns its rect. */
Rect ui_bottom_bar(Ui *ui, int bar_h);
/* Where the main button of a bottom bar goes, w wide, at its right. */
Rect ui_bar_action_rect(Ui *ui, Rect bar, int w);
/* The main button of a bottom bar, at its right; true when tapped. */
bool ui_bar_action(Ui *ui, Rect bar, const char *label, int style);
/* A full-screen scrim (under a dialog or card). */
void ui_scrim(Ui *ui);

/* A modal layer over a screen: ui_modal_hold() keeps this pass's tap from
 * the screen drawn under it (returns it); ui_modal_take() gives it back for
 * the layer drawn next, which then alone can be tapped. */
bool ui_modal_hold(Ui *ui);
void ui_modal_take(Ui *ui, bool tap);

/* A dialog over the screen: a title, an optional second line in the accent
 * colour, a body, and two buttons one above the other (second may be
 * NULL). When the texts do not fit (the largest text size on a small
 * screen) they scroll and the buttons stay in reach. Returns 1 or 2 for the
 * button tapped in this pass, else 0. */
int ui_dialog(Ui *ui, const char *title, const char *accent, const char *body, const char *first,
              const char *second);

/* A box w wide centred over the screen for a layer's content_h of scrolled
 * content (from the box's top) and a foot_h foot (its buttons), never
 * taller than the screen; draws it and sets *view, where the content can
 * be seen: above the foot, below the rounded corners. The content's height
 * from view.y is then content_h - (view.y - box.y). */
Rect ui_layer_box(Ui *ui, int w, int content_h, int foot_h, Rect *view);
/* The scrolled view of a layer over the screen (a dialog, a card): its
 * own scroll (ui->layer_scroll), clamped to content_h, which dragging, the
 * wheel and keys move while the layer is shown. Begin returns the offset
 * to draw the content at (y - offset), clipped to view; end draws the
 * position indicator. */
int ui_layer_scroll_begin(Ui *ui, Rect view, int content_h);
void ui_layer_scroll_end(Ui *ui, Rect view, int content_h);

/* A scrolled view: content drawn after ui_scroll_begin at y - ui->scroll
 * inside view; ui_scroll_end clamps the scroll to content_h and draws the
 * position indicator. */
void ui_scroll_begin(Ui *ui, Rect view);
void ui_scroll_end(Ui *ui, Rect view, int content_h);
void ui_scroll_indicator(Ui *ui, Rect view, int content_h);

/* A one-line text field showing text and a cursor in r. The keyboards
 * that type into it are in keypad.h. */
void ui_text_field(Ui *ui, Rect r, const char *text, float size_units);

#endif
