/* The instructor's way in without a window: the press held on the attract
 * screen's title, the PIN pad reached by it, and what the pad does when the
 * store cannot say whether a PIN is kept or asks for a wait. */
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

#include "store/store_internal.h" /* to make the database fail */

static void event(Harness *h, EventKind kind, int x, int y)
{
    Event ev = {.kind = kind, .x = x, .y = y};
    ui_event(h->ui, &ev, h->now);
}

/* A finger held ms at x, y, with a frame every 16 ms as the kiosk would
 * draw when it asks for one (ui_dirty), then lifted. */
static void hold_at(Harness *h, int x, int y, int ms)
{
    event(h, EV_PRESS, x, y);
    frame(h);
    for (int t = 0; t < ms; t += 16) {
        h->now += 16;
        if (ui_dirty(h->ui, h->now))
            frame(h);
    }
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
    hold_at(h, x, y, 50);
}

static int shown(Harness *h, const char *s)
{
    int n = 0;
    for (size_t i = 0; i < h->dl.count; i++)
        if (h->dl.cmds[i].kind == DRAW_TEXT && h->dl.cmds[i].str && strstr(h->dl.cmds[i].str, s))
            n++;
    return n;
}

static void hold_title(Harness *h, int ms)
{
    int x, y;
    assert_true(ui_find_text(h->ui, "Mingbai", &x, &y));
    hold_at(h, x, y, ms);
}

static int setup(void **state)
{
    *state = harness_new("test-pin", false, 0);
    return 0;
}

static int teardown(void **state)
{
    harness_free(*state);
    return 0;
}

/* Held: the pad; a tap, or a press lifted early, is no way in. */
static void test_hold_opens_pad(void **state)
{
    Harness *h = *state;
    hold_title(h, 1500);
    assert_int_equal(ui_screen(h->ui), SCR_ATTRACT);
    hold_title(h, 3100);
    assert_int_equal(ui_screen(h->ui), SCR_PIN);
    assert_int_equal(shown(h, "Choose the instructor's PIN"), 1);
    tap(h, "Cancel");
    assert_int_equal(ui_screen(h->ui), SCR_ATTRACT);
    hold_title(h, 50);
    assert_int_equal(ui_screen(h->ui), SCR_LANGUAGE);
}

/* The store cannot say whether a PIN is kept: nothing offers to set one,
 * and the pad does nothing. */
static void test_store_failure_offers_no_new_pin(void **state)
{
    Harness *h = *state;
    assert_int_equal(sqlite3_exec(h->store->db, "DROP TABLE setting", NULL, NULL, NULL),
                     SQLITE_OK);
    hold_title(h, 3100);
    assert_int_equal(ui_screen(h->ui), SCR_PIN);
    assert_int_equal(shown(h, "Choose the instructor's PIN"), 0);
    assert_int_equal(shown(h, "The PIN could not be read"), 2); /* the prompt and the notice */
    for (int i = 0; i < 4; i++)
        tap(h, "1");
    tap(h, "OK");
    assert_int_equal(ui_screen(h->ui), SCR_PIN);
    assert_int_equal(shown(h, "Type the same PIN again"), 0);
}

/* After five failures the pad is off while the wait lasts: taps on it
 * count nothing; after it, the right PIN opens the instructor's home. */
static void test_wait_turns_pad_off(void **state)
{
    Harness *h = *state;
    assert_int_equal(store_pin_set(h->store, "2468"), MB_OK);
    hold_title(h, 3100);
    for (int k = 0; k < STORE_PIN_FREE_TRIES; k++) {
        for (int i = 0; i < 4; i++)
            tap(h, "1");
        tap(h, "OK");
    }
    assert_int_equal(store_pin_failures(h->store), 5);
    assert_int_equal(shown(h, "Try again in 30 s"), 1);
    for (int i = 0; i < 4; i++)
        tap(h, "2");
    tap(h, "OK");
    assert_int_equal(store_pin_failures(h->store), 5);
    assert_int_equal(ui_screen(h->ui), SCR_PIN);
    h->now += 10000;
    frame(h);
    assert_int_equal(shown(h, "Try again in 20 s"), 1);
}

/* The idle time the instructor set holds from the next session on, and an
 * instructor who walks away is closed out like a participant. */
static void test_idle_setting_applied(void **state)
{
    Harness *h = *state;
    assert_int_equal(store_settings_set_idle_timeout(h->store, 600), MB_OK);
    ui_instructor_open(h->ui);
    frame(h);
    tap(h, "Settings");
    assert_int_equal(ui_screen(h->ui), SCR_SETTINGS);
    h->now += 4 * 60 * 1000; /* past the default 3 minutes */
    frame(h);
    assert_int_equal(shown(h, "Are you still there?"), 0);
    h->now += 6 * 60 * 1000 + 500;
    frame(h);
    assert_int_equal(shown(h, "Are you still there?"), 1);
    h->now += 31 * 1000;
    frame(h);
    assert_int_equal(ui_screen(h->ui), SCR_ATTRACT);
    assert_false(ui_instructor(h->ui));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_hold_opens_pad, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store_failure_offers_no_new_pin, setup, teardown),
        cmocka_unit_test_setup_teardown(test_wait_turns_pad_off, setup, teardown),
        cmocka_unit_test_setup_teardown(test_idle_setting_applied, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
