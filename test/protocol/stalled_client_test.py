"""A client that stops reading a large result must not stall other sessions: a raw connection
asks for ~100 MB of rows and never reads them; meanwhile other psycopg2 sessions read and write
promptly, and the server survives the stalled peer going away."""
import os
import socket
import struct
import sys
import time

try:
    import psycopg2
except ImportError:
    print("python3-psycopg2 not installed")
    sys.exit(77)

PORT = int(os.environ["KADEDB_TEST_PORT"])


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


stalled = socket.create_connection(("127.0.0.1", PORT))
stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
params = b"user\0kadedb\0database\0kadedb\0\0"
stalled.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
time.sleep(0.5)  # startup answers stay unread too
sql = b"select repeat('x', 1000) from generate_series(1, 100000)\0"
stalled.sendall(b"Q" + struct.pack("!i", 4 + len(sql)) + sql)
time.sleep(1.0)  # the server is now blocked writing to the stalled client

conn = psycopg2.connect(host="127.0.0.1", port=PORT, user="kadedb", dbname="kadedb")
conn.autocommit = True
cur = conn.cursor()
cur.execute("drop table if exists stalled_t")
cur.execute("create table stalled_t (id int primary key, v text)")
started = time.monotonic()
for i in range(200):
    cur.execute("insert into stalled_t values (%s, %s)", (i, "v"))
    cur.execute("select count(*) from stalled_t where id <= %s", (i,))
    if cur.fetchone()[0] != i + 1:
        fail("wrong count")
took = time.monotonic() - started
if took > 20:
    fail(f"400 statements beside a stalled client took {took:.1f} s")
other = psycopg2.connect(host="127.0.0.1", port=PORT, user="kadedb", dbname="kadedb")
ocur = other.cursor()
ocur.execute("select count(*) from stalled_t")
if ocur.fetchone()[0] != 200:
    fail("second session")
other.close()
stalled.close()
time.sleep(0.5)
cur.execute("drop table stalled_t")
cur.execute("select 1")
conn.close()
print(f"stalled client ok (400 statements in {took:.2f} s beside it)")
