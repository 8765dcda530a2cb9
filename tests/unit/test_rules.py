"""The rules-file format and configuration value checks, without a
database."""

import json
import os

import fixtures
import testtools

from trove_datastore.api.schemas import parameters as api_schemas
from trove_datastore.api import validation
from trove_datastore import exception
from trove_datastore import rule_schema
from trove_datastore import rules

FILES = os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), 'functional', 'rules_files')


def _rule(name, data_type, **fields):
    return rules.Rule(name=name, data_type=data_type, **fields)


def _by_name(*version_rules):
    """Rules as validation takes them: by lower-cased name."""
    return {rule.name.lower(): rule for rule in version_rules}


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

    def test_huge_exponents_are_refused_at_once(self):
        # Writing out 1e99999999 takes long; a bound holds 40 digits.
        for value, data_type, words in (
                ('1e99999999', 'integer', 'has more than 40 digits'),
                ('-1e99999999', 'integer', 'has more than 40 digits'),
                ('1e999999999999', 'float', 'is too large for a float')):
            error = self.assertRaises(ValueError, rules.canonical_bound,
                                      value, data_type, 'max_size')
            self.assertIn('max_size ' + words, str(error))
        self.assertEqual('1' + '0' * 39, rules.canonical_bound('1e39',
                                                               'integer'))

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
        self.assertTrue(by_name['report_password'].sensitive)
        self.assertFalse(by_name['password_encryption'].sensitive)
        self.assertIs(False, by_name['wal_level'].dynamic)
        self.assertIsNone(by_name['statement_timeout'].dynamic)

    def test_bad_file_names_every_bad_entry(self):
        error = self.assertRaises(
            exception.RulesFileInvalid, rules.load_file,
            os.path.join(FILES, 'bad.json'))
        text = str(error)
        # What each field holds is said as the API says it (rule_schema).
        self.assertIn("entry 1 (name 'query_cache_size'): max must be a "
                      "number, null, or a number written as text", text)
        self.assertIn("entry 2 (name 'innodb_log_file_size'): type must be "
                      "one of", text)
        self.assertIn('entry 3 (no name): name is required', text)
        self.assertIn("entry 4 (name 'wait_timeout'): restart_required is "
                      "required", text)
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
        self.rules = _by_name(
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
        )

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
        # Numeric strings and 1/0 for booleans are read as the engines
        # read them (TestCoercion); what no engine reads is still refused.
        cases = [({'max_connections': True}, 'max_connections', 'integer'),
                 ({'max_connections': 'lots'}, 'max_connections', 'integer'),
                 ({'max_connections': '2.5'}, 'max_connections', 'integer'),
                 ({'max_connections': '64MB'}, 'max_connections', 'integer'),
                 ({'max_connections': 2.5}, 'max_connections', 'integer'),
                 ({'long_query_time': False}, 'long_query_time', 'float'),
                 ({'autocommit': 2}, 'autocommit', 'boolean'),
                 ({'autocommit': 'maybe'}, 'autocommit', 'boolean'),
                 ({'autocommit': 1.0}, 'autocommit', 'boolean'),
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
            exception.ConfigurationValueTooLong, {'sql_mode': 'x' * 4097},
            'The value for the configuration parameter sql_mode is longer '
            'than the 4096 characters allowed.')
        self.assertEqual(422, error.code)
        # A string's own characters count, not the quotes and escapes of
        # its JSON text (which the TEXT column holds, whatever they are).
        self.check({'sql_mode': 'x' * 4096})
        stored = self.check({'sql_mode': '"\\\x01' * 1365 + 'x'})
        self.assertEqual(4096, len(json.loads(stored['sql_mode'])))
        self.assertGreater(len(stored['sql_mode']), 4096 * 3)
        self.check({'sql_mode': '\U0001f600' * 4096})
        self.assertRaises(exception.ConfigurationValueTooLong, self.check,
                          {'sql_mode': '\U0001f600' * 4097})
        # Lists count their JSON text.
        self.assertRaises(exception.ConfigurationValueTooLong, self.check,
                          {'data_dirs': ['x' * 4094]})
        self.check({'data_dirs': ['x' * 4092]})

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


