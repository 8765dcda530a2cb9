"""Finding datastores and versions by id or name (runs inside a caller's
transaction: every function takes the context first and uses its session).

Locks (doc/source/admin/invariants.rst): a write that changes a
datastore's versions or its default locks the datastore row first
(:func:`lock_datastore`); a write that needs a version to stay as it is
locks the version row (``lock=SHARE`` or ``lock=UPDATE``). A locking read
returns the row as last committed, so checks made on it hold until the
transaction ends, on every engine and isolation level.
"""

import sqlalchemy as sa

from trove_datastore.conf import CONF
from trove_datastore.db import models
from trove_datastore import exception

# Lock modes of the look-ups below: SHARE keeps a row from being changed
# or deleted (FOR KEY SHARE on PostgreSQL, LOCK IN SHARE MODE on MySQL);
# UPDATE is an exclusive FOR UPDATE. SQLite has one writer at a time.
SHARE = 'share'
UPDATE = 'update'


def _locked(query, lock):
    """``query`` as a locking read that refreshes the objects it loads."""
    if lock is None:
        return query
    if lock == SHARE:
        query = query.with_for_update(read=True, key_share=True)
    else:
        query = query.with_for_update()
    return query.execution_options(populate_existing=True)


def lock_datastore(context, datastore_id):
    """The datastore row locked FOR UPDATE, as last committed (None when
    it is gone)."""
    return context.session.scalars(_locked(
        sa.select(models.Datastore).where(
            models.Datastore.id == datastore_id), UPDATE)).first()


def find_datastore(context, ident, lock=False):
    """A datastore by id or by name (one query; an id match wins); with
    ``lock``, then locked by :func:`lock_datastore` (a second query)."""
    rows = context.session.scalars(
        sa.select(models.Datastore).where(sa.or_(
            models.Datastore.id == ident,
            models.Datastore.name == ident))).all()
    # Compared again in Python: MariaDB's PAD SPACE finds 'mysql' for
    # 'mysql ', which no other engine does.
    rows = [row for row in rows if ident in (row.id, row.name)]
    found = [row for row in rows if row.id == ident] or rows
    if found and lock:
        # Locked by primary key, so a missing name takes no gap lock;
        # None when a concurrent delete won.
        found = [lock_datastore(context, found[0].id)]
    if found and found[0] is not None:
        return found[0]
    raise exception.DatastoreNotFound(datastore=ident)


def lock_version(context, version_id):
    """(version, datastore) by version id with the datastore row locked
    first and then the version row, both FOR UPDATE: three queries."""
    DSV = models.DatastoreVersion
    datastore_id = context.session.execute(sa.select(DSV.datastore_id).where(
        DSV.id == version_id)).scalar()
    datastore = (lock_datastore(context, datastore_id)
                 if datastore_id is not None else None)
    version = context.session.scalars(_locked(sa.select(DSV).where(
        DSV.id == version_id), UPDATE)).first() if datastore else None
    # Exact, as in version_by_id (MariaDB compares with PAD SPACE).
    if version is None or version.id != version_id:
        raise exception.DatastoreVersionNotFound(version=version_id)
    return version, datastore


def version_by_id(context, version_id, with_datastore=False):
    """A version by id, or (version, datastore) with ``with_datastore``;
    one query either way."""
    DSV = models.DatastoreVersion
    if with_datastore:
        query = sa.select(DSV, models.Datastore).join(
            models.Datastore, models.Datastore.id == DSV.datastore_id)
    else:
        query = sa.select(DSV)
    row = context.session.execute(query.where(DSV.id == version_id)).first()
    if row is None or row[0].id != version_id:
        raise exception.DatastoreVersionNotFound(version=version_id)
    return (row[0], row[1]) if with_datastore else row[0]


def version_in_datastore(context, datastore_row, ident, version_number=None,
                         lock=None):
    """A version of ``datastore_row`` by id, or by name (and number).

    One query, a locking read with ``lock`` (SHARE or UPDATE). A name
    shared by several version numbers is ambiguous unless the number is
    given.
    """
    by_name = models.DatastoreVersion.name == ident
    if version_number is not None:
        by_name = sa.and_(by_name,
                          models.DatastoreVersion.version == version_number)
    rows = context.session.scalars(_locked(
        sa.select(models.DatastoreVersion).where(
            models.DatastoreVersion.datastore_id == datastore_row.id,
            sa.or_(models.DatastoreVersion.id == ident, by_name)),
        lock)).all()
    # Exact on every engine, as in find_datastore.
    rows = [row for row in rows if row.id == ident or (
        row.name == ident and version_number in (None, row.version))]
    for row in rows:
        if row.id == ident:
            return row
    if not rows:
        raise exception.DatastoreVersionNotFound(
            version=version_number if version_number is not None else ident)
    if len(rows) > 1:
        raise exception.DatastoreVersionsNoUniqueMatch(
            name=ident, datastore=datastore_row.name)
    return rows[0]


def resolve_version(context, datastore=None, version=None,
                    version_number=None, return_inactive=True, lock=None):
    """The (datastore, version) a request means, as Trove resolves them.

    A missing datastore falls back to ``[DEFAULT] default_datastore``; a
    missing version to the datastore's default version. ``lock`` (SHARE
    or UPDATE) reads the version row with a lock: a version a concurrent
    call deleted is then not found, as in a serial order.
    """
    if datastore:
        datastore_row = find_datastore(context, datastore)
    else:
        default = CONF.default_datastore
        if not default:
            raise exception.DatastoreDefaultDatastoreNotDefined()
        try:
            datastore_row = find_datastore(context, default)
        except exception.DatastoreNotFound:
            raise exception.DatastoreDefaultDatastoreNotFound(
                datastore=default)
    if version:
        version_row = version_in_datastore(context, datastore_row, version,
                                           version_number, lock=lock)
    else:
        if not datastore_row.default_version_id:
            raise exception.DatastoreDefaultVersionNotFound(
                datastore=datastore_row.name)
        version_row = context.session.scalars(_locked(
            sa.select(models.DatastoreVersion).where(
                models.DatastoreVersion.id
                == datastore_row.default_version_id), lock)).first()
        if version_row is None:
            raise exception.DatastoreDefaultVersionNotFound(
                datastore=datastore_row.name)
    if not return_inactive and not version_row.active:
        raise exception.DatastoreVersionInactive(version=version_row.name)
    return datastore_row, version_row
