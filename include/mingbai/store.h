/* The store: one SQLite database that keeps packs, participants, answers,
 * progress and settings. Schema changes are forward-only migrations counted
 * by PRAGMA user_version. An answer is committed (synchronous=FULL, WAL)
 * before store_attempt_insert returns, so "shown" means "on disk".
 *
 * Ownership: pointer arguments are borrowed, read during the call and not
 * kept; what a function hands back, and how it is freed, is said with it. */
#ifndef MINGBAI_STORE_H
#define MINGBAI_STORE_H

#include "mingbai/core.h"
#include "mingbai/pack_model.h"

typedef struct Store Store;

/* Opens (creating the file and its folder) and migrates the database; path
 * is copied. On success *out is a new Store; the caller closes it with
 * store_close(). On failure *out is NULL and a message was logged. */
int store_open(const char *path, Store **out);
/* Empties the write-ahead log into the database file (a TRUNCATE
 * checkpoint, done even while another program has the file open, so that
 * the file alone holds every answer: the kiosk does it when it exits), then
 * closes the database and frees s. store_close(NULL) does nothing. */
void store_close(Store *s);
/* Gives back the memory of the pages SQLite keeps read (those of the packs'
 * files just read, at start): a later read reads them again. */
void store_release_memory(Store *s);
/* What stopped the database from opening, or a write from going through:
 * told apart so that the kiosk says what to do, and recovers only real
 * damage. */
typedef enum {
    STORE_FINE,         /* no problem */
    STORE_CANNOT_WRITE, /* a read-only folder or file, another user's file, an I/O error */
    STORE_LOCKED,       /* another program holds the database's lock */
    STORE_FULL,         /* no room left on the disk */
    STORE_DAMAGED,      /* fails its check, or is not a database */
    STORE_NEWER,        /* written by a newer Mingbai */
} StoreProblem;

/* store_open() that says why it failed: on failure *problem is set and msg
 * (n bytes) holds the message that was logged. */
int store_open_why(const char *path, Store **out, StoreProblem *problem, char *msg, size_t n);
/* store_open_why() that leaves the check of the file (quick_check, which
 * reads every page: O(N)) for store_check(), for a kiosk whose first frame
 * need not wait for it. The check is done at once all the same when the
 * open writes (a new file, one not in WAL mode, a migration, a new kiosk
 * id) and when a -wal is to be applied or was set aside. Until checked,
 * the connection writes nothing (query_only: a write fails as on a
 * read-only file) and closing leaves the file exactly as it was. */
int store_open_unchecked(const char *path, Store **out, StoreProblem *problem, char *msg, size_t n);
/* Runs the check store_open_unchecked() left (MB_OK at once when there is
 * none left): MB_OK when the file is sound, and s writes again. Otherwise
 * the failure is s's, as store_open_why() would have reported it
 * (store_problem: STORE_DAMAGED when the file is damaged; store_errmsg),
 * logged; the caller closes s, which leaves the file as it was. */
int store_check(Store *s);
/* Whether s still has the check of store_open_unchecked() to run. */
bool store_unchecked(Store *s);
/* The kind of the last failure on s (STORE_FINE when it had none). */
StoreProblem store_problem(Store *s);

/* The folder ("stray-wal-DATE" beside the database) into which the open
 * moved a -wal that was not the database's own log (from another database,
 * or from a copy of this one that went its own way), unapplied, with its
 * -shm; NULL when there was none. The database was opened as its file holds
 * it. The text belongs to s. */
const char *store_wal_set_aside(Store *s);

/* What store_recover() did; free with store_recovery_clear(). */
typedef struct {
    char *moved_to; /* the dated folder now holding the damaged file, -wal, -shm */
    char *backup;   /* the backup restored in its place */
} StoreRecovery;
/* For a database store_open_why() found STORE_DAMAGED (and closed): moves
 * it with its -wal and -shm into "damaged-DATE" beside it (nothing is
 * deleted) and copies in its place the newest backup in "backups/" beside
 * it that passes integrity_check. MB_ERR_NOTFOUND when there is no such
 * backup (then nothing was moved); MB_ERR_IO when a file could not be
 * moved or copied (msg says which; the damaged file stays where it was
 * unless the move itself half failed). */
