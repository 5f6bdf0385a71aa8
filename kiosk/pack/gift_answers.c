/* GIFT answer blocks: which kind of question a block makes (multiple choice
 * or response, matching, true/false, short answer, numerical, essay) and its
 * answers with their weights and feedback, by Moodle's rules, with a message
 * where Moodle would quietly keep a typo as answer text. Input is untrusted:
 * the block's text from gift_text.c, indexes bounded by the block; numbers
 * pass PHP's is_numeric() grammar before strtod reads them. */
#include "gift_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static Answer *gift_answer_new(GiftParser *p)
{
    if (p->nans == p->anscap) {
        p->anscap = p->anscap ? p->anscap * 2 : 16;
        p->ans = mb_xrealloc(p->ans, p->anscap * sizeof *p->ans);
    }
    Answer *a = &p->ans[p->nans++];
    memset(a, 0, sizeof *a);
    return a;
}

static void gift_piece_add(GiftParser *p, size_t a, size_t b, size_t at, char mark)
{
    if (p->npieces == p->piececap) {
        p->piececap = p->piececap ? p->piececap * 2 : 16;
        p->pieces = mb_xrealloc(p->pieces, p->piececap * sizeof *p->pieces);
    }
    p->pieces[p->npieces++] = (GiftPiece){a, b, at, mark};
}

/* Moodle's explode() on the unescaped marks: the text before the first mark
 * is kept only when it is not blank. Multiple choice splits on "~" after
 * turning "=" into "~=", which is splitting on both and keeping the mark. */
static void gift_split(GiftParser *p, const GiftText *t, size_t a, size_t b, const char *marks)
{
    p->npieces = 0;
    p->zero_at = GIFT_NONE;
    size_t start = a, at = GIFT_NONE;
    char mark = 0;
    for (size_t i = a; i <= b; i++) {
        if (i < b && (t->lit[i] || !strchr(marks, t->c[i]) || !t->c[i]))
            continue;
        size_t pa = start, pb = i;
        gift_trim(t, &pa, &pb);
        /* PHP's empty() also takes "0" for nothing. */
        bool zero = pb == pa + 1 && gift_is(t, pa, '0');
        if (!mark && zero)
            p->zero_at = pa;
        if (mark || (pa < pb && !zero))
            gift_piece_add(p, start, i, at, mark);
        if (i < b) {
            start = i + 1;
            at = i;
            mark = t->c[i];
        }
    }
}

/* Where to point at a piece: its mark, or its first character. */
static size_t gift_piece_pos(const GiftText *t, const GiftPiece *pc)
{
    if (pc->at != GIFT_NONE)
        return pc->at;
    size_t a = pc->a, b = pc->b;
    gift_trim(t, &a, &b);
    return a < t->n ? a : pc->a;
}

/* The number grammar PHP's is_numeric() accepts for decimal text:
 * [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)? */
static bool gift_number(const char *s, size_t n, double *out)
{
    size_t i = 0, digits = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (!digits)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            e++;
        if (!e)
            return false;
    }
    if (i != n)
        return false;
    /* strtod reads '.' as the decimal point: nothing in the kiosk calls
     * setlocale(), so LC_NUMERIC stays "C". */
    char *copy = mb_xstrndup(s, n);
    double v = strtod(copy, NULL);
    free(copy);
    if (!isfinite(v))
        return false;
    *out = v;
    return true;
}

/* What a '%' at the start of an answer is. */
typedef enum {
    W_TEXT,      /* no weight: Moodle keeps it as text, and so does the kiosk */
    W_OK,        /* a weight Moodle reads the same */
    W_RANGE,     /* Moodle reads it, but not from -100 to 100 */
    W_MINUS,     /* "%--50%": PHP cannot divide the text */
    W_NOT_MOODLE, /* "%100.0%", "%5O%": looks like one, Moodle keeps it as text */
    W_WORD        /* "%fifty%", "%PATH%": text in Moodle and here, with a warning */
} GiftWeightKind;

