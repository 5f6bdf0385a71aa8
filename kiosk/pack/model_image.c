/* The pixel size a pack's PNG or JPEG declares in its header, for the
 * pack's image checks and for ui's layout before decoding. Input is
 * untrusted bytes of any length: every read is bounded by the file's
 * length. A JPEG's markers are found as libjpeg finds them (bytes other
 * than 0xFF between segments skipped, fill bytes 0xFF skipped), so that the
 * size read here is the one the decoder will see; a JPEG whose frame
 * header cannot be found that way is not a picture. */
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

/* Where the next marker's code is, at or after i, as libjpeg's
 * next_marker() looks: stray bytes, fill bytes and a stuffed 0xFF 0x00
 * skipped. n when there is none. */
static size_t jpeg_next_marker(const unsigned char *d, size_t n, size_t i)
{
    for (;;) {
        while (i < n && d[i] != 0xFF)
            i++;
        while (i < n && d[i] == 0xFF)
            i++;
        if (i >= n)
            return n;
        if (d[i] != 0)
            return i;
        i++;
    }
}

/* The frame header (SOF) of a JPEG, its size and marker: false when the
 * markers end, or the scan starts, before one. */
static bool jpeg_frame(const unsigned char *d, size_t n, uint32_t *w, uint32_t *h, unsigned *sof)
{
    size_t i = 2;
    for (;;) {
        i = jpeg_next_marker(d, n, i);
        if (i >= n)
            return false;
        unsigned m = d[i++];
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue;
        if (m == 0xD9 || m == 0xDA || i + 2 > n)
            return false;
        size_t seg = be(d + i, 2);
        bool frame = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (frame) {
            if (seg < 8 || i + 7 > n)
                return false;
            *h = be(d + i + 3, 2);
            *w = be(d + i + 5, 2);
            *sof = m;
            return true;
        }
        if (seg < 2)
            return false;
        i += seg;
    }
}

bool pack_image_header_size(const PackFile *f, bool png, uint32_t *w, uint32_t *h)
{
    const unsigned char *d = f->data;
    size_t n = f->len;
    *w = *h = 0;
    if (png)
        return n >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8) && !memcmp(d + 12, "IHDR", 4) &&
               (*w = be(d + 16, 4), *h = be(d + 20, 4), true);
    unsigned sof;
    return n >= 4 && d[0] == 0xFF && d[1] == 0xD8 && jpeg_frame(d, n, w, h, &sof);
}

bool pack_jpeg_progressive(const PackFile *f)
{
    uint32_t w, h;
    unsigned sof = 0;
    const unsigned char *d = f->data;
    return f->len >= 4 && d[0] == 0xFF && d[1] == 0xD8 && jpeg_frame(d, f->len, &w, &h, &sof) &&
           (sof & 3) == 2; /* SOF2, SOF6, SOF10, SOF14 */
}

bool pack_image_size(const PackFile *f, uint32_t *w, uint32_t *h)
{
    bool png = f->len >= 8 && !memcmp(f->data, "\x89PNG", 4);
    return pack_image_header_size(f, png, w, h) && *w > 0 && *h > 0;
}
