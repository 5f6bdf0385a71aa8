/* A question's formatted text (Moodle's [html], [moodle], [plain] and
 * [markdown]) into the document blocks units have (pack_model.h: Block,
 * Span) and into plain text. Input is untrusted: HTML is parsed by
 * libxml2's HTML parser, never by hand, and only a safe subset becomes
 * blocks: paragraphs, line breaks, bold, italic, underline, sub- and
 * superscript (as Unicode characters), lists, links as their text, images
 * that are files of the pack, tables as lines of text. Everything else is
 * dropped with a located warning; a script's or style's content is never
 * shown. [moodle] is HTML too, with its line breaks kept, as Moodle's
 * text_to_html does; [plain] is text with its line breaks; [markdown] goes
 * through md4c as units do (pack_md_parse). */
#include "mingbai/pack.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "richtext_internal.h"

enum { RT_MAX_DEPTH = 48 };

/* ---------------- where a tag is, for messages ---------------- */

static bool rt_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Whether a start tag <name begins at raw[i]. */
static bool rt_tag_at(const Rt *r, size_t i, const char *name, size_t n)
{
    return i + 1 + n <= r->len && r->raw[i] == '<' && !strncasecmp(r->raw + i + 1, name, n) &&
           (i + 1 + n == r->len || !rt_name_char(r->raw[i + 1 + n]));
}

/* Follows the elements libxml2 made through raw, in document order: the
 * byte offset where element <name on raw line nline starts. It is the next
 * start tag after the last one found, or one on its line further on (a tag
 * the parser dropped came between); an element the parser implied, such as
 * the <p> around text at the top, has none and moves nothing. */
static size_t rt_tag_offset(Rt *r, const char *name, long nline)
{
    size_t n = strlen(name), i = r->cursor;
    while (i < r->len && !(r->raw[i] == '<' && i + 1 < r->len && rt_name_char(r->raw[i + 1])))
        i++;
    if (i < r->len && rt_tag_at(r, i, name, n)) {
        r->cursor = i + 1;
        return i;
    }
    long line = 1;
    for (size_t k = 0; k < r->cursor; k++)
        line += r->raw[k] == '\n';
    for (size_t k = r->cursor; k < r->len && line <= nline; k++) {
        if (line == nline && rt_tag_at(r, k, name, n)) {
            r->cursor = k + 1;
            return k;
        }
        line += r->raw[k] == '\n';
    }
    return r->cursor ? r->cursor - 1 : 0;
}

/* Line and column (1-based, in characters) of byte off of s. */
static void rt_line_col(const char *s, size_t off, int *line, int *col)
{
    size_t ls = 0;
    *line = 1;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            (*line)++;
            ls = i + 1;
        }
    *col = (int)utf8_count(s + ls, off - ls) + 1;
}

/* Where raw's byte off is in the file: '<' is never escaped in GIFT, so
 * the k-th '<' of the field is the (lt_before + k)-th '<' of the file from
 * where its question starts. Without the file, where the question starts. */
void rt_place(const Rt *r, size_t off, int *line, int *col)
{
    const RichWhere *w = r->at;
    *line = w ? w->line : 0;
    *col = w ? w->col : 0;
    if (!w || !w->src)
        return;
    size_t k = w->lt_before;
    for (size_t i = 0; i < off && i < r->len; i++)
        k += r->raw[i] == '<';
    for (size_t i = w->from; i < w->srclen; i++) {
        if (w->src[i] != '<')
            continue;
        if (k-- == 0) {
            rt_line_col(w->src, i, line, col);
            return;
        }
    }
}

