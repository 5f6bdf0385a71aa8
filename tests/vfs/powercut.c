/* Power-cut test: runs the scripted session (workload.c) in a child process
 * whose SQLite goes through the crash VFS (crashvfs.c), cuts its power at a
 * random I/O operation (each unsynced block kept or dropped at random), then
 * checks the files left with SQLite's own unix VFS and the store: the
 * integrity check passes, the kiosk opens it, every acknowledged answer is
 * there, every pack import is whole or absent, the PIN's failures are
 * counted, a deletion is all or nothing, the export files are whole or
 * absent.
 *
 *   powercut [--cuts N] [--seed S] [--negative] [--verbose]
 *
 * N defaults to $MINGBAI_POWERCUT_CUTS, else 100. --negative is the control
 * run: the same session with synchronous=NORMAL, which must lose
 * acknowledged answers (exit 0 only when losses are seen), or the harness
 * is blind. */
#define _GNU_SOURCE
#include "crashvfs.h"
#include "workload.h"

#include "mingbai/core.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    return ftw->level > 0 ? remove(path) : 0;
}

static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* Runs the session in a child cut at op (0: never); the acknowledgement
 * lines in *acks (malloc'd); returns the child's wait status. */
static int run_child(const Workload *w0, uint64_t op, uint64_t seed, bool verbose, char **acks)
{
    int fds[2];
    if (pipe(fds))
        return -1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        Workload w = *w0;
        w.ack_fd = fds[1];
        if (!verbose)
            mb_log_set_level(LOG_WARN);
        crashvfs_register(true);
        crashvfs_reset();
        crashvfs_cut_at(op, seed);
        crashvfs_watch_dir(w.export_dir);
        workload_run(&w, verbose);
        char line[64];
        int n = snprintf(line, sizeof line, "T %llu\n", (unsigned long long)crashvfs_ops());
        if (write(fds[1], line, (size_t)n) != n)
            _exit(3);
        _exit(0);
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
    int status = 0;
    waitpid(pid, &status, 0);
    *acks = buf;
    return status;
}

int main(int argc, char **argv)
{
    const char *env = getenv("MINGBAI_POWERCUT_CUTS");
    long cuts = env && *env ? atol(env) : 100;
    uint64_t seed = (uint64_t)time(NULL);
    bool negative = false, verbose = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--cuts") && i + 1 < argc)
            cuts = atol(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--negative"))
            negative = true;
        else if (!strcmp(argv[i], "--verbose"))
            verbose = true;
        else {
            fprintf(stderr, "usage: powercut [--cuts N] [--seed S] [--negative] [--verbose]\n");
            return 2;
        }
    }
    if (!verbose)
        mb_log_set_level(LOG_WARN);
    const char *tmp = getenv("TMPDIR");
    char dir[512], db[600], exp[600];
    snprintf(dir, sizeof dir, "%s/mingbai-powercut-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 2;
    }
    snprintf(db, sizeof db, "%s/data/mingbai.db", dir);
    snprintf(exp, sizeof exp, "%s/export", dir);
    Workload w = {.db = db, .export_dir = exp, .ack_fd = -1, .normal_sync = negative};

    /* a whole run: what each pack version holds, and how many operations */
    mkdir(exp, 0755);
    char *ref = NULL;
    int status = run_child(&w, 0, 0, true, &ref);
    const char *t = strstr(ref, "T ");
    unsigned long long total = t ? strtoull(t + 2, NULL, 10) : 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !total || !strstr(ref, "\nC\n")) {
        fprintf(stderr, "powercut: the session without a cut failed (status %d)\n%s", status, ref);
        return 1;
    }
    printf("powercut: seed %llu, %ld cuts over %llu I/O operations of the session%s\n",
           (unsigned long long)seed, cuts, total, negative ? " (synchronous=NORMAL)" : "");

    long mid = 0, bad_exit = 0, failed = 0;
    WorkloadCheck sum = {0};
    for (long i = 0; i < cuts; i++) {
        nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
        mkdir(exp, 0755);
        uint64_t s = mix(seed + (uint64_t)i);
        uint64_t op = 1 + s % total;
        char *acks = NULL;
        status = run_child(&w, op, mix(s), false, &acks);
        if (WIFEXITED(status) && WEXITSTATUS(status) == CRASHVFS_CUT_EXIT)
            mid++;
        else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            bad_exit++;
            fprintf(stderr, "powercut: cut %ld (op %llu): the session ended with status %d\n", i,
                    (unsigned long long)op, status);
        }
        WorkloadCheck c;
        if (workload_check(&w, acks, strlen(acks), ref, &c)) {
            failed++;
            if (!negative || verbose)
                fprintf(stderr, "powercut: cut %ld at op %llu (seed %llu): %s\n", i,
                        (unsigned long long)op, (unsigned long long)seed, c.first);
        }
        sum.integrity += c.integrity;
        sum.lost += c.lost;
        sum.torn_import += c.torn_import;
        sum.lost_import += c.lost_import;
        sum.pin += c.pin;
        sum.deletion += c.deletion;
        sum.export_torn += c.export_torn;
        sum.answers_acked += c.answers_acked;
        free(acks);
        if ((i + 1) % 100 == 0 && i + 1 < cuts) {
            printf("powercut: %ld cuts so far, %ld with problems\n", i + 1, failed);
            fflush(stdout);
        }
    }
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    rmdir(dir);
    printf("powercut: %ld cuts (%ld during the session), %d acknowledged answers checked\n",
           cuts, mid, sum.answers_acked);
    printf("powercut: integrity failures %d, lost answers %d, torn imports %d, lost imports %d, "
           "PIN counts lost %d, half deletions %d, torn exports %d, bad exits %ld\n",
           sum.integrity, sum.lost, sum.torn_import, sum.lost_import, sum.pin, sum.deletion,
           sum.export_torn, bad_exit);
    free(ref);
    if (negative) {
        bool seen = sum.lost + sum.lost_import + sum.pin + sum.deletion > 0;
        printf("powercut: negative control %s\n",
               seen ? "saw the losses synchronous=NORMAL allows" : "saw NO loss: the harness is blind");
        return seen && !sum.integrity ? 0 : 1;
    }
    return failed || bad_exit ? 1 : 0;
}
