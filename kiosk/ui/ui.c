/* The ui's machinery: input to taps and drags, scaling, widgets that write
 * the draw list and record their tap targets, scrolling with inertia, and
 * the frame loop that re-runs a screen until its state settles. */
#include "ui_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const Theme theme_paper = {
    .bg = {247, 243, 234, 255},
    .surface = {255, 253, 248, 255},
    .ink = {31, 35, 40, 255},
    .muted = {96, 100, 108, 255},
    .accent = {15, 95, 92, 255},
    .accent_ink = {255, 255, 255, 255},
    .line = {221, 214, 200, 255},
    .good = {28, 110, 60, 255},
    .bad = {160, 72, 20, 255},
    .card = {236, 231, 219, 255},
    .warn = {250, 236, 205, 255},
    .chosen_bg = {220, 236, 233, 255},
    .good_bg = {222, 240, 226, 255},
    .bad_bg = {250, 230, 218, 255},
    .panel = {230, 238, 236, 255},
};

/* High contrast: light text on black, yellow for what can be tapped. */
static const Theme theme_contrast = {
    .bg = {0, 0, 0, 255},
    .surface = {18, 18, 18, 255},
    .ink = {255, 255, 255, 255},
    .muted = {225, 225, 225, 255},
    .accent = {255, 214, 0, 255},
    .accent_ink = {0, 0, 0, 255},
    .line = {170, 170, 170, 255},
    .good = {120, 255, 120, 255},
    .bad = {255, 170, 80, 255},
    .card = {36, 36, 36, 255},
    .warn = {60, 48, 0, 255},
    .chosen_bg = {70, 60, 0, 255},
    .good_bg = {0, 60, 20, 255},
    .bad_bg = {80, 36, 0, 255},
    .panel = {30, 30, 60, 255},
};

static void ui_compute_scale(Ui *ui)
{
    float sx = (float)ui->w / 800.0f, sy = (float)ui->h / 480.0f;
    ui->s = sx < sy ? sx : sy;
    if (ui->s < 0.5f)
        ui->s = 0.5f;
}

Ui *ui_new(const UiConfig *cfg)
{
    Ui *ui = mb_xcalloc(1, sizeof *ui);
    ui->cfg = *cfg;
    ui->store = cfg->store;
    ui->te = cfg->text;
    ui->w = cfg->width;
    ui->h = cfg->height;
    ui->lang = cfg->lang;
    ui->th = theme_paper;
    ui->text_scale = 1.0f;
    ui->match_left = -1;
    ui->bi_block = -1;
    ui->screen = SCR_ATTRACT;
    ui->dirty = true;
    ui_compute_scale(ui);
    return ui;
}

void ui_free(Ui *ui)
{
    if (!ui)
        return;
    arena_reset(&ui->frame);
    strbuf_free(&ui->problems);
    free(ui);
}

void ui_resize(Ui *ui, int w, int h)
{
    if (w == ui->w && h == ui->h)
        return;
    ui->w = w;
    ui->h = h;
    ui_compute_scale(ui);
    ui->dirty = true;
}

ScreenId ui_screen(Ui *ui)
{
    return ui->screen;
}

Lang ui_lang(Ui *ui)
{
    return ui->lang;
}

const char *ui_screen_name(ScreenId s)
{
    static const char *names[SCR_COUNT] = {"attract", "language", "signin", "home",
                                           "reader",  "quiz",     "feedback", "summary", "name"};
    return s < SCR_COUNT ? names[s] : "?";
}

char *ui_edit_buffer(Ui *ui, size_t *cap)
{
    if (ui->screen == SCR_NAME) {
        *cap = sizeof ui->name;
        return ui->name;
    }
    if (ui->screen == SCR_QUIZ) {
        *cap = sizeof ui->resp.text;
        return ui->resp.text;
    }
    return NULL;
}

bool ui_quit_allowed(Ui *ui)
{
    /* A participant never leaves the kiosk; only an instructor screen could
     * allow it, and the participant screens are all there is so far. */
    (void)ui;
    return false;
}

