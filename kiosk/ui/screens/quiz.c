/* The quiz: one question of the round at a time, its answers in the order
 * the round gives, built from taps (choices, true/false, matching pairs,
 * or typed on the keypad), then "Check my answer". The answer is kept in
 * the store before the feedback screen appears; if it cannot be kept, the
 * participant stays here with a message and their answer. */
#include "keypad.h"
#include "screens.h"

#include <stdio.h>

typedef struct {
    char save_error[160];
    UiKeys keys;
    int read_view;  /* read laterally: the page shown (read_browser) */
    int group_pick; /* sort into groups: the item tapped to place next, or -1 */
} QuizState;

static void quiz_enter(Ui *ui, void *state)
{
    QuizState *st = state;
    st->save_error[0] = 0;
    st->read_view = 0;
    st->group_pick = -1;
    ui->edit = learn_round_text(&ui->round, &ui->edit_cap);
    ui_keys_reset(ui, &st->keys, false, false);
}

static int quiz_choices(Ui *ui, const Question *q, int x, int y, int w)
{
    const LearnOrder *o = learn_round_order(&ui->round);
    int gap = ui_touch_gap(ui, TOK.gap), y0 = y, h;
    for (size_t pos = 0; pos < o->nchoices; pos++) {
        bool on = learn_round_picked(&ui->round, ui->lang, (int)pos);
        const Answer *a = &q->answers[o->choice[pos]];
        const char *mark = q->type == QT_MULTIRESPONSE ? (on ? "■" : "□") : NULL;
        if (screen_rich_button(ui, x, y, w, a->rich_text, a->text, mark,
                               on ? BTN_CHOICE_ON : BTN_CHOICE, &h))
            learn_round_pick(&ui->round, ui->lang, (int)pos);
        y += h + gap;
    }
    return y - y0;
}

static int quiz_truefalse(Ui *ui, int x, int y, int w)
{
    int gap = ui_touch_gap(ui, TOK.gap), bw = (w - gap) / 2, bh = ui_touch_px(ui, TOK.choice_h);
    const char *labels[2] = {tr(ui, "True"), tr(ui, "False")};
    for (int pos = 0; pos < 2; pos++) {
        bool on = learn_round_picked(&ui->round, ui->lang, pos);
        if (ui_button(ui, (Rect){x + pos * (bw + gap), y, bw, bh}, labels[pos],
                      on ? BTN_CHOICE_ON : BTN_CHOICE))
            learn_round_pick(&ui->round, ui->lang, pos);
    }
    return bh + gap;
}

/* Left items in a column, the right sides (in the round's order) in
 * another: tap a left item, then its match. */
static int quiz_matching(Ui *ui, const Question *q, int x, int y, int w)
{
    const LearnOrder *o = learn_round_order(&ui->round);
    const Response *r = learn_round_response(&ui->round);
    int gap = ui_touch_gap(ui, TOK.gap), colw = (w - gap) / 2, h, y0 = y, k = 0;
    y += ui_text(ui, x, y, w, tr(ui, "Tap each item on the left, then its match on the right."),
                 SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) + gap;
    int ly = y, ry = y;
    for (size_t i = 0; i < q->nanswers && k < LEARN_MAX_PAIRS; i++) {
        if (!q->answers[i].left || !q->answers[i].left[0])
            continue;
        const Answer *a = &q->answers[i];
        int style = learn_round_match_waiting(&ui->round) == k ? BTN_CHOICE_ON : BTN_CHOICE;
        bool tapped;
        if (r->match[k] >= 0 && (size_t)r->match[k] < q->nanswers) {
            const Answer *m = &q->answers[r->match[k]];
            const char *label = arena_printf(&ui->frame, "%s  →  %s", rich_plain(a->rich_left, a->left),
                                             rich_plain(m->rich_text, m->text));
            tapped = ui_button_wrap(ui, x, ly, colw, label, style, &h);
        } else {
            tapped = screen_rich_button(ui, x, ly, colw, a->rich_left, a->left, NULL, style, &h);
        }
        if (tapped)
            learn_round_match_left(&ui->round, k);
        ly += h + gap;
        k++;
    }
    for (size_t pos = 0; pos < o->nright; pos++) {
        int j = o->right[pos];
        bool used = false;
        for (int m = 0; m < k; m++)
            used |= r->match[m] == j;
        if (screen_rich_button(ui, x + colw + gap, ry, colw, q->answers[j].rich_text,
                               q->answers[j].text, NULL, used ? BTN_CHOICE_ON : BTN_CHOICE, &h))
            learn_round_match_right(&ui->round, ui->lang, (int)pos);
        ry += h + gap;
    }
    return MB_MAX(ly, ry) - y0;
}

