/* What round.c and round_record.c share. Private to kiosk/learn/. */
#ifndef MINGBAI_ROUND_INTERNAL_H
#define MINGBAI_ROUND_INTERNAL_H

#include "mingbai/learn.h"

/* What was chosen, as 1-based positions on screen (LearnRecord.positions),
 * written into buf (cap bytes). */
void round_positions(const Question *q, const LearnOrder *o, const Response *resp, char *buf,
                     size_t cap);
/* The same as 1-based indexes into the bank (LearnRecord.answers). */
void round_answers(const Question *q, const LearnOrder *o, const Response *resp, char *buf,
                   size_t cap);
/* The inverse of round_positions(): fills resp (cleared) with what was
 * chosen at the positions in s as o shows q; false when s cannot have been
 * written for q so shown. */
bool round_from_positions(const Question *q, const LearnOrder *o, const char *s, Response *resp);

#endif
