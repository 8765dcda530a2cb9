"""Names and ids mean the same on every engine: MariaDB's PAD SPACE
('mysql ' equals 'mysql' there only) and Unicode look-alikes (NFC 'é'
and NFD 'e' + accent) are refused at the door, and look-ups are exact."""

import testscenarios

from trove_datastore import exception
from tests.fixtures import api_base
from tests.fixtures import manage_cli
from tests.fixtures import parameter_rules

load_tests = testscenarios.load_tests_apply_scenarios

NFC_NAME = 'caf\u00e9'
NFD_NAME = 'cafe\u0301'
entry = parameter_rules.entry


class TestNamesAreExactOnEveryEngine(parameter_rules.ParametersTestCase):

    def datastore_names(self):
        listing = self.get('/mgmt/datastore-versions').json['versions']
        return sorted({version['datastore_name'] for version in listing})

    def test_padded_names_and_numbers_are_refused(self):
        for fields, field in (({'datastore': 'mysql '}, 'datastore_name'),
                              ({'name': ' 8.0'}, 'name'),
                              ({'name': '8.0', 'version': '8.0\t'},
                               'version')):
            response = self.create_version(status=400, **fields)
            self.assertFault(response, 400, 'badRequest',
                             'version.%s has leading or trailing whitespace'
                             % field)
        # "mysql " did not silently join mysql (MariaDB) or become a
        # second datastore (SQLite, PostgreSQL).
        self.assertEqual(['mysql'], self.datastore_names())

    def test_names_outside_nfc_are_refused(self):
        response = self.create_version(status=400, datastore=NFD_NAME)
        self.assertFault(response, 400, 'badRequest',
                         'is not in Unicode normalization form NFC')
        self.create_version(datastore=NFC_NAME)
        self.assertEqual([NFC_NAME, 'mysql'], self.datastore_names())

    def test_padded_path_names_are_not_found(self):
        for path in ('/datastores/mysql%20', '/datastores/mysql%20/versions',
                     '/datastores/mysql/versions/5.7.29%20',
                     '/datastores/versions/%s%%20' % self.vid):
            self.assertEqual(404, self.get(path).status_int, path)
        self.assertEqual(200, self.get('/datastores/mysql').status_int)

    def test_padded_project_ids_are_refused(self):
        group = self.post('/configurations', {'configuration': {
            'name': 'mine', 'values': {},
            'datastore': {'type': 'mysql', 'version': '5.7.29'}}},
            token=parameter_rules.MEMBER)
        self.assertEqual(200, group.status_int, group.text)
        group_id = group.json['configuration']['id']
        padded = api_base.PROJECT + ' '
        token = api_base.member_token(project=padded, user='mallory')
        base = '/v1.0/%s%%20/configurations' % api_base.PROJECT
        for method, path in (('GET', base), ('GET', base + '/' + group_id),
                             ('DELETE', base + '/' + group_id)):
            # noauth refuses the token itself (401); were it let through,
            # or the project taken from the URL, the id is refused (400).
            response = self.request(method, path, token=token)
            self.assertIn(response.status_int, (400, 401), response.text)
            response = self.request(method, path)
            self.assertFault(response, 400, 'badRequest',
                             'The project id has leading or trailing '
                             'whitespace')
        self.assertEqual(200, self.get('/configurations/' + group_id,
                                       token=parameter_rules.MEMBER)
                         .status_int)

    def test_padded_parameter_names(self):
        parameter_rules.load([entry('wait_timeout')])
        response = self.post(self.mgmt, {'configuration-parameter': {
            'name': 'max_connections ', 'data_type': 'integer',
            'restart_required': False}})
        self.assertFault(response, 400, 'badRequest',
                         'has leading or trailing whitespace')
        self.assertEqual(404, self.get(self.mgmt + '/wait_timeout%20')
                         .status_int)
        response = self.post('/configurations', {'configuration': {
            'name': 'g', 'values': {'wait_timeout ': 5},
            'datastore': {'type': 'mysql', 'version': '5.7.29'}}},
            token=parameter_rules.MEMBER)
        self.assertFault(response, 422, 'unprocessableEntity',
                         'wait_timeout  is not supported')

    def test_rules_files_refuse_padded_and_nfd_names(self):
        error = self.assertRaises(
            exception.RulesFileInvalid, parameter_rules.load,
            [entry('wait_timeout '), entry(NFD_NAME)])
        self.assertIn("entry 0 (name 'wait_timeout '): name has leading or "
                      "trailing whitespace", str(error))
        self.assertIn("entry 1 (name '%s'): name is not in Unicode "
                      "normalization form NFC" % NFD_NAME, str(error))


class TestManageRefusesWhatTheApiRefuses(manage_cli.ManageTestCase):

    def setUp(self):
        super().setUp()
        self.assertExit(0, self.manage('db_sync'))

    def test_padded_or_nfd_names_are_usage_errors(self):
        for args, shown in (
                (('datastore_update', 'mysql ', ''), "'mysql ' has leading"),
                (('datastore_update', NFD_NAME, ''), 'not in Unicode'),
                (('datastore_version_update', 'mysql', ' 5.7', 'mysql',
                  manage_cli.IMAGE, '', '1'), "' 5.7' has leading"),
                (('datastore_version_update', 'mysql', '5.7', 'mysql',
                  manage_cli.IMAGE, '', '1', '--version', '5.7.29\n'),
                 'has leading or trailing whitespace')):
            result = self.manage(*args)
            self.assertExit(2, result)
            self.assertIn(shown, result.stderr)
        self.assertEqual([], self.query('SELECT name FROM datastores'))
