"""The README's "Try it", run exactly as written (taken from README.md)
with the real openstack client against the console script on the
embedded default. Only the port differs: the service listens on a free
one instead of 8779."""

import os
import re
import subprocess
import sys

import fixtures

from tests.fixtures import base
from tests.fixtures import server

README = os.path.join(server.REPO, 'README.md')


def try_it_commands():
    """The bash block under "## Try it", one string per command."""
    with open(README) as stream:
        text = stream.read()
    section = text.split('## Try it', 1)[1].split('\n## ', 1)[0]
    block = re.search(r'```bash\n(.*?)```', section, re.S).group(1)
    return [command.strip() for command in
            re.sub(r'\\\n\s*', '', block).splitlines() if command.strip()]


def run_sh_extras():
    """The extra of setup.cfg that tools/run.sh installs."""
    with open(os.path.join(server.REPO, 'tools', 'run.sh')) as stream:
        return re.search(r'^ensure_venv (\w+)', stream.read(), re.M).group(1)


class TestReadmeTryIt(base.TestCase):

    def test_try_it_as_written(self):
        commands = try_it_commands()
        self.assertGreaterEqual(len(commands), 2, commands)
        # tools/run.sh installs what the commands call: .venv/bin/openstack
        # comes with the extra it asks for.
        self.assertTrue(all(command.startswith('.venv/bin/openstack ')
                            for command in commands), commands)
        self.assertEqual('client', run_sh_extras())
        with open(os.path.join(server.REPO, 'setup.cfg')) as stream:
            extras = stream.read().split('client =', 1)[1].split('\n\n')[0]
        self.assertIn('python-openstackclient', extras)
        self.assertIn('python-troveclient', extras)

        service = self.useFixture(server.Service())
        workdir = self.useFixture(fixtures.TempDir()).path
        # .venv of the "checkout": the environment these tests run in,
        # which holds the same clients.
        os.symlink(sys.prefix, os.path.join(workdir, '.venv'))
        env = {k: v for k, v in os.environ.items() if not k.startswith('OS_')}
        outputs = []
        for command in commands:
            command = command.replace('127.0.0.1:8779',
                                      '127.0.0.1:%d' % service.port)
            result = subprocess.run(['bash', '-c', command], cwd=workdir,
                                    env=env, capture_output=True, text=True,
                                    timeout=180)
            self.assertEqual(0, result.returncode,
                             '%s\n%s%s' % (command, result.stdout,
                                           result.stderr))
            outputs.append(result.stdout)
        # The first command created the version; the last lists its
        # datastore.
        self.assertIn('mysql', outputs[-1])
        versions = service.openstack_json('datastore', 'version', 'list',
                                          'mysql', project='myproject')
        self.assertEqual(['5.7.29'], [v['Name'] for v in versions])
