/* verifier_access.c: the classes about memory the program touches: an index past (or before)
 * an array in a map value, a ring-buffer record or the stack, and the size and buffer
 * arguments of helpers (the kind of pointer used is verifier_pointers.c's).  Each names the
 * learner's variable and array from their line, the array's length from BTF (or the
 * declaration), and the check that narrowed the index from the logged register states (see
 * vu_find_check). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)
#define SIZE_SMALL_BOUND (1LL << 20)   /* a size bounded below this came from a helper's range */

enum region { R_UNKNOWN, R_MAP, R_RINGBUF, R_STACK };

static enum region region_of(struct vctx *c, int reg)
{
	char st[256];

	if (vu_err(c, "map value"))
		return R_MAP;
	if (vu_err(c, "stack"))
		return R_STACK;
	if (vu_err(c, "mem_size="))
		return R_RINGBUF;
	if (reg >= 0 && grade_vlog_reg_before(c->log, c->log->fail, reg, st, sizeof(st))) {
		if (!strncmp(st, "map_value", 9))
			return R_MAP;
		if (!strncmp(st, "ringbuf_mem", 11))
			return R_RINGBUF;
		if (!strncmp(st, "fp", 2))
			return R_STACK;
	}
	return R_UNKNOWN;
}

static const char *const region_id[] = { "memory", "map-value", "ringbuf", "stack" };
static const char *const region_words[] = { "memory", "a map value", "a ring-buffer record",
					    "the stack" };

