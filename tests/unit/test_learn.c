/* Unit tests for learn: scoring of every question type as Moodle scores a
 * GIFT question bank (weights, partial credit, negative weights clamped,
 * wildcards, tolerances, catch-all, distractors), the readable forms of
 * responses and right answers, and the Leitner review schedule. Questions
 * are built by hand, the way the GIFT parser would build them. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mingbai/learn.h"
#include "model_build.h"

#define DAY ((int64_t)24 * 60 * 60 * 1000)
#define EPS 1e-9

static Answer number_answer(double value, double tolerance, double fraction, const char *feedback)
{
    Answer a = build_answer("", fraction, feedback);
    a.value = value;
    a.tolerance = tolerance;
    return a;
}

static Question question(QuestionType type, Answer *answers, size_t n)
{
    return build_question(type, "q", "?", answers, n);
}

static Score score_of(const Question *q, const Response *r)
{
    Score s;
    assert_int_equal(learn_score(q, r, &s), MB_OK);
    return s;
}

static Response typed(const char *text)
{
    Response r;
    learn_response_clear(&r);
    snprintf(r.text, sizeof r.text, "%s", text);
    return r;
}

static Response chosen(int choice)
{
    Response r;
    learn_response_clear(&r);
    r.choice = choice;
    return r;
}

static void test_response_clear(void **state)
{
    (void)state;
    Response r;
    memset(&r, 0x55, sizeof r);
    learn_response_clear(&r);
    assert_int_equal(r.choice, -1);
    assert_true(r.selected == 0);
    for (int k = 0; k < LEARN_MAX_PAIRS; k++)
        assert_int_equal(r.match[k], -1);
    assert_string_equal(r.text, "");
}

static void test_multichoice(void **state)
{
    (void)state;
    Answer a[] = {build_answer("Right", 1, "well done"), build_answer("Half", 0.5, NULL),
                  build_answer("Wrong", 0, "no"), build_answer("Worse", -0.5, "penalty")};
    Question q = question(QT_MULTICHOICE, a, 4);

    Response r = chosen(0);
    Score s = score_of(&q, &r);
    assert_true(s.scored);
    assert_float_equal(s.score, 1, EPS);
    assert_float_equal(s.max, 1, EPS);
    assert_true(s.correct);
    assert_string_equal(s.feedback, "well done");

    r = chosen(1);
    s = score_of(&q, &r);
    assert_float_equal(s.score, 0.5, EPS);
    assert_false(s.correct);
    assert_null(s.feedback);

    r = chosen(2);
    s = score_of(&q, &r);
    assert_float_equal(s.score, 0, EPS);
    assert_string_equal(s.feedback, "no");

    /* A negative weight lowers the score but never below 0. */
    r = chosen(3);
    s = score_of(&q, &r);
    assert_float_equal(s.score, 0, EPS);
    assert_false(s.correct);
    assert_string_equal(s.feedback, "penalty");

    /* Nothing chosen scores 0; an index past the answers is refused. */
    r = chosen(-1);
    s = score_of(&q, &r);
    assert_true(s.scored);
    assert_float_equal(s.score, 0, EPS);
    r = chosen(4);
    assert_int_equal(learn_score(&q, &r, &s), MB_ERR);
    assert_false(s.scored);

    assert_false(learn_response_complete(&q, &(Response){.choice = -1}));
    assert_true(learn_response_complete(&q, &(Response){.choice = 3}));
    assert_false(learn_response_complete(&q, &(Response){.choice = 4}));
}

