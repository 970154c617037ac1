/* verifier_packet.c: the rows of the class table about packets and contexts of networking
 * (and other non-tracing) programs: packet reads without a bounds check, with one too short,
 * with an offset no check can cover, through pointers a helper may have invalidated, writes a
 * program type may not do; context fields a program type may not read, read at a variable
 * offset, or through a moved context pointer; a tracepoint's __data_loc field read as the
 * string it locates. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)
#define MAX_PACKET_OFF 0xffff   /* the kernel's bound on a packet pointer's variable part */
#define PACKET_LOOP_BODY 40     /* source lines below a loop header still taken as its body */

/* The verdict a program of this section returns to let a packet through. */
static const char *pass_action(const struct vctx *c)
{
	char sec[96];

	vu_prog_section(c, sec, sizeof(sec));
	if (!strncmp(sec, "xdp", 3))
		return "XDP_PASS";
	if (!strncmp(sec, "tc", 2) || !strncmp(sec, "classifier", 10))
		return "TC_ACT_OK";
	return "0";
}

/* The last check against data_end on the path to the failure: its source line, 0 if none. */
static int end_check_line(const struct vctx *c)
{
	const struct vlog *v = c->log;
	int steps = 0;

	for (int i = grade_vlog_path_prev(v, v->fail); i >= 0 && steps++ < 4096;
	     i = grade_vlog_path_prev(v, i)) {
		const struct vline *l = &v->lines[i];

		if (l->kind == VL_INSN && !strncmp(l->text, "if ", 3) && strstr(l->state, "pkt_end"))
			return vu_insn_line(c, i);
	}
	return 0;
}

/* clang drops a check that repeats an earlier one (`dns > data_end` after `udp + 1 >
 * data_end`, where dns = udp + 1, is the same comparison): the learner's check of @var,
 * between the check the verifier saw (@chk) and the read (@line), is the line to fix; 0 if
 * there is none. */
static int merged_end_check(const struct vctx *c, int chk, int line, const char *var)
{
	char t[512];

	for (int l = line - 1; var[0] && l > chk; l--)
		if (vu_line(c, l, t, sizeof(t)) && strstr(t, "data_end") &&
		    grade_find_token(t, strlen(t), var) >= 0)
			return l;
	return 0;
}

/* Whether @t names @var outside sizeof(...) (`(void *)(ip + 1) + sizeof(*udp)` checks ip). */
static bool names_pointer(const char *t, const char *var)
{
	char u[512];
	char *p;

	snprintf(u, sizeof(u), "%s", t);
	for (p = strstr(u, "sizeof("); p; p = strstr(p, "sizeof(")) {
		int depth = 0;

		for (p += 6; *p; p++) {
			depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
			if (*p == ')' && depth == 0)
				break;
			if (*p != '(')
				*p = ' ';
		}
	}
	return grade_find_token(u, strlen(u), var) >= 0;
}

/* A pointer moved on by each trip of a loop (a header walk) whose trips the verifier cannot
 * bound: the offset grows past what it tracks, and the check in the body stops counting. */
static int packet_loop_unbounded(struct vctx *c, int loop, const char *var, long long most)
{
	char t[512], cond[160];

	snprintf(D->cls, sizeof(D->cls), "packet-offset-unbounded");
	snprintf(D->title, sizeof(D->title), "each trip of this loop moves `%s` further into the "
		 "packet, and nothing bounds the trips", var[0] ? var : "the pointer");
	grade_span_at(c, &D->primary, loop, "");
	snprintf(D->primary.label, sizeof(D->primary.label), "the verifier walked this loop until "
		 "`%s` could be %lld bytes in: past 64 KiB no check against data_end counts",
		 var[0] ? var : "the pointer", most);
	vu_line(c, loop, t, sizeof(t));
	vu_loop_condition(t, cond, sizeof(cond));
	if (cond[0] && strstr(t, "while"))
		snprintf(D->help, sizeof(D->help), "give the loop a constant bound (a packet has only "
			 "a few headers): `for (int i = 0; i < 8 && (%s); i++)`", cond);
	else
		snprintf(D->help, sizeof(D->help), "give the loop a constant bound (a packet has only "
			 "a few headers), such as `i < 8` in its condition");
	return 1;
}

