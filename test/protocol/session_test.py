"""Session semantics of kadedb serve through psycopg2: a multi-statement simple Query is one
implicit transaction, privileges (schema USAGE / CREATE, COPY FROM STDIN / TO STDOUT, ON CONFLICT
DO UPDATE) hold over the wire, and CancelRequest and statement_timeout stop long work promptly
(57014 in well under a second; idle_test.py checks the idle-in-transaction timeout)."""
import io
import os
import sys
import threading
import time

try:
    import psycopg2
except ImportError:
    print("python3-psycopg2 not installed")
    sys.exit(77)

PORT = int(os.environ["KADEDB_TEST_PORT"])
PASSWORD = os.environ["KADEDB_TEST_PASSWORD"]
# Endless without an interrupt check inside the join (27e9 rows).
CROSS = ("select count(*) from generate_series(1, 3000) a, generate_series(1, 3000) b, "
         "generate_series(1, 3000) c")
# Long work in other operators: a sort, a hash join build, an aggregate with many groups, a
# recursive CTE, and generate_series itself.
LONG_QUERIES = {
    "cross join": CROSS,
    "sort": "select count(*) from (select g from generate_series(1, 300000000) g order by g desc) s",
    "hash join": ("select count(*) from generate_series(1, 300000000) a join "
                  "generate_series(1, 300000000) b on a = b"),
    "aggregate": "select count(*) from (select g, count(*) from generate_series(1, 300000000) g "
                 "group by g) s",
    "recursive cte": ("with recursive r(n) as (select 1 union all select n + 1 from r "
                      "where n < 1000000000) select count(*) from r"),
    "generate_series": "select sum(g) from generate_series(1, 100000000000) g",
}


def connect(user="kadedb", **extra):
    return psycopg2.connect(host="127.0.0.1", port=PORT, user=user, dbname="kadedb",
                            password=PASSWORD, sslmode="require", **extra)


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def check(label, got, want):
    if got != want:
        fail(f"{label}: got {got!r}, want {want!r}")


def expect_error(cur, sql, code, label):
    try:
        cur.execute(sql)
    except psycopg2.Error as e:
        if e.pgcode != code:
            fail(f"{label}: got {e.pgcode} {e.pgerror!r}, want {code}")
        return e
    fail(f"{label}: no error, want {code}")


conn = connect(application_name="session-test")
conn.autocommit = True
cur = conn.cursor()

# --- one Query message, several statements: one implicit transaction ---
cur.execute("drop table if exists sq_t")
cur.execute("create table sq_t (id int primary key, v text)")
cur.execute("insert into sq_t values (1, 'a'); insert into sq_t values (2, 'b'); "
            "select count(*) from sq_t")
check("multi-statement result", cur.fetchone()[0], 2)
expect_error(cur, "insert into sq_t values (3, 'c'); insert into sq_t values (4, 'd'); "
             "insert into sq_t values (1, 'dup')", "23505", "duplicate in a message")
cur.execute("select count(*) from sq_t")
check("error rolls back the message", cur.fetchone()[0], 2)
check("status after the failed message", conn.get_transaction_status(),
      psycopg2.extensions.TRANSACTION_STATUS_IDLE)
# A COMMIT inside the message commits what came before it; the rest is a new implicit block.
expect_error(cur, "insert into sq_t values (5, 'e'); commit; insert into sq_t values (6, 'f'); "
             "select 1/0", "22012", "commit inside a message")
cur.execute("select string_agg(id::text, ',' order by id) from sq_t")
check("commit inside a message", cur.fetchone()[0], "1,2,5")
# An explicit BEGIN inside the message: the error leaves the explicit transaction failed.
expect_error(cur, "begin; insert into sq_t values (7, 'g'); select 1/0", "22012",
             "explicit begin in a message")
check("explicit block failed", conn.get_transaction_status(),
      psycopg2.extensions.TRANSACTION_STATUS_INERROR)
cur.execute("rollback")
cur.execute("begin; insert into sq_t values (8, 'h'); commit; select count(*) from sq_t")
check("begin/commit in a message", cur.fetchone()[0], 4)
# A message that opens a transaction and leaves it open keeps it open.
cur.execute("begin; insert into sq_t values (9, 'i')")
check("open block stays open", conn.get_transaction_status(),
      psycopg2.extensions.TRANSACTION_STATUS_INTRANS)
cur.execute("rollback")
cur.execute("select count(*) from sq_t")
check("rolled back", cur.fetchone()[0], 4)

# --- arrays arrive as arrays (int4[] = 1007, text[] = 1009 in RowDescription) ---
cur.execute("select array[1,2,null]::int[], array['a','b c',null]::text[], '{}'::int[], %s::int[]",
            ([4, 5],))
