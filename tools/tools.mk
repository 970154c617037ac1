# tools: build-time generators: the guest kernel (fetch-kernel.sh), btfgen (vmlinux.h from the
# kernel's BTF) and the assembled include directory a learner's program compiles against.
# The precompiled header made from that directory is built in src/compile/part.mk.
#
#   make kernel        download Debian's 6.12 cloud kernel into build/kernel (once)
#   make include       assemble build/include (vmlinux.h, dojo.h, bpf/*.h, errno headers)

TOOLS_BIN   := $(BUILD)/tools
BTFGEN      := $(TOOLS_BIN)/btfgen
ZSTD_OFFSET := $(TOOLS_BIN)/zstd-offset
KERNEL_DIR  := $(BUILD)/kernel
KERNEL_STAMP:= $(KERNEL_DIR)/.stamp
INC_DIR     := $(BUILD)/include
LIBBPF_INC  ?= /usr/include/bpf
UAPI_INC    ?= /usr/include

.PHONY: kernel include tools
tools: $(BTFGEN) $(ZSTD_OFFSET)
kernel: $(KERNEL_STAMP)
include: $(INC_DIR)/.stamp
all: $(INC_DIR)/.stamp

$(BTFGEN): $(call objs,tools/btfgen.c,obj)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -o $@ $^ $(LIBS_BPF)
$(ZSTD_OFFSET): $(call objs,tools/zstd-offset.c,obj)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -o $@ $^

# The download happens once: fetch-kernel.sh returns at once when the stamp exists.
$(KERNEL_STAMP): tools/fetch-kernel.sh | $(ZSTD_OFFSET)
	@mkdir -p $(KERNEL_DIR)
	$(Q)tools/fetch-kernel.sh $(KERNEL_DIR) $(ZSTD_OFFSET)

# The include directory.  Only what does not clash with vmlinux.h: libbpf's BPF-side headers,
# errno numbers (asm/errno.h and linux/errno.h forward to asm-generic, which pulls nothing else).
# dojo.h and the headers it includes (include/ is written by the include part).
INC_DOJO   := $(patsubst include/%,$(INC_DIR)/%,$(wildcard include/*.h))
INC_LIBBPF := bpf_helpers.h bpf_helper_defs.h bpf_tracing.h bpf_core_read.h bpf_endian.h usdt.bpf.h
INC_FILES  := $(INC_DIR)/vmlinux.h $(addprefix $(INC_DIR)/bpf/,$(INC_LIBBPF)) \
	      $(INC_DIR)/asm-generic/errno.h $(INC_DIR)/asm-generic/errno-base.h \
	      $(INC_DIR)/asm/errno.h $(INC_DIR)/linux/errno.h \
	      $(INC_DOJO)

$(INC_DIR)/vmlinux.h: $(KERNEL_STAMP) $(BTFGEN)
	@mkdir -p $(dir $@)
	$(Q)$(BTFGEN) full $(KERNEL_DIR)/vmlinux -o $@
$(INC_DIR)/bpf/%.h: $(LIBBPF_INC)/%.h
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
$(INC_DIR)/asm-generic/%.h: $(UAPI_INC)/asm-generic/%.h
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
$(INC_DIR)/asm/errno.h: tools/tools.mk
	@mkdir -p $(dir $@)
	$(Q)printf '/* bpfdojo: errno numbers without the rest of the UAPI */\n#include <asm-generic/errno.h>\n' >$@
$(INC_DIR)/linux/errno.h: tools/tools.mk
	@mkdir -p $(dir $@)
	$(Q)printf '/* bpfdojo: errno numbers without the rest of the UAPI */\n#include <asm/errno.h>\n' >$@
$(INC_DOJO): $(INC_DIR)/%: include/%
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
$(INC_DIR)/.stamp: $(INC_FILES)
	$(Q)touch $@
