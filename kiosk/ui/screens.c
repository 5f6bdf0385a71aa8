/* The participant's screens: attract, language, sign-in, units, reader,
 * quiz, feedback and summary. Each is a function that draws the current
 * state and reacts to the tap of this frame. */
#include "ui_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static Pack *cur_pack(Ui *ui)
{
    return ui->cfg.npacks ? ui->cfg.packs[ui->pack] : NULL;
}

static Unit *cur_unit(Ui *ui)
{
    Pack *p = cur_pack(ui);
    int unit = ui->unit;
    if (ui->reviewing && ui->qindex >= 0 && ui->qindex < ui->nrv)
        unit = ui->rv[ui->qindex].unit;
    return p && unit >= 0 && (size_t)unit < p->nunits ? &p->units[unit] : NULL;
}

/* The language to show a unit in: the participant's, else the other. */
static Lang unit_lang(Ui *ui, const Unit *u)
{
    if (u->lang[ui->lang].present)
        return ui->lang;
    return ui->lang == LANG_EN ? LANG_ZH : LANG_EN;
}

static const QuestionList *cur_quiz(Ui *ui)
{
    Unit *u = cur_unit(ui);
    if (!u)
        return NULL;
    Lang l = unit_lang(ui, u);
    if (u->lang[l].quiz.count)
        return &u->lang[l].quiz;
    return &u->lang[l == LANG_EN ? LANG_ZH : LANG_EN].quiz;
}

static const Question *cur_question(Ui *ui)
{
    const QuestionList *q = cur_quiz(ui);
    if (ui->reviewing) {
        if (ui->qindex < 0 || ui->qindex >= ui->nrv || !q)
            return NULL;
        int k = ui->rv[ui->qindex].q;
        return k >= 0 && (size_t)k < q->count ? &q->items[k] : NULL;
    }
    return q && ui->qindex >= 0 && (size_t)ui->qindex < q->count ? &q->items[ui->qindex] : NULL;
}

/* How many questions this round has: the unit's quiz, or the review set. */
static int round_count(Ui *ui)
{
    if (ui->reviewing)
        return ui->nrv;
    const QuestionList *q = cur_quiz(ui);
    return q ? (int)q->count : 0;
}

/* Gathers the questions due for review now into ui->rv. */
static int review_collect(Ui *ui)
{
    Pack *p = cur_pack(ui);
    ui->nrv = 0;
    if (!p || !ui->store || ui->participant <= 0)
        return 0;
    StoreReviewItem items[32];
    size_t n = 0;
    if (store_review_due(ui->store, ui->participant, mb_now_ms(), items, MB_COUNT(items), &n))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(items[i].pack_id, p->id))
            continue;
        for (size_t u = 0; u < p->nunits; u++) {
            if (strcmp(p->units[u].slug, items[i].unit))
                continue;
            Lang l = unit_lang(ui, &p->units[u]);
            const QuestionList *ql = &p->units[u].lang[l].quiz;
            for (size_t k = 0; k < ql->count; k++)
                if (ql->items[k].id && !strcmp(ql->items[k].id, items[i].question_id) &&
                    ui->nrv < (int)MB_COUNT(ui->rv)) {
                    ui->rv[ui->nrv].unit = (int)u;
                    ui->rv[ui->nrv].q = (int)k;
                    ui->nrv++;
                }
        }
    }
    return ui->nrv;
}

/* Starts a round of questions: the unit's quiz, or the review set. */
static void round_begin(Ui *ui, bool reviewing)
{
    ui_set_screen(ui, SCR_QUIZ);
    ui->reviewing = reviewing;
    ui->qindex = 0;
    ui->sum_score = ui->sum_max = 0;
    ui->nmissed = 0;
    learn_response_clear(&ui->resp);
    ui->match_left = -1;
    ui->q_started_ms = ui->now;
    ui->q_started_wall = mb_now_ms();
    ui->save_error[0] = 0;
}

void ui_start_session(Ui *ui, int64_t participant)
{
    ui->participant = participant;
    ui_set_screen(ui, SCR_HOME);
}

void ui_end_session(Ui *ui)
{
    ui->participant = 0;
    ui->lang = ui->cfg.lang;
    /* The next participant starts with the defaults. */
    ui->text_scale = 1.0f;
    ui_set_contrast(ui, false);
    ui_set_screen(ui, SCR_ATTRACT);
}

/* ---- attract ---- */

void screen_attract(Ui *ui)
{
    int m = px(ui, 32);
    ui_rect(ui, (Rect){0, 0, ui->w, ui->h}, ui->th.bg, 0);
    /* The whole screen is the start button; the language toggle sits on top. */
    Rect lr = {ui->w - px(ui, 114), px(ui, 10), px(ui, 104), px(ui, 44)};
    if (ui_lang_toggle(ui, lr))
        return;
    int y = ui->h / 5;
    int w = ui->w - 2 * m;
    y += ui_text(ui, m, y, w, "明白  Mingbai", SZ_HERO, TEXT_BOLD, ui->th.accent, TEXT_ALIGN_CENTER);
    y += px(ui, 8);
    const char *sub = tr(ui, "Reading the feed: a critical course on platforms");
    y += ui_text(ui, m, y, w, sub, SZ_HEADING, 0, ui->th.ink, TEXT_ALIGN_CENTER);
    Pack *p = cur_pack(ui);
    if (p && p->description[ui->lang] && !p->nglossary) {
        y += px(ui, 12);
        y += ui_text(ui, m + px(ui, 40), y, w - px(ui, 80), p->description[ui->lang], SZ_BODY, 0,
                     ui->th.muted, TEXT_ALIGN_CENTER);
    }
    int bw = MB_MIN(w, px(ui, 360)), bh = px(ui, 64);
    Rect b = {(ui->w - bw) / 2, ui->h - bh - px(ui, 48), bw, bh};
    /* A term from the course's glossary, changing every few seconds: one
     * redraw per change, nothing in between. */
    if (p && p->nglossary) {
        size_t k = (size_t)(ui->now / UI_ATTRACT_ROTATE_MS) % p->nglossary;
        const GlossaryText *g = &p->glossary[k].lang[ui->lang];
        if (g->text && g->definition) {
            int cw = MB_MIN(w - px(ui, 40), px(ui, 760));
            int cx = (ui->w - cw) / 2, pad = px(ui, 14);
            int avail = b.y - px(ui, 20) - (y + px(ui, 20));
            TextStyle ts = {.size = text_px(ui, SZ_BODY), .flags = TEXT_BOLD, .lang = ui->lang,
                            .align = TEXT_ALIGN_CENTER};
            TextStyle ds = {.size = text_px(ui, SZ_SMALL + 1), .lang = ui->lang,
                            .align = TEXT_ALIGN_CENTER, .max_lines = 3};
            const TextLayout *tl = text_layout_str(ui->te, g->text, &ts, cw - 2 * pad);
            const TextLayout *dl = text_layout_str(ui->te, g->definition, &ds, cw - 2 * pad);
            int ch = text_layout_height(tl) + text_layout_height(dl) + 2 * pad;
            if (ch <= avail) {
                int cy = y + px(ui, 20) + (avail - ch) / 2;
                ui_rect(ui, (Rect){cx, cy, cw, ch}, ui->th.card, px(ui, 10));
                ui_text_ex(ui, cx + pad, cy + pad, cw - 2 * pad, g->text, strlen(g->text), &ts, NULL,
                           0, ui->th.accent, NULL);
                ui->cut_ok = true;
                ui_text_ex(ui, cx + pad, cy + pad + text_layout_height(tl), cw - 2 * pad,
                           g->definition, strlen(g->definition), &ds, NULL, 0, ui->th.ink, NULL);
                ui->cut_ok = false;
            }
        }
    }
    const char *start = tr(ui, "Tap anywhere to start");
    ui_button(ui, b, start, BTN_PRIMARY);
    ui_add_target(ui, (Rect){0, 0, ui->w, ui->h}, "start");
    if (ui_tapped(ui, (Rect){0, 0, ui->w, ui->h}))
        ui_set_screen(ui, SCR_LANGUAGE);
}

