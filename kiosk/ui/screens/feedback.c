/* Feedback on the answer just kept: the verdict, what the participant
 * chose and the feedback written for it, the right answer when theirs was
 * not, the general feedback, and "How do we know?" with the question's
 * source. Shown only after the answer is in the store. */
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

/* The feedback for what was chosen: for multiple response every ticked
 * answer's, so a wrong tick is explained. In the frame arena, or NULL. */
static const char *feedback_text(Ui *ui, const Question *q, const Score *s)
{
    if (q->type != QT_MULTIRESPONSE)
        return s->feedback;
    const Response *r = learn_round_response(&ui->round);
    StrBuf all = {0};
    for (size_t i = 0; i < q->nanswers && i < LEARN_MAX_CHOICES; i++)
        if (((r->selected >> i) & 1) && q->answers[i].feedback && q->answers[i].feedback[0])
            strbuf_printf(&all, "%s■  %s", all.len ? "\n" : "", q->answers[i].feedback);
    const char *fb = all.data ? arena_strdup(&ui->frame, all.data) : NULL;
    strbuf_free(&all);
    return fb;
}

/* The words of "You chose" and "The answer" in the participant's language
 * (the store keeps learn_words_record's). */
static LearnWords feedback_words(Ui *ui)
{
    return (LearnWords){tr(ui, "true"), tr(ui, "false"), tr(ui, "; "), " -> "};
}

/* What was chosen, its feedback and (when wrong) the answer; returns the
 * height. */
static int feedback_scored(Ui *ui, const Question *q, const Score *s, int x, int y, int w)
{
    int y0 = y, pad = px(ui, TOK.pad), after = px(ui, TOK.gap);
    StrBuf b = {0};
    LearnWords words = feedback_words(ui);
    learn_response_describe_in(q, learn_round_response(&ui->round), &words, &b);
    const char *chosen = arena_printf(&ui->frame, tr(ui, "You chose: %s"), b.data ? b.data : "");
    strbuf_free(&b);
    y += ui_text(ui, x, y, w, chosen, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT) + px(ui, TOK.space_s);
    const char *fb = feedback_text(ui, q, s);
    if (fb && fb[0]) {
        int h = ui_text_height(ui, w - 2 * pad, fb, SZ_BODY, 0) + 2 * pad;
        ui_rect(ui, (Rect){x, y, w, h}, s->correct ? ui->th.good_bg : ui->th.bad_bg,
                px(ui, TOK.radius_s));
        ui_text(ui, x + pad, y + pad, w - 2 * pad, fb, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT);
        y += h + after;
    }
    if (!s->correct) {
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
    const Score *s = &rec->score;
    int top = screen_question_bar(ui, NULL, NULL);
    Rect view = {0, top, ui->w, ui->h - top - ui_bottom_bar_h(ui)};
    int x, w = screen_column(ui, &x);
    ui_scroll_begin(ui, view);
    int y = top + px(ui, TOK.space_xl) - (int)ui->scroll;
    const char *verdict;
    Color vc;
    feedback_verdict(ui, s, &verdict, &vc);
    y += ui_text(ui, x, y, w, verdict, SZ_TITLE, TEXT_BOLD, vc, TEXT_ALIGN_LEFT) + px(ui, TOK.space_s);
    y += ui_text(ui, x, y, w, q->text, SZ_BODY, 0, ui->th.muted, TEXT_ALIGN_LEFT) + px(ui, TOK.gap);
    if (s->scored)
        y += feedback_scored(ui, q, s, x, y, w);
    if (q->general_feedback && q->general_feedback[0])
        y += ui_text(ui, x, y, w, q->general_feedback, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT) +
             px(ui, TOK.space_l);
    if (q->source && q->source[0])
        y += feedback_source(ui, q->source, x, y, w);
    ui_scroll_end(ui, view, y + (int)ui->scroll - top);
    feedback_bar(ui, s);
}

const ScreenDef screen_feedback = {.name = "feedback", .frame = feedback_frame};
