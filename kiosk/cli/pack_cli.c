/* `mingbai pack ...`: the instructor's pack tools without a window -- check
 * a pack or one file, show a quiz as the kiosk reads it, import, list,
 * remove, hide from participants and show again, export a quiz as GIFT (what
 * `show` prints is in pack_show.c). Paths and files come from the user and are
 * untrusted; they go through the pack module's readers and limits. Checking
 * prints diagnostics to stdout (sorted, with hints) and a summary to stderr;
 * exit status 0 is success, 1 problems found, 2 a usage error. */
#include "mingbai/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_internal.h"
#include "mingbai/pack.h"
#include "mingbai/store.h"

/* The progress bar appears only for imports that take a noticeable time. */
#define PROGRESS_MIN_QUESTIONS 200

static void cli_usage_line(FILE *f)
{
    cli_say(f, "usage: mingbai pack check PATH... | show FILE.gift|FILE.xml [--json] | import PATH | list |\n"
               "                    remove ID | hide ID | unhide ID |\n"
               "                    export-gift ID --lang L [-o FILE]   [--db PATH]\n"
               "       mingbai pack preview PATH --shots DIR [--lang L] [--window WxH]\n");
}

/* why: NULL, or the message already in the user's language (cli_tr). */
static int cli_usage(const char *why)
{
    if (why) {
        cli_prefix(stderr, "pack");
        fprintf(stderr, "%s\n", why);
    }
    cli_usage_line(stderr);
    return 2;
}

static void cli_print_diags(Diags *d, FILE *f)
{
    diags_sort(d);
    diags_print_lang(d, f, cli_zh() ? LANG_ZH : LANG_EN);
}

