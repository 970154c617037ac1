/* compile_sources.h: the small programs the compile tests share (test_compile.c,
 * test_compile_server.c, test_compile_parity.c): SMALL, the least a program is; TASK, one that
 * reads task_struct; SLOW, slow and big enough to be caught in the middle of a compile. */
#ifndef DOJO_TEST_COMPILE_SOURCES_H
#define DOJO_TEST_COMPILE_SOURCES_H

#define SMALL \
	"#include \"vmlinux.h\"\n" \
	"#include <bpf/bpf_helpers.h>\n" \
	"char LICENSE[] SEC(\"license\") = \"GPL\";\n" \
	"SEC(\"tracepoint/sched/sched_process_exec\")\n" \
	"int handle_exec(struct trace_event_raw_sched_process_exec *ctx)\n" \
	"{\n" \
	"\tbpf_printk(\"exec %d\", ctx->pid);\n" \
	"\treturn 0;\n" \
	"}\n"

/* A program that reads task_struct (its debug-info types are built before the zygote forks, so
 * it is about as fast as SMALL). */
#define TASK \
	"#include \"vmlinux.h\"\n" \
	"#include <bpf/bpf_helpers.h>\n" \
	"#include <bpf/bpf_core_read.h>\n" \
	"char LICENSE[] SEC(\"license\") = \"GPL\";\n" \
	"SEC(\"tp/sched/sched_process_exec\")\n" \
	"int handle_exec(void *ctx)\n" \
	"{\n" \
	"\tstruct task_struct *t = (struct task_struct *)bpf_get_current_task();\n" \
	"\treturn BPF_CORE_READ(t, real_parent, tgid);\n" \
	"}\n"

/* Slow enough (~100 ms) to be caught in the middle, and it needs more memory than a minimal
 * program (a 32768-element array initializer: the AST, the constant and the object), whatever
 * the zygote builds ahead. */
#define SLOW TASK \
	"#define A(x) x, x, x, x, x, x, x, x\n" \
	"const volatile int big[] = { A(A(A(A(A(1))))) };\n"

#endif
