"""Datastores: listing, showing, deleting, and setting the default version."""

import uuid

from oslo_db import exception as db_exc
import sqlalchemy as sa

from trove_datastore.db import api as db_api
from trove_datastore.db import models
from trove_datastore import exception
from trove_datastore.manager import lookup
from trove_datastore.manager import paging

DS = models.Datastore
DSV = models.DatastoreVersion


_VERSION_COLUMNS = (DSV.id, DSV.datastore_id, DSV.name, DSV.version,
                    DSV.active, DSV.packages, DSV.image_id, DSV.image_tags,
                    DSV.registry_ext, DSV.repl_strategy)


def _versions_of(context, datastore_ids, active_only):
    """Versions of several datastores in one query, grouped by datastore
    (plain rows of the columns the views show)."""
    grouped = {ds_id: [] for ds_id in datastore_ids}
    if not datastore_ids:
        return grouped
    query = sa.select(*_VERSION_COLUMNS).where(
        DSV.datastore_id.in_(datastore_ids))
    if active_only:
        query = query.where(DSV.active.is_(True))
    query = query.order_by(DSV.name, DSV.version)
    for version in context.session.execute(query):
        grouped[version.datastore_id].append(version)
    return grouped


@db_api.reader
def list_datastores(context, include_hidden, page=None):
    """Datastores by name with their versions: (rows, next_marker).

    Each row is ``(datastore, [versions])``. Without ``include_hidden``
    only datastores with an active version are listed, with their active
    versions only. Two queries, three with a marker.
    """
    page = page or paging.Page()
    query = sa.select(DS.id, DS.name, DS.default_version_id)
    if not include_hidden:
        query = query.where(sa.exists().where(
            DSV.datastore_id == DS.id, DSV.active.is_(True)))
    # Names are unique: they order completely, on their index.
    datastores, last = paging.fetch(
        context.session, page, query, (DS.name,),
        paging.start(context.session, page, sa.select(DS.name), DS.id))
    versions = _versions_of(context, [d.id for d in datastores],
                            active_only=not include_hidden)
    rows = [(d, versions[d.id]) for d in datastores]
    return rows, (last.id if last is not None else None)


@db_api.reader
def get_datastore(context, ident, include_hidden):
    datastore = lookup.find_datastore(context, ident)
    versions = _versions_of(context, [datastore.id],
                            active_only=not include_hidden)
    return datastore, versions[datastore.id]


def delete_datastore(context, ident):
    try:
        _delete_datastore(context, ident)
    except db_exc.DBReferenceError:
        # The foreign key of a version created meanwhile refused it.
        raise exception.DatastoreVersionsExist(datastore=ident)


@db_api.writer
def _delete_datastore(context, ident):
    # Version creates lock the datastore row too: they take turns.
    datastore = lookup.find_datastore(context, ident, lock=True)
    has_versions = context.session.execute(
        sa.select(sa.literal(1)).where(
            DSV.datastore_id == datastore.id).limit(1)
        .with_for_update(read=True, key_share=True)).first()
    if has_versions:
        raise exception.DatastoreVersionsExist(datastore=ident)
    context.session.delete(datastore)
    context.session.flush()


@db_api.writer
def ensure_datastore(context, name):
    """The datastore called ``name``, created when missing; an existing
    one is locked (:func:`lookup.lock_datastore`)."""
    try:
        return lookup.find_datastore(context, name, lock=True)
    except exception.DatastoreNotFound:
        datastore = DS(id=str(uuid.uuid4()), name=name)
        context.session.add(datastore)
        context.session.flush()
        return datastore


def set_default_version(context, datastore, version):
    """Make ``version`` (a row of ``datastore``) the default; it must be
    active. Runs in the caller's transaction, which has locked the
    datastore row."""
    if not version.active:
        raise exception.DefaultVersionInactive(version=version.name)
    datastore.default_version_id = version.id


@db_api.writer
def update_default_version(context, datastore_name, version_ident):
    """trove-manage datastore_update: create the datastore when missing,
    then set (or with an empty ident, clear) its default version."""
    datastore = ensure_datastore(context, datastore_name)
    if not version_ident:
        datastore.default_version_id = None
        return datastore, None
    version = lookup.version_in_datastore(context, datastore, version_ident,
                                          lock=lookup.SHARE)
    set_default_version(context, datastore, version)
    return datastore, version
