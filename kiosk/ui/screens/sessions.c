/* The instructor's seminar sessions: the open one (its title, the units it
 * covers, when it started, how many answers it has) with "End session"
 * (asked first; a backup of the kiosk follows), or, when none is open, a
 * new one to start: a title (a default naming the day, changed on the
 * letter keyboard) and the units it covers, ticked from the packs shown.
 * Every answer given while a session is open belongs to it (the store
 * stamps it). The session is read on enter and after each change. */
#include "keypad.h"
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    const Pack *pack;
    const Unit *unit;
} SessUnit;

typedef struct {
    int64_t open;          /* the open session's id; 0 when none */
    StoreSession cur;      /* the open session, read on enter */
    bool failed;           /* the store could not be read */
    SessUnit *units;       /* the quiz units of the packs shown */
    bool *ticked;
    size_t nunits;
    char title[120];
    bool typing;           /* the keyboard is shown for the title */
    bool asking;           /* "End this session?" */
    int content_h;         /* the units' list's height, from the last pass */
    UiKeys keys;
} SessState;

/* "29 Nov" or "11月29日" for the time ms, in the kiosk's time zone. */
static void sess_day(Ui *ui, int64_t ms, char *out, size_t cap, bool clock)
{
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    char hm[16] = "";
    if (clock)
        snprintf(hm, sizeof hm, " %02d:%02d", tm.tm_hour, tm.tm_min);
    if (ui->lang == LANG_ZH)
        snprintf(out, cap, "%d月%d日%s", tm.tm_mon + 1, tm.tm_mday, hm);
    else
        snprintf(out, cap, "%d %s%s", tm.tm_mday, mon[tm.tm_mon % 12], hm);
}

static void sess_load(Ui *ui, SessState *st)
{
    store_session_clear(&st->cur);
    st->open = 0;
    st->failed = false;
    if (!ui->store)
        return;
    int64_t id = store_session_current(ui->store);
    if (id < 0 || (id > 0 && store_session_get(ui->store, id, &st->cur) != MB_OK)) {
        st->failed = true;
        ui_store_failed(ui, "The sessions could not be read: %s");
        return;
    }
    st->open = id;
}

static void sess_enter(Ui *ui, void *state)
{
    SessState *st = state;
    st->typing = st->asking = false;
    size_t n = 0;
    for (size_t p = 0; p < ui->cfg.npacks; p++)
        n += ui->cfg.packs[p]->nunits;
    st->units = mb_xcalloc(n + 1, sizeof *st->units);
    st->ticked = mb_xcalloc(n + 1, sizeof *st->ticked);
    st->nunits = 0;
    for (size_t p = 0; p < ui->cfg.npacks; p++)
        for (size_t u = 0; u < ui->cfg.packs[p]->nunits; u++)
            if (!ui->cfg.packs[p]->units[u].is_page)
                st->units[st->nunits++] =
                    (SessUnit){ui->cfg.packs[p], &ui->cfg.packs[p]->units[u]};
    char day[32];
    sess_day(ui, mb_now_ms(), day, sizeof day, false);
    snprintf(st->title, sizeof st->title, tr(ui, "Seminar %s"), day);
    sess_load(ui, st);
}

static void sess_leave(Ui *ui, void *state)
{
    SessState *st = state;
    store_session_clear(&st->cur);
    free(st->units);
    free(st->ticked);
    st->units = NULL;
    st->ticked = NULL;
    st->nunits = 0;
    if (ui->edit == st->title)
        ui->edit = NULL;
}

/* After a session starts or ends: the packs participants see change (an
 * open session shows its packs only), so the screen lets go of the old
 * packs' units and reads everything again, as when entered. */
static void sess_reload(Ui *ui, SessState *st)
{
    if (!ui_packs_reload(ui)) {
        sess_load(ui, st);
        return;
    }
    sess_leave(ui, st);
    sess_enter(ui, st);
}

/* Starts the session as the form says: the ticked units, and the packs
 * they come from (every pack shown when none is ticked). */
