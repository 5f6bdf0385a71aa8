/* The interface without a window: events in, draw list out. A Ui over the
 * shipped course, a fresh database and the real text engine, driven by
 * presses and releases at the places its widgets report, checked by what
 * the draw list shows and what the store holds. For logic that replay
 * scripts reach only slowly: which screen a tap leads to, what is read from
 * the store and when, what an overlay lets through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ui_harness.h"

#include "mingbai/learn.h"
#include "mingbai/pack.h"
#include "mingbai/store.h"
#include "mingbai/text.h"
#include "mingbai/ui.h"
#include "store/store_internal.h" /* to make the database fail */




static void event(Harness *h, EventKind kind, int x, int y)
{
    Event ev = {.kind = kind, .x = x, .y = y};
    ui_event(h->ui, &ev, h->now);
}

/* A finger tap at x, y: press, 50 ms, release, then the frame. */
static void tap_at(Harness *h, int x, int y)
{
    event(h, EV_PRESS, x, y);
    frame(h);
    h->now += 50;
    event(h, EV_RELEASE, x, y);
    frame(h);
    h->now += 100;
}

static void tap(Harness *h, const char *label)
{
    int x, y;
    if (!ui_find_target(h->ui, label, &x, &y))
        fail_msg("no widget shows \"%s\" on the %s screen", label,
                 ui_screen_name(ui_screen(h->ui)));
    tap_at(h, x, y);
}

/* How many texts of the draw list contain s. */
static int shown(Harness *h, const char *s)
{
    int n = 0;
    for (size_t i = 0; i < h->dl.count; i++)
        if (h->dl.cmds[i].kind == DRAW_TEXT && h->dl.cmds[i].str && strstr(h->dl.cmds[i].str, s))
            n++;
    return n;
}

/* How many texts of the draw list are exactly s. */
static int shown_exact(Harness *h, const char *s)
{
    int n = 0;
    for (size_t i = 0; i < h->dl.count; i++)
        if (h->dl.cmds[i].kind == DRAW_TEXT && h->dl.cmds[i].str && !strcmp(h->dl.cmds[i].str, s))
            n++;
    return n;
}

/* UiConfig.reload_packs for the import test: counts its calls and gives
 * the harness's pack. */
typedef struct {
    Harness *h;
    int calls;
} Reloads;

static int reload_packs(void *ctx, Pack ***packs, size_t *npacks)
{
    Reloads *r = ctx;
    r->calls++;
    *packs = &r->h->pack;
    *npacks = 1;
    return MB_OK;
}

/* The import runs a step per frame under its progress bar, the next frame
 * due at once, and asks the program for its packs again when done; the
 * participants' packs are not read again before. */
static void test_pack_import_steps(void **state)
{
    Harness *h = *state;
    Reloads r = {.h = h};
    ui_free(h->ui);
    UiConfig cfg = {.store = h->store, .text = h->te, .packs = &h->pack, .npacks = 1,
                    .reload_packs = reload_packs, .reload_ctx = &r, .lang = LANG_EN,
                    .width = 800, .height = 480};
    h->ui = ui_new(&cfg);
    frame(h);
    char *dir = mb_xasprintf("%s/tests/packs/good", source_dir());
    setenv("MINGBAI_IMPORT_DIR", dir, 1);
    ui_instructor_open(h->ui);
    frame(h);
    tap(h, "Packs");
    tap(h, "Import a pack");
    assert_int_equal(ui_screen(h->ui), SCR_PACK_IMPORT);
    assert_int_equal(shown_exact(h, "minimal"), 1);
    tap(h, "minimal");
    static const char *const steps[] = {"Step 1 of 3: Checking the pack",
                                        "Step 2 of 3: Making a backup",
                                        "Step 3 of 3: Saving the pack"};
    for (size_t i = 0; i < MB_COUNT(steps); i++) {
        assert_int_equal(shown_exact(h, steps[i]), 1);
        assert_int_equal(shown_exact(h, "Importing minimal"), 1);
        assert_int_equal(ui_next_deadline(h->ui, h->now), 0);
        assert_true(ui_dirty(h->ui, h->now));
        assert_int_equal(r.calls, 0);
        h->now += 16;
        frame(h);
    }
    assert_int_equal(shown(h, "Imported minimal, version 1.0"), 1);
    assert_int_equal(r.calls, 1);
    assert_false(ui_dirty(h->ui, h->now));
    StorePackInfo *list = NULL;
    size_t n = 0;
    assert_int_equal(store_pack_list(h->store, &list, &n), MB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].id, "minimal");
    store_pack_list_free(list, n);
    unsetenv("MINGBAI_IMPORT_DIR");
    free(dir);
}

static int setup(void **state)
{
    *state = harness_new("test-ui", true, 0);
    return 0;
}

static int teardown(void **state)
{
    harness_free(*state);
    return 0;
}

/* From the attract screen to the home screen as a guest. */
static void sign_in_as_guest(Harness *h)
{
    tap(h, "start");
    tap(h, "English");
    assert_int_equal(ui_screen(h->ui), SCR_SIGNIN);
    tap(h, "Continue as a guest");
    assert_int_equal(ui_screen(h->ui), SCR_HOME);
}

static void test_screens_listed_once(void **state)
{
    (void)state;
    for (int i = 0; i < SCR_COUNT; i++) {
        const char *n = ui_screen_name((ScreenId)i);
        assert_non_null(n);
        assert_string_not_equal(n, "?");
        for (int j = 0; j < i; j++)
            assert_string_not_equal(n, ui_screen_name((ScreenId)j));
    }
    assert_string_equal(ui_screen_name(SCR_COUNT), "?");
    assert_string_equal(ui_screen_name(SCR_QUIZ), "quiz");
}

