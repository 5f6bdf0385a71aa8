/* Unit tests for the Moodle XML reader (kiosk/pack/moodle_xml*.c): each
 * question type Moodle exports and the kiosk shows, the fields every
 * question carries, embedded images (kept under media/, references
 * rewritten, URL-encoded names, limits), types skipped with a warning, a
 * DOCTYPE refused (no external entity is ever read), broken XML located at
 * line:col, and a question file read as a pack of its own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
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
/* A 1x1 PNG. */
#define PNG_B64                                                                                \
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5E" \
    "rkJggg=="

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

static const Diag *only_diag(const Parsed *p)
{
    if (p->diags.count != 1)
        diags_print(&p->diags, stderr);
    assert_int_equal(p->diags.count, 1);
    return &p->diags.items[0];
}

static void test_multichoice_single_with_feedback_and_fields(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD
          "<question type=\"category\"><category><text>$course$/top/Week 1</text></category>"
          "</question>\n"
          "  <question type=\"multichoice\">\n"
          "<name><text>Capital</text></name>\n"
          "<questiontext format=\"html\"><text><![CDATA[<p>Which <b>city</b>?</p>]]></text>"
          "</questiontext>\n"
          "<generalfeedback format=\"html\"><text>Paris it is.</text></generalfeedback>\n"
          "<idnumber>cap-1</idnumber><single>true</single><shuffleanswers>0</shuffleanswers>\n"
          "<answer fraction=\"100\" format=\"html\"><text>Paris</text>"
          "<feedback format=\"html\"><text>Yes</text></feedback></answer>\n"
          "<answer fraction=\"-33.33333\" format=\"plain_text\"><text>Lyon</text>"
          "<feedback><text></text></feedback></answer>\n"
          "<answer fraction=\"0\"><text></text></answer>\n"
          "<tags><tag><text>geo</text></tag><tag><text>europe</text></tag></tags>\n"
          "</question>\n" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.diags.count, 0);
    assert_int_equal(p.q.count, 1);
    const Question *q = &p.q.items[0];
    assert_int_equal(q->type, QT_MULTICHOICE);
    assert_string_equal(q->id, "cap-1");
    assert_string_equal(q->name, "Capital");
    assert_string_equal(q->text, "<p>Which <b>city</b>?</p>");
    assert_int_equal(q->format, TF_HTML);
    assert_string_equal(q->general_feedback, "Paris it is.");
    assert_string_equal(q->category, "$course$/top/Week 1");
    assert_int_equal(q->ntags, 2);
    assert_string_equal(q->tags[1], "europe");
    assert_true(q->fixed_order);
    assert_int_equal(q->line, 4);
    assert_int_equal(q->col, 3);
    assert_int_equal(q->nanswers, 2); /* the empty answer is dropped, as Moodle does */
    assert_string_equal(q->answers[0].text, "Paris");
    assert_true(q->answers[0].fraction == 1);
    assert_string_equal(q->answers[0].feedback, "Yes");
    assert_int_equal(q->answers[1].format, TF_PLAIN);
    assert_true(q->answers[1].fraction < -0.333 && q->answers[1].fraction > -0.334);
    assert_null(q->answers[1].feedback);
    parsed_free(&p);
}

static void test_multichoice_multiple_is_multiresponse(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"multichoice\"><name><text>M</text></name>"
                   "<questiontext><text>Pick</text></questiontext><single>false</single>"
                   "<shuffleanswers>1</shuffleanswers>"
                   "<answer fraction=\"50\"><text>a</text></answer>"
                   "<answer fraction=\"50\"><text>b</text></answer>"
                   "<answer fraction=\"-100\"><text>c</text></answer></question>" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 1);
    assert_int_equal(p.q.items[0].type, QT_MULTIRESPONSE);
    assert_false(p.q.items[0].fixed_order);
    assert_string_equal(p.q.items[0].id, "M");
    assert_true(p.q.items[0].answers[2].fraction == -1);
    parsed_free(&p);
}

