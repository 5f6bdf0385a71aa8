/* Command-line tools that run without a window: `mingbai pack ...`,
 * `mingbai export ...`, `mingbai session ...`, and the instructor's
 * `instructor set-pin`, `backup`, `results merge` and `participant delete`. */
#ifndef MINGBAI_CLI_H
#define MINGBAI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "mingbai/core.h"

/* `mingbai pack check|show|import|list|remove|export-gift ...`.
 * argv[0] is "pack". db_path is the database (--db) or NULL for the default.
 * argv and db_path are borrowed: read during the call, neither changed nor
 * kept. Everything it opens or allocates is closed and freed before it
 * returns. Returns the process exit status: 0 success, 1 problems found,
 * 2 usage. */
int cli_pack_main(int argc, char **argv, const char *db_path);

/* `mingbai export --format csv|xapi|html --out DIR [--session ID] [--names]
 * [--lang L]`: argv[0] is "export"; the rest as cli_pack_main. */
int cli_export_main(int argc, char **argv, const char *db_path);
/* `mingbai session start|end|list ...`: argv[0] is "session"; the rest as
 * cli_pack_main. */
int cli_session_main(int argc, char **argv, const char *db_path);
/* `mingbai instructor set-pin | backup FILE | results merge A.db ... --into
 * C.db | participant delete PSEUDONYM-OR-ID`: argv[0] is the command
 * ("instructor", "backup", "results" or "participant"). db_path as for
 * cli_pack_main (results merge names its own with --into). Messages follow
 * the locale: Chinese when LC_ALL, LC_MESSAGES or LANG starts with zh.
 * Returns the exit status: 0 success, 1 failure, 2 usage. */
int cli_admin_main(int argc, char **argv, const char *db_path);

/* For the commands the program runs itself (`mingbai pack preview`, which
 * needs the window machinery): whether messages are in Chinese (by the
 * locale), a message in the user's language (en is the key of the
 * catalogue in kiosk/cli/cli_text.c), and such a message printed to f. */
bool cli_zh(void);
const char *cli_tr(const char *en) __attribute__((format_arg(1)));
void cli_say(FILE *f, const char *fmt, ...) MB_PRINTF(2, 3);

#endif
