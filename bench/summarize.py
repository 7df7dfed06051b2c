#!/usr/bin/env python3
"""Summary of a bench/train-benchmark.sh run: s/epoch per implementation and our speed as a ratio to each.

Usage: bench/summarize.py target/bench/<timestamp>
Reads the RESULT {json} lines of every <round>_<name>.log there (digitnet's and the peers' share the key names).
"""
import glob
import json
import os
import re
import statistics
import sys

TARGETS = {"torch": (1.1, "at least 1.1x"), "numpy": (1.0, "faster"), "dl4j": (3.0, "3-5x"),
           "fast": (1 / 1.2, "within 1.2x")}


def main(d):
    speed = {}   # (H, act) -> name -> [median_epoch_s per round]
    cpu = {}     # (H, act) -> name -> [median CPU s/epoch per round]
    acc = {}     # (H, act) -> name -> last round's test accuracy per epoch
    extra = []
    rss = {}
    for f in sorted(glob.glob(os.path.join(d, "r*_*.log"))):
        name = os.path.basename(f)[:-4].split("_", 1)[1]
        for line in open(f, errors="replace"):
            if line.startswith("PROCESS "):
                m = re.search(r"maxrss_kb=(\d+)", line)
                if m:
                    rss.setdefault(name, []).append(int(m.group(1)) / 1024)
            if not line.startswith("RESULT "):
                continue
            r = json.loads(line[7:])
            if name == "digitnet" and r.get("kind"):
                extra.append(r)
                continue
            if "median_epoch_s" not in r or "H" not in r:
                continue
            key = (r["H"], r["act"])
            speed.setdefault(key, {}).setdefault(name, []).append(r["median_epoch_s"])
            c = r.get("epoch_cpu_s") or []
            if c:
                cpu.setdefault(key, {}).setdefault(name, []).append(statistics.median(c[1:] if len(c) > 1 else c))
            acc.setdefault(key, {})[name] = r.get("test_acc_per_epoch")
    print()
    print("## median s/epoch over epochs 2..N (training only), median over rounds; ratio = peer s/epoch / ours "
          "(> 1: digitnet is faster)")
    print("## CPU = process CPU seconds per epoch, the fairer figure when other work shares the cores")
    for key in sorted(speed, key=lambda k: (k[0], k[1] != "sigmoid")):
        rows = speed[key]
        ours = statistics.median(rows["digitnet"]) if "digitnet" in rows else None
        print(f"\nH={key[0]} {key[1]}")
        for name in ["digitnet"] + sorted(n for n in rows if n != "digitnet"):
            if name not in rows:
                continue
            med = statistics.median(rows[name])
            line = f"  {name:9s} {med:7.4f} s/epoch  {60000 / med:9.0f} samples/s  rounds {rows[name]}"
            if ours and name != "digitnet":
                ratio = med / ours
                target = TARGETS.get(name)
                verdict = ""
                if target and key[0] == 100:
                    verdict = "  target " + target[1] + (": met" if ratio >= target[0] else ": NOT met")
                line += f"  ratio {ratio:.2f}{verdict}"
            cpus = cpu.get(key, {}).get(name)
            ours_cpu = cpu.get(key, {}).get("digitnet")
            if cpus:
                line += f"  | CPU {statistics.median(cpus):.3f} s/epoch"
                if ours_cpu and name != "digitnet":
                    line += f" (ratio {statistics.median(cpus) / statistics.median(ours_cpu):.2f})"
            accs = acc[key].get(name)
            if accs:
                line += f"  test acc {accs}"
            print(line)
    for r in extra:
        kind = r.pop("kind")
        r.pop("peer", None)
        print(f"\ndigitnet {kind}: {json.dumps(r)}")
    for name, v in sorted(rss.items()):
        print(f"peak RSS {name}: {max(v):.0f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