/* Moodle's trans_single(): "False" is not "false", so the question is single
 * choice; without <shuffleanswers> a multichoice keeps its order and a
 * matching question is shuffled. */
static void test_single_and_shuffle_read_as_moodle_does(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"multichoice\"><name><text>A</text></name>"
                   "<questiontext><text>?</text></questiontext><single>False</single>"
                   "<answer fraction=\"100\"><text>a</text></answer>"
                   "<answer fraction=\"0\"><text>b</text></answer></question>"
                   "<question type=\"multichoice\"><name><text>B</text></name>"
                   "<questiontext><text>?</text></questiontext><single>0</single>"
                   "<answer fraction=\"100\"><text>a</text></answer></question>"
                   "<question type=\"matching\"><name><text>C</text></name>"
                   "<questiontext><text>?</text></questiontext>"
                   "<subquestion><text>x</text><answer><text>y</text></answer></subquestion>"
                   "<subquestion><text>z</text><answer><text>w</text></answer></subquestion>"
                   "</question>" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.items[0].type, QT_MULTICHOICE);
    assert_true(p.q.items[0].fixed_order);
    assert_int_equal(p.q.items[1].type, QT_MULTIRESPONSE);
    assert_false(p.q.items[2].fixed_order);
    parsed_free(&p);
}

/* Moodle imports questions of one name side by side; the store keeps one
 * id once per unit, so the later ones get "name (2)", "name (3)". */
static void test_repeated_names_get_their_own_ids(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"essay\"><name><text>Q</text></name></question>\n"
                   "<question type=\"essay\"><name><text>Q (2)</text></name></question>\n"
                   "<question type=\"essay\"><name><text>Q</text></name></question>\n"
                   "<question type=\"essay\"><name><text>Q</text></name></question>\n"
                   "<question type=\"essay\"><name><text></text></name>"
                   "<questiontext><text>x</text></questiontext></question>" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 5);
    assert_string_equal(p.q.items[2].id, "Q (3)");
    assert_string_equal(p.q.items[3].id, "Q (4)");
    assert_string_equal(p.q.items[2].name, "Q");
    /* an empty name: the kiosk's own id (test_moodle_xml_oracle.c) */
    assert_string_equal(p.q.items[4].id, "line 7");
    assert_int_equal(p.diags.count, 3);
    assert_string_equal(p.diags.items[0].message,
                        "question \"Q\" has the name of an earlier one; its id here is \"Q (3)\"");
    assert_int_equal(p.diags.items[0].line, 5);
    parsed_free(&p);
}

static void test_truefalse_false_is_right(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"truefalse\"><name><text>TF</text></name>"
                   "<questiontext format=\"moodle_auto_format\"><text>Sky is green</text>"
                   "</questiontext>"
                   "<answer fraction=\"0\"><text>true</text><feedback><text>No, blue"
                   "</text></feedback></answer>"
                   "<answer fraction=\"100\"><text>false</text><feedback><text>Right"
                   "</text></feedback></answer></question>" TAIL);
    assert_int_equal(p.errors, 0);
    const Question *q = &p.q.items[0];
    assert_int_equal(q->type, QT_TRUEFALSE);
    assert_int_equal(q->format, TF_MOODLE);
    assert_false(q->tf_answer);
    assert_string_equal(q->tf_feedback_right, "Right");
    assert_string_equal(q->tf_feedback_wrong, "No, blue");
    assert_int_equal(q->nanswers, 2);
    assert_true(q->answers[1].fraction == 1);
    assert_string_equal(q->answers[0].feedback, "No, blue");
    parsed_free(&p);
}

