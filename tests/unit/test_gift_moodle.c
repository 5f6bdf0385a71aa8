/* Unit tests for the GIFT reader on what real question banks hold and
 * Moodle's importer (question/format/gift/format.php, and qformat_default's
 * readdata and readquestions) reads in its own way: each case reads as
 * Moodle reads it, or gives a message that says what Moodle would do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>

#include "mingbai/pack.h"

#include "gift_parsed.h"

/* Exactly one diagnostic of the level, containing part, at line:col. */
static void assert_one_diag(const Parsed *p, DiagLevel level, int line, int col, const char *part)
{
    int n = 0;
    for (size_t i = 0; i < p->diags.count; i++) {
        const Diag *d = &p->diags.items[i];
        if (d->level != level)
            continue;
        n++;
        if (!strstr(d->message, part) || d->line != line || d->col != col) {
            diags_print(&p->diags, stderr);
            fail_msg("expected \"%s\" at %d:%d", part, line, col);
        }
    }
    if (n != 1)
        diags_print(&p->diags, stderr);
    assert_int_equal(n, 1);
}

static size_t count_level(const Parsed *p, DiagLevel level)
{
    size_t n = 0;
    for (size_t i = 0; i < p->diags.count; i++)
        n += p->diags.items[i].level == level;
    return n;
}

static void assert_answer(const Answer *a, const char *text, double fraction)
{
    assert_string_equal(a->text, text);
    assert_true(fabs(a->fraction - fraction) < EPS);
}

/* {~high-fat ~=vegetarian}: explode("~") leaves an empty answer before the
 * '=', which Moodle leaves out when it saves the question. */
static void test_tilde_before_equals_drops_the_empty_answer(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::diet:: Which meal? {~high-fat ~=vegetarian ~fried}");
    const Question *q = only(&p);
    assert_int_equal(q->type, QT_MULTICHOICE);
    assert_int_equal(q->nanswers, 3);
    assert_answer(&q->answers[0], "high-fat", 0);
    assert_answer(&q->answers[1], "vegetarian", 1);
    assert_answer(&q->answers[2], "fried", 0);
    assert_int_equal(p.diags.count, 0);
    parsed_free(&p);

    /* A '~' with nothing after it at all: left out too, with a word. */
    parse(&p, "::e:: Q {=a ~ ~b}");
    q = only(&p);
    assert_int_equal(q->nanswers, 2);
    assert_answer(&q->answers[1], "b", 0);
    assert_one_diag(&p, DIAG_WARNING, 1, 13, "empty answer: left out, as Moodle leaves it out");
    parsed_free(&p);

    /* An empty right answer would leave the question without one. */
    parse(&p, "::e:: Q {~a ~b =#fb}");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    assert_one_diag(&p, DIAG_ERROR, 1, 16, "empty right answer");
    parsed_free(&p);
}

/* Moodle imports every question of a repeated name; ids stay unique. */
static void test_repeated_name_imports_both(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::Q1:: A {T}\n\n::Q1:: B {F}\n\n::Q1 (2):: C {T}\n\n// [id:Q1]\n::x:: D {T}");
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 4);
    assert_string_equal(p.q.items[0].id, "Q1");
    assert_string_equal(p.q.items[1].id, "Q1 (2)");
    assert_string_equal(p.q.items[1].name, "Q1");
    assert_string_equal(p.q.items[1].text, "B");
    /* "Q1 (2)" is taken by then, as is "Q1" for the [id:]. */
    assert_string_equal(p.q.items[2].id, "Q1 (2) (2)");
    assert_string_equal(p.q.items[3].id, "Q1 (3)");
    assert_int_equal(count_level(&p, DIAG_WARNING), 3);
    parsed_free(&p);
}

/* Moodle's pattern ^%-*[0-9]{1,2}\.?[0-9]*% does not take "%100.0%": it
 * keeps it as answer text scoring 0, which is plainly not what was meant. */
