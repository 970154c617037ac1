#!/bin/sh
# check-fresh.sh: the README's two commands on a fresh Debian 12 machine, as a newcomer meets
# them.  Builds a minbase root with debootstrap (only 'bookworm main' in its apt sources, plus
# git and ca-certificates), clones the current commit into it in root's home, in a folder whose
# name has a space, enters it, and runs ./quickstart, then make check, then the benches briefly
# (so every tool they call is proven too).  Fails with the step and
# the missing piece named.  Run as root (make check-fresh); prints "fresh: N passed, N failed".
#
# How the root is entered, and why (each was a trap measured on this machine):
#   - a mount and pid namespace with pivot_root, not chroot: the kernel refuses user namespaces
#     (which bubblewrap, the compile jail, needs) to a chrooted process;
#   - the root directory is 0755: qemu runs as nobody, who must be able to walk '/';
#   - a /dev of its own (a tmpfs with fresh device nodes and its own /dev/shm), so what the
#     install does to /dev/kvm stays in the test;
#   - /usr/sbin/policy-rc.d refuses to start services, as in any image build: a package's
#     postinst must not start a daemon on this machine's network;
#   - the pid namespace ends every process of the test with it.
# Cached under build/fresh/ so a second run is quick: the debootstrap tarball and the .deb files
# apt downloads (only downloads: every package is installed anew in every run).
#
# Environment: FRESH_KEEP=1 keeps the root afterwards (build/fresh/root) for a look inside.
set -u

[ "$(id -u)" = 0 ] || { echo "check-fresh: run me as root (debootstrap, mount namespaces)" >&2; exit 1; }
project=$(pwd)
[ -d .git ] && [ -f quickstart ] || { echo "check-fresh: run me from the project's root" >&2; exit 1; }

work="$project/build/fresh"
root="$work/root"
tarball="$work/bookworm-minbase.tgz"
debs="$work/apt-archives"
logs="$work/logs"
project_name="bpf dojo"          # in root's home (0700) and with a space: both broke before
include=git,ca-certificates
pass=0
fail=0

step_ok() { pass=$((pass + 1)); echo "check-fresh: ok: $1"; }
# step_failed NAME LOG: say which step failed and show what is missing, then stop.
step_failed() {
	fail=$((fail + 1))
	echo "check-fresh: FAILED: $1 (whole log: $2)" >&2
	missing=$(grep -E 'fatal error: .*No such file|command not found|: not found|Unable to locate package|cannot resolve|No such file or directory|^FAIL|failing suites' "$2" | head -n 8 || true)
	if [ -n "$missing" ]; then
		echo "check-fresh: what is missing:" >&2
		printf '%s\n' "$missing" | sed 's/^/    /' >&2
	fi
	echo "check-fresh: last lines:" >&2
	tail -n 15 "$2" | sed 's/^/    /' >&2
	echo "fresh: $pass passed, $fail failed"
	exit 1
}

mirror=$(apt-get indextargets --no-release-info --format '$(REPO_URI) $(RELEASE)' 2>/dev/null |
	 awk '$2 == "bookworm" { print $1; exit }')
[ -n "$mirror" ] || { echo "check-fresh: this machine's apt has no bookworm source to take the mirror from" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "check-fresh: debootstrap is missing: run scripts/install-deps.sh" >&2; exit 1; }
command -v git >/dev/null || { echo "check-fresh: git is missing: run scripts/install-deps.sh" >&2; exit 1; }
commit=$(git rev-parse HEAD)

mkdir -p "$work" "$debs" "$logs"
if [ ! -s "$tarball" ]; then
	echo "check-fresh: downloading a bookworm minbase into $tarball (once)"
	rm -rf "$work/tarball-root"
	debootstrap --variant=minbase --include=$include --make-tarball="$tarball.part" \
		bookworm "$work/tarball-root" "$mirror" >"$logs/debootstrap.log" 2>&1 ||
		step_failed "debootstrap --make-tarball" "$logs/debootstrap.log"
	rm -rf "$work/tarball-root"
	mv "$tarball.part" "$tarball"
fi

start=$(date +%s)
rm -rf "$root"
mkdir -p "$root"
chmod 0755 "$root"
debootstrap --variant=minbase --include=$include --unpack-tarball="$tarball" \
	bookworm "$root" "$mirror" >"$logs/debootstrap.log" 2>&1 ||
	step_failed "debootstrap of a minbase root" "$logs/debootstrap.log"
printf '#!/bin/sh\n# check-fresh: no service starts inside the test root\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
cp /etc/resolv.conf "$root/etc/resolv.conf"
# The network as this machine sees it: its resolver, and the certificate authorities its admin
# added (a TLS-inspecting proxy's, say), without which npm's registry fails the TLS handshake.
# A real machine behind such a proxy has them installed too; Debian's own set comes with the root.
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
	cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
	chroot "$root" update-ca-certificates >>"$logs/debootstrap.log" 2>&1 ||
		step_failed "adding this machine's certificate authorities" "$logs/debootstrap.log"
