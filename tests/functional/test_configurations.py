"""Stories of configuration groups on every engine: a project's validated
values for one datastore version."""

import os

import testscenarios

from trove_datastore import context as td_context
from trove_datastore.manager import parameters as manager
from trove_datastore import rules
from tests.fixtures import api_base
from tests.fixtures import parameter_rules

load_tests = testscenarios.load_tests_apply_scenarios

FILES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     'rules_files')
MEMBER = api_base.member_token()
OTHER = api_base.OTHER_PROJECT
OTHER_MEMBER = api_base.member_token(project=OTHER, user='bob')
queries = parameter_rules.queries


def load_file(name, datastore='mysql', version='5.7.29', number=None):
    return manager.load_rules(
        td_context.get_admin_context(), datastore, version,
        rules.load_file(os.path.join(FILES, name)), version_number=number)


def creation_times(groups):
    return [g['created'] for g in groups]


class ConfigurationsTestCase(api_base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.create_version()
        self.vid = self.version_id('5.7.29')
        load_file('mysql-5.7.json')
        load_file('extensions.json')

    def create(self, values=None, status=200, token=None, project=None,
               **fields):
        body = {'name': 'group', 'values': values or {},
                'datastore': {'type': 'mysql', 'version': '5.7.29'}}
        body.update(fields)
        if body['datastore'] is None:
            del body['datastore']
        path = '/configurations'
        if project:
            path = '/v1.0/%s/configurations' % project
        response = self.post(path, {'configuration': body}, token=token)
        self.assertEqual(status, response.status_int, response.text)
        return response

    def show(self, group_id, **kwargs):
        return self.get('/configurations/%s' % group_id, **kwargs)


class TestCreate(ConfigurationsTestCase):

    def test_create_and_show(self):
        response = self.create({
            'MAX_CONNECTIONS': 200,
            'innodb_buffer_pool_size': 18446744073709551615,
            'long_query_time': 2,
            'innodb_file_per_table': True,
            'sql_mode': 'STRICT_ALL_TABLES',
            'innodb_ft_max_token_size': 20,
            'report_password': 's3cret',
        }, description='Tuned for reads', token=MEMBER)
        group = response.json['configuration']
        self.assertEqual({
            'id', 'name', 'description', 'created', 'updated', 'values',
            'datastore_version_id', 'datastore_name',
            'datastore_version_name', 'datastore_version_number'},
            set(group))
        self.assertEqual(('group', 'Tuned for reads', 'mysql', '5.7.29',
                          '5.7.29', self.vid),
                         (group['name'], group['description'],
                          group['datastore_name'],
                          group['datastore_version_name'],
                          group['datastore_version_number'],
                          group['datastore_version_id']))
        expected = {
            # Stored under the rule's name; types survive; only the
            # sensitive rule is masked.
            'max_connections': 200,
            'innodb_buffer_pool_size': 18446744073709551615,
            'long_query_time': 2,
            'innodb_file_per_table': True,
            'sql_mode': 'STRICT_ALL_TABLES',
            'innodb_ft_max_token_size': 20,
            'report_password': '***',
        }
        self.assertEqual(expected, group['values'])
        shown = self.show(group['id'], token=MEMBER)
        self.assertEqual(200, shown.status_int)
        self.assertEqual(group, shown.json['configuration'])
        self.assertIn('"innodb_buffer_pool_size": 18446744073709551615',
                      shown.text)

    def test_default_datastore_and_version(self):
        self.create(status=400, datastore=None)
        self.conf.config(default_datastore='mysql')
        message = self.assertFault(self.create(status=400, datastore=None),
                                   400, 'badRequest')
        self.assertEqual("Default version for datastore 'mysql' not found.",
                         message)
        self.patch('/mgmt/datastore-versions/%s' % self.vid,
                   {'default': True})
        group = self.create({'max_connections': 5},
                            datastore=None).json['configuration']
        self.assertEqual(self.vid, group['datastore_version_id'])
        group = self.create(datastore={'type': 'mysql'}).json[
            'configuration']
        self.assertEqual(self.vid, group['datastore_version_id'])
        self.conf.config(default_datastore='gone')
        self.assertFault(self.create(status=400, datastore=None), 400,
                         'badRequest', "Default datastore 'gone' cannot be "
                                       "found.")

    def test_no_default_datastore(self):
        self.assertFault(
            self.create(status=400, datastore=None), 400, 'badRequest',
            'Please specify datastore. No default datastore is defined.')

    def test_version_number_picks_among_same_names(self):
        self.create_version(name='5.7', version='5.7.29')
        self.create_version(name='5.7', version='5.7.40')
        load_file('mysql-5.7.json', version='5.7', number='5.7.40')
        self.assertFault(
            self.create(status=400, datastore={'type': 'mysql',
                                               'version': '5.7'}),
            400, 'badRequest', "Multiple datastore versions found for "
                               "'5.7'")
        group = self.create({'max_connections': 9}, datastore={
            'type': 'mysql', 'version': '5.7',
            'version_number': '5.7.40'}).json['configuration']
        self.assertEqual('5.7.40', group['datastore_version_number'])

    def test_unknown_datastore_or_version(self):
        self.assertFault(self.create(status=404, datastore={
            'type': 'nope'}), 404, 'itemNotFound')
        self.assertFault(self.create(status=404, datastore={
            'type': 'mysql', 'version': '9.9'}), 404, 'itemNotFound',
            "Datastore version '9.9' cannot be found.")

    def test_inactive_version_is_allowed(self):
        self.patch('/mgmt/datastore-versions/%s' % self.vid,
                   {'active': False})
        self.create({'max_connections': 10}, token=MEMBER)

    def test_invalid_values(self):
        cases = [
            ({'nope': 1}, 'The configuration parameter nope is not '
             'supported for this datastore: mysql 5.7.29.'),
            ({'max_connections': True}, 'The value provided for the '
             'configuration parameter max_connections is not of type '
             'integer.'),
            # Numeric strings are read now (TestCompatibleValues); text
            # that is no number still is not.
            ({'max_connections': 'lots'}, 'The value provided for the '
             'configuration parameter max_connections is not of type '
             'integer.'),
            ({'long_query_time': False}, 'The value provided for the '
             'configuration parameter long_query_time is not of type '
             'float.'),
            ({'innodb_file_per_table': 2}, 'is not of type boolean.'),
            ({'innodb_file_per_table': 'maybe'}, 'is not of type boolean.'),
            ({'max_connections': 0}, 'The value for the configuration '
             'parameter max_connections is less than the minimum allowed: '
             '1'),
            ({'innodb_buffer_pool_size': 18446744073709551616},
             'is greater than the maximum allowed: 18446744073709551615'),
            ({'performance_schema_max_table_instances': -2},
             'less than the minimum allowed: -1'),
            ({'wal_level': 'archive'}, 'The value for the configuration '
             'parameter wal_level must be one of: minimal, replica, '
             'logical'),
            ({'sql_mode': 'x' * 4097}, 'is longer than the 4096 characters '
             'allowed.'),
            ({'max_connections': 1, 'Max_Connections': 2},
             'is given more than once'),
        ]
        for values, message in cases:
            self.assertFault(self.create(values, status=422), 422,
                             'unprocessableEntity', message)
        self.assertEqual([], self.get('/configurations').json[
            'configurations'])

    def test_version_without_rules(self):
        self.create_version(name='8.0')
        self.assertFault(
            self.create({'max_connections': 1}, status=422,
                        datastore={'type': 'mysql', 'version': '8.0'}),
            422, 'unprocessableEntity', 'Configuration groups are not '
            'supported for this datastore: mysql 8.0')
        self.create({}, datastore={'type': 'mysql', 'version': '8.0'})

    def test_bad_bodies(self):
        for body in ({}, {'configuration': {}},
                     {'configuration': {'name': 'x'}},
                     {'configuration': {'name': '!!!', 'values': {}}},
                     {'configuration': {'name': 'x', 'values': []}},
                     {'configuration': {'name': 'x', 'values': {},
                                        'datastore': {'type': 'mysql',
                                                      'flavor': 'x'}}},
                     {'configuration': {'name': 'x', 'values': {},
                                        'extra': 1}}):
            self.assertFault(self.post('/configurations', body), 400,
                             'badRequest', 'Validation error')
        self.assertFault(self.post('/configurations'), 400, 'badRequest')


class TestCompatibleValues(ConfigurationsTestCase):
    """What a Trove user sends today keeps working, stored one way; every
    bad value of a group is reported at once."""

    def setUp(self):
        super().setUp()
        load_file('postgresql-units.json')

    def stored(self, values):
        group = self.create(values, token=MEMBER).json['configuration']
        shown = self.show(group['id'], token=MEMBER).json['configuration']
        self.assertEqual(group['values'], shown['values'])
        return shown['values']

    def test_units_and_switches_are_stored_canonically(self):
        self.assertEqual({
            'autovacuum_naptime': 60, 'work_mem': 65536,
            'shared_buffers': 16384, 'statement_timeout': 1500,
            'vacuum_cost_delay': 0.5, 'fsync': True,
            'innodb_file_per_table': False, 'autocommit': 1,
            'max_connections': 200, 'long_query_time': 2.5,
        }, self.stored({
            'autovacuum_naptime': '1min', 'work_mem': '64MB',
            'shared_buffers': '128MB', 'statement_timeout': '1.5s',
            'vacuum_cost_delay': '500us', 'fsync': 'ON',
            'innodb_file_per_table': 'off',
            # Trove's files make MariaDB's switches integers 0..1.
            'autocommit': True,
            'max_connections': '200', 'long_query_time': ' 2.5 ',
        }))
        self.assertEqual({'fsync': True, 'innodb_file_per_table': True,
                          'autovacuum_naptime': 3600},
                         self.stored({'fsync': 1, 'innodb_file_per_table':
                                      'yes', 'autovacuum_naptime': '1h'}))

    def test_bounds_hold_after_conversion(self):
        self.assertFault(
            self.create({'autovacuum_naptime': '61min'}, status=422), 422,
            'unprocessableEntity',
            'The value for the configuration parameter autovacuum_naptime '
            'is greater than the maximum allowed: 3600 s (61min is 3660 s)')
        self.assertFault(
            self.create({'autovacuum_naptime': '64MB'}, status=422), 422,
            'unprocessableEntity', 'valid units are d, h, min, s, ms, us.')
        self.assertFault(
            self.create({'statement_timeout': '100us'}, status=422), 422,
            'unprocessableEntity', 'rounds to 0 ms')
        self.assertEqual([], self.get('/configurations').json[
            'configurations'])

    def test_five_bad_values_are_one_answer(self):
        response = self.create({
            'autovacuum_naptime': '61min', 'fsync': 'maybe',
            'max_connections': 0, 'nope': 1, 'wal_level': 'archive',
            'work_mem': '64MB'}, status=422)
        message = self.assertFault(response, 422, 'unprocessableEntity')
        self.assertEqual([
            '5 configuration values are invalid:',
            'The value for the configuration parameter autovacuum_naptime '
            'is greater than the maximum allowed: 3600 s (61min is 3660 s)',
            'The value provided for the configuration parameter fsync is '
            'not of type boolean.',
            'The value for the configuration parameter max_connections is '
            'less than the minimum allowed: 1',
            'The configuration parameter nope is not supported for this '
            'datastore: mysql 5.7.29.',
            'The value for the configuration parameter wal_level must be '
            'one of: minimal, replica, logical'], message.split('\n'))
        # Good and bad values together: nothing is written.
        self.assertEqual([], self.get('/configurations').json[
            'configurations'])

    def test_updates_report_every_bad_value_and_change_nothing(self):
        group = self.create({'fsync': 'on'}).json['configuration']
        path = '/configurations/%s' % group['id']
        for method in (self.put, self.patch):
            message = self.assertFault(method(path, {'configuration': {
                'values': {'work_mem': '1MB', 'fsync': 'sometimes',
                           'shared_buffers': '4kB'}}}), 422,
                'unprocessableEntity')
            self.assertTrue(message.startswith(
                '2 configuration values are invalid:\n'), message)
            self.assertEqual({'fsync': True}, self.show(group['id']).json[
                'configuration']['values'])

    def test_long_values_count_their_own_characters(self):
        # 4096 characters each: four-byte ones, and ones whose JSON
        # escapes take two or six characters.
        for text in ('\U0001f600' * 4096, '"\\' * 2048, '\x01' * 4096):
            self.assertEqual({'sql_mode': text},
                             self.stored({'sql_mode': text}))
        self.assertFault(
            self.create({'sql_mode': '\U0001f600' * 4097}, status=422), 422,
            'unprocessableEntity', 'is longer than the 4096 characters '
            'allowed.')


class TestGroups(ConfigurationsTestCase):

    def setUp(self):
        super().setUp()
        self.group = self.create({'max_connections': 100,
                                  'sql_mode': 'ANSI'},
                                 token=MEMBER).json['configuration']
        self.path = '/configurations/%s' % self.group['id']

    def values(self):
        return self.show(self.group['id']).json['configuration']['values']

    def test_list(self):
        other = self.create({'max_connections': 1}, name='theirs',
                            project=OTHER, token=OTHER_MEMBER)
        other_id = other.json['configuration']['id']
        mine = self.get('/configurations', token=MEMBER).json
        self.assertEqual([{
            'id': self.group['id'], 'name': 'group', 'description': None,
            'created': self.group['created'],
            'updated': self.group['updated'],
            'datastore_version_id': self.vid, 'datastore_name': 'mysql',
            'datastore_version_name': '5.7.29',
            'datastore_version_number': '5.7.29'}], mine['configurations'])
        # Administrators see every project's groups, oldest first.
        everything = self.get('/configurations').json['configurations']
        self.assertEqual(sorted([self.group['id'], other_id]),
                         sorted(g['id'] for g in everything))
        self.assertEqual(sorted(creation_times(everything)),
                         creation_times(everything))

    def test_pages(self):
        for i in range(4):
            self.create(name='g%d' % i, token=MEMBER)
        whole = self.get('/configurations', token=MEMBER).json
        ids = [g['id'] for g in whole['configurations']]
        self.assertEqual(5, len(ids))
        times = creation_times(whole['configurations'])
        self.assertEqual(sorted(times), times)
        first = self.get('/configurations?limit=2', token=MEMBER).json
        self.assertEqual(ids[:2], [g['id'] for g in first['configurations']])
        [link] = first['links']
        self.assertEqual('next', link['rel'])
        self.assertIn('marker=%s' % ids[1], link['href'])
        second = self.get('/configurations?limit=2&marker=%s' % ids[1],
                          token=MEMBER).json
        self.assertEqual(ids[2:4],
                         [g['id'] for g in second['configurations']])
        last = self.get('/configurations?limit=2&marker=%s' % ids[3]).json
        self.assertEqual(ids[4:], [g['id'] for g in last['configurations']])
        self.assertNotIn('links', last)
        self.conf.config(configurations_page_size=3)
        capped = self.get('/configurations?limit=50').json
        self.assertEqual(3, len(capped['configurations']))
        self.assertIn('links', capped)
        self.assertFault(self.get('/configurations?marker=nope'), 400,
                         'badRequest', "Marker 'nope' could not be found.")
        self.assertFault(self.get('/configurations?limit=x'), 400,
                         'badRequest')

    def test_other_projects_see_nothing(self):
        base = '/v1.0/%s/configurations/%s' % (OTHER, self.group['id'])
        body = {'configuration': {'values': {}}}
        for method, path, document in (
                ('GET', base, None), ('PUT', base, body),
                ('PATCH', base, body), ('DELETE', base, None),
                ('GET', base + '/instances', None)):
            response = self.request(method, path, body=document,
                                    token=OTHER_MEMBER)
            self.assertFault(
                response, 404, 'itemNotFound',
                'Configuration group with ID %s could not be found.'
                % self.group['id'])
        listed = self.get('/v1.0/%s/configurations' % OTHER,
                          token=OTHER_MEMBER).json
        self.assertEqual([], listed['configurations'])
        self.assertEqual(100, self.values()['max_connections'])

    def test_replace(self):
        response = self.put(self.path, {'configuration': {
            'values': {'wait_timeout': 30}, 'name': 'renamed',
            'description': 'new'}}, token=MEMBER)
        self.assertEqual(202, response.status_int, response.text)
        self.assertEqual('', response.text)
        group = self.show(self.group['id']).json['configuration']
        self.assertEqual({'wait_timeout': 30}, group['values'])
        self.assertEqual(('renamed', 'new'),
                         (group['name'], group['description']))
        # Without values, every value goes.
        self.put(self.path, {'configuration': {'description': ''}})
        group = self.show(self.group['id']).json['configuration']
        self.assertEqual(({}, None, 'renamed'), (
            group['values'], group['description'], group['name']))

    def test_replace_is_all_or_nothing(self):
        self.assertFault(self.put(self.path, {'configuration': {
            'values': {'wait_timeout': 30, 'max_connections': -5},
            'name': 'renamed'}}), 422, 'unprocessableEntity')
        self.assertEqual({'max_connections': 100, 'sql_mode': 'ANSI'},
                         self.values())
        self.assertEqual('group', self.show(self.group['id']).json[
            'configuration']['name'])
        self.assertFault(self.put(self.path, {}), 400, 'badRequest')

    def test_merge(self):
        response = self.patch(self.path, {'configuration': {'values': {
            'MAX_CONNECTIONS': 300, 'long_query_time': 1.5}}},
            token=MEMBER)
        self.assertEqual(200, response.status_int, response.text)
        self.assertEqual('', response.text)
        self.assertEqual({'max_connections': 300, 'sql_mode': 'ANSI',
                          'long_query_time': 1.5}, self.values())

    def test_merge_is_all_or_nothing(self):
        self.assertFault(self.patch(self.path, {'configuration': {'values': {
            'wait_timeout': 30, 'autocommit': 'yes'}}}), 422,
            'unprocessableEntity')
        self.assertEqual({'max_connections': 100, 'sql_mode': 'ANSI'},
                         self.values())
        self.assertFault(self.patch(self.path, {'configuration': {
            'name': 'x'}}), 400, 'badRequest')

    def test_delete(self):
        response = self.delete(self.path, token=MEMBER)
        self.assertEqual(202, response.status_int)
        self.assertEqual('', response.text)
        self.assertFault(self.show(self.group['id']), 404, 'itemNotFound')
        self.assertFault(self.delete(self.path), 404, 'itemNotFound')
        # The version is free again.
        self.assertEqual(202, self.delete('/mgmt/datastore-versions/%s'
                                          % self.vid).status_int)

    def test_version_in_use(self):
        # The refusal names the group, so the admin knows what to delete.
        self.assertFault(self.delete('/mgmt/datastore-versions/%s'
                                     % self.vid), 409,
                         'conflictingRequest',
                         'Datastore version is in use by configuration. '
                         'Configuration groups using it: %s (%s, project '
                         '%s); delete them first (openstack database '
                         'configuration delete <id>).'
                         % (self.group['name'], self.group['id'],
                            api_base.PROJECT))

    def test_instances_are_not_served_here(self):
        self.assertFault(self.get(self.path + '/instances', token=MEMBER),
                         501, 'notImplemented',
                         'Instances are not managed by this service')
        self.assertFault(self.get('/configurations/nope/instances'), 404,
                         'itemNotFound')

    def test_unknown_routes(self):
        self.assertFault(self.post(self.path, {}), 404, 'itemNotFound')
        self.assertFault(self.get(self.path + '/x'), 404, 'itemNotFound')
        self.assertFault(self.show('nope'), 404, 'itemNotFound')

    def test_stale_values_still_show(self):
        # A value whose rule was removed keeps its stored type.
        self.delete('/mgmt/datastores/versions/%s/parameters/sql_mode'
                    % self.vid)
        self.assertEqual({'max_connections': 100, 'sql_mode': 'ANSI'},
                         self.values())


class TestStatementCounts(ConfigurationsTestCase):
    """Lists, shows and writes cost the same whatever the row count."""

    def setUp(self):
        super().setUp()
        parameter_rules.load([parameter_rules.entry('p%03d' % i, min=0)
                              for i in range(100)])

    def counted(self, method, *args, **kwargs):
        self.db.statements.reset()
        response = method(*args, **kwargs)
        self.assertLess(response.status_int, 300, response.text)
        return response, queries(self.db.statements)

    def values(self, count):
        return {'p%03d' % i: i for i in range(count)}

    def test_create_show_replace_merge(self):
        counts = {}
        for size in (2, 100):
            created, counts['create', size] = self.counted(
                self.create, self.values(size))
            path = '/configurations/%s' % created.json['configuration'][
                'id']
            shown, counts['show', size] = self.counted(self.get, path)
            self.assertEqual(size, len(shown.json['configuration'][
                'values']))
            _, counts['put', size] = self.counted(
                self.put, path, {'configuration': {
                    'values': self.values(size)}})
            _, counts['patch', size] = self.counted(
                self.patch, path, {'configuration': {
                    'values': self.values(size)}})
        for operation in ('create', 'show', 'put', 'patch'):
            self.assertEqual(counts[operation, 2], counts[operation, 100],
                             counts)
        # Each counts one statement on the catalog generation (a GET
        # reads it, a write moves it on: db/generation.py).
        self.assertLessEqual(counts['show', 100], 3, counts)
        self.assertLessEqual(counts['create', 100], 7, counts)
        self.assertLessEqual(counts['put', 100], 7, counts)

    def test_list(self):
        counts = []
        for batch in (1, 29):
            for _ in range(batch):
                self.create({'p001': 1}, token=MEMBER)
            for token in (None, MEMBER):
                _, count = self.counted(self.get, '/configurations',
                                        token=token)
                counts.append(count)
            _, count = self.counted(self.get, '/configurations?limit=5'
                                    '&marker=%s' % self.get(
                                        '/configurations').json[
                                        'configurations'][0]['id'])
            counts.append(count)
        self.assertLessEqual(max(counts), 3, counts)
        self.assertEqual(counts[:3], counts[3:])
