"""A benchmark dataset: a throw-away database filled through the manager.

Everything is written by the manager functions the API and trove-manage
use, with an administrator context and the local image catalog, so the
rows are exactly what the service itself would store. Rules and
configuration groups are seeded only when their manager modules exist;
otherwise the dataset says why they are missing.
"""

import importlib
import json
import os
import time
import uuid

import sqlalchemy as sa

from trove_datastore import context as td_context
from trove_datastore.db import api as db_api
from trove_datastore.db import migration
from trove_datastore.manager import datastores as datastores_manager
from trove_datastore.manager import versions as versions_manager

PROJECT = 'benchproject'
SERVER_URLS = {
    'mariadb': os.environ.get('TD_BENCH_MYSQL_URL',
                              'mysql+pymysql://root@127.0.0.1:3306/'),
    'postgresql': os.environ.get(
        'TD_BENCH_POSTGRESQL_URL',
        'postgresql+psycopg2://postgres@127.0.0.1:5432/postgres'),
}
TAGS = ['trove', 'mysql']


def optional_module(name):
    """A manager module of work that may not have landed yet, or None."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


class ThrowAwayDatabase(object):
    """A new database named td_bench_<hex> (a file for SQLite)."""

    def __init__(self, kind, workdir, admin_url=None):
        self.kind = kind
        self.name = 'td_bench_%s' % uuid.uuid4().hex[:10]
        self.admin = None
        if kind == 'sqlite':
            self.url = 'sqlite:///%s' % os.path.join(workdir,
                                                     self.name + '.sqlite')
            return
        admin_url = sa.engine.make_url(admin_url or SERVER_URLS[kind])
        self.admin = sa.create_engine(admin_url, poolclass=sa.pool.NullPool,
                                      isolation_level='AUTOCOMMIT')
        charset = ' CHARACTER SET utf8mb4' if kind == 'mariadb' else ''
        with self.admin.connect() as connection:
            connection.execute(sa.text('CREATE DATABASE %s%s'
                                       % (self.name, charset)))
        self.url = admin_url.set(database=self.name).render_as_string(
            hide_password=False)

    def drop(self):
        if self.admin is None:
            return
        with self.admin.connect() as connection:
            if self.kind == 'postgresql':
                connection.execute(sa.text(
                    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity '
                    "WHERE datname = '%s' AND pid <> pg_backend_pid()"
                    % self.name))
            connection.execute(sa.text('DROP DATABASE IF EXISTS %s'
                                       % self.name))
        self.admin.dispose()
        self.admin = None


def migrate(url):
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        migration.upgrade(engine)
    finally:
        engine.dispose()


def rules_document(count):
    """A rules file of ``count`` parameters shaped like MySQL's: mostly
    bounded integers, some strings, booleans and floats."""
    entries = []
    for index in range(count):
        name = 'bench_param_%04d' % index
        kind = index % 20
        entry = {'name': name, 'restart_required': index % 3 == 0}
        if kind < 12:
            entry.update(type='integer', min=0, max=1 << (10 + kind * 4))
        elif kind < 16:
            entry.update(type='string')
        elif kind < 19:
            entry.update(type='boolean')
        else:
            entry.update(type='float', min=0.0, max=1.5)
        entries.append(entry)
    return {'configuration-parameters': entries}


def sample_value(entry):
    """A value every rule of :func:`rules_document` accepts."""
    return {'integer': entry.get('max', 1) // 2 if 'max' in entry else 1,
            'string': 'bench', 'boolean': True,
            'float': 0.5, 'list': 'bench'}[entry['type']]


def sample_values(document, count, salt=0):
    entries = document['configuration-parameters'][:count]
    values = {}
    for entry in entries:
        value = sample_value(entry)
        if entry['type'] == 'integer' and salt:
            value = min(value + salt, entry['max'])
        values[entry['name']] = value
    return values


class StatementCounter(object):
    """Statements sent on the service's engine, per operation."""

    def __init__(self):
        self.count = 0
        self.statements = []
        sa.event.listen(db_api.get_engine(), 'before_cursor_execute',
                        self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, many):
        self.count += 1
        self.statements.append(statement)

    def measure(self, function, *args, **kwargs):
        """(result, statements, milliseconds) of one call."""
        self.count = 0
        self.statements = []
        started = time.perf_counter()
        result = function(*args, **kwargs)
        elapsed = (time.perf_counter() - started) * 1000.0
        return result, self.count, elapsed


def project_context():
    """An administrator of the benchmark project (groups need an owner)."""
    return td_context.RequestContext(project_id=PROJECT, is_admin=True,
                                     roles=['admin'], overwrite=False)


def catalog_image(catalog_file):
    with open(catalog_file) as catalog:
        for image in json.load(catalog)['images']:
            if image.get('status') == 'active':
                return image['id']
    raise RuntimeError('no active image in %s' % catalog_file)


def _version_fields(index, count, image_id):
    fields = {'active': not (count > 1 and index == count - 1),
              'default': index == 0}
    if index % 2 == 0:
        fields['image_id'] = image_id
    else:
        fields['image_tags'] = TAGS
    return fields


