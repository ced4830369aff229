"""Real programs under wasitrace and under node:wasi, side by side (see bench/realprogs.sh).

For each case of testdata/realprogs/cases.txt and each round: a cold run (an empty registry), a
warm run (the same registry: the module is stored and compiled), a replay of the warm run, and
node:wasi on the same inputs, one after the other, so that the ratios of a round share the
machine's state. Prints the median of each, the ratios, and where the warm run's time went.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROGRAMS = os.path.join(ROOT, "testdata", "realprogs")
# REALPROGS_AGAINST=LAUNCHER adds another wasitrace (another build or runtime) beside the first:
# its warm run (second run in a registry of its own) and the ratio warm/against.
AGAINST = os.environ.get("REALPROGS_AGAINST")


def cases():
    with open(os.path.join(PROGRAMS, "cases.txt")) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, module, args = line.split("|")
            yield name, module, argv(module, args)


def argv(module, args):
    """As compare.sh splits them: an SQLite SQL or dot-command argument is one word."""
    words = args.split()
    if module == "sqlite3.wasm":
        for i, word in enumerate(words):
            if word.startswith(".") or word.lower() == "select":
                return words[:i] + [" ".join(words[i:])]
    return words


def timed(command, env, sandbox):
    """Runs command; returns (seconds, exit code, stdout, stderr)."""
    start = time.monotonic()
    done = subprocess.run(
        command, env=env, cwd=sandbox, stdin=subprocess.DEVNULL, capture_output=True, timeout=900
    )
    return time.monotonic() - start, done.returncode, done.stdout, done.stderr.decode(errors="replace")


def timings_of(stderr):
    for line in stderr.splitlines():
        if line.startswith("wasitrace: timings: "):
            return line[len("wasitrace: timings: "):]
    return "?"


def main():
    launcher = sys.argv[1]
    rounds = int(sys.argv[2])
    wanted = set(sys.argv[3:])
    print(
        "wasitrace real programs: %d round(s) per case, medians (%d cores; load average %.2f)"
        % (rounds, os.cpu_count(), os.getloadavg()[0])
    )
    header = "%-20s %7s %7s %7s %7s  %9s %11s %9s  %s" % (
        "case", "node_s", "cold_s", "warm_s", "replay_s",
        "warm/node", "replay/warm", "cold/warm", "warm run: where the time went (last round)",
    )
    print(header + ("  | against_s warm/against" if AGAINST else ""))
    warm_node, replay_warm, cold_warm, warm_against, failures = [], [], [], [], []
    for name, module, args in cases():
        if wanted and name not in wanted:
            continue
        times = {"node": [], "cold": [], "warm": [], "replay": [], "against": []}
        where = "?"
        for _ in range(rounds):
            work = tempfile.mkdtemp(prefix="realprogs-")
            try:
                env = dict(os.environ, WASITRACE_HOME=os.path.join(work, "home"))
                # Each side its own sandbox, as the same empty (or prepared) folder.
                for side in ("node", "cold", "warm"):
                    os.makedirs(os.path.join(work, side))
                inputs = os.path.join(PROGRAMS, "inputs")
                wasm = os.path.join(PROGRAMS, "wasm", module)
                # sqlite-query-file reads the database sqlite-bench-file makes: each side makes it.
                prepare = module == "sqlite3.wasm" and "/sandbox/bench.db" in args and "query" in name
                if prepare:
                    for side in ("node", "cold", "warm"):
                        setup = args[:-1] + [".read /inputs/bench.sql"]
                        run_node(wasm, inputs, os.path.join(work, side), setup, env)
                seconds, node_rc, node_out, _ = run_node(
                    wasm, inputs, os.path.join(work, "node"), args, env
                )
                times["node"].append(seconds)
                outputs = {}
                for side in ("cold", "warm"):
                    command = [
                        launcher, "run", "--timings",
                        "--dir", inputs + ":/inputs",
                        "--dir", os.path.join(work, side) + ":/sandbox",
                        wasm, *args,
                    ]
                    seconds, rc, out, err = timed(command, env, work)
                    times[side].append(seconds)
                    outputs[side] = (rc, out, err)
                if AGAINST:
                    against_env = dict(env, WASITRACE_HOME=os.path.join(work, "against-home"))
                    for attempt in range(2):
                        sandbox = os.path.join(work, "against-%d" % attempt)
                        os.makedirs(sandbox)
                        if prepare:
                            setup = args[:-1] + [".read /inputs/bench.sql"]
                            run_node(wasm, inputs, sandbox, setup, env)
                        seconds, against_rc, against_out, _ = timed(
                            [AGAINST, "run", "--dir", inputs + ":/inputs",
                             "--dir", sandbox + ":/sandbox", wasm, *args],
                            against_env, work,
                        )
                    times["against"].append(seconds)
                    if (against_rc, against_out) != (node_rc, node_out):
                        failures.append(name + " (against)")
                rc, out, err = outputs["warm"]
                where = timings_of(err)
                process_id = err.splitlines()[0] if err else ""
                seconds, replay_rc, replay_out, _ = timed(
                    [launcher, "replay", process_id], env, work
                )
                times["replay"].append(seconds)
                if (rc, out) != (node_rc, node_out) or (replay_rc, replay_out) != (rc, out):
                    failures.append(name)
            finally:
                shutil.rmtree(work, ignore_errors=True)
        m = {side: statistics.median(values) for side, values in times.items() if values}
        warm_node.append(m["warm"] / m["node"])
        replay_warm.append(m["replay"] / m["warm"])
        cold_warm.append(m["cold"] / m["warm"])
        print(
            "%-20s %7.2f %7.2f %7.2f %7.2f  %8.1fx %10.2fx %8.2fx  %s"
            % (name, m["node"], m["cold"], m["warm"], m["replay"],
               warm_node[-1], replay_warm[-1], cold_warm[-1], where)
            + ("  | %9.2f %11.2fx" % (m["against"], m["warm"] / m["against"]) if AGAINST else ""),
            flush=True,
        )
        if AGAINST:
            warm_against.append(m["warm"] / m["against"])
    print(
        "median over the cases: warm/node %.1fx (target <= 3), replay/warm %.2fx (target <= 1),"
        " cold/warm %.2fx (target <= 2)"
        % (statistics.median(warm_node), statistics.median(replay_warm), statistics.median(cold_warm))
    )
    if AGAINST:
        print("median over the cases: warm/against %.2fx" % statistics.median(warm_against))
    if failures:
        print("outputs differ (node vs run, or run vs replay): " + ", ".join(sorted(set(failures))))
        sys.exit(1)


def run_node(wasm, inputs, sandbox, args, env):
    return timed(
        [
            "node", "--no-warnings", os.path.join(ROOT, "testdata", "node", "run-wasi.mjs"), wasm,
            "--dir", inputs + ":/inputs", "--dir", sandbox + ":/sandbox", "--", *args,
        ],
        env,
        sandbox,
    )


if __name__ == "__main__":
    main()
