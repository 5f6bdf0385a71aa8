/* The record of the logs the kiosk starts (kiosk/store/store_walid.c):
 * every -wal header the store writes has its salts in "<db>-walid" first,
 * with the previous ones; at open a -wal with frames whose salts are
 * neither is not applied but moved alone into "stray-wal-DATE" as it is,
 * the database kept; the previous salts are
 * accepted (a cut between the record and the header), and so is the log
 * of another program that has the database open; without a record (an
 * older kiosk's database) any -wal is taken as before. */
#define _XOPEN_SOURCE 700 /* nftw, to remove the temporary folders */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store_fixture.h"

#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store_internal.h"

static int setup(void **state)
{
    return fixture_setup(state, "walid", "kiosk.db");
}

static int teardown(void **state)
{
    return fixture_teardown(state);
}

/* The salts in the header of path's -wal; false when it has none. */
static bool wal_salts(const char *path, unsigned char out[8])
{
    char wal[700];
    snprintf(wal, sizeof wal, "%s-wal", path);
    int fd = open(wal, O_RDONLY);
    unsigned char h[32];
    bool ok = fd >= 0 && pread(fd, h, 32, 0) == 32;
    if (fd >= 0)
        close(fd);
    if (ok)
        memcpy(out, h + 16, 8);
    return ok;
}