def seed(options, counter, image_id, say):
    """Fill the database; returns the dataset description (names and ids
    the endpoints need, what could not be seeded, and timings)."""
    admin = td_context.get_admin_context()
    parameters = optional_module('trove_datastore.manager.parameters')
    configurations = optional_module(
        'trove_datastore.manager.configurations')
    rules_format = optional_module('trove_datastore.rules')
    dataset = {'datastores': [], 'skipped': {}, 'seed_seconds': {}}
    can_load_rules = bool(parameters and rules_format and hasattr(
        parameters, 'load_rules') and hasattr(rules_format,
                                              'parse_document'))
    document = rules_document(options.rules)

    started = time.perf_counter()
    create_statements = 0
    for d in range(options.datastores):
        ds_name = 'bench-ds-%04d' % d
        versions = []
        for v in range(options.versions):
            fields = _version_fields(v, options.versions, image_id)
            row, statements, _ = counter.measure(
                versions_manager.create_version, admin, name='v%03d' % v,
                datastore_name=ds_name, manager='mysql',
                version='10.%d' % v, **fields)
            create_statements += statements
            versions.append({'id': row.id, 'name': row.name,
                             'active': row.active})
        dataset['datastores'].append({'name': ds_name,
                                      'id': row.datastore_id,
                                      'versions': versions})
        if (d + 1) % max(options.datastores // 10, 1) == 0:
            say('seeded %d/%d datastores' % (d + 1, options.datastores))
    total_versions = options.datastores * options.versions
    dataset['seed_seconds']['versions'] = time.perf_counter() - started
    dataset['create_version_statements'] = (
        create_statements / total_versions if total_versions else 0)

    started = time.perf_counter()
    if not can_load_rules:
        dataset['skipped']['rules'] = 'not available'
    elif options.rules:
        parsed = rules_format.parse_document(document)
        loaded = 0
        for ds in dataset['datastores']:
            for version in ds['versions']:
                if options.rule_versions and loaded >= options.rule_versions:
                    break
                parameters.load_rules(admin, ds['name'], version['id'],
                                      parsed)
                version['rules'] = True
                loaded += 1
        dataset['rule_versions'] = loaded
        dataset['parameter'] = document['configuration-parameters'][
            len(document['configuration-parameters']) // 2]['name']
        say('loaded %d rules into %d versions' % (options.rules, loaded))
    dataset['seed_seconds']['rules'] = time.perf_counter() - started

    started = time.perf_counter()
    groups = []
    if not (configurations
            and hasattr(configurations, 'create_configuration')):
        dataset['skipped']['configurations'] = 'not available'
    elif options.groups and not (can_load_rules and options.rules):
        dataset['skipped']['configurations'] = 'needs rules'
    else:
        context = project_context()
        with_rules = [(ds, v) for ds in dataset['datastores']
                      for v in ds['versions'] if v.get('rules')]
        values = sample_values(document, options.values)
        for g in range(options.groups):
            ds, version = with_rules[g % len(with_rules)]
            group = configurations.create_configuration(
                context, name='bench-group-%04d' % g, values=values,
                description='benchmark group', datastore=ds['name'],
                version=version['id'])
            groups.append(group.row.id)
    dataset['configurations'] = groups
    dataset['seed_seconds']['configurations'] = time.perf_counter() - started
    return dataset


def operation_costs(options, counter, image_id, counters=None):
    """Statements and time of the write operations the issue bounds, on a
    scratch datastore removed afterwards: [{operation, statements, ms}],
    with ``questions`` (every command the database server received during
    the call, from its global counters; others' traffic can only add)
    when ``counters`` (a dbcount.Counters) is given."""
    admin = td_context.get_admin_context()
    parameters = optional_module('trove_datastore.manager.parameters')
    configurations = optional_module(
        'trove_datastore.manager.configurations')
    rules_format = optional_module('trove_datastore.rules')
    costs = []

    def record(label, function, *args, **kwargs):
        before = counters.read() if counters else None
        result, statements, ms = counter.measure(function, *args, **kwargs)
        costs.append({'operation': label, 'statements': statements,
                      'ms': round(ms, 2)})
        if before:
            # Less the SHOW STATUS of the second reading.
            costs[-1]['questions'] = (counters.read()['Questions']
                                      - before['Questions'] - 1)
        return result

    name = 'bench-scratch-%s' % uuid.uuid4().hex[:6]
    first = record('version create (new datastore)',
                   versions_manager.create_version, admin, name='s1',
                   datastore_name=name, manager='mysql', active=True,
                   image_id=image_id)
    second = record('version create (tags, default)',
                    versions_manager.create_version, admin, name='s2',
                    datastore_name=name, manager='mysql', active=True,
                    image_tags=TAGS, default=True)
    group_id = None
    if parameters and rules_format and hasattr(parameters, 'load_rules'):
        document = rules_document(1000)
        parsed = rules_format.parse_document(document)
        record('rules load, 1000 new', parameters.load_rules, admin, name,
               first.id, parsed)
        record('rules load, 1000 unchanged', parameters.load_rules, admin,
               name, first.id, parsed)
        if configurations and hasattr(configurations,
                                      'create_configuration'):
            context = project_context()
            group = record('configuration create, 100 values',
                           configurations.create_configuration, context,
                           name='scratch', values=sample_values(document,
                                                                100),
                           datastore=name, version=first.id)
            group_id = group.row.id
            record('configuration show, 100 values',
                   configurations.get_configuration, context, group_id)
            record('configuration replace, 100 values',
                   configurations.replace_configuration, context, group_id,
                   values=sample_values(document, 100, salt=1))
            record('configuration merge, 100 values',
                   configurations.merge_configuration, context, group_id,
                   values=sample_values(document, 100, salt=2))
            record('configuration delete',
                   configurations.delete_configuration, context, group_id)
        else:
            costs.append({'operation': 'configurations',
                          'skipped': 'not available'})
    else:
        costs.append({'operation': 'rules load',
                      'skipped': 'not available'})
    record('version delete (with rules)', versions_manager.delete_version,
           admin, first.id)
    versions_manager.delete_version(admin, second.id)
    record('datastore delete', datastores_manager.delete_datastore, admin,
           name)
    return costs
