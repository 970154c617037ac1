# compile part: tests (sanitizer build) and benchmark.  Included from tests/tests.mk.
#
#   make test-compile    diagnostics parser rows + fuzz loop, compile_bpf() end to end, and the
#                        resident compiler against it
#   make bench-compile   median compile time vs. the clang floor

TEST_COMPILE  := $(BUILD)/test/test_compile
TEST_COMPILE_SERVER := $(BUILD)/test/test_compile_server
TEST_COMPILE_PARITY := $(BUILD)/test/test_compile_parity
BENCH_COMPILE := $(BUILD)/bench/bench_compile

.PHONY: test-compile bench-compile

$(TEST_COMPILE): $(call objs,tests/test_compile.c $(COMPILE_SRCS) $(COMPILE_CORE),asan)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ASAN) -o $@ $^ $(LIBS_BPF) -lpthread

$(TEST_COMPILE_SERVER): $(call objs,tests/test_compile_server.c $(COMPILE_SRCS) $(COMPILE_CORE),asan)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ASAN) -o $@ $^ -lpthread

$(TEST_COMPILE_PARITY): $(call objs,tests/test_compile_parity.c $(COMPILE_SRCS) $(COMPILE_CORE),asan)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ASAN) -o $@ $^ -lpthread

test-compile: $(TEST_COMPILE) $(TEST_COMPILE_SERVER) $(TEST_COMPILE_PARITY) $(PCH) $(ZYGOTE_SO) $(ZYGOTE_PRELUDE)
	$(Q)$(TEST_COMPILE) tests/compile
	$(Q)$(TEST_COMPILE_PARITY) tests/compile exercises
	$(Q)$(TEST_COMPILE_SERVER)

$(BENCH_COMPILE): $(call objs,bench/bench_compile.c $(COMPILE_SRCS) $(COMPILE_CORE),obj)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -o $@ $^ -lpthread

bench-compile: $(BENCH_COMPILE) $(PCH) $(ZYGOTE_SO) $(ZYGOTE_PRELUDE)
	$(Q)$(BENCH_COMPILE) 20
