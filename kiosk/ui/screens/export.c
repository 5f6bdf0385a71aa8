/* Exports for the instructor: the answers of the session shown first on
 * the class results (the open one, else the latest) or of every session,
 * as CSV, xAPI statements and the HTML report (any of the three), onto the
 * first stick mounted under /media, /run/media or /mnt (or the folder
 * MINGBAI_EXPORT_DIR names, for tests), into a folder named for what was
 * exported. The report module writes each file whole or not at all
 * (temporary name, sync, rename); one format is written per frame, so the
 * bar moves between them, and "Safe to remove" shows only once every file
 * is renamed and synced. An export that fails part way takes away the
 * formats it had written. Names leave the kiosk only when the instructor
 * ticks them in.
 *
 * On the board the stick is mounted read-only (board/README.md): the
 * screen asks the stick service to mount it writable (sticks.c), waits for
 * it a frame at a time ("Making the stick writable…", at most
 * $MINGBAI_STICK_WAIT_MS), writes, then asks for it to be unmounted and
 * says "Saved on the stick. You can take it out now." only once it is. A
 * failed export asks for it read-only again. A stick that is writable (a
 * desktop, the tests) is written directly, as before. */
#include "mingbai/report.h"
#include "screens.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { EXP_IDLE, EXP_OPENING, EXP_RUNNING, EXP_CLOSING, EXP_DONE, EXP_FAILED } ExportPhase;
/* How the stick service's part ended, for the message. */
typedef enum { STICK_NOT_ASKED, STICK_OUT, STICK_NOT_OPENED, STICK_NOT_OUT } ExportStick;
/* How long a frame waits for the stick service's answer. */
#define EXPORT_STICK_FRAME_MS 20

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
    StickAsk ask;         /* the request to the stick service being answered */
    bool asked;           /* the stick was made writable on request */
    ExportStick stick;
    bool no_answer;       /* the stick service did not answer in time */
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

/* Asks the stick service for act; false (with err) when it cannot be asked. */
static bool export_ask(ExportState *st, StickAction act)
{
    return screen_stick_ask(&st->ask, act, st->dest, st->err, sizeof st->err);
}

/* The export failed (st->err says why): the formats it wrote are taken
 * away, and a stick made writable for it is made read-only again (not
 * waited for: what failed is what the instructor needs to know). */
static void export_fail(ExportState *st)
{
    for (int f = 0; f < st->next && f < REPORT_FORMAT_COUNT; f++) {
        if (!st->format[f])
            continue;
        char names[200];
        snprintf(names, sizeof names, "%s", report_format_files((ReportFormat)f));
        for (char *save = NULL, *n = strtok_r(names, ", ", &save); n;
             n = strtok_r(NULL, ", ", &save)) {
            char *path = mb_xasprintf("%s/%s", st->folder, n);
            unlink(path);
            free(path);
        }
    }
    if (st->folder[0])
        rmdir(st->folder); /* only when nothing else is in it */
    if (st->asked) {
        char err[sizeof st->err];
        if (!screen_stick_ask(&st->ask, STICK_RO, st->dest, err, sizeof err))
            mb_log(LOG_WARN, "export: the stick stays writable: %s", err);
        st->asked = false;
    }
    st->phase = EXP_FAILED;
}

/* The chosen formats written: synced, and on the board the stick unmounted. */
static void export_finish(ExportState *st)
{
    sync(); /* the new folder's entry and every file on the medium */
    st->phase = EXP_DONE;
    if (!st->asked)
        return;
    st->asked = false;
    if (export_ask(st, STICK_EJECT))
        st->phase = EXP_CLOSING;
    else
        st->stick = STICK_NOT_OUT;
}

/* One frame of a running export: the next chosen format, then, after the
 * last, the folder synced. */
static void export_step(Ui *ui, ExportState *st)
{
    while (st->next < REPORT_FORMAT_COUNT && !st->format[st->next])
        st->next++;
    if (st->next >= REPORT_FORMAT_COUNT) {
        export_finish(st);
        return;
    }
    ReportOptions o = {.store = ui->store, .session = st->all ? 0 : st->session,
                       .names = st->names, .lang = ui->lang, .pack = export_pack,
                       .pack_ctx = ui, .now_ms = mb_now_ms()};
    if (report_export(&o, (ReportFormat)st->next, st->folder, st->err, sizeof st->err) != MB_OK) {
        export_fail(st);
        return;
    }
    st->next++;
    st->done++;
}

/* Writing starts: the folder made, the first format in the next frame. */
static void export_write(Ui *ui, ExportState *st)
{
    st->step_at = ui->now;
    if (export_folder(st))
        st->phase = EXP_RUNNING;
    else
        export_fail(st);
}

static void export_start(Ui *ui, ExportState *st)
{
    export_look(ui, st); /* the stick may have been changed, or unmounted */
    st->total = st->done = st->next = 0;
    for (int f = 0; f < REPORT_FORMAT_COUNT; f++)
        st->total += st->format[f];
    st->phase = EXP_IDLE;
    if (!st->total || !st->dest[0])
        return;
    st->err[0] = st->folder[0] = 0;
    st->asked = st->no_answer = false;
    st->stick = STICK_NOT_ASKED;
    if (screen_stick_writable(st->dest) || !screen_stick_service()) {
        export_write(ui, st); /* a desktop's stick, or a folder: as it is */
    } else if (export_ask(st, STICK_RW)) {
        st->phase = EXP_OPENING;
    } else {
        st->stick = STICK_NOT_OPENED;
        st->phase = EXP_FAILED;
    }
}

