/* Unit tests for the store, each on a fresh database in its own temporary
 * folder: opening, hardening and migrating; refusing newer and damaged
 * files without touching them; pack import, refusal and replacement that
 * keep results; answers read back through a second connection; the review
 * boxes over days; unit results, resume points, quizzes left half way and
 * the answers given in them, settings, participants and backups. Packs are
 * built by hand (the Pack fields are public) so that these tests do not
 * depend on the pack readers. The test reads the connection's own pragmas
 * through store_internal.h and checks the file with sqlite3 directly. */
#define _XOPEN_SOURCE 700 /* nftw, to remove the temporary folders */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store_fixture.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mingbai/learn.h"
#include "mingbai/store.h"
#include "store/store_internal.h"

#define DAY ((int64_t)24 * 60 * 60 * 1000)
#define T0 ((int64_t)1700000000000)

/* ---------------- helpers ---------------- */

static int setup(void **state)
{
    /* A folder that does not exist yet: store_open creates it. */
    return fixture_setup(state, "store", "data/mingbai/mingbai.db");
}

static int teardown(void **state)
{
    return fixture_teardown(state);
}

/* Builds a pack by hand. spec is "unit:q1,q2;unit2:q3": every question in
 * English and Chinese. tag changes the content of the files so that two
 * versions differ. */
static Pack *pack_make(const char *id, const char *version, const char *spec, const char *tag)
{
    Pack *p = mb_xcalloc(1, sizeof *p);
    Arena *a = &p->arena;
    p->format = 1;
    p->id = arena_strdup(a, id);
    p->version = arena_strdup(a, version);
    p->licence = arena_strdup(a, "CC BY 4.0");
    p->author = arena_strdup(a, "Test");
    p->has_lang[LANG_EN] = p->has_lang[LANG_ZH] = true;
    p->title[LANG_EN] = arena_printf(a, "Title %s", tag);
    p->title[LANG_ZH] = arena_strdup(a, "媒介素养");

    char *copy = arena_strdup(a, spec);
    size_t nunits = 1;
    for (const char *c = spec; *c; c++)
        nunits += *c == ';';
    p->units = arena_alloc(a, nunits * sizeof *p->units);
    char *save_unit = NULL;
    for (char *u = strtok_r(copy, ";", &save_unit); u; u = strtok_r(NULL, ";", &save_unit)) {
        Unit *unit = &p->units[p->nunits++];
        char *colon = strchr(u, ':');
        *colon = 0;
        unit->slug = u;
        size_t nq = 1;
        for (const char *c = colon + 1; *c; c++)
            nq += *c == ',';
        for (int l = 0; l < LANG_COUNT; l++) {
            unit->lang[l].present = true;
            unit->lang[l].title = u;
            unit->lang[l].quiz.items = arena_alloc(a, nq * sizeof(Question));
        }
        char *ids = arena_strdup(a, colon + 1);
        char *save_q = NULL;
        for (char *q = strtok_r(ids, ",", &save_q); q; q = strtok_r(NULL, ",", &save_q)) {
            for (int l = 0; l < LANG_COUNT; l++) {
                QuestionList *quiz = &unit->lang[l].quiz;
                Question *qq = &quiz->items[quiz->count++];
                qq->type = QT_MULTICHOICE;
                qq->id = q;
                qq->name = q;
                qq->text = arena_printf(a, "question %s (%s)", q, lang_code((Lang)l));
            }
        }
    }

    static const unsigned char blob[] = {0x89, 'P', 'N', 'G', 0, 0, 0, 0xff, 0};
    p->files.items = arena_alloc(a, 3 * sizeof(PackFile));
    PackFile *fl = p->files.items;
    fl[0].path = arena_strdup(a, "pack.ini");
    fl[0].data = (unsigned char *)arena_printf(a, "id = %s\nversion = %s\n# %s\n", id, version, tag);
    fl[0].len = strlen((char *)fl[0].data);
    fl[1].path = arena_strdup(a, "media/logo.png");
    fl[1].data = arena_memdup(a, blob, sizeof blob);
    fl[1].len = sizeof blob;
    fl[2].path = arena_strdup(a, "media/empty.txt");
    fl[2].data = NULL;
    fl[2].len = 0;
    p->files.count = 3;
    p->files.total_bytes = fl[0].len + fl[1].len;
    return p;
}

static void pack_unmake(Pack *p)
{
    arena_reset(&p->arena);
    free(p);
}

static sqlite3 *db_open(const char *path)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    return db;
}

static int64_t db_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static char *db_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *t = (const char *)sqlite3_column_text(st, 0);
    char *v = mb_xstrdup(t ? t : "(null)");
    sqlite3_finalize(st);
    return v;
}

static int64_t store_int(Store *s, const char *sql)
{
    return db_int(s->db, sql);
}

/* Everything the pack tables and the results hold, in one string, to show
 * that a refused operation changed nothing. */
static char *db_fingerprint(const char *path)
{
    static const char *const tables[] = {"pack", "pack_file", "question", "attempt", "review"};
    sqlite3 *db = db_open(path);
    StrBuf b = {0};
    strbuf_puts(&b, "");
    for (size_t t = 0; t < MB_COUNT(tables); t++) {
        char sql[64];
        snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY rowid", tables[t]);
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
        strbuf_printf(&b, "[%s]", tables[t]);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const void *v = sqlite3_column_blob(st, c);
                strbuf_append(&b, v ? v : "", (size_t)sqlite3_column_bytes(st, c));
                strbuf_putc(&b, '|');
            }
            strbuf_putc(&b, '\n');
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return b.data;
}

static int64_t add_participant(Store *s, const char *name)
{
    int64_t id = 0;
    assert_int_equal(store_participant_add(s, name, false, &id), MB_OK);
    assert_true(id > 0);
    return id;
}

static StoreAttempt attempt(int64_t who, const char *unit, const char *qid, double score)
{
    StoreAttempt a = {0};
    a.participant = who;
    a.pack_id = "media";
    a.pack_version = "1.0";
    a.unit = unit;
    a.question_id = qid;
    a.type = QT_MULTICHOICE;
    a.lang = LANG_EN;
    a.response = "an answer";
    a.score = score;
    a.max = 1;
    a.correct = score >= 1;
    a.started_ms = T0 - 5000;
    a.answered_ms = T0;
    return a;
}

static void answer(Store *s, StoreAttempt a, int64_t now)
{
    a.answered_ms = now;
    a.started_ms = now - 1000;
    assert_int_equal(store_attempt_insert(s, &a, now, NULL), MB_OK);
}

static int64_t import(Store *s, const char *version, const char *spec, const char *tag)
{
    Pack *p = pack_make("media", version, spec, tag);
    int rc = store_pack_import(s, p, NULL, NULL);
    pack_unmake(p);
    return rc;
}

