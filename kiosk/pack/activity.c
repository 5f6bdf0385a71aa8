/* Activity files (activities/<slug>.<lang>.md): the practice a quiz format
 * has no question for, written as plain text an instructor can edit.
 *
 *   ## post <id>          mark the post: an invented post drawn as a card
 *   account: <name>       the invented account's name
 *   date: <date>          as the post shows it
 *   headline: <text>
 *   feedback: <text>      optional, shown after any answer
 *   + <sentence>          a sentence that uses a technique, then indented:
 *     technique: <name>     which one
 *     why: <text>           why it is one
 *   - <sentence>          a sentence that does not (why: optional)
 *
 *   ## sort <id>          sort the feed: put the items in their order
 *   task: <text>          what to order by
 *   feedback: <text>      optional
 *   - <item>              the items, in their right order, each with an
 *     why: <text>           optional note on its place
 *   groups: <a> | <b> ... sort into groups instead (activity_group.c): then
 *     group: <a>            each item's group, under it
 *
 *   ## read <id>          read laterally (activity_read.c): a question, the
 *                         source's own page and pages about it, then the answers
 *   ## discuss <id>       a discussion prompt: the lines after it, unscored
 *
 * Lines starting with // are comments; a "# Title" line may open the file.
 * Input is untrusted: any bytes give questions or errors at line:col. */
#include "activity_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>


int act_col(const ActParser *p, const char *at)
{
    return 1 + (int)utf8_count(p->ls, (size_t)(at - p->ls));
}

void act_diag(ActParser *p, int line, int col, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diags_vadd(p->diags, DIAG_ERROR, p->path, line, col, hint, NULL, fmt, ap);
    va_end(ap);
    p->errors++;
    p->bad = true;
}

const char *act_skip_sp(const char *s, const char *e)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

char *act_value(ActParser *p, const char *s, const char *e)
{
    s = act_skip_sp(s, e);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    return s < e ? arena_strndup(p->arena, s, (size_t)(e - s)) : NULL;
}

const char *act_key(const char *s, const char *e, const char *key)
{
    size_t n = strlen(key);
    if ((size_t)(e - s) < n || strncmp(s, key, n))
        return NULL;
    s += n;
    if (s < e && *s == ':')
        return s + 1;
    if (e - s >= 3 && !memcmp(s, "\xEF\xBC\x9A", 3)) /* full-width colon */
        return s + 3;
    return NULL;
}

void act_push(ActParser *p, const Question *q)
{
    if (p->count == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 8;
        p->items = mb_xrealloc(p->items, p->cap * sizeof *p->items);
    }
    p->items[p->count++] = *q;
}

static void act_close_post(ActParser *p)
{
    Question *q = &p->q;
    const char *hint = "write account:, date: and headline: under ## post";
    if (p->bad)
        return;
    if (!q->post_account)
        act_diag(p, q->line, q->col, hint, "the post has no account: line");
    else if (!q->post_date)
        act_diag(p, q->line, q->col, hint, "the post has no date: line");
    else if (!q->text)
        act_diag(p, q->line, q->col, hint, "the post has no headline: line");
    else if (p->nsent < 2)
        act_diag(p, q->line, q->col, "write each sentence on a line of its own, starting with + or -",
                 "the post has fewer than two sentences to mark");
    for (size_t i = 0; i < p->nsent && !p->bad; i++) {
        const Answer *a = &p->sent[i];
        if (a->fraction > 0 && (!a->technique || !a->feedback))
            act_diag(p, (int)a->value, 1, "indent technique: and why: under the sentence",
                     "a sentence marked + needs its technique and why");
    }
    if (p->bad)
        return;
    q->answers = arena_memdup(p->arena, p->sent, p->nsent * sizeof *p->sent);
    q->nanswers = p->nsent;
    for (size_t i = 0; i < q->nanswers; i++)
        q->answers[i].value = 0; /* held the sentence's line while reading */
    act_push(p, q);
}

static void act_close_sort(ActParser *p)
{
    Question *q = &p->q;
    if (p->bad)
        return;
    if (!q->text)
        act_diag(p, q->line, q->col, "write task: under ## sort", "the sort has no task: line");
    else if (p->nsent < 2)
        act_diag(p, q->line, q->col, "write each item on a line of its own, starting with -",
                 "the sort has fewer than two items");
    if (p->ngroups && !p->bad)
        act_close_group(p);
    if (p->bad)
        return;
    q->answers = arena_memdup(p->arena, p->sent, p->nsent * sizeof *p->sent);
    q->nanswers = p->nsent;
    for (size_t i = 0; i < q->nanswers; i++)
        q->answers[i].value = 0;
    act_push(p, q);
}

