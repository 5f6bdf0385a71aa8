/* Where the instructor's USB stick is: the folder named by an environment
 * variable when it is set (a folder standing in for a stick), else every
 * file system mounted under /media/, /run/media/ or /mnt/, as Debian and
 * Raspberry Pi OS mount a stick (/media/USER/LABEL with udisks,
 * /media/LABEL with usbmount, /run/media/USER/LABEL elsewhere, and
 * /media/mingbai/UUID, read-only, by the package's udev rule). And the
 * requests to the board's stick service (board/debian/stick): a file the
 * kiosk makes in its request folder, and the answer it waits for, a frame
 * at a time, up to a deadline. */
#include "sticks.h"

#include "mingbai/core.h"

#include <errno.h>
#include <fcntl.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

static bool sticks_removable(const char *dir)
{
    static const char *const roots[] = {"/media/", "/run/media/", "/mnt/"};
    for (size_t i = 0; i < MB_COUNT(roots); i++)
        if (!strncmp(dir, roots[i], strlen(roots[i])) && dir[strlen(roots[i])])
            return true;
    return false;
}

size_t screen_sticks(const char *env_var, const char *mounts, ScreenStick *out, size_t max)
{
    size_t n = 0;
    const char *env = env_var ? getenv(env_var) : NULL;
    if (env && env[0]) {
        if (max)
            snprintf(out[n++].path, sizeof out->path, "%s", env);
        return n;
    }
    FILE *f = setmntent(mounts ? mounts : "/proc/mounts", "r");
    if (!f)
        return 0;
    struct mntent *m; /* getmntent decodes the \040 of a label with spaces */
    while (n < max && (m = getmntent(f)))
        if (sticks_removable(m->mnt_dir) && strlen(m->mnt_dir) < sizeof out->path)
            snprintf(out[n++].path, sizeof out->path, "%s", m->mnt_dir);
    endmntent(f);
    return n;
}

/* ---------------- the board's stick service ---------------- */

static uint64_t stick_clock_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000u + (uint64_t)t.tv_nsec / 1000000u;
}

static const char *stick_run(void)
{
    const char *run = getenv("MINGBAI_STICK_RUN");
    return run && run[0] ? run : "/run/mingbai";
}

bool screen_stick_writable(const char *dir)
{
    struct stat sb;
    struct statvfs vfs;
    return !stat(dir, &sb) && S_ISDIR(sb.st_mode) && !statvfs(dir, &vfs) &&
           !(vfs.f_flag & ST_RDONLY) && !access(dir, W_OK);
}

bool screen_stick_service(void)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/requests", stick_run());
    return screen_stick_writable(dir);
}

bool screen_stick_ask(StickAsk *a, StickAction act, const char *dir, char *err, size_t cap)
{
    static unsigned seq;
    static const char *const names[] = {"rw", "ro", "eject"};
    const char *wait = getenv("MINGBAI_STICK_WAIT_MS");
    long ms = wait && wait[0] ? strtol(wait, NULL, 10) : 20000;
    /* Names sort in the order asked (the service answers oldest first),
     * and are never used twice in a boot (/run is emptied at each): an
     * old answer in the status file is never taken for this one's. */
    uint64_t now = stick_clock_ms();
    snprintf(a->id, sizeof a->id, "k%012llu-%ld-%06u", (unsigned long long)now,
             (long)getpid(), ++seq % 1000000u);
    a->deadline_ms = now + (uint64_t)(ms > 0 ? ms : 0);
    char path[600], line[512];
    snprintf(path, sizeof path, "%s/requests/%s", stick_run(), a->id);
    int n = snprintf(line, sizeof line, "%s %s\n", names[act], dir);
    if (n <= 0 || (size_t)n >= sizeof line) {
        snprintf(err, cap, "%s: the name is too long", dir);
        return false;
    }
    /* One write, right after the file is made: the service waits for the
     * line's end. */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0640);
    if (fd < 0 || write(fd, line, (size_t)n) != n) {
        snprintf(err, cap, "%s: %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(path);
        }
        return false;
    }
    close(fd);
    mb_log(LOG_INFO, "stick: asked %s for %s (%s)", names[act], dir, a->id);
    return true;
}

/* The answer to id in the status file, if it is there: "ID RESULT ACTION"
 * and the line saying what was done. */
static StickAnswer stick_read_answer(const char *id, char *msg, size_t cap)
{
    char path[600], buf[1024];
    snprintf(path, sizeof path, "%s/stick/status", stick_run());
    FILE *f = fopen(path, "re");
    if (!f)
        return STICK_WAITING;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    size_t idn = strlen(id);
    if (strncmp(buf, id, idn) || buf[idn] != ' ')
        return STICK_WAITING;
    char *nl = strchr(buf, '\n');
    const char *say = nl ? nl + 1 : "";
    snprintf(msg, cap, "%.*s", (int)strcspn(say, "\n"), say);
    return !strncmp(buf + idn + 1, "ok ", 3) ? STICK_DONE : STICK_FAILED;
}

StickAnswer screen_stick_answer(StickAsk *a, int wait_ms, char *msg, size_t cap)
{
    uint64_t until = stick_clock_ms() + (uint64_t)(wait_ms > 0 ? wait_ms : 0);
    msg[0] = 0;
    for (;;) {
        StickAnswer got = stick_read_answer(a->id, msg, cap);
        if (got != STICK_WAITING) {
            mb_log(got == STICK_DONE ? LOG_INFO : LOG_WARN, "stick: %s: %s", a->id, msg);
            return got;
        }
        uint64_t now = stick_clock_ms();
        if (now >= a->deadline_ms) {
            mb_log(LOG_WARN, "stick: no answer to %s from the stick service", a->id);
            return STICK_NO_ANSWER;
        }
        if (now >= until)
            return STICK_WAITING;
        struct timespec nap = {0, 5 * 1000000L};
        nanosleep(&nap, NULL);
    }
}
