/* xAPI 1.0.3 statements (statements.json, one JSON array) for a Learning
 * Record Store: one "answered" statement per answer, its id the UUID fixed
 * when the answer was stored, so that exporting again gives the same ids
 * and a store ignores what it already has; and one "completed" statement
 * per participant and unit once every question of the unit's quiz has an
 * answer, its id made from the UUIDs of the answers it counts. No
 * "passed" or "failed": a pack names no pass mark, so there is nothing
 * sound to judge by.
 *
 * The actor is an account with the participant's pseudonym, never a name.
 * Activity ids and the account's home page are under REPORT_XAPI_BASE, a
 * name that never resolves (RFC 6761): the statements say which kiosk's
 * pack and question, not where to fetch them. Strings from the database
 * that are not valid UTF-8 are mended (U+FFFD), as JSON must be. */
#include "report_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPORT_XAPI_BASE "https://mingbai.invalid"
#define XAPI_VERBS "http://adlnet.gov/expapi/verbs/"
#define XAPI_ACTIVITIES "http://adlnet.gov/expapi/activities/"

static json_t *xapi_str(const char *s)
{
    json_t *j = json_string(s ? s : "");
    if (j)
        return j;
    StrBuf b = {0};
    size_t len = strlen(s), i = 0;
    strbuf_puts(&b, "");
    while (i < len) {
        char enc[4];
        int n = utf8_encode(utf8_decode(s, len, &i), enc);
        strbuf_append(&b, enc, (size_t)n);
    }
    j = json_string(b.data);
    strbuf_free(&b);
    return j ? j : json_string("");
}

static void xapi_set(json_t *o, const char *key, json_t *v)
{
    json_object_set_new(o, key, v ? v : json_null());
}

/* A language map from the two texts (either may be NULL or empty). */
static json_t *xapi_lang_map(const char *en, const char *zh)
{
    json_t *m = json_object();
    if (en && en[0])
        xapi_set(m, "en", xapi_str(en));
    if (zh && zh[0])
        xapi_set(m, "zh-CN", xapi_str(zh));
    return m;
}

static void xapi_put_segment(StrBuf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            strbuf_putc(b, (char)*p);
        else
            strbuf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
    }
}

/* REPORT_XAPI_BASE/pack/P[/unit/U[/question/Q]] with each part encoded. */
static json_t *xapi_activity_id(const char *pack, const char *unit, const char *question)
{
    StrBuf b = {0};
    strbuf_puts(&b, REPORT_XAPI_BASE "/pack/");
    xapi_put_segment(&b, pack);
    if (unit) {
        strbuf_puts(&b, "/unit/");
        xapi_put_segment(&b, unit);
    }
    if (question) {
        strbuf_puts(&b, "/question/");
        xapi_put_segment(&b, question);
    }
    json_t *j = json_string(b.data);
    strbuf_free(&b);
    return j;
}

static json_t *xapi_actor(const char *pseudo)
{
    return json_pack("{s:s, s:{s:s, s:o}}", "objectType", "Agent", "account", "homePage",
                     REPORT_XAPI_BASE "/participants", "name", xapi_str(pseudo));
}

static json_t *xapi_verb(const char *verb, const char *zh)
{
    char id[96];
    snprintf(id, sizeof id, XAPI_VERBS "%s", verb);
    return json_pack("{s:s, s:o}", "id", id, "display", xapi_lang_map(verb, zh));
}

/* ---------------- the interaction of a question ---------------- */

static const char *const xapi_interaction[QT_COUNT] = {
    [QT_MULTICHOICE] = "choice", [QT_MULTIRESPONSE] = "choice", [QT_TRUEFALSE] = "true-false",
    [QT_MATCHING] = "matching",  [QT_SHORTANSWER] = "fill-in",  [QT_NUMERICAL] = "numeric",
    [QT_ESSAY] = "long-fill-in", [QT_DESCRIPTION] = "other", [QT_MARKPOST] = "choice",
    [QT_SORT] = "sequencing", [QT_READ] = "choice",
    [QT_GROUP] = "matching",
};

/* The same question in the other language, when it has the same answers. */
static const Question *xapi_twin(const Question *q, const Question *other)
{
    return other && q && other->type == q->type && other->nanswers == q->nanswers ? other : NULL;
}

/* An answer's side (kind 'l': the left of a pair) as text without markup. */
static const char *xapi_answer_text(const Answer *a, char kind)
{
    return kind == 'l' ? rich_plain(a->rich_left, a->left) : rich_plain(a->rich_text, a->text);
}

