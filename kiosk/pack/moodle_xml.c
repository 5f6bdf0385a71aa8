/* Moodle XML question files (Moodle's question bank export: <quiz> holding
 * <question type="...">) read into the same Questions as GIFT gives, the way
 * Moodle's importer (question/format/xml/format.php) reads them: names,
 * idnumbers, categories, tags, texts with their format (kept raw: HTML is
 * not stripped or rendered here), answers with fractions in percent and
 * their feedback, general feedback. Types the kiosk cannot show are skipped
 * with a warning naming them. Input is untrusted: libxml2 reads it without
 * network access, a DOCTYPE (and with it every entity declaration, so no
 * external entity and no entity expansion) is refused before parsing, and
 * a broken document gives one error at line:col. moodle_xml_media.c keeps
 * the embedded images. */
#include "moodle_xml_internal.h"

#include "pack_internal.h"

#include <libxml/parser.h>
#include <stdarg.h>
#include <stdio.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---------------- the tree ---------------- */

int mx_line(const xmlNode *n)
{
    long l = xmlGetLineNo((xmlNode *)n);
    return l > 0 && l < INT_MAX ? (int)l : 0;
}

static bool mx_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNode *mx_child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (mx_is(c, name))
            return c;
    return NULL;
}

/* The text and CDATA directly in n, trimmed, in the arena (NULL for no n).
 * Entity references are not followed (there are no declared ones). */
static char *mx_text(MxReader *r, const xmlNode *n)
{
    if (!n)
        return NULL;
    StrBuf b = {0};
    strbuf_append(&b, "", 0);
    for (xmlNode *c = n->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            strbuf_puts(&b, (const char *)c->content);
    const char *s = b.data;
    size_t len = b.len;
    while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
                   s[len - 1] == '\r'))
        len--;
    char *out = arena_strndup(r->arena, s, len);
    strbuf_free(&b);
    return out;
}

static char *mx_attr(MxReader *r, const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *out = arena_strdup(r->arena, (const char *)v);
    xmlFree(v);
    return out;
}

static bool mx_true(const char *s)
{
    return s && (!strcmp(s, "1") || !strcmp(s, "true"));
}

/* Moodle's trans_single(): anything but "false", "" and "0" (which PHP
 * takes as empty) is yes, so "False" is yes; dflt when the element is
 * missing. */
static bool mx_yes(const char *s, bool dflt)
{
    if (!s)
        return dflt;
    return strcmp(s, "false") && s[0] && strcmp(s, "0");
}

static TextFormat mx_format(MxReader *r, const xmlNode *n, TextFormat dflt)
{
    char *f = mx_attr(r, n, "format");
    if (!f)
        return dflt;
    if (!strcmp(f, "html"))
        return TF_HTML;
    if (!strcmp(f, "plain_text"))
        return TF_PLAIN;
    if (!strcmp(f, "markdown"))
        return TF_MARKDOWN;
    if (!strcmp(f, "moodle_auto_format"))
        return TF_MOODLE;
    return dflt;
}

/* A text field (<questiontext>, <feedback>, an <answer>...): its <text>
 * with the images it embeds kept; NULL when absent, or empty and
 * nonempty is set. */
static char *mx_field(MxReader *r, const xmlNode *q, const xmlNode *field, bool nonempty)
{
    if (!field)
        return NULL;
    char *raw = mx_text(r, mx_child(field, "text"));
    if (!raw)
        raw = arena_strdup(r->arena, "");
    if (nonempty && !raw[0])
        return NULL;
    return mx_media_rewrite(r, q, field, raw);
}

/* ---------------- questions ---------------- */

typedef struct {
    MxReader *r;
    const xmlNode *node;
    Question *q;
    Answer *ans;
    size_t nans, cap;
} MxQuestion;

static Answer *mx_answer_new(MxQuestion *m)
{
    if (m->nans == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 8;
        Answer *a = arena_alloc(m->r->arena, cap * sizeof *a);
        if (m->nans)
            memcpy(a, m->ans, m->nans * sizeof *a);
        m->ans = a;
        m->cap = cap;
    }
    Answer *a = &m->ans[m->nans++];
    memset(a, 0, sizeof *a);
    return a;
}

