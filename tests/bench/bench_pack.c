/* Benchmark (reports figures; not a test): a bilingual pack of 5,000
 * questions (50 units x 100 questions, in en and zh-Hans, with a glossary
 * and images) written to a temporary folder and a zip of it, then:
 * checked from the folder, checked from the zip, imported into a fresh
 * database, and imported again as a newer edition that replaces it.
 * Reports wall time and peak RSS after each step (peak RSS only grows).
 * Run: build/tests/bench/bench_pack [units] [questions-per-unit] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "mingbai/pack.h"
#include "mingbai/store.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss; /* KiB on Linux */
}

static void report(const char *step, double ms)
{
    printf("%-34s %9.1f ms   peak RSS %7.1f MiB\n", step, ms, (double)peak_rss_kib() / 1024.0);
}

static void write_file(const char *dir, const char *rel, const void *data, size_t len)
{
    char *path = mb_xasprintf("%s/%s", dir, rel);
    char *slash = strrchr(path, '/');
    *slash = 0;
    mb_mkdirs(path);
    *slash = '/';
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len) {
        fprintf(stderr, "bench_pack: cannot write %s\n", path);
        exit(1);
    }
    fclose(f);
    free(path);
}

static void write_text(const char *dir, const char *rel, const StrBuf *b)
{
    write_file(dir, rel, b->data, b->len);
}

/* A 4x4 PNG header: enough for the checker, which reads only the size. */
static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                    'I',  'H', 'D', 'R', 0,    0,    0,    4,    0, 0, 0, 4,
                                    8,    2,   0,   0,   0,    0,    0,    0,    0};

static void make_pack(const char *dir, const char *version, int units, int per_unit)
{
    StrBuf b = {0};
    strbuf_printf(&b,
                  "[pack]\nformat = 1\nid = bench\nversion = %s\nlanguages = en zh-Hans\n"
                  "[en]\ntitle = Benchmark course\ndescription = Generated.\n"
                  "[zh-Hans]\ntitle = 基准课程\ndescription = 自动生成。\n",
                  version);
    write_text(dir, "pack.ini", &b);
    b.len = 0;
    for (int t = 0; t < 50; t++)
        strbuf_printf(&b,
                      "[term-%d]\nen = Term %d\nzh-Hans = 术语%d\nen.definition = What term %d "
                      "means.\nzh-Hans.definition = 术语%d的意思。\n",
                      t, t, t, t, t);
    write_text(dir, "glossary.ini", &b);
    for (int u = 0; u < units; u++) {
        for (int l = 0; l < LANG_COUNT; l++) {
            bool zh = l == LANG_ZH;
            b.len = 0;
            strbuf_printf(&b, zh ? "# 第%d单元\n\n## 你将学到\n\n" : "# Unit %d\n\n## What you will learn\n\n",
                          u + 1);
            for (int k = 0; k < 3; k++)
                strbuf_printf(&b, "%d. %s %d\n", k + 1, zh ? "要点" : "Point", k + 1);
            strbuf_printf(&b, "\n![%s](media/u%02d.png)\n\n", zh ? "示意图" : "A diagram", u);
            for (int p = 0; p < 12; p++)
                strbuf_printf(&b,
                              zh ? "这是第%d段，讲到**公众号**和[术语](glossary:term-%d)。\n"
                                   "第二行接着说明来源。\n\n> **我们怎么知道？** 来源%d。\n\n"
                                 : "Paragraph %d names an **official account** and a "
                                   "[term](glossary:term-%d).\nA second line gives the source.\n\n"
                                   "> **How do we know?** Source %d.\n\n",
                              p + 1, (u + p) % 50, p);
            char *rel = mb_xasprintf("units/%02d-unit.%s.md", u + 1, lang_code((Lang)l));
            write_text(dir, rel, &b);
            free(rel);
            b.len = 0;
            for (int q = 0; q < per_unit; q++) {
                strbuf_printf(&b, "// [tag:unit%d] source: Generated source %d.\n", u + 1, q);
                if (q % 4 == 3)
                    strbuf_printf(&b, "::u%d-q%d::%s %d {T#%s#%s}\n\n", u + 1, q + 1,
                                  zh ? "判断题" : "True or false", q, zh ? "错" : "Wrong",
                                  zh ? "对" : "Right");
                else
                    strbuf_printf(&b,
                                  "::u%d-q%d::%s %d? {\n  =%s#%s\n  ~%s#%s\n  ~%s\n  ####%s\n}\n\n",
                                  u + 1, q + 1, zh ? "哪一项正确" : "Which one is right", q,
                                  zh ? "正确答案" : "The right answer", zh ? "对。" : "Right.",
                                  zh ? "错误答案" : "A wrong answer", zh ? "不对。" : "No.",
                                  zh ? "另一个" : "Another", zh ? "总的反馈。" : "General feedback.");
            }
            rel = mb_xasprintf("quizzes/%02d-unit.%s.gift", u + 1, lang_code((Lang)l));
            write_text(dir, rel, &b);
            free(rel);
        }
        char *rel = mb_xasprintf("media/u%02d.png", u);
        write_file(dir, rel, png, sizeof png);
        free(rel);
    }
    strbuf_free(&b);
}

