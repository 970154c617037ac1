# tests of the verifier-log diagnosis (src/grade/verifier*.c); include from tests/tests.mk.
#
#   make check-verifier                    unit rows, fuzz loop, every fixture in both kernels:
#                                          the micro-VM's (the default sandbox) and this host's
#                                          (needs root; ~2 min on 2-core TCG)
#   make update-verifier-expected          rewrite tests/verifier/*.expected (then review them)
#   make check-verifier-wild               the set nobody wrote the classes for
#                                          (tests/verifier-wild/MANIFEST), in both kernels: its
#                                          rate is a figure, not an assertion (~4 min)
#   make check-verifier-blind              the blind set (tests/verifier-blind/, each program's
#                                          line marked "// expect-line" before any run, never
#                                          tuned to), in both kernels: prints "verifier blind
#                                          set: N of M named at the right line (vm), K of L
#                                          (host)", a figure; fails only if the runner does
#   make check-verifier-blind2             the second blind set (tests/verifier-blind2/, written
#                                          after the first was studied), the same way
#   make check-verifier-blind3             the third blind set (tests/verifier-blind3/, written
#                                          without reading the classes or the other sets), the
#                                          same way
#   make check-verifier-blind4             the fourth blind set (tests/verifier-blind4/, written
#                                          the same blind way), the same way
#   make check-verifier-blind5             the fifth blind set (tests/verifier-blind5/, written
#                                          the same blind way), the same way
#   make check-verifier-blind6             the sixth blind set (tests/verifier-blind6/, written
#                                          the same blind way), the same way
#   make check-verifier-blind7             the seventh blind set (tests/verifier-blind7/, written
#                                          the same blind way), the same way
#   make check-verifier-blind8             the eighth blind set (tests/verifier-blind8/, written
#                                          the same blind way), the same way
#   make check-verifier-blind9             the ninth blind set (tests/verifier-blind9/, written
#                                          the same blind way), the same way
#   make check-verifier-blind10            the tenth blind set (tests/verifier-blind10/, written
#                                          the same blind way), the same way
# Fixtures: tests/verifier/<NN-class>.bpf.c, each with its rendered diagnosis <NN-class>.expected
# when both kernels word it alike, else <NN-class>.vm.expected and <NN-class>.host.expected.
# A fixture one kernel accepts (or cannot load) says "fixture: vm only: <why>" in a comment.
# VERIFIER_KERNEL=vm|host runs one kernel; VERIFIER_ONLY=a,b picks fixtures by name.

# canned logs, the 7.3 report and the fuzz loop: pure, no root
TEST_VERIFIER_LOG := $(BUILD)/test/test_verifier_log
$(TEST_VERIFIER_LOG): $(call objs,tests/test_verifier_log.c $(HOST_LIB_SRCS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ $(HOST_LIBS) -o $@

TEST_VERIFIER := $(BUILD)/test/test_verifier
$(TEST_VERIFIER): $(call objs,tests/test_verifier.c $(HOST_LIB_SRCS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ $(HOST_LIBS) -o $@

# the wild and blind sets: figures, listed per program
TEST_VERIFIER_SETS := $(BUILD)/test/test_verifier_sets
$(TEST_VERIFIER_SETS): $(call objs,tests/test_verifier_sets.c $(HOST_LIB_SRCS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ $(HOST_LIBS) -o $@

.PHONY: check-verifier check-verifier-wild check-verifier-blind check-verifier-blind2
.PHONY: check-verifier-blind3
.PHONY: check-verifier-blind4
.PHONY: check-verifier-blind5
.PHONY: check-verifier-blind6
.PHONY: check-verifier-blind7
.PHONY: check-verifier-blind8
.PHONY: check-verifier-blind9
.PHONY: check-verifier-blind10
.PHONY: update-verifier-expected
check-verifier: all $(TEST_VERIFIER) $(TEST_VERIFIER_LOG)
	$(Q)$(TEST_VERIFIER_LOG)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER)
check-verifier-wild: all $(TEST_VERIFIER_SETS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER_SETS) wild
check-verifier-blind: all $(TEST_VERIFIER_SETS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER_SETS) blind
check-verifier-blind2: all $(TEST_VERIFIER_SETS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER_SETS) blind2
check-verifier-blind3: all $(TEST_VERIFIER_SETS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER_SETS) blind3
check-verifier-blind4: all $(TEST_VERIFIER_SETS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER_SETS) blind4
check-verifier-blind5: all $(TEST_VERIFIER_SETS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER_SETS) blind5
check-verifier-blind6: all $(TEST_VERIFIER_SETS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER_SETS) blind6
check-verifier-blind7: all $(TEST_VERIFIER_SETS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER_SETS) blind7
check-verifier-blind8: all $(TEST_VERIFIER_SETS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER_SETS) blind8
check-verifier-blind9: all $(TEST_VERIFIER_SETS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER_SETS) blind9
check-verifier-blind10: all $(TEST_VERIFIER_SETS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER_SETS) blind10
update-verifier-expected: all $(TEST_VERIFIER)
	$(Q)UPDATE_EXPECTED=1 BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_VERIFIER)