/* ---- language ---- */

void screen_language(Ui *ui)
{
    int m = px(ui, 32), w = ui->w - 2 * m;
    int y = px(ui, 60);
    /* Both languages at once: the participant may read only one of them. */
    y += ui_text(ui, m, y, w, "Choose your language", SZ_TITLE, TEXT_BOLD, ui->th.ink,
                 TEXT_ALIGN_CENTER);
    Lang keep = ui->lang;
    ui->lang = LANG_ZH;
    y += ui_text(ui, m, y, w, "选择语言", SZ_TITLE, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_CENTER);
    ui->lang = keep;
    int bw = MB_MIN(px(ui, 300), (w - px(ui, 24)) / 2), bh = px(ui, 96);
    int gap = px(ui, 24);
    int x0 = (ui->w - 2 * bw - gap) / 2;
    y = MB_MAX(y + px(ui, 30), ui->h / 2 - bh / 2 + px(ui, 20));
    if (ui_button(ui, (Rect){x0, y, bw, bh}, "English", BTN_SECONDARY)) {
        ui->lang = LANG_EN;
        ui_set_screen(ui, SCR_SIGNIN);
        return;
    }
    ui->lang = LANG_ZH;
    bool zh = ui_button(ui, (Rect){x0 + bw + gap, y, bw, bh}, "中文（简体）", BTN_SECONDARY);
    ui->lang = keep;
    if (zh) {
        ui->lang = LANG_ZH;
        ui_set_screen(ui, SCR_SIGNIN);
    }
}

/* ---- sign-in ---- */

void screen_signin(Ui *ui)
{
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Back"), tr(ui, "Who is studying?"), &back);
    if (back) {
        ui_set_screen(ui, SCR_LANGUAGE);
        return;
    }
    int m = px(ui, 24), w = ui->w - 2 * m;
    int y = top + px(ui, 16);
    y += ui_text(ui, m, y, w, tr(ui, "Tap your name, or continue as a guest."), SZ_BODY, 0,
                 ui->th.muted, TEXT_ALIGN_LEFT);
    y += px(ui, 12);
    StoreParticipant *list = NULL;
    size_t n = 0;
    if (ui->store)
        store_participant_list(ui->store, &list, &n);
    int cols = MB_MAX(1, w / px(ui, 220));
    int gap = px(ui, 12);
    int cw = (w - (cols - 1) * gap) / cols, ch = px(ui, 60);
    int64_t chosen = 0;
    for (size_t i = 0; i < n; i++) {
        int cx = m + (int)(i % (size_t)cols) * (cw + gap);
        int cy = y + (int)(i / (size_t)cols) * (ch + gap);
        if (cy + ch > ui->h - px(ui, 80))
            break;
        if (ui_button(ui, (Rect){cx, cy, cw, ch}, list[i].name, BTN_SECONDARY))
            chosen = list[i].id;
    }
    store_participant_list_free(list, n);
    int bw = MB_MIN((w - px(ui, 12)) / 2, px(ui, 320));
    int bx = (ui->w - 2 * bw - px(ui, 12)) / 2;
    if (ui_button(ui, (Rect){bx, ui->h - px(ui, 72), bw, px(ui, 56)}, tr(ui, "Add my name"),
                  BTN_SECONDARY)) {
        ui->name[0] = 0;
        ui_set_screen(ui, SCR_NAME);
        return;
    }
    if (ui_button(ui, (Rect){bx + bw + px(ui, 12), ui->h - px(ui, 72), bw, px(ui, 56)},
                  tr(ui, "Continue as a guest"), BTN_PRIMARY)) {
        int64_t id = 0;
        if (ui->store && store_participant_add(ui->store, NULL, true, &id) == MB_OK)
            chosen = id;
        else
            chosen = -1;
    }
    if (chosen)
        ui_start_session(ui, chosen);
}

static void keypad(Ui *ui, int x, int y, int w, const char *keys, int cols, int *h_out);

/* ---- a new participant's name ---- */

void screen_name(Ui *ui)
{
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Back"), tr(ui, "Your name or a nickname"), &back);
    if (back) {
        ui_set_screen(ui, SCR_SIGNIN);
        return;
    }
    int m = px(ui, 24), w = MB_MIN(ui->w - 2 * m, px(ui, 900));
    int x = (ui->w - w) / 2, y = top + px(ui, 12);
    y += ui_text(ui, x, y, w,
                 tr(ui, "Only this kiosk keeps it, so that you can come back to your place."),
                 SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) + px(ui, 8);
    int bh = px(ui, 52);
    int fw = w - px(ui, 200) - px(ui, 12);
    Rect box = {x, y, fw, bh};
    ui_rect(ui, box, ui->th.surface, px(ui, 8));
    ui_frame_rect(ui, box, ui->th.accent, px(ui, 8), MB_MAX(2, px(ui, 2)));
    const char *shown = arena_printf(&ui->frame, "%s▏", ui->name);
    ui_text(ui, x + px(ui, 14), y + (bh - text_px(ui, SZ_BODY) * 3 / 2) / 2, fw - px(ui, 28), shown,
            SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT);
    bool ready = ui->name[0] != 0;
    Rect save = {x + fw + px(ui, 12), y, px(ui, 200), bh};
    if (ui_button(ui, save, tr(ui, "Start"), ready ? BTN_PRIMARY : BTN_SECONDARY) && ready) {
        int64_t id = 0;
        if (ui->store && store_participant_add(ui->store, ui->name, false, &id) == MB_OK) {
            ui_start_session(ui, id);
            return;
        }
    }
    y += bh + px(ui, 10);
    int kh;
    keypad(ui, x, y, w, "QWERTYUIOPASDFGHJKLZXCVBNM1234567890", 10, &kh);
}

/* ---- home: the list of units ---- */

static void unit_status(Ui *ui, const Pack *p, const Unit *u, char *buf, size_t n)
{
    StoreUnitResult r = {0};
    if (ui->store && ui->participant > 0)
        store_unit_result(ui->store, ui->participant, p->id, u->slug, &r);
    if (u->is_page)
        snprintf(buf, n, "%s", "");
    else if (r.answered > 0)
        snprintf(buf, n, tr(ui, "Answered %d of %d, %d right"), r.answered,
                 (int)u->lang[unit_lang(ui, u)].quiz.count, r.correct);
    else
        snprintf(buf, n, tr(ui, "%d questions"), (int)u->lang[unit_lang(ui, u)].quiz.count);
}

