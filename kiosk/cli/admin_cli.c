/* The instructor's commands without a window: `mingbai instructor set-pin`,
 * `mingbai backup FILE`, `mingbai results merge A.db ... --into C.db` and
 * `mingbai participant delete|set-code|clear-code PSEUDO-OR-ID`. Arguments,
 * the PIN or code typed and the files named come from the user and are
 * untrusted; the store checks them again. Messages follow the locale (cli_text.c). Exit status: 0
 * success, 1 failure, 2 a usage error. */
#include "mingbai/cli.h"

#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli_internal.h"
#include "mingbai/store.h"

static void admin_usage_text(FILE *f)
{
    cli_say(f, "usage: mingbai instructor set-pin [--db PATH]\n"
               "       mingbai backup FILE [--db PATH]\n"
               "       mingbai results merge A.db B.db ... --into C.db\n"
               "       mingbai participant delete PSEUDONYM-OR-ID [--db PATH]\n"
               "       mingbai participant set-code|clear-code PSEUDONYM-OR-ID [--db PATH]\n");
}

static int admin_usage(const char *cmd)
{
    cli_prefix(stderr, cmd);
    cli_say(stderr, "not understood\n");
    admin_usage_text(stderr);
    return 2;
}

static int admin_open(const char *cmd, const char *db_path, Store **s)
{
    char *path = db_path ? mb_xstrdup(db_path) : store_default_path();
    int rc = store_open(path, s);
    if (rc) {
        cli_prefix(stderr, cmd);
        cli_say(stderr, "cannot open the database %s (the reason is above)\n", path);
    }
    free(path);
    return rc ? 1 : 0;
}

/* ---------------- instructor set-pin ---------------- */

/* One line from fd 0 into buf (without its newline); false at the end. */
static bool pin_read_line(char *buf, size_t cap)
{
    size_t n = 0;
    char c;
    ssize_t r;
    while ((r = read(0, &c, 1)) == 1 && c != '\n') {
        if (c != '\r' && n + 1 < cap)
            buf[n++] = c;
    }
    buf[n] = 0;
    return r == 1 || n > 0;
}

/* Asks on the terminal with the typing not shown. */
static bool pin_ask(const char *prompt, char *buf, size_t cap)
{
    struct termios old, quiet;
    bool tty = tcgetattr(0, &old) == 0;
    /* Echo off before the prompt: what is typed after it is never shown,
     * and nothing typed after it is thrown away. */
    if (tty) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(0, TCSAFLUSH, &quiet);
    }
    fputs(prompt, stderr);
    fflush(stderr);
    bool ok = pin_read_line(buf, cap);
    if (tty) {
        tcsetattr(0, TCSANOW, &old);
        fputc('\n', stderr);
    }
    return ok;
}

/* On a terminal the PIN is asked twice; from a pipe the first line is the
 * PIN, and a second line, when there is one, must repeat it. */
static int pin_read(char *pin, size_t cap)
{
    char again[64];
    bool tty = isatty(0);
    if (!(tty ? pin_ask(cli_tr("New instructor PIN (4 to 8 digits): "), pin, cap)
              : pin_read_line(pin, cap))) {
        cli_say(stderr, "mingbai instructor: no PIN was given\n");
        return 1;
    }
    if (!store_pin_valid(pin)) {
        cli_say(stderr, "mingbai instructor: a PIN is %d to %d digits, nothing else\n",
                STORE_PIN_MIN, STORE_PIN_MAX);
        return 1;
    }
    bool second = tty ? pin_ask(cli_tr("The same PIN again: "), again, sizeof again)
                      : pin_read_line(again, sizeof again);
    if ((tty || second) && strcmp(pin, again)) {
        cli_say(stderr, "mingbai instructor: the two PINs differ; nothing changed\n");
        return 1;
    }
    return 0;
}

static int cli_set_pin(int argc, const char *db_path)
{
    if (argc != 0)
        return admin_usage("instructor");
    char pin[64];
    Store *s = NULL;
    bool had = false;
    int rc = pin_read(pin, sizeof pin);
    if (!rc)
        rc = admin_open("instructor", db_path, &s);
    if (!rc && store_pin_is_set(s, &had) == MB_OK && store_pin_set(s, pin) == MB_OK) {
        if (had)
            cli_say(stdout, "The instructor PIN was changed.\n");
        else
            cli_say(stdout, "The instructor PIN is set.\n");
    } else if (!rc) {
        cli_say(stderr, "mingbai instructor: the PIN could not be kept: %s\n", store_errmsg(s));
        rc = 1;
    }
    memset(pin, 0, sizeof pin);
    store_close(s);
    return rc;
}

