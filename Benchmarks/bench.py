#!/usr/bin/env python3
"""The measuring half of Benchmarks/run.sh (which builds, generates and exports, then calls this).

  bench.py compare --register R --events E --journal J --date D
      Puts one question to register, ledger and hledger: the booked money of reserve R1 on D.
      Prints the three answers in cents; exits 1 (printing all three) when they differ.

  bench.py measure --register R --events E --journal J --date D --floor F --pack P --work W --runs N --csv CSV
      Times every command of the benchmark at one store size and writes (replaces) that size's row in CSV.

Timing: each command runs as `/usr/bin/time -f %M -o FILE cmd`, started with posix_spawn and reaped
with wait4, so one run gives wall time (perf_counter around spawn..reap), CPU time (wait4's ru_utime +
ru_stime, which include the command time waited for) and peak RSS (GNU time's %M, in KiB).
Commands compared with each other run interleaved: one round runs every command once, the order
rotating from round to round, after one unrecorded warm-up round. A ratio "a/b" is the median over
rounds of a's wall time over b's in the same round.
"""
import argparse, csv, datetime, json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, time
from decimal import Decimal

OK = (0,)
AUDIT_OK = (0, 1)  # audit exits 1 when it has findings; 2 and above are failures
GNU_TIME = "/usr/bin/time"
PEAK_FILE = os.path.join(tempfile.gettempdir(), f"bench-peak-{os.getpid()}")


def day_after(iso):
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=1)).isoformat()


class TimedOut(Exception):
    pass


def _alarm(signum, frame):
    raise TimedOut()


RUNNING = None  # the process group of the command being timed (its own, so a time limit can kill it whole)


def _stop(signum, frame):
    """On SIGTERM, SIGINT or SIGHUP, the command being timed goes too, not only this script."""
    if RUNNING:
        try:
            os.killpg(RUNNING, signal.SIGKILL)
        except ProcessLookupError:
            pass
    sys.exit(128 + signum)