void ui_set_screen(Ui *ui, ScreenId s)
{
    ui->screen = s;
    ui->changed = true;
    ui->tap_pending = false;
    ui->bi_block = -1;
    ui->gloss = NULL;
    ui_scroll_reset(ui);
}

int px(Ui *ui, float units)
{
    return (int)lroundf(units * ui->s);
}

int text_px(Ui *ui, float units)
{
    return (int)lroundf(units * ui->s * ui->text_scale);
}

/* ---- input ---- */

void ui_event(Ui *ui, const Event *ev, uint64_t now)
{
    int slop = px(ui, 12);
    switch (ev->kind) {
    case EV_PRESS:
        ui->pressed = true;
        ui->dragging = false;
        ui->press_x = ui->last_x = ev->x;
        ui->press_y = ui->last_y = ev->y;
        ui->last_move_ms = now;
        ui->velocity = 0;
        ui->animating = false;
        ui->drag_velocity = 0;
        break;
    case EV_MOVE:
        if (!ui->pressed)
            return; /* hover changes nothing on a touch kiosk */
        if (!ui->dragging && (abs(ev->x - ui->press_x) > slop || abs(ev->y - ui->press_y) > slop))
            ui->dragging = true;
        if (ui->dragging) {
            int dy = ev->y - ui->last_y;
            ui->scroll -= (float)dy;
            uint64_t dt = now > ui->last_move_ms ? now - ui->last_move_ms : 1;
            ui->drag_velocity = 0.6f * ui->drag_velocity + 0.4f * (-(float)dy / (float)dt);
            ui->dirty = true;
        }
        ui->last_x = ev->x;
        ui->last_y = ev->y;
        ui->last_move_ms = now;
        break;
    case EV_RELEASE:
        if (!ui->pressed)
            return;
        ui->pressed = false;
        if (ui->dragging) {
            /* Inertia: keep the finger's speed and let it decay. */
            if (now - ui->last_move_ms < 80 && fabsf(ui->drag_velocity) > 0.05f) {
                ui->velocity = ui->drag_velocity;
                ui->animating = true;
                ui->anim_ms = now;
            }
        } else {
            ui->tap_pending = true;
            ui->tap_x = ev->x;
            ui->tap_y = ev->y;
        }
        ui->dragging = false;
        ui->dirty = true;
        break;
    case EV_WHEEL:
        ui->scroll -= (float)(ev->dy * px(ui, 60));
        ui->dirty = true;
        break;
    case EV_KEY:
        if (ev->key == KEY_PAGEDOWN || ev->key == KEY_DOWN || ev->key == KEY_SPACE)
            ui->scroll += ev->key == KEY_DOWN ? (float)px(ui, 60) : (float)ui->h * 0.8f;
        else if (ev->key == KEY_PAGEUP || ev->key == KEY_UP)
            ui->scroll -= ev->key == KEY_UP ? (float)px(ui, 60) : (float)ui->h * 0.8f;
        else if (ev->key == KEY_HOME)
            ui->scroll = 0;
        else if (ev->key == KEY_END)
            ui->scroll = 1e9f;
        else if (ev->key == KEY_BACKSPACE) {
            size_t cap;
            char *buf = ui_edit_buffer(ui, &cap);
            size_t n = buf ? strlen(buf) : 0;
            while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
                n--;
            if (n > 0)
                buf[n - 1] = 0;
        }
        ui->dirty = true;
        break;
    case EV_TEXT: {
        size_t cap;
        char *buf = ui_edit_buffer(ui, &cap);
        if (buf) {
            size_t n = strlen(buf), m = strlen(ev->text);
            if (n + m < cap)
                memcpy(buf + n, ev->text, m + 1);
            ui->dirty = true;
        }
        break;
    }
    case EV_RESIZE:
        ui_resize(ui, ev->x, ev->y);
        ui->dirty = true;
        break;
    default:
        break;
    }
    if (ev->kind != EV_RESIZE && ev->kind != EV_QUIT) {
        ui->last_input_ms = now;
        if (ui->idle_prompt) {
            ui->idle_prompt = false;
            ui->dirty = true;
        }
    }
}

/* ---- scrolling ---- */

