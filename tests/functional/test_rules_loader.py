"""Loading validation-rules files: the whole file or nothing, upserted by
(version, name) with a few bulk statements, on every engine; and the
trove-manage commands as an operator runs them."""

import json
import os

import fixtures
import testscenarios

from trove_datastore import exception
from trove_datastore.manager import parameters as manager
from trove_datastore import rules
from tests.fixtures import parameter_rules
from tests.fixtures.rules_loading import LoaderTestCase, ManageCase
from tests.fixtures.rules_loading import rules_file

load_tests = testscenarios.load_tests_apply_scenarios

class TestLoad(LoaderTestCase):

    def test_upstream_style_file(self):
        summary = self.load(rules_file('mysql-5.7.json'))
        self.assertEqual((14, 0, 0), (len(summary.added),
                                      len(summary.updated),
                                      len(summary.unchanged)))
        stored = self.stored()
        self.assertEqual('18446744073709551615',
                         stored['innodb_buffer_pool_size'].max_size)
        self.assertEqual('-1', stored[
            'performance_schema_max_table_instances'].min_size)
        # The duplicate's last entry won.
        self.assertEqual('65535', stored['max_connections'].max_size)
        self.assertEqual('float', stored['long_query_time'].data_type)
        self.assertIsNone(stored['long_query_time'].max_size)

    def test_every_quirk_file_loads(self):
        for name, count in (('cassandra-style.json', 6),
                            ('db2-style.json', 2), ('extensions.json', 5)):
            summary = self.load(rules_file(name), prune=True)
            self.assertEqual(count, len(summary.added), name)
            self.assertEqual(count, len(self.stored()), name)
        self.load(rules_file('cassandra-style.json'))
        stored = self.stored()
        self.assertEqual('1.0', stored['bloom_filter_fp_chance'].max_size)
        self.assertEqual('list', stored['data_file_directories'].data_type)
        self.assertTrue(stored['report_password'].sensitive)
        self.assertEqual('["minimal", "replica", "logical"]',
                         stored['wal_level'].allowed_values)

    def test_reload_upserts(self):
        self.load(rules_file('mysql-5.7.json'))
        again = self.load(rules_file('mysql-5.7.json'))
        self.assertEqual((0, 0, 14), (len(again.added), len(again.updated),
                                      len(again.unchanged)))
        document = json.load(open(rules_file('mysql-5.7.json')))
        entries = document['configuration-parameters']
        entries[0]['max'] = 1000
        entries = entries[:5] + [{'name': 'new_one', 'type': 'string',
                                  'restart_required': True}]
        path = self.write({'configuration-parameters': entries})
        changed = self.load(path)
        self.assertEqual((['new_one'], ['auto_increment_increment'], 4, []),
                         (changed.added, changed.updated,
                          len(changed.unchanged), changed.removed))
        self.assertEqual(15, len(self.stored()))
        self.assertEqual('1000',
                         self.stored()['auto_increment_increment'].max_size)

    def test_prune_and_dry_run(self):
        self.load(rules_file('mysql-5.7.json'))
        path = self.write({'configuration-parameters': [
            {'name': 'max_connections', 'type': 'integer',
             'restart_required': False, 'min': 1, 'max': 10}]})
        dry = self.load(path, prune=True, dry_run=True)
        self.assertEqual((['max_connections'], 13),
                         (dry.updated, len(dry.removed)))
        self.assertEqual(14, len(self.stored()))
        self.assertEqual('65535', self.stored()['max_connections'].max_size)
        self.load(path, prune=True)
        self.assertEqual(['max_connections'], list(self.stored()))

    def test_bad_file_leaves_previous_rules(self):
        self.load(rules_file('mysql-5.7.json'))
        before = {n: tuple(r) for n, r in self.stored().items()}
        self.assertRaises(exception.RulesFileInvalid, self.load,
                          rules_file('bad.json'))
        self.assertEqual(before, {n: tuple(r)
                                  for n, r in self.stored().items()})

    def test_unknown_version(self):
        parsed = rules.load_file(rules_file('mysql-5.7.json'))
        self.assertRaises(exception.DatastoreVersionNotFound,
                          manager.load_rules, self.context, 'mysql', '9.9',
                          parsed)
        self.assertRaises(exception.DatastoreNotFound, manager.load_rules,
                          self.context, 'nope', '5.7.29', parsed)

    def test_remove(self):
        self.load(rules_file('mysql-5.7.json'))
        _, _, count, _ = manager.remove_rules(self.context, 'mysql',
                                              '5.7.29')
        self.assertEqual(14, count)
        self.assertEqual({}, self.stored())

    def test_a_thousand_rules_in_a_few_statements(self):
        entries = [parameter_rules.entry('p%04d' % i, min=0, max=i + 1)
                   for i in range(1000)]
        path = self.write({'configuration-parameters': entries})
        self.db.statements.reset()
        summary = self.load(path)
        inserted = parameter_rules.queries(self.db.statements)
        self.assertEqual(1000, len(summary.added))
        for item in entries:
            item['max'] += 1
        path = self.write({'configuration-parameters': entries[:500]})
        self.db.statements.reset()
        summary = self.load(path, prune=True)
        updated = parameter_rules.queries(self.db.statements)
        self.assertEqual((500, 500), (len(summary.updated),
                                      len(summary.removed)))
        self.assertEqual(500, len(self.stored()))
        self.assertLessEqual(inserted, 6, self.db.statements.statements)
        self.assertLessEqual(updated, 7, self.db.statements.statements)
        self.addDetail('statements', _text('insert 1000: %d, update 500 + '
                                           'prune 500: %d'
                                           % (inserted, updated)))

    def write(self, document):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'rules.json')
        with open(path, 'w') as out:
            json.dump(document, out)
        return path


