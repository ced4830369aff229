/*
 * LUAI_TRY / LUAI_THROW for Lua on wasm32-wasi (see lua_wasi.h), on Binaryen's Asyncify.
 *
 * wasm-opt --asyncify instruments every function that may reach asyncify.start_unwind (through
 * direct or indirect calls) so that, while the unwind state is set, each returns to its caller
 * at once after saving its locals into the buffer. wasitrace_lua_try is left uninstrumented
 * (asyncify-removelist), so an unwind stops when it returns into it: it then clears the state
 * and puts back the shadow-stack pointer that the skipped epilogues did not restore. The saved
 * locals are never used (nothing is rewound); the buffer only has to hold them, and is reused
 * from its start by every throw.
 */
#include <stdint.h>

struct lua_State;

__attribute__((import_module("asyncify"), import_name("start_unwind"))) void
asyncify_start_unwind(void *data);
__attribute__((import_module("asyncify"), import_name("stop_unwind"))) void
asyncify_stop_unwind(void);

uintptr_t wasitrace_get_stack_pointer(void); /* lua_wasi_sp.s */
void wasitrace_set_stack_pointer(uintptr_t sp);

/* Asyncify's data structure: the next free byte and the end of the buffer. */
static struct {
  char *next;
  char *end;
} unwind;
static char unwind_data[1 << 20];
static volatile int throwing;

int wasitrace_lua_try(void (*f)(struct lua_State *, void *), struct lua_State *L, void *ud) {
  uintptr_t sp = wasitrace_get_stack_pointer();
  f(L, ud);
  if (!throwing) return 0;
  asyncify_stop_unwind();
  throwing = 0;
  wasitrace_set_stack_pointer(sp);
  return 1;
}

void wasitrace_lua_throw(void) {
  unwind.next = unwind_data;
  unwind.end = unwind_data + sizeof unwind_data;
  throwing = 1;
  asyncify_start_unwind(&unwind);
}