void screen_home(Ui *ui)
{
    bool back;
    Pack *p = cur_pack(ui);
    const char *title = p && p->title[ui->lang] ? p->title[ui->lang] : tr(ui, "Units");
    int top = ui_top_bar(ui, tr(ui, "Finish"), title, &back);
    if (back) {
        ui_end_session(ui);
        return;
    }
    int m = px(ui, 24), w = ui->w - 2 * m;
    if (!p) {
        ui_text(ui, m, top + px(ui, 40), w,
                tr(ui, "No course is installed. Ask your instructor to load a content pack."),
                SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_CENTER);
        return;
    }
    /* More than one pack installed: one button per pack to switch. */
    if (ui->cfg.npacks > 1) {
        int sh = px(ui, 60), gap = px(ui, 8);
        ui_rect(ui, (Rect){0, top, ui->w, sh}, ui->th.card, 0);
        int n = (int)MB_MIN(ui->cfg.npacks, 4);
        int bw = (w - (n - 1) * gap) / n;
        for (int i = 0; i < n; i++) {
            Pack *pi = ui->cfg.packs[i];
            const char *t = pi->title[ui->lang] ? pi->title[ui->lang]
                                                : pi->title[ui->lang == LANG_EN ? LANG_ZH : LANG_EN];
            if (ui_button(ui, (Rect){m + i * (bw + gap), top + px(ui, 8), bw, sh - px(ui, 16)},
                          t ? t : pi->id, i == ui->pack ? BTN_CHOICE_ON : BTN_SECONDARY) &&
                i != ui->pack) {
                ui->pack = i;
                ui_scroll_reset(ui);
                return;
            }
        }
        top += sh;
    }
    /* Questions due for review, and where the participant left off. */
    int due = ui->store && ui->participant > 0
                  ? store_review_count(ui->store, ui->participant, mb_now_ms())
                  : 0;
    StoreResume res;
    int resume_unit = -1;
    if (ui->store && ui->participant > 0 &&
        store_resume_get(ui->store, ui->participant, p->id, &res) == MB_OK)
        for (size_t i = 0; i < p->nunits; i++)
            if (!strcmp(p->units[i].slug, res.unit))
                resume_unit = (int)i;
    if (due > 0 || resume_unit >= 0) {
        /* The banner's message decides its height; the button sits right. */
        int bw = MB_MIN(px(ui, 260), (w - px(ui, 12)) / 2);
        int mw = w - bw - m;
        const char *msg;
        TextStyle st = {.size = text_px(ui, SZ_BODY), .lang = ui->lang, .max_lines = 2};
        Unit *ru = resume_unit >= 0 ? &p->units[resume_unit] : NULL;
        if (due > 0) {
            msg = due == 1 ? tr(ui, "Review: 1 question is waiting")
                           : arena_printf(&ui->frame, tr(ui, "Review: %d questions are waiting"), due);
            st.flags = TEXT_BOLD;
        } else {
            Lang rl = unit_lang(ui, ru);
            msg = arena_printf(&ui->frame, tr(ui, "You stopped at: %s"),
                               ru->lang[rl].title ? ru->lang[rl].title : ru->slug);
        }
        const TextLayout *ml = text_layout_str(ui->te, msg, &st, mw);
        int banner_h = MB_MAX(px(ui, 72), text_layout_height(ml) + px(ui, 20));
        ui_rect(ui, (Rect){0, top, ui->w, banner_h}, ui->th.warn, 0);
        Rect b = {ui->w - m - bw, top + (banner_h - px(ui, 52)) / 2, bw, px(ui, 52)};
        ui->cut_ok = true; /* a long unit title ends in an ellipsis here */
        ui_text_ex(ui, m, top + (banner_h - text_layout_height(ml)) / 2, mw, msg, strlen(msg), &st,
                   NULL, 0, ui->th.ink, NULL);
        ui->cut_ok = false;
        if (due > 0) {
            if (ui_button(ui, b, tr(ui, "Start review"), BTN_PRIMARY) && review_collect(ui) > 0) {
                round_begin(ui, true);
                return;
            }
        } else if (ui_button(ui, b, tr(ui, "Continue reading"), BTN_PRIMARY)) {
            ui->unit = resume_unit;
            ui_set_screen(ui, SCR_READER);
            ui->scroll =
                (float)store_unit_position_get(ui->store, ui->participant, p->id, ru->slug) * ui->s;
            return;
        }
        top += banner_h;
    }
    Rect view = {0, top, ui->w, ui->h - top};
    /* Measure first so scrolling can be clamped before drawing. */
    int gap = px(ui, 10), sw = px(ui, 190);
    TextStyle st = {.size = text_px(ui, SZ_BODY), .flags = TEXT_BOLD, .lang = ui->lang,
                    .max_lines = 3};
    int tw = w - px(ui, 12) - sw - px(ui, 32);
    /* A card is as tall as its title needs (larger text, longer titles). */
    int *card_hs = arena_alloc(&ui->frame, (p->nunits + 1) * sizeof *card_hs);
    int content = px(ui, 16) + px(ui, 16);
    for (size_t i = 0; i < p->nunits; i++) {
        Unit *u = &p->units[i];
        Lang l = unit_lang(ui, u);
        const char *ut = u->lang[l].title ? u->lang[l].title : u->slug;
        card_hs[i] = MB_MAX(px(ui, 76),
                            text_layout_height(text_layout_str(ui->te, ut, &st, tw)) + px(ui, 24));
        content += card_hs[i] + gap;
    }
    ui_scroll_update(ui, content, view.h);
    ui_push_clip(ui, view);
    int y = top + px(ui, 16) - (int)ui->scroll;
    for (size_t i = 0; i < p->nunits; y += card_hs[i] + gap, i++) {
        Unit *u = &p->units[i];
        int card_h = card_hs[i];
        if (y + card_h < top || y > ui->h)
            continue;
        Rect r = {m, y, w - px(ui, 12), card_h};
        ui_rect(ui, r, ui->th.surface, px(ui, 10));
        ui_frame_rect(ui, r, ui->th.line, px(ui, 10), MB_MAX(1, px(ui, 1)));
        Lang l = unit_lang(ui, u);
        const char *ut = u->lang[l].title ? u->lang[l].title : u->slug;
        char status[96];
        unit_status(ui, p, u, status, sizeof status);
        const TextLayout *tl = text_layout_str(ui->te, ut, &st, r.w - sw - px(ui, 32));
        ui->cut_ok = true;
        ui_text_ex(ui, r.x + px(ui, 16), r.y + (card_h - text_layout_height(tl)) / 2,
                   r.w - sw - px(ui, 32), ut, strlen(ut), &st, NULL, 0, ui->th.ink, NULL);
        ui->cut_ok = false;
        if (status[0]) {
            int sh = ui_text_height(ui, sw, status, SZ_SMALL, 0);
            ui_text(ui, r.x + r.w - sw - px(ui, 12), r.y + (card_h - sh) / 2, sw, status, SZ_SMALL,
                    0, ui->th.muted, TEXT_ALIGN_RIGHT);
        }
        ui_add_target(ui, r, ut);
        if (ui_tapped(ui, r)) {
            ui->unit = (int)i;
            ui_set_screen(ui, SCR_READER);
            if (ui->store && ui->participant > 0) {
                StoreResume rs = {.screen = SCR_READER, .lang = ui->lang};
                snprintf(rs.unit, sizeof rs.unit, "%s", u->slug);
                store_resume_set(ui->store, ui->participant, p->id, &rs);
            }
            if (ui->store && ui->participant > 0)
                ui->scroll = (float)store_unit_position_get(ui->store, ui->participant, p->id,
                                                            u->slug) * ui->s;
            ui_pop_clip(ui);
            return;
        }
    }
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, content);
}

