/* bpf_insn.c: one BPF instruction as text, in the verifier's and bpftool's notation
 * ("r1 = *(u32 *)(r10 -4)", "if r0 == 0x0 goto pc+3", "call bpf_ringbuf_reserve", "exit"), so
 * an xlated listing reads like the verifier log a learner may have seen.  Names of helpers and
 * maps come from the caller (the kernel dumps addresses and ids); see xlated.h. */
#include <stdio.h>
#include <string.h>
#include <linux/bpf.h>
#include "xlated.h"

#ifndef BPF_MEMSX
#define BPF_MEMSX 0x80   /* sign-extending loads (cpu v4), newer than this uapi header */
#endif

static const char *const alu_ops[16] = {
	"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", "neg", "%=", "^=", "=", "s>>=", "end",
	"?", "?",
};
static const char *const jmp_ops[16] = {
	"ja", "==", ">", ">=", "&", "!=", "s>", "s>=", "call", "exit", "<", "<=", "s<", "s<=",
	"?", "tail_call",
};

static const char *size_name(unsigned code, int sx)
{
	switch (BPF_SIZE(code)) {
	case BPF_W: return sx ? "s32" : "u32";
	case BPF_H: return sx ? "s16" : "u16";
	case BPF_B: return sx ? "s8" : "u8";
	default: return "u64";
	}
}

static void alu(const struct bpf_insn *in, char *out, size_t cap)
{
	int is64 = BPF_CLASS(in->code) == BPF_ALU64;
	char r = is64 ? 'r' : 'w';
	unsigned op = BPF_OP(in->code) >> 4;
	const char *name = alu_ops[op];
	char src[32];

	if (BPF_SRC(in->code) == BPF_X)
		snprintf(src, sizeof(src), "%c%u", r, in->src_reg);
	else
		snprintf(src, sizeof(src), "%d", in->imm);
	if (BPF_OP(in->code) == BPF_NEG) {
		snprintf(out, cap, "%c%u = -%c%u", r, in->dst_reg, r, in->dst_reg);
	} else if (BPF_OP(in->code) == BPF_END) {
		const char *kind = is64 ? "bswap" : BPF_SRC(in->code) == BPF_TO_BE ? "be" : "le";

		snprintf(out, cap, "r%u = %s%d r%u", in->dst_reg, kind, in->imm, in->dst_reg);
	} else if (BPF_OP(in->code) == BPF_MOV && in->off && BPF_SRC(in->code) == BPF_X) {
		snprintf(out, cap, "%c%u = (s%d)%c%u", r, in->dst_reg, in->off, r, in->src_reg);
	} else {
		/* signed division and modulo (cpu v4) say so with off = 1 */
		int sdiv = in->off == 1 && (BPF_OP(in->code) == BPF_DIV || BPF_OP(in->code) == BPF_MOD);

		snprintf(out, cap, "%c%u %s%s %s", r, in->dst_reg, sdiv ? "s" : "", name, src);
	}
}

static void atomic(const struct bpf_insn *in, char *out, size_t cap)
{
	const char *sz = size_name(in->code, 0);
	int fetch = !!(in->imm & BPF_FETCH), op = in->imm & ~BPF_FETCH;
	const char *name = op == BPF_ADD ? "+=" : op == BPF_AND ? "&=" : op == BPF_OR ? "|=" :
			   op == BPF_XOR ? "^=" : NULL;

	if (name && !fetch)
		snprintf(out, cap, "lock *(%s *)(r%u %+d) %s r%u", sz, in->dst_reg, in->off, name,
			 in->src_reg);
	else if (name)
		snprintf(out, cap, "r%u = atomic_fetch_%s((%s *)(r%u %+d), r%u)", in->src_reg,
			 op == BPF_ADD ? "add" : op == BPF_AND ? "and" : op == BPF_OR ? "or" : "xor",
			 sz, in->dst_reg, in->off, in->src_reg);
	else if (in->imm == BPF_XCHG)
		snprintf(out, cap, "r%u = xchg((%s *)(r%u %+d), r%u)", in->src_reg, sz, in->dst_reg,
			 in->off, in->src_reg);
	else if (in->imm == BPF_CMPXCHG)
		snprintf(out, cap, "r0 = cmpxchg((%s *)(r%u %+d), r0, r%u)", sz, in->dst_reg, in->off,
			 in->src_reg);
	else
		snprintf(out, cap, "(atomic op %#x) *(%s *)(r%u %+d), r%u", (unsigned)in->imm, sz,
			 in->dst_reg, in->off, in->src_reg);
}