/* Reads a weight "%50%" at t[a, b) as Moodle's pattern
 * ^%-*[0-9]{1,2}\.?[0-9]*% reads it; *len gets its length. A '%', up to 12
 * letters, digits, '.' or '-', and a '%' that the pattern does not take is
 * W_NOT_MOODLE: Moodle would keep it as answer text, scoring 0, which is
 * how "%5O%" and "%100.0%" typos go unnoticed there. */
static GiftWeightKind gift_weight_scan(const GiftText *t, size_t a, size_t b, double *frac,
                                       size_t *len)
{
    if (a + 1 >= b || !gift_is(t, a, '%'))
        return W_TEXT;
    size_t e = a + 1;
    while (e < b && e - a <= 13 && !t->lit[e] &&
           ((t->c[e] >= '0' && t->c[e] <= '9') || (t->c[e] >= 'a' && t->c[e] <= 'z') ||
            (t->c[e] >= 'A' && t->c[e] <= 'Z') || t->c[e] == '.' || t->c[e] == '-'))
        e++;
    if (e >= b || e == a + 1 || !gift_is(t, e, '%'))
        return W_TEXT;
    *len = e + 1 - a;
    size_t i = a + 1, minus = 0, lead = 0, dots = 0, bad = 0;
    for (; i < e && t->c[i] == '-'; i++)
        minus++;
    for (; i < e && t->c[i] >= '0' && t->c[i] <= '9'; i++)
        lead++;
    for (size_t k = i; k < e; k++) {
        dots += t->c[k] == '.';
        bad += t->c[k] != '.' && (t->c[k] < '0' || t->c[k] > '9');
    }
    if (!lead && !minus && !dots && bad == e - a - 1)
        return W_WORD;
    /* digits, or 1-2 digits '.' digits */
    if (!lead || bad || dots > 1 || (dots && (lead > 2 || t->c[i] != '.')))
        return W_NOT_MOODLE;
    if (minus > 1)
        return W_MINUS;
    double v;
    if (!gift_number(t->c + a + 1, e - a - 1, &v) || fabs(v) > 100)
        return W_RANGE;
    *frac = v / 100;
    return W_OK;
}

/* Moodle's import keeps only the grades of its list (question_bank::
 * fraction_options_full, matched within 0.00001) unless the teacher picks
 * "nearest grade"; by default it refuses a question with another one. */
static void gift_weight_grade(GiftParser *p, const GiftText *t, size_t at, double frac)
{
    static const double grades[] = {1,   0.9, 0.8333333, 0.8,  0.75,      0.7,
                                    0.6666667, 0.6, 0.5,       0.4,  0.3333333, 0.3,
                                    0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111,
                                    0.1, 0.05, 0};
    for (size_t i = 0; i < MB_COUNT(grades); i++)
        if (fabs(fabs(frac) - grades[i]) < 0.00001)
            return;
    gift_diag_at(p, DIAG_WARNING, t, at,
                 "Moodle's grades are 100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, "
                 "33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5 and 0 percent, "
                 "and their negatives",
                 "Moodle refuses a weight of %g%% on import unless \"nearest grade\" is chosen; "
                 "the kiosk scores it as written",
                 frac * 100);
}

/* Applies a weight at the start of t[*a, b) to *frac; false after an error. */
static bool gift_weight(GiftParser *p, const GiftText *t, size_t *a, size_t b, double *frac)
{
    size_t len = 0;
    GiftWeightKind k = gift_weight_scan(t, *a, b, frac, &len);
    if (k == W_TEXT)
        return true;
    if (k == W_WORD) {
        char *w = gift_string(p, t, *a, *a + len);
        gift_diag_at(p, DIAG_WARNING, t, *a,
                     "a weight is written in digits, e.g. ~%50%half right",
                     "'%s' is not a weight: it stays part of the answer text (as in Moodle), "
                     "and the answer scores the default",
                     w);
        return true;
    }
    if (k == W_OK) {
        gift_weight_grade(p, t, *a, *frac);
        *a += len;
        return true;
    }
    char *w = gift_string(p, t, *a, *a + len);
    if (k == W_NOT_MOODLE)
        gift_diag_at(p, DIAG_ERROR, t, *a,
                     "a weight is a percentage from -100 to 100 in digits between '%' signs, "
                     "e.g. ~%50%half right or ~%33.333%; Moodle would keep it as answer text, "
                     "scoring 0%",
                     "'%s' is not a weight Moodle reads", w);
    else
        gift_diag_at(p, DIAG_ERROR, t, *a,
                     "a weight is a percentage from -100 to 100 between '%' signs, e.g. "
                     "~%50%half right; Moodle would refuse the question",
                     "bad weight '%s'", w);
    return false;
}

