/* Packs in the store: importing a checked Pack (its files and an index of
 * its questions) in one transaction, listing, removing and reading the
 * files back. The Pack was validated by pack_build; this file trusts its
 * shape but not its size, so the import reuses prepared statements and
 * reports progress. Results (attempts, review entries) name a pack and a
 * question by value and are never touched here. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#define STORE_PROGRESS_STEP 100

typedef struct {
    StoreProgress fn;
    void *ctx;
    size_t done, total;
} StoreImportProgress;

static void store_import_tick(StoreImportProgress *pr)
{
    pr->done++;
    if (pr->fn && (pr->done % STORE_PROGRESS_STEP == 0 || pr->done == pr->total))
        pr->fn(pr->ctx, pr->done, pr->total);
}

/* Refuses the same or an older version with a message that says what to do,
 * and clears the content of an older one that p replaces; *hidden says
 * whether that one was hidden from participants (false when none). */
static int store_pack_make_room(Store *s, const Pack *p, bool *hidden)
{
    static const char *const clear[] = {
        "DELETE FROM pack_file WHERE pack_id = ?1",
        "DELETE FROM question WHERE pack_id = ?1",
        "DELETE FROM pack WHERE id = ?1",
    };
    sqlite3_stmt *st = NULL;
    char *installed = NULL;
    *hidden = false;
    int rc = store_prepare(s, "SELECT version, hidden FROM pack WHERE id = ?1", &st);
    if (rc)
        goto done;
    store_bind_text(st, 1, p->id);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        installed = store_column_strdup(st, 0);
        *hidden = sqlite3_column_int(st, 1) != 0;
    }
    else if (step != SQLITE_DONE)
        rc = store_fail_db(s, "looking up the pack");
    sqlite3_finalize(st);
    st = NULL;
    if (rc || !installed)
        goto done;
    int cmp = pack_version_cmp(p->version, installed);
    if (cmp == 0) {
        rc = store_fail(s, MB_ERR_EXISTS,
                        "pack %s %s is already installed (same version); raise 'version' in "
                        "pack.ini to replace it",
                        p->id, p->version);
        goto done;
    }
    if (cmp < 0) {
        rc = store_fail(s, MB_ERR_EXISTS,
                        "pack %s %s was not imported: a newer version %s is installed", p->id,
                        p->version, installed);
        goto done;
    }
    mb_log(LOG_INFO, "pack %s: replacing version %s with %s", p->id, installed, p->version);
    for (size_t i = 0; i < MB_COUNT(clear) && !rc; i++) {
        rc = store_prepare(s, clear[i], &st);
        if (rc)
            break;
        store_bind_text(st, 1, p->id);
        if (sqlite3_step(st) != SQLITE_DONE)
            rc = store_fail_db(s, "removing the older version");
        sqlite3_finalize(st);
        st = NULL;
    }
done:
    sqlite3_finalize(st);
    free(installed);
    return rc;
}

static int store_pack_insert_row(Store *s, const Pack *p, bool hidden)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "INSERT INTO pack(id, version, format, title_en, title_zh, licence, "
                           "author, imported_ms, units, questions, hidden) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10)",
                           &st);
    if (rc)
        return rc;
    store_bind_text(st, 1, p->id);
    store_bind_text(st, 2, p->version);
    sqlite3_bind_int(st, 3, p->format);
    store_bind_text(st, 4, p->title[LANG_EN]);
    store_bind_text(st, 5, p->title[LANG_ZH]);
    store_bind_text(st, 6, p->licence);
    store_bind_text(st, 7, p->author);
    sqlite3_bind_int64(st, 8, mb_now_ms());
    sqlite3_bind_int64(st, 9, (sqlite3_int64)p->nunits);
    sqlite3_bind_int(st, 10, hidden);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "adding the pack");
    sqlite3_finalize(st);
    return rc;
}

static int store_pack_insert_files(Store *s, const Pack *p, StoreImportProgress *pr)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "INSERT INTO pack_file(pack_id, path, data) VALUES(?1, ?2, ?3)", &st);
    if (rc)
        return rc;
    store_bind_text(st, 1, p->id);
    for (size_t i = 0; i < p->files.count; i++) {
        const PackFile *f = &p->files.items[i];
        if (f->len > (size_t)INT32_MAX) {
            rc = store_fail(s, MB_ERR_LIMIT, "pack %s: %s is too large to store", p->id, f->path);
            break;
        }
        store_bind_text(st, 2, f->path);
        /* A NULL blob would be SQL NULL; an empty file is an empty blob. */
        if (f->len)
            sqlite3_bind_blob(st, 3, f->data, (int)f->len, SQLITE_STATIC);
        else
            sqlite3_bind_zeroblob(st, 3, 0);
        if (sqlite3_step(st) != SQLITE_DONE) {
            rc = store_fail_db(s, "adding a pack file");
            break;
        }
        sqlite3_reset(st);
        store_import_tick(pr);
    }
    sqlite3_finalize(st);
    return rc;
}

