/* Libraries opened when first called (include/mingbai/lazy.h). */
#include "mingbai/lazy.h"

#include <dlfcn.h>
#include <stdlib.h>

#include "mingbai/core.h"

static void *lazy_open(LazyLib *lib)
{
    if (!lib->handle && !lib->failed) {
        lib->handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
        if (!lib->handle) {
            lib->failed = true;
            mb_log(LOG_ERROR, "cannot open the library %s: %s", lib->soname, dlerror());
        }
    }
    return lib->handle;
}

void *lazy_find(LazyLib *lib, const char *name)
{
    void *h = lazy_open(lib);
    if (!h)
        return NULL;
    void *fn = dlsym(h, name);
    if (!fn)
        mb_log(LOG_ERROR, "the library %s has no %s: %s", lib->soname, name, dlerror());
    return fn;
}

void *lazy_need(LazyLib *lib, const char *name)
{
    void *fn = lazy_find(lib, name);
    if (!fn) {
        mb_log(LOG_ERROR, "the installation is broken: reinstall the package mingbai and "
                          "the libraries it depends on");
        abort();
    }
    return fn;
}

bool lazy_loaded(const LazyLib *lib)
{
    return lib->handle != NULL;
}
