/*
 * Force-included (clang -include) into every Lua 5.4 source file for wasm32-wasi.
 *
 * Errors. Lua raises errors (error(), failed calls inside pcall) and yields coroutines with
 * longjmp; clang 14 has no setjmp/longjmp for wasm32-wasi. lua_wasi.c implements the two
 * points ldo.c lets a port replace, LUAI_TRY and LUAI_THROW, with Binaryen's Asyncify (the
 * module is passed through `wasm-opt --asyncify` after linking): a throw unwinds the wasm stack
 * up to the innermost try, which stops the unwind and returns the status luaD_throw stored;
 * nothing is ever rewound, as nothing is after a longjmp. LUAI_TRY is used in exactly one place,
 * luaD_rawrunprotected, whose protected code is `(*f)(L, ud);`: the macro names f and ud.
 * l_noret becomes plain void so that no code after a throw is assumed unreachable (a throw
 * returns while the stack unwinds).
 *
 * No processes, no temporary files: LUA_USE_POSIX stays undefined, so io.popen raises "'popen'
 * not supported" (liolib.c's ISO C branch); io.tmpfile returns nil plus an error, os.tmpname
 * raises "unable to generate a unique filename", os.execute(cmd) returns nil plus an error and
 * os.execute() false (no shell): tmpfile, lua_tmpnam (loslib.c's hook) and system fail with
 * ENOTSUP here (WASI has no temporary directory nor processes).
 *
 * Without LUA_USE_POSIX, lua.c would take stdin for a terminal always (and, given no script,
 * start its interactive mode even on a pipe); isatty works on WASI (fd_fdstat_get).
 */
#ifndef WASITRACE_LUA_WASI_H
#define WASITRACE_LUA_WASI_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct lua_State;
int wasitrace_lua_try(void (*f)(struct lua_State *, void *), struct lua_State *L, void *ud);
void wasitrace_lua_throw(void);

#define l_noret void
#define luai_jmpbuf int /* unused */
#define LUAI_THROW(L, c) wasitrace_lua_throw()
#define LUAI_TRY(L, c, a)                                                                       \
  if (wasitrace_lua_try(f, L, ud)) { /* thrown: luaD_throw set (c)->status */                   \
  }

static inline FILE *wasitrace_tmpfile(void) {
  errno = ENOTSUP;
  return NULL;
}
static inline int wasitrace_system(const char *command) {
  if (command == NULL) return 0; /* no command processor */
  errno = ENOTSUP;
  return -1;
}
#define tmpfile wasitrace_tmpfile
#define LUA_TMPNAMBUFSIZE 32
#define lua_tmpnam(b, e)                                                                        \
  {                                                                                             \
    (void)(b);                                                                                  \
    errno = ENOTSUP;                                                                            \
    (e) = 1;                                                                                    \
  }
#define system wasitrace_system

#define lua_stdin_is_tty() isatty(0)

#endif
