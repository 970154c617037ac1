# guest: bpfdojo-agent, one static binary for host mode and for PID 1 of the micro-VM.
# It links only the core pieces the protocol needs (no jansson in a static PID 1), the
# exercises (workloads run in the guest) and libbpf, all statically.
GUEST_SRCS      := $(wildcard src/guest/*.c)
GUEST_CORE_SRCS := src/core/buf.c src/core/err.c src/core/frame.c src/core/wire.c src/core/proto.c
AGENT           := $(BUILD)/bin/bpfdojo-agent
AGENT_OBJS      := $(call objs,$(GUEST_SRCS) $(GUEST_CORE_SRCS) $(EXERCISES_SRCS),obj) $(EXERCISES_OBJS)

$(AGENT): $(AGENT_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -static $(CFLAGS) $(AGENT_OBJS) $(LIBS_BPF) -o $@

.PHONY: agent
agent: $(AGENT)
all: $(AGENT)
