/*
 * <setjmp.h> for wasm32-wasi: wasi-libc (and clang 14) has no setjmp/longjmp, and without this
 * file Debian's clang would fall back to glibc's /usr/include/setjmp.h. Lua's ldo.c includes it
 * unconditionally but, built with lua_wasi.h, never uses it.
 */
#ifndef WASITRACE_SETJMP_H
#define WASITRACE_SETJMP_H
#endif