int store_recover(const char *path, StoreRecovery *r, char *msg, size_t n);
void store_recovery_clear(StoreRecovery *r);
/* The message of the last failure on s ("no error" when there was none;
 * "no database" for NULL). The text belongs to s: copy it before the next
 * call on s if it must last; it is gone after store_close(). */
const char *store_errmsg(Store *s);
/* The database's PRAGMA user_version, or -1 when it cannot be read. */
int store_schema_version(Store *s);
/* How many SQL statements the Store has prepared since it was opened (every
 * query and write goes through one); for tests that check a screen does not
 * query the database while it is only drawn. 0 for NULL. */
uint64_t store_statement_count(Store *s);
/* The default database path: $XDG_DATA_HOME/mingbai/mingbai.db, falling back
 * to ~/.local/share/mingbai/mingbai.db. Returns a new string; the caller
 * frees it with free(). */
char *store_default_path(void);

/* ---- packs ---- */
/* One entry of store_pack_list(); its strings belong to the list. */
typedef struct {
    char *id;
    char *version;
    char *title[LANG_COUNT];
    int64_t imported_ms;
    int units;
    int questions;
    bool hidden; /* the instructor hid it from participants */
} StorePackInfo;

/* Called during an import with the ctx given to store_pack_import(). */
typedef void (*StoreProgress)(void *ctx, size_t done, size_t total);

/* Imports a checked pack in one transaction: its files and its question
 * index. A newer version of a pack already present replaces it and keeps
 * every attempt and review entry (they are keyed by pack id and question id).
 * Returns MB_OK; MB_ERR_EXISTS when the same or a newer version is present
 * (the message says which, via store_errmsg); MB_ERR_DB on failure, with
 * nothing changed. p stays the caller's: what is kept is copied into the
 * database. progress may be NULL; ctx is only passed to it. */
int store_pack_import(Store *s, const Pack *p, StoreProgress progress, void *ctx);
/* Lists packs, ordered by id. On MB_OK *out is a new array of *n entries
 * (NULL when there are none); the caller frees it with
 * store_pack_list_free(*out, *n). On failure *out is NULL and *n is 0. */
int store_pack_list(Store *s, StorePackInfo **out, size_t *n);
/* Frees the n entries' strings and the array. store_pack_list_free(NULL, 0)
 * does nothing. */
void store_pack_list_free(StorePackInfo *list, size_t n);
/* Hides a pack from participants or shows it again (the kiosk lists only
 * the packs not hidden); a newer version imported later keeps the choice.
 * MB_ERR_NOTFOUND when absent. */
int store_pack_set_hidden(Store *s, const char *id, bool hidden);
/* Removes a pack's content; answers stay. MB_ERR_NOTFOUND when absent. */
int store_pack_remove(Store *s, const char *id);
/* Reads a pack's files back (to rebuild the Pack with pack_build). On MB_OK
 * *out holds new copies of the files; the caller frees them with
 * pack_files_free(out), or hands them to pack_build(), which takes them. On
 * failure (MB_ERR_NOTFOUND when the pack is absent) *out is empty and needs
 * no freeing. */
int store_pack_files(Store *s, const char *id, PackFiles *out);
/* store_pack_files for the named files only (paths NULL-ended; a name the
 * pack lacks is left out): what the kiosk's first frame needs of a pack
 * (pack_head_files), without reading its units and quizzes. */
int store_pack_files_named(Store *s, const char *id, const char *const *paths, PackFiles *out);

/* ---- participants ---- */
/* A participant as read from the store; who frees name and pseudo is said
 * with the function that filled it. */
typedef struct {
    int64_t id;
    char *name;     /* display name or nickname */
    char *pseudo;   /* pseudonymous id used in exports, e.g. "p-3f9a2c" */
    bool guest;
    bool has_code;     /* a code is asked at sign-in (store_code_*) */
    int code_failures; /* wrong codes in a row; 0 without a code */
} StoreParticipant;

/* Adds a participant with a new pseudonym; *id_out (may be NULL) is its id.
 * name is copied; a guest is named "Guest" whatever name is. */
