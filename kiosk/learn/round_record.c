/* What the round keeps of an answer and reads back: the positions on
 * screen and the bank's indexes of what was chosen (LearnRecord.positions
 * and .answers), and a response made again from the positions (a round
 * left half way, made again from the store). Untrusted input: a record
 * that cannot have been written for the question gives false. */
#include "mingbai/learn.h"

#include <stdio.h>
#include <string.h>

#include "round_internal.h"

/* Appends the 1-based position of answer index a in order[0..n), or 0. */
static void round_put_position(char *buf, size_t cap, const uint8_t *order, size_t n, int a)
{
    size_t pos = 0;
    for (size_t i = 0; i < n; i++)
        if (order[i] == a)
            pos = i + 1;
    size_t len = strlen(buf);
    snprintf(buf + len, cap - len, "%s%zu", len ? "," : "", pos);
}

/* What was chosen, as positions on screen (see LearnRecord.positions). */
void round_positions(const Question *q, const LearnOrder *o, const Response *resp,
                            char *buf, size_t cap)
{
    buf[0] = 0;
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_TRUEFALSE:
        if (resp->choice >= 0)
            round_put_position(buf, cap, o->choice, o->nchoices, resp->choice);
        break;
    case QT_READ: /* the answer's position, then the pages opened by their place */
        if (resp->choice >= 0)
            round_put_position(buf, cap, o->choice, o->nchoices, resp->choice);
        for (size_t k = 1; k < q->npages && k < 32 && buf[0]; k++)
            if ((resp->opened >> k) & 1)
                snprintf(buf + strlen(buf), cap - strlen(buf), ",%zu", k);
        break;
    case QT_MULTIRESPONSE:
    case QT_MARKPOST:
        for (size_t pos = 0; pos < o->nchoices; pos++)
            if ((resp->selected >> o->choice[pos]) & 1)
                snprintf(buf + strlen(buf), cap - strlen(buf), "%s%zu", buf[0] ? "," : "",
                         pos + 1);
        break;
    case QT_MATCHING:
        for (size_t k = 0; k < o->nchoices; k++)
            round_put_position(buf, cap, o->right, o->nright, resp->match[k]);
        break;
    case QT_GROUP: /* per item shown, the number of its group (0: none) */
        for (size_t pos = 0; pos < o->nchoices; pos++)
            snprintf(buf + strlen(buf), cap - strlen(buf), "%s%d", pos ? "," : "",
                     resp->match[o->choice[pos]] + 1);
        break;
    case QT_SORT: /* per place, the item's position among those to place */
        for (size_t k = 0; k < o->nchoices; k++)
            round_put_position(buf, cap, o->choice, o->nchoices, resp->match[k]);
        break;
    default:
        break;
    }
}

/* What was chosen, as indexes into the bank (see LearnRecord.answers). */
void round_answers(const Question *q, const LearnOrder *o, const Response *resp,
                          char *buf, size_t cap)
{
    buf[0] = 0;
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_READ: /* the answer alone: the pages are in positions and the response */
        if (resp->choice >= 0)
            snprintf(buf, cap, "%d", resp->choice + 1);
        break;
    case QT_TRUEFALSE:
        if (resp->choice >= 0)
            snprintf(buf, cap, "%s", resp->choice ? "true" : "false");
        break;
    case QT_MULTIRESPONSE:
    case QT_MARKPOST:
        for (size_t i = 0; i < MB_MIN(q->nanswers, (size_t)LEARN_MAX_CHOICES); i++)
            if ((resp->selected >> i) & 1)
                snprintf(buf + strlen(buf), cap - strlen(buf), "%s%zu", buf[0] ? "," : "", i + 1);
        break;
    case QT_GROUP: /* per item, "item:group" (0: none) */
        for (size_t k = 0; k < o->nchoices; k++)
            snprintf(buf + strlen(buf), cap - strlen(buf), "%s%zu:%d", buf[0] ? "," : "", k + 1,
                     resp->match[k] + 1);
        break;
    case QT_SORT: /* per place, the item's index */
        for (size_t k = 0; k < o->nchoices; k++)
            snprintf(buf + strlen(buf), cap - strlen(buf), "%s%d", buf[0] ? "," : "",
                     resp->match[k] + 1);
        break;
    case QT_MATCHING:
        for (size_t k = 0; k < o->nchoices; k++)
            snprintf(buf + strlen(buf), cap - strlen(buf), "%s%d:%d", buf[0] ? "," : "",
                     o->choice[k] + 1, resp->match[k] >= 0 ? resp->match[k] + 1 : 0);
        break;
    default:
        break;
    }
}