/* ---------------- backup ---------------- */

static int cli_backup(int argc, char **argv, const char *db_path)
{
    if (argc != 1 || argv[0][0] == '-')
        return admin_usage("backup");
    Store *s = NULL;
    int rc = admin_open("backup", db_path, &s);
    if (!rc && (store_backup(s, argv[0]) || store_backup_verify(s, argv[0]))) {
        cli_say(stderr, "mingbai backup: no backup was made: %s\n", store_errmsg(s));
        rc = 1;
    } else if (!rc) {
        cli_say(stdout, "Backed up to %s: %lld answers, checked.\n", argv[0],
                (long long)store_attempt_count(s));
    }
    store_close(s);
    return rc;
}

/* ---------------- results merge ---------------- */

static void merge_problem(const char *path, const StoreMergeSource *src, Store *s)
{
    cli_prefix(stderr, "results");
    switch (src->problem) {
    case STORE_SOURCE_NOT_MINGBAI:
        cli_say(stderr, "%s is not a Mingbai database\n", path);
        break;
    case STORE_SOURCE_NEWER:
        cli_say(stderr,
                "%s comes from a newer Mingbai (schema version %d; this one knows up to %d): "
                "merge it with that version\n",
                path, src->version, src->known);
        break;
    case STORE_SOURCE_SAME:
        cli_say(stderr, "%s is the database merged into\n", path);
        break;
    case STORE_SOURCE_DAMAGED:
        cli_say(stderr, "%s is damaged (it fails its check): restore it from a backup\n", path);
        break;
    default:
        cli_say(stderr, "cannot merge %s: %s\n", path, store_errmsg(s));
    }
}

/* Splits the arguments into sources and the --into target. */
static int merge_args(int argc, char **argv, const char **into, char **srcs, int *n)
{
    *into = NULL;
    *n = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--into") && i + 1 < argc && !*into)
            *into = argv[++i];
        else if (argv[i][0] == '-')
            return -1;
        else
            srcs[(*n)++] = argv[i];
    }
    return *into && *n ? 0 : -1;
}

static int merge_all(Store *s, char **srcs, int n)
{
    StoreMergeSource src;
    for (int i = 0; i < n; i++)
        if (store_merge_check(s, srcs[i], &src)) {
            merge_problem(srcs[i], &src, s);
            cli_say(stderr, "mingbai results: nothing was merged\n");
            return 1;
        }
    for (int i = 0; i < n; i++) {
        StoreMergeCounts c;
        if (store_merge(s, srcs[i], &src, &c)) {
            merge_problem(srcs[i], &src, s);
            if (i)
                cli_say(stderr, "mingbai results: the files before %s were merged; merging "
                                "them again adds nothing\n",
                        srcs[i]);
            return 1;
        }
        cli_say(stdout,
                "%s: %lld new participants, %lld new answers, %lld review boxes, %lld reading "
                "positions, %lld resume points, %lld packs\n",
                srcs[i], (long long)c.participants, (long long)c.attempts, (long long)c.reviews,
                (long long)c.positions, (long long)c.resumes, (long long)c.packs);
    }
    return 0;
}

static int cli_merge(int argc, char **argv)
{
    const char *into;
    int n;
    char **srcs = mb_xcalloc((size_t)argc + 1, sizeof *srcs);
    if (argc < 1 || strcmp(argv[0], "merge") || merge_args(argc - 1, argv + 1, &into, srcs, &n)) {
        free(srcs);
        return admin_usage("results");
    }
    bool existed = access(into, F_OK) == 0;
    Store *s = NULL;
    int rc = admin_open("results", into, &s);
    if (!rc)
        rc = merge_all(s, srcs, n);
    if (!rc)
        cli_say(stdout, "%s now holds %lld answers.\n", into, (long long)store_attempt_count(s));
    store_close(s);
    if (rc && !existed)
        store_remove_files(into); /* a database made for a merge that did not happen */
    free(srcs);
    return rc;
}

/* ---------------- participant delete ---------------- */

