/* Unit tests for the Moodle XML reader (kiosk/pack/moodle_xml.c) on what the
 * comparison with Moodle's own importer (tool.test_xml_moodle_differential,
 * tests/tools/moodle-xml/) found read differently: a question's name is
 * only what <name><text> holds (Moodle refuses a question without it, and
 * imports one whose name is empty), a category is only what <category><text>
 * holds, and "match" is Moodle's other name for a matching question; a
 * name loses its tags; true/false answers are read as Moodle's
 * import_truefalse() reads them; a <text> holding an element stops Moodle's
 * import. And a real export of 500 questions in one file makes a unit the
 * quiz round cannot go through: the check says so. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>

#include "mingbai/pack.h"

typedef struct {
    Arena arena;
    Diags diags;
    QuestionList q;
    PackFiles media;
    PackLimits lim;
    int errors;
} Parsed;

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n"
#define TAIL "</quiz>\n"
#define BODY                                                                              \
    "<questiontext><text>Why?</text></questiontext><single>true</single>"                \
    "<answer fraction=\"100\"><text>a</text></answer><answer fraction=\"0\"><text>b</text>" \
    "</answer>"

static void parse(Parsed *p, const char *text)
{
    memset(p, 0, sizeof *p);
    p->lim = pack_limits_default();
    MoodleXmlMedia m = {.dir = "media/q.en/", .out = &p->media, .lim = &p->lim};
    p->errors = pack_moodle_xml_parse("t.xml", text, strlen(text), &p->arena, &m, &p->q,
                                      &p->diags);
}

static void parsed_free(Parsed *p)
{
    diags_free(&p->diags);
    arena_reset(&p->arena);
    pack_files_free(&p->media);
}

/* Moodle's importer reads the name from <name><text> and, finding none,
 * reports "Missing question name in XML file": the question is refused
 * (and, as Moodle stops on errors by default, the whole import). A bare
 * <name>x</name> is no name to Moodle either. */
static void test_question_without_name_text_is_refused(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"multichoice\">" BODY "</question>\n"
                   "<question type=\"essay\"><name>Bare</name>"
                   "<questiontext><text>Tell</text></questiontext></question>\n"
                   "<question type=\"multichoice\"><name><text>Kept</text></name>" BODY
                   "</question>\n" TAIL);
    if (p.diags.count != 2)
        diags_print(&p.diags, stderr);
    assert_int_equal(p.errors, 2);
    assert_int_equal(p.diags.count, 2);
    assert_int_equal(p.diags.items[0].level, DIAG_ERROR);
    assert_int_equal(p.diags.items[0].line, 3);
    assert_string_equal(p.diags.items[0].message,
                        "the question has no <name><text>: Moodle refuses it (\"Missing question "
                        "name in XML file\") and stops the import; it is left out");
    assert_int_equal(p.diags.items[1].line, 4);
    assert_int_equal(p.q.count, 1);
    assert_string_equal(p.q.items[0].name, "Kept");
    parsed_free(&p);
}

/* An empty <name><text></text></name> is a name to Moodle: it imports the
 * question. The kiosk imports it too, under an id of its own, and says so. */
static void test_empty_name_is_imported_with_an_id(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"multichoice\"><name><text></text></name>" BODY
                   "</question>\n" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 1);
    assert_null(p.q.items[0].name);
    assert_string_equal(p.q.items[0].id, "line 3");
    assert_int_equal(p.diags.count, 1);
    assert_int_equal(p.diags.items[0].level, DIAG_WARNING);
    assert_string_equal(p.diags.items[0].message,
                        "the question has an empty name; its id here is \"line 3\"");
    parsed_free(&p);
}

/* Moodle's import_category() reads <category><text> only: a category
 * written as bare text is an empty one. */
