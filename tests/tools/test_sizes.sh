#!/usr/bin/env bash
# Readable sizes: no file in kiosk/ over 700 lines, no function over 80
# (from the line of its opening brace to its closing one; the code's style
# puts both at the start of a line). Prints file:line: for each, with a Fix.
set -u
cd "${MINGBAI_SOURCE_DIR:-.}"
source tests/tools/need.sh
need awk mawk
max_file=700 max_fn=80
files=$(find kiosk -name '*.[ch]' | sort)
# shellcheck disable=SC2086
awk -v max_file=$max_file -v max_fn=$max_fn '
FNR == 1 { if (prev != "" && lines > max_file) report_file(); prev = FILENAME; lines = 0; start = 0 }
{ lines++ }
/^\{/ { start = FNR; name = last }
/^[A-Za-z_].*\(/ { last = $0 }
/^\}/ && start {
    n = FNR - start + 1
    if (n > max_fn) {
        printf "%s:%d: function of %d lines (at most %d): %s\n", FILENAME, start, n, max_fn, substr(name, 1, 70)
        print "Fix: split it along its natural seams into functions that each do one thing"
        bad++
    }
    start = 0
}
function report_file() {
    printf "%s:1: %d lines (at most %d)\n", prev, lines, max_file
    print "Fix: split the file along its seams, with a private header for what the parts share"
    bad++
}
END {
    if (lines > max_file) report_file()
    if (bad) exit 1
    printf "sizes: %d files of kiosk/ within %d lines, every function within %d\n", nfiles, max_file, max_fn
}
{ if (FNR == 1) nfiles++ }
' $files
