"""One endpoint's figures: its load, its floor, its 304, its round trips.

Every figure of a run is taken ``rounds`` times, the rounds interleaved
(endpoint, floor, 304, next endpoint...) so that a burst of other work on
the shared machine falls on all of them alike; the median of the rounds
is reported.
"""

import http.client
import statistics
import time

from tools.bench import dbcount
from tools.bench import endpoints
from tools.bench import wire
from tools.bench import wrk


def fetch(server, path, headers=None):
    """One GET: (status, headers dict with lower-case names, body)."""
    connection = http.client.HTTPConnection(server.host, server.port,
                                            timeout=300)
    try:
        connection.request('GET', path, headers=dict(
            headers or {}, Accept='application/json'))
        answer = connection.getresponse()
        return (answer.status, {k.lower(): v for k, v in
                                answer.getheaders()}, answer.read())
    finally:
        connection.close()


def probe(server, path, headers=None):
    """What a single GET of ``path`` gives: status, bytes, items, ETag
    and what the same GET with ``If-None-Match`` answers."""
    status, answer_headers, body = fetch(server, path, headers)
    found = {'status': status, 'bytes': len(body),
             'items': endpoints.items(body),
             'etag': answer_headers.get('etag')}
    if status != 200:
        found['error'] = body[:300].decode(errors='replace')
    elif found['etag']:
        again, _, again_body = fetch(server, path, dict(
            headers or {}, **{'If-None-Match': found['etag']}))
        found['conditional_status'] = again
        found['conditional_bytes'] = len(again_body)
    return found


def _collect(store, key, figures):
    entry = store.setdefault(key, {'rps': [], 'cpu_ms': [], 'p50_ms': [],
                                   'p99_ms': [], 'bad': 0, 'errors': 0})
    for name in ('rps', 'cpu_ms', 'p50_ms', 'p99_ms'):
        if figures.get(name) is not None:
            entry[name].append(figures[name])
    entry['bad'] += figures['bad']
    entry['errors'] += figures['errors']
    entry['tool'] = figures['tool']


def one_round(server, probes, options, store, headers=None, floors=True):
    """Load every probed endpoint once (and its floor and 304)."""
    for name, found in probes.items():
        if found['status'] != 200:
            continue
        _collect(store, name, wrk.drive(
            server, found['url'], options, headers,
            python=not server.name.startswith('gunicorn')))
        if floors and server.name.startswith('gunicorn'):
            _collect(store, name + ' floor', wrk.drive(
                server, '/__bench/floor?bytes=%d' % found['bytes'],
                options))
        if floors and found.get('conditional_status') == 304:
            _collect(store, name + ' 304', wrk.drive(
                server, found['url'], options, dict(
                    headers or {}, **{'If-None-Match': found['etag']})))


def summary(store):
    """{key: medians} of :func:`one_round`'s collected figures."""
    out = {}
    for key, entry in store.items():
        out[key] = {name: round(statistics.median(entry[name]), 3)
                    if entry[name] else None
                    for name in ('rps', 'cpu_ms', 'p50_ms', 'p99_ms')}
        out[key].update(bad=entry['bad'], errors=entry['errors'],
                        rounds=len(entry['rps']), tool=entry['tool'])
    return out


def probe_all(server, paths, project, headers=None):
    probes = {}
    for name, path in paths.items():
        found = probe(server, endpoints.url(path, project), headers)
        found['url'] = endpoints.url(path, project)
        probes[name] = found
    return probes


def _requests_for(server, path, headers, budget=2.0):
    """GETs a counting window takes: about ``budget`` seconds' worth."""
    began = time.perf_counter()
    fetch(server, path, headers)
    took = time.perf_counter() - began
    return max(5, min(50, int(budget / max(took, 1e-3))))


def round_trips(proxy, counters, server, probes, headers=None):
    """{name: {'wire': wire figures, 'server': dbcount figures}} for every
    probed endpoint that answers, on ``server`` (whose database
    connections go through ``proxy``)."""
    def get(path):
        status, _, body = fetch(server, path, headers)
        return status, body

    out = {}
    for name, found in probes.items():
        if found['status'] != 200:
            continue
        requests = _requests_for(server, found['url'], headers)
        out[name] = {
            'wire': wire.per_request(proxy, get, found['url'], requests),
            'server': dbcount.per_request(counters, get, found['url'],
                                          requests)}
    return out
