"""Datastore versions: the admin lifecycle.

Image checks talk to the image source *before* the transaction opens, so
no database transaction waits on the network; the transaction then
applies everything or nothing.
"""

import uuid

from oslo_db import api as oslo_db_api
from oslo_db import exception as db_exc
from oslo_log import log as logging
import sqlalchemy as sa

from trove_datastore.db import api as db_api
from trove_datastore.db import models
from trove_datastore import exception
from trove_datastore.manager import datastores as ds_manager
from trove_datastore.manager import images as image_manager
from trove_datastore.manager import lookup
from trove_datastore.manager import paging

LOG = logging.getLogger(__name__)

DS = models.Datastore
DSV = models.DatastoreVersion

_GUEST = 'trove.guestagent.datastore.'
_REPLICATION = 'trove.guestagent.strategies.replication.'
MYSQL_GTID = _REPLICATION + 'mysql_gtid.MysqlGTIDReplication'

# Guest-agent defaults for the managers Trove knows; any other manager is
# accepted and keeps empty values unless the caller gives them.
REGISTRY_EXT_DEFAULTS = {
    'mysql': _GUEST + 'mysql.manager.Manager',
    'mariadb': _GUEST + 'mariadb.manager.Manager',
    'postgresql': _GUEST + 'postgres.manager.PostgresManager',
}
REPL_STRATEGY_DEFAULTS = {
    'mysql': MYSQL_GTID,
    'percona': MYSQL_GTID,
    'pxc': MYSQL_GTID,
    'mariadb': _REPLICATION + 'mariadb_gtid.MariaDBGTIDReplication',
    'postgresql': _REPLICATION + 'postgresql.PostgresqlReplicationStreaming',
    'redis': _REPLICATION + 'experimental.redis_sync.RedisSyncReplication',
}


def _retry_on_race(function):
    # A lost race creating the datastore is retried; the second attempt
    # finds the row the other writer committed. (Deadlocks are retried by
    # db_api.writer, for every write.)
    return oslo_db_api.wrap_db_retry(
        max_retries=3,
        exception_checker=lambda e: (
            isinstance(e, db_exc.DBDuplicateEntry)
            and 'name' in (e.columns or ()) and len(e.columns) == 1))(
        function)


def _duplicate_version(error, name, version):
    columns = set(error.columns or ())
    if {'datastore_id', 'name', 'version'} & columns or not columns:
        return exception.DatastoreVersionAlreadyExists(name=name,
                                                       version=version)
    return exception.Conflict()


# Lists read plain rows of the columns the views show: building ORM
# objects costs more than the query itself for long lists.
VERSION_COLUMNS = (DSV.id, DSV.datastore_id, DSV.name, DSV.version,
                   DSV.manager, DSV.image_id, DSV.image_tags, DSV.packages,
                   DSV.active, DSV.registry_ext, DSV.repl_strategy,
                   DSV.created_at, DSV.updated_at)


@db_api.reader
def list_versions(context, page=None):
    """Every version with its datastore's name, ordered by datastore name,
    version name and number: ``([(row, is_default)], next_marker)``.

    One query, two with a marker. (datastore, name, number) is unique, so
    it orders completely. A page after a marker reads only the marker's
    datastore and the datastores after it, up to one per row wanted, from
    the name index, so its cost does not grow with the table.
    """
    page = page or paging.Page()
    start = paging.start(context.session, page, sa.select(
        DS.name, DSV.name, DSV.version).join(DS, DS.id == DSV.datastore_id),
        DSV.id)
    datastores = DS
    if start is not None:
        near = sa.select(DS.id, DS.name, DS.default_version_id).where(
            DS.name >= start[0]).order_by(DS.name)
        if page.fetch_size():
            near = near.limit(page.fetch_size())
        datastores = sa.orm.aliased(DS, near.subquery('near'))
    query = sa.select(*VERSION_COLUMNS, datastores.name.label(
        'datastore_name'), datastores.default_version_id).join(
        datastores, datastores.id == DSV.datastore_id)
    found, last = paging.fetch(context.session, page, query, (
        datastores.name, DSV.name, DSV.version), start)
    rows = [(row, row.default_version_id == row.id) for row in found]
    return rows, (last.id if last is not None else None)


