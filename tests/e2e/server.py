"""The real service in a subprocess, and the real openstack CLI against it.

With CI=true anything missing (the CLI, a free port, the server starting)
fails the test instead of skipping it.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import fixtures

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)
PROJECT = 'e2eproject'


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def executable(name):
    path = os.path.join(BIN, name)
    if os.path.exists(path):
        return path
    found = shutil.which(name)
    if not found:
        raise RuntimeError('%s is not installed next to %s'
                           % (name, sys.executable))
    return found


def log_tail(directory, names):
    """The last few thousand characters of each named log in
    ``directory``, for a failure message."""
    text = ''
    for name in names:
        path = os.path.join(directory, name)
        if os.path.exists(path):
            with open(path) as log:
                text += log.read()[-3000:]
    return text


def stop(process, grace):
    """SIGTERM, then SIGKILL after ``grace`` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Service(fixtures.Fixture):
    """trove-datastore-api (or gunicorn) on a free loopback port, with its
    own trove.conf and SQLite database, stopped at cleanup."""

    def __init__(self, extra_conf='', database=None, wsgi_server=False,
                 env=None):
        super().__init__()
        self.extra_conf = extra_conf
        self.database = database
        self.wsgi_server = wsgi_server
        self.env = env or {}

    def _setUp(self):
        self.dir = tempfile.mkdtemp(prefix='td-e2e-')
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.port = free_port()
        self.conf_file = os.path.join(self.dir, 'trove.conf')
        database = self.database or 'sqlite:///%s/td.sqlite' % self.dir
        with open(self.conf_file, 'w') as conf:
            conf.write(
                '[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = %d\n'
                'log_file = %s/api.log\n\n'
                '[api]\nauth_strategy = noauth\n\n'
                '[database]\nconnection = %s\n\n'
                '[image]\nsource = file\ncatalog_file = %s\n\n%s\n'
                % (self.port, self.dir, database,
                   os.path.join(REPO, 'etc', 'trove', 'image-catalog.json'),
                   self.extra_conf))
        self.manage('db_sync')
        env = dict(os.environ, TROVE_CONFIG_FILE=self.conf_file, **self.env)
        if self.wsgi_server:
            command = [executable('gunicorn'), '--workers', '1',
                       '--threads', '4', '--bind',
                       '127.0.0.1:%d' % self.port,
                       'trove_datastore.wsgi.api:application']
        else:
            command = [executable('trove-datastore-api'),
                       '--config-file', self.conf_file]
        self.process = subprocess.Popen(
            command, env=env, cwd=self.dir, stdout=subprocess.DEVNULL,
            stderr=open(os.path.join(self.dir, 'stderr.log'), 'w'))
        self.addCleanup(self._stop)
        self.url = 'http://127.0.0.1:%d' % self.port
        self._wait()

    def _wait(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError('the API exited: %s' % self.log_tail())
            try:
                with urllib.request.urlopen(self.url + '/', timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError('the API did not answer in %ss' % timeout)

    def log_tail(self):
        return log_tail(self.dir, ('stderr.log', 'api.log'))

    def _stop(self):
        stop(self.process, grace=10)

    def manage(self, *args, check=True):
        result = subprocess.run(
            [executable('trove-manage'), '--config-file', self.conf_file]
            + list(args), capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise RuntimeError('trove-manage %s failed (%d): %s%s'
                               % (' '.join(args), result.returncode,
                                  result.stdout, result.stderr))
        return result

    def endpoint(self, project=PROJECT):
        return '%s/v1.0/%s' % (self.url, project)

    def openstack(self, *args, token=None, project=PROJECT, check=True):
        """Run the real openstack CLI; ``token`` None is an admin."""
        command = [executable('openstack')]
        if token is None:
            command += ['--os-auth-type', 'none']
        else:
            command += ['--os-auth-type', 'admin_token', '--os-token', token]
        command += ['--os-endpoint', self.endpoint(project)] + list(args)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith('OS_')}
        result = subprocess.run(command, capture_output=True, text=True,
                                timeout=120, env=env)
        if check and result.returncode != 0:
            raise AssertionError('openstack %s failed (%d): %s%s'
                                 % (' '.join(args), result.returncode,
                                    result.stdout, result.stderr))
        return result

    def openstack_json(self, *args, **kwargs):
        result = self.openstack(*(list(args) + ['-f', 'json']), **kwargs)
        return json.loads(result.stdout)
