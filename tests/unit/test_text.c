/* Text engine: font coverage of everything the kiosk shows, line breaking
 * (UAX #14 plus the Chinese rules), wrapping within the box, caching. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <SDL.h>

#include "mingbai/text.h"
#include "mingbai/text_sdl.h"

/* The ui's catalogue, for the coverage test. */
size_t tr_catalog_size(void);
const char *tr_symbols(void);
const char *tr_catalog_en(size_t i);
const char *tr_catalog_zh(size_t i);

static TextEngine *te;

static const char *src_dir(void)
{
    const char *d = getenv("MINGBAI_SOURCE_DIR");
    return d ? d : "..";
}

static int setup(void **state)
{
    (void)state;
    char fonts[1024];
    snprintf(fonts, sizeof fonts, "%s/fonts", src_dir());
    te = text_engine_new(fonts);
    return te ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    text_engine_free(te);
    return 0;
}

/* ---- coverage ---- */

static int missing_count;
static char missing_report[4096];

static void check_string(const char *where, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp = utf8_decode(s, len, &i);
        if (cp < 0x20 || cp == 0xFEFF || cp == 0x200B || cp == 0xAD)
            continue;
        if (!text_covers(te, cp, false) || !text_covers(te, cp, true)) {
            if (missing_count++ < 40) {
                char one[160];
                char u8[5] = {0};
                utf8_encode(cp, u8);
                snprintf(one, sizeof one, "  U+%04X '%s' in %s\n", cp, u8, where);
                strncat(missing_report, one, sizeof missing_report - strlen(missing_report) - 1);
            }
        }
    }
}

static void walk(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st))
            continue;
        if (S_ISDIR(st.st_mode)) {
            walk(path);
            continue;
        }
        size_t n = strlen(e->d_name);
        bool text = (n > 3 && !strcmp(e->d_name + n - 3, ".md")) ||
                    (n > 5 && !strcmp(e->d_name + n - 5, ".gift")) ||
                    (n > 4 && !strcmp(e->d_name + n - 4, ".ini"));
        if (!text)
            continue;
        char *buf;
        size_t len;
        if (mb_read_file(path, 1 << 22, &buf, &len) == 0) {
            check_string(path, buf, len);
            free(buf);
        }
    }
    closedir(d);
}

static void test_every_character_is_covered(void **state)
{
    (void)state;
    char content[1024];
    snprintf(content, sizeof content, "%s/content", src_dir());
    missing_count = 0;
    missing_report[0] = 0;
    walk(content);
    check_string("the interface symbols", tr_symbols(), strlen(tr_symbols()));
    for (size_t i = 0; i < tr_catalog_size(); i++) {
        check_string("the interface catalogue", tr_catalog_en(i), strlen(tr_catalog_en(i)));
        check_string("the interface catalogue", tr_catalog_zh(i), strlen(tr_catalog_zh(i)));
    }
    if (missing_count)
        fprintf(stderr, "%d characters are not covered by the shipped faces:\n%s", missing_count,
                missing_report);
    assert_int_equal(missing_count, 0);
}

static void test_coverage_samples(void **state)
{
    (void)state;
    const char *samples = "Łódź “quoted” ‘single’ — … é ñ ß 媒介素养 繁體 かなカナ ，。、；：？！";
    size_t len = strlen(samples), i = 0;
    while (i < len) {
        uint32_t cp = utf8_decode(samples, len, &i);
        assert_true(text_covers(te, cp, false));
    }
    /* A private-use character is not covered: the check can fail. */
    assert_false(text_covers(te, 0xE000, false));
}

/* ---- line breaking ---- */

static bool in_set(uint32_t c, const char *set)
{
    size_t len = strlen(set), i = 0;
    while (i < len)
        if (utf8_decode(set, len, &i) == c)
            return true;
    return false;
}

static const char *closing = "，。、；：？！）」』】》,.;:?!)";
static const char *opening = "（「『【《(";

