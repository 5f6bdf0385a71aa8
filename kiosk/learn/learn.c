/* Scoring and the review schedule. A Response comes from a tap or the
 * on-screen keyboard and is untrusted: an index outside the question gives
 * MB_ERR, never a read past the answers. The rules follow Moodle's question
 * types as its GIFT importer sets them up (usecase off for short answers,
 * nominal tolerance for numerical answers), so a question bank scores the
 * same here as on the Moodle site it came from. No I/O, no clock: time is
 * passed in. */
#include "learn_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define DAY_MS ((int64_t)24 * 60 * 60 * 1000)

void learn_response_clear(Response *r)
{
    memset(r, 0, sizeof *r);
    r->choice = -1;
    for (size_t k = 0; k < LEARN_MAX_PAIRS; k++)
        r->match[k] = -1;
}

static const char *learn_str(const char *s)
{
    return s ? s : "";
}

/* Left items of a matching question are the answers with a non-empty left
 * side; an empty one is a distractor that only adds a right-hand choice. */
static bool learn_answer_is_pair(const Answer *a)
{
    return a->left && a->left[0];
}

static size_t learn_pair_count(const Question *q)
{
    size_t n = 0;
    for (size_t i = 0; i < q->nanswers; i++)
        n += learn_answer_is_pair(&q->answers[i]);
    return n;
}

/* Typed text with ASCII white space removed at both ends, as a view. */
static void learn_trim(const char *s, const char **start, size_t *len)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || (s[n - 1] >= '\t' && s[n - 1] <= '\r')))
        n--;
    while (n && (*s == ' ' || (*s >= '\t' && *s <= '\r'))) {
        s++;
        n--;
    }
    *start = s;
    *len = n;
}

/* r->text may fill its array without a terminator when a caller copied a
 * long input with strncpy; read it through a terminated copy. */
typedef struct {
    char s[LEARN_TEXT_MAX + 1];
} LearnText;

static LearnText learn_text(const Response *r)
{
    LearnText t;
    size_t n = strnlen(r->text, sizeof r->text);
    memcpy(t.s, r->text, n);
    t.s[n] = 0;
    return t;
}

/* Latin Extended-A: pairs of capital and small letters, the capital on an
 * even code point except in 0x139-0x148 and 0x179-0x17E. */
static uint32_t learn_fold_latin_ext(uint32_t c)
{
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    bool paired = (c <= 0x12F) || (c >= 0x132 && c <= 0x137) || odd_upper ||
                  (c >= 0x14A && c <= 0x177);
    if (c == 0x178)
        return 0xFF;
    if (c == 0x17F) /* long s */
        return 's';
    if (paired && (c % 2 == 0) != odd_upper)
        return c + 1;
    return c;
}

/* A character as the comparison sees it: letters without case (Latin,
 * Greek and Cyrillic, as Moodle's caseless /iu pattern folds them), and
 * the typographic apostrophes and hyphens as the keyboard's ' and -, so
 * that "isn't" typed on the kiosk matches "isn’t" as written. */
static uint32_t learn_fold(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
    if (c == 0x2018 || c == 0x2019 || c == 0x02BC)
        return '\'';
    if (c == 0x2010 || c == 0x2011)
        return '-';
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    if (c >= 0x100 && c <= 0x17F)
        return learn_fold_latin_ext(c);
    if ((c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F))
        return c + 32;
    if (c == 0x3C2) /* final sigma */
        return 0x3C3;
    if (c == 0x386)
        return 0x3AC;
    if (c >= 0x388 && c <= 0x38A)
        return c + 37;
    if (c == 0x38C)
        return 0x3CC;
    if (c == 0x38E || c == 0x38F)
        return c + 63;
    if (c >= 0x400 && c <= 0x40F)
        return c + 80;
    if (((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x1E00 && c <= 0x1E95) ||
         (c >= 0x1EA0 && c <= 0x1EFF)) && c % 2 == 0)
        return c + 1;
    return c;
}