static int store_pack_insert_questions(Store *s, const Pack *p, StoreImportProgress *pr)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "INSERT INTO question(pack_id, unit, question_id, lang, type, ord) "
                           "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                           &st);
    if (rc)
        return rc;
    store_bind_text(st, 1, p->id);
    for (size_t u = 0; u < p->nunits && !rc; u++) {
        const Unit *unit = &p->units[u];
        for (int l = 0; l < LANG_COUNT && !rc; l++) {
            if (!unit->lang[l].present)
                continue;
            const QuestionList *quiz = &unit->lang[l].quiz;
            for (size_t i = 0; i < quiz->count; i++) {
                const Question *q = &quiz->items[i];
                /* Without an id a question cannot be tracked across
                 * versions; pack_build warns about it, the store skips it. */
                if (!q->id)
                    continue;
                store_bind_text(st, 2, unit->slug);
                store_bind_text(st, 3, q->id);
                store_bind_text(st, 4, lang_code((Lang)l));
                store_bind_text(st, 5, question_type_name(q->type));
                sqlite3_bind_int64(st, 6, (sqlite3_int64)i);
                int step = sqlite3_step(st);
                if (step == SQLITE_CONSTRAINT_PRIMARYKEY) {
                    rc = store_fail(s, MB_ERR_DB,
                                    "pack %s: question id '%s' is used twice in %s (unit %s)",
                                    p->id, q->id, lang_code((Lang)l), unit->slug);
                    break;
                }
                if (step != SQLITE_DONE) {
                    rc = store_fail_db(s, "adding a question");
                    break;
                }
                sqlite3_reset(st);
                store_import_tick(pr);
            }
        }
    }
    sqlite3_finalize(st);
    return rc;
}

/* A question in two languages is one item: count distinct ids. */
static int store_pack_count_questions(Store *s, const Pack *p)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s,
                           "UPDATE pack SET questions = (SELECT COUNT(DISTINCT question_id) "
                           "FROM question WHERE pack_id = ?1) WHERE id = ?1",
                           &st);
    if (rc)
        return rc;
    store_bind_text(st, 1, p->id);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "counting questions");
    sqlite3_finalize(st);
    return rc;
}

static size_t store_pack_question_rows(const Pack *p)
{
    size_t n = 0;
    for (size_t u = 0; u < p->nunits; u++)
        for (int l = 0; l < LANG_COUNT; l++)
            if (p->units[u].lang[l].present)
                for (size_t i = 0; i < p->units[u].lang[l].quiz.count; i++)
                    n += p->units[u].lang[l].quiz.items[i].id != NULL;
    return n;
}

int store_pack_import(Store *s, const Pack *p, StoreProgress progress, void *ctx)
{
    if (!p->id || !p->version)
        return store_fail(s, MB_ERR, "the pack has no id or version");
    StoreImportProgress pr = {progress, ctx, 0, p->files.count + store_pack_question_rows(p)};
    int rc = store_tx_begin(s);
    if (rc)
        return rc;
    bool hidden;
    rc = store_pack_make_room(s, p, &hidden);
    if (rc)
        goto done;
    rc = store_pack_insert_row(s, p, hidden);
    if (rc)
        goto done;
    rc = store_pack_insert_files(s, p, &pr);
    if (rc)
        goto done;
    rc = store_pack_insert_questions(s, p, &pr);
    if (rc)
        goto done;
    rc = store_pack_count_questions(s, p);
    if (rc)
        goto done;
    rc = store_tx_commit(s);
    if (!rc)
        mb_log(LOG_INFO, "pack %s %s imported (%zu files)", p->id, p->version, p->files.count);
done:
    if (rc)
        store_tx_rollback(s);
    return rc;
}

int store_pack_list(Store *s, StorePackInfo **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = NULL;
    StorePackInfo *list = NULL;
    size_t count = 0, cap = 0;
    int rc = store_prepare(s,
                           "SELECT id, version, title_en, title_zh, imported_ms, units, questions, "
                           "hidden "
                           "FROM pack ORDER BY id",
                           &st);
    if (rc)
        return rc;
    int step;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        if (count == cap) {
            cap = cap ? cap * 2 : 8;
            list = mb_xrealloc(list, cap * sizeof *list);
        }
        StorePackInfo *info = &list[count++];
        memset(info, 0, sizeof *info);
        info->id = store_column_strdup(st, 0);
        info->version = store_column_strdup(st, 1);
        info->title[LANG_EN] = store_column_strdup(st, 2);
        info->title[LANG_ZH] = store_column_strdup(st, 3);
        info->imported_ms = sqlite3_column_int64(st, 4);
        info->units = sqlite3_column_int(st, 5);
        info->questions = sqlite3_column_int(st, 6);
        info->hidden = sqlite3_column_int(st, 7) != 0;
    }
    if (step != SQLITE_DONE) {
        rc = store_fail_db(s, "listing packs");
        store_pack_list_free(list, count);
    } else {
        *out = list;
        *n = count;
    }
    sqlite3_finalize(st);
    return rc;
}

