#!/usr/bin/env python3
"""Counts what makes a quiz passable without reading, in a pack's quizzes as
the kiosk parses them (`mingbai pack show FILE --json`):

  true/false     how many answers are True and how many False
  longest        single-choice questions whose right answer is the longest
                 option (strictly longer than every other option), and those
                 where it ties for longest, out of all single-choice
                 questions; lengths in characters, per language
  rank           how many right answers are the 1st, 2nd, 3rd, 4th or later
                 longest option (ties share the better rank), so that a
                 new habit (the right answer always the shortest) shows too
  types          the number of questions of each type

Usage: quiz_balance.py MINGBAI PACK_DIR [--list] [--check]
--list also names each single-choice question whose right answer is the
longest, with the lengths of its options. Prints one block per language.
--check exits 1, saying why, when in some language the true/false answers
are not balanced (True 40-60% of them) or the right answer is the longest
option, or ties for it, in more than a quarter of the single-choice
questions.
"""
import collections
import glob
import json
import os
import subprocess
import sys


def questions(mingbai, path):
    out = subprocess.run([mingbai, "pack", "show", path, "--json"],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["questions"]


def report(mingbai, pack, lang, listing):
    """Prints the counts for one language; returns what --check refuses."""
    files = sorted(glob.glob(os.path.join(pack, "quizzes", "*.%s.gift" % lang)))
    types = collections.Counter()
    tf = collections.Counter()
    mc = longest = ties = 0
    rank = [0, 0, 0, 0]
    named = []
    for f in files:
        for q in questions(mingbai, f):
            types[q["type"]] += 1
            if q["type"] == "truefalse":
                tf["True" if q["answer"] else "False"] += 1
            if q["type"] != "multichoice":
                continue
            mc += 1
            best = max(a["fraction"] for a in q["answers"])
            right = [len(a["text"]) for a in q["answers"] if a["fraction"] == best]
            wrong = [len(a["text"]) for a in q["answers"] if a["fraction"] != best]
            if not wrong:
                continue
            rank[min(sum(1 for w in wrong if w > max(right)), 3)] += 1
            if min(right) > max(wrong):
                longest += 1
                named.append("%s right %s, others %s" % (q["id"], right, wrong))
            elif max(right) == max(wrong):
                ties += 1
    print("[%s] %d files, %d questions: %s" % (
        lang, len(files), sum(types.values()),
        ", ".join("%s %d" % kv for kv in sorted(types.items()))))
    print("[%s] true/false: %d True, %d False" % (lang, tf["True"], tf["False"]))
    print("[%s] single choice: right answer longest in %d of %d (tied for longest in %d more)"
          % (lang, longest, mc, ties))
    print("[%s] right answer by length: %s" % (lang, ", ".join(
        "%s %d" % (n, c) for n, c in zip(("longest", "2nd", "3rd", "4th+"), rank))))
    if listing:
        for n in named:
            print("  " + n)
    problems = []
    n_tf = tf["True"] + tf["False"]
    if n_tf and not 0.4 <= tf["True"] / n_tf <= 0.6:
        problems.append("[%s] true/false not balanced: %d of %d True"
                        % (lang, tf["True"], n_tf))
    if mc and (longest + ties) * 4 > mc:
        problems.append("[%s] the right answer is the longest option (or ties) in %d of %d"
                        % (lang, longest + ties, mc))
    return problems


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    mingbai, pack = sys.argv[1], sys.argv[2]
    listing = "--list" in sys.argv[3:]
    problems = []
    for lang in ("en", "zh-Hans"):
        problems += report(mingbai, pack, lang, listing)
    if "--check" in sys.argv[3:] and problems:
        print("\n".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