/* "invalid access to packet, off=22 size=1, R2(id=0,off=22,r=14)" */
int vc_packet_access(struct vctx *c)
{
	const char *e = vu_err(c, "invalid access to packet, off=");
	int line = vu_fail_line(c), reg = -1, chk, merged;
	long long off = 0, size = 0, r = 0, umax = 0, regoff = 0;
	char t[512], var[64] = "", st[256] = "", add[72];
	const char *p;

	if (!e)
		return 0;
	sscanf(e, "invalid access to packet, off=%lld size=%lld", &off, &size);
	if ((p = strstr(e, ", R")))
		sscanf(p, ", R%d", &reg);
	if ((p = strstr(e, "r=")))
		sscanf(p, "r=%lld", &r);
	if (reg >= 0)
		grade_vlog_reg_before(c->log, c->log->fail, reg, st, sizeof(st));
	grade_vlog_num(st, "umax", &umax);
	grade_vlog_num(st, "off", &regoff);
	vu_line(c, line, t, sizeof(t));
	if (!vu_deref_base(t, var, sizeof(var)) && (p = strchr(t, '*')))
		sscanf(p + 1, "%63[A-Za-z0-9_]", var);
	grade_span_at(c, &D->primary, line, var[0] ? var : NULL);
	/* the kernel's find_good_pkt_pointers(): a check marks no range on a pointer whose
	 * variable part, with its constant offset, may pass 64 KiB */
	if (umax > MAX_PACKET_OFF || (umax > 0 && umax + regoff > MAX_PACKET_OFF)) {
		int at, back = 0, loop = vu_logged_loop(c, &back);

		if (loop > 0 && loop <= line && line - loop <= PACKET_LOOP_BODY && back >= loop)
			return packet_loop_unbounded(c, loop, var, umax + regoff);

		snprintf(D->cls, sizeof(D->cls), "packet-offset-unbounded");
		snprintf(D->title, sizeof(D->title), "an offset with no small bound was added to "
			 "`%s`, so no check against data_end can cover it", var[0] ? var : "the pointer");
		snprintf(D->primary.label, sizeof(D->primary.label), "the check before this read did "
			 "not count: the offset may be up to %lld", umax);
		snprintf(add, sizeof(add), "r%d += r", reg);
		at = vu_path_find(c, add, NULL);
		if (at > 0) {
			grade_secondary_at(c, at, "", "a variable offset added here");
		}
		snprintf(D->help, sizeof(D->help), "bound the offset by a constant before adding it "
			 "(e.g. `if (off > 60) return %s;`): the verifier tracks packet offsets only "
			 "below 64 KiB", pass_action(c));
		return 1;
	}
	chk = end_check_line(c);
	if (r == 0 && chk && var[0] && vu_line(c, chk, t, sizeof(t)) && !names_pointer(t, var)) {
		/* a check on the path, but of another pointer than the one read */
		snprintf(D->cls, sizeof(D->cls), "packet-check-other-pointer");
		snprintf(D->title, sizeof(D->title), "the packet is read through `%s`, but the check "
			 "against data_end before it is of another pointer", var);
		snprintf(D->primary.label, sizeof(D->primary.label), "read here: no check covers "
			 "`%s`", var);
		grade_secondary_at(c, chk, "data_end", "this checks another pointer, not `%s`", var);
		snprintf(D->help, sizeof(D->help), "check the pointer you read through, after "
			 "computing it: `if ((void *)(%s + 1) > data_end) return %s;`", var,
			 pass_action(c));
		return 1;
	}
	if (r == 0 || !chk) {
		snprintf(D->cls, sizeof(D->cls), "packet-no-bounds-check");
		snprintf(D->title, sizeof(D->title), "the packet is read through `%s` before any check "
			 "against data_end", var[0] ? var : "a packet pointer");
		snprintf(D->primary.label, sizeof(D->primary.label), "reads bytes %lld..%lld of a "
			 "packet that may be shorter", off, off + size - 1);
		snprintf(D->help, sizeof(D->help), "check first: `if ((void *)(%s + 1) > data_end) "
			 "return %s;`, where data_end = (void *)(long)ctx->data_end", var[0] ? var : "p",
			 pass_action(c));
		return 1;
	}
	snprintf(D->cls, sizeof(D->cls), "packet-bounds-too-short");
	snprintf(D->title, sizeof(D->title), "the bounds check covers %lld bytes of the packet; this "
		 "read needs %lld", r, off + size);
	if (size > 1)
		snprintf(D->primary.label, sizeof(D->primary.label), "reads bytes %lld..%lld", off,
			 off + size - 1);
	else
		snprintf(D->primary.label, sizeof(D->primary.label), "reads byte %lld", off);
	if ((merged = merged_end_check(c, chk, line, var)) > 0) {
		vu_line(c, merged, t, sizeof(t));
		snprintf(add, sizeof(add), "%s + ", var);
		if (!strstr(t, add) && !strstr(t, "sizeof"))
			grade_secondary_at(c, merged, var, "this checks where `%s` starts, not where it "
					   "ends: it proves none of its bytes are there", var);
		else
			grade_secondary_at(c, merged, "data_end", "this check proves only the first "
					   "%lld bytes", r);
	} else {
		grade_secondary_at(c, chk, "data_end", "this check only proves the first %lld bytes "
				   "are there", r);
	}
	snprintf(D->help, sizeof(D->help), "check the end of what you read, against data_end: "
		 "`if ((void *)(%s + 1) > data_end) return %s;`", var[0] ? var : "p", pass_action(c));
	return 1;
}

