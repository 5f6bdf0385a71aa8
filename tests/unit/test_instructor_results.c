/* Unit tests for the instructor's class results and discussion view
 * (kiosk/ui/screens/results.c, discussion.c, results_data.c) in the
 * windowless harness: what they show for answers put in the store by hand
 * (rates and item analysis worked out below), pseudonyms until names are
 * asked for, nothing read from the store after entering while the screens
 * scroll and turn pages, and no way in for a participant. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mingbai/learn.h"
#include "ui_harness.h"

static void event(Harness *h, EventKind kind, int x, int y)
{
    Event ev = {.kind = kind, .x = x, .y = y};
    ui_event(h->ui, &ev, h->now);
}

static void tap(Harness *h, const char *label)
{
    int x, y;
    if (!ui_find_target(h->ui, label, &x, &y))
        fail_msg("no widget shows \"%s\" on the %s screen", label,
                 ui_screen_name(ui_screen(h->ui)));
    event(h, EV_PRESS, x, y);
    frame(h);
    h->now += 50;
    event(h, EV_RELEASE, x, y);
    frame(h);
    h->now += 100;
}

static int shown(Harness *h, const char *s)
{
    int n = 0;
    for (size_t i = 0; i < h->dl.count; i++)
        if (h->dl.cmds[i].kind == DRAW_TEXT && h->dl.cmds[i].str && strstr(h->dl.cmds[i].str, s))
            n++;
    return n;
}

static void scroll_down(Harness *h, int frames)
{
    for (int i = 0; i < frames; i++) {
        h->now += 16;
        Event key = {.kind = EV_KEY, .key = KEY_DOWN};
        ui_event(h->ui, &key, h->now);
        frame(h);
    }
}

/* Scrolls down until s is drawn (at most 60 frames); how many draw it. */
static int scroll_to(Harness *h, const char *s)
{
    for (int i = 0; i < 60 && !shown(h, s); i++)
        scroll_down(h, 1);
    return shown(h, s);
}

static int setup(void **state)
{
    *state = harness_new("test-instr", true, 0);
    return 0;
}

static int teardown(void **state)
{
    harness_free(*state);
    return 0;
}

static const Unit *first_quiz_unit(Harness *h)
{
    for (size_t u = 0; u < h->pack->nunits; u++)
        if (!h->pack->units[u].is_page && h->pack->units[u].lang[LANG_EN].quiz.count >= 2)
            return &h->pack->units[u];
    fail_msg("no unit with a quiz");
    return NULL;
}

static void answer(Harness *h, int64_t who, const Unit *u, const Question *q, double score,
                   const char *answers)
{
    StoreAttempt a = {.participant = who, .pack_id = h->pack->id,
                      .pack_version = h->pack->version, .unit = u->slug, .question_id = q->id,
                      .type = q->type, .lang = LANG_EN, .response = "r", .score = score,
                      .max = 1, .correct = score >= 1, .answers = answers,
                      .started_ms = 1, .answered_ms = 2};
    assert_int_equal(store_attempt_insert(h->store, &a, 3, NULL), MB_OK);
}

/* ANNA: q0 right, q1 half; BO: q0 wrong (a wrong bank answer). q0: 1 of 2
 * right, facility 50%, r((1,0), rest (0.5,0)) = +1.00; q1: 0 of 1 right,
 * facility 50%, no discrimination with one answer. */
