/* The discussion view for the classroom display: one question at a time,
 * how the class answered it (how many chose each answer, as bars; no
 * names, no ranking, the right answer not marked, so that the class can
 * talk it over first) and its "How do we know?" source, with the next and
 * the previous question. For the session shown first on the class results
 * (the open one, else the latest; the earlier ones and all answers a tap
 * away); read on enter and when another is chosen (results_data.c). */
#include "results_data.h"

#include <math.h>

typedef struct {
    ResData d;
    size_t at;      /* the question shown */
    int content_h;  /* the scrolled content's height, from the last pass */
} DiscussionState;

static void discussion_enter(Ui *ui, void *state)
{
    DiscussionState *st = state;
    st->at = 0;
    st->content_h = 0;
    res_load(ui, &st->d, res_default_session(ui));
}

static void discussion_leave(Ui *ui, void *state)
{
    (void)ui;
    DiscussionState *st = state;
    res_free(&st->d);
}

/* How the class answered: a bar and a count per answer; returns the height. */
static int discussion_spread(Ui *ui, const ResItem *it, int x, int y, int w)
{
    int y0 = y, h = px(ui, TOK.stat_bar_h);
    unsigned most = 1;
    for (size_t k = 0; k < it->noptions; k++)
        most = MB_MAX(most, it->options[k].count);
    for (size_t k = 0; k < it->noptions; k++) {
        const ResOption *o = &it->options[k];
        const char *line = arena_printf(&ui->frame, "%s — %u", res_option_label(ui, o), o->count);
        y += ui_text(ui, x, y, w, line, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT) +
             px(ui, TOK.space_xs);
        ui_rect(ui, (Rect){x, y, w, h}, ui->th.line, px(ui, TOK.radius_s));
        if (o->count)
            ui_rect(ui, (Rect){x, y, MB_MAX(h, (int)lround((double)w * o->count / most)), h},
                    ui->th.accent, px(ui, TOK.radius_s));
        y += h + px(ui, TOK.space_l);
    }
    if (!it->noptions)
        y += ui_text(ui, x, y, w, arena_printf(&ui->frame, tr(ui, "Answers: %d"),
                                               (int)it->stat.answered),
                     SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT);
    return y - y0;
}

static int discussion_content(Ui *ui, const DiscussionState *st, int x, int y, int w)
{
    int y0 = y;
    if (!st->d.nitems)
        return ui_text(ui, x, y, w, tr(ui, "No answers yet."), SZ_BODY, 0, ui->th.ink,
                       TEXT_ALIGN_LEFT);
    const ResItem *it = &st->d.items[st->at];
    const char *from = st->d.session ? st->d.title : tr(ui, "All answers");
    y += ui_text(ui, x, y, w, from ? from : "", SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) +
         px(ui, TOK.space_xs);
    y += ui_text(ui, x, y, w, res_item_text(it), SZ_LEAD, TEXT_BOLD, ui->th.ink,
                 TEXT_ALIGN_LEFT) + px(ui, TOK.space_l);
    y += discussion_spread(ui, it, x, y, w) + px(ui, TOK.space_m);
    if (it->q && it->q->source) {
        y += ui_text(ui, x, y, w, tr(ui, "How do we know?"), SZ_SMALL, TEXT_BOLD, ui->th.muted,
                     TEXT_ALIGN_LEFT) + px(ui, TOK.space_xs);
        y += ui_text(ui, x, y, w, it->q->source, SZ_QUOTE, 0, ui->th.ink, TEXT_ALIGN_LEFT);
    }
    return y - y0;
}

/* Another session (the earlier one; all answers after the first) at the
 * left of the bottom bar where there is room for it (not on an upright
 * screen), Previous and Next at its right. */
static void discussion_bar(Ui *ui, DiscussionState *st)
{
    Rect bar = ui_bottom_bar(ui, ui_bottom_bar_h(ui));
    int bw = ui_touch_px(ui, TOK.action_w) / 2 + px(ui, TOK.space_3xl);
    Rect next = ui_bar_action_rect(ui, bar, bw);
    Rect prev = next;
    prev.x -= bw + ui_touch_gap(ui, TOK.gap);
    Rect other = prev;
    other.x = px(ui, TOK.space_xl);
    other.w = MB_MIN(prev.x - ui_touch_gap(ui, TOK.gap) - other.x, ui_touch_px(ui, TOK.action_w));
    if (other.w >= bw && ui_button(ui, other, tr(ui, "Earlier session"), BTN_QUIET)) {
        res_load(ui, &st->d, res_next_session(&st->d, -1));
        st->at = 0;
        ui_scroll_reset(ui);
        return;
    }
    bool first = st->at == 0, last = st->at + 1 >= st->d.nitems;
    if (ui_button(ui, prev, tr(ui, "Previous"), first ? BTN_OFF : BTN_SECONDARY) && !first) {
        st->at--;
        ui_scroll_reset(ui);
    }
    if (ui_button(ui, next, tr(ui, "Next"), last ? BTN_OFF : BTN_PRIMARY) && !last) {
        st->at++;
        ui_scroll_reset(ui);
    }
}

static void discussion_frame(Ui *ui, void *state)
{
    DiscussionState *st = state;
    if (!ui->instructor) { /* never shown to a participant */
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    bool back;
    const char *title = st->d.nitems ? arena_printf(&ui->frame, tr(ui, "Question %d of %d"),
                                                    (int)st->at + 1, (int)st->d.nitems)
                                     : tr(ui, "Discussion");
    int top = ui_top_bar(ui, tr(ui, "Back"), title, &back);
    if (back) {
        ui_go(ui, SCR_INSTRUCTOR);
        return;
    }
    int bar_h = ui_bottom_bar_h(ui);
    Rect view = {0, top, ui->w, ui->h - top - bar_h};
    int x, w = screen_column(ui, &x);
    ui_scroll_update(ui, st->content_h, view.h);
    ui_scroll_begin(ui, view);
    st->content_h = discussion_content(ui, st, x, top + px(ui, TOK.space_xl) - (int)ui->scroll, w) +
                    2 * px(ui, TOK.space_xl);
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, st->content_h);
    discussion_bar(ui, st);
}

const ScreenDef screen_discussion = {.name = "discussion",
                                     .state_size = sizeof(DiscussionState),
                                     .enter = discussion_enter,
                                     .frame = discussion_frame,
                                     .leave = discussion_leave};
