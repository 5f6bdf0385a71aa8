/* Every field of a quiz's questions made drawable and readable in its text
 * format (pack_rich_text) when the pack is built, so that pack check shows
 * the warnings and the screens draw what the pack keeps, never parsing per
 * frame. The questions come from the GIFT reader; the file is the pack's. */
#include "pack_internal.h"

/* A field of a question, in the order GIFT writes them. */
typedef struct {
    Build *b;
    RichWhere at;
} FieldWalk;

static size_t count_lt(const char *s)
{
    size_t k = 0;
    for (; s && *s; s++)
        k += *s == '<';
    return k;
}

static const RichText *format_field(FieldWalk *w, const char *raw, TextFormat f)
{
    if (!raw)
        return NULL;
    RichText *rt = arena_alloc(&w->b->p->arena, sizeof *rt);
    pack_rich_text(raw, f, &w->at, &w->b->p->arena, rt, w->b->diags);
    w->at.lt_before += count_lt(raw);
    for (size_t i = 0; i < rt->count; i++) {
        if (rt->blocks[i].kind != BLK_IMAGE || !rt->blocks[i].src)
            continue;
        FileInfo *fi = build_find(w->b, rt->blocks[i].src);
        if (fi)
            fi->used = true;
    }
    return rt;
}

/* Where line begins in s, counted on from the line the previous call
 * reached (*at_line, starting at byte *at; 1 and 0 at first) when line is
 * not before it: the questions come in the file's order, and counting each
 * from the top made a file's questions cost the square of its length. */
typedef struct {
    size_t at;
    int at_line;
} LineMark;

/* The byte offset of line, col (1-based, col in characters) in s. */
static size_t offset_of(const char *s, size_t n, int line, int col, LineMark *m)
{
    size_t i = 0;
    int l = 1;
    if (m->at_line >= 1 && m->at_line <= line) {
        i = m->at;
        l = m->at_line;
    }
    for (; l < line && i < n; i++)
        if (s[i] == '\n')
            l++;
    m->at = i;
    m->at_line = l;
    for (int c = 1; c < col && i < n; c++) {
        size_t k = i;
        utf8_decode(s, n, &k);
        i = k;
    }
    return i;
}

void build_format_questions(Build *b, const char *path, const PackFile *file, QuestionList *ql)
{
    LineMark mark = {0, 1};
    for (size_t i = 0; i < ql->count; i++) {
        Question *q = &ql->items[i];
        FieldWalk w = {b,
                       {.path = path, .line = q->line, .col = q->col, .files = &b->p->files,
                        .more_files = &b->xml_media}};
        if (file) {
            w.at.src = (const char *)file->data;
            w.at.srclen = file->len;
            w.at.from = offset_of(w.at.src, file->len, q->line, q->col, &mark);
        }
        w.at.lt_before = count_lt(q->name);
        q->rich_text = format_field(&w, q->text, q->format);
        /* {T#wrong#right}: the answer "true" of a true question holds the
         * second feedback; the file's order is wrong, then right */
        bool swap = q->type == QT_TRUEFALSE && q->nanswers == 2 && q->tf_answer;
        for (size_t k = 0; k < q->nanswers; k++) {
            Answer *a = &q->answers[swap ? 1 - k : k];
            a->rich_left = format_field(&w, a->left, a->format);
            a->rich_text = format_field(&w, a->text, a->format);
            a->rich_feedback = format_field(&w, a->feedback, a->feedback_format);
        }
        q->rich_general_feedback = format_field(&w, q->general_feedback, q->feedback_format);
    }
}
