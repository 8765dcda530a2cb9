"""0004 stores "none" one way: NULL for no image id, tags or packages, and
list columns without empty items."""

import datetime

import sqlalchemy as sa
import testscenarios

from tests.fixtures import base
from trove_datastore.db import migration

load_tests = testscenarios.load_tests_apply_scenarios

COLUMNS = ('id', 'image_id', 'image_tags', 'packages')


class EmptyIsNullMigrationTest(base.TestCase):

    scenarios = base.ENGINE_SCENARIOS

    def setUp(self):
        super().setUp()
        self.engine_obj = sa.create_engine(
            base.empty_database_url(self, self.engine))
        self.addCleanup(self.engine_obj.dispose)
        migration.upgrade(self.engine_obj, '0003_rule_name_key')

    def add_versions(self, rows):
        now = datetime.datetime(2026, 12, 1)
        stamps = {'created_at': now, 'updated_at': now}
        versions = sa.table('datastore_versions', *[sa.column(c) for c in (
            COLUMNS + ('datastore_id', 'name', 'version', 'manager',
                       'active', 'created_at', 'updated_at'))])
        with self.engine_obj.begin() as connection:
            connection.execute(sa.text(
                'INSERT INTO datastores (id, name, created_at, updated_at) '
                "VALUES ('ds', 'mysql', :created_at, :updated_at)"), stamps)
            connection.execute(versions.insert(), [
                dict(zip(COLUMNS, row, strict=True), datastore_id='ds',
                     name=row[0], version=row[0], manager='mysql',
                     active=True, **stamps)
                for row in rows])

    def stored(self):
        with self.engine_obj.connect() as connection:
            return {row[0]: tuple(row[1:]) for row in connection.execute(
                sa.text('SELECT %s FROM datastore_versions'
                        % ', '.join(COLUMNS)))}

    def test_empty_values_become_null(self):
        image = '9d5d9f3c-2b7e-4a55-9f39-6f1a3d6f0c01'
        self.add_versions([
            ('by-tags', '', 'trove,mysql', ''),
            ('by-image', image, '', 'a,b'),
            ('stray-commas', None, ',trove,,mysql,', 'a,,b,'),
            ('only-commas', image, ',', ', ,'),
            ('nulls', image, None, None),
        ])
        migration.upgrade(self.engine_obj, '0004_empty_is_null')
        self.assertEqual({
            'by-tags': (None, 'trove,mysql', None),
            'by-image': (image, None, 'a,b'),
            'stray-commas': (None, 'trove,mysql', 'a,b'),
            'only-commas': (image, None, None),
            'nulls': (image, None, None),
        }, self.stored())