static int quiz_typed(Ui *ui, QuizState *st, const Question *q, int x, int y, int w)
{
    int gap = px(ui, TOK.gap), y0 = y;
    bool num = q->type == QT_NUMERICAL;
    y += ui_text(ui, x, y, w, tr(ui, num ? "Type a number." : "Type your answer."), SZ_SMALL, 0,
                 ui->th.muted, TEXT_ALIGN_LEFT) + gap / 2;
    Rect box = {x, y, w, px(ui, TOK.field_h)};
    ui_text_field(ui, box, learn_round_response(&ui->round)->text, SZ_LEAD);
    y += box.h + gap;
    if (num)
        y += ui_keypad(ui, x, y, MB_MIN(w, px(ui, TOK.numpad_w)), UI_KEYS_NUMBER, 6);
    else
        y += ui_keyboard(ui, &st->keys, x, y, w);
    return y + gap - y0;
}

/* Mark the post: the post as a card whose sentences a tap marks. */
static int quiz_post(Ui *ui, const Question *q, int x, int y, int w)
{
    int tapped;
    int h = post_card(ui, q, learn_round_response(&ui->round), false, x, y, w, &tapped);
    if (tapped >= 0)
        learn_round_pick(&ui->round, ui->lang, tapped);
    return h;
}

/* The answers of q as the participant sees them; returns the height. */
static int quiz_answers(Ui *ui, QuizState *st, const Question *q, int x, int y, int w)
{
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_MULTIRESPONSE: return quiz_choices(ui, q, x, y, w);
    case QT_TRUEFALSE: return quiz_truefalse(ui, x, y, w);
    case QT_MATCHING: return quiz_matching(ui, q, x, y, w);
    case QT_MARKPOST: return quiz_post(ui, q, x, y, w);
    case QT_SORT: return sort_quiz(ui, q, x, y, w);
    case QT_GROUP: return group_quiz(ui, q, &st->group_pick, x, y, w);
    case QT_SHORTANSWER:
    case QT_NUMERICAL: return quiz_typed(ui, st, q, x, y, w);
    case QT_DESCRIPTION: return 0; /* information only: nothing to answer */
    default:
        /* A note, set apart in italics in English; in Chinese the colour
         * alone (emphasis there puts a dot under every character). */
        return ui_text(ui, x, y, w, tr(ui, "This question is for discussion; it is not scored."),
                       SZ_BODY, ui->lang == LANG_EN ? TEXT_EM : 0, ui->th.muted,
                       TEXT_ALIGN_LEFT) +
               px(ui, TOK.gap);
    }
}

/* Scores the answer and keeps it; the feedback screen only when it is kept. */
static void quiz_submit(Ui *ui, QuizState *st)
{
    const Pack *p = ui_pack(ui);
    const LearnRecord *rec;
    if (learn_round_submit(&ui->round, ui->lang, mb_now_ms(), &rec) != MB_OK)
        return;
    ui->answer_kept = false;
    if (rec->score.scored && ui_recording(ui)) {
        StoreAttempt a = {
            .participant = ui->participant,
            .pack_id = p->id,
            .pack_version = p->version,
            .unit = rec->unit,
            .question_id = rec->question_id,
            .type = rec->type,
            .lang = rec->lang,
            .response = rec->response,
            .score = rec->score.score,
            .max = rec->score.max,
            .correct = rec->score.correct,
            .review = rec->review,
            .started_ms = rec->started_ms,
            .answered_ms = rec->answered_ms,
            .order_seed = rec->order_seed,
            .positions = rec->positions,
            .answers = rec->answers,
        };
        if (store_attempt_insert(ui->store, &a, mb_now_ms(), NULL) != MB_OK) {
            /* Feedback means "saved": without the row, no feedback. */
            snprintf(st->save_error, sizeof st->save_error,
                     tr(ui, "Your answer could not be saved: %s"), store_errmsg(ui->store));
            learn_round_retract(&ui->round);
            return;
        }
        ui->answer_kept = true;
    }
    st->save_error[0] = 0;
    learn_round_commit(&ui->round);
    if (ui->answer_kept)
        screen_round_kept(ui); /* for the next time, if this is left half way */
    ui_go(ui, SCR_FEEDBACK);
}