/* Reports at the question: fmt's first %s is its name (quoted), then args. */
static void mx_diag(MxQuestion *m, DiagLevel level, const char *hint, const char *fmt, ...)
    MB_PRINTF(4, 5);
static void mx_diag(MxQuestion *m, DiagLevel level, const char *hint, const char *fmt, ...)
{
    char *name = m->r->qname ? quoted(m->r->qname) : NULL;
    va_list ap;
    va_start(ap, fmt);
    diags_vadd(m->r->diags, level, m->r->path, m->q->line, m->q->col, hint, name, fmt, ap);
    va_end(ap);
    free(name);
}

/* The answers of multichoice and shortanswer: text, fraction (percent in the
 * file), feedback. Answers with an empty text are dropped, as Moodle drops
 * them when it saves the question. */
static void mx_answers(MxQuestion *m)
{
    for (xmlNode *c = m->node->children; c; c = c->next) {
        if (!mx_is(c, "answer"))
            continue;
        char *text = mx_field(m->r, m->node, c, false);
        if (!text[0]) {
            /* Moodle's short answer keeps one worth something or with
             * feedback (multiple choice drops every empty one). */
            char *f = mx_attr(m->r, c, "fraction");
            bool fb = mx_field(m->r, m->node, mx_child(c, "feedback"), true) != NULL;
            if (m->q->type == QT_SHORTANSWER && (fb || (f && strtod(f, NULL) != 0)))
                mx_diag(m, DIAG_WARNING, "remove the empty answer in Moodle",
                        "an answer with an empty text is kept by Moodle (worth %g%%) but can "
                        "never be typed; it is left out",
                        f ? strtod(f, NULL) : 0.0);
            continue;
        }
        Answer *a = mx_answer_new(m);
        a->text = text;
        a->format = m->q->type == QT_SHORTANSWER ? TF_PLAIN : mx_format(m->r, c, m->q->format);
        char *f = mx_attr(m->r, c, "fraction");
        a->fraction = f ? strtod(f, NULL) / 100.0 : 0;
        if (!isfinite(a->fraction) || a->fraction > 1 || a->fraction < -1)
            a->fraction = a->fraction > 0 ? 1 : a->fraction < 0 ? -1 : 0;
        a->feedback = mx_field(m->r, m->node, mx_child(c, "feedback"), true);
        a->feedback_format = mx_format(m->r, mx_child(c, "feedback"), m->q->format);
    }
}

/* As Moodle's import_truefalse(): an answer "true" makes the question true
 * when worth 100, any other answer false unless worth 100; the last answer
 * read decides. Answers that are neither "true" nor "false" (old exports,
 * in the teacher's language) are taken in order as true, then false, and
 * Moodle says so. */
static void mx_truefalse(MxQuestion *m)
{
    char *fb_true = NULL, *fb_false = NULL;
    bool true_right = false, first = true, guessed = false;
    for (xmlNode *c = m->node->children; c; c = c->next) {
        if (!mx_is(c, "answer"))
            continue;
        char *text = mx_text(m->r, mx_child(c, "text"));
        char *f = mx_attr(m->r, c, "fraction");
        char *fb = mx_field(m->r, m->node, mx_child(c, "feedback"), true);
        bool is_true = text && !strcmp(text, "true");
        if (!is_true && !(text && !strcmp(text, "false"))) {
            guessed = true;
            is_true = first;
        }
        bool hundred = f && strtod(f, NULL) == 100;
        true_right = is_true ? hundred : !hundred;
        if (is_true)
            fb_true = fb;
        else
            fb_false = fb;
        first = false;
    }
    if (guessed)
        mx_diag(m, DIAG_WARNING, "check the right answer in Moodle and export the question again",
                "the answers are not \"true\" and \"false\": read in order as true, then false, "
                "as Moodle does; the right answer is taken to be %s",
                true_right ? "true" : "false");
    Question *q = m->q;
    q->tf_answer = true_right;
    q->tf_feedback_right = true_right ? fb_true : fb_false;
    q->tf_feedback_wrong = true_right ? fb_false : fb_true;
    for (int k = 0; k < 2; k++) {
        bool is_true = k == 0;
        Answer *a = mx_answer_new(m);
        a->text = arena_strdup(m->r->arena, is_true ? "true" : "false");
        a->format = q->format;
        a->fraction = is_true == q->tf_answer ? 1 : 0;
        a->feedback = is_true ? fb_true : fb_false;
        a->feedback_format = q->format;
    }
}

