/* The scripted session and its check (workload.h). */
#include "workload.h"

#include "mingbai/core.h"
#include "mingbai/pack_model.h"
#include "mingbai/report.h"
#include "mingbai/store.h"
#include "store/store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- the session ---- */

static void ack(const Workload *w, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (w->ack_fd < 0 || n <= 0)
        return;
    const char *p = line;
    while (n > 0) {
        ssize_t k = write(w->ack_fd, p, (size_t)n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return;
        p += k;
        n -= (int)k;
    }
}

/* A pack of nunits units of nq questions each (English and Chinese), with a
 * file of blob_kb KiB of varied bytes. */
static Pack *pack_make(const char *id, const char *version, int nunits, int nq, int blob_kb)
{
    Pack *p = mb_xcalloc(1, sizeof *p);
    Arena *a = &p->arena;
    p->format = 1;
    p->id = arena_strdup(a, id);
    p->version = arena_strdup(a, version);
    p->licence = arena_strdup(a, "CC BY 4.0");
    p->author = arena_strdup(a, "Test");
    p->has_lang[LANG_EN] = p->has_lang[LANG_ZH] = true;
    p->title[LANG_EN] = arena_printf(a, "Pack %s %s", id, version);
    p->title[LANG_ZH] = arena_strdup(a, "断电测试");
    p->units = arena_alloc(a, (size_t)nunits * sizeof *p->units);
    for (int u = 0; u < nunits; u++) {
        Unit *unit = &p->units[p->nunits++];
        memset(unit, 0, sizeof *unit);
        unit->slug = arena_printf(a, "%02d-unit", u + 1);
        for (int l = 0; l < LANG_COUNT; l++) {
            unit->lang[l].present = true;
            unit->lang[l].title = unit->slug;
            QuestionList *quiz = &unit->lang[l].quiz;
            quiz->items = arena_alloc(a, (size_t)nq * sizeof(Question));
            for (int q = 0; q < nq; q++) {
                Question *qq = &quiz->items[quiz->count++];
                memset(qq, 0, sizeof *qq);
                qq->type = QT_MULTICHOICE;
                qq->id = arena_printf(a, "u%dq%d", u + 1, q + 1);
                qq->name = qq->id;
                qq->text = arena_printf(a, "question %d.%d (%s) of %s", u + 1, q + 1,
                                        lang_code((Lang)l), version);
            }
        }
    }
    p->files.items = arena_alloc(a, 2 * sizeof(PackFile));
    PackFile *fl = p->files.items;
    fl[0].path = arena_strdup(a, "pack.ini");
    fl[0].data = (unsigned char *)arena_printf(a, "id = %s\nversion = %s\n", id, version);
    fl[0].len = strlen((char *)fl[0].data);
    size_t blob = (size_t)blob_kb * 1024;
    unsigned char *data = arena_alloc(a, blob ? blob : 1);
    uint32_t x = 2463534242u ^ (uint32_t)blob_kb;
    for (size_t i = 0; i < blob; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        data[i] = (unsigned char)x;
    }
    fl[1].path = arena_strdup(a, "media/picture.bin");
    fl[1].data = data;
    fl[1].len = blob;
    p->files.count = 2;
    p->files.total_bytes = fl[0].len + fl[1].len;
    return p;
}

static int64_t db_count(sqlite3 *db, const char *sql, const char *arg)
{
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static int import(const Workload *w, Store *s, const char *id, const char *version, int nq,
                  int blob_kb)
{
    Pack *p = pack_make(id, version, 3, nq, w->small ? blob_kb / 16 : blob_kb);
    ack(w, "I %s %s\n", id, version);
    int rc = store_pack_import(s, p, NULL, NULL);
    if (rc == MB_OK)
        ack(w, "i %s %s %lld %lld\n", id, version,
            (long long)db_count(s->db, "SELECT count(*) FROM question WHERE pack_id = ?1", id),
            (long long)db_count(s->db, "SELECT count(*) FROM pack_file WHERE pack_id = ?1", id));
    arena_reset(&p->arena);
    free(p);
    return rc;
}

static int answer(const Workload *w, Store *s, int k, int64_t who)
{
    char response[32], qid[32];
    snprintf(response, sizeof response, "r%d", k);
    snprintf(qid, sizeof qid, "u%dq%d", k % 3 + 1, k % 5 + 1);
    StoreAttempt a = {
        .participant = who, .pack_id = "alpha", .pack_version = "1.0", .unit = "01-unit",
        .question_id = qid, .type = QT_MULTICHOICE, .lang = LANG_EN, .response = response,
        .score = k % 2, .max = 1, .correct = k % 2, .order_seed = (uint64_t)k,
        .positions = "1", .answers = "1", .started_ms = 1000 * k, .answered_ms = 1000 * k + 500,
    };
    int rc = store_attempt_insert(s, &a, 1700000000000 + k, NULL);
    if (rc == MB_OK)
        ack(w, "A %d %lld\n", k, (long long)who);
    return rc;
}

static int export_csv(const Workload *w, Store *s)
{
    if (!w->export_dir)
        return MB_OK;
    ack(w, "E %lld\n", (long long)store_attempt_count(s));
    ReportOptions o = {.store = s, .lang = LANG_EN, .now_ms = 1700000000000};
    char err[512];
    int rc = report_export(&o, REPORT_CSV, w->export_dir, err, sizeof err);
    if (rc == MB_OK)
        ack(w, "e\n");
    else
        snprintf(s->errmsg, sizeof s->errmsg, "%s", err);
    return rc;
}

static int step(const Workload *w, Store *s, int k, const int64_t who[2], int *pin_tries)
{
    switch (k) {
    case 8: return import(w, s, "beta", "1.0", 12, 160);
    case 12:
    case 13: {
        if (w->no_pin)
            return MB_OK;
        StorePinResult r;
        int rc = store_pin_check(s, "9999", 1700000000000 + k, &r, NULL);
        if (rc == MB_OK)
            ack(w, "F %d\n", ++*pin_tries);
        return rc;
    }
    case 16: return export_csv(w, s);
    case 20: return import(w, s, "alpha", "1.1", 6, 48);
    case 25: {
        if (!who[1])
            return MB_OK;
        ack(w, "D %lld\n", (long long)who[1]);
        int rc = store_participant_delete(s, who[1], NULL);
        if (rc == MB_OK)
            ack(w, "d %lld\n", (long long)who[1]);
        return rc;
    }
    case 30: return store_checkpoint(s);
    default: return MB_OK;
    }
}

int workload_run(const Workload *w, bool verbose)
{
    Store *s = NULL;
    int failures = 0;
#define CALL(expr)                                                                          \
    do {                                                                                    \
        int rc_ = (expr);                                                                   \
        if (rc_ != MB_OK) {                                                                 \
            failures++;                                                                     \
            ack(w, "X %s\n", store_errmsg(s));                                              \
            if (verbose)                                                                    \
                fprintf(stderr, "workload: %s: %s\n", #expr, store_errmsg(s));              \
            if (w->stop_on_error)                                                           \
                goto done;                                                                  \
        }                                                                                   \
    } while (0)
    if (store_open(w->db, &s) != MB_OK) {
        ack(w, "X open failed\n");
        if (verbose)
            fprintf(stderr, "workload: store_open failed\n");
        return 1;
    }
    if (w->normal_sync)
        sqlite3_exec(s->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
    ack(w, "O\n");
    int64_t who[2] = {0, 0};
    int pin_tries = 0;
    CALL(import(w, s, "alpha", "1.0", 5, 24));
    for (int i = 0; i < 2; i++) {
        CALL(store_participant_add(s, i ? "Bao" : "An", false, &who[i]));
        if (!who[i]) /* refused: tapped again, as on the kiosk */
            CALL(store_participant_add(s, i ? "Bao" : "An", false, &who[i]));
        if (who[i])
            ack(w, "P %lld\n", (long long)who[i]);
    }
    if (!w->no_pin)
        CALL(store_pin_set(s, "1234"));
    int n = w->answers > 0 ? w->answers : 40;
    for (int k = 0; k < n; k++) {
        int64_t p = k % 2 && k < 25 ? who[1] : who[0];
        if (p) /* nobody to answer as when adding them was refused */
            CALL(answer(w, s, k, p));
        CALL(step(w, s, k, who, &pin_tries));
    }
done:
    store_close(s);
    ack(w, "C\n");
    return failures;
#undef CALL
}

/* ---- the check ---- */

typedef struct {
    char id[32], version[32];
    long long nq, nf;
} PackRef;

static void problem(WorkloadCheck *c, int *counter, const char *fmt, ...)
{
    (*counter)++;
    if (c->first[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->first, sizeof c->first, fmt, ap);
    va_end(ap);
}

static size_t refs_read(const char *acks, PackRef *refs, size_t max)
{
    size_t n = 0;
    for (const char *l = acks; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        PackRef r;
        if (n < max && sscanf(l, "i %31s %31s %lld %lld", r.id, r.version, &r.nq, &r.nf) == 4)
            refs[n++] = r;
    }
    return n;
}

static void check_packs(sqlite3 *db, const char *acks, const PackRef *refs, size_t nrefs,
                        WorkloadCheck *c)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT id, version, (SELECT count(*) FROM question q WHERE "
                           "q.pack_id = p.id), (SELECT count(*) FROM pack_file f WHERE "
                           "f.pack_id = p.id) FROM pack p",
                           -1, &st, NULL) != SQLITE_OK) {
        problem(c, &c->integrity, "cannot read packs: %s", sqlite3_errmsg(db));
        return;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        const char *v = (const char *)sqlite3_column_text(st, 1);
        long long nq = sqlite3_column_int64(st, 2), nf = sqlite3_column_int64(st, 3);
        bool known = false;
        for (size_t i = 0; i < nrefs; i++)
            if (!strcmp(refs[i].id, id) && !strcmp(refs[i].version, v)) {
                known = true;
                if (refs[i].nq != nq || refs[i].nf != nf)
                    problem(c, &c->torn_import, "pack %s %s has %lld questions, %lld files "
                            "(whole: %lld, %lld)", id, v, nq, nf, refs[i].nq, refs[i].nf);
            }
        if (!known)
            problem(c, &c->torn_import, "pack %s %s was never imported", id, v);
    }
    sqlite3_finalize(st);
    /* every acknowledged import is there, or a newer one begun after it */
    PackRef acked[16];
    size_t nacked = refs_read(acks, acked, 16);
    for (size_t i = 0; i < nacked; i++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM pack WHERE id = ?1 AND version >= '%s'",
                 acked[i].version);
        if (db_count(db, sql, acked[i].id) != 1)
            problem(c, &c->lost_import, "acknowledged import of %s %s is gone", acked[i].id,
                    acked[i].version);
    }
}

static void check_answers(sqlite3 *db, const char *acks, WorkloadCheck *c)
{
    long long del_started = 0, del_done = 0;
    for (const char *l = acks; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        sscanf(l, "D %lld", &del_started);
        sscanf(l, "d %lld", &del_done);
    }
    int deleted_seen = -1; /* of the participant whose deletion began: 1 gone, 0 kept */
    for (const char *l = acks; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        int k;
        long long who;
        if (sscanf(l, "A %d %lld", &k, &who) != 2)
            continue;
        c->answers_acked++;
        char resp[32];
        snprintf(resp, sizeof resp, "r%d", k);
        int64_t n = db_count(db, "SELECT count(*) FROM attempt WHERE response = ?1", resp);
        if (who == del_started) {
            int gone = n == 0;
            if (deleted_seen < 0)
                deleted_seen = gone;
            if (n > 1 || gone != deleted_seen || (del_done && !gone))
                problem(c, &c->deletion, "answer r%d of participant %lld: %lld rows (deletion "
                        "%s)", k, who, (long long)n, del_done ? "acknowledged" : "begun");
        } else if (n != 1) {
            problem(c, &c->lost, "acknowledged answer r%d: %lld rows", k, (long long)n);
        }
    }
    if (del_started) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM participant WHERE id = %lld", del_started);
        int64_t row = db_count(db, sql, NULL);
        if ((del_done && row != 0) || (deleted_seen >= 0 && row != !deleted_seen))
            problem(c, &c->deletion, "participant %lld: row %s", del_started,
                    row ? "kept" : "gone");
    }
}

static void check_pin(sqlite3 *db, const char *acks, WorkloadCheck *c)
{
    int acked = 0;
    for (const char *l = acks; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        sscanf(l, "F %d", &acked);
    if (!acked)
        return;
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, "SELECT value FROM setting WHERE key = 'pin_failures'", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (n < acked)
        problem(c, &c->pin, "PIN failures: %lld kept, %d acknowledged", (long long)n, acked);
}

/* An export file: absent, or whole (a BOM, CRLF at its end, no zero byte,
 * lines rows + 1 when rows >= 0). */
static void check_export_file(const char *dir, const char *name, long long rows, bool acked,
                              WorkloadCheck *c)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (acked)
            problem(c, &c->export_torn, "acknowledged export %s is absent", name);
        return;
    }
    long long lines = 0, len = 0, zeros = 0;
    int ch, last = 0, prev = 0, first = -1;
    while ((ch = fgetc(f)) != EOF) {
        if (first < 0)
            first = ch;
        len++;
        zeros += ch == 0;
        lines += ch == '\n';
        prev = last;
        last = ch;
    }
    fclose(f);
    if (first != 0xEF || last != '\n' || prev != '\r' || zeros || (rows >= 0 && lines != rows + 1))
        problem(c, &c->export_torn, "export %s is torn: %lld bytes, %lld lines (rows %lld)", name,
                len, lines, rows);
}

