/* What the Moodle XML reader's files share: moodle_xml.c reads the document
 * and the questions, moodle_xml_media.c the embedded files (base64 images
 * referenced as @@PLUGINFILE@@/name) and the rewriting of their references.
 * Private to kiosk/pack/. */
#ifndef MINGBAI_MOODLE_XML_INTERNAL_H
#define MINGBAI_MOODLE_XML_INTERNAL_H

#include <libxml/tree.h>

#include "mingbai/pack.h"

typedef struct {
    const char *path;        /* the file, as messages name it */
    Arena *arena;
    Diags *diags;
    const MoodleXmlMedia *media; /* may be NULL: images are not kept */
    const char *qname;       /* the question being read, for messages */
} MxReader;

/* The line of node n (libxml2 counts lines from 1; 0 when unknown). */
int mx_line(const xmlNode *n);

/* A field's text with every @@PLUGINFILE@@ reference to a file embedded in
 * field (or, failing that, anywhere in question q) rewritten to the path of
 * that image in the pack. raw is the field's <text>, trimmed. Files the
 * kiosk cannot show (not PNG or JPEG, too large, broken base64) are
 * reported and their references left as they are. */
char *mx_media_rewrite(MxReader *r, const xmlNode *q, const xmlNode *field, const char *raw);

/* The ids given so far in the file (an open-addressing set of questions);
 * the caller frees slot. */
typedef struct {
    const Question **slot;
    size_t cap, n;
} MxIds;

/* Adds q's id to ids; an id given before is changed to "id (2)", "id (3)"...
 * with a warning. A question without an id is left as it is. */
void mx_unique_id(MxReader *r, MxIds *ids, Question *q);

#endif
