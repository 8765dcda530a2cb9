"""Every Alembic revision applies on SQLite, MariaDB and PostgreSQL, and
the migrated schema is exactly what the models declare."""

import datetime

from oslo_db.sqlalchemy import test_migrations
import sqlalchemy as sa
import testscenarios

from trove_datastore.db import migration
from trove_datastore.db import models
from tests.fixtures import base

load_tests = testscenarios.load_tests_apply_scenarios


def empty_engine(test):
    """An engine on a new, empty database of the test's engine."""
    engine = sa.create_engine(base.empty_database_url(test, test.engine))
    test.addCleanup(engine.dispose)
    return engine


class MigrationWalkTest(base.TestCase):
    scenarios = base.ENGINE_SCENARIOS

    def setUp(self):
        super().setUp()
        self.engine_obj = empty_engine(self)

    def test_walk_every_revision(self):
        self.assertIsNone(migration.version(self.engine_obj))
        revisions = migration.revisions()
        self.assertEqual(migration.head(), revisions[-1])
        for revision in revisions:
            migration.upgrade(self.engine_obj, revision)
            self.assertEqual(revision, migration.version(self.engine_obj))
        tables = set(sa.inspect(self.engine_obj).get_table_names())
        self.assertTrue(set(models.Base.metadata.tables).issubset(tables))

    def test_upgrade_is_idempotent(self):
        migration.upgrade(self.engine_obj)
        migration.upgrade(self.engine_obj)
        self.assertEqual(migration.head(), migration.version(self.engine_obj))

    def test_unique_constraints_report_their_columns(self):
        # oslo.db reads the columns from the uniq_<table>0<col> names.
        migration.upgrade(self.engine_obj)
        inspector = sa.inspect(self.engine_obj)
        names = set()
        for table in models.Base.metadata.tables:
            for constraint in inspector.get_unique_constraints(table):
                names.add(constraint['name'])
            if self.engine == 'mysql':
                for index in inspector.get_indexes(table):
                    if index.get('unique'):
                        names.add(index['name'])
        self.assertIn('uniq_datastores0name', names)
        self.assertIn('uniq_datastore_versions0datastore_id0name0version',
                      names)
        self.assertIn('uniq_ds_config_params0datastore_version_id0name',
                      names)


class ModelsMigrationsSyncTest(test_migrations.ModelsMigrationsSync,
                               base.TestCase):
    scenarios = base.ENGINE_SCENARIOS

    def setUp(self):
        super().setUp()
        self._engine = empty_engine(self)

    def get_engine(self):
        return self._engine

    def get_metadata(self):
        return models.Base.metadata

    def db_sync(self, engine):
        migration.upgrade(engine)

    def include_object(self, object_, name, type_, reflected, compare_to):
        return not (type_ == 'table' and name == 'alembic_version')


class RuleNameKeyMigrationTest(base.TestCase):
    """0003 folds the names of existing rules, and refuses, before it
    changes anything, a database holding names that differ only in
    case."""

    scenarios = base.ENGINE_SCENARIOS

    def setUp(self):
        super().setUp()
        self.engine_obj = empty_engine(self)
        migration.upgrade(self.engine_obj, '0002_rule_unit')
        now = datetime.datetime(2026, 12, 1)
        stamps = {'created_at': now, 'updated_at': now}
        with self.engine_obj.begin() as connection:
            connection.execute(sa.text(
                'INSERT INTO datastores (id, name, created_at, updated_at) '
                "VALUES ('ds', 'mysql', :created_at, :updated_at)"), stamps)
            for version in ('v1', 'v2'):
                connection.execute(sa.text(
                    'INSERT INTO datastore_versions (id, datastore_id, name, '
                    'version, manager, active, created_at, updated_at) '
                    "VALUES (:id, 'ds', :id, :id, 'mysql', :active, "
                    ':created_at, :updated_at)'),
                    dict(stamps, id=version, active=True))

    def add_rule(self, rule_id, version, name):
        # Core quotes "sensitive", a reserved word on MariaDB.
        rules = sa.table(
            'datastore_configuration_parameters', *[sa.column(c) for c in (
                'id', 'datastore_version_id', 'name', 'data_type',
                'restart_required', 'sensitive', 'created_at',
                'updated_at')])
        now = datetime.datetime(2026, 12, 1)
        with self.engine_obj.begin() as connection:
            connection.execute(rules.insert().values(
                id=rule_id, datastore_version_id=version, name=name,
                data_type='integer', restart_required=False,
                sensitive=False, created_at=now, updated_at=now))

    def test_existing_rules_get_their_key(self):
        self.add_rule('r1', 'v1', 'Wait_Timeout')
        self.add_rule('r2', 'v2', 'wait_timeout')
        self.add_rule('r3', 'v2', '\u0130ndex')
        migration.upgrade(self.engine_obj)
        with self.engine_obj.connect() as connection:
            keys = dict(connection.execute(sa.text(
                'SELECT id, name_key FROM '
                'datastore_configuration_parameters')).all())
        self.assertEqual({'r1': 'wait_timeout', 'r2': 'wait_timeout',
                          'r3': 'i\u0307ndex'}, keys)

    def test_names_differing_in_case_are_refused_first(self):
        self.add_rule('r1', 'v1', 'Wait_Timeout')
        self.add_rule('r2', 'v1', 'wait_timeout')
        error = self.assertRaises(RuntimeError, migration.upgrade,
                                  self.engine_obj)
        self.assertIn('datastore version v1: Wait_Timeout, wait_timeout',
                      str(error))
        self.assertEqual('0002_rule_unit', migration.version(self.engine_obj))
        columns = [c['name'] for c in sa.inspect(self.engine_obj).get_columns(
            'datastore_configuration_parameters')]
        self.assertNotIn('name_key', columns)
        # Once the operator deletes one, the upgrade goes through.
        with self.engine_obj.begin() as connection:
            connection.execute(sa.text(
                "DELETE FROM datastore_configuration_parameters "
                "WHERE id = 'r2'"))
        migration.upgrade(self.engine_obj)
        self.assertEqual(migration.head(), migration.version(self.engine_obj))
