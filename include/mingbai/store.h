/* The store: one SQLite database that keeps packs, participants, answers,
 * progress and settings. Schema changes are forward-only migrations counted
 * by PRAGMA user_version. An answer is committed (synchronous=FULL, WAL)
 * before store_attempt_insert returns, so "shown" means "on disk". */
#ifndef MINGBAI_STORE_H
#define MINGBAI_STORE_H

#include "mingbai/core.h"
#include "mingbai/pack.h"

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

#endif
