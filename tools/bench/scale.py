"""A large catalog, fast: rows seeded through the manager, cloned by SQL.

:func:`grow` takes a dataset seeded by seed.seed (every row written by the
manager) and multiplies it with bulk INSERTs of copies of those rows: the
first datastore and its versions become ``datastores`` datastores, the
first configuration group and its values ``groups`` groups. Copies differ
only in ids, names and the references between them, so each is a row the
manager could have written; the tables are read by reflection, so a
column added later is copied too. Rules stay on the versions the manager
loaded them into (copied versions have none).
"""

import datetime
import uuid

import sqlalchemy as sa

CHUNK = 2000


def _tables(connection):
    meta = sa.MetaData()
    meta.reflect(connection, only=['datastores', 'datastore_versions',
                                   'configurations',
                                   'configuration_parameters'])
    return meta.tables


def _insert(connection, table, rows):
    for start in range(0, len(rows), CHUNK):
        connection.execute(table.insert(), rows[start:start + CHUNK])


def _clone_datastores(connection, tables, dataset, count):
    ds_table, v_table = tables['datastores'], tables['datastore_versions']
    first = dataset['datastores'][0]
    template = connection.execute(ds_table.select().where(
        ds_table.c.id == first['id'])).mappings().one()
    versions = [dict(row) for row in connection.execute(
        v_table.select().where(v_table.c.datastore_id == first['id'])
        .order_by(v_table.c.name)).mappings()]
    ds_rows, v_rows = [], []
    for index in range(len(dataset['datastores']), count):
        ds_id = str(uuid.uuid4())
        name = 'bench-ds-%04d' % index
        ids = {v['id']: str(uuid.uuid4()) for v in versions}
        ds_rows.append(dict(template, id=ds_id, name=name,
                            default_version_id=ids.get(
                                template['default_version_id'])))
        copies = [dict(v, id=ids[v['id']], datastore_id=ds_id)
                  for v in versions]
        v_rows.extend(copies)
        dataset['datastores'].append({
            'name': name, 'id': ds_id,
            'versions': [{'id': c['id'], 'name': c['name'],
                          'active': c['active']} for c in copies]})
    _insert(connection, ds_table, ds_rows)
    _insert(connection, v_table, v_rows)


def _clone_groups(connection, tables, dataset, count):
    g_table = tables['configurations']
    values = tables['configuration_parameters']
    first = dataset['configurations'][0]
    template = connection.execute(g_table.select().where(
        g_table.c.id == first)).mappings().one()
    items = [dict(row) for row in connection.execute(
        values.select().where(values.c.configuration_id == first))
        .mappings()]
    g_rows, value_rows = [], []
    stamp = template['created_at'] or datetime.datetime.utcnow()
    for index in range(len(dataset['configurations']), count):
        group_id = str(uuid.uuid4())
        # Distinct creation times keep the (created_at, id) order of a
        # real catalog.
        when = stamp + datetime.timedelta(seconds=index)
        g_rows.append(dict(template, id=group_id,
                           name='bench-group-%05d' % index,
                           created_at=when, updated_at=when))
        value_rows.extend(dict(item, configuration_id=group_id)
                          for item in items)
        dataset['configurations'].append(group_id)
    _insert(connection, g_table, g_rows)
    _insert(connection, values, value_rows)


def grow(url, dataset, datastores, groups):
    """Bring ``dataset`` (and its database at ``url``) to ``datastores``
    datastores and ``groups`` configuration groups."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.begin() as connection:
            tables = _tables(connection)
            _clone_datastores(connection, tables, dataset, datastores)
            if dataset.get('configurations'):
                _clone_groups(connection, tables, dataset, groups)
    finally:
        engine.dispose()
    return dataset
