"""The servers a benchmark run starts, and stops whatever happens.

- :func:`gunicorn`: this service under gunicorn, one gthread worker, with
  the bench's two probes (benchapp.py), from a given trove.conf;
- :func:`upstream_trove`: unmodified upstream ``trove-api`` 26 (installed
  by tools/upstream_trove/setup.sh) in one process on a database of its
  own schema, behind the noauth paste filter of tools/upstream_trove;
- :func:`keystone`: the real Keystone of tools/keystone_glance, in its own
  state directory and port so other users of the default stack are not
  disturbed.

Every server is started in its own session and stopped by signalling
that process group only.
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
HOST = '127.0.0.1'
UPSTREAM_TOOLS = os.path.join(REPO, 'tools', 'upstream_trove')
KEYSTONE_TOOLS = os.path.join(REPO, 'tools', 'keystone_glance')


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Server(object):
    """A started process group: host, port, pid (the tree's root)."""

    def __init__(self, name, process, port, log):
        self.name = name
        self.process = process
        self.pid = process.pid
        self.host = HOST
        self.port = port
        self.log = log

    def tail(self):
        """The end of its output, and of the log file its configuration
        names (``<name>.log`` beside the output)."""
        found = []
        for path in (self.log, self.log.replace('gunicorn-', '')):
            try:
                with open(path) as text:
                    found.append(text.read()[-2000:])
            except OSError:
                pass
        return '\n'.join(found)

    def wait_ready(self, path, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError('%s exited:\n%s' % (self.name,
                                                       self.tail()))
            try:
                with urllib.request.urlopen('http://%s:%d%s' % (
                        HOST, self.port, path), timeout=5):
                    return self
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError('%s did not answer in %d s:\n%s'
                           % (self.name, timeout, self.tail()))

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _spawn(name, command, env, log, cwd=REPO):
    with open(log, 'w') as out:
        return subprocess.Popen(command, env=env, stdout=out,
                                stderr=subprocess.STDOUT, cwd=cwd,
                                stdin=subprocess.DEVNULL,
                                start_new_session=True)


def gunicorn(conf_file, workdir, threads, name='gunicorn'):
    port = free_port()
    env = dict(os.environ, TROVE_CONFIG_FILE=conf_file,
               PYTHONPATH=os.pathsep.join(
                   [REPO] + [p for p in [os.environ.get('PYTHONPATH')] if p]))
    command = [sys.executable, '-m', 'gunicorn', '--workers', '1',
               '--worker-class', 'gthread', '--threads', str(threads),
               '--bind', '%s:%d' % (HOST, port), '--keep-alive', '30',
               '--timeout', '300', '--backlog', '256',
               '--log-level', 'warning', '--chdir', REPO,
               'tools.bench.benchapp:application']
    log = os.path.join(workdir, '%s.log' % name)
    server = Server(name, _spawn(name, command, env, log), port, log)
    return server.wait_ready('/__bench/stats', timeout=60)


def upstream_venv():
    result = subprocess.run(['bash', os.path.join(UPSTREAM_TOOLS,
                                                  'setup.sh')],
                            capture_output=True, text=True, timeout=1200)
    if result.returncode:
        raise RuntimeError('upstream Trove cannot be installed: %s'
                           % result.stderr.strip()[-500:])
    return result.stdout.strip().splitlines()[-1]


def _upstream_env():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('OS_', 'TROVE_'))}
    env.update(PYTHONPATH=UPSTREAM_TOOLS, PYTHONWARNINGS='ignore')
    return env