static void cli_summary(const Diags *d)
{
    if (d->errors == 1)
        cli_say(stderr, "1 error, ");
    else
        cli_say(stderr, "%d errors, ", d->errors);
    if (d->warnings == 1)
        cli_say(stderr, "1 warning\n");
    else
        cli_say(stderr, "%d warnings\n", d->warnings);
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool file_is_zip(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char m[4] = {0};
    bool zip = f && fread(m, 1, 4, f) == 4 && m[0] == 'P' && m[1] == 'K' &&
               ((m[2] == 3 && m[3] == 4) || (m[2] == 5 && m[3] == 6));
    if (f)
        fclose(f);
    return zip;
}

/* Reads one text file for checking, within the pack's limit for text. */
static int cli_read_text(const char *path, char **data, size_t *len, Diags *d)
{
    size_t max = pack_limits_default().max_text_file;
    int rc = mb_read_file(path, max, data, len);
    if (rc == MB_ERR_LIMIT)
        diags_add(d, DIAG_ERROR, path, 0, 0, "split it into several files",
                  "the file is larger than %zu MiB", max >> 20);
    else if (rc)
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
    return rc;
}

/* Reads and parses a Moodle XML question file for show: its images are
 * not kept, so their references stay as written. */
static void cli_read_xml(const char *path, char **data, size_t *len, Arena *arena,
                         QuestionList *q, Diags *d)
{
    size_t max = pack_limits_default().max_xml_file;
    int rc = mb_read_file(path, max, data, len);
    if (rc == MB_ERR_LIMIT)
        diags_add(d, DIAG_ERROR, path, 0, 0, "split it into several files",
                  "the file is larger than %zu MiB", max >> 20);
    else if (rc)
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
    else
        pack_moodle_xml_parse(path, *data, *len, arena, NULL, q, d);
}

/* ---------------- check ---------------- */

/* An activity file of a pack: activities/<name>.md. */
static bool is_activity_file(const char *path)
{
    const char *base = strrchr(path, '/');
    if (!base || !has_suffix(path, ".md"))
        return false;
    size_t n = (size_t)(base - path);
    return n >= 10 && !strncmp(base - 10, "activities", 10) && (n == 10 || base[-11] == '/');
}

static void cli_check_path(const char *path, Diags *d)
{
    struct stat st;
    if (stat(path, &st)) {
        diags_add(d, DIAG_ERROR, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        return;
    }
    if (S_ISDIR(st.st_mode) || file_is_zip(path) || has_suffix(path, ".zip") ||
        has_suffix(path, ".xml")) {
        Pack *p = NULL;
        pack_load(path, &p, d);
        pack_free(p);
        return;
    }
    if (pack_is_quiz_file(path)) {
        /* As inside a pack: the touchscreen's checks too. */
        Pack *p = NULL;
        pack_load_quiz_file(path, &p, NULL, d);
        pack_free(p);
        return;
    }
    const char *base = base_name(path);
    bool gift = has_suffix(path, ".gift"), md = has_suffix(path, ".md");
    bool manifest = !strcmp(base, "pack.ini"), glossary = !strcmp(base, "glossary.ini");
    if (!gift && !md && !manifest && !glossary) {
        diags_add(d, DIAG_ERROR, path, 0, 0,
                  "check a pack folder or .zip, a .gift (or Moodle's .txt) or Moodle .xml quiz, a "
                  ".md unit or a pack.ini",
                  "not a pack or a file of one");
        return;
    }
    char *data;
    size_t len;
    if (cli_read_text(path, &data, &len, d))
        return;
    Pack *p = mb_xcalloc(1, sizeof *p);
    if (gift) {
        QuestionList q;
        pack_gift_parse(path, data, len, &p->arena, &q, d);
    } else if (md && is_activity_file(path)) {
        QuestionList q = {0};
        pack_activity_parse(path, data, len, &p->arena, &q, d);
    } else if (md) {
        Doc doc;
        pack_md_parse(path, data, len, &p->arena, &doc, d);
    } else if (manifest) {
        pack_manifest_parse(path, data, len, p, d);
    } else {
        pack_glossary_parse(path, data, len, p, d);
    }
    pack_free(p);
    free(data);
}

static int cli_check(int argc, char **argv)
{
    if (argc < 1)
        return cli_usage(cli_tr("check needs a PATH"));
    Diags d = {0};
    for (int i = 0; i < argc; i++)
        cli_check_path(argv[i], &d);
    cli_print_diags(&d, stdout);
    fflush(stdout);
    cli_summary(&d);
    int rc = d.errors ? 1 : 0;
    diags_free(&d);
    return rc;
}

/* ---------------- show ---------------- */

static int cli_show(int argc, char **argv)
{
    const char *path = NULL;
    bool json = false;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = true;
        else if (!path && argv[i][0] != '-')
            path = argv[i];
        else
            return cli_usage(cli_tr("show takes one FILE.gift and --json"));
    }
    if (!path)
        return cli_usage(cli_tr("show needs a FILE.gift"));
    Diags d = {0};
    Arena arena = {0};
    QuestionList q = {0};
    char *data = NULL;
    size_t len;
    if (has_suffix(path, ".xml"))
        cli_read_xml(path, &data, &len, &arena, &q, &d);
    else if (cli_read_text(path, &data, &len, &d))
        ;
    else if (is_activity_file(path))
        pack_activity_parse(path, data, len, &arena, &q, &d);
    else
        pack_gift_parse(path, data, len, &arena, &q, &d);
    StrBuf out = {0};
    if (json) {
        strbuf_puts(&out, "{\"file\":");
        cli_json_str(&out, path);
        strbuf_printf(&out, ",\"errors\":%d,\"warnings\":%d,\"questions\":[", d.errors,
                      d.warnings);
        for (size_t i = 0; i < q.count; i++) {
            strbuf_puts(&out, i ? ",\n" : "\n");
            cli_json_question(&out, &q.items[i]);
        }
        strbuf_puts(&out, "\n]}\n");
    } else {
        strbuf_printf(&out, q.count == 1 ? cli_tr("%s: %zu question\n") : cli_tr("%s: %zu questions\n"),
                      path, q.count);
        for (size_t i = 0; i < q.count; i++)
            cli_text_question(&out, path, i + 1, &q.items[i]);
    }
    fwrite(out.data, 1, out.len, stdout);
    fflush(stdout);
    cli_print_diags(&d, stderr);
    int rc = d.errors ? 1 : 0;
    strbuf_free(&out);
    diags_free(&d);
    arena_reset(&arena);
    free(data);
    return rc;
}

/* ---------------- the store ---------------- */

static int cli_store_open(const char *db_path, Store **s)
{
    char *def = db_path ? NULL : store_default_path();
    const char *path = db_path ? db_path : def;
    int rc = store_open(path, s);
    if (rc)
        cli_say(stderr, "mingbai pack: cannot open the database %s\n", path);
    free(def);
    return rc;
}

typedef struct {
    int last;
    bool shown;
} Progress;

static void cli_progress(void *ctx, size_t done, size_t total)
{
    Progress *pr = ctx;
    int pct = total ? (int)(MB_MIN(done, total) * 100 / total) : 100;
    if (pct == pr->last)
        return;
    pr->last = pct;
    pr->shown = true;
    enum { WIDTH = 30 };
    int fill = pct * WIDTH / 100;
    fputc('\r', stderr);
    cli_say(stderr, "importing [%.*s%*s] %3d%%", fill, "##############################",
            WIDTH - fill, "", pct);
    fflush(stderr);
}

/* Questions of the pack: those of its fullest language (the others hold
 * the same questions, translated). */
static size_t pack_question_count(const Pack *p)
{
    size_t most = 0;
    for (int l = 0; l < LANG_COUNT; l++) {
        size_t n = 0;
        for (size_t u = 0; u < p->nunits; u++)
            n += p->units[u].lang[l].quiz.count;
        most = MB_MAX(most, n);
    }
    return most;
}

/* Refuses the same or an older edition with a message of its own; the
 * store refuses as well, so this is only for the words. */
static int cli_import_compare(Store *s, const Pack *p)
{
    StorePackInfo *list = NULL;
    size_t n = 0;
    if (store_pack_list(s, &list, &n))
        return 0;
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].id, p->id))
            continue;
        int c = pack_version_cmp(p->version, list[i].version);
        if (c == 0) {
            cli_say(stderr, "mingbai pack: %s %s is already on the kiosk; nothing imported\n",
                    p->id, p->version);
            rc = 1;
        } else if (c < 0) {
            cli_say(stderr,
                    "mingbai pack: the kiosk has %s %s, newer than %s; nothing imported\n"
                    "  hint: raise version in pack.ini for a new edition\n",
                    p->id, list[i].version, p->version);
            rc = 1;
        } else {
            cli_say(stdout, "replacing %s %s (answers to questions whose ids stay are kept)\n",
                    p->id, list[i].version);
        }
    }
    store_pack_list_free(list, n);
    return rc;
}

