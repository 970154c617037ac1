/* btf.c: the learner's object's BTF, as libbpf sees it once it has opened the object.
 *
 * clang leaves a global section's DATASEC unfinished: its size and every variable's offset
 * are 0 in .BTF (they are relocations, resolved only against the ELF symbol table), so read
 * raw, every variable of .bss/.data/.rodata would sit at offset 0.  libbpf completes them
 * when it opens an object (btf_fixup_datasec()), so the BTF comes from bpf_object__open_mem()
 * (parsing only: nothing is loaded, no bpf() call).  An object libbpf refuses to open is still
 * read raw with btf__new(), for its types; a DATASEC left unfinished there has size 0, and
 * value.c then shows its bytes rather than guess. */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "core/limits.h"
#include "value.h"

struct grade_btf {
	struct bpf_object *obj;   /* the opened object, owning @btf; NULL when read raw */
	struct btf *btf;          /* owned by @obj, or by us when read raw */
};

/* libbpf's messages about the learner's object (the guest's loader reports them with the
 * load); the host only parses objects, and its library code prints nothing. */
static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;

static void set_quiet(void)
{
	libbpf_set_print(quiet);
}

/* Find .BTF in an ELF image and parse it as is; NULL with errno on failure. */
static struct btf *btf_from_elf(char *image, size_t len)
{
	struct btf *btf = NULL;
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return errno = ENOTSUP, NULL;
	elf = elf_memory(image, len);
	if (!elf)
		return errno = EINVAL, NULL;
	errno = ENOENT;
	if (elf_kind(elf) != ELF_K_ELF || elf_getshdrstrndx(elf, &shstrndx) != 0) {
		errno = EINVAL;
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		if (!name || strcmp(name, ".BTF") != 0)
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || !data->d_buf || data->d_size == 0 || data->d_size > UINT32_MAX) {
			errno = EINVAL;
			break;
		}
		btf = btf__new(data->d_buf, (uint32_t)data->d_size);
		if (!btf)
			errno = EINVAL;
		break;
	}
out:
	elf_end(elf);
	return btf;
}

/* Open @image with libbpf and take its fixed-up BTF: 0, -ENOENT when the object has no BTF,
 * or another negative errno when libbpf refuses the object. */
static int btf_from_open(struct grade_btf *g, const char *image, size_t len)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "prog");
	struct bpf_object *obj;

	obj = bpf_object__open_mem(image, len, &opts);
	if (!obj)
		return errno ? -errno : -EINVAL;
	if (!bpf_object__btf(obj)) {
		bpf_object__close(obj);
		return -ENOENT;
	}
	g->obj = obj;
	g->btf = bpf_object__btf(obj);
	return 0;
}

struct grade_btf *grade_btf_new(const void *obj, size_t len, struct dojo_err *err)
{
	struct grade_btf *g;
	char *image;
	int rc;

	if (!obj || len == 0 || len > DOJO_MAX_OBJECT_BYTES) {
		dojo_err_set(err, -EINVAL, "the object is empty or larger than %u bytes",
			     DOJO_MAX_OBJECT_BYTES);
		return NULL;
	}
	g = calloc(1, sizeof(*g));
	image = malloc(len);   /* libelf wants a writable image */
	if (!g || !image) {
		free(g);
		free(image);
		dojo_err_set(err, -ENOMEM, "out of memory reading the object's BTF");
		return NULL;
	}
	memcpy(image, obj, len);
	(void)pthread_once(&quiet_once, set_quiet);
	rc = btf_from_open(g, image, len);   /* libbpf copies what it keeps */
	if (rc == -ENOMEM) {
		free(image);
		free(g);
		dojo_err_set(err, -ENOMEM, "out of memory reading the object's BTF");
		return NULL;
	}
	if (rc)
		g->btf = btf_from_elf(image, len);   /* btf__new copies the section */
	free(image);
	if (!g->btf) {
		int e = errno;

		free(g);
		dojo_err_set(err, -e, e == ENOENT ?
			     "the object has no .BTF section: compile it with clang -g" :
			     "the object's ELF or .BTF section is malformed");
		return NULL;
	}
	return g;
}

void grade_btf_free(struct grade_btf *g)
{
	if (!g)
		return;
	if (g->obj)
		bpf_object__close(g->obj);
	else
		btf__free(g->btf);
	free(g);
}

const struct btf *grade_btf_raw(const struct grade_btf *g)
{
	return g ? g->btf : NULL;
}
