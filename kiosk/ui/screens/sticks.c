/* Where the instructor's USB stick is: the folder named by an environment
 * variable when it is set (a folder standing in for a stick), else every
 * file system mounted under /media/, /run/media/ or /mnt/, as Debian and
 * Raspberry Pi OS mount a stick (/media/USER/LABEL with udisks,
 * /media/LABEL with usbmount, /run/media/USER/LABEL elsewhere). */
#include "sticks.h"

#include "mingbai/core.h"

#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
