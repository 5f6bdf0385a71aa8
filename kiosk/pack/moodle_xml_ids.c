/* The ids of a Moodle XML file's questions: Moodle imports questions of
 * one name side by side, the kiosk keeps progress by id, so a repeated
 * name gets an id of its own (moodle_xml_internal.h). */
#include "moodle_xml_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pack_internal.h"

static uint64_t mx_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The earlier question with id, or NULL after adding q under it. */
static const Question *mx_ids_add(MxIds *ids, const char *id, const Question *q)
{
    if ((ids->n + 1) * 2 > ids->cap) {
        MxIds big = {mb_xcalloc(ids->cap ? ids->cap * 2 : 64, sizeof *big.slot),
                     ids->cap ? ids->cap * 2 : 64, 0};
        for (size_t i = 0; i < ids->cap; i++)
            if (ids->slot[i])
                mx_ids_add(&big, ids->slot[i]->id, ids->slot[i]);
        free(ids->slot);
        *ids = big;
    }
    size_t j = mx_hash(id) & (ids->cap - 1);
    for (; ids->slot[j]; j = (j + 1) & (ids->cap - 1))
        if (!strcmp(ids->slot[j]->id, id))
            return ids->slot[j];
    ids->slot[j] = q;
    ids->n++;
    return NULL;
}

/* Moodle imports questions of the same name side by side; the kiosk keeps
 * progress by id, so a later one gets "name (2)", and says so. */
void mx_unique_id(MxReader *r, MxIds *ids, Question *q)
{
    if (!q->id)
        return;
    const Question *earlier = mx_ids_add(ids, q->id, q);
    if (!earlier)
        return;
    char *base = q->id;
    /* as GIFT's: one line, so that export-gift can write it as [id:] */
    char *one = arena_strdup(r->arena, base);
    for (char *c = one; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7F)
            *c = ' ';
    for (int k = 2; earlier; k++) {
        q->id = arena_printf(r->arena, "%s (%d)", one, k);
        earlier = mx_ids_add(ids, q->id, q);
    }
    char *qb = quoted(base), *qi = quoted(q->id);
    diags_add(r->diags, DIAG_WARNING, r->path, q->line, q->col,
              "give each question its own name or ID number in Moodle",
              "question %s has the name of an earlier one; its id here is %s", qb, qi);
    free(qb);
    free(qi);
}
