/* Benchmark (reports figures; not a test): redraw of a full reading page of
 * ~600 characters of mixed Chinese and English at 1280x800 with the software
 * renderer, through the glyph atlas and the layout cache, against the naive
 * path (TTF_RenderUTF8_Blended_Wrapped and a new texture every frame).
 * Also: a new page laid out and first drawn: with cold caches (a new
 * engine), with the glyphs warm (the same text at 20 other widths, each a
 * new layout: shaping, breaking, justification, drawing), and a page of
 * other text (new layout and new glyphs); atlas memory.
 * Frame times count the drawing (up to SDL_RenderFlush); the present, a
 * copy to the window that depends on the video driver, is reported apart.
 * Run: SDL_VIDEODRIVER=offscreen build/tests/bench/bench_text [fonts dir] */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mingbai/text.h"
#include "mingbai/text_sdl.h"

static const char *page =
    "微信（WeChat）是腾讯公司开发的“超级应用”：聊天、支付、阅读公众号文章、预约挂号，"
    "甚至缴纳水电费，都可以在同一个应用里完成。学者把这种现象称为“平台化”（platformization）"
    "和“基础设施化”。Plantin and de Seta (2019) argue that WeChat became infrastructure first "
    "through platformization and then through state-backed techno-nationalism. 腾讯在2023年底"
    "报告的“微信及WeChat合并月活跃账户”约为13.4亿，但账户不等于人，这个数字也是企业自报的。"
    "The same questions apply to Western platforms: van Dijck, Poell and de Waal (2018) wrote "
    "The Platform Society about the American Big Five. 公众号分为订阅号和服务号：订阅号通常每天"
    "可以群发一次，服务号每月四次。How do we know? Tencent's own rules, as published on its "
    "platform, and Citizen Lab's tests of what is filtered — which can show what was blocked, "
    "but not who ordered it. 阅读时，先问：谁说的？证据在哪里？这项研究能说明什么，不能说明什么？";

/* The next page: other words, mostly other characters. */
static const char *page2 =
    "订阅号的文章出现在订阅号消息的折叠列表里，服务号的消息则直接出现在聊天列表中。"
    "二〇一八年以后，信息流改版：文章不再按时间排列，而是由推荐算法决定先后，"
    "这把“触达”的控制权从关注者手中转到了平台手中。Readers therefore see what the "
    "ranking favours, not simply what they followed. 你怎样检验这个说法？找一个公众号，"
    "比较它一周内发的文章和你实际看到的文章；记下差别，再想想：差别从何而来？";

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 / (double)SDL_GetPerformanceFrequency();
}

