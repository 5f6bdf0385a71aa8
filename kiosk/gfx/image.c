/* A pack's PNG or JPEG decoded straight to the size it is shown: rows are
 * read one at a time (libpng, libjpeg) and averaged into the smaller
 * picture, so a 4096x4096 picture costs its shown size and one row, never
 * its 64 MiB of full-size pixels. JPEGs are first reduced by libjpeg's own
 * 1/2, 1/4 or 1/8 scaling where that still leaves enough pixels. Input is
 * untrusted bytes: sizes are checked before anything is allocated for
 * them, and libjpeg's working memory is capped. */
#include "gfx_internal.h"

#include <jpeglib.h>
#include <png.h>
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

/* Sums of premultiplied colour and of alpha, one cell per shown pixel:
 * each sum is at most 255 times the pixels of a cell, which fits 32 bits
 * while a picture has at most IMAGE_DECODE_MAX_PIXELS. Rows that come in
 * order (all but an interlaced PNG's) need one row of cells: each shown row
 * is written to the surface as soon as the next one starts. */
typedef struct {
    uint32_t w, h;   /* the picture as decoded */
    uint32_t ow, oh; /* as shown */
    bool in_order;   /* rows come top to bottom, once each */
    uint32_t row;    /* in_order: the shown row being summed */
    uint32_t *acc;   /* ow * 4, or ow * oh * 4 */
    uint32_t *xmap;  /* w: the shown column of each column */
    uint32_t *cntx, *cnty;
    SDL_Surface *out; /* RGBA32, ow x oh */
} Scaler;

static void scaler_free(Scaler *s)
{
    free(s->acc);
    free(s->xmap);
    free(s->cntx);
    free(s->cnty);
    SDL_FreeSurface(s->out);
    memset(s, 0, sizeof *s);
}

/* The shown size: at most want (never wider or taller than the picture)
 * and at most IMAGE_SHOWN_MAX_PIXELS, the ratio kept. */
static void shown_size(uint32_t w, uint32_t h, int want_w, int want_h, uint32_t *ow, uint32_t *oh)
{
    double fw = MB_MIN((double)w, (double)MB_MAX(1, want_w));
    double fh = MB_MIN((double)h, (double)MB_MAX(1, want_h));
    if (fw * fh > IMAGE_SHOWN_MAX_PIXELS) {
        double k = sqrt(IMAGE_SHOWN_MAX_PIXELS / (fw * fh));
        fw *= k;
        fh *= k;
    }
    *ow = (uint32_t)MB_MAX(1.0, fw);
    *oh = (uint32_t)MB_MAX(1.0, fh);
}

static bool scaler_init(Scaler *s, uint32_t w, uint32_t h, uint32_t ow, uint32_t oh, bool in_order)
{
    memset(s, 0, sizeof *s);
    if (!w || !h || (uint64_t)w * h > IMAGE_DECODE_MAX_PIXELS)
        return false;
    s->w = w;
    s->h = h;
    s->ow = MB_MIN(ow, w);
    s->oh = MB_MIN(oh, h);
    s->in_order = in_order;
    s->acc = calloc((size_t)s->ow * (in_order ? 1 : s->oh) * 4, sizeof *s->acc);
    s->xmap = malloc(w * sizeof *s->xmap);
    s->cntx = calloc(s->ow, sizeof *s->cntx);
    s->cnty = calloc(s->oh, sizeof *s->cnty);
    s->out = SDL_CreateRGBSurfaceWithFormat(0, (int)s->ow, (int)s->oh, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s->acc || !s->xmap || !s->cntx || !s->cnty || !s->out) {
        scaler_free(s);
        return false;
    }
    for (uint32_t x = 0; x < w; x++) {
        s->xmap[x] = (uint32_t)((uint64_t)x * s->ow / w);
        s->cntx[s->xmap[x]]++;
    }
    for (uint32_t y = 0; y < h; y++)
        s->cnty[(uint64_t)y * s->oh / h]++;
    return true;
}

/* Shown row y's averages, from its sums c, into the surface. */
static void scaler_put(Scaler *s, uint32_t y, const uint32_t *c)
{
    unsigned char *d = (unsigned char *)s->out->pixels + (size_t)y * s->out->pitch;
    for (uint32_t x = 0; x < s->ow; x++, c += 4, d += 4) {
        uint64_t n = (uint64_t)s->cntx[x] * s->cnty[y], a = c[3];
        for (int k = 0; k < 3; k++)
            d[k] = a ? (unsigned char)MB_MIN(255u, ((uint64_t)c[k] * 255 + a / 2) / a) : 0;
        d[3] = (unsigned char)((a + n / 2) / n);
    }
}

