# compile: the clang driver, its jail and the diagnostics parser (libcompile objects), plus the
# precompiled header every compile reads, built by tools/mkpch.c in the same jail.
#
#   make pch           build/pch/dojo.pch (needs the include directory, see tools/tools.mk)

COMPILE_SRCS := src/compile/compile.c src/compile/diag.c src/compile/jail.c src/compile/proc.c src/compile/hints.c \
		src/compile/server.c
# The core pieces the compile part uses (listed, so new core files never change its link).
COMPILE_CORE := src/core/buf.c src/core/clock.c src/core/err.c src/core/paths.c src/core/utf8.c
PCH          := $(BUILD)/pch/dojo.pch
MKPCH        := $(BUILD)/tools/mkpch

# The resident compiler's shim, preloaded into clang inside its jail (src/compile/zygote.c).
# Never built with the sanitizers: it runs inside clang.
ZYGOTE_SO    := $(BUILD)/lib/bpfdojo-zygote.so
ZYGOTE_PRELUDE := $(BUILD)/lib/bpfdojo-zygote-prelude.c

.PHONY: pch
pch: $(PCH)
all: $(PCH) $(ZYGOTE_SO) $(ZYGOTE_PRELUDE)

ZYGOTE_SO_SRCS := src/compile/zygote.c src/compile/zygote_alloc.c src/compile/zygote_nodwarf.c src/compile/zygote_warm.c
$(ZYGOTE_SO): $(ZYGOTE_SO_SRCS) src/compile/zygote.h src/compile/internal.h src/core/limits.h
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CPPFLAGS) -O2 $(WARN) -fPIC -shared -o $@ $(ZYGOTE_SO_SRCS) -ldl

$(MKPCH): $(call objs,tools/mkpch.c $(COMPILE_SRCS) $(COMPILE_CORE),obj)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -o $@ $^

# A PCH records the headers' paths and mtimes: rebuild it whenever the include directory changes.
$(PCH): $(BUILD)/include/.stamp $(MKPCH)
	@mkdir -p $(dir $@)
	$(Q)$(MKPCH) $(BUILD)/include $@

# The zygote's main file: the PCH's headers, then the compile's source (src/compile/zygote.h).
$(ZYGOTE_PRELUDE): $(MKPCH)
	@mkdir -p $(dir $@)
	$(Q)$(MKPCH) --prelude $@