static void mx_numerical(MxQuestion *m)
{
    for (xmlNode *c = m->node->children; c; c = c->next) {
        if (!mx_is(c, "answer"))
            continue;
        char *text = mx_text(m->r, mx_child(c, "text"));
        if (!text || !text[0])
            continue;
        Answer *a = mx_answer_new(m);
        a->text = text;
        a->format = TF_PLAIN;
        char *f = mx_attr(m->r, c, "fraction");
        a->fraction = f ? strtod(f, NULL) / 100.0 : 0;
        if (!isfinite(a->fraction))
            a->fraction = 0;
        a->feedback = mx_field(m->r, m->node, mx_child(c, "feedback"), true);
        a->feedback_format = mx_format(m->r, mx_child(c, "feedback"), m->q->format);
        char *tol = mx_text(m->r, mx_child(c, "tolerance"));
        a->tolerance = tol ? fabs(strtod(tol, NULL)) : 0;
        if (!strcmp(text, "*")) {
            a->catchall = true;
            continue;
        }
        char *end;
        a->value = strtod(text, &end);
        if (*end || !isfinite(a->value) || !isfinite(a->tolerance)) {
            mx_diag(m, DIAG_ERROR, "write the answer as a number, such as 3.14",
                    "numerical answer %s is not a number", text);
            m->nans--;
        }
    }
    xmlNode *units = mx_child(m->node, "units");
    if (units && mx_child(units, "unit"))
        mx_diag(m, DIAG_WARNING, "the kiosk's number pad takes the number alone",
                "units are ignored; the number is scored without them");
}

static void mx_matching(MxQuestion *m)
{
    for (xmlNode *c = m->node->children; c; c = c->next) {
        if (!mx_is(c, "subquestion"))
            continue;
        char *right = mx_text(m->r, mx_child(mx_child(c, "answer"), "text"));
        if (!right || !right[0])
            continue;
        Answer *a = mx_answer_new(m);
        a->left = mx_field(m->r, m->node, c, false);
        a->format = mx_format(m->r, c, m->q->format);
        a->text = right;
        a->fraction = a->left[0] ? 1 : 0;
    }
}

/* Reads the parts of the question that depend on its type; false when it
 * cannot be used (reported). */
static bool mx_body(MxQuestion *m)
{
    Question *q = m->q;
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_SHORTANSWER:
        mx_answers(m);
        if (q->type == QT_SHORTANSWER && mx_true(mx_text(m->r, mx_child(m->node, "usecase"))))
            mx_diag(m, DIAG_WARNING, "Moodle would mark a different case wrong",
                    "the kiosk compares short answers without case");
        break;
    case QT_TRUEFALSE:
        mx_truefalse(m);
        break;
    case QT_NUMERICAL:
        mx_numerical(m);
        break;
    case QT_MATCHING:
        mx_matching(m);
        break;
    default:
        return true;
    }
    size_t scored = 0;
    for (size_t i = 0; i < m->nans; i++)
        scored += q->type == QT_MATCHING ? m->ans[i].left[0] != 0 : m->ans[i].fraction > 0;
    if (!scored) {
        mx_diag(m, DIAG_ERROR, "Moodle cannot score it either; give it a right answer",
                "no right answer; the question is left out");
        return false;
    }
    if (q->type == QT_MULTICHOICE && !mx_yes(mx_text(m->r, mx_child(m->node, "single")), true))
        q->type = QT_MULTIRESPONSE;
    /* Moodle shuffles a multichoice question's answers only when told to,
     * a matching question's unless told not to. */
    if (q->type == QT_MULTICHOICE || q->type == QT_MULTIRESPONSE || q->type == QT_MATCHING)
        q->fixed_order = !mx_yes(mx_text(m->r, mx_child(m->node, "shuffleanswers")),
                                 q->type == QT_MATCHING);
    q->answers = m->ans;
    q->nanswers = m->nans;
    return true;
}

