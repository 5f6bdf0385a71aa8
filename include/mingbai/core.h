/* Core: the small vocabulary every module shares -- status codes, logging,
 * an arena allocator, growable strings, located diagnostics, UTF-8, geometry,
 * input events and the draw list. No third-party headers.
 *
 * Ownership is written beside each function in the same words: "Returns a
 * new X; the caller frees it with x()" for what the caller must free;
 * "points into Y; valid while Y lives" (or until a named call) for a
 * pointer the caller must not free; "borrowed for the call" for a pointer
 * argument that is read during the call and not kept. A const char *
 * argument without a note is borrowed for the call. */
#ifndef MINGBAI_CORE_H
#define MINGBAI_CORE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MB_VERSION "0.1.0"
#define MB_COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MB_MIN(a, b) ((a) < (b) ? (a) : (b))
#define MB_MAX(a, b) ((a) > (b) ? (a) : (b))
#define MB_CLAMP(v, lo, hi) MB_MIN(MB_MAX((v), (lo)), (hi))

#if defined(__GNUC__)
#define MB_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define MB_PRINTF(f, a)
#endif

/* Status codes: 0 is success; everything else is a failure the caller can
 * show. Bugs are asserts, out-of-memory aborts (see mb_xmalloc). */
enum {
    MB_OK = 0,
    MB_ERR = 1,      /* generic failure; a message was logged or collected */
    MB_ERR_IO = 2,   /* file or device */
    MB_ERR_PARSE = 3, /* bad input; diagnostics say where */
    MB_ERR_DB = 4,   /* database */
    MB_ERR_EXISTS = 5,
    MB_ERR_NOTFOUND = 6,
    MB_ERR_LIMIT = 7 /* a size or count limit was exceeded */
};

/* ---- languages ---- */
typedef enum { LANG_EN = 0, LANG_ZH = 1, LANG_COUNT = 2 } Lang;
/* "en" or "zh-Hans": a static string, never freed. */
const char *lang_code(Lang l);
/* Returns 0 and sets *out for "en", "zh-Hans" (also "zh", "zh-CN"); -1
 * otherwise, leaving *out as it was. code is borrowed for the call. */
int lang_parse(const char *code, Lang *out);

/* ---- logging ---- */
typedef enum { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR } LogLevel;
/* Writes one line to stderr when level is at or above the set level; fmt
 * and its arguments are borrowed for the call. */
void mb_log(LogLevel level, const char *fmt, ...) MB_PRINTF(2, 3);
void mb_log_set_level(LogLevel level);

/* ---- memory: out of memory aborts (the kiosk is restarted by systemd) ---- */
/* Each returns new memory, never NULL (a size of 0 gives a small block);
 * the caller frees it with free(). */
void *mb_xmalloc(size_t n);
void *mb_xcalloc(size_t n, size_t size);
/* Like realloc: p (from one of these, or NULL) is no longer valid
 * afterwards; the returned block replaces it. */
void *mb_xrealloc(void *p, size_t n);
/* Returns a new copy of s (of its first n bytes, plus a NUL); the caller
 * frees it with free(). s is borrowed for the call. */
char *mb_xstrdup(const char *s);
char *mb_xstrndup(const char *s, size_t n);
/* Returns a new string formatted like printf; the caller frees it with free(). */
char *mb_xasprintf(const char *fmt, ...) MB_PRINTF(1, 2);

/* Arena: many small allocations freed together. Zero-initialise to use.
 * Whoever holds the Arena owns its blocks and frees them with arena_reset(). */
typedef struct ArenaBlock ArenaBlock;
typedef struct {
    ArenaBlock *head;
    size_t used_total;
} Arena;
/* Each returns memory that points into a (zeroed, 16-byte aligned, never
 * NULL); valid until arena_reset(a), never freed on its own. The source
 * (s, p, fmt's arguments) is copied: borrowed for the call.
 * arena_strdup(a, NULL) returns NULL. */
void *arena_alloc(Arena *a, size_t n);
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) MB_PRINTF(2, 3);
void *arena_memdup(Arena *a, const void *p, size_t n);
/* Frees every block: every pointer into a dies. a is empty again and can
 * be used anew. */
void arena_reset(Arena *a);

/* StrBuf: a growable NUL-terminated byte string. Zero-initialise to use;
 * the owner frees data with strbuf_free() (or takes data and frees it with
 * free()). data is NULL until the first append; an append may move it, so
 * a pointer into data is valid until the next append or strbuf_free(). */
typedef struct {
    char *data;
    size_t len, cap;
} StrBuf;
/* Appends a copy: s (n bytes, or up to its NUL) is borrowed for the call. */
void strbuf_append(StrBuf *b, const char *s, size_t n);
void strbuf_puts(StrBuf *b, const char *s);
void strbuf_putc(StrBuf *b, char c);
void strbuf_printf(StrBuf *b, const char *fmt, ...) MB_PRINTF(2, 3);
/* Frees data and empties b, which can be used again. */
void strbuf_free(StrBuf *b);

