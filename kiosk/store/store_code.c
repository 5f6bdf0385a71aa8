/* A participant's code: 4 digits the instructor may give a participant so
 * that others cannot go on as them at the kiosk. Kept in participant_code
 * (schema 7) as a salted hash with the wrong tries in a row and the wall-
 * clock time the next try is allowed, counted and waited as for the PIN
 * (store_pin.c, whose reasons about the clock hold here too). The code
 * given is untrusted input from a keypad or a shell; a kept hash is
 * trusted to be ours but may have been edited, and then never matches.
 *
 * The hash: Argon2id through libsodium's crypto_pwhash_str (its own salt,
 * the parameters in the string, so a change below still verifies every
 * code set before), at two passes over 4 MiB. Ten thousand codes cannot be
 * made safe against someone who copies the database file, at any cost per
 * hash: that is not what this guards against. The code stops a classmate
 * at the kiosk, and there the counted, growing waits do the work; the hash
 * only keeps the digits out of the file. So the cost is chosen for the
 * kiosk's own check, asked on the sign-in screen while the participant
 * waits. Measured on an x86-64 server core (libsodium 1.0.18, best of 20
 * verifications, on a machine shared with other builds): 8 to 12 ms at
 * 4 MiB, against 47 to 63 ms at the PIN's 16 MiB; one pass less saves
 * little, since filling the memory is most of the cost. A Pi Zero 2 W runs
 * Argon2's portable code roughly eight to ten times slower, so about 65 to
 * 120 ms there, well under the 300 ms a tap may take, and 4 MiB of its
 * 512 MB. */
#include "store_internal.h"

#include <sodium.h>
#include <string.h>

#define CODE_OPSLIMIT 2
#define CODE_MEMLIMIT ((size_t)4 << 20)

typedef struct {
    char *hash; /* NULL: no code */
    int failures;
    int64_t wait_until_ms;
} CodeState;

bool store_code_valid(const char *code)
{
    if (!code || strlen(code) != STORE_CODE_LEN)
        return false;
    for (size_t i = 0; i < STORE_CODE_LEN; i++)
        if (code[i] < '0' || code[i] > '9')
            return false;
    return true;
}

static int code_sodium(Store *s)
{
    if (sodium_init() < 0)
        return store_fail(s, MB_ERR, "the password library (libsodium) could not start");
    return MB_OK;
}

static int code_hash(Store *s, const char *code, char out[crypto_pwhash_STRBYTES])
{
    if (crypto_pwhash_str(out, code, strlen(code), CODE_OPSLIMIT, CODE_MEMLIMIT))
        return store_fail(s, MB_ERR, "not enough memory to hash the code");
    return MB_OK;
}

/* Runs sql (one statement) with ?1 the participant, ?2 text (may be NULL)
 * and ?3, ?4 numbers; *changes (may be NULL) the rows it changed. */
static int code_exec(Store *s, const char *sql, int64_t participant, const char *text, int64_t a,
                     int64_t b, int *changes)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, sql, &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, participant);
    if (text)
        store_bind_text(st, 2, text);
    sqlite3_bind_int64(st, 3, a);
    sqlite3_bind_int64(st, 4, b);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "keeping a participant's code");
    else if (changes)
        *changes = sqlite3_changes(s->db);
    sqlite3_finalize(st);
    return rc;
}

int store_code_set(Store *s, int64_t participant, const char *code)
{
    if (!store_code_valid(code))
        return store_fail(s, MB_ERR_PARSE, "a code is %d digits", STORE_CODE_LEN);
    char hash[crypto_pwhash_STRBYTES];
    int rc = code_sodium(s);
    if (!rc)
        rc = code_hash(s, code, hash);
    if (rc)
        return rc;
    int changed = 0;
    rc = code_exec(s,
                   "INSERT OR REPLACE INTO participant_code(participant, hash, failures, "
                   "wait_until_ms) SELECT id, ?2, 0, 0 FROM participant WHERE id = ?1 AND "
                   "guest = 0",
                   participant, hash, 0, 0, &changed);
    sodium_memzero(hash, sizeof hash);
    if (!rc && changed == 0)
        rc = store_fail(s, MB_ERR_NOTFOUND, "participant %lld does not exist",
                        (long long)participant);
    return rc;
}

int store_code_clear(Store *s, int64_t participant)
{
    return code_exec(s, "DELETE FROM participant_code WHERE participant = ?1", participant, NULL, 0,
                     0, NULL);
}