static void test_multiresponse(void **state)
{
    (void)state;
    Answer a[] = {build_answer("a", 0.5, "fa"), build_answer("b", 0.5, "fb"),
                  build_answer("c", -1, "fc"), build_answer("d", -0.5, NULL)};
    Question q = question(QT_MULTIRESPONSE, a, 4);
    Response r;
    learn_response_clear(&r);
    assert_false(learn_response_complete(&q, &r));

    r.selected = 1 | 2;
    assert_true(learn_response_complete(&q, &r));
    Score s = score_of(&q, &r);
    assert_float_equal(s.score, 1, EPS);
    assert_true(s.correct);
    assert_string_equal(s.feedback, "fa");

    r.selected = 2;
    s = score_of(&q, &r);
    assert_float_equal(s.score, 0.5, EPS);
    assert_false(s.correct);
    assert_string_equal(s.feedback, "fb");

    /* Ticking everything is not rewarded: wrong ticks take marks away. */
    r.selected = 1 | 2 | 4 | 8;
    s = score_of(&q, &r);
    assert_float_equal(s.score, 0, EPS);

    r.selected = 1 | 2 | 8;
    s = score_of(&q, &r);
    assert_float_equal(s.score, 0.5, EPS);

    /* The sum is clamped to [0, 1]. */
    r.selected = 1 | 4;
    s = score_of(&q, &r);
    assert_float_equal(s.score, 0, EPS);
    Answer over[] = {build_answer("x", 1, NULL), build_answer("y", 1, NULL)};
    Question q2 = question(QT_MULTIRESPONSE, over, 2);
    r.selected = 3;
    s = score_of(&q2, &r);
    assert_float_equal(s.score, 1, EPS);
    assert_true(s.correct);

    /* A tick past the answers is refused. */
    r.selected = 16;
    assert_int_equal(learn_score(&q, &r, &s), MB_ERR);
    assert_false(learn_response_complete(&q, &r));
}

static void test_truefalse(void **state)
{
    (void)state;
    Answer a[] = {build_answer("true", 1, NULL), build_answer("false", 0, NULL)};
    Question q = question(QT_TRUEFALSE, a, 2);
    q.tf_answer = true;
    q.tf_feedback_right = "right!";
    q.tf_feedback_wrong = "it is true";

    Response r = chosen(1);
    Score s = score_of(&q, &r);
    assert_true(s.correct);
    assert_float_equal(s.score, 1, EPS);
    assert_string_equal(s.feedback, "right!");

    r = chosen(0);
    s = score_of(&q, &r);
    assert_false(s.correct);
    assert_float_equal(s.score, 0, EPS);
    assert_string_equal(s.feedback, "it is true");

    q.tf_answer = false;
    s = score_of(&q, &r);
    assert_true(s.correct);

    r = chosen(2);
    assert_int_equal(learn_score(&q, &r, &s), MB_ERR);
    assert_false(learn_response_complete(&q, &r));
    r = chosen(0);
    assert_true(learn_response_complete(&q, &r));
}

static void test_matching(void **state)
{
    (void)state;
    /* A distractor sits between the items: the k-th left item skips it. */
    Answer a[] = {build_pair("cat", "animal"), build_pair("", "mineral"),
                  build_pair("rose", "plant"), build_pair("dog", "animal")};
    Question q = question(QT_MATCHING, a, 4);
    Response r;
    learn_response_clear(&r);
    assert_false(learn_response_complete(&q, &r));

    r.match[0] = 0; /* cat -> animal */
    r.match[1] = 2; /* rose -> plant */
    r.match[2] = 3; /* dog -> animal */
    assert_true(learn_response_complete(&q, &r));
    Score s = score_of(&q, &r);
    assert_float_equal(s.score, 1, EPS);
    assert_true(s.correct);

    /* Two items with the same right side accept either copy of it. */
    r.match[0] = 3;
    r.match[2] = 0;
    s = score_of(&q, &r);
    assert_float_equal(s.score, 1, EPS);

    /* The distractor is never right. */
    r.match[1] = 1;
    s = score_of(&q, &r);
    assert_float_equal(s.score, 2.0 / 3.0, EPS);
    assert_false(s.correct);

    r.match[0] = -1;
    assert_false(learn_response_complete(&q, &r));
    s = score_of(&q, &r);
    assert_float_equal(s.score, 1.0 / 3.0, EPS);

    r.match[0] = 9;
    assert_int_equal(learn_score(&q, &r, &s), MB_ERR);
}