static void test_shortanswer_and_usecase_warns(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"shortanswer\"><name><text>S</text></name>"
                   "<questiontext><text>Say hi</text></questiontext><usecase>0</usecase>"
                   "<answer fraction=\"100\"><text>hello</text></answer>"
                   "<answer fraction=\"50\"><text>hi*</text></answer></question>"
                   "<question type=\"shortanswer\"><name><text>Case</text></name>"
                   "<questiontext><text>Capital</text></questiontext><usecase>1</usecase>"
                   "<answer fraction=\"100\"><text>Paris</text></answer></question>" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 2);
    assert_int_equal(p.q.items[0].type, QT_SHORTANSWER);
    assert_true(p.q.items[0].answers[1].fraction == 0.5);
    const Diag *d = only_diag(&p);
    assert_int_equal(d->level, DIAG_WARNING);
    assert_string_equal(d->message, "\"Case\" the kiosk compares short answers without case");
    parsed_free(&p);
}

static void test_numerical_tolerance_catchall_units(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"numerical\"><name><text>N</text></name>"
                   "<questiontext><text>Pi?</text></questiontext>"
                   "<answer fraction=\"100\"><text>3.14</text><tolerance>0.01</tolerance>"
                   "<feedback><text>ok</text></feedback></answer>"
                   "<answer fraction=\"0\"><text>*</text><tolerance>0</tolerance></answer>"
                   "<units><unit><multiplier>1</multiplier><unit_name>rad</unit_name></unit>"
                   "</units></question>" TAIL);
    assert_int_equal(p.errors, 0);
    const Question *q = &p.q.items[0];
    assert_int_equal(q->type, QT_NUMERICAL);
    assert_int_equal(q->nanswers, 2);
    assert_true(q->answers[0].value == 3.14 && q->answers[0].tolerance == 0.01);
    assert_true(q->answers[1].catchall);
    const Diag *d = only_diag(&p);
    assert_int_equal(d->level, DIAG_WARNING);
    assert_non_null(strstr(d->message, "units are ignored"));
    parsed_free(&p);
}

static void test_numerical_bad_number_is_an_error(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"numerical\"><name><text>N</text></name>"
                   "<questiontext><text>?</text></questiontext>"
                   "<answer fraction=\"100\"><text>three</text></answer></question>" TAIL);
    assert_true(p.errors >= 1);
    assert_int_equal(p.q.count, 0);
    assert_string_equal(p.diags.items[0].message, "\"N\" numerical answer three is not a number");
    parsed_free(&p);
}

static void test_matching_subquestions_and_distractor(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"matching\"><name><text>Mt</text></name>"
                   "<questiontext><text>Match</text></questiontext>"
                   "<subquestion format=\"html\"><text><![CDATA[<p>cat</p>]]></text>"
                   "<answer><text>meow</text></answer></subquestion>"
                   "<subquestion><text>dog</text><answer><text>woof</text></answer>"
                   "</subquestion>"
                   "<subquestion><text></text><answer><text>moo</text></answer></subquestion>"
                   "</question>" TAIL);
    assert_int_equal(p.errors, 0);
    const Question *q = &p.q.items[0];
    assert_int_equal(q->type, QT_MATCHING);
    assert_int_equal(q->nanswers, 3);
    assert_string_equal(q->answers[0].left, "<p>cat</p>");
    assert_int_equal(q->answers[0].format, TF_HTML);
    assert_string_equal(q->answers[0].text, "meow");
    assert_string_equal(q->answers[2].left, "");
    assert_true(q->answers[2].fraction == 0);
    parsed_free(&p);
}

static void test_description_and_essay(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"description\"><name><text>D</text></name>"
                   "<questiontext format=\"markdown\"><text>**Read**</text></questiontext>"
                   "</question><question type=\"essay\"><name><text>E</text></name>"
                   "<questiontext><text>Discuss</text></questiontext></question>" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 2);
    assert_int_equal(p.q.items[0].type, QT_DESCRIPTION);
    assert_int_equal(p.q.items[0].format, TF_MARKDOWN);
    assert_int_equal(p.q.items[1].type, QT_ESSAY);
    parsed_free(&p);
}

