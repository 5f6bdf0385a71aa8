/* The reader: a unit's text at a comfortable measure, scrolled by dragging
 * (with inertia), the wheel or keys. A tap on a paragraph shows it in the
 * other language, beside it on a wide screen or under it; a tap on a dotted
 * term opens its glossary card. The reading position is read from the
 * store when the unit is opened and kept when the reader is left; at the
 * end, "Take the quiz". */
#include "screens.h"

#include <math.h>

typedef struct {
    int bi_block;              /* the paragraph shown with its translation, or -1 */
    const GlossaryTerm *gloss; /* the glossary card open, or NULL; points into the pack */
    bool reached_end;          /* the end of the unit was on screen */
} ReaderState;

static void reader_enter(Ui *ui, void *state)
{
    ReaderState *st = state;
    st->bi_block = -1;
    st->gloss = NULL;
    st->reached_end = false;
    const Pack *p = ui_pack(ui);
    const Unit *u = screen_unit(ui, ui->unit);
    if (u && ui_recording(ui))
        ui->scroll =
            (float)store_unit_position_get(ui->store, ui->participant, p->id, u->slug) * ui->s;
}

/* Keeps where the reader was left, how far into the unit that is (for the
 * home screen) and whether its end was reached. */
static void reader_leave(Ui *ui, void *state)
{
    ReaderState *st = state;
    const Pack *p = ui_pack(ui);
    const Unit *u = screen_unit(ui, ui->unit);
    bool at_end = ui->scroll >= ui->scroll_max - 1;
    int percent = at_end ? 100 : MB_MIN(99, (int)(100 * ui->scroll / ui->scroll_max));
    if (u && ui_recording(ui) &&
        store_unit_reading_set(ui->store, ui->participant, p->id, u->slug,
                               (int)lroundf(ui->scroll / ui->s), percent,
                               st->reached_end || at_end) != MB_OK)
        ui_store_failed(ui, "Your place could not be saved: %s");
}

/* The same block in the other language (units keep the same structure in
 * both), or NULL. */
static const Block *translation_of(const Unit *u, Lang shown, size_t i, Lang *other)
{
    *other = shown == LANG_EN ? LANG_ZH : LANG_EN;
    const Doc *d = &u->lang[*other].doc;
    const Block *b = &u->lang[shown].doc.blocks[i];
    if (!u->lang[*other].present || i >= d->count || d->blocks[i].kind != b->kind)
        return NULL;
    return &d->blocks[i];
}

/* Block i with its translation beside it, across the whole screen; returns
 * the height of the row. */
static int reader_pair_columns(Ui *ui, const Block *b, const Block *next, const Block *t,
                               Lang other, int y, bool draw, BlockHit *hit)
{
    const Pack *p = ui_pack(ui);
    int pad = px(ui, TOK.space_l), m = px(ui, TOK.margin_reader), gap = px(ui, TOK.margin);
    int cw = (ui->w - 2 * m - gap) / 2;
    BlockHit th_hit;
    BlockPlace left = {m, y, cw, ui->lang, false, 0, 0, NULL};
    BlockPlace right = {m + cw + gap + pad, y, cw - 2 * pad, other, false, 0, 0, NULL};
    int h = reader_block(ui, p, b, next, &left, hit);
    int th = reader_block(ui, p, t, NULL, &right, &th_hit);
    int rows = MB_MAX(h, th + pad);
    if (draw) {
        ui_rect(ui, (Rect){m + cw + gap, y - pad / 2, cw, rows}, ui->th.panel, px(ui, TOK.radius_s));
        left.draw = right.draw = true;
        reader_block(ui, p, b, next, &left, hit);
        reader_block(ui, p, t, NULL, &right, &th_hit);
    }
    return rows + pad;
}

/* Block i of the document, and when it was tapped, its translation (see
 * above); returns the height. */
static int reader_item(Ui *ui, const ReaderState *st, const Unit *u, size_t i, const BlockPlace *at,
                       BlockHit *hit)
{
    const Pack *p = ui_pack(ui);
    Lang shown = learn_unit_lang(u, ui->lang), other;
    const Doc *doc = &u->lang[shown].doc;
    const Block *b = &doc->blocks[i];
    const Block *next = i + 1 < doc->count ? &doc->blocks[i + 1] : NULL;
    const Block *t;
    if ((int)i != st->bi_block || !(t = translation_of(u, shown, i, &other)))
        return reader_block(ui, p, b, next, at, hit);
    if (ui->w > ui->h && ui->text_scale < 1.1f)
        return reader_pair_columns(ui, b, next, t, other, at->y, at->draw, hit);
    /* Otherwise the translation sits under the paragraph. */
    int pad = px(ui, TOK.space_l);
    int h = reader_block(ui, p, b, next, at, hit);
    BlockHit th_hit;
    BlockPlace under = {at->x + pad, at->y + h, at->w - 2 * pad, other, false, 0, 0, NULL};
    int th = reader_block(ui, p, t, NULL, &under, &th_hit);
    if (at->draw) {
        ui_rect(ui, (Rect){at->x, at->y + h - pad, at->w, th + pad}, ui->th.panel,
                px(ui, TOK.radius_s));
        under.draw = true;
        reader_block(ui, p, t, NULL, &under, &th_hit);
    }
    return h + th;
}

static bool reader_tappable(const Block *b)
{
    return b->kind == BLK_PARA || b->kind == BLK_ITEM || b->kind == BLK_QUOTE ||
           b->kind == BLK_HEADING;
}