/* Adds n RGBA pixels of row y, at columns x0, x0 + step, ... */
static void scaler_add(Scaler *s, uint32_t y, const unsigned char *px, uint32_t n, uint32_t x0,
                       uint32_t step)
{
    if (y >= s->h)
        return;
    uint32_t oy = (uint32_t)((uint64_t)y * s->oh / s->h), *row = s->acc;
    if (!s->in_order) {
        row += (size_t)oy * s->ow * 4;
    } else if (oy != s->row) {
        scaler_put(s, s->row, s->acc);
        memset(s->acc, 0, (size_t)s->ow * 4 * sizeof *s->acc);
        s->row = oy;
    }
    for (uint32_t i = 0, x = x0; i < n && x < s->w; i++, x += step, px += 4) {
        uint32_t *c = row + (size_t)s->xmap[x] * 4, a = px[3];
        c[0] += (px[0] * a + 127) / 255;
        c[1] += (px[1] * a + 127) / 255;
        c[2] += (px[2] * a + 127) / 255;
        c[3] += a;
    }
}

/* The shown picture, taken from s (the caller frees it). */
static SDL_Surface *scaler_finish(Scaler *s)
{
    if (s->in_order)
        scaler_put(s, s->row, s->acc);
    else
        for (uint32_t y = 0; y < s->oh; y++)
            scaler_put(s, y, s->acc + (size_t)y * s->ow * 4);
    SDL_Surface *out = s->out;
    s->out = NULL;
    return out;
}

/* ---------------- PNG ---------------- */

typedef struct {
    const unsigned char *data;
    size_t len, pos;
    Scaler sc;
    unsigned char *row;
} PngJob;

static void png_read_mem(png_structp png, png_bytep out, size_t n)
{
    PngJob *j = png_get_io_ptr(png);
    if (n > j->len - j->pos)
        png_error(png, "the file ends early");
    memcpy(out, j->data + j->pos, n);
    j->pos += n;
}

static void png_quiet(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static void png_fail(png_structp png, png_const_charp msg)
{
    mb_log(LOG_WARN, "PNG: %s", msg);
    png_longjmp(png, 1);
}

/* Reads every row (each pass of an interlaced picture) into j->sc. */
static void png_rows(png_structp png, PngJob *j, bool interlaced)
{
    uint32_t w = j->sc.w, h = j->sc.h;
    for (int pass = 0; pass < (interlaced ? 7 : 1); pass++) {
        uint32_t cols = interlaced ? PNG_PASS_COLS(w, pass) : w;
        uint32_t rows = interlaced ? PNG_PASS_ROWS(h, pass) : h;
        if (!cols || !rows)
            continue;
        for (uint32_t r = 0; r < rows; r++) {
            png_read_row(png, j->row, NULL);
            uint32_t y = interlaced ? PNG_ROW_FROM_PASS_ROW(r, pass) : r;
            uint32_t x0 = interlaced ? PNG_PASS_START_COL(pass) : 0;
            uint32_t step = interlaced ? 1u << PNG_PASS_COL_SHIFT(pass) : 1;
            scaler_add(&j->sc, y, j->row, cols, x0, step);
        }
    }
}

static SDL_Surface *png_decode(const void *data, size_t len, int want_w, int want_h)
{
    PngJob *j = mb_xcalloc(1, sizeof *j);
    j->data = data;
    j->len = len;
    SDL_Surface *out = NULL;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, png_fail, png_quiet);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info)
        goto done;
    if (setjmp(png_jmpbuf(png)))
        goto done;
    png_set_user_limits(png, IMAGE_DECODE_MAX_SIDE, IMAGE_DECODE_MAX_SIDE);
    png_set_chunk_malloc_max(png, 8u << 20);
    png_set_read_fn(png, j, png_read_mem);
    png_read_info(png, info);
    uint32_t w = png_get_image_width(png, info), h = png_get_image_height(png, info);
    bool interlaced = png_get_interlace_type(png, info) != PNG_INTERLACE_NONE;
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    png_read_update_info(png, info);
    uint32_t ow, oh;
    shown_size(w, h, want_w, want_h, &ow, &oh);
    if (png_get_rowbytes(png, info) != (size_t)w * 4 || !scaler_init(&j->sc, w, h, ow, oh, !interlaced))
        png_error(png, "the picture is too large to decode");
    j->row = mb_xmalloc((size_t)w * 4);
    png_rows(png, j, interlaced);
    out = scaler_finish(&j->sc);
