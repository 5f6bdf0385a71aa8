/* Private structures of the text engine, shared by faces, shaping, layout
 * and atlas. */
#ifndef MINGBAI_TEXT_INTERNAL_H
#define MINGBAI_TEXT_INTERNAL_H

#include <SDL.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

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
#define LAYOUT_CACHE 1024
#define LAYOUT_BUDGET (256 * 1024) /* bytes of cached layouts not in use (text.c) */
/* Pages of 256 KiB made as glyphs need them, up to 12 MiB of ARGB. A tour
 * of the course in both languages at 800x480 fills eleven; the first frame
 * needs one, made and cleared at a quarter of the cost of a 1 MiB page; the
 * last page, half empty on average, wastes a quarter as much. */
#define ATLAS_SIZE 256
#define ATLAS_MAX_PAGES 48

/* A face at a pixel size: a HarfBuzz font scaled so that its positions come
 * out in 1/64 pixel (26.6). The face's file is mapped once and shared by
 * every size; FreeType, which rasterises, opens it only when drawing. */
typedef struct {
    int face, px;
    hb_font_t *hb;
} FontSlot;

/* A glyph rasterised in one colour: pre-coloured glyphs let the software
 * renderer use its fast alpha blit instead of per-pixel colour modulation
 * (7x faster measured). Kiosk text uses a handful of colours. Keyed by
 * glyph id, since shaping picks glyphs (ligatures, alternates), not
 * characters. */
typedef struct {
    bool used;
    int16_t font;
    uint32_t gid;
    uint32_t rgb;
    int8_t page;          /* -1: not in the atlas */
    int16_t ax, ay, w, h; /* place in the page */
    int16_t dx, dy;       /* ink offset from the pen on the baseline */
    uint64_t stamp;
} Raster;
#define RASTER_TABLE 8192

/* Punctuation that Chinese typesetting may set half-width (clreq). */
enum { PUNCT_NONE, PUNCT_OPEN, PUNCT_CLOSE };

/* A shaped glyph. While a layout is built, x, adv, xoff, yoff, gap and
 * hadv are in 1/64 pixel; a finished layout holds pixels. */
typedef struct {
    uint32_t gid;
    uint32_t cp;       /* the first character of its cluster */
    int16_t font;
    uint16_t flags;
    int x, y;          /* pen x; baseline y */
    int adv;           /* advance */
    int xoff, yoff;    /* the shaper's offset of the ink from the pen */
    int gap;           /* space before it when not first on its line (between scripts) */
    int hadv, hxoff;   /* advance and offset when set half-width (== adv: never) */
    uint32_t byte;
    int line;
    uint8_t punct;     /* PUNCT_* */
    bool space, cjk;
    bool brk;          /* a line may break after it */
    bool nl;           /* a hard line break (not drawn, never in a layout) */
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

/* A face's file as FreeType reads it (atlas.c): through pread, small reads
 * from the last few blocks read (a glyph's outline and its place in the
 * index, a TrueType face's glyf and loca, are in different blocks). */
#define FACE_BLOCK 8192
#define FACE_BLOCKS 4
typedef struct {
    unsigned long off, len; /* len 0: empty */
    unsigned stamp;         /* when last read from: the oldest is reused */
    unsigned char data[FACE_BLOCK];
} FaceBlock;

typedef struct {
    FT_StreamRec stream;
    int fd;
    unsigned clock;
    FaceBlock blocks[FACE_BLOCKS];
} FaceFile;

typedef struct {
    SDL_Texture *tex;
    int shelf_x, shelf_y, shelf_h;
    uint32_t generation;
    uint64_t last_used;
} AtlasPage;

struct TextEngine {
    char *face_path[FACE_COUNT];
    hb_face_t *hb_face[FACE_COUNT];
    hb_font_t *hb_cover[FACE_COUNT]; /* unscaled, for coverage */
    FontSlot fonts[MAX_FONTS];
    int nfonts;
    hb_buffer_t *buf, *halt_buf;
    FT_Library ft;
    FT_Face ft_face[FACE_COUNT];     /* opened on first draw */
    FaceFile ft_file[FACE_COUNT];    /* its file, read with pread (atlas.c) */
    int ft_px[FACE_COUNT];
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
/* The glyph id of cp in slot font's face, 0 when the face lacks it. */
uint32_t text_glyph_id(TextEngine *te, int font, uint32_t cp);
void text_atlas_free(TextEngine *te);
bool text_no_line_start(uint32_t c);
bool text_no_line_end(uint32_t c);
bool text_is_cjk(uint32_t c);
bool text_is_cjk_punct(uint32_t c);
bool text_is_latin_alnum(uint32_t c);
int text_pick_face(TextEngine *te, uint32_t cp, uint32_t flags, Lang lang, int px);

/* Shaping (shape.c): s[0..len) as one array of shaped glyphs in 26.6, in
 * order, with hard breaks as glyphs marked nl, break opportunities and the
 * pairs of Chinese punctuation already compressed. The caller frees *out. */
int text_shape(TextEngine *te, const char *s, size_t len, const TextStyle *st,
               const TextSpan *spans, size_t nspans, LGlyph **out);
/* True when the text of glyphs [a, b) reads as Chinese (justified). */
bool text_is_chinese(const LGlyph *g, int a, int b);

/* Line breaking (layout.c): lays the shaped glyphs out into l, broken at
 * break_w and justified (Chinese) to measure. */
void text_break(TextEngine *te, TextLayout *l, const LGlyph *sh, int n, const TextStyle *st,
                int break_w, int measure);
/* True when the last line holds a single character (and perhaps closing
 * punctuation) under a longer line. */
bool text_orphan(const TextLayout *l);

#endif
