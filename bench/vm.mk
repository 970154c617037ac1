# bench/vm.mk: the micro-VM sandbox's figures (bench/bench_vm.c).
#
#   make bench-vm                          medians of 20 runs, then 120 s of sustained load
#   make bench-vm BENCH_VM_ARGS="20 30 2"  runs, seconds of load, guests at once
BENCH_VM      := $(BUILD)/bench/bench_vm
BENCH_VM_ARGS ?= 20 120

$(BENCH_VM): $(call objs,bench/bench_vm.c $(HOST_LIB_SRCS),obj) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $^ $(HOST_LIBS) -o $@

.PHONY: bench-vm
bench-vm: $(BENCH_VM) all
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(BENCH_VM) $(BENCH_VM_ARGS)
