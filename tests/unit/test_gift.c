/* Unit tests for the GIFT reader and writer (kiosk/pack/gift.c, gift_write.c):
 * one test per case FORMATS.md section 2 lists, every question type and rule
 * of Moodle's importer, located errors with exact line:col, Moodle's export
 * layout, and a parse -> write -> parse round trip. Regression tests are
 * named after what they guard. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <math.h>

#include "mingbai/pack.h"

#include "gift_parsed.h"

static void dump_diags(const Parsed *p)
{
    diags_print(&p->diags, stderr);
}

static const Diag *find_diag(const Parsed *p, DiagLevel level, const char *part)
{
    for (size_t i = 0; i < p->diags.count; i++) {
        const Diag *d = &p->diags.items[i];
        if (d->level == level && strstr(d->message, part))
            return d;
    }
    dump_diags(p);
    fail_msg("no diagnostic containing \"%s\"", part);
    return NULL;
}

static void assert_diag_at(const Parsed *p, DiagLevel level, int line, int col, const char *part)
{
    for (size_t i = 0; i < p->diags.count; i++) {
        const Diag *d = &p->diags.items[i];
        if (d->level == level && strstr(d->message, part) && d->line == line && d->col == col) {
            assert_string_equal(d->path, "t.gift");
            return;
        }
    }
    dump_diags(p);
    fail_msg("no diagnostic \"%s\" at %d:%d", part, line, col);
}

static void assert_no_warnings(const Parsed *p)
{
    if (p->diags.warnings)
        dump_diags(p);
    assert_int_equal(p->diags.warnings, 0);
}

static void assert_answer(const Answer *a, const char *text, double fraction, const char *feedback)
{
    assert_string_equal(a->text, text);
    assert_true(fabs(a->fraction - fraction) < EPS);
    if (feedback)
        assert_string_equal(a->feedback, feedback);
    else
        assert_null(a->feedback);
}

/* ---------------- comparison for round trips ---------------- */

static bool str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static void assert_str_same(const char *what, size_t i, const char *a, const char *b)
{
    if (!str_eq(a, b))
        fail_msg("question %zu: %s differs: [%s] vs [%s]", i, what, a ? a : "(null)",
                 b ? b : "(null)");
}

static void assert_questions_equal(const QuestionList *x, const QuestionList *y)
{
    assert_int_equal(x->count, y->count);
    for (size_t i = 0; i < x->count; i++) {
        const Question *a = &x->items[i], *b = &y->items[i];
        assert_int_equal(a->type, b->type);
        assert_str_same("id", i, a->id, b->id);
        assert_str_same("name", i, a->name, b->name);
        assert_str_same("text", i, a->text, b->text);
        assert_int_equal(a->format, b->format);
        assert_str_same("general feedback", i, a->general_feedback, b->general_feedback);
        if (a->general_feedback)
            assert_int_equal(a->feedback_format, b->feedback_format);
        assert_str_same("category", i, a->category, b->category);
        assert_str_same("source", i, a->source, b->source);
        assert_int_equal(a->fixed_order, b->fixed_order);
        assert_int_equal(a->ntags, b->ntags);
        for (size_t k = 0; k < a->ntags; k++)
            assert_str_same("tag", i, a->tags[k], b->tags[k]);
        assert_int_equal(a->tf_answer, b->tf_answer);
        assert_str_same("tf wrong", i, a->tf_feedback_wrong, b->tf_feedback_wrong);
        assert_str_same("tf right", i, a->tf_feedback_right, b->tf_feedback_right);
        assert_int_equal(a->nanswers, b->nanswers);
        for (size_t k = 0; k < a->nanswers; k++) {
            const Answer *p = &a->answers[k], *q = &b->answers[k];
            /* A numerical answer's text is how it was written ("3.1..3.2");
             * its meaning is value and tolerance. */
            if (a->type != QT_NUMERICAL)
                assert_str_same("answer text", i, p->text, q->text);
            assert_str_same("answer left", i, p->left, q->left);
            assert_str_same("answer feedback", i, p->feedback, q->feedback);
            if (p->feedback)
                assert_int_equal(p->feedback_format, q->feedback_format);
            assert_true(p->fraction == q->fraction);
            assert_int_equal(p->format, q->format);
            assert_true(p->value == q->value);
            assert_true(p->tolerance == q->tolerance);
            assert_int_equal(p->catchall, q->catchall);
        }
    }
}

/* Writes p's questions, parses the output and checks it gives the same. */
static void assert_round_trip(Parsed *p)
{
    StrBuf out = {0};
    pack_gift_write(&p->q, &out);
    Parsed again;
    parse(&again, out.data);
    if (again.errors) {
        fprintf(stderr, "%s", out.data);
        dump_diags(&again);
    }
    assert_int_equal(again.errors, 0);
    assert_questions_equal(&p->q, &again.q);
    parsed_free(&again);
    strbuf_free(&out);
}

/* ---------------- the cases FORMATS.md names ---------------- */

static void test_case_true_in_braces_is_shortanswer(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::q:: Q {true}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_SHORTANSWER);
    assert_string_equal(q->text, "Q");
    assert_int_equal(q->nanswers, 1);
    assert_answer(&q->answers[0], "true", 1, NULL);
    parsed_free(&p);
}

