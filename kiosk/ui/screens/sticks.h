/* Where the instructor's USB stick is, and asking the board to mount it
 * writable or to unmount it (sticks.c). */
#ifndef MINGBAI_UI_STICKS_H
#define MINGBAI_UI_STICKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* ---- the board's stick service (board/debian/stick) ----
 * On the board a stick is mounted read-only; for an export the kiosk asks
 * root's service, through a file in $MINGBAI_STICK_RUN/requests/ (default
 * /run/mingbai), to mount it writable with sync, read-only again, or not
 * at all so that it can be pulled, and reads the answer in
 * $MINGBAI_STICK_RUN/stick/status. Elsewhere (a desktop, the tests) a
 * stick that is writable is written directly. */
typedef enum { STICK_RW, STICK_RO, STICK_EJECT } StickAction;
typedef enum { STICK_WAITING, STICK_DONE, STICK_FAILED, STICK_NO_ANSWER } StickAnswer;
/* A request on its way. */
typedef struct {
    char id[48];
    uint64_t deadline_ms; /* on the monotonic clock */
} StickAsk;
/* The kiosk can write in dir now: a folder, not on a read-only mount, and
 * writable for this user. */
bool screen_stick_writable(const char *dir);
/* The service takes requests: its request folder is there and writable. */
bool screen_stick_service(void);
/* Leaves the request act for the stick mounted on dir; its answer is due
 * within $MINGBAI_STICK_WAIT_MS (default 20 s). False, with why in err,
 * when the request cannot be left. */
bool screen_stick_ask(StickAsk *a, StickAction act, const char *dir, char *err, size_t cap);
/* Looks for the answer to a, for up to wait_ms (a frame's worth): what the
 * service did (msg: its line saying so), or STICK_WAITING, or
 * STICK_NO_ANSWER once the time is up. */
StickAnswer screen_stick_answer(StickAsk *a, int wait_ms, char *msg, size_t cap);

#endif