static void check_chinese_rules(const char *s, int size)
{
    TextStyle st = {.size = size, .lang = LANG_ZH};
    /* From 6 characters up: narrower than "【注】。" plus a neighbour, some
     * rule has to give, and the engine then breaks rather than overflow. */
    for (int w = size * 6; w < size * 30; w += size / 3 + 1) {
        const TextLayout *l = text_layout_str(te, s, &st, w);
        for (int line = 0; line < text_layout_lines(l); line++) {
            uint32_t first, last;
            if (!text_layout_line_bytes(l, line, &first, &last))
                continue;
            size_t i = first, j = last;
            uint32_t c0 = utf8_decode(s, strlen(s), &i);
            uint32_t c1 = utf8_decode(s, strlen(s), &j);
            if (line > 0 && in_set(c0, closing))
                fail_msg("width %d: line %d starts with closing punctuation U+%04X", w, line, c0);
            if (line + 1 < text_layout_lines(l) && in_set(c1, opening))
                fail_msg("width %d: line %d ends with opening punctuation U+%04X", w, line, c1);
            int x0, x1;
            assert_true(text_layout_line_extent(l, line, &x0, &x1));
            assert_true(x1 <= w);
        }
    }
}

static void test_chinese_line_rules(void **state)
{
    (void)state;
    check_chinese_rules("微信（WeChat）是一个“超级应用”，集聊天、支付、资讯于一体。学者认为，"
                        "它已成为基础设施：离开它，很多事情都办不成！你同意吗？"
                        "《平台社会》一书讨论的是美国的平台【注】。",
                        20);
}

/* A Chinese paragraph never ends with one character alone on its last line. */
static void test_chinese_no_orphan(void **state)
{
    (void)state;
    const char *s = "解释信息流改版与推荐机制如何把“触达”的控制权从关注者手中转到平台手中。"
                    "比较订阅号与服务号：谁能开通、群发次数多少、消息出现在哪里。";
    TextStyle st = {.size = 20, .lang = LANG_ZH};
    int orphans = 0, widths = 0;
    size_t len = strlen(s);
    for (int w = 200; w < 900; w += 7, widths++) {
        const TextLayout *l = text_layout_str(te, s, &st, w);
        int n = text_layout_lines(l);
        uint32_t first, last;
        if (n < 2 || !text_layout_line_bytes(l, n - 1, &first, &last))
            continue;
        size_t i = first;
        int chars = 0;
        while (i <= last && i < len) {
            uint32_t c = utf8_decode(s, len, &i);
            chars += !in_set(c, closing);
        }
        if (chars == 1) {
            orphans++;
            fprintf(stderr, "width %d: a single character on the last line\n", w);
        }
    }
    assert_true(widths > 50);
    assert_int_equal(orphans, 0);
}

static void test_latin_words_not_split(void **state)
{
    (void)state;
    const char *s = "WeChat 公众号 (official account) publishes to followers every day.";
    TextStyle st = {.size = 20, .lang = LANG_EN};
    for (int w = 140; w < 700; w += 7) {
        const TextLayout *l = text_layout_str(te, s, &st, w);
        for (int line = 0; line < text_layout_lines(l); line++) {
            uint32_t first, last;
            if (!text_layout_line_bytes(l, line, &first, &last))
                continue;
            /* A line never starts inside a Latin word. */
            if (first > 0) {
                char prev = s[first - 1], cur = s[first];
                bool inside = ((prev >= 'a' && prev <= 'z') || (prev >= 'A' && prev <= 'Z')) &&
                              ((cur >= 'a' && cur <= 'z') || (cur >= 'A' && cur <= 'Z'));
                if (inside)
                    fail_msg("width %d: a word is split at byte %u", w, first);
            }
        }
        assert_true(text_layout_width(l) <= w);
    }
}

static void test_long_token_breaks_inside_box(void **state)
{
    (void)state;
    const char *s = "DOI https://doi.org/10.1017/S0305741020000491/an/overly/long/address/that/goes/on";
    TextStyle st = {.size = 18, .lang = LANG_EN};
    const TextLayout *l = text_layout_str(te, s, &st, 200);
    assert_true(text_layout_lines(l) >= 3);
    assert_true(text_layout_width(l) <= 200);
}

/* Emphasis inside bold text (Moodle's "<b>... <i>Salmonella</i></b>") is
 * set in Noto Sans Bold Italic: neither the bold nor the italic face. */
