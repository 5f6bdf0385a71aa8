/* The instructor's roster: every participant (guests aside) with their
 * pseudonymous id, scrolled; a name tapped shows what can be done with it:
 * rename, merge into another entry of the same person (the answers move),
 * remove for real (asked first), give a code of 4 digits asked at sign-in
 * (typed twice on the PIN's pad), remove it, or let them try again after
 * wrong tries. A row shows whether a name has a code, never the code. A
 * name is added on the name screen's keyboard; a class list comes from a
 * CSV file (roster_import.c). */
#include "keypad.h"
#include "screens.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef enum { RO_LIST, RO_EDIT, RO_PICK, RO_CODE, RO_CODE_AGAIN } RosterMode;

typedef struct {
    RosterMode mode;
    StoreParticipant *list; /* read in enter and after each change; owned */
    size_t n;
    int sel;                /* the participant whose actions are shown, or -1 */
    int other;              /* the one to merge into, while asked; -1 */
    bool ask_remove;
    int64_t editing;        /* RO_EDIT: 0 adds a name, else renames this one */
    char name[4 * STORE_NAME_MAX + 1];
    char said[256];         /* what the last change did, shown under the actions */
    UiKeys keys;
    char code[STORE_CODE_LEN + 1];  /* RO_CODE*: the digits typed */
    char first[STORE_CODE_LEN + 1]; /* RO_CODE_AGAIN: the code typed first */
    bool differ;                    /* the two codes typed differed */
} RosterState;

static void roster_wipe(RosterState *st)
{
    volatile char *a = st->code, *b = st->first;
    for (size_t i = 0; i < sizeof st->code; i++)
        a[i] = b[i] = 0;
}

static void roster_load(Ui *ui, RosterState *st)
{
    store_participant_list_free(st->list, st->n);
    st->list = NULL;
    st->n = 0;
    st->sel = st->other = -1;
    st->ask_remove = false;
    if (ui->store && store_participant_list(ui->store, &st->list, &st->n) != MB_OK) {
        st->list = NULL;
        st->n = 0;
        ui_store_failed(ui, "The roster could not be read: %s");
    }
}

static void roster_enter(Ui *ui, void *state)
{
    RosterState *st = state;
    st->mode = RO_LIST;
    st->said[0] = 0;
    roster_load(ui, st);
}

static void roster_leave(Ui *ui, void *state)
{
    (void)ui;
    RosterState *st = state;
    roster_wipe(st);
    store_participant_list_free(st->list, st->n);
    st->list = NULL;
    st->n = 0;
}

static void roster_say(Ui *ui, RosterState *st, const char *fmt, const char *arg)
{
    snprintf(st->said, sizeof st->said, tr(ui, fmt), arg);
}

static void roster_edit(Ui *ui, RosterState *st, int64_t id, const char *name)
{
    st->mode = RO_EDIT;
    st->editing = id;
    snprintf(st->name, sizeof st->name, "%s", name);
    ui->edit = st->name;
    ui->edit_cap = sizeof st->name;
    ui_keys_reset(ui, &st->keys, true, ui->lang == LANG_ZH);
    ui->changed = true;
}

static void roster_list_mode(Ui *ui, RosterState *st)
{
    roster_wipe(st);
    st->mode = RO_LIST;
    ui->edit = NULL;
    ui->edit_cap = 0;
    ui->changed = true;
}

