/* Glyph atlas: each glyph (by glyph id) is rasterised once (FreeType, light
 * hinting, in its colour) into
 * one of a few fixed-size texture pages with shelf packing, and a page of
 * text is then a batch of texture copies tinted by colour mod. When every
 * page is full, the least recently used page is cleared and its glyphs are
 * drawn again on demand; after a render device reset all pages are rebuilt
 * the same way. */
#include "text_internal.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int page_new(TextEngine *te);
static FT_Face face_ft(TextEngine *te, int face);

void text_engine_open_rasterisers(TextEngine *te)
{
    static const int faces[] = {FACE_LATIN, FACE_CJK, FACE_LATIN_BOLD, FACE_CJK_BOLD};
    for (size_t i = 0; i < sizeof faces / sizeof faces[0]; i++)
        face_ft(te, faces[i]);
}

/* Attaching readies what every page draws with: the first atlas page and
 * the rasterisers of the regular faces (text_engine_open_rasterisers may
 * have opened them already, on another thread), so that the first page
 * shown does not pay for them. An engine never attached has an empty
 * atlas: nothing to clear (its 320 KiB of raster slots, fresh zero pages,
 * stay untouched). */
void text_engine_attach(TextEngine *te, SDL_Renderer *r)
{
    if (te->renderer && te->renderer != r)
        text_atlas_free(te);
    te->renderer = r;
    if (r && te->npages == 0) {
        face_ft(te, FACE_LATIN);
        face_ft(te, FACE_CJK);
        page_new(te);
    }
}

void text_atlas_free(TextEngine *te)
{
    for (int i = 0; i < te->npages; i++)
        if (te->pages[i].tex)
            SDL_DestroyTexture(te->pages[i].tex);
    memset(te->pages, 0, sizeof te->pages);
    te->npages = 0;
    memset(te->rasters, 0, sizeof te->rasters);
}

void text_engine_reset_textures(TextEngine *te)
{
    /* After SDL_RENDER_DEVICE_RESET the textures are already gone; after
     * TARGETS_RESET they are kept but may hold garbage. Either way: rebuild. */
    text_atlas_free(te);
}

static int page_new(TextEngine *te)
{
    AtlasPage *p = &te->pages[te->npages];
    p->tex = SDL_CreateTexture(te->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
                               ATLAS_SIZE, ATLAS_SIZE);
    if (!p->tex) {
        mb_log(LOG_ERROR, "cannot create the glyph atlas: %s", SDL_GetError());
        return -1;
    }
    SDL_SetTextureBlendMode(p->tex, SDL_BLENDMODE_BLEND);
    /* Clear so that unused corners never show old glyphs. */
    void *zero = mb_xcalloc(ATLAS_SIZE * 4, 1);
    for (int y = 0; y < ATLAS_SIZE; y++) {
        SDL_Rect row = {0, y, ATLAS_SIZE, 1};
        SDL_UpdateTexture(p->tex, &row, zero, ATLAS_SIZE * 4);
    }
    free(zero);
    p->shelf_x = p->shelf_y = p->shelf_h = 0;
    p->generation++;
    return te->npages++;
}

static bool page_fit(AtlasPage *p, int w, int h, int *x, int *y)
{
    if (p->shelf_x + w > ATLAS_SIZE) {
        p->shelf_y += p->shelf_h + 1;
        p->shelf_x = 0;
        p->shelf_h = 0;
    }
    if (p->shelf_y + h > ATLAS_SIZE)
        return false;
    *x = p->shelf_x;
    *y = p->shelf_y;
    p->shelf_x += w + 1;
    p->shelf_h = MB_MAX(p->shelf_h, h);
    return true;
}

/* Evicts the least recently used page: its glyphs are forgotten. */
static int page_evict(TextEngine *te)
{
    int lru = 0;
    for (int i = 1; i < te->npages; i++)
        if (te->pages[i].last_used < te->pages[lru].last_used)
            lru = i;
    for (int i = 0; i < RASTER_TABLE; i++)
        if (te->rasters[i].used && te->rasters[i].page == lru)
            te->rasters[i].used = false;
    AtlasPage *p = &te->pages[lru];
    SDL_DestroyTexture(p->tex);
    uint32_t gen = p->generation;
    te->npages--;
    /* Recreate in place. */
    AtlasPage saved = te->pages[te->npages];
    int n = te->npages;
    te->npages = lru;
    int got = page_new(te);
    te->npages = n + 1;
    if (lru != n)
        te->pages[n] = saved;
    te->pages[lru].generation = gen + 1;
    return got;
}

static Raster *raster_get(TextEngine *te, int font, uint32_t gid, uint32_t rgb)
{
    uint32_t h = (gid * 2654435761u) ^ ((uint32_t)font * 40503u) ^ (rgb * 2246822519u);
    h ^= h >> 13;
    Raster *victim = NULL;
    for (int probe = 0; probe < 8; probe++) {
        Raster *r = &te->rasters[(h + (uint32_t)probe) & (RASTER_TABLE - 1)];
        if (r->used && r->gid == gid && r->font == font && r->rgb == rgb)
            return r;
        if (!r->used) {
            victim = r;
            break;
        }
        if (!victim || r->stamp < victim->stamp)
            victim = r;
    }
    memset(victim, 0, sizeof *victim);
    victim->font = (int16_t)font;
    victim->gid = gid;
    victim->rgb = rgb;
    victim->page = -1;
    return victim;
}

