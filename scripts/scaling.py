#!/usr/bin/env python3
"""Time and memory of `parallax compare` as the number of reports and their length grow (issue 6).

usage: scripts/scaling.py [--work DIR] [--shared DIR] [--bin PATH] [--svg OUT] [--quick]

Two series, each run as a whole process (median wall time of several runs, peak RSS from
/usr/bin/time):
  reports  N = 2, 4, 8, ... 256, 300 BASIL articles in one comparison (the first N files of
           scripts/make_scale_inputs.py's basil300/, i.e. whole events of three reports)
  length   one pair of reports of 1 KB ... 10 MB each (scripts/make_long_reports.py, seed 1)

Prints a Markdown table per series and the log-log slope of time against total input size
(least squares over the points of at least 100 KB, where start-up no longer dominates), and
writes an SVG plot (default docs/images/scaling.svg). Inputs are built in a scratch directory
(default /tmp/parallax-scaling) from ../shared; nothing from ../shared enters the repository.
"""
import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

REPORT_COUNTS = [2, 4, 8, 16, 32, 64, 128, 256, 300]
LENGTHS = ["1K", "3K", "10K", "30K", "100K", "300K", "1M", "3M", "10M"]
SLOPE_MIN_BYTES = 100 * 1024


def run_once(cmd):
    """Wall seconds and peak RSS (KB) of one run, measured by GNU time."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t:
        full = ["/usr/bin/time", "-f", "%e %M", "-o", t.name] + cmd
        subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        wall, rss = t.read().split()[-2:]
    return float(wall), int(rss)


def measure(cmd, total_bytes):
    # Short runs are repeated more: /usr/bin/time reports 10 ms steps, so the median of many
    # runs of a few milliseconds is taken with hyperfine instead.
    if total_bytes < 2 * 1024 * 1024:
        out = subprocess.run(
            ["hyperfine", "-N", "-w", "2", "-r", "10" if total_bytes < 512 * 1024 else "5",
             "--export-json", "/dev/stdout", "--style", "none", " ".join(cmd)],
            capture_output=True, text=True, check=True).stdout
        import json
        res = json.loads(out[out.index("{"):])["results"][0]
        wall = statistics.median(res["times"])
        rss = max(run_once(cmd)[1] for _ in range(2))
        return wall, rss
    runs = [run_once(cmd) for _ in range(3 if total_bytes < 32 * 1024 * 1024 else 1)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def slope(points):
    xs = [math.log(b) for b, _, _ in points if b >= SLOPE_MIN_BYTES]
    ys = [math.log(t) for b, t, _ in points if b >= SLOPE_MIN_BYTES]
    if len(xs) < 2:
        return float("nan")
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def human(n):
    """Decimal units (1 kB = 1000 bytes), so the plot's powers of ten read as round numbers."""
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n:.0f} B"


