"""The rules-file format and configuration value checks, without a
database."""

import json
import os

import fixtures
import testtools

from trove_datastore import exception
from trove_datastore import rules

FILES = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), 'functional', 'rules_files')


def _rule(name, data_type, **fields):
    return rules.Rule(name=name, data_type=data_type, **fields)


class TestBounds(testtools.TestCase):

    def test_integer_bounds_are_exact_text(self):
        self.assertEqual('18446744073709551615', rules.canonical_bound(
            18446744073709551615, 'integer'))
        self.assertEqual('-1', rules.canonical_bound(-1, 'integer'))
        self.assertEqual('1', rules.canonical_bound(1.0, 'integer'))
        self.assertEqual('65535', rules.canonical_bound('65535', 'integer'))

    def test_float_bounds(self):
        self.assertEqual('1.0', rules.canonical_bound(1.0, 'float'))
        self.assertEqual('0.0', rules.canonical_bound(0, 'float'))
        self.assertEqual('1.79769e+308',
                         rules.canonical_bound(1.79769e+308, 'float'))

    def test_bounds_of_other_types_are_dropped(self):
        self.assertIsNone(rules.canonical_bound(5, 'string'))
        self.assertIsNone(rules.canonical_bound(5, 'boolean'))

    def test_bad_bounds(self):
        for value, data_type in ((1.5, 'integer'), ('x', 'integer'),
                                 (True, 'integer'), ([1], 'float'),
                                 ('1' * 41, 'integer')):
            self.assertRaises(ValueError, rules.canonical_bound, value,
                              data_type)

    def test_render(self):
        self.assertEqual(18446744073709551615, rules.render_bound(
            '18446744073709551615', 'integer'))
        self.assertIsInstance(rules.render_bound('1.0', 'float'), float)
        self.assertIsInstance(rules.render_bound('1', 'integer'), int)
        # A float-looking bound on an integer rule still renders (Trove's
        # views crashed on it).
        self.assertEqual(1, rules.render_bound('1.0', 'integer'))
        self.assertIsNone(rules.render_bound(None, 'integer'))


class TestDocument(testtools.TestCase):

    def test_upstream_quirks_load(self):
        parsed = rules.load_file(os.path.join(FILES, 'mysql-5.7.json'))
        by_name = {r.name: r for r in parsed.rules}
        self.assertEqual(['max_connections'], parsed.duplicates)
        # The last entry of a duplicated name wins.
        self.assertEqual('65535', by_name['max_connections'].max_size)
        self.assertEqual('18446744073709551615',
                         by_name['innodb_buffer_pool_size'].max_size)
        self.assertEqual('-1', by_name[
            'performance_schema_max_table_instances'].min_size)
        self.assertEqual(14, len(parsed.rules))

    def test_list_type_and_description(self):
        parsed = rules.load_file(os.path.join(FILES, 'cassandra-style.json'))
        self.assertEqual(['counter_cache_keys_to_save', 'initial_token'],
                         sorted(parsed.duplicates))
        types = {r.name: r.data_type for r in parsed.rules}
        self.assertEqual('list', types['data_file_directories'])
        parsed = rules.load_file(os.path.join(FILES, 'db2-style.json'))
        agent = [r for r in parsed.rules if r.name == 'AGENT_STACK_SZ'][0]
        self.assertEqual('Agent stack size, second definition.',
                         agent.description)
        self.assertFalse(agent.restart_required)

    def test_extensions(self):
        parsed = rules.load_file(os.path.join(FILES, 'extensions.json'))
        by_name = {r.name: r for r in parsed.rules}
        self.assertEqual(['minimal', 'replica', 'logical'],
                         by_name['wal_level'].allowed_values)
        self.assertEqual('["minimal", "replica", "logical"]',
                         by_name['wal_level'].columns()['allowed_values'])
        self.assertTrue(by_name['ssl_key_passphrase'].sensitive)
        self.assertFalse(by_name['password_encryption'].sensitive)
        self.assertIs(False, by_name['wal_level'].dynamic)
        self.assertIsNone(by_name['statement_timeout'].dynamic)

    def test_bad_file_names_every_bad_entry(self):
        error = self.assertRaises(
            exception.RulesFileInvalid, rules.load_file,
            os.path.join(FILES, 'bad.json'))
        text = str(error)
        self.assertIn("entry 1 (name 'query_cache_size'): max 'lots' is "
                      "not a number", text)
        self.assertIn("entry 2 (name 'innodb_log_file_size'): type must be "
                      "one of", text)
        self.assertIn('entry 3 (no name): name must be a non-empty string',
                      text)
        self.assertIn("entry 4 (name 'wait_timeout'): restart_required is "
                      "missing", text)
        self.assertNotIn('entry 0', text)

    def test_min_above_max(self):
        error = self.assertRaises(
            exception.RulesFileInvalid, rules.parse_document,
            {'configuration-parameters': [
                {'name': 'x', 'restart_required': False, 'type': 'integer',
                 'min': 20, 'max': 10}]})
        self.assertIn('min 20 is greater than max 10', str(error))

    def test_names_differing_only_in_case(self):
        error = self.assertRaises(
            exception.RulesFileInvalid, rules.parse_document,
            {'configuration-parameters': [
                {'name': 'Wait', 'restart_required': False,
                 'type': 'string'},
                {'name': 'wait', 'restart_required': False,
                 'type': 'string'}]})
        self.assertIn("entry 1 (name 'wait'): differs only in case from "
                      "parameter 'Wait'", str(error))

    def test_not_a_rules_document(self):
        for document in ([], {}, {'configuration-parameters': {}}):
            self.assertRaises(exception.RulesFileInvalid,
                              rules.parse_document, document)

    def test_unreadable_files(self):
        self.assertRaises(exception.RulesFileInvalid, rules.load_file,
                          '/nonexistent/rules.json')
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'broken.json')
        with open(path, 'w') as broken:
            broken.write('{"configuration-parameters": [')
        error = self.assertRaises(exception.RulesFileInvalid,
                                  rules.load_file, path)
        self.assertIn('is not valid JSON', str(error))

    def test_bad_allowed_values(self):
        for allowed in ([], 'a', [1, 'x']):
            self.assertRaises(ValueError, rules.parse_entry, {
                'name': 'x', 'restart_required': False, 'type': 'integer',
                'allowed_values': allowed})


