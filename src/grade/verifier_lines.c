/* verifier_lines.c: the object's view of a verifier failure: which file:line:col an
 * instruction came from (.BTF.ext line info, read by hand since libbpf keeps struct btf_ext
 * opaque), which function a program is (ELF symbols), and the sizes of struct members and map
 * values (.BTF through libbpf's read-only API).
 *
 * Instruction numbers in the log count from the program's first instruction; libbpf only
 * appends subprograms after it, so instruction i of program P is byte P.offset + 8 * i of P's
 * section for i < P.size / 8.  Past that (a subprogram), callers use the log's own "; @ f:N". */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include "core/limits.h"
#include "verifier_internal.h"

#define VOBJ_MAX_LINFO DOJO_OBJ_MAX_LINE_INFO
#define VOBJ_MAX_SYMS  DOJO_OBJ_MAX_SYMS

struct vlinfo {
	char sec[64];
	uint32_t insn_off;   /* bytes from the section's start */
	int line, col;
	bool header;         /* the line is in a header (dojo.h's inline code), not the source */
};

struct vsym {
	char name[64];
	char sec[64];
	uint64_t off, size;
	int ctx_end, ctx_insn;   /* the furthest context read: its end (bytes), its instruction */
};

struct vobj {
	struct btf *btf;
	struct vlinfo *li;
	size_t nli;
	struct vsym *syms;
	size_t nsyms;
};

struct btf_ext_hdr {
	uint16_t magic;
	uint8_t version, flags;
	uint32_t hdr_len;
	uint32_t func_info_off, func_info_len;
	uint32_t line_info_off, line_info_len;
};

static void copy_name(char *dst, size_t cap, const char *s)
{
	snprintf(dst, cap, "%s", s ? s : "");
}

/* .BTF.ext line info: u32 rec_size, then per section {u32 sec_name_off, u32 n, n records}. */
static int parse_linfo(struct vobj *o, const uint8_t *d, size_t len)
{
	struct btf_ext_hdr h;
	const uint8_t *p, *end;
	uint32_t rec;

	if (len < sizeof(h))
		return -EINVAL;
	memcpy(&h, d, sizeof(h));
	if (h.magic != 0xeB9F || h.hdr_len < sizeof(h) || h.hdr_len > len ||
	    h.line_info_off > len - h.hdr_len || h.line_info_len > len - h.hdr_len - h.line_info_off ||
	    h.line_info_len < 4)
		return -EINVAL;
	p = d + h.hdr_len + h.line_info_off;
	end = p + h.line_info_len;
	memcpy(&rec, p, 4);
	p += 4;
	if (rec < 16 || rec > 256)
		return -EINVAL;
	o->li = calloc(VOBJ_MAX_LINFO, sizeof(*o->li));
	if (!o->li)
		return -ENOMEM;
	while (end - p >= 8) {
		uint32_t sec_off, n;
		const char *sec, *file;

		memcpy(&sec_off, p, 4);
		memcpy(&n, p + 4, 4);
		p += 8;
		if (n > (size_t)(end - p) / rec)
			return -EINVAL;
		sec = btf__name_by_offset(o->btf, sec_off);
		for (uint32_t i = 0; i < n && o->nli < VOBJ_MAX_LINFO; i++, p += rec) {
			uint32_t r[4];
			struct vlinfo *l = &o->li[o->nli++];

			memcpy(r, p, sizeof(r));
			copy_name(l->sec, sizeof(l->sec), sec);
			l->insn_off = r[0];
			l->line = (int)(r[3] >> 10);
			l->col = (int)(r[3] & 0x3ff);
			file = btf__name_by_offset(o->btf, r[1]);
			l->header = file && strlen(file) > 2 && !strcmp(file + strlen(file) - 2, ".h");
		}
		if (o->nli >= VOBJ_MAX_LINFO)
			break;
	}
	return 0;
}

/* The furthest read through the context pointer in @n instructions at @d: which registers
 * hold the context is followed linearly (r1 at entry, copies by mov, lost on any other write
 * and on calls), which is what a tracepoint's attach checks (the largest offset read against
 * the record's size). */
