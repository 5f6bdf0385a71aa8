/* Pack reading and checking: the manifest, Markdown units, versions, each
 * limit at limit-1 (accepted) and limit+1 (rejected), hostile archives and
 * folders (traversal, links, devices, duplicates, case collisions,
 * encryption, lying sizes, bombs, 10^5 entries), and whole-pack checks
 * (question ids across languages, media, glossary). Zips are written with
 * libzip's own write API into a temporary folder, then patched where a test
 * needs an archive that lies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zip.h>

#include "mingbai/pack.h"

/* ---------------- helpers ---------------- */

static const Diag *diag_find(const Diags *d, DiagLevel level, const char *needle)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].level == level && strstr(d->items[i].message, needle))
            return &d->items[i];
    return NULL;
}

static void diags_dump(const Diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        char *s = diag_format(&d->items[i]);
        print_message("  %s\n", s);
        free(s);
    }
}

#define assert_diag(d, level, needle)                                                          \
    do {                                                                                       \
        if (!diag_find((d), (level), (needle))) {                                              \
            diags_dump(d);                                                                     \
            fail_msg("no %s containing \"%s\"", (level) == DIAG_ERROR ? "error" : "warning",  \
                     (needle));                                                                \
        }                                                                                      \
    } while (0)

static char tmp_root[64];

static int setup_tmp(void **state)
{
    (void)state;
    strcpy(tmp_root, "/tmp/mingbai-test-pack-XXXXXX");
    return mkdtemp(tmp_root) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
    return system(cmd) == 0 ? 0 : -1;
}

/* buf = tmp_root/rel; returns buf. */
static char *tmp_path(char *buf, size_t cap, const char *rel)
{
    snprintf(buf, cap, "%s/%s", tmp_root, rel);
    return buf;
}

static void write_file(const char *path, const void *data, size_t len)
{
    char *dir = strdup(path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        *slash = 0;
        assert_int_equal(mb_mkdirs(dir), 0);
    }
    free(dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static char *filled(size_t n, char c)
{
    char *s = malloc(n + 1);
    memset(s, c, n);
    s[n] = 0;
    return s;
}

typedef struct {
    const char *name;
    const void *data;
    size_t len;
    bool deflate;
    unsigned mode; /* unix st_mode for the external attributes; 0: default */
    bool encrypt;
} ZEntry;

/* Writes a zip with libzip and returns its bytes (caller frees). */
static unsigned char *zip_make(const char *path, const ZEntry *e, size_t n, size_t *len)
{
    int err = 0;
    unlink(path);
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(za);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *src = zip_source_buffer(za, e[i].data, e[i].len, 0);
        assert_non_null(src);
        zip_int64_t idx = zip_file_add(za, e[i].name, src, ZIP_FL_ENC_UTF_8);
        assert_true(idx >= 0);
        zip_set_file_compression(za, (zip_uint64_t)idx, e[i].deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
                                 9);
        if (e[i].mode)
            zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
                                             (zip_uint32_t)e[i].mode << 16);
        if (e[i].encrypt)
            assert_int_equal(
                zip_file_set_encryption(za, (zip_uint64_t)idx, ZIP_EM_AES_256, "secret"), 0);
    }
    assert_int_equal(zip_close(za), 0);
    char *bytes;
    assert_int_equal(mb_read_file(path, 1u << 30, &bytes, len), 0);
    return (unsigned char *)bytes;
}

