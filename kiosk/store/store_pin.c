/* The instructor's PIN: kept as a salted slow hash, checked with a failure
 * count that is on disk before the PIN is looked at, and growing waits
 * after STORE_PIN_FREE_TRIES failures in a row. Everything lives in the
 * setting table (pin_hash, pin_failures, pin_wait_until_ms), so no schema
 * change was needed. The PIN given is untrusted input from a keypad or a
 * shell; the kept hash is trusted to be ours but may have been edited, in
 * which case it simply never matches.
 *
 * The hash: Argon2id through libsodium's crypto_pwhash_str, which draws its
 * own salt and writes the parameters into the string it returns, so a
 * change of parameters below still verifies every PIN set before. Two
 * passes (OPSLIMIT_INTERACTIVE) over 16 MiB rather than libsodium's 64 MiB
 * MEMLIMIT_INTERACTIVE. Measured on an x86-64 server core (libsodium 1.0.18,
 * its AVX2 code): a check takes about 40 ms at 16 MiB and 200 ms at 64 MiB.
 * On a Pi Zero 2 W (Cortex-A53 at 1 GHz, where libsodium runs Argon2's
 * portable code, roughly eight to ten times slower; 512 MB shared with the
 * GPU) that is about 0.3 to 0.5 s at 16 MiB, but 1.5 to 2 s and an eighth
 * of the memory at 64 MiB, for every try at the keypad. A PIN of 4
 * to 8 digits cannot be made safe against someone who copies the file, at
 * any cost per hash; the hash keeps the digits out of the file, and the
 * counted, growing waits are what stop guessing at the kiosk.
 *
 * The clock: the time the next try is allowed is kept as wall-clock
 * milliseconds. A monotonic clock starts again at every boot, so a deadline
 * kept in it would mean nothing after the plug is pulled, which is exactly
 * what the count must survive. The wall clock of a board without a
 * real-time clock can come back earlier after a power cut (fake-hwclock);
 * a deadline would then lie far ahead, so a wait is never longer than the
 * failure count asks for: a deadline further away than that is brought back
 * to now plus the delay, and written so. A clock set later shortens a wait,
 * but setting the clock takes a shell, from which the PIN can be set anyway. */
#include "store_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PIN_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PIN_MEMLIMIT ((size_t)16 << 20)

#define PIN_KEY_HASH "pin_hash"
#define PIN_KEY_FAILURES "pin_failures"
#define PIN_KEY_WAIT "pin_wait_until_ms"

#define PIN_FIRST_DELAY_S 30
#define PIN_MAX_DELAY_S (60 * 60)

typedef struct {
    char *hash;        /* NULL: no PIN set */
    int failures;
    int64_t wait_until_ms;
} PinState;

static int pin_sodium(Store *s)
{
    if (sodium_init() < 0)
        return store_fail(s, MB_ERR, "the password library (libsodium) could not start");
    return MB_OK;
}

bool store_pin_valid(const char *pin)
{
    size_t n = pin ? strlen(pin) : 0;
    if (n < STORE_PIN_MIN || n > STORE_PIN_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

int store_pin_delay_s(int failures)
{
    if (failures < STORE_PIN_FREE_TRIES)
        return 0;
    int64_t d = PIN_FIRST_DELAY_S;
    for (int i = STORE_PIN_FREE_TRIES; i < failures && d < PIN_MAX_DELAY_S; i++)
        d *= 2;
    return d > PIN_MAX_DELAY_S ? PIN_MAX_DELAY_S : (int)d;
}

/* A whole number kept as a setting; def when unset or not a number. */
static int pin_setting_i64(Store *s, const char *key, int64_t def, int64_t *out)
{
    *out = def;
    char *v = store_setting_get(s, key);
    if (!v)
        return s->errmsg[0] ? MB_ERR_DB : MB_OK;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (end != v && !*end)
        *out = n;
    free(v);
    return MB_OK;
}

static int pin_setting_put_i64(Store *s, const char *key, int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)v);
    return store_setting_set(s, key, buf);
}

static int pin_state_read(Store *s, PinState *st)
{
    memset(st, 0, sizeof *st);
    st->hash = store_setting_get(s, PIN_KEY_HASH);
    if (!st->hash && s->errmsg[0])
        return MB_ERR_DB;
    int64_t failures = 0;
    int rc = pin_setting_i64(s, PIN_KEY_FAILURES, 0, &failures);
    if (!rc)
        rc = pin_setting_i64(s, PIN_KEY_WAIT, 0, &st->wait_until_ms);
    st->failures = failures < 0 ? 0 : failures > 1000000 ? 1000000 : (int)failures;
    return rc;
}

static int pin_state_write(Store *s, int failures, int64_t wait_until_ms)
{
    int rc = pin_setting_put_i64(s, PIN_KEY_FAILURES, failures);
    if (!rc)
        rc = pin_setting_put_i64(s, PIN_KEY_WAIT, wait_until_ms);
    return rc;
}

int store_pin_is_set(Store *s, bool *set)
{
    *set = false;
    char *hash = store_setting_get(s, PIN_KEY_HASH);
    if (!hash)
        return s->errmsg[0] ? MB_ERR_DB : MB_OK;
    *set = hash[0] != 0;
    free(hash);
    return MB_OK;
}

