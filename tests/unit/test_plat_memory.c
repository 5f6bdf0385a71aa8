/* SDL's large blocks in transparent huge pages (kiosk/plat/memory.c): a
 * block of 1 MiB or more, the window's framebuffer above all, lies on a
 * huge page's boundary in a mapping of its own that the kernel may back
 * with huge pages (smaps: THPeligible), and behaves as malloc's would:
 * calloc gives zeros, realloc keeps the contents both ways, free gives the
 * mapping back; small blocks stay with malloc. The window's framebuffer is
 * such a block. Where the kernel gives no huge pages to the mappings that
 * ask, SDL keeps malloc and the test says so (exit 77: skipped); under
 * qemu-user only the mappings are checked, not the kernel's part. */
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

static void test_big_block_in_huge_pages(void **state)
{
    (void)state;
    size_t huge = huge_size(), n = 800 * 480 * 4;
    unsigned char *p = SDL_malloc(n);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % huge, 0);
    assert_thp_eligible(p);
    assert_int_equal(smaps_field(p, "Size") * 1024, (long)((n + huge - 1) / huge * huge));
    memset(p, 0xa5, n);
    /* realloc larger keeps every byte; smaller keeps what fits */
    unsigned char *q = SDL_realloc(p, 3 * huge);
    assert_non_null(q);
    assert_int_equal((uintptr_t)q % huge, 0);
    for (size_t i = 0; i < n; i++)
        if (q[i] != 0xa5)
            fail_msg("byte %zu lost in realloc", i);
    if (q != p)
        assert_int_equal(smaps_field(p, "Size"), -1); /* the old mapping is gone */
    unsigned char *r = SDL_realloc(q, 4096);
    assert_non_null(r);
    assert_int_equal(smaps_field(q, "Size"), -1);
    for (size_t i = 0; i < 4096; i++)
        assert_int_equal(r[i], 0xa5);
    SDL_free(r);
}

static void test_calloc_zeros_and_free_unmaps(void **state)
{
    (void)state;
    size_t n = 2 << 20;
    unsigned char *p = SDL_calloc(n / 16, 16);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % huge_size(), 0);
    for (size_t i = 0; i < n; i++)
        if (p[i])
            fail_msg("byte %zu of calloc's block is %d", i, p[i]);
    SDL_free(p);
    assert_int_equal(smaps_field(p, "Size"), -1);
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
    uintptr_t px = (uintptr_t)s->pixels;
    size_t huge = huge_size();
    /* SDL aligns its pixels inside the block it was given */
    assert_thp_eligible((void *)(px & ~(uintptr_t)(huge - 1)));
    plat_close(plat);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_big_block_in_huge_pages),
        cmocka_unit_test(test_calloc_zeros_and_free_unmaps),
        cmocka_unit_test(test_small_blocks_stay_with_malloc),
        cmocka_unit_test(test_window_framebuffer),
    };
    plat_memory_use_huge_pages();
    if (!plat_memory_huge_pages()) {
        printf("SKIPPED: the kernel gives no transparent huge pages of at most 4 MiB to the "
               "mappings that ask (/sys/kernel/mm/transparent_hugepage/enabled, "
               "hpage_pmd_size): SDL keeps malloc\n");
        return 77;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
