"""Unmodified upstream Trove 26 on loopback, for the interoperability tests.

``tools/upstream_trove/setup.sh`` installs ``trove==26.0.0`` from the package
index into a cached venv (about three minutes the first time, instant
after). :class:`UpstreamTrove` gives it a throw-away database on the
machine's MariaDB or PostgreSQL, creates the schema with Trove's own
``trove-manage db_sync`` and runs Trove's real ``trove-api`` with the
noauth paste filter of tools/upstream_trove in place of keystonemiddleware.

Without CI=true a missing install or server skips the test; with CI=true it
fails.
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

import fixtures
import sqlalchemy as sa

from tests import base
from tests.e2e import server

TOOLS = os.path.join(server.REPO, 'tools', 'upstream_trove')
HEAD = '95418fe2a1c8'
PROJECT = 'e2eproject'
_VENV = []


def venv():
    """The path of the cached upstream venv (installed on first use), or
    raise RuntimeError saying why it cannot be."""
    if not _VENV:
        result = subprocess.run(['bash', os.path.join(TOOLS, 'setup.sh')],
                                capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            raise RuntimeError('upstream Trove cannot be installed: %s'
                               % (result.stderr.strip()[-500:]))
        _VENV.append(result.stdout.strip().splitlines()[-1])
    return _VENV[0]


def unavailable(test, reason):
    if base.IN_CI:
        test.fail(reason)
    test.skipTest(reason)


def throwaway_database(engine_name):
    """(url, drop) of a new empty database on the machine's server."""
    database = base._ServerDatabase(engine_name)
    return database.url.render_as_string(hide_password=False), database.drop


class UpstreamTrove(fixtures.Fixture):
    """Trove's schema on a throw-away database, and (with ``api=True``)
    Trove's trove-api on a free port in front of it."""

    def __init__(self, engine_name, api=True):
        super().__init__()
        self.engine_name = engine_name
        self.api = api

    def _setUp(self):
        self.venv = venv()
        self.url, drop = throwaway_database(self.engine_name)
        self.addCleanup(drop)
        self.dir = tempfile.mkdtemp(prefix='upstream-trove-')
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.port = server.free_port()
        self.conf_file = os.path.join(self.dir, 'trove.conf')
        with open(self.conf_file, 'w') as conf:
            conf.write(
                '[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = %d\n'
                'trove_api_workers = 1\napi_paste_config = %s\n'
                'log_dir = %s\nlog_file = trove.log\n'
                'transport_url = fake://\n'
                # Trove's rate limits would refuse a test's bursts.
                'http_get_rate = 100000\nhttp_post_rate = 100000\n'
                'http_put_rate = 100000\nhttp_delete_rate = 100000\n'
                'http_mgmt_post_rate = 100000\n\n'
                '[database]\nconnection = %s\n\n'
                '[oslo_messaging_notifications]\ndriver = noop\n'
                % (self.port, os.path.join(TOOLS, 'api-paste.ini'),
                   self.dir, self.url))
        self.manage('db_sync')
        if self.api:
            self._start()

    def _env(self):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(('OS_', 'TROVE_'))}
        env['PYTHONPATH'] = TOOLS
        env['PYTHONWARNINGS'] = 'ignore'
        return env

    def manage(self, *args, check=True):
        """Upstream's own trove-manage against this database."""
        result = subprocess.run(
            [os.path.join(self.venv, 'bin', 'trove-manage'),
             '--config-file', self.conf_file] + list(args),
            capture_output=True, text=True, timeout=300, env=self._env(),
            cwd=self.dir)
        if check and result.returncode != 0:
            raise RuntimeError('upstream trove-manage %s failed (%d): %s'
                               % (' '.join(args), result.returncode,
                                  result.stderr[-2000:]))
        return result

    def rules_file(self, manager):
        """Upstream's shipped validation-rules.json of ``manager``."""
        found = subprocess.run(
            [os.path.join(self.venv, 'bin', 'python'), '-c',
             'import os, trove; print(os.path.dirname(trove.__file__))'],
            capture_output=True, text=True, check=True, env=self._env())
        return os.path.join(found.stdout.strip(), 'templates', manager,
                            'validation-rules.json')

    def _start(self):
        self.log = open(os.path.join(self.dir, 'stderr.log'), 'w')
        self.addCleanup(self.log.close)
        self.process = subprocess.Popen(
            [os.path.join(self.venv, 'bin', 'trove-api'),
             '--config-file', self.conf_file],
            env=self._env(), cwd=self.dir, stdout=subprocess.DEVNULL,
            stderr=self.log)
        self.addCleanup(self._stop)
        self.base = 'http://127.0.0.1:%d' % self.port
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError('upstream trove-api exited: %s'
                                   % self.log_tail())
            try:
                with urllib.request.urlopen(self.base + '/', timeout=2):
                    return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError('upstream trove-api did not answer in 90 s: %s'
                           % self.log_tail())

    def log_tail(self):
        return server.log_tail(self.dir, ('stderr.log', 'trove.log'))

    def _stop(self):
        server.stop(self.process, grace=15)

    def request(self, method, path, body=None, token=None, project=PROJECT):
        """(status, JSON body) of one request to upstream's API."""
        return call(self.base + '/v1.0/' + project + path, method, body,
                    token)

    def engine(self):
        engine = sa.create_engine(self.url, poolclass=sa.pool.NullPool)
        self.addCleanup(engine.dispose)
        return engine


def call(url, method='GET', body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header('Content-Type', 'application/json')
    request.add_header('Accept', 'application/json')
    request.add_header('Connection', 'close')
    if token:
        request.add_header('X-Auth-Token', token)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read()
            return response.status, json.loads(text) if text else None
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            return error.code, json.loads(text)
        except ValueError:
            return error.code, text.decode(errors='replace')
