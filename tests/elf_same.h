/* elf_same.h: for test_compile_parity.c: an ELF section by name, and: is an object the same as
 * another but for its DWARF?
 * The resident compiler emits no DWARF (src/compile/zygote_nodwarf.c), the one-shot compile
 * does; everything else (code, maps, .BTF, .BTF.ext, .debug_frame, symbols, relocations) must be
 * the same, compared section by section by name, symbols and relocations by what they name. */
#ifndef DOJO_TEST_ELF_SAME_H
#define DOJO_TEST_ELF_SAME_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef SHT_LLVM_ADDRSIG
#define SHT_LLVM_ADDRSIG 0x6fff4c03
#endif

struct elf_view {
	const uint8_t *d;
	size_t len;
	const Elf64_Shdr *sh;
	unsigned n;
	const Elf64_Shdr *symtab;
};

static bool elf_view_init(struct elf_view *v, const uint8_t *d, size_t len)
{
	const Elf64_Ehdr *eh = (const void *)d;

	*v = (struct elf_view){ .d = d, .len = len };
	if (!d || len < sizeof(*eh) || memcmp(d, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shoff > len || eh->e_shnum * sizeof(Elf64_Shdr) > len - eh->e_shoff || eh->e_shstrndx >= eh->e_shnum)
		return false;
	v->sh = (const void *)(d + eh->e_shoff);
	v->n = eh->e_shnum;
	for (unsigned i = 0; i < v->n; i++) {
		if (v->sh[i].sh_offset > len || (v->sh[i].sh_type != SHT_NOBITS && v->sh[i].sh_size > len - v->sh[i].sh_offset))
			return false;
		if (v->sh[i].sh_type == SHT_SYMTAB)
			v->symtab = &v->sh[i];
	}
	return v->symtab && v->symtab->sh_link < v->n;
}

/* The bytes of ELF section @name in @obj, or NULL. */
static const uint8_t *elf_section(const uint8_t *obj, size_t len, const char *name, size_t *size)
{
	const Elf64_Ehdr *eh = (const void *)obj;
	const Elf64_Shdr *sh, *strs;

	if (!obj || len < sizeof(*eh) || memcmp(obj, ELFMAG, SELFMAG) || eh->e_shoff > len ||
	    eh->e_shnum * sizeof(Elf64_Shdr) > len - eh->e_shoff || eh->e_shstrndx >= eh->e_shnum)
		return NULL;
	sh = (const void *)(obj + eh->e_shoff);
	strs = &sh[eh->e_shstrndx];
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		size_t off = strs->sh_offset + sh[i].sh_name;

		if (off + strlen(name) + 1 <= len && !strcmp((const char *)obj + off, name) &&
		    sh[i].sh_offset <= len && sh[i].sh_size <= len - sh[i].sh_offset) {
			*size = sh[i].sh_size;
			return obj + sh[i].sh_offset;
		}
	}
	return NULL;
}

/* A NUL-terminated string at @off of section @s, or "?". */
static const char *elf_str(const struct elf_view *v, const Elf64_Shdr *s, size_t off)
{
	const char *p = (const char *)v->d + s->sh_offset + off;

	return off < s->sh_size && memchr(p, 0, s->sh_size - off) ? p : "?";
}

static const char *elf_sec_name(const struct elf_view *v, unsigned i)
{
	const Elf64_Ehdr *eh = (const void *)v->d;

	return i < v->n ? elf_str(v, &v->sh[eh->e_shstrndx], v->sh[i].sh_name) : "?";
}

/* DWARF proper: .debug_* and their relocations, but not .debug_frame (call frames, not DWARF
 * debug info: LLVM writes it either way). */
static bool elf_is_dwarf(const char *name)
{
	if (!strncmp(name, ".rel", 4))
		name += 4;
	return !strncmp(name, ".debug_", 7) && strcmp(name, ".debug_frame");
}

