"""No database round trip that a request does not need.

oslo.db's engines ping the server each time a connection leaves the pool
(one round trip), and SQLAlchemy's pool rolls a connection back when it
returns, although the session has just ended its transaction (another).
For a read of one statement those two are half of its round trips.

- No ping: a connection the server dropped while it sat in the pool
  (restart, failover, idle timeout) fails at its first statement. That
  error is marked here as *replayable*, since nothing of the transaction
  happened; the pool is invalidated as usual, and ``db_api`` runs the
  transaction once more, on a new connection.
- Reset on return only when the connection is inside a transaction:
  every transaction begin, commit and rollback is followed, and a
  connection the pool knows nothing about (just made) is rolled back.
"""

from oslo_db import exception as db_exc
import sqlalchemy as sa
from sqlalchemy import pool as sa_pool

_OPEN = 'trove_datastore.open_transaction'
_STATEMENTS = 'trove_datastore.statements_since_checkout'
_AUTOCOMMIT = 'trove_datastore.reading_in_autocommit'


def trim(engine):
    """Engine hook (``append_on_engine_create``)."""
    pool = engine.pool
    if isinstance(pool, sa_pool.NullPool):
        return
    # oslo.db always asks for pre-ping and offers no option to refuse it.
    pool._pre_ping = False
    pool._reset_on_return = sa_pool.reset_none
    sa.event.listen(pool, 'checkout', _checked_out)
    sa.event.listen(pool, 'reset', _reset)
    sa.event.listen(engine, 'begin', _began)
    sa.event.listen(engine, 'commit', _ended)
    sa.event.listen(engine, 'rollback', _ended)
    sa.event.listen(engine, 'before_cursor_execute', _statement)
    # Before oslo.db's own handler, which raises its translated error.
    sa.event.listen(engine, 'handle_error', _mark_replayable, insert=True)


def _checked_out(dbapi_connection, record, proxy):
    record.info[_STATEMENTS] = 0


def _began(connection):
    connection.info[_OPEN] = True


def _ended(connection):
    # An invalidated connection has no pool record left to mark (asking
    # for its info would try to reconnect inside the rollback).
    if not connection.invalidated:
        connection.info[_OPEN] = False


def _statement(connection, cursor, statement, parameters, context,
               executemany):
    info = connection.info
    info[_STATEMENTS] = info.get(_STATEMENTS, 0) + 1


def _reset(dbapi_connection, record, state):
    if state.terminate_only:
        return
    if record.info.pop(_AUTOCOMMIT, False):
        dbapi_connection.autocommit = False
    if record.info.get(_OPEN, True):
        dbapi_connection.rollback()
        record.info[_OPEN] = False


def _mark_replayable(context):
    """A connection lost at the first statement after it left the pool:
    the transaction did nothing and may run again."""
    connection = context.connection
    if connection is None or context.is_pre_ping:
        return
    try:
        info = connection.info
    except sa.exc.SQLAlchemyError:
        return
    # Whatever failed, the connection is rolled back when it returns.
    info[_OPEN] = True
    first = info.get(_STATEMENTS) == 1
    if first and context.is_disconnect:
        context.sqlalchemy_exception.replayable = True


def replayable(error):
    """``wrap_db_retry`` checker: a transaction whose connection was found
    dead by its first statement."""
    return (isinstance(error, db_exc.DBConnectionError)
            and getattr(error.inner_exception, 'replayable', False))


def read_in_autocommit(connection):
    """On PostgreSQL, run the rest of this read transaction's statements
    without BEGIN and ROLLBACK: psycopg2 sends BEGIN as a round trip of
    its own, and under READ COMMITTED each statement of a transaction
    has its own snapshot anyway, so nothing a read sees changes. The
    connection is back in transactional mode when it returns to the
    pool. Elsewhere (and on a pool this module did not trim) nothing.
    ``connection``: the read session's ``connection()``."""
    if connection.dialect.name != 'postgresql':
        return
    if not sa.event.contains(connection.engine.pool, 'reset', _reset):
        return
    dbapi_connection = connection.connection.dbapi_connection
    from psycopg2 import extensions
    if dbapi_connection.status == extensions.STATUS_READY:
        dbapi_connection.autocommit = True
        connection.info[_AUTOCOMMIT] = True