static void put_le32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get_le(const unsigned char *p, int n)
{
    uint32_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* Makes the archive lie: entry name declares usize bytes, in its central
 * directory record and its local header alike (so libzip's consistency
 * check passes). */
static void zip_patch_usize(unsigned char *z, size_t len, const char *name, uint32_t usize)
{
    size_t nlen = strlen(name);
    bool done = false;
    for (size_t i = 0; i + 46 <= len; i++) {
        if (memcmp(z + i, "PK\1\2", 4) || get_le(z + i + 28, 2) != nlen ||
            memcmp(z + i + 46, name, nlen))
            continue;
        uint32_t local = get_le(z + i + 42, 4);
        put_le32(z + i + 24, usize);
        put_le32(z + local + 22, usize);
        done = true;
    }
    assert_true(done);
}

/* Renames every occurrence of from (local headers and directory alike). */
static void zip_patch_name(unsigned char *z, size_t len, const char *from, const char *to)
{
    size_t n = strlen(from);
    assert_int_equal(strlen(to), n);
    int hits = 0;
    for (size_t i = 0; i + n <= len; i++)
        if (!memcmp(z + i, from, n)) {
            memcpy(z + i, to, n);
            hits++;
        }
    assert_true(hits >= 2);
}

static int read_zip_mem(const unsigned char *z, size_t len, const PackLimits *lim, Diags *d)
{
    PackFiles files;
    int rc = pack_files_read_zip_mem(z, len, "t.zip", lim, &files, d);
    pack_files_free(&files);
    return rc;
}

static int read_path(const char *path, const PackLimits *lim, Diags *d)
{
    PackFiles files;
    int rc = pack_files_read(path, lim, &files, d);
    pack_files_free(&files);
    return rc;
}

/* ---------------- manifest ---------------- */

static const char good_manifest[] = "; a comment\n"
                                    "[pack]\n"
                                    "format = 1\n"
                                    "id = media-literacy\n"
                                    "version = 1.2\n"
                                    "languages = en zh-Hans\n"
                                    "licence = CC BY-SA 4.0 ; inline comment\n"
                                    "author = Team\n"
                                    "\n"
                                    "[en]\n"
                                    "title = Media literacy\n"
                                    "description = Two sentences.\n"
                                    "  And a continuation.\n"
                                    "[zh-Hans]\n"
                                    "title = 媒介素养\n"
                                    "description = 第一句\n"
                                    "  第二句\n";

static void test_manifest_good(void **state)
{
    (void)state;
    Pack p = {0};
    Diags d = {0};
    assert_int_equal(pack_manifest_parse("pack.ini", good_manifest, strlen(good_manifest), &p, &d),
                     0);
    assert_int_equal(d.count, 0);
    assert_int_equal(p.format, 1);
    assert_string_equal(p.id, "media-literacy");
    assert_string_equal(p.version, "1.2");
    assert_true(p.has_lang[LANG_EN] && p.has_lang[LANG_ZH]);
    assert_string_equal(p.licence, "CC BY-SA 4.0");
    assert_string_equal(p.title[LANG_ZH], "媒介素养");
    assert_string_equal(p.description[LANG_EN], "Two sentences. And a continuation.");
    assert_string_equal(p.description[LANG_ZH], "第一句第二句"); /* no space between CJK */
    arena_reset(&p.arena);
    diags_free(&d);
}

static void test_manifest_errors_have_lines(void **state)
{
    (void)state;
    const char *ini = "[pack]\n"          /* 1 */
                      "format = 2\n"      /* 2 */
                      "id = my pack\n"    /* 3 */
                      "version = 1.0b\n"  /* 4 */
                      "languages = en\n"  /* 5 */
                      "colour = red\n"    /* 6 */
                      "no equals sign\n"  /* 7 */
                      "[en\n"             /* 8 */
                      "[extra]\n"         /* 9 */
                      "k = v\n"           /* 10 */
                      "[en]\n"            /* 11 */
                      "title = T\n"       /* 12 */
                      "another bad line\n"; /* 13 */
    Pack p = {0};
    Diags d = {0};
    int errors = pack_manifest_parse("pack.ini", ini, strlen(ini), &p, &d);
    assert_int_equal(errors, 6);
    const Diag *g = diag_find(&d, DIAG_ERROR, "pack format 2 is newer than this kiosk understands");
    assert_non_null(g);
    assert_int_equal(g->line, 2);
    assert_int_equal(g->col, 10);
    assert_string_equal(g->path, "pack.ini");
    assert_int_equal(diag_find(&d, DIAG_ERROR, "id \"my pack\"")->line, 3);
    assert_int_equal(diag_find(&d, DIAG_ERROR, "version \"1.0b\"")->line, 4);
    assert_int_equal(diag_find(&d, DIAG_WARNING, "unknown setting \"colour\"")->line, 6);
    /* every syntax error, not only inih's first */
    assert_int_equal(diag_find(&d, DIAG_ERROR, "expected name = value")->line, 7);
    assert_int_equal(diag_find(&d, DIAG_ERROR, "closing ]")->line, 8);
    assert_int_equal(diag_find(&d, DIAG_WARNING, "unknown section \"extra\"")->line, 9);
    int bad_lines = 0;
    for (size_t i = 0; i < d.count; i++)
        bad_lines += strstr(d.items[i].message, "expected name = value") != NULL;
    assert_int_equal(bad_lines, 2);
    assert_null(p.id);
    arena_reset(&p.arena);
    diags_free(&d);
}

static void test_manifest_missing_keys(void **state)
{
    (void)state;
    const char *ini = "[pack]\nformat = 1\n\n[zh-Hans]\ntitle = x\n";
    Pack p = {0};
    Diags d = {0};
    assert_int_equal(pack_manifest_parse("pack.ini", ini, strlen(ini), &p, &d), 3);
    assert_int_equal(diag_find(&d, DIAG_ERROR, "[pack] has no id")->line, 1);
    assert_non_null(diag_find(&d, DIAG_ERROR, "[pack] has no version"));
    assert_non_null(diag_find(&d, DIAG_ERROR, "[pack] has no languages"));
    arena_reset(&p.arena);
    diags_free(&d);

    const char *fmt0 = "[pack]\nformat = 0\nid=a\nversion=1\nlanguages=en\n[en]\ntitle=t\n";
    Pack p2 = {0};
    assert_int_equal(pack_manifest_parse("pack.ini", fmt0, strlen(fmt0), &p2, &d), 1);
    assert_non_null(diag_find(&d, DIAG_ERROR, "pack format 0 does not exist"));
    arena_reset(&p2.arena);
    diags_free(&d);
}

/* inih cuts lines at 200 bytes; a Chinese description is longer. */
static void test_manifest_long_line(void **state)
{
    (void)state;
    StrBuf ini = {0};
    strbuf_puts(&ini, "[pack]\nformat=1\nid=x\nversion=1\nlanguages=zh-Hans\n[zh-Hans]\ntitle=t\n"
                      "description = ");
    for (int i = 0; i < 100; i++)
        strbuf_puts(&ini, "一两句话");
    strbuf_puts(&ini, " ; comment\n");
    Pack p = {0};
    Diags d = {0};
    assert_int_equal(pack_manifest_parse("pack.ini", ini.data, ini.len, &p, &d), 0);
    assert_int_equal(d.count, 0);
    assert_int_equal(strlen(p.description[LANG_ZH]), 1200);
    arena_reset(&p.arena);
    strbuf_free(&ini);
}

static void test_manifest_bad_utf8(void **state)
{
    (void)state;
    const char ini[] = "[pack]\nformat = 1\nid = \xff\n";
    Pack p = {0};
    Diags d = {0};
    assert_true(pack_manifest_parse("pack.ini", ini, sizeof ini - 1, &p, &d) >= 1);
    const Diag *g = diag_find(&d, DIAG_ERROR, "not valid UTF-8");
    assert_non_null(g);
    assert_int_equal(g->line, 3);
    assert_int_equal(g->col, 6);
    arena_reset(&p.arena);
    diags_free(&d);
}

static void test_glossary(void **state)
{
    (void)state;
    const char *ini = "[official-account]\n"
                      "en = Official account\n"
                      "zh-Hans = 公众号\n"
                      "en.definition = A WeChat account.\n"
                      "zh-Hans.definition = 账号。\n"
                      "en.note = A note.\n"
                      "[half]\n" /* 7 */
                      "en = Half\n"
                      "[bad id]\n";
    Pack p = {.has_lang = {true, true}};
    Diags d = {0};
    assert_int_equal(pack_glossary_parse("glossary.ini", ini, strlen(ini), &p, &d), 4);
    assert_int_equal(diag_find(&d, DIAG_ERROR, "\"half\" has no en definition")->line, 7);
    assert_non_null(diag_find(&d, DIAG_ERROR, "\"half\" has no zh-Hans text"));
    assert_non_null(diag_find(&d, DIAG_ERROR, "term id \"bad id\""));
    const GlossaryTerm *t = pack_glossary_find(&p, "official-account");
    assert_non_null(t);
    assert_string_equal(t->lang[LANG_ZH].text, "公众号");
    assert_string_equal(t->lang[LANG_EN].note, "A note.");
    assert_null(t->lang[LANG_ZH].note);
    assert_null(pack_glossary_find(&p, "nope"));
    arena_reset(&p.arena);
    diags_free(&d);
}

/* ---------------- Markdown ---------------- */

static Doc md(const char *text, Arena *a, Diags *d)
{
    Doc doc;
    pack_md_parse("u.md", text, strlen(text), a, &doc, d);
    return doc;
}

static void test_md_blocks(void **state)
{
    (void)state;
    const char *text = "# Title\n"                 /* 1 */
                       "\n"                        /* 2 */
                       "A paragraph.\n"            /* 3 */
                       "\n"                        /* 4 */
                       "## What you will learn\n"  /* 5 */
                       "\n"                        /* 6 */
                       "3. three\n"                /* 7 */
                       "4. four\n"                 /* 8 */
                       "   - nested\n"             /* 9 */
                       "\n"                        /* 10 */
                       "> **How do we know?** A source.\n" /* 11 */
                       "\n"                        /* 12 */
                       "```\n"                     /* 13 */
                       "code line\n"               /* 14 */
                       "```\n"                     /* 15 */
                       "\n"                        /* 16 */
                       "![A diagram](media/d.png)\n" /* 17 */
                       "\n"                        /* 18 */
                       "---\n"                     /* 19 */
                       "\n"                        /* 20 */
                       "- loose first\n"           /* 21 */
                       "\n"                        /* 22 */
                       "  loose second\n"          /* 23 */
                       "\n"                        /* 24 */
                       "<b>raw html</b>\n";        /* 25 */
    Arena a = {0};
    Diags d = {0};
    Doc doc = md(text, &a, &d);
    assert_int_equal(d.count, 0);
    assert_string_equal(doc.title, "Title");
    struct {
        BlockKind kind;
        int level, number;
        bool first;
        const char *text;
        int line;
    } want[] = {
        {BLK_HEADING, 1, 0, false, "Title", 1},
        {BLK_PARA, 0, 0, false, "A paragraph.", 3},
        {BLK_HEADING, 2, 0, false, "What you will learn", 5},
        {BLK_ITEM, 1, 3, true, "three", 7},
        {BLK_ITEM, 1, 4, true, "four", 8},
        {BLK_ITEM, 2, 0, true, "nested", 9},
        {BLK_QUOTE, 1, 0, false, "How do we know? A source.", 11},
        {BLK_CODE, 0, 0, false, "code line", 14},
        {BLK_IMAGE, 0, 0, false, "A diagram", 17},
        {BLK_RULE, 0, 0, false, "", 19},
        {BLK_ITEM, 1, 0, true, "loose first", 21},
        {BLK_ITEM, 1, 0, false, "loose second", 23},
        {BLK_PARA, 0, 0, false, "<b>raw html</b>", 25},
    };
    assert_int_equal(doc.count, MB_COUNT(want));
    for (size_t i = 0; i < MB_COUNT(want); i++) {
        const Block *b = &doc.blocks[i];
        print_message("block %zu\n", i);
        assert_int_equal(b->kind, want[i].kind);
        assert_int_equal(b->level, want[i].level);
        assert_int_equal(b->number, want[i].number);
        assert_int_equal(b->first_in_item, want[i].first);
        assert_string_equal(b->text, want[i].text);
        assert_int_equal(b->line, want[i].line);
    }
    assert_string_equal(doc.blocks[8].src, "media/d.png");
    /* the quote's bold lead-in is a span */
    assert_int_equal(doc.blocks[6].nspans, 1);
    assert_int_equal(doc.blocks[6].spans[0].flags, SPAN_BOLD);
    assert_int_equal(doc.blocks[6].spans[0].len, strlen("How do we know?"));
    arena_reset(&a);
}

static void test_md_spans_and_links(void **state)
{
    (void)state;
    const char *text = "Plain **bold *both*** `code` [site](https://example.org/a&amp;b) and a "
                       "[term](glossary:official-account).";
    Arena a = {0};
    Diags d = {0};
    Doc doc = md(text, &a, &d);
    assert_int_equal(doc.count, 1);
    const Block *b = &doc.blocks[0];
    assert_string_equal(b->text, "Plain bold both code site and a term.");
    struct {
        const char *covers;
        uint32_t flags;
        const char *href;
    } want[] = {
        {"bold ", SPAN_BOLD, NULL},
        {"both", SPAN_BOLD | SPAN_EM, NULL},
        {"code", SPAN_CODE, NULL},
        {"site", SPAN_LINK, "https://example.org/a&b"},
        {"term", SPAN_GLOSSARY, "official-account"},
    };
    assert_int_equal(b->nspans, MB_COUNT(want));
    for (size_t i = 0; i < MB_COUNT(want); i++) {
        const Span *s = &b->spans[i];
        assert_int_equal(s->len, strlen(want[i].covers));
        assert_memory_equal(b->text + s->start, want[i].covers, s->len);
        assert_int_equal(s->flags, want[i].flags);
        if (want[i].href)
            assert_string_equal(s->href, want[i].href);
        else
            assert_null(s->href);
    }
    arena_reset(&a);
}

static void test_md_breaks(void **state)
{
    (void)state;
    Arena a = {0};
    Diags d = {0};
    /* CJK to CJK: no space; Latin: a space; CJK next to Latin: a space */
    Doc doc = md("第一行\n第二行。\nnext line\n中文\nEnglish", &a, &d);
    assert_string_equal(doc.blocks[0].text, "第一行第二行。 next line 中文 English");
    doc = md("hard  \nbreak\\\nagain", &a, &d);
    assert_string_equal(doc.blocks[0].text, "hard\nbreak\nagain");
    doc = md("全角，\n标点", &a, &d);
    assert_string_equal(doc.blocks[0].text, "全角，标点");
    /* CRLF and CR-only line ends count lines the same */
    doc = md("# A\r\n\r\nb\r\n\r\nc", &a, &d);
    assert_int_equal(doc.blocks[2].line, 5);
    doc = md("# A\r\rb\r\rc", &a, &d);
    assert_int_equal(doc.blocks[2].line, 5);
    assert_int_equal(d.count, 0);
    arena_reset(&a);
}

static void test_md_bad_utf8_located(void **state)
{
    (void)state;
    Arena a = {0};
    Diags d = {0};
    Doc doc;
    const char text[] = "# T\n\nabc \xe4\xb8 def\n";
    assert_int_equal(pack_md_parse("u.md", text, sizeof text - 1, &a, &doc, &d), 1);
    assert_int_equal(d.items[0].line, 3);
    assert_int_equal(d.items[0].col, 5);
    assert_non_null(strstr(d.items[0].message, "not valid UTF-8"));
    assert_int_equal(doc.count, 0);
    /* a BOM is accepted */
    diags_free(&d);
    doc = md("\xEF\xBB\xBF# Title\n", &a, &d);
    assert_int_equal(d.count, 0);
    assert_string_equal(doc.title, "Title");
    arena_reset(&a);
}

/* regression (fuzz_markdown): md4c 0.4.8 reads past a document that ends
 * inside a link destination; with ')' behind the buffer it crashed. */
static void test_md_link_at_end(void **state)
{
    (void)state;
    char buf[] = "[](.)))))))))))))))))))))))))))))))))))";
    Arena a = {0};
    Diags d = {0};
    Doc doc;
    pack_md_parse("u.md", buf, 4, &a, &doc, &d);
    assert_int_equal(d.errors, 0);
    for (size_t i = 0; i < doc.count; i++)
        assert_null(strchr(doc.blocks[i].text, ')'));
    /* NUL bytes inside code do not cut a block's text short */
    const char nul[] = "`a\0b` c";
    pack_md_parse("u.md", nul, sizeof nul - 1, &a, &doc, &d);
    assert_int_equal(doc.count, 1);
    assert_string_equal(doc.blocks[0].text, "a\xEF\xBF\xBD" "b c");
    arena_reset(&a);
}

static char *nested_list(int depth)
{
    StrBuf b = {0};
    for (int i = 0; i < depth; i++) {
        for (int k = 0; k < i; k++)
            strbuf_puts(&b, "  ");
        strbuf_puts(&b, "- item\n");
    }
    return b.data;
}

static void test_md_nesting_limit(void **state)
{
    (void)state;
    int limit = pack_limits_default().max_md_nesting;
    Arena a = {0};
    Diags d = {0};
    char *ok = nested_list(limit - 1);
    md(ok, &a, &d);
    assert_int_equal(d.errors, 0);
    char *at = nested_list(limit);
    md(at, &a, &d);
    assert_int_equal(d.errors, 0);
    char *over = nested_list(limit + 1);
    md(over, &a, &d);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.items[0].line, limit + 1);
    assert_non_null(strstr(d.items[0].message, "nested more than 16 deep"));
    diags_free(&d);
    /* quotes count too, and one message per file is enough */
    StrBuf q = {0};
    for (int i = 0; i <= limit + 5; i++)
        strbuf_puts(&q, "> ");
    strbuf_puts(&q, "deep\n\n");
    for (int i = 0; i <= limit + 5; i++)
        strbuf_puts(&q, "> ");
    strbuf_puts(&q, "deeper\n");
    md(q.data, &a, &d);
    assert_int_equal(d.errors, 1);
    free(ok);
    free(at);
    free(over);
    strbuf_free(&q);
    diags_free(&d);
    arena_reset(&a);
}

