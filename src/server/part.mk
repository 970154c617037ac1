# server: `bpfdojo serve`, the HTTP API (libmicrohttpd, cmark, zlib), linked into the CLI.
SERVER_SRCS := $(wildcard src/server/*.c)
LIBS_SERVER := -lmicrohttpd -lcmark -lz
