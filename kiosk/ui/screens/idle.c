/* The idle prompt: after a few minutes without a touch, "Are you still
 * there?" over the screen. Any touch dismisses it (input.c); thirty
 * seconds later the session ends (frame.c). Answers are already kept. */
#include "screens.h"

static void idle_frame(Ui *ui, void *state)
{
    (void)state;
    /* A dialog like the others: at the largest text its words scroll and
     * its button stays on screen. */
    if (ui_dialog(ui, tr(ui, "Are you still there?"), NULL,
                  tr(ui, "Your answers are saved. Tap to keep going."), tr(ui, "I'm still here"),
                  NULL) == 1)
        ui->idle_prompt = false;
}

const ScreenDef overlay_idle = {.name = "idle", .frame = idle_frame};
