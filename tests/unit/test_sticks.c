/* Where the instructor's screens look for a USB stick (screen_sticks):
 * every file system mounted under /media/, /run/media/ or /mnt/ as
 * /proc/mounts lists them (Debian's and Raspberry Pi OS's udisks mount at
 * /media/USER/LABEL, a label with a space written \040), nothing else; the
 * environment's folder instead when it is set. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ui/screens/sticks.h"

static const char mounts[] =
    "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n"
    "/dev/mmcblk0p2 / ext4 rw,noatime 0 0\n"
    "/dev/mmcblk0p1 /boot/firmware vfat rw,relatime 0 2\n"
    "tmpfs /run/user/1000 tmpfs rw,nosuid,nodev,relatime 0 0\n"
    "/dev/sda1 /media/pi/CLASS\\040STICK vfat rw,nosuid,nodev,relatime,uid=1000 0 0\n"
    "tmpfs /media tmpfs rw 0 0\n"
    "/dev/sdb1 /media/USB2 vfat rw 0 0\n"
    "/dev/sdc1 /run/media/li/KINGSTON exfat rw 0 0\n"
    "/dev/sdd1 /mnt/usb ext4 rw 0 0\n"
    "/dev/sde1 /mediaX vfat rw 0 0\n"
    "/dev/sdf1 /media/mingbai/ABCD-1234 vfat ro,nosuid,nodev,noexec,relatime,uid=999 0 0\n";

static void test_sticks_from_mounts(void **state)
{
    (void)state;
    char path[] = "/tmp/mingbai-mounts-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, mounts, sizeof mounts - 1), (ssize_t)(sizeof mounts - 1));
    close(fd);
    unsetenv("MINGBAI_TEST_STICK");
    ScreenStick s[8];
    size_t n = screen_sticks("MINGBAI_TEST_STICK", path, s, 8);
    assert_int_equal(n, 5);
    assert_string_equal(s[0].path, "/media/pi/CLASS STICK");
    assert_string_equal(s[1].path, "/media/USB2");
    assert_string_equal(s[2].path, "/run/media/li/KINGSTON");
    assert_string_equal(s[3].path, "/mnt/usb");
    /* The board's stick, mounted read-only by the package's udev rule. */
    assert_string_equal(s[4].path, "/media/mingbai/ABCD-1234");
    /* At most max. */
    assert_int_equal(screen_sticks("MINGBAI_TEST_STICK", path, s, 1), 1);
    assert_string_equal(s[0].path, "/media/pi/CLASS STICK");
    /* The folder standing in for a stick, and only it. */
    setenv("MINGBAI_TEST_STICK", "/tmp/stick", 1);
    assert_int_equal(screen_sticks("MINGBAI_TEST_STICK", path, s, 8), 1);
    assert_string_equal(s[0].path, "/tmp/stick");
    unsetenv("MINGBAI_TEST_STICK");
    unlink(path);
    /* No mount table: no stick, no crash. */
    assert_int_equal(screen_sticks(NULL, "/nonexistent/mounts", s, 8), 0);
}

static char *slurp(const char *path)
{
    static char buf[1024];
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return buf;
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The requests to the board's stick service: a file named for the request
 * in requests/ holding "ACTION FOLDER\n"; the answer with its name in
 * stick/status, any other ignored; no answer by the deadline. */
static void test_stick_requests(void **state)
{
    (void)state;
    char run[] = "/tmp/mingbai-run-XXXXXX", dir[128], path[256], msg[200];
    assert_non_null(mkdtemp(run));
    setenv("MINGBAI_STICK_RUN", run, 1);
    setenv("MINGBAI_STICK_WAIT_MS", "150", 1);
    assert_false(screen_stick_service()); /* no request folder: no service */
    snprintf(dir, sizeof dir, "%s/requests", run);
    assert_int_equal(mkdir(dir, 0700), 0);
    snprintf(dir, sizeof dir, "%s/stick", run);
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_true(screen_stick_service());
    assert_true(screen_stick_writable(run));
    assert_false(screen_stick_writable("/nonexistent/stick"));

    StickAsk a, b;
    char err[200];
    assert_true(screen_stick_ask(&a, STICK_RW, "/media/mingbai/ABCD-1234", err, sizeof err));
    snprintf(path, sizeof path, "%s/requests/%s", run, a.id);
    assert_string_equal(slurp(path), "rw /media/mingbai/ABCD-1234\n");
    assert_true(screen_stick_ask(&b, STICK_EJECT, "/media/mingbai/ABCD-1234", err, sizeof err));
    assert_true(strcmp(a.id, b.id) < 0); /* asked first, answered first */
    snprintf(path, sizeof path, "%s/requests/%s", run, b.id);
    assert_string_equal(slurp(path), "eject /media/mingbai/ABCD-1234\n");

    snprintf(path, sizeof path, "%s/stick/status", run);
    assert_int_equal(screen_stick_answer(&a, 0, msg, sizeof msg), STICK_WAITING);
    char text[300];
    snprintf(text, sizeof text, "%s ok eject\nnot this one\n", b.id);
    put(path, text);
    assert_int_equal(screen_stick_answer(&a, 10, msg, sizeof msg), STICK_WAITING);
    snprintf(text, sizeof text, "%s ok rw\n/dev/sdb1 mounted rw\n", a.id);
    put(path, text);
    assert_int_equal(screen_stick_answer(&a, 0, msg, sizeof msg), STICK_DONE);
    assert_string_equal(msg, "/dev/sdb1 mounted rw");
    snprintf(text, sizeof text, "%s failed eject\n/media/mingbai/ABCD-1234 is busy\n", b.id);
    put(path, text);
    assert_int_equal(screen_stick_answer(&b, 0, msg, sizeof msg), STICK_FAILED);
    assert_string_equal(msg, "/media/mingbai/ABCD-1234 is busy");
    /* No answer: waiting, then none once the 150 ms are up. */
    assert_true(screen_stick_ask(&a, STICK_RO, "/media/mingbai/ABCD-1234", err, sizeof err));
    assert_int_equal(screen_stick_answer(&a, 0, msg, sizeof msg), STICK_WAITING);
    assert_int_equal(screen_stick_answer(&a, 400, msg, sizeof msg), STICK_NO_ANSWER);
    /* A folder that cannot be named in one line of the request. */
    char longdir[600];
    memset(longdir, 'x', sizeof longdir - 1);
    longdir[sizeof longdir - 1] = 0;
    assert_false(screen_stick_ask(&a, STICK_RW, longdir, err, sizeof err));
    unsetenv("MINGBAI_STICK_RUN");
    unsetenv("MINGBAI_STICK_WAIT_MS");
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf %s", run);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sticks_from_mounts),
        cmocka_unit_test(test_stick_requests),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
