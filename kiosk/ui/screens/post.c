/* Mark the post (QT_MARKPOST): an invented post drawn like a phone's
 * article card (the account's initial in a square, never a logo; its name,
 * the date, "Invented example", the headline, the body), each sentence a
 * row at least a touch target high that a tap marks or unmarks. After the
 * answer is kept, the same card shows under each sentence whether it uses
 * a technique, which one and why, and whether it was judged right. The
 * quiz and the feedback screens draw it; the round keeps the marks. */
#include "screens.h"

#include <string.h>

/* The first character of s, in the frame's arena. */
static const char *post_initial(Ui *ui, const char *s)
{
    size_t i = 0, n = s ? strlen(s) : 0;
    if (n)
        utf8_decode(s, n, &i);
    return arena_strndup(&ui->frame, s ? s : "", i);
}

/* The card's head: the account, the date, the label; returns its height.
 * Draws only when draw. */
static int post_head(Ui *ui, const Question *q, int x, int y, int w, bool draw)
{
    int av = px(ui, TOK.post_avatar), gap = px(ui, TOK.gap), tpad = px(ui, TOK.space_s);
    TextStyle tag = ui_style(ui, SZ_SMALL, TEXT_BOLD);
    const char *label = tr(ui, "Invented example");
    const char *name = q->post_account ? q->post_account : "";
    const char *date = q->post_date ? q->post_date : "";
    int tw = text_layout_width(text_layout_str(ui->te, label, &tag, w / 2));
    int nx = x + av + gap, nw = w - av - 2 * gap - tw - 2 * tpad;
    int nh = ui_text_height(ui, nw, name, SZ_BODY, TEXT_BOLD);
    int h = nh + ui_text_height(ui, nw, date, SZ_SMALL, 0);
    int th = ui_text_height_st(ui, tw, label, &tag) + tpad;
    if (draw) {
        const char *ini = post_initial(ui, name);
        int ih = ui_text_height(ui, av, ini, SZ_LEAD, TEXT_BOLD);
        ui_rect(ui, (Rect){x, y, av, av}, ui->th.accent, px(ui, TOK.radius_s));
        ui_text(ui, x, y + (av - ih) / 2, av, ini, SZ_LEAD, TEXT_BOLD, ui->th.accent_ink,
                TEXT_ALIGN_CENTER);
        ui_text(ui, nx, y, nw, name, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT);
        ui_text(ui, nx, y + nh, nw, date, SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT);
        Rect t = {x + w - tw - 2 * tpad, y, tw + 2 * tpad, th};
        ui_frame_rect(ui, t, ui->th.partial, px(ui, TOK.radius_s), px(ui, TOK.stroke));
        ui_text_st(ui, t.x + tpad, t.y + tpad / 2, tw, label, &tag, ui->th.partial);
    }
    return MB_MAX(MB_MAX(h, av), th);
}

/* What the check says of sentence a, marked or not, and its colours. */
static const char *post_verdict(Ui *ui, const Answer *a, bool marked, Color *ink, Color *bg)
{
    bool tech = a->fraction > 0, right = marked == tech;
    *ink = right ? ui->th.good : ui->th.bad;
    *bg = right ? ui->th.good_bg : ui->th.bad_bg;
    const char *t = a->technique ? a->technique : "";
    if (tech && marked)
        return arena_printf(&ui->frame, tr(ui, "Correct: you marked it. It uses %s."), t);
    if (tech)
        return arena_printf(&ui->frame, tr(ui, "Missed: it uses %s."), t);
    if (marked)
        return tr(ui, "Wrong: you marked it, but it uses no technique.");
    return tr(ui, "Correct: it uses no technique.");
}

/* One sentence as a row; checked: with its verdict and why under it.
 * Returns the row's height; draws (and takes a tap: *tapped) only when
 * draw. */