def spawn(argv, ok=OK, stdin=None, stdout=os.devnull, limit=None):
    """Runs argv once under GNU time; returns (wall_s, cpu_s, peak_kb). Fails loudly on an unexpected exit status.
    With `limit` (seconds), a run that takes longer is killed and None is returned.

    Peak RSS is GNU time's %M: taken from wait4 in this (large) Python process it would include the
    parent's own pages, since posix_spawn's vfork shares them until exec. CPU time is wait4's
    ru_utime + ru_stime of time, which includes the command it waited for (time itself adds ~1 ms)."""
    err = tempfile.TemporaryFile()
    actions = [(os.POSIX_SPAWN_OPEN, 0, stdin or os.devnull, os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
               (os.POSIX_SPAWN_DUP2, err.fileno(), 2)]
    wrapped = [GNU_TIME, "-f", "%M", "-o", PEAK_FILE, shutil.which(argv[0]) or argv[0]] + argv[1:]
    t = time.perf_counter()
    global RUNNING
    pid = os.posix_spawn(GNU_TIME, wrapped, os.environ, file_actions=actions, setpgroup=0)
    RUNNING = pid
    if limit:
        signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        _, status, usage = os.wait4(pid, 0)
    except TimedOut:
        os.killpg(pid, signal.SIGKILL)  # GNU time and the command it runs: the group posix_spawn made
        os.wait4(pid, 0)
        return None
    finally:
        RUNNING = None
        if limit:
            signal.setitimer(signal.ITIMER_REAL, 0)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        err.seek(0)
        sys.exit(f"bench: {' '.join(argv)} exited {code}:\n{err.read().decode(errors='replace')[-2000:]}")
    peak = int(open(PEAK_FILE).read().split()[-1])
    return wall, usage.ru_utime + usage.ru_stime, peak


def capture(argv):
    out = subprocess.run(argv, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"bench: {' '.join(argv)} exited {out.returncode}:\n{out.stderr}")
    return out.stdout


def files_read(argv, events, out):
    """The event files `argv` opens, in the order it first opens them (from strace), written to
    `out` one per line for `floor files`: the floor of reading and checking exactly those files."""
    trace = out + ".strace"
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=openat", "-o", trace] + argv, stdout=subprocess.DEVNULL, check=True)
    events = os.path.abspath(events)
    seen, paths = set(), []
    with open(trace) as f:
        for line in f:
            m = re.search(r'openat\([^,]*, "([^"]+\.json)"', line)
            if not m or "= -1" in line:
                continue
            path = os.path.abspath(m.group(1))
            if path.startswith(events + os.sep) and path not in seen:
                seen.add(path)
                paths.append(path)
    os.remove(trace)
    with open(out, "w") as f:
        f.write("".join(p + "\n" for p in paths))
    return len(paths)


def journal_cents(text, account):
    """The balance of `account` in ledger's or hledger's `bal` output, in cents (0 when not listed)."""
    total, seen = 0, False
    for line in text.splitlines():
        fields = line.split()
        if not fields or fields[-1] != account:
            continue
        m = re.search(r"(-?)\s*EUR\s*(-?)([0-9][0-9,]*(?:\.[0-9]+)?)", line)
        if not m:
            sys.exit(f"bench: cannot read an EUR amount in {line!r}")
        value = Decimal(m.group(3).replace(",", "")) * 100
        if value != value.to_integral_value():
            sys.exit(f"bench: {line!r} is not a whole number of cents")
        total += int(value) * (-1 if (m.group(1) or m.group(2)) else 1)
        seen = True
    if not seen and text.strip():
        # Neither tool lists an account whose balance is zero; anything else is a surprise worth stopping for.
        if not re.fullmatch(r"[-\s0]*", text.strip()):
            sys.exit(f"bench: no line for {account} in:\n{text}")
    return total


def balance_figure(balance):
    """The one figure of register's `balance` that the journal carries as Reserves:R."""
    if balance["kind"] == "estimate":
        return int(balance["lowCents"])
    return int(balance["amountCents"])


def answers(a):
    """Register's, ledger's and hledger's answer to the same question, in cents, and register's JSON."""
    reply = json.loads(capture([a.register, "reserve", "R1", "--on", a.date, "--no-cache", "--json", "--events", a.events]))
    # The journal's Reserves:R1 is register's balance figure (LedgerJournal.swift): the booked amount,
    # an actual, or the low end of an estimate's range (the range's width is a virtual account beside it).
    register = balance_figure(reply["balance"])
    end = day_after(a.date)  # --end is exclusive in ledger and hledger; register's --on is inclusive
    ledger = journal_cents(capture(["ledger", "-f", a.journal, "bal", "--end", end, "^Reserves:R1$"]), "Reserves:R1")
    hledger = journal_cents(capture(["hledger", "-f", a.journal, "bal", "--end", end, "^Reserves:R1$"]), "Reserves:R1")
    return register, ledger, hledger, reply


def compare(a):
    register, ledger, hledger, reply = answers(a)
    euro = lambda c: f"EUR {c / 100:,.2f}"
    print(f"  R1's balance figure on {a.date}: register {register} ({euro(register)}; balance kind {reply['balance']['kind']}), "
          f"ledger {ledger}, hledger {hledger} (cents)")
    if not register == ledger == hledger:
        print(f"bench: the answers differ for reserve R1 on {a.date} in {a.events}:\n"
              f"  register reserve R1 --on {a.date} --json: balance {reply['balance']} gives {register}\n"
              f"  ledger  -f {a.journal} bal --end {day_after(a.date)} '^Reserves:R1$': {ledger}\n"
              f"  hledger -f {a.journal} bal --end {day_after(a.date)} '^Reserves:R1$': {hledger}", file=sys.stderr)
        sys.exit(1)
    return register, ledger, hledger


def load():
    return float(open("/proc/loadavg").read().split()[0])


def interleave(commands, runs, loads, slow, limit):
    """commands: {name: (argv, ok)}. Returns {name: [(wall, cpu, kb), ...]} over the recorded rounds.

    A command whose warm-up run took more than `slow` seconds is recorded in the first round only;
    one that took more than `limit` was killed, and is left out of the rounds (its list stays empty)."""
    names = list(commands)
    results = {n: [] for n in names}
    once, killed = set(), set()
    for r in range(runs + 1):
        loads.append(load())
        order = names[r % len(names):] + names[:r % len(names)]
        for n in order:
            if n in killed or (n in once and r > 1):
                continue
            argv, ok = commands[n]
            sample = spawn(argv, ok, limit=limit)
            if sample is None:
                killed.add(n)
                print(f"  {n}: killed after {limit:.0f} s", flush=True)
            elif r > 0:
                results[n].append(sample)
            elif sample[0] > slow:
                once.add(n)
                print(f"  {n}: {sample[0]:.0f} s in the warm-up; recorded in one round only", flush=True)
        print(f"  round {r}/{runs}{' (warm-up)' if r == 0 else ''} done, load {loads[-1]:.2f}", flush=True)
    return results, killed


def median(xs):
    return statistics.median(xs) if xs else None


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))]


def event_file(path, i):
    event = {"type": "reserve-addition", "effectiveDate": "2026-01-01", "actor": "bench", "source": {"document": "bench", "zaaknummer": None},
             "payload": {"reserve": "R1", "amountCents": 100 + i, "decision": "B-0"}}
    with open(path, "w") as f:
        json.dump(event, f)
    return path