static void test_weight_as_moodle_reads_it(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::w:: Q {~%100.0%right ~wrong}");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    assert_one_diag(&p, DIAG_ERROR, 1, 11, "'%100.0%' is not a weight Moodle reads");
    parsed_free(&p);

    /* What the pattern does take. */
    parse(&p, "::w:: Q {~%50.0%a ~%5.%b ~%0100%c ~%-33.3%d ~%100%e}");
    const Question *q = only(&p);
    assert_answer(&q->answers[0], "a", 0.5);
    assert_answer(&q->answers[1], "b", 0.05);
    assert_answer(&q->answers[2], "c", 1);
    assert_answer(&q->answers[3], "d", -0.333);
    assert_answer(&q->answers[4], "e", 1);
    parsed_free(&p);

    parse(&p, "::s:: Q {=%100.0%yes}");
    assert_int_equal(p.errors, 1);
    assert_one_diag(&p, DIAG_ERROR, 1, 11, "'%100.0%' is not a weight Moodle reads");
    parsed_free(&p);
}

/* "%fifty%": what is wrong is the weight, not only the sum. */
static void test_weight_in_words_is_named(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::f:: Q {~%fifty%yellow ~%50%orange ~%-100%blue}");
    assert_int_equal(p.errors, 0);
    const Question *q = only(&p);
    assert_answer(&q->answers[0], "%fifty%yellow", 0);
    const Diag *d = NULL;
    for (size_t i = 0; i < p.diags.count; i++)
        if (strstr(p.diags.items[i].message, "'%fifty%' is not a weight"))
            d = &p.diags.items[i];
    assert_non_null(d);
    assert_int_equal(d->level, DIAG_WARNING);
    assert_int_equal(d->line, 1);
    assert_int_equal(d->col, 11);
    parsed_free(&p);
}

/* PHP's file() ends lines at LF only: a CR inside a line does not end it
 * (a file with no LF at all is split at CR, as before). */
static void test_lone_cr_does_not_end_a_line(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::a:: One\rtwo {T}\n\n::b:: Three {F}\n");
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 2);
    assert_string_equal(p.q.items[0].text, "One two");
    assert_one_diag(&p, DIAG_WARNING, 1, 10, "a carriage return (CR) alone does not end a line");
    parsed_free(&p);

    /* Two CRs are no blank line when the file has LFs: one block, and its
     * two answer blocks are an error, as Moodle cannot read it either. */
    parse(&p, "::a:: One {T}\r\r::b:: Two {F}\n");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    parsed_free(&p);

    parse(&p, "::a:: One {T}\r\r::b:: Two {F}\r");
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 2);
    parsed_free(&p);
}

/* "#### [html]..." keeps "[html]" as text: Moodle looks for it before it
 * trims. */
