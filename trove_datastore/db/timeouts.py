"""Bounded waits on the database, so an outage is a prompt 503.

A database that accepts connections and never answers would otherwise
hold a request (and its worker) for as long as the TCP connection lives:
neither PyMySQL nor libpq gives up on a silent server by default.

MySQL/MariaDB: PyMySQL's ``connect_timeout`` bounds the TCP connect and
the login handshake, ``read_timeout``/``write_timeout`` every later
socket wait.

PostgreSQL: libpq's ``connect_timeout`` and, on the server,
``statement_timeout`` bound the normal cases; keepalives and
``tcp_user_timeout`` notice a network path that is gone. None of those
bounds a server (or proxy) that keeps the TCP connection alive and never
answers, so psycopg2 also waits through :func:`_wait_bounded`, which
gives up a few seconds after the server should have cancelled the
statement itself.
"""

import select

from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import exc_filters
from sqlalchemy.engine import url as sa_url
from sqlalchemy import exc as sa_exc

# The client-side bound on PostgreSQL is this much longer than the
# server's statement_timeout, so that a slow statement normally ends
# with the server's clean cancellation, not a dropped connection.
_CLIENT_GRACE = 2


def connection_url(connection, connect_timeout, query_timeout):
    """``connection`` with the timeout parameters of its driver added,
    except those the URL already sets."""
    if not connection:
        return connection
    try:
        url = sa_url.make_url(connection)
    except sa_exc.ArgumentError:
        return connection
    backend = url.get_backend_name()
    if backend == 'mysql':
        wanted = {'connect_timeout': connect_timeout,
                  'read_timeout': query_timeout,
                  'write_timeout': query_timeout}
    elif backend == 'postgresql':
        wanted = {'connect_timeout': connect_timeout,
                  'options': '-c statement_timeout=%d'
                             % (query_timeout * 1000),
                  'keepalives': 1,
                  'keepalives_idle': query_timeout,
                  'keepalives_interval': max(1, query_timeout // 3),
                  'keepalives_count': 3,
                  'tcp_user_timeout': query_timeout * 1000}
    else:
        return connection
    return with_query_defaults(connection, url, wanted)


def with_query_defaults(connection, url, wanted):
    """``connection`` (parsed as ``url``) with the parameters of
    ``wanted`` it does not set already; unchanged when it sets them all."""
    missing = {name: str(value) for name, value in wanted.items()
               if name not in url.query}
    if not missing:
        return connection
    return url.update_query_dict(missing).render_as_string(
        hide_password=False)


_BOUNDS = {}


# Through the wait callback psycopg2 connects asynchronously, and a
# failed connect then reports only the socket's error ("Connection
# refused"), without libpq's "connection to server ... failed" that
# oslo.db recognises: still an unreachable database, so a 503.
@exc_filters.filters('postgresql', sa_exc.OperationalError,
                     r'(?i).*\b(connection refused|connection timed out|'
                     r'no route to host|network is unreachable|'
                     r'could not translate host name)')
def _postgresql_unreachable(error, match, engine_name, is_disconnect):
    raise db_exc.DBConnectionError(error)


def bound_psycopg2_waits(connect_timeout, query_timeout):
    """Make every psycopg2 wait in this process give up after the given
    seconds (process-wide: psycopg2 has one wait callback)."""
    try:
        from psycopg2 import extensions
    except ImportError:
        return
    _BOUNDS['connect'] = connect_timeout
    _BOUNDS['query'] = query_timeout + _CLIENT_GRACE
    extensions.set_wait_callback(_wait_bounded)


def _wait_bounded(connection):
    """psycopg2 wait callback: poll the connection until its operation
    completes, at most the bound between two pieces of progress."""
    import psycopg2
    from psycopg2 import extensions

    setting_up = connection.status == extensions.STATUS_SETUP
    bound = _BOUNDS['connect' if setting_up else 'query']
    poller = select.poll()
    while True:
        state = connection.poll()
        if state == extensions.POLL_OK:
            return
        if state == extensions.POLL_READ:
            poller.register(connection.fileno(), select.POLLIN)
        elif state == extensions.POLL_WRITE:
            poller.register(connection.fileno(), select.POLLOUT)
        else:
            raise psycopg2.OperationalError('unexpected poll state %r'
                                            % state)
        ready = poller.poll(bound * 1000)
        poller.unregister(connection.fileno())
        if not ready:
            # Worded like libpq's own message for a lost server, so that
            # SQLAlchemy treats the connection as gone (invalidated, and
            # a 503 rather than a 500).
            raise psycopg2.OperationalError(
                'could not receive data from server: no answer in %d '
                'seconds' % bound)
