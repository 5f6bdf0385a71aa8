#!/usr/bin/env python3
"""Generates replay scripts that walk the whole shipped course through the
real kiosk: one script per language (English, Simplified Chinese) that signs
in as a guest and, for units 01..08, opens the unit, takes the screenshot
unitNN-first, checks its layout, takes the quiz, answers every question with
its right answer on the touch screen (buttons and the on-screen keypad, never
a physical keyboard), checks the verdict "Right" after each, checks the full
score on the summary and goes back to the units. After a unit's quiz come
its activities (activities/NN-*.LANG.md): each post is marked with exactly
the sentences that use a technique and every sentence's verdict and why is
read; each feed is sorted into its order by taps and every place is read;
each feed to group has every item tapped, then its group; each lateral
reading opens every page about the source before its right answer; each
discussion prompt is passed with "Continue" and found again on the
summary.

The questions come from `mingbai pack show FILE.gift --json` (and the
activities from `mingbai pack show FILE.md --json`), i.e. as the kiosk
itself parses them. Written into OUT:
  course_walk_en.replay, course_walk_zh.replay   the scripts
  expected_en.txt, expected_zh.txt               one line per scored question
                                                 or activity,
                                                 "unit|question_id|type", in order
  expected_activities_en.txt, ..._zh.txt         the activities' rows, exactly:
                                                 "unit|id|type|response|score|max|
                                                 correct|answers"
  problems.txt                                   questions the script cannot
                                                 answer right on the touch
                                                 screen (empty when none)
and a summary of the counts on stdout. tests/tools/test_course_walk.sh runs
the scripts and checks the attempt rows.

usage: gen_course_walk.py OUT [--pack DIR] [--mingbai BIN] [--units 01,02,...]
"""
import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys

