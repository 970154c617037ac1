# sandbox: sandbox_run() and its backends: vm*.c (a qemu micro-VM per run, restored from a
# snapshot) and host.c; channel.c is shared by both; broker*.c and privdrop.c let a server run
# unprivileged while a forked broker keeps root.
SANDBOX_SRCS := $(wildcard src/sandbox/*.c)
