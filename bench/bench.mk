# bench: benchmarks that print figures (medians, with the floor measured in the same run).
#
#   make bench         compile, end-to-end (host mode), micro-VM, server, browser-checker and editor-load benchmarks (root; ~6 min)
BENCH_RUN := $(BUILD)/bench/bench_run
$(BENCH_RUN): $(call objs,bench/bench_run.c $(HOST_LIB_SRCS),obj) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $^ $(HOST_LIBS) -o $@

.PHONY: bench bench-run
bench-run: $(BENCH_RUN) all
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" $(BENCH_RUN) process-name 20
bench: bench-compile bench-run bench-vm bench-server bench-checker bench-editor

# the server: compile figures through POST /api/check against the floor (21 rounds), then 8
# clients for 120 s in the vm sandbox (make bench-server; BENCH_SERVER_ARGS="clients seconds
# sandbox checks" for another shape)
BENCH_SERVER_ARGS ?= 8 120 vm 21
.PHONY: bench-server
bench-server: all
	$(Q)BPFDOJO_HOME="$(call shabs,$(BUILD))" bench/bench_server.sh $(BUILD)/bin/bpfdojo $(BENCH_SERVER_ARGS)

# the browser checker in headless chromium: median check time per exercise, cold check, gzip size
.PHONY: bench-checker
bench-checker: checker
	$(Q)[ -d web/node_modules/puppeteer-core ] || (cd web && npm ci --no-audit --no-fund)
	$(Q)$(NODE) bench/bench_checker.js $(BUILD)/web exercises

# an exercise page to an editor ready for typing in headless chromium, cold and warm, against an
# empty page's load in the same run (BENCH_EDITOR_ARGS="exercise loads")
BENCH_EDITOR_ARGS ?= process-name 21
.PHONY: bench-editor
bench-editor: web checker
	$(Q)$(NODE) bench/bench_editor.js $(BUILD)/web $(BENCH_EDITOR_ARGS)
