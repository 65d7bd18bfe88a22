"""Raw protocol-level checks (no driver hides the message order), against the trust server run.sh
starts second:
  - extended query: several Executes before one Sync form one implicit transaction: an error
    rolls back the earlier Executes, the messages after it are skipped until Sync, and the
    transaction commits at Sync (not before); a BEGIN among them makes it explicit;
  - COPY FROM STDIN checks the INSERT privilege before CopyInResponse (the client is never asked
    for data it may not load), and server-file COPY needs pg_read_server_files;
  - SET idle_in_transaction_session_timeout applies to the session."""
import os
import socket
import struct
import sys
import time

PORT = int(os.environ["KADEDB_TEST_PORT"])
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL " + what)


class Conn:
    def __init__(self, user="kadedb"):
        self.s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
        self.buf = b""
        body = struct.pack("!i", 196608) + b"user\0" + user.encode() + b"\0database\0kadedb\0\0"
        self.s.sendall(struct.pack("!i", len(body) + 4) + body)
        while True:
            t, b = self.read()
            if t == "E":
                raise RuntimeError("startup failed: " + repr(b))
            if t == "Z":
                break

    def read(self):
        while len(self.buf) < 5:
            chunk = self.s.recv(65536)
            if not chunk:
                raise EOFError("connection closed")
            self.buf += chunk
        t = chr(self.buf[0])
        n = struct.unpack("!i", self.buf[1:5])[0]
        while len(self.buf) < 1 + n:
            chunk = self.s.recv(65536)
            if not chunk:
                raise EOFError("connection closed")
            self.buf += chunk
        body = self.buf[5:1 + n]
        self.buf = self.buf[1 + n:]
        return t, body

    def until_ready(self):
        """Messages up to ReadyForQuery: [(type, body)], and the transaction status."""
        out = []
        while True:
            t, b = self.read()
            if t == "Z":
                return out, chr(b[0])
            out.append((t, b))

    @staticmethod
    def msg(t, body=b""):
        return t.encode() + struct.pack("!i", len(body) + 4) + body

    def parse_bind_execute(self, sql):
        return (self.msg("P", b"\0" + sql.encode() + b"\0" + struct.pack("!h", 0)) +
                self.msg("B", b"\0\0" + struct.pack("!hhh", 0, 0, 0)) +
                self.msg("E", b"\0" + struct.pack("!i", 0)))

    def send(self, data):
        self.s.sendall(data)

    def query(self, sql):
        self.send(self.msg("Q", sql.encode() + b"\0"))
        return self.until_ready()

    def scalar(self, sql):
        msgs, _ = self.query(sql)
        for t, b in msgs:
            if t == "D":
                n = struct.unpack("!i", b[2:6])[0]
                return b[6:6 + n].decode()
            if t == "E":
                raise RuntimeError(error_fields(b))
        return None


def error_fields(body):
    fields = {}
    for part in body.split(b"\0"):
        if part:
            fields[chr(part[0])] = part[1:].decode()
    return fields


def types(msgs):
    return "".join(t for t, _ in msgs)


admin = Conn()
admin.query("DROP TABLE IF EXISTS pipe")
admin.query("CREATE TABLE pipe(id INTEGER PRIMARY KEY)")

# 1. An error before Sync undoes the earlier Executes of the batch; later messages are skipped.
admin.send(admin.parse_bind_execute("INSERT INTO pipe VALUES (1)") +
           admin.parse_bind_execute("INSERT INTO pipe VALUES (2)") +
           admin.parse_bind_execute("INSERT INTO pipe VALUES (1)") +  # duplicate key
           admin.parse_bind_execute("INSERT INTO pipe VALUES (3)") +
           admin.msg("S"))
msgs, status = admin.until_ready()
check(types(msgs) == "12C12C12E", "error batch answered " + types(msgs))
errors = [error_fields(b) for t, b in msgs if t == "E"]
check(errors and errors[0].get("C") == "23505", "duplicate key error: %r" % errors)
check(status == "I", "after the failed batch the session is idle, not " + status)
check(admin.scalar("SELECT count(*) FROM pipe") == "0",
      "the failed batch left rows: " + str(admin.scalar("SELECT count(*) FROM pipe")))

