/* Formatted question text (pack_rich_text): each tag of the safe HTML
 * subset, entities, tags left out with a warning at file:line:col, a
 * script's content never shown, Markdown emphasis, [moodle] line breaks,
 * [plain] as written; and a pack whose GIFT questions are [html] and
 * [markdown] built with every field formatted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mingbai/learn.h"
#include "mingbai/pack.h"

typedef struct {
    Arena arena;
    Diags diags;
    PackFiles files;
    RichText rt;
} Fx;

static int fx_setup(void **state)
{
    Fx *f = calloc(1, sizeof *f);
    pack_files_add(&f->files, "media/cat.png", "x", 1);
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    Fx *f = *state;
    arena_reset(&f->arena);
    diags_free(&f->diags);
    pack_files_free(&f->files);
    free(f);
    return 0;
}

/* Converts raw as if it were a question at line 3, column 1 of q.gift,
 * whose whole text is src (NULL: raw on line 3). */
static RichText *conv(Fx *f, const char *raw, TextFormat fmt, const char *src)
{
    char *text = src ? NULL : arena_printf(&f->arena, "// a\n\n%s\n", raw);
    RichWhere at = {.path = "q.gift", .src = src ? src : text, .line = 3, .col = 1,
                    .files = &f->files};
    at.srclen = strlen(at.src);
    at.from = src ? 0 : 5;
    memset(&f->rt, 0, sizeof f->rt);
    pack_rich_text(raw, fmt, &at, &f->arena, &f->rt, &f->diags);
    return &f->rt;
}

/* The span of b that starts at the text of needle, or NULL. */
static const Span *span_at(const Block *b, const char *needle)
{
    const char *p = strstr(b->text, needle);
    if (!p)
        return NULL;
    for (size_t i = 0; i < b->nspans; i++)
        if (b->spans[i].start == (uint32_t)(p - b->text))
            return &b->spans[i];
    return NULL;
}

static void dump(const Fx *f)
{
    for (size_t i = 0; i < f->diags.count; i++) {
        char *s = diag_format(&f->diags.items[i]);
        print_message("  %s\n", s);
        free(s);
    }
}

/* Text without markup is read without the HTML parser (richtext.c): the
 * same blocks as the parser makes of it. A comment in front sends the same
 * text through the parser, which drops the comment. */
static void assert_same_rich(const RichText *a, const RichText *b)
{
    assert_string_equal(a->plain, b->plain);
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++) {
        assert_int_equal(a->blocks[i].kind, b->blocks[i].kind);
        assert_string_equal(a->blocks[i].text, b->blocks[i].text);
        assert_int_equal(a->blocks[i].nspans, b->blocks[i].nspans);
        for (size_t k = 0; k < a->blocks[i].nspans; k++) {
            assert_int_equal(a->blocks[i].spans[k].start, b->blocks[i].spans[k].start);
            assert_int_equal(a->blocks[i].spans[k].len, b->blocks[i].spans[k].len);
            assert_int_equal(a->blocks[i].spans[k].flags, b->blocks[i].spans[k].flags);
        }
    }
}

static void test_markup_free_as_parsed(void **state)
{
    Fx *f = *state;
    static const char *const texts[] = {
        "Which of these is a primary source?",
        "A reference list cites \u201cWalker & Cardenal (2017)\u201d.",
        "R & D, Q &\nA, tab &\tthen",
        "Two  spaces\nand a line\tand a tab",
        "某参考文献把报告写成\u201cWalker & Cardenal (2017)\u201d。",
    };
    for (int fmt = 0; fmt < 2; fmt++)
        for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
            TextFormat tf = fmt ? TF_MOODLE : TF_HTML;
            RichText fast = *conv(f, texts[i], tf, NULL);
            char *parsed = arena_printf(&f->arena, "<!---->%s", texts[i]);
            RichText slow = *conv(f, parsed, tf, NULL);
            assert_same_rich(&fast, &slow);
        }
    assert_int_equal(f->diags.count, 0);
}

