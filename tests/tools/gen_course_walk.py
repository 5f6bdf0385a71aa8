#!/usr/bin/env python3
"""Generates replay scripts that walk the whole shipped course through the
real kiosk: one script per language (English, Simplified Chinese) that signs
in as a guest and, for units 01..08, opens the unit, takes the screenshot
unitNN-first, checks its layout, takes the quiz, answers every question with
its right answer on the touch screen (buttons and the on-screen keypad, never
a physical keyboard), checks the verdict "Right" after each, checks the full
score on the summary and goes back to the units.

The questions come from `mingbai pack show FILE.gift --json`, i.e. as the
kiosk itself parses them. Written into OUT:
  course_walk_en.replay, course_walk_zh.replay   the scripts
  expected_en.txt, expected_zh.txt               one line per scored question,
                                                 "unit|question_id|type", in order
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
        "read_hint": "Read the source's page, search what others say about it, then answer.",
        "search": "Search about this source", "back_results": "Back to the search results",
        "back_source": "Back to the source's page",
        "opened_n": "You opened {} of {} pages about this source.",
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
    questions = d["questions"]
    # The unit's activities follow its quiz in the same round.
    act = os.path.join(pack, "activities", "%s.%s.md" % (slug, flang))
    if os.path.exists(act):
        out = subprocess.run([mingbai, "pack", "show", act, "--json"], check=True,
                             capture_output=True, text=True).stdout
        a = json.loads(out)
        if a.get("errors"):
            raise SystemExit("gen_course_walk: %s has %d errors" % (act, a["errors"]))
        questions += a["questions"]
    return slug, questions


class Walk:
    def __init__(self, lang):
        self.lang = lang
        self.t = UI[lang]
        self.lines = []
        self.problems = []
        self.notes = []

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
        elif qt == "read":
            chosen = self.read(unit, q, screen_texts)
        elif qt == "group":  # each item tapped, then its group
            groups = q.get("groups", [])
            for a in answers:
                self.cmd("scroll-to", prefix(a["text"]))
                self.cmd("tap", prefix(a["text"]))
                self.emit("key home")
                self.cmd("tap", t["put_in"].format(groups[a["group"]]))
            chosen = ""
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
        if qt == "read":  # every page about the source was opened
            others = len(q.get("pages", [])) - 1
            self.cmd("scroll-to", t["opened_n"].format(others, others))
        if qt == "group":
            for a in answers:
                self.cmd("scroll-to", t["in_group"].format(q["groups"][a["group"]]))
        elif parts is None:
            self.cmd("expect", prefix(t["you_chose"].format(chosen)))
        else:
            # Matching and multiple response: a row per pair or tick.
            self.cmd("expect", t["your_choices"] if qt == "multiresponse" else t["your_matches"])
            for p in parts:
                self.cmd("scroll-to", prefix(p))
        self.cmd("tap", t["results"] if k == n else t["next"])
        return True

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
        if len(right) != 1:
            self.problem(unit, q, "%d right answers, not one" % len(right))
            return None
        self.reach(right[0]["text"], screen_texts + [a["text"] for a in answers], unit, q)
        self.cmd("tap", right[0]["text"])
        return right[0]["text"]

    # -- one unit ---------------------------------------------------------------
    def unit(self, nn, slug, title, questions):
        t = self.t
        scored = [q for q in questions if q.get("scored")]
        n = len(questions)
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
        self.emit("", "screen summary")
        self.cmd("expect", title)
        self.cmd("expect", t["scored"].format(right, len(scored)))
        if right == len(scored):
            self.cmd("expect", t["all_right"])
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
            counts[nn] = collections.Counter(q["type"] for q in questions if q.get("scored"))
            ok = w.unit(nn, slug, title, questions)
            for q in questions:
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
