/* SDL's large blocks in transparent huge pages (kiosk/plat/memory.c).
 * Whether SDL uses them agrees with what the kernel says in /sys (THP
 * "always" or "madvise", huge pages of at most 4 MiB). Where it does, a
 * block of 1 MiB or more, the window's framebuffer above all, lies on a
 * huge page's boundary in a mapping of its own that the kernel may back
 * with huge pages (smaps: THPeligible; under qemu-user, which ignores the
 * guest's madvise, only the mapping is checked). Either way SDL's blocks
 * behave as malloc's would: calloc gives zeros, realloc keeps the contents
 * both ways, free gives a big block's mapping back, small blocks stay with
 * malloc. Where there are no huge pages (a chroot without /sys) the test
 * says so and checks that SDL keeps malloc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <cmocka.h>

#include "mingbai/plat.h"
#include "plat/plat_internal.h"

static size_t huge_size(void);

/* What the kernel says, read here independently of memory.c. */
static bool huge_expected(void)
{
    char mode[128] = "";
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (f) {
        if (!fgets(mode, sizeof mode, f))
            mode[0] = 0;
        fclose(f);
    }
    return (strstr(mode, "[always]") || strstr(mode, "[madvise]")) && huge_size() >= 4096 &&
           huge_size() <= (4u << 20);
}

static size_t huge_size(void)
{
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", "r");
    unsigned long n = 0;
    if (f) {
        if (fscanf(f, "%lu", &n) != 1)
            n = 0;
        fclose(f);
    }
    return n;
}

/* The smaps field `key` of the mapping that starts at p, or -1 when no
 * mapping starts there. */
static long smaps_field(const void *p, const char *key)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    assert_non_null(f);
    char line[512];
    bool in = false;
    long value = -1;
    size_t klen = strlen(key);
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' ')) {
            in = lo == (uintptr_t)p;
            if (in)
                value = 0;
        } else if (in && !strncmp(line, key, klen) && line[klen] == ':') {
            value = strtol(line + klen + 1, NULL, 10);
        }
    }
    fclose(f);
    return value;
}

/* Whether the kernel may back the mapping at p with huge pages. Under
 * qemu-user (board/cross: MINGBAI_EMULATED=1) the guest's madvise is
 * ignored and smaps says nothing of it: only the mapping is checked. */
static void assert_thp_eligible(const void *p)
{
    const char *emulated = getenv("MINGBAI_EMULATED");
    if (emulated && !strcmp(emulated, "1"))
        return;
    assert_int_equal(smaps_field(p, "THPeligible"), 1);
}

static bool huge; /* SDL's big blocks are in huge pages here */

/* The block at p is one of SDL's big blocks: a mapping of its own of whole
 * huge pages, at a huge page's boundary, that the kernel may back with
 * huge pages (n bytes asked); where there are none, malloc's block. */
static void assert_big_block(const void *p, size_t n)
{
    if (!huge) {
        /* malloc's chunk: its header before it, so no mapping starts at it */
        assert_int_equal(smaps_field(p, "Size"), -1);
        return;
    }
    size_t hs = huge_size();
    assert_int_equal((uintptr_t)p % hs, 0);
    assert_thp_eligible(p);
    assert_int_equal(smaps_field(p, "Size") * 1024, (long)((n + hs - 1) / hs * hs));
}

static void test_detects_huge_pages(void **state)
{
    (void)state;
    assert_int_equal(huge, huge_expected());
    print_message("%s\n", huge ? "huge pages here: SDL's big blocks in them"
                               : "no huge pages here (/sys/kernel/mm/transparent_hugepage): "
                                 "SDL keeps malloc");
}

static void test_big_block(void **state)
{
    (void)state;
    size_t n = 800 * 480 * 4, big = 6 << 20;
    unsigned char *p = SDL_malloc(n);
    assert_non_null(p);
    assert_big_block(p, n);
    memset(p, 0xa5, n);
    /* realloc larger keeps every byte; smaller keeps what fits */
    unsigned char *q = SDL_realloc(p, big);
    assert_non_null(q);
    assert_big_block(q, big);
    for (size_t i = 0; i < n; i++)
        if (q[i] != 0xa5)
            fail_msg("byte %zu lost in realloc", i);
    if (huge && q != p)
        assert_int_equal(smaps_field(p, "Size"), -1); /* the old mapping is gone */
    unsigned char *r = SDL_realloc(q, 4096);
    assert_non_null(r);
    if (huge)
        assert_int_equal(smaps_field(q, "Size"), -1);
    for (size_t i = 0; i < 4096; i++)
        assert_int_equal(r[i], 0xa5);
    SDL_free(r);
}

static void test_calloc_zeros_and_free(void **state)
{
    (void)state;
    size_t n = 2 << 20;
    unsigned char *p = SDL_calloc(n / 16, 16);
    assert_non_null(p);
    assert_big_block(p, n);
    for (size_t i = 0; i < n; i++)
        if (p[i])
            fail_msg("byte %zu of calloc's block is %d", i, p[i]);
    SDL_free(p);
    if (huge)
        assert_int_equal(smaps_field(p, "Size"), -1); /* unmapped */
    assert_null(SDL_calloc(SIZE_MAX / 8, 16)); /* overflows: refused */
}

static void test_small_blocks_stay_with_malloc(void **state)
{
    (void)state;
    unsigned char *p = SDL_malloc(1000);
    assert_non_null(p);
    assert_int_equal(smaps_field(p, "Size"), -1); /* inside malloc's heap */
    memset(p, 1, 1000);
    /* a small block grown past 1 MiB stays malloc's */
    unsigned char *q = SDL_realloc(p, 3 << 20);
    assert_non_null(q);
    assert_int_equal(q[999], 1);
    SDL_free(q);
    SDL_free(NULL);
}

/* The window's framebuffer, which the software renderer draws into. */
static void test_window_framebuffer(void **state)
{
    (void)state;
    PlatOptions o = {.width = 800, .height = 480, .headless = true};
    Plat *plat = NULL;
    assert_int_equal(plat_open(&o, &plat), 0);
    SDL_Surface *s = SDL_GetWindowSurface(plat_window(plat));
    assert_non_null(s);
    assert_int_equal(s->w, 800);
    /* SDL aligns its pixels inside the block it was given */
    if (huge)
        assert_thp_eligible((void *)((uintptr_t)s->pixels & ~(uintptr_t)(huge_size() - 1)));
    plat_close(plat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detects_huge_pages),
        cmocka_unit_test(test_big_block),
        cmocka_unit_test(test_calloc_zeros_and_free),
        cmocka_unit_test(test_small_blocks_stay_with_malloc),
        cmocka_unit_test(test_window_framebuffer),
    };
    plat_memory_use_huge_pages();
    huge = plat_memory_huge_pages();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