static void test_case_numerical_with_trailing_period_is_missing_word(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::pi:: Pi is about {#3.14}.");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_NUMERICAL);
    assert_string_equal(q->text, "Pi is about _____.");
    assert_int_equal(q->nanswers, 1);
    assert_true(fabs(q->answers[0].value - 3.14) < EPS);
    assert_true(q->answers[0].tolerance == 0);
    assert_true(q->answers[0].fraction == 1);
    parsed_free(&p);
}

static void test_case_backslashes_one_and_two_kept(void **state)
{
    (void)state;
    Parsed p;
    /* The GIFT text is: A \\ B \\\\ C{} */
    parse(&p, "::bs::A \\\\ B \\\\\\\\ C{}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_ESSAY);
    assert_string_equal(q->text, "A \\ B \\\\ C");
    parsed_free(&p);
}

static void test_case_escaped_equals_start_answer_texts(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::eq:: What is 2 + 2? { ~ \\= 2 + 2 = \\= 2 + 3 ~ \\= 2 + 4 }");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_MULTICHOICE);
    assert_int_equal(q->nanswers, 3);
    assert_answer(&q->answers[0], "= 2 + 2", 0, NULL);
    assert_answer(&q->answers[1], "= 2 + 3", 1, NULL);
    assert_answer(&q->answers[2], "= 2 + 4", 0, NULL);
    parsed_free(&p);
}

static void test_case_cjk_question_byte_safe(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::媒介素养::以下哪项是… {=选项甲 ~选项乙}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_MULTICHOICE);
    assert_string_equal(q->id, "媒介素养");
    assert_string_equal(q->name, "媒介素养");
    assert_string_equal(q->text, "以下哪项是…");
    assert_int_equal(q->nanswers, 2);
    assert_answer(&q->answers[0], "选项甲", 1, NULL);
    assert_answer(&q->answers[1], "选项乙", 0, NULL);
    parsed_free(&p);

    /* Columns count code points: the '{' is the 16th character. */
    parse(&p, "::媒介素养::以下哪项是… {=选项甲");
    assert_int_equal(p.errors, 1);
    assert_diag_at(&p, DIAG_ERROR, 1, 16, "missing '}'");
    parsed_free(&p);
}

static const char *const line_end_sample = "// [id:one]\n"
                                           "::Q1::First\n"
                                           "question{\n"
                                           "=right#yes\n"
                                           "~wrong}\n"
                                           "\n"
                                           "$CATEGORY: top/Unit 1\n"
                                           "\n"
                                           "::Q2:: Sure? {T}\n";

static char *replace_newlines(const char *s, const char *with)
{
    StrBuf b = {0};
    for (; *s; s++) {
        if (*s == '\n')
            strbuf_puts(&b, with);
        else
            strbuf_putc(&b, *s);
    }
    return b.data;
}

static void test_case_bom_crlf_and_cr_parse_the_same(void **state)
{
    (void)state;
    Parsed lf, other;
    parse(&lf, line_end_sample);
    assert_int_equal(lf.errors, 0);
    assert_int_equal(lf.q.count, 2);
    assert_string_equal(lf.q.items[0].text, "First\nquestion");
    char *crlf = replace_newlines(line_end_sample, "\r\n");
    char *cr = replace_newlines(line_end_sample, "\r");
    char *bom = mb_xasprintf("\xEF\xBB\xBF%s", crlf);
    const char *variants[] = {crlf, cr, bom};
    for (size_t i = 0; i < 3; i++) {
        parse(&other, variants[i]);
        assert_int_equal(other.errors, 0);
        assert_questions_equal(&lf.q, &other.q);
        for (size_t k = 0; k < lf.q.count; k++) {
            assert_int_equal(lf.q.items[k].line, other.q.items[k].line);
            assert_int_equal(lf.q.items[k].col, other.q.items[k].col);
        }
        parsed_free(&other);
    }
    free(crlf);
    free(cr);
    free(bom);
    parsed_free(&lf);
}

static void test_case_unclosed_brace_located(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "Q{=a");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    assert_diag_at(&p, DIAG_ERROR, 1, 2, "missing '}' closing the answer block");
    parsed_free(&p);

    parse(&p, "::ok:: Fine {T}\n\n// comment\n   ::q:: Q {=a\n~b");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 1);
    assert_diag_at(&p, DIAG_ERROR, 4, 12, "missing '}' closing the answer block");
    parsed_free(&p);
}

static void test_case_single_choice_answer_located(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "Q{~only one}");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    assert_diag_at(&p, DIAG_ERROR, 1, 2, "at least 2 answers");
    parsed_free(&p);
}

static void test_case_matching_item_without_arrow_located(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::m:: Match the capitals. {\n"
              "  =Canada -> Ottawa\n"
              "  =Italy Rome\n"
              "  =Japan -> Tokyo\n"
              "}");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    assert_diag_at(&p, DIAG_ERROR, 3, 3, "matching item without '->'");
    parsed_free(&p);
}

/* ---------------- every type ---------------- */

static void test_type_description(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::intro:: Read the next questions carefully.");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_DESCRIPTION);
    assert_string_equal(q->text, "Read the next questions carefully.");
    assert_int_equal(q->nanswers, 0);
    assert_false(question_type_scored(q->type));
    parsed_free(&p);

    /* An unnamed description is not an item with progress: no warning. */
    parse(&p, "Some instructions.");
    only(&p);
    assert_no_warnings(&p);
    parsed_free(&p);
}

static void test_type_essay(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "// essay\n::Q8:: How are you? {}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_ESSAY);
    assert_string_equal(q->text, "How are you?");
    assert_null(q->general_feedback);
    assert_false(question_type_scored(q->type));
    parsed_free(&p);

    parse(&p, "::e:: Discuss. {####Think of sponsors.}");
    q = only(&p);
    assert_int_equal(q->type, QT_ESSAY);
    assert_string_equal(q->general_feedback, "Think of sponsors.");
    parsed_free(&p);
}

static void test_type_multichoice(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::Q2:: What's between orange and green in the spectrum?\n"
              "{\n"
              "    =yellow # right; good!\n"
              "    ~red # [html]wrong, it's yellow\n"
              "    ~[plain]blue # wrong, it's yellow\n"
              "}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_MULTICHOICE);
    assert_true(question_type_scored(q->type));
    assert_string_equal(q->text, "What's between orange and green in the spectrum?");
    assert_int_equal(q->nanswers, 3);
    assert_answer(&q->answers[0], "yellow", 1, "right; good!");
    assert_answer(&q->answers[1], "red", 0, "wrong, it's yellow");
    assert_answer(&q->answers[2], "blue", 0, "wrong, it's yellow");
    assert_int_equal(q->answers[0].format, TF_MOODLE);
    assert_int_equal(q->answers[2].format, TF_PLAIN);
    assert_no_warnings(&p);
    parsed_free(&p);
}

static void test_type_multiresponse_when_no_equals(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::colours:: What's between orange and green?\n"
              "{\n"
              "    ~%50%yellow # right; good!\n"
              "    ~%-100%red # [html]wrong\n"
              "    ~%50%off-beige # right; good!\n"
              "    ~%-100%[plain]blue # wrong\n"
              "}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_MULTIRESPONSE);
    assert_string_equal(question_type_name(q->type), "multiresponse");
    assert_int_equal(q->nanswers, 4);
    assert_answer(&q->answers[0], "yellow", 0.5, "right; good!");
    assert_answer(&q->answers[1], "red", -1, "wrong");
    assert_answer(&q->answers[2], "off-beige", 0.5, "right; good!");
    assert_answer(&q->answers[3], "blue", -1, "wrong");
    assert_int_equal(q->answers[3].format, TF_PLAIN);
    assert_no_warnings(&p);
    parsed_free(&p);

    /* One '=' anywhere, even in what looks like feedback, makes it single
     * choice: an unescaped '=' starts a new answer. */
    parse(&p, "::c:: Q {~%100%a#see = b ~c}");
    q = only(&p);
    assert_int_equal(q->type, QT_MULTICHOICE);
    assert_int_equal(q->nanswers, 3);
    assert_answer(&q->answers[0], "a", 1, "see");
    assert_answer(&q->answers[1], "b", 1, NULL);
    parsed_free(&p);

    /* Moodle saves these with a notice; the kiosk warns. */
    parse(&p, "::d:: Q {~%50%a ~b ~c}");
    only(&p);
    find_diag(&p, DIAG_WARNING, "add up to 50%");
    parsed_free(&p);
}

