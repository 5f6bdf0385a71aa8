/* SDL's large blocks in transparent huge pages: see plat_internal.h. */
#include <SDL.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "plat_internal.h"

#define BIG_MIN (1u << 20)  /* smaller blocks stay with malloc */
#define HUGE_MAX (4u << 20) /* larger huge pages would waste more than they save */
#define BIG_SLOTS 8         /* blocks held at once: the framebuffer, a turned page */

typedef struct {
    void *p;
    size_t len;   /* of the mapping: whole huge pages */
    size_t asked; /* what SDL asked for (realloc copies that much) */
} Big;

static struct {
    pthread_once_t once;
    size_t huge; /* the huge page's size, found at the first big block; 0: none */
    Big slot[BIG_SLOTS];
    pthread_mutex_t lock;
    SDL_malloc_func malloc;
    SDL_calloc_func calloc;
    SDL_realloc_func realloc;
    SDL_free_func free;
} big = {.once = PTHREAD_ONCE_INIT, .lock = PTHREAD_MUTEX_INITIALIZER};

static size_t round_up(size_t n, size_t to)
{
    return (n + to - 1) / to * to;
}

/* The size of a transparent huge page when the kernel gives them to
 * mappings that ask (THP "always" or "madvise"), or 0. */
static size_t huge_page_size(void)
{
    char mode[128], size[32];
    if (!plat_read_line("/sys/kernel/mm/transparent_hugepage/enabled", mode, sizeof mode) ||
        !plat_read_line("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", size, sizeof size))
        return 0;
    if (!strstr(mode, "[always]") && !strstr(mode, "[madvise]"))
        return 0;
    unsigned long n = strtoul(size, NULL, 10);
    return n >= 4096 && n <= HUGE_MAX && !(n & (n - 1)) ? n : 0;
}

static void huge_page_find(void)
{
    big.huge = huge_page_size();
}

/* Keeps b among the big blocks; false when every slot is taken. */
static bool big_keep(Big b)
{
    bool kept = false;
    pthread_mutex_lock(&big.lock);
    for (int i = 0; i < BIG_SLOTS && !kept; i++) {
        if (!big.slot[i].p) {
            big.slot[i] = b;
            kept = true;
        }
    }
    pthread_mutex_unlock(&big.lock);
    return kept;
}

/* Whether p is a big block, given in *out; forget: no longer one. */
static bool big_find(void *p, Big *out, bool forget)
{
    bool found = false;
    pthread_mutex_lock(&big.lock);
    for (int i = 0; i < BIG_SLOTS && !found && p; i++) {
        if (big.slot[i].p == p) {
            *out = big.slot[i];
            if (forget)
                big.slot[i] = (Big){0};
            found = true;
        }
    }
    pthread_mutex_unlock(&big.lock);
    return found;
}

/* Whole huge pages at a huge page's boundary, zeros as mmap gives them;
 * NULL (malloc is asked then) when the block is small or none is free. */
static void *big_map(size_t asked)
{
    if (asked < BIG_MIN || asked > SIZE_MAX / 2)
        return NULL;
    /* Read from /sys at the first big block (the renderer's framebuffer),
     * not at start: the main thread has time to spare then. */
    pthread_once(&big.once, huge_page_find);
    if (!big.huge)
        return NULL;
    size_t len = round_up(asked, big.huge);
    char *m =
        mmap(NULL, len + big.huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED)
        return NULL;
    char *p = (char *)round_up((uintptr_t)m, big.huge);
    if (p > m)
        munmap(m, (size_t)(p - m));
    munmap(p + len, (size_t)(m + big.huge - p)); /* the rest past the end */
    /* Refused (an old kernel): it stays in small pages. */
    madvise(p, len, MADV_HUGEPAGE);
    if (big_keep((Big){p, len, asked}))
        return p;
    munmap(p, len);
    return NULL;
}

static void *big_malloc(size_t n)
{
    void *p = big_map(n);
    return p ? p : big.malloc(n);
}

static void *big_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = big_map(count * size);
    return p ? p : big.calloc(count, size);
}

static void big_free(void *p)
{
    Big b;
    if (big_find(p, &b, true))
        munmap(b.p, b.len);
    else
        big.free(p);
}

static void *big_realloc(void *p, size_t n)
{
    Big b;
    if (!big_find(p, &b, false))
        return big.realloc(p, n); /* a small block stays with malloc */
    void *q = big_malloc(n ? n : 1);
    if (!q)
        return NULL; /* p is kept, as realloc keeps it */
    memcpy(q, p, b.asked < n ? b.asked : n);
    big_free(p);
    return q;
}

void plat_memory_use_huge_pages(void)
{
    if (big.malloc)
        return;
    SDL_GetMemoryFunctions(&big.malloc, &big.calloc, &big.realloc, &big.free);
    if (SDL_SetMemoryFunctions(big_malloc, big_calloc, big_realloc, big_free))
        big.malloc = NULL;
}

bool plat_memory_huge_pages(void)
{
    pthread_once(&big.once, huge_page_find);
    return big.malloc && big.huge;
}
