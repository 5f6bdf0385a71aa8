/* The instructor's packs: every pack in the store with its version, units
 * and questions and whether participants see it; hide or show one (the
 * shipped course too), remove one after a question, and the way to import
 * one (pack_import.c). What changed reaches the participants' screens at
 * once (ui_packs_reload), without a restart. */
#include "screens.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    StorePackInfo *list; /* as the store lists them, by id; owned */
    size_t n;
    int removing;        /* the pack asked about ("Remove?"), or -1 */
} PacksState;

static void packs_load(Ui *ui, PacksState *st)
{
    store_pack_list_free(st->list, st->n);
    st->list = NULL;
    st->n = 0;
    st->removing = -1;
    if (ui->store && store_pack_list(ui->store, &st->list, &st->n) != MB_OK)
        ui_store_failed(ui, "The packs could not be read: %s");
}

static void packs_enter(Ui *ui, void *state)
{
    packs_load(ui, state);
}

static void packs_leave(Ui *ui, void *state)
{
    (void)ui;
    PacksState *st = state;
    store_pack_list_free(st->list, st->n);
    st->list = NULL;
    st->n = 0;
}

/* The store changed: the list again, and the participants' packs. */
static void packs_changed(Ui *ui, PacksState *st)
{
    packs_load(ui, st);
    if (!ui_packs_reload(ui))
        ui_store_failed(ui, "The kiosk could not read its packs again: %s");
}

static const char *packs_title(Ui *ui, const StorePackInfo *p)
{
    const char *t = p->title[ui->lang] ? p->title[ui->lang]
                                       : p->title[ui->lang == LANG_EN ? LANG_ZH : LANG_EN];
    return t ? t : p->id;
}

/* The card's text: its title, then what it holds, then who sees it. */
static const char *packs_detail(Ui *ui, const StorePackInfo *p)
{
    const char *what = arena_printf(
        &ui->frame, tr(ui, "%s, version %s: %s, %s"), p->id, p->version,
        screen_count(ui, p->units, tr(ui, "1 unit"), tr(ui, "%d units")),
        screen_count(ui, p->questions, tr(ui, "1 question"), tr(ui, "%d questions")));
    return arena_printf(&ui->frame, "%s\n%s", what,
                        p->hidden ? tr(ui, "Hidden from participants")
                                  : tr(ui, "Participants see it"));
}

/* A card's text at the left and its two buttons beside it; where the card
 * is narrow (a portrait screen), the buttons go under the text. */
typedef struct {
    int bw, bh, gap, text_w, pad;
    bool stacked;
} PackCardLayout;

static PackCardLayout packs_card_layout(Ui *ui, int w)
{
    PackCardLayout c = {.bw = px(ui, TOK.field_action_w) * 2 / 3,
                        .bh = ui_touch_px(ui, TOK.target),
                        .gap = ui_touch_gap(ui, TOK.gap),
                        .pad = px(ui, TOK.pad)};
    c.stacked = w < px(ui, TOK.card_stack_w);
    c.text_w = c.stacked ? w - 2 * c.pad : w - 2 * c.pad - 2 * c.bw - 2 * c.gap;
    return c;
}

static int packs_text_h(Ui *ui, const StorePackInfo *p, const PackCardLayout *c)
{
    return ui_text_height(ui, c->text_w, packs_title(ui, p), SZ_BODY, TEXT_BOLD) +
           px(ui, TOK.space_xs) + ui_text_height(ui, c->text_w, packs_detail(ui, p), SZ_SMALL, 0);
}

static int packs_card_h(Ui *ui, const StorePackInfo *p, const PackCardLayout *c)
{
    int th = packs_text_h(ui, p, c);
    return (c->stacked ? th + c->gap + c->bh : MB_MAX(th, c->bh)) + 2 * c->pad;
}

/* A card's button; its target is named after the pack too ("Hide
 * bilingual"), so that replay and probes tell the cards' buttons apart. */
static bool packs_button(Ui *ui, Rect r, const char *label, const char *id)
{
    bool tapped = ui_button(ui, r, label, BTN_SECONDARY);
    Target *t = ui->ntargets > 0 ? &ui->targets[ui->ntargets - 1] : NULL;
    if (t && t->full.x == r.x && t->full.y == r.y && t->full.w == r.w && t->full.h == r.h)
        t->label = arena_printf(&ui->frame, "%s %s", label, id);
    return tapped;
}