static void test_type_truefalse(void **state)
{
    (void)state;
    static const struct {
        const char *block;
        bool answer;
    } cases[] = {{"{T}", true}, {"{TRUE}", true}, {"{F}", false}, {"{FALSE}", false}};
    for (size_t i = 0; i < MB_COUNT(cases); i++) {
        Parsed p;
        char *text = mb_xasprintf("::tf:: TSL is blablabla.%s", cases[i].block);
        parse(&p, text);
        const Question *q = only(&p);
        assert_int_equal(q->type, QT_TRUEFALSE);
        assert_int_equal(q->tf_answer, cases[i].answer);
        assert_string_equal(q->text, "TSL is blablabla.");
        assert_null(q->tf_feedback_wrong);
        assert_null(q->tf_feedback_right);
        parsed_free(&p);
        free(text);
    }
}

static void test_truefalse_not_tf_value_is_shortanswer_not_error(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::a:: Q {True}\n\n::b:: Q {yes#fb}\n\n::c:: Q {t}");
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(p.q.items[i].type, QT_SHORTANSWER);
    assert_answer(&p.q.items[1].answers[0], "yes", 1, "fb");
    parsed_free(&p);
}

static void test_truefalse_feedback_order(void **state)
{
    (void)state;
    Parsed p;
    /* Moodle: {answer#shown when wrong#shown when right} */
    parse(&p, "::Q1:: 42 is the Absolute Answer to everything.{\n"
              "FALSE#42 is the Ultimate Answer.#You gave the right answer.}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_TRUEFALSE);
    assert_false(q->tf_answer);
    assert_string_equal(q->tf_feedback_wrong, "42 is the Ultimate Answer.");
    assert_string_equal(q->tf_feedback_right, "You gave the right answer.");
    /* Generic code sees two answers with the feedback shown when chosen. */
    assert_int_equal(q->nanswers, 2);
    assert_answer(&q->answers[0], "true", 0, "42 is the Ultimate Answer.");
    assert_answer(&q->answers[1], "false", 1, "You gave the right answer.");
    parsed_free(&p);

    parse(&p, "::Q2:: Sky is blue. {TRUE##Well done.####Rayleigh scattering.}");
    q = only(&p);
    assert_true(q->tf_answer);
    assert_null(q->tf_feedback_wrong);
    assert_string_equal(q->tf_feedback_right, "Well done.");
    assert_string_equal(q->general_feedback, "Rayleigh scattering.");
    assert_answer(&q->answers[0], "true", 1, "Well done.");
    assert_answer(&q->answers[1], "false", 0, NULL);
    parsed_free(&p);
}

static void test_type_matching_with_distractor(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::Moodle activities::[html]Match the <b>activity</b> to the description.{\n"
              "    =[html]An activity supporting asynchronous discussions. -> Forum\n"
              "    =[moodle]A teacher asks a question. -> Choice\n"
              "    =[plain]A bank of record entries. -> Database\n"
              "    =[markdown]Web pages anyone can edit. -> Wiki\n"
              "    = -> Chat\n"
              "}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_MATCHING);
    assert_string_equal(question_type_name(q->type), "match");
    assert_int_equal(q->format, TF_HTML);
    assert_string_equal(q->text, "Match the <b>activity</b> to the description.");
    assert_int_equal(q->nanswers, 5);
    assert_string_equal(q->answers[0].left, "An activity supporting asynchronous discussions.");
    assert_string_equal(q->answers[0].text, "Forum");
    assert_int_equal(q->answers[0].format, TF_HTML);
    assert_int_equal(q->answers[1].format, TF_MOODLE);
    assert_int_equal(q->answers[2].format, TF_PLAIN);
    assert_int_equal(q->answers[3].format, TF_MARKDOWN);
    assert_string_equal(q->answers[4].left, "");
    assert_string_equal(q->answers[4].text, "Chat");
    assert_true(q->answers[4].fraction == 0);
    assert_int_equal(q->answers[4].format, TF_HTML);
    parsed_free(&p);
}

static void test_matching_needs_two_items(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::m:: Q {=a -> b}");
    assert_int_equal(p.errors, 1);
    assert_diag_at(&p, DIAG_ERROR, 1, 9, "at least 2 items");
    parsed_free(&p);

    parse(&p, "::m:: Q {=a -> b = -> c}");
    assert_int_equal(p.errors, 1);
    find_diag(&p, DIAG_ERROR, "at least 2 items with a left side");
    parsed_free(&p);
}

static void test_type_shortanswer(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::Shortanswer::Which is the best animal?{\n"
              "    =Frog#Good!\n"
              "    =%50%Cat#What is it with Moodlers and cats?\n"
              "    =%0%*#Completely wrong\n"
              "    ####[html]Here is some general feedback!\n"
              "}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_SHORTANSWER);
    assert_int_equal(q->nanswers, 3);
    assert_answer(&q->answers[0], "Frog", 1, "Good!");
    assert_answer(&q->answers[1], "Cat", 0.5, "What is it with Moodlers and cats?");
    /* The wildcard is stored as written; matching is learn's job. */
    assert_answer(&q->answers[2], "*", 0, "Completely wrong");
    assert_string_equal(q->general_feedback, "Here is some general feedback!");
    parsed_free(&p);

    parse(&p, "::g:: Who's buried in Grant's tomb?{Grant}");
    q = only(&p);
    assert_int_equal(q->type, QT_SHORTANSWER);
    assert_int_equal(q->nanswers, 1);
    assert_answer(&q->answers[0], "Grant", 1, NULL);
    assert_string_equal(q->text, "Who's buried in Grant's tomb?");
    parsed_free(&p);

    parse(&p, "::s:: Two plus {=two =2} equals four.");
    q = only(&p);
    assert_string_equal(q->text, "Two plus _____ equals four.");
    assert_int_equal(q->nanswers, 2);
    parsed_free(&p);
}

static void test_type_numerical(void **state)
{
    (void)state;
    Parsed p;
    parse(&p,
          "// math range question\n::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_NUMERICAL);
    assert_int_equal(q->nanswers, 2);
    assert_true(q->answers[0].value == 3 && q->answers[0].tolerance == 2);
    assert_true(q->answers[0].fraction == 1);
    assert_false(q->answers[0].catchall);
    assert_true(q->answers[1].catchall);
    assert_answer(&q->answers[1], "*", 0, "Completely wrong");
    parsed_free(&p);
}

static void test_numerical_range_is_midpoint_and_half_width(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::r:: Pi? {#3.141..3.142}");
    const Question *q = only(&p);
    assert_true(fabs(q->answers[0].value - 3.1415) < 1e-12);
    assert_true(fabs(q->answers[0].tolerance - 0.0005) < 1e-12);
    parsed_free(&p);

    parse(&p, "::r:: Q {#5..1}");
    assert_int_equal(p.errors, 1);
    find_diag(&p, DIAG_ERROR, "range starts above its end");
    parsed_free(&p);
}

static void test_numerical_weighted_answers_and_catchall(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::grant:: When was Ulysses S. Grant born? {#\n"
              "    =1822:0      # Correct! Full credit.\n"
              "    =%50%1822:2  # He was born in 1822. Half credit for being close.\n"
              "    ~#Not even close.\n"
              "}");
    const Question *q = only(&p);
    assert_int_equal(q->nanswers, 3);
    assert_true(q->answers[0].value == 1822 && q->answers[0].tolerance == 0);
    assert_answer(&q->answers[0], "1822:0", 1, "Correct! Full credit.");
    assert_true(q->answers[1].value == 1822 && q->answers[1].tolerance == 2);
    assert_true(q->answers[1].fraction == 0.5);
    assert_true(q->answers[2].catchall);
    assert_string_equal(q->answers[2].feedback, "Not even close.");
    assert_no_warnings(&p);
    parsed_free(&p);

    parse(&p, "::n:: Q {#-1.5e3:+.5}");
    q = only(&p);
    assert_true(q->answers[0].value == -1500 && q->answers[0].tolerance == 0.5);
    parsed_free(&p);
}

static void test_numerical_non_numeric_is_error_not_wildcard(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::n:: How many? {#abc}");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    const Diag *d = find_diag(&p, DIAG_ERROR, "'abc' is not a number");
    assert_int_equal(d->line, 1);
    assert_int_equal(d->col, 19);
    assert_non_null(d->hint);
    assert_non_null(strstr(d->hint, "wildcard"));
    parsed_free(&p);

    parse(&p, "::n:: Q {#3:x}\n\n::m:: Q {#1..two}\n\n::k:: Q {#}");
    assert_int_equal(p.errors, 3);
    assert_diag_at(&p, DIAG_ERROR, 1, 11, "'x' is not a number");
    assert_diag_at(&p, DIAG_ERROR, 3, 11, "'two' is not a number");
    assert_diag_at(&p, DIAG_ERROR, 5, 9, "needs at least one answer");
    parsed_free(&p);
}

/* ---------------- rules ---------------- */

static void test_weights(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::w:: Q {\n"
              "~%33.33333%a\n"
              "~%33.33333%b\n"
              "~%33.33333%c\n"
              "~%-100%d\n"
              "~%0%e\n"
              "}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_MULTIRESPONSE);
    assert_true(fabs(q->answers[0].fraction - 0.3333333) < 1e-12);
    assert_true(q->answers[3].fraction == -1);
    assert_true(q->answers[4].fraction == 0);
    /* 3 x 33.33333% rounds to 100%, as in Moodle. */
    assert_no_warnings(&p);
    parsed_free(&p);
}

static void test_bad_weight_is_error(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::w:: Q {=a ~%5O%b}\n\n::x:: Q {=%150%a}\n\n::y:: Q {~%--50%a ~%50%b}");
    assert_int_equal(p.errors, 3);
    assert_int_equal(p.q.count, 0);
    assert_diag_at(&p, DIAG_ERROR, 1, 14, "'%5O%' is not a weight Moodle reads");
    assert_diag_at(&p, DIAG_ERROR, 3, 11, "bad weight");
    assert_diag_at(&p, DIAG_ERROR, 5, 11, "bad weight");
    parsed_free(&p);

    /* A '%' without a closing one is text, as in Moodle; "%.5%" looks like
     * a weight that Moodle does not read. */
    parse(&p, "::t:: Q {=a ~%off ~%.5%x}");
    assert_int_equal(p.errors, 1);
    assert_diag_at(&p, DIAG_ERROR, 1, 20, "'%.5%' is not a weight Moodle reads");
    parsed_free(&p);
    parse(&p, "::t:: Q {=a ~%off ~x}");
    const Question *q = only(&p);
    assert_answer(&q->answers[1], "%off", 0, NULL);
    parsed_free(&p);
}

static void test_equals_weight_not_weighted_in_multichoice(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::mc:: Q {=%50%half ~other}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_MULTICHOICE);
    assert_answer(&q->answers[0], "%50%half", 1, NULL);
    assert_diag_at(&p, DIAG_WARNING, 1, 11, "does not set a weight");
    parsed_free(&p);
}

static void test_empty_answer_is_error(void **state)
{
    (void)state;
    Parsed p;
    /* Moodle leaves an empty wrong answer out (tests/unit/test_gift_moodle.c);
     * an empty short answer would be a right answer nobody can give. */
    parse(&p, "::e:: Q {=a =}");
    assert_int_equal(p.errors, 1);
    assert_diag_at(&p, DIAG_ERROR, 1, 13, "empty answer");
    parsed_free(&p);
}

static void test_categories(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::a:: before {}\n\n"
              "// switch\n$CATEGORY: $course$/top/Unit 1  \n\n"
              "::b:: one {}\n\n"
              "::c:: two {}\n\n"
              "$CATEGORY:top/Unit 2\n\n"
              "::d:: three {}");
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 4);
    assert_null(p.q.items[0].category);
    assert_string_equal(p.q.items[1].category, "$course$/top/Unit 1");
    assert_string_equal(p.q.items[2].category, "$course$/top/Unit 1");
    assert_string_equal(p.q.items[3].category, "top/Unit 2");
    assert_round_trip(&p);
    parsed_free(&p);
}

static void test_id_and_tags_from_comments(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "// This question is to test importing tags: [tag:tag] [tag:other-tag].\n"
              "// And an idnumber: [id:myid]. [id:second] is ignored\n"
              "::Question name:: How are you? {}");
    const Question *q = only(&p);
    assert_string_equal(q->id, "myid");
    assert_string_equal(q->name, "Question name");
    assert_int_equal(q->ntags, 2);
    assert_string_equal(q->tags[0], "tag");
    assert_string_equal(q->tags[1], "other-tag");
    parsed_free(&p);

    /* Moodle's extract_idnumber_and_tags_from_comment cases. */
    parse(&p, "// [tag:  basic] Here is  \n// a [id:   four   ] que[tag:add   ]stion.\n::n:: Q{}");
    q = only(&p);
    assert_string_equal(q->id, "four");
    assert_int_equal(q->ntags, 2);
    assert_string_equal(q->tags[0], "basic");
    assert_string_equal(q->tags[1], "add");
    parsed_free(&p);

    parse(&p, "// [id:i\\]d] [tag:t\\]ag] [tag:a<b] [id:x]\n::n:: Q{}");
    q = only(&p);
    assert_string_equal(q->id, "i]d");
    assert_int_equal(q->ntags, 1);
    assert_string_equal(q->tags[0], "t]ag");
    assert_round_trip(&p);
    parsed_free(&p);

    /* No name: the [id:] is the id; neither: no id and a warning. */
    parse(&p, "// [id:only-id]\nQ {T}");
    q = only(&p);
    assert_string_equal(q->id, "only-id");
    assert_null(q->name);
    assert_no_warnings(&p);
    parsed_free(&p);
}

static void test_comment_meta_in_a_block_without_question_warns(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "// [id:lost]\n\n::q:: Q {T}");
    const Question *q = only(&p);
    assert_string_equal(q->id, "q");
    assert_diag_at(&p, DIAG_WARNING, 1, 1, "ignored");
    parsed_free(&p);
}

static void test_source_comment(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "// [id:a1] [tag:wechat]  Source:  Wikipedia, \"WeChat\" (A1)  \n"
              "// source: second one is ignored\n"
              "::q:: WeChat was released in {#2011}.");
    const Question *q = only(&p);
    assert_string_equal(q->source, "Wikipedia, \"WeChat\" (A1)");
    assert_string_equal(q->id, "a1");
    assert_int_equal(q->ntags, 1);
    parsed_free(&p);

    parse(&p, "// see source: not at the start\n::q:: Q {T}");
    q = only(&p);
    assert_null(q->source);
    parsed_free(&p);
}

/* "// order: fixed" keeps the answers as written; anything else after
 * "order:" changes nothing. Written back on export. */
static void test_order_comment(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "// [id:a1] order: Fixed \n// source: S\n::q:: Q {=a ~b ~c}\n\n"
              "// order: shuffled\n::r:: R {=a ~b}\n\n::s:: S {=a ~b}");
    assert_int_equal(p.q.count, 3);
    assert_true(p.q.items[0].fixed_order);
    assert_string_equal(p.q.items[0].source, "S");
    assert_false(p.q.items[1].fixed_order);
    assert_false(p.q.items[2].fixed_order);
    StrBuf out = {0};
    pack_gift_write(&p.q, &out);
    assert_non_null(strstr(out.data, "// order: fixed\n// source: S\n"));
    assert_null(strstr(strstr(out.data, "// order: fixed") + 1, "// order: fixed"));
    strbuf_free(&out);
    parsed_free(&p);
}

static void test_formats(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::f::[markdown]*Bold* question{=[html]<b>a</b>#[plain]fb ~b ####gf}");
    const Question *q = only(&p);
    assert_int_equal(q->format, TF_MARKDOWN);
    assert_string_equal(q->text, "*Bold* question");
    assert_int_equal(q->answers[0].format, TF_HTML);
    assert_string_equal(q->answers[0].text, "<b>a</b>");
    assert_string_equal(q->answers[0].feedback, "fb");
    assert_int_equal(q->answers[1].format, TF_MARKDOWN);
    assert_string_equal(q->general_feedback, "gf");
    assert_string_equal(text_format_name(TF_MOODLE), "moodle");
    assert_string_equal(text_format_name(TF_MARKDOWN), "markdown");
    parsed_free(&p);

    /* Unknown [x] stays text, and so does a known one not at the start. */
    parse(&p, "::u::[note] see [html]{T}");
    q = only(&p);
    assert_int_equal(q->format, TF_MOODLE);
    assert_string_equal(q->text, "[note] see [html]");
    parsed_free(&p);
}

static void test_escapes(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::e\\:x:: Line one\\nline two \\{x\\} \\~ \\# \\= \\[y\\] \\% {=a\\#b#fb\\: c ~d}");
    const Question *q = only(&p);
    assert_string_equal(q->name, "e:x");
    assert_string_equal(q->text, "Line one\nline two {x} ~ # = \\[y\\] \\%");
    assert_answer(&q->answers[0], "a#b", 1, "fb: c");
    parsed_free(&p);

    /* "\\" comes first: "\\{" is a backslash and then a real brace. */
    parse(&p, "::b:: Q \\\\{=a ~b}");
    q = only(&p);
    assert_string_equal(q->text, "Q \\");
    parsed_free(&p);
}

static void test_name_without_closing_colons_is_not_a_name(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::abc Q {T}");
    const Question *q = only(&p);
    assert_null(q->name);
    assert_null(q->id);
    assert_string_equal(q->text, "abc Q");
    find_diag(&p, DIAG_WARNING,
              "question has no ::id::, progress cannot be kept across pack versions");
    parsed_free(&p);
}

static void test_general_feedback_takes_last_four_hashes(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::g:: Q {=a#x####not gf ~b ####real gf}");
    const Question *q = only(&p);
    assert_string_equal(q->general_feedback, "real gf");
    assert_string_equal(q->answers[0].feedback, "x####not gf");
    parsed_free(&p);
}

static void test_comments_and_positions(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "\n\n// a comment\n   // indented comment\n  ::q:: A // not a comment\n"
              "// between\n{=a ~b}");
    const Question *q = only(&p);
    assert_int_equal(q->line, 5);
    assert_int_equal(q->col, 3);
    assert_string_equal(q->text, "A // not a comment");
    parsed_free(&p);
}

static void test_no_id_warning_and_duplicate_id_error(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "Unnamed {T}");
    only(&p);
    assert_diag_at(&p, DIAG_WARNING, 1, 1,
                   "question has no ::id::, progress cannot be kept across pack versions");
    parsed_free(&p);

    /* Moodle imports both; the repeat gets an id of its own. */
    parse(&p, "::same:: A {T}\n\n::other:: B {T}\n\n::same:: C {F}");
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 3);
    const Diag *d = find_diag(&p, DIAG_WARNING, "id 'same' is used again (first on line 1)");
    assert_int_equal(d->line, 5);
    assert_string_equal(p.q.items[2].id, "same (2)");
    assert_string_equal(p.q.items[2].name, "same");
    parsed_free(&p);
}

