/* The on-screen keyboards (keypad.h). The kiosk has no hardware keyboard,
 * so this is how names and short answers are typed. The letter keyboard is
 * four rows of ten key widths, like a phone's (seven across, in the order
 * of the alphabet, where ten would be narrower than a finger):
 *
 *   q w e r t y u i o p          1 2 3 4 5 6 7 8 9 0
 *   a s d f g h j k l '          . , ? ! ( ) / : & '
 *   Shift z x c v b n m Delete         + = % # @ ; " Delete
 *   123 [Pinyin] - Space Clear   abc [Pinyin] - Space Clear
 *
 * Letters are small unless Shift is on; Shift holds for one letter. On the
 * name screen Shift comes on by itself where a name has a capital: at the
 * start and after a space or a hyphen (Li Na, Smith-Jones). With Pinyin on,
 * letters (and ' between syllables) spell pinyin, a row above the keys
 * offers the characters it can stand for, and a tap on one types it. */
#include "keypad.h"

#include <stdio.h>
#include <string.h>

typedef enum {
    K_CHAR, K_SHIFT, K_DELETE, K_SYMBOLS, K_PINYIN, K_HYPHEN, K_SPACE, K_CLEAR, K_NONE
} KeyKind;

typedef struct {
    KeyKind kind;
    char ch;  /* K_CHAR */
    float u;  /* width in key widths */
} Key;

/* A row of the keyboard's grid: cols unit key widths with gap between
 * keys. */
typedef struct {
    int x, y, unit, gap, h, cols;
} Grid;

static const char *const letter_rows[3] = {"qwertyuiop", "asdfghjkl'", "zxcvbnm"};
static const char *const symbol_rows[3] = {"1234567890", ".,?!()/:&'", "+=%#@;\""};
/* Where ten keys across would be narrower than a finger (an upright
 * 7-inch screen), seven across, in the order of the alphabet:
 *
 *   a b c d e f g
 *   h i j k l m n
 *   o p q r s t u
 *   v w x y z ' -
 *   Shift Space Delete
 *   123 [Pinyin] Clear                                               */
#define NARROW_COLS 7
static const char narrow_letters[] = "abcdefghijklmnopqrstuvwxyz'-";
static const char narrow_symbols[] = "1234567890.,?!()/:&'+=%#@;\"-";

static int key_gap(Ui *ui)
{
    return MB_MAX(px(ui, TOK.keypad_gap), ui_mm(ui, UI_TARGET_GAP_MM));
}

static bool keys_offer_pinyin(const UiKeys *k)
{
    return k->names && ime_available();
}

/* After the text changed: a name's next letter is a capital at its start
 * and after a space or a hyphen. */
static void keys_auto_shift(Ui *ui, UiKeys *k)
{
    size_t n = ui->edit ? strlen(ui->edit) : 0;
    char last = n ? ui->edit[n - 1] : 0;
    k->shift = k->names && (n == 0 || last == ' ' || last == '-');
}

void ui_keys_reset(Ui *ui, UiKeys *k, bool names, bool chinese)
{
    memset(k, 0, sizeof *k);
    k->names = names;
    k->pinyin = names && chinese && keys_offer_pinyin(k);
    keys_auto_shift(ui, k);
}

bool ui_keys_composing(const UiKeys *k)
{
    return k->pinyin && k->spell[0];
}

const char *ui_keys_preview(Ui *ui, const UiKeys *k, const char *text)
{
    return ui_keys_composing(k) ? arena_printf(&ui->frame, "%s%s", text, k->spell) : text;
}

/* The candidates for k->spell, read once per spelling: those the shipped
 * fonts can draw, the most likely first. */
static void keys_search(Ui *ui, UiKeys *k)
{
    if (!strcmp(k->searched, k->spell))
        return;
    snprintf(k->searched, sizeof k->searched, "%s", k->spell);
    k->ncands = 0;
    k->first = 0;
    if (ime_open() != MB_OK)
        return;
    size_t n = MB_MIN(ime_search(k->spell), (size_t)(4 * UI_CANDIDATES));
    for (size_t i = 0; i < n && k->ncands < UI_CANDIDATES; i++) {
        UiCandidate *c = &k->cands[k->ncands];
        size_t used, at = 0, len;
        if (!ime_candidate(i, c->text, sizeof c->text, &used) || used == 0)
            continue;
        len = strlen(c->text);
        bool drawn = true;
        while (at < len && drawn)
            drawn = !ui->te || text_covers(ui->te, utf8_decode(c->text, len, &at), false);
        if (!drawn)
            continue;
        c->used = (unsigned char)used;
        k->ncands++;
    }
}

/* Types candidate i and keeps the pinyin it does not stand for. */
static void keys_choose(Ui *ui, UiKeys *k, int i)
{
    const UiCandidate *c = &k->cands[i];
    size_t before = ui->edit ? strlen(ui->edit) : 0;
    ui_edit_insert(ui, c->text);
    if (!ui->edit || strlen(ui->edit) == before)
        return; /* the field is full: the spelling stays */
    size_t used = MB_MIN((size_t)c->used, strlen(k->spell));
    while (k->spell[used] == '\'')
        used++;
    memmove(k->spell, k->spell + used, strlen(k->spell + used) + 1);
    keys_auto_shift(ui, k);
}

