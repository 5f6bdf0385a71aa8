/* The reader's blocks: headings, paragraphs, list items, "How do we know?"
 * cards (block quotes), rules, images and code, laid out at a width in a
 * language, measured without drawing or drawn. Each says where its text
 * sits so a tap can find the word under the finger. */
#include "screens.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static uint32_t span_flags(uint32_t f)
{
    uint32_t o = 0;
    if (f & SPAN_BOLD)
        o |= TEXT_BOLD;
    if (f & SPAN_EM)
        o |= TEXT_EM;
    if (f & SPAN_CODE)
        o |= TEXT_CODE;
    if (f & SPAN_LINK)
        o |= TEXT_LINK;
    if (f & SPAN_GLOSSARY)
        o |= TEXT_GLOSSARY;
    if (f & SPAN_UNDERLINE)
        o |= TEXT_LINK; /* drawn underlined */
    return o;
}

/* What every kind of block needs: the block, its text and spans, where and
 * how to put it. */
typedef struct {
    const Block *b;
    const Block *next;
    const char *text;
    size_t len;
    TextSpan *spans;
    TextStyle st;
    int para_gap;
    int x, y, w;
    bool draw;
    Color ink;
} BlockJob;

static int block_heading(Ui *ui, BlockJob *j, BlockHit *hit)
{
    static const int sizes[] = {SZ_TITLE, SZ_HEADING, SZ_LEAD, SZ_BODY, SZ_BODY, SZ_BODY};
    const Block *b = j->b;
    j->st.size = text_px(ui, (float)sizes[MB_CLAMP(b->level, 1, 6) - 1]);
    j->st.flags = TEXT_BOLD;
    j->st.line_height = 1.3f;
    int above = b->level == 1 ? 0 : (int)lroundf((float)j->st.size * 0.7f);
    const TextLayout *l = text_layout(ui->te, j->text, j->len, &j->st, j->spans, b->nspans, j->w);
    if (j->draw)
        ui_text_ex(ui, j->x, j->y + above, j->w, j->text, j->len, &j->st, j->spans, b->nspans,
                   b->level == 1 ? ui->th.accent : j->ink, &hit->layout);
    hit->x = j->x;
    hit->y = j->y + above;
    return above + text_layout_height(l) + (int)lroundf((float)j->st.size * 0.4f);
}

/* "How do we know?" cards: block quotes on a tinted card with a stripe. */
static int block_quote(Ui *ui, BlockJob *j, BlockHit *hit)
{
    int pad = px(ui, TOK.pad), rule = px(ui, TOK.rule);
    j->st.size = text_px(ui, SZ_QUOTE);
    int tw = j->w - 2 * pad - rule;
    const TextLayout *l = text_layout(ui->te, j->text, j->len, &j->st, j->spans, j->b->nspans, tw);
    int h = text_layout_height(l) + 2 * pad;
    int joined = j->next && j->next->kind == BLK_QUOTE ? j->para_gap : 0;
    if (j->draw) {
        ui_rect(ui, (Rect){j->x, j->y, j->w, h + joined}, ui->th.card, 0);
        ui_rect(ui, (Rect){j->x, j->y, rule, h + joined}, ui->th.accent, 0);
        ui_text_ex(ui, j->x + pad + rule, j->y + pad, tw, j->text, j->len, &j->st, j->spans,
                   j->b->nspans, j->ink, &hit->layout);
    }
    hit->x = j->x + pad + rule;
    hit->y = j->y + pad;
    return h + j->para_gap;
}

static int block_item(Ui *ui, BlockJob *j, BlockHit *hit)
{
    const Block *b = j->b;
    int indent = px(ui, TOK.indent) * MB_MAX(1, b->level);
    const TextLayout *l = text_layout(ui->te, j->text, j->len, &j->st, j->spans, b->nspans,
                                      j->w - indent);
    if (j->draw) {
        if (b->first_in_item) {
            char marker[16];
            if (b->number > 0)
                snprintf(marker, sizeof marker, "%d.", b->number);
            else
                snprintf(marker, sizeof marker, "•");
            TextStyle ms = j->st;
            ms.align = TEXT_ALIGN_RIGHT;
            int mw = px(ui, TOK.marker_w);
            ui_text_st(ui, j->x + indent - mw - px(ui, TOK.space_m), j->y, mw, marker, &ms,
                       ui->th.accent);
        }
        ui_text_ex(ui, j->x + indent, j->y, j->w - indent, j->text, j->len, &j->st, j->spans,
                   b->nspans, j->ink, &hit->layout);
    }
    hit->x = j->x + indent;
    hit->y = j->y;
    bool tight = j->next && j->next->kind == BLK_ITEM;
    return text_layout_height(l) + (tight ? j->para_gap / 3 : j->para_gap);
}