fi
step_ok "a fresh minbase root ($(cat "$root/etc/debian_version"), apt sources: $(grep -h '^deb ' "$root/etc/apt/sources.list" | tr '\n' ' '))"

# The current commit, cloned as a newcomer would clone it (no build/, no untracked files).
# the new root's own home of root, as its /etc/passwd says (on Debian, mode 0700)
inside="$(awk -F: '$1 == "root" { print $6 }' "$root/etc/passwd")/$project_name"
mkdir -p "$root$inside"
rmdir "$root$inside"
git clone -q --no-hardlinks "$project" "$root$inside" && git -C "$root$inside" checkout -q "$commit" ||
	{ echo "check-fresh: cannot clone $commit" >&2; exit 1; }

# Both commands run in one entry, so what the first did to the root (its /dev/kvm) is there
# for the second, as on a real machine.  Each writes its log and the time it took, in seconds,
# under /var/log/check-fresh inside the root.
unshare --mount --pid --fork --propagation private sh -s "$root" "$debs" "$inside" >"$logs/enter.log" 2>&1 <<'ENTER'
set -eu
root=$1 debs=$2 inside=$3
mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount -t tmpfs -o mode=0755,nosuid tmpfs "$root/dev"
for n in "null 1 3" "zero 1 5" "full 1 7" "random 1 8" "urandom 1 9" "tty 5 0"; do
	set -- $n
	mknod -m 0666 "$root/dev/$1" c "$2" "$3"
done
# /dev/kvm as a fresh node (root only, as a machine without udev has it): the install sets its
# group and mode; the real machine's node is not touched.
[ -c /dev/kvm ] && mknod -m 0600 "$root/dev/kvm" c 10 232
mkdir -p "$root/dev/shm" "$root/dev/pts"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
mount --bind "$debs" "$root/var/cache/apt/archives"
cd "$root"
mkdir -p .old-root
pivot_root . .old-root
umount -l /.old-root
rmdir /.old-root
mkdir -p /var/log/check-fresh
cd "$inside"
# the two commands, in a clean environment, each timed
exec env -i HOME="${inside%/*}" USER=root LOGNAME=root TERM=dumb LANG=C.UTF-8 \
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	CI="${CI:-}" DEBIAN_FRONTEND=noninteractive sh -c '
	L=/var/log/check-fresh
	t=$(date +%s); ./quickstart >$L/quickstart.log 2>&1 </dev/null; rc=$?
	echo $(( $(date +%s) - t )) >$L/quickstart.s
	[ $rc = 0 ] || exit 10
	t=$(date +%s); make check >$L/check.log 2>&1 </dev/null; rc=$?
	echo $(( $(date +%s) - t )) >$L/check.s
	[ $rc = 0 ] || exit 11
	# the benches, short: every tool they call must be there too
	t=$(date +%s); make bench-compile bench-run bench-vm bench-server BENCH_VM_ARGS="3 5 2 1" BENCH_SERVER_ARGS="2 5 vm 3" >$L/bench.log 2>&1 </dev/null; rc=$?
	echo $(( $(date +%s) - t )) >$L/bench.s
	[ $rc = 0 ] || exit 12'
ENTER
rc=$?
in="$root/var/log/check-fresh"
for f in quickstart.log check.log bench.log; do [ -f "$in/$f" ] && cp "$in/$f" "$logs/$f"; done
tq=$(cat "$in/quickstart.s" 2>/dev/null || echo '?')
tc=$(cat "$in/check.s" 2>/dev/null || echo '?')
tb=$(cat "$in/bench.s" 2>/dev/null || echo '?')
case $rc in
0|11|12) ;;
10) step_failed "./quickstart (install, build, first run)" "$logs/quickstart.log" ;;
*) step_failed "entering the fresh root (exit $rc)" "$logs/enter.log" ;;
esac
step_ok "./quickstart installed, built and ran ($tq s)"
grep -q 'verdict *CORRECT' "$logs/quickstart.log" || step_failed "./quickstart's first run is CORRECT" "$logs/quickstart.log"
step_ok "./quickstart's first exercise: CORRECT"
[ $rc = 11 ] && step_failed "make check" "$logs/check.log"
step_ok "make check: $(tail -n 1 "$logs/check.log") ($tc s)"
[ $rc = 12 ] && step_failed "the benches (short runs)" "$logs/bench.log"
step_ok "the benches run ($tb s)"

[ -n "${FRESH_KEEP:-}" ] || rm -rf "$root"
echo "check-fresh: ${commit%"${commit#????????????}"} on a fresh bookworm in $(( $(date +%s) - start )) s (quickstart $tq s, make check $tc s, benches $tb s)"
echo "fresh: $pass passed, $fail failed"
