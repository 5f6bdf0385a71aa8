/* Widgets (see widgets.h): rectangles, clipped text, buttons, the top and
 * bottom bars with their toggles, scrolled views and text fields. Each
 * records what a replay script or a test can tap. */
#include "widgets.h"

#include <string.h>

/* The three text sizes a participant can choose, and their labels. */
static const float text_steps[] = {1.0f, 1.2f, 1.45f};

void ui_rect(Ui *ui, Rect r, Color c, int radius)
{
    DrawCmd *d = drawlist_push(ui->dl, DRAW_RECT);
    d->r = r;
    d->color = c;
    d->radius = radius;
}

void ui_frame_rect(Ui *ui, Rect r, Color c, int radius, int thickness)
{
    DrawCmd *d = drawlist_push(ui->dl, DRAW_FRAME);
    d->r = r;
    d->color = c;
    d->radius = radius;
    d->thickness = thickness;
}

void ui_scrim(Ui *ui)
{
    ui_rect(ui, (Rect){0, 0, ui->w, ui->h}, ui->th.scrim, 0);
}

bool ui_modal_hold(Ui *ui)
{
    bool tap = ui->tap_pending;
    ui->tap_pending = false;
    ui->held = true;
    return tap;
}

void ui_modal_take(Ui *ui, bool tap)
{
    ui->tap_pending = tap;
    ui->held = false;
    ui->ntargets = 0;
}

/* Height of s at width w in style st, or 0 when there is no s. */
static int dialog_text_h(Ui *ui, int w, const char *s, const TextStyle *st)
{
    return s ? ui_text_height_st(ui, w, s, st) : 0;
}

/* A dialog's texts from y (title, accent line, body); returns their height
 * with the space after. */
static int dialog_texts(Ui *ui, int x, int y, int iw, const char *title, const char *accent,
                        const char *body)
{
    TextStyle hs = ui_style(ui, SZ_HEADING, TEXT_BOLD), bs = ui_style(ui, SZ_BODY, 0);
    int gap = px(ui, TOK.gap), y0 = y;
    y += ui_text_st(ui, x, y, iw, title, &hs, ui->th.ink);
    if (accent)
        y += ui_text_st(ui, x, y, iw, accent, &hs, ui->th.accent);
    y += gap;
    if (body)
        y += ui_text_st(ui, x, y, iw, body, &bs, ui->th.muted);
    return y + gap - y0;
}

Rect ui_layer_box(Ui *ui, int w, int content_h, int foot_h, Rect *view)
{
    int h = MB_MIN(content_h + foot_h, ui->h - 2 * px(ui, TOK.space_m));
    Rect box = {(ui->w - w) / 2, (ui->h - h) / 2, w, h};
    ui_rect(ui, box, ui->th.surface, px(ui, TOK.radius_l));
    /* Scrolled text is cut below the rounded corners, not at the edge. */
    int inset = MB_MIN(px(ui, TOK.radius_l), content_h);
    *view = (Rect){box.x, box.y + inset, w, h - foot_h - inset};
    return box;
}

int ui_dialog(Ui *ui, const char *title, const char *accent, const char *body, const char *first,
              const char *second)
{
    ui_scrim(ui);
    int pad = px(ui, TOK.space_2xl), bh = ui_touch_px(ui, TOK.button_h);
    int bgap = ui_touch_gap(ui, TOK.gap);
    int w = MB_MIN(ui->w - px(ui, TOK.margin_wide), px(ui, TOK.card_w)), iw = w - 2 * pad;
    TextStyle hs = ui_style(ui, SZ_HEADING, TEXT_BOLD), bs = ui_style(ui, SZ_BODY, 0);
    int gap = px(ui, TOK.gap), nb = second ? 2 : 1;
    int text_h = pad + dialog_text_h(ui, iw, title, &hs) + dialog_text_h(ui, iw, accent, &hs) +
                 gap + dialog_text_h(ui, iw, body, &bs) + gap;
    int foot = nb * bh + (nb - 1) * bgap + pad;
    /* At the largest text the texts scroll; the buttons stay in reach. */
    Rect view, box = ui_layer_box(ui, w, text_h, foot, &view);
    int below = text_h - (view.y - box.y); /* the texts' height from the view's top */
    int off = ui_layer_scroll_begin(ui, view, below);
    dialog_texts(ui, box.x + pad, box.y + pad - off, iw, title, accent, body);
    ui_layer_scroll_end(ui, view, below);
    int y = view.y + view.h;
    if (ui_button(ui, (Rect){box.x + pad, y, iw, bh}, first, BTN_PRIMARY))
        return 1;
    if (second && ui_button(ui, (Rect){box.x + pad, y + bh + bgap, iw, bh}, second, BTN_SECONDARY))
        return 2;
    return 0;
}

