/* What replay scripts and tests read back from the last frame: where a
 * widget or a text is, every visible text, and layout problems. */
#include "context.h"

#include <math.h>
#include <string.h>

bool ui_find_target_rect(Ui *ui, const char *text, Rect *out)
{
    for (int pass = 0; pass < 2; pass++)
        for (int i = ui->ntargets - 1; i >= 0; i--) {
            const Target *t = &ui->targets[i];
            if (pass == 0 ? !strcmp(t->label, text) : strstr(t->label, text) != NULL) {
                *out = t->r;
                return true;
            }
        }
    return false;
}

int ui_target_count(Ui *ui)
{
    return ui->ntargets;
}

bool ui_target_at(Ui *ui, int i, Rect *r, const char **label)
{
    if (i < 0 || i >= ui->ntargets)
        return false;
    *r = ui->targets[i].r;
    *label = ui->targets[i].label;
    return true;
}

bool ui_find_target(Ui *ui, const char *text, int *x, int *y)
{
    Rect r;
    if (!ui_find_target_rect(ui, text, &r))
        return false;
    *x = r.x + r.w / 2;
    *y = r.y + r.h / 2;
    return true;
}

bool ui_find_text(Ui *ui, const char *text, int *x, int *y)
{
    if (!ui->dl)
        return false;
    /* Only a point inside the clip in force can be seen (and tapped). */
    Rect clip = {0, 0, ui->w, ui->h};
    for (size_t i = 0; i < ui->dl->count; i++) {
        const DrawCmd *c = &ui->dl->cmds[i];
        const char *at;
        int gx, gy;
        if (c->kind == DRAW_CLIP)
            clip = c->r.w > 0 ? rect_intersect(c->r, (Rect){0, 0, ui->w, ui->h})
                              : (Rect){0, 0, ui->w, ui->h};
        if (c->kind != DRAW_TEXT || !c->str || !(at = strstr(c->str, text)))
            continue;
        if (!text_layout_byte_pos((const TextLayout *)c->text, (uint32_t)(at - c->str), &gx, &gy))
            continue;
        *x = c->r.x + gx + 2;
        *y = c->r.y + gy;
        if (rect_contains(clip, *x, *y))
            return true;
    }
    return false;
}

void ui_visible_text(Ui *ui, StrBuf *out)
{
    if (!ui->dl)
        return;
    for (size_t i = 0; i < ui->dl->count; i++) {
        const DrawCmd *c = &ui->dl->cmds[i];
        if (c->kind == DRAW_TEXT && c->str) {
            strbuf_puts(out, c->str);
            strbuf_putc(out, '\n');
        }
    }
}

int ui_layout_problems(Ui *ui, StrBuf *out)
{
    if (ui->problems.len)
        strbuf_append(out, ui->problems.data, ui->problems.len);
    return ui->nproblems;
}

/* True when b lies wholly inside a. */
static bool rect_holds(Rect a, Rect b)
{
    return b.x >= a.x && b.y >= a.y && b.x + b.w <= a.x + a.w && b.y + b.h <= a.y + a.h;
}

/* The distance between the edges of a and b in pixels (0 when they touch),
 * or -1 when they overlap. */
static float rect_gap(Rect a, Rect b)
{
    int dx = MB_MAX(b.x - (a.x + a.w), a.x - (b.x + b.w));
    int dy = MB_MAX(b.y - (a.y + a.h), a.y - (b.y + b.h));
    if (dx < 0 && dy < 0)
        return -1;
    if (dx < 0 || dy < 0)
        return (float)MB_MAX(dx, dy);
    return sqrtf((float)(dx * dx + dy * dy));
}

static float ppm(Ui *ui)
{
    return ui->cfg.px_per_mm > 0 ? ui->cfg.px_per_mm : 5.2f;
}

/* Two seen targets side by side closer than UI_TARGET_GAP_MM, or partly
 * over each other (one wholly inside the other is a layer: the screen-wide
 * "tap anywhere" under a button). */
static int target_pair_problem(Ui *ui, const Target *a, const Target *b, StrBuf *out)
{
    if ((a->flags | b->flags) & TARGET_INLINE)
        return 0;
    if (rect_holds(a->r, b->r) || rect_holds(b->r, a->r))
        return 0;
    float d = rect_gap(a->r, b->r);
    if (d >= (float)ui_mm(ui, UI_TARGET_GAP_MM))
        return 0;
    if (d < 0)
        strbuf_printf(out, "%s: \"%.40s\" and \"%.40s\" overlap\n", ui->screen_name, a->label,
                      b->label);
    else
        strbuf_printf(out, "%s: \"%.40s\" and \"%.40s\" are %.1f mm apart (at least %.0f mm)\n",
                      ui->screen_name, a->label, b->label, (double)(d / ppm(ui)),
                      (double)UI_TARGET_GAP_MM);
    return 1;
}

int ui_target_problems(Ui *ui, StrBuf *out)
{
    int min = ui_target_px(ui), n = 0;
    for (int i = 0; i < ui->ntargets; i++) {
        const Target *t = &ui->targets[i];
        if (t->full.w < min || t->full.h < min) {
            strbuf_printf(out, "%s: \"%.40s\" is %.1f x %.1f mm (at least %.0f mm each way)\n",
                          ui->screen_name, t->label, (double)((float)t->full.w / ppm(ui)),
                          (double)((float)t->full.h / ppm(ui)), (double)UI_TARGET_MM);
            n++;
        }
        for (int j = i + 1; j < ui->ntargets; j++)
            n += target_pair_problem(ui, t, &ui->targets[j], out);
    }
    return n;
}

bool ui_target_whole(Ui *ui, const char *text)
{
    Rect screen = {0, 0, ui->w, ui->h};
    for (int i = 0; i < ui->ntargets; i++) {
        const Target *t = &ui->targets[i];
        if (strstr(t->label, text) && rect_holds(t->r, t->full) && rect_holds(screen, t->full))
            return true;
    }
    return false;
}