/* Feedback's parts: each matched pair right or wrong with its right match,
 * each ticked answer right or wrong and each right one missed. */
static void test_response_parts(void **state)
{
    (void)state;
    Answer a[] = {build_pair("cat", "animal"), build_pair("", "mineral"),
                  build_pair("rose", "plant"), build_pair("dog", "animal")};
    Question q = question(QT_MATCHING, a, 4);
    Response r;
    learn_response_clear(&r);
    r.match[0] = 3; /* cat -> the other "animal": right */
    r.match[1] = 1; /* rose -> mineral: wrong, plant is right */
    LearnPart p[LEARN_MAX_PAIRS];
    assert_int_equal(learn_response_parts(&q, &r, NULL, p, LEARN_MAX_PAIRS), 3);
    assert_true(p[0].answer == 0 && p[0].chosen == 3 && p[0].mark == LEARN_PART_RIGHT);
    assert_true(p[1].answer == 2 && p[1].chosen == 1 && p[1].mark == LEARN_PART_WRONG);
    assert_true(p[2].answer == 3 && p[2].chosen == -1 && p[2].mark == LEARN_PART_WRONG);
    /* A short array gets what fits; the count is all of them. */
    LearnPart one[1] = {{-7, -7, LEARN_PART_MISSED}};
    assert_int_equal(learn_response_parts(&q, &r, NULL, one, 1), 3);
    assert_int_equal(one[0].answer, 0);
    r.match[2] = 42; /* out of range: not a match */
    learn_response_parts(&q, &r, NULL, p, LEARN_MAX_PAIRS);
    assert_true(p[2].chosen == -1 && p[2].mark == LEARN_PART_WRONG);

    Answer m[] = {build_answer("DNA", 0.5, NULL), build_answer("Fat", -1, NULL),
                  build_answer("Salt", 0, NULL), build_answer("RNA", 0.5, NULL)};
    Question mq = question(QT_MULTIRESPONSE, m, 4);
    learn_response_clear(&r);
    r.selected = 1u << 0 | 1u << 1; /* DNA right, Fat wrong, RNA missed, Salt left out */
    assert_int_equal(learn_response_parts(&mq, &r, NULL, p, LEARN_MAX_PAIRS), 3);
    assert_true(p[0].answer == 0 && p[0].mark == LEARN_PART_RIGHT && p[0].chosen == -1);
    assert_true(p[1].answer == 1 && p[1].mark == LEARN_PART_WRONG);
    assert_true(p[2].answer == 3 && p[2].mark == LEARN_PART_MISSED);
    /* In the order shown. */
    LearnOrder o = {.choice = {3, 2, 1, 0}, .nchoices = 4};
    assert_int_equal(learn_response_parts(&mq, &r, &o, p, LEARN_MAX_PAIRS), 3);
    assert_true(p[0].answer == 3 && p[0].mark == LEARN_PART_MISSED);
    assert_true(p[1].answer == 1 && p[2].answer == 0);

    /* Nothing written when there is no room; nothing matched is all wrong. */
    Response c = chosen(0);
    assert_int_equal(learn_response_parts(&q, &c, NULL, NULL, 0), 3);
    Question mc = question(QT_MULTICHOICE, m, 4);
    assert_int_equal(learn_response_parts(&mc, &c, NULL, p, LEARN_MAX_PAIRS), 0);
}