static json_t *xapi_components(const Question *en, const Question *zh, char kind)
{
    const Question *q = en ? en : zh;
    json_t *list = json_array();
    for (size_t i = 0; i < q->nanswers; i++) {
        if (kind == 'l' && !(q->answers[i].left && q->answers[i].left[0]))
            continue;
        char id[32];
        snprintf(id, sizeof id, "%c%zu", kind, i + 1);
        const char *t_en = en ? xapi_answer_text(&en->answers[i], kind) : NULL;
        const char *t_zh = zh ? xapi_answer_text(&zh->answers[i], kind) : NULL;
        json_array_append_new(list, json_pack("{s:s, s:o}", "id", id, "description",
                                              xapi_lang_map(t_en, t_zh)));
    }
    return list;
}

/* Sort into groups: the items ("i1" ...) or the groups ("g1" ...). */
static json_t *xapi_group_components(const Question *en, const Question *zh, bool groups)
{
    const Question *q = en ? en : zh;
    json_t *list = json_array();
    size_t n = groups ? q->ngroups : MB_MIN(q->nanswers, (size_t)QUIZ_MAX_PAIRS);
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "%c%zu", groups ? 'g' : 'i', i + 1);
        const char *t_en = NULL, *t_zh = NULL;
        if (groups) {
            t_en = en && i < en->ngroups ? en->groups[i] : NULL;
            t_zh = zh && i < zh->ngroups ? zh->groups[i] : NULL;
        } else {
            t_en = en && i < en->nanswers ? xapi_answer_text(&en->answers[i], 'a') : NULL;
            t_zh = zh && i < zh->nanswers ? xapi_answer_text(&zh->answers[i], 'a') : NULL;
        }
        json_array_append_new(list, json_pack("{s:s, s:o}", "id", id, "description",
                                              xapi_lang_map(t_en, t_zh)));
    }
    return list;
}

static void xapi_correct_pattern(json_t *def, const Question *q)
{
    json_t *pats = json_array();
    StrBuf b = {0};
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        b.len = 0;
        strbuf_puts(&b, "");
        if ((q->type == QT_MULTICHOICE || q->type == QT_READ) && a->fraction >= 1) {
            strbuf_printf(&b, "a%zu", i + 1);
        } else if (q->type == QT_SHORTANSWER && a->fraction >= 1 && a->text &&
                   !strchr(a->text, '*')) {
            strbuf_printf(&b, "{case_matters=false}%s", rich_plain(a->rich_text, a->text));
        } else if (q->type == QT_NUMERICAL && a->fraction >= 1 && !a->catchall) {
            report_number(&b, a->value - a->tolerance);
            if (a->tolerance > 0) {
                strbuf_puts(&b, "[:]");
                report_number(&b, a->value + a->tolerance);
            }
        }
        if (b.len)
            json_array_append_new(pats, xapi_str(b.data));
    }
    /* One pattern that takes every part: the right ticks, or every pair. */
    b.len = 0;
    strbuf_puts(&b, "");
    for (size_t i = 0; i < q->nanswers; i++) {
        const Answer *a = &q->answers[i];
        if (((q->type == QT_MULTIRESPONSE || q->type == QT_MARKPOST) && a->fraction > 0) ||
            (q->type == QT_SORT && i < QUIZ_MAX_PAIRS))
            strbuf_printf(&b, "%sa%zu", b.len ? "[,]" : "", i + 1);
        else if (q->type == QT_MATCHING && a->left && a->left[0])
            strbuf_printf(&b, "%sl%zu[.]r%zu", b.len ? "[,]" : "", i + 1, i + 1);
        else if (q->type == QT_GROUP && i < QUIZ_MAX_PAIRS)
            strbuf_printf(&b, "%si%zu[.]g%d", b.len ? "[,]" : "", i + 1, a->group + 1);
    }
    if (b.len)
        json_array_append_new(pats, xapi_str(b.data));
    if (q->type == QT_TRUEFALSE)
        json_array_append_new(pats, json_string(q->tf_answer ? "true" : "false"));
    strbuf_free(&b);
    xapi_set(def, "correctResponsesPattern", pats);
}

