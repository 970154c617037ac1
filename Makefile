# bpfdojo: one make for everything.  Each part keeps its sources and rules in its own
# fragment (src/<part>/part.mk, exercises/exercises.mk, tools/tools.mk, tests/tests.mk,
# bench/bench.mk); this file holds only what they share.
#
#   make            build the CLI, the agent, the headers and the PCH
#   make check      every test (needs root for the host-mode tests)
#   make check-fresh  the README's two commands in a fresh Debian 12 root (scripts/check-fresh.sh)
#   make bench      benchmarks that print figures

BUILD    ?= build
CC       ?= gcc
CLANG    ?= clang-19
BWRAP    ?= bwrap
V        ?= 0
Q        := $(if $(filter 1,$(V)),,@)

WARN     := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
CFLAGS   ?= -O2 -g
CPPFLAGS := -std=gnu11 -D_GNU_SOURCE -Isrc -I. -I$(BUILD)/gen -MMD -MP
ASAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# libbpf 1.4 from bookworm-backports, linked statically everywhere so the agent (static) and
# the host tools use the very same library.
LIBBPF_A := $(shell $(CC) -print-file-name=libbpf.a)
LIBS_BPF := $(LIBBPF_A) -lelf -lz
LIBS_JSON:= -ljansson
LIBS_JIT := -lcapstone   # grade: the JITed x86-64 code of an xlated listing (libcapstone-dev)

.PHONY: all check check-unit check-host bench clean distclean
all:

# Object rules: normal build and sanitizer build of the same sources.
$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -c $< -o $@
$(BUILD)/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) $(ASAN) -c $< -o $@

# shabs(path): @path as an absolute path for the shell, to be used inside double quotes.  The
# project may live in a folder whose name has a space, which make's $(abspath) would split.
shabs = $(if $(filter /%,$(1)),$(1),$$PWD/$(1))

# objs(list, flavour): object paths for sources in @list (flavour: obj or asan)
objs = $(patsubst %.c,$(BUILD)/$(2)/%.o,$(1))

include src/core/part.mk
include tools/tools.mk
include exercises/exercises.mk
include src/compile/part.mk
include src/guest/part.mk
include src/sandbox/part.mk
include src/grade/part.mk
include src/pipeline/part.mk
include src/server/part.mk
include src/cli/part.mk
include web/web.mk
include tools/initramfs.mk tests/vm.mk bench/vm.mk
include web/checker/checker.mk
include tests/tests.mk
include bench/bench.mk

clean:
	rm -rf $(BUILD)/obj $(BUILD)/asan $(BUILD)/bin $(BUILD)/test $(BUILD)/gen $(BUILD)/pch $(BUILD)/lib
distclean:
	rm -rf $(BUILD)

# (build/fresh holds check-fresh's Debian root, whose rc?.d folders are no dependency files)
-include $(shell find $(BUILD) -path $(BUILD)/fresh -prune -o -name '*.d' -type f -print 2>/dev/null)
