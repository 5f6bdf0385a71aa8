/* The scripted kiosk session the power-cut, fault and kill tests drive
 * through the store's own API (and the CSV export through kiosk/report):
 * packs imported (one replaced by a newer version), participants added,
 * answers recorded, the PIN's failures counted, an export, a participant
 * deleted, a checkpoint. What the store acknowledged (MB_OK) is written as
 * one line to a file descriptor right after the call returns; workload_check
 * reads those lines back and checks the database against them. */
#ifndef MINGBAI_TEST_WORKLOAD_H
#define MINGBAI_TEST_WORKLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *db;        /* the database's path */
    const char *export_dir;/* a folder for the CSV export */
    int ack_fd;            /* acknowledgement lines go here (-1: nowhere) */
    bool normal_sync;      /* the negative control: synchronous=NORMAL */
    bool stop_on_error;    /* stop at the first failure (else go on, as the kiosk does) */
    int answers;           /* answers to record (default 40) */
    bool small;            /* pack files of a sixteenth of the size (the fault test) */
    bool no_pin;           /* no PIN set or tried (Argon2 is slow: the fault test) */
} Workload;

/* Runs the session. A failed call writes "X <store_errmsg>". Returns the number of store calls that failed (with
 * their messages on stderr when verbose). */
int workload_run(const Workload *w, bool verbose);

/* What a check found. */
typedef struct {
    int integrity;      /* integrity_check not ok, or the kiosk cannot open it */
    int lost;           /* acknowledged answers missing */
    int torn_import;    /* a pack with part of its rows */
    int lost_import;    /* an acknowledged import missing */
    int pin;            /* PIN failures counted fewer than acknowledged */
    int deletion;       /* a deletion half done, or acknowledged and undone */
    int export_torn;    /* an export file neither whole nor absent */
    int answers_acked;  /* acknowledged answers seen */
    char first[256];    /* the first problem, in words */
} WorkloadCheck;

/* Checks the database at w->db (opened with SQLite's unix VFS, then with
 * store_open) against the acknowledgement lines acks (len bytes).
 * ref_acks: the lines of a whole run, which give each pack version's rows.
 * Returns the number of problems (0: all kept). */
int workload_check(const Workload *w, const char *acks, size_t len, const char *ref_acks,
                   WorkloadCheck *out);

#endif
