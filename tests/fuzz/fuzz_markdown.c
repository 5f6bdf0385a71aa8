/* libFuzzer target: Markdown units into blocks. Any bytes must give blocks or
 * located errors, never a crash; spans must lie inside their block's text. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mingbai/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena arena = {0};
    Diags d = {0};
    Doc doc;
    pack_md_parse("unit.md", (const char *)data, size, &arena, &doc, &d);
    for (size_t i = 0; i < doc.count; i++) {
        const Block *b = &doc.blocks[i];
        size_t len = b->text ? strlen(b->text) : 0;
        for (size_t k = 0; k < b->nspans; k++)
            if ((size_t)b->spans[k].start + b->spans[k].len > len || !b->spans[k].len)
                __builtin_trap();
        if (b->line < 1 || (b->kind == BLK_IMAGE && !b->src))
            __builtin_trap();
    }
    arena_reset(&arena);
    diags_free(&d);
    return 0;
}