/* ---------------- versions ---------------- */

static void test_version_cmp(void **state)
{
    (void)state;
    assert_true(pack_version_cmp("1.10", "1.9") > 0);
    assert_true(pack_version_cmp("1.9", "1.10") < 0);
    assert_int_equal(pack_version_cmp("1.0", "1"), 0);
    assert_int_equal(pack_version_cmp("1.01", "1.1"), 0);
    assert_true(pack_version_cmp("2", "1.99.99") > 0);
    assert_true(pack_version_cmp("1.0.1", "1.0") > 0);
    assert_true(pack_version_cmp("10", "9") > 0);
    assert_true(pack_version_cmp("12345678901234567890.1", "12345678901234567890") > 0);
    assert_int_equal(pack_version_cmp("0", ""), 0);
    assert_int_equal(pack_version_cmp(NULL, "0"), 0);
}

/* ---------------- limits: each at limit-1 and limit+1 ---------------- */

static PackLimits small_limits(void)
{
    PackLimits l = pack_limits_default();
    l.max_total = 1000;
    l.max_files = 5;
    l.max_text_file = 100;
    l.max_image_file = 300;
    l.max_name = 20;
    return l;
}

/* One folder and one zip holding n files of size bytes each (name pattern
 * with %d), read with lim; returns errors of both (they must agree). */