static int cli_participant_delete(char **argv, const char *db_path)
{
    Store *s = NULL;
    int64_t id = 0, answers = 0;
    StoreParticipant p = {0};
    int rc = admin_open("participant", db_path, &s);
    if (!rc && (store_participant_find(s, argv[1], &id) || store_participant_get(s, id, &p))) {
        cli_say(stderr, "mingbai participant: no participant %s\n", argv[1]);
        rc = 1;
    }
    int st = rc ? MB_OK : store_participant_delete(s, id, &answers);
    if (!rc && st && st != MB_ERR) {
        cli_say(stderr, "mingbai participant: nothing was deleted: %s\n", store_errmsg(s));
        rc = 1;
    } else if (!rc) {
        cli_say(stdout, "Deleted participant %s and their %lld answers.\n", p.pseudo,
                (long long)answers);
        if (st) {
            cli_say(stderr, "mingbai participant: %s\n", store_errmsg(s));
            rc = 1;
        }
        char *dir = store_backup_dir(s);
        if (access(dir, F_OK) == 0)
            cli_say(stdout, "Backups made before keep a copy of them (%s).\n", dir);
        free(dir);
    }
    free(p.name);
    free(p.pseudo);
    store_close(s);
    return rc;
}

/* ---------------- participant set-code, clear-code ---------------- */

/* As pin_read: asked twice on a terminal; from a pipe the first line is the
 * code, and a second line, when there is one, must repeat it. */
static int code_read(char *code, size_t cap)
{
    char again[64];
    bool tty = isatty(0);
    if (!(tty ? pin_ask(cli_tr("The participant's new code (4 digits): "), code, cap)
              : pin_read_line(code, cap))) {
        cli_say(stderr, "mingbai participant: no code was given\n");
        return 1;
    }
    if (!store_code_valid(code)) {
        cli_say(stderr, "mingbai participant: a code is %d digits, nothing else\n", STORE_CODE_LEN);
        return 1;
    }
    bool second = tty ? pin_ask(cli_tr("The same code again: "), again, sizeof again)
                      : pin_read_line(again, sizeof again);
    bool differ = (tty || second) && strcmp(code, again);
    memset(again, 0, sizeof again);
    if (differ) {
        cli_say(stderr, "mingbai participant: the two codes differ; nothing changed\n");
        return 1;
    }
    return 0;
}

/* Gives the participant named by key a code (set) or takes it away. */
static int cli_participant_code(bool set, const char *key, const char *db_path)
{
    char code[64] = "";
    Store *s = NULL;
    int64_t id = 0;
    StoreParticipant p = {0};
    int rc = set ? code_read(code, sizeof code) : 0;
    if (!rc)
        rc = admin_open("participant", db_path, &s);
    if (!rc &&
        (store_participant_find(s, key, &id) || store_participant_get(s, id, &p) || p.guest)) {
        cli_say(stderr, "mingbai participant: no participant %s\n", key);
        rc = 1;
    }
    if (!rc && (set ? store_code_set(s, id, code) : store_code_clear(s, id))) {
        cli_say(stderr, "mingbai participant: the code was not changed: %s\n", store_errmsg(s));
        rc = 1;
    } else if (!rc && set) {
        cli_say(stdout, "%s (%s) has a code now; it is asked when they tap their name.\n", p.name,
                p.pseudo);
    } else if (!rc && p.has_code) {
        cli_say(stdout, "%s (%s) has no code now.\n", p.name, p.pseudo);
    } else if (!rc) {
        cli_say(stdout, "%s (%s) had no code.\n", p.name, p.pseudo);
    }
    memset(code, 0, sizeof code);
    free(p.name);
    free(p.pseudo);
    store_close(s);
    return rc;
}

static int cli_participant(int argc, char **argv, const char *db_path)
{
    if (argc == 2 && !strcmp(argv[0], "delete"))
        return cli_participant_delete(argv, db_path);
    if (argc == 2 && (!strcmp(argv[0], "set-code") || !strcmp(argv[0], "clear-code")))
        return cli_participant_code(!strcmp(argv[0], "set-code"), argv[1], db_path);
    return admin_usage("participant");
}

int cli_admin_main(int argc, char **argv, const char *db_path)
{
    const char *cmd = argv[0];
    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        admin_usage_text(stdout);
        return 0;
    }
    if (!strcmp(cmd, "instructor")) {
        if (argc < 2 || strcmp(argv[1], "set-pin"))
            return admin_usage(cmd);
        return cli_set_pin(argc - 2, db_path);
    }
    if (!strcmp(cmd, "backup"))
        return cli_backup(argc - 1, argv + 1, db_path);
    if (!strcmp(cmd, "results"))
        return cli_merge(argc - 1, argv + 1);
    if (!strcmp(cmd, "participant"))
        return cli_participant(argc - 1, argv + 1, db_path);
    return admin_usage(cmd);
}
