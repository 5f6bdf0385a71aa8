/* Exports: reads the answers of a session (or of all) from the store once,
 * works out each participant's result per unit, and hands both to the
 * format's writer (report_csv.c, report_xapi.c, report_html.c); the files
 * are then written whole or not at all (report_files.c). The database is
 * only read, in one read transaction. What the store hands back was
 * written by the kiosk but may come from an edited file: nothing here
 * trusts a count, an index or a string to be within the pack. */
#include "report_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const report_format_names[REPORT_FORMAT_COUNT] = {"csv", "xapi", "html"};
static const char *const report_format_file_list[REPORT_FORMAT_COUNT] = {
    "answers.csv, progress.csv", "statements.json", "report.html"};

int report_format_parse(const char *name, ReportFormat *out)
{
    for (int f = 0; f < REPORT_FORMAT_COUNT; f++)
        if (name && !strcmp(name, report_format_names[f])) {
            *out = (ReportFormat)f;
            return 0;
        }
    return -1;
}

const char *report_format_files(ReportFormat f)
{
    return f >= 0 && f < REPORT_FORMAT_COUNT ? report_format_file_list[f] : "";
}

/* ---------------- small writers ---------------- */

void report_number(StrBuf *b, double v)
{
    char buf[64];
    if (!isfinite(v))
        v = 0;
    if (v == 0)
        v = 0; /* no "-0" */
    for (int prec = 0; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*f", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    strbuf_puts(b, buf);
}

void report_iso_time(char *buf, size_t cap, int64_t ms)
{
    time_t sec = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
    int milli = (int)(ms - (int64_t)sec * 1000);
    struct tm tm;
    if (!localtime_r(&sec, &tm)) {
        snprintf(buf, cap, "1970-01-01T00:00:00.000Z");
        return;
    }
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    long off = tm.tm_gmtoff / 60;
    char sign = off < 0 ? '-' : '+';
    off = labs(off);
    snprintf(buf, cap, "%s.%03d%c%02ld:%02ld", date, milli, sign, off / 60, off % 60);
}

void report_duration(char *buf, size_t cap, int64_t ms)
{
    if (ms < 0)
        ms = 0;
    int64_t h = ms / 3600000, m = ms / 60000 % 60;
    int64_t s = ms / 1000 % 60, frac = ms % 1000;
    StrBuf b = {0};
    strbuf_puts(&b, "PT");
    if (h)
        strbuf_printf(&b, "%lldH", (long long)h);
    if (m)
        strbuf_printf(&b, "%lldM", (long long)m);
    if (s || frac || (!h && !m)) {
        strbuf_printf(&b, "%lld", (long long)s);
        if (frac) {
            char f[8];
            snprintf(f, sizeof f, ".%03lld", (long long)frac);
            size_t len = strlen(f);
            while (f[len - 1] == '0')
                f[--len] = 0;
            strbuf_puts(&b, f);
        }
        strbuf_putc(&b, 'S');
    }
    snprintf(buf, cap, "%s", b.data);
    strbuf_free(&b);
}

double report_seconds(const ReportAnswer *a)
{
    int64_t ms = a->answered_ms - a->started_ms;
    return ms > 0 ? (double)ms / 1000.0 : 0;
}

/* ---------------- packs and questions ---------------- */

const StoreSession *report_session_of(const ReportData *d, int64_t id)
{
    for (size_t i = 0; id && i < d->nsessions; i++)
        if (d->sessions[i].id == id)
            return &d->sessions[i];
    return NULL;
}

static const Pack *report_pack(const ReportData *d, const char *pack_id)
{
    return d->o->pack ? d->o->pack(d->o->pack_ctx, pack_id) : NULL;
}

const Unit *report_unit(const ReportData *d, const char *pack_id, const char *slug)
{
    const Pack *p = report_pack(d, pack_id);
    for (size_t i = 0; p && i < p->nunits; i++)
        if (p->units[i].slug && !strcmp(p->units[i].slug, slug))
            return &p->units[i];
    return NULL;
}

const char *report_unit_title(const Unit *u, const char *slug, Lang lang)
{
    if (!u)
        return slug;
    Lang l = learn_unit_lang(u, lang);
    return u->lang[l].title ? u->lang[l].title : slug;
}

const Question *report_question(const ReportData *d, const ReportAnswer *a, Lang lang,
                                bool same_version)
{
    const Pack *p = report_pack(d, a->pack_id);
    if (!p || (same_version && strcmp(p->version ? p->version : "", a->pack_version)))
        return NULL;
    const Unit *u = report_unit(d, a->pack_id, a->unit);
    if (!u || !a->question_id[0])
        return NULL;
    const QuestionList *ql = learn_unit_quiz(u, lang);
    for (size_t i = 0; i < ql->count; i++)
        if (ql->items[i].id && !strcmp(ql->items[i].id, a->question_id))
            return &ql->items[i];
    return NULL;
}

/* ---------------- reading the answers ---------------- */

static int report_collect(void *ctx, const StoreAnswerRow *r)
{
    ReportData *d = ctx;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 256;
        d->rows = mb_xrealloc(d->rows, d->cap * sizeof *d->rows);
        d->latest = mb_xrealloc(d->latest, d->cap * sizeof *d->latest);
    }
    Arena *ar = &d->arena;
    ReportAnswer *a = &d->rows[d->n++];
    *a = *r;
    const char **text[] = {&a->uuid,         &a->pseudo, &a->name,     &a->pack_id,
                           &a->pack_version, &a->unit,   &a->question_id, &a->response,
                           &a->positions,    &a->answers, &a->kiosk_id};
    for (size_t i = 0; i < MB_COUNT(text); i++)
        *text[i] = arena_strdup(ar, *text[i]);
    return 0;
}