static void mx_tags(MxReader *r, const xmlNode *n, Question *q)
{
    xmlNode *tags = mx_child(n, "tags");
    size_t count = 0;
    for (xmlNode *c = tags ? tags->children : NULL; c; c = c->next)
        count += mx_is(c, "tag");
    if (!count)
        return;
    q->tags = arena_alloc(r->arena, count * sizeof *q->tags);
    for (xmlNode *c = tags->children; c; c = c->next) {
        if (mx_is(c, "tag")) {
            xmlNode *tt = mx_child(c, "text");
            char *v = mx_text(r, tt ? tt : c);
            if (v && v[0])
                q->tags[q->ntags++] = v;
        }
    }
}

static const struct {
    const char *name;
    QuestionType type;
} mx_types[] = {
    {"multichoice", QT_MULTICHOICE}, {"truefalse", QT_TRUEFALSE},
    {"shortanswer", QT_SHORTANSWER}, {"numerical", QT_NUMERICAL},
    {"matching", QT_MATCHING},       {"match", QT_MATCHING},
    {"description", QT_DESCRIPTION}, {"essay", QT_ESSAY},
};

/* PHP's strip_tags(), as Moodle's clean_question_name() applies it to a
 * name: a '<' not followed by white space opens a tag that ends at '>'. */
static char *mx_strip_tags(MxReader *r, const char *s)
{
    char *out = arena_strdup(r->arena, s);
    size_t k = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '<' && s[i + 1] && !strchr(" \t\n\r", s[i + 1])) {
            while (s[i + 1] && s[i] != '>')
                i++;
            continue;
        }
        out[k++] = s[i];
    }
    while (k && strchr(" \t\n\r", out[k - 1]))
        k--;
    out[k] = 0;
    size_t lead = strspn(out, " \t\n\r");
    return out + lead;
}

/* The name Moodle's importer reads: <name><text> only. Without it Moodle
 * refuses the question (and stops the import); false then, reported. An
 * empty name Moodle takes: the question gets an id of its own. */
static bool mx_name(MxQuestion *m, const xmlNode *n)
{
    Question *q = m->q;
    xmlNode *t = mx_child(mx_child(n, "name"), "text");
    if (!t) {
        mx_diag(m, DIAG_ERROR, "give the question a name in Moodle and export it again",
                "the question has no <name><text>: Moodle refuses it (\"Missing question name "
                "in XML file\") and stops the import; it is left out");
        return false;
    }
    q->name = mx_strip_tags(m->r, mx_text(m->r, t));
    if (!q->name[0])
        q->name = NULL;
    m->r->qname = q->name;
    return true;
}

/* One <question>: appended to list when the kiosk can show it. */
static void mx_question(MxReader *r, const xmlNode *n, int col, const char *category,
                        Question *into, bool *ok)
{
    char *type = mx_attr(r, n, "type");
    Question *q = into;
    memset(q, 0, sizeof *q);
    q->line = mx_line(n);
    q->col = col;
    q->category = (char *)category;
    xmlNode *nt = mx_child(mx_child(n, "name"), "text");
    r->qname = nt ? mx_text(r, nt) : NULL;
    MxQuestion m = {.r = r, .node = n, .q = q};
    size_t t = 0;
    while (t < sizeof mx_types / sizeof *mx_types && (!type || strcmp(type, mx_types[t].name)))
        t++;
    if (t == sizeof mx_types / sizeof *mx_types) {
        mx_diag(&m, DIAG_WARNING, "the kiosk shows multichoice, truefalse, shortanswer, "
                                  "numerical, matching, description and essay questions",
                "skipped: the kiosk does not show questions of type %s", type ? type : "");
        *ok = false;
        return;
    }
    q->type = mx_types[t].type;
    if (!mx_name(&m, n)) {
        *ok = false;
        return;
    }
    xmlNode *qt = mx_child(n, "questiontext");
    q->format = mx_format(r, qt, TF_HTML);
    q->text = mx_field(r, n, qt, false);
    if (!q->text)
        q->text = arena_strdup(r->arena, "");
    q->general_feedback = mx_field(r, n, mx_child(n, "generalfeedback"), true);
    q->feedback_format = mx_format(r, mx_child(n, "generalfeedback"), q->format);
    char *idnumber = mx_text(r, mx_child(n, "idnumber"));
    q->id = idnumber && idnumber[0] ? idnumber : q->name;
    if (!q->id) {
        q->id = arena_printf(r->arena, "line %d", q->line);
        char *qi = quoted(q->id);
        mx_diag(&m, DIAG_WARNING, "give each question its own name or ID number in Moodle",
                "the question has an empty name; its id here is %s", qi);
        free(qi);
    }
    mx_tags(r, n, q);
    *ok = mx_body(&m);
}

