#!/usr/bin/env python3
"""Writes a people CSV for the import benchmark and tests: gen_people.py ROWS ORGS OUT [CHANGED_PERCENT] [SEED].

Columns first_name,name,email,org_id->name,phone,function,employee_number (Person, no_localize=1).
Rows are unique by employee_number and email; organizations are "Org 0001".. "Org <ORGS>".
With CHANGED_PERCENT > 0, that share of rows get a different function (for the "1 % changed" run).
"""
import random
import sys

rows, orgs, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
changed = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
rng = random.Random(int(sys.argv[5]) if len(sys.argv) > 5 else 42)
first = ["Ada", "Alan", "Grace", "Claude", "Marie", "Linus", "Barbara", "Dennis", "Edsger", "Frances", "Hedy",
         "Ken", "Margaret", "Niklaus", "Radia", "Tim", "Sophie", "Karen", "John", "Anita"]
last = ["Lovelace", "Turing", "Hopper", "Monet", "Curie", "Torvalds", "Liskov", "Ritchie", "Dijkstra", "Allen",
        "Lamarr", "Thompson", "Hamilton", "Wirth", "Perlman", "Berners-Lee", "Wilson", "Jones", "Backus", "Borg"]
functions = ["Engineer", "Manager", "Analyst", "Technician", "Director", "Consultant", "Support"]
change_rng = random.Random(7)
with open(out, "w", encoding="utf-8", newline="") as f:
    f.write("first_name,name,email,org_id->name,phone,function,employee_number\n")
    for i in range(rows):
        fn = first[i % len(first)]
        ln = "%s %06d" % (last[(i // len(first)) % len(last)], i)
        function = functions[i % len(functions)]
        if changed and change_rng.random() * 100 < changed:
            function = "Changed " + function
        org = "Org %04d" % (1 + i % orgs)
        f.write('%s,%s,%s.%d@example.org,%s,+33 1 23 45 %02d %02d,%s,E%07d\n'
                % (fn, ln, fn.lower(), i, org, i % 100, (i // 100) % 100, function, i))