static unsigned elf_find(const struct elf_view *v, const char *name)
{
	for (unsigned i = 1; i < v->n; i++)
		if (!strcmp(elf_sec_name(v, i), name))
			return i;
	return 0;
}

/* What symbol @idx names, as a string: its name, or its section's for a section symbol. */
static void elf_sym_key(const struct elf_view *v, size_t idx, char *out, size_t cap)
{
	const Elf64_Sym *sym = (const void *)(v->d + v->symtab->sh_offset);
	size_t nsyms = v->symtab->sh_size / sizeof(Elf64_Sym);

	if (idx >= nsyms) {
		snprintf(out, cap, "#%zu?", idx);
		return;
	}
	sym += idx;
	snprintf(out, cap, "%s/%u/%u/%s/%llu/%llu", elf_str(v, &v->sh[v->symtab->sh_link], sym->st_name),
		 sym->st_info, sym->st_other, sym->st_shndx < v->n ? elf_sec_name(v, sym->st_shndx) : "special",
		 (unsigned long long)sym->st_value, (unsigned long long)sym->st_size);
}

/* The next symbol from @i on that is not a section symbol (the assembler makes one for each
 * section a relocation refers to, e.g. for DWARF's references to .rodata's strings: those are
 * compared through the relocations), or the number of symbols. */
static size_t elf_next_sym(const struct elf_view *v, size_t i)
{
	const Elf64_Sym *sym = (const void *)(v->d + v->symtab->sh_offset);
	size_t n = v->symtab->sh_size / sizeof(Elf64_Sym);

	while (i < n && ELF64_ST_TYPE(sym[i].st_info) == STT_SECTION)
		i++;
	return i;
}

/* The symbols, in order, but the section symbols. */
static bool elf_same_symbols(const struct elf_view *a, const struct elf_view *b, char *why, size_t cap)
{
	size_t na = a->symtab->sh_size / sizeof(Elf64_Sym), nb = b->symtab->sh_size / sizeof(Elf64_Sym), i, j;
	char ka[512], kb[512];

	for (i = elf_next_sym(a, 0), j = elf_next_sym(b, 0); i < na && j < nb;
	     i = elf_next_sym(a, i + 1), j = elf_next_sym(b, j + 1)) {
		elf_sym_key(a, i, ka, sizeof(ka));
		elf_sym_key(b, j, kb, sizeof(kb));
		if (strcmp(ka, kb))
			return snprintf(why, cap, "symbol %zu: %.100s vs %.100s", i, ka, kb), false;
	}
	return (i == na && j == nb) || (snprintf(why, cap, "more symbols in the %s object", i < na ? "first" : "second"), false);
}

/* Relocations: same offsets and types, against symbols that name the same thing. */
static bool elf_same_rels(const struct elf_view *a, const Elf64_Shdr *ra, const struct elf_view *b, const Elf64_Shdr *rb)
{
	const Elf64_Rel *ea = (const void *)(a->d + ra->sh_offset), *eb = (const void *)(b->d + rb->sh_offset);
	size_t n = ra->sh_size / sizeof(Elf64_Rel);
	char ka[512], kb[512];

	if (ra->sh_entsize != sizeof(Elf64_Rel) || rb->sh_size != ra->sh_size ||
	    strcmp(elf_sec_name(a, ra->sh_info), elf_sec_name(b, rb->sh_info)))
		return false;
	for (size_t i = 0; i < n; i++) {
		elf_sym_key(a, ELF64_R_SYM(ea[i].r_info), ka, sizeof(ka));
		elf_sym_key(b, ELF64_R_SYM(eb[i].r_info), kb, sizeof(kb));
		if (ea[i].r_offset != eb[i].r_offset || ELF64_R_TYPE(ea[i].r_info) != ELF64_R_TYPE(eb[i].r_info) || strcmp(ka, kb))
			return false;
	}
	return true;
}