/* The name typed, without spaces around: added or renamed. */
static void roster_save(Ui *ui, RosterState *st)
{
    char *s = st->name;
    size_t n = strlen(s), i = 0;
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = 0;
    while (s[i] == ' ')
        i++;
    memmove(s, s + i, n - i + 1);
    if (!s[0])
        return;
    for (size_t k = 0; k < st->n; k++)
        if (st->list[k].id != st->editing && !strcasecmp(st->list[k].name, s)) {
            roster_say(ui, st, "%s is on the roster already.", s);
            roster_list_mode(ui, st);
            return;
        }
    int rc = st->editing ? store_participant_rename(ui->store, st->editing, s)
                         : store_participant_add(ui->store, s, false, NULL);
    if (rc == MB_ERR_PARSE) {
        ui_notice(ui, "%s: a name is at most 40 characters, without tabs or line breaks.", s);
        return;
    }
    if (rc != MB_OK)
        ui_store_failed(ui, "The roster could not be changed: %s");
    else
        roster_say(ui, st, st->editing ? "Renamed to %s." : "%s was added.", s);
    roster_load(ui, st);
    roster_list_mode(ui, st);
}

static void roster_edit_frame(Ui *ui, RosterState *st)
{
    bool back;
    const char *title = tr(ui, st->editing ? "Rename" : "Add a name");
    int top = ui_top_bar(ui, tr(ui, "Cancel"), title, &back);
    if (back) {
        roster_list_mode(ui, st);
        return;
    }
    int x, w = screen_column(ui, &x);
    int y = top + px(ui, TOK.space_l);
    int bh = ui_touch_px(ui, TOK.target), gap = ui_touch_gap(ui, TOK.space_l);
    int aw = ui_touch_px(ui, TOK.field_action_w), fw = w - aw - gap;
    ui_text_field(ui, (Rect){x, y, fw, bh}, ui_keys_preview(ui, &st->keys, st->name), SZ_BODY);
    bool ready = st->name[0] != 0 && !ui_keys_composing(&st->keys);
    Rect save = {x + fw + gap, y, aw, bh};
    if (ui_button(ui, save, tr(ui, "Save"), ready ? BTN_PRIMARY : BTN_OFF) && ready) {
        roster_save(ui, st);
        return;
    }
    ui_keyboard(ui, &st->keys, x, y + bh + ui_touch_gap(ui, TOK.gap), w);
}

/* OK on the code pad: the code typed once, then again; kept when both
 * are the same. */
static void roster_code_ok(Ui *ui, RosterState *st)
{
    const StoreParticipant *p = &st->list[st->sel];
    st->differ = false;
    if (st->mode == RO_CODE) {
        memcpy(st->first, st->code, sizeof st->first);
        memset(st->code, 0, sizeof st->code);
        st->mode = RO_CODE_AGAIN;
        return;
    }
    if (strcmp(st->first, st->code)) {
        roster_wipe(st);
        st->mode = RO_CODE;
        st->differ = true;
        return;
    }
    char name[sizeof st->name];
    snprintf(name, sizeof name, "%s", p->name);
    int rc = store_code_set(ui->store, p->id, st->code);
    roster_wipe(st);
    if (rc != MB_OK)
        ui_store_failed(ui, "The code could not be kept: %s");
    else
        roster_say(ui, st, "%s has a code now.", name);
    roster_load(ui, st);
    roster_list_mode(ui, st);
}

/* The PIN's pad for a participant's new code, typed twice. */
static void roster_code_frame(Ui *ui, RosterState *st)
{
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Cancel"), st->list[st->sel].name, &back);
    if (back) {
        roster_list_mode(ui, st);
        return;
    }
    int x, w = screen_column(ui, &x), gap = px(ui, TOK.gap);
    int y = top + px(ui, TOK.space_m);
    const char *ask =
        st->mode == RO_CODE ? "Type a 4-digit code for them" : "Type the same code again";
    y += ui_text(ui, x, y, w, tr(ui, ask), SZ_HEADING, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_CENTER) +
         gap;
    const char *line =
        st->differ ? "The two codes differ. Type one again."
                   : "Tell them the code: it is asked when they tap their name, and never shown.";
    y += ui_text(ui, x, y, w, tr(ui, line), SZ_BODY, 0, st->differ ? ui->th.bad : ui->th.muted,
                 TEXT_ALIGN_CENTER) + px(ui, TOK.space_m);
    y += screen_digit_dots(ui, strlen(st->code), STORE_CODE_LEN, y) + px(ui, TOK.space_m);
    int pw = MB_MIN(w, px(ui, TOK.pin_pad_w));
    if (screen_digit_pad(ui, st->code, STORE_CODE_LEN, STORE_CODE_LEN, (ui->w - pw) / 2, y, pw,
                         true) == 'k')
        roster_code_ok(ui, st);
}

