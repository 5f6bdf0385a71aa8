/* Content packs: the model of a pack (manifest, units as document blocks,
 * quizzes as questions, glossary) and the readers that build it from a
 * folder, a zip archive or files kept in the store. Every reader treats its
 * input as untrusted and reports problems as located diagnostics. */
#ifndef MINGBAI_PACK_H
#define MINGBAI_PACK_H

#include "mingbai/core.h"

/* ---------------- questions (GIFT) ---------------- */

typedef enum {
    QT_DESCRIPTION,   /* no answer block: text only, not scored */
    QT_ESSAY,         /* {}: discussion prompt, not scored */
    QT_MULTICHOICE,   /* one right answer (has '=') */
    QT_MULTIRESPONSE, /* no '=': tick every answer with a positive weight */
    QT_TRUEFALSE,
    QT_MATCHING,
    QT_SHORTANSWER,
    QT_NUMERICAL,
    QT_COUNT
} QuestionType;

/* "multichoice", "truefalse", ... (Moodle's names); static strings. */
const char *question_type_name(QuestionType t);

typedef enum { TF_MOODLE, TF_HTML, TF_PLAIN, TF_MARKDOWN } TextFormat;
const char *text_format_name(TextFormat f);

typedef struct {
    char *text;      /* answer text; matching: the right-hand side */
    char *left;      /* matching: the left-hand side ("" is a distractor); else NULL */
    double fraction; /* score for choosing it, -1..1 */
    char *feedback;  /* NULL when none */
    TextFormat format;
    /* numerical answers: accepted when |x - value| <= tolerance */
    double value, tolerance;
    bool catchall;   /* numerical "~#feedback": any other value */
} Answer;

typedef struct {
    QuestionType type;
    char *id;               /* [id:x] if given, else the name, else NULL */
    char *name;             /* ::name:: or NULL */
    char *text;             /* question text, escapes resolved; "_____" marks a missing word */
    TextFormat format;
    char *general_feedback; /* NULL when none */
    char *category;         /* from the last $CATEGORY: before it, or NULL */
    char **tags;
    size_t ntags;
    char *source;           /* "// source: ..." comment, or NULL */
    Answer *answers;
    size_t nanswers;
    /* true/false: the right answer and the two feedbacks */
    bool tf_answer;
    char *tf_feedback_wrong, *tf_feedback_right;
    int line, col;          /* where the question's block starts */
} Question;

typedef struct {
    Question *items;
    size_t count;
} QuestionList;

/* Parses GIFT text (UTF-8; BOM, CRLF, CR accepted) as Moodle's importer does.
 * Strings live in arena. Problems go to diags with path and positions.
 * Returns the number of errors (0 when clean); questions with errors are
 * left out of out. Input is untrusted: any bytes give a list or errors. */
int pack_gift_parse(const char *path, const char *data, size_t len, Arena *arena,
                    QuestionList *out, Diags *diags);

/* Writes questions as Moodle's GIFT exporter does. */
void pack_gift_write(const QuestionList *q, StrBuf *out);

/* Scoring helpers live in learn; this says whether the kiosk can score t on a
 * touchscreen (everything but description and essay). */
bool question_type_scored(QuestionType t);

/* ---------------- study units (Markdown -> blocks) ---------------- */

enum {
    SPAN_BOLD = 1,
    SPAN_EM = 2,
    SPAN_CODE = 4,
    SPAN_LINK = 8,     /* href in Span.href */
    SPAN_GLOSSARY = 16 /* a glossary: link; term id in Span.href */
};

typedef struct {
    uint32_t start, len; /* byte range in Block.text */
    uint32_t flags;      /* SPAN_* */
    char *href;          /* SPAN_LINK / SPAN_GLOSSARY */
} Span;

typedef enum {
    BLK_HEADING,  /* level 1..6 */
    BLK_PARA,
    BLK_ITEM,     /* list item paragraph: level = nesting depth, number > 0 for ordered */
    BLK_QUOTE,    /* paragraph inside a block quote */
    BLK_CODE,
    BLK_IMAGE,    /* src = media path, text = alt text */
    BLK_RULE
} BlockKind;

typedef struct {
    BlockKind kind;
    int level;
    int number;     /* ordered list item number; 0 for bullets */
    bool first_in_item; /* the first paragraph of its list item (draws the marker) */
    char *text;     /* plain UTF-8, inline markup removed */
    Span *spans;
    size_t nspans;
    char *src;      /* BLK_IMAGE */
    int line;       /* source line of the block (approximate for nested blocks) */
} Block;

typedef struct {
    char *title;    /* the first level-1 heading, or NULL */
    Block *blocks;
    size_t count;
} Doc;

/* Parses Markdown (UTF-8 validated first, raw HTML shown as text) into
 * blocks. Returns the number of errors. */
int pack_md_parse(const char *path, const char *data, size_t len, Arena *arena,
                  Doc *out, Diags *diags);

/* ---------------- the pack ---------------- */

