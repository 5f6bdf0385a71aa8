/* Home: the units of the pack shown, each with how far the participant
 * got; a banner for questions due for review or for where they stopped
 * reading; a switcher when several packs are installed; "Finish" ends the
 * session. What comes from the store (results, the review count, where they
 * stopped) is read when the screen is entered, when the pack changes and
 * once a minute while it stays open, never for drawing a frame. */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Read again when the screen has been shown this long: reviews fall due
 * while it is open (the wall clock may also jump, as in tests). */
#define HOME_REFRESH_MS (60 * 1000)

/* What the participant did in one unit, as read from the store. */
typedef struct {
    StoreReading reading;
    int answered[LANG_COUNT]; /* questions answered that the unit's quiz in each
                                 language still has */
    int right[LANG_COUNT];    /* of those, answered fully right */
} HomeUnit;

typedef struct {
    int64_t loaded_ms;     /* wall clock when last read */
    int due;               /* questions due for review now */
    bool guest;            /* the participant is a guest (no name to come back with) */
    bool asking;           /* "Finish?" is on screen */
    int resume_unit;       /* where the participant stopped reading, or -1 */
    HomeUnit *units;       /* one per unit of the pack; owned */
    size_t nunits;
    bool *seminar;         /* per unit of the pack: covered by the open
                              seminar session; owned, NULL when none */
} HomeState;

/* Which units of p the open seminar session covers (st->seminar). */
static void home_load_seminar(Ui *ui, const Pack *p, HomeState *st)
{
    free(st->seminar);
    st->seminar = NULL;
    int64_t id = ui->store ? store_session_current(ui->store) : 0;
    StoreSession s = {0};
    if (id <= 0 || store_session_get(ui->store, id, &s) != MB_OK)
        return;
    st->seminar = mb_xcalloc(p->nunits ? p->nunits : 1, sizeof *st->seminar);
    for (size_t k = 0; k < s.nunits; k++)
        for (size_t i = 0; i < p->nunits; i++)
            if (!strcmp(s.units[k].pack_id, p->id) && !strcmp(s.units[k].unit, p->units[i].slug))
                st->seminar[i] = true;
    store_session_clear(&s);
}

/* Counts the answers to questions the unit's quiz still has, in each
 * language (a question dropped from the pack is not counted). */
static void home_count(const Unit *u, const StoreAnswered *a, size_t n, HomeUnit *out)
{
    for (int l = 0; l < LANG_COUNT; l++) {
        const QuestionList *ql = learn_unit_quiz(u, (Lang)l);
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < ql->count; k++)
                if (ql->items[k].id && question_type_scored(ql->items[k].type) &&
                    !strcmp(ql->items[k].id, a[i].question_id)) {
                    out->answered[l]++;
                    out->right[l] += a[i].correct;
                    break;
                }
    }
}

/* Reads unit u's reading and answers into *out; false on a store failure. */
static bool home_load_unit(Ui *ui, const Pack *p, const Unit *u, HomeUnit *out)
{
    StoreAnswered buf[LEARN_ROUND_MAX], *a = buf;
    size_t n = 0;
    memset(out, 0, sizeof *out);
    bool ok = store_unit_reading_get(ui->store, ui->participant, p->id, u->slug, &out->reading) ==
                  MB_OK &&
              store_unit_answered(ui->store, ui->participant, p->id, u->slug, buf, MB_COUNT(buf),
                                  &n) == MB_OK;
    if (ok && n > MB_COUNT(buf)) {
        a = mb_xcalloc(n, sizeof *a);
        ok = store_unit_answered(ui->store, ui->participant, p->id, u->slug, a, n, &n) == MB_OK;
    }
    if (ok)
        home_count(u, a, n, out);
    if (a != buf)
        free(a);
    return ok;
}

/* The questions of pack p due for review now, as the round takes them. */
static int home_due_items(Ui *ui, const Pack *p, StoreReviewItem *items, LearnDue *due,
                          size_t *n)
{
    int rc = store_review_due(ui->store, ui->participant, p->id, mb_now_ms(), items,
                              LEARN_ROUND_MAX, n);
    for (size_t i = 0; !rc && i < *n; i++)
        due[i] = (LearnDue){items[i].pack_id, items[i].unit, items[i].question_id,
                            items[i].order_seed};
    return rc;
}

