/* The instructor's roster: renaming a participant, merging two entries of
 * one person (the answers and progress of one moved to the other), and
 * adding a class's names from a CSV file. The CSV text is untrusted: any
 * bytes, any length (the caller caps what it reads); what is wrong is
 * reported per line, and the good rows are added in one transaction. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A name as kept: valid UTF-8, no control characters, at most
 * STORE_NAME_MAX characters, not empty. */
static StoreRosterProblemKind name_check(const char *name)
{
    size_t len = strlen(name), i = 0, chars = 0;
    if (!len)
        return STORE_ROSTER_EMPTY;
    if (!utf8_valid(name, len, NULL))
        return STORE_ROSTER_NOT_UTF8;
    while (i < len) {
        uint32_t c = utf8_decode(name, len, &i);
        if (c < 0x20 || c == 0x7f)
            return STORE_ROSTER_CONTROL;
        chars++;
    }
    return chars > STORE_NAME_MAX ? STORE_ROSTER_TOO_LONG : STORE_ROSTER_FINE;
}

int store_participant_rename(Store *s, int64_t id, const char *name)
{
    if (!name || name_check(name) != STORE_ROSTER_FINE)
        return store_fail(s, MB_ERR_PARSE, "a name is 1 to %d characters", STORE_NAME_MAX);
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "UPDATE participant SET name = ?2 WHERE id = ?1 AND guest = 0", &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, id);
    store_bind_text(st, 2, name);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "renaming a participant");
    else if (sqlite3_changes(s->db) != 1)
        rc = store_fail(s, MB_ERR_NOTFOUND, "participant %lld does not exist", (long long)id);
    sqlite3_finalize(st);
    return rc;
}

/* What moves from one participant to the other, in order. Answers all
 * move; where both have a row of a keyed table (a review box, a reading
 * position, a place), the one kept is the one used last (or into's when
 * the table has no time), and from's other rows go with from. */
static const char *const merge_sql[] = {
    "UPDATE attempt SET participant = ?2 WHERE participant = ?1",
    "DELETE FROM review WHERE participant = ?2 AND EXISTS (SELECT 1 FROM review f WHERE "
    "f.participant = ?1 AND f.pack_id = review.pack_id AND f.question_id = review.question_id "
    "AND f.due_ms > review.due_ms)",
    "UPDATE OR IGNORE review SET participant = ?2 WHERE participant = ?1",
    "DELETE FROM unit_position WHERE participant = ?2 AND EXISTS (SELECT 1 FROM unit_position f "
    "WHERE f.participant = ?1 AND f.pack_id = unit_position.pack_id AND f.unit = "
    "unit_position.unit AND f.updated_ms > unit_position.updated_ms)",
    "UPDATE OR IGNORE unit_position SET participant = ?2 WHERE participant = ?1",
    "DELETE FROM resume WHERE participant = ?2 AND EXISTS (SELECT 1 FROM resume f WHERE "
    "f.participant = ?1 AND f.pack_id = resume.pack_id AND f.updated_ms > resume.updated_ms)",
    "UPDATE OR IGNORE resume SET participant = ?2 WHERE participant = ?1",
    "DELETE FROM quiz_progress WHERE participant = ?2 AND EXISTS (SELECT 1 FROM quiz_progress f "
    "WHERE f.participant = ?1 AND f.pack_id = quiz_progress.pack_id AND f.unit = "
    "quiz_progress.unit AND f.updated_ms > quiz_progress.updated_ms)",
    "UPDATE OR IGNORE quiz_progress SET participant = ?2 WHERE participant = ?1",
    "DELETE FROM review WHERE participant = ?1",
    "DELETE FROM unit_position WHERE participant = ?1",
    "DELETE FROM resume WHERE participant = ?1",
    "DELETE FROM quiz_progress WHERE participant = ?1",
    /* into keeps its code; from's code goes to into when into has none */
    "UPDATE OR IGNORE participant_code SET participant = ?2 WHERE participant = ?1",
    "DELETE FROM participant_code WHERE participant = ?1",
    "DELETE FROM participant WHERE id = ?1",
};

