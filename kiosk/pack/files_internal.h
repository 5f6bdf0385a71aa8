/* What the pack reader's files share: the Reader that collects a pack's
 * files and its problems, the archive bytes, and the calls between files.c
 * (entry points), files_names.c (names, messages), files_folder.c (folders)
 * and files_zip.c (zip archives). Private to kiosk/pack/. */
#ifndef MINGBAI_FILES_INTERNAL_H
#define MINGBAI_FILES_INTERNAL_H

#include "mingbai/pack.h"

#define KIB ((size_t)1024)
#define MIB ((size_t)1024 * 1024)
/* Room for the zip's folder entries ("units/") beside max_files files. */
#define ZIP_EXTRA_ENTRIES 256

typedef struct {
    const char *origin;
    const PackLimits *lim;
    PackFiles *files;
    Diags *diags;
    int errors;
    size_t nfiles;  /* files seen, for max_files */
    uint64_t total; /* bytes read, for max_total */
    bool stop;      /* a pack-wide limit was hit: read nothing more */
    bool duplicate_names; /* libzip saw a name twice */
} Reader;

/* The archive's bytes, for looking at its end before libzip does. */
typedef struct {
    const unsigned char *mem; /* or NULL: read fd */
    int fd;
    uint64_t size;
} ZipBytes;

/* ---------------- files_names.c: messages ---------------- */

void reader_error(Reader *r, const char *hint, const char *name, const char *fmt, ...)
    MB_PRINTF(4, 5);
/* The same for why, a message of pack_name_problem(), which takes no
 * arguments. */
void reader_problem(Reader *r, const char *name, const char *why);
/* The pack has too many files / too many bytes: said once, then r->stop. */
void reader_too_many(Reader *r);
void reader_too_big(Reader *r);
/* name is over its size limit; verb is "declares", "is" or "unpacks to". */
/* How a size over the limit was seen: declared by a zip's directory, the
 * size of a file, or what an entry unpacked to. */
typedef enum { SIZE_DECLARED, SIZE_IS, SIZE_UNPACKED } SizeSeen;
void reader_file_too_big(Reader *r, const char *name, SizeSeen seen, uint64_t size);

/* ---------------- files_names.c: names ---------------- */

/* Whether path names a PNG or JPEG (by its extension, any case). */
bool pack_is_image_name(const char *path);
/* The size limit for a file of this name: an image's or a text's. */
size_t pack_file_limit(const PackLimits *lim, const char *path);
/* Why the relative name of n bytes is unsafe, or NULL. */
const char *pack_name_problem(const char *name, size_t n);
/* Hidden files and "__MACOSX/", skipped without a word. */
bool pack_name_is_hidden(const char *name);
/* Duplicates, case collisions, a file that is also a folder; true when none. */
bool reader_check_names(Reader *r, const char **names, size_t n);

/* ---------------- files_folder.c, files_zip.c: the readers ---------------- */

/* Reads the folder open as dfd (the caller closes it). */
void reader_folder(Reader *r, int dfd);
/* Reads n bytes at off of the archive into buf; false when they are not all there. */
bool zipbytes_read(const ZipBytes *z, uint64_t off, void *buf, size_t n);
void reader_zip(Reader *r, const ZipBytes *bytes);

#endif