/* How many questions Start review would ask: the banner promises no more. */
static int home_due(Ui *ui, const Pack *p, bool *failed)
{
    StoreReviewItem items[LEARN_ROUND_MAX];
    LearnDue due[LEARN_ROUND_MAX];
    size_t n = 0;
    if (home_due_items(ui, p, items, due, &n)) {
        *failed = true;
        return 0;
    }
    return learn_review_count(p, due, n, ui->lang);
}

static void home_load(Ui *ui, HomeState *st)
{
    const Pack *p = ui_pack(ui);
    free(st->units);
    st->units = NULL;
    st->nunits = 0;
    st->due = 0;
    st->resume_unit = -1;
    st->loaded_ms = mb_now_ms();
    free(st->seminar);
    st->seminar = NULL;
    if (p)
        home_load_seminar(ui, p, st);
    if (!p || !ui_recording(ui))
        return;
    bool failed = false;
    st->due = home_due(ui, p, &failed);
    StoreResume res;
    int rc = store_resume_get(ui->store, ui->participant, p->id, &res);
    if (rc == MB_OK) {
        for (size_t i = 0; i < p->nunits; i++)
            if (!strcmp(p->units[i].slug, res.unit))
                st->resume_unit = (int)i;
    } else if (rc != MB_ERR_NOTFOUND) {
        failed = true;
    }
    st->units = mb_xcalloc(p->nunits ? p->nunits : 1, sizeof *st->units);
    st->nunits = p->nunits;
    for (size_t i = 0; i < p->nunits; i++)
        if (!home_load_unit(ui, p, &p->units[i], &st->units[i])) {
            memset(&st->units[i], 0, sizeof st->units[i]);
            failed = true;
        }
    if (failed)
        ui_store_failed(ui, "Your progress could not be read: %s");
}

static void home_enter(Ui *ui, void *state)
{
    HomeState *st = state;
    st->asking = false;
    st->guest = false;
    StoreParticipant me;
    if (ui_recording(ui) && store_participant_get(ui->store, ui->participant, &me) == MB_OK) {
        st->guest = me.guest;
        free(me.name);
        free(me.pseudo);
    }
    home_load(ui, st);
}

/* "Finish?" over the screen: a guest is told that what they did cannot be
 * found again. */
static void home_ask_finish(Ui *ui, HomeState *st)
{
    const char *why = st->guest ? tr(ui, "As a guest, you cannot come back to these answers.")
                                : tr(ui, "Your answers are kept. Tap your name next time to go on.");
    int b = ui_dialog(ui, tr(ui, "Finish for now?"), NULL, why, tr(ui, "Keep studying"),
                      tr(ui, "Yes, finish"));
    if (b == 1)
        st->asking = false;
    else if (b == 2)
        ui_end_session(ui);
}

static void home_leave(Ui *ui, void *state)
{
    (void)ui;
    HomeState *st = state;
    free(st->units);
    st->units = NULL;
    st->nunits = 0;
    free(st->seminar);
    st->seminar = NULL;
}

/* Opens unit i in the reader and remembers it as where the participant is. */
static void home_open_unit(Ui *ui, int i)
{
    const Pack *p = ui_pack(ui);
    ui->unit = i;
    if (ui_recording(ui)) {
        StoreResume rs = {.screen = SCR_READER, .lang = ui->lang};
        snprintf(rs.unit, sizeof rs.unit, "%s", p->units[i].slug);
        if (store_resume_set(ui->store, ui->participant, p->id, &rs) != MB_OK)
            ui_store_failed(ui, "Your place could not be saved: %s");
    }
    ui_go(ui, SCR_READER);
}

