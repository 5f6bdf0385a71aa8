/* Inside gfx: decoding a pack's picture at the size it is shown (image.c). */
#ifndef MINGBAI_GFX_INTERNAL_H
#define MINGBAI_GFX_INTERNAL_H

#include <SDL.h>

#include "mingbai/core.h"

/* The largest picture decoded: as pack check allows (kiosk/pack/pack_check.c). */
#define IMAGE_DECODE_MAX_SIDE 8192u
#define IMAGE_DECODE_MAX_PIXELS (4096u * 4096u)
/* The most pixels one picture keeps once decoded: a full-HD screen's. */
#define IMAGE_SHOWN_MAX_PIXELS (1920.0 * 1080.0)
/* libjpeg's working memory for one picture: beyond it the decode fails. A
 * progressive JPEG keeps all its coefficients, 2 bytes a sample: pack check
 * allows one of at most 1920 x 1080 pixels (kiosk/pack/pack_check.c), 16
 * MiB with four full samples a pixel. */
#define IMAGE_JPEG_MEMORY (20L << 20)

/* The PNG or JPEG in data decoded to at most want_w x want_h pixels (never
 * more than its own size, the ratio kept by the caller's box), as an RGBA32
 * surface the caller frees; NULL, logged, when it cannot be decoded. Peak
 * memory: the shown size in RGBA and one row of the picture (an interlaced
 * PNG: 16 bytes more a shown pixel; a JPEG: libjpeg's, capped). */
SDL_Surface *image_decode_fit(const void *data, size_t len, int want_w, int want_h);

#endif
