/* The store: one SQLite database that keeps packs, participants, answers,
 * progress and settings. Schema changes are forward-only migrations counted
 * by PRAGMA user_version. An answer is committed (synchronous=FULL, WAL)
 * before store_attempt_insert returns, so "shown" means "on disk". */
#ifndef MINGBAI_STORE_H
#define MINGBAI_STORE_H

#include "mingbai/core.h"
#include "mingbai/pack_model.h"

typedef struct Store Store;

/* Opens (creating the file and its folder) and migrates the database.
 * On success *out is a new Store; the caller closes it with store_close().
 * store_close(NULL) does nothing. On failure *out is NULL and a message was
 * logged. */
int store_open(const char *path, Store **out);
void store_close(Store *s);
/* The last error message of the database connection (static for the Store). */
const char *store_errmsg(Store *s);
int store_schema_version(Store *s);
/* How many SQL statements the Store has prepared since it was opened (every
 * query and write goes through one); for tests that check a screen does not
 * query the database while it is only drawn. */
uint64_t store_statement_count(Store *s);
/* The default database path: $XDG_DATA_HOME/mingbai/mingbai.db, falling back
 * to ~/.local/share/mingbai/mingbai.db. Caller frees. */
char *store_default_path(void);

/* ---- packs ---- */
typedef struct {
    char *id;
    char *version;
    char *title[LANG_COUNT];
    int64_t imported_ms;
    int units;
    int questions;
} StorePackInfo;

typedef void (*StoreProgress)(void *ctx, size_t done, size_t total);

/* Imports a checked pack in one transaction: its files and its question
 * index. A newer version of a pack already present replaces it and keeps
 * every attempt and review entry (they are keyed by pack id and question id).
 * Returns MB_OK; MB_ERR_EXISTS when the same or a newer version is present
 * (the message says which, via store_errmsg); MB_ERR_DB on failure, with
 * nothing changed. progress may be NULL. */
int store_pack_import(Store *s, const Pack *p, StoreProgress progress, void *ctx);
/* Lists packs, ordered by id. The caller frees with store_pack_list_free(). */
int store_pack_list(Store *s, StorePackInfo **out, size_t *n);
void store_pack_list_free(StorePackInfo *list, size_t n);
/* Removes a pack's content; answers stay. MB_ERR_NOTFOUND when absent. */
int store_pack_remove(Store *s, const char *id);
/* Reads a pack's files back (to rebuild the Pack with pack_build). */
int store_pack_files(Store *s, const char *id, PackFiles *out);

/* ---- participants ---- */
typedef struct {
    int64_t id;
    char *name;     /* display name or nickname */
    char *pseudo;   /* pseudonymous id used in exports, e.g. "p-3f9a2c" */
    bool guest;
} StoreParticipant;

/* Adds a participant; *id_out is its id. A guest has a generated name. */
int store_participant_add(Store *s, const char *name, bool guest, int64_t *id_out);
/* Lists non-guest participants by name. Free with store_participant_list_free(). */
int store_participant_list(Store *s, StoreParticipant **out, size_t *n);
void store_participant_list_free(StoreParticipant *list, size_t n);
int store_participant_get(Store *s, int64_t id, StoreParticipant *out); /* free fields with store_participant_list_free(out, 1)-like semantics: caller frees name, pseudo */

/* ---- answers ---- */
typedef struct {
    int64_t participant;
    const char *pack_id, *pack_version;
    const char *unit;        /* unit slug */
    const char *question_id;
    QuestionType type;
    Lang lang;
    const char *response;    /* readable response (learn_response_describe) */
    double score, max;
    bool correct;
    bool review;             /* answered from the review queue */
    int64_t started_ms, answered_ms;
} StoreAttempt;

/* Records an answer and updates the participant's review box for the
 * question, in one transaction committed to disk before it returns.
 * *id_out (may be NULL) is the attempt's row id; its UUID (for xAPI) is
 * assigned here. Returns MB_OK or MB_ERR_DB (nothing written). */
int store_attempt_insert(Store *s, const StoreAttempt *a, int64_t now_ms, int64_t *id_out);
/* Number of attempts in the database (all participants). */
int64_t store_attempt_count(Store *s);

/* Best-so-far result of a participant on a unit: the latest attempt per
 * question (not counting review attempts). */
typedef struct {
    int answered;
    int correct;       /* answers fully right */
    double score, max; /* partial credit included */
} StoreUnitResult;
int store_unit_result(Store *s, int64_t participant, const char *pack_id, const char *unit,
                      StoreUnitResult *out);
/* The latest answer's score for one question, or -1 when never answered. */
double store_question_last_score(Store *s, int64_t participant, const char *pack_id,
                                 const char *question_id);

/* ---- where the participant left off ---- */
typedef struct {
    char unit[96];
    int screen;      /* the ui's screen id */
    int position;    /* reader scroll (pixels at scale 1) or question index */
    Lang lang;
} StoreResume;
int store_resume_set(Store *s, int64_t participant, const char *pack_id, const StoreResume *r);
/* MB_ERR_NOTFOUND when nothing is kept. */
int store_resume_get(Store *s, int64_t participant, const char *pack_id, StoreResume *out);
/* Reading position per unit. */
int store_unit_position_set(Store *s, int64_t participant, const char *pack_id,
                            const char *unit, int position);
int store_unit_position_get(Store *s, int64_t participant, const char *pack_id,
                            const char *unit);

/* ---- review queue ---- */
typedef struct {
    char pack_id[64];
    char unit[96];
    char question_id[96];
    int box;
    int64_t due_ms;
} StoreReviewItem;
/* Questions due at now_ms, oldest first, at most max. */
int store_review_due(Store *s, int64_t participant, int64_t now_ms, StoreReviewItem *out,
                     size_t max, size_t *n);
int store_review_count(Store *s, int64_t participant, int64_t now_ms);

/* ---- settings (key -> text) ---- */
/* Returns a new string or NULL when unset; the caller frees it. */
char *store_setting_get(Store *s, const char *key);
int store_setting_set(Store *s, const char *key, const char *value);

/* ---- backups ---- */
/* Writes a consistent copy of the database to path (VACUUM INTO a temporary
 * name, then rename). */
int store_backup(Store *s, const char *path);

#endif
