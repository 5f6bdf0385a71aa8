/* The glossary card: a term the participant tapped in the reader, shown in
 * both languages (theirs first) with its definition and note, over the
 * reader. Its button, or a tap anywhere, closes it; a long entry scrolls
 * inside it. And where the reader's terms can be tapped: a finger-sized
 * area around each word, not only its letters. */
#include "screens.h"

/* One language's entry at y (measured only when !draw); returns its height. */
static int glossary_entry(Ui *ui, const GlossaryText *gt, Lang l, int x, int y, int w, bool draw)
{
    TextStyle head = ui_style(ui, SZ_HEADING, TEXT_BOLD), body = ui_style(ui, SZ_BODY, 0),
              note = ui_style(ui, SZ_SMALL, 0);
    head.lang = body.lang = note.lang = l;
    int y0 = y;
    int after_term = px(ui, TOK.space_xs), after = px(ui, TOK.space_s);
    if (draw)
        ui_text_st(ui, x, y, w, gt->text, &head, ui->th.accent);
    y += ui_text_height_st(ui, w, gt->text, &head) + after_term;
    if (gt->definition) {
        if (draw)
            ui_text_st(ui, x, y, w, gt->definition, &body, ui->th.ink);
        y += ui_text_height_st(ui, w, gt->definition, &body) + after;
    }
    if (gt->note) {
        if (draw)
            ui_text_st(ui, x, y, w, gt->note, &note, ui->th.muted);
        y += ui_text_height_st(ui, w, gt->note, &note) + after;
    }
    return y - y0 + px(ui, TOK.gap);
}

/* Both languages, the participant's first; returns the height. */
static int glossary_entries(Ui *ui, const GlossaryTerm *g, int x, int y, int w, bool draw)
{
    int h = 0;
    for (int k = 0; k < LANG_COUNT; k++) {
        Lang l = k == 0 ? ui->lang : (ui->lang == LANG_EN ? LANG_ZH : LANG_EN);
        if (g->lang[l].text)
            h += glossary_entry(ui, &g->lang[l], l, x, y + h, w, draw);
    }
    return h;
}

bool glossary_card(Ui *ui, const GlossaryTerm *g)
{
    ui_scrim(ui);
    int w = MB_MIN(ui->w - px(ui, TOK.margin_wide), px(ui, TOK.card_w));
    int pad = px(ui, TOK.space_2xl), iw = w - 2 * pad, x = (ui->w - w) / 2;
    int bh = ui_touch_px(ui, TOK.button_h);
    int content = pad + glossary_entries(ui, g, x + pad, 0, iw, false);
    /* A long entry at the largest text scrolls; Close stays on screen. */
    Rect view, box = ui_layer_box(ui, w, content, bh + pad, &view);
    int below = content - (view.y - box.y); /* the entries' height from the view's top */
    int off = ui_layer_scroll_begin(ui, view, below);
    glossary_entries(ui, g, x + pad, box.y + pad - off, iw, true);
    ui_layer_scroll_end(ui, view, below);
    int bw = MB_MIN(iw, px(ui, TOK.dialog_action_w));
    Rect b = {(ui->w - bw) / 2, view.y + view.h, bw, bh};
    return ui_button(ui, b, tr(ui, "Close"), BTN_PRIMARY) ||
           ui_tapped(ui, (Rect){0, 0, ui->w, ui->h});
}

/* The term span sp on line `line` of layout l: its letters' rectangle,
 * relative to the layout; false when the term is not on that line. */
static bool term_on_line(const TextLayout *l, const Span *sp, int line, Rect *out)
{
    uint32_t first, last, s0 = sp->start, s1 = sp->start + sp->len;
    if (!text_layout_line_bytes(l, line, &first, &last) || s1 <= first || s0 > last)
        return false;
    int x0, x1, y, ey, lx0, lx1;
    if (!text_layout_byte_pos(l, MB_MAX(s0, first), &x0, &y) ||
        !text_layout_line_extent(l, line, &lx0, &lx1))
        return false;
    /* Up to the next character on the line, or the line's end. */
    if (s1 > last || !text_layout_byte_pos(l, s1, &x1, &ey) || ey != y)
        x1 = lx1;
    int line_h = text_layout_height(l) / MB_MAX(1, text_layout_lines(l));
    *out = (Rect){x0, y - line_h / 2, MB_MAX(1, x1 - x0), line_h};
    return x1 > x0;
}

/* r grown about its centre to at least a touch target each way. */
static Rect term_padded(Ui *ui, Rect r)
{
    int t = ui_target_px(ui);
    if (r.w < t) {
        r.x -= (t - r.w) / 2;
        r.w = t;
    }
    if (r.h < t) {
        r.y -= (t - r.h) / 2;
        r.h = t;
    }
    return r;
}

int glossary_terms(Ui *ui, const Block *b, const BlockHit *hit, TermArea *out, int cap)
{
    int n = 0;
    if (!hit->layout)
        return 0;
    int lines = text_layout_lines(hit->layout);
    for (size_t k = 0; k < b->nspans; k++) {
        const Span *sp = &b->spans[k];
        if (!(sp->flags & SPAN_GLOSSARY) || !sp->href)
            continue;
        for (int line = 0; line < lines && n < cap; line++) {
            Rect word;
            if (!term_on_line(hit->layout, sp, line, &word))
                continue;
            word.x += hit->x;
            word.y += hit->y;
            out[n] = (TermArea){term_padded(ui, word), word, sp->href};
            ui_add_target_ex(ui, out[n].area,
                             arena_strndup(&ui->frame, b->text + sp->start, sp->len),
                             TARGET_INLINE);
            n++;
        }
    }
    return n;
}

/* How far (x, y) is from r; 0 inside. */
static int distance_to(Rect r, int x, int y)
{
    int dx = MB_MAX(0, MB_MAX(r.x - x, x - (r.x + r.w)));
    int dy = MB_MAX(0, MB_MAX(r.y - y, y - (r.y + r.h)));
    return dx * dx + dy * dy;
}

const char *glossary_term_tapped(Ui *ui, const TermArea *terms, int n)
{
    if (!ui->tap_pending)
        return NULL;
    const TermArea *best = NULL;
    for (int i = 0; i < n; i++) {
        Rect in = rect_intersect(terms[i].area, ui->clip);
        if (!rect_contains(in, ui->tap_x, ui->tap_y) || !rect_contains(in, ui->press_x, ui->press_y))
            continue;
        /* Two areas over each other (terms on lines one above the other):
         * the word nearer the finger. */
        if (!best || distance_to(terms[i].word, ui->tap_x, ui->tap_y) <
                         distance_to(best->word, ui->tap_x, ui->tap_y))
            best = &terms[i];
    }
    return best ? best->href : NULL;
}
