/* limits.h: every limit bpfdojo enforces, in one place.
 *
 * Each input that crosses a trust boundary (a learner's source, an object, a frame from the
 * guest, a verifier log) is checked against one of these before any work is done on it. */
#ifndef DOJO_LIMITS_H
#define DOJO_LIMITS_H

#define DOJO_MAX_SOURCE_BYTES     (64u * 1024)        /* learner's .bpf.c */
#define DOJO_MAX_FILENAME         64u                 /* learner's file name, as shown in diagnostics */
#define DOJO_MAX_OBJECT_BYTES     (4u * 1024 * 1024)  /* clang's output */
#define DOJO_MAX_DIAG_BYTES       (64u * 1024)        /* clang's stderr kept */
#define DOJO_MAX_DIAGS            64u                 /* diagnostics kept per compile */
#define DOJO_COMPILE_TIMEOUT_MS   10000u
#define DOJO_RUN_TIMEOUT_MS       10000u              /* whole run: load + attach + workload + drain */
#define DOJO_LOAD_TIMEOUT_MS      8000u               /* of which loading (the verifier's paths) */
#define DOJO_LOAD_LOG_GRACE_MS    300u                /* past that deadline, the attempt with a log
							* runs this long, so its log shows the path */
#define DOJO_LOAD_LOG_GRACES      3u                  /* graces given while the log has not grown
							* (the guest was stalled through one) */
#define DOJO_AGENT_MARGIN_MS      500u                /* the agent's own deadline comes this much before the run's */
#define DOJO_AGENT_EXIT_GRACE_MS  1000u               /* host mode: after its last frame, time for the agent to exit */
#define DOJO_MAX_PROGRAMS         16u
#define DOJO_MAX_ITER_BYTES       (1024u * 1024)      /* read from one iterator (SEC("iter/...")) per run */
#define DOJO_MAX_MAPS             16u
#define DOJO_MAX_MAP_BYTES        (4u * 1024 * 1024)  /* sum of key+value bytes * entries, ring buffers */
#define DOJO_MAX_RECORDS          512u                /* records forwarded per run */
#define DOJO_MAX_RECORD_BYTES     (256u * 1024)       /* sum of forwarded record bytes per run */
#define DOJO_PERF_SUBMIT_PAGES    8u                  /* per CPU, of an exercise's perf event array reader (a power of 2) */
#define DOJO_MAX_VERIFIER_LOG     (1024u * 1024)      /* verifier log buffer (kernel keeps the tail) */
#define DOJO_MAX_FRAME_BYTES      (DOJO_MAX_OBJECT_BYTES + 4096u) /* any frame on the job channel */
#define DOJO_MAX_FRAMES           4096u               /* frames from one guest per run */
#define DOJO_MAX_CHANNEL_BYTES    (8u * 1024 * 1024)  /* bytes from one guest per run */
#define DOJO_MAX_MESSAGE          512u                /* one human-readable message */
#define DOJO_MAX_VALUE_TEXT       4096u               /* one record's value as text ({.a = 1, ...}) */
#define DOJO_COMPILE_MAX_MEMORY   (1024ul * 1024 * 1024) /* address space of the jailed clang */
#define DOJO_COMPILE_MAX_JOBS     16u                 /* compiles at once in one resident compiler */
#define DOJO_COMPILE_DEFAULT_JOBS 2u                  /* its default: about one per core */
#define DOJO_ZYGOTE_START_MS      15000u              /* the resident compiler's clang getting ready */
#define DOJO_MAX_PCH_BYTES        (256u * 1024 * 1024) /* the precompiled header (build time) */
#define DOJO_PCH_TIMEOUT_MS       120000u             /* building it */
#define DOJO_MAX_PROGRESS_BYTES   (64u * 1024)        /* the CLI's progress file, read at most */

