/* Sort into groups (QT_GROUP): a box for each group and the items still
 * to place under them. An item held and dragged onto a group's box goes
 * into it; on a small screen, tap an item (it is marked), then the group's
 * name. A tap on an item in a box takes it back. After the answer is kept,
 * each item shows whether it is in its own group (in words, never colour
 * alone), which group it belongs to and why. The quiz and the feedback
 * screens draw these; the round keeps the groups. */
#include "screens.h"

/* The item shown at pos, as a draggable button; true when tapped. */
static bool group_item(Ui *ui, const Question *q, int a, bool on, Rect at, int *h)
{
    const Answer *an = &q->answers[a];
    bool t = screen_rich_button(ui, at.x, at.y, at.w, an->rich_text, an->text, NULL,
                                on ? BTN_CHOICE_ON : BTN_CHOICE, h);
    ui_target_draggable(ui);
    return t;
}

/* Group g's box: its name (a button: the tap fallback puts the picked item
 * there) and the items in it. *box is its whole area, where a drop lands. */
static int group_box(Ui *ui, const Question *q, int g, int *pick, Rect at, Rect *box, Rect *from)
{
    const LearnOrder *o = learn_round_order(&ui->round);
    const Response *r = learn_round_response(&ui->round);
    int pad = px(ui, TOK.space_m), gap = ui_touch_gap(ui, TOK.gap), h, y = at.y + pad;
    int x = at.x + pad, w = at.w - 2 * pad;
    size_t at_cmd = ui->dl->count;
    ui_rect(ui, (Rect){at.x, at.y, at.w, 0}, ui->th.card, px(ui, TOK.radius));
    const char *name =
        *pick >= 0 ? arena_printf(&ui->frame, tr(ui, "Put it in: %s"), q->groups[g]) : q->groups[g];
    if (ui_button_wrap(ui, x, y, w, name, *pick >= 0 ? BTN_SECONDARY : BTN_QUIET, &h) &&
        *pick >= 0) {
        learn_round_group_put(&ui->round, ui->lang, *pick, g);
        *pick = -1;
    }
    y += h + gap;
    for (size_t pos = 0; pos < o->nchoices; pos++) {
        if (r->match[o->choice[pos]] != g)
            continue;
        if (group_item(ui, q, o->choice[pos], true, (Rect){x, y, w, 0}, &h))
            learn_round_group_put(&ui->round, ui->lang, (int)pos, -1);
        from[pos] = (Rect){x, y, w, h};
        y += h + gap;
    }
    *box = (Rect){at.x, at.y, at.w, y - at.y + pad - gap};
    ui->dl->cmds[at_cmd].r = *box;
    ui_frame_rect(ui, *box, ui->th.line, px(ui, TOK.radius), px(ui, TOK.stroke));
    return box->h;
}

int group_quiz(Ui *ui, const Question *q, int *pick, int x, int y, int w)
{
    const LearnOrder *o = learn_round_order(&ui->round);
    const Response *r = learn_round_response(&ui->round);
    int gap = ui_touch_gap(ui, TOK.gap), y0 = y, h, n = (int)o->nchoices;
    Rect box[QUIZ_MAX_GROUPS], from[LEARN_MAX_PAIRS] = {{0}};
    if (*pick >= n || (*pick >= 0 && r->match[o->choice[*pick]] >= 0))
        *pick = -1;
    y += ui_text(ui, x, y, w,
                 tr(ui, "Hold an item and drag it onto its group, or tap an item, then its group. Tap an item in a group to take it back."),
                 SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) +
         gap;
    /* where there is room, the items to place beside the groups */
    Columns c;
    bool two = screen_columns(ui, &c);
    int top = y, gx = two ? c.lx : x, gw = two ? c.lw : w;
    for (size_t g = 0; g < q->ngroups && g < QUIZ_MAX_GROUPS; g++)
        y += group_box(ui, q, (int)g, pick, (Rect){gx, y, gw, 0}, &box[g], from) + gap;
    int groups_end = y;
    if (two)
        x = c.rx, w = c.rw, y = top;
    bool any = false;
    for (int pos = 0; pos < n; pos++)
        any |= r->match[o->choice[pos]] < 0;
    if (any)
        y += ui_text(ui, x, y + px(ui, TOK.space_m), w, tr(ui, "Items to place"), SZ_BODY,
                     TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) +
             px(ui, TOK.space_m) + px(ui, TOK.space_s);
    for (int pos = 0; pos < n; pos++) {
        if (r->match[o->choice[pos]] >= 0)
            continue;
        if (group_item(ui, q, o->choice[pos], *pick == pos, (Rect){x, y, w, 0}, &h))
            *pick = *pick == pos ? -1 : pos;
        from[pos] = (Rect){x, y, w, h};
        y += h + gap;
    }
    int drag = -1;
    for (int pos = 0; pos < n; pos++) {
        if (ui_dragging_from(ui, from[pos]))
            drag = pos;
        for (size_t g = 0; g < q->ngroups && g < QUIZ_MAX_GROUPS; g++)
            if (ui_dropped(ui, from[pos], box[g])) {
                learn_round_group_put(&ui->round, ui->lang, pos, (int)g);
                *pick = -1;
            }
    }
    if (drag >= 0)
        screen_drag_ghost(ui, q, o->choice[drag], x, w);
    return MB_MAX(y, groups_end) - y0;
}

/* One item after the check; returns the height with the space after it. */
static int group_result(Ui *ui, const Question *q, int k, int g, int x, int y, int w)
{
    const Answer *an = &q->answers[k];
    bool right = g == an->group;
    const char *own = an->group >= 0 && (size_t)an->group < q->ngroups ? q->groups[an->group] : "";
    const char *mark = right ? arena_printf(&ui->frame, tr(ui, "Correct: in “%s”."), own)
                             : arena_printf(&ui->frame, tr(ui, "Wrong: it belongs in “%s”."), own);
    return screen_verdict_row(ui, rich_plain(an->rich_text, an->text), mark, an->feedback, right,
                              x, y, w);
}

int group_feedback(Ui *ui, const Question *q, const Response *resp, int x, int y, int w)
{
    int y0 = y;
    size_t n = MB_MIN(q->nanswers, (size_t)LEARN_MAX_PAIRS), right = 0;
    for (size_t k = 0; k < n; k++)
        right += resp->match[k] == q->answers[k].group;
    const char *s =
        arena_printf(&ui->frame, tr(ui, "You put %zu of %zu items in their group."), right, n);
    y += ui_text(ui, x, y, w, s, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) +
         px(ui, TOK.space_m);
    for (size_t k = 0; k < n; k++)
        y += group_result(ui, q, (int)k, resp->match[k], x, y, w);
    return y - y0 + px(ui, TOK.gap);
}
