/* fit_pixels CHECKS FILE.png [PX_PER_MM]: looks in a screenshot for text that spills
 * out of a fixed-height box, which layout-ok cannot see (it compares a
 * text's width with its box and notices cut text, but not a label that
 * wraps to more lines than its box is tall). It knows where the kiosk puts
 * its fixed bars, in the ui's units scaled like px() (ui_scale_for()),
 * and where the display's density (PX_PER_MM, 5.2
 * when not given) makes them larger: a bar's buttons are at least 9 mm
 * high with at least 2 mm around them (ui_top_bar_h, ui_bottom_bar_h). It
 * checks that the strips that must be empty are:
 *   t  the top bar: the margin above its buttons (10 units or 2 mm) and
 *      the one below them, down to the bar's rule (64 units or more), all
 *      width;
 *   b  the bottom bar (76 units or more): the margins above and below the
 *      button on its right half;
 *   c  the home list: every row between two unit cards (or on a card's
 *      straight border) must be one colour across the cards' text area.
 * CHECKS is a string of those letters. A pixel is foreign when a channel
 * differs from the strip's colour by more than 48. Exit 0 when clean, 1
 * when text spills (the pixels are marked in FILE-spill.png), 2 on errors. */
#include "mingbai/ui.h"

#include <SDL.h>
#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SDL_Surface *img;
static float s;
static long foreign;
static int first_x = -1, first_y = -1;
static const char *first_what;

static int px(float units)
{
    return (int)lroundf(units * s);
}

static Uint8 *at(int x, int y)
{
    return (Uint8 *)img->pixels + y * img->pitch + x * 4;
}

static int dist(const Uint8 *a, const Uint8 *b)
{
    int d = 0;
    for (int c = 0; c < 3; c++) {
        int k = abs(a[c] - b[c]);
        d = k > d ? k : d;
    }
    return d;
}

static void mark(int x, int y, const char *what)
{
    if (first_x < 0) {
        first_x = x;
        first_y = y;
        first_what = what;
    }
    foreign++;
}

/* Every pixel of rows y0..y1, columns x0..x1 should be close to ref. */
static void strip(int x0, int x1, int y0, int y1, const Uint8 *ref, const char *what)
{
    x0 = x0 < 0 ? 0 : x0;
    y0 = y0 < 0 ? 0 : y0;
    x1 = x1 >= img->w ? img->w - 1 : x1;
    y1 = y1 >= img->h ? img->h - 1 : y1;
    for (int y = y0; y <= y1; y++)
        for (int x = x0; x <= x1; x++)
            if (dist(at(x, y), ref) > 48) {
                mark(x, y, what);
                Uint8 *p = at(x, y);
                p[0] = 255, p[1] = 0, p[2] = 255;
            }
}

int main(int argc, char **argv)
{
    if (argc != 3 && argc != 4) {
        fprintf(stderr, "usage: fit_pixels CHECKS FILE.png [PX_PER_MM]\n");
        return 2;
    }
    float ppm = argc == 4 ? strtof(argv[3], NULL) : 5.2f;
    SDL_Surface *raw = IMG_Load(argv[2]);
    if (!raw) {
        fprintf(stderr, "fit_pixels: cannot read %s: %s\n", argv[2], IMG_GetError());
        return 2;
    }
    img = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    int w = img->w, h = img->h;
    s = ui_scale_for(w, h);
    const Uint8 surface[3] = {255, 253, 248};
    int line = px(1) > 1 ? px(1) : 1;
    /* As in widgets.c: ui_mm rounds up; a bar's inset is at least a
     * target gap, its buttons at least a target high. */
    int target = (int)ceilf(9.0f * ppm), gap = (int)ceilf(2.0f * ppm);
    int inset = px(10) > gap ? px(10) : gap;
    int top_h = px(64) > target + 2 * inset ? px(64) : target + 2 * inset;
    if (strchr(argv[1], 't')) {
        int m = inset, bh = top_h;
        strip(0, w - 1, 0, m - 3, surface, "above the top bar's buttons");
        strip(0, w - 1, bh - m + 3, bh - line - 3, surface, "below the top bar's buttons");
    }
    if (strchr(argv[1], 'b')) {
        int m = inset, bar_h = px(76) > target + 2 * m ? px(76) : target + 2 * m, y = h - bar_h;
        strip(w / 2, w - 1, y + line + 2, y + m - 3, surface, "above the bottom bar's button");
        strip(w / 2, w - 1, h - m + 3, h - 1, surface, "below the bottom bar's button");
    }
    if (strchr(argv[1], 'c')) {
        /* A column inside the cards' left padding tells the rows apart:
         * card fill, border, or the gap between cards. */
        int m = px(24), cw = w - 2 * m - px(12);
        int xp = m + px(12), x0 = m + px(16), x1 = m + cw - px(16);
        const Uint8 bg[3] = {247, 243, 234}, border[3] = {221, 214, 200};
        for (int y = top_h + 2; y < h; y++) {
            Uint8 ref[3];
            memcpy(ref, at(xp, y), 3);
            if (dist(ref, bg) <= 6 || dist(ref, border) <= 6)
                strip(x0, x1, y, y, ref, "between two unit cards, or on a card's border");
        }
    }
    int rc = 0;
    if (foreign) {
        char *out = malloc(strlen(argv[2]) + 16);
        snprintf(out, strlen(argv[2]) + 16, "%.*s-spill.png", (int)strlen(argv[2]) - 4, argv[2]);
        IMG_SavePNG(img, out);
        fprintf(stderr,
                "fit_pixels: %s: text spills out of its box: %ld pixels %s (first at x=%d y=%d); "
                "marked in %s\n",
                argv[2], foreign, first_what, first_x, first_y, out);
        free(out);
        rc = 1;
    }
    SDL_FreeSurface(img);
    IMG_Quit();
    SDL_Quit();
    return rc;
}