static void copy(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

static void write_record(const char *path, const unsigned char prev[8], const unsigned char now[8])
{
    char rec[700];
    snprintf(rec, sizeof rec, "%s-walid", path);
    FILE *f = fopen(rec, "wb");
    assert_non_null(f);
    fwrite("MBWALID1", 1, 8, f);
    fwrite(prev, 1, 8, f);
    fwrite(now, 1, 8, f);
    assert_int_equal(fclose(f), 0);
}

static void test_record_follows_the_log(void **state)
{
    Fixture *f = *state;
    unsigned char rec[2][8], first[8], salts[8];
    /* The migrations started the log: its salts are the record's. */
    assert_true(store_walid_read(f->path, rec));
    assert_true(wal_salts(f->path, first));
    assert_memory_equal(rec[1], first, 8);
    /* Emptied and started again: new salts, the old ones kept as previous. */
    assert_int_equal(store_checkpoint(f->s), MB_OK);
    assert_int_equal(store_setting_set(f->s, "a", "1"), MB_OK);
    assert_true(wal_salts(f->path, salts));
    assert_memory_not_equal(salts, first, 8);
    assert_true(store_walid_read(f->path, rec));
    assert_memory_equal(rec[0], first, 8);
    assert_memory_equal(rec[1], salts, 8);
}

/* Another program (plain SQLite, no record) writes a row in the database
 * at path and is killed before it closes: its rows stay in a -wal with
 * salts of its own. */
static void foreign_writer(const char *path)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *db = NULL;
        int rc = sqlite3_open(path, &db);
        rc |= sqlite3_exec(db,
                           "PRAGMA wal_autocheckpoint = 0;"
                           "INSERT INTO setting(key, value) VALUES('foreign', '1');",
                           NULL, NULL, NULL);
        _exit(rc ? 1 : 0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* A copy of f's database (with its record) at DIR/name, its -wal written
 * by another program with salts of its own (read into salts). */
static void diverged_copy(Fixture *f, const char *name, char *copy_path, size_t n,
                          unsigned char salts[8])
{
    char rec_from[700], rec_to[700];
    snprintf(copy_path, n, "%s/%s", f->dir, name);
    copy(f->path, copy_path);
    snprintf(rec_from, sizeof rec_from, "%s-walid", f->path);
    snprintf(rec_to, sizeof rec_to, "%s-walid", copy_path);
    copy(rec_from, rec_to);
    foreign_writer(copy_path);
    assert_true(wal_salts(copy_path, salts));
}

static void test_foreign_log_set_aside(void **state)
{
    Fixture *f = *state;
    char copy_path[600], moved[800];
    assert_int_equal(store_checkpoint(f->s), MB_OK);
    unsigned char rec[2][8], salts[8];
    diverged_copy(f, "copy.db", copy_path, sizeof copy_path, salts);
    assert_true(store_walid_read(copy_path, rec));

    /* Neither recorded salt: not applied, moved alone into stray-wal-DATE
     * as it was, the database opened as its file holds it. */
    Store *s = NULL;
    StoreProblem why = STORE_FINE;
    char msg[512];
    assert_int_equal(store_open_why(copy_path, &s, &why, msg, sizeof msg), MB_OK);
    const char *aside = store_wal_set_aside(s);
    assert_non_null(aside);
    assert_non_null(strstr(aside, "/stray-wal-"));
    assert_null(store_setting_get(s, "foreign"));
    snprintf(moved, sizeof moved, "%s/copy.db-wal", aside);
    FILE *w = fopen(moved, "rb");
    unsigned char h[32];
    assert_non_null(w);
    assert_int_equal(fread(h, 1, sizeof h, w), sizeof h);
    fclose(w);
    assert_memory_equal(h + 16, salts, 8);
    char stray[700];
    snprintf(stray, sizeof stray, "%s/copy.db", aside);
    assert_int_not_equal(access(stray, F_OK), 0);
    store_close(s);

    /* Recorded as the previous salts (a cut after the record, before the
     * header): taken, its row applied, nothing set aside. */
    diverged_copy(f, "copy2.db", copy_path, sizeof copy_path, salts);
    assert_true(store_walid_read(copy_path, rec));
    write_record(copy_path, salts, rec[1]);
    assert_int_equal(store_open(copy_path, &s), MB_OK);
    assert_null(store_wal_set_aside(s));
    char *v = store_setting_get(s, "foreign");
    assert_string_equal(v, "1");
    free(v);
    store_close(s);
}

/* Another program has the database open and its rows in a log it started:
 * its live log, taken (the record cannot know its salts). */
static void test_live_log_taken(void **state)
{
    Fixture *f = *state;
    char copy_path[600], rec_from[700], rec_to[700];
    assert_int_equal(store_checkpoint(f->s), MB_OK);
    snprintf(copy_path, sizeof copy_path, "%s/live.db", f->dir);
    copy(f->path, copy_path);
    snprintf(rec_from, sizeof rec_from, "%s-walid", f->path);
    snprintf(rec_to, sizeof rec_to, "%s-walid", copy_path);
    copy(rec_from, rec_to);
    int up[2], done[2];
    assert_int_equal(pipe(up), 0);
    assert_int_equal(pipe(done), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *db = NULL;
        char c = 0;
        int rc = sqlite3_open(copy_path, &db);
        rc |= sqlite3_exec(db, "INSERT INTO setting(key, value) VALUES('live', '1');", NULL,
                           NULL, NULL);
        if (write(up[1], "u", 1) != 1 || read(done[0], &c, 1) != 1)
            rc = 1;
        sqlite3_close(db);
        _exit(rc ? 1 : 0);
    }
    char c = 0;
    assert_int_equal(read(up[0], &c, 1), 1);
    Store *s = NULL;
    assert_int_equal(store_open(copy_path, &s), MB_OK);
    char *v = store_setting_get(s, "live");
    assert_string_equal(v, "1");
    free(v);
    store_close(s);
    assert_int_equal(write(done[1], "d", 1), 1);
    int status = 0;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    close(up[0]);
    close(up[1]);
    close(done[0]);
    close(done[1]);
}

/* While the kiosk has the database open, another program starts the log
 * afresh (salts the record does not know), and the kiosk then writes an
 * answer into it; the power goes. That log is the kiosk's: its salts were
 * recorded before the kiosk's frame was written, and it is taken. */
static void test_log_started_by_another_taken(void **state)
{
    Fixture *f = *state;
    assert_int_equal(store_checkpoint(f->s), MB_OK);
    unsigned char salts[8], rec[2][8];
    assert_true(store_walid_read(f->path, rec));
    foreign_writer(f->path);
    assert_true(wal_salts(f->path, salts));
    assert_memory_not_equal(salts, rec[1], 8);
    assert_memory_not_equal(salts, rec[0], 8);
    assert_int_equal(store_setting_set(f->s, "kiosk", "1"), MB_OK);
    assert_true(store_walid_read(f->path, rec));
    assert_memory_equal(rec[1], salts, 8);

    /* The files as the power cut leaves them (the kiosk not closed). */
    char cut[600], from[700], to[700];
    snprintf(cut, sizeof cut, "%s/cut.db", f->dir);
    copy(f->path, cut);
    const char *ext[] = {"-wal", "-walid"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(from, sizeof from, "%s%s", f->path, ext[i]);
        snprintf(to, sizeof to, "%s%s", cut, ext[i]);
        copy(from, to);
    }
    Store *s = NULL;
    assert_int_equal(store_open(cut, &s), MB_OK);
    assert_null(store_wal_set_aside(s));
    char *v = store_setting_get(s, "kiosk");
    assert_string_equal(v, "1");
    free(v);
    v = store_setting_get(s, "foreign");
    assert_string_equal(v, "1");
    free(v);
    store_close(s);
}

static void test_no_record_taken(void **state)
{
    Fixture *f = *state;
    char copy_path[600];
    assert_int_equal(store_checkpoint(f->s), MB_OK);
    snprintf(copy_path, sizeof copy_path, "%s/old.db", f->dir);
    copy(f->path, copy_path);
    foreign_writer(copy_path);
    Store *s = NULL;
    assert_int_equal(store_open(copy_path, &s), MB_OK);
    char *v = store_setting_get(s, "foreign");
    assert_string_equal(v, "1");
    free(v);
    store_close(s);
}

int main(void)
{
    mb_log_set_level(LOG_ERROR);
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_record_follows_the_log),
        T(test_foreign_log_set_aside),
        T(test_live_log_taken),
        T(test_log_started_by_another_taken),
        T(test_no_record_taken),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
