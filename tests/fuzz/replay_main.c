/* Runs a libFuzzer target over files without libFuzzer, so that every build
 * (gcc included) replays the seed corpus and the regressions the fuzzers
 * found: `fuzz_replay_<name> DIR|FILE...`. Each input is copied into a buffer
 * of its exact size, so that a sanitizer build sees any read past it. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mingbai/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay_file(const char *path)
{
    char *data;
    size_t len;
    if (mb_read_file(path, (size_t)64 << 20, &data, &len)) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 1;
    }
    uint8_t *exact = malloc(len ? len : 1);
    memcpy(exact, data, len);
    free(data);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

/* Replays path (a file, or every file below a folder); counts into *n. */
static int replay_path(const char *path, int *n)
{
    struct stat st;
    if (stat(path, &st)) {
        fprintf(stderr, "replay: %s does not exist\n", path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        (*n)++;
        return replay_file(path);
    }
    DIR *dir = opendir(path);
    if (!dir)
        return 1;
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dir))) {
        if (de->d_name[0] == '.')
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            names = mb_xrealloc(names, cap * sizeof *names);
        }
        names[count++] = mb_xasprintf("%s/%s", path, de->d_name);
    }
    closedir(dir);
    qsort(names, count, sizeof *names, name_cmp);
    int rc = 0;
    for (size_t i = 0; i < count; i++) {
        rc |= replay_path(names[i], n);
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int rc = 0, n = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s DIR|FILE...\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++)
        rc |= replay_path(argv[i], &n);
    printf("replayed %d inputs\n", n);
    return rc;
}
