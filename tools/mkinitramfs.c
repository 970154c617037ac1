/* mkinitramfs.c: write the micro-VM's initramfs, a newc cpio holding the static agent as /init,
 * /dev/console (so the kernel gives PID 1 a console for its last words), and the kernel modules
 * the catalogue needs, decompressed here so the guest spends no emulated time on xz.
 *
 *   mkinitramfs -o OUT --init AGENT [--child CHILD] [--bin FILE]... --modules DIR MODULE...
 *
 * Each FILE (a static binary: busybox from Debian's busybox-static, the playground's shell)
 * becomes /bin/<its name>.
 * CHILD (bpfdojo-child, src/guest/child/child.c) becomes /bin/dojo-child, the small program
 * exercises' workloads exec.
 *
 * DIR is the kernel's modules directory (lib/modules/<ver>); each MODULE is a module name
 * (virtio_mmio, veth, ...).  Dependencies are read from each module's .modinfo ("depends=")
 * because a module tree unpacked from a .deb has no modules.dep.  Modules are stored as
 * /lib/modules/NN-name.ko, NN giving a load order where dependencies come first; the agent
 * loads them in name order.  Output is reproducible: every mtime is 0, uids are 0. */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_MODS 64

struct blob {
	unsigned char *data;
	size_t len;
};

struct mod {
	char name[64];
	char path[4096];
	struct blob ko;
	int state;               /* 0 unseen, 1 visiting, 2 placed */
};

static struct mod mods[MAX_MODS];
static int nmods;
static struct mod *order[MAX_MODS];
static int norder;
static unsigned long ino = 1;

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "mkinitramfs: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static struct blob slurp(const char *path)
{
	struct blob b = { 0 };
	FILE *f = fopen(path, "rb");
	long n;

	if (!f || fseek(f, 0, SEEK_END) < 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0)
		die("cannot read %s", path);
	b.len = (size_t)n;
	b.data = malloc(b.len ? b.len : 1);
	if (!b.data || fread(b.data, 1, b.len, f) != b.len)
		die("cannot read %s", path);
	fclose(f);
	return b;
}

static struct blob unxz(struct blob in, const char *path)
{
	lzma_stream s = LZMA_STREAM_INIT;
	struct blob out = { 0 };
	size_t cap = in.len * 4 + 4096;
	lzma_ret r;

	if (lzma_stream_decoder(&s, UINT64_MAX, 0) != LZMA_OK)
		die("lzma init failed for %s", path);
	out.data = malloc(cap);
	if (!out.data)
		die("out of memory for %s", path);
	s.next_in = in.data;
	s.avail_in = in.len;
	for (;;) {
		s.next_out = out.data + out.len;
		s.avail_out = cap - out.len;
		r = lzma_code(&s, LZMA_FINISH);
		out.len = cap - s.avail_out;
		if (r == LZMA_STREAM_END)
			break;
		if (r != LZMA_OK && r != LZMA_BUF_ERROR)
			die("cannot decompress %s", path);
		if (s.avail_out == 0) {
			cap *= 2;
			out.data = realloc(out.data, cap);
			if (!out.data)
				die("out of memory for %s", path);
		} else if (r == LZMA_BUF_ERROR) {
			die("truncated xz data in %s", path);
		}
	}
	lzma_end(&s);
	free(in.data);
	return out;
}

/* The value of "depends=" in the module's .modinfo section ("" when none). */
static const char *modinfo_depends(const struct blob *ko, const char *path)
{
	const Elf64_Ehdr *eh = (const void *)ko->data;
	const Elf64_Shdr *sh;
	const char *names;

	if (ko->len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) > ko->len ||
	    eh->e_shstrndx >= eh->e_shnum)
		die("%s is not a 64-bit ELF module", path);
	sh = (const void *)(ko->data + eh->e_shoff);
	if (sh[eh->e_shstrndx].sh_offset + sh[eh->e_shstrndx].sh_size > ko->len)
		die("%s has a broken section table", path);
	names = (const char *)ko->data + sh[eh->e_shstrndx].sh_offset;
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		const char *p, *end;

		if (sh[i].sh_name >= sh[eh->e_shstrndx].sh_size || strcmp(names + sh[i].sh_name, ".modinfo"))
			continue;
		if (sh[i].sh_offset + sh[i].sh_size > ko->len)
			die("%s has a broken .modinfo", path);
		p = (const char *)ko->data + sh[i].sh_offset;
		end = p + sh[i].sh_size;
		for (; p < end; p += strnlen(p, (size_t)(end - p)) + 1)
			if (!strncmp(p, "depends=", 8) && memchr(p, 0, (size_t)(end - p)))
				return p + 8;
	}
	return "";
}

/* Module names treat '-' and '_' alike. */
static void canon(char *dst, const char *src, size_t cap)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < cap; i++)
		dst[i] = src[i] == '-' ? '_' : src[i];
	dst[i] = 0;
}

/* Find @name's file under @dir (recursively): NAME.ko or NAME.ko.xz.  1 found, 0 not. */
static int find_module(const char *dir, const char *name, char *out, size_t cap)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;

	if (!d)
		return 0;
	while (!found && (e = readdir(d))) {
		char path[4096], base[256], *dot;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR) {
			found = find_module(path, name, out, cap);
			continue;
		}
		canon(base, e->d_name, sizeof(base));
		dot = strstr(base, ".ko");
		if (!dot || (strcmp(dot, ".ko") && strcmp(dot, ".ko.xz")))
			continue;
		*dot = 0;
		if (!strcmp(base, name)) {
			snprintf(out, cap, "%s", path);
			found = 1;
		}
	}
	closedir(d);
	return found;
}

