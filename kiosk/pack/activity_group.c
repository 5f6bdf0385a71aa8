/* "## sort <id>" with a groups: line in an activity file: sort into groups.
 * The items are put into named groups rather than in order:
 *
 *   ## sort <id>
 *   task: <text>                  what to sort by
 *   groups: <a> | <b> | <c>       2 to 6 groups, as the kiosk shows them
 *   feedback: <text>              optional
 *   - <item>                      2 to 16 items, each with
 *     group: <a>                    its group (one of groups:)
 *     why: <text>                   and an optional note
 *
 * Input is untrusted: any bytes give a sort or errors at line:col. */
#include "activity_internal.h"

#include <string.h>

void act_group_names(ActParser *p, const char *s, const char *v, const char *e)
{
    if (p->ngroups) {
        act_error(p, s, "write the groups on one groups: line", "a second groups: line");
        return;
    }
    while (v <= e) {
        const char *bar = memchr(v, '|', (size_t)(e - v));
        const char *end = bar ? bar : e;
        char *name = act_value(p, v, end);
        if (!name) {
            act_error(p, v, "write a name between the bars", "a group without a name");
            return;
        }
        if (p->ngroups == QUIZ_MAX_GROUPS) {
            act_error(p, v, "keep to at most 6 groups", "the sort has more than 6 groups");
            return;
        }
        for (size_t g = 0; g < p->ngroups; g++)
            if (!strcmp(p->groups[g], name)) {
                act_error(p, v, "give each group its own name", "the group is named twice");
                return;
            }
        p->groups[p->ngroups++] = name;
        v = end + 1;
    }
}

void act_group_of(ActParser *p, Answer *a, const char *s, const char *v, const char *e)
{
    char *name = act_value(p, v, e);
    if (!p->ngroups) {
        act_error(p, s, "write groups: <a> | <b> before the items",
                  "a group: in a sort without groups:");
        return;
    }
    for (size_t g = 0; name && g < p->ngroups; g++)
        if (!strcmp(p->groups[g], name)) {
            a->group = (int)g;
            return;
        }
    act_error(p, act_skip_sp(v, e), "write one of the names on the groups: line",
              "not one of the groups");
}

void act_close_group(ActParser *p)
{
    Question *q = &p->q;
    if (p->ngroups < 2) {
        act_diag(p, q->line, q->col, "write groups: <a> | <b>, at least two",
                 "the sort has fewer than two groups");
        return;
    }
    for (size_t i = 0; i < p->nsent; i++)
        if (p->sent[i].group < 0) {
            act_diag(p, (int)p->sent[i].value, 1, "indent group: <name> under the item",
                     "the item has no group:");
            return;
        }
    q->type = QT_GROUP;
    q->groups = arena_memdup(p->arena, p->groups, p->ngroups * sizeof *p->groups);
    q->ngroups = p->ngroups;
}
