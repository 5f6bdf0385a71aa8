/* The report's small writers, where a wrong character is a wrong export:
 * CSV cells (RFC 4180 quoting; formulas neutralised, plain negative
 * numbers kept numbers), numbers without exponents, ISO 8601 times with
 * the zone's offset and durations as xAPI wants them; and writing files
 * whole or not at all, with a file size limit standing in for a full
 * stick (tools.test_export fills a real tmpfs). */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "report/report_internal.h"

static char *cell(const char *s)
{
    static char out[256];
    StrBuf b = {0};
    report_csv_text(&b, s, true);
    snprintf(out, sizeof out, "%s", b.data ? b.data : "");
    strbuf_free(&b);
    return out;
}

static void test_csv_cells(void **state)
{
    (void)state;
    assert_string_equal(cell("plain"), "plain");
    assert_string_equal(cell(""), "");
    assert_string_equal(cell("王芳"), "王芳");
    assert_string_equal(cell("a,b"), "\"a,b\"");
    assert_string_equal(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_string_equal(cell("two\nlines"), "\"two\nlines\"");
    assert_string_equal(cell("cr\rhere"), "\"cr\rhere\"");
    /* What a spreadsheet would run: led by an apostrophe, and quoted. */
    assert_string_equal(cell("=1+1"), "\"'=1+1\"");
    assert_string_equal(cell("+5"), "\"'+5\"");
    assert_string_equal(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
    assert_string_equal(cell("-abc"), "\"'-abc\"");
    assert_string_equal(cell("-"), "\"'-\"");
    assert_string_equal(cell("-2+3"), "\"'-2+3\"");
    assert_string_equal(cell("-1e3"), "\"'-1e3\"");
    assert_string_equal(cell("\tx"), "\"'\tx\"");
    assert_string_equal(cell("\rx"), "\"'\rx\"");
    assert_string_equal(cell("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    /* A negative number stays a number; so does any plain number. */
    assert_string_equal(cell("-2011"), "-2011");
    assert_string_equal(cell("-0.5"), "-0.5");
    assert_string_equal(cell("2011"), "2011");
    assert_string_equal(cell("-.5"), "\"'-.5\"");
    assert_string_equal(cell("-5."), "\"'-5.\"");
    assert_string_equal(cell("-1.2.3"), "\"'-1.2.3\"");
    /* Not first: a comma before it. */
    StrBuf b = {0};
    report_csv_text(&b, "x", true);
    report_csv_text(&b, "=y", false);
    report_csv_number(&b, 0.5);
    assert_string_equal(b.data, "x,\"'=y\",0.5");
    strbuf_free(&b);
}

static char *number(double v)
{
    static char out[64];
    StrBuf b = {0};
    report_number(&b, v);
    snprintf(out, sizeof out, "%s", b.data);
    strbuf_free(&b);
    return out;
}

static void test_numbers(void **state)
{
    (void)state;
    assert_string_equal(number(0.5), "0.5");
    assert_string_equal(number(1), "1");
    assert_string_equal(number(2020), "2020");
    assert_string_equal(number(-0.0), "0");
    assert_string_equal(number(6.5), "6.5");
    assert_string_equal(number(1.0 / 3), "0.3333333333333333");
    assert_string_equal(number(0.1 + 0.2), "0.30000000000000004");
}

static char *iso(const char *tz, int64_t ms)
{
    static char out[64];
    setenv("TZ", tz, 1);
    tzset();
    report_iso_time(out, sizeof out, ms);
    return out;
}

static void test_times(void **state)
{
    (void)state;
    /* POSIX zone strings: no zone database needed. */
    assert_string_equal(iso("CST-8", 1700000000123), "2023-11-15T06:13:20.123+08:00");
    assert_string_equal(iso("UTC0", 1700000000000), "2023-11-14T22:13:20.000+00:00");
    assert_string_equal(iso("NST3:30", 1700000000999), "2023-11-14T18:43:20.999-03:30");
    unsetenv("TZ");
    tzset();
}

static char *dur(int64_t ms)
{
    static char out[64];
    report_duration(out, sizeof out, ms);
    return out;
}

static void test_durations(void **state)
{
    (void)state;
    assert_string_equal(dur(12500), "PT12.5S");
    assert_string_equal(dur(0), "PT0S");
    assert_string_equal(dur(-40), "PT0S");
    assert_string_equal(dur(7), "PT0.007S");
    assert_string_equal(dur(75000), "PT1M15S");
    assert_string_equal(dur(3600000), "PT1H");
    assert_string_equal(dur(3723004), "PT1H2M3.004S");
}

/* ---------------- writing files ---------------- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* The names in dir, hidden ones too, joined by spaces in order. */
static char *listing(const char *dir)
{
    static char out[512];
    out[0] = 0;
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i]->d_name, ".") && strcmp(names[i]->d_name, ".."))
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", out[0] ? " " : "",
                     names[i]->d_name);
        free(names[i]);
    }
    free(names);
    return out;
}

static void test_write_whole_or_nothing(void **state)
{
    (void)state;
    char dir[256];
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/mingbai-report-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    assert_non_null(mkdtemp(dir));
    StrBuf bufs[2] = {{0}, {0}};
    strbuf_puts(&bufs[0], "small\n");
    for (int i = 0; i < 4000; i++)
        strbuf_puts(&bufs[1], "a larger file\n");
    const char *names[2] = {"a.csv", "b.csv"};
    char err[512];

    /* A file size limit as a full stick: the second file cannot be
     * written; neither is left, nor any temporary file. */
    struct rlimit old, small = {8192, 8192};
    getrlimit(RLIMIT_FSIZE, &old);
    small.rlim_max = old.rlim_max;
    void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    int rc = report_write_files(dir, names, bufs, 2, err, sizeof err);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, was);
    assert_int_equal(rc, MB_ERR_IO);
    char want[600];
    snprintf(want, sizeof want, "cannot write %s/b.csv: the disk or stick is full", dir);
    assert_non_null(strstr(err, want));
    assert_string_equal(listing(dir), "");

    /* No folder. */
    char missing[300];
    snprintf(missing, sizeof missing, "%s/gone", dir);
    assert_int_equal(report_write_files(missing, names, bufs, 2, err, sizeof err), MB_ERR_IO);
    snprintf(want, sizeof want, "cannot write to the folder %s: No such file or directory",
             missing);
    assert_non_null(strstr(err, want));

    /* Written: both files whole, nothing else. */
    assert_int_equal(report_write_files(dir, names, bufs, 2, err, sizeof err), MB_OK);
    assert_string_equal(listing(dir), "a.csv b.csv");
    struct stat st;
    char path[300];
    snprintf(path, sizeof path, "%s/b.csv", dir);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal((size_t)st.st_size, bufs[1].len);
    strbuf_free(&bufs[0]);
    strbuf_free(&bufs[1]);
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_cells),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_write_whole_or_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