/* ---- reader ---- */

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
    return o;
}

/* Lays out (and, when draw, draws) one block at y; returns its height
 * including the space after it. */
static int reader_block(Ui *ui, const Block *b, const Block *next, int x, int y, int w, bool draw,
                        const TextLayout **lo, int *lx, int *ly)
{
    *lo = NULL;
    TextSpan *spans = NULL;
    if (b->nspans) {
        spans = arena_alloc(&ui->frame, b->nspans * sizeof *spans);
        for (size_t i = 0; i < b->nspans; i++)
            spans[i] = (TextSpan){b->spans[i].start, b->spans[i].len, span_flags(b->spans[i].flags)};
    }
    TextStyle st = {.size = text_px(ui, SZ_BODY), .lang = ui->lang};
    int para_gap = (int)lroundf((float)st.size * (ui->lang == LANG_ZH ? 0.9f : 0.8f));
    const char *text = b->text ? b->text : "";
    size_t len = strlen(text);
    Color ink = ui->th.ink;
    switch (b->kind) {
    case BLK_HEADING: {
        static const int sizes[] = {SZ_TITLE, SZ_HEADING, SZ_BODY + 2, SZ_BODY, SZ_BODY, SZ_BODY};
        st.size = text_px(ui, (float)sizes[MB_CLAMP(b->level, 1, 6) - 1]);
        st.flags = TEXT_BOLD;
        st.line_height = 1.3f;
        int above = b->level == 1 ? 0 : (int)lroundf((float)st.size * 0.7f);
        const TextLayout *l = text_layout(ui->te, text, len, &st, spans, b->nspans, w);
        int h = text_layout_height(l);
        if (draw)
            ui_text_ex(ui, x, y + above, w, text, len, &st, spans, b->nspans,
                       b->level == 1 ? ui->th.accent : ink, lo);
        *lx = x;
        *ly = y + above;
        return above + h + (int)lroundf((float)st.size * 0.4f);
    }
    case BLK_QUOTE: {
        /* "How do we know?" cards: block quotes on a tinted card. */
        int pad = px(ui, 14);
        st.size = text_px(ui, SZ_BODY - 2);
        const TextLayout *l = text_layout(ui->te, text, len, &st, spans, b->nspans, w - 2 * pad - px(ui, 4));
        int h = text_layout_height(l) + 2 * pad;
        bool joined = next && next->kind == BLK_QUOTE;
        if (draw) {
            ui_rect(ui, (Rect){x, y, w, h + (joined ? para_gap : 0)}, ui->th.card, 0);
            ui_rect(ui, (Rect){x, y, px(ui, 4), h + (joined ? para_gap : 0)}, ui->th.accent, 0);
            ui_text_ex(ui, x + pad + px(ui, 4), y + pad, w - 2 * pad - px(ui, 4), text, len, &st,
                       spans, b->nspans, ink, lo);
        }
        *lx = x + pad + px(ui, 4);
        *ly = y + pad;
        return h + para_gap;
    }
    case BLK_ITEM: {
        int indent = px(ui, 28) * MB_MAX(1, b->level);
        const TextLayout *l = text_layout(ui->te, text, len, &st, spans, b->nspans, w - indent);
        int h = text_layout_height(l);
        if (draw) {
            if (b->first_in_item) {
                char marker[16];
                if (b->number > 0)
                    snprintf(marker, sizeof marker, "%d.", b->number);
                else
                    snprintf(marker, sizeof marker, "•");
                TextStyle ms = st;
                ms.align = TEXT_ALIGN_RIGHT;
                ui_text_ex(ui, x + indent - px(ui, 34), y, px(ui, 26), marker, strlen(marker), &ms,
                           NULL, 0, ui->th.accent, NULL);
            }
            ui_text_ex(ui, x + indent, y, w - indent, text, len, &st, spans, b->nspans, ink, lo);
        }
        *lx = x + indent;
        *ly = y;
        bool tight = next && next->kind == BLK_ITEM;
        return h + (tight ? para_gap / 3 : para_gap);
    }
    case BLK_RULE:
        if (draw)
            ui_rect(ui, (Rect){x, y + para_gap / 2, w, MB_MAX(1, px(ui, 1))}, ui->th.line, 0);
        return para_gap;
    case BLK_IMAGE: {
        /* The picture scaled to the measure (never up), its description
         * under it; without a readable file, the description alone. */
        const PackFile *f = b->src ? pack_files_find(&cur_pack(ui)->files, b->src) : NULL;
        uint32_t iw = 0, ih = 0;
        int pw = 0, ph = 0;
        if (f && pack_image_size(f, &iw, &ih)) {
            pw = MB_MIN(w, (int)((float)iw * ui->s));
            ph = (int)((double)pw * ih / iw);
            int maxh = (ui->h * 3) / 5;
            if (ph > maxh) {
                pw = (int)((double)pw * maxh / ph);
                ph = maxh;
            }
        }
        st.flags = TEXT_EM;
        st.size = text_px(ui, SZ_SMALL);
        const TextLayout *l = text_layout(ui->te, text, len, &st, NULL, 0, w);
        int h = ph + (ph ? px(ui, 6) : 0) + text_layout_height(l);
        if (draw) {
            if (ph) {
                DrawCmd *d = drawlist_push(ui->dl, DRAW_IMAGE);
                d->r = (Rect){x + (w - pw) / 2, y, pw, ph};
                d->str = b->src;
                d->image_data = f->data;
                d->image_len = f->len;
            }
            ui_text_ex(ui, x, y + ph + (ph ? px(ui, 6) : 0), w, text, len, &st, NULL, 0,
                       ui->th.muted, NULL);
        }
        return h + para_gap;
    }
    case BLK_CODE:
        st.flags = TEXT_CODE;
        /* fallthrough */
    default: {
        const TextLayout *l = text_layout(ui->te, text, len, &st, spans, b->nspans, w);
        int h = text_layout_height(l);
        if (draw)
            ui_text_ex(ui, x, y, w, text, len, &st, spans, b->nspans, ink, lo);
        *lx = x;
        *ly = y;
        return h + para_gap;
    }
    }
}

/* The same block in the other language (units keep the same structure in
 * both), or NULL. */
static const Block *translation_of(Ui *ui, const Unit *u, size_t i, Lang *other)
{
    *other = unit_lang(ui, u) == LANG_EN ? LANG_ZH : LANG_EN;
    const Doc *d = &u->lang[*other].doc;
    const Block *b = &u->lang[unit_lang(ui, u)].doc.blocks[i];
    if (!u->lang[*other].present || i >= d->count || d->blocks[i].kind != b->kind)
        return NULL;
    return &d->blocks[i];
}

/* A paragraph and, when it was tapped, its translation in a tinted panel
 * under it; returns the height. */
