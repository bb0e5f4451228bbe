#!/usr/bin/env python3
"""Turns topo_bench JSON lines (stdin) into the Markdown tables of bench/README.md: processor time
per stage (the figure that does not depend on other load), then wall time, then the totals, the
time per resource relative to the smallest size, and peak memory."""
import json
import sys

rows = [json.loads(line) for line in sys.stdin if line.strip()]
if not rows:
    sys.exit("no results")
stages = []
for r in rows:
    for s in r["stages"]:
        if s not in stages:
            stages.append(s)


def table(title, key, total_key):
    print(f"{title}\n")
    print("| resources | " + " | ".join(stages) + " | total |")
    print("|" + "---:|" * (len(stages) + 2))
    for r in rows:
        cells = [f'{r[key].get(s, 0) * 1000:,.0f} ms' for s in stages]
        print(f'| {r["resources"]:,} | ' + " | ".join(cells) + f' | **{r[total_key]:.2f} s** |')
    print()


table("Processor time per stage (best of the runs):", "cpu_stages", "cpu_total")
table("Wall time per stage (same run):", "stages", "total")
base = rows[0]["cpu_total"] / rows[0]["resources"]
print("| resources | input | output | processor time | per resource | vs smallest | first round (cold process) | peak memory |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for r in rows:
    per = r["cpu_total"] / r["resources"]
    print(f'| {r["resources"]:,} | {r.get("input_bytes", 0) / 1e6:.1f} MB | {r["output_files"]:,} files, '
          f'{r["output_bytes"] / 1e6:.0f} MB | {r["cpu_total"]:.2f} s | {per * 1e6:.0f} µs | {per / base:.2f}x | '
          f'{r.get("first_cpu_total", r["cpu_total"]):.2f} s | '
          f'{r["peak_rss_mb"]:,.0f} MB |')
