"""trove-manage as an operator runs it: the installed console script in a
subprocess, from a directory outside the checkout, on every engine."""

import json
import os
import subprocess

import fixtures
import testscenarios

from trove_datastore.db import migration
from tests.fixtures import base
from tests.fixtures.manage_cli import BIN, IMAGE, ManageTestCase

load_tests = testscenarios.load_tests_apply_scenarios

class DbCommandsTest(ManageTestCase):

    def test_db_sync_then_db_version_prints_head(self):
        result = self.manage('db_version')
        self.assertExit(0, result)
        self.assertIn('None', result.stdout)
        result = self.manage('db_sync')
        self.assertExit(0, result)
        self.assertIn(migration.head(), result.stdout)
        result = self.manage('db_version')
        self.assertExit(0, result)
        self.assertEqual(migration.head(), result.stdout.strip())

    def test_db_upgrade_to_a_revision(self):
        result = self.manage('db_upgrade', '--version', migration.head())
        self.assertExit(0, result)
        self.assertEqual(migration.head(),
                         self.manage('db_version').stdout.strip())

    def test_unknown_revision_is_one_error_line(self):
        result = self.manage('db_upgrade', '--version', 'nosuchrevision')
        self.assertExit(1, result)
        self.assertEqual(1, len(result.stderr.strip().splitlines()),
                         result.stderr)

    def test_usage_errors_exit_2(self):
        self.assertExit(2, self.manage())
        self.assertExit(2, self.manage('no_such_command'))
        self.assertExit(2, self.manage('datastore_update', 'only-one'))


class BadConnectionTest(base.TestCase):

    def test_unreachable_database_is_exit_1_with_one_line(self):
        tmp = self.useFixture(fixtures.TempDir()).path
        for url in ('mysql+pymysql://root@127.0.0.1:1/nothing',
                    'nosuchdriver://x/y',
                    'postgresql+psycopg2://nobody@127.0.0.1:1/none'):
            conf = os.path.join(tmp, 'trove.conf')
            with open(conf, 'w') as handle:
                handle.write('[database]\nconnection = %s\nmax_retries = 0\n'
                             % url)
            result = subprocess.run(
                [os.path.join(BIN, 'trove-manage'), '--config-file', conf,
                 'db_sync'], capture_output=True, text=True, cwd=tmp,
                timeout=120)
            self.assertEqual(1, result.returncode, result.stderr)
            lines = result.stderr.strip().splitlines()
            self.assertEqual(1, len(lines), result.stderr)
            self.assertTrue(lines[0].startswith('ERROR: '), lines[0])
            self.assertNotIn('Traceback', result.stderr)


class DatastoreCommandsTest(ManageTestCase):

    def setUp(self):
        super().setUp()
        self.assertExit(0, self.manage('db_sync'))

    def test_datastore_version_update_creates_then_updates(self):
        self.assertExit(0, self.manage('datastore_update', 'mysql', ''))
        result = self.manage('datastore_version_update', 'mysql', '5.7.29',
                             'mysql', IMAGE, 'pkg1,pkg2', '1')
        self.assertExit(0, result)
        self.assertIn("'5.7.29(5.7.29)' created", result.stdout)
        result = self.manage('datastore_version_update', 'mysql', '5.7.29',
                             'mysql', '', '', '0', '--image-tags',
                             'trove,mysql')
        self.assertExit(0, result)
        self.assertIn('updated', result.stdout)
        rows = self.query('SELECT name, version, image_id, image_tags, '
                          'active FROM datastore_versions')
        self.assertEqual(1, len(rows))
        self.assertEqual(('5.7.29', '5.7.29', None, 'trove,mysql'),
                         tuple(rows[0][:4]))
        self.assertFalse(rows[0][4])

    def test_version_number_makes_a_separate_version(self):
        self.assertExit(0, self.manage('datastore_update', 'mysql', ''))
        for number in ('5.7.29', '5.7.30'):
            self.assertExit(0, self.manage(
                'datastore_version_update', 'mysql', '5.7', 'mysql', IMAGE,
                '', '1', '--version', number))
        self.assertEqual(2, len(self.query(
            'SELECT id FROM datastore_versions')))

    def test_image_is_validated_like_the_api(self):
        self.assertExit(0, self.manage('datastore_update', 'mysql', ''))
        result = self.manage('datastore_version_update', 'mysql', '5.7',
                             'mysql', '00000000-0000-4000-8000-000000000000',
                             '', '1')
        self.assertExit(1, result)
        self.assertIn('cannot be found', result.stderr)
        result = self.manage('datastore_version_update', 'mysql', '5.7',
                             'mysql', '', '', '1', '--image-tags', 'nope')
        self.assertExit(1, result)
        self.assertIn("['nope']", result.stderr)
        result = self.manage('datastore_version_update', 'mysql', '5.7',
                             'mysql', '', '', '1')
        self.assertExit(1, result)
        self.assertIn('Image must be specified', result.stderr)
        self.assertEqual([], self.query('SELECT id FROM datastore_versions'))

    def test_missing_datastore_is_an_error(self):
        result = self.manage('datastore_version_update', 'nosuch', '1',
                             'redis', IMAGE, '', '1')
        self.assertExit(1, result)
        self.assertIn("Datastore 'nosuch' cannot be found.", result.stderr)

    def test_active_must_be_0_or_1(self):
        result = self.manage('datastore_version_update', 'mysql', '5.7',
                             'mysql', IMAGE, '', '2')
        self.assertExit(2, result)

    def test_datastore_update_sets_and_clears_the_default(self):
        self.assertExit(0, self.manage('datastore_update', 'mysql', ''))
        self.assertExit(0, self.manage('datastore_version_update', 'mysql',
                                       '5.7', 'mysql', IMAGE, '', '1'))
        result = self.manage('datastore_update', 'mysql', '5.7')
        self.assertExit(0, result)
        self.assertIn('default version 5.7', result.stdout)
        version_id = self.query('SELECT id FROM datastore_versions')[0][0]
        self.assertEqual([(version_id,)], self.query(
            'SELECT default_version_id FROM datastores'))
        self.assertExit(0, self.manage('datastore_update', 'mysql', ''))
        self.assertEqual([(None,)], self.query(
            'SELECT default_version_id FROM datastores'))

    def test_datastore_update_with_unknown_version_writes_nothing(self):
        result = self.manage('datastore_update', 'newds', 'nosuch')
        self.assertExit(1, result)
        self.assertIn("Datastore version 'nosuch' cannot be found.",
                      result.stderr)
        self.assertEqual([], self.query('SELECT id FROM datastores'))

    def test_inactive_version_cannot_be_default(self):
        self.assertExit(0, self.manage('datastore_update', 'mysql', ''))
        self.assertExit(0, self.manage('datastore_version_update', 'mysql',
                                       '5.7', 'mysql', IMAGE, '', '0'))
        result = self.manage('datastore_update', 'mysql', '5.7')
        self.assertExit(1, result)
        self.assertIn('not active', result.stderr)


