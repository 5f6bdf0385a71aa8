/* Benchmark (reports figures): the floor under the kiosk's memory. A bare
 * SDL2 program with the same window (software renderer) draws the same
 * text as the kiosk's budget tour, with SDL2_ttf and the same fonts: every
 * unit of the shipped course in both languages, paragraph by paragraph,
 * each paragraph wrapped to the window and drawn, a page at a time. What
 * the kiosk holds beyond this program's resident memory is its own.
 * Run: SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
 *        build/tests/bench/bench_bare [WxH] [DATA_DIR] */
#include <SDL.h>
#include <SDL_ttf.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc_status.h"

/* Draws each paragraph (lines up to a blank one) of the file at path,
 * presenting a frame whenever the window is full. Returns frames drawn. */
static int draw_file(SDL_Renderer *r, TTF_Font *font, const char *path, int w, int h)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char para[16384] = "", line[4096];
    int y = 0, frames = 0;
    SDL_SetRenderDrawColor(r, 250, 250, 245, 255);
    SDL_RenderClear(r);
    for (bool more = true; more;) {
        more = fgets(line, sizeof line, f) != NULL;
        if (more && line[0] != '\n' && strlen(para) + strlen(line) < sizeof para) {
            line[strcspn(line, "\n")] = ' ';
            strcat(para, line);
            continue;
        }
        if (!para[0])
            continue;
        SDL_Surface *s = TTF_RenderUTF8_Blended_Wrapped(font, para, (SDL_Color){20, 20, 20, 255},
                                                        (Uint32)(w - 40));
        para[0] = 0;
        if (!s)
            continue;
        SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
        if (y + s->h > h) {
            SDL_RenderPresent(r);
            frames++;
            SDL_RenderClear(r);
            y = 0;
        }
        SDL_Rect dst = {20, y, s->w, s->h};
        SDL_RenderCopy(r, t, NULL, &dst);
        y += s->h + 10;
        SDL_DestroyTexture(t);
        SDL_FreeSurface(s);
    }
    SDL_RenderPresent(r);
    fclose(f);
    return frames + 1;
}

int main(int argc, char **argv)
{
    int w = 800, h = 480;
    if (argc > 1 && sscanf(argv[1], "%dx%d", &w, &h) != 2)
        return 2;
    const char *data = argc > 2 ? argv[2] : MINGBAI_SOURCE_DIR;
    if (SDL_Init(SDL_INIT_VIDEO) || TTF_Init())
        return 1;
    SDL_Window *win = SDL_CreateWindow("bare", 0, 0, w, h, 0);
    SDL_Renderer *r = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/fonts/NotoSans-Regular.ttf", data);
    TTF_Font *latin = TTF_OpenFont(path, 18 * h / 480);
    snprintf(path, sizeof path, "%s/fonts/NotoSansSC-Regular.otf", data);
    TTF_Font *cjk = TTF_OpenFont(path, 18 * h / 480);
    if (!r || !latin || !cjk) {
        fprintf(stderr, "bench_bare: %s\n", SDL_GetError());
        return 1;
    }
    snprintf(path, sizeof path, "%s/content/media-literacy/units", data);
    DIR *d = opendir(path);
    struct dirent *e;
    int frames = 0;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char file[8192];
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        frames += draw_file(r, strstr(e->d_name, ".zh-Hans.") ? cjk : latin, file, w, h);
    }
    if (d)
        closedir(d);
    printf("bare SDL2 at %dx%d, %d frames: peak resident (VmHWM) %ld KiB, now (VmRSS) %ld KiB "
           "(anonymous %ld, files %ld)\n",
           w, h, frames, status_kib("VmHWM"), status_kib("VmRSS"), status_kib("RssAnon"),
           status_kib("RssFile"));
    TTF_CloseFont(latin);
    TTF_CloseFont(cjk);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(win);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
