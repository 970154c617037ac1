# bench: benchmarks that print figures (medians, with the floor measured in the same run).
#
#   make bench         compile, end-to-end (host mode) and micro-VM benchmarks (root; ~4 min)
BENCH_RUN := $(BUILD)/bench/bench_run
$(BENCH_RUN): $(call objs,bench/bench_run.c $(HOST_LIB_SRCS),obj) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $^ $(HOST_LIBS) -o $@

.PHONY: bench bench-run
bench-run: $(BENCH_RUN) all
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(BENCH_RUN) process-name 20
bench: bench-compile bench-run bench-vm

# the server under load: 8 clients for 60 s in the vm sandbox (make bench-server)
.PHONY: bench-server
bench-server: all
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" bench/bench_server.sh $(BUILD)/bin/bpfdojo 8 60 vm