int store_participant_add(Store *s, const char *name, bool guest, int64_t *id_out);
/* Lists non-guest participants by name. On MB_OK *out is a new array of *n
 * entries (NULL when there are none); the caller frees it with
 * store_participant_list_free(*out, *n). On failure *out is NULL and *n 0. */
int store_participant_list(Store *s, StoreParticipant **out, size_t *n);
/* Frees the n entries' strings and the array.
 * store_participant_list_free(NULL, 0) does nothing. */
void store_participant_list_free(StoreParticipant *list, size_t n);
/* Fills *out (the caller's struct) with participant id. On MB_OK out->name
 * and out->pseudo are new strings the caller frees with free(); on failure
 * (MB_ERR_NOTFOUND when there is no such participant) *out is zeroed and
 * there is nothing to free. */
int store_participant_get(Store *s, int64_t id, StoreParticipant *out);

/* ---- answers ---- */
/* An answer to record. Its strings stay the caller's: store_attempt_insert()
 * copies them into the database. */
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
    uint64_t order_seed;     /* the seed the answers were shuffled with (LearnRecord) */
    const char *positions;   /* the positions chosen as shown, "2" or "1,3"; NULL: "" */
    const char *answers;     /* the same choices as 1-based indexes into the bank
                                (LearnRecord.answers); NULL: "" */
    int64_t started_ms, answered_ms;
} StoreAttempt;

/* Records an answer and updates the participant's review box for the
 * question, in one transaction committed to disk before it returns. The
 * answer belongs to the session open on this kiosk at that moment
 * (store_session_start), or to none.
 * *id_out (may be NULL) is the attempt's row id; its UUID (for xAPI) is
 * assigned here. Returns MB_OK or MB_ERR_DB (nothing written). */
int store_attempt_insert(Store *s, const StoreAttempt *a, int64_t now_ms, int64_t *id_out);
/* Number of attempts in the database (all participants); -1 on failure. */
int64_t store_attempt_count(Store *s);

/* Best-so-far result of a participant on a unit: the latest attempt per
 * question (not counting review attempts). */
typedef struct {
    int answered;
    int correct;       /* answers fully right */
    double score, max; /* partial credit included */
} StoreUnitResult;
/* Fills *out (zeroed when nothing was answered or on failure). */
int store_unit_result(Store *s, int64_t participant, const char *pack_id, const char *unit,
                      StoreUnitResult *out);
/* The latest answer's score for one question, or -1 when never answered
 * (or on failure). */
double store_question_last_score(Store *s, int64_t participant, const char *pack_id,
                                 const char *question_id);

/* One question of a unit as its latest quiz answer left it (the answers
 * store_unit_result() counts). */
typedef struct {
    char question_id[96];
    bool correct;
} StoreAnswered;
/* The questions of a unit a participant has answered in its quiz, in no
 * particular order: at most max are written to the caller's array out (may
 * be NULL when max is 0), and *n says how many there are. A question no
 * longer in the pack is listed too: the caller counts what it still shows. */
int store_unit_answered(Store *s, int64_t participant, const char *pack_id, const char *unit,
                        StoreAnswered *out, size_t max, size_t *n);

/* ---- where the participant left off ---- */
typedef struct {
    char unit[96];
    int screen;      /* the ui's screen id */
    int position;    /* reader scroll (pixels at scale 1) or question index */
    Lang lang;
} StoreResume;
/* Keeps where the participant is in the pack (a copy of *r). */
int store_resume_set(Store *s, int64_t participant, const char *pack_id, const StoreResume *r);
/* Fills *out, a plain struct with nothing to free; MB_ERR_NOTFOUND (and *out
 * zeroed) when nothing is kept. */
int store_resume_get(Store *s, int64_t participant, const char *pack_id, StoreResume *out);
/* Reading position per unit; get returns 0 when none is kept. */
int store_unit_position_set(Store *s, int64_t participant, const char *pack_id,
                            const char *unit, int position);
int store_unit_position_get(Store *s, int64_t participant, const char *pack_id,
                            const char *unit);
/* How far a unit was read, for the home screen. */
typedef struct {
    bool opened;   /* the reader was left at least once */
    int percent;   /* where it was left, 0..100 of the unit; -1 not known */
    bool finished; /* its end was reached at least once */
} StoreReading;
/* Keeps the reading position with where it is in the unit (percent,
 * 0..100) and, when finished, that the end was reached (never unset). */
