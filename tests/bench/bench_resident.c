/* A known amount of resident memory, for tests/bench/memory_qemu.sh to
 * check what it counts as the guest's under qemu-user: allocates MIB MiB,
 * writes every byte, prints the mappings it sees (/proc/self/maps: under
 * qemu-user its emulation, in guest addresses), then the line "ready", and
 * waits until it is killed or its input ends.
 * Run: build/tests/bench/bench_resident [MIB] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    long mib = argc > 1 ? atol(argv[1]) : 0;
    size_t n = (size_t)mib << 20;
    volatile char *p = NULL;
    if (n) {
        char *block = malloc(n);
        if (!block) {
            fprintf(stderr, "bench_resident: cannot allocate %ld MiB\n", mib);
            return 1;
        }
        memset(block, 1, n);
        p = block;
    }
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    while (f && fgets(line, sizeof line, f))
        fputs(line, stdout);
    if (f)
        fclose(f);
    printf("ready\n");
    fflush(stdout);
    while (getchar() != EOF)
        ;
    return p ? p[n - 1] != 1 : 0;
}
