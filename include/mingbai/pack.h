/* Content packs: the readers that build the pack model (mingbai/pack_model.h)
 * from a folder, a zip archive or files kept in the store -- GIFT quizzes,
 * Markdown units, the manifest and glossary, the whole-pack checks -- and
 * the limits they enforce. Every reader treats its input as untrusted and
 * reports problems as located diagnostics.
 *
 * Who owns what: paths, input bytes and limits are borrowed for the call;
 * a reader copies what it keeps. Diagnostics are appended to diags, which
 * copies their text (the caller frees it with diags_free()). What a parser
 * builds lives in the Arena it is given, or in the Pack's own arena. */
#ifndef MINGBAI_PACK_H
#define MINGBAI_PACK_H

#include "mingbai/core.h"
#include "mingbai/pack_model.h"

/* ---------------- questions (GIFT) ---------------- */

/* Parses GIFT text (UTF-8; BOM, CRLF, CR accepted) as Moodle's importer does.
 * data (len bytes, need not end in a NUL) and path are borrowed for the
 * call. out->items and every string of the questions point into arena:
 * valid until arena_reset(arena). Problems go to diags with path and
 * positions. Returns the number of errors (0 when clean); questions with
 * errors are left out of out. Input is untrusted: any bytes give a list or
 * errors. */
int pack_gift_parse(const char *path, const char *data, size_t len, Arena *arena,
                    QuestionList *out, Diags *diags);

/* Parses an activity file (activities/<slug>.<lang>.md: "## post <id>" to
 * mark the post, "## discuss <id>" for a discussion prompt; the format is
 * described at the top of kiosk/pack/activity.c and in content/README.md)
 * and appends its activities to out, after the questions out holds, as
 * QT_MARKPOST and QT_ESSAY questions in plain text. Borrowing, arena and
 * diags as pack_gift_parse; an activity with an error is left out. Returns
 * the number of errors. Input is untrusted. */
int pack_activity_parse(const char *path, const char *data, size_t len, Arena *arena,
                        QuestionList *out, Diags *diags);

/* Appends the questions to out as Moodle's GIFT exporter writes them; q is
 * borrowed for the call, out stays the caller's (strbuf_free()). */
void pack_gift_write(const QuestionList *q, StrBuf *out);

/* ---------------- study units (Markdown -> blocks) ---------------- */

/* Parses Markdown (UTF-8 validated first, raw HTML shown as text) into
 * blocks. data and path are borrowed for the call; out's title, blocks,
 * spans and strings point into arena: valid until arena_reset(arena).
 * Returns the number of errors. */
int pack_md_parse(const char *path, const char *data, size_t len, Arena *arena,
                  Doc *out, Diags *diags);

/* ---------------- formatted text (Moodle's text formats) ---------------- */

/* Where a field's raw text lies, for the messages about it; borrowed. */
typedef struct {
    const char *path;      /* the file messages name */
    const char *src;       /* its text (srclen bytes), to place a tag exactly; or NULL */
    size_t srclen;
    size_t from;           /* byte offset in src where the field's question starts */
    size_t lt_before;      /* '<' from there on that belong to the fields before it */
    int line, col;         /* where the question starts: messages without src */
    const PackFiles *files; /* the files an <img src> may name, or NULL */
    const PackFiles *more_files; /* more of them (a Moodle XML quiz's images
                                    before they join the pack), or NULL */
} RichWhere;

/* Makes raw text of format f drawable and readable (pack_model.h:
 * RichText): [html] through a safe subset (paragraphs, line breaks, bold,
 * italic, underline, sub- and superscript, lists, links as their text,
 * pictures that are files of the pack; anything else left out, with a
 * warning at its place, a script's or style's content never shown),
 * [moodle] the same with its line breaks kept, [plain] as written,
 * [markdown] as units are read. out's blocks and strings live in arena.
 * raw and at are borrowed for the call. Returns the number of warnings. */
int pack_rich_text(const char *raw, TextFormat f, const RichWhere *at, Arena *arena,
                   RichText *out, Diags *diags);

/* ---------------- the pack ---------------- */

/* Limits for untrusted packs (RELIABILITY.md); a plain value. */
typedef struct {
    size_t max_total;      /* bytes of all files */
    size_t max_files;
    size_t max_text_file;  /* bytes of one .md/.gift/.ini */
    size_t max_image_file;
    size_t max_xml_file;   /* bytes of one Moodle .xml question file (images inside) */
    size_t max_ratio;      /* compression ratio (uncompressed / compressed) */
    size_t max_name;       /* bytes of one path */
    int max_md_nesting;
} PackLimits;
PackLimits pack_limits_default(void);

/* Reads a folder or a .zip (by its content) into memory, enforcing limits.
 * Never writes to disk, never follows links. path names the input in
 * messages; path and lim are borrowed for the call. files is overwritten
 * (not freed first) with a new list; the caller frees it with
 * pack_files_free(), on failure too (it is then empty). Returns 0, or the
 * number of errors added to diags. */
int pack_files_read(const char *path, const PackLimits *lim, PackFiles *files,
                    Diags *diags);

/* Checks and builds a pack from its files; takes ownership of what files
 * holds (also on failure) and leaves files empty. origin is the folder or
 * zip as named by the user, used as the path prefix in messages; borrowed
 * for the call (NULL for none). Returns the number of errors. When there
 * are none, *out is a new Pack; the caller frees it with pack_free().
 * Otherwise *out is NULL. pack_free(NULL) does nothing. */