/* An index into an array: off by one, unbounded, or possibly negative. */
int vc_index(struct vctx *c)
{
	const char *e = vu_err(c, "unbounded memory access, make sure");
	char line_t[512], arr[64], idx[64], st[256], chk_t[512];
	int col, line = grade_fail_line(c, &col), reg = -1, check;
	long elems = 0, esz = 0, ssz = 0;
	long long lo = 0, hi = 0;
	bool negative, unbounded, have_range = false;
	enum region r;

	if (!e && !(e = vu_err(c, "outside of the allowed memory range")) &&
	    !(e = vu_err(c, "invalid access to map value")) &&
	    !(e = vu_err(c, "invalid access to memory, mem_size")) &&
	    !(e = vu_err(c, "variable-offset")) && !(e = vu_err(c, "unbounded min value")) &&
	    !(e = vu_err(c, "min value is negative, either use unsigned index")) &&
	    !(e = vu_err(c, "pointer be out of bounds")))   /* "value -2147483648 makes ..." */
		return 0;
	if (!strncmp(vu_insn(c), "call ", 5))
		return 0;   /* a helper's argument: vc_helper_size */
	if (!vu_line(c, line, line_t, sizeof(line_t)) ||
	    !vu_subscript(line_t, arr, sizeof(arr), idx, sizeof(idx)))
		return 0;
	r = region_of(c, vu_err_reg(e) >= 0 ? vu_err_reg(e) : -1);
	if (r != R_STACK)
		grade_vobj_member(c->obj, arr, 0, &elems, &esz, &ssz);
	if (!elems)
		elems = vu_decl_elems(c, arr, line);
	check = vu_find_check(c, idx, &reg, st, sizeof(st));
	if (check && st[0]) {
		have_range = (grade_vlog_num(st, "smin", &lo) || grade_vlog_num(st, "smin32", &lo) ||
			      (lo = 0, true)) &&
			     (grade_vlog_num(st, "umax", &hi) || grade_vlog_num(st, "smax", &hi) ||
			      grade_vlog_num(st, "smax32", &hi));
	}
	negative = vu_err(c, "unbounded min value") || vu_err(c, "min value is negative") ||
		   (vu_err(c, "pointer be out of bounds") && strstr(e, "value -")) ||
		   (have_range && lo < 0);
	unbounded = !negative && (!check || vu_err(c, "unbounded memory access"));
	snprintf(D->cls, sizeof(D->cls), "%s-%s", region_id[r],
		 negative ? "negative-index" : unbounded ? "unbounded-index" : "off-by-one");
	grade_span_at(c, &D->primary, line, idx);
	if (negative) {
		snprintf(D->title, sizeof(D->title), "`%s` may be negative when it indexes `%s`", idx,
			 arr);
		if (have_range)
			snprintf(D->primary.label, sizeof(D->primary.label),
				 "%s can be in [%lld, %lld]: it is signed, and nothing checks it "
				 "from below", idx, lo, hi);
		else
			snprintf(D->primary.label, sizeof(D->primary.label),
				 "%s is signed, and nothing checks it from below", idx);
		snprintf(D->help, sizeof(D->help), "declare `%s` unsigned (u32), or also check "
			 "`%s < 0`", idx, idx);
	} else if (unbounded) {
		snprintf(D->title, sizeof(D->title), "unbounded index into `%s` in %s", arr,
			 region_words[r]);
		if (elems)
			snprintf(D->primary.label, sizeof(D->primary.label),
				 "%s can be anything here, but `%s` has %ld elements", idx, arr, elems);
		else
			snprintf(D->primary.label, sizeof(D->primary.label),
				 "%s can be anything here", idx);
		char x[64], low[96] = "";
		long k, n = elems ? elems : 16L;
		char op;

		/* an index computed from a variable ("len - 1"): bound the variable */
		if (sscanf(idx, "%63[A-Za-z0-9_] %c %ld", x, &op, &k) == 3 && k > 0 && k < n &&
		    (op == '-' || op == '+')) {
			if (op == '-')
				snprintf(low, sizeof(low), "%s < %ld || ", x, k);
			snprintf(D->help, sizeof(D->help), "check `%s` just before the access so "
				 "that %s stays in [0, %ld]: `if (%s%s > %ld) return 0;`", x, idx,
				 n - 1, low, x, op == '-' ? n - 1 + k : n - 1 - k);
		} else
			snprintf(D->help, sizeof(D->help), "check it just before the access: `if (%s "
				 ">= %ld) return 0;` (the check must test the same variable the access "
				 "uses)", idx, n);
	} else {
		snprintf(D->title, sizeof(D->title), "possible out-of-bounds access to `%s`", arr);
		if (have_range && elems)
			snprintf(D->primary.label, sizeof(D->primary.label),
				 "%s can be in [%lld, %lld], but `%s` has %ld elements: [0, %ld]", idx,
				 lo, hi, arr, elems, elems - 1);
		else if (elems)
			snprintf(D->primary.label, sizeof(D->primary.label),
				 "`%s` has %ld elements: [0, %ld]", arr, elems, elems - 1);
		else
			snprintf(D->primary.label, sizeof(D->primary.label),
				 "%s can reach past the end of `%s`", idx, arr);
		if (elems && check && vu_line(c, check, chk_t, sizeof(chk_t)) &&
		    (strstr(chk_t, "bpf_for(") || strstr(chk_t, "for (") || strstr(chk_t, "for(")))
			snprintf(D->help, sizeof(D->help), strstr(chk_t, "bpf_for(") ?
				 "end the loop at the array's length: `bpf_for(%s, 0, %ld)` runs over "
				 "[0, %ld)" : "end the loop at the array's length: loop while `%s < %ld` "
				 "(not `<=`)%.0ld", idx, elems, elems);
		else if (elems)
			snprintf(D->help, sizeof(D->help), "use `%s >= %ld` (or `%s < %ld` when the check "
				 "guards the access)", idx, elems, idx, elems);
	}
	if (check && vu_line(c, check, chk_t, sizeof(chk_t))) {
		struct grade_span *s = grade_diag_secondary(D);
		const char *p = strchr(chk_t, '(');

		grade_span_at(c, s, check, NULL);
		if (p) {   /* underline the condition: up to the matching parenthesis */
			char cond[256];
			int depth = 0;
			size_t n = 0;

			for (n = 1; p[n] && (p[n] != ')' || depth > 0); n++)
				depth += p[n] == '(' ? 1 : p[n] == ')' ? -1 : 0;
			snprintf(cond, sizeof(cond), "%.*s", (int)(n - 1), p + 1);
			grade_span_at(c, s, check, cond);
		}
		if (have_range && !negative)
			snprintf(s->label, sizeof(s->label), "this check lets %s be %lld", idx, hi);
		else if (have_range)
			snprintf(s->label, sizeof(s->label), "this check lets %s be as low as %lld", idx,
				 lo);
		else
			snprintf(s->label, sizeof(s->label), "this check does not bound %s enough", idx);
	}
	return 1;
}

/* The line, above @line in its function, that reserves the record @base points to
 * (`e = bpf_ringbuf_reserve(&rb, sizeof(e), 0);`), its size argument into @size; 0 if none. */
