/* I/O faults: the scripted session (workload.c, a short one) through the
 * crash VFS, with, in turn,
 *   - the n-th write failing once, for every n of the session;
 *   - the n-th sync failing once, for every n;
 *   - a full disk from the n-th write on (SQLITE_FULL), for every n;
 *   - a read-only folder (a new database, and one made before).
 * Each run is a child process; at the end of the session its power is cut
 * (crashvfs_cut_now), so that whatever was acknowledged without being on
 * disk may be dropped. Then, the fault gone: no crash, every failure with a
 * message from the store, every acknowledged answer there, imports whole,
 * integrity_check ok, the kiosk opens the file and records a new answer;
 * after a fault that happened once, the session's last answer was recorded
 * (the store works again without a restart).
 *
 *   iofaults [--verbose] [--stride K] [--only FAULT N]
 * K: try every K-th n of the writes (default $MINGBAI_IOFAULTS_STRIDE, else
 * 1; every sync is always tried); --only: one run, FAULT 1 write, 2 sync,
 * 3 full disk, 4 and 5 read-only. */
#define _GNU_SOURCE
#include "crashvfs.h"
#include "workload.h"

#include "mingbai/core.h"
#include "mingbai/store.h"

#include <errno.h>
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef enum { F_NONE, F_WRITE, F_SYNC, F_FULL, F_READONLY_NEW, F_READONLY_OLD } Fault;
static const char *const fault_names[] = {"none", "write", "sync", "full disk",
                                          "read-only folder (new)", "read-only folder"};

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    return ftw->level > 0 ? remove(path) : 0;
}

static char *run_child(const Workload *w0, Fault f, uint64_t n, int *status, bool verbose)
{
    int fds[2];
    if (pipe(fds))
        return NULL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Workload w = *w0;
        w.ack_fd = fds[1];
        if (!verbose)
            mb_log_set_level(LOG_ERROR + 1);
        crashvfs_register(true);
        crashvfs_reset();
        crashvfs_watch_dir(w.export_dir);
        if (f == F_WRITE)
            crashvfs_fail(CRASHVFS_WRITE, n, 1, SQLITE_IOERR_WRITE);
        else if (f == F_SYNC)
            crashvfs_fail(CRASHVFS_SYNC, n, 1, SQLITE_IOERR_FSYNC);
        else if (f == F_FULL)
            crashvfs_fail(CRASHVFS_WRITE, n, UINT64_MAX / 4, SQLITE_FULL);
        else if (f >= F_READONLY_NEW)
            crashvfs_read_only(true);
        workload_run(&w, verbose);
        char line[96];
        int k = snprintf(line, sizeof line, "W %llu S %llu F %llu\n",
                         (unsigned long long)crashvfs_writes(),
                         (unsigned long long)crashvfs_syncs(),
                         (unsigned long long)crashvfs_faults());
        if (write(fds[1], line, (size_t)k) != k)
            _exit(3);
        crashvfs_cut_now(n * 7919 + (uint64_t)f);
    }
    close(fds[1]);
    size_t len = 0, cap = 4096;
    char *buf = malloc(cap);
    for (;;) {
        if (len + 1024 > cap)
            buf = realloc(buf, cap *= 2);
        ssize_t k = read(fds[0], buf + len, cap - len - 1);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        len += (size_t)k;
    }
    buf[len] = 0;
    close(fds[0]);
    waitpid(pid, status, 0);
    return buf;
}

/* After the fault: the kiosk opens the file and records an answer. */
static int record_after(const char *db, char *why, size_t cap)
{
    Store *s = NULL;
    if (store_open(db, &s) != MB_OK) {
        snprintf(why, cap, "the kiosk cannot open the database once the fault is gone");
        return 1;
    }
    int64_t who = 0;
    int rc = store_participant_add(s, "After", false, &who);
    StoreAttempt a = {.participant = who, .pack_id = "alpha", .pack_version = "1.0",
                      .unit = "01-unit", .question_id = "u1q1", .type = QT_MULTICHOICE,
                      .lang = LANG_EN, .response = "after", .max = 1};
    if (!rc)
        rc = store_attempt_insert(s, &a, 1800000000000, NULL);
    if (rc)
        snprintf(why, cap, "no answer recorded once the fault is gone: %s", store_errmsg(s));
    store_close(s);
    return rc != MB_OK;
}

