/* What the readers of an activity file share: activity.c reads the file,
 * its lines and the post, sort and discussion sections; activity_read.c
 * reads "## read" (a lateral-reading sandbox). Input is untrusted. */
#ifndef MINGBAI_PACK_ACTIVITY_INTERNAL_H
#define MINGBAI_PACK_ACTIVITY_INTERNAL_H

#include "mingbai/pack.h"

/* Paragraphs a page of a lateral-reading sandbox holds; answers it offers. */
#define ACT_MAX_PARAS 32
#define ACT_MAX_OPTIONS 8

typedef struct {
    const char *path;
    Arena *arena;
    Diags *diags;
    int errors;
    int line;
    const char *ls; /* the current line's first byte */
    /* the activity being read */
    Question q;
    bool open, bad;
    Answer sent[QUIZ_MAX_CHOICES];
    size_t nsent;
    bool too_many;
    StrBuf text; /* a discussion prompt's lines */
    int blank;   /* blank lines since the prompt's last text */
    /* a lateral-reading sandbox: its pages as read so far */
    ReadPage pages[QUIZ_MAX_PAGES];
    char *paras[QUIZ_MAX_PAGES][ACT_MAX_PARAS];
    int page_line[QUIZ_MAX_PAGES], page_col[QUIZ_MAX_PAGES];
    size_t npages;
    bool has_source;
    /* a sort into groups: the groups' names (groups:) */
    char *groups[QUIZ_MAX_GROUPS];
    size_t ngroups;
    Question *items;
    size_t count, cap;
} ActParser;

void act_diag(ActParser *p, int line, int col, const char *hint, const char *fmt, ...)
    MB_PRINTF(5, 6);
int act_col(const ActParser *p, const char *at);
/* An error at the current line, at the character at. */
#define act_error(p, at, hint, ...) act_diag(p, (p)->line, act_col(p, at), hint, __VA_ARGS__)
const char *act_skip_sp(const char *s, const char *e);
/* The value from s to e without the spaces around it, in the arena; NULL
 * when empty. */
char *act_value(ActParser *p, const char *s, const char *e);
/* A "+" (right, or uses a technique) or "-" line at s with its text: the
 * next of p->sent, which the caller checked has room. */
Answer *act_option(ActParser *p, const char *s, char *text);
/* "key:" or "key：" at s: returns where its value starts, or NULL. */
const char *act_key(const char *s, const char *e, const char *key);
void act_push(ActParser *p, const Question *q);

/* Sort into groups (activity_group.c): "groups: a | b" at s (its value at
 * v); an item's "group: a"; the checks when the sort ends, which make it a
 * QT_GROUP. */
void act_group_names(ActParser *p, const char *s, const char *v, const char *e);
void act_group_of(ActParser *p, Answer *a, const char *s, const char *v, const char *e);
void act_close_group(ActParser *p);

/* A non-blank line of "## read" from s to e (no newline). */
void act_read_line(ActParser *p, const char *s, const char *e);
/* "## read" ends: the sandbox is kept (act_push) or its mistakes named. */
void act_close_read(ActParser *p);

#endif
