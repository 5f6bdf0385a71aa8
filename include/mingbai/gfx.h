/* gfx: executes a draw list on an SDL_Renderer and takes screenshots. */
#ifndef MINGBAI_GFX_H
#define MINGBAI_GFX_H

#include <SDL.h>

#include "mingbai/core.h"
#include "mingbai/text.h"

typedef struct Gfx Gfx;

/* Returns a new Gfx drawing with r and te; free with gfx_free(). */
Gfx *gfx_new(SDL_Renderer *r, TextEngine *te);
void gfx_free(Gfx *g);
/* Draws the list (clear, commands) without presenting. */
void gfx_draw(Gfx *g, const DrawList *dl);
/* Drops every texture (images, atlas); call on render device/targets reset. */
void gfx_reset_textures(Gfx *g);
/* Writes what the renderer holds now as a PNG. Returns 0 or MB_ERR_IO. */
int gfx_screenshot(Gfx *g, const char *path);

#endif
