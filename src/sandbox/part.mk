# sandbox: sandbox_run() and its backends (host now, vm next); channel.c is shared by both.
SANDBOX_SRCS := $(wildcard src/sandbox/*.c)
