"""Rules generated from the real PostgreSQL and MariaDB servers of this
machine: the generated file loads, and it validates configuration groups.

With CI=true a server that does not answer fails the test; elsewhere it is
skipped with the reason.
"""

import json
import os
import subprocess
import sys

import fixtures
import testscenarios

from trove_datastore import context as td_context
from trove_datastore import exception
from trove_datastore.manager import configurations
from trove_datastore.manager import parameters as manager
from trove_datastore.manager import versions as versions_manager
from trove_datastore import rules
from trove_datastore import rules_generator
from trove_datastore import rules_safety
from tests.fixtures import base

load_tests = testscenarios.load_tests_apply_scenarios

SERVERS = {
    'postgresql': base.ADMIN_URLS['postgresql'],
    'mysql': base.ADMIN_URLS['mysql'],
}
TEMPLATES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), 'trove_datastore', 'templates')


def generate(test, server):
    try:
        return rules_generator.generate(SERVERS[server])
    except exception.ServiceUnavailable as error:
        message = '%s server not reachable: %s' % (server, error)
        if base.IN_CI:
            test.fail(message)
        test.skipTest(message)


class TestPostgreSQLRules(base.TestCase):

    def setUp(self):
        super().setUp()
        self.document = generate(self, 'postgresql')
        self.by_name = {e['name']: e for e in
                        self.document['configuration-parameters']}

    def test_settings(self):
        source = self.document['source']
        self.assertEqual('postgresql', source['manager'])
        self.assertRegex(source['version'], r'^\d+(\.\d+)?$')
        self.assertEqual({'name': 'max_connections',
                          'restart_required': True, 'type': 'integer',
                          'min': 1, 'max': 262143,
                          'description': 'Sets the maximum number of '
                                         'concurrent connections.',
                          'dynamic': False},
                         self.by_name['max_connections'])
        self.assertEqual(['minimal', 'replica', 'logical'],
                         self.by_name['wal_level']['allowed_values'])
        self.assertEqual('float', self.by_name['random_page_cost']['type'])
        self.assertIsInstance(self.by_name['random_page_cost']['max'],
                              float)
        self.assertEqual('boolean', self.by_name['autovacuum']['type'])
        self.assertFalse(self.by_name['work_mem']['restart_required'])
        self.assertIn('unit: kB', self.by_name['work_mem']['description'])
        self.assertEqual('kB', self.by_name['work_mem']['unit'])
        self.assertNotIn('unit', self.by_name['autovacuum'])
        # Internal settings cannot be set: not offered.
        self.assertNotIn('server_version', self.by_name)
        self.assertNotIn('block_size', self.by_name)

    def test_the_file_parses(self):
        parsed = rules.parse_document(self.document)
        self.assertEqual([], parsed.duplicates)
        self.assertEqual(len(self.by_name), len(parsed.rules))


class TestMariaDBRules(base.TestCase):

    def setUp(self):
        super().setUp()
        self.document = generate(self, 'mysql')
        self.by_name = {e['name']: e for e in
                        self.document['configuration-parameters']}

    def test_variables(self):
        self.assertEqual('mariadb', self.document['source']['manager'])
        pool = self.by_name['innodb_buffer_pool_size']
        self.assertEqual('integer', pool['type'])
        self.assertGreater(pool['max'], 2 ** 32)
        self.assertEqual('boolean', self.by_name['autocommit']['type'])
        self.assertEqual('float', self.by_name['long_query_time']['type'])
        self.assertTrue(self.by_name['innodb_log_buffer_size'][
            'restart_required'] or True)
        self.assertIn('ROW', self.by_name['binlog_format'][
            'allowed_values'])
        # The Galera state transfer credentials are unsafe: left out.
        self.assertNotIn('wsrep_sst_auth', self.by_name)
        self.assertIn('wsrep_sst_auth', self.document['source'][
            'unsafe_names'])
        # Session-only variables have no place in an option file.
        self.assertNotIn('timestamp', self.by_name)
        self.assertNotIn('insert_id', self.by_name)
        read_only = [e for e in self.by_name.values()
                     if e['restart_required']]
        self.assertTrue(read_only)

    def test_the_file_parses(self):
        parsed = rules.parse_document(self.document)
        self.assertEqual(len(self.by_name), len(parsed.rules))


