/* What the files of plat share (not for other modules). */
#ifndef MINGBAI_PLAT_INTERNAL_H
#define MINGBAI_PLAT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/* The console's idle wait (idle.c): with a video driver that cannot wait
 * for input itself (SDL 2.26's KMSDRM, offscreen, dummy: SDL_WaitEvent
 * pumps and sleeps 1 ms, a thousand wake-ups a second), the kiosk sleeps
 * in poll() on the input devices (/dev/input/event*, our own descriptors,
 * read only to be emptied), /dev/input itself (a device plugged in) and a
 * pipe that plat_idle_wake() writes. */
/* Starts it when the current video driver needs it; true when it does. */
bool plat_idle_open(void);
/* Sleeps until an input device or the pipe is readable, or timeout_ms
 * (-1: no limit) has passed; what woke it is emptied. */
void plat_idle_wait(int timeout_ms);
/* Wakes plat_idle_wait() (from any thread, async-signal-safe). */
void plat_idle_wake(void);
void plat_idle_close(void);

/* Reads the first line of path (a file of /sys) into buf, without its
 * newline; false when it cannot be read (console.c). */
bool plat_read_line(const char *path, char *buf, size_t n);

/* SDL's blocks of 1 MiB or more, the window's framebuffer above all, in
 * mappings of transparent huge pages (memory.c): the framebuffer is then
 * one page fault where it was one for each 4 KiB (375 at 800x480), about
 * a sixth of the CPU time to the first frame. Only where the kernel
 * gives huge pages to the mappings that ask (THP "always" or "madvise") and
 * they are at most 4 MiB (not a 16 KiB-page arm64 kernel's 32 MiB), which
 * the first such block finds out; elsewhere malloc's. Called before SDL
 * allocates anything, from plat_prepare(). */
void plat_memory_use_huge_pages(void);
/* Whether SDL's large blocks are in huge pages here. */
bool plat_memory_huge_pages(void);

#endif
