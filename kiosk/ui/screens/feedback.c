/* Feedback on the answer just kept: the verdict, what the participant
 * chose (for matching and multiple response part by part, each marked
 * right or wrong in words, with the right match of a wrong pair and the
 * right answers missed) and the feedback written for it, the right answer
 * when theirs was not, the general feedback, and "How do we know?" with the
 * question's source. Shown only after the answer is in the store. The same
 * drawing shows a missed question again from the summary (feedback_view). */
#include "screens.h"

static void feedback_verdict(Ui *ui, const Score *s, const char **text, Color *c)
{
    /* Unscored: the prompt itself says who to discuss it with. */
    if (!s->scored) {
        *text = tr(ui, "For discussion");
        *c = ui->th.accent;
    } else if (s->correct) {
        *text = tr(ui, "Right");
        *c = ui->th.good;
    } else if (s->score > 0) {
        *text = tr(ui, "Partly right");
        *c = ui->th.partial;
    } else {
        *text = tr(ui, "Not quite");
        *c = ui->th.bad;
    }
}

/* The feedback for what was chosen, as written (formatted), inside
 * x, y, w; for multiple response every ticked answer's after a box, so a
 * wrong tick is explained. Returns the height (0: no feedback); draws only
 * when draw. */
static int feedback_texts(Ui *ui, const FeedbackView *v, int x, int y, int w, bool draw)
{
    const Question *q = v->q;
    RichPlace at = {x, y, w, SZ_BODY, 0, ui->th.ink, draw};
    if (q->type != QT_MULTIRESPONSE) {
        const char *fb = v->score.feedback;
        return fb && fb[0] ? screen_rich(ui, question_rich_for(q, fb), fb, &at) : 0;
    }
    TextStyle st = ui_style(ui, SZ_BODY, 0);
    const char *box = "■";
    int mw = text_layout_width(text_layout_str(ui->te, box, &st, w)) + px(ui, TOK.space_m);
    int h = 0;
    for (size_t i = 0; i < q->nanswers && i < LEARN_MAX_CHOICES; i++) {
        const Answer *a = &q->answers[i];
        if (!((v->resp->selected >> i) & 1) || !a->feedback || !a->feedback[0])
            continue;
        if (h)
            h += px(ui, TOK.space_s);
        at.x = x + mw;
        at.y = y + h;
        at.w = w - mw;
        if (draw)
            ui_text_st(ui, x, at.y, mw, box, &st, ui->th.ink);
        h += screen_rich(ui, a->rich_feedback, a->feedback, &at);
    }
    return h;
}

/* The words of "You chose" and "The answer" in the participant's language
 * (the store keeps learn_words_record's). */
static LearnWords feedback_words(Ui *ui)
{
    return (LearnWords){tr(ui, "true"), tr(ui, "false"), tr(ui, "; "), " -> "};
}

/* A part's mark in words (never colour alone) and its colours. */
static const char *feedback_mark(Ui *ui, LearnMark m, Color *ink, Color *bg)
{
    *ink = m == LEARN_PART_RIGHT ? ui->th.good : ui->th.bad;
    *bg = m == LEARN_PART_RIGHT ? ui->th.good_bg : ui->th.bad_bg;
    return m == LEARN_PART_RIGHT ? tr(ui, "Correct")
           : m == LEARN_PART_WRONG ? tr(ui, "Wrong")
                                   : tr(ui, "Missed");
}

/* The width of the marks' column: the widest mark in this language. */
static int feedback_mark_w(Ui *ui, const TextStyle *st)
{
    const char *marks[] = {tr(ui, "Correct"), tr(ui, "Wrong"), tr(ui, "Missed")};
    int w = 0;
    for (size_t i = 0; i < MB_COUNT(marks); i++)
        w = MB_MAX(w, text_layout_width(text_layout_str(ui->te, marks[i], st, ui->w)));
    return w;
}

/* What one part says: a pair as "left  →  chosen" (and, when wrong, its
 * right match under it); an answer with its box, ticked or not. */
static const char *feedback_part_text(Ui *ui, const Question *q, const LearnPart *p,
                                      const char **fix)
{
    const Answer *a = &q->answers[p->answer];
    *fix = NULL;
    const char *text = rich_plain(a->rich_text, a->text ? a->text : "");
    if (q->type == QT_MULTIRESPONSE)
        return arena_printf(&ui->frame, "%s  %s", p->mark == LEARN_PART_MISSED ? "□" : "■", text);
    const Answer *c = p->chosen >= 0 ? &q->answers[p->chosen] : NULL;
    const char *chosen = c && c->text ? rich_plain(c->rich_text, c->text) : tr(ui, "not matched");
    if (p->mark != LEARN_PART_RIGHT)
        *fix = arena_printf(&ui->frame, tr(ui, "Right match: %s"), text);
    return arena_printf(&ui->frame, "%s  →  %s", rich_plain(a->rich_left, a->left ? a->left : ""),
                        chosen);
}

/* One part as a row: its mark in words at the left, then what it says;
 * returns the height with the space after it. */