/* True when this pass's tap was pressed and released in r (not taken). */
static bool reader_row_hit(Ui *ui, Rect r)
{
    Rect in = rect_intersect(r, ui->clip);
    return ui->tap_pending && rect_contains(in, ui->tap_x, ui->tap_y) &&
           rect_contains(in, ui->press_x, ui->press_y);
}

/* The most term areas a screenful of the reader holds. */
#define READER_MAX_TERMS 64

/* A tap in the document: on or near a glossary term it opens the term's
 * card; elsewhere on a paragraph it shows (or hides) its translation. */
static void reader_tap(Ui *ui, ReaderState *st, const TermArea *terms, int nterms, int row)
{
    const char *href = glossary_term_tapped(ui, terms, nterms);
    const GlossaryTerm *g = href ? pack_glossary_find(ui_pack(ui), href) : NULL;
    if (!g && row < 0)
        return;
    ui->tap_pending = false;
    ui->changed = true;
    if (g)
        st->gloss = g;
    else
        st->bi_block = st->bi_block == row ? -1 : row;
}

/* The document from y; returns the y after it. */
static int reader_doc(Ui *ui, ReaderState *st, const Unit *u, int top, int x, int y, int w)
{
    const Doc *doc = &u->lang[learn_unit_lang(u, ui->lang)].doc;
    TermArea *terms = arena_alloc(&ui->frame, READER_MAX_TERMS * sizeof *terms);
    int nterms = 0, row_tapped = -1;
    for (size_t i = 0; i < doc->count; i++) {
        const Block *b = &doc->blocks[i];
        BlockHit hit;
        BlockPlace at = {x, y, w, ui->lang, false, 0, 0, NULL};
        int h = reader_item(ui, st, u, i, &at, &hit);
        if (y + h >= top && y <= ui->h) {
            at.draw = true;
            reader_item(ui, st, u, i, &at, &hit);
            nterms += glossary_terms(ui, b, &hit, terms + nterms, READER_MAX_TERMS - nterms);
            Rect row = {0, y, ui->w, h}; /* the whole row: columns may widen it */
            if (reader_tappable(b) && reader_row_hit(ui, row))
                row_tapped = (int)i;
        }
        y += h;
    }
    reader_tap(ui, st, terms, nterms, row_tapped);
    return y;
}

static int reader_measure(Ui *ui, const ReaderState *st, const Unit *u, int x, int w)
{
    const Doc *doc = &u->lang[learn_unit_lang(u, ui->lang)].doc;
    int h = 0;
    for (size_t i = 0; i < doc->count; i++) {
        BlockHit hit;
        BlockPlace at = {x, 0, w, ui->lang, false, 0, 0, NULL};
        h += reader_item(ui, st, u, i, &at, &hit);
    }
    return h;
}

/* The button at the end: the quiz, or back to the units for a page. */
static void reader_end_button(Ui *ui, const Unit *u, int x, int y, int w)
{
    int bw = MB_MIN(w, px(ui, TOK.hero_action_w));
    Rect b = {x + (w - bw) / 2, y, bw, ui_touch_px(ui, TOK.row_h)};
    bool has_quiz = learn_unit_quiz(u, ui->lang)->count > 0 && !u->is_page;
    if (!has_quiz) {
        if (ui_button(ui, b, tr(ui, "Back to the units"), BTN_PRIMARY))
            ui_go(ui, SCR_HOME);
    } else if (ui_button(ui, b, tr(ui, "Take the quiz"), BTN_PRIMARY)) {
        /* A quiz of this unit left half way goes on where it was. */
        screen_round_start_unit(ui, ui->unit);
        ui_go(ui, SCR_QUIZ);
    }
}

static void reader_frame(Ui *ui, void *state)
{
    ReaderState *st = state;
    const Unit *u = screen_unit(ui, ui->unit);
    if (!u) {
        ui_go(ui, SCR_HOME);
        return;
    }
    /* With a glossary card open, the card (drawn last) takes the tap: the
     * bar under its scrim too. */
    bool card_tap = st->gloss && ui_modal_hold(ui);
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Units"), screen_unit_title(ui, u), &back);
    if (back) {
        ui_go(ui, SCR_HOME);
        return;
    }
    Rect view = {0, top, ui->w, ui->h - top};
    /* A comfortable measure: about 70 Latin characters or 36 hanzi. */
    int w = MB_MIN(ui->w - 2 * px(ui, TOK.margin_reader),
                   text_px(ui, SZ_BODY) * (ui->lang == LANG_ZH ? 36 : 34));
    int x = (ui->w - w) / 2, pad = px(ui, TOK.space_2xl), button_h = ui_touch_px(ui, TOK.row_h);
    int content = pad + reader_measure(ui, st, u, x, w) + px(ui, TOK.gap) + button_h + pad;
    ui_scroll_update(ui, content, view.h);
    if (ui->scroll >= ui->scroll_max - 1)
        st->reached_end = true;
    ui_scroll_begin(ui, view);
    int y = reader_doc(ui, st, u, top, x, top + pad - (int)ui->scroll, w);
    reader_end_button(ui, u, x, y + px(ui, TOK.gap), w);
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, content);
    if (st->gloss) {
        ui_modal_take(ui, card_tap);
        if (glossary_card(ui, st->gloss))
            st->gloss = NULL;
    }
}

const ScreenDef screen_reader = {.name = "reader",
                                 .state_size = sizeof(ReaderState),
                                 .enter = reader_enter,
                                 .frame = reader_frame,
                                 .leave = reader_leave};