static void test_shortanswer(void **state)
{
    (void)state;
    Answer a[] = {build_answer("Grant", 1, "yes"), build_answer("U* Grant", 0.5, "full name"),
                  build_answer("Ulysses S. Grant", 1, NULL)};
    Question q = question(QT_SHORTANSWER, a, 3);

    Response r = typed("  grant \n");
    Score s = score_of(&q, &r);
    assert_true(s.correct);
    assert_string_equal(s.feedback, "yes");

    r = typed("GRANT");
    assert_true(score_of(&q, &r).correct);

    r = typed("Ulysses Grant");
    s = score_of(&q, &r);
    assert_float_equal(s.score, 0.5, EPS);
    assert_string_equal(s.feedback, "full name");

    /* The first answer that matches counts, in the order written, as in
     * Moodle: "U* Grant" comes before "Ulysses S. Grant". */
    r = typed("ulysses s. grant");
    s = score_of(&q, &r);
    assert_float_equal(s.score, 0.5, EPS);
    assert_string_equal(s.feedback, "full name");

    r = typed("Lee");
    s = score_of(&q, &r);
    assert_true(s.scored);
    assert_float_equal(s.score, 0, EPS);
    assert_null(s.feedback);

    r = typed("   ");
    assert_false(learn_response_complete(&q, &r));
    r = typed("x");
    assert_true(learn_response_complete(&q, &r));
}

static void test_shortanswer_wildcards(void **state)
{
    (void)state;
    Answer a[] = {build_answer("c*t", 1, NULL)};
    Question q = question(QT_SHORTANSWER, a, 1);
    const char *yes[] = {"cat", "ct", "Coat", "c*t", "cattle cat"};
    const char *no[] = {"cats", "at", "dog", ""};
    for (size_t i = 0; i < MB_COUNT(yes); i++) {
        Response r = typed(yes[i]);
        assert_true(score_of(&q, &r).correct);
    }
    for (size_t i = 0; i < MB_COUNT(no); i++) {
        Response r = typed(no[i]);
        assert_false(score_of(&q, &r).correct);
    }

    /* "\*" is a literal star, as in Moodle. */
    Answer lit[] = {build_answer("a\\*b", 1, NULL)};
    Question q2 = question(QT_SHORTANSWER, lit, 1);
    Response r = typed("a*b");
    assert_true(score_of(&q2, &r).correct);
    r = typed("axb");
    assert_false(score_of(&q2, &r).correct);

    /* A lone star is a catch-all: 0 marks, but its feedback is shown. */
    Answer any[] = {build_answer("Paris", 1, NULL), build_answer("*", 0, "think of France")};
    Question q3 = question(QT_SHORTANSWER, any, 2);
    r = typed("Lyon");
    Score s = score_of(&q3, &r);
    assert_float_equal(s.score, 0, EPS);
    assert_string_equal(s.feedback, "think of France");
    r = typed("paris");
    assert_true(score_of(&q3, &r).correct);

    /* Letters outside ASCII compare exactly. */
    Answer zh[] = {build_answer("明白", 1, NULL)};
    Question q4 = question(QT_SHORTANSWER, zh, 1);
    r = typed("明白");
    assert_true(score_of(&q4, &r).correct);
    r = typed("明");
    assert_false(score_of(&q4, &r).correct);

    /* Many stars against a long miss stay fast (no exponential backtracking). */
    Answer evil[] = {build_answer("*a*a*a*a*a*a*a*a*b", 1, NULL)};
    Question q5 = question(QT_SHORTANSWER, evil, 1);
    Response longr;
    learn_response_clear(&longr);
    memset(longr.text, 'a', sizeof longr.text - 1);
    assert_false(score_of(&q5, &longr).correct);

    /* A text that fills the array without a terminator is read safely. */
    memset(longr.text, 'a', sizeof longr.text);
    assert_false(score_of(&q5, &longr).correct);
}

/* The answers of the participant issue, typed on the kiosk's keyboard
 * (ASCII apostrophe, lower case), against answers as authors write them. */
static bool sa_right(const char *answer, const char *text)
{
    Answer a[] = {build_answer(answer, 1, NULL)};
    Question q = question(QT_SHORTANSWER, a, 1);
    Response r = typed(text);
    return score_of(&q, &r).correct;
}

