/* The catalogue of the pack diagnostics in Simplified Chinese is kept in
 * parts (diag_text.c, diag_text_activities.c); diag_tr() in diag_text.c
 * looks in each. Private to kiosk/core/. */
#ifndef MINGBAI_DIAG_TEXT_INTERNAL_H
#define MINGBAI_DIAG_TEXT_INTERNAL_H

#include <stddef.h>

typedef struct {
    const char *en, *zh;
} DiagMsg;

/* The messages of activity files (kiosk/pack/activity.c) and of their
 * place in a pack. */
extern const DiagMsg diag_catalog_activities[];
extern const size_t diag_catalog_activities_count;

#endif
