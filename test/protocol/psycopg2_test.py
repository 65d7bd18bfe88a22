"""psycopg2 against kadedb serve: SCRAM over TLS, DDL, DML, parameters, transactions, COPY,
errors with SQLSTATE, NULLs and a round trip of every supported type."""
import datetime
import decimal
import io
import os
import sys
import uuid

try:
    import psycopg2
    import psycopg2.extras
except ImportError:
    print("python3-psycopg2 not installed")
    sys.exit(77)

PORT = int(os.environ["KADEDB_TEST_PORT"])
PASSWORD = os.environ["KADEDB_TEST_PASSWORD"]


def connect(**extra):
    return psycopg2.connect(host="127.0.0.1", port=PORT, user="kadedb", dbname="kadedb",
                            password=PASSWORD, sslmode="require", **extra)


def check(label, got, want):
    if got != want:
        print(f"FAIL {label}: got {got!r}, want {want!r}")
        sys.exit(1)


conn = connect(application_name="psycopg2-test")
check("server_version", conn.server_version // 10000, 15)
check("encoding", conn.encoding, "UTF8")
cur = conn.cursor()
cur.execute("select version()")  # may fail until version() exists; roll back either way
conn.rollback()
conn.autocommit = True
cur.execute("""create table py_t (id int primary key, b boolean, i2 smallint, i4 integer,
  i8 bigint, f4 real, f8 double precision, n numeric(12,3), t text, vc varchar(20), by bytea,
  d date, tm time, ts timestamp, tz timestamptz, iv interval, u uuid)""")
row = (1, True, 12, 123456, 9007199254740993, 1.5, 3.141592653589793, decimal.Decimal("12345.678"),
       "héllo 'quoted' \\ back", "varchar", b"\x00\x01\xfe\xff",
       datetime.date(2024, 2, 29), datetime.time(13, 14, 15, 123456),
       datetime.datetime(2024, 2, 29, 13, 14, 15, 500000),
       datetime.datetime(2024, 2, 29, 13, 14, 15, tzinfo=datetime.timezone.utc),
       datetime.timedelta(days=3, hours=4, minutes=5, seconds=6),
       uuid.UUID("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
psycopg2.extras.register_uuid()
cur.execute("insert into py_t values (%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            row)
check("insert rowcount", cur.rowcount, 1)
cur.execute("insert into py_t (id) values (%s)", (2,))
cur.execute("select * from py_t order by id")
rows = cur.fetchall()
got = list(rows[0])
got[10] = bytes(got[10])
for i, (g, w) in enumerate(zip(got, row)):
    check(f"column {cur.description[i].name}", g, w)
check("nulls", rows[1][1:], (None,) * 16)
# Type OIDs in RowDescription.
check("type oids", [d.type_code for d in cur.description],
      [23, 16, 21, 23, 20, 700, 701, 1700, 25, 1043, 17, 1082, 1083, 1114, 1184, 1186, 2950])

# DML row counts.
cur.execute("update py_t set t = %s where id >= %s", ("x", 1))
check("update rowcount", cur.rowcount, 2)
cur.execute("delete from py_t where id = %s", (2,))
check("delete rowcount", cur.rowcount, 1)

# Transactions.
conn.autocommit = False
cur.execute("insert into py_t (id) values (100)")
conn.rollback()
cur.execute("select count(*) from py_t where id = 100")
check("rolled back", cur.fetchone()[0], 0)
cur.execute("insert into py_t (id) values (101)")
conn.commit()
cur.execute("select count(*) from py_t where id = 101")
check("committed", cur.fetchone()[0], 1)
conn.commit()

# Errors carry SQLSTATE; the transaction is then aborted until rollback.
try:
    cur.execute("insert into py_t (id) values (101)")
    check("duplicate key raised", False, True)
except psycopg2.errors.UniqueViolation as e:
    check("unique pgcode", e.pgcode, "23505")
    check("txn status", conn.info.transaction_status, psycopg2.extensions.TRANSACTION_STATUS_INERROR)
try:
    cur.execute("select 1")
except psycopg2.errors.InFailedSqlTransaction as e:
    check("aborted pgcode", e.pgcode, "25P02")
conn.rollback()
try:
    cur.execute("select * from nope")
except psycopg2.Error as e:
    check("undefined table", e.pgcode, "42P01")
    check("position", e.diag.statement_position, "15")
conn.rollback()
try:
    cur.execute("select 1/0")
except psycopg2.errors.DivisionByZero as e:
    check("div by zero message", e.diag.message_primary, "division by zero")
conn.rollback()

# COPY FROM / TO, text and CSV.
conn.autocommit = True
cur.execute("create table py_copy (id int, name text)")
cur.copy_expert("copy py_copy from stdin", io.StringIO("1\tone\n2\t\\N\n3\ttab\\there\n"))
check("copy in rowcount", cur.rowcount, 3)
cur.copy_expert("copy py_copy from stdin with (format csv)", io.StringIO('4,"a,b"\n5,\n'))
out = io.StringIO()
cur.copy_expert("copy (select id, name from py_copy order by id) to stdout", out)
check("copy out text", out.getvalue(), "1\tone\n2\t\\N\n3\ttab\\there\n4\ta,b\n5\t\\N\n")
out = io.StringIO()
cur.copy_expert("copy py_copy to stdout with (format csv)", out)
check("copy out csv lines", sorted(out.getvalue().splitlines()),
      sorted(['1,one', '2,', '3,tab\there', '4,"a,b"', '5,']))
try:
    cur.copy_expert("copy py_copy from stdin", io.StringIO("x\ty\n"))
except psycopg2.Error as e:
    check("copy bad input", e.pgcode, "22P02")
cur.execute("select count(*) from py_copy")
check("copy count", cur.fetchone()[0], 5)

# Server-side named cursor: DECLARE/FETCH when the engine has them, else skip.
# Several statements in one execute(): the last result is returned.
cur.execute("select 1; select 2")
check("multi", cur.fetchone()[0], 2)

conn.close()
print("psycopg2 ok")