static void test_brace_errors(void **state)
{
    (void)state;
    Parsed p;
    parse(&p,
          "::a:: Q } {=x ~y}\n\n::b:: Q {=x ~y} and {=z ~w}\n\n::c:: Q {=x {~y}\n\n::d:: Q =x}");
    assert_int_equal(p.errors, 4);
    assert_int_equal(p.q.count, 0);
    assert_diag_at(&p, DIAG_ERROR, 1, 9, "'}' without an opening '{'");
    assert_diag_at(&p, DIAG_ERROR, 3, 21, "more than one answer block");
    assert_diag_at(&p, DIAG_ERROR, 5, 13, "'{' inside an answer block");
    assert_diag_at(&p, DIAG_ERROR, 7, 11, "'}' without an opening '{'");
    parsed_free(&p);
}

static void test_errors_from_several_blocks_in_one_run(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::ok1:: Good {T}\n"
              "\n"
              "::bad1:: Q{=a\n"
              "\n"
              "::ok2:: Good {=a ~b}\n"
              "\n"
              "::bad2:: Q{~only one}\n"
              "\n"
              "::bad3:: Q {\n"
              "  =a -> 1\n"
              "  =b 2\n"
              "}\n"
              "\n"
              "::bad4:: Q {#abc}\n"
              "\n"
              "::ok3:: Good {#1}\n");
    assert_int_equal(p.errors, 4);
    assert_int_equal(p.diags.errors, 4);
    assert_int_equal(p.q.count, 3);
    assert_string_equal(p.q.items[0].id, "ok1");
    assert_string_equal(p.q.items[1].id, "ok2");
    assert_string_equal(p.q.items[2].id, "ok3");
    assert_diag_at(&p, DIAG_ERROR, 3, 11, "missing '}'");
    assert_diag_at(&p, DIAG_ERROR, 7, 11, "at least 2 answers");
    assert_diag_at(&p, DIAG_ERROR, 11, 3, "without '->'");
    assert_diag_at(&p, DIAG_ERROR, 14, 14, "'abc' is not a number");
    parsed_free(&p);
}

