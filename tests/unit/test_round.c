/* Unit tests for the round (learn_round_*): which questions a unit or a
 * review asks and in what order, the language a unit and its quiz are shown
 * in, the answer order, taps building a response (and taps that must do
 * nothing), submit, commit and retract with their totals and missed list,
 * moving on to the end, a language switch mid-round and freeing. The pack
 * is built by hand, the way pack_build would leave it, in both languages. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mingbai/learn.h"
#include "model_build.h"

#define EPS 1e-9

static Question question(QuestionType type, const char *id, const char *text, Answer *answers,
                         size_t n)
{
    Question q = build_question(type, id, text, answers, n);
    /* The fixture's answers stay where they are written, so that the tests
     * of taps know what is at each position; test_shuffled_order turns
     * shuffling on. */
    q.fixed_order = true;
    return q;
}

/* The pack:
 * - unit 0 "01-cells", English and Chinese; the Chinese quiz lists the same
 *   ids in another order, and its "c-es" is a description where English has
 *   an essay (a translation that does not fit);
 * - unit 1 "02-plants", Chinese only: matching (a distractor at index 2)
 *   and short answer;
 * - unit 2 "03-soil", both languages, a quiz only in Chinese;
 * - unit 3 "00-intro", a page without a quiz. */
static Answer cells_mc_en[3], cells_mr_en[3], cells_mc_zh[3], cells_mr_zh[3];
static Answer plants_match[4], plants_short[1], soil_mc[2];
static Question cells_en[4], cells_zh[4], plants_zh[2], soil_zh[1];
static Unit units[4];
static Pack pack;

static void fixture_cells(void)
{
    cells_mc_en[0] = build_answer("Nucleus", 1, "yes");
    cells_mc_en[1] = build_answer("Wall", 0, "plants only");
    cells_mc_en[2] = build_answer("Ribosome", 0, NULL);
    cells_mr_en[0] = build_answer("DNA", 0.5, "one of two");
    cells_mr_en[1] = build_answer("RNA", 0.5, NULL);
    cells_mr_en[2] = build_answer("Fat", -1, NULL);
    cells_mc_zh[0] = build_answer("细胞核", 1, "对");
    cells_mc_zh[1] = build_answer("细胞壁", 0, NULL);
    cells_mc_zh[2] = build_answer("核糖体", 0, NULL);
    cells_mr_zh[0] = build_answer("脱氧核糖核酸", 0.5, NULL);
    cells_mr_zh[1] = build_answer("核糖核酸", 0.5, NULL);
    cells_mr_zh[2] = build_answer("脂肪", -1, NULL);
    cells_en[0] = question(QT_MULTICHOICE, "c-mc", "Which holds the DNA?", cells_mc_en, 3);
    cells_en[1] = question(QT_MULTIRESPONSE, "c-mr", "Which are nucleic acids?", cells_mr_en, 3);
    cells_en[2] = question(QT_TRUEFALSE, "c-tf", "Cells divide.", NULL, 0);
    cells_en[2].tf_answer = true;
    cells_en[2].tf_feedback_right = "Right.";
    cells_en[2].tf_feedback_wrong = "They do.";
    cells_en[3] = question(QT_ESSAY, "c-es", "Discuss.", NULL, 0);
    cells_zh[0] = question(QT_MULTIRESPONSE, "c-mr", "哪些是核酸？", cells_mr_zh, 3);
    cells_zh[1] = question(QT_MULTICHOICE, "c-mc", "哪里有DNA？", cells_mc_zh, 3);
    cells_zh[2] = question(QT_TRUEFALSE, "c-tf", "细胞会分裂。", NULL, 0);
    cells_zh[2].tf_answer = true;
    cells_zh[3] = question(QT_DESCRIPTION, "c-es", "说明。", NULL, 0);
}

static const Pack *fixture(void)
{
    fixture_cells();
    plants_match[0] = build_pair("leaf", "photosynthesis");
    plants_match[1] = build_pair("root", "water");
    plants_match[2] = build_pair("", "flight");
    plants_match[3] = build_pair("stem", "transport");
    plants_short[0] = build_answer("xylem", 1, NULL);
    soil_mc[0] = build_answer("沙", 1, NULL);
    soil_mc[1] = build_answer("水", 0, NULL);
    plants_zh[0] = question(QT_MATCHING, "p-match", "配对", plants_match, 4);
    plants_zh[1] = question(QT_SHORTANSWER, "p-sa", "输入", plants_short, 1);
    soil_zh[0] = question(QT_MULTICHOICE, "s-mc", "土壤？", soil_mc, 2);

    memset(units, 0, sizeof units);
    units[0].slug = "01-cells";
    for (int l = 0; l < LANG_COUNT; l++)
        units[0].lang[l].present = true;
    units[0].lang[LANG_EN].quiz = (QuestionList){cells_en, 4};
    units[0].lang[LANG_ZH].quiz = (QuestionList){cells_zh, 4};
    units[1].slug = "02-plants";
    units[1].lang[LANG_ZH].present = true;
    units[1].lang[LANG_ZH].quiz = (QuestionList){plants_zh, 2};
    units[2].slug = "03-soil";
    units[2].lang[LANG_EN].present = units[2].lang[LANG_ZH].present = true;
    units[2].lang[LANG_ZH].quiz = (QuestionList){soil_zh, 1};
    units[3].slug = "00-intro";
    units[3].is_page = true;
    units[3].lang[LANG_EN].present = true;

    memset(&pack, 0, sizeof pack);
    pack.id = "demo";
    pack.units = units;
    pack.nunits = 4;
    return &pack;
}

/* Makes the current question's response ready with the first choice (or
 * every pair matched to its own side, or "x" typed). */
static void answer_first(LearnRound *r, Lang lang)
{
    const Question *q = learn_round_question(r, lang);
    const LearnOrder *o = learn_round_order(r);
    assert_non_null(q);
    if (q->type == QT_MATCHING) {
        for (size_t k = 0; k < o->nchoices; k++) {
            learn_round_match_left(r, (int)k);
            for (size_t pos = 0; pos < o->nright; pos++)
                if (o->right[pos] == o->choice[k])
                    learn_round_match_right(r, lang, (int)pos);
        }
    } else if (q->type == QT_SHORTANSWER) {
        size_t cap;
        char *text = learn_round_text(r, &cap);
        snprintf(text, cap, "x");
    } else {
        learn_round_pick(r, lang, 0);
    }
}

static void advance(LearnRound *r, Lang lang, int64_t now_ms)
{
    answer_first(r, lang);
    assert_int_equal(learn_round_submit(r, lang, now_ms, NULL), MB_OK);
    learn_round_commit(r);
    learn_round_next(r, now_ms);
}

static void test_unit_round_order(void **state)
{
    (void)state;
    const Pack *p = fixture();
    LearnRound r;
    learn_round_unit(&r, p, 0, LANG_EN, 7, 1000);
    assert_int_equal(learn_round_count(&r), 4);
    assert_int_equal(learn_round_step(&r), ROUND_ASK);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(learn_round_index(&r), i);
        assert_ptr_equal(learn_round_question(&r, LANG_EN), &cells_en[i]);
        assert_ptr_equal(learn_round_unit_of(&r), &units[0]);
        advance(&r, LANG_EN, 2000);
    }
    assert_int_equal(learn_round_step(&r), ROUND_DONE);
    learn_round_free(&r);

    /* Started in Chinese, the round follows the Chinese quiz's order. */
    learn_round_unit(&r, p, 0, LANG_ZH, 7, 1000);
    assert_int_equal(learn_round_count(&r), 4);
    assert_ptr_equal(learn_round_question(&r, LANG_ZH), &cells_zh[0]);
    advance(&r, LANG_ZH, 2000);
    assert_ptr_equal(learn_round_question(&r, LANG_ZH), &cells_zh[1]);
    learn_round_free(&r);
}