/* A name's row: the name, its pseudonym small at the right; true when
 * tapped. */
static bool roster_row(Ui *ui, const StoreParticipant *p, Rect r, bool on)
{
    Color bg = on ? ui->th.chosen_bg : ui->th.surface;
    ui_rect(ui, r, ui_pressing(ui, r) ? ui->th.pressed : bg, px(ui, TOK.radius));
    ui_frame_rect(ui, r, on ? ui->th.accent : ui->th.edge, px(ui, TOK.radius),
                  MB_MAX(1, px(ui, TOK.stroke)));
    int pad = px(ui, TOK.pad), pw = px(ui, TOK.pseudo_w), cw = px(ui, TOK.code_tag_w);
    TextStyle ns = ui_style(ui, SZ_BODY, 0);
    ns.max_lines = 1; /* a long name is cut, on purpose: the row keeps its height */
    ns.cut = true;
    int nw = r.w - 4 * pad - pw - cw, th = ui_text_height_st(ui, nw, p->name, &ns);
    if (p->has_code) {
        const char *tag = tr(ui, "Code");
        int ch = ui_text_height(ui, cw, tag, SZ_SMALL, TEXT_BOLD);
        ui_text(ui, r.x + r.w - 2 * pad - pw - cw, r.y + (r.h - ch) / 2, cw, tag, SZ_SMALL,
                TEXT_BOLD, ui->th.accent, TEXT_ALIGN_RIGHT);
    }
    ui_text_st(ui, r.x + pad, r.y + (r.h - th) / 2, nw, p->name, &ns, ui->th.ink);
    int sh = ui_text_height(ui, pw, p->pseudo, SZ_SMALL, 0);
    ui_text(ui, r.x + r.w - pad - pw, r.y + (r.h - sh) / 2, pw, p->pseudo, SZ_SMALL, 0,
            ui->th.muted, TEXT_ALIGN_RIGHT);
    ui_add_target(ui, r, p->name);
    return ui_tapped(ui, r);
}

/* The height of the actions under a chosen name: two rows. */
static int roster_actions_h(Ui *ui)
{
    return 2 * (ui_touch_px(ui, TOK.target) + ui_touch_gap(ui, TOK.gap));
}

/* The code's actions: set (or change) it, remove it, let them try again. */
static void roster_code_actions(Ui *ui, RosterState *st, int x, int y, int w)
{
    const StoreParticipant *p = &st->list[st->sel];
    int gap = ui_touch_gap(ui, TOK.gap), bh = ui_touch_px(ui, TOK.target);
    int bw = (w - 2 * gap) / 3;
    const char *set = tr(ui, p->has_code ? "Change the code" : "Set a code");
    if (ui_button(ui, (Rect){x, y, bw, bh}, set, BTN_SECONDARY)) {
        roster_wipe(st);
        st->differ = false;
        st->mode = RO_CODE;
        ui->changed = true;
        return;
    }
    int rc = MB_OK;
    const char *done = NULL;
    if (p->has_code &&
        ui_button(ui, (Rect){x + bw + gap, y, bw, bh}, tr(ui, "Remove the code"), BTN_SECONDARY)) {
        rc = store_code_clear(ui->store, p->id);
        done = "%s has no code now.";
    } else if (p->code_failures > 0 &&
               ui_button(ui, (Rect){x + 2 * (bw + gap), y, bw, bh}, tr(ui, "Let them try again"),
                         BTN_SECONDARY)) {
        rc = store_code_forgive(ui->store, p->id);
        done = "%s may try their code again now.";
    }
    if (!done)
        return;
    char name[sizeof st->name];
    snprintf(name, sizeof name, "%s", p->name);
    if (rc != MB_OK)
        ui_store_failed(ui, "The roster could not be changed: %s");
    else
        roster_say(ui, st, done, name);
    roster_load(ui, st);
}