static int reader_item(Ui *ui, const Unit *u, const Doc *doc, size_t i, int x, int y, int w,
                       bool draw, const TextLayout **lo, int *lx, int *ly)
{
    const Block *b = &doc->blocks[i];
    const Block *next = i + 1 < doc->count ? &doc->blocks[i + 1] : NULL;
    Lang other;
    const Block *t;
    if ((int)i != ui->bi_block || !(t = translation_of(ui, u, i, &other)))
        return reader_block(ui, b, next, x, y, w, draw, lo, lx, ly);
    int pad = px(ui, 12);
    Lang keep = ui->lang;
    const TextLayout *tl;
    int tx, ty;
    if (ui->w > ui->h && ui->text_scale < 1.1f) {
        /* Room for two columns: the paragraph and its translation side by
         * side, across the whole screen. */
        int m = px(ui, 28), gap = px(ui, 24);
        int cw = (ui->w - 2 * m - gap) / 2;
        int h = reader_block(ui, b, next, m, y, cw, false, lo, lx, ly);
        ui->lang = other;
        int th = reader_block(ui, t, NULL, m + cw + gap + pad, 0, cw - 2 * pad, false, &tl, &tx, &ty);
        ui->lang = keep;
        int rows = MB_MAX(h, th + pad);
        if (draw) {
            ui_rect(ui, (Rect){m + cw + gap, y - pad / 2, cw, rows}, ui->th.panel, px(ui, 8));
            reader_block(ui, b, next, m, y, cw, true, lo, lx, ly);
            ui->lang = other;
            reader_block(ui, t, NULL, m + cw + gap + pad, y, cw - 2 * pad, true, &tl, &tx, &ty);
            ui->lang = keep;
        }
        return rows + pad;
    }
    /* Otherwise the translation sits under the paragraph. */
    int h = reader_block(ui, b, next, x, y, w, draw, lo, lx, ly);
    ui->lang = other;
    int th = reader_block(ui, t, NULL, x + pad, 0, w - 2 * pad, false, &tl, &tx, &ty);
    if (draw) {
        ui_rect(ui, (Rect){x, y + h - pad, w, th + pad}, ui->th.panel, px(ui, 8));
        reader_block(ui, t, NULL, x + pad, y + h, w - 2 * pad, true, &tl, &tx, &ty);
    }
    ui->lang = keep;
    return h + th;
}

static void glossary_card(Ui *ui)
{
    const GlossaryTerm *g = ui->gloss;
    ui_rect(ui, (Rect){0, 0, ui->w, ui->h}, (Color){0, 0, 0, 110}, 0);
    int w = MB_MIN(ui->w - px(ui, 32), px(ui, 640));
    int pad = px(ui, 20), iw = w - 2 * pad;
    /* Both languages, whatever the participant reads in. */
    int h = pad;
    Lang keep = ui->lang;
    for (int pass = 0; pass < 2; pass++) {
        int y0 = 0;
        if (pass == 1) {
            h += px(ui, 56) + pad;
            Rect box = {(ui->w - w) / 2, MB_MAX(px(ui, 8), (ui->h - h) / 2), w, h};
            ui_rect(ui, box, ui->th.surface, px(ui, 14));
            y0 = box.y + pad;
        }
        int y = y0;
        for (int k = 0; k < LANG_COUNT; k++) {
            Lang l = k == 0 ? keep : (keep == LANG_EN ? LANG_ZH : LANG_EN);
            const GlossaryText *gt = &g->lang[l];
            if (!gt->text)
                continue;
            ui->lang = l;
            int x = (ui->w - w) / 2 + pad;
            if (pass == 0) {
                h += ui_text_height(ui, iw, gt->text, SZ_HEADING, TEXT_BOLD) + px(ui, 4);
                h += gt->definition ? ui_text_height(ui, iw, gt->definition, SZ_BODY, 0) + px(ui, 6) : 0;
                h += gt->note ? ui_text_height(ui, iw, gt->note, SZ_SMALL, 0) + px(ui, 6) : 0;
                h += px(ui, 10);
                continue;
            }
            y += ui_text(ui, x, y, iw, gt->text, SZ_HEADING, TEXT_BOLD, ui->th.accent,
                         TEXT_ALIGN_LEFT) + px(ui, 4);
            if (gt->definition)
                y += ui_text(ui, x, y, iw, gt->definition, SZ_BODY, 0, ui->th.ink,
                             TEXT_ALIGN_LEFT) + px(ui, 6);
            if (gt->note)
                y += ui_text(ui, x, y, iw, gt->note, SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) +
                     px(ui, 6);
            y += px(ui, 10);
        }
        ui->lang = keep;
        if (pass == 1) {
            int bw = MB_MIN(iw, px(ui, 240));
            Rect b = {(ui->w - bw) / 2, y, bw, px(ui, 56)};
            /* The button, or any tap elsewhere, closes the card. */
            if (ui_button(ui, b, tr(ui, "Close"), BTN_PRIMARY) ||
                ui_tapped(ui, (Rect){0, 0, ui->w, ui->h}))
                ui->gloss = NULL;
        }
    }
}

/* A tap on a paragraph: a glossary term opens its card; elsewhere the
 * paragraph shows (or hides) its translation. */
static void reader_tap(Ui *ui, const Pack *p, const Block *b, size_t i, const TextLayout *lo,
                       int lx, int ly)
{
    uint32_t off;
    if (lo && text_layout_hit(lo, ui->tap_x - lx, ui->tap_y - ly, &off)) {
        for (size_t k = 0; k < b->nspans; k++) {
            const Span *sp = &b->spans[k];
            if ((sp->flags & SPAN_GLOSSARY) && off >= sp->start && off < sp->start + sp->len) {
                const GlossaryTerm *g = pack_glossary_find(p, sp->href);
                if (g) {
                    ui->gloss = g;
                    ui->tap_pending = false;
                    ui->changed = true;
                    return;
                }
            }
        }
    }
    ui->tap_pending = false;
    ui->changed = true;
    ui->bi_block = ui->bi_block == (int)i ? -1 : (int)i;
}

static void save_position(Ui *ui)
{
    Pack *p = cur_pack(ui);
    Unit *u = cur_unit(ui);
    if (ui->store && ui->participant > 0 && p && u)
        store_unit_position_set(ui->store, ui->participant, p->id, u->slug,
                                (int)lroundf(ui->scroll / ui->s));
}

static void start_quiz(Ui *ui)
{
    save_position(ui);
    round_begin(ui, false);
}