static void act_close(ActParser *p)
{
    if (!p->open)
        return;
    if (p->q.type == QT_MARKPOST) {
        act_close_post(p);
    } else if (p->q.type == QT_SORT) {
        act_close_sort(p);
    } else if (p->q.type == QT_READ) {
        act_close_read(p);
    } else if (!p->bad) {
        if (!p->text.len) {
            act_diag(p, p->q.line, p->q.col, "write the prompt on the lines after ## discuss",
                     "the discussion prompt has no text");
        } else {
            p->q.text = arena_strndup(p->arena, p->text.data, p->text.len);
            act_push(p, &p->q);
        }
    }
    p->open = false;
    p->text.len = 0;
}

/* "## post id" or "## discuss id" at s (after "## "). */
static void act_open(ActParser *p, const char *s, const char *e)
{
    act_close(p);
    memset(&p->q, 0, sizeof p->q);
    p->open = true;
    p->bad = false;
    p->nsent = 0;
    p->too_many = false;
    p->blank = 0;
    p->npages = 0;
    p->has_source = false;
    p->ngroups = 0;
    s = act_skip_sp(s, e);
    const char *k = s;
    while (s < e && *s != ' ' && *s != '\t')
        s++;
    size_t kn = (size_t)(s - k);
    p->q.line = p->line;
    p->q.col = 1;
    p->q.format = p->q.feedback_format = TF_PLAIN;
    if (kn == 4 && !memcmp(k, "post", 4)) {
        p->q.type = QT_MARKPOST;
    } else if (kn == 4 && !memcmp(k, "sort", 4)) {
        p->q.type = QT_SORT;
    } else if (kn == 4 && !memcmp(k, "read", 4)) {
        p->q.type = QT_READ;
    } else if (kn == 7 && !memcmp(k, "discuss", 7)) {
        p->q.type = QT_ESSAY;
    } else {
        act_error(p, k, "write ## post <id>, ## sort <id>, ## read <id> or ## discuss <id>", "unknown activity");
        return;
    }
    const char *id = act_skip_sp(s, e), *ie = id;
    while (ie < e && *ie != ' ' && *ie != '\t')
        ie++;
    if (id == ie)
        act_error(p, s, "give the activity an id, the same in every language",
                  "the activity has no id");
    else if (act_skip_sp(ie, e) != e)
        act_error(p, act_skip_sp(ie, e), "an id has no spaces", "text after the activity's id");
    else
        p->q.id = arena_strndup(p->arena, id, (size_t)(ie - id));
    for (size_t i = 0; p->q.id && i < p->count; i++)
        if (p->items[i].id && !strcmp(p->items[i].id, p->q.id))
            act_error(p, id, "give each activity its own id", "the id is used by an earlier activity");
}

/* An indented "technique:" or "why:" line of the last sentence. */
static void act_sentence_note(ActParser *p, const char *s, const char *e)
{
    Answer *a = p->nsent ? &p->sent[p->nsent - 1] : NULL;
    const char *v;
    if (!a) {
        act_error(p, s, "start a sentence with + or -", "a note before any sentence");
    } else if ((v = act_key(s, e, "technique"))) {
        if (a->fraction <= 0)
            act_error(p, s, "mark the sentence with + if it uses a technique",
                      "a sentence marked - uses no technique");
        else
            a->technique = act_value(p, v, e);
    } else if ((v = act_key(s, e, "why"))) {
        a->feedback = act_value(p, v, e);
    } else {
        act_error(p, s, "indented lines are technique: or why:", "unknown note of a sentence");
    }
}

Answer *act_option(ActParser *p, const char *s, char *text)
{
    Answer *a = &p->sent[p->nsent++];
    memset(a, 0, sizeof *a);
    a->text = text;
    a->fraction = *s == '+' ? 1 : 0;
    a->format = a->feedback_format = TF_PLAIN;
    a->value = p->line; /* where it is written, for the notes under it */
    return a;
}

static void act_post_line(ActParser *p, const char *s, const char *e)
{
    Question *q = &p->q;
    const char *v;
    if (*s == ' ' || *s == '\t') {
        act_sentence_note(p, act_skip_sp(s, e), e);
    } else if ((*s == '+' || *s == '-') && (e - s == 1 || s[1] == ' ' || s[1] == '\t')) {
        char *text = act_value(p, s + 1, e);
        if (!text) {
            act_error(p, s, NULL, "the sentence is empty");
        } else if (p->nsent == QUIZ_MAX_CHOICES) {
            if (!p->too_many)
                act_error(p, s, "split the post in two", "the post has more than 64 sentences");
            p->too_many = true;
        } else {
            act_option(p, s, text);
        }
    } else if (p->nsent) {
        act_error(p, s, "indent technique: and why: under their sentence",
                  "after the sentences, only sentences and their notes");
    } else if ((v = act_key(s, e, "account"))) {
        q->post_account = act_value(p, v, e);
    } else if ((v = act_key(s, e, "date"))) {
        q->post_date = act_value(p, v, e);
    } else if ((v = act_key(s, e, "headline"))) {
        q->text = act_value(p, v, e);
    } else if ((v = act_key(s, e, "feedback"))) {
        q->general_feedback = act_value(p, v, e);
    } else {
        act_error(p, s, "write account:, date:, headline: or feedback:", "unknown line in a post");
    }
}

