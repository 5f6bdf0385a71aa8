/* A fresh store in its own temporary folder, shared by the store's unit
 * tests (test_store, test_admin, test_session, ...): setup opens it,
 * teardown closes it and removes the folder with everything in it. Include
 * after cmocka.h. */
#ifndef MINGBAI_TEST_STORE_FIXTURE_H
#define MINGBAI_TEST_STORE_FIXTURE_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "mingbai/store.h"

typedef struct {
    char dir[256];
    char path[512];
    Store *s;
} Fixture;

static inline int fixture_rm_entry(const char *path, const struct stat *st, int flag,
                                   struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Opens a store at DIR/relpath, DIR a new folder named after tag under
 * $TMPDIR (or /tmp); a relpath with folders has them made by store_open. */
static inline int fixture_setup(void **state, const char *tag, const char *relpath)
{
    Fixture *f = calloc(1, sizeof *f);
    const char *tmp = getenv("TMPDIR");
    snprintf(f->dir, sizeof f->dir, "%s/mingbai-%s-XXXXXX", tmp && tmp[0] ? tmp : "/tmp", tag);
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/%s", f->dir, relpath);
    if (store_open(f->path, &f->s))
        return -1;
    *state = f;
    return 0;
}

/* The bytes of the file at path: a new buffer, *len its length. */
static inline char *fixture_file_bytes(const char *path, size_t *len)
{
    char *data = NULL;
    assert_int_equal(mb_read_file(path, 1 << 24, &data, len), MB_OK);
    return data;
}

/* The file at path holds exactly the len bytes at data (left as it was). */
static inline void fixture_assert_file_is(const char *path, const char *data, size_t len)
{
    size_t got = 0;
    char *now = fixture_file_bytes(path, &got);
    assert_int_equal(got, len);
    assert_memory_equal(now, data, len);
    free(now);
}

static inline int fixture_teardown(void **state)
{
    Fixture *f = *state;
    store_close(f->s);
    nftw(f->dir, fixture_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(f);
    return 0;
}

#endif
