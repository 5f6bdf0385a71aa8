/* What learn.c and learn_activity.c share: sort into groups (QT_GROUP),
 * scored, described and checked for completeness by learn_activity.c. */
#ifndef MINGBAI_LEARN_INTERNAL_H
#define MINGBAI_LEARN_INTERNAL_H

#include "mingbai/learn.h"

/* Every item (at most LEARN_MAX_PAIRS) is in one of q's groups. */
bool learn_group_complete(const Question *q, const Response *r);
/* The share of items in their own group (Response.match[k]: item k's
 * group, -1 none); MB_ERR when r does not fit q. */
int learn_score_group(const Question *q, const Response *r, Score *out);
/* "item -> group" for each item put in a group (w's words); correct: each
 * item with its own group. */
void learn_group_describe(const Question *q, const Response *r, const LearnWords *w,
                          StrBuf *out, bool correct);

#endif