class TestCoercion(testtools.TestCase):
    """What a Trove user sends today keeps working, stored one way."""

    def setUp(self):
        super().setUp()
        self.rules = _by_name(
            _rule('innodb_file_per_table', 'boolean'),
            # Trove's files describe MariaDB's switches as integers 0..1.
            _rule('autocommit', 'integer', min_size='0', max_size='1'),
            _rule('max_connections', 'integer', min_size='1',
                  max_size='100000'),
            _rule('autovacuum_naptime', 'integer', min_size='1',
                  max_size='3600', unit='s'),
            _rule('work_mem', 'integer', min_size='64',
                  max_size='2147483647', unit='kB'),
            _rule('shared_buffers', 'integer', min_size='16',
                  max_size='1073741823', unit='8kB'),
            _rule('vacuum_cost_delay', 'float', min_size='0',
                  max_size='100', unit='ms'),
            _rule('seq_page_cost', 'float', min_size='0'),
        )

    def stored(self, key, value):
        return rules.validate_values({key: value}, self.rules,
                                     'postgresql 16')[key]

    def refused(self, error_class, key, value):
        return str(self.assertRaises(error_class, rules.validate_values,
                                     {key: value}, self.rules,
                                     'postgresql 16'))

    def test_booleans_as_the_engines_write_them(self):
        for value in (True, 1, '1', 'ON', 'on', 'True', 'yes', ' YES '):
            self.assertEqual('true', self.stored('innodb_file_per_table',
                                                 value), value)
        for value in (False, 0, '0', 'OFF', 'off', 'FALSE', 'no'):
            self.assertEqual('false', self.stored('innodb_file_per_table',
                                                  value), value)

    def test_switches_take_json_booleans(self):
        self.assertEqual('1', self.stored('autocommit', True))
        self.assertEqual('0', self.stored('autocommit', False))
        self.assertEqual('1', self.stored('autocommit', 1))
        # Only switches: a boolean is still not a connection count.
        self.refused(exception.ConfigurationValueWrongType,
                     'max_connections', True)

    def test_numeric_strings(self):
        self.assertEqual('60', self.stored('max_connections', '60'))
        self.assertEqual('60', self.stored('max_connections', ' 60 '))
        self.assertEqual('2.5', self.stored('seq_page_cost', ' 2.5 '))
        self.assertEqual('4', self.stored('seq_page_cost', '4'))
        # A JSON number is stored as it came.
        self.assertEqual('4.0', self.stored('seq_page_cost', 4.0))

    def test_units_are_converted_to_the_base_unit(self):
        cases = [('autovacuum_naptime', '1min', '60'),
                 ('autovacuum_naptime', '1h', '3600'),
                 ('autovacuum_naptime', '1.5min', '90'),
                 ('autovacuum_naptime', '1500ms', '2'),
                 ('autovacuum_naptime', '2500ms', '2'),
                 ('autovacuum_naptime', 90, '90'),
                 ('work_mem', '64MB', '65536'),
                 ('work_mem', '1GB', '1048576'),
                 ('work_mem', '1.5GB', '1572864'),
                 ('work_mem', '512kB', '512'),
                 ('work_mem', '65536 B', '64'),
                 ('shared_buffers', '128MB', '16384'),
                 ('shared_buffers', '1GB', '131072'),
                 ('vacuum_cost_delay', '0.5ms', '0.5'),
                 ('vacuum_cost_delay', '1500us', '1.5'),
                 ('vacuum_cost_delay', '0.01s', '10')]
        for key, value, stored in cases:
            self.assertEqual(stored, self.stored(key, value), value)

    def test_bounds_apply_after_conversion(self):
        self.assertEqual(
            'The value for the configuration parameter autovacuum_naptime '
            'is greater than the maximum allowed: 3600 s (61min is 3660 s)',
            self.refused(exception.ConfigurationValueTooLarge,
                         'autovacuum_naptime', '61min'))
        self.assertEqual(
            'The value for the configuration parameter shared_buffers is '
            'less than the minimum allowed: 16 blocks of 8kB (64kB is 8 '
            'blocks of 8kB)',
            self.refused(exception.ConfigurationValueTooSmall,
                         'shared_buffers', '64kB'))
        # A plain number keeps Trove's message.
        self.assertEqual(
            'The value for the configuration parameter autovacuum_naptime '
            'is greater than the maximum allowed: 3600',
            self.refused(exception.ConfigurationValueTooLarge,
                         'autovacuum_naptime', '3601'))

    def test_units_the_parameter_does_not_take(self):
        self.assertEqual(
            'The value 64MB for the configuration parameter '
            'autovacuum_naptime has a unit this parameter does not take; '
            'valid units are d, h, min, s, ms, us.',
            self.refused(exception.ConfigurationValueBadUnit,
                         'autovacuum_naptime', '64MB'))
        # Case matters, as to PostgreSQL.
        self.refused(exception.ConfigurationValueBadUnit, 'work_mem', '64mb')
        # Without a unit on the rule, units are not read at all.
        self.refused(exception.ConfigurationValueWrongType,
                     'max_connections', '1min')

    def test_rounding_to_zero_is_refused(self):
        # 0 often means "disabled": never reach it by rounding.
        self.assertEqual(
            'The value 500ms for the configuration parameter '
            'autovacuum_naptime rounds to 0 s; send 0 if zero is meant.',
            self.refused(exception.ConfigurationValueRoundsToZero,
                         'autovacuum_naptime', '500ms'))
        self.refused(exception.ConfigurationValueRoundsToZero,
                     'shared_buffers', '4kB')
        self.assertEqual('0', self.stored('vacuum_cost_delay', '0s'))

    def test_huge_or_odd_numbers(self):
        self.refused(exception.ConfigurationValueWrongType,
                     'seq_page_cost', '1e400')
        self.refused(exception.ConfigurationValueWrongType,
                     'seq_page_cost', '1e99999')
        self.refused(exception.ConfigurationValueWrongType,
                     'max_connections', '9' * 5000)
        self.refused(exception.ConfigurationValueWrongType,
                     'max_connections', '0x10')
        self.refused(exception.ConfigurationValueTooLarge,
                     'autovacuum_naptime', '1e300d')
        self.assertIn('(1e400ms is 1.000000E+400 ms)', self.refused(
            exception.ConfigurationValueTooLarge, 'vacuum_cost_delay',
            '1e400ms'))