static int feedback_part(Ui *ui, const Question *q, const LearnPart *p, int mark_w, int x, int y,
                         int w)
{
    int pad = px(ui, TOK.pad), rule = px(ui, TOK.rule), gap = px(ui, TOK.gap);
    TextStyle mst = ui_style(ui, SZ_BODY, TEXT_BOLD);
    Color ink, bg;
    const char *mark = feedback_mark(ui, p->mark, &ink, &bg);
    const char *fix, *text = feedback_part_text(ui, q, p, &fix);
    int tx = x + rule + pad + mark_w + gap, tw = x + w - pad - tx;
    int th = ui_text_height(ui, tw, text, SZ_BODY, 0);
    int fh = fix ? ui_text_height(ui, tw, fix, SZ_BODY, TEXT_BOLD) : 0;
    int h = MB_MAX(th + fh, ui_text_height_st(ui, mark_w, mark, &mst)) + 2 * pad;
    ui_rect(ui, (Rect){x, y, w, h}, bg, px(ui, TOK.radius_s));
    ui_rect(ui, (Rect){x, y, rule, h}, ink, 0);
    ui_text_st(ui, x + rule + pad, y + pad, mark_w, mark, &mst, ink);
    ui_text(ui, tx, y + pad, tw, text, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT);
    if (fix)
        ui_text(ui, tx, y + pad + th, tw, fix, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT);
    return h + px(ui, TOK.space_s);
}

/* Matching and multiple response, part by part; returns the height (0 for
 * other types). */
static int feedback_parts(Ui *ui, const FeedbackView *v, int x, int y, int w)
{
    LearnPart parts[LEARN_MAX_CHOICES];
    size_t n = learn_response_parts(v->q, v->resp, v->order, parts, MB_COUNT(parts));
    if (n == 0)
        return 0;
    int y0 = y;
    const char *head = v->q->type == QT_MATCHING ? tr(ui, "Your matches") : tr(ui, "Your choices");
    y += ui_text(ui, x, y, w, head, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) +
         px(ui, TOK.space_s);
    TextStyle mst = ui_style(ui, SZ_BODY, TEXT_BOLD);
    int mark_w = feedback_mark_w(ui, &mst);
    for (size_t i = 0; i < n && i < MB_COUNT(parts); i++)
        y += feedback_part(ui, v->q, &parts[i], mark_w, x, y, w);
    return y - y0 + px(ui, TOK.space_s);
}

/* What was chosen, its feedback and (when wrong) the answer; returns the
 * height. */
static int feedback_scored(Ui *ui, const FeedbackView *v, int x, int y, int w)
{
    const Question *q = v->q;
    const Score *s = &v->score;
    int y0 = y, pad = px(ui, TOK.pad), after = px(ui, TOK.gap);
    LearnWords words = feedback_words(ui);
    int parts_h = feedback_parts(ui, v, x, y, w);
    y += parts_h;
    if (!parts_h) {
        StrBuf b = {0};
        learn_response_describe_in(q, v->resp, &words, &b);
        const char *chosen = arena_printf(&ui->frame, tr(ui, "You chose: %s"), b.data ? b.data : "");
        strbuf_free(&b);
        y += ui_text(ui, x, y, w, chosen, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT) +
             px(ui, TOK.space_s);
    }
    int fh = feedback_texts(ui, v, x + pad, y + pad, w - 2 * pad, false);
    if (fh) {
        ui_rect(ui, (Rect){x, y, w, fh + 2 * pad}, s->correct ? ui->th.good_bg : ui->th.bad_bg,
                px(ui, TOK.radius_s));
        feedback_texts(ui, v, x + pad, y + pad, w - 2 * pad, true);
        y += fh + 2 * pad + after;
    }
    /* Parts already show every right match and every right answer missed. */
    if (!s->correct && !parts_h) {
        StrBuf c = {0};
        learn_correct_describe_in(q, &words, &c);
        const char *ans = arena_printf(&ui->frame, tr(ui, "The answer: %s"), c.data ? c.data : "");
        strbuf_free(&c);
        y += ui_text(ui, x, y, w, ans, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) + after;
    }
    return y - y0;
}

/* "How do we know?" and the source line on a card; returns the height. */
static int feedback_source(Ui *ui, const char *source, int x, int y, int w)
{
    int pad = px(ui, TOK.pad), rule = px(ui, TOK.rule), tw = w - 2 * pad - rule;
    const char *head = tr(ui, "How do we know?");
    int h1 = ui_text_height(ui, tw, head, SZ_SMALL, TEXT_BOLD);
    int h2 = ui_text_height(ui, tw, source, SZ_SMALL, 0);
    Rect card = {x, y, w, h1 + h2 + 2 * pad};
    ui_rect(ui, card, ui->th.card, 0);
    ui_rect(ui, (Rect){x, y, rule, card.h}, ui->th.accent, 0);
    ui_text(ui, x + pad + rule, y + pad, tw, head, SZ_SMALL, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT);
    ui_text(ui, x + pad + rule, y + pad + h1, tw, source, SZ_SMALL, 0, ui->th.ink, TEXT_ALIGN_LEFT);
    return card.h + px(ui, TOK.gap);
}

