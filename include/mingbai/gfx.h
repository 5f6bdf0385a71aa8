/* gfx: executes a draw list on an SDL_Renderer and takes screenshots.
 * Ownership: the renderer and the text engine stay the caller's; the Gfx
 * keeps borrowed pointers to them, so both must outlive it. The image
 * textures it makes on the renderer belong to the Gfx. */
#ifndef MINGBAI_GFX_H
#define MINGBAI_GFX_H

#include <SDL.h>

#include "mingbai/core.h"
#include "mingbai/text.h"

typedef struct Gfx Gfx;

/* Returns a new Gfx drawing with r and te (borrowed, and te is attached to
 * r); the caller frees it with gfx_free(). */
Gfx *gfx_new(SDL_Renderer *r, TextEngine *te);
/* Frees g and its image textures; r and te are left alone. Call it before
 * the renderer is destroyed. gfx_free(NULL) does nothing. */
void gfx_free(Gfx *g);
/* Draws the list (clear, commands) without presenting. dl is read during
 * the call: its text layouts must be from the current text frame (see
 * text_engine_frame()). An image is decoded at the size it is drawn (never
 * at a larger one) and its texture cached by the address of its encoded
 * bytes and that size, the cache bounded in bytes; bytes freed or changed
 * at the same address need a gfx_reset_textures() before they are drawn
 * again. */
void gfx_draw(Gfx *g, const DrawList *dl);
/* Drops every texture (images, atlas); call on render device/targets reset. */
void gfx_reset_textures(Gfx *g);
/* Writes what the renderer holds now as a PNG at path (created or
 * replaced). Returns 0 or MB_ERR_IO. */
int gfx_screenshot(Gfx *g, const char *path);

#endif