/* Moodle's commentparser: answer text, then feedback after the first '#'. */
static void gift_answer_text(GiftParser *p, const GiftText *t, size_t a, size_t b, TextFormat def,
                             Answer *an)
{
    size_t h = gift_find(t, a, b, "#");
    an->text = gift_field(p, t, a, h == GIFT_NONE ? b : h, def, &an->format);
    an->feedback_format = def;
    if (h != GIFT_NONE)
        an->feedback = gift_nonempty(gift_field(p, t, h + 1, b, def, &an->feedback_format));
}

static bool gift_answer_empty(GiftParser *p, const GiftText *t, size_t pos, const Answer *an)
{
    if (an->text[0])
        return false;
    gift_diag_at(p, DIAG_ERROR, t, pos,
                 "write the answer after its '~' or '='; a literal '~' or '=' "
                 "is written \\~ or \\=",
                 "empty answer");
    return true;
}

/* A leading "0" that Moodle dropped (PHP's empty("0")), said once. */
static void gift_zero_dropped(GiftParser *p, const GiftText *t, DiagLevel level)
{
    if (p->zero_at == GIFT_NONE)
        return;
    gift_diag_at(p, level, t, p->zero_at, "write =0 for the answer 0",
                 level == DIAG_ERROR
                     ? "Moodle reads a bare 0 as no answer at all (PHP takes \"0\" for empty) "
                       "and refuses the question"
                     : "Moodle leaves out a bare 0 before the first '~' or '=' (PHP takes "
                       "\"0\" for empty), and so does the kiosk");
}

/* An answer of a multiple-choice question with nothing in it: Moodle keeps
 * it from the import but leaves it out when it saves the question. "~=x"
 * (a '~' left before '=') is common and means "=x": nothing to say. */
static void gift_multichoice_empty(GiftParser *p, const GiftText *t, size_t i, const Answer *an)
{
    const GiftPiece *pc = &p->pieces[i];
    size_t pos = gift_piece_pos(t, pc);
    if (an->fraction > 0) {
        gift_diag_at(p, DIAG_ERROR, t, pos,
                     "write the right answer after its '='; Moodle would leave this answer out "
                     "and the question would have no right answer",
                     "empty right answer");
        return;
    }
    bool tilde_eq = i + 1 < p->npieces && p->pieces[i + 1].mark == '=' &&
                    p->pieces[i + 1].at == pc->at + 1 && !an->feedback;
    if (!tilde_eq)
        gift_diag_at(p, DIAG_WARNING, t, pos, "remove the '~', or write the answer after it",
                     "empty answer: left out, as Moodle leaves it out");
}

