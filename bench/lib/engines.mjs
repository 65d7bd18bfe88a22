// Engine runners of the analytics benchmark: each loads the generated CSVs into one engine, runs
// every query once to capture its answer and then RUNS timed warm runs, and returns a JSON-able
// record {engine, version, load: {ok, seconds, tables, errors}, size_bytes, queries: {...}}.
// Timings: DuckDB in-process (performance.now), SQLite from the CLI's `.timer on`, PostgreSQL
// from psql's `\timing on`, KadeDB from the in-process driver tools/bench (kadedb-bench).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const kTables = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders',
  'lineitem', 'grp'];
export const kQueries = ['q1', 'q3', 'q5', 'q6', 'q10', 'q12', 'q14', 'q18', 'q19', 'groupby',
  'topn', 'filter'];

const kBenchDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

export function QueryFile(engine, name) {
  const own = path.join(kBenchDir, 'queries', engine, `${name}.sql`);
  return fs.existsSync(own) ? own : path.join(kBenchDir, 'queries', 'common', `${name}.sql`);
}

function StripComments(sql) {
  return sql.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n').trim();
}

function SplitStatements(sql) {
  return StripComments(sql).split(';').map((s) => s.trim()).filter((s) => s.length);
}

function DirSize(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.size;
  return fs.readdirSync(p).reduce((acc, f) => acc + DirSize(path.join(p, f)), 0);
}

function Median(xs) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function NewRecord(engine) {
  return { engine, version: '', load: { ok: true, seconds: 0, tables: {}, errors: [] },
    size_bytes: 0, queries: {} };
}

function FinishQuery(rec, name, q) {
  q.median_ms = q.ok ? Median(q.times_ms) : null;
  rec.queries[name] = q;
  const t = q.ok ? `median ${q.median_ms.toFixed(1)} ms over ${q.times_ms.length}` : `FAILED: ${q.error}`;
  process.stderr.write(`  ${rec.engine} ${name}: ${t}\n`);
}

// ---------------------------------------------------------------- DuckDB (in-process, Node API)
export async function RunDuckDB(opt) {
  const rec = NewRecord('duckdb');
  const require = createRequire(path.join(opt.peers, 'package.json'));
  const duck = require('@duckdb/node-api');
  rec.version = `DuckDB ${duck.version ? duck.version() : ''} (@duckdb/node-api)`;
  const dir = path.join(opt.work, 'duckdb');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'bench.duckdb');
  const instance = await duck.DuckDBInstance.create(file);
  const conn = await instance.connect();
  for (const s of SplitStatements(fs.readFileSync(QueryFile('duckdb', 'schema'), 'utf8'))) {
    await conn.run(s);
  }
  for (const t of kTables) {
    const t0 = performance.now();
    try {
      await conn.run(`COPY ${t} FROM '${path.join(opt.data, t + '.csv')}' (FORMAT csv, DELIMITER '|', HEADER false)`);
      rec.load.tables[t] = (performance.now() - t0) / 1000;
    } catch (e) {
      rec.load.ok = false;
      rec.load.errors.push(`${t}: ${e.message}`);
    }
  }
  const t0 = performance.now();
  await conn.run('CHECKPOINT');
  rec.load.tables['(checkpoint)'] = (performance.now() - t0) / 1000;
  rec.load.seconds = Object.values(rec.load.tables).reduce((a, b) => a + b, 0);
  rec.size_bytes = DirSize(dir);
  for (const name of kQueries) {
    const sql = StripComments(fs.readFileSync(QueryFile('duckdb', name), 'utf8'));
    const q = { ok: true, error: '', rows: [], times_ms: [] };
    try {
      let t = performance.now();
      const reader = await conn.runAndReadAll(sql);
      q.warmup_ms = performance.now() - t;
      q.rows = reader.getRowsJson().map((r) => r.map((v) => (v === null ? 'NULL' : String(v))));
      for (let i = 0; i < opt.runs; ++i) {
        t = performance.now();
        await conn.runAndReadAll(sql);
        q.times_ms.push(performance.now() - t);
      }
    } catch (e) {
      q.ok = false;
      q.error = e.message.split('\n')[0];
    }
    FinishQuery(rec, name, q);
  }
  conn.closeSync?.();
  return rec;
}

// ---------------------------------------------------------------- SQLite (sqlite3 CLI)
function Sqlite(file, script, timeoutS) {
  return spawnSync('sqlite3', ['-batch', file], { input: script, encoding: 'utf8',
    timeout: timeoutS * 1000, maxBuffer: 1 << 28 });
}

function ParseSqliteTimes(stdout) {
  return [...stdout.matchAll(/Run Time: real ([0-9.]+)/g)].map((m) => Math.max(Number(m[1]) * 1000, 0.5));
}