static void make_zip(const char *dir, const char *zip_path)
{
    Diags d = {0};
    PackFiles files;
    PackLimits lim = pack_limits_default();
    if (pack_files_read(dir, &lim, &files, &d)) {
        diags_print(&d, stderr);
        exit(1);
    }
    zip_t *za = zip_open(zip_path, ZIP_CREATE | ZIP_TRUNCATE, NULL);
    for (size_t i = 0; i < files.count; i++) {
        zip_source_t *src = zip_source_buffer(za, files.items[i].data, files.items[i].len, 0);
        zip_file_add(za, files.items[i].path, src, ZIP_FL_ENC_UTF_8);
    }
    if (!za || zip_close(za)) {
        fprintf(stderr, "bench_pack: cannot write %s\n", zip_path);
        exit(1);
    }
    pack_files_free(&files);
    diags_free(&d);
}

static Pack *check(const char *path, const char *label)
{
    Diags d = {0};
    Pack *p = NULL;
    double t0 = now_ms();
    int errors = pack_load(path, &p, &d);
    double t1 = now_ms();
    if (errors) {
        diags_print(&d, stderr);
        exit(1);
    }
    size_t questions = 0;
    for (size_t u = 0; u < p->nunits; u++)
        questions += p->units[u].lang[LANG_EN].quiz.count;
    char step[64];
    snprintf(step, sizeof step, "check %s (%zu q)", label, questions);
    report(step, t1 - t0);
    diags_free(&d);
    return p;
}

static void import(Store *s, Pack *p, const char *label)
{
    double t0 = now_ms();
    int rc = store_pack_import(s, p, NULL, NULL);
    double t1 = now_ms();
    if (rc) {
        fprintf(stderr, "bench_pack: import failed: %s\n", store_errmsg(s));
        exit(1);
    }
    report(label, t1 - t0);
}

int main(int argc, char **argv)
{
    int units = argc > 1 ? atoi(argv[1]) : 50;
    int per_unit = argc > 2 ? atoi(argv[2]) : 100;
    char root[] = "/tmp/mingbai-bench-XXXXXX";
    if (!mkdtemp(root))
        return 1;
    mb_log_set_level(LOG_WARN);
    char *v1 = mb_xasprintf("%s/v1", root), *v2 = mb_xasprintf("%s/v2", root);
    char *zip_path = mb_xasprintf("%s/v1.zip", root), *db = mb_xasprintf("%s/bench.db", root);
    printf("bench_pack: %d units x %d questions x 2 languages\n", units, per_unit);
    double t0 = now_ms();
    make_pack(v1, "1.0", units, per_unit);
    make_pack(v2, "1.1", units, per_unit);
    make_zip(v1, zip_path);
    report("generate (2 editions + zip)", now_ms() - t0);

    Pack *p1 = check(v1, "folder");
    pack_free(check(zip_path, "zip"));
    Store *s = NULL;
    if (store_open(db, &s)) {
        fprintf(stderr, "bench_pack: cannot open %s\n", db);
        return 1;
    }
    import(s, p1, "import 1.0 (new database)");
    Pack *p2 = check(v2, "folder, 1.1");
    import(s, p2, "import 1.1 (replaces 1.0)");
    store_close(s);
    pack_free(p1);
    pack_free(p2);

    char *cmd = mb_xasprintf("rm -rf '%s'", root);
    int rc = system(cmd);
    free(cmd);
    free(v1);
    free(v2);
    free(zip_path);
    free(db);
    return rc == 0 ? 0 : 1;
}