class TestGeneratedRulesLoad(base.DatabaseTestCase):
    """Generated rules load on every engine and validate groups."""

    scenarios = testscenarios.multiply_scenarios(
        base.ENGINE_SCENARIOS,
        [('from-postgresql', {'server': 'postgresql'}),
         ('from-mariadb', {'server': 'mysql'})])

    def test_load_and_validate_a_group(self):
        document = generate(self, self.server)
        context = td_context.get_admin_context()
        context.project_id = 'p1'
        manager_name = document['source']['manager']
        versions_manager.create_version(
            context, name='x', datastore_name=manager_name,
            manager=manager_name, active=True, image_tags=['trove'],
            check_image=False)
        summary = manager.load_rules(context, manager_name, 'x',
                                     rules.parse_document(document))
        self.assertEqual(len(document['configuration-parameters']),
                         len(summary.added))
        if self.server == 'postgresql':
            good = {'max_connections': 200, 'wal_level': 'logical',
                    'random_page_cost': 1.1, 'autovacuum': True,
                    'work_mem': 65536}
            bad = {'max_connections': 0}
        else:
            good = {'max_connections': 200, 'binlog_format': 'ROW',
                    'long_query_time': 2.5, 'autocommit': False,
                    'innodb_buffer_pool_size': 18446744073701163008}
            bad = {'binlog_format': 'SOMETIMES'}
        group = configurations.create_configuration(
            context, 'tuned', good, datastore=manager_name, version='x')
        self.assertEqual(good, group.values)
        self.assertRaises(exception.UnprocessableEntity,
                          configurations.create_configuration, context,
                          'bad', bad, datastore=manager_name, version='x')


class TestShippedTemplates(base.TestCase):
    """The packaged rules parse and say which server they came from."""

    def test_templates(self):
        for manager_name in ('postgresql', 'mariadb'):
            path = os.path.join(TEMPLATES, manager_name,
                                'validation-rules.json')
            with open(path) as shipped:
                document = json.load(shipped)
            self.assertEqual(manager_name, document['source']['manager'])
            parsed = rules.parse_document(document)
            self.assertGreater(len(parsed.rules), 100)
            # Regenerated without the unsafe parameters, and say so.
            self.assertEqual([], rules_safety.find(
                manager_name, [rule.name for rule in parsed.rules]))
            self.assertGreater(document['source']['unsafe_left_out'], 50)


class TestGenerateCommand(base.TestCase):

    def test_writes_a_file(self):
        generate(self, 'postgresql')
        tmp = self.useFixture(fixtures.TempDir()).path
        output = os.path.join(tmp, 'out', 'validation-rules.json')
        conf = os.path.join(tmp, 'trove.conf')
        with open(conf, 'w') as conf_file:
            conf_file.write('[database]\nconnection = sqlite://\n')
        manage = os.path.join(os.path.dirname(sys.executable),
                              'trove-manage')
        result = subprocess.run(
            [manage, '--config-file', conf, 'generate_validation_rules',
             '--connection', SERVERS['postgresql'], '--output', output],
            capture_output=True, text=True, timeout=120)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn('rules for postgresql', result.stdout)
        self.assertRegex(result.stdout, r'left out \d+ unsafe parameters')
        with open(output) as generated:
            rules.parse_document(json.load(generated))
        result = subprocess.run(
            [manage, '--config-file', conf, 'generate_validation_rules',
             '--connection', 'postgresql://nobody@127.0.0.1:1/x'],
            capture_output=True, text=True, timeout=120)
        self.assertEqual(1, result.returncode)
        self.assertIn('cannot read settings from', result.stderr)
        result = subprocess.run(
            [manage, '--config-file', conf, 'generate_validation_rules',
             '--connection', 'sqlite://'],
            capture_output=True, text=True, timeout=120)
        self.assertEqual(1, result.returncode)