static void test_paragraphs_and_breaks(void **state)
{
    Fx *f = *state;
    RichText *r = conv(f, "<p>One<br>two</p><p>Three</p>", TF_HTML, NULL);
    assert_int_equal(r->count, 2);
    assert_int_equal(r->blocks[0].kind, BLK_PARA);
    assert_string_equal(r->blocks[0].text, "One\ntwo");
    assert_string_equal(r->blocks[1].text, "Three");
    assert_string_equal(r->plain, "One\ntwo\nThree");
    assert_int_equal(f->diags.count, 0);
}

static void test_inline_flags(void **state)
{
    Fx *f = *state;
    RichText *r = conv(f,
                       "<p>a <b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em> "
                       "<u>under</u> <a href=\"http://x.example\">link</a></p>",
                       TF_HTML, NULL);
    assert_int_equal(r->count, 1);
    const Block *b = &r->blocks[0];
    assert_string_equal(b->text, "a bold strong it em under link");
    assert_int_equal(span_at(b, "bold")->flags, SPAN_BOLD);
    assert_int_equal(span_at(b, "bold")->len, 4);
    assert_int_equal(span_at(b, "strong")->flags, SPAN_BOLD);
    assert_int_equal(span_at(b, "it ")->flags, SPAN_EM);
    assert_int_equal(span_at(b, "em ")->flags, SPAN_EM);
    assert_int_equal(span_at(b, "under")->flags, SPAN_UNDERLINE);
    assert_null(span_at(b, "link")); /* a link is its text: nothing to tap */
    assert_int_equal(f->diags.count, 0);
}

static void test_sub_sup(void **state)
{
    Fx *f = *state;
    RichText *r = conv(f, "H<sub>2</sub>O, E = mc<sup>2</sup>, x<sup>n+1</sup>", TF_HTML, NULL);
    assert_string_equal(r->plain, "H₂O, E = mc², xⁿ⁺¹");
}

static void test_lists(void **state)
{
    Fx *f = *state;
    RichText *r = conv(f, "<p>Steps:</p><ol><li>Save</li><li>Upload<ul><li>here</li></ul></li></ol>",
                       TF_HTML, NULL);
    assert_int_equal(r->count, 4);
    assert_int_equal(r->blocks[1].kind, BLK_ITEM);
    assert_int_equal(r->blocks[1].number, 1);
    assert_true(r->blocks[1].first_in_item);
    assert_int_equal(r->blocks[1].level, 1);
    assert_string_equal(r->blocks[2].text, "Upload");
    assert_int_equal(r->blocks[2].number, 2);
    assert_int_equal(r->blocks[3].kind, BLK_ITEM);
    assert_int_equal(r->blocks[3].number, 0);
    assert_int_equal(r->blocks[3].level, 2);
    assert_string_equal(r->plain, "Steps:\n1. Save\n2. Upload\n• here");
}

static void test_images(void **state)
{
    Fx *f = *state;
    RichText *r = conv(f, "<p>See <img src=\"media/cat.png\" alt=\"A cat\"> and "
                          "<img src=\"http://x.example/dog.png\"></p>",
                       TF_HTML, NULL);
    assert_int_equal(r->count, 3);
    assert_string_equal(r->blocks[0].text, "See");
    assert_int_equal(r->blocks[1].kind, BLK_IMAGE);
    assert_string_equal(r->blocks[1].src, "media/cat.png");
    assert_string_equal(r->blocks[1].text, "A cat");
    assert_string_equal(r->blocks[2].text, "and");
    assert_int_equal(f->diags.count, 1);
    assert_int_equal(f->diags.items[0].level, DIAG_WARNING);
    assert_non_null(strstr(f->diags.items[0].message, "http://x.example/dog.png"));
    assert_int_equal(f->diags.items[0].line, 3);
    assert_int_equal(f->diags.items[0].col, 50);
}

static void test_entities(void **state)
{
    Fx *f = *state;
    RichText *r = conv(f, "a&nbsp;b &amp; &lt;c&gt; &#x4e2d;&#25991; &eacute;", TF_HTML, NULL);
    assert_string_equal(r->blocks[0].text, "a\xC2\xA0" "b & <c> 中文 é");
    assert_string_equal(r->plain, "a b & <c> 中文 é");
    /* Moodle's editor starts answers with &nbsp;: not shown at the edge */
    r = conv(f, "<p>&nbsp;Un document&nbsp;</p>", TF_HTML, NULL);
    assert_string_equal(r->blocks[0].text, "Un document");
}

