/* The instructor's roster in the store: renaming, merging two entries of
 * one person, and names from a CSV file (with or without a byte order mark,
 * names in Chinese characters, a `name` column, bad rows by line). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mingbai/store.h"
#include "store/store_internal.h"

typedef struct {
    char dir[64];
    Store *s;
} Fix;

static int setup(void **state)
{
    Fix *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/mingbai-roster-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char *db = mb_xasprintf("%s/kiosk.db", f->dir);
    assert_int_equal(store_open(db, &f->s), MB_OK);
    free(db);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fix *f = *state;
    store_close(f->s);
    char *db = mb_xasprintf("%s/kiosk.db", f->dir);
    store_remove_files(db);
    free(db);
    rmdir(f->dir);
    free(f);
    return 0;
}

/* The roster's names, "A|B|C" by name. */
static char *names(Store *s)
{
    StoreParticipant *l;
    size_t n;
    assert_int_equal(store_participant_list(s, &l, &n), MB_OK);
    StrBuf b = {0};
    strbuf_puts(&b, "");
    for (size_t i = 0; i < n; i++)
        strbuf_printf(&b, "%s%s", i ? "|" : "", l[i].name);
    store_participant_list_free(l, n);
    return b.data;
}

static int64_t count(Store *s, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void answer(Store *s, int64_t who, const char *q, int64_t at)
{
    StoreAttempt a = {.participant = who, .pack_id = "p", .pack_version = "1", .unit = "u",
                      .question_id = q, .type = QT_MULTICHOICE, .lang = LANG_EN, .response = "x",
                      .score = 1, .max = 1, .correct = true, .started_ms = at, .answered_ms = at};
    assert_int_equal(store_attempt_insert(s, &a, at, NULL), MB_OK);
}

static void test_rename(void **state)
{
    Fix *f = *state;
    int64_t a;
    assert_int_equal(store_participant_add(f->s, "Li Hua", false, &a), MB_OK);
    assert_int_equal(store_participant_rename(f->s, a, "李华"), MB_OK);
    char *n = names(f->s);
    assert_string_equal(n, "李华");
    free(n);
    assert_int_equal(store_participant_rename(f->s, a, ""), MB_ERR_PARSE);
    assert_int_equal(store_participant_rename(f->s, a, "a\tb"), MB_ERR_PARSE);
    assert_int_equal(store_participant_rename(f->s, a + 100, "X"), MB_ERR_NOTFOUND);
}

static void test_merge(void **state)
{
    Fix *f = *state;
    int64_t a, b, c;
    assert_int_equal(store_participant_add(f->s, "Wang Fang", false, &a), MB_OK);
    assert_int_equal(store_participant_add(f->s, "WANG FANG", false, &b), MB_OK);
    assert_int_equal(store_participant_add(f->s, "Zhou", false, &c), MB_OK);
    answer(f->s, a, "q1", 1000);
    answer(f->s, a, "q2", 2000);
    answer(f->s, b, "q1", 3000); /* b's box for q1 is the later one */
    answer(f->s, c, "q1", 4000);
    /* Review boxes: both have q1 (b's due later, kept), only b has q3. */
    char *rv = mb_xasprintf("DELETE FROM review; INSERT INTO review VALUES"
                            "(%lld,'p','q1','u',1,100),(%lld,'p','q2','u',1,100),"
                            "(%lld,'p','q1','u',3,500),(%lld,'p','q3','u',2,50),"
                            "(%lld,'p','q1','u',1,100)",
                            (long long)a, (long long)a, (long long)b, (long long)b, (long long)c);
    assert_int_equal(sqlite3_exec(f->s->db, rv, NULL, NULL, NULL), SQLITE_OK);
    free(rv);
    int64_t moved = -1;
    assert_int_equal(store_participant_merge(f->s, b, a, &moved), MB_OK);
    assert_int_equal(moved, 1);
    char *n = names(f->s);
    assert_string_equal(n, "Wang Fang|Zhou");
    free(n);
    char *sql = mb_xasprintf("SELECT count(*) FROM attempt WHERE participant = %lld", (long long)a);
    assert_int_equal(count(f->s, sql), 3);
    free(sql);
    assert_int_equal(count(f->s, "SELECT count(*) FROM attempt"), 4);
    assert_int_equal(count(f->s, "SELECT count(*) FROM review"), 4); /* a: q1-q3; c: q1 */
    sql = mb_xasprintf("SELECT sum(box * due_ms) FROM review WHERE participant = %lld", (long long)a);
    assert_int_equal(count(f->s, sql), 3 * 500 + 1 * 100 + 2 * 50);
    free(sql);
    sql = mb_xasprintf("SELECT count(*) FROM review WHERE participant = %lld", (long long)b);
    assert_int_equal(count(f->s, sql), 0);
    free(sql);
    assert_int_equal(store_participant_merge(f->s, a, a, NULL), MB_ERR);
    assert_int_equal(store_participant_merge(f->s, b, a, NULL), MB_ERR_NOTFOUND);
    assert_int_equal(count(f->s, "SELECT count(*) FROM participant"), 2);
}

static void test_csv_plain_bom_chinese(void **state)
{
    Fix *f = *state;
    const char text[] = "\xEF\xBB\xBF李华\r\nZhang Wei\r\n\r\n  王芳  \r\n";
    StoreRosterImport r;
    assert_int_equal(store_roster_import_csv(f->s, text, sizeof text - 1, &r), MB_OK);
    assert_int_equal(r.added, 3);
    assert_int_equal(r.same, 0);
    assert_int_equal(r.nproblems, 0);
    store_roster_import_free(&r);
    char *n = names(f->s);
    assert_string_equal(n, "Zhang Wei|李华|王芳");
    free(n);
    /* Again: nothing new, every name counted as there already. */
    assert_int_equal(store_roster_import_csv(f->s, text, sizeof text - 1, &r), MB_OK);
    assert_int_equal(r.added, 0);
    assert_int_equal(r.same, 3);
    store_roster_import_free(&r);
}

static void test_csv_name_column_and_bad_rows(void **state)
{
    Fix *f = *state;
    const char text[] = "class,Name,seat\n"
                        "A,\"Chen, Jie\",1\n"
                        "A,,2\n"
                        "B,0123456789012345678901234567890123456789X,4\n"
                        "B,\xff\xfe,5\n"
                        "B,Ma Li,6\n"
                        "A,\"Open quote,3\n";
    StoreRosterImport r;
    assert_int_equal(store_roster_import_csv(f->s, text, sizeof text - 1, &r), MB_OK);
    assert_int_equal(r.added, 2);
    char *n = names(f->s);
    assert_string_equal(n, "Chen, Jie|Ma Li");
    free(n);
    assert_int_equal(r.nproblems, 4);
    assert_int_equal(r.problems[0].line, 3);
    assert_int_equal(r.problems[0].kind, STORE_ROSTER_EMPTY);
    assert_int_equal(r.problems[1].line, 4);
    assert_int_equal(r.problems[1].kind, STORE_ROSTER_TOO_LONG);
    assert_int_equal(r.problems[2].line, 5);
    assert_int_equal(r.problems[2].kind, STORE_ROSTER_NOT_UTF8);
    /* An open quote runs to the end of the text: its row is left out. */
    assert_int_equal(r.problems[3].line, 7);
    assert_int_equal(r.problems[3].kind, STORE_ROSTER_QUOTE);
    store_roster_import_free(&r);
}

static void test_csv_no_name_column(void **state)
{
    Fix *f = *state;
    const char text[] = "class,seat\nA,1\n";
    StoreRosterImport r;
    assert_int_equal(store_roster_import_csv(f->s, text, sizeof text - 1, &r), MB_OK);
    assert_int_equal(r.added, 0);
    assert_int_equal(r.nproblems, 1);
    assert_int_equal(r.problems[0].line, 1);
    assert_int_equal(r.problems[0].kind, STORE_ROSTER_NO_COLUMN);
    store_roster_import_free(&r);
    assert_int_equal(count(f->s, "SELECT count(*) FROM participant"), 0);
}

static void test_csv_bad_rows_by_line(void **state)
{
    Fix *f = *state;
    const char text[] = "name\n"
                        "Ok One\n"
                        "0123456789012345678901234567890123456789X\n"
                        "\xff\xfe\n"
                        "Ok Two\n";
    StoreRosterImport r;
    assert_int_equal(store_roster_import_csv(f->s, text, sizeof text - 1, &r), MB_OK);
    assert_int_equal(r.added, 2);
    assert_int_equal(r.nproblems, 2);
    assert_int_equal(r.problems[0].line, 3);
    assert_int_equal(r.problems[0].kind, STORE_ROSTER_TOO_LONG);
    assert_int_equal(r.problems[1].line, 4);
    assert_int_equal(r.problems[1].kind, STORE_ROSTER_NOT_UTF8);
    store_roster_import_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_rename, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_plain_bom_chinese, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_name_column_and_bad_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_no_name_column, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_bad_rows_by_line, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