int store_unit_reading_set(Store *s, int64_t participant, const char *pack_id, const char *unit,
                           int position, int percent, bool finished);
/* Fills *out (a plain struct; all zero and percent -1 when the unit was
 * never opened, or on failure). */
int store_unit_reading_get(Store *s, int64_t participant, const char *pack_id, const char *unit,
                           StoreReading *out);

/* ---- a unit's quiz left half way ----
 * What makes the round again after the session ended: its seed and the
 * language it started in (learn_round_unit with them gives the same
 * questions, in the same order, their answers shown the same way); the
 * answers already given are the attempts with the items' order seeds. */
typedef struct {
    uint64_t seed; /* the round's (LearnRound.seed) */
    Lang lang;     /* the language it started in (LearnRound.lang) */
} StoreQuizProgress;
/* Keeps *p as the round of unit in progress (replacing one kept before). */
int store_quiz_progress_set(Store *s, int64_t participant, const char *pack_id, const char *unit,
                            const StoreQuizProgress *p);
/* Fills *out (a plain struct); MB_ERR_NOTFOUND (and *out zeroed) when no
 * round of unit is in progress. */
int store_quiz_progress_get(Store *s, int64_t participant, const char *pack_id, const char *unit,
                            StoreQuizProgress *out);
/* The round of unit is over: forgets it (nothing kept is fine). */
int store_quiz_progress_clear(Store *s, int64_t participant, const char *pack_id,
                              const char *unit);

/* An answer given in a round, as store_round_attempt() reads it back. */
typedef struct {
    char *positions; /* LearnRecord.positions: what was chosen, as shown */
    char *response;  /* the readable response (for typed answers, the text) */
    Lang lang;       /* the language it was answered in */
} StoreRoundAttempt;
/* The latest quiz answer (not a review's) of participant to question_id of
 * unit whose answers were shown from order_seed: the answer given to that
 * item of a round. On MB_OK out->positions and out->response are new
 * strings freed with store_round_attempt_free(); MB_ERR_NOTFOUND when there
 * is none, and on failure, *out is zeroed with nothing to free. */
int store_round_attempt(Store *s, int64_t participant, const char *pack_id, const char *unit,
                        const char *question_id, uint64_t order_seed, StoreRoundAttempt *out);
/* Frees what *a holds and zeroes it; safe on a zeroed one and twice. */
void store_round_attempt_free(StoreRoundAttempt *a);

/* ---- review queue ---- */
typedef struct {
    char pack_id[64];
    char unit[96];
    char question_id[96];
    int box;
    int64_t due_ms;
    uint64_t order_seed;  /* of the question's last attempt: a review shows the
                             answers in the order they were shown then */
} StoreReviewItem;
/* Questions due at now_ms, oldest first, of the packs participants see (a
 * question no longer in its pack, or in a hidden pack, is not due), of the
 * pack pack_id only unless it is NULL (borrowed for the call): at most max
 * of them are written to the caller's array out, and *n says how many
 * (plain structs, nothing to free). */
int store_review_due(Store *s, int64_t participant, const char *pack_id, int64_t now_ms,
                     StoreReviewItem *out, size_t max, size_t *n);
/* How many questions are due at now_ms; -1 on failure. */
int store_review_count(Store *s, int64_t participant, const char *pack_id, int64_t now_ms);

/* ---- seminar sessions (store_session.c) ----
 * A session is an instructor's seminar: a title, the units it covers, the
 * packs it shows. At most one is open on a kiosk at a time; it is kept in
 * the database, so the kiosk, a restart of it and `mingbai session` agree
 * on it, and every answer stored while it is open belongs to it. */
typedef struct {
    const char *pack_id;
    const char *unit;        /* unit slug */
} StoreUnitRef;

/* A session to start; everything is borrowed for the call. */
typedef struct {
    const char *title;
    const StoreUnitRef *units; /* the units it covers, in order */
    size_t nunits;
    const char *const *packs;  /* the packs it shows, in order */
    size_t npacks;
} StoreSessionNew;

/* A session as read back; its strings and arrays belong to it and are freed
 * with store_session_clear() (or store_session_list_free()). */
