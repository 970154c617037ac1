#!/bin/sh
# test_btfgen.sh: btfgen's trimmed headers, the ones the browser checker will use.  A header
# trimmed to a few roots keeps the guard and the CO-RE pragma, defines the roots, refuses
# unknown names, and is enough for the exercises' programs to compile.
# Usage: test_btfgen.sh <btfgen> <vmlinux ELF> <include dir>
set -u
BTFGEN=$1 VMLINUX=$2 INC=$3
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL test_btfgen.sh: $*" >&2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# the common roots, and what each exercise's `needs` file adds ("types ..." lines)
ROOTS="struct:trace_event_raw_sched_process_exec struct:trace_event_raw_sys_enter struct:task_struct enum:bpf_map_type
$(cat exercises/[0-9]*/[0-9]*/needs 2>/dev/null | sed -n 's/^types  *//p')"
mkdir -p "$TMP/inc"
"$BTFGEN" trim "$VMLINUX" -o "$TMP/inc/vmlinux.h" $ROOTS && ok || bad "trim with known roots"
grep -q '#ifndef __VMLINUX_H__' "$TMP/inc/vmlinux.h" && ok || bad "guard is __VMLINUX_H__"
grep -q 'preserve_access_index' "$TMP/inc/vmlinux.h" && ok || bad "CO-RE pragma"
grep -q '^struct trace_event_raw_sched_process_exec {' "$TMP/inc/vmlinux.h" && ok || bad "root defined"
grep -q '__u32;' "$TMP/inc/vmlinux.h" && ok || bad "base typedefs present"
full=$(wc -c < "$INC/vmlinux.h")
trim=$(wc -c < "$TMP/inc/vmlinux.h")
[ "$trim" -lt $((full / 10)) ] && ok || bad "trimmed header is small ($trim of $full bytes)"

"$BTFGEN" trim "$VMLINUX" -o "$TMP/none.h" struct:no_such_struct_here 2>"$TMP/err"
[ $? -ne 0 ] && ok || bad "unknown root is an error"
[ ! -e "$TMP/none.h" ] && ok || bad "nothing written for an unknown root"
grep -q 'no_such_struct_here' "$TMP/err" && ok || bad "the error names the type"

# the exercises' programs compile against the trimmed header
# (with the errno headers the include directory has: libbpf's usdt.bpf.h includes linux/errno.h)
cp -r "$INC/bpf" "$INC"/dojo*.h "$INC/asm" "$INC/asm-generic" "$INC/linux" "$TMP/inc/"
for f in $(find exercises -name 'solution.bpf.c'); do
	clang-19 -target bpf -O2 -g -D__TARGET_ARCH_x86 -nostdinc -I"$TMP/inc" -fsyntax-only "$f" \
		&& ok || bad "$f compiles against the trimmed header"
done
echo "btfgen: $pass passed, $fail failed"
[ "$fail" = 0 ]