static void test_shortanswer_typed(void **state)
{
    (void)state;
    /* Case does not count (Moodle's default, and GIFT has no other). */
    assert_true(sa_right("Isn't it", "isn't it"));
    assert_true(sa_right("are growing up", "ARE Growing UP"));
    /* An apostrophe typed as ' matches one written as a typographic one,
     * and the other way round. */
    assert_true(sa_right("Isn\u2019t it", "isn't it"));
    assert_true(sa_right("Isn\u2018t it", "isn't it"));
    assert_true(sa_right("O'Brien", "o\u2019brien"));
    assert_true(sa_right("well\u2011known", "well-known"));
    assert_false(sa_right("Isn\u2019t it", "isnt it"));
    /* Spaces around are trimmed; inside, each counts, as in Moodle. */
    assert_true(sa_right("  are growing up ", " are growing up  "));
    assert_true(sa_right("are growing up", "\tare growing up\n"));
    assert_false(sa_right("are growing up", "are  growing up"));
    assert_false(sa_right("are growing up", "aregrowing up"));
    /* Wildcards. */
    assert_true(sa_right("*platform*", "the platform society"));
    assert_true(sa_right("*platform*", "Platformization"));
    assert_true(sa_right("*platform*", "PLATFORM"));
    assert_false(sa_right("*platform*", "plat form"));
    assert_true(sa_right("**platform", "a platform"));
    /* Letters beyond ASCII compare without case too (Moodle's /iu). */
    assert_true(sa_right("\u00c9lys\u00e9e", "\u00e9LYS\u00c9E"));
    assert_true(sa_right("\u041c\u043e\u0441\u043a\u0432\u0430",
                         "\u043c\u043e\u0441\u043a\u0432\u0430"));
    assert_true(sa_right("\u03a3\u03bf\u03c6\u03af\u03b1", "\u03c3\u03bf\u03c6\u03af\u03b1"));
    assert_false(sa_right("\u00e9", "e"));
    /* The first matching answer counts, not the best: a catch-all written
     * first catches everything. */
    Answer a[] = {build_answer("*", 0, "first"), build_answer("Paris", 1, "right")};
    Question q = question(QT_SHORTANSWER, a, 2);
    Response r = typed("paris");
    Score s = score_of(&q, &r);
    assert_float_equal(s.score, 0, EPS);
    assert_string_equal(s.feedback, "first");
}

static void test_numerical(void **state)
{
    (void)state;
    /* {#3:2} */
    Answer tol[] = {number_answer(3, 2, 1, "yes")};
    Question q = question(QT_NUMERICAL, tol, 1);
    const char *yes[] = {"3", "5", "1", " 4.5 ", "+2", "1,0", "5.000000", "3e0"};
    const char *no[] = {"5.0001", "0.999", "-3", "", "abc", "3x", "1,0,0", "e5"};
    for (size_t i = 0; i < MB_COUNT(yes); i++) {
        Response r = typed(yes[i]);
        assert_true(score_of(&q, &r).correct);
    }
    for (size_t i = 0; i < MB_COUNT(no); i++) {
        Response r = typed(no[i]);
        Score s = score_of(&q, &r);
        assert_false(s.correct);
        assert_float_equal(s.score, 0, EPS);
        assert_null(s.feedback);
    }
    Response r = typed("abc");
    assert_false(learn_response_complete(&q, &r));
    r = typed("3,5");
    assert_true(learn_response_complete(&q, &r));

    /* {#3.141..3.142}: the parser keeps the midpoint and half the width;
     * both ends are accepted despite binary rounding. */
    Answer range[] = {number_answer((3.141 + 3.142) / 2, (3.142 - 3.141) / 2, 1, NULL)};
    Question q2 = question(QT_NUMERICAL, range, 1);
    const char *in[] = {"3.141", "3.142", "3,1415"};
    const char *out[] = {"3.1409", "3.1421", "3.14"};
    for (size_t i = 0; i < MB_COUNT(in); i++) {
        r = typed(in[i]);
        assert_true(score_of(&q2, &r).correct);
    }
    for (size_t i = 0; i < MB_COUNT(out); i++) {
        r = typed(out[i]);
        assert_false(score_of(&q2, &r).correct);
    }

    /* {#=1822:0 =%50%1822:2 ~#look it up}: the best weight wins, the
     * catch-all scores 0 with its feedback. */
    Answer weighted[] = {number_answer(1822, 0, 1, "exact"), number_answer(1822, 2, 0.5, "close"),
                         number_answer(0, 0, 0, "look it up")};
    weighted[2].catchall = true;
    Question q3 = question(QT_NUMERICAL, weighted, 3);
    r = typed("1822");
    Score s = score_of(&q3, &r);
    assert_float_equal(s.score, 1, EPS);
    assert_string_equal(s.feedback, "exact");
    r = typed("1823.5");
    s = score_of(&q3, &r);
    assert_float_equal(s.score, 0.5, EPS);
    assert_string_equal(s.feedback, "close");
    r = typed("1900");
    s = score_of(&q3, &r);
    assert_float_equal(s.score, 0, EPS);
    assert_string_equal(s.feedback, "look it up");
    /* A catch-all never matches a value, even its own 0. */
    r = typed("0");
    s = score_of(&q3, &r);
    assert_float_equal(s.score, 0, EPS);
    assert_string_equal(s.feedback, "look it up");

    /* Exponents and a huge number that overflows are handled. */
    Answer big[] = {number_answer(1000, 0, 1, NULL)};
    Question q4 = question(QT_NUMERICAL, big, 1);
    r = typed("1e3");
    assert_true(score_of(&q4, &r).correct);
    r = typed("1E+3");
    assert_true(score_of(&q4, &r).correct);
    r = typed("1e999999");
    assert_false(score_of(&q4, &r).correct);
    assert_false(learn_response_complete(&q4, &r));
}