/* The actions under the chosen name; returns their height. */
static int roster_actions(Ui *ui, RosterState *st, int x, int y, int w)
{
    static const char *const label[] = {"Rename", "Merge into another", "Remove"};
    int gap = ui_touch_gap(ui, TOK.gap), bh = ui_touch_px(ui, TOK.target);
    int bw = (w - 2 * gap) / 3;
    for (int i = 0; i < 3; i++) {
        if (!ui_button(ui, (Rect){x + i * (bw + gap), y, bw, bh}, tr(ui, label[i]),
                       i == 2 ? BTN_BAD : BTN_SECONDARY))
            continue;
        const StoreParticipant *p = &st->list[st->sel];
        if (i == 0)
            roster_edit(ui, st, p->id, p->name);
        else if (i == 1)
            st->mode = RO_PICK;
        else
            st->ask_remove = true;
        ui->changed = true;
        return roster_actions_h(ui);
    }
    roster_code_actions(ui, st, x, y + bh + gap, w);
    return roster_actions_h(ui);
}

/* The names in view, scrolled (in RO_PICK without the one chosen). */
static void roster_names(Ui *ui, RosterState *st, Rect view)
{
    int gap = ui_touch_gap(ui, TOK.gap), rh = ui_touch_px(ui, TOK.row_h);
    bool pick = st->mode == RO_PICK;
    int rows = (int)st->n - (pick ? 1 : 0);
    int extra = !pick && st->sel >= 0 ? roster_actions_h(ui) : 0;
    int content = MB_MAX(0, rows) * (rh + gap) + extra;
    ui_scroll_update(ui, content, view.h);
    ui_scroll_begin(ui, view);
    int y = view.y - (int)ui->scroll;
    for (size_t i = 0; i < st->n; i++) {
        if (pick && (int)i == st->sel)
            continue;
        Rect r = {view.x, y, view.w, rh};
        bool seen = y + rh >= view.y && y <= view.y + view.h;
        if (seen && roster_row(ui, &st->list[i], r, !pick && (int)i == st->sel)) {
            if (pick)
                st->other = (int)i;
            else
                st->sel = st->sel == (int)i ? -1 : (int)i;
            /* The actions under the name chosen come into view. */
            int end = y + rh + gap + roster_actions_h(ui);
            if (st->sel == (int)i && end > view.y + view.h)
                ui->scroll += (float)(end - view.y - view.h);
            ui->changed = true;
        }
        y += rh + gap;
        if (!pick && (int)i == st->sel) {
            y += roster_actions(ui, st, view.x, y, view.w);
            if (st->sel < 0 || st->mode != RO_LIST)
                break; /* the list was read again, or another mode began */
        }
    }
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, content);
}

/* Remove or merge, asked over the list. */
static void roster_ask(Ui *ui, RosterState *st)
{
    const StoreParticipant *p = &st->list[st->sel];
    if (st->ask_remove) {
        int b = ui_dialog(ui, tr(ui, "Remove this name?"), p->name,
                          tr(ui, "Their answers and progress are deleted from this kiosk for good."),
                          tr(ui, "Remove for good"), tr(ui, "Keep"));
        if (b == 2)
            st->ask_remove = false;
        if (b != 1)
            return;
        char name[sizeof st->name];
        snprintf(name, sizeof name, "%s", p->name);
        if (store_participant_delete(ui->store, p->id, NULL) != MB_OK)
            ui_store_failed(ui, "The roster could not be changed: %s");
        else
            roster_say(ui, st, "%s was removed.", name);
        roster_load(ui, st);
        return;
    }
    const StoreParticipant *q = &st->list[st->other];
    const char *both = arena_printf(&ui->frame, "%s → %s", p->name, q->name);
    int b = ui_dialog(ui, tr(ui, "Merge these two?"), both,
                      tr(ui, "The answers of the first move to the second, and the first leaves the roster."),
                      tr(ui, "Merge"), tr(ui, "Keep both"));
    if (b == 2)
        st->other = -1;
    if (b != 1)
        return;
    char into[sizeof st->name];
    snprintf(into, sizeof into, "%s", q->name);
    if (store_participant_merge(ui->store, p->id, q->id, NULL) != MB_OK)
        ui_store_failed(ui, "The roster could not be changed: %s");
    else
        roster_say(ui, st, "Merged into %s.", into);
    st->mode = RO_LIST;
    roster_load(ui, st);
}