static void gift_multichoice(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b,
                             size_t open)
{
    q->type = gift_find(t, a, b, "=") == GIFT_NONE ? QT_MULTIRESPONSE : QT_MULTICHOICE;
    gift_split(p, t, a, b, "~=");
    gift_zero_dropped(p, t, DIAG_WARNING);
    double positive = 0;
    for (size_t i = 0; i < p->npieces; i++) {
        const GiftPiece *pc = &p->pieces[i];
        size_t pa = pc->a, pb = pc->b, pos = gift_piece_pos(t, pc), len;
        gift_trim(t, &pa, &pb);
        double frac = 0, ignored;
        if (pc->mark == '=') {
            frac = 1;
            if (gift_weight_scan(t, pa, pb, &ignored, &len) == W_OK)
                gift_diag_at(p, DIAG_WARNING, t, pos,
                             "for partial credit write ~%50%answer; after '=' the weight is "
                             "part of the answer text",
                             "'=%%...%%' does not set a weight in a multiple-choice question: "
                             "this answer scores 100%%");
        } else if (!gift_weight(p, t, &pa, pb, &frac)) {
            continue;
        }
        Answer an = {.fraction = frac};
        gift_answer_text(p, t, pa, pb, q->format, &an);
        if (!an.text[0]) {
            gift_multichoice_empty(p, t, i, &an);
            continue;
        }
        *gift_answer_new(p) = an;
        if (frac > 0)
            positive += frac;
    }
    if (!p->bad && p->nans < 2) {
        gift_diag_at(p, DIAG_ERROR, t, open, "add wrong answers with ~, e.g. {=right ~wrong}",
                     "a multiple-choice question needs at least 2 answers");
        return;
    }
    /* Moodle saves such a question with a notice; say it the same way. */
    if (q->type == QT_MULTIRESPONSE && !p->bad && fabs(round(positive * 100) / 100 - 1) > 1e-9)
        gift_diag_at(p, DIAG_WARNING, t, open,
                     "in a question without '=', give each right answer a weight, e.g. "
                     "{~%50%a ~%50%b ~%-100%c}",
                     "the positive weights add up to %g%%, not 100%%", positive * 100);
}

static void gift_matching(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b,
                          size_t open)
{
    q->type = QT_MATCHING;
    gift_split(p, t, a, b, "=");
    if (p->npieces < 2) {
        gift_diag_at(p, DIAG_ERROR, t, open, "write each pair as =left -> right",
                     "a matching question needs at least 2 items");
        return;
    }
    size_t pairs = 0;
    for (size_t i = 0; i < p->npieces; i++) {
        const GiftPiece *pc = &p->pieces[i];
        size_t pa = pc->a, pb = pc->b, pos = gift_piece_pos(t, pc);
        gift_trim(t, &pa, &pb);
        size_t arrow = gift_find(t, pa, pb, "->");
        if (arrow == GIFT_NONE) {
            gift_diag_at(p, DIAG_ERROR, t, pos,
                         "write =left -> right; an item without a left side (= -> right) is "
                         "a distractor",
                         "matching item without '->'");
            continue;
        }
        Answer *an = gift_answer_new(p);
        an->left = gift_field(p, t, pa, arrow, q->format, &an->format);
        an->text = gift_string(p, t, arrow + 2, pb);
        an->fraction = an->left[0] ? 1 : 0;
        pairs += an->left[0] != 0;
        if (!an->text[0])
            gift_diag_at(p, DIAG_ERROR, t, arrow, "write the matching answer after '->'",
                         "matching item with nothing after '->'");
    }
    if (!p->bad && pairs < 2)
        gift_diag_at(p, DIAG_ERROR, t, open, "distractors (= -> right) do not count as items",
                     "a matching question needs at least 2 items with a left side");
}

static void gift_truefalse(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b)
{
    q->type = QT_TRUEFALSE;
    size_t h1 = gift_find(t, a, b, "#");
    size_t h2 = h1 == GIFT_NONE ? GIFT_NONE : gift_find(t, h1 + 1, b, "#");
    TextFormat fmt, fmt_wrong = q->format, fmt_right = q->format;
    char *value = gift_field(p, t, a, h1 == GIFT_NONE ? b : h1, q->format, &fmt);
    char *wrong = NULL, *right = NULL;
    if (h1 != GIFT_NONE)
        wrong = gift_field(p, t, h1 + 1, h2 == GIFT_NONE ? b : h2, q->format, &fmt_wrong);
    if (h2 != GIFT_NONE)
        right = gift_field(p, t, h2 + 1, b, q->format, &fmt_right);
    q->tf_answer = !strcmp(value, "T") || !strcmp(value, "TRUE");
    q->tf_feedback_wrong = gift_nonempty(wrong);
    q->tf_feedback_right = gift_nonempty(right);
    /* Generic code lists answers: "true" and "false" with their scores and
     * the feedback shown when each is chosen. */
    for (int k = 0; k < 2; k++) {
        bool is_true = k == 0;
        Answer *an = gift_answer_new(p);
        an->text = arena_strdup(p->arena, is_true ? "true" : "false");
        an->format = q->format;
        an->fraction = is_true == q->tf_answer ? 1 : 0;
        an->feedback = is_true == q->tf_answer ? q->tf_feedback_right : q->tf_feedback_wrong;
        an->feedback_format = is_true == q->tf_answer ? fmt_right : fmt_wrong;
    }
}

