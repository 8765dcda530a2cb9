"""A database that accepts connections and never answers: requests,
trove-manage and the health check give up within seconds, and the
service comes back on its own when the database does.

The database sits behind :class:`tcp_proxy.BlackHoleProxy` under a real
gunicorn worker, on MariaDB and on PostgreSQL."""

import time
import urllib.error
import urllib.request

import sqlalchemy as sa
import testscenarios

from tests.fixtures import base
from tests.fixtures import server
from tests.fixtures import tcp_proxy
from tests.fixtures import faults
from tests.fixtures import processes

load_tests = testscenarios.load_tests_apply_scenarios

CONNECT_TIMEOUT = 2
QUERY_TIMEOUT = 3
# The longest a request may take while the database is a black hole:
# the timeouts, and slack for a loaded test machine.
PROMPT = CONNECT_TIMEOUT + QUERY_TIMEOUT + 6


def timed(function, *args, **kwargs):
    started = time.monotonic()
    result = function(*args, **kwargs)
    return result, time.monotonic() - started


def health(service):
    """(status, body) of GET /healthcheck."""
    try:
        with urllib.request.urlopen(service.url + '/healthcheck',
                                    timeout=60) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class TestBlackHoleDatabase(base.TestCase):

    scenarios = faults.SERVERS

    def setUp(self):
        super().setUp()
        url = sa.engine.make_url(processes.database_url(self, self.engine))
        self.proxy = tcp_proxy.BlackHoleProxy((url.host, url.port)).start()
        self.addCleanup(self.proxy.stop)
        proxied = url.set(host='127.0.0.1', port=self.proxy.port)
        self.service = self.useFixture(server.Service(
            database=proxied.render_as_string(hide_password=False),
            wsgi_server=True,
            extra_conf='[database]\nconnect_timeout = %d\n'
                       'query_timeout = %d\n'
                       % (CONNECT_TIMEOUT, QUERY_TIMEOUT)))
        faults.attach_log_on_failure(self, self.service)

    def call(self, method, path, body=None):
        return timed(processes.call, self.service, method, path, body)

    def test_fresh_worker_answers_503_promptly(self):
        # The worker has not touched the database yet: its first request
        # meets the black hole.
        self.proxy.hold()
        (status, document), elapsed = self.call('GET', '/datastores')
        self.assertEqual(503, status, document)
        self.assertEqual('serviceUnavailable',
                         faults.fault_of(self, 503, document))
        self.assertLess(elapsed, PROMPT)
        (status, body), elapsed = timed(health, self.service)
        self.assertEqual(503, status, body)
        self.assertLess(elapsed, PROMPT)
        (status, _), elapsed = self.call(
            'POST', '/mgmt/datastore-versions',
            faults.version_body('5.7.29', 'mysql'))
        self.assertEqual(503, status)
        self.assertLess(elapsed, PROMPT)

        self.proxy.release()
        self.assert_recovers()

    def test_warm_worker_answers_503_promptly(self):
        # Connections are pooled, then the database stops answering on
        # them (and on any new one).
        for _ in range(3):
            self.assertEqual(200, self.call('GET', '/datastores')[0][0])
        self.assertEqual(200, health(self.service)[0])
        self.proxy.hold()
        for method, path, body in (
                ('GET', '/datastores', None),
                ('POST', '/mgmt/datastore-versions',
                 faults.version_body('5.7.29', 'mysql')),
                ('GET', '/mgmt/datastore-versions', None)):
            (status, document), elapsed = self.call(method, path, body)
            self.assertEqual(503, status, document)
            self.assertEqual('serviceUnavailable',
                             faults.fault_of(self, 503, document))
            self.assertLess(elapsed, PROMPT, '%s %s' % (method, path))
        # The health check notices within its cache time.
        time.sleep(2.5)
        (status, _), elapsed = timed(health, self.service)
        self.assertEqual(503, status)
        self.assertLess(elapsed, PROMPT)

        self.proxy.release()
        self.assert_recovers()

    def test_trove_manage_exits_1_promptly(self):
        # What the command costs with a database that answers: start-up
        # alone is seconds on a loaded machine, and is not the timeout.
        _, baseline = timed(self.service.manage, 'db_version', check=False)
        self.proxy.hold()
        result, elapsed = timed(self.service.manage, 'db_version',
                                check=False)
        self.assertEqual(1, result.returncode, result.stdout + result.stderr)
        self.assertLess(elapsed, baseline + PROMPT)
        # One line, no traceback.
        self.assertEqual(1, len(result.stderr.strip().splitlines()),
                         result.stderr)
        self.assertNotIn('Traceback', result.stderr)

    def assert_recovers(self):
        """200 again from the API and the health check, no restart."""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if (health(self.service)[0] == 200
                    and self.call('GET', '/datastores')[0][0] == 200):
                break
            time.sleep(0.5)
        self.assertEqual(200, health(self.service)[0])
        (status, document), _ = self.call('GET', '/datastores')
        self.assertEqual(200, status, document)
        self.assertIsNone(self.service.process.poll())