typedef struct {
    int64_t id;
    char uuid[37];
    char *title;
    int64_t started_ms;
    int64_t ended_ms;        /* 0 while it is open */
    char kiosk_id[40];
    StoreUnitRef *units;     /* strings owned by the session */
    size_t nunits;
    char **packs;
    size_t npacks;
    int64_t answers;         /* answers stamped with it */
} StoreSession;

/* Starts a session at now_ms and makes it the kiosk's open one; *id_out
 * (may be NULL) is its id. MB_ERR_EXISTS when one is open already (the
 * message names it); MB_ERR for an empty title; MB_ERR_DB on failure. */
int store_session_start(Store *s, const StoreSessionNew *n, int64_t now_ms, int64_t *id_out);
/* Ends the open session id at now_ms. MB_ERR_NOTFOUND when id is not an
 * open session of this kiosk. */
int store_session_end(Store *s, int64_t id, int64_t now_ms);
/* The id of this kiosk's open session, 0 when none is open, -1 on failure. */
int64_t store_session_current(Store *s);
/* Fills *out with session id; MB_ERR_NOTFOUND when there is none (*out is
 * then zeroed and needs no clearing). */
int store_session_get(Store *s, int64_t id, StoreSession *out);
/* Frees what *out holds and zeroes it. */
void store_session_clear(StoreSession *out);
/* Every session, oldest first. On MB_OK *out is a new array of *n entries
 * (NULL when none), freed with store_session_list_free(*out, *n). */
int store_session_list(Store *s, StoreSession **out, size_t *n);
void store_session_list_free(StoreSession *list, size_t n);

/* ---- answers as exports read them (store_session.c) ---- */
/* One stored answer with its participant. Strings are borrowed for the
 * callback's call only. */
typedef struct {
    int64_t id;
    const char *uuid;        /* fixed when the answer was stored */
    int64_t session;         /* 0: given outside any session */
    int64_t participant;
    const char *pseudo, *name;
    bool guest;
    const char *pack_id, *pack_version, *unit, *question_id;
    QuestionType type;
    Lang lang;
    const char *response, *positions, *answers;
    uint64_t order_seed;
    double score, max;
    bool correct, review;
    int64_t started_ms, answered_ms;
    const char *kiosk_id;
} StoreAnswerRow;

/* Returns 0 to go on, anything else to stop (store_answers_each returns it). */
typedef int (*StoreAnswerFn)(void *ctx, const StoreAnswerRow *row);
/* Calls fn for every answer of session (0: every answer) in the order they
 * were given, inside one read transaction (a consistent view while the
 * kiosk goes on writing). MB_ERR_NOTFOUND for a session that does not
 * exist. */
int store_answers_each(Store *s, int64_t session, StoreAnswerFn fn, void *ctx);

/* ---- deleting a participant for real ---- */
/* Finds a participant by pseudonym ("p-3f9a2c") or by row id (digits).
 * MB_OK with *id set; MB_ERR_NOTFOUND (message says which) when absent. */
int store_participant_find(Store *s, const char *pseudo_or_id, int64_t *id);
/* Deletes a participant and everything that names them (answers, review
 * boxes, reading positions, resume points: every table with a participant
 * column) in one transaction, with secure_delete on; then rewrites the file
 * (VACUUM) and checkpoints the write-ahead log with TRUNCATE, so that a byte
 * search of the database and its -wal finds nothing of them. *answers (may
 * be NULL) is how many answers went. MB_ERR_NOTFOUND when absent; MB_ERR
 * when the rows are gone but another program holding the database open kept
 * the log from being emptied (the message says so: close it and run the
 * command again, which then only checkpoints), or a full disk or an I/O
 * error did (the message says which). Backups made before keep
 * their copy. */
int store_participant_delete(Store *s, int64_t id, int64_t *answers);

/* ---- the instructor's roster (store_roster.c) ---- */
/* A name as kept: 1 to STORE_NAME_MAX characters of valid UTF-8, no
 * control characters. */
#define STORE_NAME_MAX 40
/* Renames participant id (not a guest). MB_ERR_PARSE for a name that is
 * not one (above); MB_ERR_NOTFOUND when there is no such participant. */
