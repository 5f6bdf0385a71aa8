/* What replay scripts and tests read back from the last frame: where a
 * widget or a text is, every visible text, and layout problems. */
#include "context.h"

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
    for (size_t i = 0; i < ui->dl->count; i++) {
        const DrawCmd *c = &ui->dl->cmds[i];
        const char *at;
        int gx, gy;
        if (c->kind != DRAW_TEXT || !c->str || !(at = strstr(c->str, text)))
            continue;
        if (!text_layout_byte_pos((const TextLayout *)c->text, (uint32_t)(at - c->str), &gx, &gy))
            continue;
        *x = c->r.x + gx + 2;
        *y = c->r.y + gy;
        if (*x >= 0 && *y >= 0 && *x < ui->w && *y < ui->h)
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
