/* Drawing laid-out text on an SDL_Renderer (for gfx and benchmarks).
 * Ownership: the renderer stays the caller's (text_engine_attach() keeps a
 * borrowed pointer to it); the atlas textures made on it belong to the
 * TextEngine. Other pointer arguments are read during the call only. */
#ifndef MINGBAI_TEXT_SDL_H
#define MINGBAI_TEXT_SDL_H

#include <SDL.h>

#include "mingbai/text.h"

/* Gives the engine the renderer its atlas textures are made on. The engine
 * keeps r (borrowed: never destroyed by the engine) and destroys the
 * textures it made on r in text_engine_free() or when attached to another
 * renderer, so r must outlive both. */
void text_engine_attach(TextEngine *te, SDL_Renderer *r);
/* Drops every atlas texture; glyphs are rasterised again when next drawn.
 * Call on SDL_RENDER_TARGETS_RESET and SDL_RENDER_DEVICE_RESET. */
void text_engine_reset_textures(TextEngine *te);
/* Draws l (a layout of te from the current frame) with its top-left at x,
 * y; muted text uses muted colour. Draws nothing until a renderer is
 * attached. */
void text_draw(TextEngine *te, const TextLayout *l, int x, int y, Color color, Color muted);

#endif
