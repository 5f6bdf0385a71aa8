/* The images a Moodle XML question file embeds: <file name="x.png" path="/"
 * encoding="base64"> beside a field's <text>, referenced in it as
 * @@PLUGINFILE@@/x.png (the name URL-encoded). Each PNG or JPEG becomes a file
 * of the pack under the reader's media folder, within the pack's limits,
 * and its references point to that file. Input is untrusted: names are
 * reduced to the characters a pack allows, the base64 is decoded with
 * every byte checked, and the image's header must say PNG or JPEG. */
#include "moodle_xml_internal.h"

#include <stdlib.h>
#include <string.h>

#include "files_internal.h"
#include "pack_internal.h"

#define MX_PLUGINFILE "@@PLUGINFILE@@"
/* Bytes of a file name kept in the media folder, before "-2" and the
 * extension. */
#define MX_NAME_MAX 80

static int mx_b64(unsigned char c)
{
    return (c >= 'A' && c <= 'Z')   ? c - 'A'
           : (c >= 'a' && c <= 'z') ? c - 'a' + 26
           : (c >= '0' && c <= '9') ? c - '0' + 52
           : c == '+'               ? 62
           : c == '/'               ? 63
                                    : -1;
}

/* Decodes base64 (whitespace skipped, '=' ends it); NULL when a byte is
 * not base64. The caller frees the result. */
static unsigned char *mx_base64(const char *s, size_t *n)
{
    size_t len = strlen(s);
    unsigned char *out = mb_xmalloc(len / 4 * 3 + 3);
    uint32_t acc = 0;
    int bits = 0;
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        if (c == '=')
            break;
        int v = mx_b64(c);
        if (v < 0) {
            free(out);
            return NULL;
        }
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[k++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    *n = k;
    return out;
}

static int mx_hex(char c)
{
    return (c >= '0' && c <= '9')   ? c - '0'
           : (c >= 'a' && c <= 'f') ? c - 'a' + 10
           : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                    : -1;
}

/* %XX decoded, in the arena. */
static char *mx_unescape(Arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n && mx_hex(s[i + 1]) >= 0 && mx_hex(s[i + 2]) >= 0) {
            out[k++] = (char)(mx_hex(s[i + 1]) * 16 + mx_hex(s[i + 2]));
            i += 2;
        } else {
            out[k++] = s[i];
        }
    }
    out[k] = 0;
    return out;
}

static bool mx_is_file(const xmlNode *n)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, "file");
}

/* "/" + name of a <file> (its path attribute, "/" when none) in the arena. */
static char *mx_file_ref(MxReader *r, const xmlNode *f)
{
    xmlChar *name = xmlGetProp((xmlNode *)f, (const xmlChar *)"name");
    xmlChar *dir = xmlGetProp((xmlNode *)f, (const xmlChar *)"path");
    char *ref = arena_printf(r->arena, "%s%s", dir ? (const char *)dir : "/",
                             name ? (const char *)name : "");
    xmlFree(name);
    xmlFree(dir);
    return ref;
}

/* The <file> referenced as ref: among field's own, else anywhere in q. */
static const xmlNode *mx_find_file(MxReader *r, const xmlNode *q, const xmlNode *field,
                                   const char *ref)
{
    for (const xmlNode *c = field->children; c; c = c->next)
        if (mx_is_file(c) && !strcmp(mx_file_ref(r, c), ref))
            return c;
    /* Depth first over q without recursion: q is at most a few levels deep,
     * but the input is untrusted. */
    const xmlNode *n = q->children;
    while (n && n != q) {
        if (mx_is_file(n) && !strcmp(mx_file_ref(r, n), ref))
            return n;
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n != q && !n->next)
            n = n->parent;
        if (n != q)
            n = n->next;
    }
    return NULL;
}

/* The file's name reduced to letters, digits, '-', '_' and '.', with the
 * stem cut at MX_NAME_MAX bytes; ext gets the extension (with its dot). */