static json_t *xapi_question_definition(ReportData *d, const ReportAnswer *a)
{
    json_t *def = json_object();
    xapi_set(def, "type", json_string(XAPI_ACTIVITIES "cmi.interaction"));
    const Question *en = report_question(d, a, LANG_EN, true);
    const Question *zh = report_question(d, a, LANG_ZH, true);
    if (en && zh)
        zh = xapi_twin(en, zh);
    const Question *q = en ? en : zh;
    if (a->type < QT_COUNT)
        xapi_set(def, "interactionType", json_string(xapi_interaction[a->type]));
    if (!q) { /* the pack or this version of it is gone: the id is all */
        xapi_set(def, "name", xapi_lang_map(a->question_id, NULL));
        return def;
    }
    xapi_set(def, "name", xapi_lang_map(en ? (en->name ? en->name : en->id) : NULL,
                                        zh ? (zh->name ? zh->name : zh->id) : NULL));
    xapi_set(def, "description", xapi_lang_map(en ? rich_plain(en->rich_text, en->text) : NULL,
                                                zh ? rich_plain(zh->rich_text, zh->text) : NULL));
    xapi_correct_pattern(def, q);
    if (q->type == QT_MULTICHOICE || q->type == QT_MULTIRESPONSE || q->type == QT_MARKPOST ||
        q->type == QT_SORT || q->type == QT_READ)
        xapi_set(def, "choices", xapi_components(en, zh, 'a'));
    if (q->type == QT_MATCHING) {
        xapi_set(def, "source", xapi_components(en, zh, 'l'));
        xapi_set(def, "target", xapi_components(en, zh, 'r'));
    }
    if (q->type == QT_GROUP) {
        xapi_set(def, "source", xapi_group_components(en, zh, false));
        xapi_set(def, "target", xapi_group_components(en, zh, true));
    }
    return def;
}

/* ---------------- the response pattern ---------------- */

/* The stored answers ("1,3", "1:3,2:0", "true") in xAPI's pattern; NULL
 * when the answer keeps none (stored before they were kept). */
static json_t *xapi_response(const ReportAnswer *a)
{
    StrBuf b = {0};
    strbuf_puts(&b, "");
    const char *p = a->answers;
    switch (a->type) {
    case QT_MULTICHOICE:
    case QT_MULTIRESPONSE:
    case QT_MARKPOST:
    case QT_SORT:
    case QT_READ:
        while (*p) {
            long k = strtol(p, (char **)&p, 10);
            if (k > 0)
                strbuf_printf(&b, "%sa%ld", b.len ? "[,]" : "", k);
            p += *p == ',';
            if (*p && (*p < '0' || *p > '9'))
                break;
        }
        break;
    case QT_MATCHING:
    case QT_GROUP:
        while (*p) {
            long l = strtol(p, (char **)&p, 10), r = 0;
            if (*p == ':')
                r = strtol(p + 1, (char **)&p, 10);
            if (l > 0 && r > 0 && a->type == QT_GROUP)
                strbuf_printf(&b, "%si%ld[.]g%ld", b.len ? "[,]" : "", l, r);
            else if (l > 0 && r > 0)
                strbuf_printf(&b, "%sl%ld[.]r%ld", b.len ? "[,]" : "", l, r);
            if (*p != ',')
                break;
            p++;
        }
        break;
    case QT_TRUEFALSE:
        strbuf_puts(&b, !strcmp(p, "true") || !strcmp(a->response, "true") ? "true" : "false");
        break;
    case QT_NUMERICAL:
        for (const char *t = a->response; *t; t++)
            strbuf_putc(&b, *t == ',' ? '.' : *t); /* "2,5" was read as 2.5 */
        break;
    default:
        strbuf_puts(&b, a->response);
        break;
    }
    json_t *j = b.len || a->type == QT_SHORTANSWER || a->type == QT_MARKPOST ? xapi_str(b.data) : NULL;
    strbuf_free(&b);
    return j;
}

/* ---------------- statements ---------------- */

static json_t *xapi_score(double score, double max)
{
    return json_pack("{s:f, s:f, s:f, s:f}", "scaled", max > 0 ? MB_CLAMP(score / max, -1, 1) : 0,
                     "raw", MB_CLAMP(score, 0, max), "min", 0.0, "max", max);
}

static json_t *xapi_context(ReportData *d, int64_t session, const char *pack, const char *unit,
                            Lang lang, const char *kiosk)
{
    json_t *ctx = json_object();
    const StoreSession *s = report_session_of(d, session);
    if (s && s->uuid[0])
        xapi_set(ctx, "registration", json_string(s->uuid));
    json_t *acts = json_object();
    if (unit)
        xapi_set(acts, "parent", json_pack("[{s:o}]", "id", xapi_activity_id(pack, unit, NULL)));
    xapi_set(acts, "grouping", json_pack("[{s:o}]", "id", xapi_activity_id(pack, NULL, NULL)));
    xapi_set(ctx, "contextActivities", acts);
    xapi_set(ctx, "platform", json_string("Mingbai"));
    xapi_set(ctx, "language", json_string(lang == LANG_ZH ? "zh-CN" : "en"));
    xapi_set(ctx, "extensions",
             json_pack("{s:o}", REPORT_XAPI_BASE "/xapi/kiosk", xapi_str(kiosk)));
    return ctx;
}

