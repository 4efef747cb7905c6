#!/usr/bin/env python3
"""Turns Benchmarks/results.csv (written by bench.py) into a Markdown table and an SVG scaling plot.

  report.py results.csv results.md scaling.svg

One column per store size plus the growth from 100k to 1M events (the 1M figure over the 100k one).
Times are medians of the interleaved rounds: wall time, with CPU time (user+sys) beside it. A ratio
"a / b" is the median over rounds of a's wall time over b's in the same round (see bench.py).
"""
import csv, math, platform, subprocess, sys

src, md_out, svg_out = sys.argv[1:4]
rows = sorted(csv.DictReader(open(src)), key=lambda r: int(r["events"]))
by_n = {int(r["events"]): r for r in rows}


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def secs(v):
    if isinstance(v, str) and v.startswith(">"):
        return f"killed at {v[1:]} s"
    v = num(v)
    if v is None:
        return "n/a"
    if v < 1:
        return f"{v * 1000:.1f} ms"
    return f"{v:.2f} s"


def timed(r, key):
    """'wall (cpu X)' for a command measured in the interleaved rounds."""
    return f"{secs(r.get(key + '_s'))} (cpu {secs(r.get(key + '_cpu_s'))})"


def mb(r, key):
    v = num(r.get(key + "_mb"))
    return "n/a" if v is None else f"{v:,.0f} MB"


def ratio_cell(v):
    v = num(v)
    return "n/a" if v is None else f"{v:.2f}x"


def shell(cmd):
    return subprocess.run(["sh", "-c", cmd], capture_output=True, text=True).stdout.strip()


