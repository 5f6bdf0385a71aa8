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
    "/dev/sde1 /mediaX vfat rw 0 0\n";

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
    assert_int_equal(n, 4);
    assert_string_equal(s[0].path, "/media/pi/CLASS STICK");
    assert_string_equal(s[1].path, "/media/USB2");
    assert_string_equal(s[2].path, "/run/media/li/KINGSTON");
    assert_string_equal(s[3].path, "/mnt/usb");
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sticks_from_mounts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
