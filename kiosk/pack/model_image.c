/* The pixel size a pack's PNG or JPEG declares in its header, for the
 * pack's image checks and for ui's layout before decoding. Input is
 * untrusted bytes of any length: every read is bounded by the file's
 * length, and a garbled JPEG after its start marker is left to the decoder. */
#include "mingbai/pack_model.h"

#include <string.h>

#include "model_internal.h"

static uint32_t be(const unsigned char *p, int n)
{
    uint32_t v = 0;
    for (int i = 0; i < n; i++)
        v = (v << 8) | p[i];
    return v;
}

bool pack_image_header_size(const PackFile *f, bool png, uint32_t *w, uint32_t *h)
{
    const unsigned char *d = f->data;
    size_t n = f->len;
    *w = *h = 0;
    if (png)
        return n >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4) &&
               (*w = be(d + 16, 4), *h = be(d + 20, 4), true);
    if (n < 4 || d[0] != 0xFF || d[1] != 0xD8)
        return false;
    size_t i = 2;
    while (i + 4 <= n) {
        if (d[i] != 0xFF)
            return true; /* garbled after the start: the decoder will say */
        unsigned m = d[i + 1];
        if (m == 0xFF) {
            i++;
            continue;
        }
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
            i += 2;
            continue;
        }
        size_t seg = be(d + i + 2, 2);
        bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof && i + 9 <= n) {
            *h = be(d + i + 5, 2);
            *w = be(d + i + 7, 2);
            return true;
        }
        if (m == 0xD9 || m == 0xDA || seg < 2)
            return true;
        i += 2 + seg;
    }
    return true;
}

bool pack_image_size(const PackFile *f, uint32_t *w, uint32_t *h)
{
    bool png = f->len >= 8 && !memcmp(f->data, "\x89PNG", 4);
    return pack_image_header_size(f, png, w, h) && *w > 0 && *h > 0;
}
