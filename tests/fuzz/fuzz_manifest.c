/* libFuzzer target: pack.ini and glossary.ini text (both go through the same
 * inih line reader). Any bytes must give fields or located messages, never
 * a crash, a leak or undefined behaviour. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "mingbai/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Diags d = {0};
    Pack manifest = {0};
    pack_manifest_parse("pack.ini", (const char *)data, size, &manifest, &d);
    /* The glossary checks each term against the manifest's languages. */
    Pack glossary = {0};
    memcpy(glossary.has_lang, manifest.has_lang, sizeof glossary.has_lang);
    pack_glossary_parse("glossary.ini", (const char *)data, size, &glossary, &d);
    for (size_t i = 0; i < glossary.nglossary; i++)
        if (pack_glossary_find(&glossary, glossary.glossary[i].id) == NULL)
            __builtin_trap(); /* every parsed term can be found again */
    arena_reset(&manifest.arena);
    arena_reset(&glossary.arena);
    diags_free(&d);
    return 0;
}
