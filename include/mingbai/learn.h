/* Learning logic without I/O: a participant's response to a question, its
 * score by the GIFT weights, the review schedule (Leitner boxes) for missed
 * questions, and the round (a quiz or a review, one question at a time).
 * Pure functions; time is passed in. Nothing here allocates except the
 * round (see learn_round_free) and the StrBufs callers pass in; questions
 * are borrowed from the Pack for each call. */
#ifndef MINGBAI_LEARN_H
#define MINGBAI_LEARN_H

#include "mingbai/core.h"
#include "mingbai/pack_model.h"

#define LEARN_MAX_CHOICES QUIZ_MAX_CHOICES
#define LEARN_MAX_PAIRS QUIZ_MAX_PAIRS
#define LEARN_TEXT_MAX (QUIZ_MAX_TYPED + 1)

/* What the participant chose or typed. Zero-initialise, then set the field
 * for the question's type. */
typedef struct {
    int choice;              /* multichoice: answer index; truefalse: 1 true, 0 false; -1 none */
    uint64_t selected;       /* multiresponse: bit i = answer i ticked */
    int match[LEARN_MAX_PAIRS]; /* matching: for the k-th left item (in answer order,
                                   distractors skipped), the answer index whose right
                                   side was chosen, or -1; sort: the answer index in
                                   place k; sort into groups: item k's group, or -1 */
    char text[LEARN_TEXT_MAX]; /* shortanswer and numerical: what was typed */
    uint32_t opened;         /* read laterally: bit k = page k of Question.pages opened
                                (k >= 1; the source's own page is where it starts) */
} Response;

/* Resets r to "nothing chosen" (choice -1, no ticks, no matches, empty text). */
void learn_response_clear(Response *r);
/* True when r has something to submit for q (both borrowed for the call). */
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
 * - shortanswer: the fraction of the first answer (in the order written)
 *   equal to the text, both trimmed at the ends (not inside), compared
 *   without case (Latin, Greek, Cyrillic), '*' matching any run of
 *   characters, "\*" a star, and ' matching the typographic ’ and ‘;
 * - numerical: the best fraction among answers with |x - value| <= tolerance
 *   (x parsed from text, '.' or ',' as the decimal point); catch-all scores 0
 *   with its feedback;
 * - mark the post: the share of the post's sentences judged right (marked
 *   when it uses a technique, left unmarked when it does not), each alike;
 * - sort the feed: the share of items put in their own place
 *   (Response.match[k]: the answer index in place k);
 * - read laterally: as multichoice (the pages opened do not count);
 * - sort into groups: the share of items in their own group
 *   (Response.match[k]: the group of item k, an index into Question.groups).
 * Returns 0; MB_ERR when r does not fit q (an index out of range). *out is
 * set in both cases; its feedback points into q (valid while q lives). */
int learn_score(const Question *q, const Response *r, Score *out);

/* The words a readable form is made of: true/false, the separator of a
 * list, the arrow of a matched pair. Static strings, borrowed. */
typedef struct {
    const char *yes, *no, *sep, *arrow;
} LearnWords;
/* The record's words: "true", "false", "; ", " -> " (what the store keeps
 * and exports read, whatever the language on screen). */
extern const LearnWords learn_words_record;

/* A readable form of the response for the record and exports: the chosen
 * answer texts ("a; b"), "true"/"false", "left -> right" pairs joined by
 * "; ", or the typed text; read laterally, the answer then the pages opened
 * about the source ("answer | opened 2 of 3: title; title", "answer |
 * opened 0 of 3"). Appends to out, which the caller owns (and frees with
 * strbuf_free()). */
void learn_response_describe(const Question *q, const Response *r, StrBuf *out);
/* Read laterally: how many pages about the source (pages 1..) r opened. */
size_t learn_read_opened(const Question *q, const Response *r);
/* The same in other words (the participant's language on screen; read
 * laterally, the answer alone). */
void learn_response_describe_in(const Question *q, const Response *r, const LearnWords *w,
                                StrBuf *out);

/* The correct answer in the same readable form (for feedback); appends to
 * out, which the caller owns. */
void learn_correct_describe(const Question *q, StrBuf *out);
void learn_correct_describe_in(const Question *q, const LearnWords *w, StrBuf *out);

/* ---- review schedule ---- */
/* Leitner boxes: a missed question enters box 1 (due in 1 day); right in box
 * 1 -> box 2 (3 days); box 2 -> box 3 (7 days); right in box 3 -> box 0
 * (retired); wrong in any box -> box 1. */