/* ---------------- the document ---------------- */

/* The 1-based column of the first "<name" on line (in characters), or 1. */
static int mx_col(const char *data, size_t len, const size_t *starts, size_t nlines, int line,
                  const char *name)
{
    if (line < 1 || (size_t)line > nlines)
        return 1;
    size_t a = starts[line - 1], b = (size_t)line < nlines ? starts[line] : len;
    size_t n = strlen(name);
    for (size_t i = a; i + n + 1 <= b; i++)
        if (data[i] == '<' && !memcmp(data + i + 1, name, n))
            return 1 + (int)utf8_count(data + a, i - a);
    return 1;
}

/* Where each line starts, for columns. */
static size_t *mx_line_starts(const char *data, size_t len, size_t *nlines)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += data[i] == '\n';
    size_t *s = mb_xmalloc(n * sizeof *s);
    s[0] = 0;
    n = 1;
    for (size_t i = 0; i < len; i++)
        if (data[i] == '\n')
            s[n++] = i + 1;
    *nlines = n;
    return s;
}

/* The first m bytes of needle in the n bytes at s, or NULL. */
static const char *mx_find(const char *s, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; i + m <= n; i++)
        if (!memcmp(s + i, needle, m))
            return s + i;
    return NULL;
}

/* A DOCTYPE before the root element: its offset, or len when there is none.
 * Only the prolog is looked at (a question's HTML may well quote one). */
static size_t mx_doctype(const char *d, size_t len)
{
    size_t i = len >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3) ? 3 : 0;
    while (i < len) {
        if (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n' || d[i] == 0) {
            i++;
            continue;
        }
        const char *end = NULL;
        if (len - i >= 4 && !memcmp(d + i, "<!--", 4))
            end = mx_find(d + i + 4, len - i - 4, "-->", 3);
        else if (len - i >= 2 && !memcmp(d + i, "<?", 2))
            end = mx_find(d + i + 2, len - i - 2, "?>", 2);
        else if (len - i >= 9 && !memcmp(d + i, "<!DOCTYPE", 9))
            return i;
        else
            return len;
        if (!end)
            return len;
        i = (size_t)(end - d) + (d[i + 1] == '!' ? 3 : 2);
    }
    return len;
}

/* The first error libxml2 raises (later ones follow from it). */
typedef struct {
    bool seen;
    int line, col;
    char msg[200];
} MxFirstError;

static void mx_on_error(void *ctx, xmlErrorPtr e)
{
    MxFirstError *f = ctx;
    if (f->seen || !e || e->level < XML_ERR_ERROR)
        return;
    f->seen = true;
    f->line = e->line;
    f->col = e->int2;
    snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "unreadable");
    size_t n = strlen(f->msg);
    while (n && (f->msg[n - 1] == '\n' || f->msg[n - 1] == ' '))
        f->msg[--n] = 0;
}

static void mx_broken(const char *path, const MxFirstError *e, Diags *diags)
{
    diags_add(diags, DIAG_ERROR, path, e->seen && e->line > 0 ? e->line : 1,
              e->seen && e->col > 0 ? e->col : 1,
              "Moodle cannot read it either; export the questions again",
              "the XML is broken: %s", e->seen ? e->msg : "unreadable");
}