# 2. Without an error the batch commits at Sync, and not before.
other = Conn()
admin.send(admin.parse_bind_execute("INSERT INTO pipe VALUES (1)") +
           admin.parse_bind_execute("INSERT INTO pipe VALUES (2)") + admin.msg("H"))
seen = []
while len(seen) < 6:
    seen.append(admin.read())
check(types(seen) == "12C12C", "batch before Sync answered " + types(seen))
check(other.scalar("SELECT count(*) FROM pipe") == "0",
      "another session saw the batch before its Sync")
admin.send(admin.msg("S"))
msgs, status = admin.until_ready()
check(status == "I", "after Sync: status " + status)
check(other.scalar("SELECT count(*) FROM pipe") == "2", "the batch did not commit at Sync")

# 3. BEGIN inside the batch makes the transaction explicit (status T after Sync).
admin.send(admin.parse_bind_execute("INSERT INTO pipe VALUES (3)") +
           admin.parse_bind_execute("BEGIN") +
           admin.parse_bind_execute("INSERT INTO pipe VALUES (4)") + admin.msg("S"))
msgs, status = admin.until_ready()
check(status == "T", "BEGIN inside a batch: status " + status + " " + types(msgs))
admin.query("ROLLBACK")
check(admin.scalar("SELECT count(*) FROM pipe") == "2", "ROLLBACK after BEGIN in a batch")

# 4. One statement per Sync still autocommits.
admin.send(admin.parse_bind_execute("INSERT INTO pipe VALUES (5)") + admin.msg("S"))
msgs, status = admin.until_ready()
check(status == "I" and other.scalar("SELECT count(*) FROM pipe") == "3",
      "single Execute + Sync did not autocommit")

# 5. COPY FROM STDIN without INSERT: ErrorResponse, never CopyInResponse.
admin.query("DROP ROLE IF EXISTS copier")
admin.query("CREATE ROLE copier LOGIN")
admin.query("GRANT SELECT ON pipe TO copier")
copier = Conn("copier")
copier.send(copier.msg("Q", b"COPY pipe FROM STDIN\0"))
t, b = copier.read()
check(t == "E", "COPY FROM STDIN without INSERT answered %r first" % t)
if t == "E":
    f = error_fields(b)
    check(f.get("C") == "42501" and "permission denied for table pipe" in f.get("M", ""),
          "COPY privilege error: %r" % f)
    msgs, status = copier.until_ready()
    check(status == "I", "after the COPY error: " + status)
msgs, _ = copier.query("COPY pipe FROM '/tmp/kadedb-pipeline-test.csv'")
f = [error_fields(b) for t, b in msgs if t == "E"]
check(f and f[0].get("C") == "42501" and "pg_read_server_files" in f[0].get("M", ""),
      "server-file COPY by a plain role: %r" % f)
# COPY TO STDOUT needs only SELECT.
msgs, _ = copier.query("COPY pipe TO STDOUT")
check(types(msgs).startswith("H") and types(msgs).endswith("cC"),
      "COPY TO STDOUT with SELECT: " + types(msgs))

# 6. SET idle_in_transaction_session_timeout is per session (the server default is 1500 ms).
check(admin.scalar("SHOW idle_in_transaction_session_timeout") == "1500ms",
      "configured default: " + str(admin.scalar("SHOW idle_in_transaction_session_timeout")))
admin.query("SET idle_in_transaction_session_timeout = 0")
admin.query("BEGIN")
time.sleep(2.2)
check(admin.scalar("SELECT 1") == "1", "timeout 0 still closed the session")
admin.query("COMMIT")
admin.query("RESET idle_in_transaction_session_timeout")
check(admin.scalar("SHOW idle_in_transaction_session_timeout") == "1500ms", "RESET")
short = Conn()
short.query("SET idle_in_transaction_session_timeout = '300ms'")
short.query("BEGIN")
time.sleep(1.0)
try:
    t, b = short.read()  # the FATAL arrives without a query
    f = error_fields(b)
    check(t == "E" and f.get("C") == "25P03", "short idle timeout answered %r %r" % (t, f))
except (EOFError, socket.timeout, ConnectionError) as e:
    check(False, "short idle timeout: no error before close (%s)" % e)

if failures:
    sys.exit(1)
print("pipeline ok")