static void ctx_furthest(const uint8_t *d, size_t n, int *end, int *at)
{
	static const int size[4] = { 4, 2, 1, 8 };
	unsigned ctx = 1u << 1;

	*end = 0;
	*at = -1;
	for (size_t i = 0; i < n; i++) {
		const uint8_t *p = d + 8 * i;
		unsigned code = p[0], dst = p[1] & 0xf, src = p[1] >> 4, cls = code & 7;
		int16_t off = (int16_t)(p[2] | p[3] << 8);

		if (code == 0xbf) {                                /* r_dst = r_src */
			ctx = (ctx & ~(1u << dst)) | (((ctx >> src) & 1u) << dst);
		} else if (cls == 1 && (code & 0xe0) == 0x60) {   /* r_dst = *(size *)(r_src + off) */
			int e = off + size[(code >> 3) & 3];

			if (((ctx >> src) & 1u) && e > *end)
				*end = e, *at = (int)i;
			ctx &= ~(1u << dst);
		} else if (code == 0x85) {                         /* call: r0-r5 clobbered */
			ctx &= ~0x3fu;
		} else if (cls == 0 || cls == 4 || cls == 7) {     /* ld, alu: r_dst written */
			ctx &= ~(1u << dst);
			i += code == 0x18;                         /* lddw takes two slots */
		}
	}
}

static int read_elf(struct vobj *o, Elf *elf)
{
	Elf_Data *ext = NULL, *symtab = NULL;
	size_t shstrndx, strndx = 0;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	int err = 0;

	if (elf_kind(elf) != ELF_K_ELF || elf_getshdrstrndx(elf, &shstrndx) != 0)
		return -EINVAL;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		data = elf_getdata(scn, NULL);
		if (!name || !data || !data->d_buf)
			continue;
		if (!strcmp(name, ".BTF") && !o->btf && data->d_size <= UINT32_MAX)
			o->btf = btf__new(data->d_buf, (uint32_t)data->d_size);
		else if (!strcmp(name, ".BTF.ext"))
			ext = data;
		else if (sh.sh_type == SHT_SYMTAB) {
			symtab = data;
			strndx = sh.sh_link;
		}
	}
	if (o->btf && ext)
		err = parse_linfo(o, ext->d_buf, ext->d_size);
	if (err == -ENOMEM || !symtab)
		return err == -ENOMEM ? err : 0;
	o->syms = calloc(VOBJ_MAX_SYMS, sizeof(*o->syms));
	if (!o->syms)
		return -ENOMEM;
	for (size_t i = 0; i < symtab->d_size / sizeof(Elf64_Sym) && o->nsyms < VOBJ_MAX_SYMS; i++) {
		GElf_Sym s;
		Elf_Scn *ss;
		GElf_Shdr ssh;
		const char *name, *sec;

		if (!gelf_getsym(symtab, (int)i, &s) || GELF_ST_TYPE(s.st_info) != STT_FUNC)
			continue;
		name = elf_strptr(elf, strndx, s.st_name);
		ss = elf_getscn(elf, s.st_shndx);
		if (!name || !ss || !gelf_getshdr(ss, &ssh))
			continue;
		sec = elf_strptr(elf, shstrndx, ssh.sh_name);
		{
			Elf_Data *code = elf_getdata(ss, NULL);

			o->syms[o->nsyms].ctx_insn = -1;
			if (code && code->d_buf && ssh.sh_type == SHT_PROGBITS &&
			    s.st_value <= code->d_size && s.st_size <= code->d_size - s.st_value)
				ctx_furthest((const uint8_t *)code->d_buf + s.st_value, s.st_size / 8,
					     &o->syms[o->nsyms].ctx_end, &o->syms[o->nsyms].ctx_insn);
		}
		copy_name(o->syms[o->nsyms].name, sizeof(o->syms[0].name), name);
		copy_name(o->syms[o->nsyms].sec, sizeof(o->syms[0].sec), sec);
		o->syms[o->nsyms].off = s.st_value;
		o->syms[o->nsyms++].size = s.st_size;
	}
	return 0;
}

struct vobj *grade_vobj_new(const void *obj, size_t len)
{
	struct vobj *o;
	char *image;
	Elf *elf;
	int err;

	if (!obj || len == 0 || len > DOJO_MAX_OBJECT_BYTES || elf_version(EV_CURRENT) == EV_NONE)
		return NULL;
	o = calloc(1, sizeof(*o));
	image = malloc(len);   /* libelf wants a writable image */
	if (!o || !image) {
		free(o);
		free(image);
		return NULL;
	}
	memcpy(image, obj, len);
	elf = elf_memory(image, len);
	err = elf ? read_elf(o, elf) : -EINVAL;
	elf_end(elf);
	free(image);
	if (err || !o->btf) {
		grade_vobj_free(o);
		return NULL;
	}
	return o;
}