enum { LEARN_BOX_RETIRED = 0, LEARN_BOX_MAX = 3 };
/* The box a question moves to after an answer in box. */
int learn_review_next_box(int box, bool correct);
/* When a question in box is due again, from now_ms. Box 0: never (INT64_MAX). */
int64_t learn_review_due_ms(int box, int64_t now_ms);

/* ---- the round: a unit's quiz or a review, one question at a time ----
 * What a participant answers in one sitting: which questions, in what
 * order, the answers' order on screen, the response being built from taps,
 * scoring, the running total, what was missed and what comes next. Pure:
 * no store, no clock (times are passed in), no drawing; the ui shows it and
 * feeds it taps, the store records what learn_round_submit() returns.
 *
 * Lifecycle: learn_round_unit() or learn_round_review() starts a round at
 * its first question (step ROUND_ASK). Taps build the response. When
 * learn_round_submit() succeeds the step is ROUND_SCORED and the caller
 * keeps the record (store_attempt_insert); learn_round_commit() then counts
 * it (total, missed) and moves to ROUND_FEEDBACK; if the record could not be
 * kept, learn_round_retract() goes back to ROUND_ASK with the response kept.
 * learn_round_next() moves to the next question (ROUND_ASK) or ROUND_DONE.
 * A call made in a step it does not belong to does nothing (MB_ERR for
 * learn_round_submit()).
 *
 * A round keeps indexes, not pointers, so the participant's language may
 * change at any step: each accessor takes the language to show and answers
 * with the question in it (units keep the same questions in both). Every
 * pointer a round returns points into the Pack, which must outlive it, or
 * into the round where said. The round owns one heap buffer (the record's
 * response text): free it with learn_round_free(), also before starting a
 * round again in the same LearnRound. */

#define LEARN_ROUND_MAX QUIZ_MAX_QUESTIONS

typedef enum { ROUND_ASK, ROUND_SCORED, ROUND_FEEDBACK, ROUND_DONE } RoundStep;

/* A question due for review, as the store lists it (strings borrowed for the
 * call; a NULL string skips the item). */
typedef struct {
    const char *pack_id;
    const char *unit;        /* unit slug */
    const char *question_id;
    uint64_t seed;           /* the order seed of its last attempt (so the review
                                shows the answers as they were shown then); 0:
                                none kept, one is made from the round's */
} LearnDue;

/* Answers are shuffled for single choice, multiple response and the
 * right-hand column of matching, from each item's seed, so that the first
 * option is not the right one by habit; a question marked "// order: fixed"
 * (Question.fixed_order) keeps the bank's order, as do true/false and the
 * left-hand column of matching. The same seed gives the same order. */
/* The order answers are shown in: pos -> answer index, count entries.
 * - multiple choice, multiple response: choice[] (at most LEARN_MAX_CHOICES);
 * - true/false: choice[] = {1, 0}, the Response.choice value of each
 *   position (pos 0 "True", pos 1 "False"; never reordered);
 * - matching: choice[k] is the answer index of left item k, the left items
 *   in the bank's order with distractors skipped (at most LEARN_MAX_PAIRS,
 *   among the first LEARN_MAX_CHOICES answers); right[] orders the
 *   right-hand column (every answer, distractors included, at most
 *   LEARN_MAX_CHOICES);
 * - short answer, numerical, essay, description: empty. */
typedef struct {
    uint8_t choice[LEARN_MAX_CHOICES];
    size_t nchoices;
    uint8_t right[LEARN_MAX_CHOICES];
    size_t nright;
} LearnOrder;

/* ---- what feedback marks right or wrong, part by part ---- */
typedef enum {
    LEARN_PART_RIGHT,  /* matching: paired with its own right side; multiple
                          response: ticked, and worth something */
    LEARN_PART_WRONG,  /* matching: paired with another (or with nothing);
                          multiple response: ticked, and worth nothing or less */
    LEARN_PART_MISSED  /* multiple response: worth something, not ticked */
} LearnMark;

typedef struct {
    int answer; /* matching: the left item's answer index (its right side is
                   the right match); multiple response: the answer's */
    int chosen; /* matching: the answer index whose right side was chosen, -1
                   for none; multiple response: -1 */
    LearnMark mark;
} LearnPart;

/* The parts of r that feedback marks one by one (q and r borrowed for the
 * call); writes at most max to out and returns how many there are:
 * - matching: one per left item, in the bank's order (distractors skipped,
 *   at most LEARN_MAX_PAIRS), right when the chosen text is the item's own,
 *   as learn_score() counts it;
 * - multiple response: each answer ticked, and each worth something that
 *   was not, in the order o shows them (NULL: the bank's order);
 * - other types: none (0). */