void screen_reader(Ui *ui)
{
    Unit *u = cur_unit(ui);
    if (!u) {
        ui_set_screen(ui, SCR_HOME);
        return;
    }
    Lang l = unit_lang(ui, u);
    bool back;
    const char *title = u->lang[l].title ? u->lang[l].title : u->slug;
    int top = ui_top_bar(ui, tr(ui, "Units"), title, &back);
    if (back) {
        save_position(ui);
        ui_set_screen(ui, SCR_HOME);
        return;
    }
    const Doc *doc = &u->lang[l].doc;
    Rect view = {0, top, ui->w, ui->h - top};
    /* A comfortable measure: about 70 Latin characters or 36 hanzi. */
    int w = MB_MIN(ui->w - 2 * px(ui, 28), text_px(ui, SZ_BODY) * (ui->lang == LANG_ZH ? 36 : 34));
    int x = (ui->w - w) / 2;
    int pad = px(ui, 20);
    int content = pad;
    const TextLayout *lo;
    int lx, ly;
    for (size_t i = 0; i < doc->count; i++)
        content += reader_item(ui, u, doc, i, x, 0, w, false, &lo, &lx, &ly);
    int button_h = px(ui, 60);
    content += px(ui, 10) + button_h + pad;
    ui_scroll_update(ui, content, view.h);
    ui_push_clip(ui, view);
    int y = top + pad - (int)ui->scroll;
    /* With a glossary card open, the card (drawn last) takes the tap. */
    bool card_tap = ui->gloss && ui->tap_pending;
    if (ui->gloss)
        ui->tap_pending = false;
    for (size_t i = 0; i < doc->count; i++) {
        const Block *b = &doc->blocks[i];
        int h = reader_item(ui, u, doc, i, x, y, w, false, &lo, &lx, &ly);
        if (y + h >= top && y <= ui->h) {
            reader_item(ui, u, doc, i, x, y, w, true, &lo, &lx, &ly);
            Rect br = {0, y, ui->w, h}; /* the whole row: columns may widen it */
            if (ui->tap_pending && (b->kind == BLK_PARA || b->kind == BLK_ITEM ||
                                    b->kind == BLK_QUOTE || b->kind == BLK_HEADING) &&
                rect_contains(br, ui->tap_x, ui->tap_y) && rect_contains(ui->clip, ui->tap_x, ui->tap_y))
                reader_tap(ui, cur_pack(ui), b, i, lo, lx, ly);
        }
        y += h;
    }
    y += px(ui, 10);
    int bw = MB_MIN(w, px(ui, 360));
    bool has_quiz = cur_quiz(ui) && cur_quiz(ui)->count > 0 && !u->is_page;
    if (has_quiz) {
        if (ui_button(ui, (Rect){x + (w - bw) / 2, y, bw, button_h}, tr(ui, "Take the quiz"),
                      BTN_PRIMARY)) {
            ui_pop_clip(ui);
            start_quiz(ui);
            return;
        }
    } else if (ui_button(ui, (Rect){x + (w - bw) / 2, y, bw, button_h}, tr(ui, "Back to the units"),
                         BTN_PRIMARY)) {
        ui_pop_clip(ui);
        save_position(ui);
        ui_set_screen(ui, SCR_HOME);
        return;
    }
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, content);
    if (ui->gloss) {
        ui->tap_pending = card_tap;
        ui->ntargets = 0; /* only the card can be tapped */
        glossary_card(ui);
    }
}

/* ---- quiz ---- */

static void keypad(Ui *ui, int x, int y, int w, const char *keys, int cols, int *h_out)
{
    int n = (int)strlen(keys);
    int gap = px(ui, 6);
    int kw = (w - (cols - 1) * gap) / cols, kh = px(ui, 52);
    for (int i = 0; i < n; i++) {
        char label[2] = {keys[i], 0};
        int cx = x + (i % cols) * (kw + gap), cy = y + (i / cols) * (kh + gap);
        if (ui_button(ui, (Rect){cx, cy, kw, kh}, label, BTN_SECONDARY)) {
            size_t cap;
            char *buf = ui_edit_buffer(ui, &cap);
            size_t len = strlen(buf);
            if (len + 1 < cap) {
                buf[len] = keys[i];
                buf[len + 1] = 0;
            }
        }
    }
    int rows = (n + cols - 1) / cols;
    int yy = y + rows * (kh + gap);
    int bw = (w - gap) / 2;
    size_t cap;
    char *buf = ui_edit_buffer(ui, &cap);
    if (ui_button(ui, (Rect){x, yy, bw, kh}, tr(ui, "Delete"), BTN_SECONDARY)) {
        size_t len = strlen(buf);
        while (len > 0 && ((unsigned char)buf[len - 1] & 0xC0) == 0x80)
            len--;
        if (len)
            buf[len - 1] = 0;
    }
    if (ui_button(ui, (Rect){x + bw + gap, yy, bw, kh}, tr(ui, "Clear"), BTN_SECONDARY))
        buf[0] = 0;
    *h_out = yy + kh - y;
}

/* The answers of q as the participant sees them; returns the height used. */
static int quiz_answers(Ui *ui, const Question *q, int x, int y, int w)
{
    int gap = px(ui, 10), h = 0, y0 = y;
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_MULTIRESPONSE:
        for (size_t i = 0; i < q->nanswers && i < LEARN_MAX_CHOICES; i++) {
            bool on = q->type == QT_MULTICHOICE ? ui->resp.choice == (int)i
                                                : (ui->resp.selected >> i) & 1;
            const char *label = q->answers[i].text;
            if (q->type == QT_MULTIRESPONSE)
                label = arena_printf(&ui->frame, "%s  %s", on ? "■" : "□", label);
            if (ui_button_wrap(ui, x, y, w, label, on ? BTN_CHOICE_ON : BTN_CHOICE, &h)) {
                if (q->type == QT_MULTICHOICE)
                    ui->resp.choice = (int)i;
                else
                    ui->resp.selected ^= (uint64_t)1 << i;
            }
            y += h + gap;
        }
        break;
    case QT_TRUEFALSE: {
        int bw = (w - gap) / 2, bh = px(ui, 64);
        if (ui_button(ui, (Rect){x, y, bw, bh}, tr(ui, "True"),
                      ui->resp.choice == 1 ? BTN_CHOICE_ON : BTN_CHOICE))
            ui->resp.choice = 1;
        if (ui_button(ui, (Rect){x + bw + gap, y, bw, bh}, tr(ui, "False"),
                      ui->resp.choice == 0 ? BTN_CHOICE_ON : BTN_CHOICE))
            ui->resp.choice = 0;
        y += bh + gap;
        break;
    }
    case QT_MATCHING: {
        /* Left items in a column, right sides (shuffled by a fixed order:
         * reversed, so the pairs are never simply side by side) in another. */
        int colw = (w - gap) / 2;
        int ly = y, ry = y, k = 0;
        y += ui_text(ui, x, y, w, tr(ui, "Tap each item on the left, then its match on the right."),
                     SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) + gap;
        ly = ry = y;
        for (size_t i = 0; i < q->nanswers; i++) {
            if (!q->answers[i].left || !q->answers[i].left[0])
                continue;
            if (k >= LEARN_MAX_PAIRS)
                break;
            int style = ui->match_left == k ? BTN_CHOICE_ON : BTN_CHOICE;
            const char *label = q->answers[i].left;
            if (ui->resp.match[k] >= 0)
                label = arena_printf(&ui->frame, "%s  →  %s", label,
                                     q->answers[ui->resp.match[k]].text);
            if (ui_button_wrap(ui, x, ly, colw, label, style, &h))
                ui->match_left = k;
            ly += h + gap;
            k++;
        }
        for (size_t j = q->nanswers; j-- > 0;) {
            bool used = false;
            for (int m = 0; m < k; m++)
                used |= ui->resp.match[m] == (int)j;
            if (ui_button_wrap(ui, x + colw + gap, ry, colw, q->answers[j].text,
                               used ? BTN_CHOICE_ON : BTN_CHOICE, &h) && ui->match_left >= 0) {
                for (int m = 0; m < k; m++)
                    if (ui->resp.match[m] == (int)j)
                        ui->resp.match[m] = -1;
                ui->resp.match[ui->match_left] = (int)j;
                ui->match_left = -1;
            }
            ry += h + gap;
        }
        y = MB_MAX(ly, ry);
        break;
    }
    case QT_SHORTANSWER:
    case QT_NUMERICAL: {
        bool num = q->type == QT_NUMERICAL;
        y += ui_text(ui, x, y, w, tr(ui, num ? "Type a number." : "Type your answer."), SZ_SMALL, 0,
                     ui->th.muted, TEXT_ALIGN_LEFT) + gap / 2;
        Rect box = {x, y, w, px(ui, 56)};
        ui_rect(ui, box, ui->th.surface, px(ui, 8));
        ui_frame_rect(ui, box, ui->th.accent, px(ui, 8), MB_MAX(2, px(ui, 2)));
        const char *shown = arena_printf(&ui->frame, "%s▏", ui->resp.text);
        ui_text(ui, x + px(ui, 14), y + px(ui, 12), w - px(ui, 28), shown, SZ_BODY + 2, 0,
                ui->th.ink, TEXT_ALIGN_LEFT);
        y += box.h + gap;
        int kh;
        if (num)
            keypad(ui, x, y, MB_MIN(w, px(ui, 420)), "1234567890.-", 6, &kh);
        else
            keypad(ui, x, y, w, "QWERTYUIOPASDFGHJKLZXCVBNM1234567890", 10, &kh);
        y += kh + gap;
        break;
    }
    default:
        y += ui_text(ui, x, y, w, tr(ui, "This question is for discussion; it is not scored."),
                     SZ_BODY, TEXT_EM, ui->th.muted, TEXT_ALIGN_LEFT) + gap;
        break;
    }
    return y - y0;
}