/* The pattern's character at *p (a "\*" is a literal star), advancing *p. */
static uint32_t learn_pattern_char(const char *pat, size_t plen, size_t *p)
{
    if (pat[*p] == '\\' && *p + 1 < plen && pat[*p + 1] == '*') {
        *p += 2;
        return '*';
    }
    return utf8_decode(pat, plen, p);
}

/* Moodle's compare_string_with_wildcard: '*' matches any run of
 * characters, "\*" a literal star, characters compare through
 * learn_fold(); bytes that are not UTF-8 compare as they are. Iterative
 * with one backtrack point, so a hostile pattern like "*a*a*a*b" stays
 * O(n*m). */
static bool learn_wildcard_match(const char *pat, size_t plen, const char *txt, size_t tlen)
{
    size_t p = 0, t = 0;
    size_t star_p = SIZE_MAX, star_t = 0;
    while (t < tlen) {
        if (p < plen && pat[p] == '*') {
            star_p = ++p;
            star_t = t;
            continue;
        }
        if (p < plen) {
            size_t np = p, nt = t;
            uint32_t pc = learn_pattern_char(pat, plen, &np), tc = utf8_decode(txt, tlen, &nt);
            bool same = learn_fold(pc) == learn_fold(tc);
            if (same && pc == 0xFFFD) /* not UTF-8 (or U+FFFD itself): the bytes */
                same = np - p == nt - t && !memcmp(pat + p, txt + t, nt - t);
            if (same) {
                p = np;
                t = nt;
                continue;
            }
        }
        if (star_p == SIZE_MAX)
            return false;
        p = star_p;
        utf8_decode(txt, tlen, &star_t);
        t = star_t;
    }
    while (p < plen && pat[p] == '*')
        p++;
    return p == plen;
}

/* Parses a typed number with '.' or ',' as the decimal point, by hand rather
 * than with strtod, whose decimal point follows the process locale. */
static bool learn_parse_number(const char *s, double *out)
{
    const char *p;
    size_t n;
    learn_trim(s, &p, &n);
    const char *end = p + n;
    double sign = 1;
    if (p < end && (*p == '+' || *p == '-')) {
        sign = *p == '-' ? -1 : 1;
        p++;
    }
    double mant = 0;
    int digits = 0, scale = 0;
    while (p < end && *p >= '0' && *p <= '9') {
        mant = mant * 10 + (*p++ - '0');
        digits++;
    }
    if (p < end && (*p == '.' || *p == ',')) {
        p++;
        while (p < end && *p >= '0' && *p <= '9') {
            mant = mant * 10 + (*p++ - '0');
            digits++;
            scale--;
        }
    }
    if (!digits)
        return false;
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        int esign = 1, exp = 0, edigits = 0;
        if (p < end && (*p == '+' || *p == '-')) {
            esign = *p == '-' ? -1 : 1;
            p++;
        }
        while (p < end && *p >= '0' && *p <= '9') {
            if (exp < 10000)
                exp = exp * 10 + (*p - '0');
            p++;
            edigits++;
        }
        if (!edigits)
            return false;
        scale += esign * exp;
    }
    if (p != end)
        return false;
    /* Dividing by an exact power of ten rounds once, so "3.14" gives the same
     * double as the literal 3.14 the pack's value was parsed into. */
    double v = scale < 0 ? mant / pow(10, -scale) : mant * pow(10, scale);
    if (!isfinite(v))
        return false;
    *out = sign * v;
    return true;
}

