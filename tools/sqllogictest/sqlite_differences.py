#!/usr/bin/env python3
"""Classifies failing SQLite sqllogictest records into the PostgreSQL-rule classes of
docs/dialect.md ("SQLite suites") and prints skip-list lines for test/baselines/sqlite_differences.txt.

Usage: kadedb-sqllogictest --verbose <sqlite suite paths> > run.txt
       tools/sqllogictest/sqlite_differences.py run.txt [...] > bulk.txt
Failures that fit no class are printed to stderr: look at each (a bug or a missing feature is
fixed or left failing, never listed). The hand-written entries of the list (evidence files, the
COUNT(*)/AVG arithmetic records) are kept as they are.
"""
import re,sys
cats=[
 (r'cannot drop view .* because other objects depend on it', 'view-dep', 'DROP VIEW of a view that another view uses: PostgreSQL refuses without CASCADE (2BP01); SQLite drops it'),
 (r'operator does not exist: \+ text', 'plus-text', 'prefix + applied to a text column: PostgreSQL has no unary + for text (42883); SQLite ignores it'),
 (r'must appear in the GROUP BY clause', 'ungrouped', 'non-aggregated column outside GROUP BY: PostgreSQL rejects it (42803); SQLite picks an arbitrary row'),
]
out=[]; left=[]
for fn in sys.argv[1:]:
    lines=open(fn).read().split('\n')
    for i,l in enumerate(lines):
        m=re.match(r'FAIL (\S+):(\d+)$',l)
        if not m: continue
        block='\n'.join(lines[i+1:i+9])
        path=m.group(1); line=m.group(2)
        suf=path[path.index('sqlite/'):]
        for pat,tag,reason in cats:
            if re.search(pat, block.split('\nFAIL')[0]):
                out.append((tag,f'{suf}:{line}  {reason}')); break
        else:
            left.append((suf,line,block.split('\nFAIL')[0][:300]))
for tag in ['view-dep','plus-text','ungrouped']:
    for t,s in out:
        if t==tag: print(s)
for x in left: print('LEFT',x,file=sys.stderr)
