# tests/broker.mk: privilege separation (tests/test_broker.c): the sandbox broker keeps root,
# the test process becomes nobody with no capability and still compiles and runs jobs in a
# micro-VM and in host mode.  Needs root, qemu, the guest kernel and the agent.
#
#   make check-broker
TEST_BROKER := $(BUILD)/test/test_broker

$(TEST_BROKER): $(call objs,tests/test_broker.c $(HOST_LIB_SRCS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ $(HOST_LIBS) -o $@

.PHONY: check-broker
check-broker: all $(TEST_BROKER)
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(TEST_BROKER)
