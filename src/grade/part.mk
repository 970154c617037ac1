# grade: answer comparison and BTF-typed value decoding (libbpf's BTF API, libelf).
GRADE_SRCS := $(wildcard src/grade/*.c)
