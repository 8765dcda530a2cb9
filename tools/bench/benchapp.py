"""WSGI entry of the benchmark: the real application plus two probes.

gunicorn loads ``tools.bench.benchapp:application``. It is the
application of ``trove_datastore.wsgi.api`` (same configuration, same
middleware) wrapped by :class:`BenchApp`, which

- counts the SQL statements every request sends, on the engine the
  service really uses (an SQLAlchemy ``before_cursor_execute`` listener);
- answers ``/__bench/floor?bytes=N`` with a static JSON body of N bytes,
  served by the same server, worker and threads: the floor a real
  endpoint of that size is compared with;
- answers ``/__bench/stats`` with the process's counters: requests,
  statements (total and the smallest and largest count of one request
  since the last ``?reset=1``), database round trips (statements plus
  commits, rollbacks, pool resets and pre-pings), CPU seconds and
  resident memory.

Nothing here changes what the application does with a request; the
probes live outside its URL space (``/__bench`` is not a Trove path).
"""

import json
import os
import resource
import threading
import time
from urllib import parse

import sqlalchemy as sa

from trove_datastore.api import app as td_app
from trove_datastore.db import api as db_api
from trove_datastore import service

PREFIX = '/__bench/'


def resident_bytes():
    """Current resident set size of this process."""
    try:
        with open('/proc/self/statm') as statm:
            pages = int(statm.read().split()[1])
        return pages * os.sysconf('SC_PAGE_SIZE')
    except (OSError, ValueError, IndexError):
        # No /proc: the peak is the best figure available.
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def floor_body(size):
    """A JSON document of exactly ``size`` bytes (at least the envelope)."""
    envelope = b'{"floor":""}'
    return envelope[:-2] + b'x' * max(size - len(envelope), 0) + b'"}'


class Meter(object):
    """Statement and request counters, safe across worker threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.local = threading.local()
        self.requests = 0
        self.statements = 0
        self.trips = 0
        self.window_min = None
        self.window_max = None
        self.last_statements = []

    def on_statement(self, conn, cursor, statement, parameters, context,
                     executemany):
        seen = getattr(self.local, 'statements', None)
        if seen is not None:
            seen.append(statement)

    def on_round_trip(self, *args, **kwargs):
        # Transaction ends, pool resets and pre-pings are database round
        # trips that are not statements; they are counted apart.
        if getattr(self.local, 'statements', None) is not None:
            self.local.trips += 1

    def begin(self):
        self.local.statements = []
        self.local.trips = 0

    def end(self):
        seen = self.local.statements
        self.local.statements = None
        count = len(seen)
        with self.lock:
            self.requests += 1
            self.statements += count
            self.trips += count + self.local.trips
            if self.window_min is None or count < self.window_min:
                self.window_min = count
            if self.window_max is None or count > self.window_max:
                self.window_max = count
            self.last_statements = seen

    def snapshot(self, reset=False):
        with self.lock:
            document = {
                'requests': self.requests,
                'statements': self.statements,
                'round_trips': self.trips,
                'statements_min': self.window_min,
                'statements_max': self.window_max,
                'last_statements': self.last_statements,
                'cpu_seconds': time.process_time(),
                'rss_bytes': resident_bytes(),
                'max_rss_bytes': resource.getrusage(
                    resource.RUSAGE_SELF).ru_maxrss * 1024,
                'pid': os.getpid(),
            }
            if reset:
                self.window_min = self.window_max = None
        return document


class BenchApp(object):

    def __init__(self, application, engine):
        self.application = application
        self.meter = Meter()
        self.floors = {}
        sa.event.listen(engine, 'before_cursor_execute',
                        self.meter.on_statement)
        for name in ('commit', 'rollback'):
            sa.event.listen(engine, name, self.meter.on_round_trip)
        sa.event.listen(engine.pool, 'reset', self.meter.on_round_trip)
        if getattr(engine.pool, '_pre_ping', False) and not isinstance(
                engine.pool, sa.pool.NullPool):
            sa.event.listen(engine.pool, 'checkout',
                            self.meter.on_round_trip)

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '')
        if path.startswith(PREFIX):
            return self.probe(path[len(PREFIX):], environ, start_response)
        self.meter.begin()
        try:
            # Pecan renders the whole body inside this call, so every
            # statement of the request is counted when it returns.
            return self.application(environ, start_response)
        finally:
            self.meter.end()

    def probe(self, name, environ, start_response):
        query = dict(parse.parse_qsl(environ.get('QUERY_STRING', '')))
        if name == 'floor':
            size = int(query.get('bytes', '0'))
            body = self.floors.get(size)
            if body is None:
                body = self.floors[size] = floor_body(size)
        elif name == 'stats':
            body = json.dumps(self.meter.snapshot(
                reset=query.get('reset') == '1')).encode()
        else:
            start_response('404 Not Found', [('Content-Length', '0')])
            return [b'']
        start_response('200 OK', [('Content-Type', 'application/json'),
                                  ('Content-Length', str(len(body)))])
        return [body]


def init_application():
    service.prepare(
        default_config_files=service.config_files_from_environment())
    application = td_app.load_app()
    return BenchApp(application, db_api.get_engine())


application = init_application()