/* ---------------- open, migrate, refuse ---------------- */

static void test_open_creates_and_hardens(void **state)
{
    Fixture *f = *state;
    assert_true(access(f->path, F_OK) == 0);
    assert_true(store_schema_version(f->s) >= 1);

    char *mode = db_text(f->s->db, "PRAGMA journal_mode");
    assert_string_equal(mode, "wal");
    free(mode);
    assert_int_equal(store_int(f->s, "PRAGMA synchronous"), 2); /* FULL */
    assert_int_equal(store_int(f->s, "PRAGMA foreign_keys"), 1);
    assert_int_equal(store_int(f->s, "PRAGMA trusted_schema"), 0);
    assert_int_equal(store_int(f->s, "PRAGMA cell_size_check"), 1);
    int defensive = 0;
    sqlite3_db_config(f->s->db, SQLITE_DBCONFIG_DEFENSIVE, -1, &defensive);
    assert_int_equal(defensive, 1);

    char *kiosk = store_setting_get(f->s, "kiosk_id");
    assert_non_null(kiosk);
    assert_int_equal(strlen(kiosk), 18);
    assert_memory_equal(kiosk, "k-", 2);
    free(kiosk);
}

static void test_reopen_keeps_data(void **state)
{
    Fixture *f = *state;
    int version = store_schema_version(f->s);
    char *kiosk = store_setting_get(f->s, "kiosk_id");
    add_participant(f->s, "Mei");
    assert_int_equal(import(f->s, "1.0", "01-a:a1", "v1"), MB_OK);
    store_close(f->s);
    f->s = NULL;

    assert_int_equal(store_open(f->path, &f->s), MB_OK);
    assert_int_equal(store_schema_version(f->s), version);
    char *again = store_setting_get(f->s, "kiosk_id");
    assert_string_equal(again, kiosk);
    free(again);
    free(kiosk);
    StoreParticipant *list = NULL;
    size_t n = 0;
    assert_int_equal(store_participant_list(f->s, &list, &n), MB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].name, "Mei");
    store_participant_list_free(list, n);
    StorePackInfo *packs = NULL;
    assert_int_equal(store_pack_list(f->s, &packs, &n), MB_OK);
    assert_int_equal(n, 1);
    store_pack_list_free(packs, n);
}

static void test_newer_schema_refused(void **state)
{
    Fixture *f = *state;
    store_close(f->s);
    f->s = NULL;
    sqlite3 *db = db_open(f->path);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    char *before = db_fingerprint(f->path);

    static int not_null;
    Store *s = (Store *)&not_null; /* to see that it is cleared */
    assert_int_equal(store_open(f->path, &s), MB_ERR_DB);
    assert_null(s);

    /* Left as it was, for a newer kiosk or the instructor. */
    db = db_open(f->path);
    assert_int_equal(db_int(db, "PRAGMA user_version"), 999);
    sqlite3_close(db);
    char *after = db_fingerprint(f->path);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_damaged_file_refused_and_kept(void **state)
{
    Fixture *f = *state;
    /* Enough rows to fill several pages, then one page overwritten. */
    for (int i = 0; i < 200; i++) {
        char key[32];
        snprintf(key, sizeof key, "key-%03d", i);
        assert_int_equal(store_setting_set(f->s, key, "a value long enough to fill pages quickly"),
                         MB_OK);
    }
    store_close(f->s);
    f->s = NULL;
    size_t len = 0;
    char *data = fixture_file_bytes(f->path, &len);
    assert_true(len >= 4 * 4096);
    /* Page 3 onwards: a b-tree page header and cells become garbage. */
    memset(data + 2 * 4096, 0xA5, 4096);
    assert_int_equal(mb_write_file_atomic(f->path, data, len), MB_OK);

    Store *s = NULL;
    assert_int_not_equal(store_open(f->path, &s), MB_OK);
    assert_null(s);
    fixture_assert_file_is(f->path, data, len);
    free(data);

    /* Not a database at all: refused, not replaced. */
    char junk[] = "this is not a database, it is a shopping list";
    assert_int_equal(mb_write_file_atomic(f->path, junk, sizeof junk), MB_OK);
    assert_int_not_equal(store_open(f->path, &s), MB_OK);
    assert_null(s);
    fixture_assert_file_is(f->path, junk, sizeof junk);
}

/* ---------------- packs ---------------- */

typedef struct {
    size_t calls, last_done, last_total;
} ProgressLog;

static void on_progress(void *ctx, size_t done, size_t total)
{
    ProgressLog *log = ctx;
    assert_true(done > log->last_done);
    assert_true(done <= total);
    log->calls++;
    log->last_done = done;
    log->last_total = total;
}

static void test_import_builds_rows(void **state)
{
    Fixture *f = *state;
    Pack *p = pack_make("media", "1.0", "01-a:a1,a2;02-b:b1", "v1");
    ProgressLog log = {0};
    assert_int_equal(store_pack_import(f->s, p, on_progress, &log), MB_OK);
    pack_unmake(p);
    assert_true(log.calls >= 1);
    assert_int_equal(log.last_done, log.last_total);
    assert_int_equal(log.last_total, 3 + 6);

    sqlite3 *db = db_open(f->path);
    assert_int_equal(db_int(db, "SELECT COUNT(*) FROM pack_file WHERE pack_id = 'media'"), 3);
    assert_int_equal(db_int(db, "SELECT COUNT(*) FROM question WHERE pack_id = 'media'"), 6);
    assert_int_equal(db_int(db, "SELECT COUNT(*) FROM question WHERE lang = 'zh-Hans'"), 3);
    assert_int_equal(db_int(db, "SELECT ord FROM question WHERE question_id = 'a2' AND lang = 'en'"),
                     1);
    char *t = db_text(db, "SELECT type FROM question WHERE question_id = 'b1' LIMIT 1");
    assert_string_equal(t, question_type_name(QT_MULTICHOICE));
    free(t);
    t = db_text(db, "SELECT unit FROM question WHERE question_id = 'b1' LIMIT 1");
    assert_string_equal(t, "02-b");
    free(t);
    assert_int_equal(db_int(db, "SELECT length(data) FROM pack_file WHERE path = 'media/logo.png'"),
                     9);
    assert_int_equal(db_int(db, "SELECT length(data) FROM pack_file WHERE path = 'media/empty.txt'"),
                     0);
    t = db_text(db, "SELECT licence || '/' || author || '/' || title_zh FROM pack");
    assert_string_equal(t, "CC BY 4.0/Test/媒介素养");
    free(t);
    sqlite3_close(db);

    StorePackInfo *list = NULL;
    size_t n = 0;
    assert_int_equal(store_pack_list(f->s, &list, &n), MB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].id, "media");
    assert_string_equal(list[0].version, "1.0");
    assert_string_equal(list[0].title[LANG_EN], "Title v1");
    assert_int_equal(list[0].units, 2);
    assert_int_equal(list[0].questions, 3);
    assert_true(list[0].imported_ms > 0);
    store_pack_list_free(list, n);
}

