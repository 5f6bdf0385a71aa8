#!/usr/bin/env bash
# The guides stay true to the program (README.md, README.zh-Hans.md,
# content/README.md, content/README.zh-Hans.md):
# - every `mingbai COMMAND [SUBCOMMAND]` the two READMEs name is one the
#   program knows: `mingbai COMMAND --help` exits 0 and its usage names the
#   subcommand (a command removed, or a subcommand dropped from its usage,
#   fails);
# - every label the READMEs put in bold is text of the kiosk's interface,
#   English in README.md, Chinese in README.zh-Hans.md (kiosk/ui/strings.c),
#   so that a teacher finds on screen what the guide names;
# - every relative link and #anchor between the guides resolves, and each
#   guide links to its other language near its top;
# - the examples of both authoring guides (pack.ini, glossary.ini, the
#   Markdown and GIFT examples and every GIFT snippet of the question-type
#   table) make a pack that `mingbai pack check` passes without an error.
set -u
. "$(dirname "$0")/need.sh"
need python3 python3
cd "${MINGBAI_SOURCE_DIR:-.}"
bin=$(realpath "${MINGBAI_BIN:-build/mingbai}")
[ -x "$bin" ] || skip "no $bin: build first"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset MINGBAI_DB LC_ALL LC_MESSAGES
export LANG=C.UTF-8
MINGBAI_BIN="$bin" TMPDIR="$tmp" python3 - <<'EOF'
import os, re, shutil, subprocess, sys, unicodedata

bin_ = os.environ["MINGBAI_BIN"]
tmp = os.environ["TMPDIR"]
fails = []
def bad(msg):
    fails.append(msg)
    print("FAIL: " + msg)

def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()

readmes = ["README.md", "README.zh-Hans.md"]
guides = readmes + ["content/README.md", "content/README.zh-Hans.md"]
texts = {g: read(g) for g in guides}

# ---- the commands the READMEs name ----
def code_spans(s):
    blocks = re.findall(r"```[^\n]*\n(.*?)```", s, re.S)
    rest = re.sub(r"```[^\n]*\n.*?```", "", s, flags=re.S)
    return blocks + re.findall(r"`([^`\n]+)`", rest)

helps = {}
def help_of(cmd):
    if cmd not in helps:
        r = subprocess.run([bin_, cmd, "--help"], capture_output=True, text=True,
                           env=dict(os.environ, MINGBAI_DB=os.path.join(tmp, "help.db")))
        helps[cmd] = (r.returncode, r.stdout)
    return helps[cmd]

pairs = set()
for g in readmes:
    for span in code_spans(texts[g]):
        for m in re.finditer(r"(?:^|[\s/])mingbai ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?", span):
            pairs.add((g, m.group(1), m.group(2)))
if len(pairs) < 20:
    bad("only %d command mentions found in the READMEs; the pattern is broken" % len(pairs))
for g, cmd, sub in sorted(pairs, key=lambda p: (p[0], p[1], p[2] or "")):
    rc, out = help_of(cmd)
    if rc != 0:
        bad("%s names `mingbai %s`, which the program does not know (--help exit %d)" % (g, cmd, rc))
    elif sub and not re.search(r"(?:^|[\s|])%s(?:$|[\s|])" % re.escape(sub), out):
        bad("%s names `mingbai %s %s`, which `mingbai %s --help` does not list" % (g, cmd, sub, cmd))

# ---- bold labels are the interface's text ----
cat = re.findall(r'\{"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\}', read("kiosk/ui/strings.c"))
if len(cat) < 100:
    bad("the catalogue of kiosk/ui/strings.c could not be read")
for g, col in (("README.md", 0), ("README.zh-Hans.md", 1)):
    shown = [c[col] for c in cat]
    for label in sorted(set(re.findall(r"\*\*([^*\n]+)\*\*", texts[g]))):
        if not any(label == s or label in s for s in shown):
            bad("%s shows **%s** as a label, but the interface has no such text" % (g, label))

# ---- links and anchors ----
def slug(heading):
    h = heading.strip().lower()
    h = "".join(ch for ch in h if ch in " -_" or not unicodedata.category(ch).startswith(("P", "S")))
    return h.replace(" ", "-")

