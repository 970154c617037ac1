#!/bin/sh
# test_diagrams.sh: every image a lesson references is an SVG in the exercise's folder, shipped
# beside its page in the built web app and drawn inline in that page (tools/webgen).  Also
# checks that at least one lesson has a diagram, so the check cannot pass by finding none.
# Usage: test_diagrams.sh <exercises dir> <build/web dir>
set -u
EX=$1
WEB=$2
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL test_diagrams: $1" >&2; }
for lesson in "$EX"/[0-9]*/[0-9]*/lesson.md; do
	dir=$(dirname "$lesson")
	id=$(basename "$dir" | sed 's/^[0-9]*-//')
	for name in $(sed -n 's/^!\[[^]]*\](\([^)]*\))$/\1/p' "$lesson"); do
		case "$name" in
		*/*|.*|*[!A-Za-z0-9._-]*) bad "$lesson: image '$name' is not a file next to the lesson"; continue ;;
		*.svg) ;;
		*) bad "$lesson: image '$name' is not an .svg"; continue ;;
		esac
		[ -f "$dir/$name" ] && ok || { bad "$lesson: $name is missing"; continue; }
		cmp -s "$dir/$name" "$WEB/ex/$id/$name" && ok || bad "$WEB/ex/$id/$name is not shipped (or stale)"
		grep -q '<figure class="diagram"><svg' "$WEB/ex/$id/index.html" && ok ||
			bad "$WEB/ex/$id/index.html does not draw $name inline"
	done
done
[ "$pass" -ge 3 ] && ok || bad "no lesson has a diagram"
echo "diagrams: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