static int reserve_of(const struct vctx *c, const char *base, int line, char *size, size_t cap)
{
	char t[512];
	int l = vu_assign_line(c, base, line, "bpf_ringbuf_reserve(");

	return l && vu_line(c, l, t, sizeof(t)) &&
	       vu_call_arg(t, "bpf_ringbuf_reserve", 2, size, cap) ? l : 0;
}

/* The size argument of a helper: unbounded, possibly zero, or larger than the buffer. */
int vc_helper_size(struct vctx *c)
{
	const char *e;
	char helper[64], line_t[512], arg[128], buf[128], st[256], base[64], field[72];
	char rsize[128];
	int col, line = grade_fail_line(c, &col), reg, chk, creg, at;
	long long off = 0, sz = 0;

	if (!vu_helper(vu_insn(c), helper, sizeof(helper)))
		return 0;
	vu_line(c, line, line_t, sizeof(line_t));
	if ((e = vu_err(c, "invalid zero-sized read")) || (e = vu_err(c, "min value is negative")) ||
	    (e = vu_err(c, "unbounded memory access, use")) || (e = vu_err(c, "is not a known constant"))) {
		bool zero = strstr(e, "zero-sized"), nonconst = strstr(e, "not a known constant");

		char whole[1024], from[64] = "";
		long long smax = -1;
		int argl = 0, made = 0;

		reg = vu_err_reg(e);
		if (reg < 1 || reg > 5) {
			arg[0] = 0;
		} else if (!vu_call_arg(line_t, helper, reg, arg, sizeof(arg))) {
			/* the call goes on over the next lines: the size is on one of them */
			vu_statement(c, line, whole, sizeof(whole));
			if (vu_call_arg(whole, helper, reg, arg, sizeof(arg)))
				argl = vu_find_line(c, arg, line + 1, line + VU_STATEMENT_LINES);
			else
				arg[0] = 0;
		}
		if (argl)
			grade_span_at(c, &D->primary, argl, arg);
		else
			grade_span_in_call(c, &D->primary, line, helper, arg);
		if (reg >= 1 && grade_vlog_reg_before(c->log, c->log->fail, reg, st, sizeof(st)))
			grade_vlog_num(st, "smax", &smax);
		if (reg >= 1 && smax >= 0 && smax < SIZE_SMALL_BOUND)
			made = vu_find_call(c, reg, from, sizeof(from));
		if (nonconst) {
			snprintf(D->cls, sizeof(D->cls), "ringbuf-reserve-size");
			snprintf(D->title, sizeof(D->title), "%s() needs a size known when the program "
				 "is loaded", helper);
			snprintf(D->primary.label, sizeof(D->primary.label), "%s is computed at run time",
				 arg[0] ? arg : "this size");
			snprintf(D->help, sizeof(D->help), "reserve a fixed size (e.g. sizeof(struct event)) "
				 "and store the length inside the record, or use bpf_ringbuf_output() for "
				 "data of variable size");
		} else if (zero) {
			snprintf(D->cls, sizeof(D->cls), "helper-size-zero");
			snprintf(D->title, sizeof(D->title), "the size passed to %s() may be 0", helper);
			snprintf(D->primary.label, sizeof(D->primary.label), "%s can be 0 here, and %s() "
				 "needs at least one byte", arg[0] ? arg : "the size", helper);
			snprintf(D->help, sizeof(D->help), "return early when it is 0 (`if (%s == 0) "
				 "return 0;`), or pass a constant size", arg[0] ? arg : "len");
		} else if (strstr(e, "min value is negative") && arg[0] &&
			   (chk = vu_find_check(c, arg, &creg, st, sizeof(st))) > 0) {
			/* checked from above only: a signed size can still be negative */
			snprintf(D->cls, sizeof(D->cls), "helper-size-negative");
			snprintf(D->title, sizeof(D->title), "the size passed to %s() may be negative",
				 helper);
			snprintf(D->primary.label, sizeof(D->primary.label), "%s is signed: below 0 it "
				 "is a huge size", arg);
			grade_secondary_at(c, chk, arg, "checks `%s` from above only", arg);
			snprintf(D->help, sizeof(D->help), "declare `%s` unsigned (u32), or check it from "
				 "below too: `if (%s < 0) return 0;`", arg, arg);
		} else if (strstr(e, "min value is negative") && made > 0) {
			/* bounded above by the helper it came from, negative when that one fails */
			snprintf(D->cls, sizeof(D->cls), "helper-size-negative");
			snprintf(D->title, sizeof(D->title), "the size passed to %s() may be negative: it "
				 "comes from %s(), which returns an error code below 0 when it fails",
				 helper, from);
			snprintf(D->primary.label, sizeof(D->primary.label), "%s may be below 0 here",
				 arg[0] ? arg : "the size");
			grade_secondary_at(c, made, from, "returns a negative error when it fails");
			if (!vu_line(c, made, buf, sizeof(buf)) || !vu_assigned(buf, base, sizeof(base)))
				snprintf(base, sizeof(base), "len");
			snprintf(D->help, sizeof(D->help), "check the result before using it as a size: "
				 "`if (%s < 0) return 0;` right after %s()", base, from);
		} else {
			snprintf(D->cls, sizeof(D->cls), "helper-size-unbounded");
			snprintf(D->title, sizeof(D->title), "the size passed to %s() is not bounded",
				 helper);
			snprintf(D->primary.label, sizeof(D->primary.label), "%s can be anything here "
				 "(even negative as a signed number)", arg[0] ? arg : "the size");
			snprintf(D->help, sizeof(D->help), "bound it just before the call, e.g. "
				 "`if (%s > sizeof(buf)) %s = sizeof(buf);` or `%s &= 63;`",
				 arg[0] ? arg : "len", arg[0] ? arg : "len", arg[0] ? arg : "len");
		}
		return 1;
	}
	if ((e = vu_err(c, "invalid write to stack")) || (e = vu_err(c, "invalid indirect access to stack")) ||
	    (e = vu_err(c, "invalid read from stack")) || (e = vu_err(c, "invalid indirect read from stack")) ||
	    (e = vu_err(c, "invalid access to map value, value_size=")) ||
	    (e = vu_err(c, "invalid access to memory, mem_size="))) {
		const char *r = strstr(e, " R");
		const char *o = strstr(e, "off=");
		const char *s = strstr(e, "size=");
		const char *whole = strstr(e, "value_size=") ? strstr(e, "value_size=") + 11 :
				    strstr(e, "mem_size=") ? strstr(e, "mem_size=") + 9 : NULL;
		long long room;

		/* on the stack the offset is below the frame (-off bytes of room); in a map value or
		 * a record, the room is what is left after the offset; the register is named on the
		 * next line there ("R1 min value is outside of the allowed memory range") */
		if (whole) {
			s = strstr(whole, "size=");
			reg = vu_err_reg(vu_err(c, "outside of the allowed memory range"));
			if (reg < 0)
				reg = 1;
		} else
			reg = r ? vu_err_reg(r + 1) : -1;
		if (!o || !s || !grade_vlog_num(o + 4, NULL, &off) || !grade_vlog_num(s + 5, NULL, &sz) ||
		    reg < 1 || reg > 5)
			return 0;
		room = -off;
		if (whole) {
			long long total;

			if (!grade_vlog_num(whole, NULL, &total) || off < 0 || off >= total)
				return 0;
			room = total - off;
		}
		if (!vu_call_arg(line_t, helper, reg, buf, sizeof(buf)))
			snprintf(buf, sizeof(buf), "the buffer");
		if (!vu_call_arg(line_t, helper, reg + 1, arg, sizeof(arg)))
			arg[0] = 0;
		snprintf(D->cls, sizeof(D->cls), "helper-size-too-large");
		snprintf(D->title, sizeof(D->title), "%s() may write %lld bytes into `%s`, which holds "
			 "%lld", helper, sz, buf, room);
		grade_span_at(c, &D->primary, line, arg[0] ? arg : buf);
		if (whole)
			snprintf(D->primary.label, sizeof(D->primary.label), "%lld bytes, but `%s` starts "
				 "%lld bytes into %s of %lld, leaving %lld", sz, buf, off,
				 region_words[region_of(c, reg)], room + off, room);
		else
			snprintf(D->primary.label, sizeof(D->primary.label), "%lld bytes, but `%s` has "
				 "room for %lld", sz, buf, room);
		snprintf(D->help, sizeof(D->help), "pass `sizeof(%s)` as the size",
			 buf[0] == '&' ? buf + 1 : buf);
		/* a record reserved too small (`sizeof(e)` for `sizeof(*e)`) */
		if (whole && vu_member_access(buf, base, sizeof(base), field, sizeof(field)) &&
		    (at = reserve_of(c, base, line, rsize, sizeof(rsize))) > 0) {
			grade_secondary_at(c, at, rsize, "reserves %lld bytes", room + off);
			snprintf(field, sizeof(field), "sizeof(%s)", base);
			if (!strcmp(rsize, field))
				snprintf(D->help, sizeof(D->help), "reserve `sizeof(*%s)`: `sizeof(%s)` "
					 "is the size of the pointer (8 bytes), not of the record", base,
					 base);
		}
		return 1;
	}
	return 0;
}