void ui_scroll_reset(Ui *ui)
{
    ui->scroll = 0;
    ui->velocity = 0;
    ui->animating = false;
}

void ui_scroll_update(Ui *ui, int content_h, int view_h)
{
    ui->scroll_max = (float)MB_MAX(0, content_h - view_h);
    if (ui->animating) {
        uint64_t dt = ui->now > ui->anim_ms ? ui->now - ui->anim_ms : 0;
        ui->anim_ms = ui->now;
        ui->scroll += ui->velocity * (float)dt;
        ui->velocity *= powf(0.995f, (float)dt);
        if (fabsf(ui->velocity) < 0.02f)
            ui->animating = false;
    }
    float before = ui->scroll;
    if (ui->scroll > ui->scroll_max) {
        ui->scroll = ui->scroll_max;
        ui->animating = false;
    }
    if (ui->scroll < 0) {
        ui->scroll = 0;
        ui->animating = false;
    }
    /* Screens that measure while drawing clamp afterwards: draw again. */
    if (fabsf(before - ui->scroll) >= 1.0f)
        ui->changed = true;
}

void ui_scroll_end(Ui *ui, Rect view, int content_h)
{
    ui_pop_clip(ui);
    ui_scroll_update(ui, content_h, view.h);
    ui_scroll_indicator(ui, view, content_h);
}

Rect ui_bottom_bar(Ui *ui, int bar_h)
{
    Rect bar = {0, ui->h - bar_h, ui->w, bar_h};
    ui_rect(ui, bar, ui->th.surface, 0);
    ui_rect(ui, (Rect){0, bar.y, ui->w, MB_MAX(1, px(ui, 1))}, ui->th.line, 0);
    return bar;
}

void ui_scroll_indicator(Ui *ui, Rect view, int content_h)
{
    if (content_h <= view.h)
        return;
    int bar_w = MB_MAX(3, px(ui, 4));
    int track = view.h - px(ui, 8);
    int thumb = MB_MAX(px(ui, 30), (int)((float)track * (float)view.h / (float)content_h));
    int y = view.y + px(ui, 4) +
            (int)((float)(track - thumb) * (ui->scroll_max > 0 ? ui->scroll / ui->scroll_max : 0));
    Rect t = {view.x + view.w - bar_w - px(ui, 3), view.y + px(ui, 4), bar_w, track};
    ui_rect(ui, t, ui->th.line, bar_w / 2);
    Rect r = {t.x, y, bar_w, thumb};
    ui_rect(ui, r, ui->th.muted, bar_w / 2);
}

/* ---- drawing ---- */

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

const TextLayout *ui_layout(Ui *ui, const char *s, int size_units, uint32_t flags, int w, int align,
                            int max_lines)
{
    TextStyle st = {.size = text_px(ui, (float)size_units), .flags = flags, .lang = ui->lang,
                    .align = align, .max_lines = max_lines};
    return text_layout_str(ui->te, s, &st, w);
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
        d->layout = l;
        d->str = arena_strndup(&ui->frame, s, len);
        if (w > 0 && text_layout_width(l) > w + 1) {
            strbuf_printf(&ui->problems, "%s: text wider than its box (%d > %d): %.60s\n",
                          ui_screen_name(ui->screen), text_layout_width(l), w, d->str);
            ui->nproblems++;
        }
        if (text_layout_truncated(l) && !ui->cut_ok) {
            strbuf_printf(&ui->problems, "%s: text cut: %.60s\n", ui_screen_name(ui->screen),
                          d->str);
            ui->nproblems++;
        }
    }
    return h;
}

int ui_text(Ui *ui, int x, int y, int w, const char *s, int size_units, uint32_t flags, Color c,
            int align)
{
    TextStyle st = {.size = text_px(ui, (float)size_units), .flags = flags, .lang = ui->lang,
                    .align = align};
    return ui_text_ex(ui, x, y, w, s, strlen(s), &st, NULL, 0, c, NULL);
}

int ui_text_height(Ui *ui, int w, const char *s, int size_units, uint32_t flags)
{
    return text_layout_height(ui_layout(ui, s, size_units, flags, w, TEXT_ALIGN_LEFT, 0));
}

