/* jit_x86.c: a JITed program's x86-64 machine code as instructions (capstone, Intel syntax),
 * one source line's bytes at a time, for the xlated listing (xlated.c).  The guest is always
 * x86-64 (qemu-system-x86, or this machine in host mode).  The bytes come from the guest:
 * capstone reads at most the range it is given, and bytes it cannot decode are shown as such. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <capstone/capstone.h>
#include "xlated.h"

/* A call to an address a name is known for: the name instead of the number. */
static const char *call_name(const cs_insn *in, grade_insn_name_fn names, void *ctx)
{
	unsigned long long target;
	char *end;

	if (!names || strcmp(in->mnemonic, "call") || strncmp(in->op_str, "0x", 2))
		return NULL;
	target = strtoull(in->op_str, &end, 16);
	return *end ? NULL : names(ctx, 'a', (long long)target);
}

int grade_jit_disasm(const uint8_t *code, size_t len, uint64_t off, uint64_t addr,
		     grade_insn_name_fn names, void *ctx, char (*out)[GRADE_XLATED_INSN_TEXT],
		     unsigned cap, unsigned *n, unsigned *more)
{
	csh h;
	cs_insn *in = NULL;
	size_t count, done = 0;

	*n = *more = 0;
	if (!len)
		return 0;
	if (cs_open(CS_ARCH_X86, CS_MODE_64, &h) != CS_ERR_OK)
		return -ENOTSUP;
	count = cs_disasm(h, code, len, addr ? addr : off, 0, &in);
	for (size_t i = 0; i < count; i++) {
		const char *name = call_name(&in[i], names, ctx);

		if (*n < cap)
			snprintf(out[(*n)++], GRADE_XLATED_INSN_TEXT, "+%llx: %.40s%s%.60s",
				 (unsigned long long)(off + done), in[i].mnemonic,
				 in[i].op_str[0] ? " " : "", name ? name : in[i].op_str);
		else
			(*more)++;
		done += in[i].size;
	}
	if (done < len) {   /* capstone stopped at bytes it does not know */
		if (*n < cap)
			snprintf(out[(*n)++], GRADE_XLATED_INSN_TEXT, "+%llx: (%zu bytes not decoded)",
				 (unsigned long long)(off + done), len - done);
		else
			(*more)++;
	}
	cs_free(in, count);
	cs_close(&h);
	return 0;
}