size_t learn_response_parts(const Question *q, const Response *r, const LearnOrder *o,
                            LearnPart *out, size_t max);

/* What to keep of one submitted answer. Strings point into the Pack, except
 * response, which points into the round and is valid until the next
 * learn_round_submit(), learn_round_free() or start of a round in it. */
typedef struct {
    const char *unit;        /* unit slug */
    const char *question_id; /* "" when the question has no id */
    QuestionType type;
    Lang lang;               /* the lang passed to learn_round_submit(): the
                                participant's language, even when the unit is
                                shown in the other because it lacks that one */
    const char *response;    /* learn_response_describe() of the response; never NULL */
    Score score;             /* feedback points into the question answered */
    bool review;
    int64_t started_ms, answered_ms;
    uint64_t order_seed;     /* the seed the answers were ordered with */
    const char *positions;   /* what was chosen, as 1-based positions on screen:
                                "3"; ticks "1,4"; true/false "1" (True) or "2";
                                matching, per left item, the right-hand position
                                ("2,1,3", "0" for none); "" for typed answers.
                                Points into the round, valid as response */
    const char *answers;     /* the same choices as 1-based indexes into the
                                question's answers (the bank's order, whatever
                                the screen showed): "3"; ticks "1,4" (ascending);
                                true/false "true" or "false"; matching, per left
                                item, "left:right" with the index of the answer
                                whose right side was chosen ("1:1,2:4,3:0", 0 for
                                none); "" for typed answers. Points into the
                                round, valid as response */
} LearnRecord;

/* Fields are read through the functions below; they are public so that a
 * round can live inside another struct without an allocation. */
typedef struct {
    const Pack *pack;
    bool review;
    int unit;                 /* a unit round's unit; -1 for a review or a bad index */
    Lang lang;                /* the language the round started in: items' question
                                 indexes are into learn_unit_quiz(unit, lang) */
    uint64_t seed;            /* the round's: each item's seed is made from it */
    struct {
        int unit, question;   /* indexes into pack->units and that unit's quiz */
        uint64_t seed;        /* shuffled the item's answers (LearnRecord.order_seed) */
        LearnOrder order;
    } items[LEARN_ROUND_MAX];
    int count;
    int index;                /* the current item */
    RoundStep step;
    Response resp;
    int match_left;           /* matching: the left item tapped first, or -1 */
    int64_t started_ms;       /* when the current question was first shown */
    LearnRecord record;       /* the last submitted answer (ROUND_SCORED, ROUND_FEEDBACK) */
    StrBuf describe;          /* owns record.response */
    char positions[LEARN_MAX_CHOICES * 4]; /* holds record.positions */
    char answers[LEARN_MAX_CHOICES * 8];   /* holds record.answers */
    double sum_score, sum_max;
    int missed[LEARN_ROUND_MAX]; /* item indexes answered not fully right, in order */
    Response missed_resp[LEARN_ROUND_MAX]; /* what was answered to each of them */
    int nmissed;
} LearnRound;

/* The language a unit is shown in: lang when the unit has it, else the
 * other. */
Lang learn_unit_lang(const Unit *u, Lang lang);
/* The quiz a participant reading in lang sees for u: the quiz of
 * learn_unit_lang(), or the other language's when that one has none. Never
 * NULL; may be empty. Points into the unit. */
const QuestionList *learn_unit_quiz(const Unit *u, Lang lang);

/* Starts a round over unit's quiz (as learn_unit_quiz(lang) lists it, at
 * most LEARN_ROUND_MAX questions) at now_ms. An empty quiz, a NULL pack or
 * a unit index out of range gives a round already at ROUND_DONE. r need not
 * be initialised (what it held is not freed); free with learn_round_free(). */
void learn_round_unit(LearnRound *r, const Pack *p, int unit, Lang lang, uint64_t seed,
                      int64_t now_ms);
/* Starts a review round over the due questions of p: each item whose
 * pack_id is p's, its unit found by slug and its question by id in
 * learn_unit_quiz(unit, lang); others are skipped (another pack, a unit or
 * id no longer in the pack). In the order given, at most LEARN_ROUND_MAX.
 * Returns the number of questions (0: ROUND_DONE). As learn_round_unit()
 * for r. */
int learn_round_review(LearnRound *r, const Pack *p, const LearnDue *due, size_t ndue, Lang lang,
                       uint64_t seed, int64_t now_ms);
