"""trove-datastore-status upgrade check, on every engine: each check on
the states an operator can meet, and the console script's exit codes
(0 success, 1 warning, 2 failure) as oslo.upgradecheck defines them."""

import json
import os
import subprocess
import sys
import uuid

import sqlalchemy as sa
import testscenarios

from trove_datastore.cmd import status
from trove_datastore.db import migration
from trove_datastore.db import models
from tests.fixtures import base

load_tests = testscenarios.load_tests_apply_scenarios

BIN = os.path.dirname(sys.executable)
CATALOG = os.path.join(base.ETC, 'image-catalog.json')
IMAGE_MYSQL_57 = '9d5d9f3c-2b7e-4a55-9f39-6f1a3d6f0c01'
MISSING_IMAGE = '00000000-0000-4000-8000-000000000000'

SUCCESS = status.Code.SUCCESS
WARNING = status.Code.WARNING
FAILURE = status.Code.FAILURE


class StatusTestCase(base.DatabaseTestCase):
    scenarios = base.ENGINE_SCENARIOS

    def setUp(self):
        super().setUp()
        self.checks = status.Checks()

    def add_datastore(self, name='mysql'):
        ident = str(uuid.uuid4())
        with self.db.engine.begin() as connection:
            connection.execute(models.Datastore.__table__.insert().values(
                id=ident, name=name))
        return ident

    def add_version(self, datastore_id, name='5.7.29', active=True,
                    image_id=None, image_tags='trove,mysql', default=False):
        ident = str(uuid.uuid4())
        with self.db.engine.begin() as connection:
            connection.execute(
                models.DatastoreVersion.__table__.insert().values(
                    id=ident, datastore_id=datastore_id, name=name,
                    version=name, manager='mysql', active=active,
                    image_id=image_id, image_tags=image_tags))
            if default:
                connection.execute(
                    models.Datastore.__table__.update()
                    .where(models.Datastore.id == datastore_id)
                    .values(default_version_id=ident))
        return ident

    def set_revision(self, revision):
        with self.db.engine.begin() as connection:
            connection.execute(sa.text('DELETE FROM alembic_version'))
            if revision is not None:
                connection.execute(sa.text(
                    'INSERT INTO alembic_version (version_num) VALUES '
                    "('%s')" % revision))

    def assertResult(self, code, result, *fragments):
        self.assertEqual(code, result.code, result.details)
        for fragment in fragments:
            self.assertIn(fragment, result.details)
        if result.details:
            # An error's own period never doubles the finding's.
            self.assertNotRegex(result.details, r'(?<!\.)\.\.(?!\.)')


class SchemaCheckTest(StatusTestCase):

    def setUp(self):
        super().setUp()
        # The server databases are migrated once per process: put the
        # revision back whatever a test did to it.
        self.addCleanup(self.set_revision, migration.head())

    def test_at_head(self):
        self.assertResult(SUCCESS, self.checks._check_schema())

    def test_empty_database_asks_for_db_sync(self):
        self.set_revision(None)
        self.assertResult(FAILURE, self.checks._check_schema(),
                          'empty', 'trove-manage db_sync', migration.head())

    def test_revision_of_a_newer_release(self):
        self.set_revision('9999_from_the_future')
        self.assertResult(FAILURE, self.checks._check_schema(),
                          '9999_from_the_future', 'does not know')


class ImageCheckTest(StatusTestCase):

    def test_no_versions(self):
        self.assertResult(SUCCESS, self.checks._check_images())

    def test_image_id_and_tags_that_resolve(self):
        ds = self.add_datastore()
        self.add_version(ds, '5.7.29', image_id=IMAGE_MYSQL_57,
                         image_tags=None)
        self.add_version(ds, '5.7.30', image_tags='trove,mysql')
        self.assertResult(SUCCESS, self.checks._check_images())

    def test_active_version_with_a_missing_image_fails(self):
        ds = self.add_datastore()
        version = self.add_version(ds, image_id=MISSING_IMAGE,
                                   image_tags=None)
        self.assertResult(FAILURE, self.checks._check_images(),
                          'mysql 5.7.29(5.7.29)', version, MISSING_IMAGE,
                          'openstack datastore version set --image ID')

    def test_tags_matching_no_active_image_fail(self):
        ds = self.add_datastore()
        self.add_version(ds, image_tags='trove,oracle')
        self.assertResult(FAILURE, self.checks._check_images(),
                          "['trove', 'oracle']")

    def test_inactive_version_with_a_missing_image_warns(self):
        ds = self.add_datastore()
        self.add_version(ds, '5.7.29', image_tags='trove,mysql')
        self.add_version(ds, '5.6', active=False, image_id=MISSING_IMAGE,
                         image_tags=None)
        self.assertResult(WARNING, self.checks._check_images(),
                          'Inactive', 'mysql 5.6(5.6)',
                          '"openstack datastore version set ID --image '
                          'IMAGE_ID"')

    def test_version_without_any_image_fails(self):
        ds = self.add_datastore()
        self.add_version(ds, image_id='', image_tags='')
        self.assertResult(FAILURE, self.checks._check_images(),
                          'Image must be specified')

    def test_unreachable_image_service_warns(self):
        ds = self.add_datastore()
        self.add_version(ds)
        self.conf.config(catalog_file='/nonexistent/catalog.json',
                         group='image')
        self.assertResult(WARNING, self.checks._check_images(),
                          'Could not verify', 'unavailable',
                          'Check the [image] options')


