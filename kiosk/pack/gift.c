/* GIFT quiz parser: turns Moodle's GIFT text into Questions the way Moodle's
 * own importer (question/format/gift/format.php, readquestion) reads it, rule
 * by rule as FORMATS.md section 2 lists them, and reports as located errors
 * what Moodle silently gets wrong. Input is untrusted: any byte sequence of
 * len bytes (not NUL-terminated, invalid UTF-8, megabytes on one line) gives
 * a question list or errors at line:col, never a crash or a read past the
 * buffer. There is no recursion, and the work is linear in the input.
 * This file cuts the input into lines and blocks and assembles questions;
 * gift_text.c makes a block's text and gift_answers.c reads its answers. */
#include "gift_internal.h"

#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------- ids ---------------- */

static uint64_t gift_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Adds id to the file's set; returns the earlier slot when it was there. */
static const GiftIdSlot *gift_id_add(GiftParser *p, const char *id, int line)
{
    if ((p->nids + 1) * 2 > p->idcap) {
        size_t cap = p->idcap ? p->idcap * 2 : 64;
        GiftIdSlot *slots = mb_xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < p->idcap; i++) {
            if (!p->ids[i].key)
                continue;
            size_t j = gift_hash(p->ids[i].key) & (cap - 1);
            while (slots[j].key)
                j = (j + 1) & (cap - 1);
            slots[j] = p->ids[i];
        }
        free(p->ids);
        p->ids = slots;
        p->idcap = cap;
    }
    size_t j = gift_hash(id) & (p->idcap - 1);
    while (p->ids[j].key) {
        if (!strcmp(p->ids[j].key, id))
            return &p->ids[j];
        j = (j + 1) & (p->idcap - 1);
    }
    p->ids[j].key = id;
    p->ids[j].line = line;
    p->nids++;
    return NULL;
}

/* Moodle imports every question of a repeated name (or [id:]); the kiosk
 * keeps progress by id, so a repeat gets the first free "id (2)", "id (3)". */
static void gift_unique_id(GiftParser *p, Question *q)
{
    const GiftIdSlot *dup = gift_id_add(p, q->id, q->line);
    if (!dup)
        return;
    int first = dup->line;
    /* The new id is written back as an [id:] token, one line of a comment,
     * trimmed on reading: a name's line breaks and control characters
     * become spaces there, and spaces at its ends go. */
    char *base = arena_strdup(p->arena, q->id);
    for (char *c = base; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7F)
            *c = ' ';
    while (*base == ' ')
        base++;
    size_t n = strlen(base);
    while (n && base[n - 1] == ' ')
        base[--n] = '\0';
    char *id = NULL;
    for (int k = 2; !id || gift_id_add(p, id, q->line); k++)
        id = n ? arena_printf(p->arena, "%s (%d)", base, k) : arena_printf(p->arena, "(%d)", k);
    gift_diag(p, DIAG_WARNING, q->line, q->col,
              "progress is kept by id: give each question its own ::name:: or [id:] so "
              "that it stays the same when the file changes",
              "id '%.*s' is used again (first on line %d); Moodle imports both, and the kiosk "
              "calls this one '%.*s'",
              gift_quote_len(q->id, 80), q->id, first, gift_quote_len(id, 90), id);
    q->id = id;
}

/* ---------------- one block ---------------- */

/* Checks the braces: exactly one answer block, from the first unescaped '{'
 * to the first unescaped '}'. Returns false after reporting an error. */
static bool gift_braces(GiftParser *p, const GiftText *t, size_t a, size_t b, size_t *open,
                        size_t *close)
{
    *open = gift_find(t, a, b, "{");
    *close = gift_find(t, a, b, "}");
    if (*open == GIFT_NONE && *close == GIFT_NONE)
        return true;
    if (*close != GIFT_NONE && (*open == GIFT_NONE || *close < *open)) {
        gift_diag_at(p, DIAG_ERROR, t, *close, "a literal brace is written \\}",
                     "'}' without an opening '{'; Moodle would still import the question, cut "
                     "at the wrong places");
        return false;
    }
    if (*close == GIFT_NONE) {
        gift_diag_at(p, DIAG_ERROR, t, *open,
                     "end the answers with '}'; a literal brace is written \\{",
                     "missing '}' closing the answer block");
        return false;
    }
    size_t inner = gift_find(t, *open + 1, *close, "{");
    if (inner != GIFT_NONE) {
        gift_diag_at(p, DIAG_ERROR, t, inner,
                     "is a '}' missing before it? A literal brace is written \\{",
                     "'{' inside an answer block; Moodle would end the answers at the first "
                     "'}' and keep this '{' in them");
        return false;
    }
    for (size_t i = *close + 1; i < b; i++) {
        if (gift_is(t, i, '{')) {
            gift_diag_at(p, DIAG_ERROR, t, i,
                         "separate questions with a blank line; a literal brace is written \\{",
                         "more than one answer block in one question; Moodle would take the "
                         "first block as the answers and keep the rest, braces and all, as "
                         "question text");
            return false;
        }
        if (gift_is(t, i, '}')) {
            gift_diag_at(p, DIAG_ERROR, t, i, "a literal brace is written \\}",
                         "'}' without an opening '{'; Moodle would keep it in the question "
                         "text");
            return false;
        }
    }
    return true;
}