/* How many questions learn_round_review() would ask of these (the same
 * filter and the same limit): what a banner may promise. */
int learn_review_count(const Pack *p, const LearnDue *due, size_t ndue, Lang lang);
/* Frees what the round owns (not the Pack) and leaves it an empty round at
 * ROUND_DONE. Safe on a zeroed round and twice. */
void learn_round_free(LearnRound *r);

/* How many questions the round has. */
int learn_round_count(const LearnRound *r);
/* 0-based index of the current question (count when done). */
int learn_round_index(const LearnRound *r);
/* How many of the round's questions are numbered (descriptions, which
 * only give information, are not), and in *number the number of the current
 * one (of the last numbered one before it when it is a description; 0
 * before any), as shown in lang. */
int learn_round_numbered(const LearnRound *r, Lang lang, int *number);
/* Where the round is (see the lifecycle above). */
RoundStep learn_round_step(const LearnRound *r);
/* The current question shown in lang; NULL when done. In lang's quiz it is
 * the question with the same id (without an id: at the same place); when
 * lang has no such question, or its version differs in type or number of
 * answers (a pack warning), the question as the round started. */
const Question *learn_round_question(const LearnRound *r, Lang lang);
/* The current question's unit; when done, a unit round's unit (for the
 * summary), a review round's NULL. */
const Unit *learn_round_unit_of(const LearnRound *r);
/* The order the current question's answers are shown in; points into the
 * round (learn_round_next() moves on to the next question's). NULL when
 * done. */
const LearnOrder *learn_round_order(const LearnRound *r);

/* The seed the current question's answers are ordered with (what its
 * LearnRecord.order_seed will be, for finding an answer kept to it); 0
 * when done. */
uint64_t learn_round_order_seed(const LearnRound *r);

/* ---- taps on the current question (ROUND_ASK only; otherwise ignored) ----
 * pos and k come from hit tests and are untrusted: out of range, or a tap
 * meant for another question type, does nothing. */
/* Single choice: chooses the answer shown at pos (a re-pick replaces it).
 * Multiple response: ticks or unticks it. True/false: pos 0 is "True", 1 is
 * "False". */
void learn_round_pick(LearnRound *r, Lang lang, int pos);
/* True when the answer shown at pos is chosen (ticked; for true/false pos 0
 * "True", 1 "False"; for matching, the right-hand answer at pos is paired
 * with a left item). Any step. */
bool learn_round_picked(const LearnRound *r, Lang lang, int pos);
/* Matching: taps left item k (0-based among the pairs); it waits for its
 * match. */
void learn_round_match_left(LearnRound *r, int k);
/* Matching: taps the right-hand answer shown at pos; pairs it with the left
 * item waiting (taking it from any other left item) and clears the wait.
 * Nothing waiting: no effect. */
void learn_round_match_right(LearnRound *r, Lang lang, int pos);
/* Matching: the left item waiting for its match, or -1. */
int learn_round_match_waiting(const LearnRound *r);
/* Sort the feed: learn_round_pick() puts the item shown at pos in the first
 * free place (learn_round_picked(): it has one); this takes the item in
 * place k back, the items after it moving up one place. */
void learn_round_sort_remove(LearnRound *r, int k);
/* Sort the feed, by dragging: the item shown at pos goes to place k (or,
 * when fewer are placed, right after the last one), taken from where it
 * was; the items from k on move down one place. */
void learn_round_sort_put(LearnRound *r, Lang lang, int pos, int k);
/* Sort into groups: the item shown at pos goes into group g (an index into
 * Question.groups), or back among the items to place (g -1). */
void learn_round_group_put(LearnRound *r, Lang lang, int pos, int g);
/* Read laterally: page k (1.. of Question.pages) was opened; kept in the
 * response. */
void learn_round_read_open(LearnRound *r, Lang lang, int k);
/* The text being typed (short answer, numerical): a buffer of *cap bytes the
 * keypad edits in place, keeping it NUL-terminated; points into the round
 * (learn_round_next() empties it). NULL (and *cap 0) unless asking. */
char *learn_round_text(LearnRound *r, size_t *cap);
/* The response as built so far (read-only; points into the round). */
const Response *learn_round_response(const LearnRound *r);
/* True when asking and the response can be submitted (unscored prompts:
 * always). */
bool learn_round_ready(const LearnRound *r, Lang lang);

