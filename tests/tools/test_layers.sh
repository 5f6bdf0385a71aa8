#!/usr/bin/env bash
# Layering: the module table in kiosk/README.md is the rule, written once.
# This reads that table and checks that three things agree with it:
#  (a) includes: every #include in kiosk/ and include/mingbai/, followed
#      through the headers it pulls in, names a module of the file's
#      "may use" and a third-party header of its row;
#  (b) CMake: each target_link_libraries(mingbai_<module> ...) links only
#      mingbai_* libraries of the row's "may use";
#  (c) objects: with nm on the build tree, "file A calls a function defined
#      in file B" must go down the table to a library A's module links, and
#      must not close a cycle between modules, inside ui, or among the
#      program's files (cycles inside other modules are listed as info).
# Every problem prints file:line: and a Fix: line. Exit 0 when all agree,
# 1 on a problem; when (a) and (b) pass but (c) cannot run (no build tree,
# no nm: binutils, in board/debian-packages.txt) it exits 77 through
# need.sh's skip, which ctest reports SKIPPED (SKIP_RETURN_CODE 77 in
# tests/CMakeLists.txt), never passed.
set -u
cd "${MINGBAI_SOURCE_DIR:-.}" || exit 1
. tests/tools/need.sh
need awk mawk
table=kiosk/README.md
build=${MINGBAI_BUILD_DIR:-build}
# Modules whose files must not call each other in a cycle.
strict_cycles="ui program"
# The C library and POSIX: open to every module (sys/... too), and glibc's
# mntent.h (the mount table, where a USB stick is).
libc="assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h limits.h
locale.h math.h setjmp.h signal.h stdalign.h stdarg.h stdatomic.h stdbool.h stddef.h
stdint.h stdio.h stdlib.h stdnoreturn.h string.h tgmath.h threads.h time.h uchar.h
wchar.h wctype.h aio.h arpa/inet.h dirent.h dlfcn.h fcntl.h fnmatch.h ftw.h glob.h
grp.h iconv.h langinfo.h libgen.h netdb.h netinet/in.h poll.h pthread.h pwd.h regex.h
sched.h search.h semaphore.h spawn.h strings.h syslog.h termios.h unistd.h utime.h
wordexp.h mntent.h"

sources=$(find kiosk include/mingbai -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort)

# The objects CMake links (link.txt), or every object of a target without one.
objects=
nm_ok=0
if command -v nm >/dev/null 2>&1 && [ -d "$build/CMakeFiles" ]; then
  objects=$(cd "$build" && {
    grep -ohE 'CMakeFiles/mingbai[a-z_]*\.dir/[^ ]+\.o' CMakeFiles/mingbai*.dir/link.txt 2>/dev/null
    for dir in CMakeFiles/mingbai*.dir; do
      [ -d "$dir" ] && [ ! -f "$dir/link.txt" ] && find "$dir" -name '*.o'
    done
  })
  [ -n "$objects" ] && nm_ok=1
