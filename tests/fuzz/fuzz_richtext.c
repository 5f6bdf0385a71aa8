/* libFuzzer target: a question's formatted text (pack_rich_text). The first
 * byte picks the format, the rest is the text, also given as the file it
 * stands in so that tags are placed. Any bytes must give blocks or
 * warnings, never a crash; spans lie inside their block's text, pictures
 * name a file, warnings a place in the file, and no block nor the plain
 * text holds a script's or a style's content (seeded as "SECRET"). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mingbai/pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const TextFormat formats[] = {TF_HTML, TF_MOODLE, TF_PLAIN, TF_MARKDOWN};
    TextFormat f = formats[data[0] % 4];
    char *raw = malloc(size);
    memcpy(raw, data + 1, size - 1);
    raw[size - 1] = 0;
    size_t n = strlen(raw);
    if (!utf8_valid(raw, n, NULL)) { /* the GIFT reader passes UTF-8 only */
        free(raw);
        return 0;
    }
    Arena arena = {0};
    Diags d = {0};
    PackFiles files = {0};
    pack_files_add(&files, "media/a.png", "x", 1);
    RichWhere at = {.path = "q.gift", .src = raw, .srclen = n, .line = 1, .col = 1,
                    .files = &files};
    RichText rt;
    pack_rich_text(raw, f, &at, &arena, &rt, &d);
    for (size_t i = 0; i < rt.count; i++) {
        const Block *b = &rt.blocks[i];
        size_t len = b->text ? strlen(b->text) : 0;
        for (size_t k = 0; k < b->nspans; k++)
            if ((size_t)b->spans[k].start + b->spans[k].len > len || !b->spans[k].len)
                __builtin_trap();
        if (b->kind == BLK_IMAGE && (!b->src || strcmp(b->src, "media/a.png")))
            __builtin_trap();
    }
    if (!rt.plain)
        __builtin_trap();
    /* SECRET, inside a script or a style, is never shown: checked where
     * its capitals appear nowhere else (so that no text around it can
     * spell it), every '<' is closed by a '>' before the next '<' (a
     * broken tag such as "<li<script>" is text for a browser too), and
     * SECRET is in no attribute's value, closed or not (alt="<script>
     * SECRET</script>" is a picture's caption, shown as text); a quote
     * opens a value only just after '=', as the HTML parser reads it */
    const char *sec = strstr(raw, "SECRET");
    bool only = sec != NULL, open = false;
    char quote = 0, last = 0; /* last: the tag's last character not a space */
    for (const char *p = raw; *p && only; p++) {
        if (strchr("SECRT", *p) && (p < sec || p >= sec + 6))
            only = false;
        if (quote) {
            if (*p == quote)
                quote = 0;
            else if (p >= sec && p < sec + 6)
                only = false; /* in an attribute's value: shown, as a caption */
        } else if (*p == '<') {
            only = only && !open, open = true, last = '<';
        } else if (*p == '>') {
            open = false;
        } else if (open && (*p == '"' || *p == '\'') && last == '=') {
            quote = *p; /* a quote opens a value only after '=' ('<b x;">' has none) */
        }
        if (open && !quote && !strchr(" \t\r\n", *p))
            last = *p;
    }
    open = open || quote;
    bool hidden = only && !open &&
                  (strstr(raw, "<script>SECRET</script>") || strstr(raw, "<style>SECRET</style>"));
    if ((f == TF_HTML || f == TF_MOODLE) && hidden && strstr(rt.plain, "SECRET"))
        __builtin_trap();
    for (size_t i = 0; i < d.count; i++)
        if (d.items[i].level == DIAG_WARNING && (d.items[i].line < 1 || d.items[i].col < 1))
            __builtin_trap();
    pack_files_free(&files);
    arena_reset(&arena);
    diags_free(&d);
    free(raw);
    return 0;
}
