/* Draw list -> SDL_Renderer. Rounded rectangles are drawn as spans, text by
 * the text engine's atlas, images decoded at the size they are shown
 * (image.c) and kept as textures in a cache bounded in bytes that is
 * rebuilt after a render device reset. */
#include "mingbai/gfx.h"

#include <SDL_image.h>
#include <math.h>
#include <string.h>

#include "gfx_internal.h"
#include "mingbai/lazy.h"
#include "mingbai/text_sdl.h"

/* Bytes of image textures kept: the pictures of the last frames, about a
 * full-HD screen's worth; the pictures of the frame being drawn are kept
 * even beyond it. */
#define IMAGE_CACHE_BYTES (8u << 20)
/* Entries kept for pictures that could not be decoded, so that they are
 * not decoded again every frame. */
#define IMAGE_CACHE_ENTRIES 64

typedef struct {
    const void *data; /* identity of the encoded bytes */
    int w, h;         /* the size shown */
    SDL_Texture *tex; /* NULL: it could not be decoded */
    size_t bytes;
    uint64_t used; /* frame it was last drawn in */
} ImageSlot;

struct Gfx {
    SDL_Renderer *r;
    TextEngine *te;
    ImageSlot *images;
    size_t nimages, cap;
    size_t bytes; /* of the textures in images */
    uint64_t frame;
};

Gfx *gfx_new(SDL_Renderer *r, TextEngine *te)
{
    Gfx *g = mb_xcalloc(1, sizeof *g);
    g->r = r;
    g->te = te;
    text_engine_attach(te, r);
    return g;
}

void gfx_reset_textures(Gfx *g)
{
    for (size_t i = 0; i < g->nimages; i++)
        if (g->images[i].tex)
            SDL_DestroyTexture(g->images[i].tex);
    g->nimages = 0;
    g->bytes = 0;
    text_engine_reset_textures(g->te);
}

void gfx_free(Gfx *g)
{
    if (!g)
        return;
    gfx_reset_textures(g);
    free(g->images);
    free(g);
}

static void set_color(SDL_Renderer *r, Color c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
}

static void fill_round(SDL_Renderer *r, Rect rc, int rad)
{
    rad = MB_MIN(rad, MB_MIN(rc.w, rc.h) / 2);
    if (rad <= 1) {
        SDL_Rect s = {rc.x, rc.y, rc.w, rc.h};
        SDL_RenderFillRect(r, &s);
        return;
    }
    SDL_Rect mid = {rc.x, rc.y + rad, rc.w, rc.h - 2 * rad};
    SDL_RenderFillRect(r, &mid);
    for (int i = 0; i < rad; i++) {
        double dy = rad - i - 0.5;
        int dx = (int)lround(rad - sqrt((double)rad * rad - dy * dy));
        SDL_Rect top = {rc.x + dx, rc.y + i, rc.w - 2 * dx, 1};
        SDL_Rect bot = {rc.x + dx, rc.y + rc.h - 1 - i, rc.w - 2 * dx, 1};
        SDL_RenderFillRect(r, &top);
        SDL_RenderFillRect(r, &bot);
    }
}

static void frame_round(SDL_Renderer *r, Rect rc, int rad, int th, Color c)
{
    set_color(r, c);
    if (rad <= 1) {
        for (int k = 0; k < th; k++) {
            SDL_Rect s = {rc.x + k, rc.y + k, rc.w - 2 * k, rc.h - 2 * k};
            SDL_RenderDrawRect(r, &s);
        }
        return;
    }
    /* Outline as the difference of two rounded fills, row by row. */
    rad = MB_MIN(rad, MB_MIN(rc.w, rc.h) / 2);
    for (int y = 0; y < rc.h; y++) {
        int dx_out = 0, dx_in = -1;
        if (y < rad || y >= rc.h - rad) {
            int i = y < rad ? y : rc.h - 1 - y;
            double dy = rad - i - 0.5;
            dx_out = (int)lround(rad - sqrt((double)rad * rad - dy * dy));
        }
        int iy = y - th, ih = rc.h - 2 * th, irad = MB_MAX(0, rad - th);
        if (iy >= 0 && iy < ih) {
            dx_in = 0;
            if (iy < irad || iy >= ih - irad) {
                int i = iy < irad ? iy : ih - 1 - iy;
                double dy = irad - i - 0.5;
                dx_in = (int)lround(irad - sqrt((double)irad * irad - dy * dy));
            }
        }
        if (dx_in < 0) {
            SDL_Rect s = {rc.x + dx_out, rc.y + y, rc.w - 2 * dx_out, 1};
            SDL_RenderFillRect(r, &s);
        } else {
            int l0 = rc.x + dx_out, l1 = rc.x + th + dx_in;
            SDL_Rect a = {l0, rc.y + y, MB_MAX(1, l1 - l0), 1};
            SDL_Rect b = {rc.x + rc.w - th - dx_in, rc.y + y, MB_MAX(1, l1 - l0), 1};
            SDL_RenderFillRect(r, &a);
            SDL_RenderFillRect(r, &b);
        }
    }
}

/* Drops the least recently drawn pictures, not those of this frame, until
 * room more bytes fit in the budget; and the least recently drawn at all
 * while every entry is taken. */