def upstream_conf(workdir, url, port):
    path = os.path.join(workdir, 'upstream-trove.conf')
    with open(path, 'w') as conf:
        conf.write(
            '[DEFAULT]\nbind_host = %s\nbind_port = %d\n'
            'trove_api_workers = 1\napi_paste_config = %s\n'
            'log_dir = %s\nlog_file = upstream-trove.log\n'
            'transport_url = fake://\n'
            # Trove's rate limits would refuse a benchmark's load.
            'http_get_rate = 10000000\nhttp_post_rate = 100000\n'
            'http_put_rate = 100000\nhttp_delete_rate = 100000\n'
            'http_mgmt_post_rate = 100000\n\n'
            '[database]\nconnection = %s\n\n'
            '[oslo_messaging_notifications]\ndriver = noop\n'
            % (HOST, port, os.path.join(UPSTREAM_TOOLS, 'api-paste.ini'),
               workdir, url))
    return path


def upstream_schema(venv, conf_file, workdir):
    """Upstream's own ``trove-manage db_sync``."""
    result = subprocess.run(
        [os.path.join(venv, 'bin', 'trove-manage'), '--config-file',
         conf_file, 'db_sync'], capture_output=True, text=True,
        timeout=300, env=_upstream_env(), cwd=workdir)
    if result.returncode:
        raise RuntimeError('upstream db_sync failed: %s'
                           % result.stderr[-2000:])


def upstream_trove(venv, conf_file, workdir, port):
    log = os.path.join(workdir, 'upstream-trove.stderr')
    process = _spawn('trove-api', [os.path.join(venv, 'bin', 'trove-api'),
                                   '--config-file', conf_file],
                     _upstream_env(), log, cwd=workdir)
    return Server('upstream trove-api', process, port, log).wait_ready('/')


class Keystone(object):
    """tools/keystone_glance's Keystone in ``stack_dir`` on ``port``."""

    def __init__(self, stack_dir, port):
        self.env = dict(os.environ, TROVE_E2E_STACK_DIR=stack_dir,
                        TROVE_E2E_KEYSTONE_PORT=str(port),
                        TROVE_E2E_GLANCE_PORT=str(port + 1))
        self.stack_dir = stack_dir

    def _tool(self, *command):
        result = subprocess.run(
            ['bash', os.path.join(KEYSTONE_TOOLS, command[0])]
            + list(command[1:]), env=self.env, capture_output=True,
            text=True, timeout=1200, stdin=subprocess.DEVNULL)
        if result.returncode:
            raise RuntimeError('%s failed: %s%s' % (
                ' '.join(command), result.stdout[-1500:],
                result.stderr[-1500:]))

    def start(self):
        self._tool('setup.sh')
        self._tool('start.sh', 'keystone')
        with open(os.path.join(self.stack_dir, 'stack.json')) as info:
            return json.load(info)

    def stop(self):
        self._tool('stop.sh', 'keystone')


def keystone_token(stack, user='admin'):
    """(token, project id) of ``user`` from Keystone's password login."""
    account = stack['users'][user]
    body = {'auth': {'identity': {'methods': ['password'], 'password': {
        'user': {'name': account['username'],
                 'password': account['password'],
                 'domain': {'name': stack['user_domain_name']}}}},
        'scope': {'project': {'name': account['project_name'],
                              'domain': {'name':
                                         stack['project_domain_name']}}}}}
    request = urllib.request.Request(
        stack['auth_url'].rstrip('/') + '/auth/tokens',
        data=json.dumps(body).encode(), method='POST',
        headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(request, timeout=30) as answer:
        token = answer.headers['X-Subject-Token']
        project = json.load(answer)['token']['project']['id']
    return token, project


def keystone_conf(stack, account='trove'):
    """[api] and [keystone_authtoken] for a service behind Keystone."""
    user = stack['users'][account]
    return ('[api]\nauth_strategy = keystone\n\n'
            '[keystone_authtoken]\nwww_authenticate_uri = %s\n'
            'auth_type = password\nauth_url = %s\nusername = %s\n'
            'password = %s\nproject_name = %s\nuser_domain_name = %s\n'
            'project_domain_name = %s\nregion_name = %s\n'
            % (stack['www_authenticate_uri'], stack['auth_url'],
               user['username'], user['password'], user['project_name'],
               stack['user_domain_name'], stack['project_domain_name'],
               stack['region_name']))