static void test_pack_files_read_back(void **state)
{
    Fixture *f = *state;
    assert_int_equal(import(f->s, "1.0", "01-a:a1", "v1"), MB_OK);
    PackFiles files;
    assert_int_equal(store_pack_files(f->s, "media", &files), MB_OK);
    assert_int_equal(files.count, 3);
    const PackFile *logo = pack_files_find(&files, "media/logo.png");
    assert_non_null(logo);
    assert_int_equal(logo->len, 9);
    assert_memory_equal(logo->data, "\x89PNG\0\0\0\xff\0", 9);
    const PackFile *empty = pack_files_find(&files, "media/empty.txt");
    assert_non_null(empty);
    assert_int_equal(empty->len, 0);
    const PackFile *ini = pack_files_find(&files, "pack.ini");
    assert_non_null(ini);
    assert_memory_equal(ini->data, "id = media\n", 11);
    pack_files_free(&files);

    assert_int_equal(store_pack_files(f->s, "nothing", &files), MB_ERR_NOTFOUND);
    assert_int_equal(files.count, 0);
}

/* Only the named files, each whole; a name the pack lacks is left out,
 * and a name that is a part of another's ("ini") matches nothing. */
static void test_pack_files_named(void **state)
{
    Fixture *f = *state;
    assert_int_equal(import(f->s, "1.0", "01-a:a1", "v1"), MB_OK);
    static const char *const names[] = {"pack.ini", "glossary.ini", "media/empty.txt", "ini",
                                        NULL};
    PackFiles files;
    assert_int_equal(store_pack_files_named(f->s, "media", names, &files), MB_OK);
    assert_int_equal(files.count, 2);
    const PackFile *ini = pack_files_find(&files, "pack.ini");
    assert_non_null(ini);
    PackFiles all;
    assert_int_equal(store_pack_files(f->s, "media", &all), MB_OK);
    const PackFile *whole = pack_files_find(&all, "pack.ini");
    assert_int_equal(ini->len, whole->len);
    assert_memory_equal(ini->data, whole->data, whole->len);
    pack_files_free(&all);
    const PackFile *empty = pack_files_find(&files, "media/empty.txt");
    assert_non_null(empty);
    assert_int_equal(empty->len, 0);
    assert_null(pack_files_find(&files, "media/logo.png"));
    pack_files_free(&files);

    assert_int_equal(store_pack_files_named(f->s, "nothing", names, &files), MB_ERR_NOTFOUND);
    assert_int_equal(files.count, 0);
}

static void test_import_same_or_older_refused(void **state)
{
    Fixture *f = *state;
    assert_int_equal(import(f->s, "1.2", "01-a:a1,a2", "v1"), MB_OK);
    char *before = db_fingerprint(f->path);

    assert_int_equal(import(f->s, "1.2", "01-a:a9", "other"), MB_ERR_EXISTS);
    assert_non_null(strstr(store_errmsg(f->s), "pack media 1.2 is already installed (same version)"));
    assert_non_null(strstr(store_errmsg(f->s), "raise 'version' in pack.ini"));

    assert_int_equal(import(f->s, "1.1", "01-a:a9", "other"), MB_ERR_EXISTS);
    assert_non_null(strstr(store_errmsg(f->s), "a newer version 1.2 is installed"));

    /* Compared as numbers: 1.10 is newer than 1.9, 1.9 older than 1.10. */
    char *after = db_fingerprint(f->path);
    assert_string_equal(before, after);
    free(before);
    free(after);
    assert_int_equal(import(f->s, "1.10", "01-a:a1", "v110"), MB_OK);
    assert_int_equal(import(f->s, "1.9", "01-a:a1", "v19"), MB_ERR_EXISTS);
}

static void test_import_duplicate_id_changes_nothing(void **state)
{
    Fixture *f = *state;
    assert_int_equal(import(f->s, "1.0", "01-a:a1", "v1"), MB_OK);
    char *before = db_fingerprint(f->path);
    /* The same id in two units of one language cannot be indexed: the
     * whole import is rolled back, the old version stays. */
    assert_int_equal(import(f->s, "2.0", "01-a:a1;02-b:a1", "v2"), MB_ERR_DB);
    assert_non_null(strstr(store_errmsg(f->s), "a1"));
    char *after = db_fingerprint(f->path);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_newer_version_replaces_and_keeps_results(void **state)
{
    Fixture *f = *state;
    assert_int_equal(import(f->s, "1.0", "01-a:a1,a2;02-b:b1", "v1"), MB_OK);
    int64_t mei = add_participant(f->s, "Mei");
    answer(f->s, attempt(mei, "01-a", "a1", 0), T0);   /* missed: in review */
    answer(f->s, attempt(mei, "01-a", "a2", 1), T0);   /* right */
    answer(f->s, attempt(mei, "02-b", "b1", 0), T0);   /* missed: in review */
    assert_int_equal(store_review_count(f->s, mei, NULL, T0 + DAY), 2);
    assert_int_equal(store_review_count(f->s, mei, "media", T0 + DAY), 2);
    assert_int_equal(store_review_count(f->s, mei, "other", T0 + DAY), 0);

    /* 1.1 drops a1, keeps b1, adds c1, and has a different title. */
    assert_int_equal(import(f->s, "1.1", "01-a:a2,c1;02-b:b1", "v2"), MB_OK);
    StorePackInfo *list = NULL;
    size_t n = 0;
    assert_int_equal(store_pack_list(f->s, &list, &n), MB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].version, "1.1");
    assert_string_equal(list[0].title[LANG_EN], "Title v2");
    assert_int_equal(list[0].questions, 3);
    store_pack_list_free(list, n);

    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM question WHERE question_id = 'a1'"), 0);
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM question WHERE question_id = 'c1'"), 2);
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM pack_file"), 3);
    char *ini = db_text(f->s->db, "SELECT data FROM pack_file WHERE path = 'pack.ini'");
    assert_non_null(strstr(ini, "# v2"));
    free(ini);

    /* Every answer and review entry is kept; only questions the pack still
     * has are offered for review. */
    assert_int_equal(store_attempt_count(f->s), 3);
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM review"), 2);
    assert_int_equal(store_review_count(f->s, mei, NULL, T0 + DAY), 1);
    assert_float_equal(store_question_last_score(f->s, mei, "media", "a1"), 0, 1e-9);
}

