"""Runs the WASI test suite under wasitrace, run then replay; see wasi-testsuite.sh (which calls it).

Usage: wasi-testsuite.py SUITE_DIR JAVA... -jar JAR

The registry (WASITRACE_HOME) and the copies of the tests' folders live in one temporary
directory, deleted at exit (also on Ctrl-C and SIGTERM).

Specs are read as the suite's own runner (test-runner/wasi_test_runner) reads them: a missing
.json means no args, no env, exit code 0; "stdout"/"stderr" are checked only when given, and as
its runner reads them (the first len(expected) characters must match); "root" is preopened as
the guest's "/" (adapters/wasmtime.py: --dir HOST::/), and the older "dirs" list each under its
own name (--dir HOST::NAME). Operation-based specs are followed for run/read/wait; specs that
need proposals or other operations (sockets, http) are skipped.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

TIMEOUT = float(os.environ.get("TIMEOUT", "60"))
VERSION = "wasm32-wasip1"
# java.util.logging records on stderr (Chicory's own "SEVERE: fd_fdstat_set_rights operation not
# supported") are the host's, not the guest's: a replay never calls Chicory's WASI and prints none.
JUL_RECORD = re.compile(r"^\w{3} \d{2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M \S+ \S+\n[A-Z]+: .*\n", re.M)


def load_spec(wasm):
    path = wasm.with_suffix(".json")
    cfg = json.loads(path.read_text()) if path.exists() else {}
    if "operations" in cfg:
        return cfg.get("proposals", []), cfg["operations"]
    ops = [dict(cfg, type="run")]
    ops += [{"type": "read", "id": s, "payload": cfg[s]} for s in ("stdout", "stderr") if cfg.get(s) is not None]
    ops.append({"type": "wait", "exit_code": cfg.get("exit_code", 0)})
    return [], ops


def short(text, limit=300):
    text = " | ".join(line for line in text.strip().splitlines() if line.strip())
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def invoke(cmd, cwd):
    """(exit code, stdout, stderr) as text, or None on timeout. stdin is a pipe closed at once."""
    try:
        p = subprocess.run(cmd, cwd=cwd, input=b"", capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def run_test(wasm, ops, java, work):
    """Returns (run verdict, replay verdict): None for PASS, else the reason."""
    run = next(op for op in ops if op["type"] == "run")
    wait = next(op for op in ops if op["type"] == "wait")
    dirs = [(run["root"], "/")] if run.get("root") else [(d, d) for d in run.get("dirs", [])]
    cmd = java + ["run"]
    cmd += [f"--env={k}={v}" for k, v in run.get("env", {}).items()]
    for i, (src, guest) in enumerate(dirs):
        copy = work / str(i) / Path(src).name
        shutil.copytree(wasm.parent / src, copy, symlinks=True, ignore=shutil.ignore_patterns("*.cleanup"))
        cmd.append(f"--dir={copy}:{guest}")
    cmd += [str(wasm)] + run.get("args", [])

    ran = invoke(cmd, work)
    if ran is None:
        return f"timed out after {TIMEOUT:g} s", "not replayed"
    code, out, err = ran
    first, _, guest_err = err.partition("\n")
    pid = first.strip() if re.fullmatch(r"[0-9a-f-]{8,}", first.strip()) else None
    if pid is None:
        guest_err = err
    guest_err = JUL_RECORD.sub("", guest_err)
    why = []
    if code != wait.get("exit_code", 0):
        why.append(f"exit code {code}, expected {wait.get('exit_code', 0)}")
    for op in ops:
        if op["type"] == "read":
            got, want = {"stdout": out, "stderr": guest_err}[op.get("id", "stdout")], op.get("payload", "")
            if got[: len(want)] != want:
                why.append(f"{op.get('id', 'stdout')} {short(got)}, expected {short(want)}")
    if why and guest_err.strip() and not any(w.startswith("stderr") for w in why):
        why.append(f"stderr {short(guest_err)}")
    run_verdict = "; ".join(why) or None
    if pid is None:
        return run_verdict or "no process ID on stderr", "no process ID to replay"

    replayed = invoke(java + ["replay", pid], work)
    if replayed is None:
        return run_verdict, f"timed out after {TIMEOUT:g} s"
    rcode, rout, rerr = replayed
    rerr = JUL_RECORD.sub("", rerr)
    why = []
    if rcode != code:
        why.append(f"exit code {rcode}, the run's {code}")
    if rout != out:
        why.append(f"stdout {short(rout)}, the run's {short(out)}")
    if rerr != guest_err:
        why.append(f"stderr {short(rerr)}, the run's {short(guest_err)}")
    return run_verdict, "; ".join(why) or None


def main():
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda n, _: sys.exit(128 + n))
    scratch = Path(tempfile.mkdtemp(prefix="wasi-testsuite."))
    try:
        run_suite(Path(sys.argv[1]).resolve(), sys.argv[2:], scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def run_suite(suite, java, scratch):
    os.environ["WASITRACE_HOME"] = str(scratch / "home")
    counts = {"run": [0, 0], "replay": [0, 0]}
    skipped = 0
    for wasm in sorted(suite.rglob("*.wasm")):
        manifest = wasm.parent / "manifest.json"
        if manifest.exists() and json.loads(manifest.read_text()).get("version", VERSION) != VERSION:
            continue
        name = str(wasm.relative_to(suite).with_suffix(""))
        proposals, ops = load_spec(wasm)
        kinds = [op["type"] for op in ops]
        if proposals or set(kinds) - {"run", "read", "wait"} or kinds.count("run") != 1 or kinds.count("wait") != 1:
            print(f"{name}: SKIP (proposals {proposals}, operations {kinds})", flush=True)
            skipped += 1
            continue
        work = Path(tempfile.mkdtemp(dir=scratch))
        try:
            verdicts = run_test(wasm, ops, java, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        parts = []
        for kind, why in zip(("run", "replay"), verdicts):
            counts[kind][why is not None] += 1
            parts.append(f"{kind} {'PASS' if why is None else 'FAIL ' + why}")
        print(f"{name}: {'; '.join(parts)}", flush=True)
    for kind, (passed, failed) in counts.items():
        print(f"{kind}: {passed} passed, {failed} failed")
    if skipped:
        print(f"skipped: {skipped}")
    sys.exit(1 if counts["run"][1] or counts["replay"][1] else 0)


if __name__ == "__main__":
    main()