static const char *class_of_two(Harness *h)
{
    const Unit *u = first_quiz_unit(h);
    const Question *q0 = &u->lang[LANG_EN].quiz.items[0], *q1 = &u->lang[LANG_EN].quiz.items[1];
    size_t wrong = 0;
    while (wrong < q0->nanswers && q0->answers[wrong].fraction > 0)
        wrong++;
    assert_true(wrong < q0->nanswers && q0->type == QT_MULTICHOICE);
    int64_t anna, bo, sid;
    assert_int_equal(store_participant_add(h->store, "ANNA", false, &anna), MB_OK);
    assert_int_equal(store_participant_add(h->store, "BO", false, &bo), MB_OK);
    StoreUnitRef ref = {h->pack->id, u->slug};
    StoreSessionNew n = {"Week 1", &ref, 1, NULL, 0};
    assert_int_equal(store_session_start(h->store, &n, 1, &sid), MB_OK);
    char wrong_list[24];
    snprintf(wrong_list, sizeof wrong_list, "%zu", wrong + 1);
    answer(h, anna, u, q0, 1, "");
    answer(h, bo, u, q0, 0, wrong_list);
    answer(h, anna, u, q1, 0.5, "");
    return q0->answers[wrong].text;
}

static void test_results_shown(void **state)
{
    Harness *h = *state;
    const char *wrong = class_of_two(h);
    ui_instructor_open(h->ui);
    frame(h);
    tap(h, "Class results");
    assert_int_equal(ui_screen(h->ui), SCR_RESULTS);
    assert_int_equal(shown(h, "Week 1"), 1);
    assert_int_equal(shown(h, "2 participants · 3 answers"), 1);
    assert_int_equal(shown(h, "1 of 2 right · facility 50% · discrimination +1.00"), 1);
    char line[300];
    snprintf(line, sizeof line, "Chosen wrongly 1×: %s", wrong);
    assert_int_equal(shown(h, line), 1);
    uint64_t entered = store_statement_count(h->store);
    assert_int_equal(scroll_to(h, "0 of 1 right · facility 50% · discrimination —"), 1);
    assert_int_equal(scroll_to(h, ": 2 of 2 questions, 1.5 of 2.0 points"), 1);
    assert_int_equal(shown(h, "ANNA"), 0); /* pseudonyms until asked */
    assert_int_equal(shown(h, "BO:"), 0);
    scroll_down(h, 30);
    tap(h, "Show names");
    assert_int_equal(shown(h, "ANNA: 2 of 2 questions, 1.5 of 2.0 points"), 1);
    assert_int_equal(shown(h, "BO: 1 of 2 questions, 0.0 of 1.0 points"), 1);
    assert_int_equal(store_statement_count(h->store), entered);
}

static void test_discussion_pages(void **state)
{
    Harness *h = *state;
    const char *wrong = class_of_two(h);
    ui_instructor_open(h->ui);
    frame(h);
    tap(h, "Discussion");
    assert_int_equal(ui_screen(h->ui), SCR_DISCUSSION);
    uint64_t entered = store_statement_count(h->store);
    assert_int_equal(shown(h, "Question 1 of 2"), 1);
    char line[300];
    snprintf(line, sizeof line, "%s — 1", wrong);
    assert_int_equal(shown(h, line), 1);
    assert_int_equal(shown(h, "ANNA"), 0);
    assert_int_equal(shown(h, "right"), 0); /* no verdict, no ranking */
    tap(h, "Next");
    assert_int_equal(shown(h, "Question 2 of 2"), 1);
    tap(h, "Next"); /* the last: nothing further */
    assert_int_equal(shown(h, "Question 2 of 2"), 1);
    tap(h, "Previous");
    assert_int_equal(shown(h, "Question 1 of 2"), 1);
    scroll_down(h, 20);
    assert_int_equal(store_statement_count(h->store), entered);
}

/* Without the instructor's PIN the screens send a participant away. */
static void test_participant_kept_out(void **state)
{
    Harness *h = *state;
    class_of_two(h);
    ui_instructor_open(h->ui);
    frame(h);
    tap(h, "Class results");
    tap(h, "Back");
    tap(h, "Back to the kiosk");
    assert_int_equal(ui_screen(h->ui), SCR_ATTRACT);
    assert_false(ui_find_target(h->ui, "Class results", &(int){0}, &(int){0}));
    assert_int_equal(shown(h, "Week 1"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_results_shown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_discussion_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_participant_kept_out, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
