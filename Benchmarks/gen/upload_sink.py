#!/usr/bin/env python3
"""A loopback HTTP sink for the upload benchmarks: reads and discards each request body, answers 201 with
a HockeyApp version as JSON. Both shipnotes and curl upload to it, so the comparison is fair.

    upload_sink.py PORT_FILE [IDLE_SECONDS] [--delay SECONDS]

Listens on 127.0.0.1 on an ephemeral port, writes the port to PORT_FILE, and exits by itself after
IDLE_SECONDS (default 120) without a request. With --delay it waits that long after the whole body is
in before answering, as a server that takes its time to store a build would (the upload-wait job
compares what each client spends while it waits). Prints nothing; the last request's byte count and
whether it carried Content-Length go to PORT_FILE.last.
"""
import http.server, json, os, sys, threading, time

arguments = sys.argv[1:]
delay = 0.0
if "--delay" in arguments:
    at = arguments.index("--delay")
    delay = float(arguments[at + 1])
    del arguments[at:at + 2]
port_file = arguments[0]
idle = float(arguments[1]) if len(arguments) > 1 else 120.0
last_activity = time.monotonic()


class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        global last_activity
        last_activity = time.monotonic()
        received = 0
        length = self.headers.get("Content-Length")
        if length is not None:
            remaining = int(length)
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 1 << 20))
                if not chunk:
                    break
                received += len(chunk)
                remaining -= len(chunk)
        elif self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    break
                remaining = size
                while remaining > 0:
                    chunk = self.rfile.read(min(remaining, 1 << 20))
                    received += len(chunk)
                    remaining -= len(chunk)
                self.rfile.readline()
        # The whole body is in; with a delay the client now has nothing to do but wait.
        time.sleep(delay)
        with open(port_file + ".last", "w") as f:
            f.write(f"{received} {'content-length' if length is not None else 'chunked'}\n")
        body = json.dumps({"id": 1, "version": "1", "shortversion": "1.0", "appsize": received,
                           "status": 2, "title": "Sink"}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        last_activity = time.monotonic()


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sink)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(port_file + ".tmp", port_file)


def watchdog():
    while time.monotonic() - last_activity < idle:
        time.sleep(1)
    server.shutdown()


threading.Thread(target=watchdog, daemon=True).start()
server.serve_forever()