static int read_both(const char *tag, int n, size_t size, const char *pattern,
                     const PackLimits *lim, Diags *d)
{
    char dir[256], zpath[256], name[64], rel[320];
    snprintf(dir, sizeof dir, "%s/%s", tmp_root, tag);
    snprintf(zpath, sizeof zpath, "%s/%s.zip", tmp_root, tag);
    char *data = filled(size, 'x');
    ZEntry *e = calloc((size_t)n, sizeof *e);
    char **names = calloc((size_t)n, sizeof *names);
    for (int i = 0; i < n; i++) {
        snprintf(name, sizeof name, pattern, i);
        snprintf(rel, sizeof rel, "%s/%s", dir, name);
        write_file(rel, data, size);
        names[i] = strdup(name);
        e[i] = (ZEntry){names[i], data, size, false, 0, false};
    }
    size_t zlen;
    unsigned char *z = zip_make(zpath, e, (size_t)n, &zlen);
    Diags df = {0}, dz = {0};
    int rf = read_path(dir, lim, &df);
    int rz = read_path(zpath, lim, &dz);
    if (rf != rz) {
        diags_dump(&df);
        diags_dump(&dz);
    }
    assert_int_equal(rf, rz);
    for (size_t i = 0; i < df.count; i++)
        diags_add(d, df.items[i].level, df.items[i].path, 0, 0, NULL, "%s", df.items[i].message);
    for (size_t i = 0; i < dz.count; i++)
        diags_add(d, dz.items[i].level, dz.items[i].path, 0, 0, NULL, "%s", dz.items[i].message);
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(e);
    free(z);
    free(data);
    diags_free(&df);
    diags_free(&dz);
    return rz;
}

static void test_limit_files(void **state)
{
    (void)state;
    PackLimits lim = small_limits();
    Diags d = {0};
    assert_int_equal(read_both("files4", 4, 10, "f%d.md", &lim, &d), 0);
    assert_int_equal(read_both("files5", 5, 10, "f%d.md", &lim, &d), 0);
    assert_int_equal(read_both("files6", 6, 10, "f%d.md", &lim, &d), 1);
    assert_diag(&d, DIAG_ERROR, "more than 5 files");
    diags_free(&d);
}

static void test_limit_total(void **state)
{
    (void)state;
    PackLimits lim = small_limits();
    lim.max_total = 299; /* 3 files of 100 bytes: limit+1 */
    Diags d = {0};
    assert_int_equal(read_both("total-a", 3, 100, "f%d.md", &lim, &d), 1);
    assert_diag(&d, DIAG_ERROR, "add up to more than 299 bytes");
    diags_free(&d);
    lim.max_total = 301; /* limit-1 */
    assert_int_equal(read_both("total-b", 3, 100, "f%d.md", &lim, &d), 0);
    lim.max_total = 300;
    assert_int_equal(read_both("total-c", 3, 100, "f%d.md", &lim, &d), 0);
    diags_free(&d);
}

static void test_limit_text_and_image(void **state)
{
    (void)state;
    PackLimits lim = small_limits();
    Diags d = {0};
    assert_int_equal(read_both("text99", 1, 99, "t%d.md", &lim, &d), 0);
    assert_int_equal(read_both("text100", 1, 100, "t%d.md", &lim, &d), 0);
    assert_int_equal(read_both("text101", 1, 101, "t%d.md", &lim, &d), 1);
    assert_diag(&d, DIAG_ERROR, "\"t0.md\" is 101 bytes; a text file may be at most 100 bytes");
    assert_diag(&d, DIAG_ERROR, "\"t0.md\" declares 101 bytes; a text file may be at most 100");
    diags_free(&d);
    assert_int_equal(read_both("img299", 1, 299, "i%d.png", &lim, &d), 0);
    assert_int_equal(read_both("img301", 1, 301, "i%d.png", &lim, &d), 1);
    assert_diag(&d, DIAG_ERROR, "\"i0.png\" is 301 bytes; an image may be at most 300 bytes");
    assert_diag(&d, DIAG_ERROR, "\"i0.png\" declares 301 bytes");
    diags_free(&d);
}

static void test_limit_name(void **state)
{
    (void)state;
    PackLimits lim = small_limits();
    Diags d = {0};
    /* lengths 19 and 21 with the folder: "units/" + name */
    assert_int_equal(read_both("name19", 1, 5, "units/abcdefghi%d.md", &lim, &d), 0);
    assert_int_equal(read_both("name21", 1, 5, "units/abcdefghijk%d.md", &lim, &d), 1);
    assert_diag(&d, DIAG_ERROR, "has a name of 21 bytes; the limit is 20");
    diags_free(&d);
}

/* Ratio: reject when the unpacked size is more than max_ratio times the
 * compressed one; limit+1 and limit-1 around the measured ratio. */
