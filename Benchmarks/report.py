#!/usr/bin/env python3
"""Turns Benchmarks/results.csv into a Markdown table and an SVG scaling plot (no plotting library)."""
import csv, math, platform, subprocess, sys, datetime

src, md_out, svg_out = sys.argv[1:4]
rows = list(csv.DictReader(open(src)))

def num(v):
    try:
        return float(v)
    except ValueError:
        return None

def fmt(v, unit="s"):
    v = num(v)
    if v is None:
        return "n/a"
    if unit == "s":
        return f"{v*1000:.1f} ms" if v < 1 else f"{v:.2f} s"
    return f"{v:.1f} {unit}"

def ratio(a, b):
    a, b = num(a), num(b)
    return f"{a/b:.2f}x" if a and b else "n/a"

cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
lines = [f"Machine: {cpu}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
         f"{platform.system()} {platform.release()}; {datetime.date.today()}. Method: hyperfine, median of 5 runs after a warm-up "
         "(page cache warm); append latency over 1,000 sequential `register append` processes; peak RSS from GNU time.", ""]
lines.append("| events | verify | events/s | MB/s | vs hashfloor | vs cat+sha256sum | cold query | ledger | hledger | warm query | process start | warm/start | append p50 | append p99 | verify RSS | query RSS |")
lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    n, verify = int(r["events"]), num(r["verify_s"])
    eps = f"{n/verify:,.0f}" if verify else "n/a"
    mbs = f"{int(r['bytes'])/verify/1e6:.1f}" if verify else "n/a"
    lines.append(f"| {n:,} | {fmt(r['verify_s'])} | {eps} | {mbs} | {ratio(r['verify_s'], r['hashfloor_s'])} | {ratio(r['verify_s'], r['cat_sha256sum_s'])} | "
                 f"{fmt(r['cold_query_s'])} | {fmt(r['ledger_s'])} | {fmt(r['hledger_s'])} | {fmt(r['warm_query_s'])} | {fmt(r['process_start_s'])} | "
                 f"{ratio(r['warm_query_s'], r['process_start_s'])} | {r['append_p50_ms']} ms | {r['append_p99_ms']} ms | {r['verify_peak_mb']} MB | {r['cold_query_peak_mb']} MB |")
open(md_out, "w").write("\n".join(lines) + "\n")

# SVG: seconds against events, both on log scales.
series = [("verify_s", "register verify", "#1f77b4"), ("hashfloor_s", "read+hash floor", "#7f7f7f"),
          ("cold_query_s", "register cold query", "#d62728"), ("ledger_s", "ledger bal", "#2ca02c"),
          ("hledger_s", "hledger bal", "#9467bd"), ("warm_query_s", "register warm query", "#ff7f0e")]
W, H, L, B, T, R = 720, 420, 70, 50, 30, 190
xs = [int(r["events"]) for r in rows]
ys = [num(r[k]) for r in rows for k, _, _ in series if num(r[k])]
if not xs or not ys:
    open(svg_out, "w").write('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')
    sys.exit(0)
x0, x1 = math.log10(min(xs)) - 0.2, math.log10(max(xs)) + 0.2
y0, y1 = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
px = lambda x: L + (math.log10(x) - x0) / (x1 - x0) * (W - L - R)
py = lambda y: H - B - (math.log10(y) - y0) / max(y1 - y0, 1) * (H - B - T)
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12" role="img" aria-label="seconds against events">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{L}" y="18" font-size="14">register: seconds against events (log-log)</text>']
for e in range(int(y0), int(y1) + 1):
    y = py(10 ** e)
    out.append(f'<line x1="{L}" y1="{y:.1f}" x2="{W-R}" y2="{y:.1f}" stroke="#ddd"/><text x="{L-8}" y="{y+4:.1f}" text-anchor="end">{10**e:g} s</text>')
for x in xs:
    out.append(f'<line x1="{px(x):.1f}" y1="{T}" x2="{px(x):.1f}" y2="{H-B}" stroke="#eee"/><text x="{px(x):.1f}" y="{H-B+18}" text-anchor="middle">{x:,}</text>')
out.append(f'<text x="{(L+W-R)/2:.0f}" y="{H-10}" text-anchor="middle">events</text>')
for i, (key, label, colour) in enumerate(series):
    pts = [(px(int(r["events"])), py(num(r[key]))) for r in rows if num(r[key])]
    if pts:
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in pts)}"/>')
        out += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>' for x, y in pts]
    out.append(f'<rect x="{W-R+15}" y="{T+10+i*20}" width="12" height="12" fill="{colour}"/><text x="{W-R+32}" y="{T+21+i*20}">{label}</text>')
out.append("</svg>")
open(svg_out, "w").write("\n".join(out) + "\n")