check("arrays", cur.fetchone(), ([1, 2, None], ["a", "b c", None], [], [4, 5]))
check("array oids", [d.type_code for d in cur.description], [1007, 1009, 1007, 1007])

# --- privileges over the wire ---
cur.execute("drop table if exists priv_copy")
cur.execute("create table priv_copy (id int primary key, v text)")
cur.execute("insert into priv_copy values (1, 'one')")
cur.execute("drop role if exists wire_user")
cur.execute(f"create role wire_user login password '{PASSWORD}'")
cur.execute("create schema if not exists wire_s")
cur.execute("create table if not exists wire_s.t (a int)")
cur.execute("grant select on wire_s.t to wire_user")
user = connect(user="wire_user")
user.autocommit = True
ucur = user.cursor()
expect_error(ucur, "select * from wire_s.t", "42501", "schema usage")
expect_error(ucur, "create table wire_s.mine (a int)", "42501", "schema create")
try:
    ucur.copy_expert("copy priv_copy to stdout", io.StringIO())
    fail("COPY TO STDOUT without SELECT")
except psycopg2.Error as e:
    check("COPY TO without SELECT", e.pgcode, "42501")
try:
    ucur.copy_expert("copy priv_copy from stdin", io.StringIO("2\ttwo\n"))
    fail("COPY FROM STDIN without INSERT")
except psycopg2.Error as e:
    check("COPY FROM without INSERT", e.pgcode, "42501")
cur.execute("grant usage on schema wire_s to wire_user")
cur.execute("grant select, insert on priv_copy to wire_user")
ucur.execute("select count(*) from wire_s.t")
check("schema usage granted", ucur.fetchone()[0], 0)
out = io.StringIO()
ucur.copy_expert("copy priv_copy to stdout", out)
check("COPY TO with SELECT", out.getvalue(), "1\tone\n")
ucur.copy_expert("copy priv_copy from stdin", io.StringIO("2\ttwo\n"))
expect_error(ucur, "insert into priv_copy values (1, 'x') on conflict (id) do update "
             "set v = excluded.v", "42501", "on conflict do update without UPDATE")
ucur.execute("insert into priv_copy values (1, 'x') on conflict (id) do nothing")
cur.execute("grant update on priv_copy to wire_user")
ucur.execute("insert into priv_copy values (1, 'x') on conflict (id) do update set v = excluded.v")
cur.execute("select v from priv_copy order by id")
check("after upsert", [r[0] for r in cur.fetchall()], ["x", "two"])
user.close()
cur.execute("drop table wire_s.t")
cur.execute("drop schema wire_s")
cur.execute("drop table priv_copy")
cur.execute("drop role wire_user")


# --- cancel and timeouts ---
def run_and_cancel(sql, label):
    c = connect()
    c.autocommit = True
    k = c.cursor()
    result = {}

    def worker():
        started = time.monotonic()
        try:
            k.execute(sql)
            result["error"] = None
        except psycopg2.Error as e:
            result["error"] = e.pgcode
        result["ended"] = time.monotonic()
        result["started"] = started

    t = threading.Thread(target=worker, daemon=True)
    t.start()
    time.sleep(0.4)
    cancelled = time.monotonic()
    c.cancel()
    t.join(10)
    if t.is_alive():
        fail(f"cancel {label}: still running 10 s after the CancelRequest")
    if result["error"] != "57014":
        fail(f"cancel {label}: got {result['error']}, want 57014")
    took = result["ended"] - cancelled
    if took > 1.0:
        fail(f"cancel {label}: took {took:.2f} s after the CancelRequest")
    # The session is usable afterwards.
    k.execute("select 1")
    check(f"after cancel {label}", k.fetchone()[0], 1)
    c.close()
    print(f"  cancel {label}: {took * 1000:.0f} ms")


for label, sql in LONG_QUERIES.items():
    run_and_cancel(sql, label)

cur.execute("set statement_timeout = '300ms'")
started = time.monotonic()
e = expect_error(cur, CROSS, "57014", "statement_timeout")
took = time.monotonic() - started
if "statement timeout" not in e.pgerror:
    fail("statement_timeout message: " + e.pgerror)
if took > 1.3:
    fail(f"statement_timeout 300 ms stopped the query after {took:.2f} s")
print(f"  statement_timeout 300 ms: {took * 1000:.0f} ms")
cur.execute("set statement_timeout = 0")

cur.execute("select 1")
check("server alive", cur.fetchone()[0], 1)
conn.close()
print("session ok")
