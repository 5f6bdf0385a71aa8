/* Benchmark (reports figures; not a test): the latency of committing an
 * answer (store_attempt_insert: one transaction, WAL, synchronous=FULL, so
 * the WAL is fsynced before it returns), here and on a simulated slow card
 * (every fsync delayed, through the crash VFS of tests/vfs with real syncs
 * on). Reports p50, p90, p99 and the worst, in ms. The database goes in
 * DIR (default $TMPDIR or /tmp): give a folder on the disk to measure, not
 * a tmpfs. Target: p99 at most 20 ms on the board.
 * Run: build/tests/bench/bench_commit [answers] [slow-card-fsync-ms] [DIR] */
#include "crashvfs.h"

#include "mingbai/core.h"
#include "mingbai/store.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static const char *pragma_text(Store *s, const char *sql)
{
    static char out[32];
    sqlite3_stmt *st = NULL;
    snprintf(out, sizeof out, "?");
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        snprintf(out, sizeof out, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

static int run(const char *dir, const char *label, int n, unsigned delay_ms)
{
    char path[600];
    snprintf(path, sizeof path, "%s/bench-commit-%d.db", dir, (int)getpid());
    store_remove_files(path);
    crashvfs_reset();
    crashvfs_real_sync(true);
    Store *s = NULL;
    if (store_open(path, &s) != MB_OK) {
        fprintf(stderr, "bench_commit: cannot open %s\n", path);
        return 1;
    }
    crashvfs_sync_delay_us(delay_ms * 1000);
    char journal[32];
    snprintf(journal, sizeof journal, "%s", pragma_text(s, "PRAGMA journal_mode"));
    const char *sync = pragma_text(s, "PRAGMA synchronous"); /* 2: FULL */
    int64_t who = 0;
    store_participant_add(s, "Bench", false, &who);
    double *ms = calloc((size_t)n, sizeof *ms);
    uint64_t syncs0 = crashvfs_syncs();
    for (int i = 0; i < n; i++) {
        char resp[32], qid[32];
        snprintf(resp, sizeof resp, "answer %d", i);
        snprintf(qid, sizeof qid, "q%d", i % 50);
        StoreAttempt a = {.participant = who, .pack_id = "bench", .pack_version = "1.0",
                          .unit = "01-unit", .question_id = qid, .type = QT_MULTICHOICE,
                          .lang = LANG_EN, .response = resp, .score = i % 2, .max = 1,
                          .correct = i % 2, .positions = "2", .answers = "3",
                          .started_ms = 1000 * i, .answered_ms = 1000 * i + 700};
        double t0 = now_ms();
        if (store_attempt_insert(s, &a, 1700000000000 + 1000 * i, NULL) != MB_OK) {
            fprintf(stderr, "bench_commit: %s\n", store_errmsg(s));
            return 1;
        }
        ms[i] = now_ms() - t0;
    }
    double syncs = (double)(crashvfs_syncs() - syncs0) / n;
    store_close(s);
    store_remove_files(path);
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    printf("%-28s %5d answers  p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms  "
           "(journal %s, synchronous %s, %.1f fsyncs each)\n",
           label, n, ms[n / 2], ms[n * 90 / 100], ms[n * 99 / 100], ms[n - 1], journal,
           !strcmp(sync, "2") ? "FULL" : sync, syncs);
    free(ms);
    return 0;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 500;
    unsigned delay = argc > 2 ? (unsigned)atoi(argv[2]) : 10;
    const char *tmp = getenv("TMPDIR");
    const char *dir = argc > 3 ? argv[3] : tmp && *tmp ? tmp : "/tmp";
    if (n < 10)
        n = 10;
    mb_log_set_level(LOG_WARN);
    crashvfs_register(true);
    struct statfs fs;
    if (!statfs(dir, &fs) && fs.f_type == 0x01021994)
        printf("bench_commit: %s is a tmpfs: fsync costs nothing there\n", dir);
    char label[64];
    snprintf(label, sizeof label, "here (%s)", dir);
    if (run(dir, label, n, 0))
        return 1;
    snprintf(label, sizeof label, "slow card (fsync +%u ms)", delay);
    return run(dir, label, n / 2 > 10 ? n / 2 : 10, delay);
}