static void image_evict(Gfx *g, size_t room)
{
    while (g->nimages && (g->bytes + room > IMAGE_CACHE_BYTES || g->nimages >= IMAGE_CACHE_ENTRIES)) {
        size_t v = 0;
        for (size_t i = 1; i < g->nimages; i++)
            if (g->images[i].used < g->images[v].used)
                v = i;
        if (g->images[v].used == g->frame && g->nimages < IMAGE_CACHE_ENTRIES)
            return;
        if (g->images[v].tex)
            SDL_DestroyTexture(g->images[v].tex);
        g->bytes -= g->images[v].bytes;
        g->images[v] = g->images[--g->nimages];
    }
}

static ImageSlot *image_get(Gfx *g, const DrawCmd *c)
{
    for (size_t i = 0; i < g->nimages; i++) {
        ImageSlot *s = &g->images[i];
        if (s->data == c->image_data && s->w == c->r.w && s->h == c->r.h) {
            s->used = g->frame;
            return s->tex ? s : NULL;
        }
    }
    /* room first, for at most the size drawn, so that the cache and the
     * decoding are not at their peaks together */
    image_evict(g, (size_t)MB_MAX(0, c->r.w) * (size_t)MB_MAX(0, c->r.h) * 4);
    SDL_Surface *sf = image_decode_fit(c->image_data, c->image_len, c->r.w, c->r.h);
    if (!sf)
        mb_log(LOG_WARN, "image %s cannot be decoded", c->str ? c->str : "?");
    size_t bytes = sf ? (size_t)sf->w * (size_t)sf->h * 4 : 0;
    if (g->nimages == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 8;
        g->images = mb_xrealloc(g->images, g->cap * sizeof *g->images);
    }
    ImageSlot *s = &g->images[g->nimages++];
    *s = (ImageSlot){.data = c->image_data, .w = c->r.w, .h = c->r.h, .used = g->frame};
    if (sf) {
        s->tex = SDL_CreateTextureFromSurface(g->r, sf);
        SDL_FreeSurface(sf);
    }
    s->bytes = s->tex ? bytes : 0;
    g->bytes += s->bytes;
    return s->tex ? s : NULL;
}

void gfx_draw(Gfx *g, const DrawList *dl)
{
    SDL_Renderer *r = g->r;
    text_engine_attach(g->te, r);
    g->frame++;
    SDL_RenderSetClipRect(r, NULL);
    set_color(r, dl->clear);
    SDL_RenderClear(r);
    for (size_t i = 0; i < dl->count; i++) {
        const DrawCmd *c = &dl->cmds[i];
        switch (c->kind) {
        case DRAW_RECT:
            set_color(r, c->color);
            fill_round(r, c->r, c->radius);
            break;
        case DRAW_FRAME:
            frame_round(r, c->r, c->radius, MB_MAX(1, c->thickness), c->color);
            break;
        case DRAW_LINE:
            set_color(r, c->color);
            SDL_RenderDrawLine(r, c->r.x, c->r.y, c->r.x + c->r.w, c->r.y + c->r.h);
            break;
        case DRAW_TEXT: {
            Color muted = c->color;
            muted.a = (uint8_t)(c->color.a * 3 / 4);
            text_draw(g->te, (const TextLayout *)c->text, c->r.x, c->r.y, c->color, muted);
            break;
        }
        case DRAW_IMAGE: {
            ImageSlot *im = image_get(g, c);
            if (im) {
                SDL_Rect d = {c->r.x, c->r.y, c->r.w, c->r.h};
                SDL_RenderCopy(r, im->tex, NULL, &d);
            }
            break;
        }
        case DRAW_CLIP:
            if (c->r.w <= 0) {
                SDL_RenderSetClipRect(r, NULL);
            } else {
                SDL_Rect cl = {c->r.x, c->r.y, c->r.w, c->r.h};
                SDL_RenderSetClipRect(r, &cl);
            }
            break;
        }
    }
    SDL_RenderSetClipRect(r, NULL);
}

#ifndef MINGBAI_SDL2_IMAGE_SONAME
#define MINGBAI_SDL2_IMAGE_SONAME "libSDL2_image-2.0.so.0"
#endif

/* SDL2_image, and the libtiff, libwebp and libjpeg it brings, opened for
 * the first screenshot (mingbai/lazy.h): a kiosk takes none. */
static LazyLib sdl2_image = {.soname = MINGBAI_SDL2_IMAGE_SONAME};
LAZY(sdl2_image, int, IMG_SavePNG, (SDL_Surface * s, const char *file), (s, file))

int gfx_screenshot(Gfx *g, const char *path)
{
    int w, h;
    if (SDL_GetRendererOutputSize(g->r, &w, &h))
        return MB_ERR_IO;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB24);
    if (!s)
        return MB_ERR_IO;
    int rc = MB_OK;
    if (SDL_RenderReadPixels(g->r, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch) ||
        IMG_SavePNG(s, path)) {
        mb_log(LOG_ERROR, "cannot write screenshot %s: %s", path, SDL_GetError());
        rc = MB_ERR_IO;
    }
    SDL_FreeSurface(s);
    return rc;
}