static void call(const struct bpf_insn *in, grade_insn_name_fn names, void *ctx, char *out,
		 size_t cap)
{
	const char *n;

	if (in->src_reg == BPF_PSEUDO_CALL)
		snprintf(out, cap, "call pc%+d", in->imm);
	else if (in->src_reg == BPF_PSEUDO_KFUNC_CALL)
		snprintf(out, cap, "call kernel-function#%d", in->imm);
	else if (names && (n = names(ctx, 'h', in->imm)))
		snprintf(out, cap, "call %s", n);
	else
		snprintf(out, cap, "call %#x", (unsigned)in->imm);
}

static void jmp(const struct bpf_insn *in, grade_insn_name_fn names, void *ctx, char *out,
		size_t cap)
{
	int is32 = BPF_CLASS(in->code) == BPF_JMP32;
	char r = is32 ? 'w' : 'r';
	unsigned op = BPF_OP(in->code);

	if (op == BPF_CALL)
		call(in, names, ctx, out, cap);
	else if (op == BPF_EXIT)
		snprintf(out, cap, "exit");
	else if (op == BPF_JA)
		snprintf(out, cap, is32 ? "gotol pc%+d" : "goto pc%+d", is32 ? in->imm : in->off);
	else if (BPF_SRC(in->code) == BPF_X)
		snprintf(out, cap, "if %c%u %s %c%u goto pc%+d", r, in->dst_reg, jmp_ops[op >> 4], r,
			 in->src_reg, in->off);
	else
		snprintf(out, cap, "if %c%u %s %#x goto pc%+d", r, in->dst_reg, jmp_ops[op >> 4],
			 (unsigned)in->imm, in->off);
}

/* ld_imm64: a constant, or what the kernel put there (a map, a map's value). */
static void ld_imm64(const struct bpf_insn *in, grade_insn_name_fn names, void *ctx, char *out,
		     size_t cap)
{
	unsigned long long v = (uint32_t)in[0].imm | ((unsigned long long)(uint32_t)in[1].imm << 32);
	const char *n = names && (in->src_reg == BPF_PSEUDO_MAP_FD || in->src_reg == BPF_PSEUDO_MAP_VALUE) ?
			names(ctx, 'm', in->imm) : NULL;
	char map[96];

	if (n)
		snprintf(map, sizeof(map), "map[id:%u %s]", (unsigned)in->imm, n);
	else
		snprintf(map, sizeof(map), "map[id:%u]", (unsigned)in->imm);
	if (in->src_reg == BPF_PSEUDO_MAP_FD)
		snprintf(out, cap, "r%u = %s", in->dst_reg, map);
	else if (in->src_reg == BPF_PSEUDO_MAP_VALUE)
		snprintf(out, cap, "r%u = %s[0]+%d", in->dst_reg, map, in[1].imm);
	else
		snprintf(out, cap, "r%u = %#llx", in->dst_reg, v);
}

int grade_insn_print(const struct bpf_insn *in, size_t left, grade_insn_name_fn names,
		     void *ctx, char *out, size_t cap)
{
	unsigned cls;

	if (!left || !cap)
		return 0;
	cls = BPF_CLASS(in->code);
	switch (cls) {
	case BPF_ALU:
	case BPF_ALU64:
		alu(in, out, cap);
		return 1;
	case BPF_JMP:
	case BPF_JMP32:
		jmp(in, names, ctx, out, cap);
		return 1;
	case BPF_LDX: {
		int sx = BPF_MODE(in->code) == BPF_MEMSX;

		snprintf(out, cap, "r%u = *(%s *)(r%u %+d)", in->dst_reg, size_name(in->code, sx),
			 in->src_reg, in->off);
		return 1;
	}
	case BPF_STX:
		if (BPF_MODE(in->code) == BPF_ATOMIC)
			atomic(in, out, cap);
		else
			snprintf(out, cap, "*(%s *)(r%u %+d) = r%u", size_name(in->code, 0),
				 in->dst_reg, in->off, in->src_reg);
		return 1;
	case BPF_ST:
		snprintf(out, cap, "*(%s *)(r%u %+d) = %d", size_name(in->code, 0), in->dst_reg,
			 in->off, in->imm);
		return 1;
	default:   /* BPF_LD */
		if (in->code == (BPF_LD | BPF_IMM | BPF_DW) && left >= 2) {
			ld_imm64(in, names, ctx, out, cap);
			return 2;
		}
		if (BPF_MODE(in->code) == BPF_ABS || BPF_MODE(in->code) == BPF_IND)
			snprintf(out, cap, "r0 = *(%s *)skb[%s%d]", size_name(in->code, 0),
				 BPF_MODE(in->code) == BPF_IND ? "r" : "", BPF_MODE(in->code) == BPF_IND ?
				 in->src_reg : in->imm);
		else
			snprintf(out, cap, "(bad instruction %#04x)", in->code);
		return 1;
	}
}
