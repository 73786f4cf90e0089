#!/usr/bin/env python3
"""A local HTTP server for the end-to-end tests of `portreg-import --fetch`.

usage: http_server.py ROOT PORT_FILE LOG_FILE [CERT KEY]

Listens on 127.0.0.1 only, on a free port, which it writes to PORT_FILE once
it accepts connections (written whole, then renamed into place). Serves the
files under ROOT and appends each request it receives, before answering it,
to LOG_FILE as one JSON line: {"time", "method", "path", "headers"}, header
names in lower case (HTTP's are case-insensitive). Stops on SIGTERM or
SIGINT. Given a certificate and its key (PEM), it speaks HTTPS. FILE
below is a path under ROOT, e.g. xml/2026-02-02-6a34aef6.xml.

  /release/FILE       200 with ETag and Last-Modified; 304 without a body
                      when If-None-Match names that ETag
  /flaky/FILE         500 to the first two requests of that path, then as
                      /release/FILE
  /truncated/FILE     Content-Length of the whole file, half of it, then
                      the connection closes
  /html               an HTML error page with status 200
  /redirect/FILE      302 to /release/FILE (an absolute URL)
  /loop/N             302 to /loop/M (relative), M = 1 - N: a loop
  /gzip/FILE          the file gzip-encoded when Accept-Encoding allows it,
                      as it is otherwise
  /stall              reads the request and answers nothing
  /stall-body/FILE    status line and headers of the file, then no body
  /huge               Content-Length of 100 MiB, 64 KiB of it, then nothing
  /huge-unsized       80 MiB without Content-Length, then the end of the
                      connection
  anything else       404

A stalling answer waits in steps of 0.1 s until the client closes the
connection, the server stops, or 60 s have passed, whichever is first.
"""

import collections
import email.utils
import gzip
import hashlib
import json
import os
import select
import signal
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STALL_SECONDS = 60
MIB = 1024 * 1024

