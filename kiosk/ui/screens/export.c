/* Exports for the instructor: the answers of the session shown first on
 * the class results (the open one, else the latest) or of every session,
 * as CSV, xAPI statements and the HTML report (any of the three), onto the
 * first stick mounted under /media, /run/media or /mnt (or the folder
 * MINGBAI_EXPORT_DIR names, for tests), into a folder named for what was
 * exported. The report module writes each file whole or not at all
 * (temporary name, sync, rename); one format is written per frame, so the
 * bar moves between them, and "Safe to remove" shows only once every file
 * is renamed and synced. Names leave the kiosk only when the instructor
 * ticks them in. */
#include "mingbai/report.h"
#include "screens.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { EXP_IDLE, EXP_RUNNING, EXP_DONE, EXP_FAILED } ExportPhase;

typedef struct {
    char dest[400];       /* where a medium is mounted; "" when none */
    int64_t session;      /* the session offered; 0 when there is none */
    char *title;          /* its title (owned) */
    bool all;             /* every answer, not only the session's */
    bool names;           /* participants' names in the CSV and the report */
    bool format[REPORT_FORMAT_COUNT];
    ExportPhase phase;
    int next;             /* the format written in the next pass */
    int done, total;      /* formats written, of those chosen */
    uint64_t step_at;     /* the frame of the last step: one step a frame */
    char folder[440];     /* the export's folder */
    char err[1024];
} ExportState;

/* The first stick (screen_sticks), or MINGBAI_EXPORT_DIR when set. */
static void export_find_dest(char *out, size_t cap)
{
    ScreenStick stick;
    out[0] = 0;
    if (screen_sticks("MINGBAI_EXPORT_DIR", NULL, &stick, 1))
        snprintf(out, cap, "%s", stick.path);
}

static void export_look(Ui *ui, ExportState *st)
{
    (void)ui;
    export_find_dest(st->dest, sizeof st->dest);
}

static void export_enter(Ui *ui, void *state)
{
    ExportState *st = state;
    free(st->title);
    *st = (ExportState){0};
    for (int f = 0; f < REPORT_FORMAT_COUNT; f++)
        st->format[f] = true;
    if (ui->store) {
        int64_t open = store_session_current(ui->store);
        StoreSession *list = NULL;
        size_t n = 0;
        if (store_session_list(ui->store, &list, &n) != MB_OK)
            ui_store_failed(ui, "The sessions could not be read: %s");
        for (size_t i = 0; i < n; i++)
            if (open > 0 ? list[i].id == open : i + 1 == n) {
                st->session = list[i].id;
                st->title = mb_xstrdup(list[i].title);
            }
        store_session_list_free(list, n);
    }
    st->all = st->session == 0;
    export_look(ui, st);
}

static void export_leave(Ui *ui, void *state)
{
    (void)ui;
    ExportState *st = state;
    free(st->title);
    st->title = NULL;
}

static const Pack *export_pack(void *ctx, const char *id)
{
    Ui *ui = ctx;
    for (size_t p = 0; p < ui->cfg.npacks; p++)
        if (!strcmp(ui->cfg.packs[p]->id, id))
            return ui->cfg.packs[p];
    return NULL;
}

/* Makes the export's folder; false (with err) when it cannot. */
static bool export_folder(ExportState *st)
{
    if (st->all)
        snprintf(st->folder, sizeof st->folder, "%.400s/mingbai-all", st->dest);
    else
        snprintf(st->folder, sizeof st->folder, "%.400s/mingbai-session-%lld", st->dest,
                 (long long)st->session);
    struct stat sb;
    errno = 0;
    if (stat(st->dest, &sb) || !S_ISDIR(sb.st_mode)) {
        snprintf(st->err, sizeof st->err, "%s: %s", st->dest, strerror(errno ? errno : ENOTDIR));
        return false;
    }
    if (mkdir(st->folder, 0755) && errno != EEXIST) {
        snprintf(st->err, sizeof st->err, "%s: %s", st->folder, strerror(errno));
        return false;
    }
    return true;
}

/* One frame of a running export: the next chosen format, then, after the
 * last, the folder synced. */
static void export_step(Ui *ui, ExportState *st)
{
    while (st->next < REPORT_FORMAT_COUNT && !st->format[st->next])
        st->next++;
    if (st->next >= REPORT_FORMAT_COUNT) {
        sync(); /* the new folder's entry and every file on the medium */
        st->phase = EXP_DONE;
        return;
    }
    ReportOptions o = {.store = ui->store, .session = st->all ? 0 : st->session,
                       .names = st->names, .lang = ui->lang, .pack = export_pack,
                       .pack_ctx = ui, .now_ms = mb_now_ms()};
    if (report_export(&o, (ReportFormat)st->next, st->folder, st->err, sizeof st->err) != MB_OK) {
        st->phase = EXP_FAILED;
        return;
    }
    st->next++;
    st->done++;
}

static void export_start(Ui *ui, ExportState *st)
{
    st->total = st->done = st->next = 0;
    for (int f = 0; f < REPORT_FORMAT_COUNT; f++)
        st->total += st->format[f];
    if (!st->total)
        return;
    st->err[0] = 0;
    st->step_at = ui->now; /* the first format in the next frame */
    st->phase = export_folder(st) ? EXP_RUNNING : EXP_FAILED;
}