/* FNV-1a over s, from h: the ids of derived statements come from the
 * answers' UUIDs, so that exporting twice gives the same ids. */
static uint64_t report_fnv(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* The progress entry of a's participant and unit, made when new. */
static ReportProgress *report_progress_of(ReportData *d, const ReportAnswer *a)
{
    for (size_t i = 0; i < d->nprogress; i++) {
        ReportProgress *p = &d->progress[i];
        if (p->participant == a->participant && !strcmp(p->pack_id, a->pack_id) &&
            !strcmp(p->unit, a->unit))
            return p;
    }
    d->progress = mb_xrealloc(d->progress, (d->nprogress + 1) * sizeof *d->progress);
    ReportProgress *p = &d->progress[d->nprogress++];
    *p = (ReportProgress){.participant = a->participant, .pseudo = a->pseudo, .name = a->name,
                          .pack_id = a->pack_id, .unit = a->unit, .questions = -1,
                          .first_ms = a->started_ms,
                          .digest = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL}};
    return p;
}

/* Orders quiz answers by participant and question, then as given (rows
 * are in the order given, so the index breaks ties). */
static const ReportData *report_sorting;
static int report_latest_cmp(const void *pa, const void *pb)
{
    const ReportAnswer *a = &report_sorting->rows[*(const size_t *)pa];
    const ReportAnswer *b = &report_sorting->rows[*(const size_t *)pb];
    int c = (a->participant > b->participant) - (a->participant < b->participant);
    if (!c)
        c = strcmp(a->pack_id, b->pack_id);
    if (!c)
        c = strcmp(a->unit, b->unit);
    if (!c)
        c = strcmp(a->question_id, b->question_id);
    if (!c)
        c = (*(const size_t *)pa > *(const size_t *)pb) - (*(const size_t *)pa < *(const size_t *)pb);
    return c;
}

/* Marks the latest quiz answer of each participant to each question: the
 * one results count, as the kiosk's own summary does. */
static void report_mark_latest(ReportData *d)
{
    size_t *idx = mb_xmalloc((d->n ? d->n : 1) * sizeof *idx), m = 0;
    for (size_t i = 0; i < d->n; i++) {
        d->latest[i] = false;
        if (!d->rows[i].review)
            idx[m++] = i;
    }
    report_sorting = d;
    qsort(idx, m, sizeof *idx, report_latest_cmp);
    report_sorting = NULL;
    for (size_t k = 0; k < m; k++) {
        bool last = k + 1 == m;
        if (!last) {
            const ReportAnswer *a = &d->rows[idx[k]], *b = &d->rows[idx[k + 1]];
            last = a->participant != b->participant || strcmp(a->pack_id, b->pack_id) ||
                   strcmp(a->unit, b->unit) || strcmp(a->question_id, b->question_id);
        }
        d->latest[idx[k]] = last;
    }
    free(idx);
}

