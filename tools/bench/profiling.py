"""In-process profile of the endpoints: where a request's CPU goes.

The application is built exactly as the server builds it and called
directly through WSGI, one request at a time under cProfile, so the
figures show the service's own code without the HTTP server and the
load generator. Self time is grouped by area (SQL driver, SQLAlchemy,
Pecan/WebOb, oslo, JSON, trove_datastore's views, manager...).
"""

import cProfile
import io
import pstats
import sys
import time

from trove_datastore.api import app as td_app

AREAS = (
    ('json', ('/json/', 'jsonutils', '_json')),
    ('db driver', ('/pymysql/', '/psycopg2/', 'sqlite3')),
    ('sqlalchemy', ('/sqlalchemy/',)),
    ('oslo.db', ('/oslo_db/',)),
    ('oslo.policy', ('/oslo_policy/',)),
    ('oslo.middleware/context/log', ('/oslo_middleware/', '/oslo_context/',
                                     '/oslo_log/', '/oslo_config/',
                                     '/oslo_utils/', '/logging/')),
    ('pecan/webob', ('/pecan/', '/webob/')),
    ('trove_datastore views', ('/trove_datastore/api/views',)),
    ('trove_datastore api', ('/trove_datastore/api/',)),
    ('trove_datastore manager/db', ('/trove_datastore/manager/',
                                    '/trove_datastore/db/',
                                    '/trove_datastore/rules')),
    ('trove_datastore other', ('/trove_datastore/',)),
)


def area_of(filename):
    for name, markers in AREAS:
        if any(marker in filename for marker in markers):
            return name
    if filename.startswith('~') or filename == '':
        return 'builtins'
    return 'other python'


def _environ(path):
    path_info, _, query = path.partition('?')
    return {
        'REQUEST_METHOD': 'GET', 'PATH_INFO': path_info,
        'QUERY_STRING': query, 'SERVER_NAME': '127.0.0.1',
        'SERVER_PORT': '80', 'HTTP_HOST': '127.0.0.1',
        'HTTP_ACCEPT': 'application/json', 'SERVER_PROTOCOL': 'HTTP/1.1',
        'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(b''),
        'wsgi.errors': sys.stderr, 'wsgi.version': (1, 0),
        'wsgi.multithread': True, 'wsgi.multiprocess': False,
        'wsgi.run_once': False,
    }


def _call(application, path):
    status = []
    body = b''.join(application(
        _environ(path), lambda s, h, e=None: status.append(s)))
    return status[0], body


def profile(paths, requests, top=12):
    """{name: {'areas': {area: share}, 'top': [...], 'ms_per_request'}}
    for ``paths`` ({name: path}); the service configuration must be
    loaded already."""
    td_app.set_middleware_defaults()
    application = td_app.make_app()
    report = {}
    for name, path in paths.items():
        for _ in range(3):
            _call(application, path)
        # CPU time: a wall clock would count waiting on the database.
        profiler = cProfile.Profile(time.process_time)
        profiler.enable()
        for _ in range(requests):
            status, _ = _call(application, path)
        profiler.disable()
        stats = pstats.Stats(profiler)
        total = sum(row[2] for row in stats.stats.values()) or 1e-9
        areas = {}
        rows = []
        for (filename, line, function), row in stats.stats.items():
            self_time = row[2]
            area = area_of(filename)
            areas[area] = areas.get(area, 0.0) + self_time
            rows.append((self_time, row[1], '%s:%d(%s)%s' % (
                _short(filename), line, function, _caller(row[4]))))
        rows.sort(reverse=True)
        report[name] = {
            'status': status,
            'ms_per_request': round(total / requests * 1000.0, 3),
            'areas': {area: round(seconds / total, 3) for area, seconds
                      in sorted(areas.items(), key=lambda a: -a[1])},
            'top': [{'self_ms_per_request': round(t / requests * 1000, 4),
                     'calls_per_request': round(c / requests, 1),
                     'function': where} for t, c, where in rows[:top]],
        }
    return report


def _caller(callers):
    """' <- the caller that spent the most time in it'."""
    if not callers:
        return ''
    (filename, line, function), _ = max(
        callers.items(), key=lambda item: item[1][2])
    return ' <- %s:%d(%s)' % (_short(filename), line, function)


def _short(filename):
    for marker in ('site-packages/', 'lib/python3'):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def render(report):
    out = io.StringIO()
    for name, entry in report.items():
        out.write('\n%s: %s, %.2f ms CPU per request (profiled)\n'
                  % (name, entry['status'], entry['ms_per_request']))
        out.write('  by area: %s\n' % ', '.join(
            '%s %d%%' % (area, round(share * 100))
            for area, share in entry['areas'].items() if share >= 0.01))
        for row in entry['top']:
            out.write('  %8.4f ms %8.1f calls  %s\n' % (
                row['self_ms_per_request'], row['calls_per_request'],
                row['function']))
    return out.getvalue()


def _child(queue, paths, conf_file, requests):
    try:
        from trove_datastore.db import api as db_api
        from trove_datastore import service
        service.prepare(default_config_files=[conf_file])
        db_api.configure(service.CONF)
        queue.put(profile(paths, requests))
    except BaseException as error:
        queue.put({'error': {'status': repr(error), 'ms_per_request': 0,
                             'areas': {}, 'top': []}})


def profile_in_child(paths, conf_file, requests):
    """:func:`profile` in a forked child configured from ``conf_file``."""
    import multiprocessing
    context = multiprocessing.get_context('fork')
    queue = context.Queue()
    child = context.Process(target=_child, args=(queue, paths, conf_file,
                                                 requests))
    child.start()
    found = queue.get()
    child.join()
    return found
