/* Libraries opened the first time the kiosk calls them, not at start. Every
 * library a program is linked with is mapped, relocated and partly resident
 * from its first instant, with the libraries it needs in turn: libxml2
 * brings ICU and libstdc++, libsystemd libgcrypt, SDL2_image libtiff and
 * libwebp. Those used only now and then (an instructor's Moodle XML file,
 * pinyin typing, a screenshot, the service manager) are opened by their
 * soname when first called instead; the package still depends on them.
 *
 * A module defines each function it calls under the library's own name
 * with LAZY or LAZY_VOID, in one file that is not linked with the library:
 * the calls elsewhere stay as written. The library is opened RTLD_LOCAL, so
 * it keeps calling its own functions. */
#ifndef MINGBAI_LAZY_H
#define MINGBAI_LAZY_H

#include <stdbool.h>

typedef struct {
    const char *soname; /* "libxml2.so.2": what dlopen is given */
    void *handle;       /* NULL until opened */
    bool failed;        /* opening failed once: said once, not tried again */
} LazyLib;

/* The address of the function name in lib, which is opened on the first
 * call; NULL (said in the log once) when the library or the function is
 * missing. */
void *lazy_find(LazyLib *lib, const char *name);
/* lazy_find for a library the package depends on: a missing one is a
 * broken installation, said in the log, then the program stops (abort). */
void *lazy_need(LazyLib *lib, const char *name);
/* Whether lib is open (the tests: that a run never opened it). */
bool lazy_loaded(const LazyLib *lib);

/* Defines ret name params, which calls lib's name with args. */
#define LAZY(lib, ret, name, params, args)                                                         \
    ret name params                                                                                \
    {                                                                                              \
        static ret(*lazy_fn) params;                                                               \
        if (!lazy_fn)                                                                              \
            *(void **)&lazy_fn = lazy_need(&(lib), #name);                                         \
        return lazy_fn args;                                                                       \
    }
#define LAZY_VOID(lib, name, params, args)                                                         \
    void name params                                                                               \
    {                                                                                              \
        static void(*lazy_fn) params;                                                              \
        if (!lazy_fn)                                                                              \
            *(void **)&lazy_fn = lazy_need(&(lib), #name);                                         \
        lazy_fn args;                                                                              \
    }

#endif