/* The question and how to answer it; returns the height. */
static int quiz_question(Ui *ui, const Question *q, int x, int y, int w)
{
    int y0 = y;
    if (q->type == QT_MARKPOST) { /* the post's headline is on its card */
        y += ui_text(ui, x, y, w, tr(ui, "Tap each sentence that persuades by a technique."),
                     SZ_LEAD, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT);
        y += ui_text(ui, x, y, w, tr(ui, "Tap a sentence again to unmark it. Then check your marks."),
                     SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT);
        return y - y0 + px(ui, TOK.space_m);
    }
    /* the question in bold, unless its own bold must stand out */
    RichPlace at = {x, y, w, SZ_LEAD, rich_has_bold(q->rich_text) ? 0 : TEXT_BOLD, ui->th.ink, true};
    y += screen_rich(ui, q->rich_text, q->text, &at);
    y += px(ui, TOK.space_m);
    if (q->type == QT_MULTICHOICE || q->type == QT_MULTIRESPONSE)
        y += ui_text(ui, x, y, w,
                     tr(ui, q->type == QT_MULTICHOICE ? "Choose one answer."
                                                      : "Choose every answer that applies."),
                     SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) + px(ui, TOK.space_s);
    if (q->type == QT_READ)
        y += ui_text(ui, x, y, w,
                     tr(ui, "Read the source's page, search what others say about it, then answer."),
                     SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) + px(ui, TOK.space_s);
    return y - y0;
}

/* Read laterally: the question, the sandbox and the answers (on a wide
 * screen, the question and answers at the left, the sandbox beside them).
 * A page opened or left shows from its top. Returns the height. */
static int quiz_read(Ui *ui, QuizState *st, const Question *q, const Columns *c, int x, int y,
                     int w, int top)
{
    int y0 = y, before = st->read_view, by, h;
    if (c) {
        h = quiz_question(ui, q, c->lx, y, c->lw);
        h += quiz_choices(ui, q, c->lx, y + h, c->lw);
        by = y;
        y += MB_MAX(h, read_browser(ui, q, &st->read_view, c->rx, y, c->rw));
    } else {
        y += quiz_question(ui, q, x, y, w);
        by = y;
        y += read_browser(ui, q, &st->read_view, x, y, w);
        y += ui_text(ui, x, y, w, tr(ui, "Your answer"), SZ_LEAD, TEXT_BOLD, ui->th.ink,
                     TEXT_ALIGN_LEFT) + px(ui, TOK.space_s);
        y += quiz_choices(ui, q, x, y, w);
    }
    float at = (float)(by - top) + ui->scroll - (float)px(ui, TOK.pad);
    if (st->read_view != before && ui->scroll > at) {
        ui->scroll = MB_MAX(0.0f, at);
        ui->velocity = 0;
    }
    return y - y0;
}

/* Progress: one segment per numbered question (a description, which only
 * informs, has none and lights what came before it), no timer, no points. */
static int quiz_progress(Ui *ui, int x, int y, int w)
{
    int lit, segs = learn_round_numbered(&ui->round, ui->lang, &lit);
    int sg = px(ui, TOK.progress_gap), h = MB_MAX(3, px(ui, TOK.progress_h));
    int sw = (w - (segs - 1) * sg) / MB_MAX(1, segs);
    for (int i = 0; i < segs; i++)
        ui_rect(ui, (Rect){x + i * (sw + sg), y, sw, h}, i < lit ? ui->th.accent : ui->th.line, 2);
    return px(ui, TOK.progress_after);
}