export function RunSqlite(opt) {
  const rec = NewRecord('sqlite');
  rec.version = `SQLite ${spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).stdout.split(' ')[0]}`;
  const dir = path.join(opt.work, 'sqlite');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'bench.db');
  const schema = fs.readFileSync(QueryFile('sqlite', 'schema'), 'utf8');
  let r = Sqlite(file, schema, opt.timeout);
  if (r.status !== 0) rec.load.errors.push(`schema: ${r.stderr}`);
  for (const t of kTables) {
    const t0 = performance.now();
    r = Sqlite(file, `.mode csv\n.separator "|"\n.import '${path.join(opt.data, t + '.csv')}' ${t}\n`, opt.timeout * 4);
    if (r.status !== 0 || r.stderr.trim()) {
      rec.load.ok = false;
      rec.load.errors.push(`${t}: ${(r.stderr || String(r.error)).trim().split('\n')[0]}`);
    } else {
      rec.load.tables[t] = (performance.now() - t0) / 1000;
    }
  }
  const t0 = performance.now();
  Sqlite(file, 'ANALYZE;\n', opt.timeout * 4);
  rec.load.tables['(analyze)'] = (performance.now() - t0) / 1000;
  rec.load.seconds = Object.values(rec.load.tables).reduce((a, b) => a + b, 0);
  rec.size_bytes = DirSize(dir);
  const out = path.join(dir, 'result.txt');
  for (const name of kQueries) {
    const sql = StripComments(fs.readFileSync(QueryFile('sqlite', name), 'utf8'));
    fs.rmSync(out, { force: true });
    const script = `.bail on\n.mode list\n.separator "|"\n.nullvalue NULL\n.timer on\n.output '${out}'\n${sql}\n` +
      `.output /dev/null\n${`${sql}\n`.repeat(opt.runs)}`;
    r = Sqlite(file, script, opt.timeout);
    const times = ParseSqliteTimes(r.stdout || '');
    const q = { ok: times.length > 0 && !(r.stderr || '').trim(), error: '', rows: [], times_ms: times.slice(1) };
    q.warmup_ms = times[0];
    if (q.ok) {
      q.rows = fs.readFileSync(out, 'utf8').split('\n').filter((l) => l.length).map((l) => l.split('|'));
      if (!q.times_ms.length) q.times_ms = [times[0]], q.note = 'timed out after the warm-up: warm-up time';
      else if (r.error) q.note = `timed out after ${q.times_ms.length} runs`;
    } else {
      q.error = r.error ? `timeout after ${opt.timeout} s` : (r.stderr || '').trim().split('\n')[0];
    }
    FinishQuery(rec, name, q);
  }
  return rec;
}

// ---------------------------------------------------------------- PostgreSQL (psql)
function Psql(script, timeoutS) {
  return spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1'], { input: script, encoding: 'utf8',
    timeout: timeoutS * 1000, maxBuffer: 1 << 28 });
}

function ParsePsqlTimes(stdout) {
  return [...stdout.matchAll(/^Time: ([0-9.]+) ms/gm)].map((m) => Number(m[1]));
}

export function RunPostgres(opt) {
  const rec = NewRecord('postgres');
  const v = Psql('\\pset tuples_only on\nSHOW server_version;\n', 30);
  rec.version = `PostgreSQL ${(v.stdout || '').trim()}`;
  let r = Psql(fs.readFileSync(QueryFile('postgres', 'schema'), 'utf8'), opt.timeout);
  if (r.status !== 0) {
    rec.load.ok = false;
    rec.load.errors.push(`schema: ${(r.stderr || String(r.error)).trim()}`);
  }
  for (const t of kTables) {
    r = Psql(`\\timing on\nCOPY ${t} FROM '${path.join(opt.data, t + '.csv')}' WITH (FORMAT csv, DELIMITER '|');\n`,
      opt.timeout * 4);
    const times = ParsePsqlTimes(r.stdout || '');
    if (r.status !== 0 || !times.length) {
      rec.load.ok = false;
      rec.load.errors.push(`${t}: ${(r.stderr || String(r.error)).trim().split('\n')[0]}`);
    } else {
      rec.load.tables[t] = times[0] / 1000;
    }
  }
  r = Psql('\\timing on\nVACUUM ANALYZE;\n', opt.timeout * 4);
  rec.load.tables['(vacuum analyze)'] = (ParsePsqlTimes(r.stdout || '')[0] || 0) / 1000;
  rec.load.seconds = Object.values(rec.load.tables).reduce((a, b) => a + b, 0);
  r = Psql("\\pset tuples_only on\nSELECT pg_database_size(current_database());\n", 30);
  rec.size_bytes = Number((r.stdout || '0').trim());
  const out = path.join(opt.work, 'postgres-result.txt');
  fs.mkdirSync(opt.work, { recursive: true });
  for (const name of kQueries) {
    const sql = StripComments(fs.readFileSync(QueryFile('postgres', name), 'utf8'));
    fs.rmSync(out, { force: true });
    const script = `\\pset format unaligned\n\\pset tuples_only on\n\\pset fieldsep '|'\n\\pset null NULL\n` +
      `\\timing on\n\\o ${out}\n${sql}\n\\o /dev/null\n${`${sql}\n`.repeat(opt.runs)}`;
    r = Psql(script, opt.timeout);
    const times = ParsePsqlTimes(r.stdout || '');
    const q = { ok: times.length > 0 && (r.status === 0 || Boolean(r.error)), error: '', rows: [],
      times_ms: times.slice(1) };
    q.warmup_ms = times[0];
    if (q.ok) {
      q.rows = fs.readFileSync(out, 'utf8').split('\n').filter((l) => l.length).map((l) => l.split('|'));
      if (!q.times_ms.length) q.times_ms = [times[0]], q.note = 'timed out after the warm-up: warm-up time';
      else if (r.error) q.note = `timed out after ${q.times_ms.length} runs`;
    } else {
      q.error = r.error ? `timeout after ${opt.timeout} s` : (r.stderr || '').trim().split('\n')[0];
    }
    FinishQuery(rec, name, q);
  }
  return rec;
}