class DefaultVersionCheckTest(StatusTestCase):

    def test_active_default(self):
        ds = self.add_datastore()
        self.add_version(ds, default=True)
        self.add_datastore('empty')
        self.assertResult(SUCCESS, self.checks._check_default_versions())

    def test_inactive_default_fails(self):
        ds = self.add_datastore()
        self.add_version(ds, '8.0', active=True)
        version = self.add_version(ds, '5.7', active=False, default=True)
        self.assertResult(FAILURE, self.checks._check_default_versions(),
                          'mysql: default version 5.7 [%s] is inactive'
                          % version, 'trove-manage datastore_update')

    def test_default_that_does_not_exist_fails(self):
        ds = self.add_datastore()
        self.add_version(ds)
        gone = str(uuid.uuid4())
        with self.db.engine.begin() as connection:
            connection.execute(models.Datastore.__table__.update().values(
                default_version_id=gone))
        self.assertResult(FAILURE, self.checks._check_default_versions(),
                          gone, 'not one of its versions')

    def test_active_versions_without_default_warn(self):
        ds = self.add_datastore()
        self.add_version(ds)
        self.assertResult(WARNING, self.checks._check_default_versions(),
                          'no default version: mysql',
                          '"trove-manage datastore_update DATASTORE '
                          'VERSION"')


class UnsafeRulesCheckTest(StatusTestCase):

    def add_rule(self, version_id, name):
        with self.db.engine.begin() as connection:
            connection.execute(
                models.ConfigurationRule.__table__.insert().values(
                    id=str(uuid.uuid4()), datastore_version_id=version_id,
                    name=name, restart_required=False, data_type='string'))

    def test_safe_rules_pass(self):
        version = self.add_version(self.add_datastore())
        self.add_rule(version, 'max_connections')
        self.assertResult(SUCCESS, self.checks._check_unsafe_rules())

    def test_unsafe_rules_warn_naming_the_versions_and_the_fix(self):
        version = self.add_version(self.add_datastore())
        self.add_rule(version, 'max_connections')
        self.add_rule(version, 'init_file')
        self.add_rule(version, 'plugin_dir')
        self.assertResult(WARNING, self.checks._check_unsafe_rules(),
                          'mysql 5.7.29 [%s]: init_file, plugin_dir'
                          % version, 'trove-manage rules_audit',
                          'db_remove_datastore_config_parameters')

    def test_the_console_script_exits_1(self):
        version = self.add_version(self.add_datastore(), default=True)
        self.add_rule(version, 'init_file')
        result = StatusCommandTest.run_status(self)
        self.assertEqual(1, result.returncode, result.stdout)
        self.assertIn('init_file', result.stdout)


class StatusCommandTest(StatusTestCase):
    """The installed console script, as an operator runs it."""

    def run_status(self, *extra):
        conf_file = os.path.join(self.useFixture(
            base.fixtures.TempDir()).path, 'trove.conf')
        with open(conf_file, 'w') as conf:
            conf.write('[database]\nconnection = %s\n\n[image]\nsource = '
                       'file\ncatalog_file = %s\n' % (self.db.url, CATALOG))
        return subprocess.run(
            [os.path.join(BIN, 'trove-datastore-status'), '--config-file',
             conf_file, 'upgrade', 'check'] + list(extra),
            capture_output=True, text=True, timeout=120)

    def assertExit(self, code, result):
        self.assertEqual(code, result.returncode,
                         'stdout: %s\nstderr: %s' % (result.stdout,
                                                     result.stderr))

    def test_exit_0_when_every_check_passes(self):
        ds = self.add_datastore()
        self.add_version(ds, default=True)
        result = self.run_status()
        self.assertExit(0, result)
        self.assertEqual(4, result.stdout.count('Result: Success'))

    def test_exit_1_on_a_warning(self):
        ds = self.add_datastore()
        self.add_version(ds)
        result = self.run_status('--json')
        self.assertExit(1, result)
        checks = {c['check']: c['result']
                  for c in json.loads(result.stdout)['checks']}
        self.assertEqual({'Database schema': 0,
                          'Datastore version images': 0,
                          'Default datastore versions': 1,
                          'Unsafe configuration parameters': 0}, checks)

    def test_exit_2_on_a_failure(self):
        ds = self.add_datastore()
        self.add_version(ds, image_id=MISSING_IMAGE, image_tags=None,
                         default=True)
        result = self.run_status()
        self.assertExit(2, result)
        self.assertIn('Result: Failure', result.stdout)
        self.assertIn(MISSING_IMAGE, result.stdout)