static void test_unknown_types_skipped_with_their_names(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"calculated\"><name><text>Calc 1</text></name></question>\n"
                   "<question type=\"ddwtos\"><name><text>Drag</text></name></question>\n"
                   "<question type=\"essay\"><name><text>E</text></name>"
                   "<questiontext><text>x</text></questiontext></question>" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.q.count, 1);
    assert_int_equal(p.diags.count, 2);
    assert_string_equal(p.diags.items[0].message,
                        "\"Calc 1\" skipped: the kiosk does not show questions of type calculated");
    assert_int_equal(p.diags.items[0].line, 3);
    assert_string_equal(p.diags.items[1].message,
                        "\"Drag\" skipped: the kiosk does not show questions of type ddwtos");
    assert_int_equal(p.diags.items[1].line, 4);
    parsed_free(&p);
}

static void test_image_kept_and_src_rewritten(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"description\"><name><text>D</text></name>"
                   "<questiontext format=\"html\"><text><![CDATA[<img src=\"@@PLUGINFILE@@/my%20map.png\">"
                   "<img src=\"@@PLUGINFILE@@/sub/x.png\">]]></text>"
                   "<file name=\"my map.png\" path=\"/\" encoding=\"base64\">" PNG_B64 "</file>"
                   "<file name=\"x.png\" path=\"/sub/\" encoding=\"base64\">" PNG_B64 "</file>"
                   "</questiontext></question>"
                   "<question type=\"description\"><name><text>D2</text></name>"
                   "<questiontext format=\"html\"><text><![CDATA[<img src=\"@@PLUGINFILE@@/my%20map.png\">]]></text>"
                   "<file name=\"my map.png\" path=\"/\" encoding=\"base64\">AAAA" PNG_B64 "</file>"
                   "</questiontext></question>" TAIL);
    assert_int_equal(p.diags.count, 1); /* the second image's bytes are no PNG */
    assert_int_equal(p.diags.items[0].level, DIAG_WARNING);
    assert_string_equal(p.q.items[0].text, "<img src=\"media/q.en/my-map.png\">"
                                           "<img src=\"media/q.en/x.png\">");
    /* The same bytes under one name are kept once. */
    assert_int_equal(p.media.count, 2);
    assert_string_equal(p.media.items[1].path, "media/q.en/x.png");
    assert_string_equal(p.media.items[0].path, "media/q.en/my-map.png");
    uint32_t w, h;
    assert_true(pack_image_size(&p.media.items[0], &w, &h));
    assert_int_equal(w, 1);
    assert_string_equal(p.q.items[1].text, "<img src=\"@@PLUGINFILE@@/my%20map.png\">");
    parsed_free(&p);
}

static void test_two_images_of_one_name_get_two_files(void **state)
{
    (void)state;
    /* A 2x1 PNG header is enough for the size check. */
    static const char png2[] =
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAC0lEQVR4nGNggAIAAAkAAftSuKkAAAAASUVORK5CYII=";
    char doc[4096];
    snprintf(doc, sizeof doc,
             HEAD "<question type=\"description\"><name><text>A</text></name>"
                  "<questiontext format=\"html\"><text>&lt;img src=\"@@PLUGINFILE@@/image.png\"&gt;</text>"
                  "<file name=\"image.png\" path=\"/\" encoding=\"base64\">%s</file>"
                  "</questiontext></question>"
                  "<question type=\"description\"><name><text>B</text></name>"
                  "<questiontext format=\"html\"><text>&lt;img src=\"@@PLUGINFILE@@/image.png\"&gt;</text>"
                  "<file name=\"image.png\" path=\"/\" encoding=\"base64\">%s</file>"
                  "</questiontext></question>" TAIL,
             PNG_B64, png2);
    Parsed p;
    parse(&p, doc);
    assert_int_equal(p.diags.count, 0);
    assert_int_equal(p.media.count, 2);
    assert_string_equal(p.q.items[0].text, "<img src=\"media/q.en/image.png\">");
    assert_string_equal(p.q.items[1].text, "<img src=\"media/q.en/image-2.png\">");
    parsed_free(&p);
}