static void test_invalid_utf8_and_nul_located(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::a:: good {T}\n\n::b:: 好 \xC3\x28 bad {T}\n\n::c:: fine {F}");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 2);
    assert_diag_at(&p, DIAG_ERROR, 3, 9, "invalid UTF-8");
    parsed_free(&p);

    static const char nul[] = "::a:: x\0y {T}";
    parse_n(&p, nul, sizeof nul - 1);
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    assert_diag_at(&p, DIAG_ERROR, 1, 8, "NUL byte");
    parsed_free(&p);
}

static void test_buffer_not_nul_terminated(void **state)
{
    (void)state;
    static const char *const texts[] = {"::q:: Q {=a ~b}", "Q{",        "::q",
                                        "// [id:x\\",      "\\",        "::q:: Q {#1..",
                                        "\xEF\xBB",        "$CATEGORY:"};
    for (size_t i = 0; i < MB_COUNT(texts); i++) {
        size_t n = strlen(texts[i]);
        char *exact = mb_xmalloc(n ? n : 1); /* ASan catches any read past n */
        memcpy(exact, texts[i], n);
        Parsed p;
        parse_n(&p, exact, n);
        parsed_free(&p);
        free(exact);
    }
    Parsed p;
    parse_n(&p, NULL, 0);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 0);
    parsed_free(&p);
}

