/* What the class results and the discussion view show, read from the store
 * on enter (never per frame): for the answers of one session (or of all),
 * each question's item analysis and answer distribution, and each
 * participant's progress. Private to the instructor's screens. */
#ifndef MINGBAI_UI_RESULTS_DATA_H
#define MINGBAI_UI_RESULTS_DATA_H

#include "screens.h"

/* One way a question was answered: a bank answer (multiple choice or
 * response), True or False, or a typed answer. */
typedef struct {
    char *label;      /* owned; a catalogue key when catalogue is set */
    bool catalogue;   /* label goes through tr() ("True", "False") */
    bool right;       /* a right answer (positive weight, or scored right) */
    unsigned count;   /* latest answers that chose it */
} ResOption;

typedef struct {
    char *pack_id, *question_id, *unit;  /* owned */
    const Pack *pack;                    /* NULL when no longer shown */
    const Unit *u;
    const Question *q;                   /* in the instructor's language, or NULL */
    int order;                           /* the question's place in its pack */
    LearnItemStat stat;
    ResOption *options;                  /* owned */
    size_t noptions;
} ResItem;

typedef struct {
    int64_t id;
    char *pseudo, *name;   /* owned */
    bool guest;
    size_t answered;       /* questions with an answer */
    double score, max;     /* of their latest answers */
} ResPerson;

typedef struct {
    int64_t session;        /* 0: every answer */
    char *title;            /* the session's, or NULL for every answer */
    ResItem *items;         /* in the packs' order */
    size_t nitems;
    ResPerson *people;      /* in the order they first answered */
    size_t npeople;
    size_t nanswers;        /* quiz answers counted (reviews left out) */
    int64_t *sessions;      /* every session's id, oldest first, for choosing */
    size_t nsessions;
    bool failed;            /* the store could not be read (shown) */
} ResData;

/* Reads session's answers (0: all) into *d, freeing what it held. */
void res_load(Ui *ui, ResData *d, int64_t session);
void res_free(ResData *d);
/* The session to show first: the open one, else the latest, else 0. */
int64_t res_default_session(Ui *ui);
/* The session after (step 1) or before (-1) the one shown, in the order
 * sessions..., all answers (0), round again. */
int64_t res_next_session(const ResData *d, int step);
/* A question's text as the screens show it (its id when it is gone). */
const char *res_item_text(const ResItem *it);
/* An option's label in the language shown. */
const char *res_option_label(Ui *ui, const ResOption *o);

#endif