static void test_general_feedback_format_needs_no_space(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::g:: Q {=a ~b #### [html]<b>See</b>}");
    const Question *q = only(&p);
    assert_string_equal(q->general_feedback, "[html]<b>See</b>");
    parsed_free(&p);
    parse(&p, "::g:: Q {=a ~b ####[html]<b>See</b>}");
    q = only(&p);
    assert_string_equal(q->general_feedback, "<b>See</b>");
    parsed_free(&p);
}

/* PHP's empty("0") is true: a bare 0 is no answer to Moodle. */
static void test_bare_zero_as_moodle_reads_it(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::n:: 5 - 5 = ? {#0}");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    assert_one_diag(&p, DIAG_ERROR, 1, 19, "Moodle reads a bare 0 as no answer at all");
    parsed_free(&p);

    parse(&p, "::s:: 5 - 5 = ? {0}");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    assert_one_diag(&p, DIAG_ERROR, 1, 18, "Moodle reads a bare 0 as no answer at all");
    parsed_free(&p);

    /* Written as Moodle reads it. */
    parse(&p, "::n:: 5 - 5 = ? {#=0}\n\n::s:: 5 - 5 = ? {=0}\n\n::m:: Q {=0 ~1}");
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 3);
    assert_true(p.q.items[0].answers[0].value == 0);
    assert_answer(&p.q.items[1].answers[0], "0", 1);
    assert_answer(&p.q.items[2].answers[0], "0", 1);
    parsed_free(&p);

    /* Before the first '~' a 0 is dropped, by Moodle and here. */
    parse(&p, "::m:: Q {0 ~1 =2}");
    const Question *q = only(&p);
    assert_int_equal(q->nanswers, 2);
    assert_answer(&q->answers[0], "1", 0);
    assert_one_diag(&p, DIAG_WARNING, 1, 10, "Moodle leaves out a bare 0");
    parsed_free(&p);

    /* A line holding only 0 is a blank line to Moodle. */
    parse(&p, "::n:: 5 - 5 = ? {#\n0\n}");
    assert_true(p.errors >= 1);
    assert_int_equal(p.q.count, 0);
    bool said = false;
    for (size_t i = 0; i < p.diags.count; i++)
        said |= p.diags.items[i].line == 2 &&
                strstr(p.diags.items[i].message, "a line holding only '0' ends the question");
    assert_true(said);
    parsed_free(&p);
}

/* One message naming the encoding, not one error a line. */
static void test_utf16_named_once(void **state)
{
    (void)state;
    const char *text = "::a:: One {T}\n\n::b:: Two {F}\n";
    size_t n = strlen(text);
    char *le = malloc(2 + 2 * n), *be = malloc(2 * n);
    le[0] = (char)0xFF;
    le[1] = (char)0xFE;
    for (size_t i = 0; i < n; i++) {
        le[2 + 2 * i] = text[i];
        le[3 + 2 * i] = 0;
        be[2 * i] = 0;
        be[2 * i + 1] = text[i];
    }
    Parsed p;
    parse_n(&p, le, 2 + 2 * n);
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.diags.count, 1);
    assert_one_diag(&p, DIAG_ERROR, 1, 1, "the file is UTF-16 (little-endian) text, not UTF-8");
    parsed_free(&p);
    parse_n(&p, be, 2 * n);
    assert_int_equal(p.diags.count, 1);
    assert_one_diag(&p, DIAG_ERROR, 1, 1, "the file is UTF-16 (big-endian) text, not UTF-8");
    parsed_free(&p);
    free(le);
    free(be);
}

/* "$CATEGORY:" with a question right under it: Moodle would swallow the
 * question into the category's name; here it is read, with a warning. */
static void test_category_directly_above_a_question(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "$CATEGORY: $course$/Unit 1\n::q1:: Sure? {T}\n\n::q2:: Two {F}");
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 2);
    assert_string_equal(p.q.items[0].id, "q1");
    assert_string_equal(p.q.items[0].category, "$course$/Unit 1");
    assert_string_equal(p.q.items[1].category, "$course$/Unit 1");
    assert_one_diag(&p, DIAG_WARNING, 2, 1,
                    "Moodle would take this question for part of the category's name");
    parsed_free(&p);
}

/* Moodle's import refuses a weight outside its list of grades by default:
 * the kiosk scores it as written, and says so. */
static void test_weight_outside_moodle_grades_warns(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::g:: Q {~%33.3%a ~%33.33333%b ~%-12.5%c =d}");
    const Question *q = only(&p);
    assert_answer(&q->answers[0], "a", 0.333);
    assert_one_diag(&p, DIAG_WARNING, 1, 11, "Moodle refuses a weight of 33.3% on import");
    parsed_free(&p);
}

/* Two answer blocks in one block of lines (a question commented out with
 * C's slash-star, which GIFT does not know, or a missing blank line):
 * Moodle takes the first as the answers and keeps the rest, braces and
 * all, as question text. The kiosk refuses it and says so. */
static void test_two_answer_blocks_say_what_moodle_does(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "/*\n::Q4:: Which? {=cat -> food =dog -> bone}\n*/\n::Q5:: A number? {#3:2}\n");
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    assert_one_diag(&p, DIAG_ERROR, 4, 18,
                    "Moodle would take the first block as the answers and keep the rest");
    parsed_free(&p);
}

/* Stray braces: Moodle still imports each of these, cut at its first '{'
 * and first '}' (checked with its importer): "Q a } b {=x}" as an essay
 * with the braces in its text, "{=a {b}" as the short answer "a {b", and
 * "{=a} tail }" with the '}' left in the question text. The kiosk refuses
 * them and says what Moodle would do. */