static void test_only_comments_and_blank_lines(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "\n\n// nothing here\n   \n\t\n// still nothing");
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 0);
    assert_int_equal(p.diags.count, 0);
    parsed_free(&p);
}

static void test_type_names(void **state)
{
    (void)state;
    assert_string_equal(question_type_name(QT_DESCRIPTION), "description");
    assert_string_equal(question_type_name(QT_ESSAY), "essay");
    assert_string_equal(question_type_name(QT_MULTICHOICE), "multichoice");
    assert_string_equal(question_type_name(QT_TRUEFALSE), "truefalse");
    assert_string_equal(question_type_name(QT_SHORTANSWER), "shortanswer");
    assert_string_equal(question_type_name(QT_NUMERICAL), "numerical");
    assert_true(question_type_scored(QT_NUMERICAL));
    assert_false(question_type_scored(QT_ESSAY));
}

/* ---------------- the writer ---------------- */

/* Parses Moodle-exported GIFT and checks that writing it gives the same text
 * (the layouts of Moodle's own giftformat_test.php). */
static void assert_writes_back(const char *gift)
{
    Parsed p;
    parse(&p, gift);
    assert_int_equal(p.errors, 0);
    StrBuf out = {0};
    pack_gift_write(&p.q, &out);
    assert_string_equal(out.data, gift);
    strbuf_free(&out);
    parsed_free(&p);
}

static void test_writer_moodle_layouts(void **state)
{
    (void)state;
    assert_writes_back("// question: 1  name: Q8\n::Q8::How are you?{}\n\n");
    assert_writes_back("// question: 1  name: Q8\n"
                       "::Q8::What's between orange and green in the spectrum?{\n"
                       "\t=yellow#right; good!\n"
                       "\t~red#wrong, it's yellow\n"
                       "\t~[plain]blue#wrong, it's yellow\n"
                       "}\n\n");
    assert_writes_back("// question: 1  name: Q8\n"
                       "::Q8::What's between orange and green in the spectrum?{\n"
                       "\t~%100%yellow#right; good!\n"
                       "\t~%-50%red#wrong, it's yellow\n"
                       "\t~%-50%blue#wrong, it's yellow\n"
                       "}\n\n");
    assert_writes_back("// question: 1  name: Q5\n"
                       "::Q5::What is a number from 1 to 5?{#\n"
                       "\t=%100%3:2#\n"
                       "\t~#Completely wrong\n"
                       "}\n\n");
    assert_writes_back("// question: 1  name: Shortanswer\n"
                       "::Shortanswer::Which is the best animal?{\n"
                       "\t=%100%Frog#Good!\n"
                       "\t=%50%Cat#What is it with Moodlers and cats?\n"
                       "\t=%0%*#Completely wrong\n"
                       "\t####Here is some general feedback!\n"
                       "}\n\n");
    assert_writes_back("// question: 1  name: Q1\n"
                       "::Q1::42 is the Absolute Answer to everything.{TRUE#42 is the Ultimate "
                       "Answer.#You gave the right answer.}\n\n");
    assert_writes_back("// question: 1  name: backslash\n::backslash::A \\\\ B \\\\\\\\ C{}\n\n");
    assert_writes_back(
        "// question: 1  name: Moodle activities\n"
        "::Moodle activities::[html]Match the <b>activity</b> to the description.{\n"
        "\t=<div class\\=\"frog\">An activity supporting asynchronous discussions.</div> -> Forum\n"
        "\t=[moodle]A teacher asks a question. -> Choice\n"
        "\t=[plain]A bank of record entries. -> Database\n"
        "\t=[markdown]Web pages anyone can edit. -> Wiki\n"
        "\t= -> Chat\n"
        "}\n\n");
    assert_writes_back("// question: 1  name: True/false question\n"
                       "// [id:myid] [tag:tag1] [tag:tag2]\n"
                       "::True/false question::[html]The answer is true.{TRUE#This is the wrong "
                       "answer.#This is the right answer.####You should have selected true.}\n\n");
}

/* Numbers are written as a teacher writes them, never with an exponent:
 * 2020 came out as "2.02e+03" (issue 11, item 12). */
static void test_writer_numbers_without_exponent(void **state)
{
    (void)state;
    assert_writes_back("// question: 1  name: year\n"
                       "::year::In which year?{#\n"
                       "\t=%100%2020:0#\n"
                       "\t=%50%2019.5:0.25#\n"
                       "\t=%10%-1500000:100000#\n"
                       "\t=%5%0.0001:0.00005#\n"
                       "}\n\n");
}

static void test_writer_escapes_and_source(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "// source: A1 [V]\n::a\\:b:: x \\{y\\} \\~ \\= \\# z\\nw {=1 ~2}");
    StrBuf out = {0};
    pack_gift_write(&p.q, &out);
    assert_non_null(strstr(out.data, "// source: A1 [V]\n"));
    assert_non_null(strstr(out.data, "::a\\:b::x \\{y\\} \\~ \\= \\# z\\nw{"));
    strbuf_free(&out);
    assert_round_trip(&p);
    parsed_free(&p);
}

