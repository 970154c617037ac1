/* checker.c: TCC as a type checker for one learner program, built to WebAssembly.
 *
 * checker_preload() parses the forced prelude and every header an exercise includes (the
 * trimmed vmlinux.h, libbpf's headers, dojo.h) and returns with TCC's whole state alive: the
 * caller (checker.js) snapshots the linear memory there.  checker_check() then reads the
 * learner's file on top of that state (its #includes hit TCC's include-guard cache, so no header
 * is read again) and writes the diagnostics; the caller restores the snapshot before the next
 * check, so no check sees another's leftovers and nothing needs to be freed.  No code is
 * generated inside functions (nocode_wanted) and no object is ever written. */
#define ONE_SOURCE 1
#include "libtcc.c"
#include <emscripten/emscripten.h>
#include <emscripten/stack.h>
#include <unistd.h>

#define CHECKER_PRELOAD_NAME "/inc/<preload>"
#define CHECKER_USER_NAME "/src/program.bpf.c"
#define CHECKER_DIAG_MAX 16384

static const char checker_preload_src[] =
	"#include \"prelude.h\"\n"
	"#include \"vmlinux.h\"\n"
	"#include <bpf/bpf_helpers.h>\n"
	"#include <bpf/bpf_tracing.h>\n"
	"#include <bpf/bpf_core_read.h>\n"
	"#include <bpf/bpf_endian.h>\n"
	"#include \"dojo.h\"\n";

static TCCState *checker_s;
static BufferedFile *checker_user;
/* diagnostics as lines "E|W <line> <col> <message>\n", read by checker.js */
static char checker_diag[CHECKER_DIAG_MAX];
static int checker_diag_len;

static int checker_col(const uint8_t *p)
{
	const uint8_t *q = p;

	while (q > checker_user->buffer && q[-1] != '\n')
		q--;
	return (int)(p - q) + 1;
}

ST_FUNC void dojo_report(int is_warning, const char *msg)
{
	const struct dojo_tokpos *t = dojo_at_prev_end == 3 ? &dojo_arg
				      : dojo_at_prev_end ? &dojo_prev : &dojo_cur;
	int line = 0, col = 0, n;

	if (checker_user && t->file == checker_user) {
		if (dojo_at_prev_end == 1) {
			line = t->end_line;
			col = checker_col(t->end);
		} else {
			line = t->line;
			col = checker_col(t->start);
		}
	} else if (checker_user && tcc_state->include_stack_ptr > tcc_state->include_stack) {
		/* inside a header the learner included: point at the #include */
		line = tcc_state->include_stack[0]->line_num - 1;
		col = 1;
	} else if (checker_user) {
		/* a token pasted or replayed by a header's macro (":paste:"): a warning there is one
		 * clang silences with the macro's own _Pragma (BPF_PROG's -Wint-conversion), so it is
		 * dropped; an error is put on the learner's current line */
		if (is_warning)
			return;
		line = checker_user->line_num;
		col = 1;
	} else if (file) {
		/* the headers themselves (checker_preload): say where, for whoever builds the checker */
		n = snprintf(checker_diag + checker_diag_len, CHECKER_DIAG_MAX - checker_diag_len,
			     "E 0 0 %s:%d: ", file->filename, file->line_num);
		if (n > 0 && checker_diag_len + n < CHECKER_DIAG_MAX)
			checker_diag_len += n;
	}
	if (dojo_at_prev_end != 3)	/* an argument's warnings all point at it */
		dojo_at_prev_end = 0;
	n = snprintf(checker_diag + checker_diag_len, CHECKER_DIAG_MAX - checker_diag_len,
		     "%c %d %d %s\n", is_warning ? 'W' : 'E', line, col, msg);
	if (n > 0 && checker_diag_len + n < CHECKER_DIAG_MAX)
		checker_diag_len += n;
}

EMSCRIPTEN_KEEPALIVE const char *checker_diagnostics(void)
{
	checker_diag[checker_diag_len] = 0;
	return checker_diag;
}

/* the linear memory a snapshot must hold: [0, stack low) and [stack high, heap top) */
EMSCRIPTEN_KEEPALIVE unsigned checker_stack_low(void) { return emscripten_stack_get_end(); }
EMSCRIPTEN_KEEPALIVE unsigned checker_stack_high(void) { return emscripten_stack_get_base(); }
EMSCRIPTEN_KEEPALIVE unsigned checker_heap_top(void) { return (unsigned)(uintptr_t)sbrk(0); }

/* Returns the number of errors in the headers (0 when the checker is usable). */
EMSCRIPTEN_KEEPALIVE int checker_preload(void)
{
	TCCState *s = tcc_new();
	int len = (int)sizeof(checker_preload_src) - 1;

	checker_s = s;
	checker_diag_len = 0;
	tcc_set_options(s, "-nostdinc -D__TARGET_ARCH_x86");
	tcc_add_include_path(s, "/inc");
	tcc_set_output_type(s, TCC_OUTPUT_OBJ);
	tcc_enter_state(s);
	if (setjmp(s->error_jmp_buf) == 0) {
		s->error_set_jmp_enabled = 1;
		s->nb_errors = 0;
		tcc_open_bf(s, CHECKER_PRELOAD_NAME, len);
		memcpy(file->buffer, checker_preload_src, len);
		tccelf_begin_file(s);
		preprocess_start(s, AFF_TYPE_C);
		tccgen_init(s);
		tccgen_compile(s);
	}
	s->error_set_jmp_enabled = 0;
	return s->nb_errors;
}

/* Check @len bytes at @src; returns the number of errors (diagnostics in checker_diagnostics). */
EMSCRIPTEN_KEEPALIVE int checker_check(const char *src, int len)
{
	TCCState *s = checker_s;

	checker_diag_len = 0;
	tcc_state = s;
	if (setjmp(s->error_jmp_buf) == 0) {
		s->error_set_jmp_enabled = 1;
		s->nb_errors = 0;
		tcc_open_bf(s, CHECKER_USER_NAME, len);
		memcpy(file->buffer, src, len);
		checker_user = file;
		parse_flags = PARSE_FLAG_PREPROCESS | PARSE_FLAG_TOK_NUM | PARSE_FLAG_TOK_STR;
		next();
		decl(VT_CONST);
		gen_inline_functions(s);
		check_vstack();
	}
	s->error_set_jmp_enabled = 0;
	return s->nb_errors;
}