/* A backup before each import, kept with the last few, when the database
 * holds anything to lose; no backup, no import. */
static int cli_backup_before_import(Store *s)
{
    StorePackInfo *list = NULL;
    size_t n = 0;
    store_pack_list(s, &list, &n);
    store_pack_list_free(list, n);
    if (n == 0 && store_attempt_count(s) <= 0)
        return 0;
    char *path = NULL;
    if (store_backup_auto(s, NULL, "import", STORE_BACKUPS_KEPT, &path)) {
        cli_say(stderr, "mingbai pack: no backup could be made before the import (%s); nothing "
                        "imported\n",
                store_errmsg(s));
        return 1;
    }
    cli_say(stdout, "backed up to %s\n", path);
    free(path);
    return 0;
}

static int cli_import(int argc, char **argv, const char *db_path)
{
    if (argc != 1)
        return cli_usage(cli_tr("import needs one PATH"));
    Diags d = {0};
    Pack *p = NULL;
    Store *s = NULL;
    int rc = 1;
    PackSingle single;
    bool one_file = pack_is_quiz_file(argv[0]);
    int errors = one_file ? pack_load_quiz_file(argv[0], &p, &single, &d)
                          : pack_load(argv[0], &p, &d);
    cli_print_diags(&d, stdout);
    if (one_file && single.units > 1)
        cli_say(stdout,
                "%s has more questions than a quiz round asks: it becomes the pack %s, \"%s\" "
                "(%s), with %d units, one for each category (a long one in parts)\n",
                argv[0], single.id, single.title, lang_code(single.lang), single.units);
    else if (one_file && has_suffix(argv[0], ".xml"))
        cli_say(stdout,
                "%s is one Moodle XML file: it becomes the pack %s, \"%s\" (%s), with one unit "
                "holding its questions\n",
                argv[0], single.id, single.title, lang_code(single.lang));
    else if (one_file)
        cli_say(stdout,
                "%s is one GIFT file: it becomes the pack %s, \"%s\" (%s), with one unit "
                "holding its questions\n",
                argv[0], single.id, single.title, lang_code(single.lang));
    fflush(stdout);
    if (errors) {
        cli_summary(&d);
        cli_say(stderr, "mingbai pack: not imported; fix the errors above first\n");
        goto done;
    }
    if (cli_store_open(db_path, &s))
        goto done;
    if (cli_import_compare(s, p) || cli_backup_before_import(s))
        goto done;
    size_t questions = pack_question_count(p);
    Progress pr = {.last = -1};
    int st = store_pack_import(s, p, questions > PROGRESS_MIN_QUESTIONS ? cli_progress : NULL,
                               &pr);
    if (pr.shown)
        fputc('\n', stderr);
    if (st == MB_ERR_EXISTS) {
        cli_say(stderr, "mingbai pack: %s; nothing imported\n", store_errmsg(s));
        goto done;
    }
    if (st) {
        cli_say(stderr, "mingbai pack: the import failed: %s; nothing changed\n",
                store_errmsg(s));
        goto done;
    }
    cli_say(stdout, "imported %s %s: %zu units, %zu questions\n", p->id, p->version, p->nunits,
            questions);
    rc = 0;
done:
    store_close(s);
    pack_free(p);
    diags_free(&d);
    return rc;
}

