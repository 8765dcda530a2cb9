"""Unsafe parameters are never offered by default.

The list itself (rules_safety), checked for completeness against the live
PostgreSQL and MariaDB servers of this machine; the loader that refuses
unsafe names unless the administrator names them; the mgmt API that
refuses them always; and ``trove-manage`` as an operator meets all this.
With CI=true a server that does not answer fails the test.
"""

import json
import os
import re

import fixtures
import sqlalchemy as sa
import testscenarios

from trove_datastore import context as td_context
from trove_datastore import exception
from trove_datastore.manager import parameters as manager
from trove_datastore.manager import unsafe_rules
from trove_datastore.manager import versions as versions_manager
from trove_datastore import rules
from trove_datastore import rules_generator
from trove_datastore import rules_safety
from tests.fixtures import base
from tests.fixtures import api_base
from tests.fixtures import manage_cli

load_tests = testscenarios.load_tests_apply_scenarios

# Names or descriptions that suggest a command, file, directory, path,
# socket, library, plugin, key, certificate, TLS, authentication or
# password. Broad on purpose: what it catches must be listed as unsafe or
# reviewed as safe in rules_safety.REVIEWED_SAFE.
SUSPECT_NAME = re.compile(
    r'command|cmd|file(name)?($|_path|_mode|_priv)|keyfile|dirs?$|dir_|'
    r'director|path|socket($|_dir|_group|_perm)|librar|plugin|'
    r'(^|_)keys?(_path|_file)|(ssl|private|public|secret|access)_key|'
    r'keyring|cert(_|$|s|ificate)|ssl|tls|crl|cipher|auth|passw|krb|gss|'
    r'conninfo|provider|address|(^|_)host($|_name)|(^|_)port$|bind|'
    r'listen_|secure|priv|grant|preload_lib|^init_|trust|proxy|networking')
SUSPECT_TEXT = re.compile(
    r'\b(file|files|filename|directory|directories|path|command|commands|'
    r'library|libraries|plugin|socket|host name|hostname|address|addresses|'
    r'certificate|password|passphrase|authentication)\b', re.IGNORECASE)

FROM_THE_ISSUE = {
    'postgresql': ['archive_command', 'restore_command',
                   'ssl_passphrase_command', 'shared_preload_libraries',
                   'session_preload_libraries', 'local_preload_libraries',
                   'dynamic_library_path', 'data_directory', 'hba_file',
                   'log_directory'],
    'mariadb': ['init_file', 'wsrep_notify_cmd', 'wsrep_provider',
                'plugin_dir', 'secure_file_priv', 'general_log_file',
                'datadir', 'skip_grant_tables'],
}


