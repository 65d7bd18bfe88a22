"""The simple-query statement cache (src/server/pg_statement_cache.hpp) through psycopg2, which
sends every statement as a simple Query with its literals inlined. Each statement is run several
times on one connection (the first run takes the uncached path, later ones the cached prepared
statement) and must give the same rows and column types every time and as on a fresh
connection; then the cache's invalidation: literal types changing, search_path, role, DDL, and
error positions and transaction-block failures from cached statements."""
import os
import sys

try:
    import psycopg2
except ImportError:
    print("python3-psycopg2 not installed")
    sys.exit(77)

PORT = int(os.environ["KADEDB_TEST_PORT"])
PASSWORD = os.environ["KADEDB_TEST_PASSWORD"]


def connect(user="kadedb"):
    c = psycopg2.connect(host="127.0.0.1", port=PORT, user=user, dbname="kadedb",
                         password=PASSWORD, sslmode="require")
    c.autocommit = True
    return c


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def check(label, got, want):
    if got != want:
        fail(f"{label}: got {got!r}, want {want!r}")


def run(cur, sql):
    cur.execute(sql)
    rows = cur.fetchall() if cur.description else None
    types = [d.type_code for d in cur.description] if cur.description else None
    return rows, types, cur.statusmessage


def error_of(cur, sql):
    try:
        cur.execute(sql)
    except psycopg2.Error as e:
        return e.pgcode, e.diag.statement_position
    return None


conn = connect()
cur = conn.cursor()
for stmt in [
    "drop schema if exists sc_a cascade", "drop schema if exists sc_b cascade",
    "drop table if exists sc_t", "drop table if exists sc_big", "drop table if exists sc_hist",
    "create table sc_t (id int primary key, k int, s text, d date, n numeric(10,2), "
    "f float8, v varchar(5), b boolean)",
    "create table sc_big (id bigint primary key, v text)",
    "create table sc_hist (id int, ts timestamp)",
]:
    cur.execute(stmt)
for i in range(1, 21):
    cur.execute(f"insert into sc_t values ({i}, {i % 4}, 's{i}', date '2024-01-01' + {i}, "
                f"{i}.25, {i} / 4.0, 'v{i}', {str(i % 2 == 0).lower()})")
    cur.execute(f"insert into sc_big values ({i * 1000000000}, 'b{i}')")

# --- the same statements, cached and not, give the same answers ---
QUERIES = [
    "select s from sc_t where id = 5",
    "select s from sc_t where id = -5",
    "select id, s from sc_t where id between 3 and 6 order by id",
    "select id from sc_t where s = 's7'",
    "select id from sc_t where d = '2024-01-09'",
    "select id from sc_t where d > '2024-01-15' order by 1",
    "select id from sc_t where n = 3.25",
    "select id from sc_t where n > 17 order by id desc limit 2",
    "select id from sc_t where f = 1.25",
    "select id from sc_t where v = 'v3'",
    "select id from sc_t where b = 'true' and id < 5 order by id",
    "select id from sc_t where s like 's1%' order by id",
    "select id from sc_t where id in (1, 4, 9) order by id",
    "select k, count(*) from sc_t group by 1 order by 1",
    "select k, count(*) from sc_t where id > 2 group by k having count(*) > 3 order by k",
    "select id + 1, id * 2.5, 'lit', 7, -3.5 from sc_t where id = 2",
    "select case when id > 10 then 1 else 0 end from sc_t where id = 11",
    "select case when id > 10 then 'big' else 'small' end from sc_t where id = 3",
    "select id from sc_t order by id limit 3 offset 2",
    "select date_trunc('month', d)::date, round(n, 1) from sc_t where id = 3",
    "select d + interval '1 day' from sc_t where id = 1",
    "select '5'::int + 1, 2147483647, 2147483648, -2147483648",
    "select v from sc_big where id = 3000000000",
    "select v from sc_big where id >= 19000000000 order by id",
    "select count(*) from sc_t where exists (select 1 from sc_big where id = 5000000000)",
    "select s from sc_t where id = (select max(id) - 2 from sc_t)",
    "select distinct k from sc_t where id < 10 order by k",
    "select sum(n) from sc_t where id between 1 and 10",
]
fresh = connect()
fcur = fresh.cursor()
for q in QUERIES:
    want = run(fcur, q)
    for attempt in range(3):
        check(f"{q} (run {attempt + 1})", run(cur, q), want)
fresh.close()

# Different literals for one cached key.
for i in (1, 2, 3, 20):
    check(f"id = {i}", run(cur, f"select s from sc_t where id = {i}")[0], [(f"s{i}",)])
check("no row", run(cur, "select s from sc_t where id = 99")[0], [])

# --- one key, different literal types ---
for lit, want in [("5", [(5,)]), ("5.0", [(5,)]), ("'5'", [(5,)]), ("5.5", [])]:
    for _ in range(2):
        check(f"id = {lit}", run(cur, f"select id from sc_t where id = {lit}")[0], want)
check("select 1 type", run(cur, "select 1")[1], [23])
check("select 1 type again", run(cur, "select 1")[1], [23])
check("select 1.5 type", run(cur, "select 1.5")[1], [1700])
check("select 'a' type", run(cur, "select 'a'")[1], [25])
check("select 'a' type again", run(cur, "select 'a'")[1], [25])

