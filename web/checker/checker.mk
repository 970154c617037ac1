# web/checker: TCC (Debian's source package) built with Debian's emscripten into a type checker
# for the browser, against headers made from the BTF the server compiles with.
#
#   make checker        build/web/checker/{worker.js,tcc.wasm} and build/checker/checker-node.js
#   make bench-checker  (bench/bench.mk) its speed in headless Chromium and its gzip size
#
# The source is fetched once through a private apt sources list (fetch-tcc.sh) and cached in
# build/checker/tcc; web/checker/patches/*.patch are applied to a copy of it at build time.
EMCC          ?= emcc
NODE          ?= node
CHECKER_DIR   := $(BUILD)/checker
CHECKER_SRC   := $(CHECKER_DIR)/tcc
CHECKER_TREE  := $(CHECKER_DIR)/tree
CHECKER_INC   := $(CHECKER_DIR)/inc
CHECKER_WEB   := $(BUILD)/web/checker
CHECKER_WASM  := $(CHECKER_WEB)/tcc.wasm
CHECKER_GLUE  := $(CHECKER_DIR)/tcc-glue.js
CHECKER_WORKER:= $(CHECKER_WEB)/worker.js
CHECKER_NODE  := $(CHECKER_DIR)/checker-node.js
CHECKER_PATCHES := $(sort $(wildcard web/checker/patches/*.patch))
# the kernel types the header keeps: each exercise's `needs` ("types ..."), and the ones a
# learner reaches for beyond them (processes, files, sockets, packets): ~5 KB gzipped for these
CHECKER_ROOTS  = struct:trace_event_raw_sched_process_exec struct:trace_event_raw_sys_enter \
		 struct:trace_event_raw_sys_exit struct:task_struct enum:bpf_map_type \
		 struct:cred struct:mm_struct struct:file struct:path struct:inode struct:dentry \
		 struct:qstr struct:sock struct:sk_buff struct:msghdr struct:sockaddr_in \
		 struct:ipv6hdr struct:tcphdr \
		 $(shell cat exercises/[0-9]*/[0-9]*/needs 2>/dev/null | sed -n 's/^types  *//p')
CHECKER_HDRS  := $(CHECKER_INC)/vmlinux.h $(CHECKER_INC)/prelude.h \
		 $(addprefix $(CHECKER_INC)/bpf/,$(INC_LIBBPF)) \
		 $(patsubst include/%,$(CHECKER_INC)/%,$(wildcard include/*.h)) \
		 $(CHECKER_INC)/asm-generic/errno.h $(CHECKER_INC)/asm-generic/errno-base.h \
		 $(CHECKER_INC)/asm/errno.h $(CHECKER_INC)/linux/errno.h
# emcc runs on Debian's node modules; -sFILESYSTEM for the embedded headers (MEMFS, read only)
CHECKER_EMFLAGS := -Os -flto -sMODULARIZE=1 -sEXPORT_NAME=createTcc -sENVIRONMENT=web,worker,node \
		 -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=16MB -sTOTAL_STACK=1MB \
		 -sEXPORTED_FUNCTIONS=_malloc,_checker_preload,_checker_check,_checker_diagnostics,_checker_stack_low,_checker_stack_high,_checker_heap_top \
		 -sEXPORTED_RUNTIME_METHODS=UTF8ToString -sINCOMING_MODULE_JS_API=wasmBinary,print,printErr,locateFile,preRun \
		 --embed-file $(CHECKER_INC)@/inc
CHECKER_CFLAGS := -DTCC_TARGET_X86_64 -DCONFIG_TCC_STATIC -DTCC_VERSION='"0.9.27"' \
		 -DCONFIG_TCCDIR='"/tcc"' -Wno-everything

.PHONY: checker
checker: $(CHECKER_WORKER) $(CHECKER_NODE)
all: checker

$(CHECKER_SRC)/.stamp: web/checker/fetch-tcc.sh
	$(Q)web/checker/fetch-tcc.sh $(CHECKER_SRC)
	$(Q)touch $@
$(CHECKER_TREE)/.stamp: $(CHECKER_SRC)/.stamp $(CHECKER_PATCHES)
	$(Q)rm -rf $(CHECKER_TREE) && cp -a $(CHECKER_SRC) $(CHECKER_TREE) && rm -f $(CHECKER_TREE)/.stamp
	$(Q)for p in $(CHECKER_PATCHES); do patch -s -p1 -d $(CHECKER_TREE) <$$p || exit 1; done
	$(Q)printf '/* bpfdojo: the configuration is given on the command line */\n' >$(CHECKER_TREE)/config.h
	$(Q)touch $@

$(CHECKER_INC)/vmlinux.h: $(KERNEL_STAMP) $(BTFGEN) $(wildcard exercises/*/*/needs) web/checker/checker.mk
	@mkdir -p $(dir $@)
	$(Q)$(BTFGEN) trim $(KERNEL_DIR)/vmlinux -o $@.tmp $(CHECKER_ROOTS)
	$(Q)$(NODE) web/checker/strip-comments.js $@.tmp $@ && rm -f $@.tmp
$(CHECKER_INC)/prelude.h: web/checker/prelude.h
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
$(CHECKER_INC)/%.h: $(INC_DIR)/%.h web/checker/strip-comments.js
	@mkdir -p $(dir $@)
	$(Q)$(NODE) web/checker/strip-comments.js $< $@

$(CHECKER_WASM) $(CHECKER_GLUE) &: web/checker/checker.c web/checker/checker.mk $(CHECKER_TREE)/.stamp $(CHECKER_HDRS)
	@mkdir -p $(CHECKER_WEB)
	$(Q)NODE_PATH=/usr/share/nodejs $(EMCC) $(CHECKER_CFLAGS) -I$(CHECKER_TREE) $(CHECKER_EMFLAGS) \
		web/checker/checker.c -o $(CHECKER_GLUE)
	$(Q)mv $(CHECKER_DIR)/tcc-glue.wasm $(CHECKER_WASM)
$(CHECKER_WORKER): $(CHECKER_GLUE) web/checker/checker.js web/checker/worker.js
	$(Q)cat $(CHECKER_GLUE) web/checker/checker.js web/checker/worker.js >$@
$(CHECKER_NODE): $(CHECKER_GLUE) web/checker/checker.js web/checker/node.js
	$(Q)cat $(CHECKER_GLUE) web/checker/checker.js web/checker/node.js >$@

.PHONY: checker-clean
clean: checker-clean
checker-clean:
	rm -rf $(CHECKER_TREE) $(CHECKER_INC) $(CHECKER_GLUE) $(CHECKER_NODE) $(CHECKER_WEB)
