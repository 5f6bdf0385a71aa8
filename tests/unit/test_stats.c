/* Unit tests for the item analysis of a class's answers (kiosk/learn/
 * stats.c) against values worked out by hand: facility index (mean score
 * over the maximum) and discrimination index (the correlation of a
 * question's score with the rest of the test's), the latest answer of a
 * person counting, questions nobody answered, questions that cannot
 * discriminate, and the counting of chosen answers. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mingbai/learn.h"

#define EPS 1e-9

/* cmocka's float comparison works in float; these values want double. */
#define assert_near(a, b, eps) assert_near_at((a), (b), (eps), __FILE__, __LINE__)
static void assert_near_at(double a, double b, double eps, const char *file, int line)
{
    if (!(fabs(a - b) <= eps)) {
        print_error("%.17g is not %.17g (within %g)\n", a, b, eps);
        _fail(file, line);
    }
}

/* Four people, three questions worth 1 each; the latest answers are
 *        q0   q1   q2   total
 *   P0   1    1    1    3
 *   P1   1    0    1    2
 *   P2   0    0.5  0    0.5
 *   P3   0    0    1    1      (P3 first got q0 right, then wrong)
 * Facility: q0 2/4, q1 1.5/4, q2 3/4. Discrimination, r(item, rest):
 *   q0: x = 1 1 0 0,   rest = 2 1 0.5 1  -> 0.75 / sqrt(1 * 1.1875)
 *   q1: x = 1 0 .5 0,  rest = 2 2 0 1    -> 0.25 / sqrt(0.6875 * 2.75) = 1/11
 *   q2: x = 1 1 0 1,   rest = 2 1 .5 0   -> 0.375 / sqrt(0.75 * 2.1875) */
static void class_of_four(void **state)
{
    (void)state;
    const LearnStatAnswer a[] = {
        {3, 0, 1, 1, true}, /* replaced by P3's later answer below */
        {0, 0, 1, 1, true},   {0, 1, 1, 1, true},   {0, 2, 1, 1, true},
        {1, 0, 1, 1, true},   {1, 1, 0, 1, false},  {1, 2, 1, 1, true},
        {2, 0, 0, 1, false},  {2, 1, 0.5, 1, false}, {2, 2, 0, 1, false},
        {3, 0, 0, 1, false},  {3, 1, 0, 1, false},  {3, 2, 1, 1, true},
    };
    LearnItemStat s[3];
    learn_item_stats(a, sizeof a / sizeof a[0], 4, 3, s);
    assert_int_equal(s[0].answered, 4);
    assert_int_equal(s[0].correct, 2);
    assert_near(s[0].facility, 0.5, EPS);
    assert_near(s[0].discrimination, 0.75 / sqrt(1.1875), EPS);
    assert_near(s[0].discrimination, 0.6882472016116852, 1e-12);
    assert_int_equal(s[1].correct, 1);
    assert_near(s[1].score, 1.5, EPS);
    assert_near(s[1].max, 4, EPS);
    assert_near(s[1].facility, 0.375, EPS);
    assert_near(s[1].discrimination, 1.0 / 11, EPS);
    assert_int_equal(s[2].correct, 3);
    assert_near(s[2].facility, 0.75, EPS);
    assert_near(s[2].discrimination, 0.375 / sqrt(0.75 * 2.1875), EPS);
}

/* A question nobody answered has no facility (-1) and no discrimination;
 * one everybody got right cannot discriminate (NAN); one person alone
 * cannot either; answers out of range are skipped. */
static void undefined_cases(void **state)
{
    (void)state;
    const LearnStatAnswer a[] = {
        {0, 0, 2, 2, true}, {1, 0, 2, 2, true}, {0, 1, 1, 2, false},
        {5, 0, 1, 1, true}, {0, 7, 1, 1, true}, /* out of range */
    };
    LearnItemStat s[3];
    learn_item_stats(a, sizeof a / sizeof a[0], 2, 3, s);
    assert_int_equal(s[0].answered, 2);
    assert_near(s[0].facility, 1, EPS);
    assert_true(isnan(s[0].discrimination));
    assert_int_equal(s[1].answered, 1);
    assert_near(s[1].facility, 0.5, EPS);
    assert_true(isnan(s[1].discrimination));
    assert_int_equal(s[2].answered, 0);
    assert_int_equal(s[2].correct, 0);
    assert_near(s[2].facility, -1, EPS);
    assert_true(isnan(s[2].discrimination));
}

/* A discrimination index below zero: those who did well overall got it
 * wrong. x = 0 0 1, rest = 2 2 0 -> -1. */
static void negative_discrimination(void **state)
{
    (void)state;
    const LearnStatAnswer a[] = {
        {0, 0, 0, 1, false}, {0, 1, 1, 1, true}, {0, 2, 1, 1, true},
        {1, 0, 0, 1, false}, {1, 1, 1, 1, true}, {1, 2, 1, 1, true},
        {2, 0, 1, 1, true},  {2, 1, 0, 1, false}, {2, 2, 0, 1, false},
    };
    LearnItemStat s[3];
    learn_item_stats(a, sizeof a / sizeof a[0], 3, 3, s);
    assert_near(s[0].facility, 1.0 / 3, EPS);
    assert_near(s[0].discrimination, -1, EPS);
}

static void counting_choices(void **state)
{
    (void)state;
    unsigned c[4] = {0};
    assert_int_equal(learn_count_choices("2", c, 4), 1);
    assert_int_equal(learn_count_choices("1,3", c, 4), 2);
    assert_int_equal(learn_count_choices("3,9,0,x,4", c, 4), 2);
    assert_int_equal(learn_count_choices("", c, 4), 0);
    assert_int_equal(learn_count_choices(NULL, c, 4), 0);
    assert_int_equal(c[0], 1);
    assert_int_equal(c[1], 1);
    assert_int_equal(c[2], 2);
    assert_int_equal(c[3], 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(class_of_four),
        cmocka_unit_test(undefined_cases),
        cmocka_unit_test(negative_discrimination),
        cmocka_unit_test(counting_choices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
