"""The shipped MySQL rules and ``--template``: what a new operator loads
without writing a rules file.

The MySQL 5.7, 8.0 and 8.4 templates are written by
tools/mysql_rules/generate.py from one table of documented system
variables; these tests keep the files equal to the table, check the
differences between the series an operator would trip over, and load the
installed package's templates with the installed trove-manage.
"""

import importlib.util
import json
import os

import testscenarios

from trove_datastore import rules
from trove_datastore import rules_safety
from trove_datastore import rules_templates
from tests.fixtures import base
from tests.fixtures import manage_cli

load_tests = testscenarios.load_tests_apply_scenarios

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
TOOLS = os.path.join(REPO, 'tools', 'mysql_rules')
SERIES = ('5.7', '8.0', '8.4')

# The parameters of Trove's upstream mysql validation-rules.json (the
# contract's section 6.2): the templates offer each, or say why not.
UPSTREAM_MYSQL = '''
auto_increment_increment auto_increment_offset autocommit
bulk_insert_buffer_size character_set_client character_set_connection
character_set_database character_set_filesystem character_set_results
character_set_server collation_connection collation_database
collation_server connect_timeout expire_logs_days
innodb_adaptive_flushing_lwm innodb_adaptive_hash_index_parts
innodb_adaptive_max_sleep_delay innodb_background_drop_list_empty
innodb_buffer_pool_chunk_size innodb_buffer_pool_dump_at_shutdown
innodb_buffer_pool_dump_pct innodb_buffer_pool_size
innodb_change_buffer_max_size innodb_checksum_algorithm
innodb_cmp_per_index_enabled innodb_compression_failure_threshold_pct
innodb_compression_level innodb_compression_pad_pct_max
innodb_deadlock_detect innodb_default_row_format
innodb_disable_sort_file_cache innodb_file_per_table innodb_fill_factor
innodb_flush_log_at_timeout innodb_flush_log_at_trx_commit
innodb_flush_method innodb_flush_neighbors innodb_flush_sync
innodb_flushing_avg_loops innodb_force_load_corrupted innodb_ft_aux_table
innodb_ft_cache_size innodb_ft_max_token_size innodb_ft_num_word_optimize
innodb_ft_result_cache_limit innodb_ft_server_stopword_table
innodb_ft_sort_pll_degree innodb_ft_total_cache_size
innodb_ft_user_stopword_table innodb_io_capacity_max innodb_large_prefix
innodb_log_buffer_size innodb_log_checksums innodb_log_compressed_pages
innodb_log_file_size innodb_log_write_ahead_size innodb_lru_scan_depth
innodb_max_dirty_pages_pct_lwm innodb_max_purge_lag_delay
innodb_max_undo_log_size innodb_monitor_disable innodb_monitor_enable
innodb_monitor_reset innodb_monitor_reset_all
innodb_online_alter_log_max_size innodb_open_files
innodb_optimize_fulltext_only innodb_page_cleaners innodb_page_size
innodb_purge_rseg_truncate_frequency innodb_random_read_ahead
innodb_read_only innodb_rollback_segments innodb_sort_buffer_size
innodb_stats_include_delete_marked innodb_stats_method
innodb_stats_persistent innodb_stats_persistent_sample_pages
innodb_stats_sample_pages innodb_stats_transient_sample_pages
innodb_support_xa innodb_sync_array_size innodb_sync_spin_loops
innodb_thread_concurrency interactive_timeout join_buffer_size
key_buffer_size local_infile long_query_time lower_case_table_names
max_allowed_packet max_connect_errors max_connections
max_prepared_stmt_count max_user_connections myisam_sort_buffer_size
performance_schema server_id sort_buffer_size sync_binlog wait_timeout
'''.split()


