# core: shared pieces (buffers, errors, frames, wire fields, JSON helpers).
CORE_SRCS := $(wildcard src/core/*.c)
