# tools/initramfs.mk: the micro-VM's initramfs (build/kernel/initramfs.cpio): the static agent
# as /init, the workloads' child program as /bin/dojo-child, and the kernel modules the
# catalogue needs, decompressed (tools/mkinitramfs.c).
#
#   make initramfs     build it (needs `make kernel` and the agent)
#
# virtio_mmio carries microvm's virtio bus (the job channel); the rest are what the exercises'
# `needs` files ask for (EXERCISES_GUEST_MODULES, exercises/exercises.mk).  Dependencies come
# from each module's .modinfo.
MKINITRAMFS    := $(TOOLS_BIN)/mkinitramfs
INITRAMFS      := $(KERNEL_DIR)/initramfs.cpio
GUEST_MODULES  := virtio_mmio $(EXERCISES_GUEST_MODULES)
# static binaries the guest's /bin carries: busybox (Debian's busybox-static, in install-deps'
# PKGS) is the playground's shell; its applets run without links (sh's standalone mode);
# dojo-dns (src/guest/dns) answers its lookups on 127.0.0.1:53; and the exercises' own programs
# (EXERCISES_BINS: "bin NAME" in their `needs`), which the agent finds through PATH=/bin
GUEST_BINS     := /bin/busybox $(GUEST_DNS) $(EXERCISES_BINS)

$(MKINITRAMFS): $(call objs,tools/mkinitramfs.c,obj)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -o $@ $^ -llzma

# mkinitramfs(out, agent): one initramfs around @agent
mkinitramfs = $(MKINITRAMFS) -o $(1) --init $(2) --child $(GUEST_CHILD) $(addprefix --bin ,$(GUEST_BINS)) \
	--modules $(KERNEL_DIR)/modules/$$(cat $(KERNEL_DIR)/VERSION) $(GUEST_MODULES)

# every initramfs carries the child and dojo-dns: whoever needs mkinitramfs gets them built first
$(MKINITRAMFS): | $(GUEST_CHILD) $(GUEST_DNS) $(EXERCISES_BINS)

$(INITRAMFS): $(AGENT) $(GUEST_CHILD) $(MKINITRAMFS) $(KERNEL_STAMP) tools/initramfs.mk $(EXERCISES_NEEDS) $(GUEST_BINS)
	$(Q)$(call mkinitramfs,$@,$(AGENT))

.PHONY: initramfs
initramfs: $(INITRAMFS)
all: $(INITRAMFS)
