"""A closed-loop HTTP load generator on loopback.

``concurrency`` threads each keep one HTTP/1.1 keep-alive connection and
send the next request as soon as the previous answer is read, until the
time is up or the shared request budget is spent. Latency is measured per
request, from sending to the last body byte.
"""

import http.client
import threading
import time


class Result(object):

    def __init__(self, latencies, statuses, sizes, errors, elapsed):
        self.latencies = sorted(latencies)
        self.statuses = statuses
        self.sizes = sizes
        self.errors = errors
        self.elapsed = elapsed

    @property
    def requests(self):
        return len(self.latencies)

    @property
    def rate(self):
        return self.requests / self.elapsed if self.elapsed else 0.0

    def percentile(self, fraction):
        if not self.latencies:
            return None
        index = min(int(fraction * len(self.latencies)),
                    len(self.latencies) - 1)
        return self.latencies[index]

    @property
    def bytes(self):
        """The body size, when every answer had the same; else the
        largest."""
        return max(self.sizes) if self.sizes else 0


class _Budget(object):

    def __init__(self, limit, deadline):
        self.limit = limit
        self.deadline = deadline
        self.taken = 0
        self.lock = threading.Lock()

    def take(self):
        if time.perf_counter() >= self.deadline:
            return False
        if not self.limit:
            return True
        with self.lock:
            if self.taken >= self.limit:
                return False
            self.taken += 1
            return True


def _client(host, port, path, headers, budget, start, out):
    latencies, statuses, sizes = [], {}, set()
    errors = 0
    connection = http.client.HTTPConnection(host, port, timeout=60)
    start.wait()
    while budget.take():
        began = time.perf_counter()
        try:
            connection.request('GET', path, headers=headers)
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=60)
            continue
        latencies.append(time.perf_counter() - began)
        statuses[response.status] = statuses.get(response.status, 0) + 1
        sizes.add(len(body))
    connection.close()
    out.append((latencies, statuses, sizes, errors))


def run(host, port, path, concurrency, duration, max_requests=0,
        headers=None):
    """Drive ``GET path`` and return a :class:`Result`."""
    headers = dict(headers or {}, Accept='application/json')
    start = threading.Event()
    out = []
    budget = _Budget(max_requests, float('inf'))
    threads = [threading.Thread(target=_client, daemon=True, args=(
        host, port, path, headers, budget, start, out))
        for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    # Connections are opened lazily by the first request, so setting the
    # deadline here counts connecting as part of the run.
    began = time.perf_counter()
    budget.deadline = began + duration
    start.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies, statuses, sizes, errors = [], {}, set(), 0
    for lat, stat, size, err in out:
        latencies.extend(lat)
        for code, count in stat.items():
            statuses[code] = statuses.get(code, 0) + count
        sizes |= size
        errors += err
    return Result(latencies, statuses, sizes, errors, elapsed)


def get(host, port, path, headers=None):
    """One request: (status, body bytes)."""
    connection = http.client.HTTPConnection(host, port, timeout=120)
    try:
        connection.request('GET', path, headers=dict(
            headers or {}, Accept='application/json'))
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()
