# exercises: the registry, the workload helpers, every exercise folder, and the embedded texts.
#
# Consumers (agent, CLI, server, tests) link
#     $(call objs,$(EXERCISES_SRCS),obj)  (or asan)  plus  $(EXERCISES_OBJS)
# EXERCISES_OBJS is the generated object holding the lessons and programs (plain data, the
# same for every flavour).  A folder with an answer.c is an exercise; see exercises/registry.c.

#
# Everything else about an exercise comes from its folder at build time (exercises/embed.c):
# the chapter and exercise numbers from the folder names, the chapter title from chapter.md,
# the hints from hints.md, and from the optional `needs` file the kernel modules the guest
# loads for it (EXERCISES_GUEST_MODULES, which the initramfs picks up), the programs of its own
# the guest carries (EXERCISES_BINS, below) and whether host mode can run it.
EXERCISES_DIRS  := $(sort $(patsubst %/answer.c,%,$(wildcard exercises/[0-9]*/[0-9]*/answer.c)))
EXERCISES_ANSWERS := $(foreach d,$(EXERCISES_DIRS),$(d)/answer.c)
EXERCISES_SRCS  := exercises/registry.c exercises/workload.c exercises/net.c exercises/mix.c \
		   $(foreach d,$(EXERCISES_DIRS),$(d)/answer.c $(d)/workload.c)
EXERCISES_TEXTS := $(foreach d,$(EXERCISES_DIRS),\
		   $(addprefix $(d)/,lesson.md starter.bpf.c solution.bpf.c wrong.bpf.c))
EXERCISES_HINTS := $(foreach d,$(EXERCISES_DIRS),$(d)/hints.md)
EXERCISES_NEEDS := $(wildcard $(foreach d,$(EXERCISES_DIRS),$(d)/needs))
EXERCISES_CHAPTERS := $(sort $(foreach d,$(EXERCISES_DIRS),$(dir $(d))chapter.md))
EXERCISES_GUEST_MODULES := $(sort $(foreach f,$(EXERCISES_NEEDS),\
			   $(shell sed -n 's/^module  *//p' '$(f)')))
# Programs of an exercise's own ("bin NAME" in `needs`, built from the folder's NAME.c): static,
# so the guest needs no libc; into build/bin, next to the agent (host mode finds them there, the
# initramfs puts them in the guest's /bin: tools/initramfs.mk).  Not stripped: a program's
# symbols and notes (USDT probes) are what the exercise's probes attach to.
EXERCISES_BIN_DIRS := $(foreach f,$(EXERCISES_NEEDS),\
		      $(foreach b,$(shell sed -n 's/^bin  *//p' '$(f)'),$(patsubst %/needs,%,$(f))/$(b)))
EXERCISES_BINS  := $(foreach b,$(EXERCISES_BIN_DIRS),$(BUILD)/bin/$(notdir $(b)))
define EXERCISES_BIN_RULE
$(BUILD)/bin/$(notdir $(1)): $(1).c exercises/exercises.mk
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) -std=gnu11 -D_GNU_SOURCE -O2 -static $$(WARN) $$< -o $$@
endef
$(foreach b,$(EXERCISES_BIN_DIRS),$(eval $(call EXERCISES_BIN_RULE,$(b))))
all: $(EXERCISES_BINS)

EXERCISES_EMBED := $(BUILD)/gen/exercise-embed
EXERCISES_GEN   := $(BUILD)/gen/exercise_texts.c
EXERCISES_META  := $(BUILD)/gen/exercise_meta.h
EXERCISES_OBJS  := $(BUILD)/obj/gen/exercise_texts.o

$(EXERCISES_EMBED): exercises/embed.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=gnu11 -D_GNU_SOURCE $(CFLAGS) $(WARN) $< -o $@

$(EXERCISES_GEN): $(EXERCISES_EMBED) $(EXERCISES_TEXTS) $(EXERCISES_HINTS)
	$(Q)$(EXERCISES_EMBED) $@ $(EXERCISES_DIRS)

# the folder list itself is an input: adding or renaming a folder changes the numbers
$(EXERCISES_META): $(EXERCISES_EMBED) $(EXERCISES_HINTS) $(EXERCISES_NEEDS) $(EXERCISES_CHAPTERS) \
		   $(EXERCISES_DIRS) $(patsubst %/,%,$(sort $(dir $(EXERCISES_DIRS)))) exercises
	$(Q)$(EXERCISES_EMBED) --meta $@ $(EXERCISES_DIRS)

# docs/exercises.md, the catalogue's table, is made from the folders too: `make docs` writes
# it, and test_exercises compares it with a fresh one (EXERCISES_TABLE), so it cannot go stale
EXERCISES_TABLE := $(BUILD)/gen/exercises.md
$(EXERCISES_TABLE): $(EXERCISES_EMBED) $(EXERCISES_TEXTS) $(EXERCISES_NEEDS) $(EXERCISES_DIRS) \
		    $(patsubst %/,%,$(sort $(dir $(EXERCISES_DIRS)))) exercises
	$(Q)$(EXERCISES_EMBED) --table $@ $(EXERCISES_DIRS)
.PHONY: docs
docs: $(EXERCISES_TABLE)
	$(Q)cp $(EXERCISES_TABLE) docs/exercises.md
all: $(EXERCISES_TABLE)

# every flavour of an answer.c includes the generated header (through exercise_def.h)
$(foreach f,obj asan faults,$(patsubst %.c,$(BUILD)/$(f)/%.o,$(EXERCISES_ANSWERS) \
	$(patsubst %/answer.c,%/workload.c,$(EXERCISES_ANSWERS)))): $(EXERCISES_META)

$(EXERCISES_OBJS): $(EXERCISES_GEN)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(WARN) -c $< -o $@

# Every exercise's programs (solution, starter, wrong) compile warning-free against the guest
# kernel's headers (a step of make check):
#     make exercises-bpf EXERCISES_BPF_INC=<dir with vmlinux.h>
EXERCISES_BPF_INC ?= $(BUILD)/include
EXERCISES_BPF_OBJS := $(patsubst %.bpf.c,$(BUILD)/test/%.bpf.o,$(filter %.bpf.c,$(EXERCISES_TEXTS)))
$(BUILD)/test/exercises/%.bpf.o: exercises/%.bpf.c $(wildcard include/*.h) | $(BUILD)/include/vmlinux.h
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) -target bpf -O2 -g -Wall -Werror -D__TARGET_ARCH_x86 \
		-I$(EXERCISES_BPF_INC) -Iinclude -c $< -o $@
.PHONY: exercises-bpf
exercises-bpf: $(EXERCISES_BPF_OBJS)
