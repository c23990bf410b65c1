#!/usr/bin/env python3
"""A Kafka-protocol pass-through in front of Tansu, for the compose check's Kafka stand-in.

    kafka-shim.py LISTEN_HOST:PORT UPSTREAM_HOST:PORT

Every byte goes through unchanged except one: the ApiVersions response (v3 and later) loses its
tagged fields when they hold their default values (SupportedFeatures and FinalizedFeatures empty,
FinalizedFeaturesEpoch -1, ZkMigrationReady false). Apache Kafka leaves default-valued tagged
fields out; Tansu 0.6 writes all four, and Debian bookworm's librdkafka 2.0.2, the one in the
watchpost image, then fails its first request with "Read underflow". A tagged field with any
other value, or a response that cannot be parsed, is passed on as it came.
"""
import asyncio
import struct
import sys

API_VERSIONS = 18


def read_uvarint(buf, pos):
    shift = value = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def defaults_only(tags):
    """True when every tagged field of an ApiVersions response holds its default."""
    defaults = {0: b"\x01", 1: b"\xff" * 8, 2: b"\x01", 3: b"\x00"}
    return all(defaults.get(tag) == value for tag, value in tags)


def rewrite_api_versions(frame):
    """The response frame (correlation id and body) without default-valued tagged fields."""
    try:
        pos = 4 + 2  # correlation id (response header v0, as ApiVersions always uses), error code
        count, pos = read_uvarint(frame, pos)
        for _ in range(max(count - 1, 0)):
            pos += 6  # api key, min version, max version
            ntags, pos = read_uvarint(frame, pos)
            if ntags:
                return frame
        pos += 4  # throttle time
        end_of_fields = pos
        ntags, pos = read_uvarint(frame, pos)
        tags = []
        for _ in range(ntags):
            tag, pos = read_uvarint(frame, pos)
            size, pos = read_uvarint(frame, pos)
            tags.append((tag, bytes(frame[pos:pos + size])))
            pos += size
        if pos != len(frame) or not tags or not defaults_only(tags):
            return frame
        return frame[:end_of_fields] + b"\x00"
    except IndexError:
        return frame


async def read_frame(reader):
    head = await reader.readexactly(4)
    (size,) = struct.unpack(">i", head)
    return await reader.readexactly(size)


async def client_to_broker(reader, writer, pending):
    while True:
        frame = await read_frame(reader)
        api_key, api_version, correlation = struct.unpack(">hhi", frame[:8])
        if api_key == API_VERSIONS and api_version >= 3:
            pending.add(correlation)
        writer.write(struct.pack(">i", len(frame)) + frame)
        await writer.drain()


async def broker_to_client(reader, writer, pending):
    while True:
        frame = await read_frame(reader)
        (correlation,) = struct.unpack(">i", frame[:4])
        if correlation in pending:
            pending.discard(correlation)
            frame = rewrite_api_versions(frame)
        writer.write(struct.pack(">i", len(frame)) + frame)
        await writer.drain()


async def serve(client_reader, client_writer, upstream):
    host, port = upstream
    try:
        broker_reader, broker_writer = await asyncio.open_connection(host, port)
    except OSError:
        client_writer.close()
        return
    pending = set()
    tasks = [
        asyncio.create_task(client_to_broker(client_reader, broker_writer, pending)),
        asyncio.create_task(broker_to_client(broker_reader, client_writer, pending)),
    ]
    await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for task in tasks:
        task.cancel()
    for writer in (client_writer, broker_writer):
        writer.close()


def address(text):
    host, _, port = text.rpartition(":")
    return host, int(port)


async def main():
    listen, upstream = address(sys.argv[1]), address(sys.argv[2])
    server = await asyncio.start_server(lambda r, w: serve(r, w, upstream), *listen)
    print(f"kafka-shim: {sys.argv[1]} -> {sys.argv[2]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
