"""The one enginefacade of trove-datastore.

The manager decorates its operations with :data:`writer` or :data:`reader`;
a reader nested in a writer joins the writer's transaction, so an operation
happens whole or not at all.
"""

import functools

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade
from oslo_db.sqlalchemy import exc_filters
from sqlalchemy.engine import url as sa_url
from sqlalchemy import exc as sa_exc

from trove_datastore.db import sqlite
from trove_datastore.db import timeouts

context_manager = enginefacade.transaction_context()
# An embedded SQLite database queues concurrent writers (see db/sqlite.py).
context_manager.append_on_engine_create(sqlite.queue_writers)

reader = context_manager.reader

# How often an operation that lost a deadlock (or, on Galera, a
# certification race, which the server reports as a deadlock) runs again.
DEADLOCK_RETRIES = 5


def _in_transaction(context):
    """Whether ``context`` is inside an enginefacade transaction already
    (a writer called from another writer joins that one)."""
    scope = getattr(context, '_enginefacade_context', None)
    return getattr(scope, 'current', None) is not None


class _Writer(object):
    """enginefacade's writer, whose outermost transaction is retried as a
    whole when the database reports a deadlock: every write operation of
    the manager is, the same way. A writer nested in another only joins
    its transaction; the outer one is what runs again."""

    def __getattr__(self, name):
        return getattr(context_manager.writer, name)

    def __call__(self, function):
        transactional = context_manager.writer(function)
        retrying = oslo_db_api.wrap_db_retry(
            max_retries=DEADLOCK_RETRIES, retry_on_deadlock=True)(
                transactional)

        @functools.wraps(function)
        def write(context, *args, **kwargs):
            if _in_transaction(context):
                return transactional(context, *args, **kwargs)
            return retrying(context, *args, **kwargs)
        return write


writer = _Writer()


# libpq 14 and later word a refused connection 'connection to server at
# "host", port N failed', which oslo.db knows only in its older form; without
# this a database outage would be a 500 instead of a 503.
@exc_filters.filters('postgresql', sa_exc.OperationalError,
                     r'.*connection to server .* failed')
def _postgresql_connection_failed(error, match, engine_name, is_disconnect):
    raise db_exc.DBConnectionError(error)


def with_utf8mb4(connection):
    """MySQL URLs talk utf8mb4 unless they say otherwise: the tables are
    utf8mb4, and a utf8mb3 connection fails on four-byte characters."""
    if not connection:
        return connection
    try:
        url = sa_url.make_url(connection)
    except sa_exc.ArgumentError:
        return connection
    if url.get_backend_name() != 'mysql':
        return connection
    return timeouts.with_query_defaults(connection, url,
                                        {'charset': 'utf8mb4'})


def configure(conf):
    """Hand the [database] options to the facade (once, before first use)."""
    options = dict(conf.database.items())
    # Ours, not the facade's: they become driver parameters in the URLs.
    connect_timeout = options.pop('connect_timeout')
    query_timeout = options.pop('query_timeout')
    for key in ('connection', 'slave_connection'):
        options[key] = timeouts.connection_url(
            with_utf8mb4(options.get(key)), connect_timeout, query_timeout)
    if (sa_url.make_url(options['connection']).get_backend_name()
            == 'postgresql'):
        timeouts.bound_psycopg2_waits(connect_timeout, query_timeout)
    # Foreign keys guard "never a group on a deleted version" on SQLite
    # too; the facade ignores the option on other engines.
    options['sqlite_fk'] = True
    context_manager.configure(**options)


def get_engine():
    return context_manager.writer.get_engine()
