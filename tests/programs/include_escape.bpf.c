// Tries to read a host file through the preprocessor: must not compile.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "/etc/passwd"

char LICENSE[] SEC("license") = "GPL";
SEC("tp/sched/sched_process_exec")
int handle_exec(void *ctx) { return 0; }