static void sess_start(Ui *ui, SessState *st)
{
    StoreUnitRef *refs = mb_xcalloc(st->nunits + 1, sizeof *refs);
    const char **packs = mb_xcalloc(ui->cfg.npacks + 1, sizeof *packs);
    size_t nr = 0, np = 0;
    for (size_t i = 0; i < st->nunits; i++)
        if (st->ticked[i])
            refs[nr++] = (StoreUnitRef){st->units[i].pack->id, st->units[i].unit->slug};
    for (size_t p = 0; p < ui->cfg.npacks; p++) {
        bool used = nr == 0;
        for (size_t i = 0; i < nr && !used; i++)
            used = !strcmp(refs[i].pack_id, ui->cfg.packs[p]->id);
        if (used)
            packs[np++] = ui->cfg.packs[p]->id;
    }
    StoreSessionNew n = {st->title, refs, nr, packs, np};
    if (!ui->store || store_session_start(ui->store, &n, mb_now_ms(), NULL) != MB_OK)
        ui_store_failed(ui, "The session could not be started: %s");
    free(refs);
    free(packs);
    sess_reload(ui, st);
}

/* Ends the open session, then backs the kiosk up (a failed backup is
 * shown; the session is ended all the same). */
static void sess_end(Ui *ui, SessState *st)
{
    if (store_session_end(ui->store, st->open, mb_now_ms()) != MB_OK)
        ui_store_failed(ui, "The session could not be ended: %s");
    else if (store_backup_auto(ui->store, NULL, "session", STORE_BACKUPS_KEPT, NULL) != MB_OK)
        ui_store_failed(ui, "The session ended, but the backup failed: %s");
    sess_reload(ui, st);
}

/* The open session: what it is, and "End session" in the bottom bar. */
static void sess_open_view(Ui *ui, SessState *st, int top)
{
    int x, w = screen_column(ui, &x);
    int y = top + px(ui, TOK.section);
    const StoreSession *s = &st->cur;
    y += ui_text(ui, x, y, w, tr(ui, "Open session"), SZ_SMALL, 0, ui->th.muted,
                 TEXT_ALIGN_LEFT) + px(ui, TOK.space_xs);
    y += ui_text(ui, x, y, w, s->title, SZ_HEADING, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) +
         px(ui, TOK.space_m);
    char day[48];
    sess_day(ui, s->started_ms, day, sizeof day, true);
    const char *line = arena_printf(&ui->frame, tr(ui, "Started %s · answers so far: %lld"), day,
                                    (long long)s->answers);
    y += ui_text(ui, x, y, w, line, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT) + px(ui, TOK.space_m);
    StrBuf units = {0};
    for (size_t i = 0; i < s->nunits; i++) {
        const char *name = s->units[i].unit;
        for (size_t k = 0; k < st->nunits; k++)
            if (!strcmp(st->units[k].pack->id, s->units[i].pack_id) &&
                !strcmp(st->units[k].unit->slug, s->units[i].unit))
                name = screen_unit_title(ui, st->units[k].unit);
        strbuf_printf(&units, "%s%s", i ? "\n" : "", name);
    }
    const char *covers = s->nunits ? units.data : tr(ui, "No units chosen");
    y += ui_text(ui, x, y, w, tr(ui, "Units it covers"), SZ_SMALL, 0, ui->th.muted,
                 TEXT_ALIGN_LEFT) + px(ui, TOK.space_xs);
    ui_text(ui, x, y, w, covers, SZ_BODY, 0, ui->th.ink, TEXT_ALIGN_LEFT);
    strbuf_free(&units);
    Rect bar = ui_bottom_bar(ui, ui_bottom_bar_h(ui));
    if (ui_bar_action(ui, bar, tr(ui, "End session"), BTN_BAD))
        st->asking = true;
}

