#!/usr/bin/env python3
"""A loopback HTTP sink for the upload-wait benchmark: reads each request body whole, waits, then
answers 201 with a HockeyApp version as JSON, as a server that takes its time to store a build would.
Both shipnotes and curl upload to it, so what each spends while it waits can be compared.

    slow_answer_sink.py PORT_FILE DELAY_SECONDS [IDLE_SECONDS]

Listens on 127.0.0.1 on an ephemeral port, writes the port to PORT_FILE, and exits by itself after
IDLE_SECONDS (default 120) without a request. Prints nothing.
"""
import http.server, json, os, sys, threading, time

port_file = sys.argv[1]
delay = float(sys.argv[2])
idle = float(sys.argv[3]) if len(sys.argv) > 3 else 120.0
last_activity = time.monotonic()


class SlowSink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        global last_activity
        last_activity = time.monotonic()
        remaining = int(self.headers.get("Content-Length", "0"))
        received = 0
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 1 << 20))
            if not chunk:
                break
            received += len(chunk)
            remaining -= len(chunk)
        # The whole body is in; the client now has nothing to do but wait.
        time.sleep(delay)
        body = json.dumps({"id": 1, "version": "1", "shortversion": "1.0", "appsize": received,
                           "status": 2, "title": "Slow sink"}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        last_activity = time.monotonic()


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowSink)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.replace(port_file + ".tmp", port_file)


def watchdog():
    while time.monotonic() - last_activity < idle:
        time.sleep(1)
    server.shutdown()


threading.Thread(target=watchdog, daemon=True).start()
server.serve_forever()