bool learn_response_complete(const Question *q, const Response *r)
{
    double x;
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_READ:
        return r->choice >= 0 && (size_t)r->choice < q->nanswers;
    case QT_TRUEFALSE:
        return r->choice == 0 || r->choice == 1;
    case QT_MULTIRESPONSE:
        for (size_t i = 0; i < q->nanswers && i < LEARN_MAX_CHOICES; i++)
            if (r->selected & ((uint64_t)1 << i))
                return true;
        return false;
    case QT_MARKPOST:
        return true; /* "no sentence uses a technique" is an answer too */
    case QT_GROUP:
        return learn_group_complete(q, r);
    case QT_SORT: {
        size_t n = MB_MIN(q->nanswers, (size_t)LEARN_MAX_PAIRS);
        for (size_t k = 0; k < n; k++)
            if (r->match[k] < 0 || (size_t)r->match[k] >= n)
                return false;
        return n > 0;
    }
    case QT_MATCHING: {
        size_t pairs = learn_pair_count(q);
        if (!pairs || pairs > LEARN_MAX_PAIRS)
            return false;
        for (size_t k = 0; k < pairs; k++)
            if (r->match[k] < 0 || (size_t)r->match[k] >= q->nanswers)
                return false;
        return true;
    }
    case QT_SHORTANSWER: {
        LearnText text = learn_text(r);
        const char *t;
        size_t n;
        learn_trim(text.s, &t, &n);
        return n > 0;
    }
    case QT_NUMERICAL: {
        /* Only a number can be submitted, so "abc" never costs an attempt. */
        LearnText text = learn_text(r);
        return learn_parse_number(text.s, &x);
    }
    default:
        /* Description and essay have nothing to submit: the screen offers
         * "next" instead. */
        return false;
    }
}

static int learn_score_multichoice(const Question *q, const Response *r, Score *out)
{
    if (r->choice < 0)
        return MB_OK;
    if ((size_t)r->choice >= q->nanswers)
        return MB_ERR;
    out->score = q->answers[r->choice].fraction;
    out->feedback = q->answers[r->choice].feedback;
    return MB_OK;
}

static int learn_score_multiresponse(const Question *q, const Response *r, Score *out)
{
    size_t usable = MB_MIN(q->nanswers, (size_t)LEARN_MAX_CHOICES);
    if (usable < LEARN_MAX_CHOICES && (r->selected >> usable))
        return MB_ERR;
    double sum = 0;
    bool first = true;
    for (size_t i = 0; i < usable; i++) {
        if (!(r->selected & ((uint64_t)1 << i)))
            continue;
        if (first)
            out->feedback = q->answers[i].feedback;
        first = false;
        sum += q->answers[i].fraction;
    }
    out->score = sum;
    return MB_OK;
}

static int learn_score_truefalse(const Question *q, const Response *r, Score *out)
{
    if (r->choice < 0)
        return MB_OK;
    if (r->choice > 1)
        return MB_ERR;
    bool right = (r->choice == 1) == q->tf_answer;
    out->score = right ? 1 : 0;
    out->feedback = right ? q->tf_feedback_right : q->tf_feedback_wrong;
    return MB_OK;
}

/* Two left items may share a right side ("cat -> animal", "dog -> animal");
 * Moodle offers that text once and accepts it for both, so a choice is right
 * when its text equals the item's own. */
static int learn_score_matching(const Question *q, const Response *r, Score *out)
{
    size_t pairs = learn_pair_count(q);
    if (pairs > LEARN_MAX_PAIRS)
        return MB_ERR;
    size_t k = 0, right = 0;
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        if (!learn_answer_is_pair(a))
            continue;
        int m = r->match[k++];
        if (m < 0)
            continue;
        if ((size_t)m >= q->nanswers)
            return MB_ERR;
        right += !strcmp(learn_str(q->answers[m].text), learn_str(a->text));
    }
    out->score = pairs ? (double)right / (double)pairs : 0;
    return MB_OK;
}

static int learn_score_shortanswer(const Question *q, const Response *r, Score *out)
{
    LearnText text = learn_text(r);
    const char *t;
    size_t tn;
    learn_trim(text.s, &t, &tn);
    const Answer *best = NULL;
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        const char *p;
        size_t pn;
        /* a formatted answer is matched on its text, without markup */
        learn_trim(learn_str(rich_plain(a->rich_text, a->text)), &p, &pn);
        if (learn_wildcard_match(p, pn, t, tn)) {
            best = a; /* the first that matches, as in Moodle */
            break;
        }
    }
    if (best) {
        out->score = best->fraction;
        out->feedback = best->feedback;
    }
    return MB_OK;
}

