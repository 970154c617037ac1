#!/bin/sh
# install-deps.sh: install what bpfdojo needs on Debian 12 (bookworm), as root: every package
# the build, the tests (make check, make check-fresh) and the benches use, nothing else.
# Idempotent: it says what it adds (apt sources, packages) and installs only what is missing.
#
# Two things are not in a bare `bookworm main` (what debootstrap writes):
#   - libbpf 1.4 and bpftool come from bookworm-backports (bookworm's libbpf 1.1 lacks macros
#     real programs use);
#   - the guest kernel, Debian's linux-image-6.12-cloud-amd64, comes from bookworm-security
#     and the point releases (bookworm-updates).
# Both suites are added from the mirror apt already uses for bookworm, when they are missing.
set -eu

say() { echo "install-deps: $*"; }
die() { echo "install-deps: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run me as root (apt-get needs it)"
export DEBIAN_FRONTEND=noninteractive

KERNEL_META=linux-image-6.12-cloud-amd64
SOURCES=/etc/apt/sources.list.d/bpfdojo.sources

# The suites apt knows, as "URI SUITE" lines (read from the configuration, no network).
suites() { apt-get indextargets --no-release-info --format '$(REPO_URI) $(RELEASE)' 2>/dev/null | sort -u; }
has_suite() { suites | awk -v s="$1" '$2 == s { found = 1 } END { exit !found }'; }

# The mirror that serves bookworm itself, e.g. http://mirror.example/debian/.
mirror=$(suites | awk '$2 == "bookworm" { print $1; exit }')
[ -n "$mirror" ] || die "apt has no source for bookworm; add your Debian mirror's 'bookworm main' to /etc/apt/sources.list and run me again"
mirror=${mirror%/}

# add_suite SUITE URI: one more suite in bpfdojo's own sources file.
add_suite() {
	say "adding apt suite $1 ($2)"
	[ -f "$SOURCES" ] || printf '# added by bpfdojo scripts/install-deps.sh\n' >"$SOURCES"
	printf '\nTypes: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$2" "$1" >>"$SOURCES"
	added=1
}

added=""
has_suite bookworm-backports || add_suite bookworm-backports "$mirror"

# kernel_resolves: does apt know which versioned image the 6.12 cloud meta package wants?
kernel_resolves() { apt-cache depends "$KERNEL_META" 2>/dev/null | grep -q 'Depends: linux-image-6\.12'; }

updated=""
update() { say "apt-get update"; apt-get update -qq; updated=1; }

[ -n "$added" ] && update
if ! kernel_resolves; then
	[ -n "$updated" ] || update
fi
if ! kernel_resolves; then
	# The security archive sits beside the main one on Debian's mirrors (.../debian-security).
	case "$mirror" in
	*/debian) security="$mirror-security" ;;
	*) die "the guest kernel $KERNEL_META is not in your apt sources; add the suites bookworm-updates and bookworm-security of your Debian mirror and run me again" ;;
	esac
	has_suite bookworm-updates || add_suite bookworm-updates "$mirror"
	has_suite bookworm-security || add_suite bookworm-security "$security"
	update
	kernel_resolves || die "the guest kernel $KERNEL_META is still not found after adding bookworm-updates and bookworm-security; check that $mirror and $security answer, then run me again"
fi

# package[/release]: what each is for
PKGS="
build-essential pkg-config make
clang-19 llvm-19
libbpf-dev/bookworm-backports libbpf1/bookworm-backports bpftool/bookworm-backports
libelf-dev zlib1g-dev libzstd-dev liblzma-dev
libjansson-dev libcapstone-dev
libmicrohttpd-dev libcmark-dev libcurl4-openssl-dev curl nginx
bubblewrap systemtap-sdt-dev
zstd xz-utils cpio jq procps
qemu-system-x86 busybox-static
git debootstrap
emscripten chromium
"

missing=""
for p in $PKGS; do
	name=${p%/*}
	rel=${p#*/}
	[ "$rel" = "$p" ] && rel=""
	want=""
	if [ -n "$rel" ]; then
		# installed from the right release? (backports versions contain "bpo")
		v=$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null || true)
		case "$v" in "install ok installed "*bpo*) ;; *) want=1 ;; esac
	else
		dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q 'install ok installed' || want=1
	fi
	[ -n "$want" ] && missing="$missing $p"
done

# the web app is bundled with npm (web/package-lock.json, `npm ci` from make): Debian's node
# and npm, unless an npm is already there (a nodesource node conflicts with Debian's npm)
command -v npm >/dev/null || missing="$missing nodejs npm"

if [ -n "$missing" ]; then
	say "installing$missing"
	[ -n "$updated" ] || update
	apt-get install -y -q --no-install-recommends $missing
else
	say "every package is installed"
fi

# The user `bpfdojo serve` becomes once it has forked its privileged sandbox broker (not
# nobody: qemu runs as nobody, and the server must not be able to signal it).
if ! getent passwd bpfdojo >/dev/null; then
	say "adding the system user bpfdojo (bpfdojo serve runs as it)"
	useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin bpfdojo
fi

# /dev/kvm for the micro-VM sandbox, as Debian's udev rules set it (group kvm, mode 0660), for
# machines without udev (containers).  qemu runs as nobody with the kvm group; whether guests
# really boot under KVM is then decided by a probe boot (bpfdojo doctor shows the result).
if [ -c /dev/kvm ]; then
	getent group kvm >/dev/null || groupadd --system kvm
	chgrp kvm /dev/kvm && chmod 0660 /dev/kvm
fi
