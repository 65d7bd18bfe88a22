#!/usr/bin/env python3
"""The HTTP API of `kadedb serve` driven by real clients (python3 urllib, raw sockets, curl).

Starts the server on free ports with a temporary data directory; checks queries, typed values,
bound parameters, errors, limits, malformed and stalled clients, tokens (HTTP and CLI), health,
metrics, NDJSON streaming and disconnect cancellation; stops it with SIGTERM. Exits non-zero on
the first failure. usage: http_client_test.py path/to/kadedb
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

BIN = sys.argv[1]
CHECKS = 0


def check(cond, what):
    global CHECKS
    CHECKS += 1
    if not cond:
        raise AssertionError(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, data):
        self.data = data
        self.proc = None

    def start(self):
        self.http = free_port()
        self.pg = free_port()
        self.log = open(os.path.join(os.path.dirname(self.data), "serve.log"), "ab")
        self.proc = subprocess.Popen(
            [BIN, "serve", "--data", self.data, "--pg-port", str(self.pg),
             "--http-port", str(self.http)],
            stdout=self.log, stderr=self.log)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("kadedb serve exited with %d" % self.proc.returncode)
            try:
                if get("/health", port=self.http)[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("kadedb serve did not answer /health within 30 s")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=30)
        self.log.close()
        return code


PORT = 0


def request(method, path, body=None, headers=None, port=None, timeout=30):
    url = "http://127.0.0.1:%d%s" % (port or PORT, path)
    data = body if isinstance(body, (bytes, type(None))) else body.encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def get(path, **kw):
    return request("GET", path, **kw)


def query(sql, params=None, token=None, path="/v1/query"):
    body = {"sql": sql}
    if params is not None:
        body["params"] = params
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    status, _, text = request("POST", path, json.dumps(body), headers)
    return status, (json.loads(text) if path == "/v1/query" else text)


def raw(data, read=True, timeout=10):
    with socket.create_connection(("127.0.0.1", PORT), timeout=timeout) as s:
        s.sendall(data)
        if not read:
            return b""
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            out += chunk
        return out


def test_queries():
    status, r = query("SELECT 1 AS i, 'x' AS t, 2.50::numeric(5,2) AS n, true AS b, NULL::int AS z,"
                      " 1.5::float8 AS f, DATE '2024-01-02' AS d,"
                      " TIMESTAMP '2024-01-02 03:04:05' AS ts, '\\x0aff'::bytea AS by")
    check(status == 200, "select: %s %s" % (status, r))
    check([c["name"] for c in r["columns"]] == ["i", "t", "n", "b", "z", "f", "d", "ts", "by"],
          "column names %s" % r["columns"])
    check(r["columns"][2]["type"] == "numeric(5,2)", "numeric type name")
    check(r["rows"] == [[1, "x", "2.50", True, None, 1.5, "2024-01-02", "2024-01-02T03:04:05",
                         "\\x0aff"]], "typed row %s" % r["rows"])
    check(r["rows_affected"] == 1 and r["truncated"] is False, "summary %s" % r)
    check(isinstance(r["elapsed_ms"], float), "elapsed_ms")

    check(query("CREATE TABLE people (id integer PRIMARY KEY, name text, born date)")[0] == 200,
          "create table")
    evil = "x'); DROP TABLE people; --"
    status, r = query("INSERT INTO people VALUES ($1, $2, $3), ($4, $5, NULL)",
                      [1, evil, "1990-05-17", 2, "Zoë"])
    check(status == 200 and r["rows_affected"] == 2, "insert with params: %s" % r)
    status, r = query("SELECT id, name, born FROM people WHERE id >= $1 ORDER BY id", ["1"])
    check(r["rows"] == [[1, evil, "1990-05-17"], [2, "Zoë", None]], "params round trip %s" % r)

    status, r = query("SELECT ARRAY[1, NULL, 3] AS a, $1::text[] AS b", [["x", "y\"z"]])
    check(status == 200 and r["rows"] == [[[1, None, 3], ["x", "y\"z"]]]
          and r["columns"][0]["type"] == "integer[]", "arrays: %s" % r)

    status, r = query("SELECT * FROM generate_series(1, 20000)")
    check(status == 200 and len(r["rows"]) == 10000 and r["truncated"] is True
          and r["rows_affected"] == 20000, "row cap")


def test_errors():
    status, r = query("SELECT * FROM missing_table")
    check(status == 400, "sql error status %d" % status)
    e = r["error"]
    check(e["sqlstate"] == "42P01" and e["position"] == 15
          and "missing_table" in e["message"], "error body %s" % e)
    status, r = query("SELEC 1")
    check(status == 400 and r["error"]["sqlstate"] == "42601", "syntax error %s" % r)
    status, r = query("SELECT $1::int", ["abc"])
    check(status == 400 and r["error"]["sqlstate"] == "22P02", "bad param %s" % r)
    status, _, body = request("POST", "/v1/query", "{nope", {"Content-Type": "application/json"})
    check(status == 400 and json.loads(body)["error"]["sqlstate"] == "22P02", "bad json")
    check(get("/nowhere")[0] == 404, "404")
    status, headers, _ = get("/v1/query")
    check(status == 405 and headers.get("Allow") == "POST", "405 with Allow")
    # The server answers 413 as soon as Content-Length exceeds the limit, before the body.
    reply = raw(b"POST /v1/query HTTP/1.1\r\nHost: x\r\nContent-Length: 2097152\r\n\r\n{\"sql\":")
    check(reply.startswith(b"HTTP/1.1 413"), "oversized body: %r" % reply[:60])


def test_malformed_and_slow_clients():
    reply = raw(b"GARBAGE / NOT-HTTP\r\n\r\n")
    check(reply.startswith(b"HTTP/1.1 400"), "malformed request: %r" % reply[:60])
    reply = raw(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 40000 + b"\r\n\r\n")
    check(reply.startswith(b"HTTP/1.1 431"), "header limit: %r" % reply[:60])
    # Stalled clients (half a request line, never finished) do not block anyone else.
    stalled = [socket.create_connection(("127.0.0.1", PORT)) for _ in range(20)]
    for s in stalled:
        s.sendall(b"POST /v1/query HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"sql\":")
    start = time.time()
    check(query("SELECT 42")[1]["rows"] == [[42]], "query while 20 clients stall")
    check(time.time() - start < 2, "stalled clients slowed others")
    for s in stalled:
        s.close()
    # Keep-alive and pipelining: two requests on one connection, two answers.
    reply = raw(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n"
                b"Connection: close\r\n\r\n")
    check(reply.count(b"HTTP/1.1 200") == 2, "pipelined requests: %r" % reply)
    check(get("/health")[0] == 200, "server alive after malformed input")


def ndjson(sql, params=None):
    body = json.dumps({"sql": sql, "params": params or []})
    out = subprocess.run(
        ["curl", "-sS", "-N", "-X", "POST", "-H", "Content-Type: application/json",
         "--data-binary", body, "http://127.0.0.1:%d/v1/query/stream" % PORT],
        check=True, capture_output=True, timeout=60).stdout.decode()
    return [json.loads(line) for line in out.splitlines()]


def test_streaming():
    lines = ndjson("SELECT g, 'row ' || g AS label FROM generate_series(1, 200000) AS t(g)")
    check(lines[0]["columns"][0]["name"] == "g", "stream header %s" % lines[0])
    check(len(lines) == 200002, "stream lines %d" % len(lines))
    # No ORDER BY: parallel scans may deliver chunks in any order.
    check(sorted(lines[1:-1]) == [[g, "row %d" % g] for g in range(1, 200001)], "stream rows")
    check(lines[-1]["rows_affected"] == 200000, "stream summary %s" % lines[-1])
    lines = ndjson("SELECT 1/$1::int", [0])
    check("error" in lines[-1] and lines[-1]["error"]["sqlstate"] == "22012",
          "stream error line %s" % lines)
    # Accept: application/x-ndjson on /v1/query streams too.
    status, headers, body = request("POST", "/v1/query", json.dumps({"sql": "SELECT 7"}),
                                    {"Accept": "application/x-ndjson"})
    check(status == 200 and headers["Content-Type"] == "application/x-ndjson"
          and body.splitlines()[1] == "[7]", "Accept negotiation: %s" % body)
    # A client that goes away mid-stream cancels its query; the server keeps serving.
    before = metric_value("kadedb_queries_total", 'outcome="cancelled"')
    body = json.dumps({"sql": "SELECT count(*) FROM generate_series(1, 3000000) a, "
                              "generate_series(1, 1000) b"})
    s = socket.create_connection(("127.0.0.1", PORT))
    s.sendall(("POST /v1/query/stream HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
               "Content-Length: %d\r\n\r\n%s" % (len(body), body)).encode())
    time.sleep(0.5)
    s.close()
    deadline = time.time() + 20
    while time.time() < deadline and metric_value(
            "kadedb_queries_total", 'outcome="cancelled"') <= before:
        time.sleep(0.2)
    check(metric_value("kadedb_queries_total", 'outcome="cancelled"') > before,
          "disconnect cancels the query")
    check(query("SELECT 1")[0] == 200, "alive after a cancelled stream")


def metric_value(name, label_part=""):
    _, _, text = get("/metrics")
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name) and label_part in line and not line.startswith("#"):
            total += float(line.rsplit(" ", 1)[1])
    return total


def test_metrics():
    status, headers, text = get("/metrics")
    check(status == 200 and headers["Content-Type"].startswith("text/plain"), "metrics status")
    for name in ["kadedb_queries_total{protocol=\"http\",outcome=\"ok\"}",
                 "kadedb_queries_total{protocol=\"http\",outcome=\"error\"}",
                 "kadedb_query_duration_seconds_bucket{protocol=\"http\",le=\"+Inf\"}",
                 "kadedb_connections_active{protocol=\"http\"}",
                 "kadedb_transactions_total{protocol=\"http\",outcome=\"commit\"}",
                 "kadedb_rocksdb_block_cache_usage_bytes", "kadedb_rocksdb_memtable_bytes",
                 "kadedb_rocksdb_sst_bytes", "kadedb_rocksdb_compaction_pending",
                 "process_resident_memory_bytes"]:
        check(name in text, "metric %s missing" % name)
    check(metric_value("process_resident_memory_bytes") > 1e6, "RSS figure")


def test_tokens():
    status, _, body = request("POST", "/v1/tokens", json.dumps({"user": "kadedb", "label": "ci"}),
                              {"Content-Type": "application/json"})
    check(status == 201, "create token: %s" % body)
    token = json.loads(body)["token"]
    out = subprocess.run(
        ["curl", "-sS", "-H", "Authorization: Bearer " + token, "-H",
         "Content-Type: application/json", "--data", '{"sql":"SELECT current_user AS u"}',
         "http://127.0.0.1:%d/v1/query" % PORT], check=True, capture_output=True).stdout
    check(json.loads(out)["rows"] == [["kadedb"]], "query with token: %s" % out)
    check(query("SELECT 1", token="kdb_" + "0" * 64)[0] == 401, "unknown token gets 401")
    status, _, _ = request("GET", "/metrics", headers={"Authorization": "Basic abc"})
    check(status == 401, "non-bearer authorization gets 401")
    # A token runs as its own role, and that role's privileges apply.
    check(query("CREATE USER app_reader LOGIN")[0] == 200, "create user")
    check(query("CREATE TABLE secret_t (x int)")[0] == 200, "create table")
    status, _, body2 = request("POST", "/v1/tokens", json.dumps({"user": "app_reader"}))
    check(status == 201, "token for app_reader: %s" % body2)
    reader = json.loads(body2)["token"]
    status, r = query("SELECT current_user", token=reader)
    check(status == 200 and r["rows"] == [["app_reader"]], "runs as app_reader: %s" % r)
    status, r = query("SELECT * FROM secret_t", token=reader)
    check(status == 400 and r["error"]["sqlstate"] == "42501", "privileges apply: %s" % r)
    check(query("GRANT SELECT ON secret_t TO app_reader")[0] == 200, "grant")
    check(query("SELECT * FROM secret_t", token=reader)[0] == 200, "granted select")
    status, _, _ = request("GET", "/v1/tokens", headers={"Authorization": "Bearer " + reader})
    check(status == 403, "non-superusers cannot manage tokens")
    token_id = json.loads(body)["id"]
    check(request("DELETE", "/v1/tokens/%d" % token_id)[0] == 200, "revoke")
    check(query("SELECT 1", token=token)[0] == 401, "revoked token gets 401")
    status, _, body = get("/v1/tokens")
    check(status == 200 and json.loads(body)["tokens"][0]["revoked"] is True, "token list")


def main():
    global PORT
    tmp = tempfile.mkdtemp(prefix="kadedb-http-test-")
    data = os.path.join(tmp, "data")
    server = Server(data)
    try:
        server.start()
        PORT = server.http
        for test in [test_queries, test_errors, test_malformed_and_slow_clients, test_streaming,
                     test_metrics, test_tokens]:
            t0 = time.time()
            test()
            print("  ok %-34s %.2f s" % (test.__name__, time.time() - t0))
        code = server.stop()
        check(code == 0, "SIGTERM exit code %d" % code)
        # The CLI makes tokens while no server runs; the server then accepts them.
        out = subprocess.run([BIN, "token", "create", "--data", data, "--user", "kadedb",
                              "--label", "cli"], check=True, capture_output=True, text=True)
        token = out.stdout.strip()
        check(token.startswith("kdb_") and len(token) == 68, "CLI token %r" % token)
        server.start()
        PORT = server.http
        check(query("SELECT 5", token=token)[1]["rows"] == [[5]], "CLI token accepted")
        check(server.stop() == 0, "second SIGTERM exit code")
        print("http protocol test: %d checks passed" % CHECKS)
    except Exception:
        log = os.path.join(tmp, "serve.log")
        if os.path.exists(log):
            sys.stderr.write(open(log, errors="replace").read()[-4000:])
        if server.proc and server.proc.poll() is None:
            server.proc.kill()
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