static int merge_step(Store *s, const char *sql, int64_t from, int64_t into, int64_t *changes)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, into);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "merging participants");
    else if (changes)
        *changes = sqlite3_changes(s->db);
    sqlite3_finalize(st);
    return rc;
}

static int participant_exists(Store *s, int64_t id)
{
    StoreParticipant p;
    int rc = store_participant_get(s, id, &p);
    if (rc == MB_OK) {
        bool guest = p.guest;
        free(p.name);
        free(p.pseudo);
        if (guest)
            rc = store_fail(s, MB_ERR_NOTFOUND, "participant %lld is a guest", (long long)id);
    }
    return rc;
}

int store_participant_merge(Store *s, int64_t from, int64_t into, int64_t *answers)
{
    if (answers)
        *answers = 0;
    if (from == into)
        return store_fail(s, MB_ERR, "a participant cannot be merged into itself");
    int rc = participant_exists(s, from);
    if (!rc)
        rc = participant_exists(s, into);
    if (!rc)
        rc = store_tx_begin(s);
    if (rc)
        return rc;
    for (size_t i = 0; !rc && i < MB_COUNT(merge_sql); i++)
        rc = merge_step(s, merge_sql[i], from, into, i == 0 ? answers : NULL);
    if (!rc)
        rc = store_tx_commit(s);
    if (rc) {
        store_tx_rollback(s);
        if (answers)
            *answers = 0;
    }
    return rc;
}

/* ---------------- names from a CSV file ---------------- */

typedef struct {
    const char *p, *end;
    int line;
} Csv;

/* One record: its fields, each NUL-terminated in buf, spaces around
 * dropped; fields past CSV_FIELDS are read and left out. */
#define CSV_FIELDS 64
typedef struct {
    StrBuf buf;
    size_t off[CSV_FIELDS];
    size_t n;
    int line;  /* where it starts */
    bool bad;  /* a quote left open */
} CsvRecord;