static void keys_type(Ui *ui, UiKeys *k, char ch)
{
    bool letter = ch >= 'a' && ch <= 'z';
    if (k->pinyin && (letter || (ch == '\'' && k->spell[0]))) {
        size_t n = strlen(k->spell);
        if (n + 1 < sizeof k->spell) {
            k->spell[n] = ch;
            k->spell[n + 1] = 0;
        }
        return;
    }
    if (ui_keys_composing(k))
        return; /* a character is chosen first */
    char s[2] = {letter && k->shift ? (char)(ch - 'a' + 'A') : ch, 0};
    ui_edit_insert(ui, s);
    keys_auto_shift(ui, k);
}

/* What a tap on a key does. */
static void keys_press(Ui *ui, UiKeys *k, const Key *key)
{
    size_t n = strlen(k->spell);
    switch (key->kind) {
    case K_CHAR: keys_type(ui, k, key->ch); break;
    case K_HYPHEN: keys_type(ui, k, '-'); break;
    case K_SHIFT: k->shift = !k->shift; break;
    case K_SYMBOLS: k->symbols = !k->symbols; break;
    case K_NONE: break;
    case K_PINYIN:
        k->pinyin = !k->pinyin;
        k->spell[0] = 0;
        keys_auto_shift(ui, k);
        break;
    case K_SPACE:
        if (ui_keys_composing(k)) {
            keys_search(ui, k);
            if (k->ncands > 0)
                keys_choose(ui, k, 0);
        } else {
            keys_type(ui, k, ' ');
        }
        break;
    case K_DELETE:
        if (n > 0)
            k->spell[n - 1] = 0;
        else
            ui_edit_delete(ui);
        keys_auto_shift(ui, k);
        break;
    case K_CLEAR:
        k->spell[0] = 0;
        if (ui->edit)
            ui->edit[0] = 0;
        keys_auto_shift(ui, k);
        break;
    }
}

static const char *key_label(Ui *ui, const UiKeys *k, const Key *key, char *buf)
{
    switch (key->kind) {
    case K_CHAR: {
        bool cap = key->ch >= 'a' && key->ch <= 'z' && k->shift && !k->pinyin;
        buf[0] = cap ? (char)(key->ch - 'a' + 'A') : key->ch;
        buf[1] = 0;
        return buf;
    }
    case K_HYPHEN: return "-";
    case K_SHIFT: return tr(ui, "Shift");
    case K_SYMBOLS: return k->symbols ? "abc" : "123";
    case K_PINYIN: return k->pinyin ? "ABC" : tr(ui, "Pinyin");
    case K_SPACE: return tr(ui, "Space");
    case K_DELETE: return tr(ui, "Delete");
    case K_CLEAR: return tr(ui, "Clear");
    case K_NONE: break;
    }
    return "";
}

/* Draws a row of keys across the grid's key widths; a key of width 0
 * takes what the others leave. */
static void keys_row(Ui *ui, UiKeys *k, const Grid *g, Key *keys, int n)
{
    float used = 0, at = 0;
    for (int i = 0; i < n; i++)
        used += keys[i].u;
    for (int i = 0; i < n; i++) {
        if (keys[i].u == 0)
            keys[i].u = (float)g->cols - used;
        float step = (float)(g->unit + g->gap);
        int x0 = g->x + (int)(at * step + 0.5f), x1 = g->x + (int)((at + keys[i].u) * step + 0.5f);
        at += keys[i].u;
        if (keys[i].kind == K_NONE)
            continue;
        char buf[2];
        const char *label = key_label(ui, k, &keys[i], buf);
        bool on = (keys[i].kind == K_SHIFT && k->shift);
        if (ui_button(ui, (Rect){x0, g->y, x1 - g->gap - x0, g->h}, label,
                      on ? BTN_CHOICE_ON : BTN_SECONDARY))
            keys_press(ui, k, &keys[i]);
    }
}

/* The row of candidate characters for the pinyin typed, with "→" for
 * more; a hint while nothing is typed. */
static void keys_candidates(Ui *ui, UiKeys *k, const Grid *g, int w)
{
    TextStyle st = ui_style_fixed(ui, SZ_BUTTON, 0);
    if (k->spell[0])
        keys_search(ui, k);
    if (!k->spell[0] || k->ncands == 0) {
        const char *hint = tr(ui, k->spell[0] ? "No characters for this pinyin."
                                              : "Type the pinyin, then tap a character.");
        int th = ui_text_height_st(ui, w, hint, &st);
        ui_text_st(ui, g->x, g->y + (g->h - th) / 2, w, hint, &st, ui->th.muted);
        return;
    }
    int pad = px(ui, TOK.gap), more_w = g->unit, cx = g->x, i = k->first;
    for (; i < k->ncands; i++) {
        const char *t = k->cands[i].text;
        int cw = MB_MAX(g->unit, (int)utf8_count(t, strlen(t)) * st.size + 2 * pad);
        int room = g->x + w - (i + 1 < k->ncands ? more_w + g->gap : 0);
        if (cx + cw > room && i > k->first)
            break;
        if (ui_button(ui, (Rect){cx, g->y, cw, g->h}, t, BTN_CHOICE)) {
            keys_choose(ui, k, i);
            return;
        }
        cx += cw + g->gap;
    }
    k->next = i < k->ncands ? i : 0;
    if ((k->first > 0 || i < k->ncands) &&
        ui_button(ui, (Rect){g->x + w - more_w, g->y, more_w, g->h}, "→", BTN_SECONDARY))
        k->first = k->next;
}

