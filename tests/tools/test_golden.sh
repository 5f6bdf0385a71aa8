#!/usr/bin/env bash
# Golden screenshots: every participant screen, the activities (mark the post, sort the feed, a discussion prompt, on
# the shipped course's unit 4; lateral reading on unit 2; sorting into groups on unit 7) and the instructor's screens (see tests/replay/golden_*.replay) in both languages at
# 800x480, 1024x600 (7-inch panels), 1920x1080 (10.1-inch) and 720x1280 (the 7-inch
# Touch Display 2, upright), each at its panel's pixels per mm, compared with tests/golden/ within a tolerance.
# MINGBAI_UPDATE_GOLDEN=1 rewrites the references. The instructor's export screen is shown
# a folder that stands in for a stick (MINGBAI_EXPORT_DIR), the same path on every machine.
set -u
out=${MINGBAI_BUILD_DIR:-build}/golden-shots
rm -rf "$out"; mkdir -p "$out"
fail=0
# A stick for the instructor's import screens: a good pack, a broken one
# and a class list with a row without a name and one with a quote left open.
stick=$(mktemp -d)
trap 'rm -rf "$stick"' EXIT
cp -r tests/packs/good/bilingual tests/packs/bad/gift-errors "$stick/"
printf '\357\273\277name\n李华\nZhang Wei\n\nO\x27Brien\n"Open\n' > "$stick/class.csv"
export MINGBAI_IMPORT_DIR="$stick"
for lang in en zh; do
  for display in 800x480@5.2 1024x600@6.6 1920x1080@8.7 720x1280@8.3; do
    size=${display%@*}
    dir="$out/$lang-$size"
    if ! MINGBAI_EXPORT_DIR=build/golden-stick "$MINGBAI_BIN" replay "tests/replay/golden_$lang.replay" --shots "$dir" --window "$size" \
         --px-per-mm "${display#*@}" --db "$dir/kiosk.db"; then
      echo "replay golden_$lang at $size failed"; fail=1; continue
    fi
    for shot in attract language signin name home reader reader-large quiz feedback feedback-contrast summary glossary bilingual packs pack-import pin instructor instructor-roster roster-import instructor-settings results discussion export sessions code-set code-ask; do
      "$GOLDEN_COMPARE" "$dir/$shot.png" "tests/golden/$lang-$size-$shot.png" || fail=1
    done
    # The activities of the shipped course (unit 4), with a database of their own.
    if ! "$MINGBAI_BIN" replay "tests/replay/golden_activities_$lang.replay" --shots "$dir" --window "$size" \
         --px-per-mm "${display#*@}" --db "$dir/activities.db"; then
      echo "replay golden_activities_$lang at $size failed"; fail=1; continue
    fi
    for shot in activity-post activity-post-checked activity-post-verdicts activity-sort activity-sort-items activity-sort-checked activity-discuss activity-summary; do
      "$GOLDEN_COMPARE" "$dir/$shot.png" "tests/golden/$lang-$size-$shot.png" || fail=1
    done
    # Lateral reading (unit 2), with a database of its own.
    if ! "$MINGBAI_BIN" replay "tests/replay/golden_read_$lang.replay" --shots "$dir" --window "$size" \
         --px-per-mm "${display#*@}" --db "$dir/read.db"; then
      echo "replay golden_read_$lang at $size failed"; fail=1; continue
    fi
    for shot in activity-read-source activity-read-results activity-read-page activity-read-feedback; do
      "$GOLDEN_COMPARE" "$dir/$shot.png" "tests/golden/$lang-$size-$shot.png" || fail=1
    done
    # Sorting into groups (unit 7), with a database of its own.
    if ! "$MINGBAI_BIN" replay "tests/replay/golden_groups_$lang.replay" --shots "$dir" --window "$size" \
         --px-per-mm "${display#*@}" --db "$dir/groups.db"; then
      echo "replay golden_groups_$lang at $size failed"; fail=1; continue
    fi
    for shot in activity-groups activity-groups-chosen activity-groups-placed activity-groups-checked; do
      "$GOLDEN_COMPARE" "$dir/$shot.png" "tests/golden/$lang-$size-$shot.png" || fail=1
    done
  done
done
exit $fail
