/* libzip, loaded the first time a zip archive is read (an instructor's
 * import from a stick), not at start: with it comes OpenSSL's libcrypto,
 * 1.5 MiB resident in every kiosk that never opens an archive. Each libzip
 * function that files_zip.c calls is defined here under its own name and
 * forwards to the library's, found with dlsym. The program is not linked
 * with libzip, so these are the only definitions it sees; the library,
 * opened RTLD_LOCAL, keeps calling its own. */
#include <zip.h>

#include "mingbai/lazy.h"

#ifndef MINGBAI_LIBZIP_SONAME
#define MINGBAI_LIBZIP_SONAME "libzip.so.4"
#endif

static LazyLib libzip = {.soname = MINGBAI_LIBZIP_SONAME};

LAZY(libzip, int, zip_file_get_external_attributes,
     (zip_t * za, zip_uint64_t i, zip_flags_t fl, zip_uint8_t *os, zip_uint32_t *attr),
     (za, i, fl, os, attr))
LAZY(libzip, int, zip_stat_index, (zip_t * za, zip_uint64_t i, zip_flags_t fl, zip_stat_t *st),
     (za, i, fl, st))
LAZY(libzip, const char *, zip_strerror, (zip_t * za), (za))
LAZY(libzip, const char *, zip_get_name, (zip_t * za, zip_uint64_t i, zip_flags_t fl), (za, i, fl))
LAZY(libzip, zip_file_t *, zip_fopen_index, (zip_t * za, zip_uint64_t i, zip_flags_t fl), (za, i, fl))
LAZY(libzip, zip_int64_t, zip_fread, (zip_file_t * zf, void *buf, zip_uint64_t n), (zf, buf, n))
LAZY(libzip, const char *, zip_file_strerror, (zip_file_t * zf), (zf))
LAZY(libzip, int, zip_fclose, (zip_file_t * zf), (zf))
LAZY_VOID(libzip, zip_error_init, (zip_error_t * ze), (ze))
LAZY_VOID(libzip, zip_error_fini, (zip_error_t * ze), (ze))
LAZY(libzip, zip_source_t *, zip_source_buffer_create,
     (const void *data, zip_uint64_t len, int freep, zip_error_t *ze), (data, len, freep, ze))
LAZY(libzip, zip_source_t *, zip_source_filep_create,
     (FILE * f, zip_uint64_t start, zip_int64_t len, zip_error_t *ze), (f, start, len, ze))
LAZY(libzip, zip_t *, zip_open_from_source, (zip_source_t * src, int flags, zip_error_t *ze),
     (src, flags, ze))
LAZY(libzip, int, zip_error_code_zip, (const zip_error_t *ze), (ze))
LAZY_VOID(libzip, zip_source_free, (zip_source_t * src), (src))
LAZY(libzip, const char *, zip_error_strerror, (zip_error_t * ze), (ze))
LAZY(libzip, zip_int64_t, zip_get_num_entries, (zip_t * za, zip_flags_t fl), (za, fl))
LAZY_VOID(libzip, zip_discard, (zip_t * za), (za))