/* The picture scaled to the measure (never up), its description under it;
 * without a readable file, the description alone. */
static int block_image(Ui *ui, const Pack *p, BlockJob *j)
{
    const PackFile *f = j->b->src ? pack_files_find(&p->files, j->b->src) : NULL;
    uint32_t iw = 0, ih = 0;
    int pw = 0, ph = 0;
    if (f && pack_image_size(f, &iw, &ih)) {
        pw = MB_MIN(j->w, (int)((float)iw * ui->s));
        ph = (int)((double)pw * ih / iw);
        int maxh = (ui->h * 3) / 5;
        if (ph > maxh) {
            pw = (int)((double)pw * maxh / ph);
            ph = maxh;
        }
    }
    j->st.flags = TEXT_EM;
    j->st.size = text_px(ui, SZ_SMALL);
    int below = ph ? ph + px(ui, TOK.space_s) : 0;
    const TextLayout *l = text_layout(ui->te, j->text, j->len, &j->st, NULL, 0, j->w);
    if (j->draw) {
        if (ph) {
            DrawCmd *d = drawlist_push(ui->dl, DRAW_IMAGE);
            d->r = (Rect){j->x + (j->w - pw) / 2, j->y, pw, ph};
            d->str = j->b->src;
            d->image_data = f->data;
            d->image_len = f->len;
        }
        ui_text_ex(ui, j->x, j->y + below, j->w, j->text, j->len, &j->st, NULL, 0, ui->th.muted,
                   NULL);
    }
    return below + text_layout_height(l) + j->para_gap;
}

static int block_text(Ui *ui, BlockJob *j, BlockHit *hit)
{
    if (j->b->kind == BLK_CODE)
        j->st.flags = TEXT_CODE;
    const TextLayout *l = text_layout(ui->te, j->text, j->len, &j->st, j->spans, j->b->nspans, j->w);
    if (j->draw)
        ui_text_ex(ui, j->x, j->y, j->w, j->text, j->len, &j->st, j->spans, j->b->nspans,
                   j->ink, &hit->layout);
    hit->x = j->x;
    hit->y = j->y;
    return text_layout_height(l) + j->para_gap;
}

int reader_block(Ui *ui, const Pack *p, const Block *b, const Block *next, const BlockPlace *at,
                 BlockHit *hit)
{
    BlockJob j = {.b = b, .next = next, .text = b->text ? b->text : "", .x = at->x, .y = at->y,
                  .w = at->w, .draw = at->draw};
    j.len = strlen(j.text);
    if (b->nspans) {
        j.spans = arena_alloc(&ui->frame, b->nspans * sizeof *j.spans);
        for (size_t i = 0; i < b->nspans; i++)
            j.spans[i] = (TextSpan){b->spans[i].start, b->spans[i].len,
                                    span_flags(b->spans[i].flags)};
    }
    j.st = ui_style(ui, at->size > 0 ? at->size : SZ_BODY, at->flags);
    j.ink = at->ink ? *at->ink : ui->th.ink;
    j.st.lang = at->lang;
    j.para_gap = (int)lroundf((float)j.st.size * (at->lang == LANG_ZH ? 0.9f : 0.8f));
    *hit = (BlockHit){0};
    switch (b->kind) {
    case BLK_HEADING: return block_heading(ui, &j, hit);
    case BLK_QUOTE: return block_quote(ui, &j, hit);
    case BLK_ITEM: return block_item(ui, &j, hit);
    case BLK_RULE:
        if (j.draw)
            ui_rect(ui, (Rect){j.x, j.y + j.para_gap / 2, j.w, MB_MAX(1, px(ui, TOK.hair))},
                    ui->th.line, 0);
        return j.para_gap;
    case BLK_IMAGE: return block_image(ui, p, &j);
    default: return block_text(ui, &j, hit);
    }
}