int main(int argc, char **argv)
{
    const char *fonts = argc > 1 ? argv[1] : "fonts";
    SDL_setenv("SDL_VIDEODRIVER", "offscreen", 0);
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    if (SDL_Init(SDL_INIT_VIDEO) || TTF_Init()) {
        fprintf(stderr, "bench: SDL: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Window *win = SDL_CreateWindow("bench", 0, 0, 1280, 800, 0);
    SDL_Renderer *r = SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE);
    const int frames = 200, width = 1280 - 160, size = 26;
    size_t chars = utf8_count(page, strlen(page));

    /* Naive: rasterise the whole wrapped paragraph every frame. */
    char path[1024];
    snprintf(path, sizeof path, "%s/NotoSansSC-Regular.otf", fonts);
    TTF_Font *f = TTF_OpenFont(path, size);
    if (!f) {
        fprintf(stderr, "bench: cannot open %s\n", path);
        return 1;
    }
    SDL_Color ink = {31, 35, 40, 255};
    double t0 = now_ms();
    for (int i = 0; i < frames; i++) {
        SDL_SetRenderDrawColor(r, 247, 243, 234, 255);
        SDL_RenderClear(r);
        SDL_Surface *s = TTF_RenderUTF8_Blended_Wrapped(f, page, ink, (Uint32)width);
        SDL_Texture *t = SDL_CreateTextureFromSurface(r, s);
        SDL_Rect d = {80, 60, s->w, s->h};
        SDL_RenderCopy(r, t, NULL, &d);
        SDL_DestroyTexture(t);
        SDL_FreeSurface(s);
        SDL_RenderFlush(r);
    }
    double naive = (now_ms() - t0) / frames;

    /* Ours, cold: a new engine, first layout and first draw. */
    t0 = now_ms();
    TextEngine *te = text_engine_new(fonts);
    text_engine_attach(te, r);
    double open_ms = now_ms() - t0;
    TextStyle st = {.size = size, .lang = LANG_ZH};
    Color c = {31, 35, 40, 255};
    t0 = now_ms();
    text_engine_frame(te);
    SDL_SetRenderDrawColor(r, 247, 243, 234, 255);
    SDL_RenderClear(r);
    const TextLayout *l = text_layout_str(te, page, &st, width);
    text_draw(te, l, 80, 60, c, c);
    SDL_RenderFlush(r);
    double first = now_ms() - t0;

    /* Ours, warm: redraw of the same page; the median tells the frame's
     * cost apart from the other work of a shared machine. */
    static double each[200];
    t0 = now_ms();
    for (int i = 0; i < frames; i++) {
        double f0 = now_ms();
        text_engine_frame(te);
        SDL_SetRenderDrawColor(r, 247, 243, 234, 255);
        SDL_RenderClear(r);
        l = text_layout_str(te, page, &st, width);
        text_draw(te, l, 80, 60, c, c);
        SDL_RenderFlush(r);
        each[i] = now_ms() - f0;
    }
    double warm = (now_ms() - t0) / frames;
    qsort(each, (size_t)frames, sizeof *each, cmp_double);
    double warm_median = each[frames / 2];

    /* New pages with warm glyphs: the same text at 20 other widths, each
     * a layout never made before (shaped, broken, justified) and drawn. */
    double relayout = 0, relayout_max = 0, layout_only = 0, pages[20];
    for (int k = 1; k <= 20; k++) {
        text_engine_frame(te);
        t0 = now_ms();
        SDL_SetRenderDrawColor(r, 247, 243, 234, 255);
        SDL_RenderClear(r);
        double t1 = now_ms();
        l = text_layout_str(te, page, &st, width - 7 * k);
        layout_only += now_ms() - t1;
        text_draw(te, l, 80, 60, c, c);
        SDL_RenderFlush(r);
        double ms = now_ms() - t0;
        relayout += ms;
        relayout_max = ms > relayout_max ? ms : relayout_max;
        pages[k - 1] = ms;
    }
    qsort(pages, 20, sizeof *pages, cmp_double);
    relayout /= 20;
    layout_only /= 20;

    /* The next page: other text, so new glyphs too. */
    TextStats before;
    text_engine_stats(te, &before);
    text_engine_frame(te);
    t0 = now_ms();
    SDL_SetRenderDrawColor(r, 247, 243, 234, 255);
    SDL_RenderClear(r);
    const TextLayout *l2 = text_layout_str(te, page2, &st, width);
    text_draw(te, l2, 80, 60, c, c);
    SDL_RenderFlush(r);
    double next_page = now_ms() - t0;
    TextStats after;
    text_engine_stats(te, &after);

    t0 = now_ms();
    for (int i = 0; i < 50; i++)
        SDL_RenderPresent(r);
    double present = (now_ms() - t0) / 50;

    TextStats ts;
    text_engine_stats(te, &ts);
    printf("page: %zu characters, %d lines at %d px, 1280x800, software renderer\n", chars,
           text_layout_lines(l), size);
    printf("naive TTF_RenderUTF8_Blended_Wrapped: %.2f ms/frame\n", naive);
    printf("atlas + layout cache redraw:          %.3f ms/frame, median %.3f (%.0fx faster)\n",
           warm, warm_median, naive / warm);
    printf("new page, cold caches (layout+draw):  %.2f ms (engine open and attach %.2f ms)\n", first, open_ms);
    printf("new page, warm glyphs (layout+draw):  %.2f ms mean, median %.2f, max %.2f of 20 "
           "(layout alone %.2f ms)\n",
           relayout, pages[10], relayout_max, layout_only);
    printf("next page, other text (layout+draw):  %.2f ms (%d new glyphs rasterised)\n", next_page,
           (int)(after.glyphs_rasterised - before.glyphs_rasterised));
    printf("present (window copy, not counted above): %.2f ms\n", present);
    printf("atlas: %d page(s), %.1f MiB, %d glyphs\n", ts.atlas_pages,
           (double)ts.atlas_bytes / (1024.0 * 1024.0), ts.glyphs_cached);
    text_engine_free(te);
    TTF_CloseFont(f);
    SDL_DestroyRenderer(r);
    SDL_DestroyWindow(win);
    TTF_Quit();
    SDL_Quit();
    return 0;
}