static const char *const every_type =
    "// A file that uses every type and rule, for the round trip.\n"
    "::intro::[html]<p>Read carefully.</p>\n"
    "\n"
    "$CATEGORY: $course$/top/媒介素养\n"
    "\n"
    "// [id:mc-1] [tag:platforms] [tag:a\\]b]\n"
    "// source: Tencent 2023 annual report (A5)\n"
    "::WeChat MAU::How many? {\n"
    "  =1.343 billion#Right: accounts, not people.\n"
    "  ~%-50%[plain]2 billion#Too high.\n"
    "  ~1 billion\n"
    "  ####[markdown]*Accounts* are not users.\n"
    "}\n"
    "\n"
    "::mr::Pick two {~%50%a ~%50%b ~%-100%c#no}\n"
    "\n"
    "::tf1::The Party account opened in 2014. {TRUE#It did.#Yes.####See B1.}\n"
    "\n"
    "::tf2::Nothing to add. {F}\n"
    "\n"
    "::tf3::Only right feedback. {T##good}\n"
    "\n"
    "::match::Match: {\n"
    "  =Weixin -> mainland number\n"
    "  =WeChat -> other numbers\n"
    "  =[html]<i>QQ</i> -> older\n"
    "  = -> none\n"
    "}\n"
    "\n"
    "::sa::Who built it? {=Zhang Xiaolong#yes =%50%Allen Zhang =%0%*#no}\n"
    "\n"
    "::sa-arrow::Arrow? {a->b}\n"
    "\n"
    "::num::Year? {#=2011:0#exact =%50%2010..2012#close ~#no}\n"
    "\n"
    "::num2::Pi is {#3.141..3.142} more or less.\n"
    "\n"
    "::essay::Discuss\\: who benefits? {####Think of the sponsor.}\n"
    "\n"
    "::tricky::[moodle][html] is text; 50\\% \\[x\\] a \\\\ b \\n c {=%50%x ~%0%%y ~\\=z}\n"
    "\n"
    "$CATEGORY: $course$/top/Other\n"
    "\n"
    "::last:: Ends with a brace \\} {T}\n";

static void test_round_trip_every_type(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, every_type);
    if (p.errors)
        dump_diags(&p);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 14);
    bool seen[QT_COUNT] = {0};
    for (size_t i = 0; i < p.q.count; i++)
        seen[p.q.items[i].type] = true;
    for (int t = 0; t < QT_COUNT; t++) /* activities come from their own files, not GIFT */
        assert_true(seen[t] || t == QT_MARKPOST || t == QT_SORT || t == QT_READ || t == QT_GROUP);
    assert_round_trip(&p);
    parsed_free(&p);
}

/* ---------------- regressions ---------------- */

static void test_regression_all_full_credit_multichoice_stays_multichoice(void **state)
{
    (void)state;
    Parsed p;
    /* Written naively as "=a =b" this would read back as a short answer. */
    parse(&p, "::r:: Q {=a ~%100%b}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_MULTICHOICE);
    assert_round_trip(&p);
    parsed_free(&p);
}

static void test_regression_text_that_looks_like_syntax_round_trips(void **state)
{
    (void)state;
    Parsed p;
    /* No name, so the text starts the line: "//" and "[html]" must not be
     * read back as a comment or a format. */
    parse(&p, "[moodle]//not a comment {T}\n\n[moodle][html]x {T}\n\n$CATEGORY\\: no {T}");
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 3);
    assert_string_equal(p.q.items[0].text, "//not a comment");
    assert_string_equal(p.q.items[1].text, "[html]x");
    assert_string_equal(p.q.items[2].text, "$CATEGORY: no");
    assert_round_trip(&p);
    parsed_free(&p);
}

static void test_regression_id_ending_in_backslash_round_trips(void **state)
{
    (void)state;
    Parsed p;
    /* Moodle's regex backtracks to the last "\]": the id is "a\". */
    parse(&p, "// [id:a\\]\n// [tag:t\\]\n::n:: Q {T}");
    const Question *q = only(&p);
    assert_string_equal(q->id, "a\\");
    assert_int_equal(q->ntags, 1);
    assert_string_equal(q->tags[0], "t\\");
    assert_round_trip(&p);
    parsed_free(&p);
}

static void test_regression_source_with_control_char_round_trips(void **state)
{
    (void)state;
    Parsed p;
    /* Found by the round-trip fuzzer: the writer blanked every control
     * character of the source line, not just line ends. */
    parse(&p, "// source: annual\x1areport (A5)\n::src:: Q {T}");
    const Question *q = only(&p);
    assert_string_equal(q->source, "annual\x1areport (A5)");
    assert_round_trip(&p);
    parsed_free(&p);
}

static void test_regression_numerical_with_only_catchall_round_trips(void **state)
{
    (void)state;
    Parsed p;
    /* Found by the round-trip fuzzer: a lone "*" answer was written as
     * "~#...", which alone reads as a question without answers. */
    parse(&p, "::n3:: How many? {#\n=%0%*#Completely wrong\n}");
    const Question *q = only(&p);
    assert_int_equal(q->nanswers, 1);
    assert_true(q->answers[0].catchall);
    assert_round_trip(&p);
    parsed_free(&p);
}

/* A feedback's own [format] (Moodle writes it when it differs from the
 * question's) is written back. */
static void test_round_trip_feedback_format(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::f1:: Which? {\n=[html]<b>A</b>#[html]<i>Yes</i>\n~B#[markdown]**No**\n"
              "####[html]<p>Because.</p>\n}\n\n"
              "::f2::[html]<p>True?</p>{T#[plain]no <b>#[markdown]*yes*}\n\n"
              "::f3::[html]<p>Name it</p>{=cat#[moodle]a <b>cat</b>}\n");
    assert_int_equal(p.q.count, 3);
    const Question *q = &p.q.items[0];
    assert_int_equal(q->answers[0].feedback_format, TF_HTML);
    assert_int_equal(q->answers[1].feedback_format, TF_MARKDOWN);
    assert_int_equal(q->feedback_format, TF_HTML);
    assert_int_equal(p.q.items[2].answers[0].feedback_format, TF_MOODLE);
    assert_round_trip(&p);
    parsed_free(&p);
}

static void test_regression_repeated_name_with_control_chars_round_trips(void **state)
{
    (void)state;
    Parsed p;
    /* Found by the round-trip fuzzer: a repeated name starting with a
     * control character and tabs got the id "\x11\t\tA) (2)", written as
     * "[id:   A) (2)]" and read back trimmed. */
    parse(&p, "::\x11\t\tA)::Frog\n\n::\x11\t\tA)::Frog\n\n::\x11::One\n\n::\x11::Two\n");
    assert_int_equal(p.q.count, 4);
    assert_string_equal(p.q.items[1].id, "A) (2)");
    assert_string_equal(p.q.items[3].id, "(2)");
    assert_round_trip(&p);
    parsed_free(&p);
}