def server_settings(test, server):
    """(manager, [(name, free_text, description)]) of every setting the
    generator considers, straight from the server's catalog."""
    engine = sa.create_engine(base.ADMIN_URLS[server],
                              poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            if server == 'postgresql':
                rows = conn.execute(sa.text(
                    "SELECT name, vartype = 'string', short_desc FROM "
                    "pg_settings WHERE context <> 'internal'")).all()
                return 'postgresql', rows
            rows = conn.execute(sa.text(
                "SELECT LOWER(VARIABLE_NAME), VARIABLE_TYPE = 'VARCHAR', "
                'VARIABLE_COMMENT FROM information_schema.SYSTEM_VARIABLES '
                "WHERE VARIABLE_SCOPE <> 'SESSION ONLY' AND NOT "
                "(READ_ONLY = 'YES' AND COMMAND_LINE_ARGUMENT IS NULL)"))
            return 'mariadb', rows.all()
    except sa.exc.OperationalError as error:
        base._unavailable(test, server, error)
    finally:
        engine.dispose()


class TestTheList(base.TestCase):

    def test_every_entry_says_why_and_where(self):
        for key in rules_safety.ENGINES:
            for entry in rules_safety.entries(key):
                self.assertTrue(entry.reason and entry.section, entry)
            self.assertIn(key, rules_safety.ENGINE_DOCS)

    def test_the_names_of_the_issue_are_unsafe(self):
        for manager_name, names in FROM_THE_ISSUE.items():
            for name in names:
                self.assertIsNotNone(rules_safety.check(manager_name, name),
                                     name)
        self.assertIsNone(rules_safety.check('mariadb', 'max_connections'))
        self.assertIsNone(rules_safety.check('postgresql', 'work_mem'))

    def test_spellings_mysqld_accepts_are_caught(self):
        for name in ('INIT_FILE', 'init-file', 'loose-init-file',
                     'skip-ssl', 'loose_skip_ssl', 'SSL-CA', 'disable_ssl'):
            self.assertIsNotNone(rules_safety.check('mariadb', name), name)
        self.assertEqual('init-file',
                         rules_safety.check('mysql', 'init-file').name)
        self.assertIsNotNone(rules_safety.check('postgresql',
                                                'Archive_Command'))
        # skip_name_resolve only makes host grants stricter.
        self.assertIsNone(rules_safety.check('mariadb', 'skip_name_resolve'))

    def test_managers_map_to_engines(self):
        # Percona Server is MySQL; PXC is MySQL with Galera.
        self.assertIsNotNone(rules_safety.check('percona', 'init_replica'))
        self.assertIsNotNone(rules_safety.check('pxc', 'wsrep_provider'))
        self.assertIsNotNone(rules_safety.check('pxc', 'keyring_file_data'))
        self.assertIsNone(rules_safety.check('mysql', 'wsrep_provider'))
        # MySQL's keyring and authentication plugin families.
        self.assertIsNotNone(rules_safety.check(
            'mysql', 'authentication_ldap_sasl_server_host'))
        # An unknown manager gets every engine's list.
        self.assertIsNotNone(rules_safety.check('redis', 'port'))
        self.assertIsNotNone(rules_safety.check(None, 'archive_command'))

    def test_reviewed_names_are_not_listed_as_unsafe(self):
        for key, reviewed in rules_safety.REVIEWED_SAFE.items():
            for name, reason in reviewed.items():
                self.assertTrue(reason)
                self.assertIsNone(rules_safety.check(key, name), name)


class TestLiveServers(base.TestCase):
    """The list is complete for the servers of this machine, and the
    generator offers none of it."""

    scenarios = [('postgresql', {'server': 'postgresql'}),
                 ('mariadb', {'server': 'mysql'})]

    def test_every_suspect_setting_was_decided(self):
        manager_name, settings = server_settings(self, self.server)
        reviewed = rules_safety.REVIEWED_SAFE[manager_name]
        undecided = []
        for name, free_text, description in settings:
            suspect = SUSPECT_NAME.search(name) or (
                free_text and SUSPECT_TEXT.search(description or ''))
            if suspect and name not in reviewed and \
                    rules_safety.check(manager_name, name) is None:
                undecided.append(name)
        self.assertEqual([], undecided,
                         'list them in rules_safety as unsafe, or in '
                         'REVIEWED_SAFE with the reason they are harmless')
        self.assertGreater(len(settings), 300)

    def test_the_generator_leaves_them_out_and_counts_them(self):
        try:
            document = rules_generator.generate(base.ADMIN_URLS[self.server])
        except exception.ServiceUnavailable as error:
            base._unavailable(self, self.server, error)
        source = document['source']
        names = [e['name'] for e in document[rules.DOCUMENT_KEY]]
        self.assertEqual([], rules_safety.find(source['manager'], names))
        for name in FROM_THE_ISSUE[source['manager']]:
            self.assertNotIn(name, names)
            self.assertIn(name, source['unsafe_names'])
        self.assertEqual(len(source['unsafe_names']),
                         source['unsafe_left_out'])
        _, settings = server_settings(self, self.server)
        self.assertLessEqual(set(names) | set(source['unsafe_names']),
                             {row[0] for row in settings})


def rules_document(*names):
    return {rules.DOCUMENT_KEY: [
        {'name': name, 'type': 'string', 'restart_required': False}
        for name in names]}


class TestLoader(base.DatabaseTestCase):
    scenarios = base.ENGINE_SCENARIOS

    def setUp(self):
        super().setUp()
        self.context = td_context.get_admin_context()
        self.version = versions_manager.create_version(
            self.context, name='15', datastore_name='postgresql',
            manager='postgresql', active=True, image_tags=['trove'],
            check_image=False)

    def load(self, *names, **kwargs):
        return manager.load_rules(
            self.context, 'postgresql', '15',
            rules.parse_document(rules_document(*names)), **kwargs)

    def test_a_file_with_archive_command_is_refused_whole(self):
        error = self.assertRaises(
            exception.UnsafeParameters, self.load, 'work_mem',
            'archive_command', 'shared_preload_libraries')
        self.assertEqual(400, error.code)
        self.assertIn('archive_command, shared_preload_libraries',
                      str(error))
        self.assertIn('--allow-unsafe archive_command,'
                      'shared_preload_libraries', str(error))
        self.assertEqual([], unsafe_rules.audit(self.context))
        self.assertEqual([], manager.list_parameters(
            self.context, datastore='postgresql', version='15')[1])

    def test_allow_unsafe_must_name_each_one(self):
        error = self.assertRaises(
            exception.UnsafeParameters, self.load, 'archive_command',
            'hba_file', allow_unsafe=['archive_command'])
        self.assertIn('hba_file', str(error))
        self.assertNotIn('archive_command', str(error).split('.')[0])

    def test_allowed_then_audited_then_removed(self):
        logged = self.useFixture(fixtures.FakeLogger(level='WARNING'))
        summary = self.load('work_mem', 'archive_command',
                            allow_unsafe=['ARCHIVE_COMMAND'])
        self.assertEqual(['archive_command'], summary.unsafe)
        self.assertEqual(2, len(summary.added))
        self.assertIn('Loaded unsafe parameter(s) archive_command',
                      logged.output)
        found = unsafe_rules.audit(self.context)
        self.assertEqual(
            [('postgresql', '15', self.version.id, 'archive_command',
              rules_safety.COMMAND)], [tuple(f) for f in found])
        self.assertEqual(found, unsafe_rules.audit(self.context,
                                                   'postgresql', '15'))
        manager.remove_rules(self.context, 'postgresql', '15')
        self.assertEqual([], unsafe_rules.audit(self.context))

    def test_a_dry_run_is_refused_too(self):
        self.assertRaises(exception.UnsafeParameters, self.load,
                          'restore_command', dry_run=True)


class TestMgmtApi(api_base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.create_version(name='15', datastore='postgresql',
                            manager='postgresql', image_tags=['trove'])
        self.mgmt = ('/mgmt/datastores/versions/%s/parameters'
                     % self.version_id('15', datastore='postgresql'))

    def test_create_and_update_of_unsafe_names_are_400(self):
        body = {'name': 'archive_command', 'data_type': 'string',
                'restart_required': 0}
        message = self.assertFault(
            self.post(self.mgmt, {'configuration-parameter': body}), 400,
            'badRequest', 'archive_command')
        self.assertIn('unsafe', message)
        self.assertIn('--allow-unsafe archive_command', message)
        # An unsafe rule loaded on purpose cannot be changed through the
        # API either.
        manager.load_rules(td_context.get_admin_context(), 'postgresql',
                           '15', rules.parse_document(
                               rules_document('ssl_ciphers')),
                           allow_unsafe=['ssl_ciphers'])
        body['name'] = 'ssl_ciphers'
        self.assertFault(
            self.put(self.mgmt + '/ssl_ciphers',
                     {'configuration-parameter': body}), 400, 'badRequest',
            'unsafe')
        body['name'] = 'work_mem'
        response = self.post(self.mgmt, {'configuration-parameter': body})
        self.assertEqual(200, response.status_int, response.text)


class TestManageCommands(manage_cli.ManageTestCase):
    """The installed trove-manage, as an operator runs it."""

    def setUp(self):
        super().setUp()
        self.assertExit(0, self.manage('db_sync'))
        self.assertExit(0, self.manage(
            'datastore_update', 'postgresql', ''))
        self.assertExit(0, self.manage(
            'datastore_version_update', 'postgresql', '15', 'postgresql',
            manage_cli.IMAGE, '', '1'))
        self.rules_file = os.path.join(self.dir, 'rules.json')
        with open(self.rules_file, 'w') as output:
            json.dump(rules_document('work_mem', 'archive_command'), output)

    def test_refused_allowed_audited_removed(self):
        result = self.manage('db_load_datastore_config_parameters',
                             'postgresql', '15', self.rules_file)
        self.assertExit(1, result)
        self.assertEqual(1, len(result.stderr.strip().splitlines()),
                         result.stderr)
        self.assertIn('ERROR: ', result.stderr)
        self.assertIn('--allow-unsafe archive_command', result.stderr)
        self.assertExit(0, self.manage('rules_audit'))

        result = self.manage('db_load_datastore_config_parameters',
                             'postgresql', '15', self.rules_file,
                             '--allow-unsafe', 'archive_command')
        self.assertExit(0, result)
        self.assertIn('2 added', result.stdout)
        self.assertIn('Unsafe parameter(s) archive_command', result.stdout)
        self.assertIn('WARNING', result.stderr)

        result = self.manage('rules_audit')
        self.assertExit(1, result)
        self.assertRegex(result.stdout,
                         r'postgresql 15 \[[0-9a-f-]{36}\] archive_command: '
                         'runs a shell command')
        self.assertExit(1, self.manage('rules_audit', 'postgresql', '15'))
        self.assertExit(2, self.manage('rules_audit', 'nosuch'))

        self.assertExit(0, self.manage(
            'db_remove_datastore_config_parameters', 'postgresql', '15'))
        result = self.manage('rules_audit')
        self.assertExit(0, result)
        self.assertEqual('No unsafe rules are loaded.', result.stdout.strip())
