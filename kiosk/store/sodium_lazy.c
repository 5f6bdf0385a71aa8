/* libsodium, loaded the first time a PIN or a participant's code is set or
 * checked, not at start (mingbai/lazy.h): the functions store_pin.c and
 * store_code.c call, under their own names; the program is not linked
 * with libsodium. */
#include <sodium.h>

#include "mingbai/lazy.h"

#ifndef MINGBAI_SODIUM_SONAME
#define MINGBAI_SODIUM_SONAME "libsodium.so.23"
#endif

static LazyLib sodium = {.soname = MINGBAI_SODIUM_SONAME};

LAZY(sodium, int, sodium_init, (void), ())
LAZY_VOID(sodium, sodium_memzero, (void *const p, const size_t n), (p, n))
LAZY(sodium, int, crypto_pwhash_str,
     (char out[crypto_pwhash_STRBYTES], const char *const pw, unsigned long long n,
      unsigned long long ops, size_t mem),
     (out, pw, n, ops, mem))
LAZY(sodium, int, crypto_pwhash_str_verify,
     (const char str[crypto_pwhash_STRBYTES], const char *const pw, unsigned long long n),
     (str, pw, n))
LAZY(sodium, int, crypto_pwhash_str_needs_rehash,
     (const char str[crypto_pwhash_STRBYTES], unsigned long long ops, size_t mem),
     (str, ops, mem))