static int post_sentence(Ui *ui, const Answer *a, bool marked, bool checked, Rect at, bool draw,
                         bool *tapped)
{
    int pad = px(ui, TOK.space_m), rule = px(ui, TOK.rule), x = at.x, y = at.y, w = at.w;
    TextStyle st = ui_style(ui, SZ_BODY, 0);
    int mw = text_layout_width(text_layout_str(ui->te, "■", &st, w)) + px(ui, TOK.space_m);
    int tx = x + rule + pad + mw, tw = x + w - pad - tx;
    const char *text = rich_plain(a->rich_text, a->text);
    uint32_t tf = marked ? TEXT_BOLD : 0;
    int th = ui_text_height(ui, tw, text, SZ_BODY, tf);
    const char *verdict = NULL, *why = checked ? a->feedback : NULL;
    Color ink = ui->th.accent, bg = ui->th.chosen_bg;
    if (checked)
        verdict = post_verdict(ui, a, marked, &ink, &bg);
    int vh = verdict ? ui_text_height(ui, tw, verdict, SZ_SMALL, TEXT_BOLD) : 0;
    int wh = why ? ui_text_height(ui, tw, why, SZ_SMALL, 0) : 0;
    int h = MB_MAX(ui_target_px(ui), th + vh + wh + 2 * pad);
    if (!draw)
        return h;
    Rect r = {x, y, w, h};
    if (!checked) {
        ui_add_target(ui, r, text);
        *tapped = ui_tapped(ui, r);
    }
    if (!checked && ui_pressing(ui, r))
        ui_rect(ui, r, ui->th.pressed, px(ui, TOK.radius_s));
    else if (marked || checked)
        ui_rect(ui, r, checked ? bg : ui->th.chosen_bg, px(ui, TOK.radius_s));
    if (marked || checked)
        ui_rect(ui, (Rect){x, y, rule, h}, ink, 0);
    int ty = y + (h - th - vh - wh) / 2;
    ui_text_st(ui, x + rule + pad, ty, mw, marked ? "■" : "□", &st,
               marked ? ui->th.accent : ui->th.muted);
    ui_text(ui, tx, ty, tw, text, SZ_BODY, tf, ui->th.ink, TEXT_ALIGN_LEFT);
    if (verdict)
        ui_text(ui, tx, ty + th, tw, verdict, SZ_SMALL, TEXT_BOLD, ink, TEXT_ALIGN_LEFT);
    if (why)
        ui_text(ui, tx, ty + th + vh, tw, why, SZ_SMALL, 0, ui->th.ink, TEXT_ALIGN_LEFT);
    return h;
}

/* The card's content from y; returns its height. */
static int post_content(Ui *ui, const Question *q, const Response *resp, bool checked, Rect in,
                        bool draw, int *tapped)
{
    int gap = ui_touch_gap(ui, TOK.gap / 2), y = in.y;
    const char *head = rich_plain(q->rich_text, q->text);
    y += post_head(ui, q, in.x, y, in.w, draw) + px(ui, TOK.space_l);
    if (draw)
        ui_text(ui, in.x, y, in.w, head, SZ_LEAD, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT);
    y += ui_text_height(ui, in.w, head, SZ_LEAD, TEXT_BOLD) + px(ui, TOK.gap);
    size_t n = MB_MIN(q->nanswers, (size_t)LEARN_MAX_CHOICES);
    for (size_t i = 0; i < n; i++) {
        bool t = false, marked = (resp->selected >> i) & 1;
        Rect row = {in.x - px(ui, TOK.space_m), y, in.w + 2 * px(ui, TOK.space_m), 0};
        y += post_sentence(ui, &q->answers[i], marked, checked, row, draw, &t) + gap;
        if (t)
            *tapped = (int)i;
    }
    return y - in.y;
}

int post_card(Ui *ui, const Question *q, const Response *resp, bool checked, int x, int y, int w,
              int *tapped)
{
    int pad = px(ui, TOK.pad);
    Rect in = {x + pad, y + pad, w - 2 * pad, 0};
    *tapped = -1;
    Rect card = {x, y, w, post_content(ui, q, resp, checked, in, false, tapped) + 2 * pad};
    ui_rect(ui, card, ui->th.surface, px(ui, TOK.radius));
    ui_frame_rect(ui, card, ui->th.edge, px(ui, TOK.radius), px(ui, TOK.stroke));
    post_content(ui, q, resp, checked, in, true, tapped);
    return card.h + px(ui, TOK.gap);
}

/* "You judged 4 of 5 sentences right." */
int post_summary_line(Ui *ui, const Question *q, const Response *resp, int x, int y, int w)
{
    size_t n = MB_MIN(q->nanswers, (size_t)LEARN_MAX_CHOICES), right = 0;
    for (size_t i = 0; i < n; i++)
        right += (bool)((resp->selected >> i) & 1) == (q->answers[i].fraction > 0);
    const char *s = arena_printf(&ui->frame, tr(ui, "You judged %zu of %zu sentences right."), right,
                                 n);
    return ui_text(ui, x, y, w, s, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) +
           px(ui, TOK.space_m);
}
