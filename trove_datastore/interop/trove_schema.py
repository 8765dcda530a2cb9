"""The tables of upstream Trove 26 that hold the catalog, as SQLAlchemy
Core tables (the contract's section 2), and a connection to a Trove
database that refuses any schema but the one these describe.

Only the columns read or written here are declared; Trove's other tables
(instances, backups, clusters, flavor and volume-type associations) are
only ever read, to find what still refers to a version or a group.
"""

import sqlalchemy as sa

from trove_datastore import exception

HEAD = '95418fe2a1c8'

_META = sa.MetaData()

DATASTORES = sa.Table(
    'datastores', _META,
    sa.Column('id', sa.String(36), primary_key=True),
    sa.Column('name', sa.String(255)),
    sa.Column('default_version_id', sa.String(36)))

VERSIONS = sa.Table(
    'datastore_versions', _META,
    sa.Column('id', sa.String(36), primary_key=True),
    sa.Column('datastore_id', sa.String(36)),
    sa.Column('name', sa.String(255)),
    sa.Column('image_id', sa.String(36)),
    sa.Column('packages', sa.String(511)),
    sa.Column('active', sa.Boolean),
    sa.Column('manager', sa.String(255)),
    sa.Column('image_tags', sa.String(255)),
    sa.Column('version', sa.String(255)),
    sa.Column('registry_ext', sa.Text),
    sa.Column('repl_strategy', sa.Text))

RULES = sa.Table(
    'datastore_configuration_parameters', _META,
    sa.Column('id', sa.String(36), primary_key=True),
    sa.Column('name', sa.String(128), primary_key=True),
    sa.Column('datastore_version_id', sa.String(36), primary_key=True),
    sa.Column('restart_required', sa.Boolean),
    sa.Column('max_size', sa.String(40)),
    sa.Column('min_size', sa.String(40)),
    sa.Column('data_type', sa.String(128)))

GROUPS = sa.Table(
    'configurations', _META,
    sa.Column('id', sa.String(36), primary_key=True),
    sa.Column('name', sa.String(64)),
    sa.Column('description', sa.String(256)),
    sa.Column('tenant_id', sa.String(36)),
    sa.Column('datastore_version_id', sa.String(36)),
    sa.Column('deleted', sa.Boolean),
    sa.Column('deleted_at', sa.DateTime),
    sa.Column('created', sa.DateTime),
    sa.Column('updated', sa.DateTime))

VALUES = sa.Table(
    'configuration_parameters', _META,
    sa.Column('configuration_id', sa.String(36), primary_key=True),
    sa.Column('configuration_key', sa.String(128), primary_key=True),
    sa.Column('configuration_value', sa.String(128)),
    sa.Column('deleted', sa.Boolean),
    sa.Column('deleted_at', sa.DateTime))

# Trove-only rows that keep a version alive: (table, its soft-delete
# column or None). Publishing never deletes a version one of them names.
VERSION_REFERENCES = (('instances', 'deleted'), ('backups', 'deleted'),
                      ('clusters', 'deleted'),
                      ('datastore_version_metadata', 'deleted'),
                      ('capability_overrides', None), ('modules', 'deleted'))
# Live instances and clusters keep a group alive.
GROUP_REFERENCES = (('instances', 'deleted'), ('clusters', 'deleted'))


def engine(url):
    """An engine on the Trove database at ``url`` whose schema is at
    :data:`HEAD`, or raise TroveDatastoreError in one line."""
    try:
        trove = sa.create_engine(url, poolclass=sa.pool.NullPool)
    except (sa.exc.ArgumentError, ImportError) as error:
        raise exception.TroveDatastoreError(
            'invalid Trove connection URL: %s' % error)
    try:
        with trove.connect() as connection:
            found = connection.execute(
                sa.text('SELECT version_num FROM alembic_version')).all()
    except sa.exc.DBAPIError as error:
        trove.dispose()
        raise exception.TroveDatastoreError(
            'cannot read the Trove database: %s'
            % str(error.orig).strip().splitlines()[0])
    heads = sorted(row[0] for row in found)
    if heads != [HEAD]:
        trove.dispose()
        raise exception.TroveDatastoreError(
            'the Trove database is at schema revision %s; only Trove 26 '
            '(revision %s) is supported'
            % (', '.join(heads) or 'none', HEAD))
    return trove


def referenced_ids(connection, column, references, ids):
    """The subset of ``ids`` that a live row of ``references`` names in
    ``column``."""
    found = set()
    if not ids:
        return found
    for table_name, deleted in references:
        table = sa.table(table_name, sa.column(column))
        query = sa.select(table.c[column]).where(
            table.c[column].in_(sorted(ids)))
        if deleted:
            query = query.where(sa.column(deleted) == sa.false())
        found.update(row[0] for row in connection.execute(query))
    return found
