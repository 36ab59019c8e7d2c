#!/bin/sh
# The man.lint test: check_lint.sh PAGE... (built roff pages).
# Fails when mandoc -Tlint (at level warning and above) or groff (all warnings) says anything
# about a page, except the three paragraph-macro warnings that scdoc's output always draws
# (an empty .P before a block, a .P right after .SH or .SS): they change nothing on screen.
# mandoc's exit status alone cannot tell those from real problems, so its output is read.
# MANDOC and GROFF may name the programs (CMake passes the ones it found).
set -u
mandoc=${MANDOC:-mandoc}
groff=${GROFF:-groff}
scdoc_noise='WARNING: skipping paragraph macro: PP (empty|after SH|after SS)$'
status=0
[ $# -gt 0 ] || { echo "usage: check_lint.sh PAGE..." >&2; exit 2; }
for page in "$@"; do
  if [ ! -s "$page" ]; then
    echo "$page: missing or empty (build the 'man' target first)"
    status=1
    continue
  fi
  # mandoc exits 5 or 6 when it could not run at all: that must not pass as "no output".
  lint=$("$mandoc" -Tlint -W warning "$page" 2>&1)
  code=$?
  problems=$(printf '%s\n' "$lint" | grep -Ev "$scdoc_noise" | grep -v '^$')
  if [ "$code" -ge 5 ]; then
    echo "$page: mandoc failed (exit $code): $lint"
    status=1
  elif [ -n "$problems" ]; then
    printf '%s\n' "$problems"
    status=1
  fi
  # scdoc leaves an unclosed *bold* or _underline_ open to the end of the paragraph, which
  # neither mandoc nor groff reports: a font must be back to roman before the next macro.
  open_fonts=$(awk '
    /^[.\x27]/ {
      if (font != "") printf "%s:%d: \\f%s still open here (unclosed * or _ in the scdoc source?)\n", FILENAME, FNR, font
      font = ""; next
    }
    {
      line = $0; gsub(/\\\\/, "", line)
      while (match(line, /\\f[BIRP]/)) {
        f = substr(line, RSTART + 2, 1); font = (f == "R" || f == "P") ? "" : f
        line = substr(line, RSTART + RLENGTH)
      }
    }
    END { if (font != "") printf "%s: \\f%s still open at the end\n", FILENAME, font }' "$page")
  if [ -n "$open_fonts" ]; then
    printf '%s\n' "$open_fonts"
    status=1
  fi
  # groff is what man(1) uses on Debian: its warnings (-ww: all of them) count too.
  # -k runs preconv, as man does, so UTF-8 text (Chinese examples) is read correctly.
  warnings=$("$groff" -k -man -Tutf8 -ww -z "$page" 2>&1)
  if [ -n "$warnings" ]; then
    printf '%s: groff: %s\n' "$page" "$warnings"
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "ok: $# page(s) lint clean"
exit "$status"
