/* Typing Chinese characters: pinyin letters to candidate characters, for
 * names written in hanzi. The decoder is libgooglepinyin's (Debian's
 * libgooglepinyin0) with its system dictionary, loaded when someone first
 * types pinyin (about 10 ms; 1.4 MiB resident, measured on amd64) and kept
 * for the life of the process: libgooglepinyin 0.1.2 leaks about 200 KiB
 * each time its decoder is closed, so it is opened once and never closed.
 * It never learns: nothing typed is written anywhere. Built
 * without the library (or without its dictionary), ime_available() is
 * false and nothing else does anything. One decoder for the process, not
 * thread-safe (the interface runs on one thread). */
#ifndef MINGBAI_IME_H
#define MINGBAI_IME_H

#include <stdbool.h>
#include <stddef.h>

/* The most bytes of pinyin a search takes (letters and ' between
 * syllables). */
#define IME_SPELL_MAX 32

/* True when pinyin can be typed here: the decoder was built in and its
 * dictionary file is there. */
bool ime_available(void);
/* Loads the dictionary when it is not loaded; MB_OK, or MB_ERR when it
 * cannot (logged). */
int ime_open(void);
/* True once loaded. */
bool ime_is_open(void);
/* Searches the candidates for spell (lower-case letters, ' between
 * syllables; at most IME_SPELL_MAX bytes are read), the most likely first
 * (the first may spell the whole of it). Returns their number; 0 when
 * nothing matches or the decoder is not open. */
size_t ime_search(const char *spell);
/* Candidate i of the last search as UTF-8 in out (cap bytes, terminated;
 * false when it does not fit or there is no such candidate); *used the
 * number of bytes at the start of the spelling it stands for. */
bool ime_candidate(size_t i, char *out, size_t cap, size_t *used);

#endif