static void test_flow_to_home(void **state)
{
    Harness *h = *state;
    assert_int_equal(ui_screen(h->ui), SCR_ATTRACT);
    assert_int_equal(shown(h, "Tap anywhere to start"), 1);
    sign_in_as_guest(h);
    assert_int_equal(shown(h, "Platforms as infrastructure"), 1);
    /* The cards drawn: unit 1 has ten questions; units 2, 3 and 4 have
     * fourteen each (unit 2: eleven and a post, a sort and a lateral
     * reading); their two discussion prompts keep no answer and are not
     * counted. */
    assert_int_equal(shown_exact(h, "Not started\n10 questions"), 1);
    assert_int_equal(shown_exact(h, "Not started\n14 questions"), 3);
    assert_int_equal(shown_exact(h, "Not started\n16 questions"), 0);
    assert_int_equal(shown(h, "Answered"), 0);
    StrBuf pr = {0};
    assert_int_equal(ui_layout_problems(h->ui, &pr), 0);
    strbuf_free(&pr);
}

/* Scrolling the home screen draws many frames and asks the store nothing. */
static void test_home_scroll_queries_nothing(void **state)
{
    Harness *h = *state;
    sign_in_as_guest(h);
    uint64_t before = store_statement_count(h->store);
    event(h, EV_PRESS, 400, 400);
    for (int i = 1; i <= 30; i++) {
        h->now += 16;
        event(h, EV_MOVE, 400, 400 - i * 8);
        frame(h);
    }
    event(h, EV_RELEASE, 400, 160);
    for (int i = 0; i < 60; i++) {
        h->now += 16;
        frame(h);
    }
    for (int i = 0; i < 5; i++) {
        Event wheel = {.kind = EV_WHEEL, .dy = i % 2 ? 1 : -1};
        ui_event(h->ui, &wheel, h->now);
        frame(h);
    }
    assert_int_equal(ui_screen(h->ui), SCR_HOME);
    assert_int_equal(store_statement_count(h->store) - before, 0);
}

/* The roster is read once when sign-in is entered, not for each frame. */
static void test_signin_reads_roster_once(void **state)
{
    Harness *h = *state;
    int64_t id;
    assert_int_equal(store_participant_add(h->store, "Li Hua", false, &id), MB_OK);
    tap(h, "start");
    uint64_t before = store_statement_count(h->store);
    tap(h, "English");
    uint64_t entered = store_statement_count(h->store);
    assert_true(entered > before);
    assert_int_equal(shown(h, "Li Hua"), 1);
    for (int i = 0; i < 20; i++) {
        h->now += 16;
        Event key = {.kind = EV_KEY, .key = KEY_DOWN};
        ui_event(h->ui, &key, h->now);
        frame(h);
    }
    assert_int_equal(store_statement_count(h->store), entered);
    tap(h, "Li Hua");
    assert_int_equal(ui_screen(h->ui), SCR_HOME);
}

/* A quiz answer goes through the round into the store before feedback. */
static void test_answer_kept_before_feedback(void **state)
{
    Harness *h = *state;
    sign_in_as_guest(h);
    tap(h, "Platforms as infrastructure");
    assert_int_equal(ui_screen(h->ui), SCR_READER);
    Event end = {.kind = EV_KEY, .key = KEY_END};
    ui_event(h->ui, &end, h->now);
    frame(h);
    tap(h, "Take the quiz");
    assert_int_equal(ui_screen(h->ui), SCR_QUIZ);
    assert_int_equal(shown(h, "Question 1 of 10"), 1);
    /* Not ready: the button does nothing. */
    tap(h, "Check my answer");
    assert_int_equal(ui_screen(h->ui), SCR_QUIZ);
    assert_int_equal(store_attempt_count(h->store), 0);
    tap(h, "The phone number you registered with");
    tap(h, "Check my answer");
    assert_int_equal(ui_screen(h->ui), SCR_FEEDBACK);
    assert_int_equal(store_attempt_count(h->store), 1);
    assert_int_equal(shown_exact(h, "Right"), 1);
    assert_int_equal(shown_exact(h, "Not quite"), 0);
    assert_int_equal(shown(h, "Your answer is saved."), 1);
    tap(h, "Next question");
    assert_int_equal(ui_screen(h->ui), SCR_QUIZ);
    assert_int_equal(shown(h, "Question 2 of 10"), 1);
}

/* The language toggle in the middle of a question keeps the question and
 * what was chosen. */
static void test_language_switch_keeps_question(void **state)
{
    Harness *h = *state;
    sign_in_as_guest(h);
    tap(h, "Platforms as infrastructure");
    Event end = {.kind = EV_KEY, .key = KEY_END};
    ui_event(h->ui, &end, h->now);
    frame(h);
    tap(h, "Take the quiz");
    tap(h, "The country you are in today");
    tap(h, "中文");
    assert_int_equal(ui_lang(h->ui), LANG_ZH);
    assert_int_equal(ui_screen(h->ui), SCR_QUIZ);
    assert_int_equal(shown(h, "第 1 题，共 10 题"), 1);
    tap(h, "提交答案");
    assert_int_equal(ui_screen(h->ui), SCR_FEEDBACK);
    assert_int_equal(store_attempt_count(h->store), 1);
}

/* The reading position is kept when the reader is left and found again
 * when the unit is opened. */
static void test_reader_position_kept(void **state)
{
    Harness *h = *state;
    sign_in_as_guest(h);
    tap(h, "Platforms as infrastructure");
    for (int i = 0; i < 4; i++) {
        Event pg = {.kind = EV_KEY, .key = KEY_PAGEDOWN};
        ui_event(h->ui, &pg, h->now);
        frame(h);
    }
    StrBuf first = {0};
    ui_visible_text(h->ui, &first);
    tap(h, "Units");
    assert_int_equal(ui_screen(h->ui), SCR_HOME);
    assert_int_equal(shown(h, "You stopped at: Platforms as infrastructure"), 1);
    tap(h, "Continue reading");
    assert_int_equal(ui_screen(h->ui), SCR_READER);
    StrBuf again = {0};
    ui_visible_text(h->ui, &again);
    assert_string_equal(again.data, first.data);
    strbuf_free(&first);
    strbuf_free(&again);
}