static void test_category_is_its_text_only(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"category\"><category>$course$/Bare</category></question>\n"
                   "<question type=\"multichoice\"><name><text>Q</text></name>" BODY
                   "</question>\n"
                   "<question type=\"category\"><category><text>$course$/top/A</text>"
                   "</category></question>\n"
                   "<question type=\"multichoice\"><name><text>R</text></name>" BODY
                   "</question>\n" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 2);
    assert_null(p.q.items[0].category);
    assert_string_equal(p.q.items[1].category, "$course$/top/A");
    parsed_free(&p);
}

/* Moodle's import_question() takes type="match" as it takes "matching". */
static void test_match_is_matching(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"match\"><name><text>Pairs</text></name>"
                   "<questiontext><text>Pair them</text></questiontext>"
                   "<subquestion><text>cat</text><answer><text>meow</text></answer></subquestion>"
                   "<subquestion><text>dog</text><answer><text>woof</text></answer></subquestion>"
                   "</question>\n" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.diags.count, 0);
    assert_int_equal(p.q.count, 1);
    assert_int_equal(p.q.items[0].type, QT_MATCHING);
    assert_int_equal(p.q.items[0].nanswers, 2);
    assert_string_equal(p.q.items[0].answers[1].text, "woof");
    parsed_free(&p);
}

/* Moodle's clean_question_name() strips tags from a name. */
static void test_name_loses_its_tags(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"multichoice\"><name><text> Ohm &lt;b&gt;law&lt;/b&gt; "
                   "&lt;br/&gt;</text></name>" BODY "</question>\n" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 1);
    assert_string_equal(p.q.items[0].name, "Ohm law");
    assert_string_equal(p.q.items[0].id, "Ohm law");
    parsed_free(&p);
}

#define TF(name, a1, f1, a2, f2)                                                          \
    "<question type=\"truefalse\"><name><text>" name "</text></name>"                       \
    "<questiontext><text>?</text></questiontext><answer fraction=\"" f1 "\"><text>" a1      \
    "</text><feedback><text>fb " a1 "</text></feedback></answer><answer fraction=\"" f2 "\">" \
    "<text>" a2 "</text><feedback><text>fb " a2 "</text></feedback></answer></question>\n"

/* Answers in the teacher's language (old exports) are true, then false,
 * with Moodle's warning; and the last answer read decides, so two answers
 * worth 0 make the question true, as in Moodle. */
static void test_truefalse_as_moodle_reads_it(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD TF("Wahr", "Wahr", "100", "Falsch", "0") TF("Zero", "true", "0", "false", "0")
                  TF("Rev", "false", "0", "true", "100") TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 3);
    assert_true(p.q.items[0].tf_answer);
    assert_string_equal(p.q.items[0].tf_feedback_right, "fb Wahr");
    assert_string_equal(p.q.items[0].tf_feedback_wrong, "fb Falsch");
    assert_true(p.q.items[1].tf_answer);
    assert_true(p.q.items[2].tf_answer);
    assert_string_equal(p.q.items[2].tf_feedback_right, "fb true");
    assert_int_equal(p.diags.count, 1);
    assert_int_equal(p.diags.items[0].line, 3);
    assert_string_equal(p.diags.items[0].message,
                        "\"Wahr\" the answers are not \"true\" and \"false\": read in order as "
                        "true, then false, as Moodle does; the right answer is taken to be true");
    parsed_free(&p);
}

/* <text><p>Hi</p></text> (HTML written as XML, not in CDATA): Moodle's
 * importer fails on it and imports nothing; the kiosk refuses it, saying
 * so, instead of showing the text without its elements. */
static void test_element_in_text_is_refused(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"multichoice\"><name><text>Q</text></name>\n"
                   "<questiontext format=\"html\"><text><p>Hi <b>there</b></p></text>"
                   "</questiontext><single>true</single>"
                   "<answer fraction=\"100\"><text>a</text></answer>"
                   "<answer fraction=\"0\"><text>b</text></answer></question>\n" TAIL);
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    assert_int_equal(p.diags.items[0].line, 4);
    assert_string_equal(p.diags.items[0].message,
                        "<text> holds an element <p>: Moodle's importer stops on it with an error "
                        "and imports nothing; the question is left out");
    parsed_free(&p);
}

