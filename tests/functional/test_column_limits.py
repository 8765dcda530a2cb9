"""What the schemas accept, every column holds, on every engine: measured
in characters, four-byte ones included. What no column can hold is a
clean 400, or a rules-file line naming the entry, never a database
error."""

import json

import testscenarios

from trove_datastore import exception
from trove_datastore import rule_schema
from tests.fixtures import api_base
from tests.fixtures import parameter_rules

load_tests = testscenarios.load_tests_apply_scenarios

FOUR_BYTES = '\U0001f600'
entry = parameter_rules.entry


class TestColumnsHoldWhatSchemasAllow(parameter_rules.ParametersTestCase):

    def send(self, method, path, document, **kwargs):
        # Raw UTF-8, as clients send it: four-byte characters unescaped.
        return self.request(method, path, raw=json.dumps(
            document, ensure_ascii=False), **kwargs)

    def test_packages_as_many_and_long_as_the_schema_allows(self):
        packages = ['p%02d' % i + FOUR_BYTES * 252 for i in range(64)]
        response = self.send('PATCH', '/mgmt/datastore-versions/%s'
                             % self.vid, {'packages': packages})
        self.assertEqual(202, response.status_int, response.text)
        shown = self.get('/mgmt/datastore-versions/%s' % self.vid).json
        self.assertEqual(packages, shown['version']['packages'])

    def test_a_description_of_four_byte_characters(self):
        description = FOUR_BYTES * 20000
        response = self.send('POST', self.mgmt, {'configuration-parameter': {
            'name': 'max_connections', 'data_type': 'integer',
            'restart_required': False, 'description': description}})
        self.assertEqual(200, response.status_int, response.text)
        shown = self.get(self.by_id + '/max_connections').json
        self.assertEqual(description, shown['description'])

    def test_allowed_values_longer_than_their_column(self):
        values = ['value-%04d-' % i + 'x' * 90 for i in range(700)]
        response = self.send('POST', self.mgmt, {'configuration-parameter': {
            'name': 'sql_mode', 'data_type': 'string',
            'restart_required': False, 'allowed_values': values}})
        self.assertFault(response, 400, 'badRequest',
                         'allowed_values take more than 65535 characters')
        self.assertEqual(0, len(self.get(self.mgmt).json[
            'configuration-parameters']))

    def test_a_project_id_longer_than_its_column(self):
        project = 'p' * 256
        response = self.post(
            '/v1.0/%s/configurations' % project, {'configuration': {
                'name': 'g', 'values': {},
                'datastore': {'type': 'mysql', 'version': '5.7.29'}}},
            token=api_base.member_token(project=project))
        self.assertFault(response, 400, 'badRequest',
                         'longer than 255 characters')


class TestRulesFilesRefuseWhatNoColumnHolds(api_base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.create_version()

    def assertRefused(self, entries, *lines):
        # Refused before any database sees the file, on every engine.
        error = self.assertRaises(exception.RulesFileInvalid,
                                  parameter_rules.load, entries)
        for line in lines:
            self.assertIn(line, str(error))

    def test_nul_in_a_name_or_description(self):
        self.assertRefused(
            [entry('wait\x00timeout'),
             entry('max_connections', description='a\x00b')],
            "entry 0 (name 'wait\\x00timeout'): name holds a NUL character",
            "entry 1 (name 'max_connections'): description holds a NUL "
            "character")

    def test_an_unpaired_surrogate(self):
        self.assertRefused(
            [entry('sql_mode', 'string', allowed_values=['\ud800'])],
            "entry 0 (name 'sql_mode'): allowed value '\\ud800' holds an "
            "unpaired surrogate")

    def test_an_over_long_description(self):
        self.assertRefused(
            [entry('max_connections',
                   description='x' * (rule_schema.DESCRIPTION_LENGTH + 1))],
            "entry 0 (name 'max_connections'): description must be at most "
            "65535 characters long")

    def test_the_longest_description_loads(self):
        description = FOUR_BYTES * rule_schema.DESCRIPTION_LENGTH
        parameter_rules.load([entry('max_connections',
                                    description=description)])
        shown = self.get('/datastores/mysql/versions/5.7.29/parameters/'
                         'max_connections').json
        self.assertEqual(description, shown['description'])