/* Helpers after which every packet pointer is invalid (the kernel's
 * bpf_helper_changes_pkt_data()). */
static const char *const pkt_movers[] = {
	"bpf_skb_pull_data", "bpf_skb_change_head", "bpf_skb_change_tail", "bpf_skb_change_proto",
	"bpf_skb_adjust_room", "bpf_skb_store_bytes", "bpf_skb_vlan_push", "bpf_skb_vlan_pop",
	"bpf_l3_csum_replace", "bpf_l4_csum_replace", "bpf_clone_redirect", "bpf_xdp_adjust_head",
	"bpf_xdp_adjust_tail", "bpf_xdp_adjust_meta", "bpf_msg_pull_data", "bpf_lwt_push_encap",
};

/* A call that may move the packet (one of pkt_movers), before which register *@arg (when
 * >= 0) held a packet pointer. */
static bool is_mover(const struct vctx *c, int logline, const char *fn, void *arg)
{
	int reg = *(const int *)arg;
	char st[256];

	for (size_t k = 0; k < sizeof(pkt_movers) / sizeof(pkt_movers[0]); k++)
		if (!strcmp(fn, pkt_movers[k]))
			return reg < 0 || (grade_vlog_reg_before(c->log, logline, reg, st, sizeof(st)) &&
					   !strncmp(st, "pkt", 3));
	return false;
}

/* The first line between the call (@call) and the failure (@line) that still uses a variable
 * the function set from ctx->data or ->data_end before the call (`new_eth = data;`): where a
 * stale pointer was taken up again, the line to fix; its variable into @var; 0 if none. */
static int stale_use(const struct vctx *c, int call, int line, char *var, size_t cap)
{
	char t[512], names[4][64];
	int n = 0, def = vu_enclosing_func(c, call);

	for (int l = def + 1; def > 0 && l < call && n < 4; l++)
		if (vu_line(c, l, t, sizeof(t)) && strstr(t, "->data") &&
		    vu_assigned(t, names[n], sizeof(names[n])))
			n++;
	for (int l = call + 1; l < line; l++) {
		if (!vu_line(c, l, t, sizeof(t)) || strstr(t, "->data"))
			continue;
		for (int i = 0; i < n; i++)
			if (grade_find_token(t, strlen(t), names[i]) >= 0) {
				snprintf(var, cap, "%.63s", names[i]);
				return l;
			}
	}
	return 0;
}

/* "R6 invalid mem access 'scalar'" where R6 held a packet pointer before such a call. */
int vc_packet_moved(struct vctx *c)
{
	const char *e = vu_err(c, "invalid mem access 'scalar'");
	int reg = vu_err_reg(e), line = vu_fail_line(c), at, call, use;
	char helper[64] = "", t[512], var[64] = "", old[64];

	if (!e || reg < 0 || (at = vu_path_call(c, is_mover, &reg, helper, sizeof(helper))) < 0)
		return 0;
	call = vu_insn_line(c, at);
	vu_line(c, line, t, sizeof(t));
	vu_deref_base(t, var, sizeof(var));
	snprintf(D->cls, sizeof(D->cls), "packet-pointer-stale");
	snprintf(D->title, sizeof(D->title), "`%s` points into the packet as it was before %s(), "
		 "which may have moved it", var[0] ? var : "this pointer", helper);
	grade_span_at(c, &D->primary, line, var[0] ? var : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "used after the packet may have moved");
	grade_secondary_at(c, call, helper, "may move or resize the packet: every packet "
			   "pointer taken before it is invalid");
	if ((use = stale_use(c, call, line, old, sizeof(old))) > 0)
		grade_secondary_at(c, use, old, "`%s` still holds where the packet was before the "
				   "call", old);
	snprintf(D->help, sizeof(D->help), "after %s(), load data and data_end from the context "
		 "again and redo the bounds check before reading", helper);
	return 1;
}