static int cli_list(int argc, const char *db_path)
{
    if (argc != 0)
        return cli_usage(cli_tr("list takes no arguments"));
    Store *s = NULL;
    StorePackInfo *list = NULL;
    size_t n = 0;
    if (cli_store_open(db_path, &s))
        return 1;
    int rc = store_pack_list(s, &list, &n);
    if (rc) {
        cli_say(stderr, "mingbai pack: cannot list packs: %s\n", store_errmsg(s));
        store_close(s);
        return 1;
    }
    if (!n)
        cli_say(stdout, "no packs on the kiosk\n");
    for (size_t i = 0; i < n; i++) {
        const StorePackInfo *pi = &list[i];
        cli_say(stdout, "%-24s %-8s %3d units %5d questions  %s", pi->id, pi->version, pi->units,
                pi->questions, pi->title[LANG_EN] ? pi->title[LANG_EN] : "");
        if (pi->title[LANG_ZH])
            printf("%s%s", pi->title[LANG_EN] ? " / " : "", pi->title[LANG_ZH]);
        if (pi->hidden)
            fputs(cli_tr("  (hidden from participants)"), stdout);
        putchar('\n');
    }
    store_pack_list_free(list, n);
    store_close(s);
    return 0;
}

static int cli_remove(int argc, char **argv, const char *db_path)
{
    if (argc != 1)
        return cli_usage(cli_tr("remove needs one ID"));
    Store *s = NULL;
    if (cli_store_open(db_path, &s))
        return 1;
    int rc = store_pack_remove(s, argv[0]);
    if (rc == MB_ERR_NOTFOUND)
        cli_say(stderr, "mingbai pack: no pack with id %s on the kiosk\n", argv[0]);
    else if (rc)
        cli_say(stderr, "mingbai pack: cannot remove %s: %s\n", argv[0], store_errmsg(s));
    else
        cli_say(stdout, "removed %s (answers given to it are kept)\n", argv[0]);
    store_close(s);
    return rc ? 1 : 0;
}

/* `pack hide ID` / `pack unhide ID`: off the participants' screens and
 * back, as the Packs screen's Hide and Show. */
static int cli_hide(int argc, char **argv, const char *db_path, bool hide)
{
    if (argc != 1)
        return cli_usage(hide ? cli_tr("hide needs one ID") : cli_tr("unhide needs one ID"));
    Store *s = NULL;
    if (cli_store_open(db_path, &s))
        return 1;
    int rc = store_pack_set_hidden(s, argv[0], hide);
    if (rc == MB_ERR_NOTFOUND)
        cli_say(stderr, "mingbai pack: no pack with id %s on the kiosk\n", argv[0]);
    else if (rc)
        cli_say(stderr, "mingbai pack: cannot change %s: %s\n", argv[0], store_errmsg(s));
    else if (hide)
        cli_say(stdout, "%s is hidden from participants (its answers are kept)\n", argv[0]);
    else
        cli_say(stdout, "participants see %s again\n", argv[0]);
    store_close(s);
    return rc ? 1 : 0;
}

