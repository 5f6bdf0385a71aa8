#!/usr/bin/env bash
# Differential test of the GIFT reader: `mingbai pack show --json` against
# gift-pegjs (an independent GIFT grammar, npm package gift-pegjs 1.0.2) on
# cases where gift-pegjs agrees with Moodle's importer. Both outputs are
# brought to one shape (type, name, text, formats, general feedback,
# category, answers with scores, feedback, matching sides, numerical value
# and tolerance) and compared.
#
# The grammar is kept in tests/tools/gift-pegjs/ (see its README.md) and
# turned into a parser here by Debian's pegjs, so the test needs no network
# and always compares with the same parser. Without node or pegjs it ends
# with exit 77 (tests/tools/need.sh), which ctest reports as skipped.
set -euo pipefail

root=${MINGBAI_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
. "$root/tests/tools/need.sh"
bin=${MINGBAI_BIN:-$root/build/mingbai}
[ -x "$bin" ] || { echo "FAIL: no mingbai binary at $bin (build first)"; exit 1; }
need node nodejs
need pegjs node-pegjs

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node "$(command -v pegjs)" -o "$work/gift-parser.js" "$root/tests/tools/gift-pegjs/GIFT.pegjs"

cat >"$work/compare.js" <<'EOF'
// Usage: node compare.js parser.js case.gift mingbai.json -> exit 1 and a diff on mismatch.
const fs = require('fs');
const [parserPath, giftPath, oursPath] = process.argv.slice(2);
const { parse } = require(parserPath);

const fb = (f) => (f && f.text !== '' ? f.text : null);
const round = (x) => Math.round(x * 1e9) / 1e9;

function fromPegjs(list) {
    const out = [];
    let category = null;
    for (const q of list) {
        if (q.type === 'Category') {
            category = q.title;
            continue;
        }
        const c = {
            name: q.title || null, text: q.stem.text, format: q.stem.format,
            general_feedback: fb(q.globalFeedback), category, answers: [],
        };
        switch (q.type) {
        case 'Description': c.type = 'description'; break;
        case 'Essay': c.type = 'essay'; break;
        case 'TF':
            c.type = 'truefalse';
            c.answers = [
                { text: 'true', fraction: q.isTrue ? 1 : 0, feedback: fb(q.trueFeedback) },
                { text: 'false', fraction: q.isTrue ? 0 : 1, feedback: fb(q.falseFeedback) },
            ];
            break;
        case 'MC':
            c.type = q.choices.some((a) => a.isCorrect) ? 'multichoice' : 'multiresponse';
            c.answers = q.choices.map((a) => ({
                text: a.text.text, format: a.text.format, feedback: fb(a.feedback),
                fraction: (a.weight !== null ? a.weight : a.isCorrect ? 100 : 0) / 100,
            }));
            break;
        case 'Short':
            c.type = 'shortanswer';
            c.answers = q.choices.map((a) => ({
                text: a.text.text, format: a.text.format, feedback: fb(a.feedback),
                fraction: (a.weight !== null ? a.weight : 100) / 100,
            }));
            break;
        case 'Matching':
            c.type = 'match';
            c.answers = q.matchPairs.map((p) => ({
                left: p.subquestion.text, text: p.subanswer, format: p.subquestion.format,
                fraction: p.subquestion.text ? 1 : 0,
            }));
            break;
        case 'Numerical': {
            c.type = 'numerical';
            const num = (t) => {
                if (t.type === 'simple') return { value: t.number, tolerance: 0 };
                if (t.type === 'range') return { value: t.number, tolerance: t.range };
                const mid = (t.numberHigh + t.numberLow) / 2;
                return { value: mid, tolerance: t.numberHigh - mid };
            };
            const choices = Array.isArray(q.choices)
                ? q.choices : [{ isCorrect: true, weight: null, text: q.choices, feedback: null }];
            c.answers = choices.map((a) => {
                if (a.text.text === '*')
                    return { catchall: true, fraction: 0, feedback: fb(a.feedback), value: 0, tolerance: 0 };
                return Object.assign({ catchall: false, feedback: fb(a.feedback),
                    fraction: (a.weight !== null ? a.weight : 100) / 100 }, num(a.text));
            });
            break;
        }
        default: c.type = 'unknown:' + q.type;
        }
        out.push(c);
    }
    return out;
}

function fromMingbai(doc) {
    return doc.questions.map((q) => ({
        type: q.type, name: q.name, text: q.text, format: q.format,
        general_feedback: q.general_feedback, category: q.category,
        answers: q.answers.map((a) => {
            if (q.type === 'numerical')
                return { catchall: a.catchall, fraction: a.fraction, feedback: a.feedback,
                         value: a.value, tolerance: a.tolerance };
            const o = { text: a.text, fraction: a.fraction };
            if (q.type !== 'truefalse') o.format = a.format;
            if (q.type === 'match') o.left = a.left;
            else o.feedback = a.feedback;
            return o;
        }),
    }));
}

// Numbers compared to 1e-9; key order fixed so the JSON texts compare.
function canon(v) {
    if (typeof v === 'number') return round(v);
    if (Array.isArray(v)) return v.map(canon);
    if (v && typeof v === 'object') {
        const o = {};
        for (const k of Object.keys(v).sort()) o[k] = canon(v[k]);
        return o;
    }
    return v;
}

const theirs = JSON.stringify(canon(fromPegjs(parse(fs.readFileSync(giftPath, 'utf8')))), null, 1);
const ours = JSON.stringify(canon(fromMingbai(JSON.parse(fs.readFileSync(oursPath, 'utf8')))), null, 1);
if (theirs !== ours) {
    console.log('gift-pegjs:\n' + theirs + '\nmingbai:\n' + ours);
    process.exit(1);
}
EOF

# Cases, each after a "=== name" line. Only what gift-pegjs reads as Moodle
# does: it differs on Moodle quirks ("=%50%x" in multiple choice, "{#abc}")
# and rejects some forms Moodle reads ("{#3:2~#x}" without '='); the unit
# tests cover those.
cat >"$work/cases.txt" <<'EOF'
=== multichoice with feedback and formats
::Q2:: What's between orange and green in the spectrum?
{
    =yellow # right; good!
    ~red # wrong, it's yellow
    ~[plain]blue # wrong, it's yellow
}
=== multiple response with weights
::colours:: Pick the warm ones {~%50%yellow#right ~%50%orange ~%-100%blue#no}
=== weights with decimals
::w:: Q {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}
=== true in braces is a short answer
::q:: Q {true}
=== true/false feedback order
::Q1:: 42 is the Absolute Answer to everything.{FALSE#42 is the Ultimate Answer.#You gave the right answer.}
=== true/false short forms
::t1:: Sky is blue {T}

::t2:: Grass is red {F}
=== short answers with weights and wildcard
::Shortanswer::Which is the best animal?{
    =Frog#Good!
    =%50%Cat#What is it with Moodlers and cats?
    =%0%*#Completely wrong
}
=== one-answer short answer
::grant:: Who's buried in Grant's tomb?{Grant}
=== matching with distractor
::m:: Match the capitals. {
    =Canada -> Ottawa
    =Italy -> Rome
    =Japan -> Tokyo
    = -> Paris
}
=== numerical tolerance and catch-all
::Q5:: What is a number from 1 to 5? {#=3:2 ~#Completely wrong}
=== numerical range
::r:: A number from 1 to 5 {#1..5}
=== numerical weighted
::grant2:: When was Ulysses S. Grant born? {#
    =1822:0 # Correct! Full credit.
    =%50%1822:2 # Half credit for being close.
}
=== essay and description
::e:: How are you? {}

::d:: Read the next questions carefully.
=== general feedback
::g:: Who? {=a ~b ####Think about it.}
=== categories
$CATEGORY: $course$/top/Unit 1

::c1:: One {T}

$CATEGORY: $course$/top/Unit 2

::c2:: Two {F}
=== escaped equals start the answers
::eq:: What is 2 + 2? { ~ \= 2 + 2 = \= 2 + 3 ~ \= 2 + 4 }
=== escaped braces, colons and hashes
::esc:: Braces \{x\} and a colon\: here {=a\#b ~c}
=== CJK question
::媒介素养::以下哪项是… {=选项甲 ~选项乙}
=== html question format inherited by answers
::h::[html]<b>Which</b>? {=a ~[plain]b}
EOF

fail=0
count=0
name=""
flush() {
    [ -n "$name" ] || return 0
    count=$((count + 1))
    local gift="$work/case$count.gift" json="$work/case$count.json"
    printf '%s' "$body" >"$gift"
    "$bin" pack show --json "$gift" >"$json" 2>"$work/err" || true
    if ! node "$work/compare.js" "$work/gift-parser.js" "$gift" "$json" >"$work/diff" 2>&1; then
        echo "FAIL: $name"
        cat "$work/diff" "$work/err"
        fail=1
    fi
}
body=""
while IFS= read -r line || [ -n "$line" ]; do
    if [[ $line == "=== "* ]]; then
        flush
        name=${line#=== }
        body=""
    else
        body+="$line"$'\n'
    fi
done <"$work/cases.txt"
flush

echo "test_gift_differential: $count cases compared with gift-pegjs"
exit $fail
