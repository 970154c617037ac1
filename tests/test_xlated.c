/* test_xlated.c: the program listing the grader shows (grade/xlated.h): one instruction per
 * row of grade_insn_print() in the verifier's notation, and grade_xlated_new()'s grouping of
 * the kernel's translated instructions and JITed bytes under the learner's source lines, with
 * malformed arrays refused.  Pure: no root, no kernel. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>
#include "tests/harness.h"
#include "grade/xlated.h"

/* grade_insn_print(): one row per instruction form, in the verifier's notation. */
#define I(c, d, s_, o, i) { .code = (c), .dst_reg = (d), .src_reg = (s_), .off = (o), .imm = (i) }
static const char *names_fn(void *ctx, int kind, long long v)
{
	(void)ctx;
	return kind == 'h' && v == -1234 ? "bpf_ringbuf_reserve" : kind == 'm' && v == 7 ? "events" : NULL;
}

static void test_insn_print(void)
{
	static const struct {
		struct bpf_insn in[2];
		int n;
		const char *text, *why;
	} rows[] = {
		{ { I(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0) }, 1, "r0 = 0", "mov of a constant" },
		{ { I(BPF_ALU64 | BPF_MOV | BPF_X, 6, 1, 0, 0) }, 1, "r6 = r1", "mov of a register" },
		{ { I(BPF_ALU | BPF_ADD | BPF_K, 1, 0, 0, -20) }, 1, "w1 += -20", "32-bit ALU says w" },
		{ { I(BPF_ALU64 | BPF_RSH | BPF_K, 0, 0, 0, 32) }, 1, "r0 >>= 32", "shift" },
		{ { I(BPF_ALU64 | BPF_ARSH | BPF_X, 2, 3, 0, 0) }, 1, "r2 s>>= r3", "arithmetic shift" },
		{ { I(BPF_ALU64 | BPF_NEG, 4, 0, 0, 0) }, 1, "r4 = -r4", "negation" },
		{ { I(BPF_ALU | BPF_END | BPF_TO_BE, 1, 0, 0, 16) }, 1, "r1 = be16 r1", "byte swap" },
		{ { I(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 8, 0) }, 1, "r1 = (s8)r2", "sign-extending mov" },
		{ { I(BPF_ALU64 | BPF_DIV | BPF_K, 1, 0, 1, 3) }, 1, "r1 s/= 3", "signed division" },
		{ { I(BPF_LDX | BPF_MEM | BPF_W, 1, 10, -4, 0) }, 1, "r1 = *(u32 *)(r10 -4)", "a load" },
		{ { I(BPF_LDX | 0x80 | BPF_B, 1, 2, 3, 0) }, 1, "r1 = *(s8 *)(r2 +3)", "a sign-extending load" },
		{ { I(BPF_STX | BPF_MEM | BPF_DW, 10, 2, -32, 0) }, 1, "*(u64 *)(r10 -32) = r2", "a store" },
		{ { I(BPF_ST | BPF_MEM | BPF_H, 1, 0, 2, 7) }, 1, "*(u16 *)(r1 +2) = 7", "a store of a constant" },
		{ { I(BPF_STX | BPF_ATOMIC | BPF_DW, 2, 1, 0, BPF_ADD) }, 1, "lock *(u64 *)(r2 +0) += r1", "atomic add" },
		{ { I(BPF_STX | BPF_ATOMIC | BPF_W, 2, 1, 0, BPF_ADD | BPF_FETCH) }, 1,
		  "r1 = atomic_fetch_add((u32 *)(r2 +0), r1)", "atomic fetch-add" },
		{ { I(BPF_STX | BPF_ATOMIC | BPF_DW, 2, 3, 8, BPF_CMPXCHG) }, 1,
		  "r0 = cmpxchg((u64 *)(r2 +8), r0, r3)", "compare and exchange" },
		{ { I(BPF_JMP | BPF_JNE | BPF_K, 1, 0, 43, 0x73) }, 1, "if r1 != 0x73 goto pc+43", "a conditional jump" },
		{ { I(BPF_JMP32 | BPF_JSGT | BPF_X, 1, 2, -5, 0) }, 1, "if w1 s> w2 goto pc-5", "a 32-bit signed jump" },
		{ { I(BPF_JMP | BPF_JA, 0, 0, 19, 0) }, 1, "goto pc+19", "a jump" },
		{ { I(BPF_JMP | BPF_CALL, 0, 0, 0, -1234) }, 1, "call bpf_ringbuf_reserve", "a helper, named" },
		{ { I(BPF_JMP | BPF_CALL, 0, 0, 0, 99) }, 1, "call 0x63", "a helper without a name" },
		{ { I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 12) }, 1, "call pc+12", "a subprogram" },
		{ { I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) }, 1, "exit", "exit" },
		{ { I(BPF_LD | BPF_IMM | BPF_DW, 3, 0, 0, -1), I(0, 0, 0, 0, 0) }, 2, "r3 = 0xffffffff",
		  "a 64-bit constant takes two" },
		{ { I(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0, 7), I(0, 0, 0, 0, 0) }, 2,
		  "r1 = map[id:7 events]", "a map, named" },
		{ { I(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_VALUE, 0, 8), I(0, 0, 0, 0, 16) }, 2,
		  "r1 = map[id:8][0]+16", "a map's value" },
	};
	char t[GRADE_XLATED_INSN_TEXT];

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		int n = grade_insn_print(rows[i].in, 2, names_fn, NULL, t, sizeof(t));

		CHECK(n == rows[i].n && !strcmp(t, rows[i].text), "%s: got %d '%s', want %d '%s'",
		      rows[i].why, n, t, rows[i].n, rows[i].text);
	}
	CHECK(grade_insn_print(rows[0].in, 0, NULL, NULL, t, sizeof(t)) == 0, "nothing left: 0");
	/* a 64-bit load cut at the end of the program is not read past it */
	CHECK(grade_insn_print(rows[23].in, 1, NULL, NULL, t, sizeof(t)) == 1, "a cut ld_imm64: 1");
}

