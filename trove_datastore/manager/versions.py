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
from trove_datastore import images
from trove_datastore.manager import datastores as ds_manager
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


def split_list(value):
    """Comma-joined column text as a list ([] for NULL or empty)."""
    return [item for item in (value or '').split(',') if item]


def join_list(values):
    return None if values is None else ','.join(values)


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
    columns = VERSION_COLUMNS + (DS.name.label('datastore_name'),
                                 DS.default_version_id)
    if page.marker:
        marker = context.session.execute(
            sa.select(DS.name, DSV.name, DSV.version).join(
                DS, DS.id == DSV.datastore_id).where(
                DSV.id == page.marker)).first()
        if marker is None:
            raise paging.marker_not_found(page.marker)
        ds_name, name, number = marker
        datastores = sa.select(DS.id, DS.name, DS.default_version_id).where(
            DS.name >= ds_name).order_by(DS.name)
        if page.fetch_size():
            datastores = datastores.limit(page.fetch_size())
        near = datastores.subquery('near')
        query = sa.select(*VERSION_COLUMNS, near.c.name.label(
            'datastore_name'), near.c.default_version_id).join(
            near, near.c.id == DSV.datastore_id).where(sa.or_(
                near.c.name > ds_name,
                DSV.name > name,
                sa.and_(DSV.name == name, DSV.version > number))).order_by(
            near.c.name, DSV.name, DSV.version)
    else:
        query = sa.select(*columns).join(
            DS, DS.id == DSV.datastore_id).order_by(
            DS.name, DSV.name, DSV.version)
    if page.fetch_size():
        query = query.limit(page.fetch_size())
    rows = [(row, row.default_version_id == row.id)
            for row in context.session.execute(query)]
    rows, last = page.cut(rows)
    return rows, (last[0].id if last is not None else None)


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
    if page.marker:
        marker = context.session.execute(
            sa.select(DSV.name, DSV.version).where(
                DSV.id == page.marker,
                DSV.datastore_id == datastore.id)).first()
        if marker is None:
            raise paging.marker_not_found(page.marker)
        query = query.where(sa.or_(
            DSV.name > marker[0],
            sa.and_(DSV.name == marker[0], DSV.version > marker[1])))
    query = query.order_by(DSV.name, DSV.version)
    if page.fetch_size():
        query = query.limit(page.fetch_size())
    rows, last = page.cut(list(context.session.execute(query)))
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
        images.get_source().check(image_id=image_id, tags=image_tags)
    number = version or name
    try:
        return _create_version(
            context, name=name, datastore_name=datastore_name,
            manager=manager, active=active, image_id=image_id,
            image_tags=join_list(image_tags), packages=join_list(packages),
            default=default, number=number,
            registry_ext=(registry_ext if registry_ext is not None
                          else REGISTRY_EXT_DEFAULTS.get(manager, '')),
            repl_strategy=(repl_strategy if repl_strategy is not None
                           else REPL_STRATEGY_DEFAULTS.get(manager, '')))
    except db_exc.DBDuplicateEntry as error:
        raise _duplicate_version(error, name, number)


@_retry_on_race
@db_api.writer
def _create_version(context, name, datastore_name, number, default, **fields):
    datastore = ds_manager.ensure_datastore(context, datastore_name)
    exists = context.session.execute(
        sa.select(DSV.id).where(DSV.datastore_id == datastore.id,
                                DSV.name == name,
                                DSV.version == number)).first()
    if exists:
        raise exception.DatastoreVersionAlreadyExists(name=name,
                                                      version=number)
    row = DSV(id=str(uuid.uuid4()), datastore_id=datastore.id, name=name,
              version=number, **fields)
    context.session.add(row)
    context.session.flush()
    if default:
        ds_manager.set_default_version(context, datastore, row)
    LOG.info('Created datastore version %s(%s) of %s as %s',
             name, number, datastore.name, row.id)
    return row


def update_version(context, version_id, changes):
    """Apply a PATCH document to a version, whole or not at all.

    ``changes`` uses the API's field names. Image checks: a new image id is
    checked; new tags are checked unless an image id comes with them.
    """
    image_id = changes.get('image')
    tags = changes.get('image_tags')
    if image_id:
        images.get_source().check(image_id=image_id)
    elif tags:
        images.get_source().check(tags=tags)
    try:
        return _update_version(context, version_id, changes)
    except db_exc.DBDuplicateEntry:
        raise exception.DatastoreVersionAlreadyExists(
            name=changes.get('name'), version=_version_number(version_id))


@db_api.reader
def _version_number(context, version_id):
    row = context.session.get(DSV, version_id)
    return row.version if row is not None else ''


@db_api.writer
def _update_version(context, version_id, changes):
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
        version.name = changes['name']
    if 'datastore_manager' in changes:
        version.manager = changes['datastore_manager']
    if 'packages' in changes:
        version.packages = join_list(changes['packages'])
    for field in ('registry_ext', 'repl_strategy', 'active'):
        if field in changes:
            setattr(version, field, changes[field])
    if 'image' in changes:
        version.image_id = changes['image']
    if 'image_tags' in changes:
        version.image_tags = join_list(changes['image_tags'])
        if changes['image_tags'] and 'image' not in changes:
            # Switching to tags: the image id no longer applies (null, as
            # after a create by tags).
            version.image_id = None
    if not version.image_id and not split_list(version.image_tags):
        raise exception.ImageRequired()

    is_default = datastore.default_version_id == version.id
    wants_default = changes.get('default')
    if wants_default is True:
        ds_manager.set_default_version(context, datastore, version)
    elif wants_default is False:
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


@db_api.writer
def upsert_version(context, datastore_name, name, manager, image_id,
                   packages, active, image_tags=None, registry_ext=None,
                   repl_strategy=None, version=None):
    """trove-manage datastore_version_update: create or overwrite by
    (datastore, name, number). The datastore must exist."""
    datastore = lookup.find_datastore(context, datastore_name, lock=True)
    number = version or name
    row = context.session.scalars(sa.select(DSV).where(
        DSV.datastore_id == datastore.id, DSV.name == name,
        DSV.version == number).with_for_update().execution_options(
            populate_existing=True)).first()
    created = row is None
    if created:
        row = DSV(id=str(uuid.uuid4()), datastore_id=datastore.id,
                  name=name, version=number)
        context.session.add(row)
    row.manager = manager
    row.image_id = image_id or None
    row.image_tags = join_list(image_tags)
    row.packages = packages
    row.active = active
    row.registry_ext = (registry_ext if registry_ext is not None
                        else REGISTRY_EXT_DEFAULTS.get(manager, ''))
    row.repl_strategy = (repl_strategy if repl_strategy is not None
                         else REPL_STRATEGY_DEFAULTS.get(manager, ''))
    if (not active and not created
            and datastore.default_version_id == row.id):
        raise exception.DeactivatingDefaultVersion(version=name,
                                                   datastore=datastore.name)
    context.session.flush()
    return row, created