static void test_image_over_the_limit_not_kept(void **state)
{
    (void)state;
    Parsed p;
    memset(&p, 0, sizeof p);
    p.lim = pack_limits_default();
    p.lim.max_image_file = 10;
    MoodleXmlMedia m = {.dir = "media/q.en/", .out = &p.media, .lim = &p.lim};
    const char *doc = HEAD "<question type=\"description\"><name><text>D</text></name>"
                           "<questiontext><text>@@PLUGINFILE@@/a.png</text>"
                           "<file name=\"a.png\" encoding=\"base64\">" PNG_B64 "</file>"
                           "</questiontext></question>" TAIL;
    pack_moodle_xml_parse("t.xml", doc, strlen(doc), &p.arena, &m, &p.q, &p.diags);
    assert_int_equal(p.media.count, 0);
    const Diag *d = only_diag(&p);
    assert_string_equal(d->message, "embedded image \"a.png\" is larger than 0 MiB; it is not shown");
    assert_string_equal(p.q.items[0].text, "@@PLUGINFILE@@/a.png");
    parsed_free(&p);
}

static void test_svg_and_missing_files_warn(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"description\"><name><text>D</text></name>"
                   "<questiontext><text>@@PLUGINFILE@@/a.svg @@PLUGINFILE@@/gone.png</text>"
                   "<file name=\"a.svg\" encoding=\"base64\">PHN2Zy8+</file>"
                   "</questiontext></question>" TAIL);
    assert_int_equal(p.errors, 0);
    assert_int_equal(p.diags.count, 2);
    assert_non_null(strstr(p.diags.items[0].message, "PNG and JPEG images only"));
    assert_string_equal(p.diags.items[1].message,
                        "the text shows file \"/gone.png\", which the question does not carry");
    assert_int_equal(p.media.count, 0);
    parsed_free(&p);
}

static void test_doctype_refused_no_entity_read(void **state)
{
    (void)state;
    char secret[] = "/tmp/mingbai-xxe-XXXXXX";
    int fd = mkstemp(secret);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "SECRET", 6), 6);
    close(fd);
    char doc[1024];
    snprintf(doc, sizeof doc,
             "<?xml version=\"1.0\"?>\n<!-- exported -->\n"
             "  <!DOCTYPE quiz [<!ENTITY x SYSTEM \"file://%s\">]>\n"
             "<quiz><question type=\"essay\"><name><text>&x;</text></name>"
             "<questiontext><text>&x;</text></questiontext></question></quiz>",
             secret);
    Parsed p;
    parse(&p, doc);
    unlink(secret);
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    const Diag *d = only_diag(&p);
    assert_int_equal(d->line, 3);
    assert_int_equal(d->col, 3);
    assert_non_null(strstr(d->message, "DOCTYPE"));
    parsed_free(&p);
}

static void test_undeclared_entity_is_an_error(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"essay\"><name><text>&lol;</text></name></question>" TAIL);
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    assert_int_equal(p.diags.items[0].line, 3);
    parsed_free(&p);
}

static void test_broken_xml_at_line_col(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"essay\">\n  <name><text>E</name>\n</question>" TAIL);
    assert_int_equal(p.errors, 1);
    const Diag *d = only_diag(&p);
    assert_int_equal(d->line, 4);
    assert_int_equal(d->col, 23); /* where libxml2 finds the mismatch: after </name> */
    assert_non_null(strstr(d->message, "the XML is broken: "));
    assert_non_null(strstr(d->message, "mismatch"));
    parsed_free(&p);
}

