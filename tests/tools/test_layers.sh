#!/usr/bin/env bash
# Layering: each module includes only the headers its row in
# ../shared/design/ARCHITECTURE.md allows. Prints a Fix: line per violation.
set -u
cd "${MINGBAI_SOURCE_DIR:-.}"
fail=0

# module -> project headers it may include (besides its own and core)
declare -A allowed=(
  [core]="core"
  [pack]="core pack pack_model"
  [learn]="core pack pack_model learn"
  [store]="core pack pack_model learn store"
  [report]="core pack pack_model learn store report"
  [text]="core text text_sdl"
  [ui]="core pack pack_model learn store text ui"
  [gfx]="core text text_sdl gfx"
  [plat]="core plat"
  [cli]="core pack pack_model learn store report cli"
)
# third-party header patterns and the modules that may include them
declare -A third=(
  ['SDL2?/|SDL[_.]']="text gfx plat"
  ['sqlite3\.h']="store"
  ['md4c']="pack"
  ['zip\.h']="pack"
  ['ini\.h']="pack"
  ['jansson\.h']="report"
  ['linebreak']="text"
)

for dir in kiosk/*/; do
  mod=$(basename "$dir")
  for f in "$dir"*.[ch]; do
    [ -e "$f" ] || continue
    while IFS=: read -r line inc; do
      hdr=$(sed -nE 's/.*#\s*include\s*[<"]mingbai\/([a-z_]+)\.h[>"].*/\1/p' <<<"$inc")
      if [ -n "$hdr" ] && [[ " ${allowed[$mod]:-} " != *" $hdr "* ]]; then
        echo "$f:$line: module '$mod' includes mingbai/$hdr.h"
        echo "Fix: $mod may use only: ${allowed[$mod]:-core}; move the code to a module that may use $hdr, or pass what you need in (ARCHITECTURE.md, 'may use')."
        fail=1
      fi
      for pat in "${!third[@]}"; do
        if grep -qE "#\s*include\s*[<\"]($pat)" <<<"$inc"; then
          if [[ " ${third[$pat]} " != *" $mod "* ]]; then
            echo "$f:$line: module '$mod' includes a third-party header ($inc)"
            echo "Fix: only ${third[$pat]} may include it; call that module's API instead."
            fail=1
          fi
        fi
      done
    done < <(grep -nE '^\s*#\s*include' "$f")
  done
done
# Public headers: SDL only in text_sdl.h, gfx.h, plat.h.
for f in include/mingbai/*.h; do
  b=$(basename "$f" .h)
  if grep -qE '#\s*include\s*[<"](SDL2?/|SDL[_.])' "$f" && [[ " text_sdl gfx plat " != *" $b "* ]]; then
    echo "$f: public header includes SDL"
    echo "Fix: keep SDL types out of $b.h so modules without SDL can include it."
    fail=1
  fi
done
# Top-level program files may use everything, but SDL only in main.c.
for f in kiosk/*.c kiosk/*.h; do
  [ "$(basename "$f")" = main.c ] && continue
  if grep -nE '#\s*include\s*[<"](SDL2?/|SDL[_.])' "$f"; then
    echo "Fix: $f must reach SDL through plat or gfx, not directly."
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "layers: every include is allowed"
exit $fail
