/* UTF-8 decoding, encoding and validation (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF). Input is untrusted. */
#include "mingbai/core.h"

uint32_t utf8_decode(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned c = s[p];
    uint32_t cp;
    int n;
    if (c < 0x80) {
        *i = p + 1;
        return c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        cp = c & 0x07;
    } else {
        *i = p + 1;
        return 0xFFFD;
    }
    for (int k = 1; k <= n; k++) {
        if (p + (size_t)k >= len || (s[p + k] & 0xC0) != 0x80) {
            *i = p + 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[p + k] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = p + 1;
        return 0xFFFD;
    }
    *i = p + (size_t)n + 1;
    return cp;
}

int utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    } else if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

bool utf8_valid(const char *s, size_t len, size_t *bad_off)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        uint32_t cp = utf8_decode(s, len, &i);
        if (cp == 0xFFFD && !(i - start == 3 && (unsigned char)s[start] == 0xEF &&
                              (unsigned char)s[start + 1] == 0xBF &&
                              (unsigned char)s[start + 2] == 0xBD)) {
            if (bad_off)
                *bad_off = start;
            return false;
        }
    }
    return true;
}

size_t utf8_count(const char *s, size_t len)
{
    size_t i = 0, n = 0;
    while (i < len) {
        utf8_decode(s, len, &i);
        n++;
    }
    return n;
}

uint32_t utf8_last(const char *s, size_t len)
{
    size_t i = len;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return 0;
    i--;
    return utf8_decode(s, len, &i);
}

bool utf8_is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) ||  /* radicals, punctuation, kana, Han */
           (cp >= 0xF900 && cp <= 0xFAFF) ||  /* compatibility ideographs */
           (cp >= 0xFE30 && cp <= 0xFE4F) ||  /* vertical forms */
           (cp >= 0xFF00 && cp <= 0xFF60) ||  /* full-width forms */
           (cp >= 0x20000 && cp <= 0x3FFFF);  /* Han extensions */
}