void ui_push_clip(Ui *ui, Rect r)
{
    ui->clip = r;
    DrawCmd *d = drawlist_push(ui->dl, DRAW_CLIP);
    d->r = r;
}

void ui_pop_clip(Ui *ui)
{
    ui->clip = (Rect){0, 0, ui->w, ui->h};
    DrawCmd *d = drawlist_push(ui->dl, DRAW_CLIP);
    d->r = (Rect){0, 0, 0, 0};
}

TextStyle ui_style(Ui *ui, float size_units, uint32_t flags)
{
    return (TextStyle){.size = text_px(ui, size_units), .flags = flags, .lang = ui->lang};
}

TextStyle ui_style_fixed(Ui *ui, float size_units, uint32_t flags)
{
    return (TextStyle){.size = px(ui, size_units), .flags = flags, .lang = ui->lang};
}

static void note_problems(Ui *ui, const TextLayout *l, const TextStyle *st, int w, const char *s)
{
    if (w > 0 && text_layout_width(l) > w + 1) {
        strbuf_printf(&ui->problems, "%s: text wider than its box (%d > %d): %.60s\n",
                      ui->screen_name, text_layout_width(l), w, s);
        ui->nproblems++;
    }
    if (text_layout_truncated(l) && !st->cut) {
        strbuf_printf(&ui->problems, "%s: text cut: %.60s\n", ui->screen_name, s);
        ui->nproblems++;
    }
}

int ui_text_ex(Ui *ui, int x, int y, int w, const char *s, size_t len, const TextStyle *st,
               const TextSpan *spans, size_t nspans, Color c, const TextLayout **out)
{
    const TextLayout *l = text_layout(ui->te, s, len, st, spans, nspans, w);
    if (out)
        *out = l;
    int h = text_layout_height(l);
    /* Only what can be seen goes into the draw list. */
    if (y + h >= ui->clip.y && y <= ui->clip.y + ui->clip.h) {
        DrawCmd *d = drawlist_push(ui->dl, DRAW_TEXT);
        d->r = (Rect){x, y, w > 0 ? w : text_layout_width(l), h};
        d->color = c;
        d->text = l;
        d->str = arena_strndup(&ui->frame, s, len);
        note_problems(ui, l, st, w, d->str);
    }
    return h;
}

int ui_text_st(Ui *ui, int x, int y, int w, const char *s, const TextStyle *st, Color c)
{
    return ui_text_ex(ui, x, y, w, s, strlen(s), st, NULL, 0, c, NULL);
}

int ui_text(Ui *ui, int x, int y, int w, const char *s, int size_units, uint32_t flags, Color c,
            int align)
{
    TextStyle st = ui_style(ui, (float)size_units, flags);
    st.align = align;
    return ui_text_st(ui, x, y, w, s, &st, c);
}

int ui_text_height_st(Ui *ui, int w, const char *s, const TextStyle *st)
{
    return text_layout_height(text_layout_str(ui->te, s, st, w));
}

int ui_text_height(Ui *ui, int w, const char *s, int size_units, uint32_t flags)
{
    TextStyle st = ui_style(ui, (float)size_units, flags);
    return ui_text_height_st(ui, w, s, &st);
}

void ui_add_target_ex(Ui *ui, Rect r, const char *label, unsigned flags)
{
    if (ui->ntargets < UI_MAX_TARGETS) {
        Rect vis = rect_intersect(r, ui->clip);
        if (vis.w > 0 && vis.h > 0)
            ui->targets[ui->ntargets++] =
                (Target){vis, r, arena_strdup(&ui->frame, label), flags};
    }
}