static void gift_max_fraction_check(GiftParser *p, const GiftText *t, size_t open)
{
    double best = -INFINITY;
    for (size_t i = 0; i < p->nans; i++)
        if (!p->ans[i].catchall)
            best = MB_MAX(best, p->ans[i].fraction);
    /* Moodle saves such a question with the notice "one of the answers
     * should have a score of 100%". */
    if (!p->bad && best != 1)
        gift_diag_at(p, DIAG_WARNING, t, open, "an answer without a weight scores 100%",
                     "no answer scores 100%%");
}

static void gift_shortanswer(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b,
                             size_t open)
{
    q->type = QT_SHORTANSWER;
    gift_split(p, t, a, b, "=");
    if (!p->npieces) {
        gift_zero_dropped(p, t, DIAG_ERROR);
        return;
    }
    for (size_t i = 0; i < p->npieces; i++) {
        const GiftPiece *pc = &p->pieces[i];
        size_t pa = pc->a, pb = pc->b, pos = gift_piece_pos(t, pc);
        gift_trim(t, &pa, &pb);
        double frac = 1;
        if (!gift_weight(p, t, &pa, pb, &frac))
            continue;
        Answer *an = gift_answer_new(p);
        an->fraction = frac;
        gift_answer_text(p, t, pa, pb, q->format, an);
        gift_answer_empty(p, t, pos, an);
    }
    gift_max_fraction_check(p, t, open);
}

static void gift_not_number(GiftParser *p, const GiftText *t, size_t pos, const char *s, size_t n)
{
    char *copy = mb_xstrndup(s, n);
    gift_diag_at(p, DIAG_ERROR, t, pos,
                 "Moodle would silently accept it as a wildcard that matches any answer; "
                 "write a number such as 3, 3:0.5 (value:tolerance) or 3.1..3.2 (range)",
                 "'%.*s' is not a number", gift_quote_len(copy, 60), copy);
    free(copy);
}

static void gift_span_trim(const char **s, size_t *n)
{
    while (*n && gift_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n && gift_space((*s)[*n - 1]))
        (*n)--;
}

/* One numerical answer's text: "3", "3:2" (value:tolerance), "3.1..3.2"
 * (range: value = midpoint, tolerance = half-width) or "*" (any value). */
static void gift_numeric_value(GiftParser *p, const GiftText *t, size_t pos, Answer *an)
{
    const char *s = an->text;
    const char *dots = strstr(s, "..");
    const char *colon = strchr(s, ':');
    if (!strcmp(s, "*")) {
        an->catchall = true; /* Moodle stores "~#feedback" as this answer */
        return;
    }
    const char *x = s, *y = NULL;
    size_t xn = strlen(s), yn = 0;
    if (dots && dots > s) {
        xn = (size_t)(dots - s);
        y = dots + 2;
    } else if (colon && colon > s) {
        xn = (size_t)(colon - s);
        y = colon + 1;
    }
    double xv = 0, yv = 0;
    gift_span_trim(&x, &xn);
    if (!gift_number(x, xn, &xv)) {
        gift_not_number(p, t, pos, x, xn);
        return;
    }
    if (y) {
        yn = strlen(y);
        gift_span_trim(&y, &yn);
        if (!gift_number(y, yn, &yv)) {
            gift_not_number(p, t, pos, y, yn);
            return;
        }
    }
    if (dots && dots > s) {
        if (xv > yv) {
            gift_diag_at(p, DIAG_ERROR, t, pos, "write the range as low..high",
                         "the range starts above its end");
            return;
        }
        an->value = (xv + yv) / 2;
        an->tolerance = yv - an->value;
    } else {
        an->value = xv;
        an->tolerance = y ? yv : 0;
        if (an->tolerance < 0)
            gift_diag_at(p, DIAG_ERROR, t, pos,
                         "write value:tolerance with a tolerance of 0 or more",
                         "negative tolerance");
    }
    if (!isfinite(an->value) || !isfinite(an->tolerance))
        gift_diag_at(p, DIAG_ERROR, t, pos, NULL, "number out of range");
}

