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
#define DOJO_AGENT_MARGIN_MS      500u                /* the agent's own deadline comes this much before the run's */
#define DOJO_AGENT_EXIT_GRACE_MS  1000u               /* host mode: after its last frame, time for the agent to exit */
#define DOJO_MAX_PROGRAMS         16u
#define DOJO_MAX_MAPS             16u
#define DOJO_MAX_MAP_BYTES        (4u * 1024 * 1024)  /* sum of key+value bytes * entries, ring buffers */
#define DOJO_MAX_RECORDS          512u                /* records forwarded per run */
#define DOJO_MAX_RECORD_BYTES     (256u * 1024)       /* sum of forwarded record bytes per run */
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

#endif