/* Reads a list of 1-based positions ("2", "1,3", "0,2"; "" is none): at
 * most max numbers into out; returns how many, or -1 when malformed. */
static int round_parse_positions(const char *s, int *out, int max)
{
    int n = 0;
    while (*s) {
        if (*s < '0' || *s > '9' || n == max)
            return -1;
        int v = 0;
        for (; *s >= '0' && *s <= '9'; s++)
            if ((v = v * 10 + (*s - '0')) > LEARN_MAX_CHOICES)
                return -1;
        out[n++] = v;
        if (*s && (*s++ != ',' || !*s))
            return -1;
    }
    return n;
}

/* The inverse of round_positions(): fills resp (cleared) with what was
 * chosen at the positions in s as o shows q; false when s cannot have been
 * written for q so shown. */
bool round_from_positions(const Question *q, const LearnOrder *o, const char *s,
                                 Response *resp)
{
    int pos[LEARN_MAX_CHOICES];
    int n = round_parse_positions(s, pos, LEARN_MAX_CHOICES);
    learn_response_clear(resp);
    if (n < 0)
        return false;
    switch (q->type) {
    case QT_MULTICHOICE:
    case QT_TRUEFALSE:
        if (n != 1 || pos[0] < 1 || (size_t)pos[0] > o->nchoices)
            return false;
        resp->choice = o->choice[pos[0] - 1];
        return true;
    case QT_READ: /* the answer, then each page opened once */
        if (n < 1 || pos[0] < 1 || (size_t)pos[0] > o->nchoices)
            return false;
        resp->choice = o->choice[pos[0] - 1];
        for (int i = 1; i < n; i++) {
            if (pos[i] < 1 || (size_t)pos[i] >= q->npages || (resp->opened >> pos[i]) & 1)
                return false;
            resp->opened |= (uint32_t)1 << pos[i];
        }
        return true;
    case QT_MULTIRESPONSE:
    case QT_MARKPOST:
        for (int i = 0; i < n; i++) {
            if (pos[i] < 1 || (size_t)pos[i] > o->nchoices)
                return false;
            resp->selected |= (uint64_t)1 << o->choice[pos[i] - 1];
        }
        return true;
    case QT_GROUP:
        if ((size_t)n != o->nchoices)
            return false;
        for (int i = 0; i < n; i++) {
            if (pos[i] < 1 || (size_t)pos[i] > q->ngroups)
                return false;
            resp->match[o->choice[i]] = pos[i] - 1;
        }
        return true;
    case QT_SORT:
        if ((size_t)n != o->nchoices)
            return false;
        for (int k = 0; k < n; k++) {
            if (pos[k] < 1 || (size_t)pos[k] > o->nchoices)
                return false;
            resp->match[k] = o->choice[pos[k] - 1];
            for (int j = 0; j < k; j++)
                if (resp->match[j] == resp->match[k])
                    return false;
        }
        return true;
    case QT_MATCHING:
        if ((size_t)n != o->nchoices)
            return false;
        for (int k = 0; k < n; k++) {
            if (pos[k] < 0 || (size_t)pos[k] > o->nright)
                return false;
            resp->match[k] = pos[k] ? o->right[pos[k] - 1] : -1;
            for (int j = 0; j < k && pos[k]; j++)
                if (resp->match[j] == resp->match[k]) /* taps never pair one side twice */
                    return false;
        }
        return true;
    default:
        return n == 0;
    }
}