/* the micro-VM sandbox */
#define DOJO_VM_MEM_MB            128u                /* guest RAM */
#define DOJO_VM_MAX_SPARES        16u                 /* qemus started ahead (sandbox_vm_spares) */
#define DOJO_VM_BOOT_TIMEOUT_MS   10000u              /* a TCG cold boot takes ~3-4 s; a hung one never ends */
#define DOJO_VM_BOOT_TRIES        4u                  /* cold boots hang now and then before any output */
#define DOJO_VM_PROBE_KVM_MS      4000u               /* a KVM boot is ready well within this */
#define DOJO_VM_QMP_TIMEOUT_MS    5000u               /* one QMP exchange */
#define DOJO_VM_QMP_MAX_LINE      (64u * 1024)        /* one line from qemu's monitor */
#define DOJO_VM_MIGRATE_TIMEOUT_MS 10000u             /* saving the snapshot */
#define DOJO_VM_TAIL_BYTES        2048u               /* console and qemu stderr kept for error messages */

/* the playground (bpfdojo play): what one run may send back, per kind */
#define DOJO_PLAY_DEFAULT_SECONDS 2u                  /* the workload's wall clock unless asked */
#define DOJO_PLAY_MAX_SECONDS     10u                 /* ...at most */
#define DOJO_PLAY_MAX_CMD         1024u               /* the workload's shell command */
#define DOJO_PLAY_MAX_OUTPUT      (32u * 1024)        /* stdout, stderr each: bytes kept */
#define DOJO_PLAY_MAX_OUTPUT_FRAMES 128u              /* ...and reads forwarded (frames) */
#define DOJO_PLAY_MAX_PRINTK      (32u * 1024)        /* bpf_printk lines: bytes kept */
#define DOJO_PLAY_MAX_PRINTK_LINES 256u               /* ...and lines */
#define DOJO_PLAY_CHUNK           2048u               /* one output frame's bytes at most */
#define DOJO_PLAY_MAX_RECORDS     256u                /* ring-buffer records forwarded */
#define DOJO_PLAY_MAX_RECORD_BYTES (128u * 1024)      /* ...their bytes (ring buffers and perf event arrays together) */
#define DOJO_PLAY_PERF_PAGES      8u                  /* a perf event array's buffer per CPU, in pages */
#define DOJO_DNS_MAX_MSG          512u                /* dojo-dns: a query or answer (RFC 1035 UDP) */
#define DOJO_DNS_DEFAULT_SECONDS  DOJO_PLAY_MAX_SECONDS /* dojo-dns: it exits after this at most */
#define DOJO_PLAY_MAX_ENTRIES     64u                 /* entries shown per map */
#define DOJO_PLAY_MAX_SCAN        65536u              /* keys walked per map to count them */

/* the sandbox broker (privilege separation: src/sandbox/broker.c) */
#define DOJO_BROKER_MAX_GUESTS    64u                 /* guests the broker holds at once */
#define DOJO_BROKER_REPLY_MS      5000u               /* the broker explaining or freeing a guest */
#define DOJO_BROKER_START_SLACK_MS 60000u             /* past a run's timeout: a start may build the snapshot first */
#define DOJO_BROKER_MAX_TIMEOUT_MS 100000u            /* the longest run a broker starts */

/* the agent */
#define DOJO_AGENT_MAX_LOG_FRAMES 32u                 /* LOG frames per run */
#define DOJO_AGENT_LIBBPF_TAIL    4096u               /* libbpf's last words kept for LOAD_FAILED */
#define DOJO_AGENT_DEV_WAIT_MS    5000u               /* vm: waiting for the channel device */

