/* Benchmark: start to first drawn frame of the kiosk with the shipped
 * course loaded. Runs the program N times (the software renderer, SDL's
 * offscreen driver, a window of WxH) with MINGBAI_FIRST_FRAME_EXIT=1, which
 * makes it say "first frame presented" in its log once its first frame is
 * presented, then "course ready" once it has built its packs whole just
 * after that frame, and then end; the time is from just before exec to the
 * first line read from its standard error. The first run makes the
 * database (and imports the course: reported alone as the first start);
 * the others start on it, as a kiosk does every morning. Prints the median,
 * p90 and maximum of the CPU time the kiosk says it used by its first frame
 * (the figure that does not depend on how busy the machine is), and by the
 * course being ready, and of the wall time, and the peak resident memory
 * of the runs (wait4's ru_maxrss); with --max-ms M it exits 1 when the
 * median CPU time to the first frame is over M.
 * Run: build/tests/bench/bench_startup [--runs N] [--window WxH] [--max-ms M] [BIN] */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One start: ms to the first frame (or -1), the CPU time it said it had
 * used by then and once the course was built whole after it, its peak
 * resident KiB. */
static double run_once(const char *bin, const char *db, const char *window, double *cpu_ms,
                       double *ready_ms, long *peak_kib)
{
    int fd[2];
    if (pipe(fd))
        return -1;
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 2);
        close(fd[0]);
        close(fd[1]);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        setenv("MINGBAI_FIRST_FRAME_EXIT", "1", 1);
        setenv("MINGBAI_ALLOW_HEADLESS", "1", 1);
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_RENDER_DRIVER", "software", 1);
        setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        setenv("DISPLAY", ":bench", 1); /* a window of --window, not full-screen */
        /* No session bus, as on the board's console. With DISPLAY set and
         * no bus address, libdbus (through SDL) would fork to autolaunch a
         * bus for X11, 7 ms the board never spends. */
        setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/mingbai-bench-bus", 1);
        execl(bin, bin, "--window", window, "--db", db, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    char buf[4096], line[8192] = "";
    size_t used = 0;
    double t = -1;
    ssize_t n;
    *ready_ms = -1;
    while ((n = read(fd[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] == '\n') {
                line[used] = 0;
                const char *at = strstr(line, "first frame presented after ");
                if (at) {
                    t = now_ms() - t0;
                    *cpu_ms = atof(at + strlen("first frame presented after "));
                }
                at = strstr(line, "course ready after ");
                if (at)
                    *ready_ms = atof(at + strlen("course ready after "));
                used = 0;
            } else if (used + 1 < sizeof line) {
                line[used++] = buf[i];
            }
        }
    }
    close(fd[0]);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
        t = -1;
    *peak_kib = ru.ru_maxrss;
    return t;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    int runs = 50;
    double max_ms = 0;
    const char *window = "800x480", *bin = MINGBAI_BIN;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--window") && i + 1 < argc)
            window = argv[++i];
        else if (!strcmp(argv[i], "--max-ms") && i + 1 < argc)
            max_ms = atof(argv[++i]);
        else
            bin = argv[i];
    }
    if (runs < 1 || runs > 10000)
        return 2;
    char dir[] = "/tmp/mingbai-startup-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char db[sizeof dir + 16];
    snprintf(db, sizeof db, "%s/k.db", dir);
    long peak = 0, first_peak = 0;
    double first_cpu = 0, first_ready = 0;
    double first = run_once(bin, db, window, &first_cpu, &first_ready, &first_peak);
    double *t = calloc((size_t)runs, sizeof *t), *cpu = calloc((size_t)runs, sizeof *cpu);
    double *ready = calloc((size_t)runs, sizeof *ready);
    int ok = 0;
    for (int i = 0; i < runs; i++) {
        long kib = 0;
        double c = 0, r = 0, ms = run_once(bin, db, window, &c, &r, &kib);
        if (ms < 0) {
            fprintf(stderr, "bench_startup: run %d did not present a frame\n", i + 1);
            continue;
        }
        cpu[ok] = c;
        ready[ok] = r;
        t[ok++] = ms;
        if (kib > peak)
            peak = kib;
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_startup: cannot remove %s\n", dir);
    if (!ok || first < 0) {
        fprintf(stderr, "bench_startup: the kiosk did not start\n");
        return 1;
    }
    qsort(t, (size_t)ok, sizeof *t, cmp);
    qsort(cpu, (size_t)ok, sizeof *cpu, cmp);
    qsort(ready, (size_t)ok, sizeof *ready, cmp);
    double median = cpu[ok / 2];
    printf("start to first frame, %s, software renderer, course loaded, %d runs:\n"
           "  CPU time (the process's own, to its first frame): median %.1f ms, p90 %.1f ms, "
           "max %.1f ms\n"
           "  wall time (exec to the frame's log line; the machine's load counts): median %.1f ms, "
           "p90 %.1f ms, max %.1f ms\n"
           "  CPU time once the course is built whole, just after the first frame: median "
           "%.1f ms, max %.1f ms\n"
           "  peak resident %ld KiB\n",
           window, ok, median, cpu[ok * 9 / 10], cpu[ok - 1], t[ok / 2], t[ok * 9 / 10],
           t[ok - 1], ready[ok / 2], ready[ok - 1], peak);
    printf("first start (database made, course imported): CPU %.1f ms, wall %.1f ms; peak "
           "resident %ld KiB\n",
           first_cpu, first, first_peak);
    free(t);
    free(cpu);
    free(ready);
    if (max_ms > 0 && median > max_ms) {
        printf("median CPU time over %.0f ms\n", max_ms);
        return 1;
    }
    return 0;
}
