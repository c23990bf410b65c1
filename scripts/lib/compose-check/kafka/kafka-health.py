#!/usr/bin/env python3
"""Healthcheck of the Kafka stand-in: an ApiVersions request (v3, as librdkafka sends it) through
kafka-shim.py on 127.0.0.1:9092 must come back with error code 0 and the Metadata API listed,
parsed the way librdkafka 2.0.2 parses it (no tagged fields left at the end). Exit 0 when so."""
import socket
import struct
import sys


def compact(text):
    return bytes([len(text) + 1]) + text


client = b"healthcheck"
body = struct.pack(">hhih", 18, 3, 1, len(client)) + client + b"\x00"
body += compact(b"kafka-health") + compact(b"1") + b"\x00"
try:
    with socket.create_connection(("127.0.0.1", 9092), timeout=5) as s:
        s.sendall(struct.pack(">i", len(body)) + body)
        data = b""
        while len(data) < 4 or len(data) < 4 + struct.unpack(">i", data[:4])[0]:
            chunk = s.recv(65536)
            if not chunk:
                sys.exit(1)
            data += chunk
except OSError:
    sys.exit(1)
frame = data[4:]
correlation, error = struct.unpack(">ih", frame[:6])
count = frame[6] - 1
keys = {struct.unpack(">h", frame[7 + i * 7:9 + i * 7])[0] for i in range(count)}
plain = len(frame) == 7 + count * 7 + 4 + 1 and frame[-1] == 0
sys.exit(0 if correlation == 1 and error == 0 and 3 in keys and plain else 1)