static void test_not_a_quiz(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, "<?xml version=\"1.0\"?>\n<html><body/></html>");
    assert_int_equal(p.errors, 1);
    assert_string_equal(only_diag(&p)->message,
                        "not a Moodle question file: the document is <html>, not <quiz>");
    parsed_free(&p);
    parse(&p, "");
    assert_int_equal(p.errors, 1);
    parsed_free(&p);
}

static void test_no_right_answer_is_an_error(void **state)
{
    (void)state;
    Parsed p;
    parse(&p, HEAD "<question type=\"multichoice\"><name><text>Z</text></name>"
                   "<questiontext><text>?</text></questiontext><single>true</single>"
                   "<answer fraction=\"0\"><text>a</text></answer></question>" TAIL);
    assert_int_equal(p.errors, 1);
    assert_int_equal(p.q.count, 0);
    parsed_free(&p);
}

/* A lone question file becomes a pack of one unit: id and title from its
 * name, its images in the pack, messages naming the file itself. */
static void test_question_file_as_pack(void **state)
{
    (void)state;
    char dir[] = "/tmp/mingbai-mx-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/Week 3: Maps.xml", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(HEAD "<question type=\"multichoice\"><name><text>Q</text></name>"
               "<questiontext format=\"html\"><text>&lt;img src=\"@@PLUGINFILE@@/m.png\"&gt;"
               "</text><file name=\"m.png\" encoding=\"base64\">" PNG_B64 "</file>"
               "</questiontext><single>true</single>"
               "<answer fraction=\"100\"><text>a</text></answer>"
               "<answer fraction=\"0\"><text>b</text></answer></question>\n"
               "<question type=\"cloze\"><name><text>C</text></name></question>" TAIL,
          f);
    fclose(f);
    Pack *pk = NULL;
    Diags d = {0};
    assert_int_equal(pack_load(path, &pk, &d), 0);
    assert_non_null(pk);
    assert_string_equal(pk->id, "week-3-maps");
    assert_string_equal(pk->title[LANG_EN], "Week 3: Maps");
    assert_int_equal(pk->nunits, 1);
    assert_int_equal(pk->units[0].lang[LANG_EN].quiz.count, 1);
    assert_string_equal(pk->units[0].lang[LANG_EN].quiz.items[0].text,
                        "<img src=\"media/01-week-3-maps.en/m.png\">");
    assert_non_null(pack_files_find(&pk->files, "media/01-week-3-maps.en/m.png"));
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].path, path);
    assert_int_equal(d.items[0].line, 4);
    pack_free(pk);
    diags_free(&d);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_multichoice_single_with_feedback_and_fields),
        cmocka_unit_test(test_multichoice_multiple_is_multiresponse),
        cmocka_unit_test(test_single_and_shuffle_read_as_moodle_does),
        cmocka_unit_test(test_repeated_names_get_their_own_ids),
        cmocka_unit_test(test_truefalse_false_is_right),
        cmocka_unit_test(test_shortanswer_and_usecase_warns),
        cmocka_unit_test(test_numerical_tolerance_catchall_units),
        cmocka_unit_test(test_numerical_bad_number_is_an_error),
        cmocka_unit_test(test_matching_subquestions_and_distractor),
        cmocka_unit_test(test_description_and_essay),
        cmocka_unit_test(test_unknown_types_skipped_with_their_names),
        cmocka_unit_test(test_image_kept_and_src_rewritten),
        cmocka_unit_test(test_two_images_of_one_name_get_two_files),
        cmocka_unit_test(test_image_over_the_limit_not_kept),
        cmocka_unit_test(test_svg_and_missing_files_warn),
        cmocka_unit_test(test_doctype_refused_no_entity_read),
        cmocka_unit_test(test_undeclared_entity_is_an_error),
        cmocka_unit_test(test_broken_xml_at_line_col),
        cmocka_unit_test(test_not_a_quiz),
        cmocka_unit_test(test_no_right_answer_is_an_error),
        cmocka_unit_test(test_question_file_as_pack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
