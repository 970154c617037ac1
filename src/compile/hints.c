/* hints.c: one sentence of help for clang errors that puzzle people new to BPF.
 *
 * clang's message says what is wrong in C terms; the hint says what to do in BPF terms (no
 * libc, 512 bytes of stack, helpers instead of function calls, dojo.h for SUBMIT).  A table:
 * one row per recognisable message, matched by substrings; the first row that matches wins. */
#include <stdio.h>
#include <string.h>
#include "compile.h"
#include "internal.h"

struct hint_row {
	const char *match;    /* substring of clang's message */
	const char *also;     /* a second substring that must be present too, or NULL */
	const char *help;
};

static const struct hint_row hints[] = {
	{ "BPF stack limit is exceeded", NULL,
	  "a BPF program has 512 bytes of stack: keep big arrays and structs in a map value "
	  "(a BPF_MAP_TYPE_PERCPU_ARRAY with one entry works as scratch space) or in a "
	  "ring-buffer record" },
	{ "SUBMIT_", "undeclared", "SUBMIT_* and DEBUG_* come from #include \"dojo.h\"" },
	{ "DEBUG_", "undeclared", "SUBMIT_* and DEBUG_* come from #include \"dojo.h\"" },
	{ "'SEC'", "undeclared", "SEC() and the helpers come from #include <bpf/bpf_helpers.h>" },
	{ "BPF_CORE_READ", "undeclared", "BPF_CORE_READ() comes from #include <bpf/bpf_core_read.h>" },
	{ "BPF_PROG", "undeclared", "BPF_PROG() and BPF_KPROBE() come from #include <bpf/bpf_tracing.h>" },
	{ "bpf_", "implicit declaration", "there is no such helper in <bpf/bpf_helpers.h>: check the "
	  "name (the helpers are listed in bpf/bpf_helper_defs.h, or `man bpf-helpers`)" },
	{ "bpf_", "undeclared function", "there is no such helper in <bpf/bpf_helpers.h>: check the "
	  "name (the helpers are listed in bpf/bpf_helper_defs.h, or `man bpf-helpers`)" },
	{ "implicit declaration of function", NULL, "a BPF program cannot call libc or any "
	  "function it does not define itself; use a BPF helper or write the code inline" },
	{ "call to undeclared function", NULL, "a BPF program cannot call libc or any "
	  "function it does not define itself; use a BPF helper or write the code inline" },
	{ "file not found", NULL, "only vmlinux.h, dojo.h, <bpf/...> and <asm-generic/errno.h> "
	  "(and friends) can be included: there is no libc and no other header" },
	{ "too many args", NULL, "a BPF function takes at most 5 arguments: pass a pointer to a "
	  "struct instead" },
	{ "incomplete definition of type", NULL, "that struct is only declared here; read its "
	  "fields with BPF_CORE_READ() from a pointer, or declare the fields you need as "
	  "`struct name___mine { ... } __attribute__((preserve_access_index));` and cast" },
	{ "A call to built-in function", "not supported", "the BPF backend has no memcpy/memset: "
	  "use __builtin_memcpy()/__builtin_memset() with a constant size" },
	{ "unsupported signed division", NULL, "BPF has no signed division on this target: "
	  "divide unsigned values" },
	{ "redefinition of", NULL, "vmlinux.h already defines every kernel type: give your own "
	  "struct another name (a suffix like ___mine keeps CO-RE matching it)" },
};

void compile_diag_hint(struct compile_diag *d)
{
	for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++) {
		const struct hint_row *h = &hints[i];

		if (strstr(d->message, h->match) && (!h->also || strstr(d->message, h->also))) {
			snprintf(d->help, sizeof(d->help), "%s", h->help);
			return;
		}
	}
}