@db_api.reader
def list_versions_of(context, datastore_ident, include_hidden, page=None):
    """Versions of one datastore by name then number: (datastore, rows,
    next_marker). Two queries, three with a marker."""
    page = page or paging.Page()
    datastore = lookup.find_datastore(context, datastore_ident)
    query = sa.select(*VERSION_COLUMNS).where(
        DSV.datastore_id == datastore.id)
    if not include_hidden:
        query = query.where(DSV.active.is_(True))
    order = (DSV.name, DSV.version)
    start = paging.start(context.session, page, sa.select(*order).where(
        DSV.datastore_id == datastore.id), DSV.id)
    rows, last = paging.fetch(context.session, page, query, order, start)
    return datastore, rows, (last.id if last is not None else None)


@db_api.reader
def get_version(context, version_id):
    """(version, datastore) by version id."""
    return lookup.version_by_id(context, version_id, with_datastore=True)


@db_api.reader
def get_version_in(context, datastore_ident, version_ident):
    datastore = lookup.find_datastore(context, datastore_ident)
    return lookup.version_in_datastore(context, datastore, version_ident), \
        datastore


def create_version(context, name, datastore_name, manager, active,
                   image_id=None, image_tags=None, packages=None,
                   default=False, registry_ext=None, repl_strategy=None,
                   version=None, check_image=True):
    """Create a version, and its datastore when missing; all or nothing."""
    if check_image:
        image_manager.check(image_id=image_id, tags=image_tags)
    number = version or name
    try:
        return _create_version(
            context, name=name, datastore_name=datastore_name,
            number=number, default=default, fields=dict(
                manager=manager, active=active, image_id=image_id,
                image_tags=image_tags, packages=packages,
                registry_ext=registry_ext, repl_strategy=repl_strategy))
    except db_exc.DBDuplicateEntry as error:
        raise _duplicate_version(error, name, number)


def _set_fields(version, fields):
    """Set a version's fields: the one place create, update and
    trove-manage's upsert store them, so that one state is stored (and
    shown) one way. ``fields`` holds only what changes.

    An absent image id is NULL; lists go to the model, which stores an
    empty one as NULL; a registry_ext or repl_strategy of None is the
    manager's default. Tags without an image id switch the version to
    tags: the image id no longer applies.
    """
    for field in ('name', 'manager', 'active', 'packages', 'image_tags'):
        if field in fields:
            setattr(version, field, fields[field])
    if 'image_id' in fields:
        version.image_id = fields['image_id'] or None
    elif fields.get('image_tags'):
        version.image_id = None
    for field, defaults in (('registry_ext', REGISTRY_EXT_DEFAULTS),
                            ('repl_strategy', REPL_STRATEGY_DEFAULTS)):
        if field in fields:
            value = fields[field]
            setattr(version, field, value if value is not None
                    else defaults.get(version.manager, ''))


@_retry_on_race
@db_api.writer
def _create_version(context, name, datastore_name, number, default, fields):
    datastore = ds_manager.ensure_datastore(context, datastore_name)
    exists = context.session.execute(
        sa.select(DSV.id).where(DSV.datastore_id == datastore.id,
                                DSV.name == name,
                                DSV.version == number)).first()
    if exists:
        raise exception.DatastoreVersionAlreadyExists(name=name,
                                                      version=number)
    row = DSV(id=str(uuid.uuid4()), datastore_id=datastore.id, name=name,
              version=number)
    _set_fields(row, fields)
    context.session.add(row)
    context.session.flush()
    if default:
        ds_manager.set_default_version(context, datastore, row)
    LOG.info('Created datastore version %s(%s) of %s as %s',
             name, number, datastore.name, row.id)
    return row


def update_version(context, version_id, default=None, **changes):
    """Change a version, whole or not at all.

    ``changes`` are the fields that change (create_version's names); with
    ``default`` True or False, the version becomes or stops being its
    datastore's default. A new image id is checked, else new tags.
    """
    image_manager.check_changes(image_id=changes.get('image_id'),
                                tags=changes.get('image_tags'))
    try:
        return _update_version(context, version_id, default, changes)
    except db_exc.DBDuplicateEntry:
        raise exception.DatastoreVersionAlreadyExists(
            name=changes.get('name'), version=_version_number(version_id))


