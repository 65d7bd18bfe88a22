// Entry point used by bench/run.sh:
//   node main.mjs run ENGINE --data DIR --work DIR --peers DIR --out FILE.json
//        [--runs 5] [--timeout SECONDS] [--slow-ms MS] [--kadedb-bench BIN] [--kadedb-version V]
//   node main.mjs report --results DIR --data DIR [--header FILE]
import fs from 'node:fs';
import path from 'node:path';
import { RunDuckDB, RunKadeDB, RunPostgres, RunSqlite } from './engines.mjs';
import { Report } from './report.mjs';

function Args(argv) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[++i];
    else out._.push(argv[i]);
  }
  return out;
}

function CountLines(file) {
  if (!fs.existsSync(file)) return 0;
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 22);
  let n = 0, got;
  while ((got = fs.readSync(fd, buf, 0, buf.length)) > 0) {
    for (let i = 0; i < got; ++i) if (buf[i] === 10) ++n;
  }
  fs.closeSync(fd);
  return n;
}

async function Main() {
  const a = Args(process.argv.slice(2));
  const cmd = a._[0];
  if (cmd === 'run') {
    const engine = a._[1];
    const opt = { data: path.resolve(a.data), work: path.resolve(a.work), peers: path.resolve(a.peers || '.'),
      runs: Number(a.runs || 5), timeout: Number(a.timeout || 600), slowMs: Number(a['slow-ms'] || 20000),
      kadedbBench: a['kadedb-bench'], kadedbVersion: a['kadedb-version'] };
    fs.mkdirSync(opt.work, { recursive: true });
    const runners = { duckdb: RunDuckDB, sqlite: RunSqlite, postgres: RunPostgres, kadedb: RunKadeDB };
    let rec;
    try {
      rec = await runners[engine](opt);
    } catch (e) {
      rec = { engine, version: '', load: { ok: false, seconds: 0, tables: {}, errors: [`runner failed: ${e.message}`] },
        size_bytes: 0, queries: {} };
    }
    fs.writeFileSync(a.out, JSON.stringify(rec, null, 1));
    return;
  }
  if (cmd === 'report') {
    const records = {};
    const rows = CountLines(path.join(a.data, 'lineitem.csv'));
    for (const f of fs.readdirSync(a.results).filter((f) => f.endsWith('.json'))) {
      const rec = JSON.parse(fs.readFileSync(path.join(a.results, f), 'utf8'));
      rec.rows_lineitem = rows;
      records[rec.engine] = rec;
    }
    const header = a.header ? fs.readFileSync(a.header, 'utf8').trimEnd().split('\n') : [];
    process.stdout.write(Report(records, header) + '\n');
    return;
  }
  process.stderr.write('usage: main.mjs run ENGINE ... | report ...\n');
  process.exit(2);
}

Main();