static void test_stray_braces_say_what_moodle_does(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "::a:: Q a } b {=x}");
    assert_int_equal(p.q.count, 0);
    assert_one_diag(&p, DIAG_ERROR, 1, 11,
                    "'}' without an opening '{'; Moodle would still import the question, cut "
                    "at the wrong places");
    parsed_free(&p);

    parse(&p, "::b:: Q {=a {b}");
    assert_int_equal(p.q.count, 0);
    assert_one_diag(&p, DIAG_ERROR, 1, 13,
                    "'{' inside an answer block; Moodle would end the answers at the first "
                    "'}' and keep this '{' in them");
    parsed_free(&p);

    parse(&p, "::d:: Q {=a} tail }");
    assert_int_equal(p.q.count, 0);
    assert_one_diag(&p, DIAG_ERROR, 1, 19,
                    "'}' without an opening '{'; Moodle would keep it in the question text");
    parsed_free(&p);
}

/* The keyboard check looks at the text the kiosk scores a short answer
 * on: a formatted answer without its markup. "<p>Paris</p>" in an [html]
 * question is typed as Paris; "caf&eacute;" is café, whose é is not on
 * the keyboard. */
static void test_typing_check_reads_formatted_answers(void **state)
{
    (void)state;
    char dir[] = "/tmp/mingbai-gift-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[64];
    snprintf(path, sizeof path, "%s/bank.gift", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("::a::[html]<p>Capital of France?</p>{=<p>Paris</p>}\n\n"
          "::b::[html]Which word? {=caf&eacute;}\n",
          f);
    fclose(f);
    Diags diags = {0};
    Pack *pack = NULL;
    assert_int_equal(pack_load_quiz_file(path, &pack, NULL, &diags), 0);
    int warnings = 0;
    for (size_t i = 0; i < diags.count; i++) {
        const Diag *d = &diags.items[i];
        if (d->level != DIAG_WARNING)
            continue;
        warnings++;
        if (d->line != 3 || !strstr(d->message, "\"café\" cannot be typed")) {
            diags_print(&diags, stderr);
            fail_msg("unexpected warning at line %d", d->line);
        }
    }
    if (warnings != 1)
        diags_print(&diags, stderr);
    assert_int_equal(warnings, 1);
    pack_free(pack);
    diags_free(&diags);
    remove(path);
    rmdir(dir);
}

/* Writes text to dir/name; returns the path (static). */
static const char *write_bank(const char *dir, const char *name, const char *text)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

/* A file with more questions than a round asks becomes one unit per
 * category (a category longer than a round in equal parts), so that every
 * question is asked; every message keeps the file's own line; a name in
 * two parts is renamed as within one file; the pack builds the same from
 * its own files, as the kiosk reloads it from the database. */
static void test_long_bank_split_by_category(void **state)
{
    (void)state;
    char dir[] = "/tmp/mingbai-split-XXXXXX";
    assert_non_null(mkdtemp(dir));
    StrBuf g = {0};
    const char *cats[] = {"$course$/top/Default/Sources", "$course$/top/Default/Platforms",
                          "$course$/top/Default/Images"};
    const int counts[] = {100, 150, 50};
    int q = 0;
    for (int c = 0; c < 3; c++) {
        strbuf_printf(&g, "// question: 0  name: Switch category to %s\n$CATEGORY: %s\n\n",
                      cats[c], cats[c]);
        for (int i = 0; i < counts[c]; i++, q++)
            strbuf_printf(&g, "// question: %d\n::%s::Question %d? {T}\n\n", q,
                          q == 120 || q == 5 ? "same" : "n", q);
    }
    const char *path = write_bank(dir, "bank.gift", g.data);
    Diags d = {0};
    Pack *p = NULL;
    PackSingle info;
    assert_int_equal(pack_load_quiz_file(path, &p, &info, &d), 0);
    assert_non_null(p);
    assert_int_equal(info.units, 4);
    assert_int_equal(p->nunits, 4);
    const char *titles[] = {"bank: Sources", "bank: Platforms (1/2)", "bank: Platforms (2/2)",
                            "bank: Images"};
    const size_t sizes[] = {100, 75, 75, 50};
    for (size_t u = 0; u < 4; u++) {
        assert_string_equal(p->units[u].lang[LANG_EN].title, titles[u]);
        assert_int_equal(p->units[u].lang[LANG_EN].quiz.count, sizes[u]);
    }
    /* the file's lines: question 175 (the first of Platforms' second part)
     * is on line 3 + 100*3 + 3 + 75*3 + 2 = 533, under its comment */
    const Question *first = &p->units[2].lang[LANG_EN].quiz.items[0];
    assert_string_equal(first->text, "Question 175?");
    assert_int_equal(first->line, 533);
    assert_string_equal(first->category, cats[1]);
    /* "same" in units 1 and 2; the second is renamed, with a warning at its line */
    assert_string_equal(p->units[0].lang[LANG_EN].quiz.items[5].id, "same");
    assert_string_equal(p->units[1].lang[LANG_EN].quiz.items[20].id, "same (2)");
    bool renamed = false;
    for (size_t i = 0; i < d.count; i++)
        if (strstr(d.items[i].message, "question id \"same\" is also used in")) {
            assert_string_equal(d.items[i].path, path);
            assert_int_equal(d.items[i].line, p->units[1].lang[LANG_EN].quiz.items[20].line);
            renamed = true;
        }
    assert_true(renamed);
    for (size_t i = 0; i < d.count; i++)
        assert_string_equal(d.items[i].path, path);
    /* built again from its own files, as from the database: the same units */
    PackFiles again = {0};
    for (size_t i = 0; i < p->files.count; i++)
        pack_files_add(&again, p->files.items[i].path, p->files.items[i].data,
                       p->files.items[i].len);
    Pack *p2 = NULL;
    Diags d2 = {0};
    assert_int_equal(pack_build(&again, "bank", &p2, &d2), 0);
    assert_int_equal(p2->nunits, 4);
    assert_string_equal(p2->units[1].lang[LANG_EN].quiz.items[20].id, "same (2)");
    pack_free(p2);
    diags_free(&d2);
    pack_free(p);
    diags_free(&d);
    unlink(path);
    strbuf_free(&g);
    /* 130 questions without categories: two equal parts */
    StrBuf x = {0};
    strbuf_puts(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    for (int i = 0; i < 130; i++)
        strbuf_printf(&x, "  <question type=\"truefalse\">\n    <name><text>Q%d</text></name>\n"
                          "    <questiontext format=\"html\"><text>Is %d even?</text></questiontext>\n"
                          "    <answer fraction=\"100\"><text>true</text></answer>\n"
                          "    <answer fraction=\"0\"><text>false</text></answer>\n  </question>\n",
                      i, i);
    strbuf_puts(&x, "</quiz>\n");
    path = write_bank(dir, "evens.xml", x.data);
    Diags dx = {0};
    assert_int_equal(pack_load_quiz_file(path, &p, &info, &dx), 0);
    assert_int_equal(info.units, 2);
    assert_string_equal(p->units[0].lang[LANG_EN].title, "evens (1/2)");
    assert_int_equal(p->units[0].lang[LANG_EN].quiz.count, 65);
    assert_int_equal(p->units[1].lang[LANG_EN].quiz.count, 65);
    assert_int_equal(p->units[1].lang[LANG_EN].quiz.items[0].line, 3 + 65 * 6);
    assert_int_equal(dx.count, 0);
    pack_free(p);
    diags_free(&dx);
    unlink(path);
    strbuf_free(&x);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tilde_before_equals_drops_the_empty_answer),
        cmocka_unit_test(test_repeated_name_imports_both),
        cmocka_unit_test(test_weight_as_moodle_reads_it),
        cmocka_unit_test(test_weight_in_words_is_named),
        cmocka_unit_test(test_lone_cr_does_not_end_a_line),
        cmocka_unit_test(test_general_feedback_format_needs_no_space),
        cmocka_unit_test(test_bare_zero_as_moodle_reads_it),
        cmocka_unit_test(test_utf16_named_once),
        cmocka_unit_test(test_category_directly_above_a_question),
        cmocka_unit_test(test_weight_outside_moodle_grades_warns),
        cmocka_unit_test(test_typing_check_reads_formatted_answers),
        cmocka_unit_test(test_two_answer_blocks_say_what_moodle_does),
        cmocka_unit_test(test_stray_braces_say_what_moodle_does),
        cmocka_unit_test(test_long_bank_split_by_category),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