static void test_unscored(void **state)
{
    (void)state;
    Question essay = question(QT_ESSAY, NULL, 0);
    Question desc = question(QT_DESCRIPTION, NULL, 0);
    Response r = typed("my thoughts");
    Score s = score_of(&essay, &r);
    assert_false(s.scored);
    assert_float_equal(s.max, 0, EPS);
    assert_false(s.correct);
    s = score_of(&desc, &r);
    assert_false(s.scored);
    assert_false(learn_response_complete(&desc, &r));
    assert_false(learn_response_complete(&essay, &r));
}

static char *describe(const Question *q, const Response *r)
{
    StrBuf b = {0};
    strbuf_puts(&b, "");
    if (r)
        learn_response_describe(q, r, &b);
    else
        learn_correct_describe(q, &b);
    return b.data;
}

static void expect_text(char *got, const char *want)
{
    assert_string_equal(got, want);
    free(got);
}

static void test_describe(void **state)
{
    (void)state;
    Answer mc[] = {build_answer("Right", 1, NULL), build_answer("Half", 0.5, NULL),
                   build_answer("Wrong", 0, NULL)};
    Question q = question(QT_MULTICHOICE, mc, 3);
    Response r = chosen(1);
    expect_text(describe(&q, &r), "Half");
    expect_text(describe(&q, NULL), "Right");
    r = chosen(-1);
    expect_text(describe(&q, &r), "");

    Answer mr[] = {build_answer("a", 0.5, NULL), build_answer("b", -1, NULL),
                   build_answer("c", 0.5, NULL)};
    Question q2 = question(QT_MULTIRESPONSE, mr, 3);
    learn_response_clear(&r);
    r.selected = 1 | 2 | 4;
    expect_text(describe(&q2, &r), "a; b; c");
    expect_text(describe(&q2, NULL), "a; c");

    Question tf = question(QT_TRUEFALSE, NULL, 0);
    tf.tf_answer = false;
    r = chosen(1);
    expect_text(describe(&tf, &r), "true");
    expect_text(describe(&tf, NULL), "false");

    Answer m[] = {build_pair("cat", "animal"), build_pair("", "mineral"),
                  build_pair("rose", "plant")};
    Question q3 = question(QT_MATCHING, m, 3);
    learn_response_clear(&r);
    r.match[0] = 1;
    r.match[1] = 2;
    expect_text(describe(&q3, &r), "cat -> mineral; rose -> plant");
    r.match[0] = -1;
    expect_text(describe(&q3, &r), "rose -> plant");
    expect_text(describe(&q3, NULL), "cat -> animal; rose -> plant");

    Answer sa[] = {build_answer("Grant", 1, NULL), build_answer("Ulysses", 0.5, NULL),
                   build_answer("Ulysses S. Grant", 1, NULL)};
    Question q4 = question(QT_SHORTANSWER, sa, 3);
    r = typed("  ulysses  ");
    expect_text(describe(&q4, &r), "ulysses");
    expect_text(describe(&q4, NULL), "Grant; Ulysses S. Grant");

    Answer num[] = {number_answer(3, 2, 1, NULL), number_answer(1822, 0, 1, NULL),
                    number_answer(3.1415, 0.0005, 1, NULL), number_answer(9, 1, 0.5, NULL),
                    number_answer(0, 0, 0, NULL)};
    num[4].catchall = true;
    Question q5 = question(QT_NUMERICAL, num, 5);
    r = typed("3,2");
    expect_text(describe(&q5, &r), "3,2");
    expect_text(describe(&q5, NULL), "1..5; 1822; 3.141..3.142");

    Question essay = question(QT_ESSAY, NULL, 0);
    r = typed("a long thought");
    expect_text(describe(&essay, &r), "a long thought");
    expect_text(describe(&essay, NULL), "");

    /* Describing appends to what is there. */
    StrBuf b = {0};
    strbuf_puts(&b, "answer: ");
    r = chosen(0);
    learn_response_describe(&q, &r, &b);
    assert_string_equal(b.data, "answer: Right");
    strbuf_free(&b);
}