def _text(value):
    from testtools import content
    return content.text_content(value)


class TestManageCommands(ManageCase):

    def test_load_dry_run_remove(self):
        load = ('db_load_datastore_config_parameters', 'mysql', '5.7.29',
                rules_file('mysql-5.7.json'))
        result = self.manage(*(load + ('--dry-run',)))
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn('Would load configuration parameters for datastore '
                      'mysql version 5.7.29(5.7.29)', result.stdout)
        self.assertIn('14 added, 0 updated, 0 unchanged', result.stdout)
        self.assertIn('Dry run: nothing was written.', result.stdout)
        self.assertEqual({}, self.stored())
        result = self.manage(*(load + ('--version', '5.7.29')))
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(1, len(result.stdout.strip().splitlines()))
        self.assertIn('1 name(s) appear more than once in the file, the '
                      'last entry wins: max_connections.', result.stdout)
        self.assertEqual(14, len(self.stored()))
        result = self.manage('db_remove_datastore_config_parameters',
                             'mysql', '5.7.29')
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn('Removed 14 configuration parameters', result.stdout)

    def test_failures(self):
        self.manage('db_load_datastore_config_parameters', 'mysql',
                    '5.7.29', rules_file('mysql-5.7.json'))
        result = self.manage('db_load_datastore_config_parameters', 'mysql',
                             '5.7.29', rules_file('bad.json'))
        self.assertEqual(1, result.returncode)
        self.assertEqual(1, len(result.stderr.strip().splitlines()),
                         result.stderr)
        self.assertIn("entry 1 (name 'query_cache_size')", result.stderr)
        self.assertEqual(14, len(self.stored()))
        result = self.manage('db_load_datastore_config_parameters', 'mysql',
                             '9.9', rules_file('mysql-5.7.json'))
        self.assertEqual(1, result.returncode)
        self.assertIn("Datastore version '9.9' cannot be found.",
                      result.stderr)
        if self.engine != 'sqlite':
            # Usage and file errors never reach the database.
            return
        result = self.manage('db_load_datastore_config_parameters', 'mysql')
        self.assertEqual(2, result.returncode)
        result = self.manage('db_load_datastore_config_parameters', 'mysql',
                             '5.7.29', os.path.join(self.dir, 'nope.json'))
        self.assertEqual(1, result.returncode)
        self.assertIn('cannot read', result.stderr)