int pack_build(PackFiles *files, const char *origin, Pack **out, Diags *diags);

/* What a pack says of itself, from its pack.ini and glossary.ini only:
 * titles, description, languages and glossary, no units or quizzes (the
 * kiosk's first frame, drawn before its packs are built whole: app.c).
 * files is borrowed for the call; *out as pack_build gives it, with the
 * errors of those two files only. */
int pack_build_head(const PackFiles *files, const char *origin, Pack **out, Diags *diags);
/* The files pack_build_head reads ("pack.ini", "glossary.ini"), NULL-ended:
 * the kiosk reads only these from its store before its first frame. */
extern const char *const pack_head_files[];

/* Reads and builds in one step (pack_files_read + pack_build): *out as
 * pack_build gives it. path is borrowed for the call. */
int pack_load(const char *path, Pack **out, Diags *diags);

/* ---------------- questions (Moodle XML) ---------------- */

/* Where the Moodle XML reader puts the images a question file embeds
 * (<file name="x.png" encoding="base64">, referenced as @@PLUGINFILE@@/x.png):
 * each PNG or JPEG becomes a file dir + its name ("media/01-x.en/x.png";
 * another image of the same name gets "-2", "-3"; the same bytes reuse the
 * name), added to out, and its references in the texts are rewritten to that
 * path. taken (may be NULL) holds names already in use: a file there with the
 * same bytes is reused. lim bounds each image and out's total with taken's.
 * All borrowed for the call. */
typedef struct {
    const char *dir;
    PackFiles *out;
    const PackFiles *taken;
    const PackLimits *lim;
} MoodleXmlMedia;

/* Parses a Moodle XML question file (<quiz><question type=...>, Moodle's
 * question bank export) into questions as pack_gift_parse gives them: texts
 * raw with their TextFormat, categories, tags, feedback. Types the kiosk
 * does not show are skipped with a warning naming them. media may be NULL:
 * images are then not kept and their references stay. The input is
 * untrusted: no network, no DTD or entities (a DOCTYPE is refused), and a
 * broken document gives one error at line:col. out and its strings point
 * into arena. Returns the number of errors. */
int pack_moodle_xml_parse(const char *path, const char *data, size_t len, Arena *arena,
                          const MoodleXmlMedia *media, QuestionList *out, Diags *diags);


/* ------------ added with the pack reader (files*.c, manifest.c, glossary.c) ------------ */

/* Reads a zip archive held in memory, as pack_files_read does for a file
 * (same limits and messages); origin names it in messages. data is not
 * copied: borrowed for the call, as origin and lim are. For callers that
 * already hold the bytes: the fuzzer, tests. Returns 0, or the number of
 * errors added to diags. files is overwritten with a new list; the caller
 * frees it with pack_files_free(), also on failure. */
int pack_files_read_zip_mem(const void *data, size_t len, const char *origin,
                            const PackLimits *lim, PackFiles *files, Diags *diags);

/* ------------ one question file as a pack (pack_single.c) ------------ */

/* Whether path names a question file by its extension: .gift, or .txt as
 * Moodle's question bank exports GIFT, or a Moodle XML .xml (any case). */
bool pack_is_quiz_name(const char *path);
/* Whether path is a regular file with such a name that is not a zip. */
bool pack_is_quiz_file(const char *path);

/* Whether path is such a file worth offering as a quiz: a .gift or .xml,
 * or a .txt with an answer block ("{...}") in its first 64 KiB (not a
 * README). */
bool pack_looks_like_quiz(const char *path);

/* What a GIFT file was wrapped as. */
typedef struct {
    char id[64];
    char title[256];
    Lang lang;
    int units; /* 1, or more when it was longer than a round (one per category) */
} PackSingle;

/* Reads one GIFT file (within the pack's limits) and builds it as a pack of
 * one unit holding its questions (several units, one per category or equal
 * parts, when it has more than a round asks, QUIZ_MAX_QUESTIONS), every
 * line keeping its number in messages: id and title from the file name, version
 * from the file's time, language from its text. pack_load does this for
 * such a path. *out as pack_build gives it; info (may be NULL) gets what
 * the file was made. path is borrowed for the call. Returns the number of
 * errors. */
int pack_load_quiz_file(const char *path, Pack **out, PackSingle *info, Diags *diags);

/* Parses pack.ini text (untrusted) into p's manifest fields: format, id,
 * version, has_lang, licence, author, title, description. p is a zeroed Pack
 * or one from pack_build; the strings set point into p->arena: valid while
 * p lives. data and path are borrowed for the call. Returns the number of
 * errors added to diags (located at path:line:col). */
int pack_manifest_parse(const char *path, const char *data, size_t len, Pack *p, Diags *diags);

/* Parses glossary.ini text (untrusted) into p->glossary, sorted by id, and
 * checks that each term has a text and a definition in every language
 * p->has_lang names (all languages the file uses when none is set).
 * The terms and their strings point into p->arena: valid while p lives.
 * data and path are borrowed for the call. Returns the number of errors
 * added to diags. */
int pack_glossary_parse(const char *path, const char *data, size_t len, Pack *p, Diags *diags);

/* Appends n bytes of s to b in double quotes, for a message: control bytes,
 * invalid UTF-8 and bidirectional overrides are shown escaped and a long
 * name is cut with "...", so a hostile name cannot garble the terminal.
 * s is borrowed for the call; b stays the caller's (strbuf_free()). */
void pack_quote(StrBuf *b, const char *s, size_t n);

#endif
