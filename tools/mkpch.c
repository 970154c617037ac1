/* mkpch.c: build-time tool that writes the precompiled header compile_bpf() uses, or (--prelude)
 * the resident compiler's prelude of the same headers.
 * Usage: mkpch INCLUDE_DIR OUT.pch | mkpch --prelude OUT.  All the work (jail, flags) is compile_build_pch()'s, so the
 * PCH is made exactly the way the compiles will read it. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compile/compile.h"
#include "compile/internal.h"

int main(int argc, char **argv)
{
	struct dojo_paths paths;
	struct dojo_err err = { 0 };
	int ret;

	if (argc == 3 && !strcmp(argv[1], "--prelude")) {
		ret = compile_write_prelude(argv[2], &err);
		if (ret)
			fprintf(stderr, "mkpch: %s\n", err.msg);
		return ret ? 1 : 0;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: %s INCLUDE_DIR OUT.pch | --prelude OUT\n", argv[0]);
		return 2;
	}
	memset(&paths, 0, sizeof(paths));
	if (!realpath(argv[1], paths.include_dir)) {
		perror(argv[1]);
		return 1;
	}
	ret = compile_build_pch(&paths, argv[2], &err);
	if (ret) {
		fprintf(stderr, "mkpch: %s\n", err.msg[0] ? err.msg : strerror(-ret));
		return 1;
	}
	return 0;
}