/* A stack buffer passed to a helper before it was written (unprivileged loaders only). */
int vc_uninit_stack(struct vctx *c)
{
	const char *e = vu_err(c, "invalid indirect read from stack");
	char helper[64], line_t[512], arg[128];
	int col, line = grade_fail_line(c, &col);

	if (!e || !vu_helper(vu_insn(c), helper, sizeof(helper)))
		return 0;
	vu_line(c, line, line_t, sizeof(line_t));
	if (!vu_call_arg(line_t, helper, vu_err_reg(strstr(e, " R") ? strstr(e, " R") + 1 : e), arg,
			 sizeof(arg)))
		arg[0] = 0;
	snprintf(D->cls, sizeof(D->cls), "uninitialized-stack");
	snprintf(D->title, sizeof(D->title), "%s() reads stack memory that was never written",
		 helper);
	grade_span_in_call(c, &D->primary, line, helper, arg);
	snprintf(D->primary.label, sizeof(D->primary.label), "part of %s is not initialized",
		 arg[0] ? arg : "this buffer");
	snprintf(D->help, sizeof(D->help), "initialize it first, e.g. `struct key k = {};` (padding "
		 "bytes count too)");
	return 1;
}

/* A helper's buffer argument points into a map value or record at an offset the verifier
 * cannot bound ("&e->buf[e->len]"): the index is read back from memory, or grows in a loop,
 * and nothing checks it against the room the helper writes into. */