/* Mark the post: each sentence counts alike, marked when it uses a
 * technique, left alone when it does not; nothing marked is an answer. */
static void test_markpost(void **state)
{
    (void)state;
    Answer a[5] = {
        build_answer("A plain fact.", 0, "Checkable."),
        build_answer("Experts agree.", 1, "No expert named."),
        build_answer("93% felt better.", 1, "Who counted?"),
        build_answer("Act before it is too late.", 1, "Fear."),
        build_answer("A price.", 0, NULL),
    };
    Question q = question(QT_MARKPOST, a, 5);
    Response r;
    learn_response_clear(&r);
    assert_true(learn_response_complete(&q, &r));
    Score s = score_of(&q, &r); /* nothing marked: the two plain ones right */
    assert_true(s.scored);
    assert_true(fabs(s.score - 0.4) < EPS);
    assert_false(s.correct);
    r.selected = 1u << 1 | 1u << 2 | 1u << 3;
    s = score_of(&q, &r);
    assert_true(fabs(s.score - 1) < EPS);
    assert_true(s.correct);
    r.selected = 1u << 0 | 1u << 1 | 1u << 2; /* one wrong mark, one missed */
    s = score_of(&q, &r);
    assert_true(fabs(s.score - 0.6) < EPS);
    assert_false(s.correct);
    r.selected = 1u << 0 | 1u << 4; /* every sentence judged wrong */
    s = score_of(&q, &r);
    assert_true(fabs(s.score) < EPS);
    r.selected = 1u << 5; /* past the last sentence */
    Score bad;
    assert_int_equal(learn_score(&q, &r, &bad), MB_ERR);
    StrBuf b = {0};
    r.selected = 1u << 0 | 1u << 2;
    learn_response_describe(&q, &r, &b);
    assert_string_equal(b.data, "A plain fact.; 93% felt better.");
    b.len = 0;
    learn_correct_describe(&q, &b);
    assert_string_equal(b.data, "Experts agree.; 93% felt better.; Act before it is too late.");
    strbuf_free(&b);
    LearnPart parts[8];
    size_t n = learn_response_parts(&q, &r, NULL, parts, 8);
    assert_int_equal(n, 4); /* marked or a technique: 0 wrong, 1 missed, 2 right, 3 missed */
    assert_int_equal(parts[0].mark, LEARN_PART_WRONG);
    assert_int_equal(parts[1].mark, LEARN_PART_MISSED);
    assert_int_equal(parts[2].mark, LEARN_PART_RIGHT);
    assert_int_equal(parts[3].mark, LEARN_PART_MISSED);
}

