"""Every Alembic revision applies on SQLite, MariaDB and PostgreSQL, and
the migrated schema is exactly what the models declare."""

from oslo_db.sqlalchemy import test_migrations
import sqlalchemy as sa
import testscenarios

from trove_datastore.db import migration
from trove_datastore.db import models
from tests import base

load_tests = testscenarios.load_tests_apply_scenarios


class MigrationWalkTest(base.TestCase):
    scenarios = base.ENGINE_SCENARIOS

    def setUp(self):
        super().setUp()
        url = base.empty_database_url(self, self.engine)
        self.engine_obj = sa.create_engine(url)
        self.addCleanup(self.engine_obj.dispose)

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
        url = base.empty_database_url(self, self.engine)
        self._engine = sa.create_engine(url)
        self.addCleanup(self._engine.dispose)

    def get_engine(self):
        return self._engine

    def get_metadata(self):
        return models.Base.metadata

    def db_sync(self, engine):
        migration.upgrade(engine)

    def include_object(self, object_, name, type_, reflected, compare_to):
        return not (type_ == 'table' and name == 'alembic_version')