/* FreeType reads a face's file through pread(), not a mapping of it: a
 * glyph's outline is a few hundred bytes, but touching it in a mapped file
 * maps the 64 KiB around it, and the glyphs of a page of Chinese are spread
 * over the whole 7.5 MB of the CJK face (11 MiB resident for the two CJK
 * faces after a tour of the course, against a few hundred KiB read).
 * FreeType reads its tables two bytes at a time: small reads come from the
 * last FACE_BLOCKS blocks of FACE_BLOCK bytes read (17,000 reads of the
 * files at start with none, 536 with one block of 4 KiB, 79 with four of
 * 8 KiB). */
static unsigned long stream_read(FT_Stream s, unsigned long off, unsigned char *buf,
                                 unsigned long n)
{
    FaceFile *ff = s->descriptor.pointer;
    if (n == 0) /* a seek: 0 when it is inside the file */
        return off > s->size;
    if (n >= FACE_BLOCK) {
        ssize_t got = pread(ff->fd, buf, n, (off_t)off);
        return got < 0 ? 0 : (unsigned long)got;
    }
    FaceBlock *b = NULL, *oldest = &ff->blocks[0];
    for (int i = 0; i < FACE_BLOCKS && !b; i++) {
        FaceBlock *k = &ff->blocks[i];
        if (k->len && off >= k->off && off + n <= k->off + k->len)
            b = k;
        else if (k->stamp < oldest->stamp)
            oldest = k;
    }
    if (!b) {
        b = oldest;
        unsigned long start = off & ~511ul; /* a little before: FreeType steps back */
        if (off + n > start + FACE_BLOCK)
            start = off;
        ssize_t got = pread(ff->fd, b->data, FACE_BLOCK, (off_t)start);
        b->off = start;
        b->len = got < 0 ? 0 : (unsigned long)got;
        if (off < start || off >= start + b->len)
            return 0;
    }
    b->stamp = ++ff->clock;
    unsigned long have = b->off + b->len - off;
    if (n > have)
        n = have;
    memcpy(buf, b->data + (off - b->off), n);
    return n;
}

static void stream_close(FT_Stream s)
{
    FaceFile *ff = s->descriptor.pointer;
    close(ff->fd);
    ff->fd = -1;
}

/* The FreeType face of face, opened on first use. */
static FT_Face face_ft(TextEngine *te, int face)
{
    if (!te->ft_face[face]) {
        FaceFile *ff = &te->ft_file[face];
        FT_Stream st = &ff->stream;
        int fd = open(te->face_path[face], O_RDONLY | O_CLOEXEC);
        struct stat sb;
        if (fd < 0 || fstat(fd, &sb) != 0) {
            if (fd >= 0)
                close(fd);
            mb_log(LOG_ERROR, "cannot open %s", te->face_path[face]);
            return NULL;
        }
        memset(ff, 0, sizeof *ff);
        ff->fd = fd;
        st->size = (unsigned long)sb.st_size;
        st->descriptor.pointer = ff;
        st->read = stream_read;
        st->close = stream_close;
        FT_Open_Args args = {.flags = FT_OPEN_STREAM, .stream = st};
        if (FT_Open_Face(te->ft, &args, 0, &te->ft_face[face])) {
            mb_log(LOG_ERROR, "cannot open %s", te->face_path[face]);
            te->ft_face[face] = NULL;
            return NULL;
        }
        te->ft_px[face] = 0;
    }
    return te->ft_face[face];
}

/* The FreeType face of slot font, at its size. */
static FT_Face ft_face(TextEngine *te, int font)
{
    const FontSlot *s = &te->fonts[font];
    FT_Face f = face_ft(te, s->face);
    if (f && te->ft_px[s->face] != s->px) {
        FT_Set_Pixel_Sizes(f, 0, (FT_UInt)s->px);
        te->ft_px[s->face] = s->px;
    }
    return f;
}

/* The glyph's coverage in g's colour, as ARGB rows of w pixels. */
static Uint32 *colour_bitmap(const FT_Bitmap *bm, uint32_t rgb)
{
    Uint32 *px = mb_xmalloc((size_t)bm->width * bm->rows * 4);
    for (unsigned y = 0; y < bm->rows; y++) {
        const unsigned char *row = bm->buffer + (ptrdiff_t)y * bm->pitch;
        for (unsigned x = 0; x < bm->width; x++)
            px[y * bm->width + x] = ((Uint32)row[x] << 24) | rgb;
    }
    return px;
}

/* Rasterises into the atlas. An empty glyph (a space) is remembered with
 * w == 0 and draws nothing. */