done:
    png_destroy_read_struct(png ? &png : NULL, info ? &info : NULL, NULL);
    scaler_free(&j->sc);
    free(j->row);
    free(j);
    return out;
}

/* ---------------- JPEG ---------------- */

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    Scaler sc;
    unsigned char *row, *rgba;
} JpegJob;

static void jpeg_fail(j_common_ptr ci)
{
    JpegJob *j = (JpegJob *)ci->err;
    char msg[JMSG_LENGTH_MAX];
    j->pub.format_message(ci, msg);
    mb_log(LOG_WARN, "JPEG: %s", msg);
    longjmp(j->jump, 1);
}

static void jpeg_quiet(j_common_ptr ci)
{
    (void)ci;
}

/* The largest of libjpeg's reductions (1/8, 1/4, 1/2) that keeps at least
 * the shown size. */
static unsigned jpeg_denom(uint32_t w, uint32_t h, uint32_t ow, uint32_t oh)
{
    for (unsigned d = 8; d > 1; d /= 2)
        if ((w + d - 1) / d >= ow && (h + d - 1) / d >= oh)
            return d;
    return 1;
}

/* One scanline of ci's output as RGBA in j->rgba (CMYK as Adobe writes
 * it, inverted). */
static void jpeg_to_rgba(struct jpeg_decompress_struct *ci, JpegJob *j)
{
    if (ci->out_color_space != JCS_CMYK)
        return;
    for (uint32_t x = 0; x < ci->output_width; x++) {
        const unsigned char *p = j->row + x * 4;
        unsigned k = p[3];
        for (int c = 0; c < 3; c++)
            j->rgba[x * 4 + c] = (unsigned char)((p[c] * k + 127) / 255);
        j->rgba[x * 4 + 3] = 255;
    }
}

static SDL_Surface *jpeg_decode(const void *data, size_t len, int want_w, int want_h)
{
    struct jpeg_decompress_struct ci;
    JpegJob *j = mb_xcalloc(1, sizeof *j);
    SDL_Surface *out = NULL;
    ci.err = jpeg_std_error(&j->pub);
    j->pub.error_exit = jpeg_fail;
    j->pub.output_message = jpeg_quiet;
    jpeg_create_decompress(&ci);
    if (setjmp(j->jump))
        goto done;
    ci.mem->max_memory_to_use = IMAGE_JPEG_MEMORY;
    jpeg_mem_src(&ci, data, (unsigned long)len);
    jpeg_read_header(&ci, TRUE);
    uint32_t w = ci.image_width, h = ci.image_height, ow, oh;
    if (!w || !h || w > IMAGE_DECODE_MAX_SIDE || h > IMAGE_DECODE_MAX_SIDE ||
        (uint64_t)w * h > IMAGE_DECODE_MAX_PIXELS) {
        mb_log(LOG_WARN, "JPEG: %u x %u pixels is too large to decode", w, h);
        goto done;
    }
    shown_size(w, h, want_w, want_h, &ow, &oh);
    ci.scale_num = 1;
    ci.scale_denom = jpeg_denom(w, h, ow, oh);
    bool cmyk = ci.jpeg_color_space == JCS_CMYK || ci.jpeg_color_space == JCS_YCCK;
    ci.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
    jpeg_start_decompress(&ci);
    if (!scaler_init(&j->sc, ci.output_width, ci.output_height, ow, oh, true))
        goto done;
    j->row = mb_xmalloc((size_t)ci.output_width * 4);
    j->rgba = cmyk ? mb_xmalloc((size_t)ci.output_width * 4) : j->row;
    while (ci.output_scanline < ci.output_height) {
        uint32_t y = ci.output_scanline;
        JSAMPROW rows[1] = {j->row};
        if (jpeg_read_scanlines(&ci, rows, 1) != 1)
            break;
        jpeg_to_rgba(&ci, j);
        scaler_add(&j->sc, y, j->rgba, ci.output_width, 0, 1);
    }
    out = scaler_finish(&j->sc);
done:
    jpeg_destroy_decompress(&ci);
    scaler_free(&j->sc);
    if (j->rgba != j->row)
        free(j->rgba);
    free(j->row);
    free(j);
    return out;
}

SDL_Surface *image_decode_fit(const void *data, size_t len, int want_w, int want_h)
{
    const unsigned char *d = data;
    if (len >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8))
        return png_decode(data, len, want_w, want_h);
    if (len >= 2 && d[0] == 0xFF && d[1] == 0xD8)
        return jpeg_decode(data, len, want_w, want_h);
    mb_log(LOG_WARN, "image: neither a PNG nor a JPEG");
    return NULL;
}
