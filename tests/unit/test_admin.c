/* Unit tests for the store's instructor side, each on a fresh database in
 * its own temporary folder: the PIN (its hash, the failure count on disk
 * before the check, across a reopen and a killed process, the growing
 * waits, a clock that goes back), the typed settings, deleting a
 * participant for real (a byte search of the file and its -wal), backups
 * with answers still in the write-ahead log, automatic backups kept to a
 * count, the checkpoint at close, and merging the results of kiosks. The
 * files are read back with sqlite3 directly. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store_fixture.h"

#include <dirent.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mingbai/store.h"
#include "store/store_internal.h"

#define T0 ((int64_t)1700000000000)
#define SEC ((int64_t)1000)

static int setup(void **state)
{
    return fixture_setup(state, "admin", "kiosk.db");
}

static int teardown(void **state)
{
    return fixture_teardown(state);
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

/* Every row of a query, one line each, columns joined by '|'. */
static char *db_rows(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    StrBuf b = {0};
    strbuf_puts(&b, "");
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const char *t = (const char *)sqlite3_column_text(st, c);
            strbuf_printf(&b, "%s%s", c ? "|" : "", t ? t : "NULL");
        }
        strbuf_putc(&b, '\n');
    }
    sqlite3_finalize(st);
    return b.data;
}

static off_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) ? -1 : st.st_size;
}

/* Whether the file at path (absent: no) holds the bytes of needle. */
static bool file_contains(const char *path, const char *needle)
{
    char *data = NULL;
    size_t len = 0;
    if (mb_read_file(path, (size_t)1 << 30, &data, &len))
        return false;
    size_t n = strlen(needle);
    bool found = false;
    for (size_t i = 0; !found && n <= len && i <= len - n; i++)
        found = !memcmp(data + i, needle, n);
    free(data);
    return found;
}

static bool db_or_wal_contains(const char *path, const char *needle)
{
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    return file_contains(path, needle) || file_contains(wal, needle);
}

static int64_t add_participant(Store *s, const char *name)
{
    int64_t id = 0;
    assert_int_equal(store_participant_add(s, name, false, &id), MB_OK);
    return id;
}

static void answer(Store *s, int64_t who, const char *qid, const char *response, int64_t when)
{
    StoreAttempt a = {0};
    a.participant = who;
    a.pack_id = "media";
    a.pack_version = "1.0";
    a.unit = "01-a";
    a.question_id = qid;
    a.type = QT_MULTICHOICE;
    a.lang = LANG_EN;
    a.response = response;
    a.score = 0;
    a.max = 1;
    a.started_ms = when - 1000;
    a.answered_ms = when;
    assert_int_equal(store_attempt_insert(s, &a, when, NULL), MB_OK);
}

/* ---------------- the PIN ---------------- */

static void test_pin_set_and_check(void **state)
{
    Fixture *f = *state;
    bool set = true;
    StorePinResult r;
    int wait = -1;
    assert_int_equal(store_pin_is_set(f->s, &set), MB_OK);
    assert_false(set);
    assert_int_equal(store_pin_check(f->s, "1234", T0, &r, &wait), MB_ERR_NOTFOUND);

    const char *bad[] = {"", "123", "123456789", "12a4", " 1234", "1234 ", "１２３４"};
    for (size_t i = 0; i < MB_COUNT(bad); i++) {
        assert_false(store_pin_valid(bad[i]));
        assert_int_equal(store_pin_set(f->s, bad[i]), MB_ERR_PARSE);
    }
    assert_int_equal(store_pin_is_set(f->s, &set), MB_OK);
    assert_false(set);

    assert_int_equal(store_pin_set(f->s, "2468"), MB_OK);
    assert_int_equal(store_pin_is_set(f->s, &set), MB_OK);
    assert_true(set);
    assert_int_equal(store_pin_check(f->s, "2468", T0, &r, &wait), MB_OK);
    assert_int_equal(r, STORE_PIN_OK);
    assert_int_equal(wait, 0);
    assert_int_equal(store_pin_failures(f->s), 0);
    assert_int_equal(store_pin_check(f->s, "2469", T0, &r, &wait), MB_OK);
    assert_int_equal(r, STORE_PIN_WRONG);
    assert_int_equal(wait, 0);
    assert_int_equal(store_pin_failures(f->s), 1);
    /* Not a PIN at all is a wrong try like any other. */
    assert_int_equal(store_pin_check(f->s, "24680000000", T0, &r, &wait), MB_OK);
    assert_int_equal(r, STORE_PIN_WRONG);
    assert_int_equal(store_pin_failures(f->s), 2);
    assert_int_equal(store_pin_check(f->s, "2468", T0, &r, &wait), MB_OK);
    assert_int_equal(r, STORE_PIN_OK);
    assert_int_equal(store_pin_failures(f->s), 0);

    /* A new PIN replaces the old one. */
    assert_int_equal(store_pin_set(f->s, "97531864"), MB_OK);
    assert_int_equal(store_pin_check(f->s, "2468", T0, &r, &wait), MB_OK);
    assert_int_equal(r, STORE_PIN_WRONG);
    assert_int_equal(store_pin_check(f->s, "97531864", T0, &r, &wait), MB_OK);
    assert_int_equal(r, STORE_PIN_OK);
}

