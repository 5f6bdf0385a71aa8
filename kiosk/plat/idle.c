/* The console's idle wait: see plat_internal.h. SDL reads the input
 * devices through descriptors of its own; each open descriptor of an evdev
 * device gets every event, so ours wake the kiosk without taking anything
 * from SDL, which then pumps the events as usual. */
#include "mingbai/plat.h"
#include "plat_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#define IDLE_MAX_FDS 64

static struct {
    bool on;
    int wake[2];               /* the pipe plat_idle_wake() writes */
    int watch;                 /* inotify on /dev/input, or -1 */
    int devs[IDLE_MAX_FDS];
    int ndevs;
} idle = {.wake = {-1, -1}, .watch = -1};

static const char *idle_input_dir(void)
{
    const char *dev = getenv("MINGBAI_INPUT_DIR");
    return dev ? dev : "/dev/input";
}

/* (Re)opens every readable /dev/input/event*. */
static void idle_open_devices(void)
{
    for (int i = 0; i < idle.ndevs; i++)
        close(idle.devs[i]);
    idle.ndevs = 0;
    DIR *d = opendir(idle_input_dir());
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d)) && idle.ndevs < IDLE_MAX_FDS) {
        if (strncmp(de->d_name, "event", 5))
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", idle_input_dir(), de->d_name);
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0)
            idle.devs[idle.ndevs++] = fd;
    }
    closedir(d);
}

bool plat_idle_open(void)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    if (!drv || (strcmp(drv, "KMSDRM") && strcmp(drv, "kmsdrm") && strcmp(drv, "offscreen") &&
                 strcmp(drv, "dummy") && strcmp(drv, "evdev")))
        return false; /* X11 and Wayland wait on their connection themselves */
    if (pipe(idle.wake))
        return false;
    for (int i = 0; i < 2; i++) {
        fcntl(idle.wake[i], F_SETFL, O_NONBLOCK);
        fcntl(idle.wake[i], F_SETFD, FD_CLOEXEC);
    }
    idle.watch = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (idle.watch >= 0 &&
        inotify_add_watch(idle.watch, idle_input_dir(), IN_CREATE | IN_ATTRIB | IN_DELETE) < 0) {
        close(idle.watch);
        idle.watch = -1;
    }
    idle_open_devices();
    idle.on = true;
    return true;
}

static void drain(int fd)
{
    char buf[1024];
    while (read(fd, buf, sizeof buf) > 0)
        ;
}

void plat_idle_wait(int timeout_ms)
{
    struct pollfd fds[IDLE_MAX_FDS + 2];
    int n = 0;
    fds[n++] = (struct pollfd){.fd = idle.wake[0], .events = POLLIN};
    if (idle.watch >= 0)
        fds[n++] = (struct pollfd){.fd = idle.watch, .events = POLLIN};
    for (int i = 0; i < idle.ndevs; i++)
        fds[n++] = (struct pollfd){.fd = idle.devs[i], .events = POLLIN};
    int got = poll(fds, (nfds_t)n, timeout_ms);
    if (got <= 0)
        return;
    bool reopen = false;
    for (int i = 0; i < n; i++) {
        if (!fds[i].revents)
            continue;
        if (fds[i].revents & (POLLERR | POLLHUP | POLLNVAL))
            reopen = true; /* a device unplugged */
        else
            drain(fds[i].fd);
        if (fds[i].fd == idle.watch)
            reopen = true; /* a device plugged in, or its permissions changed */
    }
    if (reopen)
        idle_open_devices();
}

void plat_idle_wake(void)
{
    if (idle.wake[1] >= 0) {
        char c = 1;
        ssize_t w = write(idle.wake[1], &c, 1);
        (void)w;
    }
}

void plat_idle_close(void)
{
    if (!idle.on)
        return;
    for (int i = 0; i < idle.ndevs; i++)
        close(idle.devs[i]);
    if (idle.watch >= 0)
        close(idle.watch);
    close(idle.wake[0]);
    close(idle.wake[1]);
    idle.ndevs = 0;
    idle.watch = -1;
    idle.wake[0] = idle.wake[1] = -1;
    idle.on = false;
}