/* Moodle's editor writes paragraphs with attributes; they are not shown. */
static void test_moodle_editor_paragraph(void **state)
{
    Fx *f = *state;
    RichText *r = conv(f,
                       "<p dir=\"ltr\" style=\"text-align: left;\">A <b>reverse image search</b> "
                       "finds it.<br></p>",
                       TF_HTML, NULL);
    assert_int_equal(r->count, 1);
    assert_string_equal(r->plain, "A reverse image search finds it.");
    assert_int_equal(f->diags.count, 0);
}

static void test_dropped_with_warnings(void **state)
{
    Fx *f = *state;
    const char *src = "::q::<p>Hi</p>\n<script>alert('x')</script><style>p{}</style>"
                      "<blink>kept</blink>\n  <iframe src\\=\"y\">in</iframe>{T}\n";
    const char *raw = "<p>Hi</p>\n<script>alert('x')</script><style>p{}</style>"
                      "<blink>kept</blink>\n  <iframe src=\"y\">in</iframe>";
    RichText *r = conv(f, raw, TF_HTML, src);
    assert_null(strstr(r->plain, "alert"));
    /* a script first goes into the document's head: named as itself */
    RichText *h = conv(f, "<script>x</script>Text", TF_HTML, NULL);
    assert_string_equal(h->plain, "Text");
    assert_non_null(strstr(f->diags.items[f->diags.count - 1].message, "<script>"));
    diags_free(&f->diags);
    memset(&f->diags, 0, sizeof f->diags);
    r = conv(f, raw, TF_HTML, src);
    assert_null(strstr(r->plain, "p{}"));
    assert_null(strstr(r->plain, "in"));
    assert_null(strchr(r->plain, '<'));
    assert_non_null(strstr(r->plain, "kept"));
    dump(f);
    assert_int_equal(f->diags.count, 4);
    const struct {
        const char *what;
        int line, col;
    } want[] = {{"<script>", 2, 1}, {"<style>", 2, 28}, {"<blink>", 2, 46}, {"<iframe>", 3, 3}};
    for (size_t i = 0; i < 4; i++) {
        const Diag *d = &f->diags.items[i];
        assert_string_equal(d->path, "q.gift");
        assert_non_null(strstr(d->message, want[i].what));
        assert_int_equal(d->line, want[i].line);
        assert_int_equal(d->col, want[i].col);
    }
}

static void test_table_as_lines(void **state)
{
    Fx *f = *state;
    RichText *r = conv(f, "<table><tr><th>A</th><td>1</td></tr><tr><td>B</td><td>2</td></tr></table>",
                       TF_HTML, NULL);
    assert_string_equal(r->plain, "A | 1\nB | 2");
    assert_int_equal(f->diags.count, 1);
    assert_non_null(strstr(f->diags.items[0].message, "<table>"));
}

static void test_markdown(void **state)
{
    Fx *f = *state;
    RichText *r = conv(f, "Which of **these** is a *primary* source?", TF_MARKDOWN, NULL);
    assert_int_equal(r->count, 1);
    assert_string_equal(r->plain, "Which of these is a primary source?");
    assert_int_equal(span_at(&r->blocks[0], "these")->flags, SPAN_BOLD);
    assert_int_equal(span_at(&r->blocks[0], "primary")->flags, SPAN_EM);
}

static void test_moodle_format(void **state)
{
    Fx *f = *state;
    RichText *r = conv(f, "Line one\nLine two with <b>bold</b>\n\nhttp://x.example", TF_MOODLE,
                       NULL);
    assert_int_equal(r->count, 1);
    /* the line end just after </b> is a space (text_to_html), the next a break */
    assert_string_equal(r->blocks[0].text, "Line one\nLine two with bold\nhttp://x.example");
    assert_int_equal(span_at(&r->blocks[0], "bold")->flags, SPAN_BOLD);
    /* white space alone between tags is nothing; a line end at a tag a space */
    r = conv(f, "<p>a</p>\n<p>b\n<i>c</i></p>", TF_MOODLE, NULL);
    assert_int_equal(r->count, 2);
    assert_string_equal(r->blocks[1].text, "b c");
}