int store_code_forgive(Store *s, int64_t participant)
{
    return code_exec(s,
                     "UPDATE participant_code SET failures = 0, wait_until_ms = 0 "
                     "WHERE participant = ?1",
                     participant, NULL, 0, 0, NULL);
}

static int code_read(Store *s, int64_t participant, CodeState *cs)
{
    memset(cs, 0, sizeof *cs);
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "SELECT hash, failures, wait_until_ms FROM participant_code "
                           "WHERE participant = ?1",
                           &st);
    if (rc)
        return rc;
    sqlite3_bind_int64(st, 1, participant);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        cs->hash = store_column_strdup(st, 0);
        int64_t f = sqlite3_column_int64(st, 1);
        cs->failures = f < 0 ? 0 : f > 1000000 ? 1000000 : (int)f;
        cs->wait_until_ms = sqlite3_column_int64(st, 2);
    } else if (step != SQLITE_DONE) {
        rc = store_fail_db(s, "reading a participant's code");
    }
    sqlite3_finalize(st);
    return rc;
}

int store_code_get(Store *s, int64_t participant, int64_t now_ms, bool *has, int *failures,
                   int *wait_s)
{
    CodeState cs;
    int rc = code_read(s, participant, &cs);
    *has = !rc && cs.hash;
    if (failures)
        *failures = *has ? cs.failures : 0;
    if (wait_s) {
        bool changed;
        int64_t ms = *has ? store_wait_left(cs.failures, &cs.wait_until_ms, now_ms, &changed) : 0;
        *wait_s = (int)((ms + 999) / 1000);
    }
    free(cs.hash);
    return rc;
}

static int code_write(Store *s, int64_t participant, const CodeState *cs)
{
    return code_exec(s,
                     "UPDATE participant_code SET failures = ?3, wait_until_ms = ?4 "
                     "WHERE participant = ?1",
                     participant, NULL, cs->failures, cs->wait_until_ms, NULL);
}

/* Counts the try as wrong, on disk, before the code is looked at (a power
 * cut during the check leaves it counted). MB_OK with *wait_ms > 0 while
 * a wait is running (nothing counted). */
static int code_count_try(Store *s, int64_t participant, int64_t now_ms, CodeState *cs,
                          int64_t *wait_ms)
{
    *wait_ms = 0;
    int rc = store_tx_begin(s);
    if (!rc)
        rc = code_read(s, participant, cs);
    if (!rc && !cs->hash)
        rc = store_fail(s, MB_ERR_NOTFOUND, "participant %lld has no code", (long long)participant);
    if (rc)
        goto done;
    bool changed;
    *wait_ms = store_wait_left(cs->failures, &cs->wait_until_ms, now_ms, &changed);
    if (*wait_ms > 0) {
        if (changed)
            rc = code_write(s, participant, cs);
    } else {
        cs->failures++;
        cs->wait_until_ms = now_ms + (int64_t)store_pin_delay_s(cs->failures) * 1000;
        rc = code_write(s, participant, cs);
    }
    if (!rc)
        rc = store_tx_commit(s);
done:
    if (rc)
        store_tx_rollback(s);
    return rc;
}

int store_code_check(Store *s, int64_t participant, const char *code, int64_t now_ms,
                     StorePinResult *result, int *wait_s)
{
    *result = STORE_PIN_WRONG;
    if (wait_s)
        *wait_s = 0;
    CodeState cs = {0};
    int64_t wait_ms = 0;
    int rc = code_sodium(s);
    if (!rc)
        rc = code_count_try(s, participant, now_ms, &cs, &wait_ms);
    if (rc)
        goto done;
    if (wait_ms > 0) {
        *result = STORE_PIN_WAIT;
    } else if (store_code_valid(code) &&
               crypto_pwhash_str_verify(cs.hash, code, strlen(code)) == 0) {
        *result = STORE_PIN_OK;
        if (store_code_forgive(s, participant))
            mb_log(LOG_WARN, "database %s: the code was right but its count stays: %s", s->path,
                   s->errmsg);
    } else {
        wait_ms = cs.wait_until_ms - now_ms;
    }
    if (wait_s && *result != STORE_PIN_OK)
        *wait_s = (int)((wait_ms + 999) / 1000);
done:
    free(cs.hash);
    return rc;
}