void ui_add_target(Ui *ui, Rect r, const char *label)
{
    ui_add_target_ex(ui, r, label, 0);
}

void ui_target_draggable(Ui *ui)
{
    if (ui->ntargets > 0)
        ui->targets[ui->ntargets - 1].flags |= TARGET_DRAG;
}

bool ui_dropped(Ui *ui, Rect from, Rect to)
{
    if (!ui->drop_pending)
        return false;
    Rect a = rect_intersect(from, ui->clip), b = rect_intersect(to, ui->clip);
    if (!rect_contains(a, ui->press_x, ui->press_y) || !rect_contains(b, ui->tap_x, ui->tap_y))
        return false;
    ui->drop_pending = false;
    ui->changed = true;
    return true;
}

bool ui_dragging_from(Ui *ui, Rect r)
{
    return ui->pressed && ui->dragging && ui->drag_item &&
           rect_contains(rect_intersect(r, ui->clip), ui->press_x, ui->press_y);
}

bool ui_tapped(Ui *ui, Rect r)
{
    if (!ui->tap_pending)
        return false;
    /* Pressed and released on r: a press slid onto a neighbour is neither. */
    Rect in = rect_intersect(r, ui->clip);
    if (!rect_contains(in, ui->tap_x, ui->tap_y) || !rect_contains(in, ui->press_x, ui->press_y))
        return false;
    ui->tap_pending = false;
    ui->changed = true;
    return true;
}

static void button_colors(Ui *ui, int style, Color *bg, Color *fg, Color *border)
{
    *border = ui->th.edge;
    *fg = ui->th.ink;
    *bg = ui->th.surface;
    switch (style) {
    case BTN_PRIMARY:
        *bg = ui->th.accent;
        *fg = ui->th.accent_ink;
        *border = ui->th.accent;
        break;
    case BTN_CHOICE_ON:
        *bg = ui->th.chosen_bg;
        *border = ui->th.accent;
        break;
    case BTN_GOOD:
        *bg = ui->th.good_bg;
        *border = ui->th.good;
        break;
    case BTN_BAD:
        *bg = ui->th.bad_bg;
        *border = ui->th.bad;
        break;
    case BTN_QUIET:
        *bg = ui->th.bg;
        *fg = ui->th.accent;
        *border = ui->th.bg;
        break;
    case BTN_OFF:
        /* Not yet: muted and flat, nothing like the primary look. */
        *bg = ui->th.card;
        *fg = ui->th.muted;
        *border = ui->th.line;
        break;
    default:
        break;
    }
}

bool ui_pressing(Ui *ui, Rect r)
{
    /* Where the finger went down and where it is now, inside r and the
     * clip, and no layer over the screen holding the tap. */
    Rect in = rect_intersect(r, ui->clip);
    return ui->pressed && !ui->dragging && !ui->held && !ui->gesture_void &&
           rect_contains(in, ui->press_x, ui->press_y) && rect_contains(in, ui->last_x, ui->last_y);
}

/* A button's colours for its style, darker and filled while pressed. */
static void button_look(Ui *ui, Rect r, int style, Color *bg, Color *fg, Color *border)
{
    button_colors(ui, style, bg, fg, border);
    if (style == BTN_OFF || !ui_pressing(ui, r))
        return;
    *border = ui->th.accent;
    if (style == BTN_PRIMARY) {
        *bg = ui->th.accent_pressed;
        *border = ui->th.accent_pressed;
    } else {
        *bg = ui->th.pressed;
        *fg = ui->th.ink;
    }
}

/* A chosen (or judged) button has a bold outline. */
static int button_stroke(Ui *ui, int style, bool judged_bold)
{
    bool bold = style == BTN_CHOICE_ON || (judged_bold && (style == BTN_GOOD || style == BTN_BAD));
    return bold ? MB_MAX(2, px(ui, TOK.stroke_bold)) : MB_MAX(1, px(ui, TOK.stroke));
}