static void submit_answer(Ui *ui, const Question *q)
{
    Pack *p = cur_pack(ui);
    Unit *u = cur_unit(ui);
    learn_score(q, &ui->resp, &ui->score);
    if (ui->score.scored && ui->store && ui->participant > 0) {
        StrBuf resp = {0};
        learn_response_describe(q, &ui->resp, &resp);
        StoreAttempt a = {
            .participant = ui->participant,
            .pack_id = p->id,
            .pack_version = p->version,
            .unit = u->slug,
            .question_id = q->id ? q->id : "",
            .type = q->type,
            .lang = ui->lang,
            .response = resp.data ? resp.data : "",
            .score = ui->score.score,
            .max = ui->score.max,
            .correct = ui->score.correct,
            .review = ui->reviewing,
            .started_ms = ui->q_started_wall,
            .answered_ms = mb_now_ms(),
        };
        int rc = store_attempt_insert(ui->store, &a, mb_now_ms(), NULL);
        strbuf_free(&resp);
        if (rc != MB_OK) {
            /* Feedback means "saved": without the row, no feedback. */
            snprintf(ui->save_error, sizeof ui->save_error, tr(ui, "Your answer could not be saved: %s"),
                     store_errmsg(ui->store));
            return;
        }
    }
    ui->save_error[0] = 0;
    if (ui->score.scored) {
        ui->sum_score += ui->score.score;
        ui->sum_max += ui->score.max;
        if (!ui->score.correct && ui->nmissed < (int)MB_COUNT(ui->missed))
            ui->missed[ui->nmissed++] = q;
    }
    ui_set_screen(ui, SCR_FEEDBACK);
}

/* The top bar of the quiz and feedback screens: "Question n of m". */
static int question_top_bar(Ui *ui, const char *back_label, bool *back)
{
    char title[64];
    snprintf(title, sizeof title, tr(ui, "Question %d of %d"), ui->qindex + 1, round_count(ui));
    return ui_top_bar(ui, back_label, title, back);
}

void screen_quiz(Ui *ui)
{
    const Question *q = cur_question(ui);
    if (!q) {
        ui_set_screen(ui, SCR_SUMMARY);
        return;
    }
    bool back;
    int top = question_top_bar(ui, tr(ui, "Back"), &back);
    if (back) {
        ui_set_screen(ui, ui->reviewing ? SCR_HOME : SCR_READER);
        return;
    }
    int bar_h = px(ui, 76);
    Rect view = {0, top, ui->w, ui->h - top - bar_h};
    int w = MB_MIN(ui->w - 2 * px(ui, 24), px(ui, 900));
    int x = (ui->w - w) / 2;
    /* Progress: one segment per question, no timer, no points. */
    int segs = round_count(ui), sg = px(ui, 4);
    int sw = (w - (segs - 1) * sg) / MB_MAX(1, segs);
    ui_push_clip(ui, view);
    int y = top + px(ui, 14) - (int)ui->scroll;
    for (int i = 0; i < segs; i++)
        ui_rect(ui, (Rect){x + i * (sw + sg), y, sw, MB_MAX(3, px(ui, 5))},
                i <= ui->qindex ? ui->th.accent : ui->th.line, 2);
    y += px(ui, 18);
    y += ui_text(ui, x, y, w, q->text, SZ_BODY + 2, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT);
    y += px(ui, 8);
    if (q->type == QT_MULTICHOICE || q->type == QT_MULTIRESPONSE)
        y += ui_text(ui, x, y, w,
                     tr(ui, q->type == QT_MULTICHOICE ? "Choose one answer."
                                                      : "Choose every answer that applies."),
                     SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) + px(ui, 6);
    y += quiz_answers(ui, q, x, y, w);
    int content = y + (int)ui->scroll - top + px(ui, 10);
    ui_scroll_end(ui, view, content);

    /* The bottom bar: submit (or continue for unscored prompts). */
    Rect bar = ui_bottom_bar(ui, bar_h);
    if (ui->save_error[0])
        ui_text(ui, px(ui, 16), bar.y + px(ui, 6), ui->w / 2, ui->save_error, SZ_SMALL, 0,
                ui->th.bad, TEXT_ALIGN_LEFT);
    int bw = MB_MIN(px(ui, 300), ui->w - 2 * px(ui, 16));
    Rect b = {ui->w - bw - px(ui, 16), bar.y + px(ui, 10), bw, bar_h - px(ui, 20)};
    bool scored = question_type_scored(q->type);
    bool ready = !scored || learn_response_complete(q, &ui->resp);
    const char *label = tr(ui, scored ? "Check my answer" : "Continue");
    if (ui_button(ui, b, label, ready ? BTN_PRIMARY : BTN_SECONDARY) && ready)
        submit_answer(ui, q);
}

/* ---- feedback ---- */

static void next_question(Ui *ui)
{
    ui->qindex++;
    learn_response_clear(&ui->resp);
    ui->match_left = -1;
    ui->q_started_ms = ui->now;
    ui->q_started_wall = mb_now_ms();
    ui_set_screen(ui, ui->qindex < round_count(ui) ? SCR_QUIZ : SCR_SUMMARY);
}