int store_participant_rename(Store *s, int64_t id, const char *name);
/* Two entries of one person: moves every answer of from to into, with
 * from's review boxes, reading positions, places and quizzes left half way
 * where into has none of the same (or an older one: the one used last is
 * kept) and from's code where into has none, then removes from; in one
 * transaction. *answers (may be NULL):
 * how many answers moved. MB_ERR_NOTFOUND when either is absent (or a
 * guest); MB_ERR when from is into. */
int store_participant_merge(Store *s, int64_t from, int64_t into, int64_t *answers);

/* What is wrong with a row of a roster file. */
typedef enum {
    STORE_ROSTER_FINE,
    STORE_ROSTER_EMPTY,     /* no name in the row (or its name column) */
    STORE_ROSTER_NOT_UTF8,  /* the name is not UTF-8 text */
    STORE_ROSTER_CONTROL,   /* the name holds a control character */
    STORE_ROSTER_TOO_LONG,  /* longer than STORE_NAME_MAX characters */
    STORE_ROSTER_QUOTE,     /* a quote opened and never closed */
    STORE_ROSTER_NO_COLUMN, /* a header row of several columns, none `name` */
} StoreRosterProblemKind;
typedef struct {
    int line;               /* 1-based, where the row starts */
    StoreRosterProblemKind kind;
} StoreRosterProblem;
typedef struct {
    int added;              /* new participants */
    int same;               /* names on the roster already (letters compared without case) */
    StoreRosterProblem *problems; /* rows left out; freed with store_roster_import_free */
    size_t nproblems;
} StoreRosterImport;
/* Adds the names of a CSV text (len bytes, untrusted; UTF-8 with or
 * without a byte order mark; comma-separated, RFC 4180 quotes): one name a
 * row, or a header row with a `name` (or 姓名) column. Blank rows are
 * skipped; a row whose name is not one is left out and listed in
 * out->problems; a header of several columns without a name column stops
 * the import (listed too). The good rows are added in one transaction.
 * *out is the caller's, filled always; free it with
 * store_roster_import_free. MB_ERR_DB (nothing added) on failure. */
int store_roster_import_csv(Store *s, const char *text, size_t len, StoreRosterImport *out);
void store_roster_import_free(StoreRosterImport *r);

/* ---- the instructor's PIN ---- */
/* 4 to 8 digits, kept as an Argon2id hash with its own salt
 * (libsodium's crypto_pwhash_str) in the setting table, never as digits.
 * Failures are counted in the database before a PIN is checked, so pulling
 * the plug in the middle counts as a failure; after STORE_PIN_FREE_TRIES
 * failures in a row each try waits longer (store_pin_delay_s). */
#define STORE_PIN_MIN 4
#define STORE_PIN_MAX 8
#define STORE_PIN_FREE_TRIES 5
typedef enum { STORE_PIN_OK, STORE_PIN_WRONG, STORE_PIN_WAIT } StorePinResult;
/* Whether pin is 4 to 8 ASCII digits and nothing else. */
bool store_pin_valid(const char *pin);
/* The wait after `failures` failed tries in a row, in seconds: 0 before
 * STORE_PIN_FREE_TRIES, then 30 s doubling each time, at most an hour. */
int store_pin_delay_s(int failures);
/* *set: whether a PIN is kept. A failure to read (MB_ERR_DB) is not "no
 * PIN": a screen must not offer to set a new one then. */
int store_pin_is_set(Store *s, bool *set);
/* Keeps pin (checked with store_pin_valid: MB_ERR_PARSE otherwise) as a new
 * hash and clears the failure count. pin is not kept anywhere else. */
int store_pin_set(Store *s, const char *pin);
/* Checks pin at now_ms (the wall clock, mb_now_ms(); kept in the database
 * as it survives a restart, see store_pin.c). *result: STORE_PIN_WAIT when
 * the last failures ask for a wait (pin is not even looked at), else
 * STORE_PIN_OK or STORE_PIN_WRONG. *wait_s (may be NULL): the seconds
 * before the next try is allowed (0 when none). MB_ERR_NOTFOUND when no PIN
 * is set; MB_ERR_DB when the count could not be written (nothing checked). */
int store_pin_check(Store *s, const char *pin, int64_t now_ms, StorePinResult *result,
                    int *wait_s);