/* Why "Check my answer" does nothing yet, for a question of type t. */
static const char *quiz_hint(Ui *ui, QuestionType t)
{
    if (t == QT_MATCHING)
        return tr(ui, "Match every item first");
    if (t == QT_SHORTANSWER || t == QT_NUMERICAL)
        return tr(ui, "Type your answer first");
    if (t == QT_SORT || t == QT_GROUP)
        return tr(ui, "Place every item first");
    return tr(ui, "Choose an answer first");
}

/* The bottom bar: "Check my answer", muted with a hint beside it until
 * there is an answer to check. */
static void quiz_bar(Ui *ui, QuizState *st, const Question *q)
{
    int m = px(ui, TOK.space_xl);
    Rect bar = ui_bottom_bar(ui, ui_bottom_bar_h(ui));
    bool scored = question_type_scored(q->type);
    bool ready = learn_round_ready(&ui->round, ui->lang);
    Rect b = ui_bar_action_rect(ui, bar, MB_MIN(px(ui, TOK.action_w), ui->w / 2 - m));
    const char *note = st->save_error[0] ? st->save_error : ready ? NULL : quiz_hint(ui, q->type);
    if (note) {
        TextStyle ns = ui_style(ui, SZ_SMALL, st->save_error[0] ? 0 : TEXT_BOLD);
        int nw = b.x - m - px(ui, TOK.gap), nh = ui_text_height_st(ui, nw, note, &ns);
        ui_text_st(ui, m, bar.y + (bar.h - nh) / 2, nw, note, &ns,
                   st->save_error[0] ? ui->th.bad : ui->th.muted);
    }
    const char *label = tr(ui, scored ? "Check my answer" : "Continue");
    if (ui_button(ui, b, label, ready ? BTN_PRIMARY : BTN_OFF) && ready)
        quiz_submit(ui, st);
}

static void quiz_frame(Ui *ui, void *state)
{
    QuizState *st = state;
    const Question *q = learn_round_question(&ui->round, ui->lang);
    if (!q) {
        ui_go(ui, SCR_SUMMARY);
        return;
    }
    bool back;
    int top = screen_question_bar(ui, tr(ui, "Back"), &back);
    if (back) {
        ui_go(ui, ui->round.review ? SCR_HOME : SCR_READER);
        return;
    }
    Rect view = {0, top, ui->w, ui->h - top - ui_bottom_bar_h(ui)};
    int x, w = screen_column(ui, &x);
    Columns c;
    /* a matching question has two columns of its own: it takes the width;
     * a post is one card in the column the feedback shows it in */
    bool two = q->type == QT_MATCHING || q->type == QT_GROUP; /* columns of their own */
    bool wide = screen_columns(ui, &c) && !two && q->type != QT_MARKPOST;
    if (!wide && two && screen_columns(ui, &c))
        x = c.lx, w = c.rx + c.rw - c.lx;
    ui_scroll_begin(ui, view);
    int y = top + px(ui, TOK.pad) - (int)ui->scroll;
    y += quiz_progress(ui, wide ? c.lx : x, y, wide ? c.rx + c.rw - c.lx : w);
    if (q->type == QT_READ) {
        y += quiz_read(ui, st, q, wide ? &c : NULL, x, y, w, top);
    } else if (wide) { /* the question beside its answers */
        int qh = quiz_question(ui, q, c.lx, y, c.lw);
        int ah = quiz_answers(ui, st, q, c.rx, y, c.rw); /* drawn once: not inside MB_MAX */
        y += MB_MAX(qh, ah);
    } else {
        y += quiz_question(ui, q, x, y, w);
        y += quiz_answers(ui, st, q, x, y, w);
    }
    ui_scroll_end(ui, view, y + (int)ui->scroll - top + px(ui, TOK.gap));
    quiz_bar(ui, st, q);
}

const ScreenDef screen_quiz = {
    .name = "quiz", .state_size = sizeof(QuizState), .enter = quiz_enter, .frame = quiz_frame};