static void packs_card(Ui *ui, PacksState *st, size_t i, const PackCardLayout *c, Rect r)
{
    const StorePackInfo *p = &st->list[i];
    int rad = px(ui, TOK.radius);
    ui_rect(ui, r, ui->th.surface, rad);
    ui_frame_rect(ui, r, ui->th.line, rad, MB_MAX(1, px(ui, TOK.hair)));
    int x = r.x + c->pad, y = r.y + c->pad;
    y += ui_text(ui, x, y, c->text_w, packs_title(ui, p), SZ_BODY, TEXT_BOLD,
                 p->hidden ? ui->th.muted : ui->th.ink, TEXT_ALIGN_LEFT);
    ui_text(ui, x, y + px(ui, TOK.space_xs), c->text_w, packs_detail(ui, p), SZ_SMALL, 0,
            ui->th.muted, TEXT_ALIGN_LEFT);
    int by = c->stacked ? r.y + r.h - c->pad - c->bh : r.y + (r.h - c->bh) / 2;
    Rect b = {r.x + r.w - c->pad - c->bw, by, c->bw, c->bh};
    if (packs_button(ui, b, tr(ui, "Remove"), p->id)) {
        st->removing = (int)i;
        return;
    }
    b.x -= c->bw + c->gap;
    if (packs_button(ui, b, p->hidden ? tr(ui, "Show") : tr(ui, "Hide"), p->id)) {
        if (store_pack_set_hidden(ui->store, p->id, !p->hidden) != MB_OK)
            ui_store_failed(ui, "The pack could not be changed: %s");
        packs_changed(ui, st);
    }
}

static void packs_list(Ui *ui, PacksState *st, int top, int bottom)
{
    int x, w = screen_column(ui, &x);
    Rect view = {0, top, ui->w, bottom - top};
    PackCardLayout c = packs_card_layout(ui, w);
    int gap = ui_touch_gap(ui, TOK.gap), edge = px(ui, TOK.space_xl);
    if (st->n == 0) {
        ui_text(ui, x, top + px(ui, TOK.space_3xl), w,
                tr(ui, "No pack is installed. Import one from a USB stick."), SZ_BODY, 0,
                ui->th.ink, TEXT_ALIGN_CENTER);
        return;
    }
    int *h = arena_alloc(&ui->frame, st->n * sizeof *h), content = 2 * edge;
    for (size_t i = 0; i < st->n; i++)
        content += (h[i] = packs_card_h(ui, &st->list[i], &c)) + gap;
    ui_scroll_update(ui, content, view.h);
    ui_scroll_begin(ui, view);
    int y = top + edge - (int)ui->scroll;
    size_t n = st->n; /* a tap may read the list again */
    for (size_t i = 0; i < n && i < st->n; y += h[i] + gap, i++)
        if (y + h[i] >= top && y <= bottom)
            packs_card(ui, st, i, &c, (Rect){x, y, w, h[i]});
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, content);
}

/* "Remove?" over the list; removes on yes. */
static void packs_ask_remove(Ui *ui, PacksState *st)
{
    const StorePackInfo *p = &st->list[st->removing];
    const char *title = arena_printf(&ui->frame, tr(ui, "Remove %s?"), packs_title(ui, p));
    int b = ui_dialog(ui, title, NULL,
                      tr(ui, "Its units and questions leave the kiosk. The answers already given are kept."),
                      tr(ui, "Keep it"), tr(ui, "Remove it"));
    if (b == 1) {
        st->removing = -1;
    } else if (b == 2) {
        if (store_pack_remove(ui->store, p->id) != MB_OK)
            ui_store_failed(ui, "The pack could not be removed: %s");
        packs_changed(ui, st);
    }
}

static void packs_frame(Ui *ui, void *state)
{
    PacksState *st = state;
    if (!ui->instructor) { /* never shown to a participant */
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    bool asking = st->removing >= 0 && (size_t)st->removing < st->n;
    bool tap = asking && ui_modal_hold(ui);
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Instructor"), tr(ui, "Packs"), &back);
    if (back) {
        ui_go(ui, SCR_INSTRUCTOR);
        return;
    }
    Rect bar = ui_bottom_bar(ui, ui_bottom_bar_h(ui));
    if (ui_bar_action(ui, bar, tr(ui, "Import a pack"), BTN_PRIMARY)) {
        ui_go(ui, SCR_PACK_IMPORT);
        return;
    }
    packs_list(ui, st, top, bar.y);
    if (asking) {
        ui_modal_take(ui, tap);
        packs_ask_remove(ui, st);
    }
}

const ScreenDef screen_packs = {.name = "packs",
                                .state_size = sizeof(PacksState),
                                .enter = packs_enter,
                                .frame = packs_frame,
                                .leave = packs_leave};
