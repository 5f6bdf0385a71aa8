/* A Ui without a window, shared by the interface's unit tests (test_ui,
 * test_touch, test_keys): a fresh database in a temporary folder, the real
 * text engine and fonts, optionally the shipped course, an 800x480 screen.
 * Each test file drives it with its own events. Include after cmocka.h. */
#ifndef MINGBAI_TEST_UI_HARNESS_H
#define MINGBAI_TEST_UI_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "mingbai/pack.h"
#include "mingbai/store.h"
#include "mingbai/text.h"
#include "mingbai/ui.h"

typedef struct {
    char dir[64];
    Store *store;
    TextEngine *te;
    Pack *pack; /* the shipped course, or NULL */
    Ui *ui;
    DrawList dl;
    uint64_t now;
} Harness;

static inline const char *source_dir(void)
{
    const char *d = getenv("MINGBAI_SOURCE_DIR");
    return d ? d : "..";
}

static inline void frame(Harness *h)
{
    ui_frame(h->ui, h->now, &h->dl);
}

/* A new harness (its folder named after tag) with the shipped course when
 * course is true, at 1000 ms after one frame; px_per_mm as UiConfig's. */
static inline Harness *harness_new(const char *tag, bool course, float px_per_mm)
{
    Harness *h = calloc(1, sizeof *h);
    assert_non_null(h);
    snprintf(h->dir, sizeof h->dir, "/tmp/mingbai-%s-XXXXXX", tag);
    assert_non_null(mkdtemp(h->dir));
    char *db = mb_xasprintf("%s/kiosk.db", h->dir);
    assert_int_equal(store_open(db, &h->store), MB_OK);
    free(db);
    char *fonts = mb_xasprintf("%s/fonts", source_dir());
    h->te = text_engine_new(fonts);
    free(fonts);
    assert_non_null(h->te);
    if (course) {
        char *dir = mb_xasprintf("%s/content/media-literacy", source_dir());
        Diags d = {0};
        assert_int_equal(pack_load(dir, &h->pack, &d), 0);
        diags_free(&d);
        free(dir);
    }
    UiConfig cfg = {.store = h->store, .text = h->te, .packs = h->pack ? &h->pack : NULL,
                    .npacks = h->pack ? 1 : 0, .lang = LANG_EN, .width = 800, .height = 480,
                    .px_per_mm = px_per_mm};
    h->ui = ui_new(&cfg);
    h->now = 1000;
    frame(h);
    return h;
}

/* Frees the harness and removes its database and folder. */
static inline void harness_free(Harness *h)
{
    ui_free(h->ui);
    drawlist_free(&h->dl);
    pack_free(h->pack);
    text_engine_free(h->te);
    store_close(h->store);
    const char *ext[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < MB_COUNT(ext); i++) {
        char *f = mb_xasprintf("%s/kiosk.db%s", h->dir, ext[i]);
        unlink(f);
        free(f);
    }
    rmdir(h->dir);
    free(h);
}

#endif
