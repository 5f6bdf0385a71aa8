/* libFuzzer target for the Moodle XML reader: any bytes must give questions
 * or located errors, never a crash, a hang or a read past the buffer (the
 * input is copied to an exact-size allocation, so ASan sees any over-read),
 * and every image it keeps must be a file of the media folder within the
 * limits. Seeds: tests/fuzz/corpus/moodle_xml/. */
#include "mingbai/pack.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = mb_xmalloc(size ? size : 1);
    if (size)
        memcpy(copy, data, size);
    Arena arena = {0};
    Diags diags = {0};
    QuestionList q;
    PackFiles media = {0};
    PackLimits lim = pack_limits_default();
    lim.max_image_file = 64 * 1024;
    MoodleXmlMedia m = {.dir = "media/f.en/", .out = &media, .lim = &lim};
    int errors = pack_moodle_xml_parse("fuzz.xml", copy, size, &arena, &m, &q, &diags);
    if (errors != diags.errors)
        abort();
    for (size_t i = 0; i < diags.count; i++)
        if (diags.items[i].line < 1 || diags.items[i].col < 1)
            abort(); /* every message must say where */
    for (size_t i = 0; i < media.count; i++)
        if (strncmp(media.items[i].path, "media/f.en/", 11) || media.items[i].len > lim.max_image_file)
            abort();
    pack_files_free(&media);
    diags_free(&diags);
    arena_reset(&arena);
    free(copy);
    return 0;
}
