"""Finding datastores and versions by id or name (runs inside a caller's
transaction: every function takes the context first and uses its session).
"""

import sqlalchemy as sa

from trove_datastore.conf import CONF
from trove_datastore.db import models
from trove_datastore import exception


def find_datastore(context, ident):
    """A datastore by id or by name (one query; an id match wins)."""
    rows = context.session.scalars(
        sa.select(models.Datastore).where(sa.or_(
            models.Datastore.id == ident,
            models.Datastore.name == ident))).all()
    # Compared again in Python: MariaDB's PAD SPACE finds 'mysql' for
    # 'mysql ', which no other engine does.
    rows = [row for row in rows if ident in (row.id, row.name)]
    for row in rows:
        if row.id == ident:
            return row
    if rows:
        return rows[0]
    raise exception.DatastoreNotFound(datastore=ident)


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


def version_in_datastore(context, datastore_row, ident, version_number=None):
    """A version of ``datastore_row`` by id, or by name (and number).

    One query. A name shared by several version numbers is ambiguous unless
    the number is given.
    """
    by_name = models.DatastoreVersion.name == ident
    if version_number is not None:
        by_name = sa.and_(by_name,
                          models.DatastoreVersion.version == version_number)
    rows = context.session.scalars(
        sa.select(models.DatastoreVersion).where(
            models.DatastoreVersion.datastore_id == datastore_row.id,
            sa.or_(models.DatastoreVersion.id == ident, by_name))).all()
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
        raise exception.DatastoreVersionsNoUniqueMatch(name=ident)
    return rows[0]


def resolve_version(context, datastore=None, version=None,
                    version_number=None, return_inactive=True):
    """The (datastore, version) a request means, as Trove resolves them.

    A missing datastore falls back to ``[DEFAULT] default_datastore``; a
    missing version to the datastore's default version.
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
                                           version_number)
    else:
        if not datastore_row.default_version_id:
            raise exception.DatastoreDefaultVersionNotFound(
                datastore=datastore_row.name)
        version_row = context.session.get(models.DatastoreVersion,
                                          datastore_row.default_version_id)
        if version_row is None:
            raise exception.DatastoreDefaultVersionNotFound(
                datastore=datastore_row.name)
    if not return_inactive and not version_row.active:
        raise exception.DatastoreVersionInactive(version=version_row.name)
    return datastore_row, version_row