class TestSeveralProblems(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.rules = _by_name(
            _rule('max_connections', 'integer', min_size='1',
                  max_size='100'),
            _rule('autovacuum_naptime', 'integer', min_size='1',
                  max_size='3600', unit='s'),
            _rule('fsync', 'boolean'),
            _rule('wal_level', 'string', allowed_values=['replica']),
            _rule('legacy', 'xml'),
        )
        self.bad = {'max_connections': 0, 'autovacuum_naptime': '61min',
                    'fsync': 'maybe', 'wal_level': 'archive', 'nope': 1}

    def test_check_values_reports_every_problem_in_key_order(self):
        # Keys are taken in sorted order (capitals first): the first of
        # two spellings is checked, the second is a repeat.
        checked, problems = rules.check_values(
            dict(self.bad, Max_Connections=5, FSYNC='on'), self.rules,
            'postgresql 16')
        self.assertEqual({'max_connections': '5', 'fsync': 'true'}, checked)
        self.assertEqual([
            'The value for the configuration parameter autovacuum_naptime '
            'is greater than the maximum allowed: 3600 s (61min is 3660 s)',
            'The configuration parameter fsync is given more than once '
            '(as fsync in another case).',
            'The configuration parameter max_connections is given more '
            'than once (as max_connections in another case).',
            'The configuration parameter nope is not supported for this '
            'datastore: postgresql 16.',
            'The value for the configuration parameter wal_level must be one '
            'of: replica'], problems)

    def test_check_values_keeps_the_good_ones(self):
        checked, problems = rules.check_values(
            {'max_connections': '50', 'fsync': 'OFF', 'nope': 1},
            self.rules, 'postgresql 16')
        self.assertEqual({'max_connections': '50', 'fsync': 'false'},
                         checked)
        self.assertEqual(1, len(problems))
        self.assertEqual(({}, []), rules.check_values({}, self.rules, 'x'))

    def test_several_bad_values_are_one_error(self):
        error = self.assertRaises(
            exception.ConfigurationValuesInvalid, rules.validate_values,
            self.bad, self.rules, 'postgresql 16')
        self.assertIsInstance(error, exception.UnprocessableEntity)
        self.assertEqual(422, error.code)
        lines = str(error).split('\n')
        self.assertEqual('5 configuration values are invalid:', lines[0])
        self.assertEqual(error.problems, lines[1:])
        self.assertEqual(
            rules.check_values(self.bad, self.rules, 'postgresql 16')[1],
            error.problems)

    def test_one_bad_value_keeps_its_own_error(self):
        for key, error_class in (
                ('max_connections', exception.ConfigurationValueTooSmall),
                ('nope', exception.ConfigurationParameterNotSupported),
                ('wal_level', exception.ConfigurationValueNotAllowed)):
            error = self.assertRaises(
                error_class, rules.validate_values,
                {key: self.bad[key], 'fsync': True}, self.rules, 'pg')
            self.assertNotIn('\n', str(error))
        # A rule of a type values cannot have stays a 400 on its own.
        error = self.assertRaises(exception.UnsupportedParameterType,
                                  rules.validate_values, {'legacy': 'x'},
                                  self.rules, 'pg')
        self.assertEqual(400, error.code)


class TestNonFiniteNumbers(testtools.TestCase):

    def write(self, text):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'rules.json')
        with open(path, 'w') as rules_file:
            rules_file.write(text)
        return path

    def test_allowed_values_name_the_entry(self):
        for constant in ('NaN', 'Infinity', '-Infinity'):
            path = self.write(
                '{"configuration-parameters": [{"name": "ok", "type": '
                '"float", "restart_required": false}, {"name": "cost", '
                '"type": "float", "restart_required": false, '
                '"allowed_values": [1.5, %s]}]}' % constant)
            error = self.assertRaises(exception.RulesFileInvalid,
                                      rules.load_file, path)
            self.assertIn("entry 1 (name 'cost'): allowed value %s is not "
                          "a number JSON allows" % constant, str(error))

    def test_anywhere_else_in_the_file(self):
        path = self.write(
            '{"configuration-parameters": [{"name": "cost", "type": '
            '"float", "restart_required": false, "future": NaN}], '
            '"x": -Infinity}')
        error = self.assertRaises(exception.RulesFileInvalid,
                                  rules.load_file, path)
        self.assertIn('holds -Infinity, NaN, which JSON does not allow',
                      str(error))
        path = self.write(
            '{"configuration-parameters": [{"name": "cost", "type": '
            '"float", "restart_required": false, "max": Infinity}]}')
        self.assertIn("entry 0 (name 'cost'): max must be a finite number",
                      str(self.assertRaises(exception.RulesFileInvalid,
                                            rules.load_file, path)))


