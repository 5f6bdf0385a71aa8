/* The look of the interface in one place: the two colour themes, the text
 * sizes and the layout tokens (bar heights, content widths, spacings, touch
 * target sizes). Everything is in device-independent units where an
 * 800x480 screen is 1.0; px() turns a unit into pixels for the screen at
 * hand. Screens name a token, never a bare number, so a bar or a margin
 * changes in one place. */
#ifndef MINGBAI_UI_THEME_H
#define MINGBAI_UI_THEME_H

#include "mingbai/core.h"

typedef struct {
    Color bg, surface, ink, muted, accent, accent_ink, line, good, bad, card, warn;
    Color chosen_bg, good_bg, bad_bg, panel, scrim;
    Color partial; /* "Partly right": neither the right nor the wrong colour */
    Color edge;    /* the outline of a control: 3:1 against bg and surface */
    Color pressed, accent_pressed; /* a button under a finger; a primary one */
} Theme;

/* Paper (the default) and high contrast: light text on black, yellow for
 * what can be tapped. Static; never freed. */
const Theme *theme_paper(void);
const Theme *theme_contrast(void);

/* Text sizes in units, before the participant's text-size setting. */
enum {
    SZ_SMALL = 15,
    SZ_CAPTION = 16, /* a glossary definition on the attract screen */
    SZ_QUOTE = 17,   /* a "How do we know?" card in the reader */
    SZ_BODY = 19,
    SZ_BUTTON = 19,
    SZ_LEAD = 21,   /* a question's text */
    SZ_BAR = 20,    /* the top bar's title */
    SZ_HEADING = 24,
    SZ_TITLE = 30,
    SZ_HERO = 46,
};

/* Layout tokens, in units. */
typedef struct {
    /* bars and their controls */
    float bar_top;        /* the top bar's height */
    float bar_bottom;     /* the bottom bar's height */
    float bar_inset;      /* space around the controls in a bar */
    float back_w;         /* a bar's back button */
    float lang_w;         /* the language toggle */
    float toggle_w;       /* the contrast and text-size toggles */
    float toggle_h;       /* the language toggle floating on the attract screen */
    /* widths */
    float content_w;      /* the widest a column of quiz or form content gets */
    float wide_min;       /* a screen at least this wide puts things side by side */
    float wide_w;         /* the widest two columns side by side get */
    float wide_lead;      /* the first column's share of them, in percent */
    float action_w;       /* a bar's main button */
    float hero_action_w;  /* the attract screen's and the reader's big button */
    float dialog_w;       /* the idle prompt */
    float dialog_action_w; /* a card's close button */
    float card_w;         /* the glossary card */
    float term_w;         /* the attract screen's glossary term */
    float status_w;       /* the status column of a unit card */
    float card_stack_w;   /* a unit card narrower than this has its status under its title */
    float who_w;          /* the widest the participant's name gets in the top bar */
    float name_w;         /* the narrowest a roster name gets */
    float banner_action_w; /* the home banner's button */
    float pair_action_w;  /* each of two buttons side by side in a bar */
    float field_action_w; /* the button beside a text field */
    float language_w;     /* each button of the language choice */
    float numpad_w;       /* the keypad for numbers */
    float marker_w;       /* a list item's number or bullet */
    /* heights */
    float target;         /* the smallest touch target (about 10 mm on a 7-inch panel) */
    float button_h;       /* a bar or dialog button */
    float row_h;          /* a roster name, a pack switcher */
    float card_min_h;     /* a unit card */
    float banner_min_h;   /* the home banner */
    float choice_h;       /* a true/false answer */
    float language_h;     /* a language choice */
    float hero_h;         /* the attract screen's start button */
    float dialog_h;       /* the idle prompt */
    float field_h;        /* a text field in a quiz */
    float thumb_min;      /* the scroll thumb */
    /* spacing, smallest first */
    float hair;           /* a hairline */
    float stroke;         /* a button's outline */
    float stroke_bold;    /* a chosen button's outline; a text field's */
    float rule;           /* a card's accent stripe, the scroll bar */
    float field_stroke;   /* a text field's outline */
    float scroll_edge;    /* from the scroll bar to the screen's edge */
    float space_xs;       /* 4 */
    float space_s;        /* 6 */
    float space_m;        /* 8 */
    float gap;            /* 10: between controls */
    float space_l;        /* 12 */
    float pad;            /* 14: inside a card */
    float space_xl;       /* 16 */
    float space_2xl;      /* 20 */
    float margin;         /* 24: the screen's side margin */
    float margin_reader;  /* 28: the reader's */
    float margin_wide;    /* 32: the attract and language screens' */
    float section;        /* 30: before a group of controls */
    float space_3xl;      /* 40 */
    float space_4xl;      /* 48 */
    float space_5xl;      /* 60 */
    /* shapes */
    float radius_s;       /* a text field, a panel */
    float radius;         /* a button, a card */
    float radius_l;       /* a dialog */
    float progress_h;     /* a quiz progress segment */
    float progress_gap;
    float progress_after; /* from the progress segments to the question */
    float keypad_gap;
    float key_h;          /* a key of the on-screen keyboards (never under ui_target_px) */
    float indent;         /* per list level */
    float pin_dot;        /* a dot for a digit of the PIN typed */
    float pin_pad_w;      /* the PIN pad's width, at most */
    float pseudo_w;       /* a pseudonymous id beside a name on the roster */
    float stat_bar_h;     /* a bar of the class results and the discussion view */
    float code_tag_w;     /* "Code" on a roster row of a participant who has one */
    float post_avatar;    /* the square with an invented account's initial (mark the post) */
} Tokens;

/* The one set of tokens; static. */
extern const Tokens TOK;

#endif