/* The idle prompt covers the screen and takes its taps; then the session
 * ends. */
static void test_idle_prompt_then_sign_out(void **state)
{
    Harness *h = *state;
    sign_in_as_guest(h);
    h->now += 3 * 60 * 1000 + 1;
    frame(h);
    assert_int_equal(shown(h, "Are you still there?"), 1);
    int x, y;
    assert_false(ui_find_target(h->ui, "Platforms as infrastructure", &x, &y));
    h->now += 31 * 1000;
    frame(h);
    assert_int_equal(ui_screen(h->ui), SCR_ATTRACT);
}

/* The colour a text of the draw list is drawn in (the first exactly s). */
static Color shown_color(Harness *h, const char *s)
{
    for (size_t i = 0; i < h->dl.count; i++)
        if (h->dl.cmds[i].kind == DRAW_TEXT && h->dl.cmds[i].str && !strcmp(h->dl.cmds[i].str, s))
            return h->dl.cmds[i].color;
    fail_msg("\"%s\" is not shown", s);
    return (Color){0, 0, 0, 0};
}

/* An instructor's small pack built in memory: a discussion prompt that
 * names who to talk to, and a multiple-response question. */
static Pack *discussion_pack(void)
{
    static const char ini[] = "[pack]\nformat = 1\nid = talk\nversion = 1.0\nlanguages = en\n"
                              "licence = CC0\nauthor = tests\n\n[en]\ntitle = Talk\n";
    static const char md[] = "# Talking it over\n\nRead this, then answer.\n";
    static const char gift[] =
        "// order: fixed\n::t1:: Talk to your neighbour: what would you check first? {}\n\n"
        "// order: fixed\n::t2:: Which are checks? {~%50%Who runs it ~%50%Who pays ~%-100%Its colour}\n";
    PackFiles files = {0};
    pack_files_add(&files, "pack.ini", ini, strlen(ini));
    pack_files_add(&files, "units/01-talk.en.md", md, strlen(md));
    pack_files_add(&files, "quizzes/01-talk.en.gift", gift, strlen(gift));
    Pack *p = NULL;
    Diags d = {0};
    assert_int_equal(pack_build(&files, "talk", &p, &d), 0);
    diags_free(&d);
    return p;
}

/* A discussion prompt's feedback does not send the participant to someone
 * the prompt did not name; "Partly right" has a colour of its own. */
static void test_discussion_and_partly_right(void **state)
{
    Harness *h = *state;
    Pack *talk = discussion_pack();
    ui_free(h->ui);
    UiConfig cfg = {.store = h->store, .text = h->te, .packs = &talk, .npacks = 1,
                    .lang = LANG_EN, .width = 800, .height = 480};
    h->ui = ui_new(&cfg);
    frame(h);
    sign_in_as_guest(h);
    tap(h, "Talking it over");
    tap(h, "Take the quiz");
    assert_int_equal(shown(h, "This question is for discussion; it is not scored."), 1);
    tap(h, "Continue");
    assert_int_equal(ui_screen(h->ui), SCR_FEEDBACK);
    assert_int_equal(shown_exact(h, "For discussion"), 1);
    assert_int_equal(shown(h, "instructor"), 0);
    assert_int_equal(shown(h, "Your answer is saved."), 0); /* nothing to keep */
    /* The second question, answered half right. */
    tap(h, "Next question");
    tap(h, "□  Who runs it");
    tap(h, "Check my answer");
    assert_int_equal(shown_exact(h, "Partly right"), 1);
    Color partly = shown_color(h, "Partly right");
    tap(h, "See my results");
    tap(h, "Back to the units");
    tap(h, "Talking it over");
    tap(h, "Take the quiz");
    tap(h, "Continue");
    tap(h, "Next question");
    tap(h, "□  Its colour");
    tap(h, "Check my answer");
    Color wrong = shown_color(h, "Not quite");
    assert_false(partly.r == wrong.r && partly.g == wrong.g && partly.b == wrong.b);
    ui_free(h->ui);
    h->ui = NULL;
    pack_free(talk);
}

/* "Finish" is never where "Back" sits, asks first, and tells a guest that
 * their answers cannot be found again. */
static void test_finish_asks(void **state)
{
    Harness *h = *state;
    tap(h, "start");
    tap(h, "English");
    Rect back, finish;
    assert_true(ui_find_target_rect(h->ui, "Back", &back));
    tap(h, "Continue as a guest");
    assert_true(ui_find_target_rect(h->ui, "Finish", &finish));
    Rect both = rect_intersect(back, finish);
    assert_true(both.w <= 0 || both.h <= 0);
    /* A tap where "Back" was does nothing here. */
    tap_at(h, back.x + back.w / 2, back.y + back.h / 2);
    assert_int_equal(ui_screen(h->ui), SCR_HOME);
    tap(h, "Finish");
    assert_int_equal(ui_screen(h->ui), SCR_HOME);
    assert_int_equal(shown_exact(h, "Finish for now?"), 1);
    assert_int_equal(shown_exact(h, "As a guest, you cannot come back to these answers."), 1);
    int x, y;
    assert_false(ui_find_target(h->ui, "Platforms as infrastructure", &x, &y));
    tap(h, "Keep studying");
    assert_int_equal(ui_screen(h->ui), SCR_HOME);
    assert_int_equal(shown_exact(h, "Finish for now?"), 0);
    tap(h, "Finish");
    tap(h, "Yes, finish");
    assert_int_equal(ui_screen(h->ui), SCR_ATTRACT);
    /* Someone with a name is told how to come back. */
    int64_t id;
    assert_int_equal(store_participant_add(h->store, "Li Hua", false, &id), MB_OK);
    tap(h, "start");
    tap(h, "English");
    tap(h, "Li Hua");
    tap(h, "Finish");
    assert_int_equal(shown_exact(h, "Your answers are kept. Tap your name next time to go on."), 1);
}