# The interface strings the walk taps or checks (kiosk/ui/strings.c).
UI = {
    "en": {
        "lang_button": "English", "guest": "Continue as a guest",
        "take_quiz": "Take the quiz", "check": "Check my answer",
        "next": "Next question", "results": "See my results",
        "back_units": "Back to the units", "right": "Right",
        "partly": "Partly right", "not_quite": "Not quite",
        "you_chose": "You chose: {}", "question_n": "Question {} of {}",
        "your_choices": "Your choices", "your_matches": "Your matches",
        "scored": "You scored {} out of {}.",
        "all_right": "You answered every question right.",
        "true": "True", "false": "False",
        # How the feedback writes a list and true/false (the record's words
        # in English, the participant's in Chinese).
        "sep": "; ", "said_true": "true", "said_false": "false",
        "choose_one": "Choose one answer.",
        "choose_all": "Choose every answer that applies.",
        "match_hint": "Tap each item on the left, then its match on the right.",
        "type_answer": "Type your answer.", "type_number": "Type a number.",
        "delete": "Delete", "clear": "Clear", "back": "Back", "other_lang": "中文",
        "shift": "Shift", "space": "Space",
        # The activities (mark the post, sort the feed, discussion prompts).
        "mark_hint": "Tap each sentence that persuades by a technique.",
        "invented": "Invented example",
        "judged": "You judged {} of {} sentences right.",
        "marked_uses": "Correct: you marked it. It uses {}.",
        "no_technique": "Correct: it uses no technique.",
        "missed": "Missed: it uses", "wrong_mark": "Wrong: you marked it",
        "your_order": "Your order", "to_place": "Items to place",
        "placed": "Correct: in its place.", "misplaced": "Wrong: it belongs in place",
        "put": "You put {} of {} items in their place.",
        "place_n": "{}.  {}",
        "discuss_note": "This question is for discussion; it is not scored.",
        "continue": "Continue", "for_discussion": "For discussion",
        "discuss_group": "For discussion with your group",
        # Read laterally.
        "read_hint": "Read the source's page, search what others say about it, then answer.",
        "search": "Search about this source", "back_results": "Back to the search results",
        "back_source": "Back to the source's page",
        "opened_n": "You opened {} of {} pages about this source.",
        # Sort into groups.
        "put_in": "Put it in: {}", "in_group": "Correct: in “{}”.",
    },
    "zh": {
        "lang_button": "中文（简体）", "guest": "以访客身份继续",
        "take_quiz": "开始测验", "check": "提交答案",
        "next": "下一题", "results": "查看结果",
        "back_units": "返回单元列表", "right": "回答正确",
        "partly": "部分正确", "not_quite": "答错了",
        "you_chose": "你的答案：{}", "question_n": "第 {} 题，共 {} 题",
        "your_choices": "你的选择", "your_matches": "你的配对",
        "scored": "得分：{} / {}。",
        "all_right": "你全部答对了。",
        "true": "对", "false": "错",
        "sep": "；", "said_true": "对", "said_false": "错",
        "choose_one": "请选择一个答案。",
        "choose_all": "请选择所有正确的答案。",
        "match_hint": "先点左边的一项，再点右边与之对应的一项。",
        "type_answer": "请输入答案。", "type_number": "请输入数字。",
        "delete": "删除", "clear": "清除", "back": "返回", "other_lang": "English",
        "shift": "大写", "space": "空格",
        "mark_hint": "请点出每一个用手法说服你的句子。",
        "invented": "虚构示例",
        "judged": "你判断对了 {} 句（共 {} 句）。",
        "marked_uses": "正确：你标出了这一句。它用了{}。",
        "no_technique": "正确：这一句没有用任何手法。",
        "missed": "漏标：", "wrong_mark": "错误：你标出了这一句",
        "your_order": "你的排序", "to_place": "待排的项",
        "placed": "正确：位置没错。", "misplaced": "错误：它应该排在第",
        "put": "你排对了 {} 项（共 {} 项）。",
        "place_n": "{}.  {}",
        "discuss_note": "这道题用于讨论，不计分。",
        "continue": "继续", "for_discussion": "讨论题",
        "discuss_group": "和小组一起讨论",
        "read_hint": "先读来源本身的网页，再搜索别人怎么说它，然后作答。",
        "search": "搜索关于这个来源的信息", "back_results": "返回搜索结果",
        "back_source": "返回来源本身的网页",
        "opened_n": "你打开了 {} 个关于这个来源的网页（共 {} 个）。",
        "put_in": "放进：{}", "in_group": "正确：属于“{}”。",
    },
}
FILE_LANG = {"en": "en", "zh": "zh-Hans"}

# The on-screen keyboards (kiosk/ui/keypad.c): the letter keyboard has
# small letters (Shift for one capital), ' and - on both its layers, and
# digits and signs behind "123" ("abc" goes back); the number pad.
KEYS_LETTERS = "qwertyuiopasdfghjkl'zxcvbnm-"
KEYS_SIGNS = "1234567890.,?!()/:&'+=%#@;\"-"
KEYPAD_NUMBER = "1234567890.-"

# replay.c reads a line into 1024 bytes and an argument into 512.
MAX_ARG = 480


def quote(s):
    """A replay argument: quoted, with backslash and quote escaped."""
    if len(s.encode()) > MAX_ARG:
        raise ValueError("argument too long for the replay parser: %.60s" % s)
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def prefix(s, nbytes=MAX_ARG - 40):
    """The longest prefix of s that fits nbytes (whole characters); expect
    matches substrings, so a prefix still checks the text."""
    out = ""
    for ch in s:
        if len((out + ch).encode()) > nbytes:
            break
        out += ch
    return out


def fmt_number(v):
    """A number as typed on the keypad: digits, '.', '-', no exponent."""
    s = ("%.10f" % v).rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s


def unit_title(pack, nn, flang):
    paths = glob.glob(os.path.join(pack, "units", "%s-*.%s.md" % (nn, flang)))
    if len(paths) != 1:
        raise SystemExit("gen_course_walk: expected one unit file %s-*.%s.md, found %d"
                         % (nn, flang, len(paths)))
    with open(paths[0], encoding="utf-8") as f:
        for line in f:
            if line.startswith("# "):
                return line[2:].strip()
    raise SystemExit("gen_course_walk: no '# ' title in " + paths[0])