/* Failed tries in a row so far; -1 on failure. */
int store_pin_failures(Store *s);

/* ---- a participant's code (store_code.c) ---- */
/* The instructor may give a participant a code of STORE_CODE_LEN digits,
 * asked when their name is tapped at sign-in, so that others cannot go on
 * as them. It is kept as a salted hash only, never shown, exported or
 * merged into another kiosk's database. Wrong codes are counted per
 * participant on disk before a code is looked at; after
 * STORE_PIN_FREE_TRIES of them in a row each try waits longer, as for the
 * PIN (store_pin_delay_s). A participant without a code has no row. */
#define STORE_CODE_LEN 4
/* Whether code is exactly STORE_CODE_LEN ASCII digits. */
bool store_code_valid(const char *code);
/* Gives participant (not a guest) code as a new hash, replacing any code
 * and clearing the wrong tries. code is not kept anywhere else.
 * MB_ERR_PARSE for a code that is not one; MB_ERR_NOTFOUND for no such
 * participant (or a guest). */
int store_code_set(Store *s, int64_t participant, const char *code);
/* Removes participant's code (and its count); MB_OK when there was none. */
int store_code_clear(Store *s, int64_t participant);
/* Clears participant's wrong tries, so that they may try again at once;
 * the code stays. MB_OK when there is no code. */
int store_code_forgive(Store *s, int64_t participant);
/* *has: whether participant has a code; *failures (may be NULL): the
 * wrong tries in a row; *wait_s (may be NULL): the seconds at now_ms (wall
 * clock) before the next try is allowed, 0 when none. Counts nothing. */
int store_code_get(Store *s, int64_t participant, int64_t now_ms, bool *has, int *failures,
                   int *wait_s);
/* Checks code for participant at now_ms (wall clock, mb_now_ms()), as
 * store_pin_check does: *result STORE_PIN_WAIT (code not looked at),
 * STORE_PIN_OK or STORE_PIN_WRONG; *wait_s (may be NULL): seconds before
 * the next try is allowed. MB_ERR_NOTFOUND when participant has no code. */
int store_code_check(Store *s, int64_t participant, const char *code, int64_t now_ms,
                     StorePinResult *result, int *wait_s);

/* ---- settings (key -> text) ---- */
/* Returns a new string, or NULL when unset or on failure (store_errmsg()
 * tells which); the caller frees it with free(). */
char *store_setting_get(Store *s, const char *key);
/* Keeps a copy of value under key. */
int store_setting_set(Store *s, const char *key, const char *value);

/* ---- typed settings, over the key -> text ones ---- */
typedef enum { STORE_TEXT_NORMAL, STORE_TEXT_LARGE, STORE_TEXT_LARGER, STORE_TEXT_COUNT } StoreTextSize;
#define STORE_IDLE_MIN_S 30
#define STORE_IDLE_MAX_S (30 * 60)
#define STORE_IDLE_DEFAULT_S (3 * 60)
#define STORE_KIOSK_NAME_MAX 32 /* characters */
typedef struct {
    Lang lang;                  /* the language a new participant starts in */
    int idle_timeout_s;         /* quiet seconds before the "still there?" prompt */
    StoreTextSize text_size;    /* the text size a new participant starts with */
    char kiosk_name[4 * STORE_KIOSK_NAME_MAX + 1]; /* "" when not named */
} StoreSettings;
/* The settings of a kiosk nobody has set up. */
void store_settings_default(StoreSettings *out);
/* Fills *out: each setting as kept, or its default when unset or when the
 * kept text is not valid (a file edited by hand; logged). MB_ERR_DB on a
 * failure to read, with *out all defaults. */
int store_settings_get(Store *s, StoreSettings *out);
/* Each set checks its value first: MB_ERR_PARSE (with a message naming
 * what is allowed) leaves the setting as it was. */
int store_settings_set_lang(Store *s, Lang lang);
int store_settings_set_idle_timeout(Store *s, int seconds);
int store_settings_set_text_size(Store *s, StoreTextSize size);
/* Spaces around are dropped; "" (or only spaces) unnames the kiosk. At most
 * STORE_KIOSK_NAME_MAX characters of valid UTF-8, no control characters. */