static void rt_warn(Rt *r, const char *hint, const char *fmt, ...) MB_PRINTF(3, 4);
static void rt_warn(Rt *r, const char *hint, const char *fmt, ...)
{
    int line, col;
    rt_place(r, r->tag, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    diags_vadd(r->diags, DIAG_WARNING, r->at ? r->at->path : "", line, col, hint, NULL, fmt, ap);
    va_end(ap);
    r->warnings++;
}

/* ---------------- tags ---------------- */

typedef enum {
    T_WRAP,   /* its text, silently: span, font, html, body */
    T_BLOCK,  /* a paragraph of its own */
    T_BR,
    T_FLAG,   /* bold, italic, underline, code */
    T_SUB,
    T_SUP,
    T_LINK,   /* its text */
    T_LIST,
    T_ITEM,
    T_IMG,
    T_HR,
    T_TABLE,
    T_ROW,
    T_CELL,
    T_SECRET, /* dropped with its content, never shown: script, style */
    T_DROP,   /* dropped with its content: frames, media, forms */
    T_UNKNOWN /* its text kept, with a warning */
} TagKind;

static const struct {
    const char *name;
    TagKind kind;
    uint32_t flag;
} tags[] = {
    {"html", T_WRAP, 0},      {"body", T_WRAP, 0},       {"span", T_WRAP, 0},
    {"font", T_WRAP, 0},      {"small", T_WRAP, 0},      {"big", T_WRAP, 0},
    {"abbr", T_WRAP, 0},      {"acronym", T_WRAP, 0},    {"cite", T_WRAP, 0},
    {"q", T_WRAP, 0},         {"mark", T_WRAP, 0},       {"label", T_WRAP, 0},
    {"nobr", T_WRAP, 0},      {"dfn", T_WRAP, 0},        {"bdi", T_WRAP, 0},
    {"bdo", T_WRAP, 0},       {"time", T_WRAP, 0},       {"var", T_FLAG, SPAN_EM},
    {"p", T_BLOCK, 0},        {"div", T_BLOCK, 0},       {"blockquote", T_BLOCK, 0},
    {"pre", T_BLOCK, 0},      {"center", T_BLOCK, 0},    {"address", T_BLOCK, 0},
    {"section", T_BLOCK, 0},  {"article", T_BLOCK, 0},   {"header", T_BLOCK, 0},
    {"footer", T_BLOCK, 0},   {"main", T_BLOCK, 0},      {"aside", T_BLOCK, 0},
    {"figure", T_BLOCK, 0},   {"figcaption", T_BLOCK, 0}, {"dl", T_BLOCK, 0},
    {"dt", T_BLOCK, 0},       {"dd", T_BLOCK, 0},        {"caption", T_BLOCK, 0},
    {"h1", T_BLOCK, SPAN_BOLD}, {"h2", T_BLOCK, SPAN_BOLD}, {"h3", T_BLOCK, SPAN_BOLD},
    {"h4", T_BLOCK, SPAN_BOLD}, {"h5", T_BLOCK, SPAN_BOLD}, {"h6", T_BLOCK, SPAN_BOLD},
    {"br", T_BR, 0},          {"b", T_FLAG, SPAN_BOLD},  {"strong", T_FLAG, SPAN_BOLD},
    {"i", T_FLAG, SPAN_EM},   {"em", T_FLAG, SPAN_EM},   {"u", T_FLAG, SPAN_UNDERLINE},
    {"ins", T_FLAG, SPAN_UNDERLINE}, {"code", T_FLAG, SPAN_CODE}, {"tt", T_FLAG, SPAN_CODE},
    {"kbd", T_FLAG, SPAN_CODE}, {"samp", T_FLAG, SPAN_CODE}, {"sub", T_SUB, 0},
    {"sup", T_SUP, 0},        {"a", T_LINK, 0},          {"ul", T_LIST, 0},
    {"ol", T_LIST, 1},        {"li", T_ITEM, 0},         {"img", T_IMG, 0},
    {"hr", T_HR, 0},          {"table", T_TABLE, 0},     {"thead", T_WRAP, 0},
    {"tbody", T_WRAP, 0},     {"tfoot", T_WRAP, 0},      {"tr", T_ROW, 0},
    {"td", T_CELL, 0},        {"th", T_CELL, SPAN_BOLD}, {"script", T_SECRET, 0},
    {"style", T_SECRET, 0},   {"iframe", T_DROP, 0},     {"frame", T_DROP, 0},
    {"frameset", T_DROP, 0},  {"object", T_DROP, 0},     {"embed", T_DROP, 0},
    {"applet", T_DROP, 0},    {"video", T_DROP, 0},      {"audio", T_DROP, 0},
    {"canvas", T_DROP, 0},    {"svg", T_DROP, 0},        {"math", T_DROP, 0},
    {"noscript", T_DROP, 0},  {"template", T_DROP, 0},   {"head", T_WRAP, 0},
    {"title", T_DROP, 0},     {"meta", T_DROP, 0},       {"link", T_DROP, 0},
    {"form", T_DROP, 0},      {"input", T_DROP, 0},      {"select", T_DROP, 0},
    {"textarea", T_DROP, 0},  {"button", T_DROP, 0},     {"map", T_DROP, 0},
    {"source", T_DROP, 0},    {"track", T_DROP, 0},      {"param", T_DROP, 0},
};

static const char *rt_attr(Rt *r, xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = arena_strdup(r->arena, (const char *)v);
    xmlFree(v);
    return s;
}

/* An <img>'s src as a file of the pack: as written, without "./" or "/",
 * or Moodle's @@PLUGINFILE@@/name as media/name. NULL when none. */
static const char *rt_image_path(Rt *r, const char *src)
{
    if (!r->at || !src)
        return NULL;
    while (!strncmp(src, "./", 2))
        src += 2;
    while (*src == '/')
        src++;
    const PackFiles *sets[] = {r->at->files, r->at->more_files};
    const PackFile *f = NULL;
    for (size_t i = 0; i < 2 && !f; i++) {
        if (!sets[i])
            continue;
        f = pack_files_find(sets[i], src);
        if (!f && !strncmp(src, "@@PLUGINFILE@@/", 15))
            f = pack_files_find(sets[i], arena_printf(r->arena, "media/%s", src + 15));
    }
    /* a copy: the more_files move when they join the pack */
    return f ? arena_strdup(r->arena, f->path) : NULL;
}

static void rt_walk(Rt *r, xmlNode *parent, int depth);

static void rt_image(Rt *r, xmlNode *n)
{
    const char *src = rt_attr(r, n, "src"), *alt = rt_attr(r, n, "alt");
    const char *path = rt_image_path(r, src);
    if (!path) {
        StrBuf q = {0};
        pack_quote(&q, src ? src : "", src ? strlen(src) : 0);
        rt_warn(r, "put the picture under media/ in the pack and name it in src",
                "the picture %s is not a file of the pack; it is left out", q.data);
        strbuf_free(&q);
        return;
    }
    rt_flush(r);
    Block *b = rt_push(r, BLK_IMAGE);
    b->src = arena_strdup(r->arena, path);
    b->text = arena_strdup(r->arena, alt ? alt : "");
}

static void rt_item(Rt *r, xmlNode *n, int depth)
{
    rt_flush(r);
    BlockKind kind = r->kind;
    int level = r->level, number = r->number;
    r->kind = BLK_ITEM;
    r->level = MB_MAX(1, MB_MIN(r->lists, RT_MAX_LISTS));
    int *next = r->lists ? &r->next[MB_MIN(r->lists, RT_MAX_LISTS) - 1] : NULL;
    r->number = next && *next > 0 ? (*next)++ : 0;
    r->first_in_item = true;
    rt_walk(r, n, depth + 1);
    rt_flush(r);
    if (r->first_in_item) /* an empty item still shows its marker */
        rt_push(r, BLK_ITEM);
    r->kind = kind;
    r->level = level;
    r->number = number;
    r->first_in_item = false;
}

static void rt_list(Rt *r, xmlNode *n, bool ordered, int depth)
{
    rt_flush(r);
    if (r->lists < RT_MAX_LISTS) {
        const char *start = ordered ? rt_attr(r, n, "start") : NULL;
        int s = start ? atoi(start) : 1;
        r->next[r->lists] = ordered ? MB_CLAMP(s, 1, 999999) : 0;
    }
    r->lists++;
    rt_walk(r, n, depth + 1);
    r->lists--;
    rt_flush(r);
}

static bool rt_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

/* A text node. In [moodle], as Moodle's text_to_html: white space alone
 * between two tags is nothing, a line end just after or before a tag a
 * space, every other line end a line break. */
static void rt_text_node(Rt *r, xmlNode *node)
{
    const char *s = node->content ? (const char *)node->content : "";
    size_t n = strlen(s);
    if (!r->moodle || r->pre) {
        rt_put(r, s, n);
        return;
    }
    bool tag_before = node->prev || (r->len && r->raw[0] == '<');
    bool tag_after = node->next || (r->len && r->raw[r->len - 1] == '>');
    size_t a = 0;
    while (a < n && rt_ws(s[a]))
        a++;
    if (a == n && tag_before && tag_after)
        return;
    size_t i = 0;
    if (tag_before && n && (s[0] == '\n' || s[0] == '\r')) {
        rt_put(r, " ", 1);
        i = 1;
    }
    size_t end = n;
    bool space_after = tag_after && end > i && (s[end - 1] == '\n' || s[end - 1] == '\r');
    if (space_after)
        end--;
    while (i < end) {
        size_t e = i;
        while (e < end && s[e] != '\n' && s[e] != '\r')
            e++;
        rt_put(r, s + i, e - i);
        if (e == end)
            break;
        rt_break(r);
        i = e + (s[e] == '\r' && e + 1 < end && s[e + 1] == '\n' ? 2 : 1);
    }
    if (space_after)
        rt_put(r, " ", 1);
}

static TagKind rt_kind(const char *name, uint32_t *flag)
{
    for (size_t i = 0; i < MB_COUNT(tags); i++)
        if (!strcmp(tags[i].name, name)) {
            *flag = tags[i].flag;
            return tags[i].kind;
        }
    *flag = 0;
    return T_UNKNOWN;
}

static void rt_flagged(Rt *r, xmlNode *n, uint32_t flag, int depth)
{
    uint32_t old = r->flags;
    r->flags |= flag;
    rt_walk(r, n, depth + 1);
    r->flags = old;
}

static void rt_element(Rt *r, xmlNode *n, int depth)
{
    const char *name = (const char *)n->name;
    /* Line 0: an element of markup-free text (rt_html_plain), which
     * xmlGetLineNo would say too, without loading libxml2 for it. */
    r->tag = rt_tag_offset(r, name, n->line ? xmlGetLineNo(n) : 0);
    uint32_t flag;
    TagKind k = rt_kind(name, &flag);
    switch (k) {
    case T_BLOCK:
        rt_flush(r);
        r->pre += !strcmp(name, "pre");
        rt_flagged(r, n, flag, depth);
        r->pre -= !strcmp(name, "pre");
        rt_flush(r);
        break;
    case T_BR: rt_break(r); break;
    case T_FLAG:
    case T_CELL:
        if (k == T_CELL && r->cells++)
            rt_put(r, " | ", 3);
        rt_flagged(r, n, flag, depth);
        break;
    case T_SUB:
    case T_SUP: {
        int *c = k == T_SUB ? &r->sub : &r->sup;
        (*c)++;
        rt_walk(r, n, depth + 1);
        (*c)--;
        break;
    }
    case T_LIST: rt_list(r, n, flag != 0, depth); break;
    case T_ITEM: rt_item(r, n, depth); break;
    case T_IMG: rt_image(r, n); break;
    case T_HR:
        rt_flush(r);
        rt_push(r, BLK_RULE);
        break;
    case T_TABLE:
        rt_warn(r, "write the table as a list, or as a picture in media/",
                "<%s> is shown as lines of text, one for each row", name);
        /* fall through */
    case T_ROW:
        rt_flush(r);
        r->cells = 0;
        rt_walk(r, n, depth + 1);
        rt_flush(r);
        break;
    case T_SECRET:
        rt_warn(r, "remove it; the kiosk runs no scripts and takes no styles",
                "<%s> is left out with its content, which is never shown", name);
        break;
    case T_DROP:
        rt_warn(r, "the kiosk shows text, lists and pictures of the pack",
                "<%s> cannot be shown on the kiosk; it is left out with its content", name);
        break;
    case T_UNKNOWN:
        rt_warn(r, "use paragraphs, bold, italic, underline, lists or pictures",
                "<%s> is not shown as a tag; only its text is kept", name);
        /* fall through */
    default:
        rt_walk(r, n, depth + 1);
        break;
    }
}

static void rt_walk(Rt *r, xmlNode *parent, int depth)
{
    if (depth > RT_MAX_DEPTH) {
        xmlChar *t = xmlNodeGetContent(parent); /* deeper tags: their text */
        if (t)
            rt_put(r, (const char *)t, strlen((const char *)t));
        xmlFree(t);
        return;
    }
    for (xmlNode *n = parent->children; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
            rt_text_node(r, n);
        else if (n->type == XML_ELEMENT_NODE)
            rt_element(r, n, depth);
    }
}

/* Text that libxml2's HTML parser always makes <html><body><p>TEXT</p>
 * </body></html> of, TEXT its very bytes: no markup or entity (no '<', and
 * no '&' but one before white space, "R & D", which the parser keeps as
 * written), no carriage return or other control character but line feed
 * and tab (the parser changes or drops them), valid UTF-8 without U+FFFE,
 * U+FFFF or a byte order mark, and neither starting nor ending with white
 * space. Most fields of a pack are such text; a pack of them only never
 * loads libxml2 (xml_lazy.c). */
static bool rt_markup_free(const Rt *r)
{
    if (rt_ws(r->raw[0]) || rt_ws(r->raw[r->len - 1]) || !utf8_valid(r->raw, r->len, NULL))
        return false;
    for (size_t i = 0; i < r->len;) {
        unsigned char c = (unsigned char)r->raw[i];
        if (c < 0x80) {
            if (c == '<' || c == 0x7f || (c < 0x20 && c != '\n' && c != '\t'))
                return false;
            if (c == '&' && (i + 1 >= r->len || !rt_ws(r->raw[i + 1])))
                return false;
            i++;
            continue;
        }
        uint32_t cp = utf8_decode(r->raw, r->len, &i);
        if (cp == 0xFFFE || cp == 0xFFFF || cp == 0xFEFF)
            return false;
    }
    return true;
}

/* The tree the parser makes of markup-free text, walked as a parsed one:
 * the same blocks without a parser made and freed for each field (a third
 * of the kiosk's start-up, which builds every pack from the database). */
static void rt_html_plain(Rt *r)
{
    xmlNode text = {.type = XML_TEXT_NODE, .content = (xmlChar *)r->raw};
    xmlNode p = {.type = XML_ELEMENT_NODE, .name = (const xmlChar *)"p", .children = &text};
    xmlNode body = {.type = XML_ELEMENT_NODE, .name = (const xmlChar *)"body", .children = &p};
    xmlNode html = {.type = XML_ELEMENT_NODE, .name = (const xmlChar *)"html", .children = &body};
    text.parent = &p;
    p.parent = &body;
    body.parent = &html;
    xmlNode fake = {.children = &html};
    rt_walk(r, &fake, 0);
}

static void rt_html(Rt *r)
{
    if (r->len == 0 || r->len > (size_t)INT32_MAX)
        return;
    if (rt_markup_free(r)) {
        rt_html_plain(r);
        return;
    }
    htmlDocPtr doc = htmlReadMemory(r->raw, (int)r->len, NULL, "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    if (!doc) {
        rt_put(r, r->raw, r->len);
        return;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root) {
        xmlNode fake = {.children = root};
        rt_walk(r, &fake, 0);
    }
    xmlFreeDoc(doc);
}

/* [plain]: the text as written, its line breaks kept. */
static void rt_plain(Rt *r)
{
    r->pre = 1;
    rt_put(r, r->raw, r->len);
    r->pre = 0;
}

/* [markdown]: md4c, as units are read. */
static void rt_markdown(Rt *r)
{
    Doc doc;
    pack_md_parse(r->at ? r->at->path : "", r->raw, r->len, r->arena, &doc, r->diags);
    for (size_t i = 0; i < doc.count; i++) {
        Block *b = rt_push(r, doc.blocks[i].kind);
        *b = doc.blocks[i];
    }
}

int pack_rich_text(const char *raw, TextFormat f, const RichWhere *at, Arena *arena,
                   RichText *out, Diags *diags)
{
    Rt r = {.raw = raw ? raw : "", .at = at, .arena = arena, .diags = diags,
            .moodle = f == TF_MOODLE, .kind = BLK_PARA};
    r.len = strlen(r.raw);
    if (f == TF_PLAIN)
        rt_plain(&r);
    else if (f == TF_MARKDOWN)
        rt_markdown(&r);
    else
        rt_html(&r);
    rt_flush(&r);
    rt_finish(&r, out);
    return r.warnings;
}