/* grade_xlated_new(): lines grouped, instructions and JITed bytes under them; bad arrays refused. */
static void test_xlated(void)
{
	static const char src[] = "int f(void)\n{\n\tint x = 1;\n\treturn x;\n}\n";
	struct bpf_insn in[] = {
		I(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 1), I(BPF_ALU64 | BPF_MOV | BPF_K, 2, 0, 0, 2),
		I(BPF_ALU64 | BPF_MOV | BPF_X, 0, 1, 0, 0), I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	struct bpf_line_info li[] = {
		{ .insn_off = 0, .line_col = 3 << 10 | 6 }, { .insn_off = 1, .line_col = 3 << 10 | 10 },
		{ .insn_off = 2, .line_col = 4 << 10 | 2 },
	};
	uint32_t offs[] = { 0, 5, 9 };
	uint8_t jit[12] = { 0x55, 0x48, 0x89, 0xe5 };
	struct proto_xlated m = { .prog = "f", .insns = (const uint8_t *)in, .insns_len = sizeof(in),
				  .lines = (const uint8_t *)li, .lines_len = sizeof(li), .jited = jit,
				  .jited_len = sizeof(jit), .jit_offs = (const uint8_t *)offs,
				  .jit_offs_len = sizeof(offs) };
	struct grade_xlated *x = NULL;
	struct buf b;
	int rc = grade_xlated_new(NULL, &m, src, sizeof(src) - 1, NULL, &x);

	CHECK(rc == 0 && x, "a listing: %d", rc);
	if (!x)
		return;
	CHECK(x->nlines == 2, "two source lines (line 3 twice is one): %u", x->nlines);
	CHECK(x->lines[0].line == 3 && !strcmp(x->lines[0].text, "int x = 1;") &&
	      x->lines[0].first == 0 && x->lines[0].ninsns == 2 && x->lines[0].jit_len == 9,
	      "line 3: its text, two instructions, 9 JITed bytes");
	CHECK(x->lines[1].line == 4 && !strcmp(x->lines[1].text, "return x;") &&
	      x->lines[1].ninsns == 2 && !strcmp(x->insns[3], "3: exit") && x->lines[1].jit_len == 3,
	      "line 4: return, its exit, the rest of the image");
	CHECK(x->lines[0].njit == 5 && !strcmp(x->lines[0].jit[4], "+8: (1 bytes not decoded)"),
	      "bytes the JIT disassembler cannot decode are said so: %u", x->lines[0].njit);
	buf_init(&b, 1 << 16);
	CHECK(grade_xlated_render_text(x, 0, &b) == 0 && b.data &&
	      strstr((char *)b.data, "3 | int x = 1;\n  |   0: r1 = 1\n  |   1: r2 = 2\n  |       jit +0: push rbp\n"
				     "  |       jit +1: mov rbp, rsp\n  |       jit +4: add byte ptr [rax], al\n"),
	      "the text interleaves: %s", b.data ? (char *)b.data : "");
	buf_free(&b);
	grade_xlated_free(x);

	m.insns_len = sizeof(in) - 1;
	CHECK(grade_xlated_new(NULL, &m, NULL, 0, NULL, &x) == -EPROTO && !x, "a partial instruction: -EPROTO");
	m.insns_len = sizeof(in);
	li[2].insn_off = 4;
	CHECK(grade_xlated_new(NULL, &m, NULL, 0, NULL, &x) == -EPROTO, "line info past the end: -EPROTO");
	li[2].insn_off = 0;
	CHECK(grade_xlated_new(NULL, &m, NULL, 0, NULL, &x) == -EPROTO, "line info out of order: -EPROTO");
	li[2].insn_off = 2;
	offs[1] = 1000;   /* past the image: not shown */
	m.jit_offs_len = sizeof(offs) - 4;   /* not one per line info: no JIT per line */
	CHECK(grade_xlated_new(NULL, &m, NULL, 0, NULL, &x) == 0 && x && x->lines[0].jit_len == 0,
	      "JIT offsets that do not match the lines are ignored");
	grade_xlated_free(x);
}

int main(void)
{
	test_insn_print();
	test_xlated();
	return harness_done("xlated");
}