static void test_remove_keeps_attempts(void **state)
{
    Fixture *f = *state;
    assert_int_equal(import(f->s, "1.0", "01-a:a1,a2", "v1"), MB_OK);
    int64_t mei = add_participant(f->s, "Mei");
    answer(f->s, attempt(mei, "01-a", "a1", 0), T0);
    answer(f->s, attempt(mei, "01-a", "a2", 1), T0);

    assert_int_equal(store_pack_remove(f->s, "media"), MB_OK);
    assert_int_equal(store_pack_remove(f->s, "media"), MB_ERR_NOTFOUND);
    assert_non_null(strstr(store_errmsg(f->s), "media"));
    StorePackInfo *list = NULL;
    size_t n = 9;
    assert_int_equal(store_pack_list(f->s, &list, &n), MB_OK);
    assert_int_equal(n, 0);
    store_pack_list_free(list, n);
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM pack_file"), 0);
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM question"), 0);

    assert_int_equal(store_attempt_count(f->s), 2);
    StoreUnitResult r;
    assert_int_equal(store_unit_result(f->s, mei, "media", "01-a", &r), MB_OK);
    assert_int_equal(r.answered, 2);
    /* The review entry stays but is not offered without its question ... */
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM review"), 1);
    assert_int_equal(store_review_count(f->s, mei, NULL, T0 + DAY), 0);
    /* ... and comes back with the pack. */
    assert_int_equal(import(f->s, "1.0", "01-a:a1,a2", "v1"), MB_OK);
    assert_int_equal(store_review_count(f->s, mei, NULL, T0 + DAY), 1);
}

/* Hidden from participants: listed as hidden, its questions not offered
 * for review; a newer version keeps the choice; shown again, they are. */
static void test_pack_hidden(void **state)
{
    Fixture *f = *state;
    assert_int_equal(import(f->s, "1.0", "01-a:a1,a2", "v1"), MB_OK);
    int64_t mei = add_participant(f->s, "Mei");
    answer(f->s, attempt(mei, "01-a", "a1", 0), T0);
    assert_int_equal(store_review_count(f->s, mei, NULL, T0 + DAY), 1);

    assert_int_equal(store_pack_set_hidden(f->s, "media", true), MB_OK);
    StorePackInfo *list = NULL;
    size_t n = 0;
    assert_int_equal(store_pack_list(f->s, &list, &n), MB_OK);
    assert_int_equal(n, 1);
    assert_true(list[0].hidden);
    store_pack_list_free(list, n);
    assert_int_equal(store_review_count(f->s, mei, NULL, T0 + DAY), 0);
    StoreReviewItem items[4];
    assert_int_equal(store_review_due(f->s, mei, NULL, T0 + DAY, items, 4, &n), MB_OK);
    assert_int_equal(n, 0);

    assert_int_equal(import(f->s, "1.1", "01-a:a1,a2,a3", "v2"), MB_OK);
    assert_int_equal(store_int(f->s, "SELECT hidden FROM pack WHERE id = 'media'"), 1);
    assert_int_equal(store_pack_set_hidden(f->s, "media", false), MB_OK);
    assert_int_equal(store_int(f->s, "SELECT hidden FROM pack"), 0);
    assert_int_equal(store_review_count(f->s, mei, NULL, T0 + DAY), 1);

    assert_int_equal(store_pack_set_hidden(f->s, "nope", true), MB_ERR_NOTFOUND);
    assert_non_null(strstr(store_errmsg(f->s), "nope"));
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM pack"), 1);
}