static void press_key(Harness *h, KeyCode k)
{
    Event ev = {.kind = EV_KEY, .key = k};
    ui_event(h->ui, &ev, h->now);
    frame(h);
}

/* A one-unit English pack built in memory around a quiz in GIFT. */
static Pack *gift_pack(const char *gift)
{
    static const char ini[] = "[pack]\nformat = 1\nid = pairs\nversion = 1.0\nlanguages = en\n"
                              "licence = CC0\nauthor = tests\n\n[en]\ntitle = Pairs\n";
    static const char md[] = "# Animals and food\n\nWhat each animal eats.\n";
    PackFiles files = {0};
    pack_files_add(&files, "pack.ini", ini, strlen(ini));
    pack_files_add(&files, "units/01-food.en.md", md, strlen(md));
    pack_files_add(&files, "quizzes/01-food.en.gift", gift, strlen(gift));
    Pack *p = NULL;
    Diags d = {0};
    assert_int_equal(pack_build(&files, "pairs", &p, &d), 0);
    diags_free(&d);
    return p;
}

/* The Ui again over pack p (the harness's store and text engine), on a
 * screen w x h. */
static void use_pack(Harness *h, Pack **p, int w, int hgt)
{
    ui_free(h->ui);
    UiConfig cfg = {.store = h->store, .text = h->te, .packs = p, .npacks = 1,
                    .lang = LANG_EN, .width = w, .height = hgt};
    h->ui = ui_new(&cfg);
    frame(h);
}

static const char pairs_gift[] =
    "// order: fixed\n::m1:: Match each animal to its food. "
    "{=Cow -> Grass =Cat -> Fish =Bird -> Seeds}\n\n"
    "// order: fixed\n::r1:: Which are mammals? {~%50%Cow ~%50%Cat ~%-100%Bird}\n";

/* Cow with Fish and Cat with Grass (wrong), Bird with Seeds (right); then
 * Cow and Bird ticked of the mammals (Cat missed, Bird wrong). */
static void answer_pairs(Harness *h)
{
    tap(h, "Animals and food");
    tap(h, "Take the quiz");
    tap(h, "Cow");
    tap(h, "Fish");
    tap(h, "Cat");
    tap(h, "Grass");
    tap(h, "Bird");
    tap(h, "Seeds");
    tap(h, "Check my answer");
    assert_int_equal(ui_screen(h->ui), SCR_FEEDBACK);
}

/* Matching feedback shows each pair marked right or wrong in words, with
 * the right match of each wrong one; multiple response each tick right or
 * wrong and each right answer missed. In both languages. */
static void test_feedback_part_by_part(void **state)
{
    Harness *h = *state;
    Pack *pairs = gift_pack(pairs_gift);
    use_pack(h, &pairs, 800, 480);
    sign_in_as_guest(h);
    answer_pairs(h);
    /* At the top: the first two pairs, both wrong, with their right matches. */
    assert_int_equal(shown_exact(h, "Partly right"), 1);
    assert_int_equal(shown_exact(h, "Your matches"), 1);
    assert_int_equal(shown_exact(h, "Cow  →  Fish"), 1);
    assert_int_equal(shown_exact(h, "Right match: Grass"), 1);
    assert_int_equal(shown_exact(h, "Cat  →  Grass"), 1);
    assert_int_equal(shown_exact(h, "Right match: Fish"), 1);
    assert_int_equal(shown_exact(h, "Wrong"), 2);
    assert_int_equal(shown(h, "You chose"), 0);
    assert_int_equal(shown(h, " -> "), 0);
    tap(h, "中文");
    assert_int_equal(shown_exact(h, "你的配对"), 1);
    assert_int_equal(shown_exact(h, "错"), 2);
    assert_int_equal(shown_exact(h, "正确配对：Grass"), 1);
    tap(h, "English");
    /* Further down: the third, right, with no right match to add. */
    press_key(h, KEY_END);
    assert_int_equal(shown_exact(h, "Bird  →  Seeds"), 1);
    assert_int_equal(shown_exact(h, "Correct"), 1);
    assert_int_equal(shown(h, "Right match: Seeds"), 0);
    assert_int_equal(shown(h, "The answer:"), 0);
    tap(h, "Next question");
    tap(h, "□  Cow");
    tap(h, "□  Bird");
    tap(h, "Check my answer");
    assert_int_equal(shown_exact(h, "Not quite"), 1);
    assert_int_equal(shown_exact(h, "Your choices"), 1);
    assert_int_equal(shown_exact(h, "■  Cow"), 1);
    assert_int_equal(shown_exact(h, "■  Bird"), 1);
    assert_int_equal(shown_exact(h, "□  Cat"), 1);
    assert_int_equal(shown_exact(h, "Correct"), 1);
    assert_int_equal(shown_exact(h, "Wrong"), 1);
    assert_int_equal(shown_exact(h, "Missed"), 1);
    assert_int_equal(shown(h, "The answer:"), 0);
    tap(h, "中文");
    assert_int_equal(shown_exact(h, "漏选"), 1);
    assert_int_equal(store_attempt_count(h->store), 2);
    StrBuf pr = {0};
    assert_int_equal(ui_layout_problems(h->ui, &pr), 0);
    strbuf_free(&pr);
    ui_free(h->ui);
    h->ui = NULL;
    pack_free(pairs);
}

/* The summary lists each missed question; a tap shows it again with what
 * was answered, the right answer and the feedback, and records nothing:
 * the store is not even asked. */
