/* Typography of the text engine: Latin shaped (kerning), Chinese
 * punctuation compressed as clreq describes, Chinese paragraphs justified
 * with their last line left as it is, English ragged-right. Checked through
 * the public layout queries (widths, line extents, character positions). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL.h>

#include "mingbai/text.h"

static TextEngine *te;

static int setup(void **state)
{
    (void)state;
    const char *d = getenv("MINGBAI_SOURCE_DIR");
    char fonts[1024];
    snprintf(fonts, sizeof fonts, "%s/fonts", d ? d : "..");
    te = text_engine_new(fonts);
    return te ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    text_engine_free(te);
    return 0;
}

static int width(const char *s, const TextStyle *st)
{
    text_engine_frame(te);
    return text_layout_width(text_layout_str(te, s, st, 0));
}

/* Noto Sans kerns only through GPOS (it has no 'kern' table): "To" is
 * narrower than "T" and "o" side by side only when the text is shaped. */
static void test_kerning_to(void **state)
{
    (void)state;
    TextStyle st = {.size = 40, .lang = LANG_EN};
    int t = width("T", &st), o = width("o", &st), to = width("To", &st);
    fprintf(stderr, "T %d + o %d = %d; To %d\n", t, o, t + o, to);
    assert_true(to <= t + o - 2);
    TextStyle bold = {.size = 40, .lang = LANG_EN, .flags = TEXT_BOLD};
    assert_true(width("Te", &bold) < width("T", &bold) + width("e", &bold));
    assert_true(width("We", &bold) < width("W", &bold) + width("e", &bold));
    /* Pairs without kerning keep their sum (within rounding). */
    int n = width("n", &st), nn = width("nn", &st);
    assert_true(abs(nn - 2 * n) <= 1);
}

/* Adjacent marks: the blank half between them goes, so each pair takes at
 * most one and a half ems; a mark alone keeps its full em. */
static void test_punctuation_pairs(void **state)
{
    (void)state;
    TextStyle st = {.size = 40, .lang = LANG_ZH};
    const char *pairs[] = {"：“", "。」", "）（", "，「", "」。", "（「", "？”"};
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        int w = width(pairs[i], &st);
        if (w > 60)
            fail_msg("\"%s\" takes %d px at 40 px (more than 1.5 em)", pairs[i], w);
        assert_true(w >= 58); /* half an em goes, not more */
    }
    assert_int_equal(width("：", &st), 40);
    assert_int_equal(width("“", &st), 40);
    /* Characters next to a mark are not touched. */
    assert_int_equal(width("你：好", &st), 120);
}

/* The mark after "：“" starts where the compressed colon ends: the opening
 * quote keeps its own width (its blank half is its left one). */
static void test_colon_quote_positions(void **state)
{
    (void)state;
    TextStyle st = {.size = 40, .lang = LANG_ZH};
    const char *s = "他说：“好”";
    text_engine_frame(te);
    const TextLayout *l = text_layout_str(te, s, &st, 0);
    int xq, xh, y;
    assert_true(text_layout_byte_pos(l, 9, &xq, &y));  /* “ */
    assert_true(text_layout_byte_pos(l, 12, &xh, &y)); /* 好 */
    assert_int_equal(xq, 100);
    assert_int_equal(xh, 140);
}

static const char *chinese =
    "微信是腾讯公司开发的“超级应用”：聊天、支付、阅读公众号文章、预约挂号，甚至缴纳水电费，"
    "都可以在同一个应用里完成。学者把这种现象称为“平台化”和“基础设施化”。公众号分为订阅号和"
    "服务号：订阅号通常每天可以群发一次，服务号每月四次。阅读时，先问：谁说的？证据在哪里？";

/* Every line of a Chinese paragraph but the last ends exactly at the
 * measure, at every width; the last line is set as it comes. */
static void check_justified(const char *s, int size, int w0, int w1)
{
    TextStyle st = {.size = size, .lang = LANG_ZH};
    int checked = 0;
    for (int w = w0; w < w1; w += 7) {
        text_engine_frame(te);
        const TextLayout *l = text_layout_str(te, s, &st, w);
        int n = text_layout_lines(l);
        assert_true(n >= 2);
        for (int line = 0; line < n; line++) {
            int x0, x1;
            assert_true(text_layout_line_extent(l, line, &x0, &x1));
            assert_int_equal(x0, 0);
            if (line + 1 < n && x1 != w)
                fail_msg("width %d: line %d of %d ends at %d, not at the measure", w, line, n, x1);
            assert_true(x1 <= w);
            checked++;
        }
    }
    assert_true(checked > 50);
}

