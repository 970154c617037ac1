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

# what the sandbox broker (privilege separation) adds to a run (bench/bench_broker.c)
#   make bench-broker                      medians of 20 runs per kind, direct and brokered
BENCH_BROKER := $(BUILD)/bench/bench_broker
$(BENCH_BROKER): $(call objs,bench/bench_broker.c $(HOST_LIB_SRCS),obj) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $^ $(HOST_LIBS) -o $@

.PHONY: bench-broker
bench-broker: $(BENCH_BROKER) all
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(BENCH_BROKER) 20

# the playground: submit to its first event and to its map dump, in the micro-VM
# (bench/bench_play.c)
#   make bench-play                        medians of 10 runs
BENCH_PLAY := $(BUILD)/bench/bench_play
$(BENCH_PLAY): $(call objs,bench/bench_play.c $(HOST_LIB_SRCS),obj) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $^ $(HOST_LIBS) -o $@

.PHONY: bench-play
bench-play: $(BENCH_PLAY) all
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(BENCH_PLAY) $(BENCH_PLAY_ARGS)