static void test_summary_shows_missed_again(void **state)
{
    Harness *h = *state;
    Pack *pairs = gift_pack(pairs_gift);
    use_pack(h, &pairs, 800, 480);
    sign_in_as_guest(h);
    answer_pairs(h);
    tap(h, "Next question");
    tap(h, "□  Cow");
    tap(h, "□  Bird");
    tap(h, "Check my answer");
    tap(h, "See my results");
    assert_int_equal(ui_screen(h->ui), SCR_SUMMARY);
    assert_int_equal(store_attempt_count(h->store), 2);
    uint64_t before = store_statement_count(h->store);
    tap(h, "Match each animal to its food.");
    assert_int_equal(ui_screen(h->ui), SCR_SUMMARY);
    assert_int_equal(shown_exact(h, "Partly right"), 1);
    assert_int_equal(shown_exact(h, "Cow  →  Fish"), 1);
    assert_int_equal(shown_exact(h, "Right match: Grass"), 1);
    assert_int_equal(shown(h, "Your answer is saved."), 0);
    assert_int_equal(shown(h, "You scored"), 0);
    tap(h, "Back to my results");
    assert_int_equal(shown(h, "You scored 0.3 out of 2."), 1);
    tap(h, "Which are mammals?");
    assert_int_equal(shown_exact(h, "Not quite"), 1);
    assert_int_equal(shown_exact(h, "□  Cat"), 1);
    assert_int_equal(shown_exact(h, "Missed"), 1);
    tap(h, "中文");
    assert_int_equal(shown_exact(h, "答错了"), 1);
    assert_int_equal(shown_exact(h, "漏选"), 1);
    StrBuf pr = {0};
    assert_int_equal(ui_layout_problems(h->ui, &pr), 0);
    strbuf_free(&pr);
    tap(h, "返回我的成绩");
    assert_int_equal(shown(h, "值得再看一遍"), 1);
    assert_int_equal(store_statement_count(h->store), before);
    assert_int_equal(store_attempt_count(h->store), 2);
    tap(h, "返回单元列表");
    assert_int_equal(ui_screen(h->ui), SCR_HOME);
    ui_free(h->ui);
    h->ui = NULL;
    pack_free(pairs);
}

/* The text command drawing exactly s, or NULL. */
static const DrawCmd *shown_cmd(Harness *h, const char *s)
{
    for (size_t i = 0; i < h->dl.count; i++)
        if (h->dl.cmds[i].kind == DRAW_TEXT && h->dl.cmds[i].str && !strcmp(h->dl.cmds[i].str, s))
            return &h->dl.cmds[i];
    return NULL;
}

/* The draw command of the first text that starts with s, or NULL. */
static const DrawCmd *text_cmd(Harness *h, const char *s)
{
    for (size_t i = 0; i < h->dl.count; i++)
        if (h->dl.cmds[i].kind == DRAW_TEXT && h->dl.cmds[i].str &&
            !strncmp(h->dl.cmds[i].str, s, strlen(s)))
            return &h->dl.cmds[i];
    return NULL;
}

/* The height of one line of the text of c. */
static int line_height(const DrawCmd *c)
{
    const TextLayout *l = c->text;
    return text_layout_height(l) / text_layout_lines(l);
}

/* Large and portrait screens are not the 800x480 layout scaled: at
 * 1920x1080 the question stands beside its answers; on a portrait
 * 720x1280 the text is about as large as on a 7-inch 800x480, not shrunk
 * to fit the width. */
static void test_room_used(void **state)
{
    Harness *h = *state;
    const char *question = "According to Tencent";
    const char *first = "The country you are in today, as your phone’s location shows it";
    sign_in_as_guest(h);
    /* home: the unit cards in two columns */
    ui_resize(h->ui, 1920, 1080);
    frame(h);
    Rect about, unit1;
    assert_true(ui_find_target_rect(h->ui, "About this course", &about));
    assert_true(ui_find_target_rect(h->ui, "Platforms as infrastructure", &unit1));
    assert_int_equal(unit1.y, about.y);
    assert_true(unit1.x >= about.x + about.w);
    ui_resize(h->ui, 800, 480);
    frame(h);
    tap(h, "Platforms as infrastructure");
    Event end = {.kind = EV_KEY, .key = KEY_END};
    ui_event(h->ui, &end, h->now);
    frame(h);
    tap(h, "Take the quiz");
    assert_non_null(text_cmd(h, question));
    int small_line = line_height(text_cmd(h, question));

    ui_resize(h->ui, 1920, 1080);
    frame(h);
    const DrawCmd *q = text_cmd(h, question);
    Rect choice;
    assert_non_null(q);
    assert_true(ui_find_target_rect(h->ui, first, &choice));
    assert_int_equal(shown_exact(h, first), 1); /* each answer drawn once */
    const TextLayout *l = q->text;
    assert_true(choice.x >= q->r.x + text_layout_width(l)); /* beside, not below */
    assert_true(choice.y < q->r.y + text_layout_height(l));

    ui_resize(h->ui, 720, 1280);
    frame(h);
    q = text_cmd(h, question);
    assert_non_null(q);
    assert_true(line_height(q) * 10 >= small_line * 14);
    assert_true(ui_find_target_rect(h->ui, first, &choice));
    assert_true(choice.w * 10 >= 720 * 8); /* the answers take the width */
    /* the bar's title has a row of its own, not a few letters and "..." */
    const DrawCmd *bar = text_cmd(h, "Question 1 of 10");
    assert_non_null(bar);
    assert_false(text_layout_truncated(bar->text));

    /* feedback at 1920x1080: the verdict at the left, why beside it */
    ui_resize(h->ui, 1920, 1080);
    frame(h);
    tap(h, "The phone number you registered with");
    tap(h, "Check my answer");
    assert_int_equal(ui_screen(h->ui), SCR_FEEDBACK);
    const DrawCmd *verdict = text_cmd(h, "Right"), *why = text_cmd(h, "How do we know?");
    assert_non_null(verdict);
    assert_non_null(why);
    assert_true(why->r.x >= verdict->r.x + text_layout_width(verdict->text));
    assert_true(why->r.y < 1080); /* on screen without scrolling */
}

/* The name in the top bar sits left of the bar's controls and clear of
 * them, and is cut to fit. */
