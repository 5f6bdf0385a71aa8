/* Unit tests for the Moodle XML reader (kiosk/pack/moodle_xml.c) on what the
 * comparison with Moodle's own importer (tool.test_xml_moodle_differential,
 * tests/tools/moodle-xml/) found read differently: a question's name is
 * only what <name><text> holds (Moodle refuses a question without it, and
 * imports one whose name is empty), a category is only what <category><text>
 * holds, and "match" is Moodle's other name for a matching question. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_question_without_name_text_is_refused),
        cmocka_unit_test(test_empty_name_is_imported_with_an_id),
        cmocka_unit_test(test_category_is_its_text_only),
        cmocka_unit_test(test_match_is_matching),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
