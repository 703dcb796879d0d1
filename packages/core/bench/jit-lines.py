#!/usr/bin/env python3
# Per-row costs by function from a callgrind dump made with --dump-instr=yes, JIT code named by
# node --perf-basic-prof's map (see bench/validate-row-window.ts). Usage: jit-lines.py <dir> [rows]
import sys, re, bisect, collections
d = sys.argv[1]; rows = int(sys.argv[2]) if len(sys.argv) > 2 else 40000
pm = []
for line in open(f"{d}/perf.map"):
    a, sz, name = line.rstrip("\n").split(" ", 2)
    pm.append((int(a, 16), int(sz, 16), name))
# latest entry wins: build list sorted by address, later entries override
starts = {}
for a, sz, name in pm: starts[a] = (sz, name)
keys = sorted(starts)
def jit(addr):
    i = bisect.bisect_right(keys, addr) - 1
    if i >= 0:
        a = keys[i]; sz, name = starts[a]
        if addr < a + sz: return name
    return None
events = None; fn = None; addr = 0
self_ = collections.defaultdict(lambda: collections.Counter())
perinstr = collections.Counter()  # addr -> Ir
names = {}
owner = {}
in_call = False
def parse_pos(tok, cur):
    if tok == "*": return cur
    if tok[0] in "+-": return cur + int(tok, 16) if tok.startswith(("+0x","-0x")) else cur + int(tok)
    return int(tok, 16) if tok.startswith("0x") else int(tok)
for line in open(f"{d}/cg.out.1"):
    if line.startswith("events:"): events = line.split()[1:]; continue
    if line.startswith("fn="):
        m = re.match(r"fn=\((\d+)\)(?: (.*))?", line.strip())
        if m.group(2): names[m.group(1)] = m.group(2)
        fn = names.get(m.group(1), line.strip()); continue
    if line.startswith(("cfn=","cfi=","cob=","fl=","fi=","fe=","ob=")):
        m = re.match(r"cfn=\((\d+)\) (.*)", line.strip())
        if m: names[m.group(1)] = m.group(2)
        continue
    if line.startswith("calls="): in_call = True; continue
    if not line or not (line[0].isdigit() or line[0] in "+-*"): continue
    parts = line.split()
    a = parse_pos(parts[0], addr)
    # positions may be "instr line": second token is the line
    vals = parts[2:]
    addr = a
    if in_call: in_call = False; continue
    c = [int(v) for v in vals] + [0] * (len(events) - len(vals))
    name = fn
    if fn and ("???" in fn or fn.startswith("0x")):
        j = jit(a); name = j if j else fn
    if name is None: name = "?"
    for e, v in zip(events, c): self_[name][e] += v
    perinstr[a] += c[0]
    owner[a] = name
tot = collections.Counter()
for n, c in self_.items(): tot.update(c)
print("per row:", " ".join(f"{e}={tot[e]/rows:.1f}" for e in events if e in ("Ir","I1mr","D1mr","D1mw","Bcm","Bim")))
print(f"{'Ir':>8} {'I1mr':>7} {'Bm':>6}  function")
for n, c in sorted(self_.items(), key=lambda kv: -kv[1]["I1mr"])[:45]:
    print(f"{c['Ir']/rows:8.0f} {c['I1mr']/rows:7.1f} {(c['Bcm']+c['Bim'])/rows:6.1f}  {n[:110]}")
# hot lines: 64-byte lines whose instructions run >= 0.3 per row
lines = collections.Counter()
lineowner = {}
for a, ir in perinstr.items():
    lines[a >> 6] = max(lines[a >> 6], ir)
    if ir >= 0.3 * rows: lineowner[a >> 6] = owner[a]
hot = [l for l, ir in lines.items() if ir >= 0.3 * rows]
print("distinct 64-byte lines with an instruction run >=0.3/row:", len(hot), "=", len(hot) * 64 / 1024, "KB")
byfn = collections.Counter()
for l in hot:
    n = lineowner.get(l, "?")
    byfn[n] += 64
for n, b in byfn.most_common(30): print(f"{b:6d}  {n[:110]}")
