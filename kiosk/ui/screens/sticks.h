/* Where the instructor's USB stick is (sticks.c). */
#ifndef MINGBAI_UI_STICKS_H
#define MINGBAI_UI_STICKS_H

#include <stddef.h>

/* A stick's folder. */
typedef struct {
    char path[400];
} ScreenStick;
/* The sticks to read from or write to, at most max into out: the folder in
 * the environment variable env_var (may be NULL) when it is set, else each
 * file system mounted under /media/, /run/media/ or /mnt/ as the mount
 * table mounts (NULL: /proc/mounts) lists them, in its order. Returns how
 * many. */
size_t screen_sticks(const char *env_var, const char *mounts, ScreenStick *out, size_t max);

#endif
