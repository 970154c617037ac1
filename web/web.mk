# web: the web app, built into build/web (what `bpfdojo serve` serves from a checkout).
#   - tools/webgen writes the static pages from the exercise registry at build time: the home
#     page and one page per exercise (lesson rendered by cmark, code highlighted in C);
#   - esbuild bundles web/src (plain JS modules, CodeMirror 6) into build/web/app.js;
#   - npm packages come from web/package-lock.json through `npm ci` (web/node_modules).
#   - the editor's completion and hover data go to build/web/complete/: tools/webbtf.c reads the
#     kernel's BTF (kfuncs, struct members, raw tracepoints; libbpf's section names),
#     tools/webhelpers.mjs libbpf's bpf_helper_defs.h (helper signatures and documentation).
# The TCC checker (web/checker) adds build/web/checker/ on its own.
WEB_OUT     := $(BUILD)/web
WEBGEN      := $(BUILD)/tools/webgen
WEB_NPM     := web/node_modules/.package-lock.json
WEB_SRCS    := $(wildcard web/src/*.js)
WEB_STAMP   := $(WEB_OUT)/.pages
WEB_DATA    := $(WEB_OUT)/complete
WEBBTF      := $(BUILD)/tools/webbtf

.PHONY: web
web: $(WEB_OUT)/app.js $(WEB_OUT)/style.css $(WEB_STAMP) $(WEB_DATA)/index.json \
     $(WEB_DATA)/helpers.json
all: web

$(WEBGEN): $(call objs,tools/webgen/webgen.c tools/webgen/highlight.c $(HOST_LIB_SRCS),obj) \
	   $(EXERCISES_OBJS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $^ $(HOST_LIBS) -lcmark -o $@

$(WEB_STAMP): $(WEBGEN) $(wildcard exercises/*/*/*.svg)
	@mkdir -p $(WEB_OUT)
	$(Q)$(WEBGEN) $(WEB_OUT)
	@touch $@

$(WEB_NPM): web/package-lock.json web/package.json
	$(Q)cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_OUT)/app.js: $(WEB_SRCS) $(WEB_NPM)
	@mkdir -p $(WEB_OUT)
	$(Q)web/node_modules/.bin/esbuild web/src/main.js --bundle --format=esm --minify \
		--target=es2020 --log-level=warning --outfile=$@

$(WEB_OUT)/style.css: web/style.css
	@mkdir -p $(WEB_OUT)
	$(Q)cp $< $@

$(WEBBTF): $(call objs,tools/webbtf.c,obj)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -o $@ $^ $(LIBS_BPF) $(LIBS_JSON)

$(WEB_DATA)/index.json: $(WEBBTF) $(KERNEL_STAMP)
	@mkdir -p $(WEB_DATA)
	$(Q)$(WEBBTF) $(KERNEL_DIR)/vmlinux $(WEB_DATA)

$(WEB_DATA)/helpers.json: tools/webhelpers.mjs $(LIBBPF_INC)/bpf_helper_defs.h
	@mkdir -p $(WEB_DATA)
	$(Q)$(NODE) tools/webhelpers.mjs $(LIBBPF_INC)/bpf_helper_defs.h $@
