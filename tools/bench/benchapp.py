"""WSGI entry of the benchmark: the real application plus two probes.

gunicorn loads ``tools.bench.benchapp:application``. It is the
application of ``trove_datastore.wsgi.api`` (same configuration, same
middleware) wrapped by :class:`BenchApp`, which

- answers ``/__bench/floor?bytes=N`` with a static JSON body of N bytes,
  served by the same server, worker and threads: the floor a real
  endpoint of that size is compared with;
- answers ``/__bench/stats`` with the process's id, requests served and
  resident memory.

Nothing here changes what the application does with a request: no
listener is added to the database engine (round trips are counted by the
database server, CPU from /proc); the probes live outside its URL space
(``/__bench`` is not a Trove path).
"""

import json
import os
import resource
from urllib import parse

from trove_datastore.api import app as td_app
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


class BenchApp(object):

    def __init__(self, application):
        self.application = application
        self.requests = 0
        self.floors = {}

    def __call__(self, environ, start_response):
        path = environ.get('PATH_INFO', '')
        if path.startswith(PREFIX):
            return self.probe(path[len(PREFIX):], environ, start_response)
        # A lost increment between threads only blurs a diagnostic.
        self.requests += 1
        return self.application(environ, start_response)

    def probe(self, name, environ, start_response):
        query = dict(parse.parse_qsl(environ.get('QUERY_STRING', '')))
        if name == 'floor':
            size = int(query.get('bytes', '0'))
            body = self.floors.get(size)
            if body is None:
                body = self.floors[size] = floor_body(size)
        elif name == 'stats':
            body = json.dumps({'pid': os.getpid(),
                               'requests': self.requests,
                               'rss_bytes': resident_bytes()}).encode()
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
    return BenchApp(application)


application = init_application()
