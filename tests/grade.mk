# tests of exercises/ and src/grade/ (included from tests/tests.mk).
#
#   make check-exercises check-grade              normal build
#   make check-exercises-asan check-grade-asan    AddressSanitizer + UBSan build
# Both run from the repository root; test_grade reads the BPF fixture built here.

GRADE_FIXTURE := $(BUILD)/test/grade/types.bpf.o
$(GRADE_FIXTURE): tests/grade/types.bpf.c tests/grade/types.h
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) -target bpf -O2 -g -Wall -Werror -c $< -o $@

# only the core pieces grade uses (buf, err), so these tests need no other library
TEST_EXERCISES_LIBS := $(EXERCISES_SRCS)
TEST_GRADE_LIBS     := src/core/buf.c src/core/clock.c src/core/err.c src/core/utf8.c $(EXERCISES_SRCS) $(GRADE_SRCS)

$(BUILD)/test/test_exercises: $(call objs,tests/test_exercises.c $(TEST_EXERCISES_LIBS),obj) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $^ -o $@
$(BUILD)/test/test_exercises-asan: $(call objs,tests/test_exercises.c $(TEST_EXERCISES_LIBS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ -o $@
$(BUILD)/test/test_grade: $(call objs,tests/test_grade.c $(TEST_GRADE_LIBS),obj) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $^ -o $@ $(LIBS_BPF) $(LIBS_JIT)
$(BUILD)/test/test_grade-asan: $(call objs,tests/test_grade.c $(TEST_GRADE_LIBS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ -o $@ $(LIBS_BPF) $(LIBS_JIT)
$(BUILD)/test/test_xlated-asan: $(call objs,tests/test_xlated.c $(TEST_GRADE_LIBS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ -o $@ $(LIBS_BPF) $(LIBS_JIT)

.PHONY: check-exercises check-exercises-asan check-grade check-grade-asan
check-exercises: $(BUILD)/test/test_exercises
	$(Q)$< exercises
check-exercises-asan: $(BUILD)/test/test_exercises-asan
	$(Q)$< exercises
check-grade: $(BUILD)/test/test_grade $(GRADE_FIXTURE)
	$(Q)$< $(GRADE_FIXTURE)
check-grade-asan: $(BUILD)/test/test_grade-asan $(GRADE_FIXTURE) $(BUILD)/test/test_xlated-asan
	$(Q)$< $(GRADE_FIXTURE)
	$(Q)$(BUILD)/test/test_xlated-asan

check-unit: check-exercises check-grade check-exercises-asan check-grade-asan