static void gift_question_add(GiftParser *p, const Question *q)
{
    if (p->count == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 32;
        p->items = mb_xrealloc(p->items, p->cap * sizeof *p->items);
    }
    p->items[p->count++] = *q;
}

/* The answer block of a question whose name is already read: t[a, b) is the
 * rest of its text. */
static void gift_question_body(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b)
{
    size_t open, close;
    if (!gift_braces(p, t, a, b, &open, &close))
        return;
    GiftText *qt = &p->qtext;
    qt->n = 0;
    if (open == GIFT_NONE) {
        q->type = QT_DESCRIPTION;
        gift_text_copy(qt, t, a, b);
        q->text = gift_field(p, qt, 0, qt->n, TF_MOODLE, &q->format);
        return;
    }
    /* A block that ends the text is removed; one inside it leaves a blank
     * for the missing word. */
    gift_text_copy(qt, t, a, open);
    if (close + 1 != b) {
        for (const char *s = "_____"; *s; s++)
            gift_text_push(qt, *s, false, t->line[open], t->col[open]);
        gift_text_copy(qt, t, close + 1, b);
    }
    q->text = gift_field(p, qt, 0, qt->n, TF_MOODLE, &q->format);

    size_t aa = open + 1, ab = close;
    gift_trim(t, &aa, &ab);
    size_t gf = gift_rfind(t, aa, ab, "####");
    if (gf != GIFT_NONE) {
        /* Moodle does not trim before it looks for "[html]": after "#### " it
         * is text, in the question's format. */
        size_t fa = gf + 4;
        bool spaced = fa < ab && !t->lit[fa] && gift_space(t->c[fa]);
        q->feedback_format = q->format;
        char *s = spaced ? gift_string(p, t, fa, ab)
                         : gift_field(p, t, fa, ab, q->format, &q->feedback_format);
        q->general_feedback = gift_nonempty(s);
        ab = gf;
        gift_trim(t, &aa, &ab);
    }

    gift_answer_block(p, t, q, aa, ab, open);
}

static void gift_block(GiftParser *p)
{
    for (size_t k = 0; k < p->nlines; k++)
        if (p->lines[k].bad)
            return; /* already reported; the text cannot be trusted */
    GiftMeta m = {0};
    p->ntags = 0;
    p->nans = 0;
    p->bad = false;
    gift_text_build(p, &m);
    const GiftText *t = &p->text;
    size_t a = 0, b = t->n;
    gift_trim(t, &a, &b);
    if (a == b) {
        if (m.id || p->ntags)
            gift_diag(p, DIAG_WARNING, p->lines[0].line, p->lines[0].col,
                      "write the comment directly above its question, without a blank line",
                      "[id:] or [tag:] in a comment that belongs to no question is ignored");
        return;
    }
    if (gift_starts(t, a, b, "$CATEGORY:")) {
        size_t nl = gift_find(t, a + 10, b, "\n");
        p->category = gift_nonempty(gift_string(p, t, a + 10, nl == GIFT_NONE ? b : nl));
        if (nl == GIFT_NONE)
            return;
        a = nl + 1;
        gift_trim(t, &a, &b);
        if (a == b)
            return;
        gift_diag_at(p, DIAG_WARNING, t, a, "leave a blank line after the $CATEGORY: line",
                     "Moodle would take this question for part of the category's name and "
                     "leave it out; the kiosk reads it as a question");
    }

    Question q = {0};
    q.line = t->line[a];
    q.col = t->col[a];
    q.category = p->category;
    q.source = m.source;
    q.fixed_order = m.fixed_order;
    if (p->ntags) {
        q.tags = arena_memdup(p->arena, p->tags, p->ntags * sizeof *p->tags);
        q.ntags = p->ntags;
    }
    if (gift_starts(t, a, b, "::")) {
        size_t end = gift_find(t, a + 2, b, "::");
        if (end != GIFT_NONE) {
            q.name = gift_nonempty(gift_string(p, t, a + 2, end));
            a = end + 2;
            gift_trim(t, &a, &b);
        } else {
            a += 2; /* Moodle: no name, and the "::" is dropped */
        }
    }
    q.id = m.id ? m.id : q.name;
    if (q.id)
        gift_unique_id(p, &q);

    gift_question_body(p, t, &q, a, b);
    if (p->bad)
        return;
    if (!q.id && q.type != QT_DESCRIPTION)
        gift_diag(p, DIAG_WARNING, q.line, q.col,
                  "start the question with ::a-stable-id:: (the same in every language)",
                  "question has no ::id::, progress cannot be kept across pack versions");
    if (p->nans) {
        q.answers = arena_memdup(p->arena, p->ans, p->nans * sizeof *p->ans);
        q.nanswers = p->nans;
    }
    gift_question_add(p, &q);
}

static void gift_flush(GiftParser *p)
{
    if (p->nlines && !p->stop)
        gift_block(p);
    p->nlines = 0;
}

