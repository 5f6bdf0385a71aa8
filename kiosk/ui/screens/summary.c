/* The end of a round: the score, and the questions worth another look,
 * with when they come back for review. Each missed question can be tapped
 * to see it again as its feedback showed it (what was answered, the right
 * answer, the explanation and the source), read-only: nothing is recorded,
 * and "Back to my results" returns to the list where it was. Under them,
 * the unit's discussion prompts (essay questions and ## discuss of its
 * activities) for the seminar group. */
#include "screens.h"

#include <math.h>
#include <stdio.h>

typedef struct {
    int open;          /* the missed question shown again, or -1 for the list */
    float list_scroll; /* where the list was scrolled when it was opened */
} SummaryState;

static void summary_enter(Ui *ui, void *state)
{
    SummaryState *st = state;
    st->open = -1;
    st->list_scroll = 0;
    screen_round_over(ui);
}

/* When a missed question comes back, as the review schedule has it (a
 * missed question goes to the first box). */
static const char *summary_when(Ui *ui)
{
    int64_t day = (int64_t)24 * 60 * 60 * 1000;
    int64_t days = learn_review_due_ms(learn_review_next_box(LEARN_BOX_MAX, false), 0) / day;
    if (days <= 1)
        return tr(ui, "These questions come back for review tomorrow.");
    return arena_printf(&ui->frame, tr(ui, "These questions come back for review in %d days."),
                        (int)days);
}

static void summary_open(Ui *ui, SummaryState *st, int i)
{
    st->open = i;
    st->list_scroll = ui->scroll;
    ui_scroll_reset(ui);
    ui->changed = true;
}

static int summary_missed(Ui *ui, SummaryState *st, int x, int y, int w)
{
    int y0 = y, n = learn_round_missed_count(&ui->round);
    if (n == 0)
        return ui_text(ui, x, y, w, tr(ui, "You answered every question right."), SZ_BODY, 0,
                       ui->th.ink, TEXT_ALIGN_LEFT);
    y += ui_text(ui, x, y, w, tr(ui, "Worth another look"), SZ_HEADING, TEXT_BOLD, ui->th.ink,
                 TEXT_ALIGN_LEFT) + px(ui, TOK.space_xs);
    y += ui_text(ui, x, y, w, summary_when(ui), SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) +
         px(ui, TOK.space_xs);
    y += ui_text(ui, x, y, w, tr(ui, "Tap a question to see it again with its answer."), SZ_SMALL,
                 0, ui->th.muted, TEXT_ALIGN_LEFT) + px(ui, TOK.space_m);
    for (int i = 0; i < n; i++) {
        const Question *q = learn_round_missed(&ui->round, i, ui->lang);
        if (!q)
            continue;
        int h;
        if (screen_rich_button(ui, x, y, w, q->rich_text, q->text, NULL, BTN_SECONDARY, &h))
            summary_open(ui, st, i);
        y += h + ui_touch_gap(ui, TOK.space_s);
    }
    return y - y0;
}

/* The unit's discussion prompts, to take to the seminar group; returns
 * the height (0 when it has none, and in a review). */
static int summary_prompts(Ui *ui, const Unit *u, int x, int y, int w)
{
    const QuestionList *ql = u && !ui->round.review ? learn_unit_quiz(u, ui->lang) : NULL;
    int y0 = y, pad = px(ui, TOK.pad), rule = px(ui, TOK.rule);
    for (size_t i = 0; ql && i < ql->count; i++) {
        const Question *q = &ql->items[i];
        if (q->type != QT_ESSAY)
            continue;
        if (y == y0)
            y += px(ui, TOK.section) +
                 ui_text(ui, x, y + px(ui, TOK.section), w,
                         tr(ui, "For discussion with your group"), SZ_HEADING, TEXT_BOLD,
                         ui->th.ink, TEXT_ALIGN_LEFT) + px(ui, TOK.space_m);
        RichPlace at = {x + rule + pad, y + pad, w - rule - 2 * pad, SZ_BODY, 0, ui->th.ink, false};
        int h = screen_rich(ui, q->rich_text, q->text, &at) + 2 * pad;
        ui_rect(ui, (Rect){x, y, w, h}, ui->th.card, 0);
        ui_rect(ui, (Rect){x, y, rule, h}, ui->th.accent, 0);
        at.draw = true;
        screen_rich(ui, q->rich_text, q->text, &at);
        y += h + px(ui, TOK.space_s);
    }
    return y - y0;
}

/* Missed question i again, as its feedback showed it; records nothing. */
static void summary_again(Ui *ui, SummaryState *st)
{
    const Question *q = learn_round_missed(&ui->round, st->open, ui->lang);
    FeedbackView v = {q, learn_round_missed_response(&ui->round, st->open),
                      learn_round_missed_order(&ui->round, st->open), {0}};
    int top = ui_top_bar(ui, NULL, tr(ui, "Worth another look"), NULL);
    int bar_h = ui_bottom_bar_h(ui);
    Rect view = {0, top, ui->w, ui->h - top - bar_h};
    int x, w = screen_column(ui, &x);
    ui_scroll_begin(ui, view);
    int y = top + px(ui, TOK.space_xl) - (int)ui->scroll;
    if (q && v.resp && learn_score(q, v.resp, &v.score) == MB_OK)
        y += feedback_view(ui, &v, x, y, w);
    ui_scroll_end(ui, view, y + (int)ui->scroll - top);
    Rect bar = ui_bottom_bar(ui, bar_h);
    if (ui_bar_action(ui, bar, tr(ui, "Back to my results"), BTN_PRIMARY)) {
        st->open = -1;
        ui->scroll = st->list_scroll;
        ui->changed = true;
    }
}

static void summary_frame(Ui *ui, void *state)
{
    SummaryState *st = state;
    if (st->open >= 0) {
        summary_again(ui, st);
        return;
    }
    const Unit *u = screen_unit(ui, ui->unit);
    int top = ui_top_bar(ui, NULL, tr(ui, "Unit finished"), NULL);
    int bar_h = ui_bottom_bar_h(ui);
    Rect view = {0, top, ui->w, ui->h - top - bar_h};
    int x, w = screen_column(ui, &x);
    ui_scroll_begin(ui, view);
    int y = top + px(ui, TOK.space_2xl) - (int)ui->scroll;
    const char *heading = ui->round.review ? tr(ui, "Review finished")
                          : u             ? screen_unit_title(ui, u)
                                          : NULL;
    if (heading)
        y += ui_text(ui, x, y, w, heading, SZ_HEADING, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) +
             px(ui, TOK.space_m);
    double score, max;
    learn_round_total(&ui->round, &score, &max);
    char num[32];
    snprintf(num, sizeof num, "%g", round(score * 10) / 10);
    const char *line =
        arena_printf(&ui->frame, tr(ui, "You scored %s out of %d."), num, (int)lround(max));
    y += ui_text(ui, x, y, w, line, SZ_TITLE, 0, ui->th.accent, TEXT_ALIGN_LEFT) + px(ui, TOK.pad);
    y += summary_missed(ui, st, x, y, w);
    y += summary_prompts(ui, u, x, y, w);
    ui_scroll_end(ui, view, y + (int)ui->scroll - top);
    Rect bar = ui_bottom_bar(ui, bar_h);
    if (ui_bar_action(ui, bar, tr(ui, "Back to the units"), BTN_PRIMARY))
        ui_go(ui, SCR_HOME);
}

const ScreenDef screen_summary = {.name = "summary",
                                  .state_size = sizeof(SummaryState),
                                  .enter = summary_enter,
                                  .frame = summary_frame};
