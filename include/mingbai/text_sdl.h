/* Drawing laid-out text on an SDL_Renderer (for gfx and benchmarks). */
#ifndef MINGBAI_TEXT_SDL_H
#define MINGBAI_TEXT_SDL_H

#include <SDL.h>

#include "mingbai/text.h"

/* Gives the engine the renderer its atlas textures belong to. */
void text_engine_attach(TextEngine *te, SDL_Renderer *r);
/* Drops every atlas texture; glyphs are rasterised again when next drawn.
 * Call on SDL_RENDER_TARGETS_RESET and SDL_RENDER_DEVICE_RESET. */
void text_engine_reset_textures(TextEngine *te);
/* Draws l with its top-left at x, y; muted text uses muted colour. */
void text_draw(TextEngine *te, const TextLayout *l, int x, int y, Color color, Color muted);

#endif
