/* Seminar sessions in the store (schema migration 5): a database left by
 * an older kiosk migrates with its answers in no session; answers stored
 * while a session is open belong to it, those before and after to none; at
 * most one session is open; sessions list back with their units and packs;
 * and the answers read for exports carry every field an export needs (the
 * UUID, the chosen answers' indexes and positions, the seed, the
 * participant's pseudonym). Each test on a fresh database in its own
 * temporary folder; rows are checked with sqlite3 directly. */
#define _XOPEN_SOURCE 700 /* nftw */
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

#include "mingbai/store.h"
#include "store/store_internal.h"

#define T0 ((int64_t)1700000000000)

static int setup(void **state)
{
    return fixture_setup(state, "session", "mingbai.db");
}

static int teardown(void **state)
{
    return fixture_teardown(state);
}

/* Every row of the query as "a|b|c" lines, NULL as "-". */
static char *rows(Store *s, const char *sql)
{
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(s->db, sql, -1, &st, NULL), SQLITE_OK);
    StrBuf b = {0};
    strbuf_puts(&b, "");
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const char *t = (const char *)sqlite3_column_text(st, c);
            strbuf_printf(&b, "%s%s", c ? "|" : "", t ? t : "-");
        }
        strbuf_putc(&b, '\n');
    }
    sqlite3_finalize(st);
    return b.data;
}

static void assert_rows(Store *s, const char *sql, const char *want)
{
    char *got = rows(s, sql);
    assert_string_equal(got, want);
    free(got);
}

static int64_t add_participant(Store *s, const char *name)
{
    int64_t id = 0;
    assert_int_equal(store_participant_add(s, name, false, &id), MB_OK);
    return id;
}

static void answer(Store *s, int64_t who, const char *qid, int64_t at)
{
    StoreAttempt a = {
        .participant = who,
        .pack_id = "media",
        .pack_version = "1.0",
        .unit = "01-platforms",
        .question_id = qid,
        .type = QT_MULTIRESPONSE,
        .lang = LANG_ZH,
        .response = "甲; 丙",
        .score = 0.5,
        .max = 1,
        .order_seed = 77,
        .positions = "3,1",
        .answers = "1,3",
        .started_ms = at - 12500,
        .answered_ms = at,
    };
    assert_int_equal(store_attempt_insert(s, &a, at, NULL), MB_OK);
}

static const StoreUnitRef units[] = {{"media", "01-platforms"}, {"media", "02-sources"}};
static const char *const packs[] = {"media", "civics"};

static int64_t start(Store *s, const char *title, int64_t at)
{
    StoreSessionNew n = {title, units, MB_COUNT(units), packs, MB_COUNT(packs)};
    int64_t id = 0;
    assert_int_equal(store_session_start(s, &n, at, &id), MB_OK);
    assert_true(id > 0);
    return id;
}

/* ---------------- the migration ---------------- */

/* An answer given on a kiosk of schema 3 belongs to no session after the
 * migration, and has no answer indexes. */
