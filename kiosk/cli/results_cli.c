/* `mingbai export ...` and `mingbai session ...`: results out of the kiosk
 * from a shell, and seminar sessions started and ended without the
 * screen. Arguments come from the instructor's shell and are checked
 * here; the packs the exports describe are rebuilt from the database, as
 * the kiosk has them. Exit status 0 success, 1 failure, 2 usage. */
#include "mingbai/cli.h"

#include "cli_internal.h"
#include "mingbai/pack.h"
#include "mingbai/report.h"
#include "mingbai/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { USAGE_EXPORT, USAGE_SESSION } Usage;

static void cli_usage_text(Usage u, FILE *f)
{
    if (u == USAGE_EXPORT)
        cli_say(f, "usage: mingbai export --format csv|xapi|html --out DIR [--session ID] [--names]\n"
                   "                      [--lang en|zh-Hans] [--db PATH]\n");
    else
        cli_say(f, "usage: mingbai session start --title TITLE [--unit PACK/UNIT]... [--pack ID]...\n"
                   "       mingbai session end [ID] | list   [--db PATH]\n");
}

/* why: NULL, or the message already in the user's language (cli_tr). */
static int cli_usage_of(Usage u, const char *why)
{
    if (why)
        fprintf(stderr, "mingbai%s%s\n", cli_zh() ? "：" : ": ", why);
    cli_usage_text(u, stderr);
    return 2;
}

static int cli_open(const char *db_path, Store **s)
{
    char *def = db_path ? NULL : store_default_path();
    const char *path = db_path ? db_path : def;
    int rc = store_open(path, s);
    if (rc)
        cli_say(stderr, "mingbai: cannot open the database %s\n", path);
    free(def);
    return rc;
}

/* A session id: a positive whole number. */
static bool cli_parse_id(const char *s, int64_t *out)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!s[0] || *end || v <= 0)
        return false;
    *out = v;
    return true;
}

/* ---------------- the packs an export describes ---------------- */

typedef struct {
    Store *store;
    struct {
        char *id;
        Pack *pack; /* NULL: not on the kiosk, or it no longer builds */
    } cache[32];
    size_t n;
} PackCache;

static const Pack *cli_pack(void *ctx, const char *id)
{
    PackCache *c = ctx;
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->cache[i].id, id))
            return c->cache[i].pack;
    if (c->n == MB_COUNT(c->cache))
        return NULL;
    PackFiles files = {0};
    Pack *p = NULL;
    Diags d = {0};
    if (store_pack_files(c->store, id, &files) == MB_OK && pack_build(&files, id, &p, &d)) {
        pack_free(p);
        p = NULL;
    }
    pack_files_free(&files);
    diags_free(&d);
    c->cache[c->n].id = mb_xstrdup(id);
    c->cache[c->n++].pack = p;
    return p;
}

static void cli_pack_cache_free(PackCache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->cache[i].id);
        pack_free(c->cache[i].pack);
    }
}

/* ---------------- mingbai export ---------------- */

typedef struct {
    const char *format, *out, *session, *lang;
    bool names;
} ExportArgs;

static int cli_export_args(int argc, char **argv, ExportArgs *a)
{
    for (int i = 1; i < argc; i++) {
        const char *k = argv[i];
        const char **slot = !strcmp(k, "--format")    ? &a->format
                            : !strcmp(k, "--out")     ? &a->out
                            : !strcmp(k, "--session") ? &a->session
                            : !strcmp(k, "--lang")    ? &a->lang
                                                      : NULL;
        if (!strcmp(k, "--names")) {
            a->names = true;
        } else if (slot && i + 1 < argc) {
            *slot = argv[++i];
        } else {
            cli_say(stderr, "mingbai export: unknown or incomplete option '%s'\n", k);
            return 2;
        }
    }
    return 0;
}