bool ui_button(Ui *ui, Rect r, const char *label, int style)
{
    return ui_button_in(ui, r, label, style, ui->lang);
}

bool ui_button_in(Ui *ui, Rect r, const char *label, int style, Lang lang)
{
    Color bg, fg, border;
    button_look(ui, r, style, &bg, &fg, &border);
    int rad = px(ui, TOK.radius);
    ui_rect(ui, r, bg, rad);
    if (style != BTN_QUIET)
        ui_frame_rect(ui, r, border, rad, button_stroke(ui, style, false));
    /* Controls keep their size; the text-size setting is for reading. */
    TextStyle st = ui_style_fixed(ui, SZ_BUTTON, style == BTN_PRIMARY ? TEXT_BOLD : 0);
    st.lang = lang;
    st.align = TEXT_ALIGN_CENTER;
    st.max_lines = 2;
    int pad = px(ui, TOK.gap);
    int th = ui_text_height_st(ui, r.w - 2 * pad, label, &st);
    ui_text_st(ui, r.x + pad, r.y + (r.h - th) / 2, r.w - 2 * pad, label, &st, fg);
    ui_add_target(ui, r, label);
    return ui_tapped(ui, r);
}

bool ui_button_wrap(Ui *ui, int x, int y, int w, const char *label, int style, int *h_out)
{
    int pad = px(ui, TOK.pad);
    TextStyle st = ui_style(ui, SZ_BODY, 0);
    int th = ui_text_height_st(ui, w - 2 * pad, label, &st);
    int h = MB_MAX(ui_touch_px(ui, TOK.target), th + px(ui, TOK.space_xl));
    Rect r = {x, y, w, h};
    Color bg, fg, border;
    button_look(ui, r, style, &bg, &fg, &border);
    int rad = px(ui, TOK.radius);
    ui_rect(ui, r, bg, rad);
    ui_frame_rect(ui, r, border, rad, button_stroke(ui, style, true));
    ui_text_st(ui, x + pad, y + (h - th) / 2, w - 2 * pad, label, &st, fg);
    ui_add_target(ui, r, label);
    *h_out = h;
    return ui_tapped(ui, r);
}

bool ui_button_face(Ui *ui, Rect r, const char *label, int style, Color *fg)
{
    Color bg, border;
    button_look(ui, r, style, &bg, fg, &border);
    int rad = px(ui, TOK.radius);
    ui_rect(ui, r, bg, rad);
    ui_frame_rect(ui, r, border, rad, button_stroke(ui, style, true));
    ui_add_target(ui, r, label);
    return ui_tapped(ui, r);
}

bool ui_lang_toggle(Ui *ui, Rect r)
{
    /* Names each language in itself, so anyone can find theirs. */
    const char *label = ui->lang == LANG_EN ? "中文" : "English";
    if (ui_button(ui, r, label, BTN_SECONDARY)) {
        ui->lang = ui->lang == LANG_EN ? LANG_ZH : LANG_EN;
        ui->changed = true;
        return true;
    }
    return false;
}

static bool size_toggle(Ui *ui, Rect r)
{
    int cur = ui->text_scale > 1.3f ? 2 : ui->text_scale > 1.1f ? 1 : 0;
    const char *labels[] = {"A+", "A++", "A"};
    if (ui_button(ui, r, labels[cur], BTN_SECONDARY)) {
        ui->text_scale = text_steps[(cur + 1) % 3];
        return true;
    }
    return false;
}

static bool contrast_toggle(Ui *ui, Rect r)
{
    if (ui_button(ui, r, "◐", BTN_SECONDARY)) {
        ui_set_contrast(ui, !ui->contrast);
        return true;
    }
    return false;
}

/* The space around the buttons of a bar: at least the gap between two
 * targets, so that a bar's buttons and what is under the bar stay apart. */
static int bar_inset(Ui *ui)
{
    return ui_touch_gap(ui, TOK.bar_inset);
}

int ui_top_bar_h(Ui *ui)
{
    return MB_MAX(px(ui, TOK.bar_top), ui_target_px(ui) + 2 * bar_inset(ui));
}

