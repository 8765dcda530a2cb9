#!/usr/bin/env python3
"""Run the admin guide's walkthrough and record what each command prints.

The walkthrough of doc/source/admin/walkthrough.rst is a list of commands
an operator types on the embedded default (SQLite, noauth, the image
catalog etc/trove/image-catalog.json). This script starts the service as
tools/run.sh does, in a scratch directory laid out like a checkout, runs
each command with the real ``openstack`` client and ``trove-manage``, and
writes ``<step>.txt`` files (the command, then its output) that the guide
includes.

Ids the service makes up at random are replaced by fixed placeholder ids
(see PLACEHOLDERS), times by DOC_TIMESTAMP, the virtualenv's directory by
``$VIRTUAL_ENV``, the scratch port by 8779, and trove-manage's log lines
on standard error are left out, so that two runs write the same files.
Steps marked ``refused`` must fail: the guide shows the refusal.

Usage: tools/docs/walkthrough.py [--output DIR] (default: the guide's
doc/source/admin/_generated). Needs MariaDB on 127.0.0.1:3306 (root, no
password) for the generate_validation_rules step.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
DEFAULT_OUTPUT = os.path.join(REPO, 'doc', 'source', 'admin', '_generated')
RULES_FILE = 'doc/source/admin/mysql-5.7-rules.json'
CATALOG_FILE = 'etc/trove/image-catalog.json'
PROJECT = 'myproject'
DOC_PORT = 8779
MARIADB_URL = 'mysql://root@127.0.0.1:3306/'
IMAGE_MYSQL_80 = '2f6a4e2d-8c4b-4d8e-a1f3-7b2c5d9e0a02'
MANAGE = 'trove-manage --config-file var/trove.conf'

# Placeholder ids, by datastore name, or by (datastore, version name).
PLACEHOLDERS = {
    'mysql': '11111111-1111-4111-8111-111111111111',
    'mariadb': '22222222-2222-4222-8222-222222222222',
    ('mysql', '5.7.29'): '33333333-3333-4333-8333-333333333333',
    ('mysql', '8.0.36'): '44444444-4444-4444-8444-444444444444',
    ('mariadb', '10.11'): '55555555-5555-4555-8555-555555555555',
}


class Step(object):
    """One command of the walkthrough.

    ``shown`` is what the guide prints (lines joined with `` \\``);
    ``{NAME}`` in ``argv`` is replaced by the value an earlier step
    captured into ``NAME``.
    """

    def __init__(self, name, shown, argv, capture=None, refused=False):
        self.name = name
        self.shown = shown if isinstance(shown, list) else [shown]
        self.argv = argv
        self.capture = capture
        # The guide shows this command failing: exit 1 is expected.
        self.refused = refused


def openstack(*args):
    return ['openstack'] + list(args)


def manage(*args):
    return ['trove-manage', '--config-file', 'var/trove.conf'] + list(args)


STEPS = [
    Step('db-sync', MANAGE + ' db_sync', manage('db_sync')),
    Step('version-create-tags',
         ['openstack datastore version create 5.7.29 mysql mysql ""',
          '    --image-tags trove,mysql --active --default',
          '    --version-number 5.7.29'],
         openstack('datastore', 'version', 'create', '5.7.29', 'mysql',
                   'mysql', '', '--image-tags', 'trove,mysql', '--active',
                   '--default', '--version-number', '5.7.29')),
    Step('version-create-image',
         ['openstack datastore version create 8.0.36 mysql mysql',
          '    %s --active --version-number 8.0.36' % IMAGE_MYSQL_80],
         openstack('datastore', 'version', 'create', '8.0.36', 'mysql',
                   'mysql', IMAGE_MYSQL_80, '--active',
                   '--version-number', '8.0.36')),
    Step('datastore-list', 'openstack datastore list',
         openstack('datastore', 'list')),
    Step('version-list', 'openstack datastore version list mysql',
         openstack('datastore', 'version', 'list', 'mysql')),
    Step('capture-8.0',
         'MYSQL_80=$(openstack datastore version show 8.0.36 --datastore '
         'mysql -f value -c id)',
         openstack('datastore', 'version', 'show', '8.0.36', '--datastore',
                   'mysql', '-f', 'value', '-c', 'id'),
         capture='MYSQL_80'),
    Step('version-hide', 'openstack datastore version set $MYSQL_80 '
                         '--disable',
         openstack('datastore', 'version', 'set', '{MYSQL_80}',
                   '--disable')),
    Step('version-list-member',
         ['openstack --os-auth-type admin_token',
          '    --os-token alice:%s:member datastore version list mysql'
          % PROJECT],
         ['openstack', '--os-auth-type', 'admin_token', '--os-token',
          'alice:%s:member' % PROJECT, 'datastore', 'version', 'list',
          'mysql']),
    Step('version-set-tags',
         'openstack datastore version set $MYSQL_80 '
         '--image-tags trove,mysql,8.0',
         openstack('datastore', 'version', 'set', '{MYSQL_80}',
                   '--image-tags', 'trove,mysql,8.0')),
    Step('version-show', 'openstack datastore version show $MYSQL_80',
         openstack('datastore', 'version', 'show', '{MYSQL_80}')),
    Step('rules-templates', MANAGE + ' rules_templates',
         manage('rules_templates')),
    Step('rules-load',
         [MANAGE + ' db_load_datastore_config_parameters',
          '    mysql 5.7.29 --template mysql-5.7'],
         manage('db_load_datastore_config_parameters', 'mysql', '5.7.29',
                '--template', 'mysql-5.7')),
    Step('parameter-show',
         'openstack database configuration parameter show 5.7.29 '
         'max_connections --datastore mysql',
         openstack('database', 'configuration', 'parameter', 'show',
                   '5.7.29', 'max_connections', '--datastore', 'mysql')),
    Step('group-create',
         ['openstack database configuration create web-tuning',
          '    \'{"max_connections": 500, "long_query_time": "2.5"}\'',
          '    --datastore mysql --datastore-version 5.7.29'],
         openstack('database', 'configuration', 'create', 'web-tuning',
                   # {{ }}: argv is a format string (see run).
                   '{{"max_connections": 500, "long_query_time": "2.5"}}',
                   '--datastore', 'mysql', '--datastore-version',
                   '5.7.29')),
    Step('group-create-refused',
         ['openstack database configuration create too-many',
          '    \'{"max_connections": 0, "query_cache_type": "SOMETIMES"}\'',
          '    --datastore mysql --datastore-version 5.7.29'],
         openstack('database', 'configuration', 'create', 'too-many',
                   '{{"max_connections": 0, "query_cache_type": '
                   '"SOMETIMES"}}', '--datastore', 'mysql',
                   '--datastore-version', '5.7.29'), refused=True),
    Step('rules-generate',
         [MANAGE + ' generate_validation_rules',
          '    --connection %s --output mariadb-10.11-rules.json'
          % MARIADB_URL],
         manage('generate_validation_rules', '--connection', MARIADB_URL,
                '--output', 'mariadb-10.11-rules.json')),
    Step('mariadb-create',
         ['openstack datastore version create 10.11 mariadb mariadb ""',
          '    --image-tags trove,mariadb --active --default',
          '    --version-number 10.11.19'],
         openstack('datastore', 'version', 'create', '10.11', 'mariadb',
                   'mariadb', '', '--image-tags', 'trove,mariadb',
                   '--active', '--default', '--version-number', '10.11.19')),
    Step('rules-load-generated',
         [MANAGE + ' db_load_datastore_config_parameters',
          '    mariadb 10.11 mariadb-10.11-rules.json'],
         manage('db_load_datastore_config_parameters', 'mariadb', '10.11',
                'mariadb-10.11-rules.json')),
    Step('version-default',
         'openstack datastore version set $MYSQL_80 --enable --default',
         openstack('datastore', 'version', 'set', '{MYSQL_80}', '--enable',
                   '--default')),
    Step('datastore-show', 'openstack datastore show mysql',
         openstack('datastore', 'show', 'mysql')),
    Step('capture-5.7',
         'MYSQL_57=$(openstack datastore version show 5.7.29 --datastore '
         'mysql -f value -c id)',
         openstack('datastore', 'version', 'show', '5.7.29', '--datastore',
                   'mysql', '-f', 'value', '-c', 'id'),
         capture='MYSQL_57'),
    Step('version-delete-in-use',
         'openstack datastore version delete $MYSQL_57',
         openstack('datastore', 'version', 'delete', '{MYSQL_57}'),
         refused=True),
    Step('group-delete', 'openstack database configuration delete '
                         'web-tuning',
         openstack('database', 'configuration', 'delete', 'web-tuning')),
    Step('version-delete', 'openstack datastore version delete $MYSQL_57',
         openstack('datastore', 'version', 'delete', '{MYSQL_57}')),
    Step('version-list-after-delete',
         'openstack datastore version list mysql',
         openstack('datastore', 'version', 'list', 'mysql')),
    Step('status-check',
         'trove-datastore-status --config-file var/trove.conf upgrade check',
         ['trove-datastore-status', '--config-file', 'var/trove.conf',
          'upgrade', 'check']),
]

_UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-'
                   r'[0-9a-f]{12}')
# Times the service stamps (created, updated), as the client prints them.
_TIMESTAMP = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d')
DOC_TIMESTAMP = '2026-01-01T12:00:00'
_LOG_LINE = re.compile(r'^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \d+ '
                       r'(DEBUG|INFO|WARNING|ERROR|CRITICAL) ')


def _catalog_ids():
    with open(os.path.join(REPO, CATALOG_FILE)) as catalog:
        return {image['id'] for image in json.load(catalog)['images']}


class Normaliser(object):
    """Turns random ids into placeholders, consistently across steps."""

    def __init__(self, port=None):
        self.port = port
        self.known = {}
        self.fixed = _catalog_ids() | set(
            p for p in PLACEHOLDERS.values())

    def learn(self, versions):
        for version in versions:
            self._assign(version['datastore_id'],
                         version['datastore_name'])
            self._assign(version['id'], (version['datastore_name'],
                                         version['name']))

    def _assign(self, real, key):
        if real not in self.known and key in PLACEHOLDERS:
            self.known[real] = PLACEHOLDERS[key]

    def __call__(self, text):
        # Where the package is installed (trove-manage rules_templates).
        text = text.replace(sys.prefix + os.sep, '$VIRTUAL_ENV' + os.sep)
        if self.port:
            text = text.replace('127.0.0.1:%d' % self.port,
                                '127.0.0.1:%d' % DOC_PORT)

        def replace(match):
            value = match.group(0)
            if value in self.fixed:
                return value
            if value not in self.known:
                # Not one the walkthrough names: still stable, by order.
                self.known[value] = ('00000000-0000-4000-8000-%012d'
                                     % (len(self.known) + 1))
            return self.known[value]
        return _TIMESTAMP.sub(DOC_TIMESTAMP, _UUID.sub(replace, text))


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _executable(name):
    path = os.path.join(os.path.dirname(sys.executable), name)
    if os.path.exists(path):
        return path
    found = shutil.which(name)
    if not found:
        raise SystemExit('%s is not installed next to %s or on PATH'
                         % (name, sys.executable))
    return found


class Walkthrough(object):
    """The service of tools/run.sh in a scratch checkout-like directory."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.port = _free_port()
        self.endpoint = 'http://127.0.0.1:%d/v1.0/%s' % (self.port, PROJECT)
        self.values = {}
        self.normalise = Normaliser(self.port)
        self.process = None

    def prepare(self):
        os.makedirs(os.path.join(self.workdir, 'var'))
        for relative in (RULES_FILE, CATALOG_FILE):
            target = os.path.join(self.workdir, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy(os.path.join(REPO, relative), target)
        # The configuration tools/run.sh writes, on a free port.
        with open(os.path.join(self.workdir, 'var', 'trove.conf'), 'w') as f:
            f.write('[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = %d\n\n'
                    '[api]\nauth_strategy = noauth\n\n'
                    '[database]\nconnection = sqlite:///%s/var/'
                    'trove_datastore.sqlite\n\n'
                    '[image]\nsource = file\ncatalog_file = %s/%s\n'
                    % (self.port, self.workdir, self.workdir, CATALOG_FILE))

    def start(self):
        subprocess.run(
            [_executable('trove-manage'), '--config-file', 'var/trove.conf',
             'db_sync'], cwd=self.workdir, check=True,
            capture_output=True)
        self.log = open(os.path.join(self.workdir, 'var', 'api.log'), 'w')
        self.process = subprocess.Popen(
            [_executable('trove-datastore-api'), '--config-file',
             'var/trove.conf'], cwd=self.workdir,
            stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit('the API exited; see %s/var/api.log'
                                 % self.workdir)
            try:
                urllib.request.urlopen('http://127.0.0.1:%d/' % self.port,
                                       timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit('the API did not answer in 30 s')

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None:
            self.log.close()

    def _learn_ids(self):
        with urllib.request.urlopen(
                self.endpoint + '/mgmt/datastore-versions') as response:
            self.normalise.learn(json.load(response)['versions'])

    def run(self, step):
        argv = [arg.format(**self.values) for arg in step.argv]
        argv[0] = _executable(argv[0])
        env = {k: v for k, v in os.environ.items()
               if not k.startswith('OS_')}
        env.update(OS_AUTH_TYPE='none', OS_ENDPOINT=self.endpoint)
        result = subprocess.run(argv, cwd=self.workdir, env=env,
                                capture_output=True, text=True, timeout=300)
        if (result.returncode != 0) != step.refused:
            raise SystemExit('step %s %s (%d):\n%s%s'
                             % (step.name, 'was not refused' if step.refused
                                else 'failed', result.returncode,
                                result.stdout, result.stderr))
        if step.capture:
            self.values[step.capture] = result.stdout.strip()
        self._learn_ids()
        # oslo.log lines (timestamps, process ids) are left out.
        output = ''.join(line + '\n' for line in
                         result.stdout.splitlines()
                         + result.stderr.splitlines()
                         if not _LOG_LINE.match(line))
        shown = ' \\\n'.join(step.shown)
        if step.capture:
            # The assignment prints nothing; show the value it holds.
            output = '$ echo $%s\n%s' % (step.capture, output)
        return self.normalise('$ %s\n%s' % (shown, output))


def generate(output_dir, steps=STEPS, log=None):
    """Run every step and write ``<output_dir>/<step>.txt``; returns the
    names of the files written."""
    os.makedirs(output_dir, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix='td-walkthrough-')
    walkthrough = Walkthrough(workdir)
    written = []
    try:
        walkthrough.prepare()
        walkthrough.start()
        for step in steps:
            started = time.monotonic()
            text = walkthrough.run(step)
            name = '%s.txt' % step.name
            with open(os.path.join(output_dir, name), 'w') as out:
                out.write(text)
            written.append(name)
            if log:
                log('%-28s %.1fs' % (step.name, time.monotonic() - started))
    finally:
        walkthrough.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--output', default=DEFAULT_OUTPUT,
                        help='Directory for the <step>.txt files.')
    args = parser.parse_args(argv)
    generate(args.output, log=print)
    return 0


if __name__ == '__main__':
    sys.exit(main())