void ui_add_target(Ui *ui, Rect r, const char *label)
{
    if (ui->ntargets < UI_MAX_TARGETS) {
        Rect vis = rect_intersect(r, ui->clip);
        if (vis.w > 0 && vis.h > 0)
            ui->targets[ui->ntargets++] = (Target){vis, arena_strdup(&ui->frame, label)};
    }
}

bool ui_tapped(Ui *ui, Rect r)
{
    if (!ui->tap_pending)
        return false;
    if (!rect_contains(r, ui->tap_x, ui->tap_y) || !rect_contains(ui->clip, ui->tap_x, ui->tap_y))
        return false;
    ui->tap_pending = false;
    ui->changed = true;
    return true;
}

static void button_colors(Ui *ui, int style, Color *bg, Color *fg, Color *border)
{
    *border = ui->th.line;
    switch (style) {
    case BTN_PRIMARY:
        *bg = ui->th.accent;
        *fg = ui->th.accent_ink;
        *border = ui->th.accent;
        break;
    case BTN_CHOICE_ON:
        *bg = ui->th.chosen_bg;
        *fg = ui->th.ink;
        *border = ui->th.accent;
        break;
    case BTN_GOOD:
        *bg = ui->th.good_bg;
        *fg = ui->th.ink;
        *border = ui->th.good;
        break;
    case BTN_BAD:
        *bg = ui->th.bad_bg;
        *fg = ui->th.ink;
        *border = ui->th.bad;
        break;
    case BTN_QUIET:
        *bg = ui->th.bg;
        *fg = ui->th.accent;
        *border = ui->th.bg;
        break;
    default:
        *bg = ui->th.surface;
        *fg = ui->th.ink;
        break;
    }
}

bool ui_button(Ui *ui, Rect r, const char *label, int style)
{
    Color bg, fg, border;
    button_colors(ui, style, &bg, &fg, &border);
    int rad = px(ui, 10);
    ui_rect(ui, r, bg, rad);
    if (style != BTN_QUIET)
        ui_frame_rect(ui, r, border, rad, style == BTN_CHOICE_ON ? MB_MAX(2, px(ui, 3)) : MB_MAX(1, px(ui, 1.5f)));
    /* Controls keep their size; the text-size setting is for reading. */
    TextStyle st = {.size = px(ui, SZ_BUTTON), .lang = ui->lang, .align = TEXT_ALIGN_CENTER,
                    .max_lines = 2, .flags = style == BTN_PRIMARY ? TEXT_BOLD : 0};
    int pad = px(ui, 10);
    const TextLayout *l = text_layout_str(ui->te, label, &st, r.w - 2 * pad);
    int th = text_layout_height(l);
    ui_text_ex(ui, r.x + pad, r.y + (r.h - th) / 2, r.w - 2 * pad, label, strlen(label), &st, NULL,
               0, fg, NULL);
    ui_add_target(ui, r, label);
    return ui_tapped(ui, r);
}