int vc_packet_write(struct vctx *c)
{
	const char *e = vu_err(c, "cannot write into packet");
	int line = vu_fail_line(c);
	char sec[96], t[512], var[64] = "";

	if (!e)
		return 0;
	vu_prog_section(c, sec, sizeof(sec));
	vu_line(c, line, t, sizeof(t));
	vu_deref_base(t, var, sizeof(var));
	snprintf(D->cls, sizeof(D->cls), "packet-write-denied");
	snprintf(D->title, sizeof(D->title), "SEC(\"%s\") programs may read the packet but not "
		 "change it", sec[0] ? sec : "...");
	grade_span_at(c, &D->primary, line, var[0] ? var : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "writes into the packet");
	snprintf(D->help, sizeof(D->help), "change packets from a tc (SEC(\"tc\")) or XDP "
		 "(SEC(\"xdp\")) program; cgroup_skb and socket filters only look at them");
	return 1;
}

/* A field the program type may not read: "invalid bpf_context access" on `skb->data` in a
 * socket filter.  Reads past the context and writes are vc_ctx's (verifier_classes.c). */
/* Whether @t reads `@base->@field` (not a longer field name). */
static bool reads_field(const char *t, const char *base, const char *field)
{
	char tok[132];
	size_t n;

	n = (size_t)snprintf(tok, sizeof(tok), "%s->%s", base, field);
	for (const char *p = strstr(t, tok); p; p = strstr(p + 1, tok))
		if (!isalnum((unsigned char)p[n]) && p[n] != '_' &&
		    (p == t || (!isalnum((unsigned char)p[-1]) && p[-1] != '_')))
			return true;
	return false;
}

/* The verifier stops at the first context read it refuses, which is the compiler's order, not
 * the learner's: the other reads in the function that the same rule refuses get a secondary
 * span each, so that fixing one line does not just move the error to the next. */
static void also_denied(struct vctx *c, int line, const char *base, const char *field,
			bool packet_fields)
{
	static const char *const packet[] = { "data", "data_end", "data_meta" };
	int def = c->prog && c->prog[0] ? grade_src_find_sec(c->src, NULL, c->prog) : 0;
	int end = vu_func_end(c, def);
	char t[512], tok[132];

	for (int l = def + 1; l < end && vu_line(c, l, t, sizeof(t)); l++) {
		for (size_t i = 0; l != line && i < (packet_fields ? 3u : 1u); i++) {
			const char *f = packet_fields ? packet[i] : field;

			if (!reads_field(t, base, f))
				continue;
			snprintf(tok, sizeof(tok), "%s->%s", base, f);
			grade_secondary_at(c, l, tok, "not readable either");
			break;
		}
	}
}

int vc_ctx_field(struct vctx *c)
{
	const char *e = vu_err(c, "invalid bpf_context access");
	int line = vu_fail_line(c), store;
	char sec[96], t[512], base[64], field[64], tok[132];

	if (!e || c->log->fail < 0)
		return 0;
	store = (c->log->lines[c->log->fail].opcode & 7) == 2 ||
		(c->log->lines[c->log->fail].opcode & 7) == 3;
	vu_prog_section(c, sec, sizeof(sec));
	if (store || !sec[0] || !strncmp(sec, "tp", 2) || !strncmp(sec, "tracepoint", 10) ||
	    !strncmp(sec, "raw_tp", 6) || !strncmp(sec, "fentry", 6) || !strncmp(sec, "fexit", 5) ||
	    !strncmp(sec, "kprobe", 6) || !vu_line(c, line, t, sizeof(t)) ||
	    !vu_member_access(t, base, sizeof(base), field, sizeof(field)))
		return 0;
	snprintf(D->cls, sizeof(D->cls), "context-field-denied");
	snprintf(D->title, sizeof(D->title), "SEC(\"%s\") programs may not read `%s->%s`", sec, base,
		 field);
	snprintf(tok, sizeof(tok), "%s->%s", base, field);
	grade_span_at(c, &D->primary, line, tok);
	snprintf(D->primary.label, sizeof(D->primary.label), "not readable by this program type");
	also_denied(c, line, base, field, !strncmp(sec, "socket", 6));
	if (!strncmp(sec, "socket", 6) && !strncmp(field, "data", 4))
		snprintf(D->help, sizeof(D->help), "a socket filter reads the packet with "
			 "bpf_skb_load_bytes(%s, offset, &buf, sizeof(buf)); direct access through "
			 "data/data_end is for tc, XDP and cgroup_skb programs", base);
	else
		snprintf(D->help, sizeof(D->help), "each program type may read only some context "
			 "fields: use a program type that offers `%s`, or a helper that gives the value",
			 field);
	return 1;
}