/* The title field, and the keyboard while it is typed. */
static int sess_title_field(Ui *ui, SessState *st, int x, int y, int w)
{
    y += ui_text(ui, x, y, w, tr(ui, "Title"), SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) +
         px(ui, TOK.space_xs);
    int bh = ui_touch_px(ui, TOK.target), gap = ui_touch_gap(ui, TOK.space_l);
    int aw = ui_touch_px(ui, TOK.field_action_w), fw = w - aw - gap;
    ui_text_field(ui, (Rect){x, y, fw, bh}, ui_keys_preview(ui, &st->keys, st->title), SZ_BODY);
    Rect b = {x + fw + gap, y, aw, bh};
    if (ui_button(ui, b, tr(ui, st->typing ? "Done" : "Change"), BTN_SECONDARY) &&
        !ui_keys_composing(&st->keys)) {
        st->typing = !st->typing;
        ui_keys_reset(ui, &st->keys, true, ui->lang == LANG_ZH);
        ui->edit = st->typing ? st->title : NULL;
        ui->edit_cap = sizeof st->title;
    }
    y += bh + ui_touch_gap(ui, TOK.gap);
    if (st->typing)
        y += ui_keyboard(ui, &st->keys, x, y, w);
    return y;
}

/* No session open: the form of a new one. */
static void sess_new_view(Ui *ui, SessState *st, int top)
{
    int x, w = screen_column(ui, &x);
    int bar_h = ui_bottom_bar_h(ui);
    int y = sess_title_field(ui, st, x, top + px(ui, TOK.space_l), w);
    if (!st->typing) {
        y += ui_text(ui, x, y, w, tr(ui, "Units it covers (tap to tick)"), SZ_SMALL, 0,
                     ui->th.muted, TEXT_ALIGN_LEFT) + px(ui, TOK.space_xs);
        Rect view = {0, y, ui->w, ui->h - bar_h - y};
        int gap = ui_touch_gap(ui, TOK.gap);
        ui_scroll_update(ui, st->content_h, view.h); /* as tall as the last pass drew */
        ui_scroll_begin(ui, view);
        int ry = y - (int)ui->scroll, rh;
        for (size_t i = 0; i < st->nunits; ry += rh + gap, i++) {
            const char *t = screen_unit_title(ui, st->units[i].unit);
            const char *label = arena_printf(&ui->frame, "%s %s", st->ticked[i] ? "■" : "□", t);
            if (ui_button_wrap(ui, x, ry, w, label, st->ticked[i] ? BTN_CHOICE_ON : BTN_CHOICE,
                               &rh))
                st->ticked[i] = !st->ticked[i];
        }
        st->content_h = ry + (int)ui->scroll - y;
        ui_pop_clip(ui);
        ui_scroll_indicator(ui, view, st->content_h);
    }
    if (st->typing) /* the keyboard takes the room; Done brings Start back */
        return;
    Rect bar = ui_bottom_bar(ui, bar_h);
    bool ready = st->title[0] != 0;
    if (ui_bar_action(ui, bar, tr(ui, "Start the session"), ready ? BTN_PRIMARY : BTN_OFF) &&
        ready)
        sess_start(ui, st);
}

static void sess_ask(Ui *ui, SessState *st)
{
    int b = ui_dialog(ui, tr(ui, "End this session?"), st->cur.title,
                      tr(ui, "Answers given after this belong to no session. The kiosk makes a backup now."),
                      tr(ui, "Yes, end it"), tr(ui, "No, keep it open"));
    if (b == 1) {
        st->asking = false;
        sess_end(ui, st);
    } else if (b == 2) {
        st->asking = false;
    }
}

static void sess_frame(Ui *ui, void *state)
{
    SessState *st = state;
    if (!ui->instructor) { /* never shown to a participant */
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    bool asking = st->asking && st->open;
    bool tap = asking && ui_modal_hold(ui);
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Back"), tr(ui, "Sessions"), &back);
    if (back) {
        ui_go(ui, SCR_INSTRUCTOR);
        return;
    }
    if (st->failed)
        return;
    if (st->open)
        sess_open_view(ui, st, top);
    else
        sess_new_view(ui, st, top);
    if (asking) {
        ui_modal_take(ui, tap);
        sess_ask(ui, st);
    }
}

const ScreenDef screen_sessions = {.name = "sessions",
                                   .state_size = sizeof(SessState),
                                   .enter = sess_enter,
                                   .frame = sess_frame,
                                   .leave = sess_leave};
