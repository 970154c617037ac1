#!/bin/sh
# install-deps.sh: install what bpfdojo needs on Debian 12 (bookworm), as root.
# Idempotent: installs only what is missing.  libbpf 1.4 and bpftool come from
# bookworm-backports (bookworm's libbpf 1.1 lacks macros real programs use).
set -eu

if [ "$(id -u)" != 0 ]; then
	echo "install-deps: run me as root (apt-get needs it)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive

if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	cat > /etc/apt/sources.list.d/bookworm-backports.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

# package[/release]: what each is for
PKGS="
build-essential pkg-config make
clang-19 llvm-19
libbpf-dev/bookworm-backports libbpf1/bookworm-backports bpftool/bookworm-backports
libelf-dev zlib1g-dev libzstd-dev
libjansson-dev
bubblewrap
zstd xz-utils cpio jq
qemu-system-x86 busybox-static
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

if [ -n "$missing" ]; then
	echo "install-deps: installing$missing"
	apt-get update -qq
	apt-get install -y -q --no-install-recommends $missing
else
	echo "install-deps: everything is installed"
fi

# /dev/kvm for the micro-VM sandbox, as Debian's udev rules set it (group kvm, mode 0660), for
# machines without udev (containers).  qemu runs as nobody with the kvm group; whether guests
# really boot under KVM is then decided by a probe boot (bpfdojo doctor shows the result).
if [ -c /dev/kvm ]; then
	getent group kvm >/dev/null || groupadd --system kvm
	chgrp kvm /dev/kvm && chmod 0660 /dev/kvm
fi
