/* libFuzzer target: whole-pack checking (pack_build) without the zip layer,
 * whose checksums would hide most mutations. The input is a list of files,
 * each introduced by a line "@@ path" and followed by its bytes. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mingbai/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *find(const char *s, const char *end, const char *pat)
{
    size_t n = strlen(pat);
    for (; s + n <= end; s++)
        if (!memcmp(s, pat, n))
            return s;
    return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    PackFiles files = {0};
    const char *s = (const char *)data, *end = s + size;
    while (s < end && files.count < 64) {
        const char *mark = find(s, end, "@@ ");
        if (!mark)
            break;
        const char *name = mark + 3;
        const char *nl = memchr(name, '\n', (size_t)(end - name));
        if (!nl)
            break;
        const char *body = nl + 1;
        const char *next = find(body, end, "\n@@ ");
        const char *body_end = next ? next + 1 : end;
        char path[256];
        size_t n = MB_MIN((size_t)(nl - name), sizeof path - 1);
        memcpy(path, name, n);
        path[n] = 0;
        pack_files_add(&files, path, body, (size_t)(body_end - body));
        s = body_end;
    }
    Diags d = {0};
    Pack *p = NULL;
    if (pack_build(&files, "fuzz", &p, &d) == 0) {
        for (size_t u = 0; u < p->nunits; u++)
            for (int l = 0; l < LANG_COUNT; l++)
                for (size_t i = 0; i < p->units[u].lang[l].quiz.count; i++) {
                    const Question *q = &p->units[u].lang[l].quiz.items[i];
                    if (q->id && unit_question(&p->units[u], (Lang)l, q->id) == NULL)
                        __builtin_trap();
                }
    }
    pack_free(p);
    diags_free(&d);
    return 0;
}