# --- DML through the cache; CURRENT_TIMESTAMP is per transaction, not per plan ---
for i in range(5):
    cur.execute(f"update sc_t set k = k + {i} where id = {i + 1}")
    check("update tag", cur.statusmessage, "UPDATE 1")
    cur.execute(f"insert into sc_hist (id, ts) values ({i}, current_timestamp)")
    check("insert tag", cur.statusmessage, "INSERT 0 1")
cur.execute("select count(distinct ts) from sc_hist")
check("current_timestamp per statement", cur.fetchone()[0], 5)
cur.execute("delete from sc_hist where id = 3")
cur.execute("delete from sc_hist where id = 4")
check("delete tag", cur.statusmessage, "DELETE 1")
check("after deletes", run(cur, "select count(*) from sc_hist")[0], [(3,)])

# --- errors keep their positions; a failing cached statement fails the block ---
ERRORS = [
    ("select id from sc_t where d = 'not a date'", "22007"),
    ("select id / 0 from sc_t where id = 1", "22012"),
    ("select nosuch from sc_t where id = 1", "42703"),
    ("select s from sc_t where id = 1 and nosuch = 'x'", "42703"),
    ("insert into sc_t (id) values (1)", "23505"),
]
for sql, code in ERRORS:
    first = error_of(cur, sql)  # uncached
    check(f"{sql}: code", first[0], code)
    for _ in range(3):
        check(f"{sql}: cached", error_of(cur, sql), first)
check("position of a missing column", error_of(cur, "select nosuch from sc_t where id = 1"),
      ("42703", "8"))
check("position after a literal",
      error_of(cur, "select s from sc_t where id = 12345 and nosuch = 'x'"), ("42703", "41"))
cur.execute("begin")
cur.execute("select s from sc_t where id = 1")
check("in-block error", error_of(cur, "select id / 0 from sc_t where id = 1")[0], "22012")
check("block failed", error_of(cur, "select s from sc_t where id = 2")[0], "25P02")
cur.execute("rollback")
cur.execute("begin")
check("conversion error in a block", error_of(cur, "select id from sc_t where d = 'bad'")[0],
      "22007")
check("block failed after conversion error", error_of(cur, "select s from sc_t where id = 2")[0],
      "25P02")
cur.execute("rollback")

# --- search_path: the same text names another table ---
cur.execute("create schema sc_a")
cur.execute("create schema sc_b")
cur.execute("create table sc_a.t (x int)")
cur.execute("create table sc_b.t (x text)")
cur.execute("insert into sc_a.t values (1)")
cur.execute("insert into sc_b.t values ('b1')")
for path, want in [("sc_a", [(1,)]), ("sc_b", [("b1",)]), ("sc_a", [(1,)])]:
    cur.execute(f"set search_path = {path}, public")
    for _ in range(2):
        check(f"search_path {path}", run(cur, "select x from t where 1 = 1")[0], want)
cur.execute("set search_path = public")

# --- DDL: a dropped and re-created table with another column type ---
cur.execute("create table sc_ddl (id int, v int)")
cur.execute("insert into sc_ddl values (1, 10)")
for _ in range(2):
    check("before ddl", run(cur, "select id from sc_ddl where v = '10'")[0], [(1,)])
cur.execute("drop table sc_ddl")
check("dropped", error_of(cur, "select id from sc_ddl where v = '10'")[0], "42P01")
cur.execute("create table sc_ddl (id int, v text)")
cur.execute("insert into sc_ddl values (2, '10')")
for _ in range(2):
    rows, types, _tag = run(cur, "select id, v from sc_ddl where v = '10'")
    check("after ddl", (rows, types), ([(2, "10")], [23, 25]))
# Another session's DDL invalidates this session's entries too.
other = connect()
ocur = other.cursor()
ocur.execute("alter table sc_ddl add column w int default 7")
check("other session's ddl", run(cur, "select * from sc_ddl where id = 2")[0], [(2, "10", 7)])
check("other session's ddl again", run(cur, "select * from sc_ddl where id = 2")[0],
      [(2, "10", 7)])
other.close()
# A transaction's own DDL: nothing cached meanwhile, and rollback leaves the old table.
cur.execute("begin")
cur.execute("alter table sc_ddl drop column w")
for _ in range(2):
    check("own ddl", run(cur, "select * from sc_ddl where id = 2")[0], [(2, "10")])
cur.execute("rollback")
for _ in range(2):
    check("after rollback", run(cur, "select * from sc_ddl where id = 2")[0], [(2, "10", 7)])

# --- role: privileges revoked after the statement was cached ---
cur.execute("drop role if exists sc_user")
cur.execute(f"create role sc_user login password '{PASSWORD}'")
cur.execute("grant select on sc_t to sc_user")
user = connect("sc_user")
ucur = user.cursor()
for _ in range(3):
    check("granted", run(ucur, "select s from sc_t where id = 3")[0], [("s3",)])
cur.execute("revoke select on sc_t from sc_user")
check("revoked", error_of(ucur, "select s from sc_t where id = 3")[0], "42501")
cur.execute("set role sc_user")
check("set role", error_of(cur, "select s from sc_t where id = 3")[0], "42501")
cur.execute("reset role")
check("reset role", run(cur, "select s from sc_t where id = 3")[0], [("s3",)])
user.close()

# --- statements the cache leaves alone ---
cur.execute("select 1; select 2")
check("multi-statement", cur.fetchall(), [(2,)])
cur.execute("set statement_timeout = 0")
check("set", cur.statusmessage, "SET")

print("statement cache test passed")
