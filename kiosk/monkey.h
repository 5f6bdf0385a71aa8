/* The monkey: the real kiosk, headless, under seeded random input. */
#ifndef MINGBAI_MONKEY_H
#define MINGBAI_MONKEY_H

/* `mingbai monkey --seed N --events K [--db PATH] [--window WxH]
 * [--render software|none] [--warmup N] [--trace] [--fault KIND]`: argv[0]
 * is "monkey" (--fault makes a fault on purpose half way, for the tests
 * that show each check catches its kind). Returns the
 * exit status: 0 when every check passed, 1 when one failed (the seed and
 * the event are printed), 2 for a wrong command line. */
int monkey_main(int argc, char **argv);

#endif