static void expect_name_in_bar(Harness *h, const char *name, const char *control)
{
    const DrawCmd *c = shown_cmd(h, name);
    Rect ctl;
    if (!c)
        fail_msg("\"%s\" is not in the bar of the %s screen", name, ui_screen_name(ui_screen(h->ui)));
    assert_true(ui_find_target_rect(h->ui, control, &ctl));
    assert_true(c->r.y >= 0 && c->r.y + c->r.h <= ctl.y + ctl.h);
    assert_true(c->r.x + c->r.w <= ctl.x);
    assert_true(text_layout_truncated(c->text) == (strlen(name) > 20));
}

/* While signed in, every screen's top bar says who: "Guest" ("访客") for a
 * guest, else the name, a long one cut with an ellipsis. */
static void test_name_in_top_bar(void **state)
{
    Harness *h = *state;
    sign_in_as_guest(h);
    expect_name_in_bar(h, "Guest", "Finish");
    tap(h, "中文");
    expect_name_in_bar(h, "访客", "结束");
    tap(h, "English");
    tap(h, "Finish");
    tap(h, "Yes, finish");
    assert_int_equal(shown(h, "Guest"), 0);
    const char *name = "Maximiliana Konstantinopoulou-Wetherby";
    int64_t id;
    assert_int_equal(store_participant_add(h->store, name, false, &id), MB_OK);
    tap(h, "start");
    tap(h, "English");
    tap(h, name);
    expect_name_in_bar(h, name, "Finish");
    assert_int_equal(shown(h, "Guest"), 0);
    tap(h, "Platforms as infrastructure");
    expect_name_in_bar(h, name, "◐");
    press_key(h, KEY_END);
    tap(h, "Take the quiz");
    expect_name_in_bar(h, name, "◐");
    tap(h, "The phone number you registered with");
    tap(h, "Check my answer");
    assert_int_equal(ui_screen(h->ui), SCR_FEEDBACK);
    expect_name_in_bar(h, name, "◐");
    tap(h, "中文");
    expect_name_in_bar(h, name, "◐");
    StrBuf pr = {0};
    assert_int_equal(ui_layout_problems(h->ui, &pr), 0);
    strbuf_free(&pr);
}

/* Each unit card says how far the unit was read (not yet, where it was
 * left, to the end) and how many of its questions were answered, counting
 * only questions the pack still has. */
static void test_home_read_and_answered(void **state)
{
    Harness *h = *state;
    int64_t id;
    assert_int_equal(store_participant_add(h->store, "Li Hua", false, &id), MB_OK);
    StoreAttempt a = {.participant = id, .pack_id = h->pack->id, .pack_version = h->pack->version,
                      .unit = "01-platforms", .question_id = "u1-q1", .type = QT_MULTICHOICE,
                      .lang = LANG_EN, .response = "x", .score = 1, .max = 1, .correct = true,
                      .started_ms = 1, .answered_ms = 2};
    assert_int_equal(store_attempt_insert(h->store, &a, 2, NULL), MB_OK);
    a.question_id = "u1-q2";
    a.score = 0;
    a.correct = false;
    assert_int_equal(store_attempt_insert(h->store, &a, 2, NULL), MB_OK);
    a.question_id = "u1-dropped"; /* a question the pack no longer has */
    a.score = 1;
    a.correct = true;
    assert_int_equal(store_attempt_insert(h->store, &a, 2, NULL), MB_OK);
    tap(h, "start");
    tap(h, "English");
    tap(h, "Li Hua");
    assert_int_equal(shown_exact(h, "Not started\n2 of 10 answered, 1 right"), 1);
    assert_int_equal(shown(h, "3 of 10"), 0);
    /* Left part way: where. */
    tap(h, "Platforms as infrastructure");
    press_key(h, KEY_PAGEDOWN);
    tap(h, "Units");
    assert_int_equal(shown(h, "Read to "), 1);
    assert_int_equal(shown(h, "%\n2 of 10 answered, 1 right"), 1);
    /* Read to the end: read, also when left again at the top. */
    tap(h, "Continue reading");
    press_key(h, KEY_END);
    press_key(h, KEY_HOME);
    tap(h, "Units");
    assert_int_equal(shown_exact(h, "Read\n2 of 10 answered, 1 right"), 1);
    tap(h, "中文");
    assert_int_equal(shown_exact(h, "已读完\n答了 2/10 题，对 1 题"), 1);
    assert_int_equal(shown_exact(h, "未开始\n14 道题"), 2); /* the cards drawn so far down */
    StrBuf pr = {0};
    assert_int_equal(ui_layout_problems(h->ui, &pr), 0);
    strbuf_free(&pr);
}

/* ---- the place in a quiz, from one session to the next ---- */

/* From the attract screen to the home screen as name (on the roster). */
static void sign_in_as(Harness *h, const char *name)
{
    tap(h, "start");
    tap(h, "English");
    tap(h, name);
    assert_int_equal(ui_screen(h->ui), SCR_HOME);
}

/* From the home screen into unit's quiz, through the end of its text. */
static void take_quiz(Harness *h, const char *unit)
{
    tap(h, unit);
    assert_int_equal(ui_screen(h->ui), SCR_READER);
    press_key(h, KEY_END);
    tap(h, "Take the quiz");
    assert_int_equal(ui_screen(h->ui), SCR_QUIZ);
}

/* From the quiz back to the units, and finished for now. */
static void leave_and_finish(Harness *h)
{
    tap(h, "Back");
    assert_int_equal(ui_screen(h->ui), SCR_READER);
    tap(h, "Units");
    tap(h, "Finish");
    tap(h, "Yes, finish");
    assert_int_equal(ui_screen(h->ui), SCR_ATTRACT);
}

/* Two answered, the quiz left at question 3 and the session ended: signed
 * in again, the same participant goes on at question 3, and nothing new is
 * kept on the way; someone else starts at question 1. */
