#!/usr/bin/env python3
"""Helpers of scripts/bench/serve-load.sh, standard library only.

  slow_clients.py slow HOST:PORT N SECONDS
      Keeps N connections open that send a request head one byte a second and never
      finish it; a connection the server closes is opened again. Prints how many
      connections were opened and how many the server closed.

  slow_clients.py probe HOST:PORT SECONDS INTERVAL
      GETs /healthz on a new connection every INTERVAL seconds and prints the latency
      distribution (ms) and the failures (no answer within 5 s, or not 200).
"""
import asyncio
import socket
import sys
import time

HEAD = b"GET /healthz HTTP/1.1\r\nHost: chorus\r\nX-Slow: " + b"a" * 4000


async def slow_one(host, port, stop_at, stats):
    while time.monotonic() < stop_at:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            stats["connect_errors"] += 1
            await asyncio.sleep(1)
            continue
        stats["opened"] += 1
        try:
            for byte in HEAD:
                if time.monotonic() >= stop_at:
                    break
                writer.write(bytes([byte]))
                await writer.drain()
                # Closed by the server: read returns at once; otherwise wait a second.
                # An answer or the end of the stream: the server is done with us.
                try:
                    await asyncio.wait_for(reader.read(1024), timeout=1.0)
                    stats["closed_by_server"] += 1
                    break
                except asyncio.TimeoutError:
                    pass
        except OSError:
            stats["closed_by_server"] += 1
        finally:
            writer.close()


async def slow(addr, n, seconds):
    host, port = addr.rsplit(":", 1)
    stop_at = time.monotonic() + seconds
    stats = {"opened": 0, "closed_by_server": 0, "connect_errors": 0}
    tasks = []
    for _ in range(n):
        tasks.append(asyncio.create_task(slow_one(host, int(port), stop_at, stats)))
        await asyncio.sleep(0.001)
    await asyncio.gather(*tasks)
    print(
        "slow clients: %d connections opened, %d closed by the server, %d connect errors"
        % (stats["opened"], stats["closed_by_server"], stats["connect_errors"])
    )


def probe(addr, seconds, interval):
    host, port = addr.rsplit(":", 1)
    request = b"GET /healthz HTTP/1.1\r\nHost: chorus\r\nConnection: close\r\n\r\n"
    latencies, failures = [], 0
    stop_at = time.monotonic() + seconds
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        try:
            with socket.create_connection((host, int(port)), timeout=5) as s:
                s.sendall(request)
                answer = b""
                while True:
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    answer += chunk
            if answer.startswith(b"HTTP/1.1 200"):
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                failures += 1
        except OSError:
            failures += 1
        time.sleep(interval)
    latencies.sort()
    if latencies:
        p50 = latencies[len(latencies) // 2]
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        print(
            "healthz: %d answered, %d failed; latency ms p50 %.1f p99 %.1f max %.1f"
            % (len(latencies), failures, p50, p99, latencies[-1])
        )
    else:
        print("healthz: 0 answered, %d failed" % failures)


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "slow":
        asyncio.run(slow(sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
    elif len(sys.argv) == 5 and sys.argv[1] == "probe":
        probe(sys.argv[2], float(sys.argv[3]), float(sys.argv[4]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
