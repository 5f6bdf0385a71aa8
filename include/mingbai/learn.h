/* Learning logic without I/O: a participant's response to a question, its
 * score by the GIFT weights, and the review schedule (Leitner boxes) for
 * missed questions. Pure functions; time is passed in. */
#ifndef MINGBAI_LEARN_H
#define MINGBAI_LEARN_H

#include "mingbai/core.h"
#include "mingbai/pack.h"

#define LEARN_MAX_CHOICES 64
#define LEARN_MAX_PAIRS 16
#define LEARN_TEXT_MAX 128

/* What the participant chose or typed. Zero-initialise, then set the field
 * for the question's type. */
typedef struct {
    int choice;              /* multichoice: answer index; truefalse: 1 true, 0 false; -1 none */
    uint64_t selected;       /* multiresponse: bit i = answer i ticked */
    int match[LEARN_MAX_PAIRS]; /* matching: for the k-th left item (in answer order,
                                   distractors skipped), the answer index whose right
                                   side was chosen, or -1 */
    char text[LEARN_TEXT_MAX]; /* shortanswer and numerical: what was typed */
} Response;

/* Resets r to "nothing chosen" (choice -1, no ticks, no matches, empty text). */
void learn_response_clear(Response *r);
/* True when r has something to submit for q. */
bool learn_response_complete(const Question *q, const Response *r);

typedef struct {
    bool scored;        /* false for essay and description */
    double score;       /* clamped to [0, max] (negative weights lower it, never below 0) */
    double max;         /* 1 for every scored type */
    bool correct;       /* score >= max - 1e-9 */
    const char *feedback; /* the feedback written for the chosen answer, or NULL;
                             points into q (multiresponse: the first ticked answer's
                             feedback; truefalse: tf_feedback_right / _wrong) */
} Score;

/* Scores r against q as Moodle does:
 * - multichoice: the chosen answer's fraction;
 * - multiresponse: the sum of ticked fractions, clamped to [0, 1];
 * - truefalse: 1 when choice matches tf_answer;
 * - matching: the share of left items matched to their own right side;
 * - shortanswer: the best fraction among answers equal to the text, compared
 *   case-insensitively (ASCII) after trimming, '*' matching any run of chars;
 * - numerical: the best fraction among answers with |x - value| <= tolerance
 *   (x parsed from text, '.' or ',' as the decimal point); catch-all scores 0
 *   with its feedback.
 * Returns 0; MB_ERR when r does not fit q (an index out of range). */
int learn_score(const Question *q, const Response *r, Score *out);

/* A readable form of the response for the record and exports: the chosen
 * answer texts ("a; b"), "true"/"false", "left -> right" pairs joined by
 * "; ", or the typed text. Appends to out. */
void learn_response_describe(const Question *q, const Response *r, StrBuf *out);

/* The correct answer in the same readable form (for feedback). */
void learn_correct_describe(const Question *q, StrBuf *out);

/* ---- review schedule ---- */
/* Leitner boxes: a missed question enters box 1 (due in 1 day); right in box
 * 1 -> box 2 (3 days); box 2 -> box 3 (7 days); right in box 3 -> box 0
 * (retired); wrong in any box -> box 1. */
enum { LEARN_BOX_RETIRED = 0, LEARN_BOX_MAX = 3 };
int learn_review_next_box(int box, bool correct);
/* When a question in box is due again, from now_ms. Box 0: never (INT64_MAX). */
int64_t learn_review_due_ms(int box, int64_t now_ms);

#endif
