/* What the command-line tools share: their messages in the user's language.
 * Private to kiosk/cli. */
#ifndef MINGBAI_CLI_INTERNAL_H
#define MINGBAI_CLI_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

#include "mingbai/core.h"
#include "mingbai/pack_model.h"

/* Whether messages are in Chinese: the locale (LC_ALL, else LC_MESSAGES,
 * else LANG, the first one set) starts with "zh". */
bool cli_zh(void);
/* The message in the user's language: en is the English text, the key of
 * the catalogue in cli_text.c (a test checks that every literal passed to
 * cli_tr and cli_say has an entry, and that both texts take the same
 * printf arguments). An English text missing from the catalogue is
 * returned as it is. */
const char *cli_tr(const char *en) __attribute__((format_arg(1)));
/* Prints "mingbai CMD: " (a full-width colon in Chinese) to f, before a
 * message that names no command itself. */
void cli_prefix(FILE *f, const char *cmd);
/* Prints the message fmt (translated) with its arguments to f. */
void cli_say(FILE *f, const char *fmt, ...) MB_PRINTF(2, 3);

/* pack_show.c: a question as `pack show` prints it, appended to b. */
void cli_json_str(StrBuf *b, const char *s); /* a JSON string; NULL is null */
void cli_json_question(StrBuf *b, const Question *q);
/* n: its number; path: the file, for the formatting's messages */
void cli_text_question(StrBuf *b, const char *path, size_t n, const Question *q);

#endif