static void test_quiz_place_next_session(void **state)
{
    Harness *h = *state;
    int64_t li, bo;
    assert_int_equal(store_participant_add(h->store, "Li Hua", false, &li), MB_OK);
    assert_int_equal(store_participant_add(h->store, "Bo Wen", false, &bo), MB_OK);
    sign_in_as(h, "Li Hua");
    take_quiz(h, "Platforms as infrastructure");
    assert_int_equal(shown(h, "Question 1 of 10"), 1);
    tap(h, "The phone number you registered with");
    tap(h, "Check my answer");
    tap(h, "Next question");
    press_key(h, KEY_END); /* the answers go below the fold */
    tap(h, "□  It counts active accounts, and one person can hold several");
    tap(h, "Check my answer");
    tap(h, "Next question");
    assert_int_equal(shown(h, "Question 3 of 10"), 1);
    leave_and_finish(h);

    sign_in_as(h, "Li Hua");
    uint64_t before = store_statement_count(h->store);
    take_quiz(h, "Platforms as infrastructure");
    assert_int_equal(shown(h, "Question 3 of 10"), 1);
    assert_int_equal(shown(h, "Question 1 of 10"), 0);
    assert_true(store_statement_count(h->store) > before); /* read from the store */
    assert_int_equal(store_attempt_count(h->store), 2);
    StoreAnswered got[4];
    size_t n = 0;
    assert_int_equal(store_unit_answered(h->store, li, h->pack->id, "01-platforms", got, 4, &n),
                     MB_OK);
    assert_int_equal(n, 2);
    bool q1 = false, q2 = false;
    for (size_t i = 0; i < n; i++) {
        q1 |= !strcmp(got[i].question_id, "u1-q1") && got[i].correct;
        q2 |= !strcmp(got[i].question_id, "u1-q2") && !got[i].correct;
    }
    assert_true(q1 && q2);
    StrBuf pr = {0};
    assert_int_equal(ui_layout_problems(h->ui, &pr), 0);
    strbuf_free(&pr);
    leave_and_finish(h);

    sign_in_as(h, "Bo Wen");
    take_quiz(h, "Platforms as infrastructure");
    assert_int_equal(shown(h, "Question 1 of 10"), 1);
    assert_int_equal(store_attempt_count(h->store), 2);
    leave_and_finish(h);

    /* In Chinese the next time: the same place, the question in Chinese. */
    tap(h, "start");
    tap(h, "中文（简体）");
    tap(h, "Li Hua");
    tap(h, "继续阅读");
    press_key(h, KEY_END);
    tap(h, "开始测验");
    assert_int_equal(ui_screen(h->ui), SCR_QUIZ);
    assert_int_equal(shown(h, "第 3 题，共 10 题"), 1);
    assert_int_equal(store_attempt_count(h->store), 2);
}

static const char pairs_hay_gift[] =
    "// order: fixed\n::m1:: Match each animal to its food. "
    "{=Cow -> Hay =Cat -> Fish =Bird -> Seeds}\n\n"
    "// order: fixed\n::r1:: Which are mammals? {~%50%Cow ~%50%Cat ~%-100%Bird}\n";

/* The pack changed between two sessions so that the answer kept is not an
 * answer to its question any more: the quiz starts anew. With the same
 * pack, it goes on. */
static void test_quiz_place_pack_changed(void **state)
{
    Harness *h = *state;
    int64_t li;
    assert_int_equal(store_participant_add(h->store, "Li Hua", false, &li), MB_OK);
    Pack *pairs = gift_pack(pairs_gift);
    use_pack(h, &pairs, 800, 480);
    sign_in_as(h, "Li Hua");
    answer_pairs(h);
    tap(h, "Next question");
    assert_int_equal(shown(h, "Question 2 of 2"), 1);
    leave_and_finish(h);
    sign_in_as(h, "Li Hua");
    take_quiz(h, "Animals and food");
    assert_int_equal(shown(h, "Question 2 of 2"), 1);
    leave_and_finish(h);

    Pack *hay = gift_pack(pairs_hay_gift); /* Grass is now Hay */
    use_pack(h, &hay, 800, 480);
    sign_in_as(h, "Li Hua");
    take_quiz(h, "Animals and food");
    assert_int_equal(shown(h, "Question 1 of 2"), 1);
    assert_int_equal(shown(h, "could not"), 0);
    assert_int_equal(store_attempt_count(h->store), 1);
    ui_free(h->ui);
    h->ui = NULL;
    pack_free(pairs);
    pack_free(hay);
}

static const char prompt_gift[] =
    "// order: fixed\n::a1:: Do cows eat grass? {=Yes ~No}\n\n"
    "// order: fixed\n::d1:: Talk to your neighbour about what cows eat. {}\n\n"
    "// order: fixed\n::a2:: Do cats eat fish? {=Often ~Never}\n\n"
    "// order: fixed\n::a3:: Do birds eat seeds? {=Many do ~None do}\n";

static const char notes_gift[] =
    "// order: fixed\n::n0:: Read this before you start.\n\n"
    "// order: fixed\n::a1:: Do cows eat grass? {=Yes ~No}\n\n"
    "// order: fixed\n::n1:: One more note.\n\n"
    "// order: fixed\n::a2:: Do cats eat fish? {=Often ~Never}\n";

/* The quiz's progress bar: the colours of its segments, in order, into
 * col (at most 16); returns how many there are. A segment is a rect
 * TOK.progress_h (5) high on the first such row. */
static int progress_segments(Harness *h, Color *col)
{
    int n = 0, y = -1;
    for (size_t i = 0; i < h->dl.count && n < 16; i++) {
        const DrawCmd *c = &h->dl.cmds[i];
        if (c->kind != DRAW_RECT || c->r.h != 5 || (y >= 0 && c->r.y != y))
            continue;
        y = c->r.y;
        col[n++] = c->color;
    }
    return n;
}

