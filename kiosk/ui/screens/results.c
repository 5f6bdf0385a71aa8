/* The class results for the instructor: for one session (the open one
 * first; the others and "all answers" a tap away), each question's correct
 * rate as a bar, how often each wrong answer was chosen, its item analysis
 * (facility and discrimination index, as Moodle's quiz statistics define
 * them, with a line saying what each means), and each participant's
 * progress under a pseudonym (names only when the instructor asks).
 * Read on enter and when another session is chosen (results_data.c). */
#include "results_data.h"

#include <math.h>
#include <stdio.h>

typedef struct {
    ResData d;
    bool names;     /* participants' names in place of their pseudonyms */
    int content_h;  /* the scrolled content's height, from the last pass */
} ResultsState;

static void results_enter(Ui *ui, void *state)
{
    ResultsState *st = state;
    st->names = false;
    st->content_h = 0;
    res_load(ui, &st->d, res_default_session(ui));
}

static void results_leave(Ui *ui, void *state)
{
    (void)ui;
    ResultsState *st = state;
    res_free(&st->d);
}

/* A bar of share 0..1 (negative: none) w wide at x, y; returns its height. */
static int results_bar(Ui *ui, int x, int y, int w, double share, Color fill)
{
    int h = px(ui, TOK.stat_bar_h);
    ui_rect(ui, (Rect){x, y, w, h}, ui->th.line, px(ui, TOK.radius_s));
    if (share > 0)
        ui_rect(ui, (Rect){x, y, MB_MAX(h, (int)lround(w * MB_MIN(share, 1.0))), h}, fill,
                px(ui, TOK.radius_s));
    return h;
}

static int results_line(Ui *ui, int x, int y, int w, const char *s, Color c)
{
    return ui_text(ui, x, y, w, s, SZ_SMALL, 0, c, TEXT_ALIGN_LEFT) + px(ui, TOK.space_xs);
}

/* One question: its text, its correct rate, its analysis, the wrong answers
 * chosen; returns its height. */
static int results_item(Ui *ui, const ResItem *it, int x, int y, int w)
{
    int y0 = y;
    const LearnItemStat *s = &it->stat;
    y += ui_text(ui, x, y, w, res_item_text(it), SZ_BODY, TEXT_BOLD, ui->th.ink,
                 TEXT_ALIGN_LEFT) + px(ui, TOK.space_s);
    double rate = s->answered ? (double)s->correct / (double)s->answered : -1;
    y += results_bar(ui, x, y, w, rate, ui->th.good) + px(ui, TOK.space_xs);
    const char *disc = isnan(s->discrimination) ? "—"
                       : arena_printf(&ui->frame, "%+.2f", s->discrimination);
    const char *line = arena_printf(&ui->frame, tr(ui, "%d of %d right · facility %d%% · discrimination %s"),
                                    (int)s->correct, (int)s->answered,
                                    (int)lround(MB_MAX(s->facility, 0) * 100), disc);
    y += results_line(ui, x, y, w, line, ui->th.ink);
    for (size_t k = 0; k < it->noptions; k++) {
        const ResOption *o = &it->options[k];
        if (o->right || !o->count)
            continue;
        line = arena_printf(&ui->frame, tr(ui, "Chosen wrongly %d×: %s"), (int)o->count,
                            res_option_label(ui, o));
        y += results_line(ui, x + px(ui, TOK.indent), y, w - px(ui, TOK.indent), line,
                          ui->th.bad);
    }
    return y - y0 + px(ui, TOK.space_xl);
}

/* Each participant's progress: who (pseudonym or name), how many questions
 * answered and the points; returns the height. */