/* Mark the post: the verdict, how many sentences were judged right, and the
 * post with each sentence's technique and why; one column at any width. */
static int feedback_post(Ui *ui, const FeedbackView *v, int x, int y, int w)
{
    const Question *q = v->q;
    int y0 = y, tapped;
    const char *verdict;
    Color vc;
    feedback_verdict(ui, &v->score, &verdict, &vc);
    y += ui_text(ui, x, y, w, verdict, SZ_TITLE, TEXT_BOLD, vc, TEXT_ALIGN_LEFT) + px(ui, TOK.space_s);
    y += post_summary_line(ui, q, v->resp, x, y, w);
    y += post_card(ui, q, v->resp, true, x, y, w, &tapped);
    if (q->general_feedback && q->general_feedback[0]) {
        RichPlace ga = {x, y, w, SZ_BODY, 0, ui->th.ink, true};
        y += screen_rich(ui, q->rich_general_feedback, q->general_feedback, &ga) +
             px(ui, TOK.space_l);
    }
    return y - y0;
}

int feedback_view(Ui *ui, const FeedbackView *v, int x, int y, int w)
{
    const Question *q = v->q;
    int y0 = y;
    if (q->type == QT_MARKPOST)
        return feedback_post(ui, v, x, y, w);
    const char *verdict;
    Color vc;
    /* Where there is room, as in the quiz: the verdict and the question at
     * the left, the answer and why beside them. */
    Columns c;
    if (screen_columns(ui, &c))
        x = c.lx, w = c.lw;
    feedback_verdict(ui, &v->score, &verdict, &vc);
    if (q->type == QT_DESCRIPTION) /* information, not a prompt to discuss */
        verdict = tr(ui, "Information");
    y += ui_text(ui, x, y, w, verdict, SZ_TITLE, TEXT_BOLD, vc, TEXT_ALIGN_LEFT) + px(ui, TOK.space_s);
    RichPlace qa = {x, y, w, SZ_BODY, 0, ui->th.muted, true};
    y += screen_rich(ui, q->rich_text, q->text, &qa) + px(ui, TOK.gap);
    int left_end = y;
    if (screen_columns(ui, &c))
        x = c.rx, w = c.rw, y = y0;
    if (q->type == QT_SORT)
        y += sort_feedback(ui, q, v->resp, x, y, w);
    else if (q->type == QT_GROUP)
        y += group_feedback(ui, q, v->resp, x, y, w);
    else if (v->score.scored)
        y += feedback_scored(ui, v, x, y, w);
    if (q->type == QT_READ)
        y += read_feedback(ui, q, v->resp, x, y, w);
    if (q->general_feedback && q->general_feedback[0]) {
        RichPlace ga = {x, y, w, SZ_BODY, 0, ui->th.ink, true};
        y += screen_rich(ui, q->rich_general_feedback, q->general_feedback, &ga) +
             px(ui, TOK.space_l);
    }
    if (q->source && q->source[0])
        y += feedback_source(ui, q->source, x, y, w);
    return MB_MAX(y, left_end) - y0;
}

static void feedback_bar(Ui *ui, const Score *s)
{
    int bar_h = ui_bottom_bar_h(ui), m = px(ui, TOK.space_xl);
    Rect bar = ui_bottom_bar(ui, bar_h);
    /* Said only when the row was written: true by construction. */
    if (s->scored && ui->answer_kept)
        ui_text(ui, m, bar.y + (bar_h - text_px(ui, SZ_SMALL) * 2) / 2, ui->w / 2,
                tr(ui, "Your answer is saved."), SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT);
    Rect b = ui_bar_action_rect(ui, bar, MB_MIN(px(ui, TOK.action_w), ui->w / 2 - m));
    bool last = learn_round_index(&ui->round) + 1 >= learn_round_count(&ui->round);
    if (ui_button(ui, b, tr(ui, last ? "See my results" : "Next question"), BTN_PRIMARY)) {
        learn_round_next(&ui->round, mb_now_ms());
        ui_go(ui, learn_round_step(&ui->round) == ROUND_ASK ? SCR_QUIZ : SCR_SUMMARY);
    }
}

static void feedback_frame(Ui *ui, void *state)
{
    (void)state;
    const Question *q = learn_round_question(&ui->round, ui->lang);
    const LearnRecord *rec = learn_round_record(&ui->round);
    if (!q || !rec) {
        ui_go(ui, SCR_SUMMARY);
        return;
    }
    FeedbackView v = {q, learn_round_response(&ui->round), learn_round_order(&ui->round),
                      rec->score};
    int top = screen_question_bar(ui, NULL, NULL);
    Rect view = {0, top, ui->w, ui->h - top - ui_bottom_bar_h(ui)};
    int x, w = screen_column(ui, &x);
    ui_scroll_begin(ui, view);
    int y = top + px(ui, TOK.space_xl) - (int)ui->scroll;
    y += feedback_view(ui, &v, x, y, w);
    ui_scroll_end(ui, view, y + (int)ui->scroll - top);
    feedback_bar(ui, &rec->score);
}

const ScreenDef screen_feedback = {.name = "feedback", .frame = feedback_frame};