/* A line of ## sort: task:, feedback:, "- item" and its indented why:. */
static void act_sort_line(ActParser *p, const char *s, const char *e)
{
    const char *v;
    if (*s == ' ' || *s == '\t') {
        s = act_skip_sp(s, e);
        if (!p->nsent)
            act_error(p, s, "start an item with -", "a note before any item");
        else if ((v = act_key(s, e, "why")))
            p->sent[p->nsent - 1].feedback = act_value(p, v, e);
        else if ((v = act_key(s, e, "group")))
            act_group_of(p, &p->sent[p->nsent - 1], s, v, e);
        else
            act_error(p, s, "an indented line is why: or group:", "unknown note of an item");
    } else if (*s == '-' && (e - s == 1 || s[1] == ' ' || s[1] == '\t')) {
        char *text = act_value(p, s + 1, e);
        if (!text) {
            act_error(p, s, NULL, "the item is empty");
        } else if (p->nsent == QUIZ_MAX_PAIRS) {
            if (!p->too_many)
                act_error(p, s, "keep a handful of items", "the sort has more than 16 items");
            p->too_many = true;
        } else {
            Answer *a = act_option(p, s, text);
            a->fraction = 1; /* every item of a sort has its place */
            a->group = -1;
        }
    } else if (p->nsent) {
        act_error(p, s, "indent why: under its item", "after the items, only items and their notes");
    } else if ((v = act_key(s, e, "task"))) {
        p->q.text = act_value(p, v, e);
    } else if ((v = act_key(s, e, "groups"))) {
        act_group_names(p, s, v, e);
    } else if ((v = act_key(s, e, "feedback"))) {
        p->q.general_feedback = act_value(p, v, e);
    } else {
        act_error(p, s, "write task:, groups: or feedback:", "unknown line in a sort");
    }
}

static void act_discuss_line(ActParser *p, const char *s, const char *e)
{
    s = act_skip_sp(s, e);
    if (s == e) {
        p->blank += p->text.len > 0;
        return;
    }
    if (p->text.len)
        strbuf_puts(&p->text, p->blank ? "\n" : " ");
    p->blank = 0;
    strbuf_append(&p->text, s, (size_t)(e - s));
}

static void act_line(ActParser *p, const char *s, const char *e)
{
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    if (e - s >= 2 && s[0] == '/' && s[1] == '/')
        return;
    if (e - s >= 3 && !memcmp(s, "## ", 3)) {
        act_open(p, s + 3, e);
    } else if (!p->open) {
        bool title = e - s >= 2 && !memcmp(s, "# ", 2) && !p->count;
        if (s != e && !title)
            act_error(p, s, "start each activity with ## post <id>, ## sort <id>, ## read <id> or ## discuss <id>",
                      "text outside an activity");
    } else if (p->bad) {
        /* the rest of a broken activity is not read */
    } else if (p->q.type == QT_ESSAY) {
        act_discuss_line(p, s, e);
    } else if (p->q.type == QT_SORT) {
        if (s != e)
            act_sort_line(p, s, e);
    } else if (p->q.type == QT_READ) {
        if (s != e)
            act_read_line(p, s, e);
    } else if (s != e) {
        act_post_line(p, s, e);
    }
}

int pack_activity_parse(const char *path, const char *data, size_t len, Arena *arena,
                        QuestionList *out, Diags *diags)
{
    ActParser p = {.path = path, .arena = arena, .diags = diags};
    size_t bad;
    if (!utf8_valid(data, len, &bad) || memchr(data, 0, len)) {
        const char *at = memchr(data, 0, len);
        size_t off = at && (size_t)(at - data) < bad ? (size_t)(at - data) : bad;
        int line = 1;
        size_t ls = 0;
        for (size_t i = 0; i < off && i < len; i++)
            if (data[i] == '\n')
                line++, ls = i + 1;
        act_diag(&p, line, 1 + (int)utf8_count(data + ls, off - ls), "save the file as UTF-8",
                 "invalid UTF-8");
        return 1;
    }
    const char *s = data, *end = data + len;
    while (s < end) {
        const char *e = memchr(s, '\n', (size_t)(end - s));
        if (!e)
            e = end;
        p.line++;
        p.ls = s;
        act_line(&p, s, e);
        s = e + 1;
    }
    act_close(&p);
    strbuf_free(&p.text);
    if (p.count) {
        Question *all = arena_alloc(arena, (out->count + p.count) * sizeof *all);
        if (out->count)
            memcpy(all, out->items, out->count * sizeof *all);
        memcpy(all + out->count, p.items, p.count * sizeof *all);
        out->items = all;
        out->count += p.count;
    }
    free(p.items);
    return p.errors;
}
