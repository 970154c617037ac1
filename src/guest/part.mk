# guest: bpfdojo-agent, one static binary for host mode and for PID 1 of the micro-VM.
# It links only the core pieces the protocol needs (no jansson in a static PID 1), the
# exercises (workloads run in the guest) and libbpf, all statically.  The micro-VM's agent
# parses the kernel's BTF once before its snapshot: libbpf's btf__load_vmlinux_btf() and
# btf__free() are wrapped (src/guest/vm.c), and a small warm-up object is embedded.
# bpfdojo-child (src/guest/child/child.c) is what workloads exec: freestanding, no libc, a
# few hundred bytes of code, so an exec costs little under TCG (the agent itself can still
# play the child, with DOJO_CHILD set).
GUEST_SRCS      := $(filter-out %.bpf.c,$(wildcard src/guest/*.c))
GUEST_CORE_SRCS := src/core/buf.c src/core/clock.c src/core/err.c src/core/frame.c src/core/wire.c src/core/proto.c
AGENT           := $(BUILD)/bin/bpfdojo-agent
GUEST_WARM_OBJ  := $(BUILD)/gen/guest/warm.bpf.o
GUEST_WARM_S    := $(BUILD)/gen/guest/warm_embed.S
GUEST_WARM_O    := $(BUILD)/obj/gen/guest/warm_embed.o
AGENT_OBJS      := $(call objs,$(GUEST_SRCS) $(GUEST_CORE_SRCS) $(EXERCISES_SRCS),obj) $(EXERCISES_OBJS) \
		   $(GUEST_WARM_O)
AGENT_LDFLAGS   := -Wl,--wrap=btf__load_vmlinux_btf -Wl,--wrap=btf__free
GUEST_CHILD     := $(BUILD)/bin/bpfdojo-child
GUEST_CHILD_FLAGS := -O2 -static -nostdlib -ffreestanding -fno-stack-protector -fno-pie -no-pie \
		   -fno-asynchronous-unwind-tables -fcf-protection=none -Wl,--build-id=none \
		   -Wl,-z,noexecstack -Wl,-z,norelro -s

$(GUEST_CHILD): src/guest/child/child.c src/guest/part.mk
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(GUEST_CHILD_FLAGS) $(WARN) $< -o $@

$(GUEST_WARM_OBJ): src/guest/warm.bpf.c $(INC_DIR)/.stamp
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) -target bpf -O2 -g -Wall -Werror -D__TARGET_ARCH_x86 -I$(INC_DIR) -c $< -o $@
$(GUEST_WARM_S): src/guest/part.mk
	@mkdir -p $(dir $@)
	$(Q)printf '\t.section .rodata\n\t.balign 8\n\t.globl guest_warm_obj\nguest_warm_obj:\n\t.incbin "%s"\n\t.globl guest_warm_obj_end\nguest_warm_obj_end:\n\t.section .note.GNU-stack,"",@progbits\n' '$(GUEST_WARM_OBJ)' >$@
$(GUEST_WARM_O): $(GUEST_WARM_S) $(GUEST_WARM_OBJ)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -c $< -o $@

$(AGENT): $(AGENT_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -static $(CFLAGS) $(AGENT_LDFLAGS) $(AGENT_OBJS) $(LIBS_BPF) -o $@

.PHONY: agent
agent: $(AGENT) $(GUEST_CHILD)
all: $(AGENT) $(GUEST_CHILD)

# dojo-dns (src/guest/dns): the playground guest's DNS responder on 127.0.0.1:53, static, in
# the initramfs's /bin (GUEST_BINS, tools/initramfs.mk)
GUEST_DNS := $(BUILD)/bin/dojo-dns
$(GUEST_DNS): $(call objs,src/guest/dns/main.c src/guest/dns/dns.c,obj)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -static $(CFLAGS) $^ -o $@
all: $(GUEST_DNS)