int ui_bottom_bar_h(Ui *ui)
{
    return MB_MAX(px(ui, TOK.bar_bottom), ui_target_px(ui) + 2 * bar_inset(ui));
}

/* Who is signed in, at the left of the bar's controls (right: the left
 * edge of the first); a long name ends in an ellipsis. Returns the new
 * left edge of what sits at the right. */
static int top_bar_who(Ui *ui, int right, int bh)
{
    if (ui->participant <= 0)
        return right;
    const char *who = ui->who_guest || !ui->who[0] ? tr(ui, "Guest") : ui->who;
    TextStyle st = ui_style_fixed(ui, SZ_SMALL, TEXT_BOLD);
    st.max_lines = 1;
    st.cut = true;
    st.align = TEXT_ALIGN_RIGHT;
    int full = text_layout_width(text_layout_str(ui->te, who, &st, ui->w));
    int w = MB_MIN(px(ui, TOK.who_w), full + 1), gap = px(ui, TOK.space_xl);
    int h = ui_text_height_st(ui, w, who, &st);
    ui_text_st(ui, right - gap - w, (bh - h) / 2, w, who, &st, ui->th.ink);
    return right - gap - w;
}

/* The top bar with a back button at the left (back) or an action at the
 * right, before the toggles (end); either may be NULL. */
static int top_bar(Ui *ui, const char *back, const char *end, const char *title, bool *tapped)
{
    int bh = ui_top_bar_h(ui), m = bar_inset(ui), hair = MB_MAX(1, px(ui, TOK.hair));
    int h = bh - 2 * m;
    /* Upright, the controls leave the title no room: it gets a row of its
     * own under them. */
    TextStyle st = ui_style_fixed(ui, SZ_BAR, TEXT_BOLD);
    st.max_lines = 1;
    st.cut = true; /* a long unit title is shortened with an ellipsis on purpose */
    bool row = title && ui->h > ui->w;
    int all_h = row ? bh + ui_text_height_st(ui, ui->w, title, &st) + px(ui, TOK.space_l) : bh;
    ui_rect(ui, (Rect){0, 0, ui->w, all_h}, ui->th.surface, 0);
    ui_rect(ui, (Rect){0, all_h - hair, ui->w, hair}, ui->th.line, 0);
    int x0 = m, bw = ui_touch_px(ui, TOK.back_w);
    if (tapped)
        *tapped = false;
    if (back) {
        if (ui_button(ui, (Rect){m, m, bw, h}, back, BTN_SECONDARY) && tapped)
            *tapped = true;
        x0 = m + bw + m;
    }
    int lw = ui_touch_px(ui, TOK.lang_w), sw = ui_touch_px(ui, TOK.toggle_w);
    Rect lr = {ui->w - m - lw, m, lw, h};
    Rect sr = {lr.x - m - sw, m, sw, h};
    Rect cr = {sr.x - m - sw, m, sw, h};
    int right = cr.x;
    if (end) {
        /* as wide as its label on one line ("Back to the kiosk") */
        TextStyle es = ui_style_fixed(ui, SZ_BUTTON, 0);
        int ew = text_layout_width(text_layout_str(ui->te, end, &es, ui->w));
        ew = MB_MIN(MB_MAX(bw, ew + 2 * px(ui, TOK.space_xl)), ui->w / 3);
        Rect er = {cr.x - m - ew, m, ew, h};
        if (ui_button(ui, er, end, BTN_SECONDARY) && tapped)
            *tapped = true;
        right = er.x;
    }
    right = top_bar_who(ui, right, bh);
    int tw = right - m - x0;
    if (row) {
        int pad = px(ui, TOK.space_xl);
        ui_text_st(ui, pad, bh - px(ui, TOK.space_xs), ui->w - 2 * pad, title, &st, ui->th.ink);
    } else if (title && tw > 0) {
        int th = ui_text_height_st(ui, tw, title, &st);
        ui_text_st(ui, x0, (bh - th) / 2, tw, title, &st, ui->th.ink);
    }
    contrast_toggle(ui, cr);
    size_toggle(ui, sr);
    ui_lang_toggle(ui, lr);
    return all_h;
}