def load_quiz(mingbai, pack, nn, flang):
    paths = glob.glob(os.path.join(pack, "quizzes", "%s-*.%s.gift" % (nn, flang)))
    if len(paths) != 1:
        raise SystemExit("gen_course_walk: expected one quiz %s-*.%s.gift, found %d"
                         % (nn, flang, len(paths)))
    out = subprocess.run([mingbai, "pack", "show", paths[0], "--json"], check=True,
                         capture_output=True, text=True).stdout
    d = json.loads(out)
    if d.get("errors"):
        raise SystemExit("gen_course_walk: %s has %d errors" % (paths[0], d["errors"]))
    slug = os.path.basename(paths[0])[: -len(".%s.gift" % flang)]
    return slug, d["questions"]


def load_activities(mingbai, pack, nn, flang):
    """The unit's activities as the kiosk reads them (pack show --json), in
    the order the round asks them: marked posts and sorts as written, then
    the discussion prompts. None when the unit has no activity file."""
    paths = glob.glob(os.path.join(pack, "activities", "%s-*.%s.md" % (nn, flang)))
    if not paths:
        return []
    if len(paths) != 1:
        raise SystemExit("gen_course_walk: expected one activity file %s-*.%s.md, found %d"
                         % (nn, flang, len(paths)))
    out = subprocess.run([mingbai, "pack", "show", paths[0], "--json"], check=True,
                         capture_output=True, text=True).stdout
    d = json.loads(out)
    if d.get("errors"):
        raise SystemExit("gen_course_walk: %s has %d errors" % (paths[0], d["errors"]))
    acts = d["questions"]
    return [a for a in acts if a["type"] != "essay"] + [a for a in acts if a["type"] == "essay"]


