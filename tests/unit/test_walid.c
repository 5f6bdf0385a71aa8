/* The record of the logs the kiosk starts (kiosk/store/store_walid.c):
 * every -wal header the store writes has its salts in "<db>-walid" first,
 * with the previous ones; at open a -wal with frames whose salts are
 * neither is refused as damage and left as it is; the previous salts are
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

static void test_foreign_log_refused(void **state)
{
    Fixture *f = *state;
    char copy_path[600], rec_from[700], rec_to[700];
    assert_int_equal(store_checkpoint(f->s), MB_OK);
    snprintf(copy_path, sizeof copy_path, "%s/copy.db", f->dir);
    copy(f->path, copy_path);
    snprintf(rec_from, sizeof rec_from, "%s-walid", f->path);
    snprintf(rec_to, sizeof rec_to, "%s-walid", copy_path);
    copy(rec_from, rec_to);
    foreign_writer(copy_path);
    unsigned char rec[2][8], salts[8];
    assert_true(wal_salts(copy_path, salts));
    assert_true(store_walid_read(copy_path, rec));

    /* Neither recorded salt: damage, the files left as they were. */
    Store *s = NULL;
    StoreProblem why = STORE_FINE;
    char msg[512];
    assert_int_not_equal(store_open_why(copy_path, &s, &why, msg, sizeof msg), MB_OK);
    assert_null(s);
    assert_int_equal(why, STORE_DAMAGED);
    assert_non_null(strstr(msg, "does not belong to the database"));
    unsigned char again[8];
    assert_true(wal_salts(copy_path, again));
    assert_memory_equal(again, salts, 8);

    /* Recorded as the previous salts (a cut after the record, before the
     * header): taken, its row applied. */
    write_record(copy_path, salts, rec[1]);
    assert_int_equal(store_open(copy_path, &s), MB_OK);
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
        T(test_foreign_log_refused),
        T(test_live_log_taken),
        T(test_no_record_taken),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