static void home_start_review(Ui *ui)
{
    const Pack *p = ui_pack(ui);
    StoreReviewItem items[LEARN_ROUND_MAX];
    LearnDue due[LEARN_ROUND_MAX];
    size_t n = 0;
    if (!ui_recording(ui) || !p)
        return;
    if (home_due_items(ui, p, items, due, &n)) {
        ui_store_failed(ui, "The review questions could not be read: %s");
        return;
    }
    learn_round_free(&ui->round);
    if (learn_round_review(&ui->round, p, due, n, ui->lang, screen_round_seed(ui, "review"),
                           mb_now_ms()) > 0)
        ui_go(ui, SCR_QUIZ);
}

/* One button per installed pack (at most four); returns the bar's height. */
static int home_switcher(Ui *ui, HomeState *st, int top, int m, int w)
{
    int gap = ui_touch_gap(ui, TOK.space_m), inset = px(ui, TOK.space_m);
    int sh = MB_MAX(px(ui, TOK.row_h), ui_target_px(ui) + 2 * inset);
    ui_rect(ui, (Rect){0, top, ui->w, sh}, ui->th.card, 0);
    int n = (int)MB_MIN(ui->cfg.npacks, 4);
    int bw = (w - (n - 1) * gap) / n;
    for (int i = 0; i < n; i++) {
        const Pack *pi = ui->cfg.packs[i];
        const char *t = pi->title[ui->lang] ? pi->title[ui->lang]
                                            : pi->title[ui->lang == LANG_EN ? LANG_ZH : LANG_EN];
        Rect r = {m + i * (bw + gap), top + inset, bw, sh - 2 * inset};
        if (ui_button(ui, r, t ? t : pi->id, i == ui->pack ? BTN_CHOICE_ON : BTN_SECONDARY) &&
            i != ui->pack) {
            ui->pack = i;
            ui_scroll_reset(ui);
            home_load(ui, st);
        }
    }
    return sh;
}

/* The review or resume banner; returns its height (0 when there is none). */
static int home_banner(Ui *ui, const HomeState *st, int top, int m, int w)
{
    const Pack *p = ui_pack(ui);
    if (st->due <= 0 && st->resume_unit < 0)
        return 0;
    /* The message decides the banner's height; the button sits right. */
    int bw = MB_MIN(px(ui, TOK.banner_action_w), (w - px(ui, TOK.space_l)) / 2);
    int mw = w - bw - m;
    const char *msg;
    TextStyle ts = ui_style(ui, SZ_BODY, 0);
    ts.max_lines = 2;
    ts.cut = true; /* a long unit title ends in an ellipsis here */
    if (st->due > 0) {
        msg = st->due == 1 ? tr(ui, "Review: 1 question is waiting")
                           : arena_printf(&ui->frame, tr(ui, "Review: %d questions are waiting"),
                                          st->due);
        ts.flags = TEXT_BOLD;
    } else {
        msg = arena_printf(&ui->frame, tr(ui, "You stopped at: %s"),
                           screen_unit_title(ui, &p->units[st->resume_unit]));
    }
    int mh = ui_text_height_st(ui, mw, msg, &ts);
    int bh = ui_touch_px(ui, TOK.target);
    int banner_h = MB_MAX(px(ui, TOK.banner_min_h), mh + px(ui, TOK.space_2xl));
    banner_h = MB_MAX(banner_h, bh + 2 * ui_touch_gap(ui, TOK.gap)); /* apart from the cards */
    ui_rect(ui, (Rect){0, top, ui->w, banner_h}, ui->th.warn, 0);
    Rect b = {ui->w - m - bw, top + (banner_h - bh) / 2, bw, bh};
    ui_text_st(ui, m, top + (banner_h - mh) / 2, mw, msg, &ts, ui->th.ink);
    if (st->due > 0) {
        if (ui_button(ui, b, tr(ui, "Start review"), BTN_PRIMARY))
            home_start_review(ui);
    } else if (ui_button(ui, b, tr(ui, "Continue reading"), BTN_PRIMARY)) {
        ui->unit = st->resume_unit;
        ui_go(ui, SCR_READER);
    }
    return banner_h;
}