/* Sort the feed: the share of items in their own place; complete only
 * when every place has an item. */
static void test_sort(void **state)
{
    (void)state;
    Answer a[4] = {
        build_answer("first", 1, NULL),
        build_answer("second", 1, NULL),
        build_answer("third", 1, NULL),
        build_answer("fourth", 1, NULL),
    };
    Question q = question(QT_SORT, a, 4);
    Response r;
    learn_response_clear(&r);
    r.match[0] = 0;
    r.match[1] = 1;
    assert_false(learn_response_complete(&q, &r));
    r.match[2] = 3;
    r.match[3] = 2;
    assert_true(learn_response_complete(&q, &r));
    Score s = score_of(&q, &r);
    assert_true(fabs(s.score - 0.5) < EPS);
    assert_false(s.correct);
    r.match[2] = 2;
    r.match[3] = 3;
    s = score_of(&q, &r);
    assert_true(s.correct);
    StrBuf b = {0};
    learn_response_describe(&q, &r, &b);
    assert_string_equal(b.data, "first; second; third; fourth");
    strbuf_free(&b);
    r.match[3] = 4; /* past the last item */
    Score bad;
    assert_int_equal(learn_score(&q, &r, &bad), MB_ERR);
}

static void test_leitner(void **state)
{
    (void)state;
    /* Missed: box 1; right answers climb 1 -> 2 -> 3 -> retired. */
    assert_int_equal(learn_review_next_box(LEARN_BOX_RETIRED, false), 1);
    assert_int_equal(learn_review_next_box(1, true), 2);
    assert_int_equal(learn_review_next_box(2, true), 3);
    assert_int_equal(learn_review_next_box(3, true), LEARN_BOX_RETIRED);
    /* A miss anywhere goes back to box 1. */
    assert_int_equal(learn_review_next_box(3, false), 1);
    assert_int_equal(learn_review_next_box(2, false), 1);
    assert_int_equal(learn_review_next_box(1, false), 1);

    int64_t now = 1700000000000;
    assert_true(learn_review_due_ms(1, now) == now + 1 * DAY);
    assert_true(learn_review_due_ms(2, now) == now + 3 * DAY);
    assert_true(learn_review_due_ms(3, now) == now + 7 * DAY);
    assert_true(learn_review_due_ms(LEARN_BOX_RETIRED, now) == INT64_MAX);
    assert_true(learn_review_due_ms(3, INT64_MAX - 5) == INT64_MAX);

    /* The whole schedule for a question missed once, then always right. */
    int box = learn_review_next_box(LEARN_BOX_RETIRED, false);
    int64_t t = now, due = learn_review_due_ms(box, t);
    const int64_t waits[] = {1 * DAY, 3 * DAY, 7 * DAY};
    for (int i = 0; i < 3; i++) {
        assert_true(due - t == waits[i]);
        t = due;
        box = learn_review_next_box(box, true);
        due = learn_review_due_ms(box, t);
    }
    assert_int_equal(box, LEARN_BOX_RETIRED);
    assert_true(due == INT64_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_response_clear),
        cmocka_unit_test(test_multichoice),
        cmocka_unit_test(test_multiresponse),
        cmocka_unit_test(test_truefalse),
        cmocka_unit_test(test_matching),
        cmocka_unit_test(test_markpost),
        cmocka_unit_test(test_sort),
        cmocka_unit_test(test_response_parts),
        cmocka_unit_test(test_shortanswer),
        cmocka_unit_test(test_shortanswer_wildcards),
        cmocka_unit_test(test_shortanswer_typed),
        cmocka_unit_test(test_numerical),
        cmocka_unit_test(test_unscored),
        cmocka_unit_test(test_describe),
        cmocka_unit_test(test_leitner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