/* .llvm_addrsig: ULEB128 symbol indices; the same symbols named. */
static bool elf_same_addrsig(const struct elf_view *a, const Elf64_Shdr *sa, const struct elf_view *b, const Elf64_Shdr *sb)
{
	const uint8_t *pa = a->d + sa->sh_offset, *ea = pa + sa->sh_size, *pb = b->d + sb->sh_offset, *eb = pb + sb->sh_size;
	char ka[512], kb[512];

	while (pa < ea && pb < eb) {
		size_t ia = 0, ib = 0;
		unsigned s = 0;

		for (s = 0; pa < ea && s < 63; s += 7)
			if (ia |= (size_t)(*pa & 0x7f) << s, !(*pa++ & 0x80))
				break;
		for (s = 0; pb < eb && s < 63; s += 7)
			if (ib |= (size_t)(*pb & 0x7f) << s, !(*pb++ & 0x80))
				break;
		elf_sym_key(a, ia, ka, sizeof(ka));
		elf_sym_key(b, ib, kb, sizeof(kb));
		if (strcmp(ka, kb))
			return false;
	}
	return pa == ea && pb == eb;
}

/* Is @b (resident, no DWARF) the same object as @a (one-shot) but for @a's DWARF?  Else false
 * with the first difference in @why. */
static bool elf_same_but_dwarf(const uint8_t *da, size_t la, const uint8_t *db, size_t lb, char *why, size_t cap)
{
	struct elf_view a, b;
	unsigned na = 0, nb = 0;

	if (!elf_view_init(&a, da, la) || !elf_view_init(&b, db, lb))
		return snprintf(why, cap, "not a 64-bit ELF object with a symbol table"), false;
	if (memcmp(da, db, offsetof(Elf64_Ehdr, e_entry)) || ((const Elf64_Ehdr *)da)->e_flags != ((const Elf64_Ehdr *)db)->e_flags)
		return snprintf(why, cap, "ELF headers differ"), false;
	for (unsigned i = 1; i < b.n; i++)
		if (elf_is_dwarf(elf_sec_name(&b, i)))
			return snprintf(why, cap, "has DWARF: %s", elf_sec_name(&b, i)), false;
		else
			nb++;
	for (unsigned i = 1; i < a.n; i++) {
		const char *name = elf_sec_name(&a, i);
		const Elf64_Shdr *sa = &a.sh[i], *sb;
		unsigned j;

		if (elf_is_dwarf(name))
			continue;
		na++;
		j = elf_find(&b, name);
		if (!j)
			return snprintf(why, cap, "no section %s", name), false;
		sb = &b.sh[j];
		if (sa->sh_type != sb->sh_type || sa->sh_flags != sb->sh_flags || sa->sh_addralign != sb->sh_addralign ||
		    sa->sh_entsize != sb->sh_entsize)
			return snprintf(why, cap, "section %s: another header", name), false;
		if (sa->sh_type == SHT_STRTAB)
			continue;   /* names: compared through the symbols and sections that use them */
		if (sa->sh_type == SHT_SYMTAB) {
			if (!elf_same_symbols(&a, &b, why, cap))
				return false;
		} else if (sa->sh_type == SHT_REL) {
			if (!elf_same_rels(&a, sa, &b, sb))
				return snprintf(why, cap, "relocations %s differ", name), false;
		} else if (sa->sh_type == SHT_LLVM_ADDRSIG) {
			if (!elf_same_addrsig(&a, sa, &b, sb))
				return snprintf(why, cap, "%s differs", name), false;
		} else if (sa->sh_type != SHT_NOBITS &&
			   (sa->sh_size != sb->sh_size || memcmp(da + sa->sh_offset, db + sb->sh_offset, sa->sh_size))) {
			return snprintf(why, cap, "section %s differs", name), false;
		} else if (sa->sh_size != sb->sh_size) {
			return snprintf(why, cap, "section %s: another size", name), false;
		}
	}
	return na == nb || (snprintf(why, cap, "%u sections vs %u", na, nb), false);
}

#endif