/* How far the unit was read: not yet, where it was left, or to the end. */
static const char *home_reading(Ui *ui, const StoreReading *r)
{
    if (!r || !r->opened)
        return tr(ui, "Not started");
    if (r->finished)
        return tr(ui, "Read");
    if (r->percent < 0)
        return tr(ui, "Started");
    return arena_printf(&ui->frame, tr(ui, "Read to %d%%"), r->percent);
}

/* A unit's status: how far it was read, and for a quiz how many of its
 * questions were answered (those it still has) and how many right. */
static const char *home_status(Ui *ui, const HomeState *st, size_t i)
{
    const Unit *u = &ui_pack(ui)->units[i];
    const HomeUnit *h = i < st->nunits ? &st->units[i] : NULL;
    const char *read = home_reading(ui, h ? &h->reading : NULL);
    if (st->seminar && st->seminar[i])
        read = arena_printf(&ui->frame, "%s\n%s", tr(ui, "In this seminar"), read);
    if (u->is_page)
        return read;
    /* Descriptions give information and discussion prompts keep no
     * answer: only what is scored is counted. */
    const QuestionList *ql = learn_unit_quiz(u, ui->lang);
    int count = 0;
    for (size_t k = 0; k < ql->count; k++)
        count += question_type_scored(ql->items[k].type);
    int answered = h ? h->answered[ui->lang] : 0;
    const char *quiz = answered > 0 ? arena_printf(&ui->frame, tr(ui, "%d of %d answered, %d right"),
                                                   answered, count, h->right[ui->lang])
                                    : screen_count(ui, count, tr(ui, "1 question"), tr(ui, "%d questions"));
    return arena_printf(&ui->frame, "%s\n%s", read, quiz);
}

/* The unit cards' layout: a card is as tall as its title needs. Where a
 * card is narrow (a portrait screen) its status goes under the title
 * rather than beside it. */
typedef struct {
    TextStyle title;
    int status_w, title_w;
    bool stacked;
} CardLayout;

/* Cards w wide. */
static CardLayout home_card_layout(Ui *ui, int w)
{
    CardLayout c = {.title = ui_style(ui, SZ_BODY, TEXT_BOLD), .status_w = px(ui, TOK.status_w)};
    c.title.max_lines = 3;
    c.title.cut = true;
    c.stacked = w < px(ui, TOK.card_stack_w);
    if (c.stacked)
        c.title_w = c.status_w = w - 2 * px(ui, TOK.space_xl);
    else
        c.title_w = w - px(ui, TOK.space_l) - c.status_w - px(ui, TOK.margin_wide);
    return c;
}

static int home_card_h(Ui *ui, const HomeState *st, const CardLayout *c, size_t i)
{
    const Unit *u = &ui_pack(ui)->units[i];
    int th = ui_text_height_st(ui, c->title_w, screen_unit_title(ui, u), &c->title);
    int sh = ui_text_height(ui, c->status_w, home_status(ui, st, i), SZ_SMALL, 0);
    int inner = c->stacked ? th + px(ui, TOK.space_xs) + sh : MB_MAX(th, sh);
    return MB_MAX(ui_touch_px(ui, TOK.card_min_h), inner + px(ui, TOK.margin));
}

static void home_card(Ui *ui, const HomeState *st, const CardLayout *c, size_t i, Rect r)
{
    const Unit *u = &ui_pack(ui)->units[i];
    int rad = px(ui, TOK.radius);
    bool seminar = st->seminar && st->seminar[i];
    int line = MB_MAX(1, px(ui, TOK.hair)) * (seminar ? 2 : 1);
    ui_rect(ui, r, ui->th.surface, rad);
    ui_frame_rect(ui, r, seminar ? ui->th.accent : ui->th.line, rad, line);
    const char *ut = screen_unit_title(ui, u);
    const char *status = home_status(ui, st, i);
    int th = ui_text_height_st(ui, c->title_w, ut, &c->title), x = r.x + px(ui, TOK.space_xl);
    int sh = status[0] ? ui_text_height(ui, c->status_w, status, SZ_SMALL, 0) : 0;
    if (c->stacked) {
        int y = r.y + (r.h - th - px(ui, TOK.space_xs) - sh) / 2;
        ui_text_st(ui, x, y, c->title_w, ut, &c->title, ui->th.ink);
        if (sh)
            ui_text(ui, x, y + th + px(ui, TOK.space_xs), c->status_w, status, SZ_SMALL, 0,
                    ui->th.muted, TEXT_ALIGN_LEFT);
    } else {
        ui_text_st(ui, x, r.y + (r.h - th) / 2, c->title_w, ut, &c->title, ui->th.ink);
        if (sh)
            ui_text(ui, r.x + r.w - c->status_w - px(ui, TOK.space_l), r.y + (r.h - sh) / 2,
                    c->status_w, status, SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_RIGHT);
    }
    ui_add_target(ui, r, ut);
    if (ui_tapped(ui, r))
        home_open_unit(ui, (int)i);
}