int cli_export_main(int argc, char **argv, const char *db_path)
{
    ExportArgs a = {0};
    if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        cli_usage_text(USAGE_EXPORT, stdout);
        return 0;
    }
    if (cli_export_args(argc, argv, &a))
        return cli_usage_of(USAGE_EXPORT, NULL);
    ReportFormat f;
    ReportOptions o = {.lang = LANG_EN, .names = a.names, .pack = cli_pack};
    if (!a.format || report_format_parse(a.format, &f))
        return cli_usage_of(USAGE_EXPORT, cli_tr("--format wants csv, xapi or html"));
    if (!a.out)
        return cli_usage_of(USAGE_EXPORT, cli_tr("--out wants the folder to write to"));
    if (a.session && !cli_parse_id(a.session, &o.session))
        return cli_usage_of(USAGE_EXPORT, cli_tr("--session wants a session number (mingbai session list)"));
    if (a.lang && lang_parse(a.lang, &o.lang))
        return cli_usage_of(USAGE_EXPORT, cli_tr("--lang wants en or zh-Hans"));
    PackCache cache = {0};
    if (cli_open(db_path, &o.store))
        return 1;
    cache.store = o.store;
    o.pack_ctx = &cache;
    char err[1024];
    /* The folder itself is made when its parent exists (and removed
     * again when nothing could be written into it). */
    bool made = mkdir(a.out, 0755) == 0;
    int rc = report_export(&o, f, a.out, err, sizeof err);
    if (rc && made)
        rmdir(a.out);
    if (rc)
        cli_say(stderr, "mingbai export: %s; nothing was written\n", err);
    else
        cli_say(stdout, "wrote %s in %s\n", report_format_files(f), a.out);
    cli_pack_cache_free(&cache);
    store_close(o.store);
    return rc ? 1 : 0;
}

/* ---------------- mingbai session ---------------- */

/* Whether the kiosk has pack id and, when unit is not NULL, that unit in
 * it (as the pack rebuilt from the database lists its units); says which
 * is missing on stderr. */
static bool cli_session_known(Store *s, const char *id, const char *unit)
{
    PackFiles files = {0};
    Pack *p = NULL;
    Diags d = {0};
    bool ok = false;
    int st = store_pack_files(s, id, &files);
    if (st == MB_ERR_NOTFOUND)
        cli_say(stderr, "mingbai session: no pack %s on the kiosk; nothing was started\n", id);
    else if (st)
        cli_say(stderr, "mingbai session: %s\n", store_errmsg(s));
    else if (!unit)
        ok = true;
    else if (pack_build(&files, id, &p, &d) == 0 && p)
        for (size_t i = 0; i < p->nunits && !ok; i++)
            ok = !strcmp(p->units[i].slug, unit);
    if (!ok && st == MB_OK && unit)
        cli_say(stderr, "mingbai session: %s has no unit %s; nothing was started\n", id, unit);
    diags_free(&d);
    pack_free(p);
    pack_files_free(&files);
    return ok;
}

static int cli_session_start(int argc, char **argv, Store *s)
{
    const char *title = NULL;
    StoreUnitRef units[64];
    const char *packs[64];
    char *split[64];
    size_t nunits = 0, npacks = 0;
    int rc = 2;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "--title") && i + 1 < argc) {
            title = argv[++i];
        } else if (!strcmp(argv[i], "--pack") && i + 1 < argc && npacks < MB_COUNT(packs)) {
            packs[npacks++] = argv[++i];
        } else if (!strcmp(argv[i], "--unit") && i + 1 < argc && nunits < MB_COUNT(units)) {
            const char *arg = argv[++i], *slash = strchr(arg, '/');
            if (!slash || slash == arg || !slash[1]) {
                cli_usage_of(USAGE_SESSION, cli_tr("--unit wants PACK/UNIT, like media-literacy/01-platforms"));
                goto done;
            }
            split[nunits] = mb_xstrndup(arg, (size_t)(slash - arg));
            units[nunits] = (StoreUnitRef){split[nunits], slash + 1};
            nunits++;
        } else {
            cli_usage_of(USAGE_SESSION, cli_tr("start takes --title TITLE, --unit PACK/UNIT and --pack ID"));
            goto done;
        }
    }
    if (!title) {
        cli_usage_of(USAGE_SESSION, cli_tr("start needs a --title"));
        goto done;
    }
    rc = 1;
    for (size_t i = 0; i < nunits; i++)
        if (!cli_session_known(s, units[i].pack_id, units[i].unit))
            goto done;
    for (size_t i = 0; i < npacks; i++)
        if (!cli_session_known(s, packs[i], NULL))
            goto done;
    StoreSessionNew n = {title, units, nunits, packs, npacks};
    int64_t id = 0;
    rc = store_session_start(s, &n, mb_now_ms(), &id) ? 1 : 0;
    if (rc)
        cli_say(stderr, "mingbai session: %s\n", store_errmsg(s));
    else
        cli_say(stdout, "session %lld started: %s\n", (long long)id, title);
