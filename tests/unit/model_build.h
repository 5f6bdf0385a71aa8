/* For unit tests: answers and questions built by hand, the way the GIFT
 * parser would build them. Strings are borrowed (string literals). */
#ifndef MINGBAI_TEST_MODEL_BUILD_H
#define MINGBAI_TEST_MODEL_BUILD_H

#include <string.h>

#include "mingbai/pack_model.h"

static inline Answer build_answer(const char *text, double fraction, const char *feedback)
{
    Answer a;
    memset(&a, 0, sizeof a);
    a.text = (char *)text;
    a.fraction = fraction;
    a.feedback = (char *)feedback;
    return a;
}

/* A matching pair; an empty left side is a distractor. */
static inline Answer build_pair(const char *left, const char *right)
{
    Answer a = build_answer(right, left[0] ? 1 : 0, NULL);
    a.left = (char *)left;
    return a;
}

static inline Question build_question(QuestionType type, const char *id, const char *text,
                                      Answer *answers, size_t n)
{
    Question q;
    memset(&q, 0, sizeof q);
    q.type = type;
    q.id = (char *)id;
    q.text = (char *)text;
    q.answers = answers;
    q.nanswers = n;
    return q;
}

#endif
