#!/bin/sh
# Builds one man page from its scdoc source: build_page.sh SCDOC VERSION SOURCE OUTPUT
# - "@CRM_VERSION@" on the first line (the page's footer) becomes VERSION;
# - scdoc writes .nh before .TH, and .TH turns hyphenation back on: repeat .nh after it,
#   so that option names and words are not split at line ends;
# - OUTPUT appears only when everything worked (a failed build leaves no stale page).
set -eu
scdoc=$1 version=$2 source=$3 output=$4
tmp="$output.tmp"
trap 'rm -f "$tmp.scd" "$tmp.roff" "$tmp"' EXIT
sed "1s/@CRM_VERSION@/$version/" "$source" > "$tmp.scd"
"$scdoc" < "$tmp.scd" > "$tmp.roff"
awk '{ print } /^\.TH / { print ".nh" }' "$tmp.roff" > "$tmp"
mv "$tmp" "$output"