fi
nm_out=/dev/null
if [ $nm_ok -eq 1 ]; then
  nm_out=$(mktemp)
  trap 'rm -f "$nm_out"' EXIT
  # shellcheck disable=SC2086 # one word per object
  (cd "$build" && nm -l -A $objects 2>/dev/null) >"$nm_out"
  stale=$(for o in $objects; do
    src=${o#CMakeFiles/*.dir/}
    src=${src%.o}
    [ -f "$src" ] && [ "$src" -nt "$build/$o" ] && echo "$src"
  done)
  if [ -n "$stale" ]; then
    echo "note: $(wc -l <<<"$stale") sources are newer than their objects;" \
         "build first for exact results (${stale%%$'\n'*} ...)"
  fi
fi

# Passed through the environment: awk -v would read backslashes as escapes.
LAYERS_SOURCES=$sources
LAYERS_INCLUDES=$(printf '%s\n' "$sources" | xargs grep -HnE '^[[:space:]]*#[[:space:]]*include' || true)
export LAYERS_SOURCES LAYERS_INCLUDES

awk -v table="$table" -v cmake=CMakeLists.txt \
    -v nm_out="$nm_out" -v nm_ok="$nm_ok" -v root="$PWD" -v libc_list="$libc" \
    -v strict_list="$strict_cycles" '
function fail(where, what, fix) {
    printf "%s: %s\nFix: %s\n", where, what, fix
    failures++
}
function ticks(s, out,   n) {
    n = 0
    while (match(s, /`[^`]+`/)) {
        out[++n] = substr(s, RSTART + 1, RLENGTH - 2)
        s = substr(s, RSTART + RLENGTH)
    }
    return n
}
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
function glob_re(g,   re, i, c) {
    re = "^"
    for (i = 1; i <= length(g); i++) {
        c = substr(g, i, 1)
        if (c == "*") re = re "[^/]*"
        else if (c == "?") re = re "[^/]"
        else if (index(".[]()+^$|\\{}", c)) re = re "\\" c
        else re = re c
    }
    return re "$"
}
function allowed(m, n) { return m == n || (m in use_all) || ((m, n) in uses) }
function uses_text(m,   s, i) {
    if (m in use_all) return "every module"
    s = ""
    for (i = 1; i <= nrows; i++)
        if ((m, rows[i]) in uses) s = s (s == "" ? "" : ", ") rows[i]
    return s == "" ? "nothing but itself" : s
}
function third_text(h,   s, i) {
    s = ""
    for (i = 1; i <= nrows; i++)
        if ((rows[i], h) in third) s = s (s == "" ? "" : ", ") rows[i]
    return s
}
# The row a file belongs to: a file or glob entry wins over a folder entry,
# a longer folder over a shorter one; "" when none.
function module_of(f,   i, best, blen, hit) {
    if (f in modcache) return modcache[f]
    if (f ~ /^include\//) {
        hit = substr(f, 9)
        return modcache[f] = ((hit in hdr_mod) ? hdr_mod[hit] : "")
    }
    best = ""; blen = -1; hit = ""
    for (i = 1; i <= ntok; i++) {
        if (tok[i] ~ /\/$/) {
            if (index(f, tok[i]) == 1 && length(tok[i]) > blen) {
                best = tok_mod[i]; blen = length(tok[i])
            }
        } else if (f ~ tok_re[i]) {
            if (hit != "" && hit != tok_mod[i])
                fail(f ":1", "kiosk/README.md puts this file in both " hit " and " tok_mod[i],
                     "name each file in one row of the table in kiosk/README.md")
            hit = tok_mod[i]
        }
    }
    return modcache[f] = (hit != "" ? hit : best)
}
# First line of file f that mentions sym as a call, for objects without
# debug line information.
function line_of(f, sym,   line, n) {
    n = 0
    while ((getline line < f) > 0) {
        n++
        if (line ~ /^[ \t]*(\/\*|\*|\/\/)/) continue
        if (line ~ ("(^|[^A-Za-z0-9_])" sym "[ \t]*\\(")) { close(f); return n }
    }
    close(f)
    return 1
}
function rel(loc) {
    sub(/ \(discriminator [0-9]+\)$/, "", loc)
    if (index(loc, root "/") == 1) return substr(loc, length(root) + 2)
    return ""
}

# ---------------- the table ----------------
function read_table(   line, n, i, c, cells, hdr, t, k, inside, m, cell) {
    n = 0; inside = 0
    while ((getline line < table) > 0) {
        n++
        if (!inside) {
            if (line ~ /^\|/ && line ~ /\|[ \t]*module[ \t]*\|/) {
                inside = 1
                hdr = split(line, cells, "|")
                for (i = 2; i < hdr; i++) col[trim(cells[i])] = i
            }
            continue
        }
        if (line !~ /^\|/) break
        if (line ~ /^[ \t|:-]*$/) continue
        split(line, cells, "|")
        if (ticks(cells[col["module"]], t) < 1) continue
        m = t[1]
        rows[++nrows] = m; row_line[m] = n; is_row[m] = 1
        k = ticks(cells[col["files"]], t)
        for (i = 1; i <= k; i++) {
            tok[++ntok] = t[i]; tok_mod[ntok] = m; tok_re[ntok] = glob_re(t[i])
        }
        k = ticks(cells[col["public headers"]], t)
        for (i = 1; i <= k; i++) hdr_mod[t[i]] = m
        cell = cells[col["may use"]]
        gsub(/`[^`]*`/, "", cell)
        if (cell ~ /(^|[^a-z])all([^a-z]|$)/) use_all[m] = 1
        k = ticks(cells[col["may use"]], t)
        for (i = 1; i <= k; i++) { uses[m, t[i]] = 1; uses_n[m] = k; uses_at[m, i] = t[i] }
        k = ticks(cells[col["third-party headers"]], t)
        for (i = 1; i <= k; i++) third[m, t[i]] = 1
    }
    close(table)
    if (n == 0) {
        fail(table ":1", "cannot read the module table",
             "restore kiosk/README.md with its table of modules")
        return 0
    }
    if (!nrows || !("files" in col) || !("may use" in col) || !("public headers" in col) ||
        !("third-party headers" in col)) {
        fail(table ":1", "no module table with the columns module, files, public headers, " \
             "may use and third-party headers",
             "keep the table in kiosk/README.md in that shape; this test reads it")
        return 0
    }
    for (i = 1; i <= nrows; i++)
        for (k = 1; k <= uses_n[rows[i]]; k++)
            if (!(uses_at[rows[i], k] in is_row))
                fail(table ":" row_line[rows[i]], "module " rows[i] " may use `" uses_at[rows[i], k] \
                     "`, which is no module of the table",
                     "name modules as in the first column")
    for (i = 1; i <= nrows; i++) table_cycle(rows[i])
    for (i = 1; i <= nrows; i++)
        for (k = 1; k <= nrows; k++)
            if ((rows[k] in use_all) && rows[k] != rows[i] && ((rows[i], rows[k]) in uses))
                fail(table ":" row_line[rows[i]], "module " rows[i] " may use " rows[k] \
                     ", which may use every module", "nothing may use " rows[k] "; drop it")
    return 1
}
# The table itself must have no cycle in "may use".
function table_cycle(m,   k, n) {
    if (state[m] == 2) return
    if (state[m] == 1) {
        fail(table ":" row_line[m], "the table lets " m " use a module that may use " m,
             "dependencies point down the table only; drop one direction")
        return
    }
    state[m] = 1
    for (k = 1; k <= uses_n[m]; k++) {
        n = uses_at[m, k]
        if (n != m && (n in is_row)) table_cycle(n)
    }
    state[m] = 2
}

# ---------------- (a) includes ----------------
function check_includes(   nsrc, src, i, j, n, ln, f, text, inc, delim, d, target, m, p) {
    nsrc = split(ENVIRON["LAYERS_SOURCES"], src, "\n")
    for (i = 1; i <= nsrc; i++) is_src[src[i]] = 1
    n = split(ENVIRON["LAYERS_INCLUDES"], ln, "\n")
    for (i = 1; i <= n; i++) {
        if (!match(ln[i], /^[^:]+:[0-9]+:/)) continue
        f = substr(ln[i], 1, RLENGTH - 1)
        text = substr(ln[i], RLENGTH + 1)
        p = f
        sub(/:[0-9]+$/, "", f)
        p = substr(p, length(f) + 2)
        if (!match(text, /include[ \t]*[<"][^>"]+[>"]/)) continue
        inc = substr(text, RSTART, RLENGTH)
        sub(/^include[ \t]*/, "", inc)
        delim = substr(inc, 1, 1)
        inc = substr(inc, 2, length(inc) - 2)
        target = ""
        if (inc ~ /^mingbai\//) target = "include/" inc
        else if (delim == "\"") {
            d = f; sub(/[^\/]*$/, "", d)
            if ((d inc) in is_src) target = d inc
            else if (("kiosk/" inc) in is_src) target = "kiosk/" inc
            else if (match(f, /^kiosk\/[^\/]+\//) && ((substr(f, 1, RLENGTH) inc) in is_src))
                target = substr(f, 1, RLENGTH) inc  # the module folder is on the include path
        }
        if (target == "") {
            if ((inc in libc) || inc ~ /^sys\//) continue
            target = "<" inc ">"
        } else if (!(target in is_src)) {
            fail(f ":" p, "includes " inc ", which does not exist", "include an existing header")
            continue
        }
        inc_to[f, ++ninc[f]] = target
        inc_line[f, ninc[f]] = p
    }
    for (i = 1; i <= nsrc; i++) {
        f = src[i]
        m = module_of(f)
        if (m == "") {
            if (f ~ /^include\//)
                fail(f ":1", "this public header is in no row of " table,
                     "add `" substr(f, 9) "` to the public headers of its module in " table)
            else
                fail(f ":1", "this file is in no row of " table,
                     "add it (or its folder) to the files of its module in " table)
            continue
        }
        nfiles++
        for (j = 1; j <= ninc[f]; j++) check_include(f, m, inc_to[f, j], inc_line[f, j])
    }
}
# One include of f (module m) at line p, and what it brings in.
function check_include(f, m, target, p,   n, qhead, qtail, q, h, k, x, via, hm, seen, from) {
    nincludes++
    if (target ~ /^</) {
        h = substr(target, 2, length(target) - 2)
        if (!((m, h) in third))
            fail(f ":" p, "module " m " includes " target,
                 third_text(h) == "" \
                     ? "no module may include it; add it to a row of " table " if the project takes it on" \
                     : "only " third_text(h) " may include it (" table "); call that module instead")
        return
    }
    n = module_of(target)
    if (n != "" && !allowed(m, n)) {
        fail(f ":" p, "module " m " includes " show(target) " (module " n ")",
             m " may use " uses_text(m) "; move the code to a module that may use " n \
             ", or pass in what it needs (" table ")")
        return
    }
    # A header of m itself is checked on its own lines.
    if (n == m) return
    # Breadth-first through the headers of another module; a header that breaks
    # its own row is reported at its own line, so only what it may include
    # but m may not is reported here.
    qhead = 1; qtail = 0
    queue[++qtail] = target; seen[target] = 1
    while (qhead <= qtail) {
        h = queue[qhead++]
        hm = module_of(h)
        for (k = 1; k <= ninc[h]; k++) {
            x = inc_to[h, k]
            if (x in seen) continue
            seen[x] = 1
            from[x] = h
            if (x ~ /^</) {
                q = substr(x, 2, length(x) - 2)
                if (!((m, q) in third) && ((hm, q) in third)) {
                    via = chain(target, x, from)
                    fail(f ":" p, "module " m " includes " show(target) ", which brings in " x \
                         " (" via ")",
                         "only " third_text(q) " may include " x "; keep it out of " show(h) \
                         " (a header of its own for the modules that may use it), or do not include " \
                         show(target) " here")
                }
                continue
            }
            n = module_of(x)
            if (n != "" && !allowed(m, n) && allowed(hm, n)) {
                fail(f ":" p, "module " m " includes " show(target) ", which brings in " show(x) \
                     " of module " n " (" chain(target, x, from) ")",
                     m " may use " uses_text(m) "; include a header that does not bring in " \
                     show(x) " (such as mingbai/pack_model.h for the pack model)")
                continue
            }
            queue[++qtail] = x
        }
    }
    split("", queue)
}
function show(f) { return f ~ /^include\// ? substr(f, 9) : f }
function chain(a, x, from,   s) {
    s = show(x)
    while (x != a) { x = from[x]; s = show(x) " -> " s }
    return s
}

# ---------------- (b) CMake link lines ----------------
function check_cmake(   line, n, stmt, start, depth, i, t, k, tgt, m, dep, c, open) {
    n = 0; stmt = ""; open = 0
    while ((getline line < cmake) > 0) {
        n++
        sub(/#.*/, "", line)
        if (match(line, /mingbai_module\([a-z_]+/)) has_target[substr(line, RSTART + 15, RLENGTH - 15)] = 1
        if (!open && line ~ /target_link_libraries\(/) { open = 1; stmt = ""; start = n; depth = 0 }
        if (!open) continue
        stmt = stmt " " line
        c = line; depth += gsub(/\(/, "(", c); c = line; depth -= gsub(/\)/, ")", c)
        if (depth > 0) continue
        open = 0
        sub(/.*target_link_libraries\(/, "", stmt); sub(/\).*/, "", stmt)
        k = split(stmt, t, /[ \t]+/)
        tgt = ""
        for (i = 1; i <= k; i++) {
            if (t[i] == "") continue
            if (tgt == "") {
                tgt = t[i]
                m = tgt == "mingbai" ? "program" : substr(tgt, 9)
                if (tgt ~ /^mingbai(_[a-z_]+)?$/ && !(m in link_line)) link_line[m] = start
                continue
            }
            if (tgt !~ /^mingbai(_[a-z_]+)?$/ || t[i] !~ /^mingbai_[a-z_]+$/) continue
            dep = substr(t[i], 9)
            nlinks++
            links[m, dep] = 1
            if (!(m in is_row))
                fail(cmake ":" start, tgt " has no row in " table, "add module " m " to the table")
            else if (!(dep in is_row))
                fail(cmake ":" start, tgt " links " t[i] ", which has no row in " table,
                     "add module " dep " to the table, or drop the link")
            else if (!allowed(m, dep))
                fail(cmake ":" start, tgt " links " t[i] ", but " m " may not use " dep,
                     "link only " uses_text(m) " (" table "), or change the table with the design")
        }
    }
    close(cmake)
    for (i = 1; i <= nrows; i++)
        if (rows[i] != "program" && !(rows[i] in has_target))
            fail(table ":" row_line[rows[i]], "module " rows[i] " has no mingbai_module(" rows[i] \
                 ") in " cmake, "add the library to " cmake ", or remove the row")
}

# ---------------- (c) calls between files ----------------
function check_objects(   line, tab, loc, pre, obj, rest, k, f, type, sym, tgt, src, m,
                          i, a, b, key, n, at, df, s, verb) {
    while ((getline line < nm_out) > 0) {
        tab = index(line, "\t")
        loc = tab ? rel(substr(line, tab + 1)) : ""
        pre = tab ? substr(line, 1, tab - 1) : line
        k = index(pre, ".o:")
        if (!k) continue
        obj = substr(pre, 1, k + 1)
        rest = substr(pre, k + 3)
        n = split(rest, f, /[ \t]+/)
        if (f[1] == "") { for (i = 1; i < n; i++) f[i] = f[i + 1]; n-- }
        type = n == 3 ? f[2] : f[1]
        sym = f[n]
        if (!(obj in obj_src)) {
            src = obj; sub(/^CMakeFiles\/[^\/]*\.dir\//, "", src); sub(/\.o$/, "", src)
            tgt = obj; sub(/^CMakeFiles\//, "", tgt); sub(/\.dir\/.*/, "", tgt)
            obj_src[obj] = src
            m = tgt == "mingbai" ? "program" : substr(tgt, 9)
            # The table is the rule; a file it does not place keeps its target.
            file_mod[src] = module_of(src) != "" ? module_of(src) : m
            nodes[++nnodes] = src
            nobjects++
            if (module_of(src) != "" && module_of(src) != m)
                fail(src ":1", "built into " tgt ", but " table " puts it in " module_of(src),
                     "make the files of mingbai_module(" m ") in " cmake " and the row in " table " agree")
        }
        src = obj_src[obj]
        if (type == "U") {
            nuse++; use_src[nuse] = src; use_sym[nuse] = sym
            use_loc[nuse] = loc
        } else if (type ~ /^[A-Z]$/ && type != "U") {
            def_src[sym] = src
            def_loc[sym] = loc
            def_kind[sym] = type
        }
    }
    close(nm_out)
    for (i = 1; i <= nuse; i++) {
        sym = use_sym[i]
        if (!(sym in def_src)) continue
        a = use_src[i]; b = def_src[sym]
        if (a == b) continue
        ncalls++
        at = use_loc[i] != "" ? use_loc[i] : a ":" line_of(a, sym)
        df = def_loc[sym] != "" ? def_loc[sym] : b
        key = a SUBSEP b
        if (!(key in edge_n)) {
            out_n[a]++; out_to[a, out_n[a]] = b
            edge_at[key] = at; edge_sym[key] = sym; edge_def[key] = df
        }
        edge_n[key]++
        m = file_mod[a]; n = file_mod[b]
        if (m == n) continue
        verb = def_kind[sym] ~ /[TtWw]/ ? "calls" : "uses"
        if (!allowed(m, n)) {
            # One message per calling file and module it may not use.
            key = a SUBSEP n
            if (!(key in bad_n)) {
                bad_order[++nbad] = key
                bad_at[key] = at; bad_what[key] = verb " " sym " (" df ")"
                bad_syms[key] = sym
            }
            bad_n[key]++
        } else if (!((m, n) in links) && !((m, n) in said_link)) {
            said_link[m, n] = 1
            fail(cmake ":" (m in link_line ? link_line[m] : 1),
                 (m == "program" ? "mingbai" : "mingbai_" m) " does not link mingbai_" n \
                 ", but " at " " verb " " sym " (" df ")",
                 "add mingbai_" n " to target_link_libraries(" (m == "program" ? "mingbai" : "mingbai_" m) \
                 " ...), so that the link line says what the module uses")
        }
    }
    for (i = 1; i <= nbad; i++) {
        key = bad_order[i]
        split(key, f, SUBSEP)
        m = file_mod[f[1]]; n = f[2]
        fail(bad_at[key], "module " m " " bad_what[key] \
             (bad_n[key] > 1 ? " and " (bad_n[key] - 1) " more" : "") " of module " n,
             m " may use " uses_text(m) " (" table "); move " bad_syms[key] \
             " down into a module " m " may use, or pass it in from above as a function pointer")
    }
    for (i = 1; i <= nnodes; i++) if (!(nodes[i] in idx)) strong(nodes[i])
    for (i = 1; i <= nnodes; i++) {
        s = comp[nodes[i]]
        if (comp_size[s] < 2 || (s in reported)) continue
        reported[s] = 1
        report_cycle(s)
    }
}
# Tarjan: strongly connected components of the call graph.
function strong(v,   k, w) {
    idx[v] = low[v] = ++counter
    stack[++sp] = v; on_stack[v] = 1
    for (k = 1; k <= out_n[v]; k++) {
        w = out_to[v, k]
        if (!(w in idx)) { strong(w); if (low[w] < low[v]) low[v] = low[w] }
        else if (on_stack[w] && idx[w] < low[v]) low[v] = idx[w]
    }
    if (low[v] == idx[v]) {
        ncomp++
        do {
            w = stack[sp--]; on_stack[w] = 0
            comp[w] = ncomp; comp_size[ncomp]++
            comp_at[ncomp, comp_size[ncomp]] = w
        } while (w != v)
    }
}
function report_cycle(s,   i, j, a, b, mods, m, nm_, strict, key, path, body, first, more, mlist,
                         thin, ways) {
    nm_ = 0; first = ""
    for (i = comp_size[s]; i >= 1; i--) {
        m = file_mod[comp_at[s, i]]
        if (!(m in mods)) { mods[m] = 1; nm_++; mlist = (nm_ == 1 ? m : mlist ", " m) }
    }
    strict = nm_ > 1 || ((m in strict_mod) && nm_ == 1)
    body = ""
    for (i = comp_size[s]; i >= 1; i--) {
        a = comp_at[s, i]
        for (j = 1; j <= out_n[a]; j++) {
            b = out_to[a, j]
            if (comp[b] != s) continue
            key = a SUBSEP b
            more = edge_n[key] > 1 ? " and " (edge_n[key] - 1) " more" : ""
            body = body "  " edge_at[key] ": calls " edge_sym[key] " (" edge_def[key] ")" more "\n"
            if (first == "") first = edge_at[key]
            if (thin == "" || edge_n[key] < thin) thin = edge_n[key]
        }
    }
    # The thinnest ways round the cycle: the fewest references to move.
    ways = ""
    for (i = comp_size[s]; i >= 1; i--) {
        a = comp_at[s, i]
        for (j = 1; j <= out_n[a]; j++) {
            b = out_to[a, j]
            key = a SUBSEP b
            if (comp[b] != s || edge_n[key] != thin) continue
            ways = ways (ways == "" ? "" : " or ") a " -> " b " (" edge_sym[key] \
                   (thin > 1 ? " and " (thin - 1) " more" : "") ")"
        }
    }
    path = cycle_path(s)
    if (strict) {
        printf "%s: files call each other in a cycle %s: %s\n%s", first,
               (nm_ > 1 ? "across modules " mlist : "inside " mlist), path, body
        printf "Fix: make the calls go one way; the fewest to change: %s. Move those into a " \
               "file below both, or hand them down as function pointers\n", ways
        failures++
    } else {
        printf "info: files of %s call each other: %s\n%s", mlist, path, body
        ninfo++
    }
}
# One cycle through the component: from its first file back to itself.
function cycle_path(s,   start, q, qh, qt, v, k, w, prev, seen, p) {
    start = comp_at[s, comp_size[s]]
    qh = 1; qt = 0
    for (k = 1; k <= out_n[start]; k++) {
        w = out_to[start, k]
        if (comp[w] == s && !(w in seen)) { seen[w] = 1; prev[w] = start; q[++qt] = w }
    }
    while (qh <= qt) {
        v = q[qh++]
        if (v == start) break
        for (k = 1; k <= out_n[v]; k++) {
            w = out_to[v, k]
            if (comp[w] == s && !(w in seen)) { seen[w] = 1; prev[w] = v; q[++qt] = w }
        }
    }
    p = start; v = start
    do { v = prev[v]; p = v " -> " p } while (v != start)
    return p
}

BEGIN {
    n = split(libc_list, t, /[ \t\n]+/)
    for (i = 1; i <= n; i++) libc[t[i]] = 1
    n = split(strict_list, t, " ")
    for (i = 1; i <= n; i++) strict_mod[t[i]] = 1
    if (!read_table()) exit 1
    check_includes()
    check_cmake()
    if (nm_ok) check_objects()
    printf "layers: %d rows of %s; %d files, %d includes, %d links", nrows, table, nfiles,
           nincludes, nlinks
    if (nm_ok) printf ", %d objects, %d references between files", nobjects, ncalls
    printf "; %d problems%s\n", failures, ninfo ? ", " ninfo " cycles inside modules listed as info" : ""
    exit failures ? 1 : (nm_ok ? 0 : 77)
}'
rc=$?
if [ $rc -eq 77 ]; then
  skip "the includes and link lines agree, but the calls were not checked: no objects under" \
       "$build/CMakeFiles/mingbai*.dir or no nm (apt-get install binutils; build first)"
fi
exit $rc