class TestUnitKey(testtools.TestCase):

    def entry(self, **fields):
        return dict({'name': 'work_mem', 'type': 'integer',
                     'restart_required': False}, **fields)

    def test_unit_is_kept_for_numbers(self):
        rule = rules.parse_entry(self.entry(unit='kB'))
        self.assertEqual('kB', rule.unit)
        self.assertEqual('kB', rule.columns()['unit'])
        self.assertEqual('8kB', rules.parse_entry(self.entry(
            unit='8kB')).unit)
        self.assertIsNone(rules.parse_entry(self.entry()).unit)
        # Like bounds, a unit means nothing to a string.
        self.assertIsNone(rules.parse_entry(self.entry(
            type='string', unit='s')).unit)

    def test_unknown_units_are_refused(self):
        for unit in ('KB', 'sec', '0kB', 8, ''):
            error = self.assertRaises(ValueError, rules.parse_entry,
                                      self.entry(unit=unit))
            self.assertIn('unit must be one of TB, GB, MB, kB', str(error))


class TestOneShape(testtools.TestCase):
    """A rules file's entry and the API's body of a rule have one schema;
    the API only renames fields to troveclient's names."""

    def test_the_api_body_is_the_rule_schema_renamed(self):
        for schema, required in ((api_schemas.CREATE, rule_schema.REQUIRED),
                                 (api_schemas.UPDATE, ('type',
                                                       'restart_required'))):
            body = schema['properties']['configuration-parameter']
            fields = body['properties']
            self.assertEqual(set(rule_schema.FIELDS), {
                api_schemas.WIRE_NAMES.get(name, name) for name in fields})
            for name, field in fields.items():
                self.assertEqual(rule_schema.FIELDS[
                    api_schemas.WIRE_NAMES.get(name, name)], field)
            self.assertEqual(set(required), {
                api_schemas.WIRE_NAMES.get(name, name)
                for name in body['required']})

    def test_the_api_takes_what_a_file_takes(self):
        entry = {'name': 'data_file_directories', 'type': 'list',
                 'restart_required': 1, 'sensitive': 0, 'dynamic': None,
                 'allowed_values': [['/a', '/b']], 'max': 3}
        from_file = rules.parse_entry(entry)
        body = {('data_type' if key == 'type' else key): value
                for key, value in entry.items()}
        validation.validate(api_schemas.CREATE,
                            {'configuration-parameter': body})
        from_api = api_schemas.rule(body)
        self.assertEqual(from_file.columns(), from_api.columns())
        self.assertEqual((True, False, None, None),
                         (from_api.restart_required, from_api.sensitive,
                          from_api.dynamic, from_api.max_size))
