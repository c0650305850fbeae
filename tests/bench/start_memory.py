"""Start time and memory of Introspor beside a bare Tauri window.

Run by `make bench` under Xvfb, after the release builds of both. For each
app it launches the binary several times, waits for its "ready" line on
standard output (Introspor: first screen rendered; bare window: first command
answered), and after a settling pause reads the resident (RSS) and
proportional (PSS) memory of the whole process tree, WebKit's processes
included, from /proc/<pid>/smaps_rollup. Prints medians and ratios; never
fails on the figures.
"""
import os
import pathlib
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
RELEASE = ROOT / "target" / "release"
RUNS = 5


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo.extend(children.get(p, []))
    return tree


def memory_kib(pid):
    rss = pss = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def launch(binary, marker, env, args=()):
    start = time.monotonic()
    process = subprocess.Popen(
        [str(binary), *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
        start_new_session=True, text=True,
    )
    ready = None
    deadline = start + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        if marker in line:
            ready = time.monotonic() - start
            break
    time.sleep(3)  # let the web process settle before reading memory
    rss, pss = memory_kib(process.pid)
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
    return ready, rss, pss


def measure(name, binary, marker, args=(), data_dir=None):
    results = []
    for _ in range(RUNS):
        env = dict(os.environ)
        if data_dir:
            env["INTROSPOR_DATA_DIR"] = data_dir
        results.append(launch(binary, marker, env, args))
    starts = [r[0] for r in results if r[0] is not None]
    start = statistics.median(starts) if starts else float("nan")
    rss = statistics.median(r[1] for r in results) / 1024
    pss = statistics.median(r[2] for r in results) / 1024
    print(f"| {name} | {start * 1000:.0f} | {rss:.0f} | {pss:.0f} | {len(starts)}/{RUNS} |")
    return start, rss, pss


def main():
    app = RELEASE / "introspor"
    bare = RELEASE / "examples" / "bare_window"
    for binary in (app, bare):
        if not binary.exists():
            sys.exit(f"missing {binary}: build the release binaries first (make bench does)")
    data = tempfile.mkdtemp(prefix="introspor-bench-")
    # First start seeds the demo register; the measured starts open it.
    launch(app, "first render", dict(os.environ, INTROSPOR_DATA_DIR=data), ["--demo"])
    print(f"## Start and memory (median of {RUNS} launches under Xvfb)")
    print("| app | launch to ready (ms) | RSS of process tree (MiB) | PSS (MiB) | ready |")
    print("|---|---|---|---|---|")
    ours = measure("Introspor (demo register, start screen rendered)", app, "first render", data_dir=data)
    base = measure("bare Tauri window (first command answered)", bare, "first command answered")
    print()
    print(f"- start ratio {ours[0] / base[0]:.2f}, RSS ratio {ours[1] / base[1]:.2f}, PSS ratio {ours[2] / base[2]:.2f} (target ≤ 1.3)")
    print(f"- release binary: Introspor {app.stat().st_size / 1048576:.1f} MiB, bare window {bare.stat().st_size / 1048576:.1f} MiB")
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