static void test_limit_ratio(void **state)
{
    (void)state;
    size_t n = 200000;
    char *zeros = filled(n, '0');
    char path[256];
    ZEntry e = {"notes.txt", zeros, n, true, 0, false};
    size_t zlen;
    unsigned char *z = zip_make(tmp_path(path, sizeof path, "ratio.zip"), &e, 1, &zlen);
    zip_t *za = zip_open(path, ZIP_RDONLY, NULL);
    zip_stat_t st;
    assert_int_equal(zip_stat_index(za, 0, 0, &st), 0);
    zip_close(za);
    size_t ratio = (size_t)(st.size / st.comp_size);
    assert_true(ratio > 100);
    PackLimits lim = pack_limits_default();
    Diags d = {0};
    lim.max_ratio = ratio + 1;
    assert_int_equal(read_zip_mem(z, zlen, &lim, &d), 0);
    lim.max_ratio = ratio - 1;
    assert_int_equal(read_zip_mem(z, zlen, &lim, &d), 1);
    assert_diag(&d, DIAG_ERROR, "declares it unpacks to more than");
    diags_free(&d);
    free(z);
    free(zeros);
}

/* ---------------- hostile archives ---------------- */

static void test_zip_traversal_names(void **state)
{
    (void)state;
    ZEntry e[] = {
        {"../evil.md", "x", 1, false, 0, false},
        {"/etc/passwd", "x", 1, false, 0, false},
        {"units\\win.md", "x", 1, false, 0, false},
        {"units/../../up.md", "x", 1, false, 0, false},
        {"C:/windows.md", "x", 1, false, 0, false},
        {"a//b.md", "x", 1, false, 0, false},
        {"ok.md", "x", 1, false, 0, false},
    };
    char path[256];
    size_t zlen;
    unsigned char *z = zip_make(tmp_path(path, sizeof path, "trav.zip"), e, MB_COUNT(e), &zlen);
    PackLimits lim = pack_limits_default();
    Diags d = {0};
    assert_int_equal(read_zip_mem(z, zlen, &lim, &d), 6);
    assert_diag(&d, DIAG_ERROR, "\"../evil.md\" has a \"..\" component");
    assert_diag(&d, DIAG_ERROR, "\"/etc/passwd\" is an absolute path");
    assert_diag(&d, DIAG_ERROR, "\"units\\win.md\" has a backslash");
    assert_diag(&d, DIAG_ERROR, "\"units/../../up.md\" has a \"..\" component");
    assert_diag(&d, DIAG_ERROR, "\"C:/windows.md\" starts with a drive letter");
    assert_diag(&d, DIAG_ERROR, "\"a//b.md\" has an empty folder name");
    for (size_t i = 0; i < d.count; i++)
        assert_string_equal(d.items[i].path, "t.zip");
    diags_free(&d);
    free(z);
}

static void test_zip_links_devices_encryption(void **state)
{
    (void)state;
    ZEntry e[] = {
        {"link.md", "/etc/passwd", 11, false, S_IFLNK | 0777, false},
        {"dev.md", "", 0, false, S_IFCHR | 0644, false},
        {"fifo.md", "", 0, false, S_IFIFO | 0644, false},
        {"secret.md", "hidden text", 11, true, 0, true},
        {"fine.md", "fine", 4, true, S_IFREG | 0644, false},
    };
    char path[256];
    size_t zlen;
    unsigned char *z = zip_make(tmp_path(path, sizeof path, "links.zip"), e, MB_COUNT(e), &zlen);
    PackLimits lim = pack_limits_default();
    Diags d = {0};
    assert_int_equal(read_zip_mem(z, zlen, &lim, &d), 4);
    assert_diag(&d, DIAG_ERROR, "\"link.md\" is a symbolic link");
    assert_diag(&d, DIAG_ERROR, "\"dev.md\" is a device, pipe or socket");
    assert_diag(&d, DIAG_ERROR, "\"fifo.md\" is a device, pipe or socket");
    assert_diag(&d, DIAG_ERROR, "\"secret.md\" is encrypted");
    diags_free(&d);
    free(z);
}

static void test_zip_duplicates_and_case(void **state)
{
    (void)state;
    ZEntry e[] = {
        {"units/a.md", "one", 3, false, 0, false},
        {"units/b.md", "two", 3, false, 0, false},
        {"units/Read.md", "x", 1, false, 0, false},
        {"units/read.md", "y", 1, false, 0, false},
        {"media", "file", 4, false, 0, false},
        {"media/x.png", "img", 3, false, 0, false},
    };
    char path[256];
    size_t zlen;
    unsigned char *z = zip_make(tmp_path(path, sizeof path, "dup.zip"), e, MB_COUNT(e), &zlen);
    /* libzip will not write a duplicate; make one */
    zip_patch_name(z, zlen, "units/b.md", "units/a.md");
    PackLimits lim = pack_limits_default();
    Diags d = {0};
    assert_int_equal(read_zip_mem(z, zlen, &lim, &d), 3);
    assert_diag(&d, DIAG_ERROR, "\"units/a.md\" is in the archive twice");
    assert_diag(&d, DIAG_ERROR, "\"units/read.md\" and \"units/Read.md\" differ only in case");
    assert_diag(&d, DIAG_ERROR, "\"media\" is both a file and a folder");
    diags_free(&d);
    free(z);
}

/* A zip can lie about sizes: what is counted is what inflating produces. */
static void test_zip_lying_size_bomb(void **state)
{
    (void)state;
    size_t n = 4u << 20;
    char *zeros = filled(n, 0);
    char path[256];
    ZEntry e = {"units/bomb.md", zeros, n, true, 0, false};
    size_t zlen;
    unsigned char *z = zip_make(tmp_path(path, sizeof path, "lie.zip"), &e, 1, &zlen);
    PackLimits lim = pack_limits_default();
    Diags d = {0};
    /* honest: declared 4 MiB is over the text limit and the ratio */
    assert_int_equal(read_zip_mem(z, zlen, &lim, &d), 1);
    assert_diag(&d, DIAG_ERROR, "\"units/bomb.md\" declares 4 MiB");
    diags_free(&d);
    /* lying: declares 10 bytes; inflating finds out, and stops early */
    zip_patch_usize(z, zlen, "units/bomb.md", 10);
    assert_int_equal(read_zip_mem(z, zlen, &lim, &d), 1);
    print_message("  %s\n", d.items[0].message);
    assert_non_null(strstr(d.items[0].message, "\"units/bomb.md\""));
    assert_diag(&d, DIAG_ERROR, "unpacks to more than");
    diags_free(&d);
    free(z);
    free(zeros);
}

/* Entries overlapping one compressed kernel: each declares its size
 * honestly, and together they are far beyond the total. */
