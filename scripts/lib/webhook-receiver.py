#!/usr/bin/env python3
"""A tiny webhook receiver for scripts/dev: prints each delivery Watchpost posts to it.

Usage: webhook-receiver.py PORT    (listens on 127.0.0.1:PORT, answers 200 to every POST)

For development only: it verifies nothing (no signature check) and keeps nothing. It prints one
line per request: time, template, recipient, incident summary (or subject), and the idempotency key.
"""
import json
import sys
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        try:
            doc = json.loads(body)
        except ValueError:
            doc = {}
        if not isinstance(doc, dict):
            doc = {}
        incident = doc.get("incident") if isinstance(doc.get("incident"), dict) else {}
        recipient = doc.get("recipient_officer_id")
        subject = doc.get("subject") or incident.get("summary") or doc.get("summary") or str(doc.get("text", ""))[:80]
        print(
            "%s  webhook ← %-22s %-28s %s  (key %s)"
            % (
                datetime.now().strftime("%H:%M:%S"),
                doc.get("template", "?"),
                recipient or "?",
                subject,
                self.headers.get("Idempotency-Key", "-"),
            ),
            flush=True,
        )
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8099
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
