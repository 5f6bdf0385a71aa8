/* The colours of both themes against WCAG 2.x contrast: every text colour
 * at least 4.5:1 on every background it is drawn on, and the outlines of
 * controls (a choice, a button, a chosen or judged answer) at least 3:1
 * against the screen and the surface they sit on. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "ui/theme.h"

static double channel(uint8_t c)
{
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(Color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

static double contrast(Color a, Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

typedef struct {
    const char *what;
    size_t fg, bg; /* offsets of Theme fields */
    double least;
} Pair;

#define F(name) offsetof(Theme, name)
static const Pair pairs[] = {
    /* text */
    {"ink on bg", F(ink), F(bg), 4.5},
    {"ink on surface", F(ink), F(surface), 4.5},
    {"ink on card", F(ink), F(card), 4.5},
    {"ink on panel", F(ink), F(panel), 4.5},
    {"ink on warn", F(ink), F(warn), 4.5},
    {"ink on chosen_bg", F(ink), F(chosen_bg), 4.5},
    {"ink on good_bg", F(ink), F(good_bg), 4.5},
    {"ink on bad_bg", F(ink), F(bad_bg), 4.5},
    {"ink on pressed", F(ink), F(pressed), 4.5},
    {"muted on bg", F(muted), F(bg), 4.5},
    {"muted on surface", F(muted), F(surface), 4.5},
    {"muted on card", F(muted), F(card), 4.5},
    {"muted on panel", F(muted), F(panel), 4.5},
    {"accent on bg", F(accent), F(bg), 4.5},
    {"accent on surface", F(accent), F(surface), 4.5},
    {"accent_ink on accent", F(accent_ink), F(accent), 4.5},
    {"accent_ink on accent_pressed", F(accent_ink), F(accent_pressed), 4.5},
    {"good on bg", F(good), F(bg), 4.5},
    {"bad on bg", F(bad), F(bg), 4.5},
    {"partial on bg", F(partial), F(bg), 4.5},
    {"bad on bad_bg", F(bad), F(bad_bg), 4.5},
    /* outlines of controls */
    {"edge on bg", F(edge), F(bg), 3.0},
    {"edge on surface", F(edge), F(surface), 3.0},
    {"accent on chosen_bg", F(accent), F(chosen_bg), 3.0},
    {"good on bg (a right answer's outline)", F(good), F(bg), 3.0},
    {"bad on bg (a wrong answer's outline)", F(bad), F(bg), 3.0},
};

static Color field(const Theme *t, size_t off)
{
    return *(const Color *)((const char *)t + off);
}

static int check(const char *name, const Theme *t)
{
    int bad = 0;
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        double c = contrast(field(t, pairs[i].fg), field(t, pairs[i].bg));
        if (c < pairs[i].least) {
            print_error("%s theme: %s is %.2f:1 (at least %.1f:1)\n", name, pairs[i].what, c,
                        pairs[i].least);
            bad++;
        }
    }
    return bad;
}

static void test_paper(void **state)
{
    (void)state;
    assert_int_equal(check("paper", theme_paper()), 0);
}

static void test_contrast(void **state)
{
    (void)state;
    assert_int_equal(check("high-contrast", theme_contrast()), 0);
}

/* The formula itself, on the pairs WCAG gives. */
static void test_formula(void **state)
{
    (void)state;
    Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255}, grey = {118, 118, 118, 255};
    assert_true(fabs(contrast(black, white) - 21.0) < 0.01);
    assert_true(fabs(contrast(grey, white) - 4.54) < 0.01);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formula),
        cmocka_unit_test(test_paper),
        cmocka_unit_test(test_contrast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