int vc_ctx_var_off(struct vctx *c)
{
	const char *e = vu_err(c, "variable ctx access var_off=");
	int line = vu_fail_line(c);
	char t[512], arr[64] = "", idx[64] = "", tok[140], expr[160];

	if (!e)
		return 0;
	vu_line(c, line, t, sizeof(t));
	vu_subscript(t, arr, sizeof(arr), idx, sizeof(idx));
	snprintf(tok, sizeof(tok), "%s[%s]", arr, idx);
	{	/* the whole expression for the help: ctx->args, not args */
		const char *a = arr[0] ? strstr(t, tok) : NULL, *s = a;

		while (s && s > t && (isalnum((unsigned char)s[-1]) || strchr("_>-.", s[-1])))
			s--;
		if (a && s < a)
			snprintf(expr, sizeof(expr), "%.*s%s", (int)(a - s), s, arr);
		else
			snprintf(expr, sizeof(expr), "%s", arr[0] ? arr : "ctx->args");
	}
	snprintf(D->cls, sizeof(D->cls), "context-variable-offset");
	snprintf(D->title, sizeof(D->title), "the context is read at an offset only known when the "
		 "program runs");
	grade_span_at(c, &D->primary, line, arr[0] ? tok : NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "the verifier checks each context read "
		 "at a constant offset%s%s%s", idx[0] ? "; `" : "", idx, idx[0] ? "` is not one" : "");
	snprintf(D->help, sizeof(D->help), "read with constant indexes and choose afterwards: `u64 "
		 "v = %s == 0 ? %s[0] : %s[1];`", idx[0] ? idx : "i", expr, expr);
	return 1;
}

/* Whether @t assigns a variable from `data` or from one of @names[0..n) (`eth = data;`,
 * `ip = (void *)(eth + 1);`): its name into @out. */
