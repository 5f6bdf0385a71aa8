/* libFuzzer target: a zip archive from a USB stick, read in memory (libzip
 * over zip_source_buffer_create, inside pack_files_read_zip_mem) and, when it
 * passes, built into a pack. Any bytes must give files or messages within
 * the limits, never a crash, a leak or a read beyond the input. */
#include <stddef.h>
#include <stdint.h>

#include "mingbai/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    PackLimits lim = pack_limits_default();
    PackFiles files;
    Diags d = {0};
    if (pack_files_read_zip_mem(data, size, "fuzz.zip", &lim, &files, &d) == 0) {
        if (files.total_bytes > lim.max_total || files.count > lim.max_files)
            __builtin_trap();
        Pack *p = NULL;
        pack_build(&files, "fuzz.zip", &p, &d);
        pack_free(p);
    }
    pack_files_free(&files);
    diags_free(&d);
    return 0;
}