// ---------------------------------------------------------------- KadeDB (tools/bench driver)
function Kade(opt, args, timeoutS) {
  return spawnSync(opt.kadedbBench, args, { encoding: 'utf8', timeout: timeoutS * 1000,
    maxBuffer: 1 << 28 });
}

export function RunKadeDB(opt) {
  const rec = NewRecord('kadedb');
  rec.version = `KadeDB ${opt.kadedbVersion || ''}`.trim();
  if (!opt.kadedbBench || !fs.existsSync(opt.kadedbBench)) {
    rec.load.ok = false;
    rec.load.errors.push(`driver not available (${opt.kadedbBench || 'kadedb-bench'} missing)`);
    for (const name of kQueries) FinishQuery(rec, name, { ok: false, error: 'not run: no driver', rows: [], times_ms: [] });
    return rec;
  }
  const dir = path.join(opt.work, 'kadedb');
  const scripts = path.join(opt.work, 'kadedb-sql');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(scripts, { recursive: true });
  const exec = (label, sql, timeoutS) => {
    const f = path.join(scripts, `${label}.sql`);
    fs.writeFileSync(f, sql);
    const r = Kade(opt, [dir, 'exec', f], timeoutS);
    const lines = (r.stdout || '').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    const failed = lines.find((l) => !l.ok);
    if (r.error) return { ok: false, error: `timeout after ${timeoutS} s`, ms: 0 };
    if (failed) return { ok: false, error: failed.error, ms: 0 };
    if (r.status !== 0) return { ok: false, error: `exit ${r.status ?? r.signal}: ${(r.stderr || '').trim().split('\n').pop()}`, ms: 0 };
    return { ok: true, ms: lines.reduce((a, l) => a + l.ms, 0) };
  };
  const s = exec('schema', fs.readFileSync(QueryFile('kadedb', 'schema'), 'utf8'), 120);
  if (!s.ok) {
    rec.load.ok = false;
    rec.load.errors.push(`schema: ${s.error}`);
  }
  for (const t of kTables) {
    const r = exec(`copy_${t}`, `COPY ${t} FROM '${path.join(opt.data, t + '.csv')}' (FORMAT csv, DELIMITER '|');\n`,
      opt.timeout * 4);
    if (r.ok) rec.load.tables[t] = r.ms / 1000;
    else {
      rec.load.ok = false;
      rec.load.errors.push(`${t}: ${r.error}`);
    }
  }
  // Like DuckDB's CHECKPOINT and PostgreSQL's VACUUM ANALYZE above: the load ends when storage
  // has settled (memtables flushed, the compaction the bulk load caused finished), and that time
  // counts as load time. Without it each query process would restart the compaction a closed
  // process left unfinished and share the cores with it.
  const c = exec('checkpoint', 'CHECKPOINT;\n', opt.timeout * 4);
  if (c.ok) rec.load.tables['(checkpoint)'] = c.ms / 1000;
  else {
    rec.load.ok = false;
    rec.load.errors.push(`checkpoint: ${c.error}`);
  }
  rec.load.seconds = Object.values(rec.load.tables).reduce((a, b) => a + b, 0);
  rec.size_bytes = DirSize(dir);
  for (const name of kQueries) {
    const r = Kade(opt, [dir, 'query', QueryFile('kadedb', name), String(opt.runs), String(opt.slowMs)], opt.timeout);
    const lines = (r.stdout || '').split('\n');
    let q;
    try {
      const head = JSON.parse(lines[0]);
      q = { ok: head.ok, error: head.error, warmup_ms: head.warmup_ms, times_ms: head.times_ms,
        rows: head.ok ? lines.slice(1).filter((l) => l.length).map((l) => l.split('|')) : [] };
      if (head.ok && head.times_ms.length < opt.runs) q.note = `warm-up took ${(head.warmup_ms / 1000).toFixed(1)} s: 1 timed run`;
    } catch {
      const why = r.error ? `timeout after ${opt.timeout} s` : `exit ${r.status ?? r.signal}: ${(r.stderr || '').trim().split('\n').pop() || 'no output'}`;
      q = { ok: false, error: why, rows: [], times_ms: [] };
    }
    FinishQuery(rec, name, q);
  }
  return rec;
}