/* The list's head: Add and Import, or in RO_PICK what to tap; and what
 * the last change did. Returns where the names start. */
static int roster_head(Ui *ui, RosterState *st, int x, int y, int w)
{
    int gap = ui_touch_gap(ui, TOK.gap), bh = ui_touch_px(ui, TOK.target);
    if (st->mode == RO_PICK) {
        const char *ask = arena_printf(&ui->frame, tr(ui, "Tap the entry to merge %s into."),
                                       st->list[st->sel].name);
        return y + ui_text(ui, x, y, w, ask, SZ_BODY, TEXT_BOLD, ui->th.ink, TEXT_ALIGN_LEFT) + gap;
    }
    int bw = (w - gap) / 2;
    if (ui_button(ui, (Rect){x, y, bw, bh}, tr(ui, "Add a name"), BTN_PRIMARY))
        roster_edit(ui, st, 0, "");
    if (ui_button(ui, (Rect){x + bw + gap, y, bw, bh}, tr(ui, "Import names from a file"),
                  BTN_SECONDARY))
        ui_go(ui, SCR_ROSTER_IMPORT);
    y += bh + gap;
    const char *line =
        st->said[0] ? st->said
        : !st->n ? tr(ui, "No names yet. Participants can add their own at the kiosk; here you can add them one by one, or import a class list from a USB stick (a CSV file, one name a row).")
                 : screen_count(ui, (int)st->n, tr(ui, "1 name on the roster"),
                                tr(ui, "%d names on the roster"));
    return y + ui_text(ui, x, y, w, line, SZ_SMALL, 0, ui->th.muted, TEXT_ALIGN_LEFT) + gap;
}

static void roster_frame(Ui *ui, void *state)
{
    RosterState *st = state;
    if (!ui->instructor) { /* never shown to a participant */
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    if (st->mode == RO_EDIT) {
        roster_edit_frame(ui, st);
        return;
    }
    if ((st->mode == RO_CODE || st->mode == RO_CODE_AGAIN) && st->sel >= 0) {
        roster_code_frame(ui, st);
        return;
    }
    bool asking = st->sel >= 0 && (st->ask_remove || st->other >= 0);
    bool tap = asking && ui_modal_hold(ui);
    bool back;
    int top = ui_top_bar(ui, tr(ui, st->mode == RO_PICK ? "Cancel" : "Back"), tr(ui, "Roster"),
                         &back);
    if (back) {
        if (st->mode == RO_PICK)
            roster_list_mode(ui, st);
        else
            ui_go(ui, SCR_INSTRUCTOR);
        return;
    }
    int x, w = screen_column(ui, &x);
    int y = roster_head(ui, st, x, top + px(ui, TOK.space_m), w);
    roster_names(ui, st, (Rect){x, y, w, ui->h - y});
    if (asking) {
        ui_modal_take(ui, tap);
        roster_ask(ui, st);
    }
}

const ScreenDef screen_roster = {.name = "roster",
                                 .state_size = sizeof(RosterState),
                                 .enter = roster_enter,
                                 .frame = roster_frame,
                                 .leave = roster_leave};
