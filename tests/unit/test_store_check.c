/* The check of the database file left for later (store_open_unchecked,
 * store_check), as the kiosk leaves it for just after its first frame:
 * until checked the connection reads but writes nothing, and closing
 * leaves the file byte for byte as it was; the check finds a file damaged
 * where the open did not read, as store_open_why() would have (and the
 * file is left as it was); it is done at once when the open writes (a new
 * file, one in the rollback journal's mode) or a -wal is to be applied.
 * Each test on a database of its own in a temporary folder. */
#define _XOPEN_SOURCE 700 /* nftw, to remove the temporary folders */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store_fixture.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mingbai/store.h"
#include "store/store_internal.h"

static int setup(void **state)
{
    return fixture_setup(state, "check", "kiosk.db");
}

static int teardown(void **state)
{
    return fixture_teardown(state);
}

/* Forty participants, then the store closed (its log emptied into the
 * file, as a kiosk leaves it every evening). */
static void fill_and_close(Fixture *f)
{
    for (int i = 0; i < 40; i++) {
        char name[64];
        snprintf(name, sizeof name, "participant %02d with a name long enough to fill pages", i);
        int64_t id = 0;
        assert_int_equal(store_participant_add(f->s, name, false, &id), MB_OK);
    }
    store_close(f->s);
    f->s = NULL;
}

/* The number of a leaf page of table `name` (SQLite's dbstat). */
static long leaf_page_of(const char *path, const char *name)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT pageno FROM dbstat WHERE name = ?1 AND "
                                        "pagetype = 'leaf' ORDER BY pageno DESC LIMIT 1",
                                        -1, &st, NULL),
                     SQLITE_OK);
    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    long page = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return page;
}

static void test_unchecked_reads_and_writes_nothing(void **state)
{
    Fixture *f = *state;
    fill_and_close(f);
    size_t len = 0;
    char *before = fixture_file_bytes(f->path, &len);

    Store *s = NULL;
    StoreProblem why = STORE_DAMAGED;
    char msg[256] = "x";
    assert_int_equal(store_open_unchecked(f->path, &s, &why, msg, sizeof msg), MB_OK);
    assert_non_null(s);
    assert_int_equal(why, STORE_FINE);
    assert_string_equal(msg, "");
    assert_true(store_unchecked(s));
    char *id = store_setting_get(s, "kiosk_id"); /* it reads */
    assert_non_null(id);
    assert_int_equal(strncmp(id, "k-", 2), 0);
    free(id);
    /* a write fails, as on a read-only file */
    assert_int_not_equal(store_setting_set(s, "written", "before the check"), MB_OK);
    store_close(s);
    fixture_assert_file_is(f->path, before, len);
    free(before);
}

static void test_check_then_writes(void **state)
{
    Fixture *f = *state;
    fill_and_close(f);
    Store *s = NULL;
    assert_int_equal(store_open_unchecked(f->path, &s, NULL, NULL, 0), MB_OK);
    assert_int_equal(store_check(s), MB_OK);
    assert_false(store_unchecked(s));
    assert_int_equal(store_check(s), MB_OK); /* once is enough: nothing left */
    assert_int_equal(store_setting_set(s, "written", "after the check"), MB_OK);
    store_close(s);
    assert_int_equal(store_open(f->path, &f->s), MB_OK);
    char *v = store_setting_get(f->s, "written");
    assert_string_equal(v, "after the check");
    free(v);
}

static void test_new_file_checked_at_open(void **state)
{
    Fixture *f = *state;
    char path[600];
    snprintf(path, sizeof path, "%s/new/kiosk.db", f->dir);
    Store *s = NULL;
    assert_int_equal(store_open_unchecked(path, &s, NULL, NULL, 0), MB_OK);
    /* made and migrated (writes): checked first, nothing left */
    assert_false(store_unchecked(s));
    assert_int_equal(store_schema_version(s), store_schema_latest());
    assert_int_equal(store_setting_set(s, "written", "at once"), MB_OK);
    store_close(s);
}

static void test_damage_found_by_the_check(void **state)
{
    Fixture *f = *state;
    fill_and_close(f);
    long page = leaf_page_of(f->path, "participant");
    assert_true(page > 1);
    size_t len = 0;
    char *data = fixture_file_bytes(f->path, &len);
    assert_true((size_t)page * 4096 <= len);
    memset(data + (page - 1) * 4096, 0xA5, 4096);
    assert_int_equal(mb_write_file_atomic(f->path, data, len), MB_OK);

    /* The open does not read the participants: it opens, unchecked. */
    Store *s = NULL;
    assert_int_equal(store_open_unchecked(f->path, &s, NULL, NULL, 0), MB_OK);
    assert_true(store_unchecked(s));
    assert_int_not_equal(store_check(s), MB_OK);
    assert_int_equal(store_problem(s), STORE_DAMAGED);
    assert_non_null(strstr(store_errmsg(s), "the database failed its check"));
    assert_true(store_unchecked(s)); /* still: it writes nothing */
    assert_int_not_equal(store_setting_set(s, "written", "into a damaged file"), MB_OK);
    store_close(s);
    fixture_assert_file_is(f->path, data, len);

    /* store_open_why() says the same at open. */
    StoreProblem why = STORE_FINE;
    char msg[512];
    assert_int_not_equal(store_open_why(f->path, &s, &why, msg, sizeof msg), MB_OK);
    assert_null(s);
    assert_int_equal(why, STORE_DAMAGED);
    assert_non_null(strstr(msg, "the database failed its check"));
    free(data);
}

/* A file in the rollback journal's mode (a copy put in place by hand):
 * making it WAL rewrites its header, so it is checked first. */
static void test_rollback_file_checked_at_open(void **state)
{
    Fixture *f = *state;
    fill_and_close(f);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    Store *s = NULL;
    assert_int_equal(store_open_unchecked(f->path, &s, NULL, NULL, 0), MB_OK);
    assert_false(store_unchecked(s));
    store_close(s);
}

/* A -wal with frames to apply (a power cut): integrity_check at open. */
static void test_log_to_apply_checked_at_open(void **state)
{
    Fixture *f = *state;
    assert_int_equal(store_setting_set(f->s, "in the log", "only"), MB_OK);
    /* The process ends without closing: the log keeps its frames. */
    sqlite3_db_config(f->s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
    sqlite3_close(f->s->db);
    f->s->db = NULL;
    f->s->ready = false;
    store_close(f->s);
    f->s = NULL;
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    struct stat st;
    assert_int_equal(stat(wal, &st), 0);
    assert_true(st.st_size > 32); /* a header and frames */
    Store *s = NULL;
    assert_int_equal(store_open_unchecked(f->path, &s, NULL, NULL, 0), MB_OK);
    assert_false(store_unchecked(s));
    char *v = store_setting_get(s, "in the log");
    assert_string_equal(v, "only");
    free(v);
    store_close(s);
}

int main(void)
{
    mb_log_set_level((LogLevel)(LOG_ERROR + 1));
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_unchecked_reads_and_writes_nothing), T(test_check_then_writes),
        T(test_new_file_checked_at_open),           T(test_damage_found_by_the_check),
        T(test_rollback_file_checked_at_open),      T(test_log_to_apply_checked_at_open),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