def anchors(s):
    s = re.sub(r"```.*?```", "", s, flags=re.S)
    return {slug(re.sub(r"[`*]", "", h)) for h in re.findall(r"^#+ (.+)$", s, re.M)}

for g in guides:
    here = os.path.dirname(g)
    prose = re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", texts[g], flags=re.S))
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if re.match(r"[a-z]+:", target):
            continue  # http:, glossary: ...
        path, _, frag = target.partition("#")
        dest = os.path.normpath(os.path.join(here, path)) if path else g
        if not os.path.exists(dest):
            bad("%s links to %s, which does not exist" % (g, target))
        elif frag and dest.endswith(".md") and frag not in anchors(read(dest)):
            bad("%s links to %s, but %s has no heading #%s" % (g, target, dest, frag))
for a, b in (("README.md", "README.zh-Hans.md"), ("content/README.md", "content/README.zh-Hans.md")):
    for x, y in ((a, b), (b, a)):
        top = "\n".join(texts[x].splitlines()[:5])
        if "(" + os.path.relpath(y, os.path.dirname(x) or ".") + ")" not in top:
            bad("%s does not link to %s at its top" % (x, y))

# ---- the authoring guides' examples make a pack that checks ----
for guide, name in (("content/README.md", "en"), ("content/README.zh-Hans.md", "zh")):
    s = texts[guide]
    blocks = re.findall(r"```(\w*)\n(.*?)```", s, re.S)
    ini = [b for t, b in blocks if t == "ini"]
    gift = [b for t, b in blocks if t == "" and "::q1-1::" in b]
    md = [b for t, b in blocks if t == "markdown"]
    act = [b for t, b in blocks if "## post " in b]
    snippets = [f for row in re.findall(r"^\|[^|\n]+\|([^\n]+)$", s, re.M)
                for f in re.findall(r"`(\{[^`]*\})`", row)]
    if len(ini) != 2 or len(gift) != 1 or len(md) != 1 or len(snippets) < 8 or len(act) != 1:
        bad("%s: the examples were not found (%d ini, %d GIFT, %d Markdown, %d snippets, "
            "%d activity files)" % (guide, len(ini), len(gift), len(md), len(snippets), len(act)))
        continue
    d = os.path.join(tmp, "pack-" + name)
    for sub in ("units", "quizzes", "media", "activities"):
        os.makedirs(os.path.join(d, sub))
    with open(os.path.join(d, "pack.ini"), "w", encoding="utf-8") as f:
        f.write(ini[0])
    with open(os.path.join(d, "glossary.ini"), "w", encoding="utf-8") as f:
        f.write(ini[1])
    shutil.copy("content/example/media/three-steps.png", os.path.join(d, "media", "feed.png"))
    quiz = [gift[0].strip()] + ["::t%d::Question %d %s" % (i, i, f) for i, f in enumerate(snippets, 1)]
    quote = "\n".join(l.strip() for l in md[0].splitlines())
    unit = ("# Title\n\n## Section\n\nA [term](glossary:official-account), **bold**, *emphasis*.\n\n"
            "![A diagram of the feed](media/feed.png)\n\n" + quote + "\n\n## Sources\n\n- One.\n")
    for lang in ("en", "zh-Hans"):
        with open(os.path.join(d, "activities", "01-first-steps.%s.md" % lang), "w", encoding="utf-8") as f:
            f.write(act[0])
        with open(os.path.join(d, "quizzes", "01-first-steps.%s.gift" % lang), "w", encoding="utf-8") as f:
            f.write("\n\n".join(quiz) + "\n")
        with open(os.path.join(d, "units", "01-first-steps.%s.md" % lang), "w", encoding="utf-8") as f:
            f.write(unit)
    r = subprocess.run([bin_, "pack", "check", d], capture_output=True, text=True)
    if r.returncode != 0 or "0 errors" not in r.stdout + r.stderr:
        bad("%s: its examples do not pass `mingbai pack check`:\n%s%s" % (guide, r.stdout, r.stderr))
    for w in re.findall(r"warning: (.*)", r.stdout + r.stderr):
        if not w.startswith("essay question"):
            bad("%s: an example gives a warning: %s" % (guide, w))

print("%d command mentions, %d catalogue entries, %d guides checked" % (len(pairs), len(cat), len(guides)))
sys.exit(1 if fails else 0)
EOF