/* Ends the field begun at from: drops the spaces around it and keeps it. */
static void csv_field_end(CsvRecord *r, size_t from)
{
    StrBuf *b = &r->buf;
    while (b->len > from && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\t'))
        b->len--;
    size_t lead = from;
    while (lead < b->len && (b->data[lead] == ' ' || b->data[lead] == '\t'))
        lead++;
    strbuf_append(b, "", 1);
    if (r->n < CSV_FIELDS)
        r->off[r->n] = lead;
    r->n++;
}

/* Reads one field's bytes (RFC 4180: a quoted field may hold "" and line
 * breaks) up to the comma or line end after it. */
static void csv_field_read(Csv *c, CsvRecord *r)
{
    bool quoted = c->p < c->end && *c->p == '"';
    if (quoted)
        c->p++;
    while (c->p < c->end) {
        char ch = *c->p;
        if (quoted && ch == '"') {
            bool twice = c->p + 1 < c->end && c->p[1] == '"';
            if (twice)
                strbuf_putc(&r->buf, '"');
            else
                quoted = false;
            c->p += twice ? 2 : 1;
            continue;
        }
        if (!quoted && (ch == ',' || ch == '\n' || ch == '\r'))
            break;
        if (ch == '\n')
            c->line++;
        strbuf_putc(&r->buf, ch);
        c->p++;
    }
    if (quoted)
        r->bad = true;
}

/* Reads the next record into r; false at the end of the text. */
static bool csv_record(Csv *c, CsvRecord *r)
{
    if (c->p >= c->end)
        return false;
    r->line = c->line;
    r->n = 0;
    r->bad = false;
    r->buf.len = 0;
    for (;;) {
        size_t from = r->buf.len;
        csv_field_read(c, r);
        csv_field_end(r, from);
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        break;
    }
    if (c->p < c->end && *c->p == '\r')
        c->p++;
    if (c->p < c->end && *c->p == '\n')
        c->p++;
    c->line++;
    return true;
}

static const char *csv_field(const CsvRecord *r, size_t i)
{
    return i < MB_MIN(r->n, (size_t)CSV_FIELDS) ? r->buf.data + r->off[i] : "";
}

static bool csv_blank(const CsvRecord *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (csv_field(r, i)[0])
            return false;
    return true;
}

static void roster_problem(StoreRosterImport *r, int line, StoreRosterProblemKind kind)
{
    r->problems = mb_xrealloc(r->problems, (r->nproblems + 1) * sizeof *r->problems);
    r->problems[r->nproblems++] = (StoreRosterProblem){line, kind};
}

/* Whether name is on the roster already (letters compared without case). */
static bool roster_has(const StoreParticipant *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (!strcasecmp(list[i].name, name))
            return true;
    return false;
}

/* The column of the names: a header row naming a `name` column (or
 * 姓名), else the only column with no header. -1: a header without one. */
static int csv_header(const CsvRecord *r, bool *is_header)
{
    size_t n = r->n;
    for (size_t i = 0; i < n; i++) {
        const char *f = csv_field(r, i);
        if (!strcasecmp(f, "name") || !strcmp(f, "姓名")) {
            *is_header = true;
            return (int)i;
        }
    }
    *is_header = n > 1;
    return n > 1 ? -1 : 0;
}

/* Adds one row's name; a name already there (or added above) is counted. */
static int roster_row(Store *s, StoreRosterImport *r, StoreParticipant **list, size_t *n,
                      const char *name, int line)
{
    StoreRosterProblemKind k = name_check(name);
    if (k != STORE_ROSTER_FINE) {
        roster_problem(r, line, k);
        return MB_OK;
    }
    if (roster_has(*list, *n, name)) {
        r->same++;
        return MB_OK;
    }
    int64_t id;
    int rc = store_participant_add(s, name, false, &id);
    if (rc)
        return rc;
    *list = mb_xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = (StoreParticipant){.id = id, .name = mb_xstrdup(name), .pseudo = NULL};
    r->added++;
    return MB_OK;
}

static int roster_rows(Store *s, Csv *c, StoreRosterImport *r, StoreParticipant **list, size_t *n)
{
    CsvRecord rec = {0};
    int col = -2, rc = MB_OK;
    while (!rc && csv_record(c, &rec)) {
        if (rec.bad) {
            roster_problem(r, rec.line, STORE_ROSTER_QUOTE);
            continue;
        }
        if (csv_blank(&rec))
            continue;
        if (col == -2) {
            bool header;
            col = csv_header(&rec, &header);
            if (col < 0) {
                roster_problem(r, rec.line, STORE_ROSTER_NO_COLUMN);
                break;
            }
            if (header)
                continue;
        }
        rc = roster_row(s, r, list, n, csv_field(&rec, (size_t)col), rec.line);
    }
    strbuf_free(&rec.buf);
    return rc;
}

int store_roster_import_csv(Store *s, const char *text, size_t len, StoreRosterImport *out)
{
    memset(out, 0, sizeof *out);
    Csv c = {text, text + len, 1};
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        c.p += 3; /* the byte order mark spreadsheets write */
    StoreParticipant *list = NULL;
    size_t n = 0;
    int rc = store_participant_list(s, &list, &n);
    if (!rc)
        rc = store_tx_begin(s);
    if (!rc)
        rc = roster_rows(s, &c, out, &list, &n);
    if (!rc)
        rc = store_tx_commit(s);
    if (rc) {
        store_tx_rollback(s);
        out->added = out->same = 0;
    }
    store_participant_list_free(list, n);
    return rc;
}

void store_roster_import_free(StoreRosterImport *r)
{
    free(r->problems);
    memset(r, 0, sizeof *r);
}
