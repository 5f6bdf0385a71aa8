/* The activities' own rules. Read laterally (QT_READ): what the record
 * keeps of the pages opened beside the answer, so that instructors see who
 * left the source's page. Sort into groups (QT_GROUP): complete, scored
 * and described item by item. */
#include "learn_internal.h"

size_t learn_read_opened(const Question *q, const Response *r)
{
    size_t n = 0;
    for (size_t k = 1; k < q->npages && k < 32; k++)
        n += (r->opened >> k) & 1;
    return n;
}

void learn_response_describe(const Question *q, const Response *r, StrBuf *out)
{
    learn_response_describe_in(q, r, &learn_words_record, out);
    if (q->type != QT_READ)
        return;
    size_t others = q->npages ? q->npages - 1 : 0;
    strbuf_printf(out, " | opened %zu of %zu", learn_read_opened(q, r), others);
    const char *sep = ": ";
    for (size_t k = 1; k < q->npages && k < 32; k++) {
        if (!((r->opened >> k) & 1))
            continue;
        strbuf_puts(out, sep);
        strbuf_puts(out, q->pages[k].title ? q->pages[k].title : "");
        sep = "; ";
    }
}

/* ---- sort into groups ---- */

static size_t learn_group_items(const Question *q)
{
    return MB_MIN(q->nanswers, (size_t)LEARN_MAX_PAIRS);
}

bool learn_group_complete(const Question *q, const Response *r)
{
    size_t n = learn_group_items(q);
    for (size_t k = 0; k < n; k++)
        if (r->match[k] < 0 || (size_t)r->match[k] >= q->ngroups)
            return false;
    return n > 0;
}

int learn_score_group(const Question *q, const Response *r, Score *out)
{
    size_t n = learn_group_items(q), right = 0;
    for (size_t k = 0; k < n; k++) {
        if (r->match[k] >= (int)q->ngroups)
            return MB_ERR;
        right += r->match[k] == q->answers[k].group;
    }
    out->score = n ? (double)right / (double)n : 0;
    return MB_OK;
}

void learn_group_describe(const Question *q, const Response *r, const LearnWords *w, StrBuf *out,
                          bool correct)
{
    bool first = true;
    for (size_t k = 0; k < learn_group_items(q); k++) {
        int g = correct ? q->answers[k].group : r->match[k];
        if (g < 0 || (size_t)g >= q->ngroups)
            continue;
        if (!first)
            strbuf_puts(out, w->sep);
        first = false;
        const Answer *a = &q->answers[k];
        strbuf_printf(out, "%s%s%s",
                      rich_plain(a->rich_text, a->text) ? rich_plain(a->rich_text, a->text) : "",
                      w->arrow, q->groups[g]);
    }
}
