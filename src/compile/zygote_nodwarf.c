/* zygote_nodwarf.c: part of the resident compiler's clang shim (zygote.c): its compiles emit
 * the debug-info metadata that the BPF backend turns into .BTF and .BTF.ext, but no DWARF
 * (.debug_info, .debug_str, ...), which nothing reads and which costs a big program's time.
 *
 * LLVM's AsmPrinter creates its DWARF writer unless the module says "CodeView" without a
 * "Dwarf Version"; the BPF backend's BTF writer only needs the module's compile units, so it
 * goes on.  clang (libclang-cpp) adds those module flags through libLLVM's exported
 * llvm::Module::addModuleFlag(), a call that the preloaded shim can interpose: the "Dwarf
 * Version" flag (added after the IR and its metadata are built, so these do not depend on it)
 * becomes "CodeView".  clang's own -gcodeview would not do: it builds other metadata (typedef
 * names of anonymous structs, ...) and so another .BTF.  tests/test_compile_server.c compares
 * every program's .BTF and .BTF.ext with a one-shot compile's, which keeps its DWARF. */
#include <dlfcn.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

/* llvm::Module::addModuleFlag(ModFlagBehavior, StringRef, uint32_t) */
#define ADD_FLAG_SYM "_ZN4llvm6Module13addModuleFlagENS0_15ModFlagBehaviorENS_9StringRefEj"
#define MOD_FLAG_WARNING 2   /* llvm::Module::Warning, what clang gives "CodeView" */

typedef void (*add_flag_fn)(void *module, int behavior, const char *key, size_t len, uint32_t val);

void _ZN4llvm6Module13addModuleFlagENS0_15ModFlagBehaviorENS_9StringRefEj(void *module, int behavior,
									 const char *key, size_t len,
									 uint32_t val);

void _ZN4llvm6Module13addModuleFlagENS0_15ModFlagBehaviorENS_9StringRefEj(void *module, int behavior,
									 const char *key, size_t len,
									 uint32_t val)
{
	static const char dwarf[] = "Dwarf Version", codeview[] = "CodeView";
	static add_flag_fn real;

	if (!real)
		real = (add_flag_fn)dlsym(RTLD_NEXT, ADD_FLAG_SYM);
	if (!real)
		_exit(125);   /* cannot happen: clang itself calls it */
	if (len == sizeof(dwarf) - 1 && !memcmp(key, dwarf, len)) {
		real(module, MOD_FLAG_WARNING, codeview, sizeof(codeview) - 1, 1);
		return;
	}
	real(module, behavior, key, len, val);
}