/* A frame's wait for the stick service: writable, then written; unmounted,
 * then done. */
static void export_wait(Ui *ui, ExportState *st)
{
    char msg[sizeof st->err];
    StickAnswer a = screen_stick_answer(&st->ask, EXPORT_STICK_FRAME_MS, msg, sizeof msg);
    if (a == STICK_WAITING)
        return;
    st->no_answer = a == STICK_NO_ANSWER;
    snprintf(st->err, sizeof st->err, "%s", msg);
    if (st->phase == EXP_CLOSING) {
        st->stick = a == STICK_DONE ? STICK_OUT : STICK_NOT_OUT;
        st->phase = EXP_DONE;
    } else if (a == STICK_DONE && (screen_stick_writable(st->dest) || access(st->dest, F_OK))) {
        st->asked = true;
        export_write(ui, st); /* a stick gone in the meantime fails there, as it is */
    } else {
        if (a == STICK_DONE) /* mounted writable, yet not so for the kiosk */
            snprintf(st->err, sizeof st->err, "%s is still not writable for the kiosk", st->dest);
        st->stick = STICK_NOT_OPENED;
        st->asked = a == STICK_DONE;
        export_fail(st);
    }
}

static bool export_busy(const ExportState *st)
{
    return st->phase == EXP_OPENING || st->phase == EXP_RUNNING || st->phase == EXP_CLOSING;
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

/* st->err with the paths on the stick named from the stick's folder (the
 * "To:" line names it): "cannot write mingbai-session-1/answers.csv: ...". */
static const char *export_err(Ui *ui, const ExportState *st)
{
    size_t n = strlen(st->dest);
    StrBuf b = {0};
    for (const char *p = st->err; *p;) {
        const char *at = n ? strstr(p, st->dest) : NULL;
        if (!at || at[n] != '/') {
            strbuf_puts(&b, p);
            break;
        }
        strbuf_append(&b, p, (size_t)(at - p));
        p = at + n + 1;
    }
    const char *out = arena_printf(&ui->frame, "%s", b.data ? b.data : "");
    strbuf_free(&b);
    return out;
}

/* What the export is doing, or how it ended. */
static const char *export_message(Ui *ui, const ExportState *st)
{
    const char *why = st->no_answer ? tr(ui, "no answer in time") : export_err(ui, st);
    const char *folder = strrchr(st->folder, '/') ? strrchr(st->folder, '/') + 1 : st->folder;
    switch (st->phase) {
    case EXP_OPENING: return tr(ui, "Making the stick writable…");
    case EXP_RUNNING: return tr(ui, "Writing the files…");
    case EXP_CLOSING: return tr(ui, "Preparing the stick to be taken out…");
    case EXP_DONE:
        if (st->stick == STICK_OUT)
            return arena_printf(&ui->frame, tr(ui, "Saved on the stick. You can take it out now. The files are in the folder %s."), folder);
        if (st->stick == STICK_NOT_OUT)
            return arena_printf(&ui->frame, tr(ui, "The files are saved, but the stick could not be unmounted (%s). Wait ten seconds, then take it out."), why);
        return arena_printf(&ui->frame, tr(ui, "Safe to remove. The files are in %s"), st->folder);
    default:
        if (st->stick == STICK_NOT_OPENED)
            return arena_printf(&ui->frame, tr(ui, "The stick could not be made writable (%s). Take it out, put it in again, then tap Export."), why);
        return arena_printf(&ui->frame, tr(ui, "The export failed, and no file of it was left: %s. Is the stick full or removed?"), why);
    }
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
    if (st->phase != EXP_FAILED) { /* a failed export left nothing: no bar */
        int h = px(ui, TOK.stat_bar_h);
        ui_rect(ui, (Rect){x, y, w, h}, ui->th.line, px(ui, TOK.radius_s));
        if (st->done > 0 && st->total > 0)
            ui_rect(ui, (Rect){x, y, w * st->done / st->total, h}, ui->th.accent,
                    px(ui, TOK.radius_s));
        y += h + px(ui, TOK.space_m);
    }
    bool bad = st->phase == EXP_FAILED || st->stick == STICK_NOT_OUT;
    ui_text(ui, x, y, w, export_message(ui, st), SZ_BODY, st->phase == EXP_DONE ? TEXT_BOLD : 0,
            bad ? ui->th.bad : ui->th.ink, TEXT_ALIGN_LEFT);
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
    } else if (st->phase == EXP_OPENING || st->phase == EXP_CLOSING) {
        export_wait(ui, st);
    }
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Back"), tr(ui, "Export"), &back);
    if (back && !export_busy(st)) {
        ui_go(ui, SCR_INSTRUCTOR);
        return;
    }
    int x, w = screen_column(ui, &x);
    ExportState was = *st;
    int y = export_choices(ui, st, x, top + px(ui, TOK.space_l), w);
    bool changed = was.all != st->all || was.names != st->names ||
                   memcmp(was.format, st->format, sizeof st->format);
    if (changed && export_busy(st)) { /* no changes while writing */
        st->all = was.all;
        st->names = was.names;
        memcpy(st->format, was.format, sizeof st->format);
    } else if (changed) {
        st->phase = EXP_IDLE; /* "Safe to remove" was about the last export */
    }
    export_status(ui, st, x, y, w);
    Rect bar = ui_bottom_bar(ui, ui_bottom_bar_h(ui));
    if (export_busy(st)) {
        ui->working = true; /* the next format, or a look for the answer, in the next frame */
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
