# pipeline: compile -> sandbox -> grade for one run, as JSON events (shared by CLI and server).
PIPELINE_SRCS := $(wildcard src/pipeline/*.c)
