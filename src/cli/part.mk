# cli: the `bpfdojo` command, a thin layer over the library parts.
CLI_SRCS := $(wildcard src/cli/*.c)
# everything a host-side binary (CLI, server, tests of the pipeline) links
HOST_LIB_SRCS = $(CORE_SRCS) $(COMPILE_SRCS) $(SANDBOX_SRCS) $(GRADE_SRCS) $(PIPELINE_SRCS) \
		$(EXERCISES_SRCS)
HOST_LIBS     = $(LIBS_BPF) $(LIBS_JSON) $(LIBS_JIT) -lpthread
CLI           := $(BUILD)/bin/bpfdojo

$(CLI): $(call objs,$(CLI_SRCS) $(SERVER_SRCS) $(HOST_LIB_SRCS),obj) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $^ $(HOST_LIBS) $(LIBS_SERVER) -lcurl -o $@
$(BUILD)/bin/bpfdojo-asan: $(call objs,$(CLI_SRCS) $(SERVER_SRCS) $(HOST_LIB_SRCS),asan) $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(ASAN) $^ $(HOST_LIBS) $(LIBS_SERVER) -lcurl -o $@

.PHONY: cli
cli: $(CLI)
all: $(CLI)