class Walk:
    def __init__(self, lang):
        self.lang = lang
        self.t = UI[lang]
        self.lines = []
        self.problems = []
        self.notes = []
        self.act_rows = []  # "unit|id|type|response|score|max|correct|answers"
        self.prompts = []  # the unit's discussion prompts, for the summary

    def emit(self, *lines):
        self.lines.extend(lines)

    def cmd(self, name, arg):
        self.emit("%s %s" % (name, quote(arg)))

    def problem(self, unit, q, what):
        self.problems.append("%s|%s|%s|%s" % (self.lang, unit, q.get("id", "?"), what))
        self.emit("# PROBLEM: " + what)

    # -- bringing a widget into view before tapping it --------------------
    # `tap "X"` takes the visible widget labelled exactly X, else the first
    # visible one whose label contains X. `scroll-to "X"` scrolls down until
    # some visible text contains X. Scrolling to a label that no other text
    # on the screen contains puts its own widget on screen, so the exact
    # match is the one tapped. A label that other texts also contain cannot
    # be scrolled to reliably: the script starts from the top instead and
    # relies on the checks after the tap (a wrong tap fails them loudly).
    def reach(self, label, others, unit, q):
        self.emit("key home")
        clash = [o for o in others if o != label and label in o]
        if clash:
            self.notes.append("%s|%s|%s|label %r is also inside %r: tapped from the top of "
                              "the screen without scrolling" % (self.lang, unit, q.get("id"),
                                                                label, clash[0]))
            self.emit("# %r also appears in %r: no scroll-to, tap from the top" % (label, clash[0]))
        else:
            self.cmd("scroll-to", label)

    @staticmethod
    def keys_for(text, keys):
        """The number pad's keys that type text, or the first character it
        has no key for."""
        out = ""
        for ch in text:
            k = ch.upper() if ch.isascii() and ch.isalpha() else ch
            if k not in keys:
                return None, ch
            out += k
        return out, None

    def text_taps(self, text):
        """The taps on the letter keyboard that type text, or None and the
        first character it has no key for."""
        taps, signs = [], False
        for ch in text:
            if ch == " ":
                taps.append(self.t["space"])
            elif ch.isascii() and ch.isalpha():
                if signs:
                    taps.append("abc")
                    signs = False
                if ch.isupper():
                    taps.append(self.t["shift"])
                taps.append(ch)
            elif ch in "'-":
                taps.append(ch)
            elif ch in KEYS_SIGNS:
                if not signs:
                    taps.append("123")
                    signs = True
                taps.append(ch)
            else:
                return None, ch
        return taps, None

    def keypad(self, taps):
        self.emit("key end")
        for k in taps:
            self.cmd("tap", k)

    # -- one question ---------------------------------------------------------
    def question(self, unit, q, k, n):
        t = self.t
        qt = q["type"]
        answers = q.get("answers", [])
        self.emit("", "# %s %s %s: %s" % (unit, q.get("id"), qt, prefix(q["text"], 200)))
        self.emit("screen quiz")
        self.cmd("expect", t["question_n"].format(k, n))
        # Texts that can be on the quiz screen, to know which labels are unique.
        screen_texts = [q["text"], t["choose_one"], t["choose_all"], t["match_hint"],
                        t["type_answer"], t["type_number"], t["check"], t["back"],
                        t["question_n"].format(k, n), t["other_lang"], "A+", "◐"]
        chosen = None  # what "You chose:" shows
        parts = None  # or the rows the feedback shows one by one
        expect_right = True  # False: the walk enters a wrong answer to go on
        if qt == "multichoice":
            right = [a for a in answers if a["fraction"] >= 1]
            if not right:
                best = max(answers, key=lambda a: a["fraction"])
                self.problem(unit, q, "no answer with fraction 1 (best %g)" % best["fraction"])
                right = [best]
            a = right[0]
            labels = [x["text"] for x in answers]
            self.cmd("expect", t["choose_one"])
            self.reach(a["text"], screen_texts + labels, unit, q)
            self.cmd("tap", a["text"])
            chosen = a["text"]
        elif qt == "multiresponse":
            pos = [a for a in answers if a["fraction"] > 0]
            if abs(sum(a["fraction"] for a in pos) - 1) > 1e-6:
                self.problem(unit, q, "positive weights add up to %g, not 1"
                             % sum(a["fraction"] for a in pos))
            labels = ["□  " + x["text"] for x in answers] + ["■  " + x["text"] for x in answers]
            self.cmd("expect", t["choose_all"])
            for a in pos:
                self.reach("□  " + a["text"], screen_texts + labels, unit, q)
                self.cmd("tap", "□  " + a["text"])
            # The ticks, checked from the top.
            self.emit("key home")
            for a in pos:
                self.cmd("scroll-to", "■  " + a["text"])
            chosen = t["sep"].join(a["text"] for a in answers if a["fraction"] > 0)
            parts = ["■  " + a["text"] for a in pos]
        elif qt == "truefalse":
            label = t["true"] if q["answer"] else t["false"]
            # The two buttons are the last thing on the screen.
            self.emit("key end")
            self.cmd("tap", label)
            chosen = t["said_true"] if q["answer"] else t["said_false"]
        elif qt in ("match", "matching"):
            pairs = [a for a in answers if a.get("left")]
            rights = [a["text"] for a in answers]
            lefts = [a["left"] for a in pairs]
            matched = ["%s  →  %s" % (a["left"], a["text"]) for a in pairs]
            self.cmd("expect", t["match_hint"])
            for i, a in enumerate(pairs):
                # On screen now: the pairs made so far, the left items still
                # to match, every right-hand item.
                others = screen_texts + rights + matched[:i] + lefts[i:]
                self.reach(a["left"], others, unit, q)
                self.cmd("tap", a["left"])
                self.reach(a["text"], others, unit, q)
                self.cmd("tap", a["text"])
            # Every pair as the screen shows it, checked from the top.
            self.emit("key home")
            for m in matched:
                self.cmd("scroll-to", prefix(m))
            chosen = t["sep"].join("%s -> %s" % (a["left"], a["text"]) for a in pairs)
            parts = matched
        elif qt == "numerical":
            right = [a for a in answers if a["fraction"] >= 1 and not a.get("catchall")]
            if not right:
                self.problem(unit, q, "no numerical answer with fraction 1")
            else:
                self.cmd("expect", t["type_number"])
                text = fmt_number(right[0]["value"])
                typed, bad = self.keys_for(text, KEYPAD_NUMBER)
                if typed is None:
                    self.problem(unit, q, "the keypad has no key for %r (answer %s)" % (bad, text))
                    typed, expect_right = "0", False
                self.keypad(typed)
                chosen = typed
        elif qt == "shortanswer":
            right = [a["text"].strip() for a in answers if a["fraction"] >= 1]
            if not right:
                self.problem(unit, q, "no short answer with fraction 1")
            else:
                # The first accepted answer; if the keypad cannot type it,
                # another accepted one (noted), else a wrong one (a problem)
                # so that the walk goes on through the rest of the course.
                typed, bad = self.text_taps(right[0])
                text = right[0]
                if "*" in right[0]:
                    self.problem(unit, q, "the first accepted answer %r is a pattern" % right[0])
                if typed is None:
                    alt = [x for x in right[1:] if "*" not in x
                           and self.text_taps(x)[0] is not None]
                    if alt:
                        typed, text = self.text_taps(alt[0])[0], alt[0]
                        self.notes.append("%s|%s|%s|the keypad has no key for %r in %r: typed "
                                          "the other accepted answer %r" % (self.lang, unit,
                                                                            q.get("id"), bad,
                                                                            right[0], alt[0]))
                        self.emit("# the keypad cannot type %r: %r instead" % (right[0], alt[0]))
                    else:
                        self.problem(unit, q, "the keypad has no key for %r (answer %r) and no "
                                     "other accepted answer can be typed" % (bad, right[0]))
                        typed, text, expect_right = ["x"], "x", False
                self.cmd("expect", t["type_answer"])
                self.keypad(typed)
                chosen = text
        else:
            self.problem(unit, q, "question type %s is not walked" % qt)
        if chosen is None:
            # Nothing could be entered: leave the question through "Back" is
            # not possible without losing the quiz, so stop here and say so.
            self.emit("# cannot answer %s: the walk stops" % q.get("id"))
            return None
        self.cmd("tap", t["check"])
        self.emit("screen feedback")
        if not expect_right:
            self.cmd("expect", t["not_quite"])
            self.cmd("tap", t["results"] if k == n else t["next"])
            return False
        self.cmd("expect", t["right"])
        # Rule out the other verdicts where no text of this question contains them.
        fb = [q["text"], q.get("general_feedback") or "", q.get("source") or "",
              q.get("feedback_right") or "", q.get("feedback_wrong") or ""]
        fb += [a.get("feedback") or "" for a in answers]
        for other in (t["partly"], t["not_quite"]):
            if not any(other in s for s in fb):
                self.cmd("expect-not", other)
        if parts is None:
            self.cmd("expect", prefix(t["you_chose"].format(chosen)))
        else:
            # Matching and multiple response: a row per pair or tick.
            self.cmd("expect", t["your_choices"] if qt == "multiresponse" else t["your_matches"])
            for p in parts:
                self.cmd("scroll-to", prefix(p))
        self.cmd("tap", t["results"] if k == n else t["next"])
        return True

    # -- one activity: a post marked all right, a feed sorted all right, a
    # discussion prompt passed ---------------------------------------------
    def activity(self, unit, q, k, n):
        """Returns True (scored, right), None (unscored) and records in
        self.act_rows the row the store must keep."""
        t = self.t
        qt = q["type"]
        sep = "; "
        last = t["results"] if k == n else t["next"]
        self.emit("", "# %s %s %s: %s" % (unit, q.get("id"), qt, prefix(q["text"], 200)))
        self.emit("screen quiz")
        self.cmd("expect", t["question_n"].format(k, n))
        answers = q.get("answers", [])
        if qt == "markpost":
            self.cmd("expect", t["mark_hint"])
            self.cmd("expect", t["invented"])
            for field in (q["account"], q["date"], q["text"]):
                self.cmd("expect", prefix(field))
            self.emit("targets-ok", "layout-ok")
            marked = [i for i, a in enumerate(answers) if a["fraction"] > 0]
            texts = [a["text"] for a in answers]
            for i in marked:
                others = texts + [q["text"], q["account"], t["mark_hint"]]
                self.reach(prefix(texts[i]), others, unit, q)
                self.cmd("tap", prefix(texts[i]))
            self.cmd("tap", t["check"])
            self.emit("screen feedback")
            self.cmd("expect", t["right"])
            self.cmd("expect", t["judged"].format(len(answers), len(answers)))
            for other in (t["partly"], t["not_quite"], t["missed"], t["wrong_mark"]):
                self.cmd("expect-not", other)
            # Every sentence's verdict and why, from the top.
            self.emit("key home")
            for a in answers:
                self.cmd("scroll-to", prefix(a["text"]))
                if a["fraction"] > 0:
                    self.cmd("scroll-to", prefix(t["marked_uses"].format(a["technique"])))
                if a.get("feedback"):
                    self.cmd("scroll-to", prefix(a["feedback"]))
            if q.get("general_feedback"):
                self.cmd("scroll-to", prefix(q["general_feedback"]))
            self.emit("layout-ok")
            self.cmd("tap", last)
            self.act_rows.append("%s|%s|markpost|%s|1.0|1.0|1|%s" % (
                unit, q["id"], sep.join(texts[i] for i in marked),
                ",".join(str(i + 1) for i in marked)))
            return True
        if qt == "sort":
            texts = [a["text"] for a in answers]
            self.cmd("expect", prefix(q["text"]))
            self.cmd("expect", t["your_order"])
            for i, x in enumerate(texts):
                # Unplaced items are below the places: scroll to each one.
                others = texts + [t["place_n"].format(j + 1, texts[j]) for j in range(i)]
                self.reach(prefix(x), others, unit, q)
                self.cmd("tap", prefix(x))
            self.emit("key home")
            for i, x in enumerate(texts):
                self.cmd("scroll-to", prefix(t["place_n"].format(i + 1, x)))
            self.cmd("expect-not", t["to_place"])
            self.emit("targets-ok", "layout-ok")
            self.cmd("tap", t["check"])
            self.emit("screen feedback")
            self.cmd("expect", t["right"])
            self.cmd("expect", t["put"].format(len(texts), len(texts)))
            for other in (t["partly"], t["not_quite"], t["misplaced"]):
                self.cmd("expect-not", other)
            self.emit("key home")
            for i, a in enumerate(answers):
                self.cmd("scroll-to", prefix(t["place_n"].format(i + 1, a["text"])))
                if a.get("feedback"):
                    self.cmd("scroll-to", prefix(a["feedback"]))
            if q.get("general_feedback"):
                self.cmd("scroll-to", prefix(q["general_feedback"]))
            self.emit("layout-ok")
            self.cmd("tap", last)
            self.act_rows.append("%s|%s|sort|%s|1.0|1.0|1|%s" % (
                unit, q["id"], sep.join(texts), ",".join(str(i + 1) for i in range(len(texts)))))
            return True
        if qt == "read":
            # Every page about the source opened, then the right answer.
            pages = q.get("pages", [])
            right = [i for i, a in enumerate(answers) if a["fraction"] >= 1]
            if len(right) != 1:
                self.problem(unit, q, "%d right answers, not one" % len(right))
                return None
            chosen = self.read(unit, q, [q["text"], t["check"], t["back"]])
            self.emit("targets-ok", "layout-ok")
            self.cmd("tap", t["check"])
            self.emit("screen feedback")
            self.cmd("expect", t["right"])
            others = len(pages) - 1
            self.cmd("scroll-to", t["opened_n"].format(others, others))
            self.emit("layout-ok")
            self.cmd("tap", last)
            self.act_rows.append("%s|%s|read|%s | opened %d of %d: %s|1.0|1.0|1|%d" % (
                unit, q["id"], chosen, others, others, sep.join(p["title"] for p in pages[1:]),
                right[0] + 1))
            return True
        if qt == "group":
            # Each item tapped, then its group.
            groups = q.get("groups", [])
            self.cmd("expect", prefix(q["text"]))
            for a in answers:
                self.cmd("scroll-to", prefix(a["text"]))
                self.cmd("tap", prefix(a["text"]))
                self.emit("key home")
                self.cmd("tap", t["put_in"].format(groups[a["group"]]))
            self.emit("targets-ok", "layout-ok")
            self.cmd("tap", t["check"])
            self.emit("screen feedback")
            self.cmd("expect", t["right"])
            self.emit("key home")
            for a in answers:
                self.cmd("scroll-to", t["in_group"].format(groups[a["group"]]))
                if a.get("feedback"):
                    self.cmd("scroll-to", prefix(a["feedback"]))
            self.emit("layout-ok")
            self.cmd("tap", last)
            self.act_rows.append("%s|%s|group|%s|1.0|1.0|1|%s" % (
                unit, q["id"], sep.join("%s -> %s" % (a["text"], groups[a["group"]]) for a in answers),
                ",".join("%d:%d" % (i + 1, a["group"] + 1) for i, a in enumerate(answers))))
            return True
        if qt == "essay":
            self.cmd("expect", prefix(q["text"]))
            self.cmd("expect", t["discuss_note"])
            self.cmd("tap", t["continue"])
            self.emit("screen feedback")
            self.cmd("expect", t["for_discussion"])
            self.cmd("tap", last)
            self.prompts.append(q["text"])
            return None
        self.problem(unit, q, "activity type %s is not walked" % qt)
        return None

    # -- read laterally: every page opened, then the right answer ------------------
    def read(self, unit, q, screen_texts):
        t = self.t
        pages = q.get("pages", [])
        answers = q.get("answers", [])
        self.cmd("expect", t["read_hint"])
        self.cmd("scroll-to", prefix(pages[0]["paragraphs"][-1]))
        self.emit("key home")
        self.cmd("tap", t["search"])
        for p in pages[1:]:
            self.cmd("scroll-to", p["title"])
            self.cmd("tap", p["title"])
            self.cmd("scroll-to", prefix(p["paragraphs"][-1]))
            self.cmd("tap", t["back_results"])
        self.emit("key home")
        self.cmd("tap", t["back_source"])
        right = [a for a in answers if a["fraction"] >= 1]
        self.reach(right[0]["text"], screen_texts + [a["text"] for a in answers], unit, q)
        self.cmd("tap", right[0]["text"])
        return right[0]["text"]

    # -- one unit ---------------------------------------------------------------
    def unit(self, nn, slug, title, questions, activities=()):
        t = self.t
        scored = [q for q in questions if q.get("scored")] + \
            [a for a in activities if a.get("scored")]
        n = len(questions) + len(activities)
        self.prompts = []
        self.emit("", "# ---- unit %s (%s): %d questions, %d scored ----" % (nn, slug, n, len(scored)),
                  "screen home", "key home")
        self.cmd("scroll-to", title)
        self.cmd("tap", title)
        self.emit("screen reader")
        self.cmd("expect", title)
        self.emit("shot unit%s-first" % nn, "layout-ok", "key end")
        self.cmd("tap", t["take_quiz"])
        right = 0
        for k, q in enumerate(questions, 1):
            if not q.get("scored"):
                self.problem(slug, q, "unscored question (%s) in the quiz" % q["type"])
                return False
            ok = self.question(slug, q, k, n)
            if ok is None:
                return False
            right += ok
        for j, a in enumerate(activities, len(questions) + 1):
            right += bool(self.activity(slug, a, j, n))
        self.emit("", "screen summary")
        self.cmd("expect", title)
        self.cmd("expect", t["scored"].format(right, len(scored)))
        if right == len(scored):
            self.cmd("expect", t["all_right"])
        if self.prompts:
            # The unit's discussion prompts, to take to the group.
            self.cmd("scroll-to", t["discuss_group"])
            for p in self.prompts:
                self.cmd("scroll-to", prefix(p))
            self.emit("layout-ok", "shot unit%s-summary" % nn, "key home")
        self.cmd("tap", t["back_units"])
        self.emit("screen home")
        return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    here = os.path.dirname(os.path.abspath(__file__))
    src = os.path.normpath(os.path.join(here, "..", ".."))
    ap.add_argument("--pack", default=os.path.join(src, "content", "media-literacy"))
    ap.add_argument("--mingbai", default=os.environ.get("MINGBAI_BIN",
                                                        os.path.join(src, "build", "mingbai")))
    ap.add_argument("--units", default=",".join("%02d" % i for i in range(1, 9)))
    o = ap.parse_args()
    os.makedirs(o.out, exist_ok=True)
    all_problems, all_notes = [], []
    for lang in ("en", "zh"):
        flang = FILE_LANG[lang]
        w = Walk(lang)
        t = w.t
        w.emit("# Generated by tests/tools/gen_course_walk.py: the whole course, %s." % flang,
               "# Do not edit; run the generator again.",
               "screen attract", 'tap "start"', "screen language")
        w.cmd("tap", t["lang_button"])
        w.emit("screen signin")
        w.cmd("tap", t["guest"])
        expected = []
        counts = collections.OrderedDict()
        for nn in o.units.split(","):
            title = unit_title(o.pack, nn, flang)
            slug, questions = load_quiz(o.mingbai, o.pack, nn, flang)
            acts = load_activities(o.mingbai, o.pack, nn, flang)
            counts[nn] = collections.Counter(q["type"] for q in questions + acts
                                             if q.get("scored"))
            counts[nn]["discuss"] = sum(a["type"] == "essay" for a in acts)
            ok = w.unit(nn, slug, title, questions, acts)
            for q in questions + acts:
                if q.get("scored"):
                    expected.append("%s|%s|%s" % (slug, q.get("id", ""), q["type"]))
            if not ok:
                break
        path = os.path.join(o.out, "course_walk_%s.replay" % lang)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(w.lines) + "\n")
        for i, line in enumerate(w.lines, 1):
            if len(line.encode()) >= 1000:
                raise SystemExit("gen_course_walk: %s:%d is too long for the replay reader"
                                 % (path, i))
        with open(os.path.join(o.out, "expected_%s.txt" % lang), "w", encoding="utf-8") as f:
            f.write("\n".join(expected) + "\n")
        with open(os.path.join(o.out, "expected_activities_%s.txt" % lang), "w",
                  encoding="utf-8") as f:
            f.write("".join(r + "\n" for r in w.act_rows))
        all_problems += w.problems
        all_notes += w.notes
        total = collections.Counter()
        for nn, c in counts.items():
            total += c
            print("%s unit %s: %2d questions  %s" % (lang, nn, sum(c.values()),
                                                    ", ".join("%s %d" % kv for kv in sorted(c.items()))))
        print("%s total: %d questions  %s" % (lang, sum(total.values()),
                                              ", ".join("%s %d" % kv for kv in sorted(total.items()))))
    with open(os.path.join(o.out, "problems.txt"), "w", encoding="utf-8") as f:
        f.write("".join(p + "\n" for p in all_problems))
    for note in all_notes:
        print("note: " + note)
    for p in all_problems:
        print("PROBLEM: " + p, file=sys.stderr)
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main())