static void test_justified_chinese_lines_end_at_measure(void **state)
{
    (void)state;
    check_justified(chinese, 20, 200, 700);
    check_justified(chinese, 26, 400, 1100);
}

/* The last line keeps its natural spacing: its last character starts
 * where it does in the line's text laid out alone (the mark itself may be
 * pushed in at the measure). */
static void test_last_line_not_justified(void **state)
{
    (void)state;
    TextStyle st = {.size = 20, .lang = LANG_ZH};
    int short_lines = 0;
    for (int w = 240; w < 700; w += 23) {
        text_engine_frame(te);
        const TextLayout *l = text_layout_str(te, chinese, &st, w);
        int n = text_layout_lines(l), x0, x1, xl, y;
        uint32_t first, last;
        assert_true(text_layout_line_bytes(l, n - 1, &first, &last));
        assert_true(text_layout_line_extent(l, n - 1, &x0, &x1));
        assert_true(text_layout_byte_pos(l, last, &xl, &y));
        char head[1024];
        snprintf(head, sizeof head, "%.*s", (int)(last - first), chinese + first);
        int natural = width(head, &st);
        if (xl - x0 != natural)
            fail_msg("width %d: the last line's \"%s\" is %d px, alone %d px", w, head, xl - x0,
                     natural);
        short_lines += x1 < w - 20;
    }
    assert_true(short_lines > 5);
}

/* A tap anywhere along a justified line finds a character: the space
 * spread between characters belongs to the one before it. */
static void test_justified_line_hits(void **state)
{
    (void)state;
    TextStyle st = {.size = 20, .lang = LANG_ZH};
    text_engine_frame(te);
    const TextLayout *l = text_layout_str(te, chinese, &st, 333);
    assert_true(text_layout_lines(l) > 3);
    int line_h = text_layout_height(l) / text_layout_lines(l);
    for (int line = 0; line + 1 < text_layout_lines(l); line++)
        for (int x = 0; x < 333; x++) {
            uint32_t b;
            if (!text_layout_hit(l, x, line * line_h + line_h / 2, &b))
                fail_msg("line %d: nothing at x %d", line, x);
        }
}

/* A Chinese line with Latin words is justified between Chinese characters
 * and at spaces, never inside a word; an English paragraph stays ragged. */
static void test_mixed_and_english(void **state)
{
    (void)state;
    const char *mixed = "学者把这种现象称为平台化（platformization）和基础设施化。Plantin and de Seta "
                        "认为微信先通过平台化、再通过国家支持的技术民族主义成为基础设施。";
    TextStyle zh = {.size = 20, .lang = LANG_ZH};
    const char *word = "platformization";
    int natural = width(word, &zh);
    const char *at = strstr(mixed, word);
    uint32_t wb = (uint32_t)(at - mixed), we = wb + (uint32_t)strlen(word) - 1;
    int lines_with_word = 0;
    for (int w = 300; w < 700; w += 11) {
        text_engine_frame(te);
        const TextLayout *l = text_layout_str(te, mixed, &zh, w);
        int n = text_layout_lines(l);
        for (int line = 0; line + 1 < n; line++) {
            int x0, x1;
            assert_true(text_layout_line_extent(l, line, &x0, &x1));
            assert_int_equal(x1, w);
        }
        int xa, xb, ya, yb;
        assert_true(text_layout_byte_pos(l, wb, &xa, &ya));
        assert_true(text_layout_byte_pos(l, we, &xb, &yb));
        if (ya == yb) {
            /* "platformizatio" to the start of "n": the word's own width
             * less its last letter, untouched by justification. */
            int n_w = width("n", &zh);
            assert_true(abs((xb - xa) - (natural - n_w)) <= 1);
            lines_with_word++;
        }
    }
    assert_true(lines_with_word > 10);

    const char *english = "Plantin and de Seta argue that WeChat became infrastructure first "
                          "through platformization and then through state-backed "
                          "techno-nationalism, which is a claim about how it grew.";
    TextStyle en = {.size = 20, .lang = LANG_EN};
    text_engine_frame(te);
    const TextLayout *l = text_layout_str(te, english, &en, 300);
    int ragged = 0;
    for (int line = 0; line + 1 < text_layout_lines(l); line++) {
        int x0, x1;
        assert_true(text_layout_line_extent(l, line, &x0, &x1));
        ragged += x1 < 300 - 2;
    }
    assert_true(ragged >= 2);
}

