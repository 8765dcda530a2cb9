"""Configuration parameters and groups with the real openstack CLI
(python-openstackclient + python-troveclient) against the real server,
with rules loaded by the real trove-manage."""

import json
import os

import testtools

from tests.fixtures import server

MEMBER = 'alice:%s:member' % server.PROJECT
OTHER_PROJECT = 'e2eother'
OTHER_MEMBER = 'bob:%s:member' % OTHER_PROJECT
MYSQL_RULES = os.path.join(server.REPO, 'tests', 'functional',
                           'rules_files', 'mysql-5.7.json')
POSTGRESQL_RULES = os.path.join(server.REPO, 'trove_datastore', 'templates',
                                'postgresql', 'validation-rules.json')


class ConfigurationWalkthroughTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.service = self.useFixture(server.Service())
        self.osc = self.service.openstack
        self.json = self.service.openstack_json

    def test_parameters_and_groups(self):
        self.osc('datastore', 'version', 'create', '5.7.29', 'mysql',
                 'mysql', '', '--image-tags', 'trove,mysql', '--active',
                 '--default', '--version-number', '5.7.29')
        loaded = self.service.manage(
            'db_load_datastore_config_parameters', 'mysql', '5.7.29',
            MYSQL_RULES)
        self.assertIn('14 added', loaded.stdout)
        self.assertIn('last entry wins: max_connections', loaded.stdout)

        params = self.json('database', 'configuration', 'parameter',
                           'list', '5.7.29', '--datastore', 'mysql',
                           token=MEMBER)
        by_name = {p['Name']: p for p in params}
        self.assertEqual(14, len(by_name))
        pool = by_name['innodb_buffer_pool_size']
        self.assertEqual(('integer', 5242880, 18446744073709551615, True),
                         (pool['Type'], pool['Min Size'], pool['Max Size'],
                          pool['Restart Required']))
        self.assertEqual('-', by_name['sql_mode']['Max Size'])
        version_id = self.json('datastore', 'version', 'list',
                               'mysql')[0]['ID']
        shown = self.json('database', 'configuration', 'parameter', 'show',
                          version_id, 'long_query_time')
        self.assertEqual(('float', 0.0), (shown['type'], shown['min']))

        created = self.json(
            'database', 'configuration', 'create', 'tuned',
            '{"max_connections": 200, "long_query_time": 2, '
            '"innodb_file_per_table": true}',
            '--datastore', 'mysql', '--datastore-version', '5.7.29',
            '--description', 'for reads', token=MEMBER)
        group_id = created['id']
        self.assertEqual({'max_connections': 200, 'long_query_time': 2,
                          'innodb_file_per_table': True},
                         json.loads(created['values']))
        self.assertEqual('5.7.29', created['datastore_version_number'])

        for values, message in (
                ('{"max_connections": true}', 'The value provided for the '
                 'configuration parameter max_connections is not of type '
                 'integer.'),
                ('{"max_connections": 0}', 'is less than the minimum '
                 'allowed: 1'),
                ('{"no_such": 1}', 'The configuration parameter no_such is '
                 'not supported for this datastore: mysql 5.7.29.')):
            refused = self.osc('database', 'configuration', 'create', 'bad',
                               values, '--datastore', 'mysql',
                               check=False)
            self.assertNotEqual(0, refused.returncode)
            self.assertIn(message, refused.stderr)

        listed = self.json('database', 'configuration', 'list',
                           token=MEMBER)
        self.assertEqual([{'ID': group_id, 'Name': 'tuned',
                           'Description': 'for reads',
                           'Datastore Name': 'mysql',
                           'Datastore Version Name': '5.7.29',
                           'Datastore Version Number': '5.7.29'}], listed)
        self.assertEqual([], self.json(
            'database', 'configuration', 'list', token=OTHER_MEMBER,
            project=OTHER_PROJECT))
        hidden = self.osc('database', 'configuration', 'show', group_id,
                          token=OTHER_MEMBER, project=OTHER_PROJECT,
                          check=False)
        self.assertNotEqual(0, hidden.returncode)

        # set replaces every value (PUT); parameter set merges (PATCH).
        self.osc('database', 'configuration', 'set', group_id,
                 '{"wait_timeout": 30}', '--name', 'renamed',
                 token=MEMBER)
        shown = self.json('database', 'configuration', 'show', 'renamed')
        self.assertEqual({'wait_timeout': 30}, json.loads(shown['values']))
        self.osc('database', 'configuration', 'parameter', 'set', group_id,
                 '{"MAX_CONNECTIONS": 300}', token=MEMBER)
        shown = self.json('database', 'configuration', 'show', group_id)
        self.assertEqual({'wait_timeout': 30, 'max_connections': 300},
                         json.loads(shown['values']))
        refused = self.osc('database', 'configuration', 'parameter', 'set',
                           group_id, '{"wait_timeout": "thirty"}', check=False)
        self.assertIn('is not of type integer', refused.stderr)

        in_use = self.osc('datastore', 'version', 'delete', version_id,
                          check=False)
        self.assertIn('in use by configuration', in_use.stderr)
        self.osc('database', 'configuration', 'delete', group_id,
                 token=MEMBER)
        self.assertEqual([], self.json('database', 'configuration', 'list'))

    def test_generated_postgresql_rules(self):
        self.osc('datastore', 'version', 'create', '15', 'postgresql',
                 'postgresql', '', '--image-tags', 'trove,postgresql',
                 '--active', '--default')
        self.service.manage('db_load_datastore_config_parameters',
                            'postgresql', '15', POSTGRESQL_RULES)
        created = self.json(
            'database', 'configuration', 'create', 'pg',
            '{"max_connections": 150, "wal_level": "logical", '
            '"random_page_cost": 1.1}', '--datastore', 'postgresql')
        self.assertEqual(150, json.loads(created['values'])[
            'max_connections'])
        refused = self.osc('database', 'configuration', 'create', 'pg2',
                           '{"wal_level": "archive"}', '--datastore',
                           'postgresql', check=False)
        self.assertIn('must be one of: minimal, replica, logical',
                      refused.stderr)
