/* zygote_warm.c: part of the resident compiler's clang shim (zygote.c): the debug-info types of
 * task_struct's closure are built once in the zygote, before it forks, instead of in every
 * compile that touches it.
 *
 * In C, clang's CGDebugInfo builds the full definition of every struct reachable from a type,
 * through pointers too: for task_struct, thousands of types, most of a compile that reads it
 * (perf: CGDebugInfo::getOrCreateType ~70% of such a compile's samples).  The types are cached
 * (CGDebugInfo's TypeCache) in the one CodeGenModule that the zygote's parse and each child's
 * compile share, so the zygote calls CGDebugInfo::getOrCreateType() for task_struct itself once
 * the headers are parsed: a child then finds the types ready.  That call builds them exactly
 * as a compile does (same AST, same clang code) but retains nothing in the compile unit, so an
 * object holds them only if the program uses them; the zygote then resolves the new metadata's
 * cycles (MDNode::resolveCycles()), which DIBuilder::finalize() would otherwise redo in every
 * child.  tests/test_compile_server.c compares every program's .BTF/.BTF.ext with a one-shot
 * compile's.
 *
 * Reaching clang's internals from C: libclang-cpp exports its C++ symbols, called here by
 * their mangled names.  The CGDebugInfo is found through its DIBuilder (a libLLVM constructor,
 * so interposable, called from CGDebugInfo's constructor on its member at offset 16, checked
 * against the instruction that computes it); task_struct's declaration through the
 * ASTConsumer's HandleTagDeclDefinition(), a virtual call whose slot in BackendConsumer's
 * vtable is pointed here while the zygote parses.  Anything not found (another clang, another
 * CPU): no warm-up, and compiles build the types themselves as before. */
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "zygote.h"

#define DIB_CTOR_SYM   "_ZN4llvm9DIBuilderC1ERNS_6ModuleEbPNS_13DICompileUnitE"
#define CGDI_CTOR_SYM  "_ZN5clang7CodeGen11CGDebugInfoC1ERNS0_13CodeGenModuleE"
#define GET_TYPE_SYM   "_ZN5clang7CodeGen11CGDebugInfo15getOrCreateTypeENS_8QualTypeEPN4llvm6DIFileE"
#define GET_FILE_SYM   "_ZN5clang7CodeGen11CGDebugInfo15getOrCreateFileENS_14SourceLocationE"
#define DECL_CTX_SYM   "_ZNK5clang4Decl13getASTContextEv"
#define TAG_TYPE_SYM   "_ZNK5clang10ASTContext14getTagDeclTypeEPKNS_7TagDeclE"
#define QNAME_SYM      "_ZNK5clang9NamedDecl24getQualifiedNameAsStringB5cxx11Ev"
#define RESOLVE_SYM    "_ZN4llvm6MDNode13resolveCyclesEv"
#define VTABLE_SYM     "_ZTVN5clang15BackendConsumerE"
#define HTDD_SYM       "_ZN5clang15BackendConsumer23HandleTagDeclDefinitionEPNS_7TagDeclE"
#define OP_DELETE_SYM  "_ZdlPv"

typedef void (*dib_ctor_fn)(void *self, void *module, _Bool allow_unresolved, void *cu);
typedef void (*htdd_fn)(void *self, void *tag);
struct cxx_string { char *p; size_t n; union { char buf[16]; size_t cap; }; };   /* std::string */

#define WARM_NAME     "task_struct"   /* whose closure is most of the kernel's structs */
#define CGDI_DBUILDER 16              /* offsetof(CGDebugInfo, DBuilder) */

static void *cgdi;          /* the clang::CodeGen::CGDebugInfo of the zygote's compile */
static const void *warm_tag;/* task_struct's TagDecl, once parsed */
static htdd_fn real_htdd;   /* BackendConsumer::HandleTagDeclDefinition() */
static void **htdd_slot;    /* its slot in BackendConsumer's vtable, while pointed here */

/* Rewrite one vtable slot (read-only after relocation): 0 or -1. */
static int slot_set(void **slot, void *fn)
{
	long pg = sysconf(_SC_PAGESIZE);
	uintptr_t start = (uintptr_t)slot & ~((uintptr_t)pg - 1);

	if (pg <= 0 || mprotect((void *)start, (size_t)pg, PROT_READ | PROT_WRITE))
		return -1;
	*slot = fn;
	mprotect((void *)start, (size_t)pg, PROT_READ);
	return 0;
}

