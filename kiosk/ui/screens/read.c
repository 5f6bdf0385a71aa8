/* Read laterally (QT_READ): a sandbox of invented pages drawn as a mock
 * browser. The participant starts on the source's own page, can leave it
 * by "Search about this source" for a list of results (each page's title,
 * address and one-line snippet), open them, come back, and answer below
 * (beside, on a wide screen). Every page says "Invented page for
 * practice". The round keeps which pages were opened (the record lists
 * them); the feedback says how many and which. Drawn by the quiz and the
 * feedback screens; the page shown is the quiz screen's. */
#include "screens.h"

#include <string.h>

/* The label on every page and on the search results. */
static int read_tag(Ui *ui, int x, int y, int w)
{
    int tpad = px(ui, TOK.space_s);
    TextStyle tag = ui_style(ui, SZ_SMALL, TEXT_BOLD);
    const char *label = tr(ui, "Invented page for practice");
    /* a pixel more than measured: the width is rounded down */
    int tw = MB_MIN(w - 2 * tpad, text_layout_width(text_layout_str(ui->te, label, &tag, w)) + 1);
    int th = ui_text_height_st(ui, tw, label, &tag) + tpad;
    Rect t = {x, y, tw + 2 * tpad, th};
    ui_frame_rect(ui, t, ui->th.partial, px(ui, TOK.radius_s), px(ui, TOK.stroke));
    ui_text_st(ui, t.x + tpad, t.y + tpad / 2, tw, label, &tag, ui->th.partial);
    return th + px(ui, TOK.space_m);
}

/* The browser's address strip: the page's invented address, or what was
 * searched for. Returns its height. */
static int read_address(Ui *ui, const Question *q, int view, int x, int y, int w)
{
    int pad = px(ui, TOK.space_m);
    const char *addr;
    if (view < 0)
        addr = arena_printf(&ui->frame, tr(ui, "Search: %s"), q->pages[0].title);
    else
        addr = q->pages[view].site ? q->pages[view].site : q->pages[view].title;
    TextStyle st = ui_style(ui, SZ_SMALL, 0);
    st.max_lines = 1;
    st.cut = true;
    int h = ui_text_height_st(ui, w - 2 * pad, addr, &st) + pad;
    ui_rect(ui, (Rect){x, y, w, h}, ui->th.panel, px(ui, TOK.radius_s));
    ui_text_st(ui, x + pad, y + pad / 2, w - 2 * pad, addr, &st, ui->th.muted);
    return h + px(ui, TOK.gap);
}

/* A page: the label, its title and its paragraphs. */
static int read_page_text(Ui *ui, const ReadPage *pg, int x, int y, int w)
{
    int y0 = y, after = px(ui, TOK.space_l);
    y += read_tag(ui, x, y, w);
    y += ui_text(ui, x, y, w, pg->title, SZ_TITLE, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) + after;
    for (size_t i = 0; i < pg->nparas; i++)
        y += ui_text(ui, x, y, w, pg->paras[i], SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT) + after;
    return y - y0;
}

/* One search result: a row at least a touch target high; true when tapped. */
static bool read_result(Ui *ui, const ReadPage *pg, bool opened, int x, int y, int w, int *h_out)
{
    int pad = px(ui, TOK.space_m), tw = w - 2 * pad;
    const char *seen = opened ? tr(ui, "Opened") : NULL;
    int h1 = ui_text_height(ui, tw, pg->title, SZ_BODY, TEXT_BOLD);
    int h2 = pg->site ? ui_text_height(ui, tw, pg->site, SZ_SMALL, 0) : 0;
    int h3 = pg->snippet ? ui_text_height(ui, tw, pg->snippet, SZ_SMALL, 0) : 0;
    int h4 = seen ? ui_text_height(ui, tw, seen, SZ_SMALL, TEXT_BOLD) : 0;
    int h = MB_MAX(ui_target_px(ui), h1 + h2 + h3 + h4 + 2 * pad);
    Rect r = {x, y, w, h};
    ui_add_target(ui, r, pg->title);
    bool tapped = ui_tapped(ui, r);
    ui_rect(ui, r, ui_pressing(ui, r) ? ui->th.pressed : ui->th.card, px(ui, TOK.radius_s));
    ui_frame_rect(ui, r, ui->th.line, px(ui, TOK.radius_s), px(ui, TOK.hair));
    int ty = y + pad;
    ty +=
        ui_text(ui, x + pad, ty, tw, pg->title, SZ_BODY, TEXT_BOLD, ui->th.accent, TEXT_ALIGN_LEFT);
    if (pg->site)
        ty += ui_text(ui, x + pad, ty, tw, pg->site, SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT);
    if (pg->snippet)
        ty += ui_text(ui, x + pad, ty, tw, pg->snippet, SZ_SMALL, 0, ui->th.ink, TEXT_ALIGN_LEFT);
    if (seen)
        ui_text(ui, x + pad, ty, tw, seen, SZ_SMALL, TEXT_BOLD, ui->th.good, TEXT_ALIGN_LEFT);
    *h_out = h;
    return tapped;
}