void screen_feedback(Ui *ui)
{
    const Question *q = cur_question(ui);
    if (!q) {
        ui_set_screen(ui, SCR_SUMMARY);
        return;
    }
    bool back;
    int top = question_top_bar(ui, NULL, &back);
    int bar_h = px(ui, 76);
    Rect view = {0, top, ui->w, ui->h - top - bar_h};
    int w = MB_MIN(ui->w - 2 * px(ui, 24), px(ui, 900));
    int x = (ui->w - w) / 2;
    ui_push_clip(ui, view);
    int y = top + px(ui, 16) - (int)ui->scroll;
    const char *verdict;
    Color vc;
    if (!ui->score.scored) {
        verdict = tr(ui, "Discuss with your instructor");
        vc = ui->th.accent;
    } else if (ui->score.correct) {
        verdict = tr(ui, "Right");
        vc = ui->th.good;
    } else if (ui->score.score > 0) {
        verdict = tr(ui, "Partly right");
        vc = ui->th.bad;
    } else {
        verdict = tr(ui, "Not quite");
        vc = ui->th.bad;
    }
    y += ui_text(ui, x, y, w, verdict, SZ_TITLE, TEXT_BOLD, vc, TEXT_ALIGN_LEFT) + px(ui, 6);
    y += ui_text(ui, x, y, w, q->text, SZ_BODY, 0, ui->th.muted, TEXT_ALIGN_LEFT) + px(ui, 10);
    if (ui->score.scored) {
        StrBuf b = {0};
        learn_response_describe(q, &ui->resp, &b);
        const char *chosen = arena_printf(&ui->frame, tr(ui, "You chose: %s"), b.data ? b.data : "");
        strbuf_free(&b);
        y += ui_text(ui, x, y, w, chosen, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT) + px(ui, 6);
        const char *fb = ui->score.feedback;
        if (q->type == QT_MULTIRESPONSE) {
            /* Every ticked answer's feedback, so a wrong tick is explained. */
            StrBuf all = {0};
            for (size_t i = 0; i < q->nanswers && i < LEARN_MAX_CHOICES; i++)
                if (((ui->resp.selected >> i) & 1) && q->answers[i].feedback &&
                    q->answers[i].feedback[0])
                    strbuf_printf(&all, "%s■  %s", all.len ? "\n" : "", q->answers[i].feedback);
            fb = all.data ? arena_strdup(&ui->frame, all.data) : NULL;
            strbuf_free(&all);
        }
        if (fb && fb[0]) {
            int pad = px(ui, 14);
            int h = ui_text_height(ui, w - 2 * pad, fb, SZ_BODY, 0) + 2 * pad;
            ui_rect(ui, (Rect){x, y, w, h}, ui->score.correct ? ui->th.good_bg : ui->th.bad_bg,
                    px(ui, 8));
            ui_text(ui, x + pad, y + pad, w - 2 * pad, fb, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT);
            y += h + px(ui, 10);
        }
        if (!ui->score.correct) {
            StrBuf c = {0};
            learn_correct_describe(q, &c);
            const char *ans = arena_printf(&ui->frame, tr(ui, "The answer: %s"), c.data ? c.data : "");
            strbuf_free(&c);
            y += ui_text(ui, x, y, w, ans, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) +
                 px(ui, 10);
        }
    }
    if (q->general_feedback && q->general_feedback[0])
        y += ui_text(ui, x, y, w, q->general_feedback, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT) +
             px(ui, 12);
    if (q->source && q->source[0]) {
        int pad = px(ui, 14);
        const char *line = q->source;
        int h1 = ui_text_height(ui, w - 2 * pad - px(ui, 4), tr(ui, "How do we know?"), SZ_SMALL, TEXT_BOLD);
        int h2 = ui_text_height(ui, w - 2 * pad - px(ui, 4), line, SZ_SMALL, 0);
        Rect card = {x, y, w, h1 + h2 + 2 * pad};
        ui_rect(ui, card, ui->th.card, 0);
        ui_rect(ui, (Rect){x, y, px(ui, 4), card.h}, ui->th.accent, 0);
        ui_text(ui, x + pad + px(ui, 4), y + pad, w - 2 * pad - px(ui, 4), tr(ui, "How do we know?"),
                SZ_SMALL, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT);
        ui_text(ui, x + pad + px(ui, 4), y + pad + h1, w - 2 * pad - px(ui, 4), line, SZ_SMALL, 0,
                ui->th.ink, TEXT_ALIGN_LEFT);
        y += card.h + px(ui, 10);
    }
    int content = y + (int)ui->scroll - top;
    ui_scroll_end(ui, view, content);

    Rect bar = ui_bottom_bar(ui, bar_h);
    if (ui->score.scored)
        ui_text(ui, px(ui, 16), bar.y + (bar_h - text_px(ui, SZ_SMALL) * 2) / 2, ui->w / 2,
                tr(ui, "Your answer is saved."), SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT);
    int bw = MB_MIN(px(ui, 300), ui->w / 2 - px(ui, 16));
    Rect b = {ui->w - bw - px(ui, 16), bar.y + px(ui, 10), bw, bar_h - px(ui, 20)};
    bool last = ui->qindex + 1 >= round_count(ui);
    if (ui_button(ui, b, tr(ui, last ? "See my results" : "Next question"), BTN_PRIMARY))
        next_question(ui);
}

/* ---- summary ---- */

void screen_summary(Ui *ui)
{
    Unit *u = cur_unit(ui);
    bool back;
    int top = ui_top_bar(ui, NULL, tr(ui, "Unit finished"), &back);
    int bar_h = px(ui, 76);
    Rect view = {0, top, ui->w, ui->h - top - bar_h};
    int w = MB_MIN(ui->w - 2 * px(ui, 24), px(ui, 900));
    int x = (ui->w - w) / 2;
    ui_push_clip(ui, view);
    int y = top + px(ui, 20) - (int)ui->scroll;
    if (ui->reviewing) {
        y += ui_text(ui, x, y, w, tr(ui, "Review finished"), SZ_HEADING, TEXT_BOLD, ui->th.ink,
                     TEXT_ALIGN_LEFT) + px(ui, 8);
    } else if (u) {
        Lang l = unit_lang(ui, u);
        y += ui_text(ui, x, y, w, u->lang[l].title ? u->lang[l].title : u->slug, SZ_HEADING,
                     TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) + px(ui, 8);
    }
    char score[32];
    snprintf(score, sizeof score, "%g", round(ui->sum_score * 10) / 10);
    const char *line = arena_printf(&ui->frame, tr(ui, "You scored %s out of %d."), score,
                                    (int)lround(ui->sum_max));
    y += ui_text(ui, x, y, w, line, SZ_TITLE, 0, ui->th.accent, TEXT_ALIGN_LEFT) + px(ui, 14);
    if (ui->nmissed == 0) {
        y += ui_text(ui, x, y, w, tr(ui, "You answered every question right."), SZ_BODY, 0,
                     ui->th.ink, TEXT_ALIGN_LEFT);
    } else {
        y += ui_text(ui, x, y, w, tr(ui, "Worth another look"), SZ_HEADING, TEXT_BOLD, ui->th.ink,
                     TEXT_ALIGN_LEFT) + px(ui, 4);
        y += ui_text(ui, x, y, w,
                     tr(ui, "These questions will come back for review in a few days."), SZ_SMALL, 0,
                     ui->th.muted, TEXT_ALIGN_LEFT) + px(ui, 8);
        for (int i = 0; i < ui->nmissed; i++) {
            const Question *q = ui->missed[i];
            const char *item = arena_printf(&ui->frame, "•  %s", q->text);
            y += ui_text(ui, x, y, w, item, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT) + px(ui, 6);
        }
    }
    int content = y + (int)ui->scroll - top;
    ui_scroll_end(ui, view, content);
    Rect bar = ui_bottom_bar(ui, bar_h);
    int bw = MB_MIN(px(ui, 300), ui->w - 2 * px(ui, 16));
    Rect b = {ui->w - bw - px(ui, 16), bar.y + px(ui, 10), bw, bar_h - px(ui, 20)};
    if (ui_button(ui, b, tr(ui, "Back to the units"), BTN_PRIMARY)) {
        ui->reviewing = false;
        ui_set_screen(ui, SCR_HOME);
    }
}
