/* Sort the feed (QT_SORT): the items to put in order, and the places they
 * go to. An item held and dragged onto a place goes there (the items from that
 * place on move down); a tap on an item puts it in the first free place,
 * a tap on a placed item takes it back (the items after it move up).
 * After the answer is kept,
 * each place shows its item, whether it is in its own place (in words,
 * never colour alone), where it belongs and why. The quiz and the feedback
 * screens draw these; the round keeps the order. */
#include "screens.h"

/* One place: "n. item" as a button a drag carries (or an empty slot);
 * returns its height. *tapped when the placed item was tapped. */
static int sort_place(Ui *ui, const Question *q, int k, int a, Rect at, bool *tapped)
{
    *tapped = false;
    const char *num = arena_printf(&ui->frame, "%d.", k + 1);
    if (a < 0) {
        int h = ui_target_px(ui);
        ui_frame_rect(ui, (Rect){at.x, at.y, at.w, h}, ui->th.line, px(ui, TOK.radius_s),
                      px(ui, TOK.stroke));
        int th = ui_text_height(ui, at.w, num, SZ_BODY, 0);
        ui_text(ui, at.x + px(ui, TOK.pad), at.y + (h - th) / 2, at.w, num, SZ_BODY, 0,
                ui->th.muted, TEXT_ALIGN_LEFT);
        return h;
    }
    const Answer *an = &q->answers[a];
    const char *label =
        arena_printf(&ui->frame, "%s  %s", num, rich_plain(an->rich_text, an->text));
    int h;
    *tapped = ui_button_wrap(ui, at.x, at.y, at.w, label, BTN_CHOICE_ON, &h);
    ui_target_draggable(ui);
    return h;
}

void screen_drag_ghost(Ui *ui, const Question *q, int a, int x, int w)
{
    const char *text = rich_plain(q->answers[a].rich_text, q->answers[a].text);
    int pad = px(ui, TOK.pad), th = ui_text_height(ui, w - 2 * pad, text, SZ_BODY, TEXT_BOLD);
    Rect g = {x, ui->last_y - (th + 2 * pad) / 2, w, th + 2 * pad};
    ui_rect(ui, g, ui->th.chosen_bg, px(ui, TOK.radius_s));
    ui_frame_rect(ui, g, ui->th.accent, px(ui, TOK.radius_s), px(ui, TOK.stroke_bold));
    ui_text(ui, x + pad, g.y + pad, w - 2 * pad, text, SZ_BODY, TEXT_BOLD, ui->th.ink,
            TEXT_ALIGN_LEFT);
}

/* The item shown at pos among those to place: its position, or -1. */
static int sort_pos_of(const LearnOrder *o, int a)
{
    for (size_t pos = 0; pos < o->nchoices; pos++)
        if (o->choice[pos] == a)
            return (int)pos;
    return -1;
}

int sort_quiz(Ui *ui, const Question *q, int x, int y, int w)
{
    const LearnOrder *o = learn_round_order(&ui->round);
    const Response *r = learn_round_response(&ui->round);
    int gap = ui_touch_gap(ui, TOK.gap), y0 = y, h, n = (int)o->nchoices;
    Rect place[LEARN_MAX_PAIRS], from[LEARN_MAX_PAIRS] = {{0}}; /* from: by position shown */
    y += ui_text(ui, x, y, w, tr(ui, "Hold an item and drag it to its place, or tap the items in order: the first you tap goes first. Tap a placed item to take it back."),
                 SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) + gap;
    y += ui_text(ui, x, y, w, tr(ui, "Your order"), SZ_BODY, TEXT_BOLD, ui->th.ink,
                 TEXT_ALIGN_LEFT) + px(ui, TOK.space_s);
    int take = -1, put = -1, drag = -1;
    for (int k = 0; k < n; k++) {
        bool t;
        place[k] = (Rect){x, y, w, sort_place(ui, q, k, r->match[k], (Rect){x, y, w, 0}, &t)};
        if (r->match[k] >= 0 && sort_pos_of(o, r->match[k]) >= 0)
            from[sort_pos_of(o, r->match[k])] = place[k];
        y += place[k].h + gap;
        if (t)
            take = k;
    }
    bool any = false;
    for (int pos = 0; pos < n; pos++)
        any |= !learn_round_picked(&ui->round, ui->lang, pos);
    if (any)
        y += px(ui, TOK.space_m) +
             ui_text(ui, x, y + px(ui, TOK.space_m), w, tr(ui, "Items to place"), SZ_BODY,
                     TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) + px(ui, TOK.space_s);
    for (int pos = 0; pos < n; pos++) {
        if (learn_round_picked(&ui->round, ui->lang, pos))
            continue;
        const Answer *a = &q->answers[o->choice[pos]];
        if (screen_rich_button(ui, x, y, w, a->rich_text, a->text, NULL, BTN_CHOICE, &h))
            put = pos;
        ui_target_draggable(ui);
        from[pos] = (Rect){x, y, w, h};
        y += h + gap;
    }
    for (int pos = 0; pos < n; pos++) {
        if (ui_dragging_from(ui, from[pos]))
            drag = pos;
        for (int k = 0; k < n; k++)
            if (ui_dropped(ui, from[pos], place[k]))
                learn_round_sort_put(&ui->round, ui->lang, pos, k);
    }
    if (drag >= 0)
        screen_drag_ghost(ui, q, o->choice[drag], x, w);
    if (take >= 0)
        learn_round_sort_remove(&ui->round, take);
    if (put >= 0)
        learn_round_pick(&ui->round, ui->lang, put);
    return y - y0;
}