static void test_zip_declared_total(void **state)
{
    (void)state;
    size_t n = 900u * 1024;
    char *zeros = filled(n, 'a');
    ZEntry e[80];
    char names[80][32];
    for (int i = 0; i < 80; i++) {
        snprintf(names[i], sizeof names[i], "media/%02d.png", i);
        e[i] = (ZEntry){names[i], zeros, n, true, 0, false};
    }
    char path[256];
    size_t zlen;
    unsigned char *z = zip_make(tmp_path(path, sizeof path, "total.zip"), e, 80, &zlen);
    PackLimits lim = pack_limits_default();
    lim.max_ratio = 100000; /* let the total be what stops it */
    Diags d = {0};
    assert_int_equal(read_zip_mem(z, zlen, &lim, &d), 1);
    assert_diag(&d, DIAG_ERROR, "the pack's files add up to more than 64 MiB");
    diags_free(&d);
    free(z);
    free(zeros);
}

static void test_zip_many_entries(void **state)
{
    (void)state;
    char path[256];
    tmp_path(path, sizeof path, "many.zip");
    zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, NULL);
    assert_non_null(za);
    char name[32];
    for (int i = 0; i < 100000; i++) {
        snprintf(name, sizeof name, "f%d", i);
        zip_source_t *s = zip_source_buffer(za, "", 0, 0);
        zip_int64_t idx = zip_file_add(za, name, s, 0);
        zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    }
    assert_int_equal(zip_close(za), 0);
    PackLimits lim = pack_limits_default();
    Diags d = {0};
    assert_int_equal(read_path(path, &lim, &d), 1);
    assert_diag(&d, DIAG_ERROR, "the archive lists 100000 entries; a pack has at most 2000 files");
    diags_free(&d);
}

static void test_zip_top_folder_and_junk(void **state)
{
    (void)state;
    ZEntry e[] = {
        {"my-pack/", "", 0, false, S_IFDIR | 0755, false},
        {"my-pack/pack.ini", "[pack]\n", 7, true, 0, false},
        {"my-pack/units/01-a.en.md", "# A\n", 4, true, 0, false},
        {"my-pack/.DS_Store", "junk", 4, false, 0, false},
        {"__MACOSX/my-pack/._pack.ini", "junk", 4, false, 0, false},
    };
    char path[256];
    size_t zlen;
    unsigned char *z = zip_make(tmp_path(path, sizeof path, "top.zip"), e, MB_COUNT(e), &zlen);
    PackLimits lim = pack_limits_default();
    PackFiles files;
    Diags d = {0};
    assert_int_equal(pack_files_read(path, &lim, &files, &d), 0);
    assert_int_equal(files.count, 2);
    assert_string_equal(files.items[0].path, "pack.ini");
    assert_string_equal(files.items[1].path, "units/01-a.en.md");
    assert_string_equal((char *)files.items[1].data, "# A\n");
    assert_non_null(pack_files_find(&files, "pack.ini"));
    assert_null(pack_files_find(&files, "my-pack/pack.ini"));
    pack_files_free(&files);
    free(z);
    /* not a zip, not a folder */
    write_file(tmp_path(path, sizeof path, "plain.txt"), "hello", 5);
    assert_int_equal(read_path(path, &lim, &d), 1);
    assert_diag(&d, DIAG_ERROR, "neither a folder nor a zip archive");
    diags_free(&d);
    /* garbage after the zip magic */
    write_file(tmp_path(path, sizeof path, "broken.zip"), "PK\3\4garbage", 11);
    assert_int_equal(read_path(path, &lim, &d), 1);
    assert_diag(&d, DIAG_ERROR, "the archive cannot be read");
    diags_free(&d);
}

/* ---------------- hostile folders ---------------- */

static void test_folder_links_and_specials(void **state)
{
    (void)state;
    char dir[256], p[320];
    tmp_path(dir, sizeof dir, "hostile");
    snprintf(p, sizeof p, "%s/units/ok.md", dir);
    write_file(p, "# ok\n", 5);
    snprintf(p, sizeof p, "%s/.hidden", dir);
    write_file(p, "skip me", 7);
    snprintf(p, sizeof p, "%s/.git/config", dir);
    write_file(p, "skip me", 7);
    snprintf(p, sizeof p, "%s/units/link.md", dir);
    assert_int_equal(symlink("/etc/passwd", p), 0);
    snprintf(p, sizeof p, "%s/dirlink", dir);
    assert_int_equal(symlink("/etc", p), 0);
    snprintf(p, sizeof p, "%s/pipe", dir);
    assert_int_equal(mkfifo(p, 0644), 0);
    snprintf(p, sizeof p, "%s/media", dir);
    assert_int_equal(mkdir(p, 0755), 0); /* an empty folder is fine */
    PackLimits lim = pack_limits_default();
    Diags d = {0};
    assert_int_equal(read_path(dir, &lim, &d), 3);
    assert_diag(&d, DIAG_ERROR, "\"units/link.md\" is a symbolic link");
    assert_diag(&d, DIAG_ERROR, "\"dirlink\" is a symbolic link");
    assert_diag(&d, DIAG_ERROR, "\"pipe\" is a device, pipe or socket");
    assert_null(diag_find(&d, DIAG_ERROR, "hidden"));
    diags_free(&d);

    tmp_path(dir, sizeof dir, "cases");
    snprintf(p, sizeof p, "%s/units/A.md", dir);
    write_file(p, "a", 1);
    snprintf(p, sizeof p, "%s/units/a.md", dir);
    write_file(p, "a", 1);
    snprintf(p, sizeof p, "%s/units/bad\\name.md", dir);
    write_file(p, "a", 1);
    assert_int_equal(read_path(dir, &lim, &d), 2);
    assert_diag(&d, DIAG_ERROR, "differ only in case");
    assert_diag(&d, DIAG_ERROR, "has a backslash");
    diags_free(&d);
}

/* ---------------- whole packs ---------------- */

static const char pack_ini[] = "[pack]\nformat = 1\nid = t\nversion = 1.0\nlanguages = en zh-Hans\n"
                               "[en]\ntitle = T\n[zh-Hans]\ntitle = 题\n";
static const unsigned char png_4x4[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                        'I',  'H', 'D', 'R', 0,    0,    0,    4,    0, 0, 0, 4,
                                        8,    2,   0,   0,   0};

static void add(PackFiles *f, const char *path, const char *text)
{
    pack_files_add(f, path, text, strlen(text));
}

static void replace(PackFiles *f, const char *path, const char *text)
{
    for (size_t i = 0; i < f->count; i++) {
        if (strcmp(f->items[i].path, path))
            continue;
        free(f->items[i].data);
        f->items[i].data = (unsigned char *)strdup(text);
        f->total_bytes += strlen(text) - f->items[i].len;
        f->items[i].len = strlen(text);
        return;
    }
    fail_msg("no %s", path);
}

