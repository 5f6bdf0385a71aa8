/* Unit tests for a participant's code (store_code.c), each on a fresh
 * database in its own temporary folder: setting and checking it, the wrong
 * tries counted on disk before the check and across a reopen, the wait
 * after five, the instructor clearing the count or the code, deleting and
 * merging participants, a database of schema 6 brought to 7 with its rows,
 * a results merge that leaves the code behind, and what a check costs. The
 * file is read back with sqlite3 directly. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mingbai/store.h"
#include "store/store_internal.h"

#define T0 ((int64_t)1700000000000)
#define SEC ((int64_t)1000)

static int setup(void **state)
{
    return fixture_setup(state, "code", "kiosk.db");
}

static int teardown(void **state)
{
    return fixture_teardown(state);
}

static int64_t sql_int(Store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static char *sql_text(Store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *v = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

static int64_t add(Store *s, const char *name)
{
    int64_t id = 0;
    assert_int_equal(store_participant_add(s, name, false, &id), MB_OK);
    return id;
}

static StorePinResult check(Store *s, int64_t id, const char *code, int64_t now, int *wait_s)
{
    StorePinResult r = STORE_PIN_OK;
    assert_int_equal(store_code_check(s, id, code, now, &r, wait_s), MB_OK);
    return r;
}

static void test_code_valid(void **state)
{
    (void)state;
    assert_true(store_code_valid("0000"));
    assert_true(store_code_valid("2024"));
    assert_false(store_code_valid("123"));
    assert_false(store_code_valid("12345"));
    assert_false(store_code_valid("12a4"));
    assert_false(store_code_valid(""));
    assert_false(store_code_valid(NULL));
}

static void test_code_set_and_check(void **state)
{
    Fixture *f = *state;
    int64_t mei = add(f->s, "Mei"), bo = add(f->s, "Bo");
    bool has = true;
    assert_int_equal(store_code_get(f->s, mei, T0, &has, NULL, NULL), MB_OK);
    assert_false(has);
    assert_int_equal(store_code_set(f->s, mei, "4821"), MB_OK);
    assert_int_equal(store_code_get(f->s, mei, T0, &has, NULL, NULL), MB_OK);
    assert_true(has);
    /* Only a salted Argon2id hash is kept, never the digits. */
    char *hash = sql_text(f->s, "SELECT hash FROM participant_code");
    assert_non_null(strstr(hash, "$argon2id$"));
    assert_null(strstr(hash, "4821"));
    free(hash);
    assert_int_equal(sql_int(f->s, "SELECT count(*) FROM participant_code"), 1);

    StoreParticipant *list = NULL;
    size_t n = 0;
    assert_int_equal(store_participant_list(f->s, &list, &n), MB_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].name, "Bo");
    assert_false(list[0].has_code);
    assert_string_equal(list[1].name, "Mei");
    assert_true(list[1].has_code);
    store_participant_list_free(list, n);

    int wait = -1;
    assert_int_equal(check(f->s, mei, "4822", T0, &wait), STORE_PIN_WRONG);
    assert_int_equal(wait, 0);
    assert_int_equal(check(f->s, mei, "4821", T0 + SEC, &wait), STORE_PIN_OK);
    assert_int_equal(wait, 0);
    /* Bo has no code: nothing to check. */
    StorePinResult r;
    assert_int_equal(store_code_check(f->s, bo, "4821", T0, &r, NULL), MB_ERR_NOTFOUND);
    assert_int_equal(sql_int(f->s, "SELECT count(*) FROM participant_code"), 1);

    /* Not a code, a guest, nobody: nothing kept. */
    assert_int_equal(store_code_set(f->s, bo, "12"), MB_ERR_PARSE);
    int64_t guest = 0;
    assert_int_equal(store_participant_add(f->s, NULL, true, &guest), MB_OK);
    assert_int_equal(store_code_set(f->s, guest, "1234"), MB_ERR_NOTFOUND);
    assert_int_equal(store_code_set(f->s, 999, "1234"), MB_ERR_NOTFOUND);
    assert_int_equal(sql_int(f->s, "SELECT count(*) FROM participant_code"), 1);
}

/* The wrong try is on disk before the code is looked at, survives a
 * reopen, and a right code starts the count again. */
