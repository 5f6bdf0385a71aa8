/* The kiosk on a board's console (KMSDRM, no desktop): which DRM card has
 * the display, whether /dev/dri and /dev/input can be opened, refusing an
 * invisible video driver, and the service manager's readiness and watchdog
 * (sd_notify, when built with libsystemd). */
#include "mingbai/plat.h"
#include "plat_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef MINGBAI_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

bool plat_read_line(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    bool ok = fgets(buf, (int)n, f) != NULL;
    fclose(f);
    if (ok)
        buf[strcspn(buf, "\n")] = 0;
    return ok;
}

int plat_console_card(const char *sysfs)
{
    DIR *d = opendir(sysfs);
    if (!d)
        return -1;
    struct dirent *de;
    int best = -1;
    while ((de = readdir(d))) {
        /* connectors: card<N>-<type>-<n>, such as card1-HDMI-A-1, card0-DSI-1 */
        int card, len = 0;
        if (sscanf(de->d_name, "card%d-%n", &card, &len) != 1 || len == 0)
            continue;
        char path[512], status[64];
        snprintf(path, sizeof path, "%s/%s/status", sysfs, de->d_name);
        if (plat_read_line(path, status, sizeof status) && !strcmp(status, "connected") &&
            (best < 0 || card < best))
            best = card;
    }
    closedir(d);
    return best;
}

void plat_console_pick_card(void)
{
    const char *sysfs = getenv("MINGBAI_SYSFS_DRM");
    int card = plat_console_card(sysfs ? sysfs : "/sys/class/drm");
    if (card < 0) {
        mb_log(LOG_WARN, "no DRM card reports a connected display (/sys/class/drm/card*-*/status)");
        return;
    }
    if (getenv("SDL_KMSDRM_DEVICE_INDEX"))
        return; /* the engineer chose */
    char idx[16];
    snprintf(idx, sizeof idx, "%d", card);
    /* SDL 2.26 reads the environment; later versions also the hint. */
    setenv("SDL_KMSDRM_DEVICE_INDEX", idx, 1);
    SDL_SetHint("SDL_KMSDRM_DEVICE_INDEX", idx);
    mb_log(LOG_INFO, "display: /dev/dri/card%d has the connected display", card);
}

/* Counts the nodes of dir whose names start with prefix, and those of them
 * that can be opened for mode. */
static void count_access(const char *dir, const char *prefix, int mode, int *all, int *ok)
{
    *all = *ok = 0;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (strncmp(de->d_name, prefix, strlen(prefix)))
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        (*all)++;
        if (access(path, mode) == 0)
            (*ok)++;
    }
    closedir(d);
}

unsigned plat_console_access(void)
{
    const char *dev = getenv("MINGBAI_DEV_DIR");
    char dri[256], input[256];
    snprintf(dri, sizeof dri, "%s/dri", dev ? dev : "/dev");
    snprintf(input, sizeof input, "%s/input", dev ? dev : "/dev");
    unsigned problems = 0;
    int all, ok;
    count_access(dri, "card", R_OK | W_OK, &all, &ok);
    if (all && !ok) {
        problems |= PLAT_NO_DRI;
        mb_log(LOG_ERROR,
               "cannot open %s/card*: the kiosk cannot show anything. Add the user to the "
               "'video' and 'render' groups (the package's service does: User=mingbai)", dri);
    } else if (!all) {
        problems |= PLAT_NO_DRI;
        mb_log(LOG_ERROR, "no %s/card*: the kernel has no display driver (KMS) loaded", dri);
    }
    count_access(input, "event", R_OK, &all, &ok);
    if (all && !ok) {
        problems |= PLAT_NO_INPUT;
        mb_log(LOG_ERROR,
               "cannot read %s: touches will not reach the kiosk. Add the user to the "
               "'input' group (sudo usermod -aG input $USER) and log in again", input);
    }
    return problems;
}

bool plat_driver_invisible(void)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    return drv && (!strcmp(drv, "offscreen") || !strcmp(drv, "dummy") ||
                   !strcmp(drv, "evdev"));
}

/* ---- the service manager ---- */

static uint64_t plat_wd_usec; /* WatchdogSec, 0: none */
static uint64_t plat_wd_last;

void plat_service_ready(void)
{
#ifdef MINGBAI_SYSTEMD
    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0)
        plat_wd_usec = usec;
    sd_notify(0, "READY=1");
#endif
}

int plat_service_watchdog(uint64_t now_ms)
{
    if (!plat_wd_usec)
        return -1;
    /* Fed three times per period: a late wake-up still comes in time. */
    uint64_t every = plat_wd_usec / 3000;
    if (every < 1)
        every = 1;
    if (!plat_wd_last || now_ms - plat_wd_last >= every) {
#ifdef MINGBAI_SYSTEMD
        sd_notify(0, "WATCHDOG=1");
#endif
        plat_wd_last = now_ms;
    }
    uint64_t next = plat_wd_last + every;
    return next > now_ms ? (int)(next - now_ms) : 0;
}

void plat_service_stopping(void)
{
#ifdef MINGBAI_SYSTEMD
    sd_notify(0, "STOPPING=1");
#endif
}
