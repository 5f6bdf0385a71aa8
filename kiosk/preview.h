/* `mingbai pack preview`: every question of a pack or question file, and
 * its feedback, as screenshots of the headless kiosk. */
#ifndef MINGBAI_PREVIEW_H
#define MINGBAI_PREVIEW_H

/* argv[0] is "preview"; returns the exit status (0, 1 problems, 2 usage). */
int preview_main(int argc, char **argv);

#endif
