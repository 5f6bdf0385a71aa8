/* A class list into the roster: the CSV files on a USB stick (a folder
 * at its top or one folder down, screen_sticks) or in $MINGBAI_IMPORT_DIR when it
 * is set (a folder standing in for a stick), one button each; the file
 * tapped is read (at most 1 MiB) and its names added by the store, then
 * what happened is shown: how many were added or there already, and each
 * row left out as file:line: what is wrong. */
#include "screens.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define IMPORT_FILES_MAX 40
#define IMPORT_FILE_BYTES ((size_t)1 << 20)

typedef struct {
    char *paths[IMPORT_FILES_MAX]; /* the CSV files found, owned */
    size_t n;
    bool done;                     /* a file was imported: the report is shown */
    StrBuf report;                 /* its lines */
} ImportState;

static bool import_is_csv(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 4 && !strcasecmp(name + n - 4, ".csv");
}

static int import_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The CSV files in dir and, depth levels down, in its folders. */
static void import_scan(ImportState *st, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) && st->n < IMPORT_FILES_MAX) {
        if (e->d_name[0] == '.')
            continue;
        char *path = mb_xasprintf("%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && import_is_csv(e->d_name)) {
            st->paths[st->n++] = path;
            continue;
        }
        if (depth > 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            import_scan(st, path, depth - 1);
        free(path);
    }
    closedir(d);
}

static void import_free(ImportState *st)
{
    for (size_t i = 0; i < st->n; i++)
        free(st->paths[i]);
    st->n = 0;
    strbuf_free(&st->report);
}

static void import_enter(Ui *ui, void *state)
{
    (void)ui;
    ImportState *st = state;
    import_free(st);
    st->done = false;
    /* A class list at the top of the stick or in a folder on it. */
    ScreenStick sticks[8];
    size_t n = screen_sticks("MINGBAI_IMPORT_DIR", NULL, sticks, MB_COUNT(sticks));
    for (size_t i = 0; i < n; i++)
        import_scan(st, sticks[i].path, 1);
    qsort(st->paths, st->n, sizeof st->paths[0], import_cmp);
}

static void import_leave(Ui *ui, void *state)
{
    (void)ui;
    import_free(state);
}

static const char *import_problem(Ui *ui, StoreRosterProblemKind k)
{
    switch (k) {
    case STORE_ROSTER_EMPTY: return tr(ui, "no name in this row");
    case STORE_ROSTER_NOT_UTF8: return tr(ui, "the name is not UTF-8 text");
    case STORE_ROSTER_CONTROL: return tr(ui, "the name holds a control character");
    case STORE_ROSTER_TOO_LONG: return tr(ui, "the name is longer than 40 characters");
    case STORE_ROSTER_QUOTE: return tr(ui, "a quote is opened and never closed");
    case STORE_ROSTER_NO_COLUMN: return tr(ui, "several columns, and none is called name");
    default: return "";
    }
}

static void import_file(Ui *ui, ImportState *st, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (mb_read_file(path, IMPORT_FILE_BYTES, &text, &len) != 0) {
        ui_notice(ui, "The file could not be read: %s", path);
        return;
    }
    StoreRosterImport r;
    int rc = store_roster_import_csv(ui->store, text, len, &r);
    free(text);
    if (rc != MB_OK) {
        store_roster_import_free(&r);
        ui_store_failed(ui, "The roster could not be changed: %s");
        return;
    }
    st->done = true;
    st->report.len = 0;
    strbuf_printf(&st->report, tr(ui, "%s: %s added, %d on the roster already, %s left out."),
                  base, screen_count(ui, r.added, tr(ui, "1 name"), tr(ui, "%d names")), r.same,
                  screen_count(ui, (int)r.nproblems, tr(ui, "1 row"), tr(ui, "%d rows")));
    for (size_t i = 0; i < r.nproblems; i++)
        strbuf_printf(&st->report, "\n%s:%d: %s", base, r.problems[i].line,
                      import_problem(ui, r.problems[i].kind));
    store_roster_import_free(&r);
}

/* The files found, one button each, scrolled in view. */
static void import_list(Ui *ui, ImportState *st, Rect view)
{
    int gap = ui_touch_gap(ui, TOK.gap), rh = ui_touch_px(ui, TOK.row_h);
    int content = (int)st->n * (rh + gap);
    ui_scroll_update(ui, content, view.h);
    ui_scroll_begin(ui, view);
    for (size_t i = 0; i < st->n; i++) {
        Rect r = {view.x, view.y + (int)i * (rh + gap) - (int)ui->scroll, view.w, rh};
        if (r.y + rh >= view.y && r.y <= view.y + view.h &&
            ui_button(ui, r, st->paths[i], BTN_SECONDARY)) {
            import_file(ui, st, st->paths[i]);
            ui_scroll_reset(ui);
            ui->changed = true;
            break;
        }
    }
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, content);
}

static void import_report(Ui *ui, ImportState *st, Rect view)
{
    int h = ui_text_height(ui, view.w, st->report.data, SZ_BODY, 0);
    ui_scroll_update(ui, h, view.h);
    ui_scroll_begin(ui, view);
    ui_text(ui, view.x, view.y - (int)ui->scroll, view.w, st->report.data, SZ_BODY, 0, ui->th.ink,
            TEXT_ALIGN_LEFT);
    ui_pop_clip(ui);
    ui_scroll_indicator(ui, view, h);
}

static void import_frame(Ui *ui, void *state)
{
    ImportState *st = state;
    if (!ui->instructor) { /* never shown to a participant */
        ui_go(ui, SCR_ATTRACT);
        return;
    }
    bool back;
    int top = ui_top_bar(ui, tr(ui, "Back"), tr(ui, "Import names"), &back);
    if (back) {
        ui_go(ui, SCR_ROSTER);
        return;
    }
    int x, w = screen_column(ui, &x);
    int y = top + px(ui, TOK.space_m);
    const char *say = st->done ? NULL
                      : st->n ? tr(ui, "Tap the file to import: a CSV file with one name a row, or a column called name.")
                              : tr(ui, "No CSV file was found. Put the class list on a USB stick and plug it in.");
    if (say)
        y += ui_text(ui, x, y, w, say, SZ_BODY, 0, ui->th.muted, TEXT_ALIGN_LEFT) +
             px(ui, TOK.space_m);
    Rect view = {x, y, w, ui->h - y};
    if (st->done)
        import_report(ui, st, view);
    else
        import_list(ui, st, view);
}

const ScreenDef screen_roster_import = {.name = "roster_import",
                                        .state_size = sizeof(ImportState),
                                        .enter = import_enter,
                                        .frame = import_frame,
                                        .leave = import_leave};
