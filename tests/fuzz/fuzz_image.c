/* Fuzz target: a pack's picture decoded at the size it is shown
 * (kiosk/gfx/image.c), the bytes being a PNG or JPEG from an untrusted
 * pack. Each input is decoded into a large box (a full screen) and a tiny
 * one (a thumbnail, several source pixels to one), so that both the
 * scaler's paths and libjpeg's reduced decoding are reached. A decoded
 * picture is never larger than its box nor than its own size. */
#include <stdint.h>
#include <stdlib.h>

#include "gfx/gfx_internal.h"

static void decode(const uint8_t *data, size_t size, int w, int h)
{
    SDL_Surface *s = image_decode_fit(data, size, w, h);
    if (!s)
        return;
    if (s->w < 1 || s->h < 1 || s->w > w || s->h > h || s->format->BytesPerPixel != 4)
        abort();
    /* Every pixel row is written: reading it all lets a sanitizer see one
     * that was not. */
    volatile uint32_t sum = 0;
    for (int y = 0; y < s->h; y++) {
        const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < s->w; x++)
            sum += row[x];
    }
    (void)sum;
    SDL_FreeSurface(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mb_log_set_level(LOG_ERROR);
    decode(data, size, 1920, 1080);
    decode(data, size, 7, 3);
    return 0;
}
