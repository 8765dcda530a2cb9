"""SQLite as an embedded database for a threaded API.

SQLite locks the whole file. A transaction that starts with a plain
``BEGIN`` reads under a shared lock and asks for the write lock only at
its first write; when two such transactions both hold the shared lock,
the second to ask cannot wait (it would deadlock) and fails at once with
"database is locked", whatever the busy timeout. Starting every
transaction with ``BEGIN IMMEDIATE`` takes the write lock up front, so
concurrent transactions queue on the busy timeout instead of failing.
Reads queue too: an embedded database trades their concurrency for
writes that never fail under load.
"""

import sqlalchemy as sa

# How long a transaction waits for another to finish before "database is
# locked": long enough for any queue of this service's short transactions.
BUSY_TIMEOUT_MS = 30000


def _connected(dbapi_connection, connection_record):
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute('PRAGMA busy_timeout = %d' % BUSY_TIMEOUT_MS)
    finally:
        cursor.close()


def _begin_immediate(connection, cursor, statement, parameters, context,
                     executemany):
    # oslo.db turns pysqlite's own BEGIN off and sends a plain "BEGIN" at
    # the start of every transaction; this one asks for the write lock.
    if statement == 'BEGIN':
        statement = 'BEGIN IMMEDIATE'
    return statement, parameters


def queue_writers(engine):
    """Make ``engine`` (when it is SQLite) wait for the write lock instead
    of failing; other engines are left alone. Idempotent."""
    if engine.dialect.name != 'sqlite':
        return
    if sa.event.contains(engine, 'before_cursor_execute', _begin_immediate):
        return
    sa.event.listen(engine, 'connect', _connected)
    sa.event.listen(engine, 'before_cursor_execute', _begin_immediate,
                    retval=True)
