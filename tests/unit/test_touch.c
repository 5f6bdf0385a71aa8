/* Touch without a window: a button under a finger looks pressed and a
 * press released elsewhere does nothing; a glossary term in the reader
 * opens from a tap beside its letters, within a finger's reach, and the
 * bar under its card's scrim takes no tap; and every
 * target of those screens is at least 9 mm on the display the Ui is told
 * about. A Ui over the shipped course and a fresh database, driven by
 * events at the places its widgets report (as in test_ui.c). */
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

#include "mingbai/pack.h"
#include "mingbai/store.h"
#include "mingbai/text.h"
#include "mingbai/ui.h"
#include "ui/theme.h"




static void event(Harness *h, EventKind kind, int x, int y)
{
    Event ev = {.kind = kind, .x = x, .y = y};
    ui_event(h->ui, &ev, h->now);
    frame(h);
    h->now += 30;
}

static void tap_at(Harness *h, int x, int y)
{
    event(h, EV_PRESS, x, y);
    event(h, EV_RELEASE, x, y);
}

static Rect target(Harness *h, const char *label)
{
    Rect r;
    if (!ui_find_target_rect(h->ui, label, &r))
        fail_msg("no widget shows \"%s\" on the %s screen", label,
                 ui_screen_name(ui_screen(h->ui)));
    return r;
}

static void tap(Harness *h, const char *label)
{
    Rect r = target(h, label);
    tap_at(h, r.x + r.w / 2, r.y + r.h / 2);
}

/* Scrolls down (arrow key) until a widget shows label wholly inside
 * rows top..bottom; returns its rect. */
static Rect scroll_to(Harness *h, const char *label, int top, int bottom)
{
    Rect r;
    for (int i = 0; i < 80 && (!ui_find_target_rect(h->ui, label, &r) || r.y < top ||
                               r.y + r.h > bottom);
         i++) {
        Event ev = {.kind = EV_KEY, .key = KEY_DOWN};
        ui_event(h->ui, &ev, h->now);
        frame(h);
    }
    return target(h, label);
}

static int shown(Harness *h, const char *s)
{
    int n = 0;
    for (size_t i = 0; i < h->dl.count; i++)
        if (h->dl.cmds[i].kind == DRAW_TEXT && h->dl.cmds[i].str && strstr(h->dl.cmds[i].str, s))
            n++;
    return n;
}

/* The colour the draw list fills r with last (a button's face), or
 * transparent when nothing fills exactly r. */
static Color fill_of(Harness *h, Rect r)
{
    Color c = {0, 0, 0, 0};
    for (size_t i = 0; i < h->dl.count; i++) {
        const DrawCmd *d = &h->dl.cmds[i];
        if (d->kind == DRAW_RECT && d->r.x == r.x && d->r.y == r.y && d->r.w == r.w &&
            d->r.h == r.h)
            c = d->color;
    }
    return c;
}

static bool same(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static void no_target_problems(Harness *h)
{
    StrBuf pr = {0};
    int n = ui_target_problems(h->ui, &pr);
    if (n)
        fail_msg("%d targets too small or too close:\n%s", n, pr.data);
    strbuf_free(&pr);
}

static int setup(void **state)
{
    *state = harness_new("test-touch", true, 5.2f);
    return 0;
}

static int teardown(void **state)
{
    harness_free(*state);
    return 0;
}

/* While the finger is down on "English" the button is filled in the
 * pressed colour; it is not before, and not once the finger slid off. */
static void test_pressed_look(void **state)
{
    Harness *h = *state;
    const Theme *th = theme_paper();
    tap(h, "start");
    assert_int_equal(ui_screen(h->ui), SCR_LANGUAGE);
    Rect en = target(h, "English");
    assert_true(same(fill_of(h, en), th->surface));
    event(h, EV_PRESS, en.x + en.w / 2, en.y + en.h / 2);
    assert_true(same(fill_of(h, en), th->pressed));
    /* Slid off the button (and beyond a tap's reach): not pressed, and
     * the release there chooses nothing. */
    event(h, EV_MOVE, en.x + en.w / 2, en.y + en.h + 40);
    assert_true(same(fill_of(h, en), th->surface));
    event(h, EV_RELEASE, en.x + en.w / 2, en.y + en.h + 40);
    assert_int_equal(ui_screen(h->ui), SCR_LANGUAGE);
    /* Pressed and released on it: chosen. */
    tap(h, "English");
    assert_int_equal(ui_screen(h->ui), SCR_SIGNIN);
}

/* A press on a button released on the next one, just past the gap: a
 * tap's distance, yet neither is chosen, and nothing is recorded. */
static void test_release_elsewhere(void **state)
{
    Harness *h = *state;
    tap(h, "start");
    tap(h, "English");
    Rect a = target(h, "Add my name"), g = target(h, "Continue as a guest");
    event(h, EV_PRESS, a.x + a.w - 2, a.y + a.h / 2);
    assert_true(same(fill_of(h, a), theme_paper()->pressed));
    event(h, EV_RELEASE, g.x + 2, g.y + g.h / 2);
    assert_int_equal(ui_screen(h->ui), SCR_SIGNIN);
    StoreParticipant *list = NULL;
    size_t n = 9;
    assert_int_equal(store_participant_list(h->store, &list, &n), MB_OK);
    assert_int_equal(n, 0);
    store_participant_list_free(list, n);
    no_target_problems(h);
}

/* "sharp power" in unit 6: a tap above its letters, inside a finger's
 * area around the word, opens its card. */
static void test_glossary_term_area(void **state)
{
    Harness *h = *state;
    tap(h, "start");
    tap(h, "English");
    tap(h, "Continue as a guest");
    Rect u = scroll_to(h, "Soft power, sharp power", 80, 470);
    tap_at(h, u.x + u.w / 2, u.y + u.h / 2);
    assert_int_equal(ui_screen(h->ui), SCR_READER);
    Rect r = scroll_to(h, "sharp power", 120, 400);
    assert_true(r.h >= (int)(9 * 5.2f));
    assert_true(r.w >= (int)(9 * 5.2f));
    no_target_problems(h);
    assert_int_equal(shown(h, "pierces other countries"), 0);
    Rect units = target(h, "Units");
    /* Two pixels inside the top of the area: above the letters. */
    tap_at(h, r.x + r.w / 2, r.y + 2);
    assert_int_equal(shown(h, "pierces other countries"), 1);
    no_target_problems(h);
    /* The bar lies under the card's scrim: a tap on "Units" there closes
     * the card and stays in the reader. */
    event(h, EV_PRESS, units.x + units.w / 2, units.y + units.h / 2);
    assert_false(same(fill_of(h, units), theme_paper()->pressed));
    event(h, EV_RELEASE, units.x + units.w / 2, units.y + units.h / 2);
    assert_int_equal(ui_screen(h->ui), SCR_READER);
    assert_int_equal(shown(h, "pierces other countries"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pressed_look, setup, teardown),
        cmocka_unit_test_setup_teardown(test_release_elsewhere, setup, teardown),
        cmocka_unit_test_setup_teardown(test_glossary_term_area, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