/* A row of two choices side by side; returns which is tapped (0, 1) or -1. */
static int export_pair(Ui *ui, int x, int y, int w, const char *a, bool a_on, const char *b,
                       bool b_on)
{
    int gap = ui_touch_gap(ui, TOK.gap), bw = (w - gap) / 2, bh = ui_touch_px(ui, TOK.button_h);
    int t = -1;
    if (ui_button(ui, (Rect){x, y, bw, bh}, a, a_on ? BTN_CHOICE_ON : BTN_CHOICE))
        t = 0;
    if (ui_button(ui, (Rect){x + bw + gap, y, bw, bh}, b, b_on ? BTN_CHOICE_ON : BTN_CHOICE))
        t = 1;
    return t;
}

static const char *export_mark(Ui *ui, bool on, const char *label)
{
    return arena_printf(&ui->frame, "%s %s", on ? "■" : "□", label);
}

/* What to export: the session or all, the formats, names. */
static int export_choices(Ui *ui, ExportState *st, int x, int y, int w)
{
    int sp = ui_touch_gap(ui, TOK.gap), bh = ui_touch_px(ui, TOK.button_h);
    if (st->session) {
        int t = export_pair(ui, x, y, w, st->title, !st->all, tr(ui, "All answers"), st->all);
        if (t >= 0)
            st->all = t == 1;
        y += bh + sp;
    }
    static const char *const names[REPORT_FORMAT_COUNT] = {"CSV", "xAPI", "HTML"};
    int gap = ui_touch_gap(ui, TOK.gap), fw = (w - 2 * gap) / 3;
    for (int f = 0; f < REPORT_FORMAT_COUNT; f++)
        if (ui_button(ui, (Rect){x + f * (fw + gap), y, fw, bh},
                      export_mark(ui, st->format[f], names[f]),
                      st->format[f] ? BTN_CHOICE_ON : BTN_CHOICE))
            st->format[f] = !st->format[f];
    y += bh + sp;
    if (ui_button(ui, (Rect){x, y, w, bh}, export_mark(ui, st->names, tr(ui, "Include names")),
                  st->names ? BTN_CHOICE_ON : BTN_CHOICE))
        st->names = !st->names;
    return y + bh + sp;
}

/* Where it goes, how far it is, how it ended. */
static void export_status(Ui *ui, ExportState *st, int x, int y, int w)
{
    const char *where = st->dest[0] ? arena_printf(&ui->frame, tr(ui, "To: %s"), st->dest)
                                    : tr(ui, "No USB stick found. Put one in, then tap Look again.");
    y += ui_text(ui, x, y, w, where, SZ_BODY, 0, st->dest[0] ? ui->th.ink : ui->th.bad,
                 TEXT_ALIGN_LEFT) + px(ui, TOK.space_m);
    if (st->phase == EXP_IDLE)
        return;
    int h = px(ui, TOK.stat_bar_h);
    ui_rect(ui, (Rect){x, y, w, h}, ui->th.line, px(ui, TOK.radius_s));
    if (st->done > 0 && st->total > 0)
        ui_rect(ui, (Rect){x, y, w * st->done / st->total, h}, ui->th.accent, px(ui, TOK.radius_s));
    y += h + px(ui, TOK.space_m);
    const char *msg = st->phase == EXP_RUNNING ? tr(ui, "Writing the files…")
                      : st->phase == EXP_DONE
                          ? arena_printf(&ui->frame, tr(ui, "Safe to remove. The files are in %s"),
                                         st->folder)
                          : arena_printf(&ui->frame,
                                         tr(ui, "The export failed, and no file of it was left: %s. Is the stick full or removed?"),
                                         st->err);
    ui_text(ui, x, y, w, msg, SZ_BODY, st->phase == EXP_DONE ? TEXT_BOLD : 0,
            st->phase == EXP_FAILED ? ui->th.bad : ui->th.ink, TEXT_ALIGN_LEFT);
}

static void export_frame(Ui *ui, void *state)
{
    ExportState *st = state;
    if (!ui->instructor) { /* never shown to a participant */
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    if (st->phase == EXP_RUNNING && ui->now != st->step_at) {
        st->step_at = ui->now;
        export_step(ui, st); /* drawn below as it now stands */
    }
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Back"), tr(ui, "Export"), &back);
    if (back && st->phase != EXP_RUNNING) {
        ui_go(ui, SCR_INSTRUCTOR);
        return;
    }
    int x, w = screen_column(ui, &x);
    ExportState was = *st;
    int y = export_choices(ui, st, x, top + px(ui, TOK.space_l), w);
    bool changed = was.all != st->all || was.names != st->names ||
                   memcmp(was.format, st->format, sizeof st->format);
    if (changed && st->phase == EXP_RUNNING) { /* no changes while writing */
        st->all = was.all;
        st->names = was.names;
        memcpy(st->format, was.format, sizeof st->format);
    } else if (changed) {
        st->phase = EXP_IDLE; /* "Safe to remove" was about the last export */
    }
    export_status(ui, st, x, y, w);
    Rect bar = ui_bottom_bar(ui, ui_bottom_bar_h(ui));
    if (st->phase == EXP_RUNNING) {
        ui->working = true; /* the next format in the next frame */
        return;
    }
    if (!st->dest[0]) {
        if (ui_bar_action(ui, bar, tr(ui, "Look again"), BTN_PRIMARY))
            export_look(ui, st);
    } else if (ui_bar_action(ui, bar, tr(ui, "Export"), BTN_PRIMARY)) {
        export_start(ui, st);
    }
}

const ScreenDef screen_export = {.name = "export",
                                 .state_size = sizeof(ExportState),
                                 .enter = export_enter,
                                 .frame = export_frame,
                                 .leave = export_leave};