def _load_tool(name):
    spec = importlib.util.spec_from_file_location(
        'mysql_rules_' + name, os.path.join(TOOLS, name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _template(name):
    with open(rules_templates.path(name)) as template:
        return json.load(template)


def _by_name(name):
    return {entry['name']: entry
            for entry in _template(name)['configuration-parameters']}


class TestMysqlTemplates(base.TestCase):

    def test_shipped_files_are_what_the_table_generates(self):
        generate = _load_tool('generate')
        for series in SERIES:
            with open(generate.path(series)) as shipped:
                self.assertEqual(generate.render(series), shipped.read(),
                                 'mysql-%s is stale: run tools/mysql_rules/'
                                 'generate.py' % series)

    def test_templates_parse_and_offer_nothing_unsafe(self):
        for series in SERIES:
            document = _template('mysql-' + series)
            parsed = rules.parse_document(document)
            self.assertGreater(len(parsed.rules), 200)
            self.assertEqual([], parsed.duplicates)
            self.assertEqual([], rules_safety.find(
                'mysql', [rule.name for rule in parsed.rules]))
            self.assertEqual({'mysql'}, {document['source']['manager']})
            self.assertEqual(series, document['source']['version'])
            # A dynamic parameter never needs a restart, and the reverse.
            for rule in parsed.rules:
                self.assertIsNot(rule.dynamic, rule.restart_required,
                                 rule.name)

    def test_unsafe_rows_of_the_table_are_left_out_and_named(self):
        self.assertIn('default_authentication_plugin',
                      _template('mysql-5.7')['source']['unsafe_names'])
        self.assertIn('log_bin_trust_function_creators',
                      _template('mysql-8.4')['source']['unsafe_names'])
        for series in SERIES:
            names = _by_name('mysql-' + series)
            self.assertNotIn('default_authentication_plugin', names)
            self.assertNotIn('require_secure_transport', names)

    def test_differences_between_the_series(self):
        v57, v80, v84 = (set(_by_name('mysql-' + s)) for s in SERIES)
        # The query cache is gone from 8.0.
        self.assertIn('query_cache_size', v57)
        self.assertNotIn('query_cache_size', v80 | v84)
        # Redo log sizing: per file in 5.7, one capacity from 8.0.30.
        self.assertIn('innodb_log_file_size', v57)
        self.assertNotIn('innodb_redo_log_capacity', v57)
        self.assertIn('innodb_redo_log_capacity', v80 & v84)
        # Binary log expiry: days up to 8.0, seconds from 8.0.
        self.assertIn('expire_logs_days', v57 & v80)
        self.assertNotIn('expire_logs_days', v84)
        self.assertIn('binlog_expire_logs_seconds', v80 & v84)
        self.assertNotIn('binlog_expire_logs_seconds', v57)
        # Replica names from 8.0.26; the dependency tracking of 8.0 only.
        self.assertIn('slave_parallel_workers', v57)
        self.assertIn('replica_parallel_workers', v80 & v84)
        self.assertNotIn('slave_parallel_workers', v80 | v84)
        self.assertIn('binlog_transaction_dependency_tracking', v80)
        self.assertNotIn('binlog_transaction_dependency_tracking', v84)
        # Only 5.7 accepts lower_case_table_names after initialization.
        self.assertIn('lower_case_table_names', v57)
        self.assertNotIn('lower_case_table_names', v80 | v84)
        # Same name, other facts.
        self.assertEqual(1048576, _by_name('mysql-5.7')[
            'max_prepared_stmt_count']['max'])
        self.assertEqual(4194304, _by_name('mysql-8.0')[
            'max_prepared_stmt_count']['max'])
        self.assertTrue(_by_name('mysql-5.7')['innodb_log_buffer_size'][
            'restart_required'])
        self.assertTrue(_by_name('mysql-8.4')['innodb_log_buffer_size'][
            'dynamic'])

    def test_every_upstream_parameter_is_offered_or_explained(self):
        table = _load_tool('table')
        offered = set(_by_name('mysql-5.7')) | set(_by_name('mysql-8.0'))
        missing = [name for name in UPSTREAM_MYSQL
                   if name not in offered and name not in table.LEFT_OUT]
        self.assertEqual([], missing)
        self.assertEqual(
            [], sorted(set(table.LEFT_OUT) & {v.name
                                              for v in table.VARIABLES}))

    def test_table_names_each_variable_once_for_known_series(self):
        table = _load_tool('table')
        names = [var.name for var in table.VARIABLES]
        self.assertEqual(sorted(set(names)), sorted(names))
        for var in table.VARIABLES:
            self.assertTrue(set(var.series) <= set(SERIES), var.name)
            self.assertTrue(set(var.per_series) <= set(var.series),
                            var.name)

    def test_unknown_template_lists_the_shipped_ones(self):
        error = self.assertRaises(rules_templates.UnknownTemplate,
                                  rules_templates.path, 'mysql-9.1')
        self.assertIn("'mysql-9.1'", str(error))
        for name in ('mariadb', 'mysql-5.7', 'mysql-8.0', 'mysql-8.4',
                     'postgresql'):
            self.assertIn(name, str(error))


class TestTemplateCommands(manage_cli.ManageTestCase):
    """The installed trove-manage (built as a wheel by the venv tools)
    finds the templates inside the installed package."""

    def setUp(self):
        super().setUp()
        self.assertExit(0, self.manage('db_sync'))
        self.assertExit(0, self.manage('datastore_update', 'mysql', ''))
        self.assertExit(0, self.manage(
            'datastore_version_update', 'mysql', '5.7.29', 'mysql',
            manage_cli.IMAGE, '', '1'))

    def test_rules_templates_lists_the_installed_files(self):
        result = self.manage('rules_templates')
        self.assertExit(0, result)
        lines = {line.split()[0]: line for line in result.stdout.splitlines()}
        self.assertEqual(['mariadb', 'mysql-5.7', 'mysql-8.0', 'mysql-8.4',
                          'postgresql'], sorted(lines))
        path = lines['mysql-5.7'].split()[-1]
        self.assertTrue(os.path.isfile(path), path)
        # The installed package's copy, not the checkout's.
        # (The virtualenv may live inside the checkout, as .venv does.)
        self.assertFalse(path.startswith(
            os.path.join(REPO, 'trove_datastore') + os.sep), path)
        self.assertIn('site-packages', path)

    def test_load_a_template_by_name(self):
        result = self.manage('db_load_datastore_config_parameters', 'mysql',
                             '5.7.29', '--template', 'mysql-5.7')
        self.assertExit(0, result)
        count = len(_template('mysql-5.7')['configuration-parameters'])
        self.assertIn(': %d added, 0 updated, 0 unchanged.' % count,
                      result.stdout)

    def test_unknown_template_names_the_known_ones(self):
        result = self.manage('db_load_datastore_config_parameters', 'mysql',
                             '5.7.29', '--template', 'mysql-9.1')
        self.assertExit(1, result)
        self.assertIn("No rules template named 'mysql-9.1'", result.stderr)
        self.assertIn('mysql-5.7, mysql-8.0, mysql-8.4', result.stderr)

    def test_path_or_template_exactly_one(self):
        for extra, words in (([], 'give the path of a validation-rules '
                                  'file, or --template NAME'),
                             (['x.json', '--template', 'mysql-5.7'],
                              'not both')):
            result = self.manage('db_load_datastore_config_parameters',
                                 'mysql', '5.7.29', *extra)
            self.assertExit(2, result)
            self.assertIn(words, result.stderr)
            self.assertEqual('', result.stdout)
        self.assertEqual([(0,)], self.query(
            'SELECT COUNT(*) FROM datastore_configuration_parameters'))

    def test_a_file_path_still_works(self):
        path = os.path.join(self.dir, 'rules.json')
        with open(path, 'w') as rules_file:
            json.dump({'configuration-parameters': [
                {'name': 'max_connections', 'type': 'integer',
                 'restart_required': False, 'min': 1}]}, rules_file)
        result = self.manage('db_load_datastore_config_parameters', 'mysql',
                             '5.7.29', path)
        self.assertExit(0, result)
        self.assertIn('1 added', result.stdout)
