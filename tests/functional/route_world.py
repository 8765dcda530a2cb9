"""A small known world for tests that walk every route of the table:
one datastore version with rules and one configuration group, the values
that fill each path template, a valid body for each operation, and a
snapshot of every table to prove a request changed nothing."""

import hashlib
import os
from urllib import parse

from oslo_db.sqlalchemy import enginefacade
import sqlalchemy as sa

from trove_datastore.api import routes
from trove_datastore import context as td_context
from trove_datastore.db import api as db_api
from trove_datastore.db import models
from trove_datastore.manager import parameters as parameters_manager
from trove_datastore import rules
from tests.functional import api_base

FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     'rules_files')

# A valid body for every operation that takes one.
BODIES = {
    'mgmtCreateVersion': {'version': {
        'name': '10.11', 'datastore_name': 'mariadb',
        'datastore_manager': 'mysql', 'active': True,
        'image': api_base.IMAGE_MYSQL_80}},
    'mgmtUpdateVersion': {'packages': ['mysql-server']},
    'mgmtCreateParameter': {'configuration-parameter': {
        'name': 'fresh_parameter', 'data_type': 'integer',
        'restart_required': False, 'min': 0, 'max': 10}},
    'mgmtUpdateParameter': {'configuration-parameter': {
        'data_type': 'integer', 'restart_required': True,
        'min': 0, 'max': 1}},
    'createConfiguration': {'configuration': {
        # Another version, so that the mysql one can be deleted later.
        'name': 'second', 'values': {},
        'datastore': {'type': 'postgresql', 'version': '16.1'}}},
    'replaceConfiguration': {'configuration': {
        'values': {'autocommit': 0}, 'description': 'replaced'}},
    'mergeConfiguration': {'configuration': {'values': {'autocommit': 1}}},
}

# Deletes last, dependants first, so each one can succeed.
DELETE_ORDER = ('deleteConfiguration', 'mgmtDeleteParameter',
                'mgmtDeleteVersion', 'deleteDatastore')


def ordered_routes():
    """The table with every DELETE moved to the end, in DELETE_ORDER."""
    rest = [r for r in routes.ROUTES if r.method != 'DELETE']
    deletes = sorted((r for r in routes.ROUTES if r.method == 'DELETE'),
                     key=lambda r: DELETE_ORDER.index(r.operation))
    return rest + deletes


class World(object):
    """Built through the API as the project's administrator."""

    def __init__(self, test):
        self.test = test
        test.create_version()
        self.version_id = test.version_id('5.7.29')
        test.create_version(name='16.1', datastore='postgresql',
                            manager='postgresql',
                            image=api_base.IMAGE_POSTGRESQL)
        parameters_manager.load_rules(
            td_context.get_admin_context(), 'mysql', '5.7.29',
            rules.load_file(os.path.join(FILES, 'mysql-5.7.json')))
        response = test.post('/configurations', {'configuration': {
            'name': 'group', 'values': {'autocommit': 1},
            'datastore': {'type': 'mysql', 'version': '5.7.29'}}})
        test.assertEqual(200, response.status_int, response.text)
        self.configuration_id = response.json['configuration']['id']
        self.values = {
            'project_id': api_base.PROJECT,
            'datastore': 'mysql',
            'version': '5.7.29',
            'version_id': self.version_id,
            'name': 'autocommit',
            'configuration_id': self.configuration_id,
        }
        # The queries a route requires, valid in this world.
        self.queries = {
            'checkConfiguration': {'datastore_version': self.version_id},
        }

    def url(self, route, project=api_base.PROJECT, query=True,
            **overrides):
        """The route's path in this world, with the query it requires
        (none with ``query=False``)."""
        values = dict(self.values, project_id=project, **overrides)
        path = routes.PREFIX + route.path
        for name in routes.parameters_of(path):
            path = path.replace('{%s}' % name,
                                parse.quote(str(values[name]), safe=''))
        if query and route.operation in self.queries:
            path += '?' + parse.urlencode(self.queries[route.operation])
        return path


def snapshot(engine):
    """Every table's rows, hashed in a stable order."""
    state = {}
    with engine.connect() as connection:
        for table in models.Base.metadata.sorted_tables:
            rows = connection.execute(sa.select(table)).all()
            digest = hashlib.sha256()
            for row in sorted(repr(tuple(row)) for row in rows):
                digest.update(row.encode())
            state[table.name] = (len(rows), digest.hexdigest())
    return state


def documented_connection(test):
    """Serve ``test`` through the connection URL the install guide
    documents (MariaDB with ``charset=utf8mb4``: without it oslo.db
    connects as utf8mb3, which cannot carry four-byte characters); the
    engine to snapshot."""
    if test.engine != 'mysql':
        return test.db.engine
    url = sa.engine.make_url(test.db.url).update_query_dict(
        {'charset': 'utf8mb4'})
    facade = enginefacade.transaction_context()
    facade.configure(connection=url.render_as_string(hide_password=False),
                     max_retries=0)
    test.addCleanup(db_api.context_manager.patch_factory(facade))
    engine = facade.writer.get_engine()
    test.addCleanup(engine.dispose)
    return engine
