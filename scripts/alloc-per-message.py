#!/usr/bin/env python3
"""alloc-per-message.py RUN_DIR: server allocation per delivered message and G1 pauses inside the
measured window (JFR per-thread allocation counters, 1 s period; jdk.GarbageCollection), the window
from result.json. RUN_DIR holds result.json (magpie bench direct --out) and rec.jfr, recorded by the server JVM with
  -XX:StartFlightRecording=filename=RUN_DIR/rec.jfr,settings=scripts/alloc.jfc,dumponexit=true
(docs/benchmarks.md, ninth round). Needs the JDK's jfr tool on the PATH."""
import json, subprocess, sys, collections, datetime
d = sys.argv[1]
r = json.load(open(d + "/result.json"))["phases"][0]
t0 = r["loginEndEpochMs"] / 1000 + r["warmupSeconds"]; t1 = t0 + r["measuredSeconds"]
def epoch(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ThreadAllocationStatistics,jdk.GarbageCollection",
                      d + "/rec.jfr"], capture_output=True, text=True).stdout
ev = json.loads(out)["recording"]["events"]
alloc = sorted((epoch(e["values"]["startTime"]), (e["values"]["thread"] or {}).get("javaThreadId", 0), e["values"]["allocated"],
                (e["values"]["thread"] or {}).get("javaName", "?"))
               for e in ev if e["type"] == "jdk.ThreadAllocationStatistics")
def total_at(t):
    cum = {}
    names = {}
    for ts, tid, a, n in alloc:
        if ts > t: break
        cum[tid] = a; names[tid] = n
    return cum, names
c0, _ = total_at(t0); c1, names = total_at(t1)
tot = sum(c1.values()) - sum(c0.get(k, 0) for k in c1)
msgs = r["deliveredInWindow"]
print(f"window {r['measuredSeconds']} s, delivered {msgs} ({msgs / r['measuredSeconds']:.0f}/s), allocated {tot / 1e6:.0f} MB "
      f"= {tot / r['measuredSeconds'] / 1e6:.1f} MB/s = {tot / max(msgs, 1):.0f} B per delivered message")
groups = collections.Counter()
import re
for k, v in c1.items():
    groups[re.sub(r'\d+', '#', names[k])] += v - c0.get(k, 0)
print("  by thread:", ", ".join(f"{k} {v / max(msgs, 1):.0f} B" for k, v in groups.most_common(6)))
gcs = [e["values"] for e in ev if e["type"] == "jdk.GarbageCollection" and t0 <= epoch(e["values"]["startTime"]) <= t1]
def ms(v):  # JFR durations print as ISO-8601 ("PT0.012S") or numbers of ns
    if isinstance(v, str):
        return float(v[2:-1]) * 1000 if v.startswith("PT") and v.endswith("S") else float("nan")
    return v / 1e6
p = sorted(ms(g["longestPause"]) for g in gcs)
if p:
    print(f"  GC in window: {len(p)} collections, pause median {p[len(p) // 2]:.1f} ms, max {p[-1]:.1f} ms, "
          f"sum {sum(ms(g['sumOfPauses']) for g in gcs):.0f} ms ({', '.join(sorted(set(g['name'] for g in gcs)))})")
else:
    print("  GC in window: none")
lat = r["latencyMicros"]
print(f"  latency ms p50 {lat['p50'] / 1000:.2f} p90 {lat['p90'] / 1000:.2f} p99 {lat['p99'] / 1000:.2f} "
      f"p99.9 {lat['p999'] / 1000:.2f} max {lat['max'] / 1000:.1f}; conns {r['connections']}; "
      f"server CPU {r['server']['cpuMicrosPerMessage']:.1f} us/msg; lost {r['messages']['lost']} dup {r['messages']['duplicates']} reord {r['messages']['reordered']}")
