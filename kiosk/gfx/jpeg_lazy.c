/* libjpeg, loaded the first time a JPEG picture is drawn, not at start
 * (mingbai/lazy.h): the functions image.c calls, under their own names;
 * the program is not linked with libjpeg. */
#include <stdio.h> /* jpeglib.h needs FILE and size_t first */

#include <jpeglib.h>

#include "mingbai/lazy.h"

#ifndef MINGBAI_LIBJPEG_SONAME
#define MINGBAI_LIBJPEG_SONAME "libjpeg.so.62"
#endif

static LazyLib libjpeg = {.soname = MINGBAI_LIBJPEG_SONAME};

LAZY(libjpeg, struct jpeg_error_mgr *, jpeg_std_error, (struct jpeg_error_mgr * err), (err))
LAZY_VOID(libjpeg, jpeg_CreateDecompress, (j_decompress_ptr ci, int version, size_t size),
          (ci, version, size))
LAZY_VOID(libjpeg, jpeg_destroy_decompress, (j_decompress_ptr ci), (ci))
LAZY_VOID(libjpeg, jpeg_mem_src, (j_decompress_ptr ci, const unsigned char *buf, unsigned long n),
          (ci, buf, n))
LAZY(libjpeg, int, jpeg_read_header, (j_decompress_ptr ci, boolean require), (ci, require))
LAZY(libjpeg, boolean, jpeg_start_decompress, (j_decompress_ptr ci), (ci))
LAZY(libjpeg, JDIMENSION, jpeg_read_scanlines,
     (j_decompress_ptr ci, JSAMPARRAY rows, JDIMENSION max), (ci, rows, max))