static void test_code_count_persisted(void **state)
{
    Fixture *f = *state;
    int64_t mei = add(f->s, "Mei");
    assert_int_equal(store_code_set(f->s, mei, "4821"), MB_OK);
    assert_int_equal(check(f->s, mei, "0000", T0, NULL), STORE_PIN_WRONG);
    assert_int_equal(check(f->s, mei, "1111", T0 + SEC, NULL), STORE_PIN_WRONG);
    store_close(f->s);
    f->s = NULL;
    assert_int_equal(store_open(f->path, &f->s), MB_OK);
    assert_int_equal(sql_int(f->s, "SELECT failures FROM participant_code"), 2);
    int failures = -1;
    bool has = false;
    assert_int_equal(store_code_get(f->s, mei, T0, &has, &failures, NULL), MB_OK);
    assert_int_equal(failures, 2);
    /* A right code is counted first too: a store that cannot write the
     * count checks nothing. */
    assert_int_equal(sqlite3_exec(f->s->db,
                                  "CREATE TRIGGER no_count BEFORE UPDATE ON participant_code "
                                  "BEGIN SELECT RAISE(ABORT, 'read-only'); END",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    StorePinResult r = STORE_PIN_OK;
    assert_int_equal(store_code_check(f->s, mei, "4821", T0 + 2 * SEC, &r, NULL), MB_ERR_DB);
    assert_int_equal(r, STORE_PIN_WRONG);
    assert_int_equal(sqlite3_exec(f->s->db, "DROP TRIGGER no_count", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(check(f->s, mei, "4821", T0 + 3 * SEC, NULL), STORE_PIN_OK);
    assert_int_equal(sql_int(f->s, "SELECT failures FROM participant_code"), 0);
    assert_int_equal(sql_int(f->s, "SELECT wait_until_ms FROM participant_code"), 0);
}

/* Five wrong in a row: then a wait, during which even the right code is
 * not looked at; after it one more try, then a longer wait. */
static void test_code_wait_after_five(void **state)
{
    Fixture *f = *state;
    int64_t mei = add(f->s, "Mei"), bo = add(f->s, "Bo");
    assert_int_equal(store_code_set(f->s, mei, "4821"), MB_OK);
    assert_int_equal(store_code_set(f->s, bo, "4821"), MB_OK);
    int wait = -1;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(check(f->s, mei, "0000", T0 + i * SEC, &wait), STORE_PIN_WRONG);
        assert_int_equal(wait, 0);
    }
    assert_int_equal(check(f->s, mei, "0000", T0 + 4 * SEC, &wait), STORE_PIN_WRONG);
    assert_int_equal(wait, 30);
    assert_int_equal(check(f->s, mei, "4821", T0 + 5 * SEC, &wait), STORE_PIN_WAIT);
    assert_int_equal(wait, 29);
    bool has = false;
    int failures = 0;
    assert_int_equal(store_code_get(f->s, mei, T0 + 14 * SEC, &has, &failures, &wait), MB_OK);
    assert_true(has);
    assert_int_equal(failures, 5);
    assert_int_equal(wait, 20);
    assert_int_equal(sql_int(f->s, "SELECT failures FROM participant_code WHERE participant = 1"),
                     5);
    /* Bo is not held up by Mei's tries. */
    assert_int_equal(check(f->s, bo, "4821", T0 + 5 * SEC, NULL), STORE_PIN_OK);
    assert_int_equal(check(f->s, mei, "9999", T0 + 34 * SEC, &wait), STORE_PIN_WRONG);
    assert_int_equal(wait, 60);
    assert_int_equal(check(f->s, mei, "4821", T0 + 35 * SEC, &wait), STORE_PIN_WAIT);
    assert_int_equal(wait, 59);
    /* A clock gone back does not make the wait longer than the count asks. */
    assert_int_equal(check(f->s, mei, "4821", T0 - 3600 * SEC, &wait), STORE_PIN_WAIT);
    assert_int_equal(wait, 60);
    assert_int_equal(check(f->s, mei, "4821", T0 - 3540 * SEC, &wait), STORE_PIN_OK);
}

/* The instructor lets them try again at once, or removes the code. */
static void test_code_forgive_and_clear(void **state)
{
    Fixture *f = *state;
    int64_t mei = add(f->s, "Mei");
    assert_int_equal(store_code_set(f->s, mei, "4821"), MB_OK);
    for (int i = 0; i < 5; i++)
        check(f->s, mei, "0000", T0, NULL);
    assert_int_equal(check(f->s, mei, "4821", T0 + SEC, NULL), STORE_PIN_WAIT);
    assert_int_equal(store_code_forgive(f->s, mei), MB_OK);
    assert_int_equal(sql_int(f->s, "SELECT failures FROM participant_code"), 0);
    assert_int_equal(check(f->s, mei, "4821", T0 + 2 * SEC, NULL), STORE_PIN_OK);
    /* A new code clears the count too, and the old one no longer works. */
    check(f->s, mei, "0000", T0 + 3 * SEC, NULL);
    assert_int_equal(store_code_set(f->s, mei, "1357"), MB_OK);
    assert_int_equal(sql_int(f->s, "SELECT failures FROM participant_code"), 0);
    assert_int_equal(check(f->s, mei, "4821", T0 + 4 * SEC, NULL), STORE_PIN_WRONG);
    assert_int_equal(check(f->s, mei, "1357", T0 + 5 * SEC, NULL), STORE_PIN_OK);
    assert_int_equal(store_code_clear(f->s, mei), MB_OK);
    assert_int_equal(sql_int(f->s, "SELECT count(*) FROM participant_code"), 0);
    bool has = true;
    assert_int_equal(store_code_get(f->s, mei, T0, &has, NULL, NULL), MB_OK);
    assert_false(has);
    assert_int_equal(store_code_clear(f->s, mei), MB_OK);
    assert_int_equal(sql_int(f->s, "SELECT count(*) FROM participant"), 1);
}

/* Deleting a participant takes the code; merging two entries keeps the
 * kept entry's code, or the other's when it had none. */
static void test_code_delete_and_merge(void **state)
{
    Fixture *f = *state;
    int64_t a = add(f->s, "Ann"), b = add(f->s, "Ann B"), c = add(f->s, "Cy"),
            d = add(f->s, "Di");
    assert_int_equal(store_code_set(f->s, a, "1111"), MB_OK);
    assert_int_equal(store_code_set(f->s, b, "2222"), MB_OK);
    assert_int_equal(store_code_set(f->s, c, "3333"), MB_OK);
    assert_int_equal(store_participant_delete(f->s, a, NULL), MB_OK);
    assert_int_equal(sql_int(f->s, "SELECT count(*) FROM participant_code"), 2);
    assert_int_equal(sql_int(f->s, "SELECT count(*) FROM participant_code WHERE participant = 1"),
                     0);
    /* b into c: c keeps its own code. */
    assert_int_equal(store_participant_merge(f->s, b, c, NULL), MB_OK);
    assert_int_equal(sql_int(f->s, "SELECT count(*) FROM participant_code"), 1);
    assert_int_equal(check(f->s, c, "3333", T0, NULL), STORE_PIN_OK);
    /* c into d, who has none: d now has c's. */
    assert_int_equal(store_participant_merge(f->s, c, d, NULL), MB_OK);
    assert_int_equal(sql_int(f->s, "SELECT count(*) FROM participant_code"), 1);
    assert_int_equal(check(f->s, d, "3333", T0 + SEC, NULL), STORE_PIN_OK);
}

/* A database an older kiosk left (schema 6) gains the table; its
 * participants are kept, without a code. */
static void test_code_migrate_from_6(void **state)
{
    Fixture *f = *state;
    char *old = mb_xasprintf("%s.v6", f->path);
    Store *s = NULL;
    assert_int_equal(store_open_at(old, 6, &s), MB_OK);
    assert_int_equal(store_schema_version(s), 6);
    assert_int_equal(sqlite3_exec(s->db,
                                  "INSERT INTO participant(id, name, pseudo, guest, created_ms) "
                                  "VALUES(5, 'Mei', 'p-mei', 0, 1), (6, 'Bo', 'p-bo', 0, 2)",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    store_close(s);
    assert_int_equal(store_open(old, &s), MB_OK);
    assert_int_equal(store_schema_version(s), 7);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM participant"), 2);
    assert_int_equal(sql_int(s, "SELECT count(*) FROM participant_code"), 0);
    StoreParticipant p;
    assert_int_equal(store_participant_get(s, 5, &p), MB_OK);
    assert_string_equal(p.pseudo, "p-mei");
    assert_false(p.has_code);
    free(p.name);
    free(p.pseudo);
    assert_int_equal(store_code_set(s, 5, "4821"), MB_OK);
    assert_int_equal(check(s, 5, "4821", T0, NULL), STORE_PIN_OK);
    store_close(s);
    free(old);
}

/* A results merge brings the participant but not their code. */
static void test_code_not_merged(void **state)
{
    Fixture *f = *state;
    char *other = mb_xasprintf("%s/other.db", f->dir);
    Store *s = NULL;
    assert_int_equal(store_open(other, &s), MB_OK);
    int64_t mei = add(s, "Mei");
    assert_int_equal(store_code_set(s, mei, "4821"), MB_OK);
    store_close(s);
    StoreMergeCounts c;
    StoreMergeSource src;
    assert_int_equal(store_merge(f->s, other, &src, &c), MB_OK);
    assert_int_equal(c.participants, 1);
    assert_int_equal(sql_int(f->s, "SELECT count(*) FROM participant WHERE name = 'Mei'"), 1);
    assert_int_equal(sql_int(f->s, "SELECT count(*) FROM participant_code"), 0);
    free(other);
}

/* The check is quick enough for a tap: here well under the 300 ms meant
 * for a Pi Zero 2 (the bound leaves room for sanitizers). Under qemu-user
 * (MINGBAI_EMULATED) the time is the emulator's: said, not asserted. */
static void test_code_check_time(void **state)
{
    Fixture *f = *state;
    int64_t mei = add(f->s, "Mei");
    assert_int_equal(store_code_set(f->s, mei, "4821"), MB_OK);
    uint64_t best = UINT64_MAX;
    for (int i = 0; i < 3; i++) {
        uint64_t t = mb_ticks_ms();
        assert_int_equal(check(f->s, mei, "4821", T0 + i * SEC, NULL), STORE_PIN_OK);
        uint64_t took = mb_ticks_ms() - t;
        best = took < best ? took : best;
    }
    print_message("a code check took %llu ms\n", (unsigned long long)best);
    if (getenv("MINGBAI_EMULATED")) {
        print_message("under emulation: the 300 ms bound is not asserted\n");
        return;
    }
    assert_true(best < 300);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_valid), T(test_code_set_and_check),
        T(test_code_count_persisted),      T(test_code_wait_after_five),
        T(test_code_forgive_and_clear),    T(test_code_delete_and_merge),
        T(test_code_migrate_from_6),       T(test_code_not_merged),
        T(test_code_check_time),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