static void test_pin_hash_not_digits(void **state)
{
    Fixture *f = *state;
    assert_int_equal(store_pin_set(f->s, "48151623"), MB_OK);
    sqlite3 *db = db_open(f->path);
    char *hash = db_text(db, "SELECT value FROM setting WHERE key = 'pin_hash'");
    assert_int_equal(strncmp(hash, "$argon2id$v=19$m=16384,t=2,p=1$", 31), 0);
    assert_null(strstr(hash, "48151623"));
    /* salted: the same PIN set again gives another string */
    assert_int_equal(store_pin_set(f->s, "48151623"), MB_OK);
    char *again = db_text(db, "SELECT value FROM setting WHERE key = 'pin_hash'");
    assert_string_not_equal(hash, again);
    free(hash);
    free(again);
    sqlite3_close(db);
    assert_false(db_or_wal_contains(f->path, "48151623"));
    assert_int_equal(store_checkpoint(f->s), MB_OK);
    assert_false(db_or_wal_contains(f->path, "48151623"));
}

static void test_pin_count_survives_reopen(void **state)
{
    Fixture *f = *state;
    StorePinResult r;
    int wait;
    assert_int_equal(store_pin_set(f->s, "1357"), MB_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(store_pin_check(f->s, "0000", T0, &r, &wait), MB_OK);
    store_close(f->s);
    f->s = NULL;
    assert_int_equal(store_open(f->path, &f->s), MB_OK);
    assert_int_equal(store_pin_failures(f->s), 3);
    assert_int_equal(store_pin_check(f->s, "0000", T0, &r, &wait), MB_OK);
    assert_int_equal(store_pin_check(f->s, "0000", T0, &r, &wait), MB_OK);
    assert_int_equal(r, STORE_PIN_WRONG);
    assert_int_equal(wait, 30);
    store_close(f->s);
    f->s = NULL;
    assert_int_equal(store_open(f->path, &f->s), MB_OK);
    assert_int_equal(store_pin_failures(f->s), 5);
    /* The wait holds after the reopen too, for the right PIN as well. */
    assert_int_equal(store_pin_check(f->s, "1357", T0 + 10 * SEC, &r, &wait), MB_OK);
    assert_int_equal(r, STORE_PIN_WAIT);
    assert_int_equal(wait, 20);
}

/* Reads pin_failures through a connection of its own. */
static int64_t failures_on_disk(const char *path)
{
    sqlite3 *db = db_open(path);
    sqlite3_busy_timeout(db, 1000);
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(db, "SELECT value FROM setting WHERE key = 'pin_failures'", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

/* A process checks the right PIN; the plug is pulled (SIGKILL) as soon as
 * the count shows on disk. Returns true when it was killed in the middle
 * of the check, false when it finished first (the machine was too busy to
 * look in time). */
static bool check_killed_midway(const char *path)
{
    int go[2];
    assert_int_equal(pipe(go), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        Store *s = NULL;
        StorePinResult r;
        if (store_open(path, &s))
            _exit(3);
        if (write(go[1], "x", 1) != 1)
            _exit(4);
        store_pin_check(s, "8642", T0, &r, NULL);
        _exit(0);
    }
    char c;
    assert_int_equal(read(go[0], &c, 1), 1);
    close(go[0]);
    close(go[1]);
    struct timespec ms = {0, 1000000};
    int status = 0;
    bool exited = false;
    while (!(exited = waitpid(pid, &status, WNOHANG) == pid) && failures_on_disk(path) < 1)
        nanosleep(&ms, NULL);
    if (!exited) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    return WIFSIGNALED(status);
}

/* The count is on disk before the PIN is checked: a process killed while
 * it checks the right PIN leaves one failure counted (the slow hash gives
 * tens of milliseconds to see it; a busy machine may need a few tries). */
static void test_pin_count_written_before_check(void **state)
{
    Fixture *f = *state;
    assert_int_equal(store_pin_set(f->s, "8642"), MB_OK);
    bool killed = false;
    for (int tries = 0; tries < 5 && !killed; tries++) {
        assert_int_equal(failures_on_disk(f->path), 0);
        killed = check_killed_midway(f->path);
    }
    assert_true(killed);
    assert_int_equal(failures_on_disk(f->path), 1);
    assert_int_equal(store_pin_failures(f->s), 1);
}

static void test_pin_delay_grows(void **state)
{
    Fixture *f = *state;
    assert_int_equal(store_pin_delay_s(0), 0);
    assert_int_equal(store_pin_delay_s(4), 0);
    assert_int_equal(store_pin_delay_s(5), 30);
    assert_int_equal(store_pin_delay_s(6), 60);
    assert_int_equal(store_pin_delay_s(7), 120);
    assert_int_equal(store_pin_delay_s(11), 1920);
    assert_int_equal(store_pin_delay_s(12), 3600);
    assert_int_equal(store_pin_delay_s(1000000), 3600);

    StorePinResult r;
    int wait;
    assert_int_equal(store_pin_set(f->s, "1111"), MB_OK);
    for (int i = 1; i <= 4; i++) {
        assert_int_equal(store_pin_check(f->s, "2222", T0, &r, &wait), MB_OK);
        assert_int_equal(r, STORE_PIN_WRONG);
        assert_int_equal(wait, 0);
    }
    int64_t t = T0;
    int expect[] = {30, 60, 120, 240};
    for (size_t i = 0; i < MB_COUNT(expect); i++) {
        assert_int_equal(store_pin_check(f->s, "2222", t, &r, &wait), MB_OK);
        assert_int_equal(r, STORE_PIN_WRONG);
        assert_int_equal(wait, expect[i]);
        /* Within the wait nothing is checked, nor counted, right or not. */
        assert_int_equal(store_pin_check(f->s, "1111", t + 1 * SEC, &r, &wait), MB_OK);
        assert_int_equal(r, STORE_PIN_WAIT);
        assert_int_equal(wait, expect[i] - 1);
        assert_int_equal(store_pin_failures(f->s), 5 + (int)i);
        t += expect[i] * SEC;
    }
    /* The clock went back a day (a board without a real-time clock after a
     * power cut): the wait is no longer than the count asks for. */
    assert_int_equal(store_pin_check(f->s, "2222", t, &r, &wait), MB_OK);
    assert_int_equal(wait, 480);
    assert_int_equal(store_pin_check(f->s, "1111", t - 86400 * SEC, &r, &wait), MB_OK);
    assert_int_equal(r, STORE_PIN_WAIT);
    assert_int_equal(wait, 480);
    t -= 86400 * SEC;
    assert_int_equal(store_pin_check(f->s, "1111", t + 480 * SEC, &r, &wait), MB_OK);
    assert_int_equal(r, STORE_PIN_OK);
    assert_int_equal(store_pin_failures(f->s), 0);
    assert_int_equal(store_pin_check(f->s, "2222", t + 480 * SEC, &r, &wait), MB_OK);
    assert_int_equal(wait, 0);
}

/* ---------------- settings ---------------- */

static void test_typed_settings(void **state)
{
    Fixture *f = *state;
    StoreSettings st;
    assert_int_equal(store_settings_get(f->s, &st), MB_OK);
    assert_int_equal(st.lang, LANG_EN);
    assert_int_equal(st.idle_timeout_s, 180);
    assert_int_equal(st.text_size, STORE_TEXT_NORMAL);
    assert_string_equal(st.kiosk_name, "");

    assert_int_equal(store_settings_set_lang(f->s, LANG_ZH), MB_OK);
    assert_int_equal(store_settings_set_idle_timeout(f->s, 600), MB_OK);
    assert_int_equal(store_settings_set_text_size(f->s, STORE_TEXT_LARGER), MB_OK);
    assert_int_equal(store_settings_set_kiosk_name(f->s, "  图书馆 Kiosk 2 "), MB_OK);

    assert_int_equal(store_settings_set_idle_timeout(f->s, 29), MB_ERR_PARSE);
    assert_int_equal(store_settings_set_idle_timeout(f->s, 1801), MB_ERR_PARSE);
    assert_int_equal(store_settings_set_text_size(f->s, (StoreTextSize)3), MB_ERR_PARSE);
    assert_int_equal(store_settings_set_lang(f->s, (Lang)LANG_COUNT), MB_ERR_PARSE);
    assert_int_equal(store_settings_set_kiosk_name(f->s, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"),
                     MB_ERR_PARSE);
    assert_int_equal(store_settings_set_kiosk_name(f->s, "tab\there"), MB_ERR_PARSE);
    assert_int_equal(store_settings_set_kiosk_name(f->s, "bad \xff utf-8"), MB_ERR_PARSE);
    assert_int_equal(store_settings_set_kiosk_name(f->s, "c1 \xc2\x85 control"), MB_ERR_PARSE);

    store_close(f->s);
    f->s = NULL;
    assert_int_equal(store_open(f->path, &f->s), MB_OK);
    assert_int_equal(store_settings_get(f->s, &st), MB_OK);
    assert_int_equal(st.lang, LANG_ZH);
    assert_int_equal(st.idle_timeout_s, 600);
    assert_int_equal(st.text_size, STORE_TEXT_LARGER);
    assert_string_equal(st.kiosk_name, "图书馆 Kiosk 2");
    sqlite3 *db = db_open(f->path);
    char *rows = db_rows(db, "SELECT key, value FROM setting WHERE key <> 'kiosk_id' ORDER BY key");
    assert_string_equal(rows, "default_lang|zh-Hans\nidle_timeout_s|600\nkiosk_name|图书馆 Kiosk "
                              "2\ntext_size|larger\n");
    free(rows);
    sqlite3_close(db);

    /* 32 characters are allowed; spaces alone unname the kiosk. */
    assert_int_equal(store_settings_set_kiosk_name(f->s, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二"),
                     MB_OK);
    assert_int_equal(store_settings_set_kiosk_name(f->s, "   "), MB_OK);
    /* Values edited by hand read as the defaults. */
    assert_int_equal(store_setting_set(f->s, "idle_timeout_s", "5"), MB_OK);
    assert_int_equal(store_setting_set(f->s, "text_size", "huge"), MB_OK);
    assert_int_equal(store_setting_set(f->s, "default_lang", "fr"), MB_OK);
    assert_int_equal(store_settings_get(f->s, &st), MB_OK);
    assert_int_equal(st.lang, LANG_EN);
    assert_int_equal(st.idle_timeout_s, 180);
    assert_int_equal(st.text_size, STORE_TEXT_NORMAL);
    assert_string_equal(st.kiosk_name, "");
    assert_string_equal(store_text_size_name(STORE_TEXT_LARGE), "large");
    assert_int_equal(store_text_size_parse("larger"), STORE_TEXT_LARGER);
    assert_int_equal(store_text_size_parse("LARGE"), -1);
}

/* ---------------- deleting a participant for real ---------------- */

static void test_delete_participant_for_real(void **state)
{
    Fixture *f = *state;
    const char *en = "Zebediah Quillfeather", *zh = "欧阳明月";
    const char *words = "Quillfeather's own words";
    char name[128], key[32];
    snprintf(name, sizeof name, "%s %s", en, zh);
    /* A class around them, so that their rows share pages with others'. */
    for (int i = 0; i < 20; i++) {
        snprintf(key, sizeof key, "Student %02d", i);
        int64_t o = add_participant(f->s, key);
        answer(f->s, o, "q1", "someone's answer", T0 + i);
        answer(f->s, o, "q2", "someone's answer", T0 + i);
    }
    int64_t who = add_participant(f->s, "Zebediah Quilfeather 欧阳明");
    for (int i = 0; i < 10; i++) {
        snprintf(key, sizeof key, "q%d", i);
        answer(f->s, who, key, words, T0 + 100 + i);
    }
    StoreResume res = {.unit = "01-a", .screen = 3, .position = 2, .lang = LANG_ZH};
    assert_int_equal(store_resume_set(f->s, who, "media", &res), MB_OK);
    assert_int_equal(store_unit_reading_set(f->s, who, "media", "01-a", 400, 50, false), MB_OK);
    for (int i = 20; i < 40; i++) {
        snprintf(key, sizeof key, "Student %02d", i);
        int64_t o = add_participant(f->s, key);
        answer(f->s, o, "q1", "someone's answer", T0 + i);
        answer(f->s, o, "q2", "someone's answer", T0 + i);
    }
    /* Their name was first typed wrong, then put right by a program that
     * does not zero what it frees (secure_delete off): the old name stays
     * in the page's free space until the file is rewritten. */
    sqlite3 *db = db_open(f->path);
    char sql[256];
    snprintf(sql, sizeof sql,
             "PRAGMA secure_delete = OFF; UPDATE participant SET name = '%s' WHERE id = %lld",
             name, (long long)who);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    StoreParticipant p;
    assert_int_equal(store_participant_get(f->s, who, &p), MB_OK);
    char pseudo[32];
    snprintf(pseudo, sizeof pseudo, "%s", p.pseudo);
    free(p.name);
    free(p.pseudo);
    assert_true(db_or_wal_contains(f->path, en));
    assert_true(db_or_wal_contains(f->path, zh));

    /* The kiosk keeps its connection; the shell deletes through its own. */
    Store *shell = NULL;
    assert_int_equal(store_open(f->path, &shell), MB_OK);
    int64_t id = 0, n = -1;
    assert_int_equal(store_participant_find(shell, pseudo, &id), MB_OK);
    assert_int_equal(id, who);
    snprintf(key, sizeof key, "%lld", (long long)who);
    assert_int_equal(store_participant_find(shell, key, &id), MB_OK);
    assert_int_equal(id, who);
    assert_int_equal(store_participant_delete(shell, who, &n), MB_OK);
    assert_int_equal(n, 10);

    const char *gone[] = {en, zh, "Zebediah", "Quilfeather", "欧阳", pseudo, words};
    for (size_t i = 0; i < MB_COUNT(gone); i++)
        assert_false(db_or_wal_contains(f->path, gone[i]));
    db = db_open(f->path);
    assert_int_equal(db_int(db, "SELECT count(*) FROM participant"), 40);
    assert_int_equal(db_int(db, "SELECT count(*) FROM attempt"), 80);
    assert_int_equal(db_int(db, "SELECT count(*) FROM review"), 80);
    assert_int_equal(db_int(db, "SELECT count(*) FROM resume"), 0);
    assert_int_equal(db_int(db, "SELECT count(*) FROM unit_position"), 0);
    assert_int_equal(db_int(db, "SELECT count(DISTINCT participant) FROM attempt"), 40);
    sqlite3_close(db);
    assert_int_equal(store_participant_find(shell, pseudo, &id), MB_ERR_NOTFOUND);
    assert_int_equal(store_participant_delete(shell, who, &n), MB_ERR_NOTFOUND);
    store_close(shell);
    /* The kiosk's connection goes on. */
    answer(f->s, add_participant(f->s, "Newcomer"), "q1", "fine", T0 + 500);
    assert_int_equal(store_attempt_count(f->s), 81);
    for (size_t i = 0; i < MB_COUNT(gone); i++)
        assert_false(db_or_wal_contains(f->path, gone[i]));
}

/* ---------------- backups ---------------- */

static void test_backup_holds_wal_answers(void **state)
{
    Fixture *f = *state;
    int64_t mei = add_participant(f->s, "Mei");
    char resp[32];
    for (int i = 0; i < 5; i++) {
        snprintf(resp, sizeof resp, "wal answer %d", i);
        answer(f->s, mei, "q1", resp, T0 + i);
    }
    char wal[600], plain[600], bk[600];
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    snprintf(plain, sizeof plain, "%s/plain-copy.db", f->dir);
    snprintf(bk, sizeof bk, "%s/stick/backup.db", f->dir);
    /* The answers are in the log, not yet in the file: a plain copy of
     * the file has none of them. */
    assert_true(file_size(wal) > 0);
    assert_true(file_contains(wal, "wal answer 4"));
    assert_false(file_contains(f->path, "wal answer 4"));
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(mb_read_file(f->path, (size_t)1 << 30, &data, &len), 0);
    assert_int_equal(mb_write_file_atomic(plain, data, len), 0);
    free(data);
    sqlite3 *db = db_open(plain);
    assert_int_equal(db_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'attempt'"), 0);
    sqlite3_close(db);

    assert_int_equal(store_backup(f->s, bk), MB_OK);
    assert_int_equal(store_backup_verify(f->s, bk), MB_OK);
    db = db_open(bk);
    char *ok = db_text(db, "PRAGMA integrity_check");
    assert_string_equal(ok, "ok");
    free(ok);
    const char *q = "SELECT uuid, participant, question_id, response, answered_ms, kiosk_id "
                    "FROM attempt ORDER BY id";
    char *copy = db_rows(db, q);
    sqlite3_close(db);
    char *live = db_rows(f->s->db, q);
    assert_string_equal(copy, live);
    assert_non_null(strstr(copy, "wal answer 4"));
    assert_int_equal(store_attempt_count(f->s), 5);
    free(copy);
    free(live);

    /* Never over the database itself; a file that is not whole fails. */
    assert_int_equal(store_backup(f->s, f->path), MB_ERR_EXISTS);
    assert_int_equal(store_attempt_count(f->s), 5);
    assert_int_equal(mb_write_file_atomic(plain, "not a database at all, really not", 33), 0);
    assert_int_not_equal(store_backup_verify(f->s, plain), MB_OK);
}

/* The names in dir, sorted, one a line. */
static char *dir_names(const char *dir)
{
    char *names[64];
    size_t n = 0;
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) && n < 64)
        if (e->d_name[0] != '.')
            names[n++] = mb_xstrdup(e->d_name);
    closedir(d);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    StrBuf b = {0};
    strbuf_puts(&b, "");
    for (size_t i = 0; i < n; i++) {
        /* the time in the name is the clock's: keep number and reason */
        const char *dash = strrchr(names[i], '-');
        if (!strncmp(names[i], "mingbai-0", 9) && dash)
            strbuf_printf(&b, "%.14s-...%s\n", names[i], dash);
        else
            strbuf_printf(&b, "%s\n", names[i]);
        free(names[i]);
    }
    return b.data;
}

static void test_backup_auto_keeps_last(void **state)
{
    Fixture *f = *state;
    char dir[600], other[700];
    snprintf(dir, sizeof dir, "%s/auto", f->dir);
    assert_int_equal(mb_mkdirs(dir), 0);
    snprintf(other, sizeof other, "%s/notes.txt", dir);
    assert_int_equal(mb_write_file_atomic(other, "keep me", 7), 0);
    snprintf(other, sizeof other, "%s/mingbai-old.db", dir);
    assert_int_equal(mb_write_file_atomic(other, "keep me", 7), 0);
    int64_t who = add_participant(f->s, "Ana");
    for (int i = 1; i <= 5; i++) {
        answer(f->s, who, "q1", "x", T0 + i);
        char *path = NULL;
        assert_int_equal(store_backup_auto(f->s, dir, "session", 3, &path), MB_OK);
        char want[64];
        snprintf(want, sizeof want, "/mingbai-%06d-", i);
        assert_non_null(strstr(path, want));
        assert_int_equal(strcmp(path + strlen(path) - 11, "-session.db"), 0);
        sqlite3 *db = db_open(path);
        assert_int_equal(db_int(db, "SELECT count(*) FROM attempt"), i);
        sqlite3_close(db);
        free(path);
    }
    char *names = dir_names(dir);
    assert_string_equal(names, "mingbai-000003-...-session.db\nmingbai-000004-...-session.db\n"
                               "mingbai-000005-...-session.db\nmingbai-old.db\nnotes.txt\n");
    free(names);
    /* The clock going back does not change the order. */
    mb_clock_set_offset(-400LL * 86400 * SEC);
    assert_int_equal(store_backup_auto(f->s, dir, "import", 3, NULL), MB_OK);
    mb_clock_set_offset(0);
    names = dir_names(dir);
    assert_string_equal(names, "mingbai-000004-...-session.db\nmingbai-000005-...-session.db\n"
                               "mingbai-000006-...-import.db\nmingbai-old.db\nnotes.txt\n");
    free(names);
    assert_int_equal(store_backup_auto(f->s, dir, "Session!", 3, NULL), MB_ERR_PARSE);
    assert_int_equal(store_backup_auto(f->s, dir, "", 3, NULL), MB_ERR_PARSE);
    /* By default, "backups" beside the database. */
    char *path = NULL;
    assert_int_equal(store_backup_auto(f->s, NULL, "import", 2, &path), MB_OK);
    snprintf(other, sizeof other, "%s/backups/mingbai-000001-", f->dir);
    assert_int_equal(strncmp(path, other, strlen(other)), 0);
    free(path);
}

/* Closing a store empties the log into the file even while another
 * program (the kiosk, a shell) has the database open. */
static void test_close_checkpoints(void **state)
{
    Fixture *f = *state;
    Store *other = NULL;
    assert_int_equal(store_open(f->path, &other), MB_OK);
    int64_t who = add_participant(f->s, "Wen");
    for (int i = 0; i < 5; i++)
        answer(f->s, who, "q1", "kept in the file", T0 + i);
    char wal[600], plain[600];
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    snprintf(plain, sizeof plain, "%s/plain-copy.db", f->dir);
    assert_true(file_size(wal) > 0);
    store_close(f->s);
    f->s = other;
    assert_int_equal(file_size(wal), 0);
    /* The file alone, copied as it is, now holds every answer. */
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(mb_read_file(f->path, (size_t)1 << 30, &data, &len), 0);
    assert_int_equal(mb_write_file_atomic(plain, data, len), 0);
    free(data);
    sqlite3 *db = db_open(plain);
    assert_int_equal(db_int(db, "SELECT count(*) FROM attempt"), 5);
    sqlite3_close(db);
}

/* ---------------- merging kiosks ---------------- */

static Store *kiosk_db(Fixture *f, const char *name, char *path, size_t cap)
{
    Store *s = NULL;
    snprintf(path, cap, "%s/%s", f->dir, name);
    assert_int_equal(store_open(path, &s), MB_OK);
    return s;
}

static void exec_sql(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static void pack_row(const char *path, const char *id, const char *version)
{
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO pack(id, version, format, title_en, title_zh, licence, author, "
             "imported_ms, units, questions) VALUES('%s', '%s', 1, 'T %s', NULL, NULL, NULL, 1, "
             "1, 1);"
             "INSERT INTO pack_file VALUES('%s', 'pack.ini', 'version = %s');"
             "INSERT INTO question VALUES('%s', '01-a', 'q1', 'en', 'multichoice', 0);",
             id, version, version, id, version, id);
    exec_sql(path, sql);
}

/* Kiosk A: Ann (2 answers), Bo (none), Li (q1 missed at T0+10); kiosk B:
 * Cy (1 answer), Li again (q1 missed at T0+15, right at T0+20). */
static void merge_sources(Fixture *f, char *a, char *b, size_t cap, int64_t *na, int64_t *nb)
{
    Store *sa = kiosk_db(f, "a.db", a, cap), *sb = kiosk_db(f, "b.db", b, cap);
    int64_t ann = add_participant(sa, "Ann"), li_a = add_participant(sa, "Li");
    add_participant(sa, "Bo");
    answer(sa, ann, "q1", "a", T0);
    answer(sa, ann, "q2", "b", T0 + 1);
    answer(sa, li_a, "q1", "c", T0 + 10);
    int64_t cy = add_participant(sb, "Cy"), li_b = add_participant(sb, "Li");
    answer(sb, cy, "q1", "d", T0 + 5);
    answer(sb, li_b, "q1", "e", T0 + 15);
    StoreAttempt right = {.participant = li_b, .pack_id = "media", .pack_version = "1.0",
                          .unit = "01-a", .question_id = "q1", .type = QT_MULTICHOICE,
                          .response = "f", .score = 1, .max = 1, .correct = true,
                          .review = true, .started_ms = T0 + 19, .answered_ms = T0 + 20};
    assert_int_equal(store_attempt_insert(sb, &right, T0 + 20, NULL), MB_OK);
    StoreResume r = {.unit = "01-a", .screen = 5, .position = 1, .lang = LANG_EN};
    assert_int_equal(store_resume_set(sa, li_a, "media", &r), MB_OK);
    r.screen = 3;
    assert_int_equal(store_resume_set(sb, li_b, "media", &r), MB_OK);
    assert_int_equal(store_unit_reading_set(sa, li_a, "media", "01-a", 500, 100, true), MB_OK);
    assert_int_equal(store_unit_reading_set(sb, li_b, "media", "01-a", 300, 60, false), MB_OK);
    *na = store_attempt_count(sa);
    *nb = store_attempt_count(sb);
    store_close(sa);
    store_close(sb);
    /* Li is one person on both kiosks: one pseudonym. */
    exec_sql(a, "UPDATE participant SET pseudo = 'p-li' WHERE name = 'Li';"
                "UPDATE resume SET updated_ms = 300; UPDATE unit_position SET updated_ms = 100;");
    exec_sql(b, "UPDATE participant SET pseudo = 'p-li' WHERE name = 'Li';"
                "UPDATE resume SET updated_ms = 200; UPDATE unit_position SET updated_ms = 200;");
    pack_row(a, "extra", "1.2");
    pack_row(a, "only-a", "1.0");
    pack_row(b, "extra", "1.10");
}

static void merge_expect(Store *s, const char *path, StoreMergeCounts want)
{
    StoreMergeCounts c;
    StoreMergeSource src;
    assert_int_equal(store_merge(s, path, &src, &c), MB_OK);
    assert_int_equal(src.problem, STORE_SOURCE_OK);
    assert_int_equal(c.participants, want.participants);
    assert_int_equal(c.attempts, want.attempts);
    assert_int_equal(c.reviews, want.reviews);
    assert_int_equal(c.positions, want.positions);
    assert_int_equal(c.resumes, want.resumes);
    assert_int_equal(c.packs, want.packs);
}

static void test_merge_kiosks(void **state)
{
    Fixture *f = *state;
    char a[600], b[600];
    int64_t na, nb;
    merge_sources(f, a, b, sizeof a, &na, &nb);
    assert_int_equal(na, 3);
    assert_int_equal(nb, 3);
    char *a_bytes = NULL, *b_bytes = NULL, *again = NULL;
    size_t a_len, b_len, len;
    assert_int_equal(mb_read_file(a, (size_t)1 << 30, &a_bytes, &a_len), 0);
    assert_int_equal(mb_read_file(b, (size_t)1 << 30, &b_bytes, &b_len), 0);

    /* f->s is the new kiosk C, empty. */
    merge_expect(f->s, a, (StoreMergeCounts){3, 3, 3, 1, 1, 2, 0, 0, 0});
    merge_expect(f->s, b, (StoreMergeCounts){1, 3, 2, 1, 0, 1, 0, 0, 0});
    /* Twice changes nothing. */
    merge_expect(f->s, a, (StoreMergeCounts){0});
    merge_expect(f->s, b, (StoreMergeCounts){0});

    sqlite3 *db = db_open(f->path);
    char *rows = db_rows(db, "SELECT p.name, p.pseudo = 'p-li', a.question_id, a.response "
                             "FROM attempt a JOIN participant p ON p.id = a.participant "
                             "ORDER BY a.answered_ms");
    assert_string_equal(rows, "Ann|0|q1|a\nAnn|0|q2|b\nCy|0|q1|d\nLi|1|q1|c\nLi|1|q1|e\n"
                              "Li|1|q1|f\n");
    free(rows);
    assert_int_equal(db_int(db, "SELECT count(*) FROM participant"), 4);
    assert_int_equal(db_int(db, "SELECT count(DISTINCT uuid) FROM attempt"), 6);
    /* Li's q1: box 2 from B, whose answer (T0+20) is the latest. */
    rows = db_rows(db, "SELECT p.name, r.question_id, r.box FROM review r JOIN participant p "
                       "ON p.id = r.participant ORDER BY p.name, r.question_id");
    assert_string_equal(rows, "Ann|q1|1\nAnn|q2|1\nCy|q1|1\nLi|q1|2\n");
    free(rows);
    /* The position read last (B), the end reached on A kept; the resume
     * point used last (A). */
    rows = db_rows(db, "SELECT position, percent, finished, updated_ms FROM unit_position;"
                       "");
    assert_string_equal(rows, "300|60|1|200\n");
    free(rows);
    rows = db_rows(db, "SELECT screen, updated_ms FROM resume");
    assert_string_equal(rows, "5|300\n");
    free(rows);
    rows = db_rows(db, "SELECT p.id, p.version, f.data, q.question_id FROM pack p "
                       "JOIN pack_file f ON f.pack_id = p.id JOIN question q ON q.pack_id = p.id "
                       "ORDER BY p.id");
    assert_string_equal(rows, "extra|1.10|version = 1.10|q1\nonly-a|1.0|version = 1.0|q1\n");
    free(rows);
    /* The settings stay C's own. */
    char *kc = db_text(db, "SELECT value FROM setting WHERE key = 'kiosk_id'");
    assert_string_equal(kc, f->s->kiosk_id);
    free(kc);
    sqlite3_close(db);

    /* The sources are never changed. */
    assert_int_equal(mb_read_file(a, (size_t)1 << 30, &again, &len), 0);
    assert_true(len == a_len && !memcmp(again, a_bytes, len));
    free(again);
    assert_int_equal(mb_read_file(b, (size_t)1 << 30, &again, &len), 0);
    assert_true(len == b_len && !memcmp(again, b_bytes, len));
    free(again);
    free(a_bytes);
    free(b_bytes);
}

/* Seminar sessions travel with their answers: each kiosk's session arrives
 * once, its units with it, and an answer keeps the session it was given in
 * (its id translated) or none. */
static void test_merge_sessions(void **state)
{
    Fixture *f = *state;
    char a[600], b[600];
    Store *sa = kiosk_db(f, "sa.db", a, sizeof a), *sb = kiosk_db(f, "sb.db", b, sizeof b);
    const StoreUnitRef units[] = {{"media", "01-a"}, {"media", "02-b"}};
    const char *packs[] = {"media"};
    StoreSessionNew one = {"Seminar A", units, 2, packs, 1}, two = {"Seminar B", units, 1, packs, 1};
    int64_t ann = add_participant(sa, "Ann"), cy = add_participant(sb, "Cy");
    answer(sa, ann, "q0", "before", T0 - 100);
    int64_t ida = 0, idb = 0;
    assert_int_equal(store_session_start(sa, &one, T0, &ida), MB_OK);
    answer(sa, ann, "q1", "a", T0 + 1);
    assert_int_equal(store_session_end(sa, ida, T0 + 2), MB_OK);
    /* kiosk B's first session has the same local id as A's */
    assert_int_equal(store_session_start(sb, &two, T0 + 3, &idb), MB_OK);
    assert_int_equal(idb, ida);
    answer(sb, cy, "q1", "b", T0 + 4);
    store_close(sa);
    store_close(sb);
    StoreMergeCounts c;
    StoreMergeSource src;
    assert_int_equal(store_merge(f->s, a, &src, &c), MB_OK);
    assert_int_equal(c.sessions, 1);
    assert_int_equal(c.session_rows, 3);
    assert_int_equal(store_merge(f->s, b, &src, &c), MB_OK);
    assert_int_equal(c.sessions, 1);
    assert_int_equal(c.session_rows, 2);
    assert_int_equal(store_merge(f->s, b, &src, &c), MB_OK);
    assert_int_equal(c.sessions + c.session_rows + c.attempts, 0);
    sqlite3 *db = db_open(f->path);
    char *rows = db_rows(db, "SELECT a.response, coalesce(s.title, '-'), "
                             "(SELECT count(*) FROM session_unit u WHERE u.session = s.id) "
                             "FROM attempt a LEFT JOIN session s ON s.id = a.session "
                             "ORDER BY a.answered_ms");
    assert_string_equal(rows, "before|-|0\na|Seminar A|2\nb|Seminar B|1\n");
    free(rows);
    assert_int_equal(db_int(db, "SELECT count(*) FROM session"), 2);
    sqlite3_close(db);
}

static void test_merge_refuses(void **state)
{
    Fixture *f = *state;
    char path[600];
    StoreMergeSource src;
    int64_t who = add_participant(f->s, "Here");
    answer(f->s, who, "q1", "here", T0);

    snprintf(path, sizeof path, "%s/notes.db", f->dir);
    assert_int_equal(mb_write_file_atomic(path, "just some text, not SQLite at all", 33), 0);
    assert_int_equal(store_merge_check(f->s, path, &src), MB_ERR_PARSE);
    assert_int_equal(src.problem, STORE_SOURCE_NOT_MINGBAI);
    assert_non_null(strstr(store_errmsg(f->s), "is not a Mingbai database"));
    assert_int_equal(store_merge(f->s, path, &src, NULL), MB_ERR_PARSE);
    assert_int_equal(src.problem, STORE_SOURCE_NOT_MINGBAI);

    snprintf(path, sizeof path, "%s/other.db", f->dir);
    exec_sql(path, "CREATE TABLE participant(id); CREATE TABLE attempt(id);");
    assert_int_equal(store_merge(f->s, path, &src, NULL), MB_ERR_PARSE);
    assert_int_equal(src.problem, STORE_SOURCE_NOT_MINGBAI);

    Store *s = kiosk_db(f, "newer.db", path, sizeof path);
    answer(s, add_participant(s, "Later"), "q1", "later", T0);
    store_close(s);
    exec_sql(path, "PRAGMA user_version = 99");
    assert_int_equal(store_merge(f->s, path, &src, NULL), MB_ERR_PARSE);
    assert_int_equal(src.problem, STORE_SOURCE_NEWER);
    assert_int_equal(src.version, 99);
    assert_int_equal(src.known, store_schema_latest());
    assert_non_null(strstr(store_errmsg(f->s), "newer than this Mingbai knows"));

    assert_int_equal(store_merge(f->s, f->path, &src, NULL), MB_ERR_PARSE);
    assert_int_equal(src.problem, STORE_SOURCE_SAME);
    snprintf(path, sizeof path, "%s/absent.db", f->dir);
    assert_int_equal(store_merge(f->s, path, &src, NULL), MB_ERR_PARSE);
    assert_int_equal(src.problem, STORE_SOURCE_UNREADABLE);
    assert_int_equal(access(path, F_OK), -1);

    /* Nothing came in, and no copy was left beside the database. */
    assert_int_equal(store_attempt_count(f->s), 1);
    sqlite3 *db = db_open(f->path);
    assert_int_equal(db_int(db, "SELECT count(*) FROM participant"), 1);
    sqlite3_close(db);
    char *names = dir_names(f->dir);
    assert_null(strstr(names, "merge"));
    free(names);
}

/* A table a migration adds must be merged or skipped on purpose. */
static void test_merge_knows_every_table(void **state)
{
    Fixture *f = *state;
    sqlite3 *db = db_open(f->path);
    char *rows = db_rows(db, "SELECT name FROM sqlite_schema WHERE type = 'table'");
    sqlite3_close(db);
    for (char *save = NULL, *t = strtok_r(rows, "\n", &save); t; t = strtok_r(NULL, "\n", &save))
        if (!store_merge_knows_table(t))
            fail_msg("the merge (kiosk/store/store_merge.c) does not know the table %s: add it "
                     "to merge_tables, or to merge_skipped with why",
                     t);
    free(rows);
}

int main(void)
{
    mb_log_set_level(LOG_ERROR);
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_pin_set_and_check),
        T(test_pin_hash_not_digits),
        T(test_pin_count_survives_reopen),
        T(test_pin_count_written_before_check),
        T(test_pin_delay_grows),
        T(test_typed_settings),
        T(test_delete_participant_for_real),
        T(test_backup_holds_wal_answers),
        T(test_backup_auto_keeps_last),
        T(test_close_checkpoints),
        T(test_merge_kiosks),
        T(test_merge_sessions),
        T(test_merge_refuses),
        T(test_merge_knows_every_table),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
