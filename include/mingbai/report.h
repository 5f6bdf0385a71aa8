/* Results out of the kiosk (FORMATS.md section 3): the answers of a session,
 * or of every session, as CSV for a spreadsheet, as xAPI 1.0.3 statements
 * for a Learning Record Store, and as one self-contained HTML report with
 * its charts as inline SVG. An export reads the store and writes files;
 * it never changes the database.
 *
 * Every file of an export is written to a hidden temporary name in the
 * folder, synced, and renamed only when all of them are whole: a full or
 * removed stick leaves no partial file and says which path failed.
 *
 * Pointer arguments are borrowed for the call. */
#ifndef MINGBAI_REPORT_H
#define MINGBAI_REPORT_H

#include "mingbai/core.h"
#include "mingbai/pack_model.h"
#include "mingbai/store.h"

typedef enum { REPORT_CSV, REPORT_XAPI, REPORT_HTML, REPORT_FORMAT_COUNT } ReportFormat;

/* "csv", "xapi" or "html" -> *out; -1 for another name (*out unchanged). */
int report_format_parse(const char *name, ReportFormat *out);
/* The files a format writes, separated by ", " ("answers.csv, progress.csv"):
 * a static string. */
const char *report_format_files(ReportFormat f);

/* The pack an answer came from, as the kiosk has it now (NULL when it is no
 * longer there). The Pack stays the caller's and must live until
 * report_export() returns. */
typedef const Pack *(*ReportPackFn)(void *ctx, const char *pack_id);

typedef struct {
    Store *store;
    int64_t session;       /* 0: every answer on the kiosk */
    bool names;            /* participants' display names in the CSV and the
                              HTML report (only when the instructor asks);
                              xAPI names no one, whatever this says */
    Lang lang;             /* the HTML report's language */
    ReportPackFn pack;     /* may be NULL: question texts, choices and unit
                              sizes are then left out */
    void *pack_ctx;
    StoreProgress progress; /* may be NULL: (ctx, steps done, steps in all):
                               read, built, written */
    void *progress_ctx;
    int64_t now_ms;        /* the report's date; 0: now */
} ReportOptions;

/* Writes the export of format f into the folder dir, which must exist.
 * Returns MB_OK; otherwise a message naming the path and the reason is in
 * err (cap bytes), and no file of this export is in dir: MB_ERR_IO for the
 * folder or a file, MB_ERR_NOTFOUND for a session that does not exist,
 * MB_ERR_DB for the database. */
int report_export(const ReportOptions *o, ReportFormat f, const char *dir, char *err, size_t cap);

#endif