# Each line: label, how to show one row's cell, the column to grow (or None), the kind of growth.
lines = [
    ("**A question never asked before: reserve R1 on D**", None, None),
    ("register `reserve R1 --on D --no-cache --json`", lambda r: timed(r, "query"), "query_s"),
    ("ledger `bal --end D+1 '^Reserves:R1$'`", lambda r: timed(r, "ledger_q"), "ledger_q_s"),
    ("hledger `bal --end D+1 '^Reserves:R1$'`", lambda r: timed(r, "hledger_q"), "hledger_q_s"),
    ("register / ledger (wall, paired)", lambda r: ratio_cell(r.get("r_query_ledger_q")), "r_query_ledger_q"),
    ("register / hledger (wall, paired)", lambda r: ratio_cell(r.get("r_query_hledger_q")), "r_query_hledger_q"),
    ("register / ledger (CPU, medians)", lambda r: ratio_cell(ratio(r, "query_cpu_s", "ledger_q_cpu_s")), None),
    ("peak memory register / ledger / hledger (growth: register)", lambda r: f"{mb(r, 'query')} / {mb(r, 'ledger_q')} / {mb(r, 'hledger_q')}", "query_mb"),
    ("event files the question reads", lambda r: r.get("query_files", ""), "query_files"),
    ("their floor (`floor files`: open, read, SHA-256 each of them)", lambda r: timed(r, "subject_floor"), "subject_floor_s"),
    ("register / their floor (wall, paired)", lambda r: ratio_cell(r.get("r_query_subject_floor")), "r_query_subject_floor"),
    ("their floor / ledger (wall, paired): the least a checked question can be", lambda r: ratio_cell(r.get("r_subject_floor_ledger_q")), "r_subject_floor_ledger_q"),
    ("**One reserve's timeline**", None, None),
    ("register `timeline R1 --json`", lambda r: timed(r, "timeline"), "timeline_s"),
    ("ledger `reg '^Reserves:R1$'`", lambda r: timed(r, "ledger_reg"), "ledger_reg_s"),
    ("timeline / ledger bal R1 (wall, paired)", lambda r: ratio_cell(r.get("r_timeline_ledger_q")), "r_timeline_ledger_q"),
    ("timeline / ledger reg R1 (wall, paired)", lambda r: ratio_cell(r.get("r_timeline_ledger_reg")), "r_timeline_ledger_reg"),
    ("peak memory timeline", lambda r: mb(r, "timeline"), "timeline_mb"),
    ("**The whole register**", None, None),
    ("register `audit --json`", lambda r: timed(r, "audit"), "audit_s"),
    ("ledger `bal` (whole journal)", lambda r: timed(r, "ledger_all"), "ledger_all_s"),
    ("hledger `bal` (whole journal)", lambda r: timed(r, "hledger_all"), "hledger_all_s"),
    ("audit / ledger bal (wall, paired)", lambda r: ratio_cell(r.get("r_audit_ledger_all")), "r_audit_ledger_all"),
    ("audit / hledger bal (wall, paired)", lambda r: ratio_cell(r.get("r_audit_hledger_all")), "r_audit_hledger_all"),
    ("peak memory audit / ledger / hledger (growth: audit)", lambda r: f"{mb(r, 'audit')} / {mb(r, 'ledger_all')} / {mb(r, 'hledger_all')}", "audit_mb"),
    ("**Verify against the read+hash floor**", None, None),
    ("register `verify`", lambda r: timed(r, "verify"), "verify_s"),
    ("per-file floor (`floor tree`: open, read, SHA-256 each file)", lambda r: timed(r, "floor"), "floor_s"),
    ("packed floor (`floor packed`: one file, 1 MiB reads)", lambda r: timed(r, "packed"), "packed_s"),
    ("verify / per-file floor (wall, paired)", lambda r: ratio_cell(r.get("r_verify_floor")), "r_verify_floor"),
    ("verify / per-file floor (CPU, medians)", lambda r: ratio_cell(ratio(r, "verify_cpu_s", "floor_cpu_s")), None),
    ("per-file floor / packed floor (wall, paired)", lambda r: ratio_cell(r.get("r_floor_packed")), "r_floor_packed"),
    ("peak memory verify", lambda r: mb(r, "verify"), "verify_mb"),
    ("**Writing**", None, None),
    ("`append -` p50 / p99 (growth: p50)", lambda r: f"{r.get('append_p50_ms')} ms / {r.get('append_p99_ms')} ms", "append_p50_ms"),
    ("process start `--version` p50 / p99 (growth: p50)", lambda r: f"{r.get('start_p50_ms')} ms / {r.get('start_p99_ms')} ms", "start_p50_ms"),
    ("append / process start (paired)", lambda r: ratio_cell(r.get("r_append_start")), "r_append_start"),
    ("first `reserve R1 --no-cache` after one append", lambda r: f"{secs(r.get('after_append_s'))} (cpu {secs(r.get('after_append_cpu_s'))})", "after_append_s"),
    ("the same question again", lambda r: secs(r.get("steady_s")), "steady_s"),
    ("after append / again (paired)", lambda r: ratio_cell(r.get("r_after_steady")), "r_after_steady"),
    ("**Rebuilding the index (`rm -rf .register`, first `reserve R1 --no-cache`)**", None, None),
    ("rebuild_s", lambda r: f"{secs(r.get('rebuild_s'))} (cpu {secs(r.get('rebuild_cpu_s'))})", "rebuild_s"),
    ("verify of the same copy", lambda r: secs(r.get("rebuild_verify_s")), "rebuild_verify_s"),
    ("rebuild / verify (paired)", lambda r: ratio_cell(r.get("r_rebuild_verify")), "r_rebuild_verify"),
    ("peak memory rebuild", lambda r: mb(r, "rebuild"), "rebuild_mb"),
    ("first `append -` after `rm -rf .register` (one run)", lambda r: f"{secs(r.get('append_cold_s'))} (cpu {secs(r.get('append_cold_cpu_s'))})", "append_cold_s"),
    ("**Export**", None, None),
    ("register `export --format ledger`", lambda r: timed(r, "export"), "export_s"),
    ("peak memory export", lambda r: mb(r, "export"), "export_mb"),
    ("**Store and load**", None, None),
    ("event bytes / files", lambda r: f"{int(r['bytes']) / 1e6:,.1f} MB / {int(r['files']):,}", "bytes"),
    ("load average (1 min) min / median / max", lambda r: f"{r.get('load_min')} / {r.get('load_median')} / {r.get('load_max')}", None),
    ("rounds; measured at", lambda r: f"{r.get('runs')}; {r.get('measured_at')}", None),
]


def ratio(r, a, b):
    x, y = num(r.get(a)), num(r.get(b))
    return x / y if x is not None and y else None


