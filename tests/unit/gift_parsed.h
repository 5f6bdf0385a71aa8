/* Parsing GIFT text in the unit tests (test_gift, test_gift_moodle): a
 * parse kept with its arena and diagnostics, and the one question of a
 * clean parse. Include after cmocka.h. */
#ifndef MINGBAI_TEST_GIFT_PARSED_H
#define MINGBAI_TEST_GIFT_PARSED_H

#include <stdio.h>
#include <string.h>

#include "mingbai/pack.h"

#define EPS 1e-9

typedef struct {
    Arena arena;
    Diags diags;
    QuestionList q;
    int errors;
} Parsed;

static inline void parse_n(Parsed *p, const char *data, size_t len)
{
    memset(p, 0, sizeof *p);
    p->errors = pack_gift_parse("t.gift", data, len, &p->arena, &p->q, &p->diags);
}

static inline void parse(Parsed *p, const char *text)
{
    parse_n(p, text, strlen(text));
}

static inline void parsed_free(Parsed *p)
{
    diags_free(&p->diags);
    arena_reset(&p->arena);
}

/* The one question of a clean parse. */
static inline const Question *only(Parsed *p)
{
    if (p->errors || p->q.count != 1)
        diags_print(&p->diags, stderr);
    assert_int_equal(p->errors, 0);
    assert_int_equal(p->q.count, 1);
    return &p->q.items[0];
}

#endif
