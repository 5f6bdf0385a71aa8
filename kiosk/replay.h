/* Replay: runs the kiosk headless from a script of taps, keys and checks. */
#ifndef MINGBAI_REPLAY_H
#define MINGBAI_REPLAY_H

#include "app.h"

/* Returns the exit status: 0 when every line passed. */
int replay_run(const char *script, const char *shots_dir, AppOptions *o);

#endif