static int calls_failed(const char *acks)
{
    int n = 0;
    for (const char *l = acks; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        n += l[0] == 'X';
    return n;
}

/* Every "X" line carries a message; on a full disk, one that says so. */
static int messages_ok(const char *acks, Fault f, int *failures, char *why, size_t cap)
{
    for (const char *l = acks; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        if (l[0] != 'X')
            continue;
        (*failures)++;
        const char *end = strchr(l, '\n');
        int len = end ? (int)(end - l) : (int)strlen(l);
        if (l[1] != ' ' || l[2] == '\n' || !strncmp(l + 2, "no error", 8)) {
            snprintf(why, cap, "a failure without a message");
            return 1;
        }
        if (f == F_FULL && strncmp(l, "X open failed", 13) && !memmem(l, (size_t)len, "full", 4)) {
            snprintf(why, cap, "on a full disk: %.*s", len, l);
            return 1;
        }
    }
    return 0;
}

static int one(const Workload *w, const char *dir, Fault f, uint64_t n, const char *ref,
               bool verbose, int *failed_calls)
{
    char why[300] = "";
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    mkdir(w->export_dir, 0755);
    if (f == F_READONLY_OLD) { /* a database made before the folder became read-only */
        Store *s = NULL;
        if (store_open(w->db, &s) == MB_OK)
            store_close(s);
    }
    int status = 0;
    char *acks = run_child(w, f, n, &status, verbose);
    int bad = 0;
    WorkloadCheck c;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != CRASHVFS_CUT_EXIT) {
        snprintf(why, sizeof why, "the session ended with status %d", status);
        bad = 1;
    } else if (messages_ok(acks, f, failed_calls, why, sizeof why)) {
        bad = 1;
    } else if (workload_check(w, acks, strlen(acks), ref, &c)) {
        snprintf(why, sizeof why, "%s", c.first);
        bad = 1;
    } else if ((f == F_WRITE || f == F_SYNC) && acks[0] == 'O' && calls_failed(acks) > 1) {
        snprintf(why, sizeof why, "one fault made %d store calls fail: the store did not "
                 "recover", calls_failed(acks));
        bad = 1;
    } else if (record_after(w->db, why, sizeof why)) {
        bad = 1;
    }
    if (bad)
        fprintf(stderr, "iofaults: %s at %llu: %s\n%s", fault_names[f], (unsigned long long)n, why,
                verbose ? acks : "");
    else if (verbose)
        fprintf(stderr, "iofaults: %s at %llu: ok\n", fault_names[f], (unsigned long long)n);
    free(acks);
    return bad;
}

int main(int argc, char **argv)
{
    bool verbose = false;
    const char *env = getenv("MINGBAI_IOFAULTS_STRIDE");
    uint64_t stride = env && *env ? strtoull(env, NULL, 10) : 1, only_n = 0;
    int only = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--verbose"))
            verbose = true;
        else if (!strcmp(argv[i], "--only") && i + 2 < argc) {
            only = atoi(argv[++i]);
            only_n = strtoull(argv[++i], NULL, 10);
        } else if (!strcmp(argv[i], "--stride") && i + 1 < argc)
            stride = strtoull(argv[++i], NULL, 10);
        else {
            fprintf(stderr, "usage: iofaults [--verbose] [--stride K]\n");
            return 2;
        }
    }
    if (!stride)
        stride = 1;
    if (!verbose)
        mb_log_set_level(LOG_ERROR + 1);
    const char *tmp = getenv("TMPDIR");
    char dir[512], db[600], exp[600];
    snprintf(dir, sizeof dir, "%s/mingbai-iofaults-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    snprintf(db, sizeof db, "%s/data/mingbai.db", dir);
    snprintf(exp, sizeof exp, "%s/export", dir);
    Workload w = {.db = db, .export_dir = exp, .ack_fd = -1, .answers = 28, .no_pin = true,
                  .small = true};

    mkdir(exp, 0755);
    int status = 0;
    char *ref = run_child(&w, F_NONE, 0, &status, verbose);
    unsigned long long writes = 0, syncs = 0, faults = 0;
    const char *t = strstr(ref, "W ");
    if (t)
        sscanf(t, "W %llu S %llu F %llu", &writes, &syncs, &faults);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != CRASHVFS_CUT_EXIT || !writes ||
        strstr(ref, "\nX ")) {
        fprintf(stderr, "iofaults: the session without faults failed (status %d)\n%s", status, ref);
        return 1;
    }
    printf("iofaults: the session makes %llu writes and %llu syncs\n", writes, syncs);
    int bad = 0, runs = 0;
    for (Fault f = F_WRITE; f <= F_READONLY_OLD; f++) {
        if (only && f != (Fault)only)
            continue;
        uint64_t last = f == F_SYNC ? syncs : f >= F_READONLY_NEW ? 1 : writes;
        int failed_calls = 0, fbad = 0, fruns = 0;
        for (uint64_t n = only_n ? only_n : 1; n <= (only_n ? only_n : last);
             n += f >= F_SYNC && f != F_FULL ? 1 : stride) {
            fbad += one(&w, dir, f, n, ref, verbose, &failed_calls);
            fruns++;
        }
        printf("iofaults: %-22s %4d runs, %5d store calls refused with a message, %d problems\n",
               fault_names[f], fruns, failed_calls, fbad);
        bad += fbad;
        runs += fruns;
    }
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    rmdir(dir);
    free(ref);
    printf("iofaults: %d runs, %d with problems\n", runs, bad);
    return bad ? 1 : 0;
}
