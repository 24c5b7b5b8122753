#!/usr/bin/env python3
"""Writes the organizations CSV: gen_orgs.py COUNT OUT (name,code,status; Organization, no_localize=1)."""
import sys
count, out = int(sys.argv[1]), sys.argv[2]
with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("name,code,status\n")
    for i in range(1, count + 1):
        f.write("Org %04d,O%04d,active\n" % (i, i))
