/* What several screens draw the same way: unit titles in the language
 * they are shown in, the question bar of a round, the content column, the
 * pad of digits (the instructor's PIN, a participant's code) and the wait
 * after wrong tries. */
#include "screens.h"

#include <stdio.h>
#include <string.h>

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
    /* A description only gives information: it has no number, and the
     * count is of the questions to answer. */
    char title[64];
    int number;
    int total = learn_round_numbered(&ui->round, ui->lang, &number);
    const Question *q = learn_round_question(&ui->round, ui->lang);
    if (q && q->type == QT_DESCRIPTION)
        snprintf(title, sizeof title, "%s", tr(ui, "Information"));
    else
        snprintf(title, sizeof title, tr(ui, "Question %d of %d"), number, total);
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

int screen_digit_dots(Ui *ui, size_t n, size_t max, int y)
{
    int d = px(ui, TOK.pin_dot), gap = px(ui, TOK.gap);
    int x = (ui->w - ((int)max * d + ((int)max - 1) * gap)) / 2;
    for (int i = 0; i < (int)max; i++) {
        Rect r = {x + i * (d + gap), y, d, d};
        if (i < (int)n)
            ui_rect(ui, r, ui->th.ink, d / 2);
        else
            ui_frame_rect(ui, r, ui->th.line, d / 2, MB_MAX(1, px(ui, TOK.stroke)));
    }
    return d;
}

char screen_digit_pad(Ui *ui, char *typed, size_t min, size_t max, int x, int y, int w, bool on)
{
    static const char keys[] = "123456789d0k";
    int gap = ui_touch_gap(ui, TOK.keypad_gap), kh = ui_touch_px(ui, TOK.key_h);
    int kw = (w - 2 * gap) / 3;
    size_t n = strlen(typed);
    char hit = 0;
    for (int i = 0; i < 12; i++) {
        Rect r = {x + (i % 3) * (kw + gap), y + (i / 3) * (kh + gap), kw, kh};
        char k = keys[i], label[2] = {k, 0};
        bool can = on && (k == 'd' ? n > 0 : k == 'k' ? n >= min : n < max);
        const char *text = k == 'd' ? tr(ui, "Delete") : k == 'k' ? tr(ui, "OK") : label;
        int style = !can ? BTN_OFF : k == 'k' ? BTN_PRIMARY : BTN_SECONDARY;
        if (ui_button(ui, r, text, style) && can)
            hit = k;
    }
    if (hit >= '0' && hit <= '9') {
        typed[n] = hit;
        typed[n + 1] = 0;
    } else if (hit == 'd') {
        typed[n - 1] = 0;
    }
    if (hit)
        ui->changed = true;
    return hit;
}

int screen_digit_pad_height(Ui *ui)
{
    int gap = ui_touch_gap(ui, TOK.keypad_gap), kh = ui_touch_px(ui, TOK.key_h);
    return 4 * kh + 3 * gap;
}

int screen_wait_left(Ui *ui, uint64_t *wait_until)
{
    if (!*wait_until || ui->now >= *wait_until) {
        *wait_until = 0;
        return 0;
    }
    uint64_t left = *wait_until - ui->now;
    ui->wake_ms = ui->now + (left % 1000 ? left % 1000 : 1000);
    return (int)((left + 999) / 1000);
}