/* Moodle widens every tolerance by a hair (MDL-3225) so that a range written
 * as 3.141..3.142 accepts 3.142 despite binary rounding of the midpoint. */
static bool learn_within(const Answer *a, double x)
{
    double eps = 1e-12 * MB_MAX(1.0, fabs(a->value));
    return fabs(x - a->value) <= fabs(a->tolerance) + eps;
}

static int learn_score_numerical(const Question *q, const Response *r, Score *out)
{
    double x;
    LearnText text = learn_text(r);
    bool number = learn_parse_number(text.s, &x);
    const Answer *best = NULL, *other = NULL;
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        if (a->catchall) {
            if (!other)
                other = a;
            continue;
        }
        if (number && learn_within(a, x) && (!best || a->fraction > best->fraction))
            best = a;
    }
    if (best) {
        out->score = best->fraction;
        out->feedback = best->feedback;
    } else if (other) {
        out->feedback = other->feedback;
    }
    return MB_OK;
}

/* Mark the post: every sentence counts alike, marked when it uses a
 * technique, left alone when it does not; the score is the share of
 * sentences judged right. */
static int learn_score_markpost(const Question *q, const Response *r, Score *out)
{
    size_t usable = MB_MIN(q->nanswers, (size_t)LEARN_MAX_CHOICES);
    if (!usable || (usable < LEARN_MAX_CHOICES && (r->selected >> usable)))
        return MB_ERR;
    size_t right = 0;
    for (size_t i = 0; i < usable; i++)
        right += (bool)((r->selected >> i) & 1) == (q->answers[i].fraction > 0);
    out->score = (double)right / (double)usable;
    return MB_OK;
}

/* Sort the feed: the share of items put in their own place. */
static int learn_score_sort(const Question *q, const Response *r, Score *out)
{
    size_t n = MB_MIN(q->nanswers, (size_t)LEARN_MAX_PAIRS), right = 0;
    if (!n)
        return MB_ERR;
    for (size_t k = 0; k < n; k++) {
        if (r->match[k] >= (int)n)
            return MB_ERR;
        right += r->match[k] == (int)k;
    }
    out->score = (double)right / (double)n;
    return MB_OK;
}

int learn_score(const Question *q, const Response *r, Score *out)
{
    memset(out, 0, sizeof *out);
    int rc = MB_OK;
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_READ:
        rc = learn_score_multichoice(q, r, out);
        break;
    case QT_MULTIRESPONSE:
        rc = learn_score_multiresponse(q, r, out);
        break;
    case QT_MARKPOST:
        rc = learn_score_markpost(q, r, out);
        break;
    case QT_SORT:
        rc = learn_score_sort(q, r, out);
        break;
    case QT_GROUP:
        rc = learn_score_group(q, r, out);
        break;
    case QT_TRUEFALSE:
        rc = learn_score_truefalse(q, r, out);
        break;
    case QT_MATCHING:
        rc = learn_score_matching(q, r, out);
        break;
    case QT_SHORTANSWER:
        rc = learn_score_shortanswer(q, r, out);
        break;
    case QT_NUMERICAL:
        rc = learn_score_numerical(q, r, out);
        break;
    default:
        /* Description and essay: shown, never scored. */
        return MB_OK;
    }
    if (rc) {
        memset(out, 0, sizeof *out);
        return rc;
    }
    out->scored = true;
    out->max = 1;
    if (!(out->score > 0)) /* also catches a NaN weight */
        out->score = 0;
    out->score = MB_MIN(out->score, out->max);
    out->correct = out->score >= out->max - 1e-9;
    return MB_OK;
}