/* ---- diagnostics: located messages about input ---- */
typedef enum { DIAG_ERROR, DIAG_WARNING } DiagLevel;
/* The strings of a Diag point into its Diags, which owns them: valid until
 * diags_free(). Each text is kept in every language: text[LANG_EN] is the
 * English, text[LANG_ZH] the Chinese (the English again when the catalogue
 * in kiosk/core/diag_text.c has no entry). */
typedef struct {
    DiagLevel level;
    char *path; /* as the user named it */
    int line, col; /* 1-based; 0 when not known */
    char *message; /* English: the same string as text[LANG_EN] */
    char *hint; /* English; may be NULL */
    char *text[LANG_COUNT]; /* the message in each language */
    char *hint_text[LANG_COUNT]; /* the hint in each language; NULL with hint */
} Diag;
/* Zero-initialise to use; the owner frees it with diags_free(). */
typedef struct {
    Diag *items;
    size_t count, cap;
    int errors, warnings;
} Diags;
/* Marks a literal as a diagnostic message or hint given to diags_add() or
 * diag_hint() through a variable, so tool.test_translations finds it. */
#define DIAG_TEXT(s) (s)
/* Appends a diagnostic with copies of path (NULL gives ""), hint (may be
 * NULL) and the formatted message: all borrowed for the call. The message
 * and the hint are English, keys of the catalogue in kiosk/core/diag_text.c,
 * which gives their Chinese (formatted with the same arguments). Returns
 * the new diagnostic. May move d->items, so a Diag pointer is valid until
 * the next diags_add(). */
Diag *diags_add(Diags *d, DiagLevel level, const char *path, int line, int col,
                const char *hint, const char *fmt, ...) MB_PRINTF(7, 8);
/* The same with the message's arguments in ap, and lead (NULL: none), a
 * text in no language such as a quoted file name, put before the message
 * and a space in every language. */
Diag *diags_vadd(Diags *d, DiagLevel level, const char *path, int line, int col,
                 const char *hint, const char *lead, const char *fmt, va_list ap)
    MB_PRINTF(8, 0);
/* Sets g's hint to the formatted English fmt and its Chinese from the
 * catalogue, for a hint that takes arguments. */
void diag_hint(Diag *g, const char *fmt, ...) MB_PRINTF(2, 3);
/* The Chinese of an English diagnostic format or hint from the catalogue;
 * en itself when it has none. */
const char *diag_tr(const char *en, Lang lang) __attribute__((format_arg(1)));
/* Prints each as "path:line:col: error: message" (and an indented hint),
 * in English. file is a FILE *, borrowed for the call. */
void diags_print(const Diags *d, void *file /* FILE* */);
/* The same in lang: the path, line and column come first as in English
 * ("path:line:col: 错误：..."), so that tools can still find them. */
void diags_print_lang(const Diags *d, void *file /* FILE* */, Lang lang);
/* Returns a new string with one diagnostic formatted the same way; the
 * caller frees it with free(). */
char *diag_format(const Diag *d);
char *diag_format_lang(const Diag *d, Lang lang);
/* Frees every diagnostic and the list; d is empty again and can be reused. */
void diags_free(Diags *d);
/* Sorts by path, line, col (stable). */
void diags_sort(Diags *d);

/* ---- UTF-8: strings are borrowed for the call ---- */
/* Decodes one code point at s[*i] (len bytes in all), advances *i.
 * Returns U+FFFD for invalid sequences (advancing one byte). */
uint32_t utf8_decode(const char *s, size_t len, size_t *i);
/* Writes cp as UTF-8 into out (4 bytes room); returns bytes written. */
int utf8_encode(uint32_t cp, char *out);
/* Returns true when s is valid UTF-8 (no overlongs, no surrogates). On false
 * and when bad_off is not NULL, *bad_off is the offset of the first bad byte. */
bool utf8_valid(const char *s, size_t len, size_t *bad_off);
/* Number of code points. */
size_t utf8_count(const char *s, size_t len);
/* The last code point of s (0 when empty). */
uint32_t utf8_last(const char *s, size_t len);
/* True for characters of scripts written without spaces between words
 * (CJK ideographs, kana, CJK and full-width punctuation): joining two lines
 * between such characters adds no space. */
bool utf8_is_cjk(uint32_t cp);

/* ---- geometry, colour ---- */
typedef struct {
    int x, y, w, h;
} Rect;
typedef struct {
    uint8_t r, g, b, a;
} Color;
static inline bool rect_contains(Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}
static inline Rect rect_inset(Rect r, int d)
{
    Rect o = {r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d};
    return o;
}
Rect rect_intersect(Rect a, Rect b);

