/* What several screens draw the same way: unit titles in the language
 * they are shown in, the question bar of a round, the content column. */
#include "screens.h"

#include <stdio.h>

const Unit *screen_unit(Ui *ui, int i)
{
    const Pack *p = ui_pack(ui);
    return p && i >= 0 && (size_t)i < p->nunits ? &p->units[i] : NULL;
}

const char *screen_unit_title(Ui *ui, const Unit *u)
{
    Lang l = learn_unit_lang(u, ui->lang);
    return u->lang[l].title ? u->lang[l].title : u->slug;
}

const char *screen_count(Ui *ui, int n, const char *one, const char *many)
{
    return n == 1 ? one : arena_printf(&ui->frame, many, n);
}

int screen_question_bar(Ui *ui, const char *back_label, bool *back)
{
    char title[64];
    snprintf(title, sizeof title, tr(ui, "Question %d of %d"), learn_round_index(&ui->round) + 1,
             learn_round_count(&ui->round));
    return ui_top_bar(ui, back_label, title, back);
}

uint64_t screen_round_seed(Ui *ui, const char *what)
{
    /* FNV-1a over who, what and how many answers the kiosk holds: another
     * participant, unit or attempt gives another order, and a replay of
     * the same taps on a new database the same one. */
    uint64_t h = 1469598103934665603ull;
    int64_t parts[2] = {ui->participant, ui->store ? store_attempt_count(ui->store) : 0};
    const unsigned char *b = (const unsigned char *)parts;
    for (size_t i = 0; i < sizeof parts; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    for (const char *s = what ? what : ""; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h ? h : 1;
}

int screen_column(Ui *ui, int *x)
{
    int w = MB_MIN(ui->w - 2 * px(ui, TOK.margin), px(ui, TOK.content_w));
    *x = (ui->w - w) / 2;
    return w;
}

bool screen_columns(Ui *ui, Columns *c)
{
    if (ui->w < px(ui, TOK.wide_min))
        return false;
    int w = MB_MIN(ui->w - 2 * px(ui, TOK.margin), px(ui, TOK.wide_w)), gap = px(ui, TOK.space_3xl);
    c->lx = (ui->w - w) / 2;
    c->lw = (int)((float)(w - gap) * TOK.wide_lead / 100.0f);
    c->rx = c->lx + c->lw + gap;
    c->rw = w - c->lw - gap;
    return true;
}
