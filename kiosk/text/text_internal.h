/* Private structures of the text engine, shared by layout and atlas. */
#ifndef MINGBAI_TEXT_INTERNAL_H
#define MINGBAI_TEXT_INTERNAL_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "mingbai/text.h"
#include "mingbai/text_sdl.h"

enum {
    FACE_LATIN,
    FACE_LATIN_BOLD,
    FACE_LATIN_ITALIC,
    FACE_LATIN_BOLD_ITALIC,
    FACE_CJK,
    FACE_CJK_BOLD,
    FACE_COUNT
};

#define MAX_FONTS 48        /* open (face, pixel size) pairs */
#define GLYPH_TABLE 8192    /* power of two */
#define LAYOUT_CACHE 1024
#define ATLAS_SIZE 1024
#define ATLAS_MAX_PAGES 3   /* 12 MiB of ARGB at most */

/* A face at a pixel size. The TTF_Font is shared by every size of a face
 * (TTF_SetFontSize switches it), since each open CJK face costs ~1.4 MiB. */
typedef struct {
    int face, px, ascent;
} FontSlot;

typedef struct {
    bool used;
    int16_t font;
    uint32_t cp;
    int16_t advance, minx;
    uint32_t stamp;
} Glyph;

/* A glyph rasterised in one colour: pre-coloured glyphs let the software
 * renderer use its fast alpha blit instead of per-pixel colour modulation
 * (7x faster measured). Kiosk text uses a handful of colours. */
typedef struct {
    bool used;
    int16_t font;
    uint32_t cp;
    uint32_t rgb;
    int8_t page;          /* -1: not in the atlas */
    int16_t ax, ay, w, h; /* place in the page (cropped to the ink) */
    int16_t dx, dy;       /* ink offset from the cell's top-left */
    uint64_t stamp;
} Raster;
#define RASTER_TABLE 8192

typedef struct {
    uint32_t cp;
    int16_t font;
    int x, y;     /* pen x; baseline y */
    int adv, minx;
    uint32_t byte;
    uint16_t flags;
    int line;
    bool space, cjk;
} LGlyph;

struct TextLayout {
    uint64_t hash;
    size_t len;
    uint64_t frame;
    LGlyph *glyphs;
    int nglyphs, capglyphs;
    int width, height, lines, line_h;
    bool truncated, has_decos;
    void *decos;
    struct TextLayout *overflow_next;
};

typedef struct {
    SDL_Texture *tex;
    int shelf_x, shelf_y, shelf_h;
    uint32_t generation;
    uint64_t last_used;
} AtlasPage;

struct TextEngine {
    char *face_path[FACE_COUNT];
    FontSlot fonts[MAX_FONTS];
    int nfonts;
    TTF_Font *face_font[FACE_COUNT];
    int face_px[FACE_COUNT];
    Glyph glyphs[GLYPH_TABLE];
    Raster rasters[RASTER_TABLE];
    TextLayout *layouts[LAYOUT_CACHE];
    TextLayout *overflow;
    uint64_t frame;
    SDL_Renderer *renderer;
    AtlasPage pages[ATLAS_MAX_PAGES];
    int npages;
    uint64_t layouts_built, glyphs_rasterised;
};

int text_font_get(TextEngine *te, int face, int px);
/* The shared TTF_Font of slot's face, set to slot's size. */
TTF_Font *text_font_ttf(TextEngine *te, int slot);
Glyph *text_glyph_get(TextEngine *te, int font, uint32_t cp);
void text_atlas_free(TextEngine *te);
bool text_no_line_start(uint32_t c);
bool text_no_line_end(uint32_t c);

#endif