void store_pack_list_free(StorePackInfo *list, size_t n)
{
    for (size_t i = 0; list && i < n; i++) {
        free(list[i].id);
        free(list[i].version);
        for (int l = 0; l < LANG_COUNT; l++)
            free(list[i].title[l]);
    }
    free(list);
}

int store_pack_remove(Store *s, const char *id)
{
    static const char *const clear[] = {
        "DELETE FROM pack_file WHERE pack_id = ?1",
        "DELETE FROM question WHERE pack_id = ?1",
        "DELETE FROM pack WHERE id = ?1",
    };
    sqlite3_stmt *st = NULL;
    int rc = store_tx_begin(s);
    if (rc)
        return rc;
    for (size_t i = 0; i < MB_COUNT(clear); i++) {
        rc = store_prepare(s, clear[i], &st);
        if (rc)
            goto done;
        store_bind_text(st, 1, id);
        if (sqlite3_step(st) != SQLITE_DONE) {
            rc = store_fail_db(s, "removing a pack");
            goto done;
        }
        sqlite3_finalize(st);
        st = NULL;
    }
    /* changes() counts the last statement: the pack row itself. */
    if (sqlite3_changes(s->db) == 0) {
        rc = store_fail(s, MB_ERR_NOTFOUND, "pack %s is not installed", id);
        goto done;
    }
    rc = store_tx_commit(s);
    if (!rc)
        mb_log(LOG_INFO, "pack %s removed; its results are kept", id);
done:
    sqlite3_finalize(st);
    if (rc)
        store_tx_rollback(s);
    return rc;
}

int store_pack_set_hidden(Store *s, const char *id, bool hidden)
{
    sqlite3_stmt *st = NULL;
    int rc = store_prepare(s, "UPDATE pack SET hidden = ?2 WHERE id = ?1", &st);
    if (rc)
        return rc;
    store_bind_text(st, 1, id);
    sqlite3_bind_int(st, 2, hidden);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = store_fail_db(s, "hiding or showing a pack");
    else if (sqlite3_changes(s->db) == 0)
        rc = store_fail(s, MB_ERR_NOTFOUND, "pack %s is not installed", id);
    sqlite3_finalize(st);
    if (!rc)
        mb_log(LOG_INFO, "pack %s %s participants", id, hidden ? "hidden from" : "shown to");
    return rc;
}

/* store_pack_files (paths NULL) and store_pack_files_named. */
static int store_pack_files_of(Store *s, const char *id, const char *const *paths,
                               PackFiles *out)
{
    static const unsigned char empty[1];
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    StrBuf names = {0};
    /* One read transaction, so that the files come from one version even if
     * an import runs at the same time in another process. */
    int rc = store_tx_begin_read(s);
    if (rc)
        return rc;
    rc = store_prepare(s, "SELECT 1 FROM pack WHERE id = ?1", &st);
    if (rc)
        goto done;
    store_bind_text(st, 1, id);
    int step = sqlite3_step(st);
    if (step == SQLITE_DONE) {
        rc = store_fail(s, MB_ERR_NOTFOUND, "pack %s is not installed", id);
        goto done;
    }
    if (step != SQLITE_ROW) {
        rc = store_fail_db(s, "looking up the pack");
        goto done;
    }
    sqlite3_finalize(st);
    /* The named files: their paths as one string ("\n" between them),
     * each row's path looked for in it by instr(). */
    for (const char *const *p = paths; p && *p; p++)
        strbuf_printf(&names, "\n%s\n", *p);
    rc = store_prepare(s,
                       paths ? "SELECT path, data FROM pack_file WHERE pack_id = ?1 AND "
                               "instr(?2, char(10) || path || char(10)) > 0 ORDER BY path"
                             : "SELECT path, data FROM pack_file WHERE pack_id = ?1 ORDER BY path",
                       &st);
    if (rc)
        goto done;
    store_bind_text(st, 1, id);
    if (paths)
        store_bind_text(st, 2, names.data ? names.data : ""); /* read by the steps */
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        const char *path = (const char *)sqlite3_column_text(st, 0);
        const void *data = sqlite3_column_blob(st, 1);
        size_t len = (size_t)sqlite3_column_bytes(st, 1);
        pack_files_add(out, path ? path : "", data ? data : empty, len);
    }
    if (step != SQLITE_DONE) {
        rc = store_fail_db(s, "reading pack files");
        goto done;
    }
    rc = store_tx_commit(s);
done:
    sqlite3_finalize(st);
    strbuf_free(&names);
    if (rc) {
        store_tx_rollback(s);
        pack_files_free(out);
        memset(out, 0, sizeof *out);
    }
    return rc;
}

int store_pack_files(Store *s, const char *id, PackFiles *out)
{
    return store_pack_files_of(s, id, NULL, out);
}

int store_pack_files_named(Store *s, const char *id, const char *const *paths, PackFiles *out)
{
    return store_pack_files_of(s, id, paths, out);
}
