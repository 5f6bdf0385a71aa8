/* The pack model: the structs of a parsed pack (manifest, units as document
 * blocks, quizzes as questions, glossary, the pack's files) and the small
 * functions that read or free a built model. No parser is reachable from
 * here, so learn, store and ui read packs without md4c, libzip or inih;
 * mingbai/pack.h has the readers that build a model.
 *
 * Who owns what: a Pack owns everything it points to. The strings and
 * arrays of its units, documents, questions, answers and glossary live in
 * its arena, and its files' paths and bytes in its PackFiles; all of them
 * are valid while the Pack lives and die with pack_free(), never freed one
 * by one. A QuestionList or Doc parsed on its own lives in the Arena the
 * parser was given, until that arena is reset. Arguments are borrowed for
 * the call unless a comment says otherwise (mingbai/core.h has the words). */
#ifndef MINGBAI_PACK_MODEL_H
#define MINGBAI_PACK_MODEL_H

#include "mingbai/core.h"

/* What one quiz round holds (mingbai/learn.h's round takes these): a unit's
 * questions after QUIZ_MAX_QUESTIONS are not asked, a question's answers
 * after QUIZ_MAX_CHOICES and matching pairs after QUIZ_MAX_PAIRS are not
 * shown. pack check warns of each. */
#define QUIZ_MAX_QUESTIONS 128
#define QUIZ_MAX_CHOICES 64
#define QUIZ_MAX_PAIRS 16
/* Bytes a typed answer holds: a longer right answer can never be typed. */
#define QUIZ_MAX_TYPED 127

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
    QT_MARKPOST,      /* activity "mark the post" (activities/<slug>.<lang>.md): the answers are
                         the post's sentences, fraction 1 for one that uses a
                         technique (Answer.technique), 0 for one that does not */
    QT_SORT,          /* activity "sort the feed" (activities/<slug>.<lang>.md): the
                         answers are the items in their right order, answer k
                         belongs in place k (at most QUIZ_MAX_PAIRS) */
    QT_READ,          /* activity "read laterally" (activities/<slug>.<lang>.md): a
                         question with one right answer (as QT_MULTICHOICE) and a
                         sandbox of invented pages to read first (Question.pages) */
    QT_GROUP,         /* activity "sort into groups" (## sort with groups:): the answers
                         are the items, each with its group (Answer.group, an index
                         into Question.groups; at most QUIZ_MAX_PAIRS items) */
    QT_COUNT
} QuestionType;

/* "multichoice", "truefalse", ... (Moodle's names; "unknown" out of
 * range): a static string, never freed. */
const char *question_type_name(QuestionType t);

typedef enum { TF_MOODLE, TF_HTML, TF_PLAIN, TF_MARKDOWN } TextFormat;

/* A field's text in its format made drawable (blocks, as units have) and
 * readable (plain: no markup, for exports, matching and one-line labels).
 * pack_build makes one for every field of every question (mingbai/pack.h:
 * pack_rich_text); they live in the pack's arena. */
typedef struct RichText RichText;
/* "moodle", "html", "plain" or "markdown": a static string, never freed. */
const char *text_format_name(TextFormat f);

typedef struct {
    char *text;      /* answer text; matching: the right-hand side */
    char *left;      /* matching: the left-hand side ("" is a distractor); else NULL */
    double fraction; /* score for choosing it, -1..1 */
    char *feedback;  /* NULL when none */
    TextFormat format;
    TextFormat feedback_format; /* feedback's own [format], else the question's */
    /* text, left and feedback formatted; NULL until pack_build formats them */
    const RichText *rich_text, *rich_left, *rich_feedback;
    /* numerical answers: accepted when |x - value| <= tolerance */
    double value, tolerance;
    bool catchall;   /* numerical "~#feedback": any other value */
    char *technique; /* mark the post: the technique the sentence uses, else NULL */
    int group;       /* sort into groups: the item's group, an index into Question.groups */
} Answer;

/* Read laterally: one invented page of the sandbox. */
typedef struct {
    char *title;   /* as the page and its search result show it */
    char *site;    /* the invented address shown above it, or NULL */
    char *snippet; /* the search result's one line; NULL for the source's own page */
    char **paras;  /* its paragraphs, plain text */
    size_t nparas;
} ReadPage;
/* Pages a sandbox holds: the source's own and at most 8 about it. */
#define QUIZ_MAX_PAGES 9
/* Groups a sort into groups has at most. */
#define QUIZ_MAX_GROUPS 6

typedef struct {
    QuestionType type;
    char *id;               /* [id:x] if given, else the name, else NULL */
    char *name;             /* ::name:: or NULL */
    char *text;             /* question text, escapes resolved; "_____" marks a missing word */
    TextFormat format;
    char *general_feedback; /* NULL when none */
    TextFormat feedback_format; /* the general feedback's ([format] or the question's) */
    /* text and general feedback formatted; NULL until pack_build formats them */
    const RichText *rich_text, *rich_general_feedback;
    char *category;         /* from the last $CATEGORY: before it, or NULL */
    char **tags;
    size_t ntags;
    char *source;           /* "// source: ..." comment, or NULL */
    bool fixed_order;       /* "// order: fixed" comment: the answers are shown as
                               written, never shuffled (Moodle ignores it) */
    Answer *answers;
    size_t nanswers;
    /* true/false: the right answer and the two feedbacks */
    bool tf_answer;
    char *tf_feedback_wrong, *tf_feedback_right;
    /* mark the post: the invented account's name and the post's date (the
       headline is text, the sentences are answers); NULL for other types */
    char *post_account, *post_date;
    /* read laterally: pages[0] is the source's own page, where the reader
       starts, the others (1 to 8) what is said about it elsewhere; NULL
       and 0 for other types */
    ReadPage *pages;
    size_t npages;
    /* sort into groups: the groups' names, in the order shown (2 to
       QUIZ_MAX_GROUPS); NULL and 0 for other types */
    char **groups;
    size_t ngroups;
    bool from_activities;   /* read from the unit's activities/<slug>.<lang>.md,
                               not from its quiz file */
    int line, col;          /* where the question's block starts */
} Question;