int store_settings_set_kiosk_name(Store *s, const char *name);
/* The stored text of a text size ("normal", "large", "larger") and back
 * (-1 when not one of them). */
const char *store_text_size_name(StoreTextSize size);
int store_text_size_parse(const char *name);

/* ---- backups ---- */
/* Writes a consistent copy of the database to path, answers still in the
 * write-ahead log included (VACUUM INTO a temporary name beside path, fsync,
 * rename, fsync of the folder): path holds the previous file or the whole
 * new one, never a torn one. MB_ERR_EXISTS when path is the database's own
 * file. */
int store_backup(Store *s, const char *path);
/* Opens the file at path read-only and runs PRAGMA integrity_check: MB_OK
 * when it is whole, MB_ERR_DB with what is wrong otherwise. */
int store_backup_verify(Store *s, const char *path);
/* Removes a database file and its -wal, -shm, -journal and -walid (what is absent
 * is skipped). */
void store_remove_files(const char *path);
/* The folder of the automatic backups: "backups" beside the database.
 * A new string; the caller frees it with free(). */
char *store_backup_dir(Store *s);
/* An automatic backup (after a session, before an import): writes
 * dir/mingbai-NNNNNN-YYYYMMDDTHHMMSSZ-reason.db, NNNNNN one more than the
 * highest there (so the order holds when the clock goes back), then removes
 * the oldest such files beyond keep (other files are left alone). dir NULL:
 * store_backup_dir(). reason: a short word of [a-z0-9-] ("session",
 * "import"). *path_out (may be NULL): a new string with the path written,
 * freed with free(). */
int store_backup_auto(Store *s, const char *dir, const char *reason, int keep, char **path_out);
#define STORE_BACKUPS_KEPT 10
/* Copies what the write-ahead log holds into the database file and empties
 * the log (PRAGMA wal_checkpoint(TRUNCATE)). MB_ERR when another program
 * holding the database open kept it from finishing (nothing is lost: the
 * log stays valid). */
int store_checkpoint(Store *s);

/* ---- results of several kiosks ---- */
typedef struct {
    int64_t participants; /* new participants (by pseudonym) */
    int64_t attempts;     /* new answers (by answer UUID) */
    int64_t reviews;      /* review boxes taken from the source */
    int64_t positions;    /* reading positions taken */
    int64_t resumes;      /* resume points taken */
    int64_t packs;        /* packs copied (absent here, or newer there) */
    int64_t sessions;     /* new seminar sessions (by session UUID) */
    int64_t quiz_places;  /* quizzes left half way, taken */
    int64_t session_rows; /* the units and packs of the new sessions */
} StoreMergeCounts;
/* What is wrong with a file given to merge. */
typedef enum {
    STORE_SOURCE_OK,
    STORE_SOURCE_UNREADABLE,  /* cannot be opened or read (errno's message in store_errmsg) */
    STORE_SOURCE_NOT_MINGBAI, /* not SQLite, or SQLite without Mingbai's tables */
    STORE_SOURCE_NEWER,       /* a newer schema than this Mingbai knows */
    STORE_SOURCE_SAME,        /* the database merged into */
    STORE_SOURCE_DAMAGED      /* fails its integrity check */
} StoreSourceProblem;
typedef struct {
    StoreSourceProblem problem;
    int version;   /* its schema version, when read */
    int known;     /* the newest this Mingbai knows */
} StoreMergeSource;
/* Checks that path is a Mingbai database this Mingbai can read (not newer)
 * and not s's own file, without changing it. MB_OK, or MB_ERR_PARSE with
 * *src (may be NULL) saying what is wrong and store_errmsg naming the file. */
int store_merge_check(Store *s, const char *path, StoreMergeSource *src);
/* Merges the database at path (checked as above, *src filled alike; the
 * file is never changed: a copy of it is brought to this schema) into s, in
 * one transaction: participants by pseudonym, answers by UUID (merging the
 * same file twice adds nothing), review boxes from the kiosk that saw the
 * latest answer to the question, reading positions and resume points from
 * the one used last, packs absent here or newer there. Settings (the PIN,
 * the kiosk id) stay s's own. *counts (may be NULL) says what was added. */
int store_merge(Store *s, const char *path, StoreMergeSource *src, StoreMergeCounts *counts);

#endif
