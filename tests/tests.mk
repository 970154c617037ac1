# tests: every part's tests, and `make check`, which runs them all and sums their results.
#
# Each part's fragment adds its runnable test commands to CHECK_CMDS (and what they need to
# CHECK_DEPS).  Unit tests need nothing; host tests need root and BPF (they load programs into
# this machine's kernel, one run at a time).

include tests/compile.mk
include tests/guest.mk
include tests/grade.mk
include tests/verifier.mk
include tests/broker.mk

TEST_SERVER_UNIT := $(BUILD)/test/test_server_unit
$(TEST_SERVER_UNIT): $(call objs,tests/test_server_unit.c $(SERVER_SRCS) $(HOST_LIB_SRCS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ $(HOST_LIBS) $(LIBS_SERVER) -o $@

TEST_PIPELINE := $(BUILD)/test/test_pipeline
$(TEST_PIPELINE): $(call objs,tests/test_pipeline.c $(HOST_LIB_SRCS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ $(HOST_LIBS) -o $@

# the one JSON writer of run events, against rows and docs/api.md, and the CLI's text for
# some of them (pure: no root, no BPF)
TEST_EVENTS := $(BUILD)/test/test_events
$(TEST_EVENTS): $(call objs,tests/test_events.c src/cli/render.c src/cli/render_play.c $(HOST_LIB_SRCS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ $(HOST_LIBS) -o $@

# dojo-dns's message codec (src/guest/dns/dns.c; pure)
TEST_DNS := $(BUILD)/test/test_dns
$(TEST_DNS): $(call objs,tests/test_dns.c src/guest/dns/dns.c,asan)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ -o $@

# Each command is one shell word, run by tests/run-all.sh with sh -c; single-quote the ones that
# name an absolute path with $(call shabs,...), so $$PWD is expanded (and quoted) there.
# The CLI tests run the sanitizer build of the CLI: it finds build/include and the agent
# through BPFDOJO_HOME.
CHECK_DEPS := all exercises-bpf $(EXERCISES_TABLE) $(TEST_FRAME) $(TEST_GUEST_CHAN) $(TEST_LOAD_DEADLINE) $(BUILD)/test/test_exercises-asan $(BUILD)/test/test_grade-asan $(BUILD)/test/test_xlated-asan \
	      $(GRADE_FIXTURE) $(TEST_COMPILE) $(TEST_COMPILE_SERVER) $(TEST_COMPILE_PARITY) $(ZYGOTE_SO) $(TEST_SANDBOX) $(SANDBOX_FIXTURES) \
	      $(TEST_EVENTS) $(TEST_PIPELINE) $(TEST_SERVER_UNIT) $(TEST_DNS) \
	      $(TEST_VERIFIER) $(TEST_VERIFIER_SETS) $(TEST_VERIFIER_LOG) $(BUILD)/bin/bpfdojo-asan $(TEST_VM) $(VM_FAULT_INITRAMFS) $(TEST_BROKER) \
	      $(CHECKER_NODE) $(CHECKER_WASM)
CHECK_CMDS := "$(TEST_FRAME)" \
	      "$(TEST_GUEST_CHAN)" \
	      "$(TEST_LOAD_DEADLINE)" \
	      "$(TEST_DNS)" \
	      "$(BUILD)/test/test_exercises-asan exercises $(EXERCISES_TABLE)" \
	      "$(BUILD)/test/test_grade-asan $(GRADE_FIXTURE)" \
	      "$(BUILD)/test/test_xlated-asan" \
	      "$(TEST_COMPILE) tests/compile" \
	      "$(TEST_COMPILE_PARITY) tests/compile exercises" \
	      "$(TEST_COMPILE_SERVER)" \
	      "tests/test_btfgen.sh $(BTFGEN) $(KERNEL_DIR)/vmlinux $(INC_DIR)" \
	      "$(NODE) tests/test_checker.js $(CHECKER_NODE) $(CHECKER_WASM) $(INC_DIR) exercises" \
	      "$(TEST_SANDBOX)" \
	      "$(TEST_EVENTS)" \
	      "$(TEST_PIPELINE)" \
	      "$(TEST_SERVER_UNIT)" \
	      "$(TEST_VERIFIER_LOG)" \
	      "$(TEST_VERIFIER)" \
	      "$(TEST_VERIFIER_SETS) wild" \
	      "tests/test_diagrams.sh exercises $(WEB_OUT)" \
	      "$(TEST_VERIFIER_SETS) blind" \
	      "$(TEST_VERIFIER_SETS) blind2" \
	      "$(TEST_VERIFIER_SETS) blind3" \
	      "$(TEST_VERIFIER_SETS) blind4" \
	      "$(TEST_VERIFIER_SETS) blind5" \
	      "$(TEST_VERIFIER_SETS) blind6" \
	      "$(TEST_VERIFIER_SETS) blind7" \
	      "$(TEST_VERIFIER_SETS) blind8" \
	      "$(TEST_VERIFIER_SETS) blind9" \
	      "$(TEST_VERIFIER_SETS) blind10" \
	      'VM_FAULT_INITRAMFS="$(call shabs,$(VM_FAULT_INITRAMFS))" $(TEST_VM)' \
	      "$(TEST_BROKER)" \
	      'BPFDOJO_HOME="$(call shabs,$(BUILD))" tests/test_cli.sh $(BUILD)/bin/bpfdojo-asan' \
	      'BPFDOJO_HOME="$(call shabs,$(BUILD))" tests/test_server.sh $(BUILD)/bin/bpfdojo-asan' \
	      'BPFDOJO_HOME="$(call shabs,$(BUILD))" tests/test_play.sh $(BUILD)/bin/bpfdojo-asan' \
	      'BPFDOJO_HOME="$(call shabs,$(BUILD))" tests/test_play_server.sh $(BUILD)/bin/bpfdojo-asan' \
	      'BPFDOJO_HOME="$(call shabs,$(BUILD))" tests/test_nginx.sh $(BUILD)/bin/bpfdojo' \
	      'BPFDOJO_HOME="$(call shabs,$(BUILD))" tests/test_web.sh $(BUILD)/bin/bpfdojo $(BUILD)'

check: $(CHECK_DEPS)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" tests/run-all.sh $(CHECK_CMDS)

# The README's two commands on a fresh Debian 12 minbase root (debootstrap, pivot_root): needs
# root and the network to Debian's mirror; the base tarball and .deb files are cached in build/.
.PHONY: check-fresh
check-fresh:
	$(Q)scripts/check-fresh.sh
