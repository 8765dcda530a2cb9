"""trove-datastore-api under load and signals, as an operator runs it:
the console script on the embedded SQLite default, migrated, on
loopback. These tests count failures; they time nothing."""

import concurrent.futures
import http.client
import json
import os
import signal
import socket
import sys
import time

from tests.fixtures import base
from tests.fixtures import server
from tests.fixtures import processes
from tests.fixtures import raw_http

KEEPALIVE_CLIENTS = 200
REQUESTS_EACH = 5
BURSTS = 3
BURST_WRITERS = 60
SERVER_CONF = '[api]\nworkers = 2\nthreads = 8\n'


def children(pid):
    with open('/proc/%d/task/%d/children' % (pid, pid)) as stream:
        return stream.read().split()


def wait_for(predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def keepalive_client(port, path):
    """REQUESTS_EACH GETs on one connection: the statuses, or the
    exception that ended the connection."""
    connection = http.client.HTTPConnection('127.0.0.1', port, timeout=120)
    statuses = []
    try:
        for _ in range(REQUESTS_EACH):
            connection.request('GET', path)
            answer = connection.getresponse()
            answer.read()
            statuses.append(answer.status)
            if answer.getheader('Connection', '').lower() == 'close':
                # Not a failure, but not keep-alive either: count it.
                statuses.append('closed')
                connection.close()
    except (OSError, http.client.HTTPException) as error:
        statuses.append(type(error).__name__)
    finally:
        connection.close()
    return statuses


class TestConsoleScriptUnderLoad(base.TestCase):

    def setUp(self):
        super().setUp()
        self.service = self.useFixture(server.Service(extra_conf=SERVER_CONF))

    def test_two_hundred_keepalive_clients(self):
        path = '/v1.0/%s/datastores' % server.PROJECT
        with concurrent.futures.ThreadPoolExecutor(KEEPALIVE_CLIENTS) as pool:
            results = list(pool.map(
                lambda _: keepalive_client(self.service.port, path),
                range(KEEPALIVE_CLIENTS)))
        statuses = [status for result in results for status in result]
        failures = [status for status in statuses if status != 200]
        self.assertEqual([], failures, self.service.log_tail())
        self.assertEqual(KEEPALIVE_CLIENTS * REQUESTS_EACH, len(statuses))

    def test_bursts_of_writes_on_new_connections(self):
        statuses = []
        for burst in range(BURSTS):
            statuses += processes.at_once([
                (lambda n=n, burst=burst: processes.call(
                    self.service, 'POST', '/mgmt/datastore-versions',
                    {'version': {
                        'name': '8.0.%d' % (burst * BURST_WRITERS + n),
                        'datastore_name': 'mysql',
                        'datastore_manager': 'mysql', 'active': True,
                        'image_tags': ['trove', 'mysql']}})[0])
                for n in range(BURST_WRITERS)])
        self.assertEqual([202] * BURSTS * BURST_WRITERS, statuses,
                         self.service.log_tail())
        status, versions = processes.call(
            self.service, 'GET', '/datastores/mysql/versions')
        self.assertEqual(BURSTS * BURST_WRITERS, len(versions['versions']))


class TestConsoleScriptSignals(base.TestCase):

    def setUp(self):
        super().setUp()
        self.service = self.useFixture(server.Service(extra_conf=SERVER_CONF))
        self.pid = self.service.process.pid

    def test_sigterm_lets_the_request_in_flight_finish(self):
        body = json.dumps({'version': {
            'name': '5.7.29', 'datastore_name': 'mysql',
            'datastore_manager': 'mysql', 'active': True,
            'image_tags': ['trove', 'mysql']}}).encode()
        sock = socket.create_connection(('127.0.0.1', self.service.port), 30)
        self.addCleanup(sock.close)
        sock.sendall(('POST /v1.0/%s/mgmt/datastore-versions HTTP/1.1\r\n'
                      'Host: 127.0.0.1\r\nContent-Type: application/json\r\n'
                      'Content-Length: %d\r\n\r\n'
                      % (server.PROJECT, len(body))).encode() + body[:20])
        # The worker has the request (headers read, body half sent) when
        # the service is told to stop.
        time.sleep(1)
        self.service.process.send_signal(signal.SIGTERM)
        time.sleep(1)
        self.assertIsNone(self.service.process.poll())
        sock.sendall(body[20:])
        status, _, answer = raw_http.read_response(sock)
        self.assertEqual(202, status, answer)
        self.assertEqual(0, self.service.process.wait(60))
        # No new connection is accepted any more.
        self.assertRaises(OSError, socket.create_connection,
                          ('127.0.0.1', self.service.port), 5)

    def test_sighup_reads_the_configuration_again(self):
        self.assertTrue(wait_for(lambda: len(children(self.pid)) == 2))
        before = set(children(self.pid))
        with open(self.service.conf_file, 'a') as conf:
            conf.write('\n[api]\nworkers = 3\n')
        os.kill(self.pid, signal.SIGHUP)
        self.assertTrue(wait_for(
            lambda: len(children(self.pid)) == 3
            and not before & set(children(self.pid))),
            children(self.pid))
        status, _ = processes.call(self.service, 'GET', '/datastores')
        self.assertEqual(200, status)


class TestFirstRequestsOfAWorker(base.TestCase):
    """The first requests of a threaded worker arrive together; each sees
    the policy rules registered (found by the 200 clients above: one of
    them once got "Policy context_is_admin has not been registered")."""

    def test_concurrent_first_policy_checks(self):
        from trove_datastore import policy
        credentials = {'roles': ['admin'], 'project_id': 'p'}
        # Switch threads as often as the interpreter can, so that one runs
        # while another is making the enforcer.
        self.addCleanup(sys.setswitchinterval, sys.getswitchinterval())
        sys.setswitchinterval(1e-6)
        for _ in range(60):
            policy.reset()
            results = processes.at_once(
                [lambda: policy.is_admin(credentials)] * 32)
            self.assertEqual([True] * 32, results)
