#!/bin/sh
# fetch-tcc.sh: Debian's TCC source package, unpacked into DEST, through a private apt sources
# list (a deb-src line for the mirror apt already uses for bookworm), so the machine's apt
# configuration is never touched.  Idempotent: nothing is fetched when DEST already holds it.
# Usage: fetch-tcc.sh DEST   (DEST ends up holding tcc's tree: DEST/tccgen.c, ...)
set -eu
DEST=$1
VERSION=0.9.27+git20200814.62c30a4a-1   # the patches in web/checker/ are made against this one
die() { echo "fetch-tcc: $*" >&2; exit 1; }

[ -f "$DEST/tccgen.c" ] && exit 0
WORK=$DEST.fetch
rm -rf "$WORK"
mkdir -p "$WORK/lists/partial" "$WORK/src"

# the mirror that serves bookworm itself, as scripts/install-deps.sh finds it (no network)
mirror=$(apt-get indextargets --no-release-info --format '$(REPO_URI) $(RELEASE)' 2>/dev/null |
	awk '$2 == "bookworm" { print $1; exit }')
[ -n "$mirror" ] || die "apt has no source for bookworm; add your Debian mirror's 'bookworm main' to /etc/apt/sources.list"
printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s bookworm main\n' "$mirror" >"$WORK/sources.list"

W=$(cd "$WORK" && pwd)
set -- -o Dir::Etc::SourceList="$W/sources.list" -o Dir::Etc::SourceParts=/dev/null \
	-o Dir::State::Lists="$W/lists" -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
	-o APT::Sandbox::User=root
echo "fetch-tcc: tcc $VERSION source from $mirror"
apt-get -qq "$@" update || die "apt-get update of the private deb-src list failed (is $mirror reachable?)"
(cd "$W/src" && apt-get -qq "$@" source "tcc=$VERSION") || die "apt-get source tcc=$VERSION failed"
tree=$(find "$W/src" -mindepth 1 -maxdepth 1 -type d | head -n 1)
[ -f "$tree/tccgen.c" ] || die "the unpacked source has no tccgen.c"
rm -rf "$DEST"
mv "$tree" "$DEST"
rm -rf "$WORK"
