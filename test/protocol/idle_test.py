"""idle_in_transaction_session_timeout: run.sh starts this server with
idle_in_transaction_session_timeout_ms = 1500; a session idle inside a transaction longer than
that is closed with 25P03, an idle session outside a transaction is not, and the server stays up."""
import os
import sys
import time

try:
    import psycopg2
except ImportError:
    print("python3-psycopg2 not installed")
    sys.exit(77)

PORT = int(os.environ["KADEDB_TEST_PORT"])


def connect():
    return psycopg2.connect(host="127.0.0.1", port=PORT, user="kadedb", dbname="kadedb")


idle = connect()
cur = idle.cursor()  # psycopg2 opens a transaction with the first statement
cur.execute("select 1")
time.sleep(2.5)
try:
    cur.execute("select 1")
    print("FAIL idle in transaction for 2.5 s: the session was not closed")
    sys.exit(1)
except psycopg2.Error as e:
    if e.pgcode not in ("25P03", None):
        print("FAIL idle timeout answered " + str(e.pgcode))
        sys.exit(1)
idle.close()

outside = connect()
outside.autocommit = True
cur = outside.cursor()
cur.execute("select 1")
time.sleep(2.5)
cur.execute("select 2")  # idle outside a transaction: still open
if cur.fetchone()[0] != 2:
    print("FAIL idle outside a transaction")
    sys.exit(1)
outside.close()
print("idle ok")
