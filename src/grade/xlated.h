/* xlated.h: a loaded program as the kernel runs it, for a learner: each xlated instruction as
 * text (bpf_insn.c) under the source line it came from, and the JITed bytes of that line
 * (xlated.c).  Built on the host from an XLATED message (core/proto.h) and the object's BTF,
 * which holds the source lines the line info points at. */
#ifndef DOJO_GRADE_XLATED_H
#define DOJO_GRADE_XLATED_H

#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"
#include "core/limits.h"
#include "core/proto.h"
#include "grade.h"

struct bpf_insn;

/* The name of a helper ('h', @v the call's imm as the kernel dumps it), a map ('m', @v its
 * id) or a kernel function the JIT calls ('a', @v its address); NULL when not known. */
typedef const char *(*grade_insn_name_fn)(void *ctx, int kind, long long v);

/* One instruction at @in (@left instructions remain, from @in on) as text into @out (@cap
 * bytes, always NUL-terminated when @cap > 0).  Returns how many instructions it took: 2 for
 * a 64-bit load of a constant or a map, else 1; 0 when @left or @cap is 0.  @names may be
 * NULL (helpers then show as their dumped imm, maps as their id). */
int grade_insn_print(const struct bpf_insn *in, size_t left, grade_insn_name_fn names,
		     void *ctx, char *out, size_t cap);

#define GRADE_XLATED_INSN_TEXT 112   /* one instruction's text, "123: r1 = ..." */

/* The x86-64 machine code @code (@len bytes, at offset @off of the image, running at kernel
 * address @addr, 0 unknown) as up to @cap instructions "+<offset>: <mnemonic> <operands>" into
 * @out (*n of them; *more past @cap); a call to an address @names knows ('a') is named.  0, or
 * -ENOTSUP when the disassembler cannot start (then *n is 0). */
int grade_jit_disasm(const uint8_t *code, size_t len, uint64_t off, uint64_t addr,
		     grade_insn_name_fn names, void *ctx, char (*out)[GRADE_XLATED_INSN_TEXT],
		     unsigned cap, unsigned *n, unsigned *more);

/* One source line (a run of line info with the same line) and its instructions. */
struct grade_xlated_line {
	int line, col;                 /* 0: instructions before the first line info */
	char file[DOJO_MAX_FILENAME];  /* the file's base name, "" unknown */
	int other_file;                /* not the learner's file (a header such as dojo.h) */
	char text[160];                /* the source line, leading blanks cut, "" unknown */
	unsigned first, ninsns;        /* x->insns[first .. first + ninsns) */
	int64_t jit_off;               /* where its JITed code starts in x->jited, -1 unknown */
	unsigned jit_len;              /* its JITed bytes */
	char (*jit)[GRADE_XLATED_INSN_TEXT];  /* those as x86-64 instructions (NULL: none) */
	unsigned njit, jit_more;       /* shown (at most DOJO_XLATED_JIT_INSNS), left out */
};

struct grade_xlated {
	char prog[PROTO_NAME_MAX];
	char (*insns)[GRADE_XLATED_INSN_TEXT];  /* "<index>: <text>", in order */
	uint32_t *insn_idx;            /* each one's xlated index (ld_imm64 takes two) */
	unsigned ninsns;
	struct grade_xlated_line *lines;
	unsigned nlines;
	uint8_t *jited;                /* the JITed image (host architecture machine code) */
	size_t jited_len;
	int truncated;                 /* over DOJO_MAX_XLATED_INSNS: the tail was not sent */
};

/* Build the listing of @m with the object's @btf (NULL: no file names).  A line of the file
 * @filename is shown from @source (@len bytes; clang fed from stdin leaves BTF's line text
 * empty), a line of another file (a header) from BTF when it has it.  0 with *out set (free it with grade_xlated_free()), -EPROTO when @m's arrays are
 * malformed (sizes that are not whole records, line info out of order or past the end), or
 * -ENOMEM. */
int grade_xlated_new(const struct grade_btf *btf, const struct proto_xlated *m,
		     const char *source, size_t len, const char *filename,
		     struct grade_xlated **out);
void grade_xlated_free(struct grade_xlated *x);

/* The listing for a terminal (ANSI colours with @color), at most DOJO_XLATED_MAX_TEXT bytes:
 * a header, each source line, its instructions and the x86-64 instructions the JIT made of
 * them (capstone; DOJO_XLATED_JIT_INSNS at most per line).  0, or -E2BIG when cut (what fit is
 * in @out, with a line saying so), or -ENOMEM. */
int grade_xlated_render_text(const struct grade_xlated *x, int color, struct buf *out);

#endif