static json_t *xapi_answered(ReportData *d, const ReportAnswer *a)
{
    char when[48], took[48];
    report_iso_time(when, sizeof when, a->answered_ms);
    report_duration(took, sizeof took, a->answered_ms - a->started_ms);
    json_t *object = json_pack("{s:s, s:o, s:o}", "objectType", "Activity", "id",
                               xapi_activity_id(a->pack_id, a->unit, a->question_id),
                               "definition", xapi_question_definition(d, a));
    json_t *result = json_pack("{s:o, s:b, s:b, s:s}", "score", xapi_score(a->score, a->max),
                               "success", a->correct, "completion", 1, "duration", took);
    json_t *response = xapi_response(a);
    if (response)
        xapi_set(result, "response", response);
    json_t *st = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s}", "id", xapi_str(a->uuid),
                           "actor", xapi_actor(a->pseudo), "verb", xapi_verb("answered", "已作答"),
                           "object", object, "result", result, "context",
                           xapi_context(d, a->session, a->pack_id, a->unit, a->lang, a->kiosk_id),
                           "timestamp", when, "version", "1.0.3");
    return st;
}

/* A UUID from the digest of the answers counted: version 8 (RFC 9562's
 * form for ids made by the application), the same answers the same id. */
static void xapi_digest_uuid(const uint64_t h[2], char out[37])
{
    unsigned char b[16];
    for (int i = 0; i < 8; i++) {
        b[i] = (unsigned char)(h[0] >> (56 - 8 * i));
        b[8 + i] = (unsigned char)(h[1] >> (56 - 8 * i));
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x80);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
             b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
             b[15]);
}

static json_t *xapi_completed(ReportData *d, const ReportProgress *p)
{
    char id[37], when[48], took[48];
    xapi_digest_uuid(p->digest, id);
    report_iso_time(when, sizeof when, p->last_ms);
    report_duration(took, sizeof took, (int64_t)(p->seconds * 1000 + 0.5));
    const Unit *u = report_unit(d, p->pack_id, p->unit);
    json_t *def = json_pack("{s:s, s:o}", "type", XAPI_ACTIVITIES "assessment", "name",
                            xapi_lang_map(report_unit_title(u, p->unit, LANG_EN),
                                          u && u->lang[LANG_ZH].present
                                              ? report_unit_title(u, p->unit, LANG_ZH)
                                              : NULL));
    json_t *object = json_pack("{s:s, s:o, s:o}", "objectType", "Activity", "id",
                               xapi_activity_id(p->pack_id, p->unit, NULL), "definition", def);
    json_t *result = json_pack("{s:o, s:b, s:s}", "score", xapi_score(p->score, p->max),
                               "completion", 1, "duration", took);
    json_t *ctx = xapi_context(d, d->session.id ? d->session.id : p->last->session, p->pack_id,
                               NULL, p->last->lang, p->last->kiosk_id);
    return json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s}", "id", id, "actor",
                     xapi_actor(p->pseudo), "verb", xapi_verb("completed", "已完成"), "object",
                     object, "result", result, "context", ctx, "timestamp", when, "version",
                     "1.0.3");
}

int report_xapi_build(ReportData *d, StrBuf bufs[REPORT_MAX_FILES],
                      const char *names[REPORT_MAX_FILES], size_t *n, char *err, size_t cap)
{
    json_t *all = json_array();
    for (size_t i = 0; i < d->n; i++) {
        json_array_append_new(all, xapi_answered(d, &d->rows[i]));
        for (size_t k = 0; k < d->nprogress; k++)
            if (d->progress[k].whole && d->progress[k].last == &d->rows[i])
                json_array_append_new(all, xapi_completed(d, &d->progress[k]));
    }
    char *text = json_dumps(all, JSON_INDENT(1) | JSON_REAL_PRECISION(12));
    json_decref(all);
    if (!text) {
        snprintf(err, cap, "the statements could not be written as JSON");
        return MB_ERR;
    }
    strbuf_puts(&bufs[0], text);
    strbuf_putc(&bufs[0], '\n');
    free(text);
    names[0] = "statements.json";
    *n = 1;
    return MB_OK;
}
