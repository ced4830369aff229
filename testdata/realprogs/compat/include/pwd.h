/*
 * <pwd.h> for wasm32-wasi: wasi-libc has none (WASI has no users), and without this file
 * Debian's clang would fall back to glibc's /usr/include/pwd.h. SQLite's shell asks getpwuid()
 * for the home directory and falls back to $HOME when it finds nothing.
 */
#ifndef WASITRACE_PWD_H
#define WASITRACE_PWD_H

#include <sys/types.h>

struct passwd {
  char *pw_name;
  char *pw_passwd;
  uid_t pw_uid;
  gid_t pw_gid;
  char *pw_gecos;
  char *pw_dir;
  char *pw_shell;
};

static inline uid_t getuid(void) { return 0; }
static inline struct passwd *getpwuid(uid_t uid) {
  (void)uid;
  return 0;
}

#endif