static size_t learn_parts_matching(const Question *q, const Response *r, LearnPart *out,
                                   size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < q->nanswers && k < LEARN_MAX_PAIRS; i++) {
        const Answer *a = &q->answers[i];
        if (!learn_answer_is_pair(a))
            continue;
        int m = r->match[k];
        bool known = m >= 0 && (size_t)m < q->nanswers;
        bool right = known && !strcmp(learn_str(q->answers[m].text), learn_str(a->text));
        if (k < max)
            out[k] = (LearnPart){(int)i, known ? m : -1, right ? LEARN_PART_RIGHT : LEARN_PART_WRONG};
        k++;
    }
    return k;
}

static size_t learn_parts_multiresponse(const Question *q, const Response *r, const LearnOrder *o,
                                        LearnPart *out, size_t max)
{
    size_t n = 0, count = o ? o->nchoices : MB_MIN(q->nanswers, (size_t)LEARN_MAX_CHOICES);
    for (size_t pos = 0; pos < count; pos++) {
        size_t i = o ? o->choice[pos] : pos;
        if (i >= q->nanswers || i >= LEARN_MAX_CHOICES)
            continue;
        bool ticked = (r->selected >> i) & 1, worth = q->answers[i].fraction > 0;
        if (!ticked && !worth)
            continue;
        LearnMark m = !ticked ? LEARN_PART_MISSED : worth ? LEARN_PART_RIGHT : LEARN_PART_WRONG;
        if (n < max)
            out[n] = (LearnPart){(int)i, -1, m};
        n++;
    }
    return n;
}

size_t learn_response_parts(const Question *q, const Response *r, const LearnOrder *o,
                            LearnPart *out, size_t max)
{
    if (q->type == QT_MATCHING)
        return learn_parts_matching(q, r, out, max);
    if (q->type == QT_MULTIRESPONSE || q->type == QT_MARKPOST)
        return learn_parts_multiresponse(q, r, o, out, max);
    return 0;
}

const LearnWords learn_words_record = {"true", "false", "; ", " -> "};

/* An answer as the records and the screens say it: its text without markup. */
static const char *learn_answer_text(const Answer *a)
{
    return rich_plain(a->rich_text, a->text);
}

static void learn_join(StrBuf *out, bool *first, const LearnWords *w, const char *s)
{
    if (!*first)
        strbuf_puts(out, w->sep);
    *first = false;
    strbuf_puts(out, learn_str(s));
}

static void learn_pair_put(StrBuf *out, bool *first, const LearnWords *w, const Answer *left,
                           const Answer *right)
{
    if (!*first)
        strbuf_puts(out, w->sep);
    *first = false;
    strbuf_printf(out, "%s%s%s", learn_str(rich_plain(left->rich_left, left->left)), w->arrow,
                  learn_str(rich_plain(right->rich_text, right->text)));
}

void learn_response_describe_in(const Question *q, const Response *r, const LearnWords *w,
                                StrBuf *out)
{
    bool first = true;
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_READ:
        if (r->choice >= 0 && (size_t)r->choice < q->nanswers)
            strbuf_puts(out, learn_str(learn_answer_text(&q->answers[r->choice])));
        break;
    case QT_MULTIRESPONSE:
    case QT_MARKPOST:
        for (size_t i = 0; i < q->nanswers && i < LEARN_MAX_CHOICES; i++)
            if (r->selected & ((uint64_t)1 << i))
                learn_join(out, &first, w, learn_answer_text(&q->answers[i]));
        break;
    case QT_TRUEFALSE:
        if (r->choice == 0 || r->choice == 1)
            strbuf_puts(out, r->choice ? w->yes : w->no);
        break;
    case QT_MATCHING: {
        /* Unmatched items are left out: what is absent was not matched. */
        size_t k = 0;
        for (size_t i = 0; i < q->nanswers && k < LEARN_MAX_PAIRS; i++) {
            if (!learn_answer_is_pair(&q->answers[i]))
                continue;
            int m = r->match[k++];
            if (m >= 0 && (size_t)m < q->nanswers)
                learn_pair_put(out, &first, w, &q->answers[i], &q->answers[m]);
        }
        break;
    }
    case QT_GROUP:
        learn_group_describe(q, r, w, out, false);
        break;
    case QT_SORT: /* the items in the order placed */
        for (size_t k = 0; k < MB_MIN(q->nanswers, (size_t)LEARN_MAX_PAIRS); k++)
            if (r->match[k] >= 0 && (size_t)r->match[k] < q->nanswers)
                learn_join(out, &first, w, learn_answer_text(&q->answers[r->match[k]]));
        break;
    case QT_SHORTANSWER:
    case QT_NUMERICAL:
    case QT_ESSAY: {
        LearnText text = learn_text(r);
        const char *t;
        size_t tn;
        learn_trim(text.s, &t, &tn);
        strbuf_append(out, t, tn);
        break;
    }
    default:
        break;
    }
}

