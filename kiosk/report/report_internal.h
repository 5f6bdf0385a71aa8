/* What the report's files share: the answers of an export read once from
 * the store (copied into an arena), each participant's result per unit,
 * the questions they answered looked up in the packs, and the small
 * writers every format uses (numbers, times, durations). Private to
 * kiosk/report. */
#ifndef MINGBAI_REPORT_INTERNAL_H
#define MINGBAI_REPORT_INTERNAL_H

#include "mingbai/learn.h"
#include "mingbai/report.h"

/* One answer as the store gives it, its strings copied into the
 * ReportData's arena. */
typedef StoreAnswerRow ReportAnswer;

/* A participant's result on one unit: the latest quiz answer (not review)
 * to each question, as the kiosk's own summary counts them. */
typedef struct {
    int64_t participant;
    const char *pseudo, *name;
    const char *pack_id, *pack_version, *unit;
    int questions;         /* scored questions in the unit now; -1 not known */
    int answered, correct;
    double score, max;
    double seconds;        /* time taken over every quiz answer in the unit */
    int64_t first_ms, last_ms;
    const ReportAnswer *last; /* the answer that came last */
    uint64_t digest[2];    /* of the UUIDs counted (ids of derived statements) */
    bool whole;            /* every question of the unit answered, in the
                              version of the pack the kiosk has */
} ReportProgress;

typedef struct {
    const ReportOptions *o;
    Arena arena;
    ReportAnswer *rows;
    bool *latest;  /* per row: a quiz answer (not review), the participant's
                      latest to the question in the export: the one results
                      count */
    size_t n, cap;
    ReportProgress *progress;
    size_t nprogress;
    StoreSession session;  /* the exported session (id 0 when all) */
    StoreSession *sessions; /* every session, for their UUIDs and titles */
    size_t nsessions;
    int64_t now_ms;
} ReportData;

/* The session of an answer (NULL: none, or not known). */
const StoreSession *report_session_of(const ReportData *d, int64_t id);
/* The question an answer was given to, shown in lang (the same id in that
 * language's quiz; NULL when the pack, the unit or the id is gone, or the
 * pack is not the version answered when same_version). Points into the
 * pack. */
const Question *report_question(const ReportData *d, const ReportAnswer *a, Lang lang,
                                bool same_version);
/* The unit of a pack by slug, or NULL; its title in lang (or the slug). */
const Unit *report_unit(const ReportData *d, const char *pack_id, const char *slug);
const char *report_unit_title(const Unit *u, const char *slug, Lang lang);

/* Shortest text that reads back as v ("0.5", "1", "2020"); no exponent
 * for the numbers an export has. */
void report_number(StrBuf *b, double v);
/* ISO 8601 local time with its offset: "2025-03-04T10:15:30.250+08:00". */
void report_iso_time(char *buf, size_t cap, int64_t ms);
/* ISO 8601 duration: "PT12.5S", "PT1M15S", "PT1H2M3S"; negative as PT0S. */
void report_duration(char *buf, size_t cap, int64_t ms);
/* Seconds taken for an answer, never negative. */
double report_seconds(const ReportAnswer *a);

/* One RFC 4180 cell (a comma before it unless first): numbers as numbers;
 * text quoted when it must be, and text a spreadsheet would run as a
 * formula (= + - @ tab or CR first) led by an apostrophe. A negative
 * number stays a number. */
void report_csv_text(StrBuf *b, const char *s, bool first);
void report_csv_number(StrBuf *b, double v);
/* True when s is a plain decimal number ("-12", "0.5"): no sign but '-', no
 * exponent, no spaces. */
bool report_plain_number(const char *s);

/* The files of each format, built in memory. names[i] is the i-th file's
 * name; bufs[i] its bytes (the caller frees them). Return MB_OK or a
 * status with the message in err. */
#define REPORT_MAX_FILES 2
int report_csv_build(ReportData *d, StrBuf bufs[REPORT_MAX_FILES], const char *names[REPORT_MAX_FILES], size_t *n);
int report_xapi_build(ReportData *d, StrBuf bufs[REPORT_MAX_FILES], const char *names[REPORT_MAX_FILES], size_t *n,
                      char *err, size_t cap);
int report_html_build(ReportData *d, StrBuf bufs[REPORT_MAX_FILES], const char *names[REPORT_MAX_FILES], size_t *n);

/* Writes every file under a hidden temporary name in dir, syncs them,
 * then renames them all; on failure removes what it wrote and says which
 * path and why in err. */
int report_write_files(const char *dir, const char *const *names, const StrBuf *bufs, size_t n,
                       char *err, size_t cap);

#endif
