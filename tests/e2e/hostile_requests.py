#!/usr/bin/env python3
"""Hostile requests to a portreg-serve on 127.0.0.1:PORT, each bounded in
time (5 s a socket operation) and size. Prints one line per check that
fails; exit 1 if any did.

usage: hostile_requests.py PORT PID [--no-memory]
(--no-memory: no RSS check, for a sanitized server, whose allocator keeps
what is freed in quarantine)"""
import http.client
import os
import select
import signal
import socket
import sys
import time

PORT = int(sys.argv[1])
PID = int(sys.argv[2])
failures = []


def exchange(raw, send_more=b"", limit=100 * 1024 * 1024):
    """Sends `raw`, then `send_more` repeatedly up to `limit` bytes while the
    server takes them; returns (bytes the server took of the extra, reply)."""
    s = socket.create_connection(("127.0.0.1", PORT), timeout=5)
    s.sendall(raw)
    sent = 0
    try:
        while send_more and sent < limit:
            s.sendall(send_more)
            sent += len(send_more)
    except OSError:
        pass
    reply = b""
    try:
        while True:
            data = s.recv(65536)
            if not data:
                break
            reply += data
    except OSError:
        pass
    s.close()
    return sent, reply


def status_of(reply):
    line = reply.split(b"\r\n", 1)[0].split()
    return int(line[1]) if len(line) > 1 and line[1].isdigit() else None


def expect(what, reply, statuses):
    if status_of(reply) not in statuses:
        failures.append(f"{what}: status {status_of(reply)}, expected one of {statuses}")


# A POST with a 100 MB body: refused before the body is read.
sent, reply = exchange(b"POST /port/443 HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n",
                       b"a" * 65536)
expect("POST with 100 MB", reply, {405})
if sent > 16 * 1024 * 1024:
    failures.append(f"POST with 100 MB: the server read {sent} bytes of the body")
# A GET with a body: refused, and the body never read as a request.
_, reply = exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nGET /")
expect("GET with a body", reply, {400})
if reply.count(b"HTTP/1.1 ") != 1:
    failures.append("GET with a body: its body was answered as a request")
# A 100 KB URL, bad percent-encoding, invalid UTF-8, 1,000 parameters.
_, reply = exchange(b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
expect("a 100 KB URL", reply, {400, 414})
for path in [b"/service/%zz.json", b"/service/%ff%fe.json", b"/port/443.json?as_of=%ff",
             b"/port/443.json?" + b"&".join(b"p%d=1" % i for i in range(1000))]:
    _, reply = exchange(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    expect(path[:40].decode("latin-1"), reply, {200, 400, 404, 414})
# Three requests pipelined: cpp-httplib 0.11 answers the first and loses
# the others it had read ahead; the connection then closes once idle, and
# a client sends them again (RFC 9112, 9.3.2). Nothing else may come back.
start = time.monotonic()
get = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
_, reply = exchange(get + get + b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
answers = reply.count(b"HTTP/1.1 ")
if answers < 1 or reply.count(b"HTTP/1.1 200 OK\r\n") != answers:
    failures.append(f"pipelined requests: {answers} answers, not all 200: {reply[:200]!r}")
if time.monotonic() - start > 4:
    failures.append(f"pipelined requests: the connection stayed {time.monotonic() - start:.1f} s")
# HTTP/1.0, and the server still answers afterwards.
_, reply = exchange(b"GET /healthz HTTP/1.0\r\n\r\n")
expect("HTTP/1.0", reply, {200})
_, reply = exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
expect("after the hostile requests", reply, {200})

# 200 idle connections do not keep another client waiting.
idle = [socket.create_connection(("127.0.0.1", PORT), timeout=5) for _ in range(200)]
start = time.monotonic()
_, reply = exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
expect("beside 200 idle connections", reply, {200})
if time.monotonic() - start > 2:
    failures.append(f"beside 200 idle connections: {time.monotonic() - start:.1f} s to answer")
for connection in idle:
    connection.close()


# A burst of 64 clients connecting at once is queued by the kernel, not
# dropped: held while the server is stopped (it accepts none of them), each
# handshake completes only while the listen backlog has room. With cpp-
# httplib's backlog of 5 six did, and the others waited a second for their
# SYN to be sent again.
def handshakes_completed(count):
    pending = []
    for _ in range(count):
        s = socket.socket()
        s.setblocking(False)
        s.connect_ex(("127.0.0.1", PORT))
        pending.append(s)
    completed = 0
    deadline = time.monotonic() + 0.5
    while pending and time.monotonic() < deadline:
        _, writable, _ = select.select([], pending, [], deadline - time.monotonic())
        for s in writable:
            completed += s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0
            pending.remove(s)
            s.close()
    for s in pending:
        s.close()
    return completed


os.kill(PID, signal.SIGSTOP)
try:
    completed = handshakes_completed(64)
finally:
    os.kill(PID, signal.SIGCONT)
if completed < 64:
    failures.append(f"a burst of 64 connections: {completed} handshakes completed, the rest dropped")


def rss_kb():
    with open(f"/proc/{PID}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


# Memory stays flat over a bounded loop of requests (after a warm-up that
# opens the workers' connections).
def request_loop(count):
    client = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
    for i in range(count):
        if i % 100 == 0:
            client.close()  # keep-alive allows 100 requests a connection
            client = http.client.HTTPConnection("127.0.0.1", PORT, timeout=5)
        client.request("GET", ["/port/443.json", "/service/https", "/snapshots.json"][i % 3])
        client.getresponse().read()
    client.close()


request_loop(600)
before = rss_kb()
request_loop(3000)
after = rss_kb()
if after > before + 4096 and "--no-memory" not in sys.argv:
    failures.append(f"RSS grew from {before} to {after} kB over 3,000 requests")

for failure in failures:
    print(failure)
sys.exit(1 if failures else 0)