/* One file of a pack, read into memory. */
typedef struct {
    char *path; /* relative, '/'-separated, e.g. "units/01-x.en.md" */
    unsigned char *data;
    size_t len;
} PackFile;

typedef struct {
    PackFile *items;
    size_t count;
    size_t total_bytes;
} PackFiles;

/* Limits for untrusted packs (RELIABILITY.md). */
typedef struct {
    size_t max_total;      /* bytes of all files */
    size_t max_files;
    size_t max_text_file;  /* bytes of one .md/.gift/.ini */
    size_t max_image_file;
    size_t max_ratio;      /* compression ratio (uncompressed / compressed) */
    size_t max_name;       /* bytes of one path */
    int max_md_nesting;
} PackLimits;
PackLimits pack_limits_default(void);

/* Reads a folder or a .zip (by its content) into memory, enforcing limits.
 * Never writes to disk, never follows links. origin names the input in
 * messages. Returns 0, or the number of errors added to diags. The caller
 * frees files with pack_files_free(). */
int pack_files_read(const char *path, const PackLimits *lim, PackFiles *files,
                    Diags *diags);
void pack_files_add(PackFiles *files, const char *path, const void *data, size_t len);
void pack_files_free(PackFiles *files);
const PackFile *pack_files_find(const PackFiles *files, const char *path);

typedef struct {
    char *text;
    char *definition;
    char *note; /* may be NULL */
} GlossaryText;

typedef struct {
    char *id;
    GlossaryText lang[LANG_COUNT];
} GlossaryTerm;

typedef struct {
    char *slug;        /* "01-platforms" */
    bool is_page;      /* slug starts with "00-": no quiz, no score */
    struct {
        bool present;
        char *title;   /* the document's H1, or the slug */
        Doc doc;
        QuestionList quiz;
    } lang[LANG_COUNT];
} Unit;

typedef struct Pack {
    Arena arena;
    int format;
    char *id;
    char *version;
    char *licence;
    char *author;
    bool has_lang[LANG_COUNT];
    char *title[LANG_COUNT];
    char *description[LANG_COUNT];
    Unit *units;
    size_t nunits;
    GlossaryTerm *glossary;
    size_t nglossary;
    PackFiles files; /* every file, kept for the store and for media */
} Pack;

/* Checks and builds a pack from its files; takes ownership of files (also on
 * failure). origin is the folder or zip as named by the user, used as the
 * path prefix in messages. Returns the number of errors; *out is set only
 * when there are none; free it with pack_free(). pack_free(NULL) does nothing. */
int pack_build(PackFiles *files, const char *origin, Pack **out, Diags *diags);
void pack_free(Pack *p);

/* Reads and builds in one step (pack_files_read + pack_build). */
int pack_load(const char *path, Pack **out, Diags *diags);

/* Compares dotted versions numerically: "1.10" > "1.9". <0, 0, >0. */
int pack_version_cmp(const char *a, const char *b);

const GlossaryTerm *pack_glossary_find(const Pack *p, const char *id);
/* A question by id in a unit's quiz for lang, or NULL. */
const Question *unit_question(const Unit *u, Lang lang, const char *id);

/* ---------------- added with the pack reader (files.c, manifest.c) ---------------- */

/* Reads a zip archive held in memory, as pack_files_read does for a file
 * (same limits and messages); origin names it in messages. data is not
 * copied and must stay valid during the call. For callers that already hold
 * the bytes: the fuzzer, tests. Returns 0, or the number of errors added to
 * diags. The caller frees files with pack_files_free(), also on failure. */
int pack_files_read_zip_mem(const void *data, size_t len, const char *origin,
                            const PackLimits *lim, PackFiles *files, Diags *diags);

/* Parses pack.ini text (untrusted) into p's manifest fields: format, id,
 * version, has_lang, licence, author, title, description. p is a zeroed Pack
 * or one from pack_build; strings live in p->arena. Returns the number of
 * errors added to diags (located at path:line:col). */
int pack_manifest_parse(const char *path, const char *data, size_t len, Pack *p, Diags *diags);

/* Parses glossary.ini text (untrusted) into p->glossary, sorted by id, and
 * checks that each term has a text and a definition in every language
 * p->has_lang names (all languages the file uses when none is set).
 * Strings live in p->arena. Returns the number of errors added to diags. */
int pack_glossary_parse(const char *path, const char *data, size_t len, Pack *p, Diags *diags);

/* Appends n bytes of s to b in double quotes, for a message: control bytes,
 * invalid UTF-8 and bidirectional overrides are shown escaped and a long
 * name is cut with "...", so a hostile name cannot garble the terminal. */
void pack_quote(StrBuf *b, const char *s, size_t n);

/* The pixel size an image file of the pack declares (PNG or JPEG, by its
 * first bytes). False when it is neither or the size is unknown. */
bool pack_image_size(const PackFile *f, uint32_t *w, uint32_t *h);

#endif