def _rule(name, data_type='integer', restart=False, **fields):
    return dict(fields, name=name, type=data_type, restart_required=restart)


RULES_57 = [
    _rule('max_connections', min=1, max=100000),
    _rule('query_cache_size', min=0, max=4294967295),
    _rule('sql_mode', 'string'),
    _rule('innodb_file_per_table', 'boolean'),
    _rule('autocommit', min=0, max=1),
    _rule('character_set_server', 'string',
          allowed_values=['utf8', 'utf8mb4']),
    _rule('lock_timeout', min=0, unit='s')]
RULES_80 = [
    _rule('max_connections', min=1, max=65535),
    _rule('binlog_expire_logs_seconds', min=0, max=4294967295),
    _rule('sql_mode', 'string'),
    _rule('innodb_file_per_table', 'boolean', restart=True),
    _rule('autocommit', 'boolean'),
    _rule('character_set_server', 'string', allowed_values=['utf8mb4']),
    _rule('lock_timeout', min=0, unit='ms')]


class RulesDiffTest(ManageTestCase):
    """An operator compares 5.7's rules with 8.0's before moving groups."""

    def setUp(self):
        super().setUp()
        self.assertExit(0, self.manage('db_sync'))
        self.assertExit(0, self.manage('datastore_update', 'mysql', ''))
        for name, number, rules in (('5.7', '5.7.44', RULES_57),
                                    ('8.0', '8.0.35', RULES_80),
                                    ('8.0', '8.0.36', RULES_80)):
            self.assertExit(0, self.manage(
                'datastore_version_update', 'mysql', name, 'mysql', IMAGE,
                '', '1', '--version', number))
            path = os.path.join(self.dir, '%s.json' % number)
            with open(path, 'w') as out:
                json.dump({'configuration-parameters': rules}, out)
            self.assertExit(0, self.manage(
                'db_load_datastore_config_parameters', 'mysql', name, path,
                '--version', number))

    def test_differences_one_line_each_then_a_summary_exit_1(self):
        result = self.manage('rules_diff', 'mysql', '5.7', '8.0',
                             '--to-number', '8.0.35')
        self.assertExit(1, result)
        self.assertEqual('', result.stderr)
        self.assertEqual([
            'added    binlog_expire_logs_seconds: integer, min 0, max '
            '4294967295, no restart required',
            'removed  query_cache_size: integer, min 0, max 4294967295, no '
            'restart required',
            'changed  autocommit: type integer -> boolean; min 0 -> none; '
            'max 1 -> none',
            'changed  character_set_server: allowed_values [utf8, utf8mb4] '
            '-> [utf8mb4]',
            'changed  innodb_file_per_table: restart_required false -> true',
            'changed  lock_timeout: unit s -> ms',
            'changed  max_connections: max 100000 -> 65535',
            'Datastore mysql, version 5.7(5.7.44) -> 8.0(8.0.35): 1 added, '
            '1 removed, 5 changed, 1 unchanged.'],
            result.stdout.splitlines())
        # The other way round, added and removed swap.
        result = self.manage('rules_diff', 'mysql', '8.0', '5.7',
                             '--from-number', '8.0.36')
        self.assertExit(1, result)
        self.assertIn('removed  binlog_expire_logs_seconds', result.stdout)
        self.assertIn('added    query_cache_size', result.stdout)

    def test_identical_rules_exit_0_and_trouble_exits_2_like_diff(self):
        result = self.manage('rules_diff', 'mysql', '8.0', '8.0',
                             '--from-number', '8.0.35', '--to-number',
                             '8.0.36')
        self.assertExit(0, result)
        self.assertEqual(['Datastore mysql, version 8.0(8.0.35) -> '
                          '8.0(8.0.36): 0 added, 0 removed, 0 changed, 7 '
                          'unchanged. The rules are identical.'],
                         result.stdout.splitlines())
        for args, message in (
                (('mysql', '5.7', '8.0'), 'Multiple datastore versions'),
                (('mysql', '5.7', '9.0'), "version '9.0' cannot be found"),
                (('nosuch', '5.7', '8.0'), "'nosuch' cannot be found"),
                (('mysql', '5.7'), 'TO_VERSION')):
            result = self.manage('rules_diff', *args)
            self.assertExit(2, result)
            self.assertEqual('', result.stdout)
            self.assertIn(message, result.stderr)
