/* verifier_util.h: readers shared by the class table (verifier_util.c).  Internal to grade. */
#ifndef DOJO_GRADE_VERIFIER_UTIL_H
#define DOJO_GRADE_VERIFIER_UTIL_H

#include "verifier_internal.h"

/* Line @line of the source, trimmed, into @out; false past the end. */
bool vu_line(const struct vctx *c, int line, char *out, size_t cap);
/* The error line containing @needle, or NULL. */
const char *vu_err(const struct vctx *c, const char *needle);
/* The register an error line starts with ("R2 ..." -> 2), -1 if none. */
int vu_err_reg(const char *errline);
/* The failing instruction's text ("" if none). */
const char *vu_insn(const struct vctx *c);
/* "call bpf_probe_read_kernel#113" -> "bpf_probe_read_kernel". */
bool vu_helper(const char *insn, char *out, size_t cap);
/* The first NAME[INDEX] with a non-literal index on @line. */
bool vu_subscript(const char *line, char *arr, size_t acap, char *idx, size_t icap);
/* The text of argument @argn (1-based) of the call to @fn on @line. */
bool vu_call_arg(const char *line, const char *fn, int argn, char *out, size_t cap);
/* The variable assigned on @line ("u64 *count = ..." -> "count"). */
bool vu_assigned(const char *line, char *out, size_t cap);
/* The pointer dereferenced on @line: "task->pid", else "name[0]", else "*count" gives the
 * variable. */
bool vu_deref_base(const char *line, char *out, size_t cap);
/* Elements of the array @arr as declared ("arr[16]") on a line at or before @before; 0. */
/* The value of `#define @name <number>` above line @before, 0 if there is none. */
long vu_define_value(const struct vctx *c, const char *name, int before);
long vu_decl_elems(const struct vctx *c, const char *arr, int before);
/* Source line of the instruction on log line @logline (object line info, else the log). */
int vu_insn_line(const struct vctx *c, int logline);
/* Provenance: the last conditional jump on the path to the failure whose source line is an
 * `if` mentioning @ident: its source line (0 if none), its register and that register's
 * state after the jump (the fall-through path). */
int vu_find_check(const struct vctx *c, const char *ident, int *reg, char *state, size_t cap);
/* Provenance: the helper call whose result became register @reg (matched by the verifier's
 * id): its source line (0 if none) and the helper's name. */
int vu_find_call(const struct vctx *c, int reg, char *helper, size_t cap);
/* Provenance: the load from memory (a context field, a kernel struct's member) whose result
 * became register @reg: its source line, 0 if the value came from elsewhere. */
int vu_find_load(const struct vctx *c, int reg);
/* Provenance: the log line of the instruction that last wrote register @reg before the
 * failing one, following plain copies (`r6 = r1`); -1 if none. */
int vu_last_write(const struct vctx *c, int reg);
/* The declaration of argument @pos (1 = the first after the program's name) in the
 * BPF_PROG(name, ...) list that starts on source line @def ("struct task_struct *prev"), and
 * its source line; the list's last line into *@list_end (may be NULL); 0 if the line has no
 * BPF_PROG or the list is shorter. */
int vu_bpf_prog_arg(const struct vctx *c, int def, int pos, char *decl, size_t cap, int *list_end);
/* The name a declaration declares, its last identifier ("const void *buf" -> "buf"), into
 * @out. */
void vu_decl_name(const char *decl, char *out, size_t cap);
/* What a learner calls the hook @fn of section @sec: "the sched_switch tracepoint" (tp_btf),
 * "the file_open LSM hook", else "do_unlinkat()". */
void vu_hook_what(const char *sec, const char *fn, char *out, size_t cap);
/* The line in the definition of map @name (the lines above its `} name SEC(".maps")`, whose
 * line goes to *@end, 0 if none) that contains @needle; 0 if none. */
int vu_map_decl_line(const struct vctx *c, const char *name, const char *needle, int *end);
/* Add a secondary span on the `__uint(type, ...)` line of map @arg's definition (`&name` or
 * `name`), labelled with the type it declares; false if not found. */
bool vu_map_type_secondary(const struct vctx *c, const char *arg);
/* The first line after @from, in its function, that uses one of dojo.h's macros (DEBUG_*,
 * SUBMIT_*), whose name goes to @macro; 0 if none. */
int vu_dojo_macro_line(const struct vctx *c, int from, char *macro, size_t cap);
/* The nearest line above @line, in its function, that assigns @var (and contains @needle,
 * unless NULL); 0 if none. */
int vu_assign_line(const struct vctx *c, const char *var, int line, const char *needle);
/* The loop the verifier was walking at the end of the log: the last backward jump logged
 * ("goto pc-10"), its target's source line, and the loop header at or above it (the jump's own
 * line into *@back_line).  0 if the log shows no backward jump (verifier_loops.c). */
int vu_logged_loop(const struct vctx *c, int *back_line);
/* The condition of the loop on source line @t: "i < n" from "for (u32 i = 0; i < n; i++)",
 * "n != 0" from "while (n != 0) {"; "" if @t is no loop header (verifier_loops.c). */
void vu_loop_condition(const char *t, char *out, size_t cap);
/* Source line @line joined with the lines after it (by one space) until its parentheses close,
 * at most VU_STATEMENT_LINES: a call whose arguments go on over several lines.  The last line
 * joined. */
#define VU_STATEMENT_LINES 6
int vu_statement(const struct vctx *c, int line, char *out, size_t cap);
/* The first source line in [from, to] containing @needle, 0 if none. */
int vu_find_line(const struct vctx *c, const char *needle, int from, int to);
/* The source line of the failure (grade_fail_line() without the column). */
int vu_fail_line(const struct vctx *c);
/* The SEC("...") string of the rejected program into @out; its line, 0 if not found. */
int vu_prog_section(const struct vctx *c, char *out, size_t cap);
/* The first `base->field` on @line. */
bool vu_member_access(const char *line, char *base, size_t bcap, char *field, size_t fcap);
/* Walking the path back from the failure: the nearest instruction whose text or state
 * contains @needle; its source line (-1 when unknown, 0 when none) and its log line. */
int vu_path_find(const struct vctx *c, const char *needle, int *logline);
/* Whether the call to @fn at log line @logline is the one looked for (vu_path_call()). */
typedef bool (*vu_call_pick)(const struct vctx *c, int logline, const char *fn, void *arg);
/* The last call on the path to the failure that @pick takes: its log line (its function's name
 * in @fn), -1 if none. */
int vu_path_call(const struct vctx *c, vu_call_pick pick, void *arg, char *fn, size_t cap);
/* The line of the `}` (in column 1) that closes the function defined on line @def; 0. */
int vu_func_end(const struct vctx *c, int def);

/* The definition line of the function around @line: the nearest line at or above it that
 * starts in column 0 with neither a brace, a preprocessor line nor a comment, and has a '(';
 * 0 if none. */
int vu_enclosing_func(const struct vctx *c, int line);
/* The name of the function defined on line @def ("static int f(" -> "f"). */
bool vu_func_name(const struct vctx *c, int def, char *out, size_t cap);
/* The first line other than @def that calls @fn ("fn(" at an identifier boundary), skipping
 * comments and extern (kfunc) declarations; 0 if none. */
int vu_call_of(const struct vctx *c, const char *fn, int def);

#endif
