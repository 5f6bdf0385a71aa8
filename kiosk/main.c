/* mingbai: the kiosk program. Without a command it starts the kiosk;
 * `mingbai pack ...` runs the pack tools, `mingbai export ...` and
 * `mingbai session ...` the results tools, `mingbai instructor`, `backup`,
 * `results` and `participant` the instructor's, `mingbai replay ...` runs a
 * scripted session headless (tests and documentation), `mingbai monkey ...`
 * random input headless with its checks (monkey.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "mingbai/plat.h"
#include "mingbai/cli.h"
#include "monkey.h"
#include "preview.h"
#include "replay.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: mingbai [--window WxH] [--db PATH] [--lang en|zh-Hans] [--rotate DEG]\n"
            "       mingbai replay SCRIPT --shots DIR [--window WxH] [--db PATH] [--lang L]\n"
            "                      [--px-per-mm F] [--rotate DEG]\n"
            "       mingbai monkey --seed N --events K [--db PATH] [--window WxH]\n"
            "                      [--render software|none] [--warmup N] [--trace]\n"
            "       mingbai pack check PATH... | show FILE.gift|FILE.xml [--json] | import PATH |\n"
            "                    list | remove ID | export-gift ID --lang L [-o FILE]\n"
            "       mingbai pack preview PATH --shots DIR [--lang L] [--window WxH]\n"
            "       mingbai export --format csv|xapi|html --out DIR [--session ID] [--names]\n"
            "                      [--lang en|zh-Hans]\n"
            "       mingbai session start --title T [--unit PACK/UNIT]... [--pack ID]... |\n"
            "                       end [ID] | list\n"
            "       mingbai instructor set-pin\n"
            "       mingbai backup FILE\n"
            "       mingbai participant delete PSEUDONYM-OR-ID\n"
            "       mingbai results merge A.db B.db ... --into C.db\n"
            "       mingbai --version | --help\n"
            "\n"
            "Starts the study kiosk full-screen (a window with --window). Answers are kept in\n"
            "the database (default: $XDG_DATA_HOME/mingbai/mingbai.db). --rotate 90, 180 or\n"
            "270 turns the picture and the touches clockwise, for a panel mounted turned.\n"
            "Full-screen it refuses a video driver that shows nothing (offscreen, dummy)\n"
            "unless MINGBAI_ALLOW_HEADLESS=1.\n");
}

/* --px-per-mm: the display's density, as a screen of that size would
 * report it. Returns 0, or -1 with a message. */
static int parse_density(const char *s, float *out)
{
    char *end;
    *out = strtof(s, &end);
    if (*end || *out < 1 || *out > 40) {
        fprintf(stderr, "mingbai: --px-per-mm wants pixels per millimetre, like 5.2\n");
        return -1;
    }
    return 0;
}

static int run_kiosk(const AppOptions *o)
{
    App app;
    /* Before any thread starts: a stop signal then ends the loop, which
     * closes the database (its log emptied) and exits 0. */
    if (plat_stop_signals_start() != MB_OK)
        fprintf(stderr, "mingbai: cannot take the stop signals\n");
    int rc = app_open(&app, o);
    if (!rc)
        app_loop(&app, -1, o->width > 0);
    if (!rc)
        rc = app.exit_status;
    app_close(&app);
    return rc;
}

/* The commands that run without a window. */
static const struct {
    const char *name;
    int (*run)(int argc, char **argv, const char *db_path);
} commands[] = {{"pack", cli_pack_main},        {"export", cli_export_main},
                {"session", cli_session_main},  {"instructor", cli_admin_main},
                {"backup", cli_admin_main},     {"results", cli_admin_main},
                {"participant", cli_admin_main}};

/* Runs `mingbai [--db PATH] COMMAND ... [--db PATH] ...`; -1 when argv
 * names no command. */
static int run_command(int argc, char **argv)
{
    const char *db = getenv("MINGBAI_DB");
    if (argc > 3 && !strcmp(argv[1], "--db")) {
        db = argv[2];
        argv += 2;
        argc -= 2;
    }
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
        if (strcmp(argv[1], commands[c].name))
            continue;
        /* --db may come among the command's own arguments. */
        for (int k = 2; k + 1 < argc; k++)
            if (!strcmp(argv[k], "--db")) {
                db = argv[k + 1];
                memmove(&argv[k], &argv[k + 2], (size_t)(argc - k - 2) * sizeof *argv);
                argc -= 2;
                break;
            }
        return commands[c].run(argc - 1, argv + 1, db);
    }
    return -1;
}

int main(int argc, char **argv)
{
    AppOptions o = {.lang = LANG_EN};
    const char *script = NULL, *shots = NULL;
    bool replay = false;
    int i = 1;
    if (argc > 2 && !strcmp(argv[1], "pack") && !strcmp(argv[2], "preview"))
        return preview_main(argc - 2, argv + 2);
    if (argc > 1 && !strcmp(argv[1], "monkey"))
        return monkey_main(argc - 1, argv + 1);
    if (argc > 1) {
        int rc = run_command(argc, argv);
        if (rc >= 0)
            return rc;
    }
    if (argc > 1 && !strcmp(argv[1], "replay")) {
        replay = true;
        i = 2;
    }
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--version")) {
            printf("mingbai %s\n", MB_VERSION);
            return 0;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(a, "--window") && i + 1 < argc) {
            if (app_parse_size(argv[++i], &o.width, &o.height)) {
                fprintf(stderr, "mingbai: --window wants WIDTHxHEIGHT, like 800x480\n");
                return 2;
            }
        } else if (!strcmp(a, "--db") && i + 1 < argc) {
            o.db_path = argv[++i];
        } else if (!strcmp(a, "--lang") && i + 1 < argc) {
            if (lang_parse(argv[++i], &o.lang)) {
                fprintf(stderr, "mingbai: --lang wants en or zh-Hans\n");
                return 2;
            }
        } else if (!strcmp(a, "--px-per-mm") && i + 1 < argc) {
            if (parse_density(argv[++i], &o.px_per_mm))
                return 2;
        } else if (!strcmp(a, "--rotate") && i + 1 < argc) {
            const char *r = argv[++i];
            o.rotate = atoi(r);
            if (strcmp(r, "0") && strcmp(r, "90") && strcmp(r, "180") && strcmp(r, "270")) {
                fprintf(stderr, "mingbai: --rotate wants 0, 90, 180 or 270 (degrees clockwise)\n");
                return 2;
            }
        } else if (!strcmp(a, "--shots") && i + 1 < argc && replay) {
            shots = argv[++i];
        } else if (replay && !script && a[0] != '-') {
            script = a;
        } else {
            fprintf(stderr, "mingbai: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (replay) {
        if (!script) {
            fprintf(stderr, "mingbai: replay needs a SCRIPT\n");
            return 2;
        }
        if (o.width <= 0) {
            o.width = 800;
            o.height = 480;
        }
        o.headless = true;
        return replay_run(script, shots ? shots : ".", &o);
    }
    if (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY") && o.width > 0)
        o.width = o.height = 0; /* no desktop session: full-screen on the console */
    o.kiosk = true;
    return run_kiosk(&o);
}
