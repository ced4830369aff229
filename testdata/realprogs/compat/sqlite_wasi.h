/*
 * Force-included (clang -include) into SQLite's sqlite3.c and shell.c for wasm32-wasi.
 *
 * SQLite 3.40 (Debian bookworm) knows nothing of WASI (explicit support came in 3.41), and
 * bookworm's wasi-libc lacks a few POSIX pieces its os_unix.c names. WASI preview1 has no
 * owners, permission bits or advisory locks, so:
 *   - chmod, fchmod, fchown: succeed and do nothing; geteuid: 0 (os_unix.c defines
 *     HAVE_FCHOWN itself, so it cannot be switched off with -D; the shell's writefile() calls
 *     chmod);
 *   - system (the shell's .system, .shell and .edit): fails, errno ENOSYS: WASI cannot start
 *     processes (popen is left out with -DSQLITE_OMIT_POPEN);
 *   - F_GETLK/F_SETLK/F_SETLKW and F_RDLCK/F_WRLCK/F_UNLCK: defined (Linux's values) only so
 *     that the POSIX-locking code compiles; it never runs, because sqlite_wasi.c makes the
 *     "unix-none" VFS (no locking at all: one process per database) the default.
 */
#ifndef WASITRACE_SQLITE_WASI_H
#define WASITRACE_SQLITE_WASI_H

#include <errno.h>
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#ifndef F_GETLK
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#endif
#ifndef F_RDLCK
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2
#endif

static inline int wasitrace_chmod(const char *path, mode_t mode) {
  (void)path;
  (void)mode;
  return 0;
}
static inline int wasitrace_fchmod(int fd, mode_t mode) {
  (void)fd;
  (void)mode;
  return 0;
}
static inline int wasitrace_fchown(int fd, uid_t uid, gid_t gid) {
  (void)fd;
  (void)uid;
  (void)gid;
  return 0;
}
static inline uid_t wasitrace_geteuid(void) { return 0; }
static inline int wasitrace_system(const char *command) {
  (void)command;
  errno = ENOSYS;
  return -1;
}
#define chmod wasitrace_chmod
#define fchmod wasitrace_fchmod
#define fchown wasitrace_fchown
#define geteuid wasitrace_geteuid
#define system wasitrace_system

#endif