/* The first element inside a <text> of question q, or NULL. Moodle's
 * importer wants text there (HTML goes in CDATA or escaped): given an
 * element, it fails with a PHP error and imports nothing. */
static const xmlNode *mx_nested_text(const xmlNode *q)
{
    const xmlNode *n = q->children;
    while (n && n != q) {
        if (mx_is(n, "text"))
            for (const xmlNode *c = n->children; c; c = c->next)
                if (c->type == XML_ELEMENT_NODE)
                    return c;
        if (n->children && n->type == XML_ELEMENT_NODE && !mx_is(n, "text")) {
            n = n->children;
            continue;
        }
        while (n != q && !n->next)
            n = n->parent;
        if (n != q)
            n = n->next;
    }
    return NULL;
}

/* The questions of <quiz>. */
static void mx_quiz(MxReader *r, const xmlNode *root, const char *data, size_t len,
                    QuestionList *out)
{
    size_t count = 0, nlines;
    for (xmlNode *c = root->children; c; c = c->next)
        count += mx_is(c, "question");
    out->items = arena_alloc(r->arena, (count ? count : 1) * sizeof *out->items);
    size_t *starts = mx_line_starts(data, len, &nlines);
    char *category = NULL;
    MxIds ids = {0};
    for (xmlNode *c = root->children; c; c = c->next) {
        if (!mx_is(c, "question"))
            continue;
        const xmlNode *bad = mx_nested_text(c);
        if (bad) {
            diags_add(r->diags, DIAG_ERROR, r->path, mx_line(bad), 1,
                      "write the HTML inside <![CDATA[ ... ]]>, as Moodle's export does",
                      "<text> holds an element <%s>: Moodle's importer stops on it with an "
                      "error and imports nothing; the question is left out",
                      (const char *)bad->name);
            continue;
        }
        char *type = mx_attr(r, c, "type");
        if (type && !strcmp(type, "category")) {
            /* Moodle's import_category(): <category><text> only */
            char *cat = mx_text(r, mx_child(mx_child(c, "category"), "text"));
            category = cat && cat[0] ? cat : NULL;
            continue;
        }
        bool ok = false;
        int col = mx_col(data, len, starts, nlines, mx_line(c), "question");
        mx_question(r, c, col, category, &out->items[out->count], &ok);
        if (ok)
            mx_unique_id(r, &ids, &out->items[out->count++]);
    }
    free(ids.slot);
    free(starts);
}

int pack_moodle_xml_parse(const char *path, const char *data, size_t len, Arena *arena,
                          const MoodleXmlMedia *media, QuestionList *out, Diags *diags)
{
    memset(out, 0, sizeof *out);
    int before = diags->errors;
    size_t dt = mx_doctype(data, len);
    if (dt < len) {
        size_t line = 1, col = 1;
        for (size_t i = 0; i < dt; i++)
            line += data[i] == '\n', col = data[i] == '\n' ? 1 : col + 1;
        diags_add(diags, DIAG_ERROR, path, (int)line, (int)col,
                  "Moodle's export has none; remove the <!DOCTYPE ...> line",
                  "a DOCTYPE is not read: its entities could reach outside the file");
        return 1;
    }
    if (len > INT_MAX) {
        diags_add(diags, DIAG_ERROR, path, 0, 0, "split it into several files",
                  "the file is larger than %zu MiB", (size_t)(INT_MAX >> 20));
        return 1;
    }
    xmlInitParser();
    MxFirstError first = {0};
    xmlSetStructuredErrorFunc(&first, mx_on_error);
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    xmlDocPtr doc = ctxt ? xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
                                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                 XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES)
                         : NULL;
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!doc || first.seen) {
        mx_broken(path, &first, diags);
    } else if (!mx_is(root, "quiz")) {
        diags_add(diags, DIAG_ERROR, path, root ? mx_line(root) : 1, 1,
                  "export the questions from Moodle's question bank as Moodle XML",
                  "not a Moodle question file: the document is <%s>, not <quiz>",
                  root ? (const char *)root->name : "");
    } else {
        MxReader r = {.path = path, .arena = arena, .diags = diags, .media = media};
        mx_quiz(&r, root, data, len, out);
    }
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return diags->errors - before;
}
