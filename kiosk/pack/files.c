/* Reads a pack's files into memory from a folder or a zip archive. Input is
 * untrusted: it comes from a USB stick. Nothing is written to disk and no
 * link inside the pack is followed. Every name is checked (absolute, "..",
 * backslash, links, devices, duplicates, case collisions), and every size is
 * checked twice: as declared (the zip's central directory, the folder's
 * stat) before reading, and as bytes actually produced while reading, since
 * a zip can lie and overlapping entries make bombs. Each problem gets its
 * own message naming the entry; the origin (as the user named it) is the
 * message's path. This file holds the entry points; files_names.c has the
 * checks of names and the messages, files_folder.c reads folders and
 * files_zip.c zip archives. */
#include "files_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

PackLimits pack_limits_default(void)
{
    PackLimits l = {
        .max_total = 64 * MIB,
        .max_files = 2000,
        .max_text_file = 1 * MIB,
        .max_image_file = 8 * MIB,
        .max_xml_file = 16 * MIB,
        .max_ratio = 100,
        .max_name = 255,
        .max_md_nesting = 16,
    };
    return l;
}

static int file_cmp(const void *a, const void *b)
{
    return strcmp(((const PackFile *)a)->path, ((const PackFile *)b)->path);
}

/* ---------------- entry points ---------------- */

static int reader_finish(Reader *r)
{
    if (r->errors) {
        pack_files_free(r->files);
        return r->errors;
    }
    if (r->files->count > 1)
        qsort(r->files->items, r->files->count, sizeof *r->files->items, file_cmp);
    return 0;
}

static bool is_zip_magic(const unsigned char *p, size_t n)
{
    return n >= 4 && p[0] == 'P' && p[1] == 'K' &&
           ((p[2] == 3 && p[3] == 4) || (p[2] == 5 && p[3] == 6));
}

int pack_files_read_zip_mem(const void *data, size_t len, const char *origin,
                            const PackLimits *lim, PackFiles *files, Diags *diags)
{
    Reader r = {.origin = origin, .lim = lim, .files = files, .diags = diags};
    memset(files, 0, sizeof *files);
    if (!is_zip_magic(data, len)) {
        diags_add(diags, DIAG_ERROR, origin, 0, 0, NULL, "this is not a zip archive");
        return 1;
    }
    ZipBytes bytes = {.mem = data, .fd = -1, .size = len};
    reader_zip(&r, &bytes);
    return reader_finish(&r);
}

int pack_files_read(const char *path, const PackLimits *lim, PackFiles *files, Diags *diags)
{
    Reader r = {.origin = path, .lim = lim, .files = files, .diags = diags};
    memset(files, 0, sizeof *files);
    /* The path the user named may itself be a link (a mount point, a
     * shortcut); only what is inside the pack must not be. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st)) {
        diags_add(diags, DIAG_ERROR, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        reader_folder(&r, fd);
        close(fd);
        return reader_finish(&r);
    }
    unsigned char magic[4] = {0};
    ZipBytes bytes = {.fd = fd, .size = (uint64_t)st.st_size};
    if (!S_ISREG(st.st_mode) || !zipbytes_read(&bytes, 0, magic, 4) || !is_zip_magic(magic, 4)) {
        diags_add(diags, DIAG_ERROR, path, 0, 0,
                  "a pack is a folder with a pack.ini, or a .zip of that folder",
                  "not a pack: neither a folder nor a zip archive");
        close(fd);
        return 1;
    }
    reader_zip(&r, &bytes);
    close(fd);
    return reader_finish(&r);
}