static void test_plain_format(void **state)
{
    Fx *f = *state;
    RichText *r = conv(f, "Plain shows <b> as\nwritten &amp;", TF_PLAIN, NULL);
    assert_int_equal(r->count, 1);
    assert_string_equal(r->plain, "Plain shows <b> as\nwritten &amp;");
    assert_int_equal(r->blocks[0].nspans, 0);
}

/* The whole pack: every field formatted when it is built, pictures used. */
static void test_pack_fields(void **state)
{
    (void)state;
    Diags d = {0};
    Pack *p = NULL;
    int rc = pack_load("packs/good/formatted", &p, &d);
    assert_int_equal(rc, 0);
    assert_int_equal(d.count, 0);
    const Question *q = unit_question(&p->units[0], LANG_EN, "q-html");
    assert_non_null(q);
    assert_non_null(q->rich_text);
    assert_null(strchr(q->rich_text->plain, '<'));
    assert_non_null(strstr(q->rich_text->plain, "A reverse image search finds earlier copies"));
    assert_string_equal(rich_plain(q->answers[0].rich_text, q->answers[0].text),
                        "A search engine for images");
    assert_string_equal(rich_plain(q->answers[0].rich_feedback, q->answers[0].feedback),
                        "Yes: TinEye or Google Lens.");
    assert_ptr_equal(question_rich_for(q, q->answers[1].feedback), q->answers[1].rich_feedback);
    assert_non_null(strstr(q->rich_general_feedback->plain, "1. Save the picture"));
    bool image = false;
    for (size_t i = 0; i < q->rich_text->count; i++)
        image |= q->rich_text->blocks[i].kind == BLK_IMAGE;
    assert_true(image);
    q = unit_question(&p->units[0], LANG_EN, "q-markdown");
    assert_string_equal(q->rich_text->plain, "Which of these is a primary source?");
    q = unit_question(&p->units[0], LANG_ZH, "q-plain");
    assert_non_null(strstr(q->rich_text->plain, "<b>"));
    pack_free(p);
    diags_free(&d);
}

/* A short answer written in Moodle's editor is matched on its text: what
 * is typed never holds its tags. */
static void test_short_answer_plain(void **state)
{
    Fx *f = *state;
    const char *gift = "::s::[html]<p>The capital of <b>France</b>?</p>{=<p dir\\=\"ltr\">Paris<br></p>}\n";
    QuestionList ql;
    assert_int_equal(pack_gift_parse("s.gift", gift, strlen(gift), &f->arena, &ql, &f->diags), 0);
    assert_int_equal(ql.count, 1);
    Question *q = &ql.items[0];
    assert_int_equal(q->type, QT_SHORTANSWER);
    RichText *rt = arena_alloc(&f->arena, sizeof *rt);
    pack_rich_text(q->answers[0].text, q->answers[0].format, NULL, &f->arena, rt, &f->diags);
    q->answers[0].rich_text = rt;
    Response r;
    learn_response_clear(&r);
    snprintf(r.text, sizeof r.text, "paris");
    Score sc;
    learn_score(q, &r, &sc);
    assert_true(sc.correct);
    StrBuf b = {0};
    learn_correct_describe_in(q, &(LearnWords){"true", "false", "; ", " -> "}, &b);
    assert_string_equal(b.data, "Paris");
    strbuf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_paragraphs_and_breaks, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_inline_flags, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_sub_sup, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_lists, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_images, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_entities, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_moodle_editor_paragraph, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_dropped_with_warnings, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_table_as_lines, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_markdown, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_moodle_format, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_plain_format, fx_setup, fx_teardown),
        cmocka_unit_test(test_pack_fields),
        cmocka_unit_test_setup_teardown(test_markup_free_as_parsed, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_short_answer_plain, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
