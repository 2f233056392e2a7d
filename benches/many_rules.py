"""Writes a rule folder with N rules (default 1,000) for timing `xuncha check`:
the generated project's schema and copies of its sixteen rules, renamed.

    python many_rules.py PROJECT_DIR OUT_DIR [N]
"""

import os
import re
import shutil
import sys

src, out = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
blocks = []
for name in ("rules3.xc", "library.xc"):
    with open(os.path.join(src, name), encoding="utf-8") as f:
        text = f.read()
    blocks += ["rule " + b.rstrip() + "\n" for b in re.split(r"^rule ", text, flags=re.M)[1:]]
os.makedirs(out, exist_ok=True)
shutil.copy(os.path.join(src, "schema.xc"), os.path.join(out, "schema.xc"))
rules = []
for i in range(n):
    b = blocks[i % len(blocks)]
    rules.append(re.sub(r"^rule (\S+)", lambda m: f"rule {m.group(1)}-{i // len(blocks) + 1}", b, count=1))
with open(os.path.join(out, "rules.xc"), "w", encoding="utf-8") as f:
    f.write("\n".join(rules))