/* An item after the check, as sort and groups show it: a band in the
 * verdict's colour with the item's text, the verdict and why under it;
 * returns the height with the space after it. */
int screen_verdict_row(Ui *ui, const char *text, const char *mark, const char *why, bool right,
                       int x, int y, int w)
{
    int pad = px(ui, TOK.pad), rule = px(ui, TOK.rule), gap = px(ui, TOK.gap);
    Color ink = right ? ui->th.good : ui->th.bad, bg = right ? ui->th.good_bg : ui->th.bad_bg;
    int tx = x + rule + pad, tw = w - rule - 2 * pad;
    int th = ui_text_height(ui, tw, text, SZ_BODY, 0);
    int mh = ui_text_height(ui, tw, mark, SZ_SMALL, TEXT_BOLD);
    int wh = why ? ui_text_height(ui, tw, why, SZ_SMALL, 0) : 0;
    int h = th + mh + wh + 2 * pad;
    ui_rect(ui, (Rect){x, y, w, h}, bg, px(ui, TOK.radius_s));
    ui_rect(ui, (Rect){x, y, rule, h}, ink, 0);
    ui_text(ui, tx, y + pad, tw, text, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT);
    ui_text(ui, tx, y + pad + th, tw, mark, SZ_SMALL, TEXT_BOLD, ink, TEXT_ALIGN_LEFT);
    if (why)
        ui_text(ui, tx, y + pad + th + mh, tw, why, SZ_SMALL, 0, ui->th.ink, TEXT_ALIGN_LEFT);
    return h + gap / 2;
}

/* One place after the check: the item put there, whether it belongs there
 * (else where) and why; returns the height with the space after it. */
static int sort_result(Ui *ui, const Question *q, int k, int a, int x, int y, int w)
{
    bool right = a == k;
    const Answer *an = a >= 0 && (size_t)a < q->nanswers ? &q->answers[a] : NULL;
    const char *text = arena_printf(&ui->frame, "%d.  %s", k + 1,
                                    an ? rich_plain(an->rich_text, an->text) : "");
    const char *mark =
        right ? tr(ui, "Correct: in its place.")
              : arena_printf(&ui->frame, tr(ui, "Wrong: it belongs in place %d."), a + 1);
    return screen_verdict_row(ui, text, mark, an ? an->feedback : NULL, right, x, y, w);
}

int sort_feedback(Ui *ui, const Question *q, const Response *resp, int x, int y, int w)
{
    int y0 = y;
    size_t n = MB_MIN(q->nanswers, (size_t)LEARN_MAX_PAIRS), right = 0;
    for (size_t k = 0; k < n; k++)
        right += resp->match[k] == (int)k;
    const char *s = arena_printf(&ui->frame, tr(ui, "You put %zu of %zu items in their place."),
                                 right, n);
    y += ui_text(ui, x, y, w, s, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) +
         px(ui, TOK.space_m);
    for (size_t k = 0; k < n; k++)
        y += sort_result(ui, q, (int)k, resp->match[k], x, y, w);
    return y - y0 + px(ui, TOK.gap);
}
