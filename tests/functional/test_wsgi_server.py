"""The service under real HTTP servers: gunicorn with the configuration
module we ship, and the trove-datastore-api console script. What is
proven here is what only a real server shows: bodies streamed in chunks,
memory of the worker process, the server's own error pages and headers."""

import json
import os
import select
import socket
import subprocess
import time
import urllib.error
import urllib.request

import fixtures

from tests.fixtures import base
from tests.fixtures import server
from tests.fixtures import faults
from tests.fixtures.raw_http import read_response

MIB = 1024 * 1024
MEMBER = 'alice:%s:member' % server.PROJECT


def worker_pid(service):
    """The one gunicorn worker of ``service`` (the fixture runs one)."""
    deadline = time.monotonic() + 10
    path = '/proc/%d/task/%d/children' % (service.process.pid,
                                         service.process.pid)
    while time.monotonic() < deadline:
        with open(path) as stream:
            children = stream.read().split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise AssertionError('gunicorn started no worker')


def memory_kib(pid, field):
    """``VmRSS`` (now) or ``VmHWM`` (peak) of a process, in KiB."""
    with open('/proc/%d/status' % pid) as stream:
        for line in stream:
            if line.startswith(field + ':'):
                return int(line.split()[1])
    raise AssertionError('no %s for %d' % (field, pid))


def lazy_json_body(total):
    """A JSON document of about ``total`` bytes, produced a piece at a
    time so that the test itself never holds it."""
    yield b'{"configuration": {"name": "big", "values": {"v": "'
    piece = b'a' * (64 * 1024)
    sent = 0
    while sent < total:
        yield piece
        sent += len(piece)
    yield b'"}}}'


def stream_chunked(port, path, pieces, token=MEMBER):
    """POST ``pieces`` with Transfer-Encoding: chunked, stopping as soon
    as the server answers. (status, headers, body, bytes sent)."""
    sock = socket.create_connection(('127.0.0.1', port), timeout=30)
    try:
        sock.sendall(('POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n'
                      'Content-Type: application/json\r\n'
                      'X-Auth-Token: %s\r\n'
                      'Transfer-Encoding: chunked\r\n\r\n'
                      % (path, token)).encode())
        sent = 0
        pending = b''
        pieces = iter(pieces)
        finished = False
        while True:
            if not pending and not finished:
                piece = next(pieces, None)
                if piece is None:
                    pending = b'0\r\n\r\n'
                    finished = True
                else:
                    pending = b'%x\r\n%s\r\n' % (len(piece), piece)
            readable, writable, _ = select.select(
                [sock], [sock] if pending else [], [], 30)
            if readable:
                break
            if not writable:
                raise AssertionError('the server neither reads nor answers')
            count = sock.send(pending)
            pending = pending[count:]
            sent += count
        status, headers, body = read_response(sock)
        return status, headers, body, sent
    finally:
        sock.close()


class TestChunkedBodyLimit(base.TestCase):
    """A 150 MiB chunked upload is refused with 413 after the size limit,
    without the worker ever holding it."""

    def test_chunked_upload_refused_with_bounded_memory(self):
        service = self.useFixture(server.Service(wsgi_server=True))
        pid = worker_pid(service)
        path = '/v1.0/%s/configurations' % server.PROJECT
        # Warm the worker so its steady memory is the baseline.
        status, _, _, _ = stream_chunked(service.port, path,
                                         [b'{"configuration": {}}'])
        self.assertEqual(400, status)
        before = memory_kib(pid, 'VmHWM')

        status, headers, body, sent = stream_chunked(
            service.port, path, lazy_json_body(150 * MIB))

        grown = memory_kib(pid, 'VmHWM') - before
        self.assertEqual(413, status, body)
        self.assertEqual('application/json', headers['content-type'])
        fault = json.loads(body)
        self.assertEqual(413, fault['overLimit']['code'])
        # The answer came while most of the upload was still unsent, and
        # the worker's peak memory barely moved.
        self.assertLess(sent, 40 * MIB)
        self.assertLess(grown, 24 * 1024, 'worker peak RSS grew by %d KiB'
                        % grown)
        self.addDetail('upload', _text('sent %d bytes before the 413; '
                                       'worker peak RSS +%d KiB'
                                       % (sent, grown)))
        # The same worker still serves.
        status, _, _, _ = stream_chunked(
            service.port, path, [b'{"configuration": {"name": "x"}}'])
        self.assertNotEqual(413, status)
        self.assertEqual(pid, worker_pid(service))

    def test_chunked_body_within_limit_is_served(self):
        service = self.useFixture(server.Service(wsgi_server=True))
        path = '/v1.0/%s/configurations' % server.PROJECT
        document = json.dumps({'configuration': {
            'name': 'g', 'values': {}, 'datastore': {
                'type': 'nosuch'}}}).encode()
        status, _, body, _ = stream_chunked(
            service.port, path, [document[:10], document[10:]])
        # Parsed and validated (the datastore does not exist), not
        # refused as too large or empty.
        self.assertEqual(404, status, body)