def svg(series, path):
    """A log-log plot of seconds against total input bytes, one line per series, and peak
    memory in a second panel."""
    w, h, pad = 900, 380, 60
    panel = (w - 3 * pad) / 2
    all_b = [b for s in series.values() for b, _, _ in s]
    all_t = [t for s in series.values() for _, t, _ in s]
    all_m = [m * 1024 for s in series.values() for _, _, m in s]
    bx = (math.log10(min(all_b)) - 0.1, math.log10(max(all_b)) + 0.1)
    colors = {"reports": "#1f6feb", "length": "#d1242f"}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>']

    def panel_at(x0, values, label, fmt, key):
        lo, hi = math.log10(min(values)) - 0.1, math.log10(max(values)) + 0.1
        px = lambda b: x0 + (math.log10(b) - bx[0]) / (bx[1] - bx[0]) * panel
        py = lambda v: h - pad - (math.log10(v) - lo) / (hi - lo) * (h - 2 * pad)
        out.append(f'<rect x="{x0}" y="{pad}" width="{panel}" height="{h - 2 * pad}" '
                   f'fill="none" stroke="#888"/>')
        for e in range(math.ceil(bx[0]), math.floor(bx[1]) + 1):
            x = px(10 ** e)
            out.append(f'<line x1="{x:.1f}" y1="{pad}" x2="{x:.1f}" y2="{h - pad}" stroke="#eee"/>')
            out.append(f'<text x="{x:.1f}" y="{h - pad + 16}" text-anchor="middle">'
                       f'{human(10 ** e)}</text>')
        for e in range(math.ceil(lo), math.floor(hi) + 1):
            y = py(10 ** e)
            out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x0 + panel}" y2="{y:.1f}" stroke="#eee"/>')
            out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end">{fmt(10 ** e)}</text>')
        out.append(f'<text x="{x0 + panel / 2}" y="{h - 18}" text-anchor="middle">'
                   f'total input (log)</text>')
        out.append(f'<text x="{x0 + panel / 2}" y="{pad - 12}" text-anchor="middle" '
                   f'font-weight="bold">{label}</text>')
        for name, pts in series.items():
            d = " ".join(f"{'M' if i == 0 else 'L'}{px(b):.1f},{py(key(t, m)):.1f}"
                         for i, (b, t, m) in enumerate(pts))
            out.append(f'<path d="{d}" fill="none" stroke="{colors[name]}" stroke-width="2"/>')
            for b, t, m in pts:
                out.append(f'<circle cx="{px(b):.1f}" cy="{py(key(t, m)):.1f}" r="3" '
                           f'fill="{colors[name]}"/>')

    panel_at(pad, all_t, "wall time (log)", lambda v: f"{v:g} s", lambda t, m: t)
    panel_at(2 * pad + panel, all_m, "peak memory (log)", human, lambda t, m: m * 1024)
    ly = pad + 14
    for name, pts in series.items():
        label = ("N reports, 2 to 300 BASIL articles" if name == "reports"
                 else "one pair, 1 KB to 10 MB a report")
        out.append(f'<rect x="{pad + 10}" y="{ly - 9}" width="12" height="3" fill="{colors[name]}"/>')
        out.append(f'<text x="{pad + 28}" y="{ly - 4}">{label} (slope {slope(pts):.2f})</text>')
        ly += 16
    out.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", default="/tmp/parallax-scaling")
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared"))
    ap.add_argument("--bin", default=os.path.join(REPO, "target", "release", "parallax"))
    ap.add_argument("--svg", default=os.path.join(REPO, "docs", "images", "scaling.svg"))
    ap.add_argument("--quick", action="store_true", help="lengths up to 1 MB only")
    a = ap.parse_args()
    if not os.path.isdir(a.shared):
        sys.exit(f"scaling.py: {a.shared} not found (the inputs are built from ../shared)")
    os.makedirs(a.work, exist_ok=True)
    scale = os.path.join(a.work, "scale")
    if not os.path.isdir(os.path.join(scale, "basil300")):
        subprocess.run([sys.executable, os.path.join(HERE, "make_scale_inputs.py"), scale,
                        "--shared", a.shared], check=True, stdout=subprocess.DEVNULL)
    basil = sorted(os.path.join(scale, "basil300", f)
                   for f in os.listdir(os.path.join(scale, "basil300")))
    base = [a.bin, "compare", "--color", "never", "--paging", "never"]
    series = {"reports": [], "length": []}
    print("| reports | total input | median time | peak memory |\n|---|---|---|---|")
    for n in REPORT_COUNTS:
        files = basil[:n]
        total = sum(os.path.getsize(f) for f in files)
        t, m = measure(base + files, total)
        series["reports"].append((total, t, m))
        print(f"| {n} | {human(total)} | {t * 1000:.1f} ms | {human(m * 1024)} |", flush=True)
    print(f"\nslope (time against input, points of at least 100 KB): "
          f"{slope(series['reports']):.2f}\n")
    print("| each report | total input | median time | peak memory |\n|---|---|---|---|")
    for size in LENGTHS[:7] if a.quick else LENGTHS:
        d = os.path.join(a.work, "long" + size)
        pair = [os.path.join(d, "a.txt"), os.path.join(d, "b.txt")]
        if not all(os.path.exists(p) for p in pair):
            subprocess.run([sys.executable, os.path.join(HERE, "make_long_reports.py"), d, size,
                            "--shared", a.shared], check=True, stdout=subprocess.DEVNULL)
        total = sum(os.path.getsize(p) for p in pair)
        t, m = measure(base + ["--max-input-size", str(64 << 20)] + pair, total)
        series["length"].append((total, t, m))
        print(f"| {size} | {human(total)} | {t * 1000:.1f} ms | {human(m * 1024)} |", flush=True)
    print(f"\nslope (time against input, points of at least 100 KB): "
          f"{slope(series['length']):.2f}")
    svg(series, a.svg)
    print(f"\nplot: {os.path.relpath(a.svg)}")


if __name__ == "__main__":
    main()