bool ui_button_wrap(Ui *ui, int x, int y, int w, const char *label, int style, int *h_out)
{
    Color bg, fg, border;
    button_colors(ui, style, &bg, &fg, &border);
    int pad = px(ui, 14);
    TextStyle st = {.size = text_px(ui, SZ_BODY), .lang = ui->lang};
    const TextLayout *l = text_layout_str(ui->te, label, &st, w - 2 * pad);
    int h = MB_MAX(px(ui, 52), text_layout_height(l) + px(ui, 16));
    Rect r = {x, y, w, h};
    int rad = px(ui, 10);
    ui_rect(ui, r, bg, rad);
    ui_frame_rect(ui, r, border, rad, style == BTN_CHOICE_ON || style == BTN_GOOD || style == BTN_BAD
                                          ? MB_MAX(2, px(ui, 3))
                                          : MB_MAX(1, px(ui, 1.5f)));
    ui_text_ex(ui, x + pad, y + (h - text_layout_height(l)) / 2, w - 2 * pad, label, strlen(label),
               &st, NULL, 0, fg, NULL);
    ui_add_target(ui, r, label);
    *h_out = h;
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

bool ui_size_toggle(Ui *ui, Rect r)
{
    /* Three text sizes for participants who need larger text. */
    static const float steps[] = {1.0f, 1.2f, 1.45f};
    int cur = ui->text_scale > 1.3f ? 2 : ui->text_scale > 1.1f ? 1 : 0;
    const char *labels[] = {"A+", "A++", "A"};
    if (ui_button(ui, r, labels[cur], BTN_SECONDARY)) {
        ui->text_scale = steps[(cur + 1) % 3];
        return true;
    }
    return false;
}

void ui_set_contrast(Ui *ui, bool on)
{
    ui->contrast = on;
    ui->th = on ? theme_contrast : theme_paper;
}

bool ui_contrast_toggle(Ui *ui, Rect r)
{
    if (ui_button(ui, r, "◐", BTN_SECONDARY)) {
        ui_set_contrast(ui, !ui->contrast);
        return true;
    }
    return false;
}

int ui_top_bar(Ui *ui, const char *back, const char *title, bool *back_tapped)
{
    int bh = px(ui, 64);
    int m = px(ui, 10);
    ui_rect(ui, (Rect){0, 0, ui->w, bh}, ui->th.surface, 0);
    ui_rect(ui, (Rect){0, bh - MB_MAX(1, px(ui, 1)), ui->w, MB_MAX(1, px(ui, 1))}, ui->th.line, 0);
    int bw = px(ui, 120);
    int x0 = m;
    if (back_tapped)
        *back_tapped = false;
    if (back) {
        if (ui_button(ui, (Rect){m, m, bw, bh - 2 * m}, back, BTN_SECONDARY) && back_tapped)
            *back_tapped = true;
        x0 = m + bw + m;
    }
    int lw = px(ui, 104), sw = px(ui, 64);
    Rect lr = {ui->w - m - lw, m, lw, bh - 2 * m};
    Rect sr = {lr.x - m - sw, m, sw, bh - 2 * m};
    Rect cr = {sr.x - m - sw, m, sw, bh - 2 * m};
    int tw = cr.x - m - x0;
    if (title) {
        TextStyle st = {.size = px(ui, SZ_HEADING - 4), .flags = TEXT_BOLD, .lang = ui->lang,
                        .max_lines = 1};
        const TextLayout *l = text_layout_str(ui->te, title, &st, tw);
        /* A long unit title is shortened with an ellipsis here on purpose. */
        ui->cut_ok = true;
        ui_text_ex(ui, x0, (bh - text_layout_height(l)) / 2, tw, title, strlen(title), &st, NULL, 0,
                   ui->th.ink, NULL);
        ui->cut_ok = false;
    }
    ui_contrast_toggle(ui, cr);
    ui_size_toggle(ui, sr);
    ui_lang_toggle(ui, lr);
    return bh;
}

/* ---- the frame ---- */

static void draw_idle_prompt(Ui *ui)
{
    ui_rect(ui, (Rect){0, 0, ui->w, ui->h}, (Color){0, 0, 0, 110}, 0);
    int w = MB_MIN(ui->w - px(ui, 40), px(ui, 520));
    int h = px(ui, 220);
    Rect box = {(ui->w - w) / 2, (ui->h - h) / 2, w, h};
    ui_rect(ui, box, ui->th.surface, px(ui, 14));
    int y = box.y + px(ui, 24);
    y += ui_text(ui, box.x + px(ui, 24), y, w - px(ui, 48), tr(ui, "Are you still there?"),
                 SZ_HEADING, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_CENTER);
    y += px(ui, 8);
    ui_text(ui, box.x + px(ui, 24), y, w - px(ui, 48),
            tr(ui, "Your answers are saved. Tap to keep going."), SZ_BODY, 0, ui->th.muted,
            TEXT_ALIGN_CENTER);
    Rect b = {box.x + px(ui, 24), box.y + h - px(ui, 76), w - px(ui, 48), px(ui, 56)};
    if (ui_button(ui, b, tr(ui, "I'm still here"), BTN_PRIMARY))
        ui->idle_prompt = false;
}

static void run_screen(Ui *ui)
{
    switch (ui->screen) {
    case SCR_ATTRACT: screen_attract(ui); break;
    case SCR_LANGUAGE: screen_language(ui); break;
    case SCR_SIGNIN: screen_signin(ui); break;
    case SCR_HOME: screen_home(ui); break;
    case SCR_READER: screen_reader(ui); break;
    case SCR_QUIZ: screen_quiz(ui); break;
    case SCR_FEEDBACK: screen_feedback(ui); break;
    case SCR_SUMMARY: screen_summary(ui); break;
    case SCR_NAME: screen_name(ui); break;
    default: break;
    }
}

void ui_frame(Ui *ui, uint64_t now, DrawList *dl)
{
    ui->now = now;
    ui->dl = dl;
    /* Idle: a prompt after a while, then back to the start. Answers are
     * already on disk, so nothing is lost. */
    if (ui->screen != SCR_ATTRACT && ui->last_input_ms && now - ui->last_input_ms > UI_IDLE_MS) {
        if (!ui->idle_prompt && now - ui->last_input_ms < UI_IDLE_MS + UI_IDLE_PROMPT_MS) {
            ui->idle_prompt = true;
        } else if (now - ui->last_input_ms >= UI_IDLE_MS + UI_IDLE_PROMPT_MS) {
            ui->idle_prompt = false;
            ui_end_session(ui);
        }
    }
    /* A tap may change the state; run the screen again so the frame shows
     * the new state (at most a few passes). */
    for (int pass = 0; pass < 4; pass++) {
        text_engine_frame(ui->te);
        arena_reset(&ui->frame);
        drawlist_clear(dl);
        dl->clear = ui->th.bg;
        ui->ntargets = 0;
        ui->problems.len = 0;
        if (ui->problems.data)
            ui->problems.data[0] = 0;
        ui->nproblems = 0;
        ui->clip = (Rect){0, 0, ui->w, ui->h};
        ui->changed = false;
        if (ui->idle_prompt) {
            /* The screen shows underneath but takes no taps. */
            bool tap = ui->tap_pending;
            ui->tap_pending = false;
            run_screen(ui);
            ui->tap_pending = tap;
            ui->ntargets = 0;
            draw_idle_prompt(ui);
            ui->tap_pending = false;
        } else {
            run_screen(ui);
        }
        if (!ui->changed)
            break;
    }
    ui->tap_pending = false;
    ui->dirty = ui->animating;
    ui->last_frame_ms = now;
}

bool ui_dirty(Ui *ui, uint64_t now)
{
    return ui->dirty || ui_next_deadline(ui, now) == 0;
}

int ui_next_deadline(Ui *ui, uint64_t now)
{
    if (ui->animating)
        return 16;
    if (ui->screen == SCR_ATTRACT) {
        /* The next glossary term; between changes the kiosk sleeps. */
        uint64_t next = (now / UI_ATTRACT_ROTATE_MS + 1) * UI_ATTRACT_ROTATE_MS;
        if (ui->last_frame_ms / UI_ATTRACT_ROTATE_MS != now / UI_ATTRACT_ROTATE_MS)
            return 0;
        return (int)(next - now);
    }
    if (!ui->last_input_ms)
        return -1;
    uint64_t t = ui->last_input_ms + (ui->idle_prompt ? UI_IDLE_MS + UI_IDLE_PROMPT_MS : UI_IDLE_MS);
    if (t <= now)
        return 0;
    uint64_t d = t - now;
    return d > 0x7fffffff ? 0x7fffffff : (int)d;
}

bool ui_find_target(Ui *ui, const char *text, int *x, int *y)
{
    for (int pass = 0; pass < 2; pass++)
        for (int i = ui->ntargets - 1; i >= 0; i--) {
            const Target *t = &ui->targets[i];
            if (pass == 0 ? !strcmp(t->label, text) : strstr(t->label, text) != NULL) {
                *x = t->r.x + t->r.w / 2;
                *y = t->r.y + t->r.h / 2;
                return true;
            }
        }
    return false;
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
        if (!text_layout_byte_pos(c->layout, (uint32_t)(at - c->str), &gx, &gy))
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
