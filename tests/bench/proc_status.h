/* The benchmarks' reading of their own memory (bench_bare.c, bench_memory.c):
 * a line of /proc/self/status in KiB ("VmHWM", "VmRSS", "RssAnon", ...), or
 * -1 when there is none. */
#ifndef MINGBAI_BENCH_PROC_STATUS_H
#define MINGBAI_BENCH_PROC_STATUS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline long status_kib(const char *key)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    size_t n = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, key, n) && line[n] == ':')
            v = atol(line + n + 1);
    if (f)
        fclose(f);
    return v;
}

#endif
