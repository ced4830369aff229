/*
 * hello.c - basic stdio, args, environment, stderr and exit codes.
 *
 * Exercises: fd_write (stdout + stderr), args_sizes_get/args_get,
 * environ_sizes_get/environ_get, proc_exit with a chosen code.
 *
 * Behaviour:
 *   - prints "Hello, World!"
 *   - prints each argument after argv[0] as "arg[i]=<value>" (argv[0] is
 *     skipped because its value depends on the runner)
 *   - prints "GREETING=<value>" or "GREETING unset"
 *   - writes "to stderr" to stderr
 *   - exits with atoi($EXIT_CODE) if EXIT_CODE is set, else 0
 *
 * Expected stdout with args ["hello", "foo", "bar baz"], GREETING=hi:
 *   Hello, World!
 *   arg[1]=foo
 *   arg[2]=bar baz
 *   GREETING=hi
 * Expected stdout with no extra args and no env:
 *   Hello, World!
 *   GREETING unset
 * Expected stderr: "to stderr\n"
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    printf("Hello, World!\n");
    for (int i = 1; i < argc; i++) {
        printf("arg[%d]=%s\n", i, argv[i]);
    }
    const char *greeting = getenv("GREETING");
    if (greeting != NULL) {
        printf("GREETING=%s\n", greeting);
    } else {
        printf("GREETING unset\n");
    }
    fflush(stdout);
    fputs("to stderr\n", stderr);
    fflush(stderr);

    const char *code = getenv("EXIT_CODE");
    return code != NULL ? atoi(code) : 0;
}
