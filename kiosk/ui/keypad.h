/* The on-screen keyboards: letters for names and short answers (lower case,
 * Shift for a capital, Space, hyphen, apostrophe, digits and signs behind
 * "123", Delete and Clear; on the name screen, pinyin with a row of
 * candidate characters), and the number pad of numerical questions. They
 * type into the screen's text field, ui->edit. Every key is at least a
 * touch target (ui_target_px) wide and high, with at least
 * UI_TARGET_GAP_MM between keys. */
#ifndef MINGBAI_UI_KEYPAD_H
#define MINGBAI_UI_KEYPAD_H

#include "mingbai/ime.h"
#include "widgets.h"

#define UI_CANDIDATES 48

typedef struct {
    char text[16]; /* up to five characters, UTF-8 */
    unsigned char used; /* bytes of the spelling it stands for */
} UiCandidate;

/* What a letter keyboard keeps from one frame to the next; a screen holds
 * one and sets it with ui_keys_reset when it is entered. */
typedef struct {
    bool names;   /* a name: a capital at the start and after a space or hyphen */
    bool shift;   /* the next letter is a capital */
    bool symbols; /* digits and signs in place of the letters */
    bool pinyin;  /* letters spell pinyin, and a row offers the characters */
    char spell[IME_SPELL_MAX + 1]; /* the pinyin typed, not yet chosen */
    int first, next; /* the first candidate shown; the first one past the row */
    char searched[IME_SPELL_MAX + 1]; /* the spelling of cands */
    int ncands;
    UiCandidate cands[UI_CANDIDATES];
} UiKeys;

/* names: the keyboard of the name screen (capitals where a name has them,
 * and a Pinyin key where the decoder is available; pinyin on from the
 * start when chinese). */
void ui_keys_reset(Ui *ui, UiKeys *k, bool names, bool chinese);
/* The letter keyboard w wide at x, y; returns its height. */
int ui_keyboard(Ui *ui, UiKeys *k, int x, int y, int w);
/* What the text field shows while pinyin is typed: the text, then the
 * spelling not yet chosen (in the frame arena). */
const char *ui_keys_preview(Ui *ui, const UiKeys *k, const char *text);
/* True while pinyin letters wait for a character to be chosen. */
bool ui_keys_composing(const UiKeys *k);

/* A keypad of the keys in keys (one byte each) in cols columns, with
 * Delete and Clear under it (the number pad); returns its height. */
int ui_keypad(Ui *ui, int x, int y, int w, const char *keys, int cols);
#define UI_KEYS_NUMBER "1234567890.-"

#endif
