// node-postgres against kadedb serve: SCRAM over TLS, extended query with parameters, named
// prepared statements, transactions, COPY, errors with SQLSTATE, NULLs, types.
'use strict';
const { Client, types } = require('pg');
const { from: copyFrom, to: copyTo } = require('pg-copy-streams');
const assert = require('assert');
const { pipeline, Readable, Writable } = require('stream');

// Keep int8, numeric, date and timestamps as text so the comparison is exact.
for (const oid of [20, 1700, 1082, 1114, 1184]) types.setTypeParser(oid, (v) => v);

async function main() {
  const client = new Client({
    host: '127.0.0.1', port: Number(process.env.KADEDB_TEST_PORT), user: 'kadedb',
    database: 'kadedb', password: process.env.KADEDB_TEST_PASSWORD,
    ssl: { rejectUnauthorized: false },
  });
  await client.connect();
  await client.query(`create table node_t (id int primary key, b boolean, i2 smallint,
    i8 bigint, f8 double precision, n numeric(10,2), t text, by bytea, d date, ts timestamp,
    u uuid)`);
  const ins = 'insert into node_t values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)';
  let r = await client.query(ins, [1, true, 7, '9007199254740993', 2.5, '12.34', 'héllo',
    Buffer.from([0, 1, 255]), '2024-02-29', '2024-02-29 01:02:03.456',
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']);
  assert.strictEqual(r.rowCount, 1);
  r = await client.query(ins, [2, null, null, null, null, null, null, null, null, null, null]);
  r = await client.query('select * from node_t where id = $1', [1]);
  const row = r.rows[0];
  assert.deepStrictEqual(
    [row.id, row.b, row.i2, row.i8, row.f8, row.n, row.t, row.d, row.ts, row.u],
    [1, true, 7, '9007199254740993', 2.5, '12.34', 'héllo', '2024-02-29',
      '2024-02-29 01:02:03.456', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']);
  assert.deepStrictEqual([...row.by], [0, 1, 255]);
  assert.deepStrictEqual(r.fields.map((f) => f.dataTypeID),
    [23, 16, 21, 20, 701, 1700, 25, 17, 1082, 1114, 2950]);
  r = await client.query('select * from node_t where id = $1', [2]);
  assert.ok(Object.entries(r.rows[0]).every(([k, v]) => k === 'id' || v === null));

  // Named prepared statement, executed several times.
  for (let i = 10; i < 15; i++) {
    r = await client.query({ name: 'ins_named', text: 'insert into node_t (id, t) values ($1, $2)',
      values: [i, 'n' + i] });
  }
  r = await client.query({ name: 'count_named', text: 'select count(*) as c from node_t where id >= $1',
    values: [10] });
  assert.strictEqual(r.rows[0].c, '5');

  // Transactions.
  await client.query('begin');
  await client.query('insert into node_t (id) values (100)');
  await client.query('rollback');
  r = await client.query('select count(*) as c from node_t where id = 100');
  assert.strictEqual(r.rows[0].c, '0');
  await client.query('begin');
  await client.query('insert into node_t (id) values (101)');
  await client.query('commit');

  // Errors with SQLSTATE and position.
  await assert.rejects(client.query('insert into node_t (id) values ($1)', [101]),
    (e) => e.code === '23505' && /duplicate key/.test(e.message));
  await assert.rejects(client.query('select * from missing_table'),
    (e) => e.code === '42P01' && e.position === '15');
  await assert.rejects(client.query('select $1::int', ['not a number']),
    (e) => e.code === '22P02');
  // The connection is usable after errors.
  r = await client.query('select $1::text as x', ['still fine']);
  assert.strictEqual(r.rows[0].x, 'still fine');

  // COPY in and out.
  await client.query('create table node_copy (id int, name text)');
  await new Promise((resolve, reject) => {
    const stream = client.query(copyFrom('copy node_copy from stdin'));
    pipeline(Readable.from(['1\tone\n', '2\t\\N\n', '3\tthree\n']), stream,
      (err) => (err ? reject(err) : resolve()));
  });
  let text = '';
  await new Promise((resolve, reject) => {
    const stream = client.query(copyTo('copy (select * from node_copy order by id) to stdout'));
    pipeline(stream, new Writable({ write(chunk, enc, cb) { text += chunk; cb(); } }),
      (err) => (err ? reject(err) : resolve()));
  });
  assert.strictEqual(text, '1\tone\n2\t\\N\n3\tthree\n');

  // Arrays: int4[] / text[] come back as JS arrays (oids 1007 / 1009), parameters round-trip.
  r = await client.query('select $1::int[] as a, $2::text[] as t, array[1.5, null]::float8[] as f',
    [[1, null, 3], ['x y', 'z', null]]);
  assert.deepStrictEqual(r.rows[0], { a: [1, null, 3], t: ['x y', 'z', null], f: [1.5, null] });
  assert.deepStrictEqual(r.fields.map((f) => f.dataTypeID), [1007, 1009, 1022]);

  await client.end();
  console.log('node-postgres ok');
}

main().catch((e) => { console.error(e); process.exit(1); });
