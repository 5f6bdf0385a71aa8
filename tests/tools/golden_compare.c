/* golden_compare ACTUAL.png GOLDEN.png: compares two screenshots with a
 * tolerance (a pixel differs when a channel is off by more than 40; the
 * images match when at most 0.05% of pixels differ). With
 * MINGBAI_UPDATE_GOLDEN=1 it copies ACTUAL over GOLDEN instead. Exit 0 on a
 * match, 1 on a difference (and writes ACTUAL-diff.png), 2 on errors. */
#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SDL_Surface *load(const char *path)
{
    SDL_Surface *s = IMG_Load(path);
    if (!s)
        return NULL;
    SDL_Surface *c = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(s);
    return c;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: golden_compare ACTUAL.png GOLDEN.png\n");
        return 2;
    }
    const char *upd = getenv("MINGBAI_UPDATE_GOLDEN");
    SDL_Surface *a = load(argv[1]);
    if (!a) {
        fprintf(stderr, "golden: cannot read %s: %s\n", argv[1], IMG_GetError());
        return 2;
    }
    if (upd && !strcmp(upd, "1")) {
        if (IMG_SavePNG(a, argv[2])) {
            fprintf(stderr, "golden: cannot write %s\n", argv[2]);
            return 2;
        }
        printf("golden: updated %s\n", argv[2]);
        SDL_FreeSurface(a);
        return 0;
    }
    SDL_Surface *g = load(argv[2]);
    if (!g) {
        fprintf(stderr, "golden: no reference %s (run with MINGBAI_UPDATE_GOLDEN=1 to create it)\n",
                argv[2]);
        SDL_FreeSurface(a);
        return 1;
    }
    if (a->w != g->w || a->h != g->h) {
        fprintf(stderr, "golden: %s is %dx%d, the reference is %dx%d\n", argv[1], a->w, a->h, g->w,
                g->h);
        SDL_FreeSurface(a);
        SDL_FreeSurface(g);
        return 1;
    }
    long diff = 0;
    for (int y = 0; y < a->h; y++) {
        Uint8 *pa = (Uint8 *)a->pixels + y * a->pitch;
        Uint8 *pg = (Uint8 *)g->pixels + y * g->pitch;
        for (int x = 0; x < a->w; x++) {
            int d = 0;
            for (int c = 0; c < 3; c++) {
                int k = abs(pa[x * 4 + c] - pg[x * 4 + c]);
                d = k > d ? k : d;
            }
            if (d > 40) {
                diff++;
                pa[x * 4] = 255;
                pa[x * 4 + 1] = 0;
                pa[x * 4 + 2] = 255;
            }
        }
    }
    double share = (double)diff / ((double)a->w * a->h);
    int rc = 0;
    if (share > 0.0005) {
        char *out = malloc(strlen(argv[1]) + 16);
        sprintf(out, "%s-diff.png", argv[1]);
        IMG_SavePNG(a, out);
        fprintf(stderr, "golden: %s differs from %s in %ld pixels (%.2f%%); differences marked in %s\n",
                argv[1], argv[2], diff, share * 100, out);
        free(out);
        rc = 1;
    } else {
        printf("golden: %s matches (%ld pixels differ)\n", argv[2], diff);
    }
    SDL_FreeSurface(a);
    SDL_FreeSurface(g);
    IMG_Quit();
    SDL_Quit();
    return rc;
}