def measure(a):
    R, E, J, D = a.register, a.events, a.journal, a.date
    row = {"events": a.n, "measured_at": datetime.datetime.now().isoformat(timespec="seconds"), "register": R,
           "register_version": capture([R, "--version"]).strip(), "runs": a.runs, "on": D}
    files = sum(1 for _ in os.scandir(E) if _.name.endswith(".json"))
    for entry in os.scandir(E):
        if entry.is_dir() and re.fullmatch(r"[0-9]{4}", entry.name):
            files += sum(1 for f in os.scandir(entry.path) if f.name.endswith(".json"))
    row["files"] = files
    row["bytes"] = os.path.getsize(a.pack)
    register, ledger, hledger, _ = answers(a)
    row.update(answer_cents=register, ledger_cents=ledger, hledger_cents=hledger)
    if not register == ledger == hledger:
        sys.exit("bench: the answers differ; run `bench.py compare` for details")

    exported = os.path.join(a.work, "export.journal")
    end = day_after(D)
    query = [R, "reserve", "R1", "--on", D, "--no-cache", "--json", "--events", E]
    subject_files = os.path.join(a.work, "query.files")
    row["query_files"] = files_read(query, E, subject_files)
    commands = {
        "query": (query, OK),
        "ledger_q": (["ledger", "-f", J, "bal", "--end", end, "^Reserves:R1$"], OK),
        "hledger_q": (["hledger", "-f", J, "bal", "--end", end, "^Reserves:R1$"], OK),
        "timeline": ([R, "timeline", "R1", "--json", "--events", E], OK),
        "ledger_reg": (["ledger", "-f", J, "reg", "^Reserves:R1$"], OK),
        "audit": ([R, "audit", "--json", "--events", E], AUDIT_OK),
        "ledger_all": (["ledger", "-f", J, "bal"], OK),
        "hledger_all": (["hledger", "-f", J, "bal"], OK),
        "verify": ([R, "verify", "--events", E], OK),
        "floor": ([a.floor, "tree", E], OK),
        "subject_floor": ([a.floor, "files", subject_files], OK),
        "packed": ([a.floor, "packed", a.pack], OK),
        "start": ([R, "--version"], OK),
        "export": ([R, "export", "--format", "ledger", "--output", exported, "--events", E], OK),
    }
    loads = []
    print(f"  interleaved rounds over {len(commands)} commands", flush=True)
    res, killed = interleave(commands, a.runs, loads, a.slow, a.limit)
    for done in (exported, subject_files):
        if os.path.exists(done):
            os.remove(done)
    for n, samples in res.items():
        if n in killed:
            row[f"{n}_s"] = f">{a.limit:.0f}"  # killed at the time limit
            row[f"{n}_cpu_s"] = row[f"{n}_mb"] = ""
            continue
        row[f"{n}_s"] = median([s[0] for s in samples])
        row[f"{n}_cpu_s"] = median([s[1] for s in samples])
        row[f"{n}_mb"] = round(max(s[2] for s in samples) / 1024, 1)
        row[f"{n}_n"] = len(samples)
    pairs = [("query", "ledger_q"), ("query", "hledger_q"), ("query", "subject_floor"), ("subject_floor", "ledger_q"), ("timeline", "ledger_q"), ("timeline", "ledger_reg"),
             ("audit", "ledger_all"), ("audit", "hledger_all"), ("verify", "floor"), ("verify", "packed"),
             ("floor", "packed"), ("export", "ledger_all")]
    for x, y in pairs:
        # Paired by round; a command recorded in one round only pairs with the other's first round.
        row[f"r_{x}_{y}"] = median([p[0] / q[0] for p, q in zip(res[x], res[y])])

    # A copy of the store for what writes: rebuilding the index, appends, the first question after one.
    copy_root = os.path.join(a.work, "copy")
    shutil.rmtree(copy_root, ignore_errors=True)
    os.makedirs(copy_root)
    copy = os.path.join(copy_root, "events")
    print("  copying the store", flush=True)
    subprocess.run(["cp", "-a", E, copy], check=True)
    cache = os.path.join(os.path.dirname(os.path.abspath(E)), ".register")
    if os.path.isdir(cache):
        subprocess.run(["cp", "-a", cache, copy_root], check=True)
    copy_cache = os.path.join(copy_root, ".register")

    tmp = tempfile.mkdtemp(dir=a.work)
    query = [R, "reserve", "R1", "--no-cache", "--json", "--events", copy]
    # Append latency: sequential `register append -` processes, each interleaved with a `register --version`.
    appends, starts = [], []
    for i in range(a.appends):
        if i % 100 == 0:
            loads.append(load())
        appends.append(spawn([R, "append", "-", "--events", copy], stdin=event_file(os.path.join(tmp, "e.json"), i))[0] * 1000)
        starts.append(spawn([R, "--version"])[0] * 1000)
    print(f"  {a.appends} appends done", flush=True)
    row["append_p50_ms"] = round(percentile(appends, 0.5), 2)
    row["append_p99_ms"] = round(percentile(appends, 0.99), 2)
    row["start_p50_ms"] = round(percentile(starts, 0.5), 2)
    row["start_p99_ms"] = round(percentile(starts, 0.99), 2)
    row["r_append_start"] = median([p / q for p, q in zip(appends, starts)])

    # The first question after one append, against the same question asked straight after it.
    after, steady = [], []
    for i in range(a.after):
        loads.append(load())
        spawn([R, "append", "-", "--events", copy], stdin=event_file(os.path.join(tmp, "e.json"), 10_000 + i))
        after.append(spawn(query))
        steady.append(spawn(query))
    row["after_append_s"] = median([s[0] for s in after])
    row["after_append_cpu_s"] = median([s[1] for s in after])
    row["steady_s"] = median([s[0] for s in steady])
    row["r_after_steady"] = median([p[0] / q[0] for p, q in zip(after, steady)])
    # Rebuilding the index from scratch: the first question after removing .register, against verify.
    rebuild, rverify = [], []
    for r in range(a.rebuilds):
        loads.append(load())
        shutil.rmtree(copy_cache, ignore_errors=True)
        rebuild.append(spawn(query))
        rverify.append(spawn([R, "verify", "--events", copy]))
        print(f"  rebuild {r + 1}/{a.rebuilds}: {rebuild[-1][0]:.3f} s (verify {rverify[-1][0]:.3f} s)", flush=True)
    row["rebuild_s"] = median([s[0] for s in rebuild])
    row["rebuild_cpu_s"] = median([s[1] for s in rebuild])
    row["rebuild_mb"] = round(max(s[2] for s in rebuild) / 1024, 1)
    row["rebuild_verify_s"] = median([s[0] for s in rverify])
    row["r_rebuild_verify"] = median([p[0] / q[0] for p, q in zip(rebuild, rverify)])

    # The first append once .register is gone: it replays the store and rewrites the append index.
    loads.append(load())
    shutil.rmtree(copy_cache, ignore_errors=True)
    cold = spawn([R, "append", "-", "--events", copy], stdin=event_file(os.path.join(tmp, "e.json"), 20_000))
    row["append_cold_s"], row["append_cold_cpu_s"], row["append_cold_mb"] = cold[0], cold[1], round(cold[2] / 1024, 1)
    print(f"  first append without .register: {cold[0]:.3f} s (cpu {cold[1]:.3f} s)", flush=True)
    shutil.rmtree(tmp)
    shutil.rmtree(copy_root)

    loads.append(load())
    row["load_min"], row["load_median"], row["load_max"] = min(loads), median(loads), max(loads)
    for k, v in row.items():
        if isinstance(v, float):
            row[k] = round(v, 4)
    write_row(a.csv, row)
    if os.path.exists(PEAK_FILE):
        os.remove(PEAK_FILE)