/* reading what a program sent and what the verifier said (grade) */
#define DOJO_VALUE_MAX_DEPTH      8                   /* nested structs/arrays shown */
#define DOJO_VALUE_MAX_ELEMS      32                  /* array elements shown */
#define DOJO_VALUE_MAX_MODS       32                  /* typedef/const chains followed */
#define DOJO_VERIFIER_LOG_TAIL    (256u * 1024)       /* raw-log bytes kept in a diagnosis (the tail) */
#define DOJO_VERIFIER_SCAN_LINES  4096u               /* verifier-log lines scanned (the tail) */
#define DOJO_VERIFIER_WALK_LINES  4096                /* lines walked back for a register's state */
#define DOJO_VERIFIER_FAIL_WALK   2048                /* lines walked back from the failure */
#define DOJO_VERIFIER_REPORT_STEPS 8                  /* steps kept of a 7.3+ report's causal path */
#define DOJO_VERIFIER_REPORT_LINES 64                 /* log lines a 7.3+ report may span */
#define DOJO_VERIFIER_TRACE_STEPS 48                  /* steps kept of the path to a rejection (the last) */
#define DOJO_VERIFIER_TRACE_INSNS 8                   /* instructions shown under one step's line */
#define DOJO_MAX_XLATED_INSNS     4096u               /* xlated instructions (and line infos) sent per program (--xlated, --explain) */
#define DOJO_MAX_XLATED_JIT       (64u * 1024)        /* JITed bytes sent per program */
#define DOJO_MAX_XLATED_FUNCS     64u                 /* a program's JITed functions (subprograms) */
#define DOJO_XLATED_JIT_INSNS     24u                 /* JITed (x86-64) instructions shown per source line */
#define DOJO_XLATED_MAX_TEXT      (64u * 1024)        /* one program's listing as terminal text */
#define DOJO_OBJ_MAX_LINE_INFO    65536u              /* .BTF.ext line-info records read */
#define DOJO_OBJ_MAX_SYMS         4096u               /* ELF symbols read */

/* The server (bpfdojo serve).  Defaults; the ones marked "flag" can be changed by flags or the
 * config file, within the ranges the server checks. */
#define DOJO_SERVER_USER              "bpfdojo" /* flag: whom the server becomes after start-up (root only) */
#define DOJO_SERVER_MAX_BODY          DOJO_MAX_SOURCE_BYTES /* request body (a source) */
#define DOJO_SERVER_MAX_CONNECTIONS   256u     /* flag: open connections (one thread each) */
#define DOJO_SERVER_MAX_PER_IP_CONNS  32u      /* flag: open connections from one address */
#define DOJO_SERVER_IDLE_TIMEOUT_S    30u      /* flag: a connection with no traffic is closed */
#define DOJO_SERVER_REQUEST_TIMEOUT_MS 10000u  /* flag: headers to last body byte */
#define DOJO_SERVER_QUEUE_MAX         32u      /* flag: runs waiting for a slot */
#define DOJO_SERVER_MAX_RUNS          64u      /* most runs at once the flags may ask for */
#define DOJO_SERVER_COMPILE_WAITING   16u      /* checks waiting for a compile slot */
#define DOJO_SERVER_RATE_PER_MIN      120u     /* flag: API requests per client per minute */
#define DOJO_SERVER_RATE_BURST        20u      /* flag: requests a client may send at once */
#define DOJO_SERVER_MAX_CLIENTS       4096u    /* clients whose buckets are remembered */
#define DOJO_SERVER_MAX_ALLOW         32u      /* entries of an address allow-list */
#define DOJO_SERVER_SHUTDOWN_MS       15000u   /* flag: in-flight runs may finish on SIGTERM */
#define DOJO_SERVER_KEEPALIVE_MS      15000u   /* an SSE comment so proxies keep the stream */
#define DOJO_SERVER_STREAM_EVENTS     1024u    /* events buffered for a slow SSE reader */
#define DOJO_SERVER_STREAM_BYTES      (4u * 1024 * 1024) /* bytes buffered for one */
#define DOJO_SERVER_MAX_STATIC_BYTES  (64u * 1024 * 1024) /* one static file */
#define DOJO_SERVER_MAX_GZIP_BYTES    (8u * 1024 * 1024)  /* compressed on the fly, at most */
#define DOJO_SERVER_MAX_CONFIG_BYTES  (64u * 1024)        /* the --config file */
#define DOJO_SERVER_THREAD_STACK      (256u * 1024)       /* a connection's thread */

/* Lessons (tools/webgen): a diagram is an SVG next to its lesson.md, drawn inline in the page */
#define DOJO_MAX_DIAGRAM_BYTES    (64u * 1024)       /* one diagram's bytes */
#define DOJO_MAX_DIAGRAMS         8u                 /* images in one lesson */

#endif