# A file served, with the validators derived from it.
Release = collections.namedtuple("Release", "body etag last_modified")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    # One route per path prefix; those of a FILE get the file's Release, or
    # the request a 404 when there is none.
    def do_GET(self):
        self.server.log_request_line(self)
        path = self.path.split("?", 1)[0]
        file_routes = {
            "/release/": self.send_release,
            "/flaky/": self.send_flaky,
            "/truncated/": self.send_truncated,
            "/gzip/": self.send_gzip,
            "/stall-body/": self.send_stalled_body,
        }
        for prefix, route in file_routes.items():
            if path.startswith(prefix):
                release = self.server.release(path[len(prefix):])
                if release is None:
                    return self.send_text(404, "text/plain", b"no such release\n")
                return route(release)
        if path.startswith("/redirect/"):
            return self.send_redirect(path[len("/redirect/"):])
        if path.startswith("/loop/"):
            return self.send_loop(path[len("/loop/"):])
        exact = {
            "/html": self.send_html,
            "/stall": self.stall_silently,
            "/huge": self.send_huge,
            "/huge-unsized": self.send_huge_unsized,
        }
        if path in exact:
            return exact[path]()
        self.send_text(404, "text/plain", b"not found\n")

    def do_HEAD(self):
        self.server.log_request_line(self)
        self.send_response(405)  # the client under test asks with GET
        self.send_header("Allow", "GET")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass  # every request is in the JSON log already

    # --- the answers

    def send_release(self, release):
        validators = [("ETag", release.etag), ("Last-Modified", release.last_modified)]
        if self.matches_etag(release.etag):
            self.send_response(304)
            for name, value in validators:
                self.send_header(name, value)
            return self.end_headers()
        self.start_xml(len(release.body), validators)
        self.write(release.body)

    def send_flaky(self, release):
        if self.server.count_request(self.path) <= 2:
            return self.send_text(500, "text/plain", b"internal error, try again\n")
        self.send_release(release)

    def send_truncated(self, release):
        self.start_xml(len(release.body))
        self.write(release.body[: len(release.body) // 2])
        self.close_connection = True

    def send_html(self):
        page = (b"<!DOCTYPE html>\n<html><head><title>Service unavailable</title></head>\n"
                b"<body><h1>Service unavailable</h1><p>Please try again later.</p></body></html>\n")
        self.send_text(200, "text/html; charset=utf-8", page)

    def send_redirect(self, name):
        port = self.server.server_address[1]
        self.send_moved(f"http://127.0.0.1:{port}/release/{name}")

    def send_loop(self, hop):
        self.send_moved("/loop/0" if hop == "1" else "/loop/1")

    def send_gzip(self, release):
        body, headers = release.body, [("Vary", "Accept-Encoding")]
        if self.accepts_gzip():
            body = gzip.compress(body)
            headers.append(("Content-Encoding", "gzip"))
        self.start_xml(len(body), headers)
        self.write(body)

    def stall_silently(self):
        self.wait_for_client(STALL_SECONDS)
        self.close_connection = True

    def send_stalled_body(self, release):
        self.start_xml(len(release.body))
        self.wfile.flush()
        self.wait_for_client(STALL_SECONDS)
        self.close_connection = True

    def send_huge(self):
        self.start_xml(100 * MIB)
        self.write(b'<?xml version="1.0" encoding="UTF-8"?>\n' + b" " * (64 * 1024 - 39))
        self.wait_for_client(STALL_SECONDS)
        self.close_connection = True

    def send_huge_unsized(self):
        self.start_xml(None, [("Connection", "close")])
        self.close_connection = True
        self.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<registry>')
        block = b"<!-- " + b"x" * (MIB - 9) + b" -->"
        for _ in range(80):
            if not self.write(block):
                return

    # --- helpers

    def start_xml(self, length, headers=()):
        """Status 200 and the headers of an XML body of `length` bytes (None:
        a body that ends with the connection)."""
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        for name, value in headers:
            self.send_header(name, value)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def send_text(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.write(body)

    def send_moved(self, location):
        body = b"moved\n"
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.write(body)

    def write(self, data):
        """Sends data; False when the client has gone (not an error here)."""
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
            return False

    def matches_etag(self, etag):
        wanted = self.headers.get("If-None-Match")
        if wanted is None:
            return False
        tags = [t.strip() for t in wanted.split(",")]
        # If-None-Match compares weakly: W/"x" matches "x".
        return "*" in tags or etag in [t[2:] if t.startswith("W/") else t for t in tags]

    def accepts_gzip(self):
        for coding in self.headers.get("Accept-Encoding", "").split(","):
            name, _, params = coding.partition(";")
            refused = params.replace(" ", "") in ("q=0", "q=0.0", "q=0.00", "q=0.000")
            if name.strip().lower() in ("gzip", "x-gzip", "*") and not refused:
                return True
        return False

    def wait_for_client(self, seconds):
        """Sleeps in small steps until the client closes the connection, the
        server stops, or `seconds` have passed."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self.server.stopping.is_set():
            readable, _, _ = select.select([self.connection], [], [], 0.1)
            if not readable:
                continue
            try:
                if self.connection.recv(1, socket.MSG_PEEK) == b"":
                    return  # the client closed its end
            except OSError:
                return
            time.sleep(0.1)  # bytes of another request: not an end, wait on


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root, log_path):
        # Loopback only, never anything else; port 0: a free one.
        super().__init__(("127.0.0.1", 0), Handler)
        self.root = os.path.realpath(root)
        self.log = open(log_path, "a", encoding="utf-8")
        self.lock = threading.Lock()
        self.requests_per_path = {}
        self.stopping = threading.Event()

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return  # a client that gave up: these tests make them on purpose
        super().handle_error(request, client_address)

    def log_request_line(self, handler):
        headers = {}
        for name, value in handler.headers.items():
            name = name.lower()
            headers[name] = headers[name] + ", " + value if name in headers else value
        line = json.dumps({"time": round(time.time(), 3), "method": handler.command,
                           "path": handler.path, "headers": headers})
        with self.lock:
            self.log.write(line + "\n")
            self.log.flush()

    def count_request(self, path):
        """How many requests of `path` there were, this one included."""
        with self.lock:
            self.requests_per_path[path] = self.requests_per_path.get(path, 0) + 1
            return self.requests_per_path[path]

    def release(self, name):
        """The Release of the file `name` under the root, or None when there
        is none (or the name leads out of the root)."""
        path = os.path.realpath(os.path.join(self.root, name))
        if os.path.commonpath([self.root, path]) != self.root or not os.path.isfile(path):
            return None
        with open(path, "rb") as f:
            body = f.read()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        last_modified = email.utils.formatdate(os.path.getmtime(path), usegmt=True)
        return Release(body, etag, last_modified)


def write_port(port_file, port):
    partial = port_file + ".partial"
    with open(partial, "w", encoding="ascii") as f:
        f.write(f"{port}\n")
    os.replace(partial, port_file)


def main():
    if len(sys.argv) not in (4, 6):
        sys.exit("usage: http_server.py ROOT PORT_FILE LOG_FILE [CERT KEY]")
    root, port_file, log_path = sys.argv[1:4]
    server = Server(root, log_path)
    if len(sys.argv) == 6:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(sys.argv[4], sys.argv[5])
        server.socket = tls.wrap_socket(server.socket, server_side=True)

    def stop(signum, frame):
        server.stopping.set()
        # shutdown() waits for serve_forever(), which runs in this thread.
        threading.Thread(target=server.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    write_port(port_file, server.server_address[1])
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        server.server_close()
        server.log.close()


if __name__ == "__main__":
    main()
