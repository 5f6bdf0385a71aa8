/* The table of screens, in ScreenId order (from UI_SCREENS in ui.h). */
#include "screens.h"

static const ScreenDef *const screens[SCR_COUNT] = {
#define UI_SCREEN_ROW(id, name) [SCR_##id] = &screen_##name,
    UI_SCREENS(UI_SCREEN_ROW)
#undef UI_SCREEN_ROW
};

const ScreenDef *screen_def(ScreenId s)
{
    return screens[s < SCR_COUNT ? s : SCR_ATTRACT];
}

const char *ui_screen_name(ScreenId s)
{
    return s < SCR_COUNT ? screens[s]->name : "?";
}
