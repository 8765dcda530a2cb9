"""The one enginefacade of trove-datastore.

The manager decorates its operations with :data:`writer` or :data:`reader`;
a reader nested in a writer joins the writer's transaction, so an operation
happens whole or not at all. Every outermost write also moves the catalog
generation on (db/generation.py), in the same transaction.

Database round trips are what a small read costs most, so the pool does
none that a read does not need (db/round_trips.py): no ping before each
use (a connection found dead by the first statement of a transaction
makes that transaction run again on a new connection instead), and no
second rollback when a connection goes back to the pool.
"""

import functools

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_db.sqlalchemy import enginefacade
from oslo_db.sqlalchemy import exc_filters
from sqlalchemy.engine import url as sa_url
from sqlalchemy import exc as sa_exc

from trove_datastore.db import generation
from trove_datastore.db import round_trips
from trove_datastore.db import sqlite
from trove_datastore.db import timeouts

context_manager = enginefacade.transaction_context()
# An embedded SQLite database queues concurrent writers (see db/sqlite.py).
context_manager.append_on_engine_create(sqlite.queue_writers)
context_manager.append_on_engine_create(round_trips.trim)

# How often an operation that lost a deadlock (or, on Galera, a
# certification race, which the server reports as a deadlock) runs again.
DEADLOCK_RETRIES = 5


def _in_transaction(context):
    """Whether ``context`` is inside an enginefacade transaction already
    (a writer called from another writer joins that one)."""
    scope = getattr(context, '_enginefacade_context', None)
    return getattr(scope, 'current', None) is not None


def _bumping(function):
    """``function``, then the catalog generation moved on (in the same
    transaction: the caller is a writer)."""
    @functools.wraps(function)
    def bumped(context, *args, **kwargs):
        result = function(context, *args, **kwargs)
        generation.bump(context.session)
        return result
    return bumped


def _outermost_retried(function, joined, outermost, **retry):
    """``function`` as ``joined`` inside a transaction already, else as
    ``outermost``, run again on the errors ``retry`` names and on a
    connection found dead by the first statement."""
    retrying = oslo_db_api.wrap_db_retry(
        exception_checker=round_trips.replayable, **retry)(outermost)

    @functools.wraps(function)
    def run(context, *args, **kwargs):
        if _in_transaction(context):
            return joined(context, *args, **kwargs)
        return retrying(context, *args, **kwargs)
    return run


class _Writer(object):
    """enginefacade's writer, whose outermost transaction is retried as a
    whole when the database reports a deadlock: every write operation of
    the manager is, the same way. A writer nested in another only joins
    its transaction; the outer one is what runs again, and the outer one
    moves the catalog generation on."""

    def __getattr__(self, name):
        return getattr(context_manager.writer, name)

    def __call__(self, function):
        return _outermost_retried(
            function, context_manager.writer(function),
            context_manager.writer(_bumping(function)),
            max_retries=DEADLOCK_RETRIES, retry_on_deadlock=True)


class _Reader(object):
    """enginefacade's reader, whose outermost transaction runs once more
    when its connection turned out dead at the first statement (the pool
    does not ping: see db/round_trips.py)."""

    def __getattr__(self, name):
        return getattr(context_manager.reader, name)

    def __call__(self, function):
        transactional = context_manager.reader(function)
        return _outermost_retried(
            function, transactional, transactional, max_retries=1,
            retry_interval=0, inc_retry_interval=False)


writer = _Writer()
reader = _Reader()


def read_generation(context):
    """The catalog generation, in the context's transaction (a reader's
    first statement: see :func:`round_trips.replayable`)."""
    # On the session's connection: the ORM's execute path adds nothing
    # to a one-column select but CPU.
    connection = context.session.connection()
    round_trips.read_in_autocommit(connection)
    return generation.read(connection)


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