static void test_migration_keeps_older_answers_in_no_session(void **state)
{
    Fixture *f = *state;
    char old[600];
    snprintf(old, sizeof old, "%s/old.db", f->dir);
    Store *s = NULL;
    assert_int_equal(store_open_at(old, 3, &s), MB_OK);
    assert_int_equal(store_schema_version(s), 3);
    /* Schema 3 has no session table yet. */
    assert_int_not_equal(sqlite3_exec(s->db, "SELECT * FROM session", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s->db,
                                  "INSERT INTO participant VALUES(1, 'ANNA', 'p-1', 0, 0);"
                                  "INSERT INTO attempt(uuid, participant, pack_id, pack_version, "
                                  "unit, question_id, type, lang, response, score, max, correct, "
                                  "review, started_ms, answered_ms, kiosk_id, order_seed, positions) "
                                  "VALUES('u-old', 1, 'media', '1.0', '01-platforms', 'u1-q1', "
                                  "'multichoice', 'en', 'x', 1, 1, 1, 0, 1, 2, 'k-1', 5, '2')",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    store_close(s);

    assert_int_equal(store_open(old, &s), MB_OK);
    assert_true(store_schema_version(s) >= 5);
    assert_rows(s, "SELECT uuid, session, answers, positions, order_seed FROM attempt",
                "u-old|-||2|5\n");
    assert_int_equal(store_session_current(s), 0);
    StoreSession *list = NULL;
    size_t n = 9;
    assert_int_equal(store_session_list(s, &list, &n), MB_OK);
    assert_int_equal(n, 0);
    store_close(s);
}

/* ---------------- stamping ---------------- */

static void test_answers_belong_to_the_open_session(void **state)
{
    Fixture *f = *state;
    int64_t anna = add_participant(f->s, "ANNA");
    answer(f->s, anna, "u1-q1", T0);
    int64_t id = start(f->s, "Seminar 1", T0 + 1000);
    assert_int_equal(store_session_current(f->s), id);
    answer(f->s, anna, "u1-q2", T0 + 2000);
    answer(f->s, anna, "u1-q3", T0 + 3000);

    /* A second session cannot start while this one is open; nothing changes. */
    StoreSessionNew again = {"Seminar 2", NULL, 0, NULL, 0};
    int64_t other = 99;
    assert_int_equal(store_session_start(f->s, &again, T0 + 3500, &other), MB_ERR_EXISTS);
    assert_int_equal(other, 0);
    assert_non_null(strstr(store_errmsg(f->s), "\"Seminar 1\" is still open"));
    assert_rows(f->s, "SELECT count(*) FROM session", "1\n");

    assert_int_equal(store_session_end(f->s, id, T0 + 4000), MB_OK);
    assert_int_equal(store_session_current(f->s), 0);
    /* Ending it twice, or a session that is not there, is refused. */
    assert_int_equal(store_session_end(f->s, id, T0 + 4500), MB_ERR_NOTFOUND);
    assert_int_equal(store_session_end(f->s, 42, T0 + 4500), MB_ERR_NOTFOUND);
    answer(f->s, anna, "u1-q4", T0 + 5000);

    char want[128];
    snprintf(want, sizeof want, "u1-q1|-\nu1-q2|%lld\nu1-q3|%lld\nu1-q4|-\n", (long long)id,
             (long long)id);
    assert_rows(f->s, "SELECT question_id, session FROM attempt ORDER BY id", want);
    assert_rows(f->s, "SELECT title, started_ms, ended_ms FROM session",
                "Seminar 1|1700000001000|1700000004000\n");

    /* A reopened store (the kiosk restarted) stamps the open session too. */
    int64_t second = start(f->s, "Seminar 2", T0 + 6000);
    store_close(f->s);
    assert_int_equal(store_open(f->path, &f->s), MB_OK);
    assert_int_equal(store_session_current(f->s), second);
    answer(f->s, anna, "u1-q5", T0 + 7000);
    snprintf(want, sizeof want, "u1-q5|%lld\n", (long long)second);
    assert_rows(f->s, "SELECT question_id, session FROM attempt WHERE id = 5", want);
}

static void test_session_needs_a_title(void **state)
{
    Fixture *f = *state;
    StoreSessionNew n = {"", NULL, 0, NULL, 0};
    assert_int_equal(store_session_start(f->s, &n, T0, NULL), MB_ERR);
    assert_rows(f->s, "SELECT count(*) FROM session", "0\n");
}

/* ---------------- reading back ---------------- */

static void test_session_list_and_get(void **state)
{
    Fixture *f = *state;
    int64_t anna = add_participant(f->s, "ANNA");
    int64_t one = start(f->s, "研讨 1", T0);
    answer(f->s, anna, "u1-q1", T0 + 100);
    answer(f->s, anna, "u1-q2", T0 + 200);
    /* Ended before it started (a clock set back): kept at its start. */
    assert_int_equal(store_session_end(f->s, one, T0 - 50), MB_OK);
    int64_t two = start(f->s, "Seminar 2", T0 + 1000);

    StoreSession *list = NULL;
    size_t n = 0;
    assert_int_equal(store_session_list(f->s, &list, &n), MB_OK);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, one);
    assert_string_equal(list[0].title, "研讨 1");
    assert_int_equal(list[0].started_ms, T0);
    assert_int_equal(list[0].ended_ms, T0);
    assert_int_equal(list[0].answers, 2);
    assert_int_equal(strlen(list[0].uuid), 36);
    assert_string_equal(list[0].kiosk_id, f->s->kiosk_id);
    assert_int_equal(list[0].nunits, 2);
    assert_string_equal(list[0].units[1].pack_id, "media");
    assert_string_equal(list[0].units[1].unit, "02-sources");
    assert_int_equal(list[0].npacks, 2);
    assert_string_equal(list[0].packs[0], "media");
    assert_string_equal(list[0].packs[1], "civics");
    assert_int_equal(list[1].id, two);
    assert_int_equal(list[1].ended_ms, 0);
    assert_int_equal(list[1].answers, 0);
    assert_string_not_equal(list[0].uuid, list[1].uuid);
    store_session_list_free(list, n);

    StoreSession s;
    assert_int_equal(store_session_get(f->s, two, &s), MB_OK);
    assert_string_equal(s.title, "Seminar 2");
    store_session_clear(&s);
    assert_int_equal(store_session_get(f->s, 77, &s), MB_ERR_NOTFOUND);
    assert_null(s.title);
}

typedef struct {
    char seen[1024];
    int calls;
} Collect;

static int collect(void *ctx, const StoreAnswerRow *r)
{
    Collect *c = ctx;
    size_t len = strlen(c->seen);
    snprintf(c->seen + len, sizeof c->seen - len,
             "%s %lld %s %s %s/%s %s %s %d %s [%s] [%s] %llu %.1f/%.1f %d %lld %lld %s\n",
             r->question_id, (long long)r->session, r->pseudo, r->name, r->pack_id,
             r->pack_version, r->unit, question_type_name(r->type), (int)r->lang, r->response,
             r->positions, r->answers, (unsigned long long)r->order_seed, r->score, r->max,
             r->correct, (long long)(r->answered_ms - r->started_ms), (long long)r->answered_ms,
             r->kiosk_id[0] == 'k' ? "kiosk" : "?");
    assert_int_equal(strlen(r->uuid), 36);
    return ++c->calls == 99 ? 7 : 0;
}

static void test_answers_for_exports(void **state)
{
    Fixture *f = *state;
    int64_t wang = add_participant(f->s, "王芳");
    answer(f->s, wang, "u1-q1", T0 + 500);
    int64_t id = start(f->s, "Seminar", T0 + 600);
    answer(f->s, wang, "u1-q2", T0 + 1000);
    StoreParticipant p;
    assert_int_equal(store_participant_get(f->s, wang, &p), MB_OK);

    Collect all = {{0}, 0};
    assert_int_equal(store_answers_each(f->s, 0, collect, &all), MB_OK);
    char want[1024];
    snprintf(want, sizeof want,
             "u1-q1 0 %s 王芳 media/1.0 01-platforms multiresponse 1 甲; 丙 [3,1] [1,3] 77 "
             "0.5/1.0 0 12500 1700000000500 kiosk\n"
             "u1-q2 %lld %s 王芳 media/1.0 01-platforms multiresponse 1 甲; 丙 [3,1] [1,3] 77 "
             "0.5/1.0 0 12500 1700000001000 kiosk\n",
             p.pseudo, (long long)id, p.pseudo);
    assert_string_equal(all.seen, want);

    Collect one = {{0}, 0};
    assert_int_equal(store_answers_each(f->s, id, collect, &one), MB_OK);
    assert_int_equal(one.calls, 1);
    assert_non_null(strstr(one.seen, "u1-q2 "));

    Collect none = {{0}, 0};
    assert_int_equal(store_answers_each(f->s, id + 1, collect, &none), MB_ERR_NOTFOUND);
    assert_int_equal(none.calls, 0);

    /* The callback can stop the walk; its status comes back. */
    Collect stop = {{0}, 98};
    assert_int_equal(store_answers_each(f->s, 0, collect, &stop), 7);
    assert_int_equal(stop.calls, 99);
    /* No transaction is left open: a write goes through. */
    answer(f->s, wang, "u1-q3", T0 + 2000);
    free(p.name);
    free(p.pseudo);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_migration_keeps_older_answers_in_no_session),
        T(test_answers_belong_to_the_open_session),
        T(test_session_needs_a_title),
        T(test_session_list_and_get),
        T(test_answers_for_exports),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