class TestValues(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.rules = {r.name.lower(): r for r in (
            _rule('max_connections', 'integer', min_size='1',
                  max_size='100000'),
            _rule('innodb_buffer_pool_size', 'integer', min_size='5242880',
                  max_size='18446744073709551615'),
            _rule('long_query_time', 'float', min_size='0.0',
                  max_size='10.5'),
            _rule('autocommit', 'boolean'),
            _rule('sql_mode', 'string'),
            _rule('wal_level', 'string', allowed_values=json.dumps(
                ['minimal', 'replica'])),
            _rule('data_dirs', 'list'),
            _rule('legacy', 'xml'),
        )}

    def check(self, values):
        return rules.validate_values(values, self.rules, 'mysql 5.7.29')

    def assertRefused(self, error_class, values, message):
        error = self.assertRaises(error_class, self.check, values)
        self.assertEqual(message, str(error))
        return error

    def test_valid_values_are_stored_under_canonical_names(self):
        self.assertEqual({
            'max_connections': '200',
            'innodb_buffer_pool_size': '18446744073709551615',
            'long_query_time': '2',
            'autocommit': 'true',
            'sql_mode': '"STRICT_ALL_TABLES"',
            'wal_level': '"REPLICA"',
            'data_dirs': '["/a","/b"]',
        }, self.check({
            'MAX_Connections': 200,
            'innodb_buffer_pool_size': 18446744073709551615,
            'long_query_time': 2,
            'autocommit': True,
            'sql_mode': 'STRICT_ALL_TABLES',
            'wal_level': 'REPLICA',
            'data_dirs': ['/a', '/b'],
        }))

    def test_unknown_parameter(self):
        self.assertRefused(
            exception.ConfigurationParameterNotSupported, {'nope': 1},
            'The configuration parameter nope is not supported for this '
            'datastore: mysql 5.7.29.')

    def test_types_are_strict(self):
        cases = [({'max_connections': True}, 'max_connections', 'integer'),
                 ({'max_connections': '200'}, 'max_connections', 'integer'),
                 ({'max_connections': 2.5}, 'max_connections', 'integer'),
                 ({'long_query_time': False}, 'long_query_time', 'float'),
                 ({'autocommit': 1}, 'autocommit', 'boolean'),
                 ({'sql_mode': 5}, 'sql_mode', 'string'),
                 ({'data_dirs': {'a': 1}}, 'data_dirs', 'list')]
        for values, key, data_type in cases:
            self.assertRefused(
                exception.ConfigurationValueWrongType, values,
                'The value provided for the configuration parameter %s is '
                'not of type %s.' % (key, data_type))

    def test_bounds(self):
        self.assertRefused(
            exception.ConfigurationValueTooSmall, {'max_connections': 0},
            'The value for the configuration parameter max_connections is '
            'less than the minimum allowed: 1')
        self.assertRefused(
            exception.ConfigurationValueTooLarge,
            {'innodb_buffer_pool_size': 18446744073709551616},
            'The value for the configuration parameter '
            'innodb_buffer_pool_size is greater than the maximum allowed: '
            '18446744073709551615')
        self.assertRefused(
            exception.ConfigurationValueTooLarge, {'long_query_time': 10.6},
            'The value for the configuration parameter long_query_time is '
            'greater than the maximum allowed: 10.5')

    def test_allowed_values(self):
        self.assertRefused(
            exception.ConfigurationValueNotAllowed, {'wal_level': 'full'},
            'The value for the configuration parameter wal_level must be '
            'one of: minimal, replica')

    def test_too_long(self):
        error = self.assertRefused(
            exception.ConfigurationValueTooLong, {'sql_mode': 'x' * 4095},
            'The value for the configuration parameter sql_mode is longer '
            'than the 4096 characters allowed.')
        self.assertEqual(422, error.code)
        # 4094 characters and two quotes fit exactly.
        self.check({'sql_mode': 'x' * 4094})

    def test_same_parameter_twice(self):
        self.assertRefused(
            exception.ConfigurationValueRepeated,
            {'max_connections': 1, 'MAX_CONNECTIONS': 2},
            'The configuration parameter max_connections is given more '
            'than once (as max_connections in another case).')

    def test_unsupported_rule_type(self):
        error = self.assertRaises(exception.UnsupportedParameterType,
                                  self.check, {'legacy': 'x'})
        self.assertEqual(400, error.code)

    def test_decode(self):
        self.assertEqual(18446744073709551615,
                         rules.decode_value('18446744073709551615'))
        self.assertIs(True, rules.decode_value('true'))
        self.assertEqual('not json', rules.decode_value('not json'))
