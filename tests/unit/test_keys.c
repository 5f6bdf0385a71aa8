/* The on-screen keyboard without a window: on the name screen at 800x480
 * (the smallest screen) every key is at least a touch target
 * (ui_target_px) wide and high, at least UI_TARGET_GAP_MM from the next,
 * and on the screen, with and without the row of pinyin candidates; the
 * keys type small letters, capitals where a name has them, space, hyphen
 * and apostrophe; a name typed in pinyin is kept in Chinese characters. */
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

#include "mingbai/ime.h"
#include "mingbai/store.h"
#include "mingbai/text.h"
#include "mingbai/ui.h"
#include "ui/context.h"



static void tap(Harness *h, const char *label)
{
    int x, y;
    if (!ui_find_target(h->ui, label, &x, &y))
        fail_msg("no widget shows \"%s\" on the %s screen", label,
                 ui_screen_name(ui_screen(h->ui)));
    Event ev = {.kind = EV_PRESS, .x = x, .y = y};
    ui_event(h->ui, &ev, h->now);
    frame(h);
    h->now += 50;
    ev.kind = EV_RELEASE;
    ui_event(h->ui, &ev, h->now);
    frame(h);
    h->now += 100;
}

/* True when a text of the draw list is exactly s. */
static bool shown_exact(Harness *h, const char *s)
{
    for (size_t i = 0; i < h->dl.count; i++)
        if (h->dl.cmds[i].kind == DRAW_TEXT && h->dl.cmds[i].str && !strcmp(h->dl.cmds[i].str, s))
            return true;
    return false;
}

static int setup(void **state)
{
    *state = harness_new("test-keys", false, 0);
    return 0;
}

static int teardown(void **state)
{
    harness_free(*state);
    return 0;
}

static void to_name_screen(Harness *h, const char *lang, const char *add)
{
    tap(h, "start");
    tap(h, lang);
    tap(h, add);
    assert_int_equal(ui_screen(h->ui), SCR_NAME);
}

/* The keys labelled labels (as shown now; found by their exact label
 * first); checks their size, their spacing and that they are on the
 * screen. */
static void check_keys(Harness *h, const char *const *labels, size_t n)
{
    Rect r[64];
    assert_true(n <= MB_COUNT(r));
    int target = ui_target_px(h->ui), gap = ui_mm(h->ui, UI_TARGET_GAP_MM);
    for (size_t i = 0; i < n; i++) {
        if (!ui_find_target_rect(h->ui, labels[i], &r[i]))
            fail_msg("no key \"%s\"", labels[i]);
        if (r[i].w < target || r[i].h < target)
            fail_msg("key \"%s\" is %dx%d, under %d px", labels[i], r[i].w, r[i].h, target);
        if (r[i].x < 0 || r[i].y < 0 || r[i].x + r[i].w > 800 || r[i].y + r[i].h > 480)
            fail_msg("key \"%s\" at %d,%d %dx%d is off the screen", labels[i], r[i].x, r[i].y,
                     r[i].w, r[i].h);
        for (size_t j = 0; j < i; j++) {
            int dx = MB_MAX(r[j].x - (r[i].x + r[i].w), r[i].x - (r[j].x + r[j].w));
            int dy = MB_MAX(r[j].y - (r[i].y + r[i].h), r[i].y - (r[j].y + r[j].h));
            if (MB_MAX(dx, dy) < gap)
                fail_msg("keys \"%s\" and \"%s\" are %d px apart, under %d", labels[i], labels[j],
                         MB_MAX(dx, dy), gap);
        }
    }
}

/* The keyboard of the name screen as it opens: Shift on for the first
 * letter. */
static const char *const name_keys[] = {
    "Q", "W", "E", "R", "T", "Y", "U",     "I",      "O",   "P", "A",     "S",     "D",     "F",
    "G", "H", "J", "K", "L", "'", "Shift", "Z",      "X",   "C", "V",     "B",     "N",     "M",
    "Delete", "123", "-", "Space", "Clear", "Start"};

static void test_keys_fit_and_type(void **state)
{
    Harness *h = *state;
    to_name_screen(h, "English", "Add my name");
    check_keys(h, name_keys, MB_COUNT(name_keys));
    /* A capital at the start and after a space or hyphen, small letters
     * otherwise, Shift for one capital, an apostrophe. */
    const char *taps[] = {"O", "'", "Shift", "B", "r", "i", "e", "n", "-", "S", "m", "i",
                          "t", "h", "Space", "L", "i"};
    for (size_t i = 0; i < MB_COUNT(taps); i++)
        tap(h, taps[i]);
    assert_true(shown_exact(h, "O'Brien-Smith Li▏"));
    /* The signs: digits and punctuation, then back to letters. */
    tap(h, "123");
    const char *signs[] = {"1", "0", ".", "?", "&", "@", "\"", "abc", "-", "Space", "Delete"};
    check_keys(h, signs, MB_COUNT(signs));
    tap(h, "7");
    tap(h, "abc");
    tap(h, "Delete");
    tap(h, "Delete");
    tap(h, "Delete");
    tap(h, "Start");
    assert_int_equal(ui_screen(h->ui), SCR_HOME);
    StoreParticipant *list;
    size_t n;
    assert_int_equal(store_participant_list(h->store, &list, &n), MB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].name, "O'Brien-Smith");
    store_participant_list_free(list, n);
}

static void test_keys_pinyin(void **state)
{
    Harness *h = *state;
    if (!ime_available())
        skip();
    to_name_screen(h, "中文", "添加我的名字");
    const char *letters[] = {"q", "p", "a", "'", "z", "m", "删除", "123", "ABC", "-", "空格", "清除"};
    check_keys(h, letters, MB_COUNT(letters));
    const char *spell[] = {"w", "a", "n", "g"};
    for (size_t i = 0; i < MB_COUNT(spell); i++)
        tap(h, spell[i]);
    assert_true(shown_exact(h, "wang▏"));
    const char *row[] = {"王", "网", "往", "→", "q", "删除", "清除", "开始"};
    check_keys(h, row, MB_COUNT(row));
    tap(h, "王");
    /* Delete takes back a letter of the pinyin first. */
    const char *fang[] = {"f", "a", "n", "g", "x", "删除"};
    for (size_t i = 0; i < MB_COUNT(fang); i++)
        tap(h, fang[i]);
    assert_true(shown_exact(h, "王fang▏"));
    tap(h, "芳");
    assert_true(shown_exact(h, "王芳▏"));
    tap(h, "开始");
    assert_int_equal(ui_screen(h->ui), SCR_HOME);
    StoreParticipant *list;
    size_t n;
    assert_int_equal(store_participant_list(h->store, &list, &n), MB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].name, "王芳");
    store_participant_list_free(list, n);
    /* The decoder stays loaded: closing libgooglepinyin's leaks. */
    assert_true(ime_is_open());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_keys_fit_and_type, setup, teardown),
        cmocka_unit_test_setup_teardown(test_keys_pinyin, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