void _ZN4llvm9DIBuilderC1ERNS_6ModuleEbPNS_13DICompileUnitE(void *self, void *module, _Bool allow_unresolved, void *cu);

/* llvm::DIBuilder::DIBuilder(Module &, bool, DICompileUnit *): when CGDebugInfo's constructor
 * builds its member (`add $0x10,%rdi` right before the call), that CGDebugInfo is the one. */
void _ZN4llvm9DIBuilderC1ERNS_6ModuleEbPNS_13DICompileUnitE(void *self, void *module, _Bool allow_unresolved, void *cu)
{
	static dib_ctor_fn real;
	const uint8_t *ret = __builtin_return_address(0), *ctor;

	if (!real)
		real = (dib_ctor_fn)dlsym(RTLD_NEXT, DIB_CTOR_SYM);
	if (!real)
		_exit(125);   /* cannot happen: clang itself calls it */
	real(self, module, allow_unresolved, cu);
#if defined(__x86_64__)
	ctor = (const uint8_t *)dlsym(RTLD_DEFAULT, CGDI_CTOR_SYM);
	if (!cgdi && ctor && ret > ctor && ret < ctor + 0x60)
		for (const uint8_t *p = ctor; p + 4 <= ret; p++)
			if (!memcmp(p, "\x48\x83\xc7\x10", 4)) {
				cgdi = (char *)self - CGDI_DBUILDER;
				break;
			}
#else
	(void)ret;
	(void)ctor;
#endif
}

/* Every tag (struct, union, enum) defined while the zygote parses: clang's own work, then the
 * one named WARM_NAME is kept. */
static void htdd_hook(void *self, void *tag)
{
	static void (*qname)(struct cxx_string *, const void *);
	static void (*op_delete)(void *);
	struct cxx_string s;

	real_htdd(self, tag);
	if (warm_tag || !htdd_slot)
		return;
	if (!qname) {
		qname = (void (*)(struct cxx_string *, const void *))dlsym(RTLD_DEFAULT, QNAME_SYM);
		op_delete = (void (*)(void *))dlsym(RTLD_DEFAULT, OP_DELETE_SYM);
		if (!qname || !op_delete)
			return;
	}
	qname(&s, tag);
	if (s.n == sizeof(WARM_NAME) - 1 && !memcmp(s.p, WARM_NAME, s.n))
		warm_tag = tag;
	if (s.p != s.buf)
		op_delete(s.p);
}

/* Before clang parses anything: point the vtable slot here. */
__attribute__((constructor)) static void warm_hook(void)
{
	void **vt = dlsym(RTLD_DEFAULT, VTABLE_SYM);
	void *fn = dlsym(RTLD_DEFAULT, HTDD_SYM);

	if (!vt || !fn)
		return;
	for (int i = 0; i < 64; i++)
		if (vt[i] == fn) {
			real_htdd = (htdd_fn)fn;
			if (!slot_set(&vt[i], (void *)htdd_hook))
				htdd_slot = &vt[i];
			return;
		}
}

void zygote_warm(void)
{
	void *(*get_type)(void *, uintptr_t, void *) = dlsym(RTLD_DEFAULT, GET_TYPE_SYM);
	void *(*get_file)(void *, uint32_t) = dlsym(RTLD_DEFAULT, GET_FILE_SYM);
	void *(*decl_ctx)(const void *) = dlsym(RTLD_DEFAULT, DECL_CTX_SYM);
	uintptr_t (*tag_type)(void *, const void *) = dlsym(RTLD_DEFAULT, TAG_TYPE_SYM);
	void (*resolve)(void *) = dlsym(RTLD_DEFAULT, RESOLVE_SYM);
	void *ty;

	/* The compiles see clang's own vtable. */
	if (htdd_slot && !slot_set(htdd_slot, (void *)real_htdd))
		htdd_slot = NULL;
	if (!cgdi || !warm_tag || !get_type || !get_file || !decl_ctx || !tag_type || !resolve)
		return;
	/* getOrCreateType(ASTContext::getTagDeclType(task_struct), getOrCreateFile(no location)):
	 * the file is not used for a struct's types (each takes its declaration's). */
	ty = get_type(cgdi, tag_type(decl_ctx(warm_tag), warm_tag), get_file(cgdi, 0));
	if (ty)
		resolve(ty);
}
