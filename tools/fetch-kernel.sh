#!/bin/sh
# fetch-kernel.sh: download Debian's 6.12 cloud kernel (the guest kernel) into OUT (build/kernel):
# vmlinuz, lib/modules/<ver>, VERSION and the uncompressed ELF vmlinux (whose .BTF btfgen reads).
# Usage: fetch-kernel.sh OUT ZSTD_OFFSET_TOOL.  Idempotent: does nothing if OUT/.stamp exists.
set -eu

out=$1
zoff=$2
meta=${KERNEL_META:-linux-image-6.12-cloud-amd64}

[ -f "$out/.stamp" ] && exit 0

# The meta package depends on exactly one versioned image, e.g. linux-image-6.12.117+deb12-cloud-amd64.
pkg=$(apt-cache depends "$meta" 2>/dev/null | sed -n 's/^ *Depends: *\(linux-image-6\.12\.[^ ]*-cloud-amd64\)$/\1/p' | head -n 1)
if [ -z "$pkg" ]; then
	echo "fetch-kernel: apt cannot resolve $meta; run scripts/install-deps.sh (it adds bookworm-security and bookworm-updates, where Debian ships the 6.12 kernel, and runs apt-get update)" >&2
	exit 1
fi
ver=${pkg#linux-image-}

tmp="$out/.tmp"
rm -rf "$tmp"
mkdir -p "$tmp/root"
# apt-get download drops privileges to _apt, who may not reach the project's folder (a checkout
# under /root is 0700): download into a directory of its own under the system's temp dir.
dl=$(mktemp -d)
trap 'rm -rf "$dl"' EXIT
chmod 0777 "$dl"
(cd "$dl" && apt-get download -q "$pkg" >/dev/null)
deb=$(ls "$dl"/*.deb | head -n 1)
dpkg -x "$deb" "$tmp/root"

rm -rf "$out/vmlinuz" "$out/modules" "$out/vmlinux" "$out/VERSION"
cp "$tmp/root/boot/vmlinuz-$ver" "$out/vmlinuz"
mkdir -p "$out/modules"
mv "$tmp/root/lib/modules/$ver" "$out/modules/$ver"

# vmlinuz is a bzImage whose payload is a zstd frame; zstd warns about the trailing data after the
# frame (the rest of the setup blob) but writes the complete ELF.
off=$("$zoff" "$out/vmlinuz")
tail -c +"$((off + 1))" "$out/vmlinuz" | zstd -dcq 2>/dev/null >"$out/vmlinux.part" || true
if [ "$(head -c 4 "$out/vmlinux.part" | od -An -c | tr -d ' ')" != "177ELF" ]; then
	echo "fetch-kernel: no ELF found in the zstd payload of $out/vmlinuz" >&2
	exit 1
fi
mv "$out/vmlinux.part" "$out/vmlinux"
echo "$ver" >"$out/VERSION"
rm -rf "$tmp"
touch "$out/.stamp"