/* ---- input events (plat turns SDL events into these) ---- */
typedef enum {
    EV_NONE,
    EV_PRESS,   /* a finger or the mouse went down at x, y */
    EV_MOVE,    /* the pointer moved (pressed or not) */
    EV_RELEASE, /* a finger or the mouse went up at x, y */
    EV_WHEEL,   /* dy: lines; positive scrolls up */
    EV_KEY,     /* key: one of KEY_* */
    EV_TEXT,    /* text: UTF-8 typed text */
    EV_RESIZE,  /* x, y: the new size in pixels */
    EV_QUIT     /* the window manager asked to close */
} EventKind;

typedef enum {
    KEY_NONE,
    KEY_ESCAPE,
    KEY_ENTER,
    KEY_BACKSPACE,
    KEY_TAB,
    KEY_LEFT,
    KEY_RIGHT,
    KEY_UP,
    KEY_DOWN,
    KEY_PAGEUP,
    KEY_PAGEDOWN,
    KEY_HOME,
    KEY_END,
    KEY_SPACE,
    KEY_F1,
    KEY_F12,
    KEY_E,      /* only for the engineer's exit chord (Ctrl+Alt+Shift+E) */
    KEY_COUNT
} KeyCode;
/* "escape", "enter", ... -> KEY_*; KEY_NONE when unknown. name is borrowed
 * for the call. */
KeyCode key_from_name(const char *name);
/* The name of k ("none" when unknown): a static string, never freed. */
const char *key_name(KeyCode k);

enum { MOD_SHIFT = 1, MOD_CTRL = 2, MOD_ALT = 4 };

typedef struct {
    EventKind kind;
    int x, y;
    int dy;
    KeyCode key;
    int mods;
    char text[32];
} Event;

/* ---- draw list: ui writes it, gfx executes it ----
 * Self-contained: a text command carries the text module's laid-out text
 * as an opaque handle, so nothing here names another module's type. */

typedef enum {
    DRAW_RECT,     /* filled rect, corner radius */
    DRAW_FRAME,    /* rect outline, thickness in radius2 */
    DRAW_TEXT,     /* a laid-out text at r.x, r.y */
    DRAW_IMAGE,    /* image by key, scaled into r */
    DRAW_CLIP,     /* set the clip rect (w <= 0: none) */
    DRAW_LINE      /* r.x,r.y -> r.x+r.w,r.y+r.h */
} DrawKind;

/* A command does not own what it points to: text, str and image_data
 * belong to whoever wrote the command and must stay valid until the list
 * is drawn (ui keeps them in its frame arena, the text engine's layouts
 * live until its next frame, images in the pack). */
typedef struct {
    DrawKind kind;
    Rect r;
    Color color;
    int radius;
    int thickness;
    const void *text;         /* DRAW_TEXT: a laid-out text (the text module's
                                 const TextLayout *), valid for the frame */
    const char *str;          /* DRAW_TEXT: the source text; DRAW_IMAGE: key */
    const void *image_data;   /* DRAW_IMAGE: encoded bytes (PNG/JPEG) */
    size_t image_len;
} DrawCmd;

/* Zero-initialise to use; the owner frees cmds with drawlist_free(). */
typedef struct {
    DrawCmd *cmds;
    size_t count, cap;
    Color clear;
} DrawList;

/* Empties the list and keeps its memory for the next frame. */
void drawlist_clear(DrawList *dl);
/* Appends a zeroed command of kind and returns it; points into dl, valid
 * until the next push, clear or free (a push may move the array). */
DrawCmd *drawlist_push(DrawList *dl, DrawKind kind);
/* Frees the commands; dl is empty again and can be reused. */
void drawlist_free(DrawList *dl);

/* ---- injectable clock ---- */
/* Milliseconds since the Unix epoch, from the real clock unless a test set
 * an offset with mb_clock_set_offset (replay's "clock +1d"). */
int64_t mb_now_ms(void);
void mb_clock_set_offset(int64_t offset_ms);
int64_t mb_clock_offset(void);
/* Stops the wall clock at epoch_ms: mb_now_ms() then returns epoch_ms plus
 * the offset, whatever the real time (the monkey test moves it itself, so
 * that a run is the same each time); 0 gives the real clock back. */
void mb_clock_freeze(int64_t epoch_ms);
/* Monotonic milliseconds for animation and timeouts. */
uint64_t mb_ticks_ms(void);

/* ---- files: paths and data are borrowed for the call ---- */
/* Reads a whole regular file (at most max bytes). On success *out is a new
 * buffer of *len bytes and a trailing NUL; the caller frees it with free().
 * Returns 0, or MB_ERR_IO / MB_ERR_LIMIT with *out NULL and *len 0. */
int mb_read_file(const char *path, size_t max, char **out, size_t *len);
/* Writes data to path atomically: a temporary file, fsync, rename, fsync of
 * the folder. Returns 0 or MB_ERR_IO (errno kept). */
int mb_write_file_atomic(const char *path, const void *data, size_t len);
/* Creates dir and its parents (mode 0755). Returns 0 or MB_ERR_IO. */
int mb_mkdirs(const char *dir);

#endif
