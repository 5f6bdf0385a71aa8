/* The kiosk's settings as types, over the setting table's key -> text:
 * the language and text size a new participant starts with, the idle
 * timeout, the kiosk's name. A value is checked before it is kept; a kept
 * text that is not valid (the file edited by hand) reads as the default and
 * is logged, never trusted. */
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_LANG "default_lang"
#define KEY_IDLE "idle_timeout_s"
#define KEY_TEXT "text_size"
#define KEY_NAME "kiosk_name"

static const char *const text_size_names[STORE_TEXT_COUNT] = {"normal", "large", "larger"};

const char *store_text_size_name(StoreTextSize size)
{
    return (int)size >= 0 && (int)size < STORE_TEXT_COUNT ? text_size_names[size] : "normal";
}

int store_text_size_parse(const char *name)
{
    for (int i = 0; name && i < STORE_TEXT_COUNT; i++)
        if (!strcmp(name, text_size_names[i]))
            return i;
    return -1;
}

void store_settings_default(StoreSettings *out)
{
    memset(out, 0, sizeof *out);
    out->lang = LANG_EN;
    out->idle_timeout_s = STORE_IDLE_DEFAULT_S;
    out->text_size = STORE_TEXT_NORMAL;
}

static bool idle_ok(long long v)
{
    return v >= STORE_IDLE_MIN_S && v <= STORE_IDLE_MAX_S;
}

/* The name as kept: trimmed of spaces; NULL when it is not acceptable. */
static char *kiosk_name_clean(const char *name, size_t *chars)
{
    while (*name == ' ')
        name++;
    size_t n = strlen(name);
    while (n && name[n - 1] == ' ')
        n--;
    *chars = utf8_count(name, n);
    if (!utf8_valid(name, n, NULL) || *chars > STORE_KIOSK_NAME_MAX)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return NULL;
    for (size_t i = 0; i < n;) {
        uint32_t cp = utf8_decode(name, n, &i);
        if (cp >= 0x80 && cp < 0xa0) /* C1 controls */
            return NULL;
    }
    return mb_xstrndup(name, n);
}

/* Reads each kept value into *out; where none is kept, or it is not valid,
 * the default stays. */
static int settings_read(Store *s, StoreSettings *out)
{
    const char *keys[] = {KEY_LANG, KEY_IDLE, KEY_TEXT, KEY_NAME};
    for (size_t k = 0; k < MB_COUNT(keys); k++) {
        char *v = store_setting_get(s, keys[k]);
        if (!v) {
            if (s->errmsg[0])
                return MB_ERR_DB;
            continue;
        }
        bool ok = true;
        if (k == 0) {
            ok = lang_parse(v, &out->lang) == 0;
        } else if (k == 1) {
            char *end;
            long long n = strtoll(v, &end, 10);
            ok = end != v && !*end && idle_ok(n);
            if (ok)
                out->idle_timeout_s = (int)n;
        } else if (k == 2) {
            int t = store_text_size_parse(v);
            ok = t >= 0;
            if (ok)
                out->text_size = (StoreTextSize)t;
        } else {
            size_t chars;
            char *name = kiosk_name_clean(v, &chars);
            ok = name && strlen(name) < sizeof out->kiosk_name;
            if (ok)
                snprintf(out->kiosk_name, sizeof out->kiosk_name, "%s", name);
            free(name);
        }
        if (!ok)
            mb_log(LOG_WARN, "database %s: the setting %s is not valid; using its default",
                   s->path, keys[k]);
        free(v);
    }
    return MB_OK;
}

int store_settings_get(Store *s, StoreSettings *out)
{
    store_settings_default(out);
    int rc = settings_read(s, out);
    if (rc)
        store_settings_default(out);
    return rc;
}

int store_settings_set_lang(Store *s, Lang lang)
{
    if ((int)lang < 0 || (int)lang >= LANG_COUNT)
        return store_fail(s, MB_ERR_PARSE, "the language is en or zh-Hans");
    return store_setting_set(s, KEY_LANG, lang_code(lang));
}

int store_settings_set_idle_timeout(Store *s, int seconds)
{
    if (!idle_ok(seconds))
        return store_fail(s, MB_ERR_PARSE, "the idle timeout is %d to %d seconds",
                          STORE_IDLE_MIN_S, STORE_IDLE_MAX_S);
    char buf[16];
    snprintf(buf, sizeof buf, "%d", seconds);
    return store_setting_set(s, KEY_IDLE, buf);
}

int store_settings_set_text_size(Store *s, StoreTextSize size)
{
    if ((int)size < 0 || (int)size >= STORE_TEXT_COUNT)
        return store_fail(s, MB_ERR_PARSE, "the text size is normal, large or larger");
    return store_setting_set(s, KEY_TEXT, text_size_names[size]);
}

int store_settings_set_kiosk_name(Store *s, const char *name)
{
    size_t chars = 0;
    char *clean = kiosk_name_clean(name ? name : "", &chars);
    if (!clean)
        return store_fail(s, MB_ERR_PARSE,
                          "a kiosk's name is at most %d characters of text, without control "
                          "characters",
                          STORE_KIOSK_NAME_MAX);
    int rc = store_setting_set(s, KEY_NAME, clean[0] ? clean : NULL);
    free(clean);
    return rc;
}
