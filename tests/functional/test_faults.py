"""Faults injected into a running service: the database taken away and
given back under load, the image service hanging, failing or gone,
trove-manage killed in the middle of a rules load, and unexpected errors
inside a request. The service answers 503 while a dependency is away,
recovers without a restart, writes nothing half, and never shows a
traceback or SQL."""

import json
import os
import signal
import subprocess
import threading
import time
from unittest import mock

from oslo_db import exception as db_exc
import sqlalchemy as sa
import testscenarios

from trove_datastore.manager import datastores as datastores_manager
from tests.fixtures import base
from tests.fixtures import server
from tests.fixtures import api_base
from tests.fixtures import route_world
from tests.fixtures import tcp_proxy
from tests.fixtures import faults
from tests.fixtures.faults import SERVERS, FakeGlance
from tests.fixtures.faults import attach_log_on_failure, fault_of, version_body
from tests.fixtures import processes

load_tests = testscenarios.load_tests_apply_scenarios

class TestDatabaseOutage(base.TestCase):
    """The database vanishes behind a proxy while clients keep calling."""

    scenarios = SERVERS

    def test_outage_and_recovery(self):
        url = sa.engine.make_url(processes.database_url(self, self.engine))
        proxy = tcp_proxy.TcpProxy((url.host, url.port)).start()
        self.addCleanup(proxy.stop)
        proxied = url.set(host='127.0.0.1', port=proxy.port)
        service = self.useFixture(server.Service(
            database=proxied.render_as_string(hide_password=False),
            wsgi_server=True,
            extra_conf='[database]\nmax_retries = 0\n'))
        attach_log_on_failure(self, service)
        call = processes.call
        self.assertEqual(202, call(service, 'POST',
                                   '/mgmt/datastore-versions',
                                   version_body('5.7.29', 'mysql'))[0])

        # Clients write versions of new datastores (two inserts in one
        # transaction) and read lists while the database goes away.
        outcomes = []
        stop = threading.Event()

        def client(number):
            index = 0
            while not stop.is_set():
                name = 'ds%d-%d' % (number, index)
                status, document = call(service, 'POST',
                                        '/mgmt/datastore-versions',
                                        version_body('1.0', name))
                outcomes.append(('POST', name, status, document))
                status, document = call(service, 'GET', '/datastores')
                outcomes.append(('GET', None, status, document))
                index += 1

        threads = [threading.Thread(target=client, args=(n,))
                   for n in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(1.5)
        proxy.cut()
        time.sleep(3)
        during = call(service, 'GET', '/datastores')
        proxy.restore()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if call(service, 'GET', '/datastores')[0] == 200:
                break
            time.sleep(0.5)
        time.sleep(1)
        stop.set()
        for thread in threads:
            thread.join(120)

        self.assertEqual(503, during[0], during)
        self.assertEqual('serviceUnavailable',
                         fault_of(self, 503, during[1]))
        statuses = {status for _, _, status, _ in outcomes}
        self.assertLessEqual(statuses, {200, 202, 503}, outcomes)
        self.assertIn(503, statuses)
        for _, _, status, document in outcomes:
            if status >= 400:
                self.assertEqual('serviceUnavailable',
                                 fault_of(self, status, document))
        # Full service again, without restarting the API.
        self.assertEqual(200, call(service, 'GET', '/datastores')[0])
        self.assertEqual(202, call(service, 'POST',
                                   '/mgmt/datastore-versions',
                                   version_body('after', 'mysql'))[0])
        # Nothing half-written: every datastore has its version, and each
        # accepted write is there.
        db = sa.create_engine(url, poolclass=sa.pool.NullPool)
        self.addCleanup(db.dispose)
        with db.connect() as connection:
            bare = connection.execute(sa.text(
                'SELECT count(*) FROM datastores d WHERE NOT EXISTS '
                '(SELECT 1 FROM datastore_versions v '
                'WHERE v.datastore_id = d.id)')).scalar()
            names = set(connection.execute(sa.text(
                'SELECT name FROM datastores')).scalars())
        self.assertEqual(0, bare)
        accepted = {name for method, name, status, _ in outcomes
                    if method == 'POST' and status == 202}
        self.assertLessEqual(accepted, names)
        self.addDetail('outage', _text('%d requests: %s' % (
            len(outcomes), sorted(
                (s, sum(1 for o in outcomes if o[2] == s))
                for s in statuses))))


def _text(value):
    from testtools import content
    return content.text_content(value)


class TestImageServiceFaults(base.TestCase):
    """Glance hanging, failing or absent: bounded 503, nothing written."""

    scenarios = [('hang', {'mode': 'hang'}), ('error', {'mode': 'error'}),
                 ('closed', {'mode': 'closed'})]
    TIMEOUT = 2

    def test_bounded_503_nothing_written(self):
        glance = FakeGlance(self.mode)
        self.addCleanup(glance.stop)
        service = self.useFixture(server.Service(extra_conf=(
            '[image]\nsource = glance\n'
            'glance_endpoint = http://127.0.0.1:%d\n\n'
            '[service_credentials]\nauth_type = none\ntimeout = %d\n'
            % (glance.port, self.TIMEOUT))))
        attach_log_on_failure(self, service)
        # The fixture writes its own [image] section first; ours follows
        # and wins for the options it sets.
        for body in (version_body('5.7.29', 'mysql'),
                     {'version': dict(version_body('8.0', 'mysql')[
                         'version'], image=api_base.IMAGE_MYSQL_80)}):
            started = time.monotonic()
            status, document = processes.call(
                service, 'POST', '/mgmt/datastore-versions', body)
            elapsed = time.monotonic() - started
            self.assertEqual(503, status, document)
            self.assertEqual('serviceUnavailable',
                             fault_of(self, 503, document))
            self.assertLess(elapsed, self.TIMEOUT * 4 + 5)
        status, document = processes.call(service, 'GET',
                                           '/mgmt/datastore-versions')
        self.assertEqual((200, {'versions': []}), (status, document))
        db = sa.create_engine('sqlite:///%s/td.sqlite' % service.dir)
        self.addCleanup(db.dispose)
        with db.connect() as connection:
            for table in ('datastores', 'datastore_versions'):
                self.assertEqual(0, connection.execute(sa.text(
                    'SELECT count(*) FROM %s' % table)).scalar())


class TestManageKilled(base.TestCase):
    """SIGKILL while a rules load holds its transaction open leaves the
    previous rules whole."""

    scenarios = [('sqlite', {'engine': 'sqlite'})] + SERVERS
    RULES = 20000

    def test_killed_mid_load(self):
        url = None
        if self.engine != 'sqlite':
            url = processes.database_url(self, self.engine)
        service = self.useFixture(server.Service(database=url))
        url = sa.engine.make_url(
            url or 'sqlite:///%s/td.sqlite' % service.dir)
        status, _ = processes.call(service, 'POST',
                                    '/mgmt/datastore-versions',
                                    version_body('5.7.29', 'mysql'))
        self.assertEqual(202, status)
        previous = os.path.join(route_world.FILES, 'mysql-5.7.json')
        service.manage('db_load_datastore_config_parameters', 'mysql',
                       '5.7.29', previous)
        big = os.path.join(service.dir, 'big.json')
        with open(big, 'w') as stream:
            json.dump({'configuration-parameters': [
                {'name': 'generated_%05d' % i, 'restart_required': False,
                 'type': 'integer', 'min': 0, 'max': i + 1}
                for i in range(self.RULES)]}, stream)
        db = sa.create_engine(url, poolclass=sa.pool.NullPool)
        self.addCleanup(db.dispose)

        def rules():
            with db.connect() as connection:
                return sorted(connection.execute(sa.text(
                    'SELECT name, max_size FROM '
                    'datastore_configuration_parameters')).all())

        expected = rules()
        self.assertEqual(len(processes.file_names(previous)),
                         len(expected))
        killed = 0
        for _ in range(3):
            command = subprocess.Popen(
                [server.executable('trove-manage'), '--config-file',
                 service.conf_file, 'db_load_datastore_config_parameters',
                 'mysql', '5.7.29', big, '--prune'],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            while command.poll() is None and not self.writing(
                    db, url, len(expected)):
                time.sleep(0.005)
            command.send_signal(signal.SIGKILL)
            command.wait(60)
            found = rules()
            if found == expected:
                killed += 1
                continue
            # Killed after its commit: then all of it is there.
            self.assertEqual(self.RULES, len(found))
            service.manage('db_load_datastore_config_parameters',
                           'mysql', '5.7.29', previous, '--prune')
            self.assertEqual(expected, rules())
        self.assertGreater(killed, 0)
        self.addDetail('kills', _text('%d of 3 kills inside the load\'s '
                                      'transaction' % killed))

    @staticmethod
    def writing(db, url, baseline):
        """Whether a transaction other than ours is open on the
        database."""
        if url.get_backend_name() == 'sqlite':
            return any(os.path.exists(url.database + suffix)
                       for suffix in ('-journal', '-wal'))
        if url.get_backend_name() == 'postgresql':
            sql = ("SELECT count(*) FROM pg_stat_activity WHERE "
                   "datname = :db AND pid <> pg_backend_pid() AND "
                   "xact_start IS NOT NULL AND "
                   "query ILIKE '%datastore_configuration_parameters%'")
        else:
            # MariaDB: a dirty read sees the load's rows before its commit.
            sql = ('SELECT count(*) <> :baseline FROM '
                   'datastore_configuration_parameters')
            with db.connect().execution_options(
                    isolation_level='READ UNCOMMITTED') as connection:
                return bool(connection.execute(
                    sa.text(sql), {'baseline': baseline}).scalar())
        with db.connect() as connection:
            return connection.execute(sa.text(sql),
                                      {'db': url.database}).scalar() > 0


class TestUnexpectedErrors(api_base.ApiTestCase):
    """Errors nobody planned for: logged 500 with a request id, or 503
    for a lost database; never a traceback or SQL in the body."""

    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def test_database_error_is_a_clean_500(self):
        error = sa.exc.OperationalError(
            'SELECT secret FROM datastores WHERE host = "db01.internal"',
            {}, Exception('server at 127.0.0.1 says no'))
        with mock.patch.object(datastores_manager, 'list_datastores',
                               side_effect=error):
            response = self.get('/datastores')
        message = self.assertFault(response, 500, 'instanceFault')
        self.assertIn('req-', message)
        faults.assert_clean_fault(self, response)
        self.assertNotIn('db01', response.text)

    def test_lost_database_is_503(self):
        error = db_exc.DBConnectionError(Exception('gone'))
        with mock.patch.object(datastores_manager, 'list_datastores',
                               side_effect=error):
            response = self.get('/datastores')
        self.assertFault(response, 503, 'serviceUnavailable')
        faults.assert_clean_fault(self, response)

    def test_any_exception_is_a_clean_500(self):
        with mock.patch.object(datastores_manager, 'list_datastores',
                               side_effect=KeyError('internal-host:5432')):
            response = self.get('/datastores')
        self.assertFault(response, 500, 'instanceFault')
        self.assertNotIn('internal-host', response.text)
