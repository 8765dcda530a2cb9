#!/usr/bin/env python3
"""A bounded closed-loop load on one URL: N keep-alive clients, each
sending R GETs; prints requests/s, failures and p50/p99 latency.

    python3 tools/bench/clients.py \\
        --url http://127.0.0.1:8779/v1.0/p/datastores \\
        --clients 200 --requests 25

Any server (the trove-datastore-api console script, gunicorn...): it only
drives HTTP. Loopback only; it stops after clients x requests answers.
"""

import argparse
import http.client
import json
import threading
import time
from urllib import parse


def client(host, port, path, count, barrier, results):
    latencies, failures = [], []
    connection = http.client.HTTPConnection(host, port, timeout=60)
    barrier.wait()
    for _ in range(count):
        start = time.perf_counter()
        try:
            connection.request('GET', path)
            answer = connection.getresponse()
            answer.read()
            if answer.status != 200:
                failures.append(answer.status)
            if answer.getheader('Connection', '').lower() == 'close':
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            failures.append(type(error).__name__)
            connection.close()
        latencies.append(time.perf_counter() - start)
    connection.close()
    results.append((latencies, failures))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--url', required=True)
    parser.add_argument('--clients', type=int, default=8)
    parser.add_argument('--requests', type=int, default=50,
                        help='GETs per client')
    args = parser.parse_args()
    url = parse.urlsplit(args.url)
    if url.hostname not in ('127.0.0.1', 'localhost', '::1'):
        parser.error('loopback URLs only')
    barrier = threading.Barrier(args.clients + 1)
    results = []
    threads = [threading.Thread(target=client, args=(
        url.hostname, url.port or 80, url.path or '/', args.requests,
        barrier, results)) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    latencies = sorted(lat for result in results for lat in result[0])
    failures = [f for result in results for f in result[1]]
    print(json.dumps({
        'clients': args.clients, 'requests': len(latencies),
        'failures': len(failures), 'failure_kinds': sorted(set(map(
            str, failures))),
        'requests_per_s': round(len(latencies) / elapsed, 1),
        'p50_ms': round(1000 * latencies[len(latencies) // 2], 1),
        'p99_ms': round(1000 * latencies[int(len(latencies) * 0.99) - 1],
                        1)}))


if __name__ == '__main__':
    main()
