#!/usr/bin/env python3
"""Turns topo_bench JSON lines (stdin) into the Markdown table of bench/README.md."""
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
print("| resources | " + " | ".join(stages) + " | total | per resource | peak memory |")
print("|" + "---:|" * (len(stages) + 4))
base = rows[0]["total"] / rows[0]["resources"]
for r in rows:
    per = r["total"] / r["resources"]
    cells = [f'{r["stages"].get(s, 0) * 1000:.1f} ms' for s in stages]
    print(f'| {r["resources"]:,} | ' + " | ".join(cells) +
          f' | **{r["total"]:.3f} s** | {per * 1e6:.1f} µs ({per / base:.2f}x) | {r["peak_rss_mb"]:.0f} MB |')