static void base_pack(PackFiles *f)
{
    memset(f, 0, sizeof *f);
    add(f, "pack.ini", pack_ini);
    add(f, "glossary.ini", "[term]\nen = Term\nzh-Hans = 术语\nen.definition = D.\n"
                           "zh-Hans.definition = 定义。\n");
    add(f, "units/00-about.en.md", "# About\n\nText.\n");
    add(f, "units/00-about.zh-Hans.md", "# 关于\n\n文字。\n");
    add(f, "units/01-x.en.md", "# X\n\n![pic](media/p.png)\n\nA [term](glossary:term).\n");
    add(f, "units/01-x.zh-Hans.md", "# 叉\n\n![图](../media/p.png)\n");
    add(f, "quizzes/01-x.en.gift", "::q1::One? {=a ~b}\n\n::q2::Two? {T}\n");
    add(f, "quizzes/01-x.zh-Hans.gift", "::q1::一？ {=甲 ~乙}\n\n::q2::二？ {T}\n");
    pack_files_add(f, "media/p.png", png_4x4, sizeof png_4x4);
}

static void test_build_good_pack(void **state)
{
    (void)state;
    PackFiles f;
    base_pack(&f);
    Pack *p = NULL;
    Diags d = {0};
    int errors = pack_build(&f, "good", &p, &d);
    if (d.count)
        diags_dump(&d);
    assert_int_equal(errors, 0);
    assert_int_equal(d.count, 0);
    assert_non_null(p);
    assert_null(f.items); /* pack_build took the files */
    assert_int_equal(p->nunits, 2);
    assert_string_equal(p->units[0].slug, "00-about");
    assert_true(p->units[0].is_page);
    assert_string_equal(p->units[1].lang[LANG_ZH].title, "叉");
    assert_string_equal(p->units[1].lang[LANG_ZH].doc.blocks[1].src, "media/p.png");
    const Question *q = unit_question(&p->units[1], LANG_ZH, "q2");
    assert_non_null(q);
    assert_int_equal(q->type, QT_TRUEFALSE);
    assert_null(unit_question(&p->units[1], LANG_ZH, "q3"));
    assert_non_null(pack_glossary_find(p, "term"));
    assert_non_null(pack_files_find(&p->files, "media/p.png"));
    pack_free(p);
    pack_free(NULL);
    diags_free(&d);
}

/* What one round cannot hold is said, at the first question or answer left
 * out: a unit's questions after the 128th, a question's answers after the
 * 64th, matching pairs after the 16th; a right short answer longer than the
 * answer field. */
static void test_build_round_limits(void **state)
{
    (void)state;
    PackFiles f;
    base_pack(&f);
    StrBuf en = {0};
    for (int i = 1; i <= 130; i++)
        strbuf_printf(&en, "::q%d::Q%d? {T}\n\n", i, i);
    strbuf_puts(&en, "::many::Which? {=a0");
    for (int i = 1; i < 70; i++)
        strbuf_printf(&en, " ~a%d", i);
    strbuf_puts(&en, "}\n\n::pairs::Match. {");
    for (int i = 0; i < 18; i++)
        strbuf_printf(&en, "=l%d -> r%d ", i, i);
    strbuf_puts(&en, "}\n\n::long::Type it. {=");
    for (int i = 0; i < 13; i++)
        strbuf_puts(&en, "abcdefghij"); /* 130 bytes */
    strbuf_puts(&en, "}\n");
    replace(&f, "quizzes/01-x.en.gift", en.data);
    replace(&f, "quizzes/01-x.zh-Hans.gift", en.data);
    Pack *p = NULL;
    Diags d = {0};
    pack_build(&f, "big", &p, &d);
    static const char *const needles[] = {"133 questions; a quiz round asks only the first 128",
                                          "70 answers; the kiosk shows the first 64",
                                          "18 pairs; the kiosk shows the first 16",
                                          "is longer than the 127 bytes the kiosk's answer field"};
    static const int lines[] = {257, 261, 263, 265}; /* q129, "many", "pairs", "long" */
    for (size_t k = 0; k < 4; k++) {
        int found = 0;
        for (size_t i = 0; i < d.count; i++) {
            const Diag *g = &d.items[i];
            if (!strstr(g->message, needles[k]))
                continue;
            assert_int_equal(g->level, DIAG_WARNING);
            assert_int_equal(g->line, lines[k]);
            assert_true(!strcmp(g->path, "big/quizzes/01-x.en.gift") ||
                        !strcmp(g->path, "big/quizzes/01-x.zh-Hans.gift"));
            found++;
        }
        assert_int_equal(found, 2); /* once per language */
    }
    pack_free(p);
    diags_free(&d);
    strbuf_free(&en);
}

static void test_build_problems(void **state)
{
    (void)state;
    PackFiles f;
    base_pack(&f);
    /* parity: q3 only in English; an essay; a missing image; an unknown
     * glossary term; an unused image; a stray file; a quiz without a unit; a
     * unit without its Chinese version; a bad file name */
    replace(&f, "quizzes/01-x.en.gift",
            "::q1::One? {=a ~b}\n\n::q2::Two? {T}\n\n::q3::Three? {}\n");
    add(&f, "units/02-y.en.md", "# Y\n\n![gone](media/gone.png)\n\n[t](glossary:nope)\n");
    add(&f, "quizzes/03-z.en.gift", "::z1::Z? {T}\n");
    pack_files_add(&f, "media/unused.png", png_4x4, sizeof png_4x4);
    add(&f, "README.md", "hello");
    add(&f, "units/my notes.en.md", "# N\n");
    Pack *p = NULL;
    Diags d = {0};
    int errors = pack_build(&f, "bad", &p, &d);
    assert_null(p);
    const Diag *g = diag_find(&d, DIAG_WARNING, "question \"q3\" has no zh-Hans version");
    assert_non_null(g);
    assert_string_equal(g->path, "bad/quizzes/01-x.en.gift");
    assert_int_equal(g->line, 5);
    assert_non_null(strstr(g->message, "quizzes/01-x.zh-Hans.gift lacks it"));
    assert_diag(&d, DIAG_WARNING, "essay question: shown as a discussion prompt, not scored");
    g = diag_find(&d, DIAG_ERROR, "image \"media/gone.png\" is not in the pack");
    assert_non_null(g);
    assert_string_equal(g->path, "bad/units/02-y.en.md");
    assert_int_equal(g->line, 3);
    assert_int_equal(diag_find(&d, DIAG_ERROR, "unknown glossary term \"nope\"")->line, 5);
    assert_string_equal(diag_find(&d, DIAG_WARNING, "no unit shows this image")->path,
                        "bad/media/unused.png");
    assert_string_equal(diag_find(&d, DIAG_WARNING, "not part of a pack")->path, "bad/README.md");
    assert_string_equal(diag_find(&d, DIAG_ERROR, "quiz without a unit")->path,
                        "bad/quizzes/03-z.en.gift");
    assert_string_equal(diag_find(&d, DIAG_ERROR, "missing: the pack's languages include zh-Hans, "
                                                  "and units/02-y.en.md exists")
                            ->path,
                        "bad/units/02-y.zh-Hans.md");
    assert_diag(&d, DIAG_ERROR, "uses characters other than letters");
    assert_int_equal(errors, d.errors);
    diags_free(&d);
}

