# tests of the frame codec (pure), and of the sandbox's host backend with the real agent
# (needs root and BPF).  Included from tests/tests.mk.
#
#   make check-frame      unit tests of core/frame.c, wire.c, proto.c (ASan)
#   make check-guest-chan the agent's wait for its JOB (spinning, SAVE, late JOBs; ASan)
#   make check-load-deadline  the agent's load deadline and its graces (ASan)
#   make check-sandbox    host-mode runs of small BPF fixtures (root; ASan)

FRAME_TEST_CORE   := src/core/buf.c src/core/clock.c src/core/err.c src/core/frame.c src/core/wire.c src/core/proto.c
TEST_FRAME        := $(BUILD)/test/test_frame
TEST_SANDBOX      := $(BUILD)/test/test_sandbox
TEST_GUEST_CHAN   := $(BUILD)/test/test_guest_chan
TEST_LOAD_DEADLINE := $(BUILD)/test/test_load_deadline

$(TEST_FRAME): $(call objs,tests/test_frame.c $(FRAME_TEST_CORE),asan)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ -o $@

# the agent's end of the channel (src/guest/chan.c), over socketpairs
$(TEST_GUEST_CHAN): $(call objs,tests/test_guest_chan.c src/guest/chan.c $(FRAME_TEST_CORE),asan)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ -lpthread -o $@

$(TEST_LOAD_DEADLINE): $(call objs,tests/test_load_deadline.c src/guest/load_deadline.c,asan)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ -o $@

# BPF fixtures, built against the guest kernel's headers (build/include) like a learner's code
SANDBOX_FIXTURES  := $(patsubst tests/sandbox/%.bpf.c,$(BUILD)/test/sandbox/%.bpf.o,$(wildcard tests/sandbox/*.bpf.c))
$(BUILD)/test/sandbox/%.bpf.o: tests/sandbox/%.bpf.c $(BUILD)/include/vmlinux.h include/dojo.h include/dojo_record.h
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) -target bpf -O2 -g -D__TARGET_ARCH_x86 -I$(BUILD)/include -Iinclude -c $< -o $@

$(TEST_SANDBOX): $(call objs,tests/test_sandbox.c $(SANDBOX_SRCS) $(CORE_SRCS),asan)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ $(LIBS_JSON) -lpthread -o $@

.PHONY: check-frame check-guest-chan check-load-deadline check-sandbox
check-frame: $(TEST_FRAME)
	$(TEST_FRAME)
check-guest-chan: $(TEST_GUEST_CHAN)
	$(TEST_GUEST_CHAN)
check-load-deadline: $(TEST_LOAD_DEADLINE)
	$(TEST_LOAD_DEADLINE)
check-sandbox: $(TEST_SANDBOX) $(AGENT) $(SANDBOX_FIXTURES)
	$(TEST_SANDBOX)
check-unit: check-frame check-guest-chan check-load-deadline
check-host: check-sandbox