done:
    for (size_t i = 0; i < nunits; i++)
        free(split[i]);
    return rc;
}

static int cli_session_end(int argc, char **argv, Store *s)
{
    int64_t id = 0;
    if (argc > 3 || (argc == 3 && !cli_parse_id(argv[2], &id)))
        return cli_usage_of(USAGE_SESSION, cli_tr("end takes the session's number, or nothing"));
    if (argc == 2 && (id = store_session_current(s)) <= 0) {
        cli_say(stderr, "mingbai session: no session is open\n");
        return 1;
    }
    if (store_session_end(s, id, mb_now_ms())) {
        cli_say(stderr, "mingbai session: %s\n", store_errmsg(s));
        return 1;
    }
    cli_say(stdout, "session %lld ended\n", (long long)id);
    /* As on the screen: a backup after each session. */
    char *path = NULL;
    if (store_backup_auto(s, NULL, "session", STORE_BACKUPS_KEPT, &path)) {
        cli_say(stderr, "mingbai session: the session ended, but the backup failed: %s\n",
                store_errmsg(s));
        return 1;
    }
    cli_say(stdout, "backed up to %s\n", path);
    free(path);
    return 0;
}

static int cli_session_list(Store *s)
{
    StoreSession *list = NULL;
    size_t n = 0;
    if (store_session_list(s, &list, &n)) {
        cli_say(stderr, "mingbai session: %s\n", store_errmsg(s));
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        const StoreSession *x = &list[i];
        cli_say(stdout, "%lld\t%s\t%lld answers\t%s", (long long)x->id,
                x->ended_ms ? cli_tr("ended") : cli_tr("open"), (long long)x->answers, x->title);
        for (size_t k = 0; k < x->nunits; k++)
            printf("%s%s/%s", k ? ", " : cli_tr("\tunits: "), x->units[k].pack_id, x->units[k].unit);
        for (size_t k = 0; k < x->npacks; k++)
            printf("%s%s", k ? ", " : cli_tr("\tpacks: "), x->packs[k]);
        putchar('\n');
    }
    store_session_list_free(list, n);
    return 0;
}

int cli_session_main(int argc, char **argv, const char *db_path)
{
    const char *cmd = argc > 1 ? argv[1] : "";
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        cli_usage_text(USAGE_SESSION, stdout);
        return 0;
    }
    if (strcmp(cmd, "start") && strcmp(cmd, "end") && strcmp(cmd, "list"))
        return cli_usage_of(USAGE_SESSION, argc > 1 ? cli_tr("unknown session command") : NULL);
    if (!strcmp(cmd, "list") && argc > 2)
        return cli_usage_of(USAGE_SESSION, cli_tr("list takes no arguments"));
    Store *s = NULL;
    if (cli_open(db_path, &s))
        return 1;
    int rc = !strcmp(cmd, "start") ? cli_session_start(argc, argv, s)
             : !strcmp(cmd, "end") ? cli_session_end(argc, argv, s)
                                   : cli_session_list(s);
    store_close(s);
    return rc;
}