def write_row(path, row):
    """Replaces this size's row in the CSV (other sizes' rows stay), sorted by size."""
    rows = []
    if os.path.exists(path):
        rows = [r for r in csv.DictReader(open(path)) if r.get("events") != str(row["events"])]
    rows.append({k: "" if v is None else str(v) for k, v in row.items()})
    rows.sort(key=lambda r: int(r["events"]))
    columns = list(row)
    for r in rows:
        columns += [k for k in r if k not in columns]
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, restval="")
        w.writeheader()
        w.writerows(rows)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["compare", "measure"])
    p.add_argument("--register", required=True)
    p.add_argument("--events", required=True)
    p.add_argument("--journal", required=True)
    p.add_argument("--date", required=True)
    p.add_argument("--n", type=int)
    p.add_argument("--floor")
    p.add_argument("--pack")
    p.add_argument("--work")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--appends", type=int, default=1000)
    p.add_argument("--after", type=int, default=5)
    p.add_argument("--rebuilds", type=int, default=3)
    p.add_argument("--csv")
    p.add_argument("--slow", type=float, default=120, help="warm-up seconds above which a command is recorded once")
    p.add_argument("--limit", type=float, default=1800, help="seconds after which a run is killed")
    a = p.parse_args()
    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, _stop)
    if a.mode == "compare":
        compare(a)
    else:
        measure(a)


if __name__ == "__main__":
    main()