static struct mod *get_module(const char *moddir, const char *raw)
{
	char name[64];
	struct mod *m;

	canon(name, raw, sizeof(name));
	for (int i = 0; i < nmods; i++)
		if (!strcmp(mods[i].name, name))
			return &mods[i];
	if (nmods == MAX_MODS)
		die("more than 64 modules (at %s)", name);
	m = &mods[nmods++];
	snprintf(m->name, sizeof(m->name), "%s", name);
	if (!find_module(moddir, name, m->path, sizeof(m->path)))
		die("module %s not found in the kernel's modules directory", name);
	m->ko = slurp(m->path);
	if (strstr(m->path, ".ko.xz"))
		m->ko = unxz(m->ko, m->path);
	return m;
}

/* Depth-first: dependencies are placed before the module that needs them. */
static void place(const char *moddir, const char *name)
{
	struct mod *m = get_module(moddir, name);
	char deps[1024], *tok, *save;

	if (m->state == 2)
		return;
	if (m->state == 1)
		die("dependency cycle at %s", m->name);
	m->state = 1;
	snprintf(deps, sizeof(deps), "%s", modinfo_depends(&m->ko, m->path));
	for (tok = strtok_r(deps, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (*tok)
			place(moddir, tok);
	m->state = 2;
	order[norder++] = m;
}

static void pad4(FILE *out, size_t n)
{
	static const char zero[4];

	if (n % 4 && fwrite(zero, 1, 4 - n % 4, out) != 4 - n % 4)
		die("write failed%s", "");
}

static void entry(FILE *out, const char *name, unsigned mode, unsigned maj, unsigned min,
		  const void *data, size_t len)
{
	size_t namesz = strlen(name) + 1;

	if (fprintf(out, "070701%08lX%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
		    ino++, mode, 0u, 0u, 1u, 0u, len, 0u, 0u, maj, min, namesz, 0u) < 0 ||
	    fwrite(name, 1, namesz, out) != namesz)
		die("write failed%s", "");
	pad4(out, 110 + namesz);
	if (len && fwrite(data, 1, len, out) != len)
		die("write failed%s", "");
	pad4(out, len);
}

int main(int argc, char **argv)
{
	const char *out_path = NULL, *init = NULL, *moddir = NULL, *child_path = NULL;
	const char *bins[8];
	int nbins = 0;
	char tmp[4096];
	struct blob agent, child = { 0 };
	FILE *out;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out_path = argv[++i];
		else if (!strcmp(argv[i], "--init") && i + 1 < argc)
			init = argv[++i];
		else if (!strcmp(argv[i], "--child") && i + 1 < argc)
			child_path = argv[++i];
		else if (!strcmp(argv[i], "--bin") && i + 1 < argc && nbins < 8)
			bins[nbins++] = argv[++i];
		else if (!strcmp(argv[i], "--modules") && i + 1 < argc)
			moddir = argv[++i];
		else
			die("unknown option %s", argv[i]);
	}
	if (!out_path || !init || !moddir)
		die("usage: mkinitramfs -o OUT --init AGENT [--child CHILD] [--bin FILE]... --modules DIR MODULE...%s", "");
	for (; i < argc; i++)
		place(moddir, argv[i]);
	agent = slurp(init);
	if (child_path)
		child = slurp(child_path);

	snprintf(tmp, sizeof(tmp), "%s.tmp", out_path);
	out = fopen(tmp, "wb");
	if (!out)
		die("cannot write %s", tmp);
	entry(out, "dev", S_IFDIR | 0755, 0, 0, NULL, 0);
	entry(out, "dev/console", S_IFCHR | 0600, 5, 1, NULL, 0);
	entry(out, "init", S_IFREG | 0755, 0, 0, agent.data, agent.len);
	if (child_path || nbins)
		entry(out, "bin", S_IFDIR | 0755, 0, 0, NULL, 0);
	if (child_path)
		entry(out, "bin/dojo-child", S_IFREG | 0755, 0, 0, child.data, child.len);
	for (int b = 0; b < nbins; b++) {
		struct blob bin = slurp(bins[b]);
		const char *base = strrchr(bins[b], '/');
		char name[128];

		snprintf(name, sizeof(name), "bin/%s", base ? base + 1 : bins[b]);
		entry(out, name, S_IFREG | 0755, 0, 0, bin.data, bin.len);
		free(bin.data);
	}
	entry(out, "lib", S_IFDIR | 0755, 0, 0, NULL, 0);
	entry(out, "lib/modules", S_IFDIR | 0755, 0, 0, NULL, 0);
	for (i = 0; i < norder; i++) {
		char name[128];

		snprintf(name, sizeof(name), "lib/modules/%02d-%s.ko", i, order[i]->name);
		entry(out, name, S_IFREG | 0644, 0, 0, order[i]->ko.data, order[i]->ko.len);
	}
	entry(out, "TRAILER!!!", 0, 0, 0, NULL, 0);
	if (fclose(out) != 0 || rename(tmp, out_path) != 0)
		die("cannot write %s", out_path);
	return 0;
}