void grade_vobj_free(struct vobj *o)
{
	if (!o)
		return;
	btf__free(o->btf);
	free(o->li);
	free(o->syms);
	free(o);
}

/* The line-info record that covers instruction @insn of program @prog, NULL if none. */
static const struct vlinfo *insn_linfo(const struct vobj *o, const char *prog, int insn)
{
	const struct vsym *s = NULL;
	const struct vlinfo *best = NULL;
	uint64_t off;

	if (!o || !prog || insn < 0)
		return NULL;
	for (size_t i = 0; i < o->nsyms && !s; i++)
		if (!strcmp(o->syms[i].name, prog))
			s = &o->syms[i];
	if (!s || (uint64_t)insn * 8 >= s->size)
		return NULL;
	off = s->off + (uint64_t)insn * 8;
	for (size_t i = 0; i < o->nli; i++) {
		const struct vlinfo *l = &o->li[i];

		if (strcmp(l->sec, s->sec) || l->insn_off > off || l->insn_off < s->off)
			continue;
		if (!best || l->insn_off >= best->insn_off)
			best = l;
	}
	return best && best->line > 0 ? best : NULL;
}

bool grade_vobj_insn_line(const struct vobj *o, const char *prog, int insn, int *line, int *col)
{
	const struct vlinfo *l = insn_linfo(o, prog, insn);

	if (!l || l->header)
		return false;
	*line = l->line;
	*col = l->col;
	return true;
}

bool grade_vobj_insn_in_header(const struct vobj *o, const char *prog, int insn)
{
	const struct vlinfo *l = insn_linfo(o, prog, insn);

	return l && l->header;
}

int grade_vobj_line_col(const struct vobj *o, int line)
{
	for (size_t i = 0; o && i < o->nli; i++)
		if (o->li[i].line == line && o->li[i].col > 0)
			return o->li[i].col;
	return 0;
}

bool grade_vobj_member(const struct vobj *o, const char *member, long want_size,
		       long *elems, long *elem_size, long *struct_size)
{
	bool found = false;
	uint32_t n;

	if (!o || !member || !*member)
		return false;
	n = btf__type_cnt(o->btf);
	for (uint32_t id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(o->btf, id);
		const struct btf_member *m;

		if (!t || !btf_is_composite(t))
			continue;
		m = btf_members(t);
		for (uint16_t i = 0; i < btf_vlen(t); i++) {
			const struct btf_type *mt;
			const char *name = btf__name_by_offset(o->btf, m[i].name_off);
			uint32_t mid = m[i].type;

			if (!name || strcmp(name, member))
				continue;
			mt = btf__type_by_id(o->btf, mid);
			while (mt && (btf_is_mod(mt) || btf_is_typedef(mt)))
				mt = btf__type_by_id(o->btf, mt->type);
			if (!mt || !btf_is_array(mt))
				continue;
			if (found && want_size && *struct_size == want_size)
				continue;
			*elems = btf_array(mt)->nelems;
			*elem_size = btf__resolve_size(o->btf, btf_array(mt)->type);
			*struct_size = t->size;
			found = true;
		}
	}
	return found;
}

bool grade_vobj_ctx_furthest(const struct vobj *o, const char *prog, int *insn, int *end)
{
	for (size_t i = 0; o && prog && i < o->nsyms; i++)
		if (!strcmp(o->syms[i].name, prog) && o->syms[i].ctx_insn >= 0) {
			*insn = o->syms[i].ctx_insn;
			*end = o->syms[i].ctx_end;
			return true;
		}
	return false;
}

bool grade_vobj_func_param(const struct vobj *o, const char *func, int i, char *out, size_t cap)
{
	const struct btf_type *t;
	const char *name;
	int id;

	if (!o || !o->btf || !func || i < 0 || !cap)
		return false;
	id = btf__find_by_name_kind(o->btf, func, BTF_KIND_FUNC);
	t = id > 0 ? btf__type_by_id(o->btf, (uint32_t)id) : NULL;
	t = t ? btf__type_by_id(o->btf, t->type) : NULL;
	if (!t || !btf_is_func_proto(t) || i >= btf_vlen(t))
		return false;
	name = btf__name_by_offset(o->btf, btf_params(t)[i].name_off);
	if (!name || !*name)
		return false;
	snprintf(out, cap, "%s", name);
	return true;
}
