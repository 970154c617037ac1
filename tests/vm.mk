# tests/vm.mk: the micro-VM sandbox end to end (tests/test_vm.c), through pipeline_run() and
# sandbox_run() with SANDBOX_VM.  Fault injection lives only here: a test agent built with
# -DDOJO_TEST_FAULTS (src/guest/fault.c) in its own initramfs, hence its own snapshot.
#
#   make check-vm        every exercise, the bad inputs, every fault (~1 min on 2-core TCG)
#   make check-vm-full   the same plus more keys, repeated restores and concurrent runs
VM_TEST_DIR        := $(BUILD)/test/vm
TEST_VM            := $(BUILD)/test/test_vm
VM_FAULT_AGENT     := $(VM_TEST_DIR)/bpfdojo-agent-faults
VM_FAULT_INITRAMFS := $(VM_TEST_DIR)/initramfs-faults.cpio
VM_FAULT_OBJS      := $(patsubst %.c,$(BUILD)/faults/%.o,$(GUEST_SRCS) $(GUEST_CORE_SRCS) $(EXERCISES_SRCS)) \
		      $(EXERCISES_OBJS) $(GUEST_WARM_O)

$(BUILD)/faults/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) -DDOJO_TEST_FAULTS $(CFLAGS) $(WARN) -c $< -o $@
$(VM_FAULT_AGENT): $(VM_FAULT_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -static $(CFLAGS) $(AGENT_LDFLAGS) $^ $(LIBS_BPF) -o $@
$(VM_FAULT_INITRAMFS): $(VM_FAULT_AGENT) $(GUEST_CHILD) $(MKINITRAMFS) $(KERNEL_STAMP) tools/initramfs.mk \
		      $(EXERCISES_NEEDS)
	$(Q)$(call mkinitramfs,$@,$(VM_FAULT_AGENT))

$(TEST_VM): $(call objs,tests/test_vm.c $(HOST_LIB_SRCS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ $(HOST_LIBS) -o $@

VM_TEST_DEPS := all $(TEST_VM) $(VM_FAULT_INITRAMFS)
VM_TEST_ENV  := BPFDOJO_HOME="$(call shabs,$(BUILD))" VM_FAULT_INITRAMFS="$(call shabs,$(VM_FAULT_INITRAMFS))"

.PHONY: check-vm check-vm-full
check-vm: $(VM_TEST_DEPS)
	$(Q)$(VM_TEST_ENV) $(TEST_VM)
check-vm-full: $(VM_TEST_DEPS)
	$(Q)$(VM_TEST_ENV) $(TEST_VM) --full
