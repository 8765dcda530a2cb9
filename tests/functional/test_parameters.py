"""Stories of the configuration parameter endpoints, public and mgmt, on
every engine."""

import testscenarios

from tests.fixtures import api_base
from tests.fixtures.parameter_rules import (
    MEMBER, ParametersTestCase, entry, load, queries)

load_tests = testscenarios.load_tests_apply_scenarios

class TestPublicParameters(ParametersTestCase):

    def setUp(self):
        super().setUp()
        load([entry('max_connections', min=1, max=100000),
              entry('innodb_buffer_pool_size', restart=True, min=5242880,
                    max=18446744073709551615),
              entry('long_query_time', 'float', min=0, max=1.0),
              entry('autocommit', 'boolean'),
              entry('character_set_server', 'string',
                    description='Server character set.',
                    allowed_values=['utf8mb4', 'latin1'], dynamic=True),
              entry('report_password', 'string', sensitive=True),
              entry('auto_increment_offset', min=-1)])

    def test_list_by_datastore_and_version_name(self):
        response = self.get(self.by_name, token=MEMBER)
        self.assertEqual(200, response.status_int)
        params = response.json['configuration-parameters']
        self.assertEqual(
            ['auto_increment_offset', 'autocommit', 'character_set_server',
             'innodb_buffer_pool_size', 'long_query_time', 'max_connections',
             'report_password'], [p['name'] for p in params])
        by_name = {p['name']: p for p in params}
        self.assertEqual({'name': 'innodb_buffer_pool_size',
                          'datastore_version_id': self.vid,
                          'restart_required': True, 'type': 'integer',
                          'min': 5242880, 'max': 18446744073709551615},
                         by_name['innodb_buffer_pool_size'])
        self.assertIn('"max": 18446744073709551615', response.text)
        # Float bounds render as floats, integer bounds as integers.
        self.assertIn('"min": 0.0, "max": 1.0', response.text)
        self.assertEqual(-1, by_name['auto_increment_offset']['min'])
        self.assertNotIn('max', by_name['auto_increment_offset'])
        self.assertEqual({'name': 'autocommit',
                          'datastore_version_id': self.vid,
                          'restart_required': False, 'type': 'boolean'},
                         by_name['autocommit'])
        charset = by_name['character_set_server']
        self.assertEqual('Server character set.', charset['description'])
        self.assertEqual(['utf8mb4', 'latin1'], charset['allowed_values'])
        self.assertIs(True, charset['dynamic'])
        self.assertIs(True, by_name['report_password']['sensitive'])

    def test_list_by_version_id_is_the_same(self):
        by_id = self.get(self.by_id, token=MEMBER)
        self.assertEqual(200, by_id.status_int)
        self.assertEqual(self.get(self.by_name).json, by_id.json)

    def test_version_by_id_under_datastore(self):
        response = self.get('/datastores/mysql/versions/%s/parameters'
                            % self.vid)
        self.assertEqual(7, len(response.json['configuration-parameters']))

    def test_show(self):
        for path in (self.by_name, self.by_id):
            response = self.get(path + '/long_query_time', token=MEMBER)
            self.assertEqual(200, response.status_int)
            self.assertEqual({'name': 'long_query_time',
                              'datastore_version_id': self.vid,
                              'restart_required': False, 'type': 'float',
                              'min': 0.0, 'max': 1.0}, response.json)

    def test_show_matches_case_insensitively(self):
        response = self.get(self.by_id + '/MAX_CONNECTIONS')
        self.assertEqual('max_connections', response.json['name'])

    def test_show_unknown_parameter(self):
        for path in (self.by_name, self.by_id):
            self.assertFault(self.get(path + '/nope'), 404, 'itemNotFound',
                             'Resource nope cannot be found.')

    def test_unknown_datastore_or_version(self):
        self.assertFault(
            self.get('/datastores/nope/versions/5.7.29/parameters'), 404,
            'itemNotFound', "Datastore 'nope' cannot be found.")
        self.assertFault(
            self.get('/datastores/mysql/versions/9.9/parameters'), 404,
            'itemNotFound', "Datastore version '9.9' cannot be found.")
        missing = api_base.MISSING_IMAGE
        self.assertFault(
            self.get('/datastores/versions/%s/parameters' % missing), 404,
            'itemNotFound', "Datastore version '%s' cannot be found."
            % missing)
        self.assertFault(
            self.get('/datastores/versions/%s/parameters/x' % missing), 404,
            'itemNotFound')

    def test_inactive_version_parameters_stay_readable(self):
        self.patch('/mgmt/datastore-versions/%s' % self.vid,
                   {'active': False})
        response = self.get(self.by_id, token=MEMBER)
        self.assertEqual(200, response.status_int)

    def test_pages(self):
        first = self.get(self.by_id + '?limit=3')
        names = [p['name'] for p in first.json['configuration-parameters']]
        self.assertEqual(3, len(names))
        [link] = first.json['links']
        self.assertEqual('next', link['rel'])
        self.assertIn('marker=character_set_server', link['href'])
        self.assertIn('limit=3', link['href'])
        rest = self.get(self.by_id + '?limit=10&marker=character_set_server')
        self.assertEqual(4, len(rest.json['configuration-parameters']))
        self.assertNotIn('links', rest.json)
        self.assertFault(self.get(self.by_id + '?limit=0'), 400,
                         'badRequest')

    def test_empty_version(self):
        self.create_version(name='8.0', image_tags=['mysql'])
        response = self.get('/datastores/mysql/versions/8.0/parameters')
        self.assertEqual({'configuration-parameters': []}, response.json)

    def test_list_is_a_fixed_number_of_statements(self):
        counts = []
        for extra in (0, 60):
            load([entry('p%03d' % i, min=0, max=i + 1)
                  for i in range(extra)])
            for path in (self.by_name, self.by_id):
                self.db.statements.reset()
                response = self.get(path)
                self.assertEqual(200, response.status_int)
                counts.append(queries(self.db.statements))
        # The version's look-up, the rules, and the catalog generation
        # the conditional GETs read first: the same for 0 and 60 rules.
        self.assertLessEqual(max(counts), 4, counts)
        self.assertEqual(counts[:2], counts[2:])


