/* libxml2, loaded the first time a Moodle XML file or a question's HTML
 * with markup is read, not at start: with it come ICU's libicuuc (and its
 * 30 MB data library) and libstdc++, 2.4 MiB resident in a kiosk whose
 * course has no such text (richtext.c reads markup-free text without the
 * parser). Each libxml2 function the pack module calls is defined here
 * under its own name and forwards to the library's (mingbai/lazy.h); the
 * program is not linked with libxml2. */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "mingbai/lazy.h"

#ifndef MINGBAI_LIBXML2_SONAME
#define MINGBAI_LIBXML2_SONAME "libxml2.so.2"
#endif

static LazyLib libxml2 = {.soname = MINGBAI_LIBXML2_SONAME};

LAZY(libxml2, htmlDocPtr, htmlReadMemory,
     (const char *buf, int size, const char *url, const char *enc, int opts),
     (buf, size, url, enc, opts))
LAZY(libxml2, xmlDocPtr, xmlCtxtReadMemory,
     (xmlParserCtxtPtr ctxt, const char *buf, int size, const char *url, const char *enc,
      int opts),
     (ctxt, buf, size, url, enc, opts))
LAZY(libxml2, xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *doc), (doc))
LAZY_VOID(libxml2, xmlFreeDoc, (xmlDocPtr doc), (doc))
LAZY_VOID(libxml2, xmlFreeParserCtxt, (xmlParserCtxtPtr ctxt), (ctxt))
LAZY(libxml2, long, xmlGetLineNo, (const xmlNode *node), (node))
LAZY(libxml2, xmlChar *, xmlGetProp, (const xmlNode *node, const xmlChar *name), (node, name))
LAZY_VOID(libxml2, xmlInitParser, (void), ())
LAZY(libxml2, xmlParserCtxtPtr, xmlNewParserCtxt, (void), ())
LAZY(libxml2, xmlChar *, xmlNodeGetContent, (const xmlNode *node), (node))
LAZY_VOID(libxml2, xmlSetStructuredErrorFunc, (void *ctx, xmlStructuredErrorFunc fn), (ctx, fn))

/* xmlFree is the library's variable holding its free function, which what
 * xmlGetProp and xmlNodeGetContent return is given back to. The module
 * calls it as xmlFree(p) through this one, which calls the library's. */
static void xml_free_lazy(void *p)
{
    static xmlFreeFunc *lib_free;
    if (!p)
        return;
    if (!lib_free)
        lib_free = lazy_need(&libxml2, "xmlFree");
    (*lib_free)(p);
}

xmlFreeFunc xmlFree = xml_free_lazy;