def growth(key):
    if key is None or 100_000 not in by_n or 1_000_000 not in by_n:
        return ""
    x, y = num(by_n[1_000_000].get(key)), num(by_n[100_000].get(key))
    return f"{x / y:.1f}x" if x is not None and y else "n/a"


cpu = shell("lscpu | sed -n 's/^Model name: *//p'") or platform.processor()
cores = shell("nproc")
memory = shell("awk '/MemTotal/ {printf \"%.0f GiB\", $2/1048576}' /proc/meminfo")
versions = sorted({r.get("register_version", "?") for r in rows})
out = [
    f"Machine: {cpu}, {cores} cores, {memory}, {platform.system()} {platform.release()}. "
    f"register: {', '.join(versions)}; ledger {shell('ledger --version | head -n 1 | cut -d, -f1')}; {shell('hledger --version')}.",
    "",
    "Method: `Benchmarks/run.sh` (see README). Every command of a size runs once per round, the order rotating, after one "
    "unrecorded warm-up round; times are medians (wall, with CPU = user+sys beside it), peak memory is GNU time's %M (max over "
    "rounds). Ratios marked *paired* are the median over rounds of the ratio within one round; the machine is shared, so "
    "ratios are the figures to read, not absolute times. Growth is the 1M figure over the 100k one (a tenfold history).",
    "",
    "| | " + " | ".join(f"{n:,} events" for n in by_n) + " | growth 100k→1M |",
    "|---|" + "---|" * len(by_n) + "---|",
]
for label, cell, key in lines:
    if cell is None:
        out.append(f"| {label} |" + " |" * len(by_n) + " |")
    else:
        out.append(f"| {label} | " + " | ".join(cell(r) for r in rows) + f" | {growth(key)} |")
open(md_out, "w").write("\n".join(out) + "\n")

# SVG: wall seconds against events, both on log scales.
series = [("query_s", "register reserve (no cache)", "#d62728"), ("ledger_q_s", "ledger bal R1", "#2ca02c"),
          ("hledger_q_s", "hledger bal R1", "#9467bd"), ("audit_s", "register audit", "#8c564b"),
          ("verify_s", "register verify", "#1f77b4"), ("floor_s", "per-file floor", "#7f7f7f"),
          ("packed_s", "packed floor", "#bcbd22"), ("rebuild_s", "index rebuild", "#ff7f0e")]
W, H, L, B, T, R = 760, 440, 70, 50, 30, 220
xs = [int(r["events"]) for r in rows]
ys = [num(r.get(k)) for r in rows for k, _, _ in series if num(r.get(k))]
if not xs or not ys:
    open(svg_out, "w").write('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n')
    sys.exit(0)
x0, x1 = math.log10(min(xs)) - 0.2, math.log10(max(xs)) + 0.2
y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
px = lambda x: L + (math.log10(x) - x0) / (x1 - x0) * (W - L - R)
py = lambda y: H - B - (math.log10(y) - y0) / max(y1 - y0, 1) * (H - B - T)
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12" role="img" aria-label="seconds against events">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{L}" y="18" font-size="14">wall seconds against events (log-log, medians)</text>']
for e in range(int(y0), int(y1) + 1):
    y = py(10 ** e)
    svg.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W-R}" y2="{y:.1f}" stroke="#ddd"/><text x="{L-8}" y="{y+4:.1f}" text-anchor="end">{10**e:g} s</text>')
for x in xs:
    svg.append(f'<line x1="{px(x):.1f}" y1="{T}" x2="{px(x):.1f}" y2="{H-B}" stroke="#eee"/><text x="{px(x):.1f}" y="{H-B+18}" text-anchor="middle">{x:,}</text>')
svg.append(f'<text x="{(L+W-R)/2:.0f}" y="{H-10}" text-anchor="middle">events</text>')
for i, (key, label, colour) in enumerate(series):
    pts = [(px(int(r["events"])), py(num(r[key]))) for r in rows if num(r.get(key))]
    if pts:
        svg.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}"/>')
        svg += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in pts]
    svg.append(f'<rect x="{W-R+15}" y="{T+10+i*20}" width="12" height="12" fill="{colour}"/><text x="{W-R+32}" y="{T+21+i*20}">{label}</text>')
svg.append("</svg>")
open(svg_out, "w").write("\n".join(svg) + "\n")
