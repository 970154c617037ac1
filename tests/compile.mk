# compile part: tests (sanitizer build) and benchmark.  Included from tests/tests.mk.
#
#   make test-compile    diagnostics parser rows + fuzz loop, compile_bpf() end to end
#   make bench-compile   median compile time vs. the clang floor

TEST_COMPILE  := $(BUILD)/test/test_compile
BENCH_COMPILE := $(BUILD)/bench/bench_compile

.PHONY: test-compile bench-compile

$(TEST_COMPILE): $(call objs,tests/test_compile.c $(COMPILE_SRCS) $(COMPILE_CORE),asan)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ASAN) -o $@ $^

test-compile: $(TEST_COMPILE) $(PCH)
	$(Q)$(TEST_COMPILE) tests/compile

$(BENCH_COMPILE): $(call objs,bench/bench_compile.c $(COMPILE_SRCS) $(COMPILE_CORE),obj)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -o $@ $^

bench-compile: $(BENCH_COMPILE) $(PCH)
	$(Q)$(BENCH_COMPILE) 20