static void test_regression_description_zero_round_trips(void **state)
{
    (void)state;
    Parsed p;
    /* Found by the round-trip fuzzer: an unnamed description "0" (from
     * "::0", a name never closed) was written as a line holding only "0",
     * which Moodle and the reader take for a blank line. */
    parse(&p, "::0\n");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_DESCRIPTION);
    assert_null(q->name);
    assert_string_equal(q->text, "0");
    assert_round_trip(&p);
    parsed_free(&p);
}

static void test_regression_shortanswer_arrow_in_feedback_stays_shortanswer(void **state)
{
    (void)state;
    Parsed p;
    /* Found by the round-trip fuzzer: "=%100%(#6. -> Chat" has '=' and "->"
     * and read back as matching. */
    parse(&p, "::n0:: Pi is {(#6. -> Chat}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_SHORTANSWER);
    assert_answer(&q->answers[0], "(", 1, "6. -> Chat");
    assert_round_trip(&p);
    parsed_free(&p);
}

static void test_many_warnings_never_stop_the_check(void **state)
{
    (void)state;
    StrBuf b = {0};
    for (int i = 0; i < 1500; i++)
        strbuf_puts(&b, "Unnamed {T}\n\n");
    Parsed p;
    parse(&p, b.data);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 1500);
    assert_true(p.diags.count <= 1001);
    find_diag(&p, DIAG_WARNING, "too many warnings");
    parsed_free(&p);

    /* Errors stop it after a bounded number of messages. */
    b.len = 0;
    for (int i = 0; i < 1500; i++)
        strbuf_puts(&b, "Q {=a\n\n");
    parse(&p, b.data);
    assert_int_equal(p.errors, 1001);
    find_diag(&p, DIAG_ERROR, "too many errors");
    parsed_free(&p);
    strbuf_free(&b);
}

/* What GIFT cannot carry back (see tests/fuzz/fuzz_gift.c). */
static bool expressible(const Question *q)
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

/* Every seed and regression input of the fuzzer: what parses writes back
 * to the same questions. */
static void test_round_trip_fuzz_corpus(void **state)
{
    (void)state;
    DIR *dir = opendir("fuzz/corpus/gift");
    assert_non_null(dir);
    int files = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        char *path = mb_xasprintf("fuzz/corpus/gift/%s", e->d_name);
        char *data;
        size_t len;
        assert_int_equal(mb_read_file(path, 1 << 20, &data, &len), 0);
        Parsed p;
        parse_n(&p, data, len);
        size_t kept = 0;
        for (size_t i = 0; i < p.q.count; i++)
            if (expressible(&p.q.items[i]))
                p.q.items[kept++] = p.q.items[i];
        p.q.count = kept;
        assert_round_trip(&p);
        parsed_free(&p);
        free(data);
        free(path);
        files++;
    }
    closedir(dir);
    assert_true(files >= 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_true_in_braces_is_shortanswer),
        cmocka_unit_test(test_case_numerical_with_trailing_period_is_missing_word),
        cmocka_unit_test(test_case_backslashes_one_and_two_kept),
        cmocka_unit_test(test_case_escaped_equals_start_answer_texts),
        cmocka_unit_test(test_case_cjk_question_byte_safe),
        cmocka_unit_test(test_case_bom_crlf_and_cr_parse_the_same),
        cmocka_unit_test(test_case_unclosed_brace_located),
        cmocka_unit_test(test_case_single_choice_answer_located),
        cmocka_unit_test(test_case_matching_item_without_arrow_located),
        cmocka_unit_test(test_type_description),
        cmocka_unit_test(test_type_essay),
        cmocka_unit_test(test_type_multichoice),
        cmocka_unit_test(test_type_multiresponse_when_no_equals),
        cmocka_unit_test(test_type_truefalse),
        cmocka_unit_test(test_truefalse_not_tf_value_is_shortanswer_not_error),
        cmocka_unit_test(test_truefalse_feedback_order),
        cmocka_unit_test(test_type_matching_with_distractor),
        cmocka_unit_test(test_matching_needs_two_items),
        cmocka_unit_test(test_type_shortanswer),
        cmocka_unit_test(test_type_numerical),
        cmocka_unit_test(test_numerical_range_is_midpoint_and_half_width),
        cmocka_unit_test(test_numerical_weighted_answers_and_catchall),
        cmocka_unit_test(test_numerical_non_numeric_is_error_not_wildcard),
        cmocka_unit_test(test_weights),
        cmocka_unit_test(test_bad_weight_is_error),
        cmocka_unit_test(test_equals_weight_not_weighted_in_multichoice),
        cmocka_unit_test(test_empty_answer_is_error),
        cmocka_unit_test(test_categories),
        cmocka_unit_test(test_id_and_tags_from_comments),
        cmocka_unit_test(test_comment_meta_in_a_block_without_question_warns),
        cmocka_unit_test(test_source_comment),
        cmocka_unit_test(test_order_comment),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_name_without_closing_colons_is_not_a_name),
        cmocka_unit_test(test_general_feedback_takes_last_four_hashes),
        cmocka_unit_test(test_comments_and_positions),
        cmocka_unit_test(test_no_id_warning_and_duplicate_id_error),
        cmocka_unit_test(test_brace_errors),
        cmocka_unit_test(test_errors_from_several_blocks_in_one_run),
        cmocka_unit_test(test_invalid_utf8_and_nul_located),
        cmocka_unit_test(test_buffer_not_nul_terminated),
        cmocka_unit_test(test_only_comments_and_blank_lines),
        cmocka_unit_test(test_type_names),
        cmocka_unit_test(test_writer_moodle_layouts),
        cmocka_unit_test(test_writer_numbers_without_exponent),
        cmocka_unit_test(test_writer_escapes_and_source),
        cmocka_unit_test(test_round_trip_every_type),
        cmocka_unit_test(test_regression_all_full_credit_multichoice_stays_multichoice),
        cmocka_unit_test(test_regression_text_that_looks_like_syntax_round_trips),
        cmocka_unit_test(test_regression_id_ending_in_backslash_round_trips),
        cmocka_unit_test(test_regression_source_with_control_char_round_trips),
        cmocka_unit_test(test_regression_numerical_with_only_catchall_round_trips),
        cmocka_unit_test(test_round_trip_feedback_format),
        cmocka_unit_test(test_regression_repeated_name_with_control_chars_round_trips),
        cmocka_unit_test(test_regression_description_zero_round_trips),
        cmocka_unit_test(test_regression_shortanswer_arrow_in_feedback_stays_shortanswer),
        cmocka_unit_test(test_many_warnings_never_stop_the_check),
        cmocka_unit_test(test_round_trip_fuzz_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
