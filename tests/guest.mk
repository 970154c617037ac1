# tests of the frame codec (pure), and of the sandbox's host backend with the real agent
# (needs root and BPF).  Included from tests/tests.mk.
#
#   make check-frame      unit tests of core/frame.c, wire.c, proto.c (ASan)
#   make check-sandbox    host-mode runs of small BPF fixtures (root; ASan)

FRAME_TEST_CORE   := src/core/buf.c src/core/err.c src/core/frame.c src/core/wire.c src/core/proto.c
TEST_FRAME        := $(BUILD)/test/test_frame
TEST_SANDBOX      := $(BUILD)/test/test_sandbox

$(TEST_FRAME): $(call objs,tests/test_frame.c $(FRAME_TEST_CORE),asan)
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

.PHONY: check-frame check-sandbox
check-frame: $(TEST_FRAME)
	$(TEST_FRAME)
check-sandbox: $(TEST_SANDBOX) $(AGENT) $(SANDBOX_FIXTURES)
	$(TEST_SANDBOX)
check-unit: check-frame
check-host: check-sandbox