static void learn_number_put(StrBuf *out, bool *first, const LearnWords *w, const Answer *a)
{
    if (!*first)
        strbuf_puts(out, w->sep);
    *first = false;
    double tol = fabs(a->tolerance);
    if (tol == 0)
        strbuf_printf(out, "%.15g", a->value);
    else
        strbuf_printf(out, "%.15g..%.15g", a->value - tol, a->value + tol);
}

void learn_correct_describe(const Question *q, StrBuf *out)
{
    learn_correct_describe_in(q, &learn_words_record, out);
}

void learn_correct_describe_in(const Question *q, const LearnWords *w, StrBuf *out)
{
    bool first = true;
    double best = 0;
    /* Full marks are the usual answer; a bank whose best answer is worth 50%
     * still shows that answer rather than nothing. */
    for (size_t i = 0; i < q->nanswers; i++)
        if (!q->answers[i].catchall)
            best = MB_MAX(best, q->answers[i].fraction);
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_READ:
    case QT_SHORTANSWER:
        for (size_t i = 0; i < q->nanswers && best > 0; i++)
            if (q->answers[i].fraction >= best)
                learn_join(out, &first, w, learn_answer_text(&q->answers[i]));
        break;
    case QT_MULTIRESPONSE:
    case QT_MARKPOST:
        for (size_t i = 0; i < q->nanswers; i++)
            if (q->answers[i].fraction > 0)
                learn_join(out, &first, w, learn_answer_text(&q->answers[i]));
        break;
    case QT_TRUEFALSE:
        strbuf_puts(out, q->tf_answer ? w->yes : w->no);
        break;
    case QT_SORT:
        for (size_t i = 0; i < MB_MIN(q->nanswers, (size_t)LEARN_MAX_PAIRS); i++)
            learn_join(out, &first, w, learn_answer_text(&q->answers[i]));
        break;
    case QT_GROUP:
        learn_group_describe(q, NULL, w, out, true);
        break;
    case QT_MATCHING:
        for (size_t i = 0; i < q->nanswers; i++)
            if (learn_answer_is_pair(&q->answers[i]))
                learn_pair_put(out, &first, w, &q->answers[i], &q->answers[i]);
        break;
    case QT_NUMERICAL:
        for (size_t i = 0; i < q->nanswers && best > 0; i++)
            if (!q->answers[i].catchall && q->answers[i].fraction >= best)
                learn_number_put(out, &first, w, &q->answers[i]);
        break;
    default:
        break;
    }
}

int learn_review_next_box(int box, bool correct)
{
    if (!correct)
        return 1;
    if (box <= LEARN_BOX_RETIRED || box >= LEARN_BOX_MAX)
        return LEARN_BOX_RETIRED;
    return box + 1;
}

int64_t learn_review_due_ms(int box, int64_t now_ms)
{
    static const int days[LEARN_BOX_MAX + 1] = {0, 1, 3, 7};
    if (box <= LEARN_BOX_RETIRED)
        return INT64_MAX;
    int64_t wait = days[MB_MIN(box, LEARN_BOX_MAX)] * DAY_MS;
    return now_ms > INT64_MAX - wait ? INT64_MAX : now_ms + wait;
}