int vc_helper_buf(struct vctx *c)
{
	const char *e = vu_err(c, "unbounded memory access, make sure");
	char helper[64], line_t[512], arg[128], arr[64], idx[96], sz[128] = "", st[256];
	int col, line = grade_fail_line(c, &col), reg;
	long elems = 0, esz = 0, ssz = 0;
	long long room = 0, vs = 0;
	enum region r;

	if (!e)
		e = vu_err(c, "min value is negative, either use unsigned index");
	if (!e || !vu_helper(vu_insn(c), helper, sizeof(helper)) || (reg = vu_err_reg(e)) < 1 ||
	    reg > 5 || !vu_line(c, line, line_t, sizeof(line_t)) ||
	    !vu_call_arg(line_t, helper, reg, arg, sizeof(arg)) ||
	    !vu_subscript(arg, arr, sizeof(arr), idx, sizeof(idx)))
		return 0;
	r = region_of(c, reg);
	/* the value's size picks the right struct when several have a member of that name */
	if (grade_vlog_reg_before(c->log, c->log->fail, reg, st, sizeof(st)) &&
	    !grade_vlog_num(st, "vs", &vs))
		grade_vlog_num(st, "sz", &vs);
	if (r != R_STACK)
		grade_vobj_member(c->obj, arr, (long)vs, &elems, &esz, &ssz);
	if (!elems)
		elems = vu_decl_elems(c, arr, line);
	vu_call_arg(line_t, helper, reg + 1, sz, sizeof(sz));
	if (grade_vlog_reg_before(c->log, c->log->fail, reg + 1, st, sizeof(st)))
		grade_vlog_num(st, NULL, &room);
	snprintf(D->cls, sizeof(D->cls), "helper-buffer-unbounded");
	snprintf(D->title, sizeof(D->title), "%s() writes into `%s` in %s at an offset the "
		 "verifier cannot bound", helper, arr, region_words[r]);
	grade_span_at(c, &D->primary, line, idx);
	if (elems)
		snprintf(D->primary.label, sizeof(D->primary.label), "%s can be anything here, but "
			 "`%s` has %ld elements%s%s%s", idx, arr, elems, sz[0] ? " and the call writes up to `" : "",
			 sz, sz[0] ? "` of them" : "");
	else
		snprintf(D->primary.label, sizeof(D->primary.label), "%s can be anything here", idx);
	if (elems && room > 0 && room < elems)
		snprintf(D->help, sizeof(D->help), "bound it just before the call, against the room "
			 "left: `if (%s > %ld - %s) return 0;`%s", idx, elems, sz[0] ? sz : "size",
			 strstr(idx, "->") ? " (a value read back from the map is unbounded again "
			 "each time: check it after the read, or keep it in a local variable)" : "");
	else
		snprintf(D->help, sizeof(D->help), "bound it just before the call: `if (%s >= %ld) "
			 "return 0;`%s", idx, elems ? elems : 16L, strstr(idx, "->") ? " (a value read "
			 "back from the map is unbounded again each time: check it after the read)" : "");
	return 1;
}