static void test_answer_order(void **state)
{
    (void)state;
    const Pack *p = fixture();
    LearnRound r;
    learn_round_unit(&r, p, 0, LANG_EN, 7, 0);
    const LearnOrder *o = learn_round_order(&r);
    assert_int_equal(o->nchoices, 3);
    assert_int_equal(o->nright, 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(o->choice[i], i);
    advance(&r, LANG_EN, 0);
    advance(&r, LANG_EN, 0);
    o = learn_round_order(&r); /* true/false */
    assert_int_equal(o->nchoices, 2);
    assert_int_equal(o->choice[0], 1);
    assert_int_equal(o->choice[1], 0);
    learn_round_free(&r);

    learn_round_unit(&r, p, 1, LANG_ZH, 7, 0);
    o = learn_round_order(&r); /* matching: left items skip the distractor */
    assert_int_equal(o->nchoices, 3);
    assert_int_equal(o->choice[0], 0);
    assert_int_equal(o->choice[1], 1);
    assert_int_equal(o->choice[2], 3);
    assert_int_equal(o->nright, 4);
    for (int pos = 0; pos < 4; pos++)
        assert_int_equal(o->right[pos], 3 - pos);
    advance(&r, LANG_ZH, 0);
    o = learn_round_order(&r); /* short answer: nothing to order */
    assert_int_equal(o->nchoices, 0);
    assert_int_equal(o->nright, 0);
    learn_round_free(&r);
}

/* Without "order: fixed", choices and the matching column are shuffled from
 * the item's seed: the same seed gives the same order (a review given the
 * seed shows it again), other seeds other orders, the right answer is not
 * first by habit, and the record says the seed and the position chosen. */
static void test_shuffled_order(void **state)
{
    (void)state;
    const Pack *p = fixture();
    for (int i = 0; i < 2; i++)
        cells_en[i].fixed_order = false;
    plants_zh[0].fixed_order = false;
    LearnRound r, again;
    int right_first = 0, differs = 0;
    uint8_t first[3];
    for (uint64_t seed = 1; seed <= 60; seed++) {
        learn_round_unit(&r, p, 0, LANG_EN, seed, 0);
        const LearnOrder *o = learn_round_order(&r);
        assert_int_equal(o->nchoices, 3);
        int seen = 0;
        for (int pos = 0; pos < 3; pos++)
            seen |= 1 << o->choice[pos];
        assert_int_equal(seen, 7); /* a permutation */
        right_first += o->choice[0] == 0;
        if (seed == 1)
            memcpy(first, o->choice, 3);
        else
            differs += memcmp(first, o->choice, 3) != 0;
        learn_round_unit(&again, p, 0, LANG_EN, seed, 0);
        assert_memory_equal(learn_round_order(&again)->choice, o->choice, 3);
        learn_round_free(&again);
        learn_round_free(&r);
    }
    assert_in_range(right_first, 10, 30); /* about a third, not always */
    assert_true(differs > 30);

    /* The record: the item's seed, and the position as shown. */
    learn_round_unit(&r, p, 0, LANG_EN, 5, 0);
    const LearnOrder *o = learn_round_order(&r);
    learn_round_pick(&r, LANG_EN, 2);
    assert_int_equal(learn_round_response(&r)->choice, o->choice[2]);
    const LearnRecord *rec;
    assert_int_equal(learn_round_submit(&r, LANG_EN, 10, &rec), MB_OK);
    assert_string_equal(rec->positions, "3");
    /* ... and the same choice as its index in the bank, whatever the order. */
    char want[64];
    snprintf(want, sizeof want, "%d", o->choice[2] + 1);
    assert_string_equal(rec->answers, want);
    assert_int_equal(rec->order_seed, r.items[0].seed);
    assert_true(rec->order_seed != 0);
    /* A review given that seed shows the same order. */
    LearnDue due = {"demo", "01-cells", "c-mc", rec->order_seed};
    assert_int_equal(learn_round_review(&again, p, &due, 1, LANG_EN, 99, 0), 1);
    assert_memory_equal(learn_round_order(&again)->choice, o->choice, 3);
    learn_round_free(&again);
    learn_round_commit(&r);
    learn_round_next(&r, 20);
    /* Multiple response: ticks as positions, in screen order. */
    o = learn_round_order(&r);
    learn_round_pick(&r, LANG_EN, 2);
    learn_round_pick(&r, LANG_EN, 0);
    assert_int_equal(learn_round_submit(&r, LANG_EN, 30, &rec), MB_OK);
    assert_string_equal(rec->positions, "1,3");
    snprintf(want, sizeof want, "%d,%d", MB_MIN(o->choice[0], o->choice[2]) + 1,
             MB_MAX(o->choice[0], o->choice[2]) + 1);
    assert_string_equal(rec->answers, want); /* ascending bank indexes */
    learn_round_commit(&r);
    learn_round_next(&r, 40);
    /* True/false is never shuffled: "True" is position 1. */
    learn_round_pick(&r, LANG_EN, 1);
    assert_int_equal(learn_round_submit(&r, LANG_EN, 50, &rec), MB_OK);
    assert_string_equal(rec->positions, "2");
    assert_string_equal(rec->answers, "false");
    learn_round_free(&r);

    /* Matching: the right-hand column shuffled, left items in bank order;
     * positions say, per left item, where its chosen match was shown. */
    learn_round_unit(&r, p, 1, LANG_ZH, 3, 0);
    o = learn_round_order(&r);
    assert_int_equal(o->nright, 4);
    assert_int_equal(o->choice[0], 0);
    int col = 0;
    for (size_t pos = 0; pos < o->nright; pos++)
        col |= 1 << o->right[pos];
    assert_int_equal(col, 15);
    learn_round_match_left(&r, 1);
    learn_round_match_right(&r, LANG_ZH, 3);
    learn_round_match_left(&r, 0);
    learn_round_match_right(&r, LANG_ZH, 0);
    learn_round_match_left(&r, 2);
    learn_round_match_right(&r, LANG_ZH, 1);
    assert_int_equal(learn_round_submit(&r, LANG_ZH, 10, &rec), MB_OK);
    assert_string_equal(rec->positions, "1,4,2");
    /* Per left item (its own index in the bank: a distractor has none),
     * the answer whose right side was chosen. */
    snprintf(want, sizeof want, "%d:%d,%d:%d,%d:%d", o->choice[0] + 1, o->right[0] + 1,
             o->choice[1] + 1, o->right[3] + 1, o->choice[2] + 1, o->right[1] + 1);
    assert_string_equal(rec->answers, want);
    learn_round_free(&r);
}

static void test_language_fallback(void **state)
{
    (void)state;
    const Pack *p = fixture();
    assert_int_equal(learn_unit_lang(&units[0], LANG_EN), LANG_EN);
    assert_int_equal(learn_unit_lang(&units[0], LANG_ZH), LANG_ZH);
    /* Only in Chinese: shown in Chinese to an English reader. */
    assert_int_equal(learn_unit_lang(&units[1], LANG_EN), LANG_ZH);
    assert_ptr_equal(learn_unit_quiz(&units[1], LANG_EN), &units[1].lang[LANG_ZH].quiz);
    /* In English, but its quiz only in Chinese. */
    assert_int_equal(learn_unit_lang(&units[2], LANG_EN), LANG_EN);
    assert_ptr_equal(learn_unit_quiz(&units[2], LANG_EN), &units[2].lang[LANG_ZH].quiz);
    assert_ptr_equal(learn_unit_quiz(&units[0], LANG_EN), &units[0].lang[LANG_EN].quiz);

    LearnRound r;
    learn_round_unit(&r, p, 1, LANG_EN, 0, 0);
    assert_int_equal(learn_round_count(&r), 2);
    assert_ptr_equal(learn_round_question(&r, LANG_EN), &plants_zh[0]);
    learn_round_free(&r);
    learn_round_unit(&r, p, 2, LANG_EN, 0, 0);
    assert_int_equal(learn_round_count(&r), 1);
    assert_ptr_equal(learn_round_question(&r, LANG_EN), &soil_zh[0]);
    learn_round_free(&r);

    /* No quiz, or no such unit: done before it starts. */
    learn_round_unit(&r, p, 3, LANG_EN, 0, 0);
    assert_int_equal(learn_round_count(&r), 0);
    assert_int_equal(learn_round_step(&r), ROUND_DONE);
    assert_null(learn_round_question(&r, LANG_EN));
    assert_ptr_equal(learn_round_unit_of(&r), &units[3]);
    learn_round_unit(&r, p, 4, LANG_EN, 0, 0);
    assert_int_equal(learn_round_step(&r), ROUND_DONE);
    assert_null(learn_round_unit_of(&r));
    learn_round_unit(&r, p, -1, LANG_EN, 0, 0);
    assert_int_equal(learn_round_step(&r), ROUND_DONE);
    learn_round_free(&r);
}

static void test_review_round(void **state)
{
    (void)state;
    const Pack *p = fixture();
    const LearnDue due[] = {
        {"demo", "02-plants", "p-sa", 0}, /* kept, first */
        {"other", "01-cells", "c-tf", 0}, /* another pack */
        {"demo", "01-cells", "gone", 0},  /* no longer in the pack */
        {"demo", "99-none", "c-tf", 0},   /* no such unit */
        {NULL, "01-cells", "c-tf", 0},    /* no pack id */
        {"demo", "01-cells", "c-mc", 0},  /* kept, second */
    };
    LearnRound r;
    assert_int_equal(learn_round_review(&r, p, due, MB_COUNT(due), LANG_ZH, 0, 100), 2);
    assert_int_equal(learn_round_count(&r), 2);
    assert_ptr_equal(learn_round_unit_of(&r), &units[1]);
    assert_ptr_equal(learn_round_question(&r, LANG_ZH), &plants_zh[1]);
    advance(&r, LANG_ZH, 200);
    assert_ptr_equal(learn_round_unit_of(&r), &units[0]);
    assert_ptr_equal(learn_round_question(&r, LANG_ZH), &cells_zh[1]);
    assert_int_equal(r.items[1].question, 1); /* the index in the Chinese quiz */
    assert_ptr_equal(learn_round_question(&r, LANG_EN), &cells_en[0]);
    const LearnRecord *rec;
    learn_round_pick(&r, LANG_ZH, 0);
    assert_int_equal(learn_round_submit(&r, LANG_ZH, 300, &rec), MB_OK);
    assert_true(rec->review);
    assert_string_equal(rec->unit, "01-cells");
    assert_string_equal(rec->question_id, "c-mc");
    learn_round_commit(&r);
    learn_round_next(&r, 400);
    assert_int_equal(learn_round_step(&r), ROUND_DONE);
    assert_null(learn_round_unit_of(&r)); /* a review has no unit of its own */
    learn_round_free(&r);

    assert_int_equal(learn_round_review(&r, p, due + 1, 4, LANG_EN, 0, 0), 0);
    assert_int_equal(learn_round_step(&r), ROUND_DONE);
    assert_int_equal(learn_round_review(&r, p, NULL, 0, LANG_EN, 0, 0), 0);
    learn_round_free(&r);
}

static void test_pick_single_and_multiple(void **state)
{
    (void)state;
    LearnRound r;
    learn_round_unit(&r, fixture(), 0, LANG_EN, 0, 0);
    const Response *resp = learn_round_response(&r);
    assert_false(learn_round_ready(&r, LANG_EN));
    learn_round_pick(&r, LANG_EN, 1);
    assert_int_equal(resp->choice, 1);
    assert_true(learn_round_picked(&r, LANG_EN, 1));
    learn_round_pick(&r, LANG_EN, 2); /* a re-pick replaces */
    assert_int_equal(resp->choice, 2);
    assert_false(learn_round_picked(&r, LANG_EN, 1));
    assert_true(learn_round_picked(&r, LANG_EN, 2));
    assert_true(learn_round_ready(&r, LANG_EN));
    advance(&r, LANG_EN, 0);

    /* Multiple response: each pick toggles its tick. */
    assert_true(resp->selected == 0);
    learn_round_pick(&r, LANG_EN, 0);
    learn_round_pick(&r, LANG_EN, 2);
    assert_true(resp->selected == 5);
    learn_round_pick(&r, LANG_EN, 0);
    assert_true(resp->selected == 4);
    assert_false(learn_round_picked(&r, LANG_EN, 0));
    assert_true(learn_round_picked(&r, LANG_EN, 2));
    assert_true(learn_round_ready(&r, LANG_EN));
    learn_round_pick(&r, LANG_EN, 2);
    assert_true(resp->selected == 0);
    assert_false(learn_round_ready(&r, LANG_EN));
    learn_round_free(&r);
}

static void test_pick_truefalse(void **state)
{
    (void)state;
    LearnRound r;
    learn_round_unit(&r, fixture(), 0, LANG_EN, 0, 0);
    advance(&r, LANG_EN, 0);
    advance(&r, LANG_EN, 0);
    assert_int_equal(learn_round_question(&r, LANG_EN)->type, QT_TRUEFALSE);
    learn_round_pick(&r, LANG_EN, 0);
    assert_int_equal(learn_round_response(&r)->choice, 1); /* True */
    assert_true(learn_round_picked(&r, LANG_EN, 0));
    assert_false(learn_round_picked(&r, LANG_EN, 1));
    learn_round_pick(&r, LANG_EN, 1);
    assert_int_equal(learn_round_response(&r)->choice, 0); /* False */
    assert_false(learn_round_picked(&r, LANG_EN, 0));
    assert_true(learn_round_picked(&r, LANG_EN, 1));
    learn_round_pick(&r, LANG_EN, 2);
    assert_int_equal(learn_round_response(&r)->choice, 0);
    learn_round_free(&r);
}

static void test_matching_pairs(void **state)
{
    (void)state;
    LearnRound r;
    learn_round_unit(&r, fixture(), 1, LANG_ZH, 0, 0);
    const Response *resp = learn_round_response(&r);
    /* Right column: pos 0 transport, 1 flight, 2 water, 3 photosynthesis. */
    learn_round_match_right(&r, LANG_ZH, 2); /* nothing waiting */
    assert_int_equal(resp->match[0], -1);
    learn_round_match_left(&r, 0);
    assert_int_equal(learn_round_match_waiting(&r), 0);
    learn_round_match_right(&r, LANG_ZH, 2);
    assert_int_equal(resp->match[0], 1);
    assert_int_equal(learn_round_match_waiting(&r), -1);
    assert_true(learn_round_picked(&r, LANG_ZH, 2));
    assert_false(learn_round_picked(&r, LANG_ZH, 0));

    /* "water" moves from leaf to root. */
    learn_round_match_left(&r, 1);
    learn_round_match_right(&r, LANG_ZH, 2);
    assert_int_equal(resp->match[0], -1);
    assert_int_equal(resp->match[1], 1);
    assert_true(learn_round_picked(&r, LANG_ZH, 2));
    /* Root re-paired with the distractor frees "water". */
    learn_round_match_left(&r, 1);
    learn_round_match_right(&r, LANG_ZH, 1);
    assert_int_equal(resp->match[1], 2);
    assert_false(learn_round_picked(&r, LANG_ZH, 2));

    learn_round_match_left(&r, 0);
    learn_round_match_right(&r, LANG_ZH, 3);
    learn_round_match_left(&r, 2);
    learn_round_match_right(&r, LANG_ZH, 0);
    assert_int_equal(resp->match[0], 0);
    assert_int_equal(resp->match[1], 2);
    assert_int_equal(resp->match[2], 3);
    assert_true(learn_round_ready(&r, LANG_ZH));
    const LearnRecord *rec;
    assert_int_equal(learn_round_submit(&r, LANG_ZH, 0, &rec), MB_OK);
    assert_string_equal(rec->response, "leaf -> photosynthesis; root -> flight; stem -> transport");
    assert_float_equal(rec->score.score, 2.0 / 3.0, EPS);
    learn_round_free(&r);
}

static void test_taps_ignored(void **state)
{
    (void)state;
    const Pack *p = fixture();
    LearnRound r;
    learn_round_unit(&r, p, 0, LANG_EN, 0, 0);
    const Response *resp = learn_round_response(&r);
    int bad[] = {-1, 3, 64, 1000, INT_MAX, INT_MIN};
    for (size_t i = 0; i < MB_COUNT(bad); i++) {
        learn_round_pick(&r, LANG_EN, bad[i]);
        assert_false(learn_round_picked(&r, LANG_EN, bad[i]));
    }
    assert_int_equal(resp->choice, -1);
    learn_round_match_left(&r, 0); /* not a matching question */
    assert_int_equal(learn_round_match_waiting(&r), -1);
    learn_round_match_right(&r, LANG_EN, 0);
    assert_int_equal(resp->match[0], -1);

    /* After submitting, and in feedback, taps change nothing. */
    learn_round_pick(&r, LANG_EN, 0);
    assert_int_equal(learn_round_submit(&r, LANG_EN, 0, NULL), MB_OK);
    size_t cap = 99;
    for (int step = 0; step < 2; step++) {
        learn_round_pick(&r, LANG_EN, 1);
        assert_int_equal(resp->choice, 0);
        assert_null(learn_round_text(&r, &cap));
        assert_int_equal(cap, 0);
        assert_false(learn_round_ready(&r, LANG_EN));
        learn_round_commit(&r);
    }
    assert_int_equal(learn_round_step(&r), ROUND_FEEDBACK);
    learn_round_free(&r);

    /* Matching: out-of-range left items and right positions. */
    learn_round_unit(&r, p, 1, LANG_ZH, 0, 0);
    learn_round_match_left(&r, 3);
    learn_round_match_left(&r, -1);
    assert_int_equal(learn_round_match_waiting(&r), -1);
    learn_round_match_left(&r, 0);
    learn_round_match_right(&r, LANG_ZH, 4);
    learn_round_match_right(&r, LANG_ZH, -1);
    assert_int_equal(resp->match[0], -1);
    assert_int_equal(learn_round_match_waiting(&r), 0);
    assert_false(learn_round_picked(&r, LANG_ZH, 4));
    learn_round_pick(&r, LANG_ZH, 0); /* not a choice question */
    assert_int_equal(resp->choice, -1);
    learn_round_free(&r);

    /* Done: nothing to tap. */
    learn_round_unit(&r, p, 3, LANG_EN, 0, 0);
    learn_round_pick(&r, LANG_EN, 0);
    learn_round_match_left(&r, 0);
    assert_int_equal(resp->choice, -1);
    assert_null(learn_round_text(&r, &cap));
    assert_null(learn_round_order(&r));
    learn_round_free(&r);
}

static void test_submit_not_ready(void **state)
{
    (void)state;
    LearnRound r;
    learn_round_unit(&r, fixture(), 1, LANG_ZH, 0, 0);
    const LearnRecord *rec = (const LearnRecord *)&r; /* must be reset to NULL */
    assert_int_equal(learn_round_submit(&r, LANG_ZH, 0, &rec), MB_ERR);
    assert_null(rec);
    assert_int_equal(learn_round_step(&r), ROUND_ASK);
    assert_null(learn_round_record(&r));
    advance(&r, LANG_ZH, 0);

    /* Short answer: blanks are not an answer; text typed in place is. */
    size_t cap;
    char *text = learn_round_text(&r, &cap);
    assert_non_null(text);
    assert_int_equal(cap, LEARN_TEXT_MAX);
    snprintf(text, cap, "   ");
    assert_false(learn_round_ready(&r, LANG_ZH));
    assert_int_equal(learn_round_submit(&r, LANG_ZH, 0, &rec), MB_ERR);
    snprintf(text, cap, " Xylem ");
    assert_int_equal(learn_round_submit(&r, LANG_ZH, 0, &rec), MB_OK);
    assert_string_equal(rec->response, "Xylem");
    assert_true(rec->score.correct);
    /* Already submitted: refused until the next question. */
    assert_int_equal(learn_round_submit(&r, LANG_ZH, 0, &rec), MB_ERR);
    assert_null(rec);
    learn_round_free(&r);
}

static void test_submit_commit_totals(void **state)
{
    (void)state;
    LearnRound r;
    learn_round_unit(&r, fixture(), 0, LANG_EN, 0, 1000);
    double score = -1, max = -1;
    const LearnRecord *rec;

    learn_round_pick(&r, LANG_EN, 0); /* right */
    assert_int_equal(learn_round_submit(&r, LANG_EN, 5000, &rec), MB_OK);
    assert_ptr_equal(rec, learn_round_record(&r));
    assert_int_equal(learn_round_step(&r), ROUND_SCORED);
    assert_string_equal(rec->unit, "01-cells");
    assert_string_equal(rec->question_id, "c-mc");
    assert_int_equal(rec->type, QT_MULTICHOICE);
    assert_int_equal(rec->lang, LANG_EN);
    assert_string_equal(rec->response, "Nucleus");
    assert_true(rec->score.scored && rec->score.correct);
    assert_float_equal(rec->score.score, 1, EPS);
    assert_string_equal(rec->score.feedback, "yes");
    assert_false(rec->review);
    assert_true(rec->started_ms == 1000 && rec->answered_ms == 5000);
    learn_round_total(&r, &score, &max);
    assert_float_equal(score, 0, EPS); /* not counted before commit */
    assert_float_equal(max, 0, EPS);
    learn_round_commit(&r);
    assert_int_equal(learn_round_step(&r), ROUND_FEEDBACK);
    learn_round_commit(&r); /* a second commit counts nothing */
    learn_round_next(&r, 6000);

    learn_round_pick(&r, LANG_EN, 0); /* DNA: half right */
    assert_int_equal(learn_round_submit(&r, LANG_EN, 7000, &rec), MB_OK);
    assert_float_equal(rec->score.score, 0.5, EPS);
    assert_true(rec->started_ms == 6000);
    learn_round_commit(&r);
    learn_round_next(&r, 8000);

    learn_round_pick(&r, LANG_EN, 1); /* False: wrong */
    assert_int_equal(learn_round_submit(&r, LANG_EN, 9000, &rec), MB_OK);
    assert_string_equal(rec->response, "false");
    assert_string_equal(rec->score.feedback, "They do.");
    learn_round_commit(&r);
    learn_round_next(&r, 9000);

    assert_true(learn_round_ready(&r, LANG_EN)); /* an essay needs no answer */
    assert_int_equal(learn_round_submit(&r, LANG_EN, 9000, &rec), MB_OK);
    assert_false(rec->score.scored);
    assert_string_equal(rec->response, "");
    learn_round_commit(&r);

    learn_round_total(&r, &score, &max);
    assert_float_equal(score, 1.5, EPS);
    assert_float_equal(max, 3, EPS);
    assert_int_equal(learn_round_missed_count(&r), 2);
    assert_ptr_equal(learn_round_missed(&r, 0, LANG_EN), &cells_en[1]);
    assert_ptr_equal(learn_round_missed(&r, 1, LANG_EN), &cells_en[2]);
    assert_ptr_equal(learn_round_missed(&r, 0, LANG_ZH), &cells_zh[0]);
    assert_null(learn_round_missed(&r, 2, LANG_EN));
    assert_null(learn_round_missed(&r, -1, LANG_EN));
    /* What was answered to each is kept, to be shown again. */
    const Response *mr = learn_round_missed_response(&r, 0);
    const LearnOrder *mo = learn_round_missed_order(&r, 0);
    assert_non_null(mr);
    assert_non_null(mo);
    assert_int_equal(mo->nchoices, 3);
    assert_true(mr->selected == (uint64_t)1 << mo->choice[0]);
    assert_int_equal(learn_round_missed_response(&r, 1)->choice, 0);
    assert_null(learn_round_missed_response(&r, 2));
    assert_null(learn_round_missed_order(&r, -1));
    learn_round_free(&r);
}

static void test_retract(void **state)
{
    (void)state;
    LearnRound r;
    learn_round_unit(&r, fixture(), 0, LANG_EN, 0, 0);
    learn_round_pick(&r, LANG_EN, 1); /* wrong */
    assert_int_equal(learn_round_submit(&r, LANG_EN, 10, NULL), MB_OK);
    learn_round_retract(&r);
    assert_int_equal(learn_round_step(&r), ROUND_ASK);
    assert_int_equal(learn_round_response(&r)->choice, 1);
    assert_null(learn_round_record(&r));
    learn_round_commit(&r); /* not after a retract */
    assert_int_equal(learn_round_step(&r), ROUND_ASK);
    double score, max;
    learn_round_total(&r, &score, &max);
    assert_float_equal(max, 0, EPS);
    assert_int_equal(learn_round_missed_count(&r), 0);

    /* The kept response can be submitted again, and then counts once. */
    assert_int_equal(learn_round_submit(&r, LANG_EN, 20, NULL), MB_OK);
    learn_round_commit(&r);
    learn_round_retract(&r); /* too late: already counted */
    assert_int_equal(learn_round_step(&r), ROUND_FEEDBACK);
    learn_round_total(&r, &score, NULL);
    learn_round_total(&r, NULL, &max);
    assert_float_equal(score, 0, EPS);
    assert_float_equal(max, 1, EPS);
    assert_int_equal(learn_round_missed_count(&r), 1);
    learn_round_free(&r);
}

static void test_next_to_done(void **state)
{
    (void)state;
    LearnRound r;
    learn_round_unit(&r, fixture(), 1, LANG_ZH, 0, 0);
    learn_round_next(&r, 50); /* only from feedback */
    assert_int_equal(learn_round_index(&r), 0);
    answer_first(&r, LANG_ZH);
    learn_round_match_left(&r, 2); /* still waiting when submitted */
    assert_int_equal(learn_round_submit(&r, LANG_ZH, 400, NULL), MB_OK);
    learn_round_commit(&r);
    learn_round_next(&r, 500);
    assert_int_equal(learn_round_index(&r), 1);
    assert_int_equal(learn_round_step(&r), ROUND_ASK);
    assert_int_equal(r.match_left, -1);
    assert_int_equal(learn_round_response(&r)->match[0], -1);
    assert_true(r.started_ms == 500);
    advance(&r, LANG_ZH, 600);
    assert_int_equal(learn_round_step(&r), ROUND_DONE);
    assert_int_equal(learn_round_index(&r), 2);
    assert_string_equal(learn_round_response(&r)->text, "");
    assert_null(learn_round_question(&r, LANG_ZH));
    assert_null(learn_round_order(&r));
    assert_null(learn_round_record(&r));
    assert_ptr_equal(learn_round_unit_of(&r), &units[1]);
    learn_round_next(&r, 700);
    assert_int_equal(learn_round_index(&r), 2);
    learn_round_free(&r);
}

static void test_language_switch(void **state)
{
    (void)state;
    LearnRound r;
    learn_round_unit(&r, fixture(), 0, LANG_EN, 0, 0);
    /* Same id, another place in the Chinese quiz. */
    assert_ptr_equal(learn_round_question(&r, LANG_ZH), &cells_zh[1]);
    learn_round_pick(&r, LANG_EN, 1);
    learn_round_pick(&r, LANG_ZH, 0); /* the participant switched language */
    assert_true(learn_round_picked(&r, LANG_EN, 0));
    const LearnRecord *rec;
    assert_int_equal(learn_round_submit(&r, LANG_ZH, 0, &rec), MB_OK);
    assert_int_equal(rec->lang, LANG_ZH);
    assert_string_equal(rec->question_id, "c-mc");
    assert_string_equal(rec->response, "细胞核");
    assert_string_equal(rec->score.feedback, "对");
    learn_round_commit(&r);
    learn_round_next(&r, 0);
    assert_ptr_equal(learn_round_question(&r, LANG_ZH), &cells_zh[0]);
    advance(&r, LANG_EN, 0);
    advance(&r, LANG_EN, 0);
    /* The Chinese "c-es" is another type: the English one is kept. */
    assert_ptr_equal(learn_round_question(&r, LANG_ZH), &cells_en[3]);
    learn_round_free(&r);
}

static void test_free_round(void **state)
{
    (void)state;
    LearnRound r;
    memset(&r, 0, sizeof r);
    learn_round_free(&r);
    assert_int_equal(learn_round_step(&r), ROUND_DONE);
    assert_int_equal(learn_round_count(&r), 0);
    assert_null(learn_round_question(&r, LANG_EN));
    assert_null(learn_round_unit_of(&r));
    assert_null(learn_round_record(&r));
    learn_round_free(&r);

    learn_round_unit(&r, fixture(), 0, LANG_EN, 0, 0);
    advance(&r, LANG_EN, 0);
    learn_round_free(&r); /* the record's text is freed */
    assert_null(r.describe.data);
    assert_int_equal(learn_round_step(&r), ROUND_DONE);
    learn_round_free(&r);
}

/* ---- a round taken up again from its records ---- */
/* A unit of every type, shuffled: single choice, multiple response,
 * true/false, matching (a distractor at index 2), short answer, numerical,
 * a description, and single choice again. */
static Answer mix_mc[4], mix_mr[4], mix_match[4], mix_short[1], mix_num[1], mix_mc2[3];
static Question mix_q[8];
static Unit mix_unit;
static Pack mix_pack;

static const Pack *fixture_mixed(void)
{
    mix_mc[0] = build_answer("Nucleus", 1, NULL);
    mix_mc[1] = build_answer("Wall", 0, NULL);
    mix_mc[2] = build_answer("Ribosome", 0, NULL);
    mix_mc[3] = build_answer("Vacuole", 0, NULL);
    mix_mr[0] = build_answer("DNA", 0.5, NULL);
    mix_mr[1] = build_answer("RNA", 0.5, NULL);
    mix_mr[2] = build_answer("Fat", -0.5, NULL);
    mix_mr[3] = build_answer("Salt", -0.5, NULL);
    mix_match[0] = build_pair("leaf", "photosynthesis");
    mix_match[1] = build_pair("root", "water");
    mix_match[2] = build_pair("", "flight");
    mix_match[3] = build_pair("stem", "transport");
    mix_short[0] = build_answer("xylem", 1, NULL);
    mix_num[0] = build_answer("", 1, NULL);
    mix_num[0].value = 3.5;
    mix_num[0].tolerance = 0.1;
    mix_mc2[0] = build_answer("Sun", 1, NULL);
    mix_mc2[1] = build_answer("Moon", 0, NULL);
    mix_mc2[2] = build_answer("Rain", 0, NULL);
    mix_q[0] = build_question(QT_MULTICHOICE, "m-mc", "Which holds the DNA?", mix_mc, 4);
    mix_q[1] = build_question(QT_MULTIRESPONSE, "m-mr", "Nucleic acids?", mix_mr, 4);
    mix_q[2] = build_question(QT_TRUEFALSE, "m-tf", "Cells divide.", NULL, 0);
    mix_q[2].tf_answer = true;
    mix_q[3] = build_question(QT_MATCHING, "m-match", "Match.", mix_match, 4);
    mix_q[4] = build_question(QT_SHORTANSWER, "m-sa", "Which tissue?", mix_short, 1);
    mix_q[5] = build_question(QT_NUMERICAL, "m-num", "How much?", mix_num, 1);
    mix_q[6] = build_question(QT_DESCRIPTION, "m-desc", "Now the last one.", NULL, 0);
    mix_q[7] = build_question(QT_MULTICHOICE, "m-mc2", "What gives light?", mix_mc2, 3);
    memset(&mix_unit, 0, sizeof mix_unit);
    mix_unit.slug = "05-mixed";
    mix_unit.lang[LANG_EN].present = true;
    mix_unit.lang[LANG_EN].quiz = (QuestionList){mix_q, 8};
    memset(&mix_pack, 0, sizeof mix_pack);
    mix_pack.id = "mixed";
    mix_pack.units = &mix_unit;
    mix_pack.nunits = 1;
    return &mix_pack;
}

/* The participant's taps on item i of the mixed unit: by position on
 * screen, some right and some not (the order is shuffled, so which is which
 * depends on the seed). */
static void answer_mixed(LearnRound *r, int i)
{
    size_t cap;
    switch (i) {
    case 1:
        learn_round_pick(r, LANG_EN, 0);
        learn_round_pick(r, LANG_EN, 2);
        break;
    case 2: learn_round_pick(r, LANG_EN, 1); break;
    case 3:
        learn_round_match_left(r, 0);
        learn_round_match_right(r, LANG_EN, 2);
        learn_round_match_left(r, 1);
        learn_round_match_right(r, LANG_EN, 0);
        learn_round_match_left(r, 2);
        learn_round_match_right(r, LANG_EN, 3);
        break;
    case 4: snprintf(learn_round_text(r, &cap), sizeof r->resp.text, " Xylem "); break;
    case 5: snprintf(learn_round_text(r, &cap), sizeof r->resp.text, "3,5"); break;
    case 6: break;
    default: learn_round_pick(r, LANG_EN, i == 0 ? 1 : 0); break;
    }
}

static void assert_same_response(const Response *a, const Response *b)
{
    assert_int_equal(a->choice, b->choice);
    assert_true(a->selected == b->selected);
    assert_memory_equal(a->match, b->match, sizeof a->match);
    assert_string_equal(a->text, b->text);
}

/* Where a round stands: its place, totals and what was missed, with what
 * was answered to each. */
static void assert_same_round(const LearnRound *a, const LearnRound *b)
{
    double as, am, bs, bm;
    assert_int_equal(learn_round_index(b), learn_round_index(a));
    assert_int_equal(learn_round_step(b), learn_round_step(a));
    learn_round_total(a, &as, &am);
    learn_round_total(b, &bs, &bm);
    assert_float_equal(bs, as, EPS);
    assert_float_equal(bm, am, EPS);
    assert_int_equal(learn_round_missed_count(b), learn_round_missed_count(a));
    for (int i = 0; i < learn_round_missed_count(a); i++) {
        assert_ptr_equal(learn_round_missed(b, i, LANG_EN), learn_round_missed(a, i, LANG_EN));
        assert_same_response(learn_round_missed_response(b, i), learn_round_missed_response(a, i));
        assert_memory_equal(learn_round_missed_order(b, i), learn_round_missed_order(a, i),
                            sizeof(LearnOrder));
    }
    if (learn_round_step(a) == ROUND_ASK)
        assert_memory_equal(learn_round_order(b), learn_round_order(a), sizeof(LearnOrder));
}

/* A round answered item by item, then another with the same seed answered
 * again from each record's positions (the text typed for typed answers):
 * after each, the same place, totals and missed answers, every type. */
static void test_answer_again(void **state)
{
    (void)state;
    const Pack *p = fixture_mixed();
    for (uint64_t seed = 1; seed <= 12; seed++) {
        LearnRound a, b, snap[9];
        char positions[8][LEARN_MAX_CHOICES * 4], response[8][LEARN_TEXT_MAX * 4];
        bool scored[8];
        learn_round_unit(&a, p, 0, LANG_EN, seed, 0);
        assert_int_equal(learn_round_count(&a), 8);
        for (int i = 0; i < 8; i++) {
            const LearnRecord *rec;
            uint64_t order_seed = learn_round_order_seed(&a);
            answer_mixed(&a, i);
            assert_int_equal(learn_round_submit(&a, LANG_EN, 10 * i, &rec), MB_OK);
            assert_true(order_seed != 0 && rec->order_seed == order_seed);
            snprintf(positions[i], sizeof positions[i], "%s", rec->positions);
            snprintf(response[i], sizeof response[i], "%s", rec->response);
            scored[i] = rec->score.scored;
            learn_round_commit(&a);
            learn_round_next(&a, 10 * i + 5);
            snap[i + 1] = a; /* a copy of the plain fields; its text is not read */
        }
        /* The taps chose at least one wrong and one partly right. */
        assert_true(learn_round_missed_count(&a) >= 2);
        assert_string_equal(response[4], "Xylem");
        assert_string_equal(positions[4], "");
        learn_round_unit(&b, p, 0, LANG_EN, seed, 100);
        for (int i = 0; i < 8; i++) {
            assert_int_equal(learn_round_answer_again(&b, LANG_EN, positions[i],
                                                      scored[i] ? response[i] : NULL, 200),
                             MB_OK);
            assert_same_round(&snap[i + 1], &b);
        }
        assert_int_equal(learn_round_step(&b), ROUND_DONE);
        assert_true(learn_round_order_seed(&b) == 0);
        assert_int_equal(learn_round_answer_again(&b, LANG_EN, "1", NULL, 300), MB_ERR);
        learn_round_free(&a);
        learn_round_free(&b);
    }
}

/* Three answered, then taken up again: the fourth is asked, as it was. */
static void test_answer_again_part(void **state)
{
    (void)state;
    const Pack *p = fixture_mixed();
    LearnRound a, b;
    char positions[3][LEARN_MAX_CHOICES * 4], response[3][LEARN_TEXT_MAX * 4];
    learn_round_unit(&a, p, 0, LANG_EN, 77, 0);
    for (int i = 0; i < 3; i++) {
        const LearnRecord *rec;
        answer_mixed(&a, i);
        assert_int_equal(learn_round_submit(&a, LANG_EN, 0, &rec), MB_OK);
        snprintf(positions[i], sizeof positions[i], "%s", rec->positions);
        snprintf(response[i], sizeof response[i], "%s", rec->response);
        learn_round_commit(&a);
        learn_round_next(&a, 0);
    }
    learn_round_unit(&b, p, 0, LANG_EN, 77, 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(learn_round_answer_again(&b, LANG_EN, positions[i], response[i], 0),
                         MB_OK);
    assert_same_round(&a, &b);
    assert_int_equal(learn_round_index(&b), 3);
    assert_int_equal(learn_round_step(&b), ROUND_ASK);
    assert_ptr_equal(learn_round_question(&b, LANG_EN), &mix_q[3]);
    assert_int_equal(learn_round_response(&b)->match[0], -1); /* nothing chosen yet */
    learn_round_free(&a);
    learn_round_free(&b);
}

/* Records that cannot be this question as shown are refused, and the round
 * stays as it was (still asking, the taps made kept). */
static void assert_refused(LearnRound *r, const char *positions, const char *response)
{
    int index = learn_round_index(r);
    Response before = *learn_round_response(r);
    double score, max, max_before;
    learn_round_total(r, NULL, &max_before);
    assert_int_equal(learn_round_answer_again(r, LANG_EN, positions, response, 0), MB_ERR);
    assert_int_equal(learn_round_index(r), index);
    assert_int_equal(learn_round_step(r), ROUND_ASK);
    assert_same_response(learn_round_response(r), &before);
    assert_null(learn_round_record(r));
    learn_round_total(r, &score, &max);
    assert_float_equal(max, max_before, EPS);
}

static void test_answer_again_refused(void **state)
{
    (void)state;
    LearnRound r;
    learn_round_unit(&r, fixture_mixed(), 0, LANG_EN, 5, 0);
    learn_round_pick(&r, LANG_EN, 2); /* a tap made before */
    const char *bad_mc[] = {"0", "5", "1,2", "a", "", "1,", ",1", "01x", "99999999999"};
    for (size_t i = 0; i < MB_COUNT(bad_mc); i++)
        assert_refused(&r, bad_mc[i], NULL);
    /* the words must be the question's: another pack's answer is refused */
    assert_refused(&r, "1", "Mitochondrion");
    assert_int_equal(learn_round_answer_again(&r, LANG_EN, "1", NULL, 0), MB_OK);
    const char *bad_mr[] = {"1,1", "", "5", "0"};
    for (size_t i = 0; i < MB_COUNT(bad_mr); i++)
        assert_refused(&r, bad_mr[i], NULL);
    assert_int_equal(learn_round_answer_again(&r, LANG_EN, "3,1", NULL, 0), MB_ERR); /* not in order */
    assert_int_equal(learn_round_answer_again(&r, LANG_EN, "1,3", NULL, 0), MB_OK);
    assert_refused(&r, "3", NULL);
    assert_refused(&r, "0", NULL);
    assert_int_equal(learn_round_answer_again(&r, LANG_EN, "2", "false", 0), MB_OK);
    const char *bad_match[] = {"1,2", "1,1,2", "5,1,2", "0,1,2", "1,2,3,4"};
    for (size_t i = 0; i < MB_COUNT(bad_match); i++)
        assert_refused(&r, bad_match[i], NULL);
    assert_int_equal(learn_round_answer_again(&r, LANG_EN, "4,2,3", NULL, 0), MB_OK);
    char long_text[LEARN_TEXT_MAX + 8];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = 0;
    assert_refused(&r, "1", "xylem"); /* typed: no positions */
    assert_refused(&r, "", NULL);     /* nothing typed */
    assert_refused(&r, "", "  ");
    assert_refused(&r, "", long_text);
    assert_int_equal(learn_round_answer_again(&r, LANG_EN, "", "xylem", 0), MB_OK);
    assert_refused(&r, "", "abc"); /* numerical: not a number */
    assert_int_equal(learn_round_answer_again(&r, LANG_EN, "", "3.5", 0), MB_OK);
    assert_refused(&r, "1", NULL); /* a description has nothing chosen */
    assert_int_equal(learn_round_answer_again(&r, LANG_EN, "", NULL, 0), MB_OK);
    assert_int_equal(learn_round_index(&r), 7);
    double score, max;
    learn_round_total(&r, &score, &max);
    assert_float_equal(max, 6, EPS);
    learn_round_free(&r);
}

/* Answered in the other language than the round started in: taken up again
 * in that language, the words in it; in another, the words differ. */
static void test_answer_again_language(void **state)
{
    (void)state;
    const Pack *p = fixture();
    LearnRound a, b;
    const LearnRecord *rec;
    learn_round_unit(&a, p, 0, LANG_EN, 9, 0);
    learn_round_pick(&a, LANG_ZH, 0);
    assert_int_equal(learn_round_submit(&a, LANG_ZH, 0, &rec), MB_OK);
    assert_string_equal(rec->response, "细胞核");
    learn_round_unit(&b, p, 0, LANG_EN, 9, 0);
    assert_int_equal(learn_round_answer_again(&b, LANG_EN, rec->positions, rec->response, 0),
                     MB_ERR);
    assert_int_equal(learn_round_answer_again(&b, LANG_ZH, rec->positions, rec->response, 0),
                     MB_OK);
    learn_round_commit(&a);
    learn_round_next(&a, 0);
    assert_same_round(&a, &b);
    learn_round_free(&a);
    learn_round_free(&b);
}

/* A description gives information: it is not "Question 1 of 4". */
static void test_descriptions_are_not_numbered(void **state)
{
    (void)state;
    Answer mc[2] = {build_answer("a", 1, NULL), build_answer("b", 0, NULL)};
    Question qs[4] = {
        question(QT_DESCRIPTION, "d1", "Read this.", NULL, 0),
        question(QT_MULTICHOICE, "q1", "Which?", mc, 2),
        question(QT_DESCRIPTION, "d2", "And this.", NULL, 0),
        question(QT_TRUEFALSE, "q2", "True?", NULL, 0),
    };
    Unit u;
    memset(&u, 0, sizeof u);
    u.slug = "01-x";
    u.lang[LANG_EN].present = true;
    u.lang[LANG_EN].quiz = (QuestionList){qs, 4};
    Pack p;
    memset(&p, 0, sizeof p);
    p.id = "x";
    p.units = &u;
    p.nunits = 1;
    LearnRound r;
    memset(&r, 0, sizeof r);
    learn_round_unit(&r, &p, 0, LANG_EN, 1, 0);
    assert_int_equal(learn_round_count(&r), 4);
    static const int numbers[4] = {0, 1, 1, 2};
    for (int i = 0; i < 4; i++) {
        r.index = i;
        int number = -1;
        assert_int_equal(learn_round_numbered(&r, LANG_EN, &number), 2);
        assert_int_equal(number, numbers[i]);
    }
    learn_round_free(&r);
}

/* Read laterally: the pages opened are kept in the response and after the
 * answer's position, and a round taken up again gets them back; pages not
 * in the sandbox, opened twice or out of order are refused. */
static void test_read_pages(void **state)
{
    (void)state;
    Answer opts[3] = {build_answer("A funder", 1, "named"), build_answer("Nobody", 0, NULL),
                      build_answer("A state", 0, NULL)};
    static char *paras[] = {"Text."};
    ReadPage pages[4] = {{"Home", NULL, NULL, paras, 1},
                         {"About", NULL, "Ours.", paras, 1},
                         {"Register", "reg.example", "Donors.", paras, 1},
                         {"Report", NULL, "News.", paras, 1}};
    Question qs[1] = {question(QT_READ, "r1", "Who?", opts, 3)};
    qs[0].pages = pages;
    qs[0].npages = 4;
    Unit u;
    memset(&u, 0, sizeof u);
    u.slug = "01-x";
    u.lang[LANG_EN].present = true;
    u.lang[LANG_EN].quiz = (QuestionList){qs, 1};
    Pack p;
    memset(&p, 0, sizeof p);
    p.id = "x";
    p.units = &u;
    p.nunits = 1;
    LearnRound a, b;
    const LearnRecord *rec;
    learn_round_unit(&a, &p, 0, LANG_EN, 1, 0);
    learn_round_read_open(&a, LANG_EN, 3);
    learn_round_read_open(&a, LANG_EN, 2);
    learn_round_read_open(&a, LANG_EN, 3); /* again: once */
    learn_round_read_open(&a, LANG_EN, 0); /* the source's own page: where it starts */
    learn_round_read_open(&a, LANG_EN, 4); /* not in the sandbox */
    assert_false(learn_round_ready(&a, LANG_EN)); /* pages opened are no answer */
    learn_round_pick(&a, LANG_EN, 1);
    assert_int_equal(learn_round_submit(&a, LANG_EN, 5, &rec), MB_OK);
    assert_string_equal(rec->response, "Nobody | opened 2 of 3: Register; Report");
    assert_string_equal(rec->positions, "2,2,3");
    assert_string_equal(rec->answers, "2");
    assert_float_equal(rec->score.score, 0, EPS);
    assert_int_equal(learn_read_opened(&qs[0], learn_round_response(&a)), 2);
    learn_round_unit(&b, &p, 0, LANG_EN, 1, 0);
    const char *bad[] = {"2,2,2", "2,4", "2,0", "2,3,2", ",2", "0"};
    for (size_t i = 0; i < MB_COUNT(bad); i++)
        assert_int_equal(learn_round_answer_again(&b, LANG_EN, bad[i], NULL, 0), MB_ERR);
    /* the words must say the same pages */
    assert_int_equal(learn_round_answer_again(&b, LANG_EN, "2,2,3", "Nobody | opened 0 of 3", 0),
                     MB_ERR);
    assert_int_equal(learn_round_answer_again(&b, LANG_EN, rec->positions, rec->response, 0),
                     MB_OK);
    assert_int_equal(learn_round_missed_count(&b), 1);
    assert_int_equal(learn_round_missed_response(&b, 0)->opened, (1u << 2) | (1u << 3));
    learn_round_free(&a);
    learn_round_free(&b);
}

/* Sort into groups: each item's group kept per item shown and per item of
 * the file, scored by the share in their own group, and given back when a
 * round is taken up again; a group out of range or an item left out is
 * refused. */
static void test_group_record(void **state)
{
    (void)state;
    Answer items[3] = {build_answer("ad", 1, NULL), build_answer("notice", 1, NULL),
                       build_answer("review", 1, NULL)};
    items[0].group = 0;
    items[1].group = 2;
    items[2].group = 1;
    static char *names[] = {"sponsored", "independent", "official"};
    Question qs[1] = {question(QT_GROUP, "g1", "Sort.", items, 3)};
    qs[0].groups = names;
    qs[0].ngroups = 3;
    Unit u;
    memset(&u, 0, sizeof u);
    u.slug = "01-x";
    u.lang[LANG_EN].present = true;
    u.lang[LANG_EN].quiz = (QuestionList){qs, 1};
    Pack p;
    memset(&p, 0, sizeof p);
    p.id = "x";
    p.units = &u;
    p.nunits = 1;
    LearnRound a, b;
    const LearnRecord *rec;
    learn_round_unit(&a, &p, 0, LANG_EN, 1, 0);
    const LearnOrder *o = learn_round_order(&a);
    int pos_of[3];
    for (int i = 0; i < 3; i++)
        pos_of[o->choice[i]] = i;
    learn_round_group_put(&a, LANG_EN, pos_of[0], 0);
    learn_round_group_put(&a, LANG_EN, pos_of[1], 2);
    learn_round_group_put(&a, LANG_EN, pos_of[2], 3); /* no such group */
    assert_false(learn_round_ready(&a, LANG_EN));
    learn_round_group_put(&a, LANG_EN, pos_of[2], 0); /* the wrong one */
    assert_true(learn_round_ready(&a, LANG_EN));
    assert_int_equal(learn_round_submit(&a, LANG_EN, 5, &rec), MB_OK);
    assert_float_equal(rec->score.score, 2.0 / 3.0, EPS);
    assert_string_equal(rec->response, "ad -> sponsored; notice -> official; review -> sponsored");
    assert_string_equal(rec->answers, "1:1,2:3,3:1");
    char want[16];
    snprintf(want, sizeof want, "%d,%d,%d", o->choice[0] == 1 ? 3 : 1, o->choice[1] == 1 ? 3 : 1,
             o->choice[2] == 1 ? 3 : 1);
    assert_string_equal(rec->positions, want);
    learn_round_unit(&b, &p, 0, LANG_EN, 1, 0);
    const char *bad[] = {"1,1", "1,1,4", "0,1,1", "1,1,1,1"};
    for (size_t i = 0; i < MB_COUNT(bad); i++)
        assert_int_equal(learn_round_answer_again(&b, LANG_EN, bad[i], NULL, 0), MB_ERR);
    assert_int_equal(learn_round_answer_again(&b, LANG_EN, rec->positions, rec->response, 0),
                     MB_OK);
    assert_int_equal(learn_round_missed_count(&b), 1);
    learn_round_free(&a);
    learn_round_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_descriptions_are_not_numbered),
        cmocka_unit_test(test_unit_round_order),
        cmocka_unit_test(test_answer_order),
        cmocka_unit_test(test_shuffled_order),
        cmocka_unit_test(test_language_fallback),
        cmocka_unit_test(test_review_round),
        cmocka_unit_test(test_pick_single_and_multiple),
        cmocka_unit_test(test_pick_truefalse),
        cmocka_unit_test(test_matching_pairs),
        cmocka_unit_test(test_taps_ignored),
        cmocka_unit_test(test_submit_not_ready),
        cmocka_unit_test(test_submit_commit_totals),
        cmocka_unit_test(test_retract),
        cmocka_unit_test(test_next_to_done),
        cmocka_unit_test(test_language_switch),
        cmocka_unit_test(test_free_round),
        cmocka_unit_test(test_answer_again),
        cmocka_unit_test(test_answer_again_part),
        cmocka_unit_test(test_answer_again_refused),
        cmocka_unit_test(test_answer_again_language),
        cmocka_unit_test(test_read_pages),
        cmocka_unit_test(test_group_record),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