static int report_unit_questions(const ReportData *d, const ReportProgress *p, Lang lang)
{
    const Unit *u = report_unit(d, p->pack_id, p->unit);
    if (!u)
        return -1;
    const QuestionList *ql = learn_unit_quiz(u, lang);
    int n = 0;
    for (size_t i = 0; i < ql->count; i++)
        n += question_type_scored(ql->items[i].type);
    return n;
}

static void report_progress_build(ReportData *d)
{
    report_mark_latest(d);
    for (size_t i = 0; i < d->n; i++) {
        const ReportAnswer *a = &d->rows[i];
        if (a->review)
            continue;
        ReportProgress *p = report_progress_of(d, a);
        p->seconds += report_seconds(a);
        p->first_ms = MB_MIN(p->first_ms, a->started_ms);
        if (!d->latest[i])
            continue;
        p->answered++;
        p->correct += a->correct;
        p->score += a->score;
        p->max += a->max;
        if (!p->last || a->answered_ms >= p->last->answered_ms) {
            p->last = a;
            p->last_ms = a->answered_ms;
            p->pack_version = a->pack_version;
        }
        p->digest[0] = report_fnv(p->digest[0], a->uuid);
        p->digest[1] = report_fnv(p->digest[1] ^ 0x5bd1e995ULL, a->uuid);
    }
    for (size_t i = 0; i < d->nprogress; i++) {
        ReportProgress *p = &d->progress[i];
        p->questions = report_unit_questions(d, p, p->last ? p->last->lang : LANG_EN);
        const Pack *pk = report_pack(d, p->pack_id);
        /* Whole only when every answer counted is to the version the kiosk
         * has: the count of questions is that version's. */
        bool same = pk && pk->version;
        for (size_t j = 0; same && j < d->n; j++)
            if (d->rows[j].participant == p->participant && !d->rows[j].review &&
                !strcmp(d->rows[j].pack_id, p->pack_id) && !strcmp(d->rows[j].unit, p->unit))
                same = !strcmp(d->rows[j].pack_version, pk->version);
        p->whole = same && p->questions > 0 && p->answered >= p->questions;
    }
}

static void report_data_free(ReportData *d)
{
    free(d->rows);
    free(d->latest);
    free(d->progress);
    store_session_clear(&d->session);
    store_session_list_free(d->sessions, d->nsessions);
    arena_reset(&d->arena);
}

static int report_read(ReportData *d, char *err, size_t cap)
{
    Store *s = d->o->store;
    int rc = MB_OK;
    if (d->o->session)
        rc = store_session_get(s, d->o->session, &d->session);
    if (!rc)
        rc = store_session_list(s, &d->sessions, &d->nsessions);
    if (!rc)
        rc = store_answers_each(s, d->o->session, report_collect, d);
    if (rc) {
        snprintf(err, cap, "%s", store_errmsg(s));
        return rc;
    }
    report_progress_build(d);
    return MB_OK;
}

int report_export(const ReportOptions *o, ReportFormat f, const char *dir, char *err, size_t cap)
{
    if (cap)
        err[0] = 0;
    ReportData d = {.o = o, .now_ms = o->now_ms ? o->now_ms : mb_now_ms()};
    StrBuf bufs[REPORT_MAX_FILES] = {{0}};
    const char *names[REPORT_MAX_FILES] = {0};
    size_t n = 0;
    int rc = report_read(&d, err, cap);
    if (!rc && o->progress)
        o->progress(o->progress_ctx, 1, 3);
    if (!rc) {
        switch (f) {
        case REPORT_CSV: rc = report_csv_build(&d, bufs, names, &n); break;
        case REPORT_XAPI: rc = report_xapi_build(&d, bufs, names, &n, err, cap); break;
        case REPORT_HTML: rc = report_html_build(&d, bufs, names, &n); break;
        default: rc = MB_ERR; snprintf(err, cap, "no such export format"); break;
        }
    }
    if (!rc && o->progress)
        o->progress(o->progress_ctx, 2, 3);
    if (!rc)
        rc = report_write_files(dir, names, bufs, n, err, cap);
    if (!rc && o->progress)
        o->progress(o->progress_ctx, 3, 3);
    for (size_t i = 0; i < REPORT_MAX_FILES; i++)
        strbuf_free(&bufs[i]);
    report_data_free(&d);
    return rc;
}
