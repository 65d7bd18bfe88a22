// The analytics benchmark report: checks every engine's answers against a reference engine
// (DuckDB, else PostgreSQL, else SQLite), then prints load time and size, the per-query medians
// with KadeDB/peer ratios, and the closing geomean line.
import { kQueries } from './engines.mjs';

const kPeers = ['duckdb', 'sqlite', 'postgres'];
const kEngines = ['kadedb', ...kPeers];
const kNumber = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function CellsEqual(a, b) {
  a = String(a).trim();
  b = String(b).trim();
  if (a === b) return true;
  if (kNumber.test(a) && kNumber.test(b)) {
    const x = Number(a), y = Number(b);
    const diff = Math.abs(x - y);
    // Relative 1e-6, or equal when rounded to two decimal places (money).
    return diff <= 1e-6 * Math.max(Math.abs(x), Math.abs(y)) || diff <= 0.005 + 1e-9;
  }
  // Booleans spelled differently (t/true/1).
  const bool = (s) => ({ t: '1', true: '1', f: '0', false: '0' })[s.toLowerCase()] ?? s;
  return bool(a) === bool(b);
}

function SortKey(row) {
  return row.map((c) => (kNumber.test(String(c).trim()) ? Number(c).toFixed(2).padStart(24) : String(c).trim()))
    .join('\u0001');
}

// Returns '' when equal, else a short description of the first difference.
export function CompareRows(got, want) {
  if (got.length !== want.length) return `${got.length} rows, expected ${want.length}`;
  const firstDiff = (g, w) => {
    for (let i = 0; i < w.length; ++i) {
      if (g[i].length !== w[i].length) return `row ${i + 1}: ${g[i].length} columns, expected ${w[i].length}`;
      for (let j = 0; j < w[i].length; ++j) {
        if (!CellsEqual(g[i][j], w[i][j])) return `row ${i + 1} col ${j + 1}: ${g[i][j]} vs ${w[i][j]}`;
      }
    }
    return '';
  };
  const ordered = firstDiff(got, want);
  if (!ordered) return '';
  // Ties in ORDER BY may legitimately come in another order: compare as multisets too.
  const sortRows = (rows) => [...rows].sort((x, y) => (SortKey(x) < SortKey(y) ? -1 : SortKey(x) > SortKey(y) ? 1 : 0));
  return firstDiff(sortRows(got), sortRows(want)) ? ordered : '';
}

function Fmt(ms) {
  if (ms === null || ms === undefined) return '-';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

function Pad(s, n, left = false) {
  s = String(s);
  return left ? s.padEnd(n) : s.padStart(n);
}

function Geomean(xs) {
  if (!xs.length) return null;
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

// records: {engine: record}. Returns the report text.
export function Report(records, header) {
  const lines = [...header];
  const present = kEngines.filter((e) => records[e]);
  // 1. Answers.
  const status = {};  // status[engine][query] = 'ok' | 'ERR' | 'WRONG' | 'ref'
  const notes = [];
  for (const e of present) status[e] = {};
  for (const q of kQueries) {
    const refEngine = ['duckdb', 'postgres', 'sqlite'].find((e) => records[e]?.queries[q]?.ok);
    for (const e of present) {
      const r = records[e].queries[q];
      if (!r || !r.ok) {
        status[e][q] = 'ERR';
        notes.push(`${q} ${e}: FAILED: ${r ? r.error : 'not run'}`);
      } else if (!refEngine) {
        status[e][q] = 'ok?';
      } else if (e === refEngine) {
        status[e][q] = 'ok';
      } else {
        const diff = CompareRows(r.rows, records[refEngine].queries[q].rows);
        status[e][q] = diff ? 'WRONG' : 'ok';
        if (diff) notes.push(`${q} ${e}: WRONG ANSWER vs ${refEngine}: ${diff}`);
      }
      if (r && r.ok && r.note) notes.push(`${q} ${e}: ${r.note}`);
    }
  }
  // 2. Load and size.
  lines.push('', 'Load (all nine tables from the same CSVs, incl. the post-load step) and on-disk size:');
  lines.push(`${Pad('engine', 10, true)} ${Pad('load s', 9)} ${Pad('lineitem rows/s', 16)} ${Pad('size MiB', 9)}  version / load errors`);
  for (const e of present) {
    const rec = records[e];
    const li = rec.load.tables.lineitem;
    const rate = li && rec.rows_lineitem ? Math.round(rec.rows_lineitem / li).toLocaleString('en-US') : '-';
    const errs = rec.load.errors.length ? `LOAD FAILED: ${rec.load.errors.join('; ')}` : rec.version;
    lines.push(`${Pad(e, 10, true)} ${Pad(rec.load.seconds.toFixed(2), 9)} ${Pad(rate, 16)} ` +
      `${Pad((rec.size_bytes / 1048576).toFixed(1), 9)}  ${errs}`);
  }
  // 3. Queries.
  lines.push('', 'Queries: median of 5 warm runs, ms (! = wrong answer, ERR = failed); ratio = kadedb/peer:');
  const peers = kPeers.filter((p) => records[p]);
  let head = `${Pad('query', 8, true)}`;
  for (const e of present) head += ` ${Pad(e, 11)}`;
  for (const p of peers) head += ` ${Pad('k/' + p, 11)}`;
  lines.push(head);
  const ratios = {};
  for (const p of peers) ratios[p] = [];
  for (const q of kQueries) {
    let row = Pad(q, 8, true);
    for (const e of present) {
      const r = records[e].queries[q];
      const st = status[e][q];
      const cell = st === 'ERR' ? 'ERR' : Fmt(r.median_ms) + (st === 'WRONG' ? '!' : '');
      row += ` ${Pad(cell, 11)}`;
    }
    for (const p of peers) {
      const k = records.kadedb?.queries[q];
      const okBoth = status.kadedb?.[q]?.startsWith('ok') && status[p][q].startsWith('ok');
      if (okBoth) {
        const ratio = k.median_ms / records[p].queries[q].median_ms;
        ratios[p].push(ratio);
        row += ` ${Pad(ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2), 11)}`;
      } else {
        row += ` ${Pad('-', 11)}`;
      }
    }
    lines.push(row);
  }
  if (notes.length) lines.push('', 'Notes:', ...notes.map((n) => `  ${n}`));
  lines.push('', 'Geomeans over the queries that ran with the right answer on both engines: ' +
    ['duckdb', 'sqlite', 'postgres'].map((p) => `${p} ${ratios[p] ? ratios[p].length : 0}/${kQueries.length}`).join(', '));
  const g = (p) => {
    const v = ratios[p] ? Geomean(ratios[p]) : null;
    return v === null ? 'n/a' : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  };
  lines.push(`analytics: kadedb/duckdb geomean ${g('duckdb')}, kadedb/sqlite geomean ${g('sqlite')}, kadedb/postgres geomean ${g('postgres')}`);
  return lines.join('\n');
}