def _text(value):
    from testtools import content
    return content.text_content(value)



class ConsoleScript(fixtures.Fixture):
    """trove-datastore-api with a trove.conf of our own (no database
    set up: these tests never reach it)."""

    def __init__(self, conf_text, command=None):
        super().__init__()
        self.conf_text = conf_text
        self.command = command

    def _setUp(self):
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.port = server.free_port()
        self.conf_file = os.path.join(self.dir, 'trove.conf')
        with open(self.conf_file, 'w') as stream:
            stream.write(self.conf_text.replace('{port}', str(self.port)))
        command = self.command or [server.executable('trove-datastore-api'),
                                   '--config-file', self.conf_file]
        self.process = subprocess.Popen(
            command, cwd=self.dir, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
            env=dict(os.environ, TROVE_CONFIG_FILE=self.conf_file))
        self.addCleanup(self._stop)

    def _stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process.stdout.close()
        self.process.stderr.close()

    def wait_answering(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError('exited: %s' % self.process.stderr.read())
            try:
                with socket.create_connection(('127.0.0.1', self.port), 1):
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError('not answering on port %d' % self.port)


def listening_addresses(port):
    """The IPv4 addresses listening on TCP ``port`` (from /proc)."""
    found = []
    with open('/proc/net/tcp') as stream:
        next(stream)
        for line in stream:
            fields = line.split()
            address, port_hex = fields[1].split(':')
            if int(port_hex, 16) == port and fields[3] == '0A':
                found.append(socket.inet_ntoa(
                    int(address, 16).to_bytes(4, 'little')))
    return found


# An in-memory database: named (every command needs one), never reached.
NOAUTH_CONF = ('[DEFAULT]\nbind_port = {port}\n\n'
               '[api]\nauth_strategy = noauth\n\n'
               '[database]\nconnection = sqlite://\n')


class TestConsoleScript(base.TestCase):

    def test_noauth_listens_on_loopback_unless_told(self):
        console = self.useFixture(ConsoleScript(NOAUTH_CONF))
        console.wait_answering()
        self.assertEqual(['127.0.0.1'], listening_addresses(console.port))

        told = self.useFixture(ConsoleScript(
            NOAUTH_CONF + '[DEFAULT]\nbind_host = 0.0.0.0\n'))
        told.wait_answering()
        self.assertEqual(['0.0.0.0'], listening_addresses(told.port))

    def test_server_header_is_neutral(self):
        console = self.useFixture(ConsoleScript(NOAUTH_CONF))
        console.wait_answering()
        for path in ('/', '/v1.0/p/no-such-route'):
            request = urllib.request.Request(
                'http://127.0.0.1:%d%s' % (console.port, path),
                headers={'Accept': 'application/json'})
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    headers = answer.headers
            except urllib.error.HTTPError as error:
                headers = error.headers
            self.assertEqual('trove-datastore', headers['Server'], path)

    def test_keystone_without_authtoken_refuses_to_start(self):
        conf = ('[DEFAULT]\nbind_host = 127.0.0.1\nbind_port = {port}\n\n'
                '[api]\nauth_strategy = keystone\n\n'
                '[database]\nconnection = sqlite://\n')
        for command in (None, 'gunicorn'):
            console = ConsoleScript(conf)
            if command:
                console.command = [
                    server.executable('gunicorn'), '--workers', '1',
                    '--bind', '127.0.0.1:%d' % server.free_port(),
                    'trove_datastore.wsgi.api:application']
            self.useFixture(console)
            code = console.process.wait(60)
            stderr = console.process.stderr.read()
            self.assertNotEqual(0, code, stderr)
            self.assertIn('[keystone_authtoken]', stderr)
            self.assertNotIn('Traceback', stderr)
            if not command:
                self.assertEqual(1, len(stderr.strip().splitlines()),
                                 stderr)

    def test_busy_port_is_one_line_naming_the_address(self):
        first = self.useFixture(ConsoleScript(NOAUTH_CONF))
        first.wait_answering()
        second = self.useFixture(ConsoleScript(
            NOAUTH_CONF.replace('{port}', str(first.port))))
        code = second.process.wait(60)
        stderr = second.process.stderr.read()
        self.assertEqual(1, code, stderr)
        self.assertEqual(['trove-datastore-api: cannot listen on '
                          '127.0.0.1:%d: Address already in use (see '
                          '[DEFAULT] bind_host and bind_port)'
                          % first.port],
                         [line for line in stderr.splitlines()
                          if 'WARNING' not in line and line.strip()])


def raw_exchange(port, data):
    """Send ``data`` as is; (status, headers, body) of the answer."""
    with socket.create_connection(('127.0.0.1', port), timeout=30) as sock:
        sock.sendall(data)
        return read_response(sock)


class TestGunicornErrorPages(base.TestCase):
    """What gunicorn answers by itself is in the fault shape with the
    configuration module we ship."""

    def start(self, *options, conf=NOAUTH_CONF):
        port = server.free_port()
        return port, self.useFixture(ConsoleScript(conf, command=[
            server.executable('gunicorn'), '-c',
            'python:trove_datastore.wsgi.gunicorn_conf',
            '--bind', '127.0.0.1:%d' % port] + list(options) + [
            'trove_datastore.wsgi.api:application']))

    def assert_fault(self, answer, status):
        code, headers, body = answer
        self.assertEqual(status, code, body)
        self.assertEqual('application/json', headers['content-type'])
        document = json.loads(body)
        self.assertEqual(1, len(document), document)
        (_, inner), = document.items()
        self.assertEqual(status, inner['code'])
        return inner['message']

    def test_limits_and_malformed_requests(self):
        port, console = self.start('--workers', '1')
        console.port = port
        console.wait_answering()
        message = self.assert_fault(raw_exchange(
            port, b'GET /' + b'a' * 5000 + b' HTTP/1.1\r\nHost: x\r\n\r\n'),
            414)
        self.assertNotIn('aaaa', message)
        headers = b''.join(b'X-H%d: v\r\n' % i for i in range(150))
        self.assert_fault(raw_exchange(
            port, b'GET / HTTP/1.1\r\nHost: x\r\n' + headers + b'\r\n'), 431)
        self.assert_fault(raw_exchange(
            port, b'GET / HTTP/1.1\r\nHost: x\r\nX-Big: '
            + b'b' * 10000 + b'\r\n\r\n'), 431)
        self.assert_fault(raw_exchange(port, b'NOT HTTP AT ALL\r\n\r\n'),
                          400)
        # Ordinary requests are the application's.
        status, headers, _ = raw_exchange(
            port, b'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
        self.assertEqual(200, status)

    def test_worker_timeout_is_a_json_503(self):
        glance = faults.FakeGlance('hang')
        self.addCleanup(glance.stop)
        conf = NOAUTH_CONF + (
            '\n[image]\nsource = glance\n'
            'glance_endpoint = http://127.0.0.1:%d\ntimeout = 60\n\n'
            '[service_credentials]\nauth_type = none\ntimeout = 60\n'
            % glance.port)
        port, console = self.start('--workers', '1', '--timeout', '3',
                                   conf=conf)
        console.port = port
        console.wait_answering()
        body = json.dumps(faults.version_body('1', 'mysql')).encode()
        started = time.monotonic()
        answer = raw_exchange(port, (
            'POST /v1.0/%s/mgmt/datastore-versions HTTP/1.1\r\nHost: x\r\n'
            'Content-Type: application/json\r\nContent-Length: %d\r\n\r\n'
            % (server.PROJECT, len(body))).encode() + body)
        elapsed = time.monotonic() - started
        self.addDetail('answer', _text('%r after %.1f s' % (answer, elapsed)))
        self.assert_fault(answer, 503)
        # Well before the image service's own 60 s timeout.
        self.assertLess(elapsed, 45)
