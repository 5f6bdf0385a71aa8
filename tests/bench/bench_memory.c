/* Benchmark (reports figures; the budget itself is held by
 * tests/tools/test_memory_budget.sh): where the kiosk's resident memory
 * goes. Runs replay scripts through the real kiosk (kiosk/replay.c, the
 * software renderer, offscreen), each in its own App as `mingbai replay`
 * does, and just before each App is closed prints:
 *  - the peak and present resident memory (VmHWM, VmRSS; anonymous, file,
 *    shared), from /proc/self/status;
 *  - /proc/self/smaps summed by what is mapped: the heap, other anonymous
 *    memory (large allocations: the window's surface, atlas pages, decoded
 *    pictures), the font files, the program, each library;
 *  - what the kiosk's parts say they hold: malloc's arena and its free part
 *    (mallinfo2), SQLite's own memory (sqlite3_status64), the glyph atlas
 *    (text_engine_stats), the window's surface.
 * app_close is wrapped at link time (-Wl,--wrap=app_close) so that the
 * figures are taken with everything still open.
 * Run: build/tests/bench/bench_memory [--window WxH] SCRIPT... */
#include <malloc.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "replay.h"

#include "mingbai/plat.h"

#include "proc_status.h"

void __real_app_close(App *app);
void __wrap_app_close(App *app);

typedef struct {
    char name[96];
    long rss, pss;
} Group;

static Group groups[256];
static int ngroups;

static Group *group(const char *name)
{
    for (int i = 0; i < ngroups; i++)
        if (!strcmp(groups[i].name, name))
            return &groups[i];
    if (ngroups == (int)MB_COUNT(groups))
        return &groups[ngroups - 1];
    Group *g = &groups[ngroups++];
    snprintf(g->name, sizeof g->name, "%s", name);
    g->rss = g->pss = 0;
    return g;
}

/* What a mapping is, by its path: the kind of memory it is counted as. */
static const char *kind(const char *path)
{
    if (!*path)
        return "anonymous (malloc's large blocks, surfaces, atlas)";
    if (!strcmp(path, "[heap]"))
        return "[heap] (malloc's arena)";
    if (path[0] == '[')
        return path;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strstr(base, ".ttf") || strstr(base, ".otf"))
        return base; /* each font file on its own */
    if (strstr(base, ".so"))
        return base;
    return base;
}

static int by_rss(const void *a, const void *b)
{
    const Group *x = a, *y = b;
    return (y->rss > x->rss) - (y->rss < x->rss);
}

static void smaps_report(void)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    char line[512], path[512] = "";
    ngroups = 0;
    Group *cur = NULL;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long a, b;
        if (sscanf(line, "%lx-%lx", &a, &b) == 2 && strchr(line, ' ')) {
            /* a mapping's header: address perms offset dev inode path */
            int field = 0;
            const char *p = line;
            path[0] = 0;
            while (*p && field < 5) {
                while (*p && *p != ' ')
                    p++;
                while (*p == ' ')
                    p++;
                field++;
            }
            snprintf(path, sizeof path, "%s", p);
            path[strcspn(path, "\n")] = 0;
            cur = group(kind(path));
            continue;
        }
        long v;
        if (cur && sscanf(line, "Rss: %ld kB", &v) == 1)
            cur->rss += v;
        else if (cur && sscanf(line, "Pss: %ld kB", &v) == 1)
            cur->pss += v;
    }
    if (f)
        fclose(f);
    qsort(groups, (size_t)ngroups, sizeof *groups, by_rss);
    long libs = 0;
    printf("  resident by mapping (KiB):\n");
    for (int i = 0; i < ngroups; i++) {
        if (strstr(groups[i].name, ".so"))
            libs += groups[i].rss;
        if (groups[i].rss >= 64)
            printf("    %7ld  %s\n", groups[i].rss, groups[i].name);
    }
    printf("    %7ld  all libraries together\n", libs);
}

void __wrap_app_close(App *app)
{
    int w = 0, h = 0;
    if (app->plat)
        plat_size(app->plat, &w, &h);
    printf("kiosk at %dx%d, before closing:\n", w, h);
    printf("  peak resident (VmHWM) %ld KiB, now (VmRSS) %ld KiB: anonymous %ld, files %ld, "
           "shared %ld\n",
           status_kib("VmHWM"), status_kib("VmRSS"), status_kib("RssAnon"),
           status_kib("RssFile"), status_kib("RssShmem"));
    smaps_report();
    struct mallinfo2 mi = mallinfo2();
    printf("  malloc: arena %zu KiB (in use %zu, free %zu, top pad %zu), mmapped blocks %zu KiB "
           "in %zu\n",
           mi.arena / 1024, mi.uordblks / 1024, mi.fordblks / 1024, mi.keepcost / 1024,
           mi.hblkhd / 1024, mi.hblks);
    sqlite3_int64 cur = 0, hi = 0;
    sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &cur, &hi, 0);
    printf("  SQLite: %lld KiB now, %lld KiB at most\n", cur / 1024, hi / 1024);
    if (app->text) {
        TextStats ts;
        text_engine_stats(app->text, &ts);
        printf("  glyph atlas: %d pages, %zu KiB; %d glyphs; %d layouts cached\n",
               ts.atlas_pages, ts.atlas_bytes / 1024, ts.glyphs_cached, ts.layouts_cached);
    }
    printf("  the window's surface: %d KiB\n", w * h * 4 / 1024);
    fflush(stdout);
    __real_app_close(app);
}

int main(int argc, char **argv)
{
    AppOptions o = {.lang = LANG_EN, .width = 800, .height = 480, .headless = true};
    char db[] = "/tmp/mingbai-bench-memory-XXXXXX";
    if (!mkdtemp(db))
        return 1;
    char *dbpath = mb_xasprintf("%s/kiosk.db", db);
    o.db_path = dbpath;
    int rc = 0, i = 1;
    if (argc > 2 && !strcmp(argv[1], "--window")) {
        if (app_parse_size(argv[2], &o.width, &o.height))
            return 2;
        i = 3;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: bench_memory [--window WxH] SCRIPT...\n");
        return 2;
    }
    for (; i < argc && !rc; i++)
        rc = replay_run(argv[i], db, &o);
    char *cmd = mb_xasprintf("rm -rf '%s'", db);
    if (system(cmd) != 0)
        rc = rc ? rc : 1;
    free(cmd);
    free(dbpath);
    return rc;
}
