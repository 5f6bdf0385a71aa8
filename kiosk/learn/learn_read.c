/* Read laterally (QT_READ): what the record keeps of the pages opened
 * beside the answer, so that instructors see who left the source's page. */
#include "mingbai/learn.h"

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