/* ---------------- export-gift ---------------- */

static int cli_export_write(const Pack *p, Lang lang, const char *out_path)
{
    size_t n = 0;
    for (size_t u = 0; u < p->nunits; u++)
        n += p->units[u].lang[lang].quiz.count;
    /* One list, so that the writer puts $CATEGORY: switches where the
     * units' categories change. */
    QuestionList all = {mb_xmalloc((n ? n : 1) * sizeof *all.items), 0};
    for (size_t u = 0; u < p->nunits; u++) {
        const QuestionList *q = &p->units[u].lang[lang].quiz;
        for (size_t i = 0; i < q->count; i++)
            all.items[all.count++] = q->items[i];
    }
    StrBuf out = {0};
    strbuf_append(&out, "", 0);
    pack_gift_write(&all, &out);
    int rc = 0;
    if (out_path) {
        if (mb_write_file_atomic(out_path, out.data, out.len)) {
            cli_say(stderr, "mingbai pack: cannot write %s: %s\n", out_path, strerror(errno));
            rc = 1;
        } else {
            cli_say(stderr, "wrote %zu questions to %s\n", all.count, out_path);
        }
    } else if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout)) {
        rc = 1;
    }
    strbuf_free(&out);
    free(all.items);
    return rc;
}

static int cli_export(int argc, char **argv, const char *db_path)
{
    const char *id = NULL, *lang_arg = NULL, *out_path = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--lang") && i + 1 < argc)
            lang_arg = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out_path = argv[++i];
        else if (!id && argv[i][0] != '-')
            id = argv[i];
        else
            return cli_usage(cli_tr("export-gift takes ID --lang L [-o FILE]"));
    }
    Lang lang;
    if (!id || !lang_arg)
        return cli_usage(cli_tr("export-gift needs an ID and --lang"));
    if (lang_parse(lang_arg, &lang))
        return cli_usage(cli_tr("--lang wants en or zh-Hans"));
    Store *s = NULL;
    Pack *p = NULL;
    Diags d = {0};
    PackFiles files = {0};
    int rc = 1;
    if (cli_store_open(db_path, &s))
        goto done;
    int st = store_pack_files(s, id, &files);
    if (st == MB_ERR_NOTFOUND) {
        cli_say(stderr, "mingbai pack: no pack with id %s on the kiosk\n", id);
        goto done;
    } else if (st) {
        cli_say(stderr, "mingbai pack: cannot read %s: %s\n", id, store_errmsg(s));
        goto done;
    }
    if (pack_build(&files, id, &p, &d)) {
        cli_print_diags(&d, stderr);
        cli_say(stderr, "mingbai pack: the stored pack %s no longer checks\n", id);
        goto done;
    }
    if (!p->has_lang[lang]) {
        cli_say(stderr, "mingbai pack: %s has no %s version\n", id, lang_code(lang));
        goto done;
    }
    rc = cli_export_write(p, lang, out_path);
done:
    pack_files_free(&files);
    pack_free(p);
    diags_free(&d);
    store_close(s);
    return rc;
}

int cli_pack_main(int argc, char **argv, const char *db_path)
{
    if (argc < 2)
        return cli_usage(NULL);
    const char *cmd = argv[1];
    int n = argc - 2;
    char **args = argv + 2;
    if (!strcmp(cmd, "check"))
        return cli_check(n, args);
    if (!strcmp(cmd, "show"))
        return cli_show(n, args);
    if (!strcmp(cmd, "import"))
        return cli_import(n, args, db_path);
    if (!strcmp(cmd, "list"))
        return cli_list(n, db_path);
    if (!strcmp(cmd, "remove"))
        return cli_remove(n, args, db_path);
    if (!strcmp(cmd, "hide") || !strcmp(cmd, "unhide"))
        return cli_hide(n, args, db_path, !strcmp(cmd, "hide"));
    if (!strcmp(cmd, "export-gift"))
        return cli_export(n, args, db_path);
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        cli_usage_line(stdout);
        return 0;
    }
    cli_say(stderr, "mingbai pack: unknown command '%.40s'\n", cmd);
    return cli_usage(NULL);
}