/* One physical line [s, e) of data: checked, trimmed, added to the block or,
 * when blank, ending it. */
static void gift_line(GiftParser *p, size_t s, size_t e, int line)
{
    const char *l = p->data + s;
    size_t n = e - s, bad = 0;
    const char *nul = memchr(l, 0, n);
    bool valid = utf8_valid(l, n, &bad);
    bool broken = nul || !valid;
    if (nul && (valid || (size_t)(nul - l) < bad)) {
        gift_diag(p, DIAG_ERROR, line, (int)MB_MIN(utf8_count(l, (size_t)(nul - l)) + 1, INT_MAX),
                  "a GIFT file is UTF-8 text; is this a binary file?", "NUL byte in the text");
    } else if (!valid) {
        gift_diag(p, DIAG_ERROR, line, (int)MB_MIN(utf8_count(l, bad) + 1, INT_MAX),
                  "save the file as UTF-8", "invalid UTF-8");
    }
    size_t ts = s, te = e;
    while (ts < te && p->data[ts] != '\0' && gift_space(p->data[ts]))
        ts++;
    while (te > ts && p->data[te - 1] != '\0' && gift_space(p->data[te - 1]))
        te--;
    if (ts == te) {
        gift_flush(p);
        return;
    }
    if (te - ts == 1 && p->data[ts] == '0') {
        /* PHP's empty("0") is true: Moodle takes the line for a blank one. */
        gift_diag(p, DIAG_ERROR, line, (int)MB_MIN(ts - s + 1, (size_t)INT_MAX),
                  "put the 0 on the line above, or write =0",
                  "a line holding only '0' ends the question in Moodle, which reads it as a "
                  "blank line");
        gift_flush(p);
        return;
    }
    const char *cr = memchr(p->data + ts, '\r', te - ts);
    if (cr && !broken)
        gift_diag(p, DIAG_WARNING, line,
                  (int)MB_MIN(utf8_count(l, (size_t)(cr - l)) + 1, INT_MAX),
                  "save the file with ordinary line ends (LF or CR LF)",
                  "a carriage return (CR) alone does not end a line in Moodle; the kiosk reads "
                  "it as a space, Moodle keeps it in the text");
    if (p->nlines == p->linecap) {
        p->linecap = p->linecap ? p->linecap * 2 : 64;
        p->lines = mb_xrealloc(p->lines, p->linecap * sizeof *p->lines);
    }
    int col = 1;
    gift_inc(&col, (int)MB_MIN(ts - s, (size_t)INT_MAX));
    p->lines[p->nlines++] = (GiftLine){ts, te - ts, line, col, broken};
}

/* A UTF-16 file (by its byte order mark, or by the NUL bytes every other
 * byte of ASCII text has in it): named once, instead of one error a line. */
static const char *gift_utf16(const char *d, size_t len)
{
    if (len >= 2 && (unsigned char)d[0] == 0xFF && (unsigned char)d[1] == 0xFE)
        return "UTF-16 (little-endian)";
    if (len >= 2 && (unsigned char)d[0] == 0xFE && (unsigned char)d[1] == 0xFF)
        return "UTF-16 (big-endian)";
    if (len >= 4 && d[0] && !d[1] && d[2] && !d[3])
        return "UTF-16 (little-endian)";
    if (len >= 4 && !d[0] && d[1] && !d[2] && d[3])
        return "UTF-16 (big-endian)";
    return NULL;
}

int pack_gift_parse(const char *path, const char *data, size_t len, Arena *arena, QuestionList *out,
                    Diags *diags)
{
    assert(arena && out && diags && (data || !len));
    GiftParser p = {.path = path, .data = data ? data : "", .arena = arena, .diags = diags};
    size_t pos = 0;
    int line = 1;
    const char *utf16 = gift_utf16(p.data, len);
    if (utf16) {
        gift_diag(&p, DIAG_ERROR, 1, 1,
                  "save it again as UTF-8 (in Notepad: Save as, Encoding UTF-8); Moodle "
                  "would read it as garbled text",
                  "the file is %s text, not UTF-8", utf16);
        len = 0;
    }
    if (len >= 3 && !memcmp(p.data, "\xEF\xBB\xBF", 3))
        pos = 3;
    /* Moodle reads the file with PHP's file(): lines end at LF, and only a
     * file without any LF (an old Mac file) is split at CR instead. */
    char eol = memchr(p.data, '\n', len) || !memchr(p.data, '\r', len) ? '\n' : '\r';
    while (!p.stop) {
        size_t e = pos;
        while (e < len && p.data[e] != eol)
            e++;
        gift_line(&p, pos, e, line);
        if (e >= len)
            break;
        pos = e + 1;
        gift_inc(&line, 1);
    }
    gift_flush(&p);

    out->count = p.count;
    out->items = p.count ? arena_memdup(arena, p.items, p.count * sizeof *p.items) : NULL;
    int rc = p.errors;
    free(p.items);
    free(p.ids);
    free(p.lines);
    free(p.ans);
    free(p.tags);
    free(p.pieces);
    gift_text_free(&p.text);
    gift_text_free(&p.qtext);
    return rc;
}