static int results_people(Ui *ui, ResultsState *st, int x, int y, int w)
{
    int y0 = y, bh = ui_touch_px(ui, TOK.button_h), bw = ui_touch_px(ui, TOK.field_action_w);
    ui_text(ui, x, y, w - bw, tr(ui, "Participants"), SZ_HEADING, TEXT_BOLD, ui->th.ink,
            TEXT_ALIGN_LEFT);
    if (ui_button(ui, (Rect){x + w - bw, y, bw, bh},
                  tr(ui, st->names ? "Hide names" : "Show names"), BTN_SECONDARY))
        st->names = !st->names;
    y += bh + px(ui, TOK.space_m);
    size_t nitems = st->d.nitems;
    for (size_t i = 0; i < st->d.npeople; i++) {
        const ResPerson *p = &st->d.people[i];
        const char *who = st->names ? (p->guest ? tr(ui, "Guest") : p->name) : p->pseudo;
        const char *line = arena_printf(&ui->frame, tr(ui, "%s: %d of %d questions, %.1f of %.1f points"),
                                        who, (int)p->answered, (int)nitems, p->score, p->max);
        y += results_line(ui, x, y, w, line, ui->th.ink);
        y += results_bar(ui, x, y, w, nitems ? (double)p->answered / (double)nitems : 0,
                         ui->th.accent) + px(ui, TOK.space_m);
    }
    return y - y0;
}

/* The heading, the notes on the two indexes, the questions, the people. */
static int results_content(Ui *ui, ResultsState *st, int x, int y, int w)
{
    int y0 = y;
    const char *title = st->d.session ? st->d.title : tr(ui, "All answers");
    y += ui_text(ui, x, y, w, title ? title : "", SZ_HEADING, TEXT_BOLD, ui->th.ink,
                 TEXT_ALIGN_LEFT) + px(ui, TOK.space_xs);
    const char *sum = arena_printf(&ui->frame, tr(ui, "%d participants · %d answers"),
                                   (int)st->d.npeople, (int)st->d.nanswers);
    y += results_line(ui, x, y, w, sum, ui->th.muted);
    y += results_line(ui, x, y, w, tr(ui, "Facility index: the share of the possible points the class got. Low means the question was hard."), ui->th.muted);
    y += results_line(ui, x, y, w, tr(ui, "Discrimination index: whether those who did well on the rest did well on this question too. Near zero or below: it does not tell them apart."), ui->th.muted) + px(ui, TOK.space_l);
    if (!st->d.nitems)
        y += results_line(ui, x, y, w, tr(ui, "No answers yet."), ui->th.ink);
    for (size_t i = 0; i < st->d.nitems; i++)
        y += results_item(ui, &st->d.items[i], x, y, w);
    y += results_people(ui, st, x, y, w);
    return y - y0;
}

/* The session chooser under the top bar; returns its bottom. */
static int results_chooser(Ui *ui, ResultsState *st, int top)
{
    int x, w = screen_column(ui, &x), gap = ui_touch_gap(ui, TOK.gap);
    int bh = ui_touch_px(ui, TOK.button_h), bw = (w - gap) / 2;
    int y = top + px(ui, TOK.space_m);
    int64_t go = -1;
    if (ui_button(ui, (Rect){x, y, bw, bh}, tr(ui, "Earlier session"), BTN_SECONDARY))
        go = res_next_session(&st->d, -1);
    if (ui_button(ui, (Rect){x + bw + gap, y, bw, bh}, tr(ui, "Later session"), BTN_SECONDARY))
        go = res_next_session(&st->d, 1);
    if (go >= 0) {
        res_load(ui, &st->d, go);
        ui_scroll_reset(ui);
    }
    return y + bh + px(ui, TOK.space_m);
}

static void results_frame(Ui *ui, void *state)
{
    ResultsState *st = state;
    if (!ui->instructor) { /* never shown to a participant */
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Back"), tr(ui, "Class results"), &back);
    if (back) {
        ui_go(ui, SCR_INSTRUCTOR);
        return;
    }
    top = results_chooser(ui, st, top);
    Rect view = {0, top, ui->w, ui->h - top};
    int x, w = screen_column(ui, &x);
    ui_scroll_update(ui, st->content_h, view.h);
    ui_scroll_begin(ui, view);
    st->content_h = results_content(ui, st, x, top - (int)ui->scroll, w) + px(ui, TOK.space_xl);
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, st->content_h);
}

const ScreenDef screen_results = {.name = "results",
                                  .state_size = sizeof(ResultsState),
                                  .enter = results_enter,
                                  .frame = results_frame,
                                  .leave = results_leave};