class TestMgmtParameters(ParametersTestCase):

    def create(self, status=200, **fields):
        body = {'name': 'max_connections', 'data_type': 'integer',
                'restart_required': 0, 'max_size': '100000',
                'min_size': '0'}
        body.update(fields)
        response = self.post(self.mgmt, {'configuration-parameter': body})
        self.assertEqual(status, response.status_int, response.text)
        return response

    def test_create_as_troveclient_sends_it(self):
        response = self.create()
        # Unwrapped, with the admin field names; a 0 bound is kept.
        self.assertEqual({'name': 'max_connections',
                          'datastore_version_id': self.vid,
                          'restart_required': False, 'type': 'integer',
                          'max_size': 100000, 'min_size': 0},
                         response.json)
        shown = self.get(self.mgmt + '/max_connections')
        self.assertEqual(response.json, shown.json)
        listed = self.get(self.mgmt).json['configuration-parameters']
        self.assertEqual([response.json], listed)
        public = self.get(self.by_id + '/max_connections').json
        self.assertEqual((0, 100000), (public['min'], public['max']))

    def test_create_with_max_min_and_other_types(self):
        self.create(name='ratio', data_type='float', restart_required=True,
                    max_size=None, min_size=None, max=1.0, min=0)
        ratio = self.get(self.mgmt + '/ratio').json
        self.assertEqual((0.0, 1.0, True), (ratio['min_size'],
                                            ratio['max_size'],
                                            ratio['restart_required']))
        self.create(name='huge', max_size=18446744073709551615, min_size=-1)
        huge = self.get(self.mgmt + '/huge').json
        self.assertEqual(18446744073709551615, huge['max_size'])
        self.assertEqual(-1, huge['min_size'])
        # Bounds mean nothing for strings and booleans: dropped, as Trove.
        flag = self.create(name='flag', data_type='boolean',
                           restart_required=1).json
        self.assertNotIn('max_size', flag)
        self.create(name='mode', data_type='string', description='SQL mode',
                    allowed_values=['ANSI', 'TRADITIONAL'], sensitive=False,
                    dynamic=True)
        mode = self.get(self.mgmt + '/mode').json
        self.assertEqual(['ANSI', 'TRADITIONAL'], mode['allowed_values'])
        self.assertEqual('SQL mode', mode['description'])

    def test_integer_without_bounds(self):
        response = self.create(max_size=None, min_size=None)
        self.assertNotIn('max_size', response.json)

    def test_what_a_rules_file_takes(self):
        # One shape for a rule (rule_schema.py): list rules, 0/1 switches
        # and null for an absent field, as a rules file has them.
        created = self.create(name='data_file_directories',
                              data_type='list', restart_required=1,
                              max_size=None, min_size=None, sensitive=0,
                              dynamic=None, description=None, unit=None)
        self.assertEqual({'name': 'data_file_directories',
                          'datastore_version_id': self.vid,
                          'restart_required': True, 'type': 'list'},
                         created.json)
        group = self.post('/configurations', {'configuration': {
            'name': 'dirs', 'datastore': {'type': 'mysql',
                                          'version': '5.7.29'},
            'values': {'data_file_directories': ['/a', '/b']}}})
        self.assertEqual(200, group.status_int, group.text)
        self.assertEqual({'data_file_directories': ['/a', '/b']},
                         group.json['configuration']['values'])

    def test_unit(self):
        # PostgreSQL's base unit: shown where set, public and mgmt, and
        # kept by a rules file load too.
        created = self.create(name='work_mem', unit='kB', min_size=64,
                              max_size=2147483647).json
        self.assertEqual('kB', created['unit'])
        self.assertEqual('kB', self.get(self.by_id + '/work_mem').json[
            'unit'])
        self.assertNotIn('unit', self.create().json)
        load([entry('shared_buffers', min=16, unit='8kB')])
        self.assertEqual('8kB', self.get(
            self.by_name + '/shared_buffers').json['unit'])
        for unit in ('KB', 'seconds', 8):
            self.assertFault(self.create(status=400, name='x', unit=unit),
                             400, 'badRequest', 'unit')
        # An update without a unit drops it, as a rules load would.
        response = self.put(self.mgmt + '/work_mem', {
            'configuration-parameter': {'data_type': 'integer',
                                        'restart_required': 0}})
        self.assertNotIn('unit', response.json)

    def test_duplicates_conflict(self):
        self.create()
        for name in ('max_connections', 'MAX_CONNECTIONS'):
            self.assertFault(
                self.create(status=409, name=name), 409,
                'conflictingRequest',
                'max_connections parameter already exists for datastore '
                'version %s.' % self.vid)

    def test_bad_definitions(self):
        self.assertFault(self.create(status=400, max_size=1, min_size=2),
                         400, 'badRequest', 'max_size must be greater than '
                         'or equal to min_size.')
        self.assertFault(self.create(status=400, max_size='lots'), 400,
                         'badRequest', 'configuration-parameter.max_size '
                         'must be a number, null, or a number written as '
                         'text')
        self.assertFault(self.create(status=400, max_size=1.5), 400,
                         'badRequest', 'max_size 1.5 is not an integer')
        # Refused at once, never written out digit by digit.
        self.assertFault(self.create(status=400, max_size='1e99999999'),
                         400, 'badRequest',
                         'max_size has more than 40 digits')
        self.assertFault(self.create(status=400, data_type='xintegerx'),
                         400, 'badRequest')
        self.assertFault(self.create(status=400, restart_required=2), 400,
                         'badRequest')
        self.assertFault(self.create(status=400, unknown=1), 400,
                         'badRequest')
        self.assertFault(self.post(self.mgmt, {}), 400, 'badRequest',
                         'Validation error: configuration-parameter is '
                         'required.')
        self.assertFault(self.post(self.mgmt), 400, 'badRequest')
        self.assertFault(self.post(self.mgmt, raw='{nope'), 400,
                         'badRequest')

    def test_unknown_version(self):
        missing = '/mgmt/datastores/versions/%s/parameters' % (
            api_base.MISSING_IMAGE)
        self.assertFault(self.get(missing), 404, 'itemNotFound')
        self.assertFault(self.post(missing, {'configuration-parameter': {
            'name': 'x', 'data_type': 'string', 'restart_required': 0}}),
            404, 'itemNotFound')

    def test_update(self):
        self.create()
        response = self.put(self.mgmt + '/max_connections', {
            'configuration-parameter': {
                'name': 'ignored', 'data_type': 'integer',
                'restart_required': True, 'max_size': 500,
                'min_size': '10'}})
        self.assertEqual(200, response.status_int, response.text)
        self.assertEqual({'name': 'max_connections',
                          'datastore_version_id': self.vid,
                          'restart_required': True, 'type': 'integer',
                          'max_size': 500, 'min_size': 10}, response.json)
        # Retyped to string: the bounds go.
        response = self.put(self.mgmt + '/max_connections', {
            'configuration-parameter': {'data_type': 'string',
                                        'restart_required': 0}})
        self.assertNotIn('max_size', response.json)
        self.assertFault(self.put(self.mgmt + '/nope', {
            'configuration-parameter': {'data_type': 'string',
                                        'restart_required': 0}}),
            404, 'itemNotFound', 'Resource nope cannot be found.')
        self.assertFault(self.put(self.mgmt + '/max_connections', {}),
                         400, 'badRequest')

    def test_delete(self):
        self.create()
        response = self.delete(self.mgmt + '/max_connections')
        self.assertEqual(204, response.status_int)
        self.assertEqual('', response.text)
        self.assertFault(self.get(self.mgmt + '/max_connections'), 404,
                         'itemNotFound')
        self.assertFault(self.delete(self.mgmt + '/max_connections'), 404,
                         'itemNotFound',
                         'Resource max_connections cannot be found.')

    def test_members_are_refused(self):
        self.create()
        one = self.mgmt + '/max_connections'
        body = {'configuration-parameter': {
            'name': 'x', 'data_type': 'string', 'restart_required': 0}}
        for method, path, document in (
                ('GET', self.mgmt, None), ('GET', one, None),
                ('POST', self.mgmt, body), ('PUT', one, body),
                ('DELETE', one, None)):
            response = self.request(method, path, body=document,
                                    token=MEMBER)
            self.assertFault(response, 403, 'forbidden')
        # A member learns nothing from the schema either.
        self.assertFault(self.post(self.mgmt, {'x': 1}, token=MEMBER), 403,
                         'forbidden')

    def test_unknown_routes(self):
        self.assertFault(self.patch(self.mgmt + '/x', {}), 404,
                         'itemNotFound')
        self.assertFault(self.get(self.mgmt + '/x/y'), 404, 'itemNotFound')
        self.assertFault(self.delete(self.by_id + '/x'), 404,
                         'itemNotFound')