typedef struct {
    Question *items;
    size_t count;
} QuestionList;

/* Scoring helpers live in learn; this says whether the kiosk can score t on a
 * touchscreen (everything but description and essay). */
bool question_type_scored(QuestionType t);

/* ---------------- study units (Markdown -> blocks) ---------------- */

enum {
    SPAN_BOLD = 1,
    SPAN_EM = 2,
    SPAN_CODE = 4,
    SPAN_LINK = 8,     /* href in Span.href */
    SPAN_GLOSSARY = 16, /* a glossary: link; term id in Span.href */
    SPAN_UNDERLINE = 32 /* formatted question text: <u> */
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

struct RichText {
    Block *blocks;  /* what the screens draw */
    size_t count;
    char *plain;    /* the text without markup: lines for paragraphs and items */
};

/* r's plain text, or raw when r is NULL (not formatted); NULL only when
 * both are. */
static inline const char *rich_plain(const RichText *r, const char *raw)
{
    return r && r->plain ? r->plain : raw;
}

/* The formatted form of a field of q given by its raw string (q->text, an
 * answer's text, left or feedback, the general or a true/false feedback,
 * compared by pointer), or NULL. Points into q's pack. */
const RichText *question_rich_for(const Question *q, const char *raw);

typedef struct {
    char *title;    /* the first level-1 heading, or NULL */
    Block *blocks;
    size_t count;
} Doc;

/* ---------------- the pack ---------------- */

/* One file of a pack, read into memory. path and data point into the
 * PackFiles that holds the file (which owns them): valid until
 * pack_files_free() of that list. */
typedef struct {
    char *path; /* relative, '/'-separated, e.g. "units/01-x.en.md" */
    unsigned char *data; /* len bytes and a NUL after them */
    size_t len;
} PackFile;

/* A list of files that owns their paths and bytes. Zero-initialise to use;
 * the owner frees it with pack_files_free(). */
typedef struct {
    PackFile *items;
    size_t count;
    size_t total_bytes;
} PackFiles;

/* Appends copies of path and of len bytes of data (with a NUL after them);
 * path and data are borrowed for the call. May move files->items, so a
 * PackFile pointer is valid until the next add. */
void pack_files_add(PackFiles *files, const char *path, const void *data, size_t len);
/* Frees every file's path and bytes and the list; files is empty again and
 * can be reused. pack_files_free(NULL) does nothing. */
void pack_files_free(PackFiles *files);
/* The file at path, or NULL. Points into files: valid until files changes
 * or is freed. */
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

/* A built pack, from pack_build() or pack_load() (mingbai/pack.h); the
 * caller frees it with pack_free(). It owns arena and files and everything
 * its pointers reach (see the top of this header). */
typedef struct Pack {
    Arena arena;
    int format;
    char *id;
    char *version;
    char *licence;
    char *author;
    bool rename_repeated_ids; /* pack.ini's repeated_ids = rename */
    bool has_lang[LANG_COUNT];
    char *title[LANG_COUNT];
    char *description[LANG_COUNT];
    Unit *units;
    size_t nunits;
    GlossaryTerm *glossary;
    size_t nglossary;
    PackFiles files; /* every file, kept for the store and for media (only
                      * the media after pack_drop_sources) */
} Pack;

/* Frees p with its arena and files: every pointer into p dies with it.
 * pack_free(NULL) does nothing. */
void pack_free(Pack *p);
/* Frees the text of a built pack's files (pack.ini, glossary.ini, units,
 * quizzes, activities): what the screens show is in its units, questions
 * and glossary. Its pictures (media/) stay, found as before. For a pack
 * only shown (the kiosk's, app.c), not one to import or write out, which
 * read its sources. */
void pack_drop_sources(Pack *p);

/* Compares dotted versions numerically: "1.10" > "1.9". <0, 0, >0. NULL
 * compares as "". */
int pack_version_cmp(const char *a, const char *b);

/* The glossary term with that id, or NULL (also for a NULL p or id).
 * Points into p: valid while p lives. */
const GlossaryTerm *pack_glossary_find(const Pack *p, const char *id);
/* A question by id in a unit's quiz for lang, or NULL. Points into u's
 * pack: valid while that pack lives. */
const Question *unit_question(const Unit *u, Lang lang, const char *id);

/* The pixel size an image file of the pack declares (PNG or JPEG, by its
 * first bytes). False when it is neither or the size is unknown. Reads
 * f's bytes only during the call. */
bool pack_image_size(const PackFile *f, uint32_t *w, uint32_t *h);

#endif
