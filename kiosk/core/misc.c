/* Languages, key names, geometry, the draw list, the clock and files. */
#include "mingbai/core.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *lang_code(Lang l)
{
    return l == LANG_ZH ? "zh-Hans" : "en";
}

int lang_parse(const char *code, Lang *out)
{
    if (!strcmp(code, "en")) {
        *out = LANG_EN;
        return 0;
    }
    if (!strcmp(code, "zh-Hans") || !strcmp(code, "zh") || !strcmp(code, "zh-CN")) {
        *out = LANG_ZH;
        return 0;
    }
    return -1;
}

static const char *const key_names[KEY_COUNT] = {
    [KEY_NONE] = "none",       [KEY_ESCAPE] = "escape",     [KEY_ENTER] = "enter",
    [KEY_BACKSPACE] = "backspace", [KEY_TAB] = "tab",       [KEY_LEFT] = "left",
    [KEY_RIGHT] = "right",     [KEY_UP] = "up",             [KEY_DOWN] = "down",
    [KEY_PAGEUP] = "pageup",   [KEY_PAGEDOWN] = "pagedown", [KEY_HOME] = "home",
    [KEY_END] = "end",         [KEY_SPACE] = "space",       [KEY_F1] = "f1",
    [KEY_F12] = "f12",         [KEY_E] = "e",
};

KeyCode key_from_name(const char *name)
{
    for (int k = 1; k < KEY_COUNT; k++)
        if (key_names[k] && !strcmp(key_names[k], name))
            return (KeyCode)k;
    if (!strcmp(name, "return"))
        return KEY_ENTER;
    return KEY_NONE;
}

const char *key_name(KeyCode k)
{
    return (k >= 0 && k < KEY_COUNT && key_names[k]) ? key_names[k] : "none";
}

Rect rect_intersect(Rect a, Rect b)
{
    int x0 = MB_MAX(a.x, b.x), y0 = MB_MAX(a.y, b.y);
    int x1 = MB_MIN(a.x + a.w, b.x + b.w), y1 = MB_MIN(a.y + a.h, b.y + b.h);
    Rect r = {x0, y0, MB_MAX(0, x1 - x0), MB_MAX(0, y1 - y0)};
    return r;
}

void drawlist_clear(DrawList *dl)
{
    dl->count = 0;
}

DrawCmd *drawlist_push(DrawList *dl, DrawKind kind)
{
    if (dl->count == dl->cap) {
        dl->cap = dl->cap ? dl->cap * 2 : 256;
        dl->cmds = mb_xrealloc(dl->cmds, dl->cap * sizeof *dl->cmds);
    }
    DrawCmd *c = &dl->cmds[dl->count++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    return c;
}

void drawlist_free(DrawList *dl)
{
    free(dl->cmds);
    memset(dl, 0, sizeof *dl);
}

static int64_t g_clock_offset, g_clock_frozen;

void mb_clock_freeze(int64_t epoch_ms)
{
    g_clock_frozen = epoch_ms;
}

int64_t mb_now_ms(void)
{
    if (g_clock_frozen)
        return g_clock_frozen + g_clock_offset;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 + g_clock_offset;
}

void mb_clock_set_offset(int64_t offset_ms)
{
    g_clock_offset = offset_ms;
}

int64_t mb_clock_offset(void)
{
    return g_clock_offset;
}

uint64_t mb_ticks_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int mb_read_file(const char *path, size_t max, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return MB_ERR_IO;
    struct stat st;
    if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
        fclose(f);
        errno = EISDIR;
        return MB_ERR_IO;
    }
    if ((size_t)st.st_size > max) {
        fclose(f);
        return MB_ERR_LIMIT;
    }
    char *buf = mb_xmalloc((size_t)st.st_size + 1);
    size_t n = fread(buf, 1, (size_t)st.st_size, f);
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return MB_ERR_IO;
    }
    buf[n] = 0;
    *out = buf;
    *len = n;
    return MB_OK;
}

int mb_write_file_atomic(const char *path, const void *data, size_t len)
{
    char *tmp = mb_xasprintf("%s.tmp-%ld", path, (long)getpid());
    int rc = MB_ERR_IO;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        goto done;
    const char *p = data;
    size_t left = len;
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            close(fd);
            unlink(tmp);
            goto done;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fsync(fd) || close(fd)) {
        unlink(tmp);
        goto done;
    }
    if (rename(tmp, path)) {
        unlink(tmp);
        goto done;
    }
    {
        char *dir = mb_xstrdup(path);
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = 0;
        int dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
        free(dir);
    }
    rc = MB_OK;
done:
    free(tmp);
    return rc;
}

int mb_mkdirs(const char *dir)
{
    char *p = mb_xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s == '/') {
            *s = 0;
            if (mkdir(p, 0755) && errno != EEXIST) {
                free(p);
                return MB_ERR_IO;
            }
            *s = '/';
        }
    }
    int rc = (mkdir(p, 0755) && errno != EEXIST) ? MB_ERR_IO : MB_OK;
    free(p);
    return rc;
}