/* A quiz round asks at most 128 questions (the first of the unit): a
 * pack's unit whose quiz holds more (an XML export put in a pack as it is)
 * would leave the ones after the 128th never asked without a word. (One
 * such file imported alone is cut into units: test_gift_moodle.c.) */
static void test_unit_larger_than_a_round_warns(void **state)
{
    (void)state;
    char dir[] = "/tmp/mingbai-mxo-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    const char *ini = "[pack]\nformat = 1\nid = bank\nversion = 1\nlanguages = en\n[en]\ntitle = Bank\n";
    snprintf(path, sizeof path, "%s/pack.ini", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(ini, f);
    fclose(f);
    snprintf(path, sizeof path, "%s/units", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/units/01-bank.en.md", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs("# Bank\n\nQuestions.\n", f);
    fclose(f);
    snprintf(path, sizeof path, "%s/quizzes", dir);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/quizzes/01-bank.en.xml", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(HEAD, f);
    for (int i = 1; i <= 130; i++)
        fprintf(f, "<question type=\"multichoice\"><name><text>Q%d</text></name>" BODY
                   "</question>\n", i);
    fputs(TAIL, f);
    fclose(f);
    Pack *pk = NULL;
    Diags d = {0};
    assert_int_equal(pack_load(dir, &pk, &d), 0);
    assert_non_null(pk);
    assert_int_equal(pk->units[0].lang[LANG_EN].quiz.count, 130);
    if (d.count != 1)
        diags_print(&d, stderr);
    assert_int_equal(d.count, 1);
    assert_int_equal(d.items[0].level, DIAG_WARNING);
    assert_string_equal(d.items[0].path, path);
    assert_int_equal(d.items[0].line, 3 + 128);
    assert_string_equal(d.items[0].message, "the unit has 130 questions; a quiz round asks only "
                                            "the first 128, so the last 2 are never asked");
    pack_free(pk);
    diags_free(&d);
    static const char *const made[] = {"quizzes/01-bank.en.xml", "quizzes", "units/01-bank.en.md",
                                       "units", "pack.ini"};
    for (size_t i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, made[i]);
        remove(path);
    }
    rmdir(dir);
}

/* Moodle keeps a short answer whose text is empty when it is worth
 * something or has feedback; nobody can type it, so the kiosk leaves it
 * out, and says what Moodle does. */
static void test_empty_short_answer_with_feedback_warns(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"shortanswer\"><name><text>S</text></name>"
                   "<questiontext><text>Say it</text></questiontext>"
                   "<answer fraction=\"100\"><text>it</text></answer>"
                   "<answer fraction=\"0\"><text></text><feedback><text>Say something</text>"
                   "</feedback></answer><answer fraction=\"0\"><text></text></answer>"
                   "</question>\n" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 1);
    assert_int_equal(p.q.items[0].nanswers, 1);
    assert_int_equal(p.diags.count, 1);
    assert_string_equal(p.diags.items[0].message,
                        "\"S\" an answer with an empty text is kept by Moodle (worth 0%) but "
                        "can never be typed; it is left out");
    parsed_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_question_without_name_text_is_refused),
        cmocka_unit_test(test_empty_name_is_imported_with_an_id),
        cmocka_unit_test(test_category_is_its_text_only),
        cmocka_unit_test(test_match_is_matching),
        cmocka_unit_test(test_name_loses_its_tags),
        cmocka_unit_test(test_truefalse_as_moodle_reads_it),
        cmocka_unit_test(test_element_in_text_is_refused),
        cmocka_unit_test(test_unit_larger_than_a_round_warns),
        cmocka_unit_test(test_empty_short_answer_with_feedback_warns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