static bool rasterise(TextEngine *te, Raster *g)
{
    FT_Face f = ft_face(te, g->font);
    if (!f || FT_Load_Glyph(f, g->gid, FT_LOAD_TARGET_LIGHT | FT_LOAD_RENDER))
        return false;
    const FT_Bitmap *bm = &f->glyph->bitmap;
    g->used = true;
    if (bm->width == 0 || bm->rows == 0 || bm->pixel_mode != FT_PIXEL_MODE_GRAY) {
        g->w = 0;
        g->page = 0;
        return true;
    }
    int w = (int)bm->width, h = (int)bm->rows, x = 0, y = 0;
    if (w > ATLAS_SIZE || h > ATLAS_SIZE) {
        g->used = false;
        return false;
    }
    int page = -1;
    for (int i = 0; i < te->npages && page < 0; i++)
        if (page_fit(&te->pages[i], w, h, &x, &y))
            page = i;
    if (page < 0) {
        page = te->npages < ATLAS_MAX_PAGES ? page_new(te) : page_evict(te);
        if (page < 0 || !page_fit(&te->pages[page], w, h, &x, &y)) {
            g->used = false;
            return false;
        }
    }
    Uint32 *px = colour_bitmap(bm, g->rgb);
    SDL_Rect dst = {x, y, w, h};
    SDL_UpdateTexture(te->pages[page].tex, &dst, px, w * 4);
    free(px);
    g->page = (int8_t)page;
    g->ax = (int16_t)x;
    g->ay = (int16_t)y;
    g->w = (int16_t)w;
    g->h = (int16_t)h;
    g->dx = (int16_t)f->glyph->bitmap_left;
    g->dy = (int16_t)-f->glyph->bitmap_top;
    te->glyphs_rasterised++;
    return true;
}

void text_draw(TextEngine *te, const TextLayout *l, int x, int y, Color color, Color muted)
{
    if (!te->renderer)
        return;
    for (int i = 0; i < l->nglyphs; i++) {
        const LGlyph *lg = &l->glyphs[i];
        /* A space inside a link keeps the underline going; other spaces
         * draw nothing. */
        bool inner_space = lg->space && (lg->flags & (TEXT_LINK | TEXT_GLOSSARY)) &&
                           i + 1 < l->nglyphs && l->glyphs[i + 1].line == lg->line &&
                           (l->glyphs[i + 1].flags & (TEXT_LINK | TEXT_GLOSSARY));
        if (lg->space && !inner_space)
            continue;
        Color c = (lg->flags & TEXT_MUTED) ? muted : color;
        uint32_t rgb = ((uint32_t)c.r << 16) | ((uint32_t)c.g << 8) | c.b;
        Raster *g = raster_get(te, lg->font, lg->gid, rgb);
        if (!g->used && !rasterise(te, g))
            continue;
        g->stamp = te->frame;
        if (g->w > 0 && !lg->space) {
            AtlasPage *p = &te->pages[g->page];
            p->last_used = te->frame;
            SDL_SetTextureAlphaMod(p->tex, c.a);
            /* The ink sits where FreeType puts it from the pen on the
             * baseline, moved by the shaper's offset. */
            int gx = x + lg->x + lg->xoff + g->dx;
            int gy = y + lg->y - lg->yoff + g->dy;
            SDL_Rect src = {g->ax, g->ay, g->w, g->h};
            SDL_Rect dst = {gx, gy, g->w, g->h};
            SDL_RenderCopy(te->renderer, p->tex, &src, &dst);
        }
        if (lg->flags & (TEXT_LINK | TEXT_GLOSSARY | TEXT_EM)) {
            int px = te->fonts[lg->font].px;
            int th = MB_MAX(1, px / 14);
            /* A line runs on to the next glyph of the same link, over the
             * space justification put between them. */
            const LGlyph *nx = i + 1 < l->nglyphs ? &l->glyphs[i + 1] : NULL;
            int run = nx && nx->line == lg->line && (nx->flags & lg->flags & (TEXT_LINK | TEXT_GLOSSARY))
                          ? MB_MAX(lg->adv, nx->x - lg->x)
                          : lg->adv;
            SDL_SetRenderDrawColor(te->renderer, c.r, c.g, c.b, c.a);
            if ((lg->flags & TEXT_EM) && lg->cjk) {
                /* Chinese emphasis: a dot under each character (着重号). */
                int d = MB_MAX(2, px / 9);
                SDL_Rect dot = {x + lg->x + lg->adv / 2 - d / 2, y + lg->y + px / 4, d, d};
                SDL_RenderFillRect(te->renderer, &dot);
            } else if (lg->flags & TEXT_GLOSSARY) {
                /* Dotted underline: tappable term. */
                for (int dx = 0; dx < run; dx += th * 3) {
                    SDL_Rect dot = {x + lg->x + dx, y + lg->y + px / 6, th * 2, th};
                    SDL_RenderFillRect(te->renderer, &dot);
                }
            } else if (lg->flags & TEXT_LINK) {
                SDL_Rect line = {x + lg->x, y + lg->y + px / 6, run, th};
                SDL_RenderFillRect(te->renderer, &line);
            }
        }
    }
}
