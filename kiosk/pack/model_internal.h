/* What the pack model's files lend to the readers in kiosk/pack/: adding a
 * file whose buffers the list takes over, and reading an image's header as
 * the kind its name says. Private to kiosk/pack/. */
#ifndef MINGBAI_PACK_MODEL_INTERNAL_H
#define MINGBAI_PACK_MODEL_INTERNAL_H

#include "mingbai/pack_model.h"

/* Appends an entry that owns path and data (both from malloc; data has a NUL
 * after len bytes, so text parsers may treat it as a C string). */
void pack_files_push(PackFiles *f, char *path, unsigned char *data, size_t len);

/* Reads the pixel size a PNG (png) or JPEG (!png) declares. Returns false
 * when the file is not that kind, or is a JPEG whose frame header (its
 * size) cannot be found as libjpeg looks for it. */
bool pack_image_header_size(const PackFile *f, bool png, uint32_t *w, uint32_t *h);
/* Whether f is a progressive JPEG (decoded whole, not row by row). */
bool pack_jpeg_progressive(const PackFile *f);

#endif
