/* libFuzzer target for the GIFT reader: any bytes must give questions or
 * located errors, never a crash, a hang or a read past the buffer (the input
 * is copied to an exact-size allocation, so ASan sees any over-read).
 *
 * Built with -DFUZZ_GIFT_ROUND_TRIP=1 and linked with gift_write.c as well,
 * it also checks that writing the questions and reading them back gives the
 * same questions without errors (for what GIFT can express at all). Seeds:
 * tests/fuzz/corpus/gift/. */
#include "mingbai/pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_GIFT_ROUND_TRIP
#define FUZZ_GIFT_ROUND_TRIP 0
#endif

#if FUZZ_GIFT_ROUND_TRIP
static bool fuzz_same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Text GIFT cannot carry back: an [id:] or [tag:] token inside an id, tag or
 * source comment is found again on reading (Moodle reads it the same way);
 * "->" in a short answer's text or feedback next to another answer reads as
 * matching; an unnamed empty description writes nothing. */
static bool fuzz_expressible(const Question *q)
{
    const char *meta[2] = {q->id, q->source};
    for (size_t i = 0; i < 2; i++)
        if (meta[i] && (strstr(meta[i], "[tag:") || strstr(meta[i], "[id:")))
            return false;
    for (size_t i = 0; i < q->ntags; i++)
        if (strstr(q->tags[i], "[tag:") || strstr(q->tags[i], "[id:"))
            return false;
    if (q->type == QT_DESCRIPTION && !q->name && !q->text[0])
        return false;
    if (q->type == QT_SHORTANSWER)
        for (size_t i = 0; i < q->nanswers; i++) {
            const Answer *a = &q->answers[i];
            bool arrow = strstr(a->text, "->") || (a->feedback && strstr(a->feedback, "->"));
            if (arrow && (q->nanswers > 1 || a->fraction != 1 || a->text[0] == '%'))
                return false;
        }
    return true;
}

static bool fuzz_same_question(const Question *a, const Question *b)
{
    if (a->type != b->type || !fuzz_same_str(a->id, b->id) || !fuzz_same_str(a->name, b->name) ||
        !fuzz_same_str(a->text, b->text) || a->format != b->format ||
        !fuzz_same_str(a->general_feedback, b->general_feedback) ||
        (a->general_feedback && a->feedback_format != b->feedback_format) ||
        !fuzz_same_str(a->category, b->category) || !fuzz_same_str(a->source, b->source) || a->fixed_order != b->fixed_order ||
        a->ntags != b->ntags || a->tf_answer != b->tf_answer ||
        !fuzz_same_str(a->tf_feedback_wrong, b->tf_feedback_wrong) ||
        !fuzz_same_str(a->tf_feedback_right, b->tf_feedback_right) || a->nanswers != b->nanswers)
        return false;
    for (size_t i = 0; i < a->ntags; i++)
        if (strcmp(a->tags[i], b->tags[i]))
            return false;
    for (size_t i = 0; i < a->nanswers; i++) {
        const Answer *x = &a->answers[i], *y = &b->answers[i];
        if ((a->type != QT_NUMERICAL && !fuzz_same_str(x->text, y->text)) ||
            !fuzz_same_str(x->left, y->left) || !fuzz_same_str(x->feedback, y->feedback) ||
            (x->feedback && x->feedback_format != y->feedback_format) ||
            x->fraction != y->fraction || x->format != y->format || x->value != y->value ||
            x->tolerance != y->tolerance || x->catchall != y->catchall)
            return false;
    }
    return true;
}

static void fuzz_round_trip(const QuestionList *q)
{
    QuestionList keep = {mb_xcalloc(q->count ? q->count : 1, sizeof *q->items), 0};
    for (size_t i = 0; i < q->count; i++)
        if (fuzz_expressible(&q->items[i]))
            keep.items[keep.count++] = q->items[i];
    StrBuf out = {0};
    pack_gift_write(&keep, &out);
    Arena arena = {0};
    Diags diags = {0};
    QuestionList again;
    int errors = pack_gift_parse("again.gift", out.data, out.len, &arena, &again, &diags);
    bool same = errors == 0 && again.count == keep.count;
    for (size_t i = 0; same && i < keep.count; i++)
        same = fuzz_same_question(&keep.items[i], &again.items[i]);
    if (!same) {
        fprintf(stderr, "round trip changed the questions; written:\n%s\n", out.data);
        diags_print(&diags, stderr);
        abort();
    }
    diags_free(&diags);
    arena_reset(&arena);
    strbuf_free(&out);
    free(keep.items);
}
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = mb_xmalloc(size ? size : 1);
    if (size)
        memcpy(copy, data, size);
    Arena arena = {0};
    Diags diags = {0};
    QuestionList q;
    int errors = pack_gift_parse("fuzz.gift", copy, size, &arena, &q, &diags);
    if (errors != diags.errors)
        abort();
    for (size_t i = 0; i < diags.count; i++)
        if (diags.items[i].line < 1 || diags.items[i].col < 1)
            abort(); /* every message must say where */
#if FUZZ_GIFT_ROUND_TRIP
    fuzz_round_trip(&q);
#endif
    diags_free(&diags);
    arena_reset(&arena);
    free(copy);
    return 0;
}