@db_api.reader
def _version_number(context, version_id):
    row = context.session.get(DSV, version_id)
    return row.version if row is not None else ''


@db_api.writer
def _update_version(context, version_id, default, changes):
    # The datastore row first: every change to a datastore's versions or
    # its default takes turns on it, then reads and checks.
    version, datastore = lookup.lock_version(context, version_id)
    if 'name' in changes and changes['name'] != version.name:
        clash = context.session.execute(
            sa.select(DSV.id).where(DSV.datastore_id == datastore.id,
                                    DSV.name == changes['name'],
                                    DSV.version == version.version)).first()
        if clash:
            raise exception.DatastoreVersionAlreadyExists(
                name=changes['name'], version=version.version)
    _set_fields(version, changes)
    if not version.image_id and not version.image_tags:
        raise exception.ImageRequired()

    is_default = datastore.default_version_id == version.id
    if default is True:
        ds_manager.set_default_version(context, datastore, version)
    elif default is False:
        if is_default:
            datastore.default_version_id = None
    elif is_default and not version.active:
        raise exception.DeactivatingDefaultVersion(version=version.name,
                                                   datastore=datastore.name)
    context.session.flush()
    return version


def delete_version(context, version_id):
    """Delete a version no configuration group uses, with its rules."""
    try:
        _delete_version(context, version_id)
    except db_exc.DBReferenceError:
        # A group was created on the version while it was being deleted:
        # the foreign key refused the delete.
        raise exception.DatastoreVersionInUse(resource='configuration')


IN_USE_SHOWN = 5


def _refuse_if_groups_use(context, version):
    """Refuse (409) naming the configuration groups that use
    ``version``: the first few by name, id and project."""
    rows = context.session.execute(
        sa.select(models.Configuration.name, models.Configuration.id,
                  models.Configuration.tenant_id).where(
            models.Configuration.datastore_version_id == version.id
        ).order_by(models.Configuration.name, models.Configuration.id)
        .limit(IN_USE_SHOWN + 1)).all()
    if not rows:
        return
    shown = ', '.join('%s (%s, project %s)' % tuple(row)
                      for row in rows[:IN_USE_SHOWN])
    if len(rows) > IN_USE_SHOWN:
        shown += ' and more'
    raise exception.DatastoreVersionInUseByGroups(groups=shown)


@db_api.writer
def _delete_version(context, version_id):
    version, datastore = lookup.lock_version(context, version_id)
    _refuse_if_groups_use(context, version)
    context.session.execute(sa.delete(models.ConfigurationRule).where(
        models.ConfigurationRule.datastore_version_id == version.id))
    if datastore.default_version_id == version.id:
        datastore.default_version_id = None
    context.session.delete(version)
    context.session.flush()


def upsert_version(context, datastore_name, name, manager, image_id,
                   packages, active, image_tags=None, registry_ext=None,
                   repl_strategy=None, version=None):
    """trove-manage datastore_version_update: create or overwrite every
    field by (datastore, name, number). The datastore must exist; the
    image is checked as the API's create checks it."""
    image_manager.check(image_id=image_id, tags=image_tags)
    return _upsert_version(
        context, datastore_name, name, version or name, dict(
            manager=manager, active=active, image_id=image_id,
            image_tags=image_tags, packages=packages,
            registry_ext=registry_ext, repl_strategy=repl_strategy))


@db_api.writer
def _upsert_version(context, datastore_name, name, number, fields):
    datastore = lookup.find_datastore(context, datastore_name, lock=True)
    row = context.session.scalars(sa.select(DSV).where(
        DSV.datastore_id == datastore.id, DSV.name == name,
        DSV.version == number).with_for_update().execution_options(
            populate_existing=True)).first()
    created = row is None
    if created:
        row = DSV(id=str(uuid.uuid4()), datastore_id=datastore.id,
                  name=name, version=number)
        context.session.add(row)
    _set_fields(row, fields)
    if (not row.active and not created
            and datastore.default_version_id == row.id):
        raise exception.DeactivatingDefaultVersion(version=name,
                                                   datastore=datastore.name)
    context.session.flush()
    return row, created