/* The search results: every page about the source. */
static int read_results(Ui *ui, const Question *q, int *view, int x, int y, int w)
{
    int y0 = y, gap = ui_touch_gap(ui, TOK.gap), h;
    const Response *resp = learn_round_response(&ui->round);
    const char *head =
        arena_printf(&ui->frame, tr(ui, "What other pages say about %s"), q->pages[0].title);
    y += read_tag(ui, x, y, w);
    y += ui_text(ui, x, y, w, head, SZ_LEAD, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) + gap;
    for (size_t k = 1; k < q->npages; k++) {
        if (read_result(ui, &q->pages[k], (resp->opened >> k) & 1, x, y, w, &h)) {
            learn_round_read_open(&ui->round, ui->lang, (int)k);
            *view = (int)k;
        }
        y += h + gap;
    }
    return y - y0;
}

/* The button that leaves the page shown: to the results, or back. */
static int read_nav(Ui *ui, int *view, int x, int y, int w)
{
    const char *label = *view == 0  ? tr(ui, "Search about this source")
                        : *view < 0 ? tr(ui, "Back to the source's page")
                                    : tr(ui, "Back to the search results");
    int h, bw = MB_MIN(w, px(ui, TOK.action_w) * 3 / 2);
    if (ui_button_wrap(ui, x, y, bw, label, *view == 0 ? BTN_PRIMARY : BTN_SECONDARY, &h))
        *view = *view == 0 ? -1 : *view < 0 ? 0 : -1;
    return h + px(ui, TOK.gap);
}

/* What the browser shows inside its frame; returns its height. */
static int read_inside(Ui *ui, const Question *q, int *view, Rect in)
{
    int y = in.y, before = *view;
    y += read_address(ui, q, *view, in.x, y, in.w);
    y += read_nav(ui, view, in.x, y, in.w);
    if (before < 0)
        y += read_results(ui, q, view, in.x, y, in.w);
    else
        y += read_page_text(ui, &q->pages[before], in.x, y, in.w);
    if (before > 0) /* a long page: the way back at its end too */
        y += read_nav(ui, view, in.x, y, in.w);
    return y - in.y;
}

int read_browser(Ui *ui, const Question *q, int *view, int x, int y, int w)
{
    if (!q->npages)
        return 0;
    if (*view >= (int)q->npages || *view < -1)
        *view = 0;
    int pad = px(ui, TOK.pad);
    Rect in = {x + pad, y + pad, w - 2 * pad, 0};
    /* the card goes under the content: its command is written first and
     * given its height once the content is laid out */
    size_t at = ui->dl->count;
    ui_rect(ui, (Rect){x, y, w, 0}, ui->th.surface, px(ui, TOK.radius));
    Rect card = {x, y, w, read_inside(ui, q, view, in) + 2 * pad};
    ui->dl->cmds[at].r = card;
    ui_frame_rect(ui, card, ui->th.edge, px(ui, TOK.radius), px(ui, TOK.stroke));
    return card.h + px(ui, TOK.gap);
}

int read_feedback(Ui *ui, const Question *q, const Response *resp, int x, int y, int w)
{
    int y0 = y, after = px(ui, TOK.space_s);
    size_t others = q->npages ? q->npages - 1 : 0, n = learn_read_opened(q, resp);
    const char *line =
        n ? arena_printf(&ui->frame, tr(ui, "You opened %zu of %zu pages about this source."), n,
                         others)
          : tr(ui, "You answered without leaving the source's page.");
    y += ui_text(ui, x, y, w, line, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) + after;
    if (!n)
        y += ui_text(ui, x, y, w,
                     tr(ui, "Who is behind a source is said by others, not by the source itself."),
                     SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT) +
             after;
    for (size_t k = 1; k < q->npages && k < 32; k++) {
        bool seen = (resp->opened >> k) & 1;
        const char *s = arena_printf(&ui->frame, tr(ui, seen ? "Opened: %s" : "Not opened: %s"),
                                     q->pages[k].title);
        y += ui_text(ui, x, y, w, s, SZ_SMALL, 0, seen ? ui->th.good : ui->th.muted,
                     TEXT_ALIGN_LEFT);
    }
    return y - y0 + px(ui, TOK.gap);
}