static void check_export(const Workload *w, const char *acks, WorkloadCheck *c)
{
    long long rows = -1;
    bool done = false;
    for (const char *l = acks; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        sscanf(l, "E %lld", &rows);
        done |= l[0] == 'e' && l[1] == '\n';
    }
    if (!w->export_dir)
        return;
    check_export_file(w->export_dir, "answers.csv", rows, done, c);
    check_export_file(w->export_dir, "progress.csv", -1, done, c);
}

int workload_check(const Workload *w, const char *acks, size_t len, const char *ref_acks,
                   WorkloadCheck *out)
{
    (void)len;
    WorkloadCheck *c = out;
    memset(c, 0, sizeof *c);
    struct stat st;
    bool opened = strstr(acks, "O\n") == acks;
    check_export(w, acks, c);
    if (stat(w->db, &st)) {
        if (opened)
            problem(c, &c->integrity, "the database is gone");
        goto done;
    }
    sqlite3 *db = NULL;
    if (sqlite3_open_v2(w->db, &db, SQLITE_OPEN_READWRITE, "unix") != SQLITE_OK) {
        problem(c, &c->integrity, "cannot open: %s", db ? sqlite3_errmsg(db) : "?");
        sqlite3_close(db);
        goto done;
    }
    sqlite3_stmt *ic = NULL;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &ic, NULL) != SQLITE_OK ||
        sqlite3_step(ic) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(ic, 0), "ok"))
        problem(c, &c->integrity, "integrity_check: %s",
                ic && sqlite3_column_text(ic, 0) ? (const char *)sqlite3_column_text(ic, 0)
                                                 : sqlite3_errmsg(db));
    sqlite3_finalize(ic);
    if (!c->integrity && db_count(db, "SELECT count(*) FROM sqlite_schema WHERE name='attempt'",
                                  NULL) == 1) {
        PackRef refs[16];
        size_t nrefs = refs_read(ref_acks, refs, 16);
        check_packs(db, acks, refs, nrefs, c);
        check_answers(db, acks, c);
        check_pin(db, acks, c);
    } else if (!c->integrity && opened) {
        problem(c, &c->integrity, "the schema is gone after the store opened it");
    }
    sqlite3_close(db);
    Store *s = NULL;
    if (store_open(w->db, &s) != MB_OK)
        problem(c, &c->integrity, "the kiosk cannot open it: %s", "see the log");
    store_close(s);
done:
    return c->integrity + c->lost + c->torn_import + c->lost_import + c->pin + c->deletion +
           c->export_torn;
}