int ui_top_bar(Ui *ui, const char *back, const char *title, bool *back_tapped)
{
    return top_bar(ui, back, NULL, title, back_tapped);
}

int ui_top_bar_end(Ui *ui, const char *title, const char *end, bool *end_tapped)
{
    return top_bar(ui, NULL, end, title, end_tapped);
}

Rect ui_bottom_bar(Ui *ui, int bar_h)
{
    Rect bar = {0, ui->h - bar_h, ui->w, bar_h};
    ui_rect(ui, bar, ui->th.surface, 0);
    ui_rect(ui, (Rect){0, bar.y, ui->w, MB_MAX(1, px(ui, TOK.hair))}, ui->th.line, 0);
    return bar;
}

Rect ui_bar_action_rect(Ui *ui, Rect bar, int w)
{
    int inset = bar_inset(ui);
    return (Rect){ui->w - w - px(ui, TOK.space_xl), bar.y + inset, w, bar.h - 2 * inset};
}

bool ui_bar_action(Ui *ui, Rect bar, const char *label, int style)
{
    int m = px(ui, TOK.space_xl);
    int bw = MB_MIN(px(ui, TOK.action_w), ui->w - 2 * m);
    return ui_button(ui, ui_bar_action_rect(ui, bar, bw), label, style);
}

void ui_scroll_begin(Ui *ui, Rect view)
{
    ui_push_clip(ui, view);
}

/* The position of a view scrolled by scroll of at most max. */
static void scroll_indicator(Ui *ui, Rect view, int content_h, float scroll, float max)
{
    if (content_h <= view.h)
        return;
    int bar_w = MB_MAX(3, px(ui, TOK.rule)), inset = px(ui, TOK.space_xs);
    int track = view.h - 2 * inset;
    int thumb = MB_MAX(px(ui, TOK.thumb_min), (int)((float)track * (float)view.h / (float)content_h));
    int y = view.y + inset + (int)((float)(track - thumb) * (max > 0 ? scroll / max : 0));
    Rect t = {view.x + view.w - bar_w - px(ui, TOK.scroll_edge), view.y + inset, bar_w, track};
    ui_rect(ui, t, ui->th.line, bar_w / 2);
    ui_rect(ui, (Rect){t.x, y, bar_w, thumb}, ui->th.muted, bar_w / 2);
}

void ui_scroll_indicator(Ui *ui, Rect view, int content_h)
{
    scroll_indicator(ui, view, content_h, ui->scroll, ui->scroll_max);
}

int ui_layer_scroll_begin(Ui *ui, Rect view, int content_h)
{
    float max = (float)MB_MAX(0, content_h - view.h);
    ui->layer_scroll = MB_CLAMP(ui->layer_scroll, 0.0f, max);
    ui->layer_seen = true;
    ui_push_clip(ui, view);
    return (int)ui->layer_scroll;
}

void ui_layer_scroll_end(Ui *ui, Rect view, int content_h)
{
    ui_pop_clip(ui);
    scroll_indicator(ui, view, content_h, ui->layer_scroll, (float)MB_MAX(0, content_h - view.h));
}

void ui_scroll_end(Ui *ui, Rect view, int content_h)
{
    ui_pop_clip(ui);
    ui_scroll_update(ui, content_h, view.h);
    ui_scroll_indicator(ui, view, content_h);
}

void ui_text_field(Ui *ui, Rect r, const char *text, float size_units)
{
    int rad = px(ui, TOK.radius_s), pad = px(ui, TOK.pad);
    ui_rect(ui, r, ui->th.surface, rad);
    ui_frame_rect(ui, r, ui->th.accent, rad, MB_MAX(2, px(ui, TOK.field_stroke)));
    const char *shown = arena_printf(&ui->frame, "%s▏", text);
    TextStyle st = ui_style(ui, size_units, 0);
    /* Centred on the em box with a little room below, the same for both
     * languages so the field does not jump when the language changes. */
    ui_text_st(ui, r.x + pad, r.y + (r.h - st.size * 3 / 2) / 2, r.w - 2 * pad, shown, &st,
               ui->th.ink);
}
