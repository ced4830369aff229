/*
 * Linked into sqlite3.wasm; sqlite3.c is compiled with
 * -DSQLITE_EXTRA_INIT=wasitrace_sqlite_init, so sqlite3_initialize() calls this once.
 *
 * The default "unix" VFS locks with fcntl(F_SETLK), which WASI preview1 does not have (every
 * lock would fail with SQLITE_IOERR_LOCK). "unix-none" is the same VFS without locking: right
 * for a sandboxed guest that is the only process using its database files.
 */
#include "sqlite3.h"

int wasitrace_sqlite_init(const char *unused) {
  (void)unused;
  sqlite3_vfs *none = sqlite3_vfs_find("unix-none");
  return none ? sqlite3_vfs_register(none, 1) : SQLITE_ERROR;
}