static void test_build_no_manifest(void **state)
{
    (void)state;
    PackFiles f = {0};
    add(&f, "units/01-a.en.md", "# A\n");
    Pack *p = NULL;
    Diags d = {0};
    assert_true(pack_build(&f, "x.zip", &p, &d) >= 1);
    assert_string_equal(diag_find(&d, DIAG_ERROR, "the pack has no pack.ini")->path,
                        "x.zip/pack.ini");
    diags_free(&d);
}

static void test_load_folder(void **state)
{
    (void)state;
    char dir[256], p[320];
    tmp_path(dir, sizeof dir, "loadme");
    PackFiles f;
    base_pack(&f);
    for (size_t i = 0; i < f.count; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, f.items[i].path);
        write_file(p, f.items[i].data, f.items[i].len);
    }
    pack_files_free(&f);
    Pack *pk = NULL;
    Diags d = {0};
    assert_int_equal(pack_load(dir, &pk, &d), 0);
    assert_non_null(pk);
    assert_string_equal(pk->id, "t");
    assert_int_equal(pk->files.count, 9);
    pack_free(pk);
    diags_free(&d);
}

/* Every text a screen reads of p, summed: read after pack_drop_sources, it
 * shows (under AddressSanitizer) that none of it pointed into the sources. */
static size_t pack_text_bytes(const Pack *p)
{
    size_t n = 0;
    for (size_t u = 0; u < p->nunits; u++)
        for (int l = 0; l < LANG_COUNT; l++) {
            if (!p->units[u].lang[l].present)
                continue;
            n += strlen(p->units[u].lang[l].title);
            const Doc *d = &p->units[u].lang[l].doc;
            for (size_t b = 0; b < d->count; b++)
                n += d->blocks[b].text ? strlen(d->blocks[b].text) : 0;
            const QuestionList *ql = &p->units[u].lang[l].quiz;
            for (size_t q = 0; q < ql->count; q++) {
                n += ql->items[q].text ? strlen(ql->items[q].text) : 0;
                n += ql->items[q].rich_text ? strlen(ql->items[q].rich_text->plain) : 0;
                for (size_t a = 0; a < ql->items[q].nanswers; a++)
                    n += ql->items[q].answers[a].text ? strlen(ql->items[q].answers[a].text) : 0;
            }
        }
    for (size_t g = 0; g < p->nglossary; g++)
        n += strlen(p->glossary[g].lang[LANG_EN].text ? p->glossary[g].lang[LANG_EN].text : "");
    return n;
}

/* The kiosk keeps a pack it only shows without its sources: the media
 * stay, found by their path; every text the screens read stays. */
static void test_drop_sources(void **state)
{
    (void)state;
    Diags d = {0};
    Pack *p = NULL;
    assert_int_equal(pack_load("packs/good/formatted", &p, &d), 0);
    assert_int_equal(p->files.count, 6);
    const PackFile *media = pack_files_find(&p->files, "media/feed.png");
    assert_non_null(media);
    size_t media_len = media->len, text = pack_text_bytes(p);
    assert_true(text > 0);
    pack_drop_sources(p);
    assert_int_equal(p->files.count, 1);
    assert_int_equal(p->files.total_bytes, media_len);
    media = pack_files_find(&p->files, "media/feed.png");
    assert_non_null(media);
    assert_int_equal(media->len, media_len);
    assert_memory_equal(media->data, "\x89PNG", 4);
    assert_null(pack_files_find(&p->files, "pack.ini"));
    assert_null(pack_files_find(&p->files, "quizzes/01-search.en.gift"));
    assert_int_equal(pack_text_bytes(p), text);
    pack_free(p);
    diags_free(&d);
}

/* The first frame's packs: what pack.ini and glossary.ini say, nothing
 * built from the units or quizzes, the files given left as they were. */
static void test_build_head(void **state)
{
    (void)state;
    PackLimits lim = pack_limits_default();
    PackFiles files;
    Diags d = {0};
    assert_int_equal(pack_files_read("../content/media-literacy", &lim, &files, &d), 0);
    size_t count = files.count;
    Pack *head = NULL, *whole = NULL;
    assert_int_equal(pack_build_head(&files, "media-literacy", &head, &d), 0);
    assert_int_equal(d.count, 0);
    assert_int_equal(files.count, count);
    assert_int_equal(head->nunits, 0);
    assert_int_equal(head->files.count, 2); /* pack.ini, glossary.ini */
    assert_int_equal(pack_build(&files, "media-literacy", &whole, &d), 0);
    assert_int_equal(whole->nunits, 9);
    assert_string_equal(head->id, whole->id);
    assert_string_equal(head->title[LANG_ZH], whole->title[LANG_ZH]);
    assert_string_equal(head->description[LANG_EN], whole->description[LANG_EN]);
    assert_int_equal(head->nglossary, whole->nglossary);
    assert_true(head->nglossary > 20);
    for (size_t g = 0; g < head->nglossary; g++)
        for (int l = 0; l < LANG_COUNT; l++) {
            assert_string_equal(head->glossary[g].lang[l].text, whole->glossary[g].lang[l].text);
            assert_string_equal(head->glossary[g].lang[l].definition,
                                whole->glossary[g].lang[l].definition);
        }
    pack_free(head);
    pack_free(whole);
    pack_files_free(&files);
    diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_manifest_good),
        cmocka_unit_test(test_manifest_errors_have_lines),
        cmocka_unit_test(test_manifest_missing_keys),
        cmocka_unit_test(test_manifest_long_line),
        cmocka_unit_test(test_manifest_bad_utf8),
        cmocka_unit_test(test_glossary),
        cmocka_unit_test(test_md_blocks),
        cmocka_unit_test(test_md_spans_and_links),
        cmocka_unit_test(test_md_breaks),
        cmocka_unit_test(test_md_bad_utf8_located),
        cmocka_unit_test(test_md_nesting_limit),
        cmocka_unit_test(test_md_link_at_end),
        cmocka_unit_test(test_version_cmp),
        cmocka_unit_test(test_limit_files),
        cmocka_unit_test(test_limit_total),
        cmocka_unit_test(test_limit_text_and_image),
        cmocka_unit_test(test_limit_name),
        cmocka_unit_test(test_limit_ratio),
        cmocka_unit_test(test_zip_traversal_names),
        cmocka_unit_test(test_zip_links_devices_encryption),
        cmocka_unit_test(test_zip_duplicates_and_case),
        cmocka_unit_test(test_zip_lying_size_bomb),
        cmocka_unit_test(test_zip_declared_total),
        cmocka_unit_test(test_zip_many_entries),
        cmocka_unit_test(test_zip_top_folder_and_junk),
        cmocka_unit_test(test_folder_links_and_specials),
        cmocka_unit_test(test_build_good_pack),
        cmocka_unit_test(test_build_round_limits),
        cmocka_unit_test(test_build_problems),
        cmocka_unit_test(test_build_no_manifest),
        cmocka_unit_test(test_load_folder),
        cmocka_unit_test(test_drop_sources),
        cmocka_unit_test(test_build_head),
    };
    return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
