/* verifier_core.c: the class table's row for CO-RE relocations libbpf could not resolve (a
 * field this kernel's struct lacks, often an old kernel's "___flavour" read without a guard):
 * libbpf poisons the instruction before the verifier runs, so the line comes from the object's
 * line info and the span from the source's read of the field. */
#include <stdio.h>
#include <string.h>
#include "verifier_util.h"

#define D (c->d)

/* The line of the CO-RE read of @field at or after @from (within a few lines): one that names
 * the field in a read (BPF_CORE_READ(p, field), p->field, a ___flavour cast) before one that
 * merely mentions it (a local variable of the same name); 0 if none. */
static int core_read_line(const struct vctx *c, const char *field, const char *flavour, int from)
{
	static const char *const reads[] = { "CORE_READ", "core_read", "->", "___" };
	char t[512], arrow[72];
	int any = 0;

	snprintf(arrow, sizeof(arrow), "->%s", field);
	for (int l = from; l > 0 && l < from + 8 && vu_line(c, l, t, sizeof(t)); l++) {
		if (!strstr(t, field))
			continue;
		if ((flavour[0] && strstr(t, flavour)) || strstr(t, arrow))
			return l;
		for (size_t k = 0; k < sizeof(reads) / sizeof(reads[0]) && !any; k++)
			if (strstr(t, reads[k]))
				any = l;
	}
	return any;
}

/* The text on @line that names @field as read, for the span: "->state", "state)" (the last
 * argument of BPF_CORE_READ()), "state," (a step of a chain), else the name itself. */
static const char *core_field_token(const struct vctx *c, int line, const char *field,
				    char *token, size_t cap)
{
	static const char *const forms[] = { "->%s", "%s)", "%s," };
	char t[512];

	vu_line(c, line, t, sizeof(t));
	for (size_t k = 0; k < sizeof(forms) / sizeof(forms[0]); k++) {
		snprintf(token, cap, forms[k], field);
		if (strstr(t, token))
			return token;
	}
	return field;
}

/* "failed to resolve CO-RE relocation <byte_off> [353] struct task_struct___old.state": libbpf
 * poisoned the instruction ("9: <invalid CO-RE relocation>"), whose line the object knows. */
int vc_core(struct vctx *c)
{
	const char *e = vu_err(c, "failed to resolve CO-RE relocation");
	const char *poison = vu_err(c, "<invalid CO-RE relocation>");
	char type[96] = "", field[64] = "", flavour[96] = "", token[72];
	int line = vu_fail_line(c), insn, col, at;
	const char *p, *dot;

	if (!e)
		return 0;
	if (poison && sscanf(poison, "%d:", &insn) == 1 && c->obj)
		grade_vobj_insn_line(c->obj, c->prog, insn, &line, &col);
	if ((p = strstr(e, "] ")) && (dot = strchr(p + 2, '.'))) {
		snprintf(type, sizeof(type), "%.*s", (int)(dot - p - 2), p + 2);
		snprintf(field, sizeof(field), "%.*s", (int)strcspn(dot + 1, " "), dot + 1);
		if ((p = strstr(type, "___"))) {   /* a flavour: struct task_struct___old */
			snprintf(flavour, sizeof(flavour), "%s", strchr(type, ' ') ?
				 strchr(type, ' ') + 1 : type);
			type[p - type] = 0;
		}
	}
	snprintf(D->cls, sizeof(D->cls), "core-missing-field");
	snprintf(D->title, sizeof(D->title), "`%s` has no field `%s` on this kernel",
		 type[0] ? type : "the struct", field[0] ? field : "?");
	at = field[0] ? core_read_line(c, field, flavour, line) : 0;
	grade_span_at(c, &D->primary, at ?: line, at ? core_field_token(c, at, field, token,
									sizeof(token)) : "");
	if (at && D->primary.line == at && (p = strstr(token, field))) {   /* the name alone */
		D->primary.col += (int)(p - token);
		D->primary.end_col = D->primary.col + (int)strlen(field);
	}
	snprintf(D->primary.label, sizeof(D->primary.label), "CO-RE could not find this field");
	if (flavour[0]) {
		char t[512], base[96] = "", f[64];

		/* the pointer read from: BPF_CORE_READ(base, field) or base->field */
		if (!at || !vu_line(c, at, t, sizeof(t)) ||
		    (!vu_call_arg(t, "BPF_CORE_READ", 1, base, sizeof(base)) &&
		     !vu_member_access(t, base, sizeof(base), f, sizeof(f))))
			snprintf(base, sizeof(base), "((struct %s *)p)", flavour);
		snprintf(D->help, sizeof(D->help), "`%s` describes another kernel's layout: read it "
			 "only under `if (bpf_core_field_exists(%s%s%s->%s))`, and the current name "
			 "otherwise", flavour, base[0] == '(' ? "(" : "", base,
			 base[0] == '(' ? ")" : "", field);
	}
	else
		snprintf(D->help, sizeof(D->help), "check the field's name in vmlinux.h; if it exists "
			 "only on some kernels, guard the read with bpf_core_field_exists()");
	return 1;
}