static void test_bold_italic_face(void **state)
{
    (void)state;
    TextStyle bold = {.size = 24, .lang = LANG_EN, .flags = TEXT_BOLD};
    TextStyle em = {.size = 24, .lang = LANG_EN, .flags = TEXT_EM};
    TextStyle both = {.size = 24, .lang = LANG_EN, .flags = TEXT_BOLD | TEXT_EM};
    const char *w = "Salmonella typhimurium";
    int wb = text_layout_width(text_layout_str(te, w, &bold, 0));
    int we = text_layout_width(text_layout_str(te, w, &em, 0));
    int wbe = text_layout_width(text_layout_str(te, w, &both, 0));
    assert_int_not_equal(wbe, wb);
    assert_int_not_equal(wbe, we);
    /* Chinese keeps its bold face (emphasis there is dots, not slant). */
    TextStyle zb = {.size = 24, .lang = LANG_ZH, .flags = TEXT_BOLD};
    TextStyle zbe = {.size = 24, .lang = LANG_ZH, .flags = TEXT_BOLD | TEXT_EM};
    assert_int_equal(text_layout_width(text_layout_str(te, "沙门氏菌", &zb, 0)),
                     text_layout_width(text_layout_str(te, "沙门氏菌", &zbe, 0)));
}

static void test_cjk_latin_spacing(void **state)
{
    (void)state;
    TextStyle st = {.size = 20, .lang = LANG_ZH};
    /* "公众号WeChat" gets a quarter em between the scripts: wider than the
     * sum of its parts. */
    int a = text_layout_width(text_layout_str(te, "公众号", &st, 0));
    int b = text_layout_width(text_layout_str(te, "WeChat", &st, 0));
    int ab = text_layout_width(text_layout_str(te, "公众号WeChat", &st, 0));
    assert_int_equal(ab, a + b + 5);
}

static void test_layout_cache_and_truncation(void **state)
{
    (void)state;
    TextStyle st = {.size = 18, .lang = LANG_EN, .max_lines = 2};
    text_engine_frame(te);
    const char *s = "one two three four five six seven eight nine ten eleven twelve thirteen";
    const TextLayout *a = text_layout_str(te, s, &st, 120);
    const TextLayout *b = text_layout_str(te, s, &st, 120);
    assert_ptr_equal(a, b);
    assert_int_equal(text_layout_lines(a), 2);
    assert_true(text_layout_truncated(a));
    TextStats stats;
    text_engine_stats(te, &stats);
    assert_true(stats.layouts_cached >= 1);
}

/* Draws a mixed paragraph into a software renderer and returns a copy of
 * the pixels; the caller frees it. */
static uint32_t *draw_page(SDL_Renderer *r, int w, int h)
{
    TextStyle st = {.size = 22, .lang = LANG_ZH};
    text_engine_frame(te);
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderClear(r);
    const TextLayout *l = text_layout_str(te, "微信（WeChat）是一个“超级应用”。Platforms as infrastructure.",
                                          &st, w - 20);
    Color ink = {20, 20, 20, 255};
    text_draw(te, l, 10, 10, ink, ink);
    uint32_t *px = malloc((size_t)w * h * 4);
    SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, px, w * 4);
    return px;
}

static void test_atlas_rebuilds_after_device_reset(void **state)
{
    (void)state;
    SDL_Window *win = SDL_CreateWindow("t", 0, 0, 400, 160, 0);
    assert_non_null(win);
    SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    assert_non_null(r);
    text_engine_attach(te, r);
    uint32_t *before = draw_page(r, 400, 160);
    TextStats st0;
    text_engine_stats(te, &st0);
    assert_true(st0.atlas_pages >= 1);
    /* What SDL_RENDER_DEVICE_RESET asks for: every texture is gone. */
    text_engine_reset_textures(te);
    TextStats st1;
    text_engine_stats(te, &st1);
    assert_int_equal(st1.atlas_pages, 0);
    uint32_t *after = draw_page(r, 400, 160);
    long ink = 0;
    for (int i = 0; i < 400 * 160; i++)
        ink += (before[i] & 0xFFFFFF) != 0xFFFFFF;
    assert_true(ink > 500); /* the page has text on it */
    assert_memory_equal(before, after, 400 * 160 * 4);
    free(before);
    free(after);
    text_engine_attach(te, NULL);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(win);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_character_is_covered),
        cmocka_unit_test(test_coverage_samples),
        cmocka_unit_test(test_chinese_line_rules),
        cmocka_unit_test(test_chinese_no_orphan),
        cmocka_unit_test(test_latin_words_not_split),
        cmocka_unit_test(test_long_token_breaks_inside_box),
        cmocka_unit_test(test_bold_italic_face),
        cmocka_unit_test(test_cjk_latin_spacing),
        cmocka_unit_test(test_layout_cache_and_truncation),
        cmocka_unit_test(test_atlas_rebuilds_after_device_reset),
    };
    SDL_setenv("SDL_VIDEODRIVER", "offscreen", 0);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        return 1;
    return cmocka_run_group_tests(tests, setup, teardown);
}