static bool same_color(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

/* Descriptions have no segment of the progress bar: two questions between
 * two notes make two segments, none lit on the first note, the first lit
 * on question 1 and both on question 2. */
static void test_quiz_progress_counts_questions_only(void **state)
{
    Harness *h = *state;
    Pack *p = gift_pack(notes_gift);
    use_pack(h, &p, 800, 480);
    sign_in_as_guest(h);
    tap(h, "Animals and food");
    tap(h, "Take the quiz");
    Color first[16], q1[16], q2[16];
    assert_int_equal(shown(h, "Read this before you start."), 1);
    assert_int_equal(progress_segments(h, first), 2);
    tap(h, "Continue");
    tap(h, "Next question");
    assert_int_equal(shown(h, "Question 1 of 2"), 1);
    assert_int_equal(progress_segments(h, q1), 2);
    tap(h, "Yes");
    tap(h, "Check my answer");
    tap(h, "Next question");
    assert_int_equal(shown(h, "One more note."), 1);
    Color note[16];
    assert_int_equal(progress_segments(h, note), 2);
    tap(h, "Continue");
    tap(h, "Next question");
    assert_int_equal(shown(h, "Question 2 of 2"), 1);
    assert_int_equal(progress_segments(h, q2), 2);
    assert_true(same_color(first[0], first[1]));
    assert_true(same_color(q2[0], q2[1]));
    assert_false(same_color(first[0], q2[0]));
    assert_true(same_color(q1[0], q2[0]) && same_color(q1[1], first[1]));
    assert_true(same_color(note[0], q2[0]) && same_color(note[1], first[1]));
    ui_free(h->ui);
    h->ui = NULL;
    pack_free(p);
}

/* A discussion prompt (nothing kept for it) between answered questions is
 * passed again as it was; one after the last answer is asked again. */
static void test_quiz_place_past_a_prompt(void **state)
{
    Harness *h = *state;
    int64_t li;
    assert_int_equal(store_participant_add(h->store, "Li Hua", false, &li), MB_OK);
    Pack *p = gift_pack(prompt_gift);
    use_pack(h, &p, 800, 480);
    sign_in_as(h, "Li Hua");
    take_quiz(h, "Animals and food");
    tap(h, "Yes");
    tap(h, "Check my answer");
    tap(h, "Next question");
    tap(h, "Continue");
    tap(h, "Next question");
    assert_int_equal(shown(h, "Question 3 of 4"), 1);
    leave_and_finish(h);
    sign_in_as(h, "Li Hua");
    take_quiz(h, "Animals and food");
    assert_int_equal(shown(h, "Question 2 of 4"), 1); /* the prompt, again */
    tap(h, "Continue");
    tap(h, "Next question");
    tap(h, "Never");
    tap(h, "Check my answer");
    tap(h, "Next question");
    assert_int_equal(shown(h, "Question 4 of 4"), 1);
    leave_and_finish(h);
    sign_in_as(h, "Li Hua");
    take_quiz(h, "Animals and food");
    assert_int_equal(shown(h, "Question 4 of 4"), 1);
    tap(h, "Many do");
    tap(h, "Check my answer");
    tap(h, "See my results");
    assert_int_equal(ui_screen(h->ui), SCR_SUMMARY);
    assert_int_equal(shown(h, "You scored 2 out of 3."), 1);
    assert_int_equal(shown(h, "Do cats eat fish?"), 1);
    assert_int_equal(store_attempt_count(h->store), 3);
    /* Over: the next time is a new round. */
    tap(h, "Back to the units");
    tap(h, "Finish");
    tap(h, "Yes, finish");
    sign_in_as(h, "Li Hua");
    take_quiz(h, "Animals and food");
    assert_int_equal(shown(h, "Question 1 of 4"), 1);
    ui_free(h->ui);
    h->ui = NULL;
    pack_free(p);
}

/* The store cannot read the place: that is said, and the quiz starts at
 * question 1; an answer is still kept, and that its place could not be is
 * said too. */
static void test_quiz_place_store_failed(void **state)
{
    Harness *h = *state;
    int64_t li;
    assert_int_equal(store_participant_add(h->store, "Li Hua", false, &li), MB_OK);
    sign_in_as(h, "Li Hua");
    take_quiz(h, "Platforms as infrastructure");
    tap(h, "The phone number you registered with");
    tap(h, "Check my answer");
    tap(h, "Next question");
    leave_and_finish(h);
    assert_int_equal(sqlite3_exec(h->store->db, "DROP TABLE quiz_progress", NULL, NULL, NULL),
                     SQLITE_OK);
    sign_in_as(h, "Li Hua");
    take_quiz(h, "Platforms as infrastructure");
    assert_int_equal(shown(h, "Question 1 of 10"), 1);
    assert_int_equal(shown(h, "Your progress could not be read: "), 1);
    tap(h, "The phone number you registered with");
    tap(h, "Check my answer");
    assert_int_equal(ui_screen(h->ui), SCR_FEEDBACK);
    assert_int_equal(shown(h, "Your answer is saved."), 1);
    assert_int_equal(shown(h, "Your place could not be saved: "), 1);
    assert_int_equal(store_attempt_count(h->store), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_screens_listed_once),
        cmocka_unit_test_setup_teardown(test_flow_to_home, setup, teardown),
        cmocka_unit_test_setup_teardown(test_home_scroll_queries_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signin_reads_roster_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_answer_kept_before_feedback, setup, teardown),
        cmocka_unit_test_setup_teardown(test_language_switch_keeps_question, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reader_position_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idle_prompt_then_sign_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_discussion_and_partly_right, setup, teardown),
        cmocka_unit_test_setup_teardown(test_finish_asks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_room_used, setup, teardown),
        cmocka_unit_test_setup_teardown(test_feedback_part_by_part, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary_shows_missed_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_name_in_top_bar, setup, teardown),
        cmocka_unit_test_setup_teardown(test_home_read_and_answered, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quiz_place_next_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quiz_place_pack_changed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quiz_place_store_failed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quiz_progress_counts_questions_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_quiz_place_past_a_prompt, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pack_import_steps, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