/* A database of schema 5 gains the hidden flag: its packs stay shown. */
static void test_migrate_to_hidden(void **state)
{
    Fixture *f = *state;
    char *old = mb_xasprintf("%s.v5", f->path);
    Store *s = NULL;
    assert_int_equal(store_open_at(old, 5, &s), MB_OK);
    assert_int_equal(sqlite3_exec(s->db,
                                  "INSERT INTO pack(id, version, format, imported_ms, units, "
                                  "questions) VALUES('media', '1.0', 1, 1, 1, 2)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    store_close(s);
    assert_int_equal(store_open(old, &s), MB_OK);
    assert_int_equal(store_schema_version(s), 7);
    StorePackInfo *list = NULL;
    size_t n = 0;
    assert_int_equal(store_pack_list(s, &list, &n), MB_OK);
    assert_int_equal(n, 1);
    assert_false(list[0].hidden);
    store_pack_list_free(list, n);
    store_close(s);
    free(old);
}

static void test_import_many_questions(void **state)
{
    Fixture *f = *state;
    /* 50 units of 50 questions in two languages: 5,000 question rows. */
    StrBuf spec = {0};
    for (int u = 0; u < 50; u++) {
        strbuf_printf(&spec, "%s%02d-unit:", u ? ";" : "", u);
        for (int q = 0; q < 50; q++)
            strbuf_printf(&spec, "%sq%02d-%02d", q ? "," : "", u, q);
    }
    Pack *p = pack_make("media", "1.0", spec.data, "big");
    strbuf_free(&spec);
    ProgressLog log = {0};
    uint64_t start = mb_ticks_ms();
    assert_int_equal(store_pack_import(f->s, p, on_progress, &log), MB_OK);
    uint64_t took = mb_ticks_ms() - start;
    pack_unmake(p);
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM question"), 5000);
    assert_int_equal(log.last_total, 5003);
    assert_int_equal(log.last_done, 5003);
    assert_true(log.calls >= 50 && log.calls <= 52);
    /* One transaction and reused statements: well under a second on a
     * laptop; the bound leaves room for sanitizers and a slow board. */
    assert_true(took < 10000);
}

/* ---------------- answers ---------------- */

static void test_attempt_insert_read_back(void **state)
{
    Fixture *f = *state;
    int64_t mei = add_participant(f->s, "Mei");
    StoreAttempt a = attempt(mei, "01-a", "a1", 0.5);
    a.type = QT_MULTIRESPONSE;
    a.lang = LANG_ZH;
    a.response = "甲; 乙";
    a.review = true;
    a.started_ms = T0 - 12500;
    a.answered_ms = T0;
    int64_t id = 0;
    assert_int_equal(store_attempt_insert(f->s, &a, T0, &id), MB_OK);
    assert_true(id > 0);
    int64_t id2 = 0;
    assert_int_equal(store_attempt_insert(f->s, &a, T0, &id2), MB_OK);
    assert_true(id2 > id);
    assert_int_equal(store_attempt_count(f->s), 2);

    /* Another connection sees it: it was committed before the call returned. */
    sqlite3 *db = db_open(f->path);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT uuid, participant, pack_id, pack_version, unit, "
                                        "question_id, type, lang, response, score, max, correct, "
                                        "review, started_ms, answered_ms, kiosk_id FROM attempt "
                                        "WHERE id = ?1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_int64(st, 1, id);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    const char *uuid = (const char *)sqlite3_column_text(st, 0);
    assert_int_equal(strlen(uuid), 36);
    assert_int_equal(uuid[8], '-');
    assert_int_equal(uuid[13], '-');
    assert_int_equal(uuid[14], '4');
    assert_non_null(strchr("89ab", uuid[19]));
    assert_true(sqlite3_column_int64(st, 1) == mei);
    assert_string_equal(sqlite3_column_text(st, 2), "media");
    assert_string_equal(sqlite3_column_text(st, 3), "1.0");
    assert_string_equal(sqlite3_column_text(st, 4), "01-a");
    assert_string_equal(sqlite3_column_text(st, 5), "a1");
    assert_string_equal(sqlite3_column_text(st, 6), question_type_name(QT_MULTIRESPONSE));
    assert_string_equal(sqlite3_column_text(st, 7), "zh-Hans");
    assert_string_equal(sqlite3_column_text(st, 8), "甲; 乙");
    assert_float_equal(sqlite3_column_double(st, 9), 0.5, 1e-12);
    assert_float_equal(sqlite3_column_double(st, 10), 1, 1e-12);
    assert_int_equal(sqlite3_column_int(st, 11), 0);
    assert_int_equal(sqlite3_column_int(st, 12), 1);
    assert_true(sqlite3_column_int64(st, 13) == T0 - 12500);
    assert_true(sqlite3_column_int64(st, 14) == T0);
    char *kiosk = store_setting_get(f->s, "kiosk_id");
    assert_string_equal(sqlite3_column_text(st, 15), kiosk);
    free(kiosk);
    sqlite3_finalize(st);
    assert_int_equal(db_int(db, "SELECT COUNT(DISTINCT uuid) FROM attempt"), 2);
    sqlite3_close(db);

    /* An answer for nobody is refused and leaves nothing behind. */
    a.participant = mei + 100;
    assert_int_equal(store_attempt_insert(f->s, &a, T0, &id), MB_ERR_DB);
    assert_true(id == 0);
    assert_int_equal(store_attempt_count(f->s), 2);
    assert_non_null(strstr(store_errmsg(f->s), "participant"));
}

static void test_review_boxes_over_days(void **state)
{
    Fixture *f = *state;
    assert_int_equal(import(f->s, "1.0", "01-a:a1,a2", "v1"), MB_OK);
    int64_t mei = add_participant(f->s, "Mei");
    int64_t bo = add_participant(f->s, "Bo");

    /* Right the first time: never enters review. */
    answer(f->s, attempt(mei, "01-a", "a2", 1), T0);
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM review"), 0);

    /* Missed: box 1, due a day later. */
    answer(f->s, attempt(mei, "01-a", "a1", 0), T0);
    assert_int_equal(store_review_count(f->s, mei, NULL, T0), 0);
    assert_int_equal(store_review_count(f->s, mei, NULL, T0 + DAY - 1), 0);
    assert_int_equal(store_review_count(f->s, mei, NULL, T0 + DAY), 1);
    assert_int_equal(store_review_count(f->s, bo, NULL, T0 + DAY), 0);
    StoreReviewItem items[4];
    size_t n = 0;
    assert_int_equal(store_review_due(f->s, mei, NULL, T0 + DAY, items, 4, &n), MB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(items[0].pack_id, "media");
    assert_string_equal(items[0].unit, "01-a");
    assert_string_equal(items[0].question_id, "a1");
    assert_int_equal(items[0].box, 1);
    assert_true(items[0].due_ms == T0 + DAY);

    /* Right on each review: 1 -> 3 -> 7 days, then retired. */
    int64_t t = T0 + DAY;
    const int boxes[] = {2, 3};
    const int64_t waits[] = {3 * DAY, 7 * DAY};
    for (int i = 0; i < 2; i++) {
        StoreAttempt a = attempt(mei, "01-a", "a1", 1);
        a.review = true;
        answer(f->s, a, t);
        assert_int_equal(store_review_due(f->s, mei, NULL, t + waits[i], items, 4, &n), MB_OK);
        assert_int_equal(n, 1);
        assert_int_equal(items[0].box, boxes[i]);
        assert_true(items[0].due_ms == t + waits[i]);
        assert_int_equal(store_review_count(f->s, mei, NULL, t + waits[i] - 1), 0);
        t += waits[i];
    }
    StoreAttempt a = attempt(mei, "01-a", "a1", 1);
    a.review = true;
    answer(f->s, a, t);
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM review"), 0);
    assert_int_equal(store_review_count(f->s, mei, NULL, INT64_MAX), 0);

    /* A miss in box 3 goes back to box 1. */
    answer(f->s, attempt(bo, "01-a", "a2", 0), T0);
    StoreAttempt b = attempt(bo, "01-a", "a2", 1);
    answer(f->s, b, T0 + DAY);
    answer(f->s, b, T0 + 4 * DAY);
    assert_int_equal(store_int(f->s, "SELECT box FROM review"), 3);
    answer(f->s, attempt(bo, "01-a", "a2", 0), T0 + 11 * DAY);
    assert_int_equal(store_int(f->s, "SELECT box FROM review"), 1);
    assert_int_equal(store_review_count(f->s, bo, NULL, T0 + 12 * DAY), 1);

    /* Essays (max 0) never enter review. */
    StoreAttempt e = attempt(mei, "01-a", "a2", 0);
    e.type = QT_ESSAY;
    e.max = 0;
    answer(f->s, e, T0);
    assert_int_equal(store_review_count(f->s, mei, NULL, INT64_MAX), 0);
}

static void test_review_due_order_and_limit(void **state)
{
    Fixture *f = *state;
    assert_int_equal(import(f->s, "1.0", "01-a:a1,a2,a3", "v1"), MB_OK);
    int64_t mei = add_participant(f->s, "Mei");
    answer(f->s, attempt(mei, "01-a", "a3", 0), T0);
    answer(f->s, attempt(mei, "01-a", "a1", 0), T0 + 10);
    answer(f->s, attempt(mei, "01-a", "a2", 0), T0 + 20);
    StoreReviewItem items[2];
    size_t n = 0;
    assert_int_equal(store_review_due(f->s, mei, NULL, T0 + 2 * DAY, items, 2, &n), MB_OK);
    assert_int_equal(n, 2);
    assert_string_equal(items[0].question_id, "a3");
    assert_string_equal(items[1].question_id, "a1");
    assert_int_equal(store_review_count(f->s, mei, NULL, T0 + 2 * DAY), 3);
}

static void test_unit_results(void **state)
{
    Fixture *f = *state;
    int64_t mei = add_participant(f->s, "Mei");
    StoreUnitResult r;
    assert_int_equal(store_unit_result(f->s, mei, "media", "01-a", &r), MB_OK);
    assert_int_equal(r.answered, 0);
    assert_float_equal(r.max, 0, 1e-12);

    answer(f->s, attempt(mei, "01-a", "a1", 0), T0);
    answer(f->s, attempt(mei, "01-a", "a1", 1), T0 + 1000); /* retake: the latest counts */
    answer(f->s, attempt(mei, "01-a", "a2", 0.5), T0);
    StoreAttempt rev = attempt(mei, "01-a", "a2", 1);
    rev.review = true; /* review answers are not quiz results */
    answer(f->s, rev, T0 + DAY);
    answer(f->s, attempt(mei, "02-b", "b1", 1), T0);

    assert_int_equal(store_unit_result(f->s, mei, "media", "01-a", &r), MB_OK);
    assert_int_equal(r.answered, 2);
    assert_float_equal(r.score, 1.5, 1e-9);
    assert_float_equal(r.max, 2, 1e-9);
    assert_int_equal(store_unit_result(f->s, mei, "media", "02-b", &r), MB_OK);
    assert_int_equal(r.answered, 1);

    assert_float_equal(store_question_last_score(f->s, mei, "media", "a1"), 1, 1e-9);
    assert_float_equal(store_question_last_score(f->s, mei, "media", "a2"), 1, 1e-9);
    assert_float_equal(store_question_last_score(f->s, mei, "media", "zz"), -1, 1e-9);
    assert_float_equal(store_question_last_score(f->s, mei + 1, "media", "a1"), -1, 1e-9);

    /* The same answers question by question, for counting those the pack
     * still has. */
    StoreAnswered got[4];
    size_t n = 99;
    assert_int_equal(store_unit_answered(f->s, mei, "media", "01-a", got, 4, &n), MB_OK);
    assert_int_equal(n, 2);
    bool a1 = false, a2 = false;
    for (size_t i = 0; i < n; i++) {
        if (!strcmp(got[i].question_id, "a1"))
            a1 = got[i].correct; /* the retake, right */
        if (!strcmp(got[i].question_id, "a2"))
            a2 = !got[i].correct; /* the quiz answer, half right; not the review's */
    }
    assert_true(a1 && a2);
    assert_int_equal(store_unit_answered(f->s, mei, "media", "01-a", NULL, 0, &n), MB_OK);
    assert_int_equal(n, 2);
    assert_int_equal(store_unit_answered(f->s, mei, "media", "03-c", got, 4, &n), MB_OK);
    assert_int_equal(n, 0);
}

/* ---------------- resume, settings, participants, backup ---------------- */

static void test_resume_and_position(void **state)
{
    Fixture *f = *state;
    int64_t mei = add_participant(f->s, "Mei");
    StoreResume r;
    assert_int_equal(store_resume_get(f->s, mei, "media", &r), MB_ERR_NOTFOUND);

    StoreResume in = {0};
    snprintf(in.unit, sizeof in.unit, "02-platforms");
    in.screen = 4;
    in.position = 1234;
    in.lang = LANG_ZH;
    assert_int_equal(store_resume_set(f->s, mei, "media", &in), MB_OK);
    assert_int_equal(store_resume_get(f->s, mei, "media", &r), MB_OK);
    assert_string_equal(r.unit, "02-platforms");
    assert_int_equal(r.screen, 4);
    assert_int_equal(r.position, 1234);
    assert_int_equal(r.lang, LANG_ZH);

    in.position = 7;
    in.lang = LANG_EN;
    assert_int_equal(store_resume_set(f->s, mei, "media", &in), MB_OK);
    assert_int_equal(store_resume_get(f->s, mei, "media", &r), MB_OK);
    assert_int_equal(r.position, 7);
    assert_int_equal(r.lang, LANG_EN);
    assert_int_equal(store_resume_get(f->s, mei, "other", &r), MB_ERR_NOTFOUND);

    /* A unit name that fills the array without a terminator is stored
     * without reading past it. */
    memset(in.unit, 'u', sizeof in.unit);
    assert_int_equal(store_resume_set(f->s, mei, "media", &in), MB_OK);
    assert_int_equal(store_resume_get(f->s, mei, "media", &r), MB_OK);
    assert_int_equal(strlen(r.unit), sizeof r.unit - 1);

    assert_int_equal(store_unit_position_get(f->s, mei, "media", "01-a"), 0);
    assert_int_equal(store_unit_position_set(f->s, mei, "media", "01-a", 480), MB_OK);
    assert_int_equal(store_unit_position_set(f->s, mei, "media", "02-b", 99), MB_OK);
    assert_int_equal(store_unit_position_get(f->s, mei, "media", "01-a"), 480);
    assert_int_equal(store_unit_position_set(f->s, mei, "media", "01-a", 960), MB_OK);
    assert_int_equal(store_unit_position_get(f->s, mei, "media", "01-a"), 960);
    assert_int_equal(store_unit_position_get(f->s, mei, "media", "02-b"), 99);

    /* How far a unit was read: a position kept before is opened, percent
     * not known; the end once reached stays reached. */
    StoreReading rd;
    assert_int_equal(store_unit_reading_get(f->s, mei, "media", "02-b", &rd), MB_OK);
    assert_true(rd.opened && rd.percent == -1 && !rd.finished);
    assert_int_equal(store_unit_reading_get(f->s, mei, "media", "03-c", &rd), MB_OK);
    assert_true(!rd.opened && rd.percent == -1 && !rd.finished);
    assert_int_equal(store_unit_reading_set(f->s, mei, "media", "03-c", 300, 40, false), MB_OK);
    assert_int_equal(store_unit_reading_get(f->s, mei, "media", "03-c", &rd), MB_OK);
    assert_true(rd.opened && rd.percent == 40 && !rd.finished);
    assert_int_equal(store_unit_position_get(f->s, mei, "media", "03-c"), 300);
    assert_int_equal(store_unit_reading_set(f->s, mei, "media", "03-c", 900, 100, true), MB_OK);
    assert_int_equal(store_unit_reading_set(f->s, mei, "media", "03-c", 0, 0, false), MB_OK);
    assert_int_equal(store_unit_reading_get(f->s, mei, "media", "03-c", &rd), MB_OK);
    assert_true(rd.opened && rd.percent == 0 && rd.finished);
    assert_int_equal(store_unit_reading_set(f->s, mei, "media", "03-c", 0, 250, false), MB_OK);
    assert_int_equal(store_unit_reading_get(f->s, mei, "media", "03-c", &rd), MB_OK);
    assert_int_equal(rd.percent, 100);
    assert_int_equal(store_unit_reading_get(f->s, mei + 1, "media", "03-c", &rd), MB_OK);
    assert_false(rd.opened);
}

/* A unit's quiz left half way: its round's seed and language are kept per
 * participant, pack and unit until forgotten; a seed above INT64_MAX comes
 * back whole. */
static void test_quiz_progress(void **state)
{
    Fixture *f = *state;
    int64_t mei = add_participant(f->s, "Mei");
    int64_t bo = add_participant(f->s, "Bo");
    StoreQuizProgress got = {.seed = 5};
    assert_int_equal(store_quiz_progress_get(f->s, mei, "media", "01-a", &got), MB_ERR_NOTFOUND);
    assert_true(got.seed == 0);
    StoreQuizProgress in = {.seed = 0xF00DFACE12345678ull, .lang = LANG_ZH};
    assert_int_equal(store_quiz_progress_set(f->s, mei, "media", "01-a", &in), MB_OK);
    assert_int_equal(store_quiz_progress_get(f->s, mei, "media", "01-a", &got), MB_OK);
    assert_true(got.seed == 0xF00DFACE12345678ull);
    assert_int_equal(got.lang, LANG_ZH);
    /* Another unit, pack or participant has none. */
    assert_int_equal(store_quiz_progress_get(f->s, mei, "media", "02-b", &got), MB_ERR_NOTFOUND);
    assert_int_equal(store_quiz_progress_get(f->s, mei, "other", "01-a", &got), MB_ERR_NOTFOUND);
    assert_int_equal(store_quiz_progress_get(f->s, bo, "media", "01-a", &got), MB_ERR_NOTFOUND);
    /* A new round replaces it. */
    in = (StoreQuizProgress){.seed = 42, .lang = LANG_EN};
    assert_int_equal(store_quiz_progress_set(f->s, mei, "media", "01-a", &in), MB_OK);
    assert_int_equal(store_quiz_progress_set(f->s, bo, "media", "01-a", &in), MB_OK);
    assert_int_equal(store_quiz_progress_get(f->s, mei, "media", "01-a", &got), MB_OK);
    assert_true(got.seed == 42 && got.lang == LANG_EN);
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM quiz_progress"), 2);
    /* Finished: forgotten, the other participant's kept; twice is fine. */
    assert_int_equal(store_quiz_progress_clear(f->s, mei, "media", "01-a"), MB_OK);
    assert_int_equal(store_quiz_progress_clear(f->s, mei, "media", "01-a"), MB_OK);
    assert_int_equal(store_quiz_progress_get(f->s, mei, "media", "01-a", &got), MB_ERR_NOTFOUND);
    assert_int_equal(store_quiz_progress_get(f->s, bo, "media", "01-a", &got), MB_OK);
    assert_int_equal(store_int(f->s, "SELECT COUNT(*) FROM quiz_progress"), 1);
}

/* The answer given to an item of a round: the latest quiz answer to the
 * question shown from that order seed; not a review's, not another seed's,
 * unit's or participant's. */
static void test_round_attempt(void **state)
{
    Fixture *f = *state;
    int64_t mei = add_participant(f->s, "Mei");
    int64_t bo = add_participant(f->s, "Bo");
    StoreRoundAttempt got;
    assert_int_equal(store_round_attempt(f->s, mei, "media", "01-a", "a1", 77, &got),
                     MB_ERR_NOTFOUND);
    assert_null(got.positions);
    StoreAttempt a = attempt(mei, "01-a", "a1", 0);
    a.order_seed = 0xFEEDull << 48; /* above INT64_MAX */
    a.positions = "2";
    a.response = "first";
    answer(f->s, a, T0);
    a.positions = "3";
    a.response = "again";
    a.lang = LANG_ZH;
    answer(f->s, a, T0 + 1000); /* the latest counts */
    StoreAttempt other = a;
    other.positions = "1";
    other.review = true; /* a review's answer is not the round's */
    answer(f->s, other, T0 + 2000);
    other.review = false;
    other.order_seed = 78; /* another round's */
    answer(f->s, other, T0 + 3000);
    other = a;
    other.unit = "02-b";
    answer(f->s, other, T0 + 4000);
    other = a;
    other.participant = bo;
    answer(f->s, other, T0 + 5000);
    assert_int_equal(store_round_attempt(f->s, mei, "media", "01-a", "a1", 0xFEEDull << 48, &got),
                     MB_OK);
    assert_string_equal(got.positions, "3");
    assert_string_equal(got.response, "again");
    assert_int_equal(got.lang, LANG_ZH);
    store_round_attempt_free(&got);
    assert_null(got.positions);
    store_round_attempt_free(&got);
    assert_int_equal(store_round_attempt(f->s, mei, "media", "01-a", "a2", 0xFEEDull << 48, &got),
                     MB_ERR_NOTFOUND);
    assert_int_equal(store_round_attempt(f->s, mei, "other", "01-a", "a1", 0xFEEDull << 48, &got),
                     MB_ERR_NOTFOUND);
    assert_int_equal(store_round_attempt(f->s, mei, "media", "01-a", "a1", 79, &got),
                     MB_ERR_NOTFOUND);
}

/* A database of schema 3 (before quiz_progress) is migrated on open and
 * keeps its answers. */
static void test_migrate_to_quiz_progress(void **state)
{
    Fixture *f = *state;
    char *old = mb_xasprintf("%s.v3", f->path);
    Store *s = NULL;
    assert_int_equal(store_open_at(old, 3, &s), MB_OK);
    assert_int_equal(store_schema_version(s), 3);
    /* today's store writes columns schema 3 lacks: an answer as it kept one */
    assert_int_equal(sqlite3_exec(s->db,
                                  "INSERT INTO participant VALUES(1, 'Mei', 'p-1', 0, 0);"
                                  "INSERT INTO attempt(uuid, participant, pack_id, pack_version, "
                                  "unit, question_id, type, lang, response, score, max, correct, "
                                  "review, started_ms, answered_ms, kiosk_id, order_seed, positions) "
                                  "VALUES('u-old', 1, 'media', '1.0', '01-a', 'a1', 'multichoice', "
                                  "'en', 'x', 1, 1, 1, 0, 1, 2, 'k-1', 5, '2')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    int64_t mei = 1;
    store_close(s);
    assert_int_equal(store_open(old, &s), MB_OK);
    assert_true(store_schema_version(s) >= 4);
    assert_int_equal(store_attempt_count(s), 1);
    StoreQuizProgress in = {.seed = 9, .lang = LANG_EN}, got;
    assert_int_equal(store_quiz_progress_set(s, mei, "media", "01-a", &in), MB_OK);
    assert_int_equal(store_quiz_progress_get(s, mei, "media", "01-a", &got), MB_OK);
    assert_true(got.seed == 9);
    store_close(s);
    free(old);
}

static void test_settings(void **state)
{
    Fixture *f = *state;
    assert_null(store_setting_get(f->s, "language"));
    assert_int_equal(store_setting_set(f->s, "language", "zh-Hans"), MB_OK);
    char *v = store_setting_get(f->s, "language");
    assert_string_equal(v, "zh-Hans");
    free(v);
    assert_int_equal(store_setting_set(f->s, "language", "en"), MB_OK);
    v = store_setting_get(f->s, "language");
    assert_string_equal(v, "en");
    free(v);
    assert_int_equal(store_setting_set(f->s, "language", NULL), MB_OK);
    assert_null(store_setting_get(f->s, "language"));

    /* A kiosk renamed by the instructor signs its answers with the name. */
    assert_int_equal(store_setting_set(f->s, "kiosk_id", "library-1"), MB_OK);
    int64_t mei = add_participant(f->s, "Mei");
    answer(f->s, attempt(mei, "01-a", "a1", 1), T0);
    v = db_text(f->s->db, "SELECT kiosk_id FROM attempt");
    assert_string_equal(v, "library-1");
    free(v);
}

static void test_participants(void **state)
{
    Fixture *f = *state;
    int64_t zoe = add_participant(f->s, "Zoe");
    int64_t adam = add_participant(f->s, "adam");
    int64_t guest = 0;
    assert_int_equal(store_participant_add(f->s, NULL, true, &guest), MB_OK);
    assert_true(guest > 0 && guest != zoe && guest != adam);
    int64_t none = 5;
    assert_int_not_equal(store_participant_add(f->s, "", false, &none), MB_OK);
    assert_true(none == 0);

    StoreParticipant *list = NULL;
    size_t n = 0;
    assert_int_equal(store_participant_list(f->s, &list, &n), MB_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].name, "adam");
    assert_string_equal(list[1].name, "Zoe");
    for (size_t i = 0; i < n; i++) {
        assert_false(list[i].guest);
        assert_int_equal(strlen(list[i].pseudo), 10);
        assert_memory_equal(list[i].pseudo, "p-", 2);
        assert_int_equal(strspn(list[i].pseudo + 2, "0123456789abcdef"), 8);
    }
    assert_string_not_equal(list[0].pseudo, list[1].pseudo);
    store_participant_list_free(list, n);

    StoreParticipant p;
    assert_int_equal(store_participant_get(f->s, guest, &p), MB_OK);
    assert_string_equal(p.name, "Guest");
    assert_true(p.guest);
    assert_true(p.id == guest);
    free(p.name);
    free(p.pseudo);
    assert_int_equal(store_participant_get(f->s, zoe, &p), MB_OK);
    assert_string_equal(p.name, "Zoe");
    assert_false(p.guest);
    free(p.name);
    free(p.pseudo);
    assert_int_equal(store_participant_get(f->s, 9999, &p), MB_ERR_NOTFOUND);
    assert_null(p.name);

    /* Many participants, all with distinct pseudonyms. */
    for (int i = 0; i < 300; i++)
        add_participant(f->s, "Someone");
    assert_int_equal(store_int(f->s, "SELECT COUNT(DISTINCT pseudo) FROM participant"), 303);
}

static void test_backup(void **state)
{
    Fixture *f = *state;
    assert_int_equal(import(f->s, "1.0", "01-a:a1", "v1"), MB_OK);
    int64_t mei = add_participant(f->s, "Mei");
    answer(f->s, attempt(mei, "01-a", "a1", 0), T0);
    answer(f->s, attempt(mei, "01-a", "a1", 1), T0 + 1);

    char path[600];
    snprintf(path, sizeof path, "%s/backups/mingbai-backup.db", f->dir);
    assert_int_equal(store_backup(f->s, path), MB_OK);
    /* A second backup over the first replaces it. */
    answer(f->s, attempt(mei, "01-a", "a1", 1), T0 + 2);
    assert_int_equal(store_backup(f->s, path), MB_OK);

    sqlite3 *db = db_open(path);
    assert_int_equal(db_int(db, "SELECT COUNT(*) FROM attempt"), 3);
    assert_int_equal(db_int(db, "SELECT COUNT(*) FROM pack_file"), 3);
    char *ok = db_text(db, "PRAGMA integrity_check");
    assert_string_equal(ok, "ok");
    free(ok);
    sqlite3_close(db);

    char tmp[700];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", path, (long)getpid());
    assert_int_not_equal(access(tmp, F_OK), 0);

    /* The backup is a database the store opens as it is. */
    Store *s2 = NULL;
    assert_int_equal(store_open(path, &s2), MB_OK);
    assert_int_equal(store_attempt_count(s2), 3);
    char *k1 = store_setting_get(f->s, "kiosk_id"), *k2 = store_setting_get(s2, "kiosk_id");
    assert_string_equal(k1, k2);
    free(k1);
    free(k2);
    store_close(s2);

    /* A backup where no file can be written fails with a message. */
    snprintf(path, sizeof path, "%s/data/mingbai/mingbai.db/inside.db", f->dir);
    assert_int_not_equal(store_backup(f->s, path), MB_OK);
    assert_true(strlen(store_errmsg(f->s)) > 0);
}

static void test_default_path(void **state)
{
    (void)state;
    char *old_xdg = getenv("XDG_DATA_HOME") ? mb_xstrdup(getenv("XDG_DATA_HOME")) : NULL;
    char *old_home = getenv("HOME") ? mb_xstrdup(getenv("HOME")) : NULL;

    setenv("XDG_DATA_HOME", "/data/xdg", 1);
    char *p = store_default_path();
    assert_string_equal(p, "/data/xdg/mingbai/mingbai.db");
    free(p);
    setenv("XDG_DATA_HOME", "relative/ignored", 1);
    setenv("HOME", "/home/kiosk", 1);
    p = store_default_path();
    assert_string_equal(p, "/home/kiosk/.local/share/mingbai/mingbai.db");
    free(p);
    unsetenv("XDG_DATA_HOME");
    p = store_default_path();
    assert_string_equal(p, "/home/kiosk/.local/share/mingbai/mingbai.db");
    free(p);

    if (old_xdg)
        setenv("XDG_DATA_HOME", old_xdg, 1);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_xdg);
    free(old_home);
}

int main(void)
{
    mb_log_set_level(LOG_ERROR);
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_open_creates_and_hardens),
        T(test_reopen_keeps_data),
        T(test_newer_schema_refused),
        T(test_pack_hidden),
        T(test_migrate_to_hidden),
        T(test_damaged_file_refused_and_kept),
        T(test_import_builds_rows),
        T(test_pack_files_read_back),
        T(test_pack_files_named),
        T(test_import_same_or_older_refused),
        T(test_import_duplicate_id_changes_nothing),
        T(test_newer_version_replaces_and_keeps_results),
        T(test_remove_keeps_attempts),
        T(test_import_many_questions),
        T(test_attempt_insert_read_back),
        T(test_review_boxes_over_days),
        T(test_review_due_order_and_limit),
        T(test_unit_results),
        T(test_resume_and_position),
        T(test_quiz_progress),
        T(test_round_attempt),
        T(test_migrate_to_quiz_progress),
        T(test_settings),
        T(test_participants),
        T(test_backup),
        cmocka_unit_test(test_default_path),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