static void gift_numerical(GiftParser *p, const GiftText *t, Question *q, size_t a, size_t b,
                           size_t open)
{
    q->type = QT_NUMERICAL;
    a++; /* the '#' */
    size_t tilde = gift_find(t, a, b, "~");
    gift_split(p, t, a, tilde == GIFT_NONE ? b : tilde, "=");
    if (p->npieces == 0 && p->zero_at != GIFT_NONE) {
        gift_zero_dropped(p, t, DIAG_ERROR);
        return;
    }
    if (p->npieces == 0) {
        gift_diag_at(p, DIAG_ERROR, t, open, "e.g. {#3:0.5} or {#=3 =%50%4}",
                     "a numerical question needs at least one answer");
        return;
    }
    for (size_t i = 0; i < p->npieces; i++) {
        const GiftPiece *pc = &p->pieces[i];
        size_t pa = pc->a, pb = pc->b;
        gift_trim(t, &pa, &pb);
        double frac = 1;
        if (!gift_weight(p, t, &pa, pb, &frac))
            continue;
        size_t pos = pa < pb ? pa : gift_piece_pos(t, pc);
        Answer *an = gift_answer_new(p);
        an->fraction = frac;
        gift_answer_text(p, t, pa, pb, q->format, an);
        an->format = q->format;
        if (!gift_answer_empty(p, t, pos, an))
            gift_numeric_value(p, t, pos, an);
    }
    if (tilde != GIFT_NONE) {
        /* Moodle takes everything from the first '~' as the feedback for any
         * other value; text before its '#' is dropped. */
        size_t h = gift_find(t, tilde + 1, b, "#");
        size_t ja = tilde + 1, jb = h == GIFT_NONE ? b : h;
        gift_trim(t, &ja, &jb);
        if (ja < jb)
            gift_diag_at(p, DIAG_WARNING, t, ja, "write ~#feedback for any other value",
                         "text between '~' and '#' in a numerical question is ignored");
        Answer *an = gift_answer_new(p);
        an->text = arena_strdup(p->arena, "*");
        an->format = q->format;
        an->feedback_format = q->format;
        an->catchall = true;
        if (h != GIFT_NONE)
            an->feedback = gift_nonempty(
                gift_field(p, t, h + 1, b, q->format, &an->feedback_format));
    }
    gift_max_fraction_check(p, t, open);
}

/* Which kind of question the answer block t[aa, ab) makes, as Moodle's
 * readquestion decides it, and its answers; open is the block's '{'. */
void gift_answer_block(GiftParser *p, const GiftText *t, Question *q, size_t aa, size_t ab,
                       size_t open)
{
    if (aa == ab) {
        q->type = QT_ESSAY;
    } else if (gift_is(t, aa, '#')) {
        gift_numerical(p, t, q, aa, ab, open);
    } else if (gift_find(t, aa, ab, "~") != GIFT_NONE) {
        gift_multichoice(p, t, q, aa, ab, open);
    } else if (gift_find(t, aa, ab, "=") != GIFT_NONE && gift_find(t, aa, ab, "->") != GIFT_NONE) {
        gift_matching(p, t, q, aa, ab, open);
    } else {
        size_t ca = aa, cb = ab, h = gift_find(t, aa, ab, "#");
        if (h != GIFT_NONE)
            cb = h;
        gift_trim(t, &ca, &cb);
        static const char *const tf[] = {"T", "TRUE", "F", "FALSE"};
        bool is_tf = false;
        for (size_t i = 0; i < MB_COUNT(tf); i++)
            is_tf |= cb - ca == strlen(tf[i]) && !memcmp(t->c + ca, tf[i], cb - ca);
        if (is_tf)
            gift_truefalse(p, t, q, aa, ab);
        else
            gift_shortanswer(p, t, q, aa, ab, open);
    }
}