/* The seven-across keyboard; returns where it ends. */
static int keys_narrow(Ui *ui, UiKeys *k, Grid *g)
{
    const char *chars = k->symbols ? narrow_symbols : narrow_letters;
    for (int r = 0; r < 4; r++) {
        Key keys[NARROW_COLS];
        for (int i = 0; i < NARROW_COLS; i++)
            keys[i] = (Key){K_CHAR, chars[r * NARROW_COLS + i], 1};
        keys_row(ui, k, g, keys, NARROW_COLS);
        g->y += g->h + g->gap;
    }
    Key mid[3] = {{k->symbols || k->pinyin ? K_NONE : K_SHIFT, 0, 2}, {K_SPACE, ' ', 0},
                  {K_DELETE, 0, 2}};
    keys_row(ui, k, g, mid, 3);
    g->y += g->h + g->gap;
    Key bottom[3];
    int n = 0;
    bottom[n++] = (Key){K_SYMBOLS, 0, 2};
    if (keys_offer_pinyin(k))
        bottom[n++] = (Key){K_PINYIN, 0, 2};
    bottom[n++] = (Key){K_CLEAR, 0, 0};
    keys_row(ui, k, g, bottom, n);
    return g->y + g->h;
}

int ui_keyboard(Ui *ui, UiKeys *k, int x, int y, int w)
{
    Grid g = {x, y, 0, key_gap(ui), ui_touch_px(ui, TOK.key_h), 10};
    g.unit = (w - 9 * g.gap) / 10;
    if (g.unit < ui_target_px(ui)) {
        g.cols = NARROW_COLS;
        g.unit = (w - (NARROW_COLS - 1) * g.gap) / NARROW_COLS;
    }
    if (k->pinyin) {
        keys_candidates(ui, k, &g, w);
        g.y += g.h + g.gap;
    }
    if (g.cols == NARROW_COLS)
        return keys_narrow(ui, k, &g) - y;
    const char *const *rows = k->symbols ? symbol_rows : letter_rows;
    for (int r = 0; r < 3; r++) {
        Key keys[12];
        int n = 0;
        if (r == 2) /* no capitals in signs or pinyin: Shift's place stays empty */
            keys[n++] = (Key){k->symbols || k->pinyin ? K_NONE : K_SHIFT, 0, 1.5f};
        for (const char *c = rows[r]; *c; c++)
            keys[n++] = (Key){K_CHAR, *c, 1};
        if (r == 2)
            keys[n++] = (Key){K_DELETE, 0, 1.5f};
        keys_row(ui, k, &g, keys, n);
        g.y += g.h + g.gap;
    }
    Key bottom[5];
    int n = 0;
    bottom[n++] = (Key){K_SYMBOLS, 0, 1.5f};
    if (keys_offer_pinyin(k))
        bottom[n++] = (Key){K_PINYIN, 0, 1.5f};
    bottom[n++] = (Key){K_HYPHEN, '-', 1};
    bottom[n++] = (Key){K_SPACE, ' ', 0};
    bottom[n++] = (Key){K_CLEAR, 0, 1.5f};
    keys_row(ui, k, &g, bottom, n);
    return g.y + g.h - y;
}

int ui_keypad(Ui *ui, int x, int y, int w, const char *keys, int cols)
{
    int n = (int)strlen(keys);
    int gap = key_gap(ui);
    int kw = (w - (cols - 1) * gap) / cols, kh = ui_touch_px(ui, TOK.key_h);
    for (int i = 0; i < n; i++) {
        char label[2] = {keys[i], 0};
        int cx = x + (i % cols) * (kw + gap), cy = y + (i / cols) * (kh + gap);
        if (ui_button(ui, (Rect){cx, cy, kw, kh}, label, BTN_SECONDARY))
            ui_edit_insert(ui, label);
    }
    int rows = (n + cols - 1) / cols;
    int yy = y + rows * (kh + gap);
    int bw = (w - gap) / 2;
    if (ui_button(ui, (Rect){x, yy, bw, kh}, tr(ui, "Delete"), BTN_SECONDARY))
        ui_edit_delete(ui);
    if (ui_button(ui, (Rect){x + bw + gap, yy, bw, kh}, tr(ui, "Clear"), BTN_SECONDARY) && ui->edit)
        ui->edit[0] = 0;
    return yy + kh - y;
}
