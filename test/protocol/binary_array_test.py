"""Arrays in the binary wire format (array_send / array_recv layout) over a raw extended-query
exchange against the trusted server: int4[] and text[] parameters sent in binary come back
byte-identical in binary results, with RowDescription oids 1007 / 1009; an empty array and NULL
elements included; a malformed array parameter is 22P03 and the session goes on."""
import os
import socket
import struct
import sys

PORT = int(os.environ["KADEDB_TEST_PORT"])


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def msg(t, body):
    return t + struct.pack("!i", len(body) + 4) + body


def cstr(s):
    return s.encode() + b"\0"


def read_messages(sock, until=b"Z"):
    out, buf = [], b""
    while True:
        while len(buf) < 5 or len(buf) < 1 + struct.unpack("!i", buf[1:5])[0]:
            chunk = sock.recv(65536)
            if not chunk:
                fail("connection closed")
            buf += chunk
        n = struct.unpack("!i", buf[1:5])[0]
        out.append((buf[0:1], buf[5:1 + n]))
        buf = buf[1 + n:]
        if out[-1][0] == until:
            return out


def array_bin(oid, items, encode):
    has_null = any(v is None for v in items)
    if not items:
        return struct.pack("!iii", 0, 0, oid)
    out = struct.pack("!iiiii", 1, 1 if has_null else 0, oid, len(items), 1)
    for v in items:
        if v is None:
            out += struct.pack("!i", -1)
        else:
            b = encode(v)
            out += struct.pack("!i", len(b)) + b
    return out


s = socket.create_connection(("127.0.0.1", PORT))
params = b"user\0kadedb\0database\0kadedb\0\0"
s.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
read_messages(s)

ints = array_bin(23, [1, None, -7], lambda v: struct.pack("!i", v))
texts = array_bin(25, ["a", "b c", None, ""], lambda v: v.encode())
empty = array_bin(23, [], None)
sql = "select $1::int4[], $2::text[], $3::int4[]"
s.sendall(msg(b"P", cstr("") + cstr(sql) + struct.pack("!hiii", 3, 1007, 1009, 1007)) +
          msg(b"B", cstr("") + cstr("") + struct.pack("!hh", 1, 1) + struct.pack("!h", 3) +
              struct.pack("!i", len(ints)) + ints + struct.pack("!i", len(texts)) + texts +
              struct.pack("!i", len(empty)) + empty + struct.pack("!hh", 1, 1)) +
          msg(b"D", b"P" + cstr("")) + msg(b"E", cstr("") + struct.pack("!i", 0)) +
          msg(b"S", b""))
replies = read_messages(s)
types = [t for t, _ in replies]
errors = [b for t, b in replies if t == b"E"]
if errors:
    fail("binary array round trip: " + repr(errors[0]))
desc = [b for t, b in replies if t == b"T"][0]
ncols = struct.unpack("!h", desc[:2])[0]
pos, oids = 2, []
for _ in range(ncols):
    pos = desc.index(b"\0", pos) + 1
    oids.append(struct.unpack("!i", desc[pos + 6:pos + 10])[0])
    pos += 18
if oids != [1007, 1009, 1007]:
    fail(f"RowDescription oids {oids}")
row = [b for t, b in replies if t == b"D"][0]
pos, values = 2, []
for _ in range(3):
    n = struct.unpack("!i", row[pos:pos + 4])[0]
    values.append(row[pos + 4:pos + 4 + n])
    pos += 4 + n
if values != [ints, texts, empty]:
    fail(f"binary arrays came back as {values!r}")

# Text results of the same statement use PostgreSQL's array_out.
s.sendall(msg(b"Q", cstr("select array[1,null,3]::int4[], array['x y','z']::text[]")))
replies = read_messages(s)
row = [b for t, b in replies if t == b"D"][0]
if b"{1,NULL,3}" not in row or b'{"x y",z}' not in row:
    fail("text arrays: " + repr(row))

# A truncated array parameter: 22P03, then the session still answers.
bad = ints[:-2]
s.sendall(msg(b"P", cstr("") + cstr("select $1::int4[]") + struct.pack("!hi", 1, 1007)) +
          msg(b"B", cstr("") + cstr("") + struct.pack("!hh", 1, 1) + struct.pack("!h", 1) +
              struct.pack("!i", len(bad)) + bad + struct.pack("!h", 0)) +
          msg(b"E", cstr("") + struct.pack("!i", 0)) + msg(b"S", b""))
replies = read_messages(s)
errors = [b for t, b in replies if t == b"E"]
if not errors or b"22P03" not in errors[0]:
    fail("malformed binary array: " + repr(replies))
s.sendall(msg(b"Q", cstr("select 1")))
if not any(t == b"D" for t, _ in read_messages(s)):
    fail("session after a malformed array")
s.close()
print("binary arrays ok")
