/* A question's formatted text as the quiz, feedback and summary screens
 * show it: the blocks the pack made when it was built (paragraphs with
 * bold, italic and underline, lists, pictures of the pack) laid out with
 * the reader's blocks (blocks.c) at the size and colour the screen gives;
 * and choices as buttons whose label is such text. Nothing is parsed
 * here: a field without blocks is drawn as its text. */
#include "screens.h"

#include <math.h>
#include <string.h>

/* The space reader_block leaves after a block of kind k set in st, which
 * the last block of a field does not need. */
static int rich_gap_after(Ui *ui, BlockKind k, const TextStyle *st)
{
    if (k != BLK_PARA && k != BLK_ITEM && k != BLK_IMAGE && k != BLK_CODE && k != BLK_QUOTE)
        return 0;
    return (int)lroundf((float)st->size * (ui->lang == LANG_ZH ? 0.9f : 0.8f));
}

bool rich_has_bold(const RichText *r)
{
    for (size_t i = 0; r && i < r->count; i++)
        for (size_t k = 0; k < r->blocks[i].nspans; k++)
            if (r->blocks[i].spans[k].flags & SPAN_BOLD)
                return true;
    return false;
}

int screen_rich(Ui *ui, const RichText *r, const char *raw, const RichPlace *at)
{
    TextStyle st = ui_style(ui, at->size, at->flags);
    if (!r || !r->count) {
        const char *s = r && r->plain ? r->plain : raw ? raw : "";
        if (!s[0])
            return 0;
        if (at->draw)
            return ui_text_st(ui, at->x, at->y, at->w, s, &st, at->ink);
        return ui_text_height_st(ui, at->w, s, &st);
    }
    const Pack *p = ui_pack(ui);
    BlockPlace place = {at->x, at->y, at->w, ui->lang, at->draw, at->size, at->flags, &at->ink};
    int h = 0;
    for (size_t i = 0; i < r->count; i++) {
        BlockHit hit;
        place.y = at->y + h;
        h += reader_block(ui, p, &r->blocks[i], i + 1 < r->count ? &r->blocks[i + 1] : NULL,
                          &place, &hit);
    }
    return MB_MAX(0, h - rich_gap_after(ui, r->blocks[r->count - 1].kind, &st));
}

/* A one-paragraph label with mark and two spaces before its text, as a
 * plain label was always drawn (and read back); in the frame arena. */
static const RichText *rich_marked(Ui *ui, const RichText *r, const char *mark)
{
    const Block *b = &r->blocks[0];
    size_t off = strlen(mark) + 2;
    Block *m = arena_alloc(&ui->frame, sizeof *m);
    *m = *b;
    m->text = arena_printf(&ui->frame, "%s  %s", mark, b->text ? b->text : "");
    m->spans = arena_alloc(&ui->frame, (b->nspans ? b->nspans : 1) * sizeof *m->spans);
    for (size_t i = 0; i < b->nspans; i++) {
        m->spans[i] = b->spans[i];
        m->spans[i].start += (uint32_t)off;
    }
    RichText *out = arena_alloc(&ui->frame, sizeof *out);
    *out = (RichText){m, 1, r->plain};
    return out;
}

bool screen_rich_button(Ui *ui, int x, int y, int w, const RichText *r, const char *raw,
                        const char *mark, int style, int *h_out)
{
    int pad = px(ui, TOK.pad);
    const char *plain = rich_plain(r, raw);
    if (!plain)
        plain = "";
    /* the probe reads the box and the text, as drawn */
    const char *label = mark ? arena_printf(&ui->frame, "%s  %s", mark, plain) : plain;
    if (mark && (!r || !r->count)) {
        raw = label;
        r = NULL;
        mark = NULL;
    } else if (mark && r->count == 1 && r->blocks[0].kind == BLK_PARA) {
        r = rich_marked(ui, r, mark);
        mark = NULL;
    }
    TextStyle st = ui_style(ui, SZ_BODY, 0);
    int mw = mark ? text_layout_width(text_layout_str(ui->te, mark, &st, w)) + px(ui, TOK.space_m)
                  : 0;
    RichPlace in = {x + pad + mw, y, w - 2 * pad - mw, SZ_BODY, 0, ui->th.ink, false};
    int th = screen_rich(ui, r, raw, &in);
    int h = MB_MAX(ui_touch_px(ui, TOK.target), th + px(ui, TOK.space_xl));
    Color fg;
    bool tapped = ui_button_face(ui, (Rect){x, y, w, h}, label, style, &fg);
    in.y = y + (h - th) / 2;
    in.ink = fg;
    in.draw = true;
    if (mark)
        ui_text_st(ui, x + pad, in.y, mw, mark, &st, fg);
    screen_rich(ui, r, raw, &in);
    *h_out = h;
    return tapped;
}
