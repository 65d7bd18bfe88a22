"""psql's tab completion and \\x in a pseudo-terminal against the trusted server: typing
`SELECT * FROM tabc<TAB>` and `\\d tabc<TAB>` completes the table name, `\\x` switches to
expanded output. psql hides the errors of its completion queries, so a failing one shows as a
missing completion; the completed text is the evidence (and the session never prints ERROR)."""
import os
import pty
import select
import shutil
import sys
import time

PORT = os.environ["KADEDB_TEST_PORT"]
if not shutil.which("psql"):
    print("psql not installed")
    sys.exit(77)


def fail(msg, seen=""):
    print("FAIL " + msg)
    print(repr(seen[-600:]))
    sys.exit(1)


pid, fd = pty.fork()
if pid == 0:
    env = dict(os.environ, TERM="xterm", PAGER="cat", PSQL_PAGER="cat", COLUMNS="200")
    os.execvpe("psql", ["psql", "-X", "-h", "127.0.0.1", "-p", PORT, "-U", "kadedb", "kadedb"],
               env)

seen = ""


def read_for(seconds, want=None):
    global seen
    end = time.monotonic() + seconds
    got = ""
    while time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                data = os.read(fd, 65536).decode(errors="replace")
            except OSError:
                break
            data = data.replace("\x07", "")  # the bell of an ambiguous completion
            got += data
            seen += data
            if want and want in got:
                break
    return got


def send(text):
    os.write(fd, text.encode())


read_for(20, "=# ")


def prompt():
    """Waits for psql's prompt unless it already came with the last output."""
    if not seen.endswith("=# "):
        read_for(20, "=# ")


def step(text, want, label):
    """Types text, waits for want (text psql prints, never the echo of what was typed)."""
    send(text)
    got = read_for(20, want)
    if want not in got:
        fail(label, seen)
    return got


step("DROP TABLE IF EXISTS tabcomplete_accounts;\r", "=# ", "drop")
step("CREATE TABLE tabcomplete_accounts (aid int PRIMARY KEY, abalance int);\r",
     "CREATE TABLE\r\n", "create table")
prompt()
step("SELECT aid FROM tabcomplete_a\t", "tabcomplete_accounts ",
     "SELECT ... FROM tabcomplete_a<TAB> did not complete")
step(";\r", "(0 rows)", "completed SELECT did not run")
prompt()
step("\\d tabcomplete_a\t", "tabcomplete_accounts", "\\d tabcomplete_a<TAB> did not complete")
step("\r", "abalance", "\\d tabcomplete_accounts")
prompt()
# Column completion after WHERE (psql queries the catalog for the table's columns).
step("SELECT * FROM tabcomplete_accounts WHERE aba\t", "abalance ",
     "column completion after WHERE")
step("IS NULL;\r", "(0 rows)", "completed WHERE did not run")
prompt()
step("\\x\r", "Expanded display is on", "\\x")
prompt()
step("SELECT 1 AS a, 'two' AS b;\r", "RECORD 1", "expanded output")
prompt()
step("DROP TABLE tabcomplete_accounts;\r", "DROP TABLE\r\n", "drop table")
send("\\q\r")
read_for(3)
os.waitpid(pid, 0)
if "ERROR" in seen:
    fail("an ERROR appeared in the session", seen)
print("psql tab completion ok")
