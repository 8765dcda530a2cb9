"""How trove-manage, trove-datastore-status and trove-datastore-api find
their configuration, the one way they share: --config-file anywhere on
the command line, else TROVE_CONFIG_FILE, else /etc/trove/trove.conf.
Without a configuration or without a database they stop with one line
and create nothing. Every command runs for real, in a subprocess."""

import os
import subprocess

import fixtures
import testscenarios

from tests.fixtures import base
from tests.fixtures import server

# /etc/trove/trove.conf must not exist for "no configuration at all".
NO_SYSTEM_CONF = not os.path.exists('/etc/trove/trove.conf')

load_tests = testscenarios.load_tests_apply_scenarios

COMMANDS = [
    ('manage', {'command': ['trove-manage', 'db_sync']}),
    ('status', {'command': ['trove-datastore-status', 'upgrade', 'check']}),
    ('api', {'command': ['trove-datastore-api']}),
]


class CommandTestCase(base.TestCase):

    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, 'w') as stream:
            stream.write(text)
        return path

    def run_command(self, words, env_conf=None):
        env = {k: v for k, v in os.environ.items()
               if k != 'TROVE_CONFIG_FILE'}
        if env_conf:
            env['TROVE_CONFIG_FILE'] = env_conf
        command = [server.executable(words[0])] + list(words[1:])
        return subprocess.run(command, capture_output=True, text=True,
                              cwd=self.dir, env=env, timeout=120)

    def assertRefused(self, result, *phrases):
        self.assertEqual(1, result.returncode, result.stderr)
        lines = [line for line in result.stderr.splitlines() if line]
        self.assertEqual(1, len(lines), result.stderr)
        for phrase in phrases:
            self.assertIn(phrase, lines[0])
        self.assertNotIn('Traceback', result.stderr)

    def files(self):
        return sorted(os.listdir(self.dir))


class TestNothingToRunOn(CommandTestCase):

    scenarios = COMMANDS

    def test_no_configuration_is_one_line_and_no_file(self):
        if not NO_SYSTEM_CONF:
            self.skipTest('/etc/trove/trove.conf exists on this host')
        result = self.run_command(self.command)
        self.assertRefused(result, 'no configuration file',
                           '--config-file', 'TROVE_CONFIG_FILE',
                           '/etc/trove/trove.conf')
        self.assertEqual([], self.files())

    def test_no_database_connection_is_one_line_and_no_file(self):
        conf = self.write('trove.conf', '[api]\nauth_strategy = noauth\n')
        for env_conf, extra in ((None, ['--config-file', conf]),
                                (conf, [])):
            result = self.run_command(self.command + extra, env_conf)
            self.assertRefused(result, 'no [database] connection', conf)
            self.assertEqual(['trove.conf'], self.files())


class TestWhereTheConfigurationComesFrom(CommandTestCase):

    def conf_naming(self, database):
        return self.write(
            database + '.conf',
            '[database]\nconnection = sqlite:///%s/%s.sqlite\n\n'
            '[image]\nsource = file\n' % (self.dir, database))

    def test_config_file_after_the_subcommand(self):
        conf = self.conf_naming('after')
        result = self.run_command(['trove-manage', 'db_sync',
                                   '--config-file', conf])
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn('after.sqlite', self.files())
        result = self.run_command(['trove-datastore-status', 'upgrade',
                                   'check', '--config-file=%s' % conf])
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)
        self.assertIn('Database schema', result.stdout)

    def test_trove_config_file_is_honoured_by_every_command(self):
        conf = self.conf_naming('fromenv')
        result = self.run_command(['trove-manage', 'db_sync'], conf)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn('fromenv.sqlite', self.files())
        result = self.run_command(['trove-datastore-status', 'upgrade',
                                   'check'], conf)
        self.assertEqual(0, result.returncode, result.stdout + result.stderr)

    def test_the_command_line_wins_over_the_environment(self):
        named = self.conf_naming('named')
        ignored = self.conf_naming('ignored')
        result = self.run_command(['trove-manage', 'db_sync',
                                   '--config-file', named], ignored)
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn('named.sqlite', self.files())
        self.assertNotIn('ignored.sqlite', self.files())

    def test_usage_names_trove_manage(self):
        result = self.run_command(['trove-manage', '--help'])
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertTrue(result.stdout.startswith('usage: trove-manage '),
                        result.stdout[:200])
