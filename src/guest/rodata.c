/* rodata.c: the values an exercise gives the learner's program through .rodata.  An
 * exercise's setup() may write ctx->run_dir/EXERCISE_RODATA_FILE, lines "NAME VALUE"; before
 * the object is loaded, each `const volatile` global NAME in its .rodata gets the integer
 * VALUE (the way a skeleton's rodata is set between open and load), found through the
 * object's BTF.  The loader (loader.c) leaves the object's contents alone; this file only
 * writes into libbpf's copy of .rodata, which libbpf then freezes when it loads the map. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "exercises/exercise.h"
#include "rodata.h"

/* Set @name to @value in @obj's .rodata: 0, -ENOENT when there is no such variable, -E2BIG when
 * its size is not 1, 2, 4 or 8 bytes. */
static int set_one(struct bpf_object *obj, const char *name, uint64_t value)
{
	const struct btf *btf = bpf_object__btf(obj);
	const struct btf_var_secinfo *vs;
	const struct btf_type *sec;
	struct bpf_map *map, *ro = NULL;
	size_t size = 0;
	uint8_t *data;
	int id;

	bpf_object__for_each_map(map, obj) {
		const char *n = bpf_map__name(map);
		size_t len = strlen(n);

		if (len >= 7 && strcmp(n + len - 7, ".rodata") == 0)
			ro = map;
	}
	if (!btf || !ro || (id = btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC)) < 0)
		return -ENOENT;
	sec = btf__type_by_id(btf, (uint32_t)id);
	data = bpf_map__initial_value(ro, &size);
	if (!sec || !data)
		return -ENOENT;
	vs = btf_var_secinfos(sec);
	for (unsigned i = 0; i < btf_vlen(sec); i++, vs++) {
		const struct btf_type *var = btf__type_by_id(btf, vs->type);

		if (!var || strcmp(btf__name_by_offset(btf, var->name_off), name) != 0)
			continue;
		if ((vs->size != 1 && vs->size != 2 && vs->size != 4 && vs->size != 8) ||
		    vs->offset + vs->size > size)
			return -E2BIG;
		/* little-endian: the low bytes of @value, whatever the variable's width */
		memcpy(data + vs->offset, &value, vs->size);
		return 0;
	}
	return -ENOENT;
}

int guest_rodata_apply(struct guest_chan *c, struct bpf_object *obj, const char *run_dir)
{
	char path[512], name[PROTO_NAME_MAX], line[PROTO_TEXT_MAX];
	unsigned long long value;
	FILE *f;
	int rc = 0, n;

	n = snprintf(path, sizeof(path), "%s/%s", run_dir, EXERCISE_RODATA_FILE);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	if (!(f = fopen(path, "re")))
		return errno == ENOENT ? 0 : -errno;
	while (!rc && (n = fscanf(f, "%63s %llu", name, &value)) == 2) {
		int err = set_one(obj, name, value);

		if (err == -ENOENT)
			snprintf(line, sizeof(line), "this exercise gives your program `%s` through "
				 ".rodata, and it has no such global: declare `const volatile` %s = 0; "
				 "(an integer) to receive it", name, name);
		else if (err)
			snprintf(line, sizeof(line), "`%s` in your .rodata is not an integer of 1, 2, "
				 "4 or 8 bytes: the exercise cannot set it", name);
		if (err)
			rc = guest_send_log(c, LIBBPF_WARN, line);
	}
	if (!rc && n != EOF)
		rc = -EINVAL;   /* the exercise wrote something else: its bug, not the learner's */
	fclose(f);
	return rc;
}