/* At a line end a closing mark is pushed in (set half-width, its ink at
 * the margin); an opening mark that starts a wrapped line sets its ink at
 * the margin too. The Chinese line rules hold throughout. */
static void test_line_end_and_start_marks(void **state)
{
    (void)state;
    TextStyle st = {.size = 20, .lang = LANG_ZH};
    /* Ten characters and a comma in ten ems: the comma is pushed in. */
    const char *s = "一二三四五六七八九十，一二三四五";
    text_engine_frame(te);
    const TextLayout *l = text_layout_str(te, s, &st, 210);
    uint32_t first, last;
    assert_true(text_layout_line_bytes(l, 0, &first, &last));
    assert_int_equal(last, 30); /* the comma ends the first line */
    int x0, x1;
    assert_true(text_layout_line_extent(l, 0, &x0, &x1));
    assert_int_equal(x1, 210);
    /* "（" starting the second line: the character after it sits half an
     * em from the margin. */
    const char *o = "一二三四五六七八九十（注释）一二三四五六七八";
    text_engine_frame(te);
    l = text_layout_str(te, o, &st, 200);
    assert_true(text_layout_line_bytes(l, 1, &first, &last));
    assert_int_equal(first, 30);
    int x, y;
    assert_true(text_layout_byte_pos(l, 33, &x, &y));
    assert_int_equal(x, 10);
}

/* Shaped text hides a variation selector no face uses (it was drawn as
 * the Latin face's box) and composes a letter with its combining mark. */
static void test_marks_go_with_their_base(void **state)
{
    (void)state;
    TextStyle st = {.size = 40, .lang = LANG_ZH};
    assert_int_equal(width("中\xEF\xB8\x8F", &st), width("中", &st));
    assert_int_equal(width("平台\xEF\xB8\x80。", &st), width("平台。", &st));
    TextStyle en = {.size = 40, .lang = LANG_EN};
    assert_int_equal(width("cafe\xCC\x81", &en), width("caf\xC3\xA9", &en));
}

/* A kiosk whose text size is changed again and again asks for more sizes
 * than the engine keeps fonts for: layouts made after the fonts are
 * dropped, in the middle of a frame too, measure as a fresh engine's do. */
static void test_many_sizes(void **state)
{
    (void)state;
    const char *d = getenv("MINGBAI_SOURCE_DIR");
    char fonts[1024];
    snprintf(fonts, sizeof fonts, "%s/fonts", d ? d : "..");
    const char *s = "平台（platform）：“超级应用”。To";
    int ref[70] = {0};
    for (int size = 10; size < 70; size++) {
        TextEngine *fresh = text_engine_new(fonts);
        assert_non_null(fresh);
        TextStyle st = {.size = size, .lang = LANG_ZH, .flags = (size & 1) ? TEXT_BOLD : 0};
        ref[size] = text_layout_width(text_layout_str(fresh, s, &st, 0));
        text_engine_free(fresh);
    }
    text_engine_frame(te);
    for (int round = 0; round < 3; round++)
        for (int size = 10; size < 70; size++) {
            TextStyle st = {.size = size, .lang = LANG_ZH, .flags = (size & 1) ? TEXT_BOLD : 0};
            int w = text_layout_width(text_layout_str(te, s, &st, 0));
            if (w != ref[size])
                fail_msg("round %d, size %d: %d px wide, %d px in a fresh engine", round, size, w,
                         ref[size]);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kerning_to),
        cmocka_unit_test(test_punctuation_pairs),
        cmocka_unit_test(test_colon_quote_positions),
        cmocka_unit_test(test_justified_chinese_lines_end_at_measure),
        cmocka_unit_test(test_last_line_not_justified),
        cmocka_unit_test(test_justified_line_hits),
        cmocka_unit_test(test_mixed_and_english),
        cmocka_unit_test(test_line_end_and_start_marks),
        cmocka_unit_test(test_marks_go_with_their_base),
        cmocka_unit_test(test_many_sizes),
    };
    SDL_setenv("SDL_VIDEODRIVER", "offscreen", 0);
    return cmocka_run_group_tests(tests, setup, teardown);
}