int store_pin_failures(Store *s)
{
    int64_t n = 0;
    if (pin_setting_i64(s, PIN_KEY_FAILURES, 0, &n))
        return -1;
    return (int)n;
}

static int pin_hash(Store *s, const char *pin, char out[crypto_pwhash_STRBYTES])
{
    if (crypto_pwhash_str(out, pin, strlen(pin), PIN_OPSLIMIT, PIN_MEMLIMIT))
        return store_fail(s, MB_ERR, "not enough memory to hash the PIN");
    return MB_OK;
}

int store_pin_set(Store *s, const char *pin)
{
    if (!store_pin_valid(pin))
        return store_fail(s, MB_ERR_PARSE, "a PIN is %d to %d digits", STORE_PIN_MIN,
                          STORE_PIN_MAX);
    char hash[crypto_pwhash_STRBYTES];
    int rc = pin_sodium(s);
    if (!rc)
        rc = pin_hash(s, pin, hash);
    if (rc)
        return rc;
    rc = store_tx_begin(s);
    if (!rc)
        rc = store_setting_set(s, PIN_KEY_HASH, hash);
    if (!rc)
        rc = pin_state_write(s, 0, 0);
    if (!rc)
        rc = store_tx_commit(s);
    if (rc)
        store_tx_rollback(s);
    sodium_memzero(hash, sizeof hash);
    return rc;
}

int64_t store_wait_left(int failures, int64_t *wait_until_ms, int64_t now_ms, bool *changed)
{
    int64_t most = (int64_t)store_pin_delay_s(failures) * 1000;
    *changed = false;
    if (*wait_until_ms - now_ms > most) {
        *wait_until_ms = now_ms + most;
        *changed = true;
    }
    return *wait_until_ms > now_ms ? *wait_until_ms - now_ms : 0;
}

/* Counts the try as failed, on disk, before the PIN is looked at: a power
 * cut during the slow check then leaves it counted. Returns MB_OK with
 * *wait_ms > 0 when a wait is still running (nothing counted). */
static int pin_count_try(Store *s, int64_t now_ms, PinState *st, int64_t *wait_ms)
{
    *wait_ms = 0;
    int rc = store_tx_begin(s);
    if (!rc)
        rc = pin_state_read(s, st);
    if (!rc && (!st->hash || !st->hash[0]))
        rc = store_fail(s, MB_ERR_NOTFOUND, "no instructor PIN is set");
    if (rc)
        goto done;
    bool changed;
    *wait_ms = store_wait_left(st->failures, &st->wait_until_ms, now_ms, &changed);
    if (*wait_ms > 0) {
        if (changed)
            rc = pin_state_write(s, st->failures, st->wait_until_ms);
    } else {
        st->failures++;
        st->wait_until_ms = now_ms + (int64_t)store_pin_delay_s(st->failures) * 1000;
        rc = pin_state_write(s, st->failures, st->wait_until_ms);
    }
    if (!rc)
        rc = store_tx_commit(s);
done:
    if (rc)
        store_tx_rollback(s);
    return rc;
}

/* After a right PIN: the count starts again; a hash made with other
 * parameters than today's is made anew while the PIN is at hand. */
static void pin_after_success(Store *s, const PinState *st, const char *pin)
{
    char hash[crypto_pwhash_STRBYTES];
    bool rehash = crypto_pwhash_str_needs_rehash(st->hash, PIN_OPSLIMIT, PIN_MEMLIMIT) != 0 &&
                  pin_hash(s, pin, hash) == MB_OK;
    int rc = store_tx_begin(s);
    if (!rc)
        rc = pin_state_write(s, 0, 0);
    if (!rc && rehash)
        rc = store_setting_set(s, PIN_KEY_HASH, hash);
    if (!rc)
        rc = store_tx_commit(s);
    if (rc) {
        store_tx_rollback(s);
        mb_log(LOG_WARN, "database %s: the PIN was right but its failure count stays: %s",
               s->path, s->errmsg);
    }
    sodium_memzero(hash, sizeof hash);
}

int store_pin_check(Store *s, const char *pin, int64_t now_ms, StorePinResult *result,
                    int *wait_s)
{
    *result = STORE_PIN_WRONG;
    if (wait_s)
        *wait_s = 0;
    PinState st = {0};
    int64_t wait_ms = 0;
    int rc = pin_sodium(s);
    if (!rc)
        rc = pin_count_try(s, now_ms, &st, &wait_ms);
    if (rc)
        goto done;
    if (wait_ms > 0) {
        *result = STORE_PIN_WAIT;
    } else if (store_pin_valid(pin) && crypto_pwhash_str_verify(st.hash, pin, strlen(pin)) == 0) {
        *result = STORE_PIN_OK;
        pin_after_success(s, &st, pin);
    } else {
        wait_ms = st.wait_until_ms - now_ms;
    }
    if (wait_s && *result != STORE_PIN_OK)
        *wait_s = (int)((wait_ms + 999) / 1000);
done:
    free(st.hash);
    return rc;
}