static bool derives_packet_ptr(const char *t, char names[][64], int n, char *out, size_t cap)
{
	const char *eq = strchr(t, '=');
	char rhs[512];

	if (!eq || eq[1] == '=' || strstr(t, "data_end") || !vu_assigned(t, out, cap))
		return false;
	snprintf(rhs, sizeof(rhs), " %s ", eq + 1);
	for (char *p = rhs; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			*p = ' ';
	if (strstr(rhs, " data "))
		return true;
	for (int i = 0; i < n; i++) {
		char w[70];

		snprintf(w, sizeof(w), " %.63s ", names[i]);
		if (strstr(rhs, w))
			return true;
	}
	return false;
}

/* A context read through ctx+off after a call that may move the packet: the compiler kept the
 * context's address across the call (clang merges the reads on both sides of a branch).  The
 * learner's mistake is the packet pointers taken before the call and used after it: point at
 * the first such use. */
static bool stale_after_mover(struct vctx *c, int line)
{
	char helper[64] = "", names[8][64], t[512];
	int any = -1, at = vu_path_call(c, is_mover, &any, helper, sizeof(helper)), hl, n = 0, def;
	int use = 0;

	if (at < 0 || !(hl = vu_insn_line(c, at)) || !(def = vu_enclosing_func(c, hl)))
		return false;
	for (int l = def + 1; l < hl && n < 8; l++)
		if (vu_line(c, l, t, sizeof(t)) && derives_packet_ptr(t, names, n, names[n], 64))
			n++;
	for (int l = hl + 1, end = vu_func_end(c, def); n && !use && l < end; l++) {
		if (!vu_line(c, l, t, sizeof(t)))
			continue;
		for (int k = 0; k < n && !use; k++) {
			char pat[70];

			snprintf(pat, sizeof(pat), "%.63s->", names[k]);
			if (strstr(t, pat)) {
				use = l;
				grade_span_at(c, &D->primary, l, names[k]);
				snprintf(D->title, sizeof(D->title), "`%.63s` points into the packet as "
					 "it was before %.63s(), which may have moved it", names[k], helper);
			}
		}
	}
	if (!use)
		return false;
	snprintf(D->cls, sizeof(D->cls), "packet-pointer-stale");
	snprintf(D->primary.label, sizeof(D->primary.label), "used after the packet may have moved");
	grade_secondary_at(c, hl, helper, "may move or resize the packet: every packet pointer "
			   "taken before it is invalid");
	if (line != use && line != hl)
		grade_secondary_at(c, line, NULL, "the verifier stopped here, at a context read the "
				   "compiler moved across the call");
	snprintf(D->help, sizeof(D->help), "after %s(), load data and data_end from the context "
		 "again, recompute the header pointers from them and redo the bounds check",
		 helper);
	return true;
}

int vc_ctx_moved(struct vctx *c)
{
	const char *e = vu_err(c, "dereference of modified ctx ptr");
	int line = vu_fail_line(c);
	char helper[64], t[512], arg[64] = "", off[24] = "";

	if (!e)
		return 0;
	if (strstr(e, "off="))
		snprintf(off, sizeof(off), "%.*s", (int)strspn(strstr(e, "off=") + 4, "-0123456789"),
			 strstr(e, "off=") + 4);
	snprintf(D->cls, sizeof(D->cls), "context-pointer-modified");
	if (vu_helper(vu_insn(c), helper, sizeof(helper))) {
		int reg = vu_err_reg(strstr(e, " R") ? strstr(e, " R") + 1 : e);

		vu_line(c, line, t, sizeof(t));
		if (reg < 1 || reg > 5 || !vu_call_arg(t, helper, reg, arg, sizeof(arg)))
			arg[0] = 0;
		snprintf(D->title, sizeof(D->title), "%s() wants the context itself, not a pointer "
			 "into it", helper);
		grade_span_in_call(c, &D->primary, line, helper, arg);
		snprintf(D->primary.label, sizeof(D->primary.label), "points %s bytes into the "
			 "context", off[0] ? off : "some");
		snprintf(D->help, sizeof(D->help), "pass the program's context argument as it came "
			 "(`ctx`); read fields from it as `ctx->field`");
		return 1;
	}
	if (stale_after_mover(c, line))
		return 1;
	snprintf(D->title, sizeof(D->title), "the context is read through a pointer that was moved");
	grade_span_at(c, &D->primary, line, NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "the context pointer plus an offset");
	snprintf(D->help, sizeof(D->help), "read context fields directly as `ctx->field` (the "
		 "verifier rewrites each such read); do not keep or pass pointers into the context");
	return 1;
}

/* "R1 invalid mem access 'scalar'" through a tracepoint's __data_loc_<field>, read as if it
 * were the string or a pointer to it: it is the string's place in the record. */
int vc_data_loc(struct vctx *c)
{
	const char *e = vu_err(c, "invalid mem access 'scalar'");
	int line = vu_fail_line(c), at = 0;
	char t[512], field[64] = "", tok[80];
	const char *p;

	if (!e)
		return 0;
	for (int l = line; l > 0 && l >= line - 10 && !at; l--)
		if (vu_line(c, l, t, sizeof(t)) && (p = strstr(t, "__data_loc_")) &&
		    sscanf(p + 11, "%63[A-Za-z0-9_]", field) == 1)
			at = l;
	if (!at)
		return 0;
	snprintf(tok, sizeof(tok), "__data_loc_%s", field);
	snprintf(D->cls, sizeof(D->cls), "data-loc-string");
	snprintf(D->title, sizeof(D->title), "`%s` is not the string `%s`, nor a pointer to it: it "
		 "says where the string is in the record", tok, field);
	grade_span_at(c, &D->primary, line, NULL);
	snprintf(D->primary.label, sizeof(D->primary.label), "read as if it were memory");
	if (at != line) {
		grade_secondary_at(c, at, tok, "offset (low 16 bits) and length (high 16 bits)");
	} else {
		snprintf(D->primary.label, sizeof(D->primary.label), "`%s` holds an offset and a "
			 "length, not an address", tok);
	}
	snprintf(D->help, sizeof(D->help), "read the string from the record: "
		 "`bpf_probe_read_kernel_str(buf, sizeof(buf), (void *)ctx + (ctx->%s & 0xffff));`",
		 tok);
	return 1;
}