static char *mx_safe_name(MxReader *r, const char *name, const char **ext)
{
    const char *slash = strrchr(name, '/');
    if (slash)
        name = slash + 1;
    const char *dot = strrchr(name, '.');
    size_t stem = dot ? (size_t)(dot - name) : strlen(name);
    *ext = arena_strdup(r->arena, dot ? dot : "");
    char *out = arena_alloc(r->arena, MB_MIN(stem, (size_t)MX_NAME_MAX) + 6);
    size_t k = 0;
    for (size_t i = 0; i < stem && k < MX_NAME_MAX; i++) {
        char c = name[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        if (ok || (k && out[k - 1] != '-'))
            out[k++] = ok ? c : '-';
    }
    out[k] = 0;
    if (!k)
        strcpy(out, "image");
    return out;
}

static const PackFile *mx_taken(const MoodleXmlMedia *m, const char *path)
{
    const PackFile *f = pack_files_find(m->out, path);
    return f ? f : m->taken ? pack_files_find(m->taken, path) : NULL;
}

/* Adds the image (bytes, n) under a free name, or finds it there already;
 * returns its path in the pack, or NULL when the limits forbid it. */
static char *mx_store(MxReader *r, int line, const char *name, unsigned char *bytes, size_t n)
{
    const MoodleXmlMedia *m = r->media;
    const char *ext;
    char *stem = mx_safe_name(r, name, &ext);
    for (int k = 1; k < 1000; k++) {
        char *path = k == 1 ? arena_printf(r->arena, "%s%s%s", m->dir, stem, ext)
                            : arena_printf(r->arena, "%s%s-%d%s", m->dir, stem, k, ext);
        const PackFile *f = mx_taken(m, path);
        if (f && f->len == n && !memcmp(f->data, bytes, n))
            return path;
        if (f)
            continue;
        size_t total = m->out->total_bytes + (m->taken ? m->taken->total_bytes : 0);
        size_t count = m->out->count + (m->taken ? m->taken->count : 0);
        if (total + n > m->lim->max_total || count + 1 > m->lim->max_files) {
            char *q = quoted(name);
            diags_add(r->diags, DIAG_ERROR, r->path, line, 1, "split the questions into several packs",
                      "image %s does not fit: the pack would exceed its limit of %zu files or "
                      "%zu MiB",
                      q, m->lim->max_files, m->lim->max_total >> 20);
            free(q);
            return NULL;
        }
        pack_files_add(m->out, path, bytes, n);
        return path;
    }
    return NULL;
}

/* The embedded file f as an image of the pack: its path, or NULL (reported
 * when the kiosk cannot show it). */
static char *mx_image(MxReader *r, const xmlNode *f)
{
    int line = mx_line(f);
    xmlChar *nm = xmlGetProp((xmlNode *)f, (const xmlChar *)"name");
    char *name = arena_strdup(r->arena, nm ? (const char *)nm : "");
    xmlFree(nm);
    char *q = quoted(name);
    char *result = NULL;
    xmlChar *content = xmlNodeGetContent((xmlNode *)f);
    size_t n = 0;
    unsigned char *bytes = content ? mx_base64((const char *)content, &n) : NULL;
    xmlFree(content);
    PackFile pf = {.path = name, .data = bytes, .len = n};
    uint32_t w, h;
    if (!pack_is_image_name(name)) {
        diags_add(r->diags, DIAG_WARNING, r->path, line, 1, "convert it to PNG or JPEG",
                  "embedded file %s is not shown: the kiosk shows PNG and JPEG images only", q);
    } else if (!bytes || !pack_image_size(&pf, &w, &h)) {
        diags_add(r->diags, DIAG_WARNING, r->path, line, 1, "export the question again",
                  "embedded image %s is not a readable PNG or JPEG; it is not shown", q);
    } else if (n > r->media->lim->max_image_file) {
        diags_add(r->diags, DIAG_WARNING, r->path, line, 1,
                  "save the image smaller (fewer pixels, JPEG for photos)",
                  "embedded image %s is larger than %zu MiB; it is not shown", q,
                  r->media->lim->max_image_file >> 20);
    } else {
        result = mx_store(r, line, name, bytes, n);
    }
    free(bytes);
    free(q);
    return result;
}

char *mx_media_rewrite(MxReader *r, const xmlNode *q, const xmlNode *field, const char *raw)
{
    if (!r->media || !strstr(raw, MX_PLUGINFILE))
        return (char *)raw;
    StrBuf b = {0};
    strbuf_append(&b, "", 0);
    const char *s = raw;
    const char *hit;
    size_t tag = strlen(MX_PLUGINFILE);
    while ((hit = strstr(s, MX_PLUGINFILE))) {
        const char *ref = hit + tag, *end = ref;
        while (*end && !strchr("\"' <>()\t\r\n?#", *end))
            end++;
        strbuf_append(&b, s, (size_t)(hit - s));
        char *want = mx_unescape(r->arena, ref, (size_t)(end - ref));
        const xmlNode *f = mx_find_file(r, q, field, want);
        char *path = f ? mx_image(r, f) : NULL;
        if (!f) {
            char *qw = quoted(want);
            diags_add(r->diags, DIAG_WARNING, r->path, mx_line(field), 1,
                      "export the question again with its files",
                      "the text shows file %s, which the question does not carry", qw);
            free(qw);
        }
        if (path)
            strbuf_puts(&b, path);
        else
            strbuf_append(&b, hit, (size_t)(end - hit));
        s = end;
    }
    strbuf_puts(&b, s);
    char *out = arena_strdup(r->arena, b.data);
    strbuf_free(&b);
    return out;
}