/* The unit cards, in two columns where the screen is wide (TOK.wide_min),
 * one otherwise; the cards of a row are as tall as the tallest. */
static void home_units(Ui *ui, const HomeState *st, int top, int m, int w)
{
    const Pack *p = ui_pack(ui);
    Rect view = {0, top, ui->w, ui->h - top};
    int gap = ui_touch_gap(ui, TOK.gap), edge = px(ui, TOK.space_xl);
    int cols = ui->w >= px(ui, TOK.wide_min) ? 2 : 1, n = (int)p->nunits;
    int cw = (w - px(ui, TOK.space_l) - (cols - 1) * gap) / cols;
    CardLayout c = home_card_layout(ui, cw);
    /* Measure first so scrolling can be clamped before drawing. */
    int rows = (n + cols - 1) / cols;
    int *row_h = arena_alloc(&ui->frame, (size_t)(rows + 1) * sizeof *row_h);
    int content = 2 * edge;
    for (int r = 0; r < rows; r++) {
        row_h[r] = 0;
        for (int k = r * cols; k < MB_MIN(n, (r + 1) * cols); k++)
            row_h[r] = MB_MAX(row_h[r], home_card_h(ui, st, &c, (size_t)k));
        content += row_h[r] + gap;
    }
    ui_scroll_update(ui, content, view.h);
    ui_scroll_begin(ui, view);
    int y = top + edge - (int)ui->scroll;
    for (int r = 0; r < rows; y += row_h[r] + gap, r++)
        for (int k = r * cols; k < MB_MIN(n, (r + 1) * cols); k++)
            if (y + row_h[r] >= top && y <= ui->h)
                home_card(ui, st, &c, (size_t)k,
                          (Rect){m + (k % cols) * (cw + gap), y, cw, row_h[r]});
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, content);
}

static void home_frame(Ui *ui, void *state)
{
    HomeState *st = state;
    int64_t now = mb_now_ms();
    if (now - st->loaded_ms > HOME_REFRESH_MS || now < st->loaded_ms)
        home_load(ui, st);
    bool finish, asking = st->asking;
    bool tap = asking && ui_modal_hold(ui); /* the question takes the tap */
    const Pack *p = ui_pack(ui);
    const char *title = p && p->title[ui->lang] ? p->title[ui->lang] : tr(ui, "Units");
    int top = ui_top_bar_end(ui, title, tr(ui, "Finish"), &finish);
    if (finish)
        st->asking = true;
    int m = px(ui, TOK.margin), w = ui->w - 2 * m;
    if (!p) {
        ui_text(ui, m, top + px(ui, TOK.space_3xl), w,
                tr(ui, "No course is installed. Ask your instructor to load a content pack."),
                SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_CENTER);
        if (asking) {
            ui_modal_take(ui, tap);
            home_ask_finish(ui, st);
        }
        return;
    }
    if (ui->cfg.npacks > 1)
        top += home_switcher(ui, st, top, m, w);
    top += home_banner(ui, st, top, m, w);
    home_units(ui, st, top, m, w);
    if (asking) {
        ui_modal_take(ui, tap);
        home_ask_finish(ui, st);
    }
}

const ScreenDef screen_home = {.name = "home",
                               .state_size = sizeof(HomeState),
                               .enter = home_enter,
                               .frame = home_frame,
                               .leave = home_leave};