/* A read or write at a constant offset past the end of a map value or a ring-buffer record,
 * through a member (`fs->bytes` where the map's values are a u64 and fs a cast to a larger
 * struct): "invalid access to map value, value_size=8 off=8 size=8".  Indexes are vc_index's,
 * helpers' buffers vc_helper_size's. */
int vc_value_past_end(struct vctx *c)
{
	const char *e = vu_err(c, "invalid access to map value, value_size=");
	char t[512], base[64], field[64], tok[132], st[256], map[64] = "", size_arg[128];
	int line = vu_fail_line(c), reg, decl, end;
	long long total = 0, off = 0, size = 0;
	const char *m;

	if (!e && !(e = vu_err(c, "invalid access to memory, mem_size=")))
		return 0;
	if (sscanf(strchr(e, '=') + 1, "%lld off=%lld size=%lld", &total, &off, &size) != 3 ||
	    off < 0 || off + size <= total || !strncmp(vu_insn(c), "call ", 5) ||
	    !vu_line(c, line, t, sizeof(t)) || !vu_member_access(t, base, sizeof(base), field,
								 sizeof(field)))
		return 0;
	/* `sc->bytes += fs->bytes`: a refused load is of what the assignment reads */
	if (vu_insn(c)[0] != '*' && (m = strchr(t, '=')) && m[1] != '=' && strstr(m, "->"))
		vu_member_access(m + 1, base, sizeof(base), field, sizeof(field));
	reg = vu_err_reg(vu_err(c, "outside of the allowed memory range"));
	if (reg >= 0 && grade_vlog_reg_before(c->log, c->log->fail, reg, st, sizeof(st)) &&
	    (strstr(st, "umax=") || strstr(st, "var_off=")))
		return 0;   /* a variable offset: not a member's */
	if (reg >= 0 && (m = strstr(st, "map=")))
		sscanf(m + 4, "%63[A-Za-z0-9_.]", map);
	snprintf(tok, sizeof(tok), "%s->%s", base, field);
	snprintf(D->cls, sizeof(D->cls), "value-past-end");
	snprintf(D->title, sizeof(D->title), "`%s` is past the end of %s: it has %lld bytes", tok,
		 map[0] ? "the map's value" : region_words[region_of(c, reg)], total);
	grade_span_at(c, &D->primary, line, tok);
	snprintf(D->primary.label, sizeof(D->primary.label), "%s bytes %lld..%lld of %lld",
		 vu_insn(c)[0] == '*' ? "writes" : "reads", off, off + size - 1,
		 total);
	if (map[0] && (decl = vu_map_decl_line(c, map, "__type(value,", &end)) > 0) {
		grade_secondary_at(c, decl, "__type(value,", "`%s`'s values are declared here: %lld "
				   "bytes", map, total);
		snprintf(D->help, sizeof(D->help), "declare the value as the type you read through "
			 "`%s` (`__type(value, struct ...);`), so each element has room for `%s`", base,
			 field);
	} else if ((decl = reserve_of(c, base, line, size_arg, sizeof(size_arg))) > 0) {
		grade_secondary_at(c, decl, size_arg, "reserves %lld bytes", total);
		snprintf(tok, sizeof(tok), "sizeof(%s)", base);
		if (!strcmp(size_arg, tok))
			snprintf(D->help, sizeof(D->help), "reserve `sizeof(*%s)`: `sizeof(%s)` is the "
				 "size of the pointer (8 bytes), not of the record it points to", base,
				 base);
		else
			snprintf(D->help, sizeof(D->help), "reserve the whole record: `sizeof(*%s)`",
				 base);
	} else {
		snprintf(D->help, sizeof(D->help), "make the memory as large as the type you read "
			 "through `%s` (the map's value type, or the size you reserve), or read only "
			 "what it holds", base);
	}
	return 1;
}
