/* Pinyin to hanzi over libgooglepinyin (see mingbai/ime.h). Its header
 * declares the C functions inside a C++ namespace and cannot be included
 * from C; the functions themselves have C linkage, so they are declared
 * here with their C types (char16 and uint16 are 16-bit units, a C++
 * reference to a pointer is a pointer to it). The user dictionary is given
 * no file, so the decoder learns nothing and writes nothing: the names
 * typed on a shared kiosk stay in the kiosk's own database only. */
#include "mingbai/core.h"
#include "mingbai/ime.h"

#include <stdint.h>
#include <string.h>
#include <unistd.h>

#ifdef MINGBAI_PINYIN_DICT
#include "mingbai/lazy.h"

#ifndef MINGBAI_GOOGLEPINYIN_SONAME
#define MINGBAI_GOOGLEPINYIN_SONAME "libgooglepinyin.so.0"
#endif

/* The library (and the libstdc++ it needs) is opened when a name is first
 * typed in pinyin, not at start. */
static LazyLib googlepinyin = {.soname = MINGBAI_GOOGLEPINYIN_SONAME};

bool im_open_decoder(const char *fn_sys_dict, const char *fn_usr_dict);
void im_set_max_lens(size_t max_sps_len, size_t max_hzs_len);
void im_reset_search(void);
size_t im_search(const char *sps_buf, size_t sps_len);
uint16_t *im_get_candidate(size_t cand_id, uint16_t *cand_str, size_t max_len);
size_t im_get_spl_start_pos(const uint16_t **spl_start);
LAZY(googlepinyin, bool, im_open_decoder, (const char *sys, const char *usr), (sys, usr))
LAZY_VOID(googlepinyin, im_set_max_lens, (size_t sps, size_t hzs), (sps, hzs))
LAZY_VOID(googlepinyin, im_reset_search, (void), ())
LAZY(googlepinyin, size_t, im_search, (const char *sps, size_t len), (sps, len))
LAZY(googlepinyin, uint16_t *, im_get_candidate, (size_t id, uint16_t *str, size_t max),
     (id, str, max))
LAZY(googlepinyin, size_t, im_get_spl_start_pos, (const uint16_t **start), (start))

static bool open_now;
static size_t ncands;

bool ime_available(void)
{
    static int there = -1; /* asked once: the keyboard asks every frame */
    if (there < 0)
        there = access(MINGBAI_PINYIN_DICT, R_OK) == 0;
    return there;
}

int ime_open(void)
{
    if (open_now)
        return MB_OK;
    /* "" as the user dictionary: it cannot be opened or made, so there is
     * none. */
    if (!ime_available() || !im_open_decoder(MINGBAI_PINYIN_DICT, "")) {
        mb_log(LOG_WARN, "pinyin: cannot load %s", MINGBAI_PINYIN_DICT);
        return MB_ERR;
    }
    im_set_max_lens(IME_SPELL_MAX, IME_SPELL_MAX / 2);
    open_now = true;
    ncands = 0;
    return MB_OK;
}

bool ime_is_open(void)
{
    return open_now;
}

size_t ime_search(const char *spell)
{
    if (!open_now)
        return 0;
    im_reset_search();
    ncands = im_search(spell, strnlen(spell, IME_SPELL_MAX));
    return ncands;
}

bool ime_candidate(size_t i, char *out, size_t cap, size_t *used)
{
    uint16_t u[IME_SPELL_MAX + 1];
    if (cap == 0 || i >= ncands || !im_get_candidate(i, u, MB_COUNT(u)))
        return false;
    u[IME_SPELL_MAX] = 0;
    size_t n = 0, len = 0;
    for (; u[len]; len++) {
        char b[4];
        int k = utf8_encode(u[len], b); /* the dictionary is in the BMP */
        if (n + (size_t)k >= cap)
            return false;
        memcpy(out + n, b, (size_t)k);
        n += (size_t)k;
    }
    out[n] = 0;
    const uint16_t *start = NULL;
    size_t nspl = im_get_spl_start_pos(&start);
    *used = start && len <= nspl ? start[len] : 0;
    return len > 0;
}

#else

bool ime_available(void)
{
    return false;
}

int ime_open(void)
{
    return MB_ERR;
}

bool ime_is_open(void)
{
    return false;
}

size_t ime_search(const char *spell)
{
    (void)spell;
    return 0;
}

bool ime_candidate(size_t i, char *out, size_t cap, size_t *used)
{
    (void)i;
    (void)out;
    (void)cap;
    *used = 0;
    return false;
}

#endif