/* Scores the response in lang at now_ms and fills the record to keep
 * (*out points into the round). Returns MB_OK and moves to ROUND_SCORED;
 * MB_ERR (*out NULL) when not ROUND_ASK or the response is not ready. */
int learn_round_submit(LearnRound *r, Lang lang, int64_t now_ms, const LearnRecord **out);
/* From ROUND_SCORED: the record was kept (or needs no keeping): counts it
 * when scored (total; missed when not fully right) and moves to
 * ROUND_FEEDBACK. */
void learn_round_commit(LearnRound *r);
/* From ROUND_SCORED: the record could not be kept: back to ROUND_ASK,
 * response unchanged, nothing counted. */
void learn_round_retract(LearnRound *r);
/* The last submitted answer (ROUND_SCORED or ROUND_FEEDBACK), else NULL;
 * points into the round. */
const LearnRecord *learn_round_record(const LearnRound *r);
/* From ROUND_FEEDBACK: the next question (ROUND_ASK, response cleared, no
 * left item waiting, started at now_ms) or ROUND_DONE. */
void learn_round_next(LearnRound *r, int64_t now_ms);

/* Answers the current question again from a record of it, for a round
 * taken up again where it was left (the same pack, unit, language and seed
 * give the same items in the same order): positions as
 * LearnRecord.positions wrote them for choices, true/false and matching;
 * for short answer and numerical, response is the text typed (positions
 * ""); for unscored prompts positions "" and response NULL. Then submits
 * in lang at now_ms, commits and moves on to the next question (or
 * ROUND_DONE) exactly as the participant's taps would have: totals and the
 * missed list (with what was answered) count it. When response is not NULL
 * the answer so rebuilt must also read as response in lang
 * (learn_response_describe), as the record has it: a question changed since
 * it was answered is not answered again. Returns MB_OK; MB_ERR when not
 * ROUND_ASK, when positions cannot have been written for the question as
 * it is shown (a position out of range, another count, a side paired
 * twice, not as the round writes them) or the words differ: the round is
 * then as it was. */
int learn_round_answer_again(LearnRound *r, Lang lang, const char *positions, const char *response,
                             int64_t now_ms);

/* Totals of committed scored answers (either pointer may be NULL). */
void learn_round_total(const LearnRound *r, double *score, double *max);
/* How many committed scored answers were not fully right. */
int learn_round_missed_count(const LearnRound *r);
/* The i-th question answered not fully right, shown in lang (as
 * learn_round_question() chooses it); NULL when i is out of range. */
const Question *learn_round_missed(const LearnRound *r, int i, Lang lang);
/* What was answered to the i-th question answered not fully right, and the
 * order its answers were shown in (for showing it again: score it with
 * learn_score() against learn_round_missed()); point into the round. NULL
 * when i is out of range. */
const Response *learn_round_missed_response(const LearnRound *r, int i);
const LearnOrder *learn_round_missed_order(const LearnRound *r, int i);

/* ---- item analysis of a class's answers (stats.c) ----
 * As Moodle's quiz statistics define them, over each person's latest answer
 * to each question: the facility index is the mean score on a question
 * over its maximum (how easy it was); the discrimination index is the
 * correlation between the score on a question and the score on the rest of
 * the test (the person's other questions, an unanswered one counting 0),
 * among the people who answered it (whether it tells those who did well
 * from those who did not). */
typedef struct {
    size_t person, item; /* who answered which question: indexes < npeople, nitems */
    double score, max;   /* the answer's score out of max */
    bool correct;        /* fully right */
} LearnStatAnswer;

typedef struct {
    size_t answered;       /* people with an answer to it */
    size_t correct;        /* of them, fully right in their latest answer */
    double score, max;     /* their latest answers' scores and maxima, summed */
    double facility;       /* score / max, 0..1; -1 when nobody answered */
    double discrimination; /* -1..1; NAN when it cannot be told (fewer than two
                              answers, or all alike on the question or on the rest) */
} LearnItemStat;

/* Fills out[0..nitems) from the n answers in the order given (a later
 * answer of the same person to the same question replaces the earlier);
 * answers with an index out of range are skipped. Pure: no I/O. */
void learn_item_stats(const LearnStatAnswer *a, size_t n, size_t npeople, size_t nitems,
                      LearnItemStat *out);
/* Adds 1 to counts[k - 1] for each 1-based index k in a list such as "2" or
 * "1,3" (LearnRecord.answers); indexes outside 1..ncounts and anything
 * that is not a number are skipped. Returns how many were counted. */
size_t learn_count_choices(const char *list, unsigned *counts, size_t ncounts);

#endif
