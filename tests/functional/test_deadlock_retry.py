"""Every write survives a deadlock, as on Galera with writers on several
nodes: on a real MariaDB, the first transaction of each write path is made
to lose a real deadlock (it and another connection lock two rows in
opposite order; the server rolls back the lighter, ours), and the call
still succeeds, once."""

import threading
import time

import sqlalchemy as sa
from sqlalchemy import event
import testscenarios

from tests.fixtures import api_base
from tests.fixtures import parameter_rules
from trove_datastore import context as td_context
from trove_datastore.manager import parameters as parameters_manager
from trove_datastore import rules

load_tests = testscenarios.load_tests_apply_scenarios

MGMT = '/mgmt/datastore-versions'
HEAVY_ROWS = 50


class DeadlockInjector(object):
    """On the next statement that writes or locks, our transaction and a
    second connection take probe rows 1 and 2 in opposite order."""

    def __init__(self, engine, url):
        self.engine = engine
        self.other = sa.create_engine(url, poolclass=sa.pool.NullPool)
        self.armed = False
        self.deadlocks = 0
        self.ours_has_row_1 = threading.Event()
        event.listen(engine, 'before_cursor_execute', self.before)

    def setup_tables(self):
        with self.other.begin() as connection:
            connection.exec_driver_sql(
                'CREATE TABLE IF NOT EXISTS deadlock_probe '
                '(id INT PRIMARY KEY, v INT) ENGINE=InnoDB')
            connection.exec_driver_sql('DELETE FROM deadlock_probe')
            connection.exec_driver_sql(
                'INSERT INTO deadlock_probe VALUES %s' % ', '.join(
                    '(%d, 0)' % n for n in range(1, HEAVY_ROWS + 3)))

    def drop_tables(self):
        with self.other.begin() as connection:
            connection.exec_driver_sql('DROP TABLE IF EXISTS deadlock_probe')
        self.other.dispose()
        event.remove(self.engine, 'before_cursor_execute', self.before)

    def before(self, connection, cursor, statement, parameters, context,
               executemany):
        text = statement.lstrip().upper()
        if not self.armed or not (
                text.startswith(('INSERT', 'UPDATE', 'DELETE'))
                or 'FOR UPDATE' in text):
            return
        self.armed = False
        cursor.execute('SELECT v FROM deadlock_probe WHERE id = 1 '
                       'FOR UPDATE')
        self.ours_has_row_1.set()
        try:
            # Blocks on the other connection, which then asks for row 1.
            cursor.execute('SELECT v FROM deadlock_probe WHERE id = 2 '
                           'FOR UPDATE')
        except Exception as error:
            if '1213' in str(error) or 'Deadlock' in str(error):
                self.deadlocks += 1
            raise

    def _other_side(self, done):
        with self.other.connect() as connection:
            transaction = connection.begin()
            # Heavier than ours: many changed rows, so the server chooses
            # our transaction as the one to roll back.
            connection.exec_driver_sql(
                'UPDATE deadlock_probe SET v = v + 1 WHERE id > 2')
            connection.exec_driver_sql(
                'SELECT v FROM deadlock_probe WHERE id = 2 FOR UPDATE')
            done.set()
            if self.ours_has_row_1.wait(60):
                time.sleep(0.2)
                connection.exec_driver_sql(
                    'SELECT v FROM deadlock_probe WHERE id = 1 FOR UPDATE')
            transaction.rollback()

    def during(self, call):
        """Run ``call`` with its first write transaction deadlocked."""
        self.ours_has_row_1.clear()
        holding = threading.Event()
        other = threading.Thread(target=self._other_side, args=(holding,))
        other.start()
        holding.wait(60)
        self.armed = True
        try:
            return call()
        finally:
            self.armed = False
            self.ours_has_row_1.set()
            other.join(60)


class TestEveryWriteRetriesDeadlocks(api_base.ApiTestCase):

    scenarios = [('mysql', {'engine': 'mysql'})]

    def setUp(self):
        super().setUp()
        self.injector = DeadlockInjector(self.db.engine, self.db.url)
        self.injector.setup_tables()
        self.addCleanup(self.injector.drop_tables)

    def assertSurvives(self, status, call):
        before = self.injector.deadlocks
        response = self.injector.during(call)
        self.assertEqual(before + 1, self.injector.deadlocks,
                         'no deadlock was forced')
        self.assertEqual(status, response.status_int, response.text)
        return response

    def test_version_writes(self):
        self.assertSurvives(202, lambda: self.post(MGMT, {'version': {
            'name': '5.7.29', 'datastore_name': 'mysql',
            'datastore_manager': 'mysql', 'active': True,
            'image_tags': ['trove', 'mysql']}}))
        url = '%s/%s' % (MGMT, self.version_id('5.7.29'))
        self.assertSurvives(202, lambda: self.patch(url, {'packages': ['x']}))
        self.assertEqual(['x'], self.get(url).json['version']['packages'])
        self.assertSurvives(202, lambda: self.delete(url))
        self.assertSurvives(202, lambda: self.delete('/datastores/mysql'))
        self.assertEqual([], self.get('/datastores').json['datastores'])

    def test_parameter_writes(self):
        self.create_version()
        mgmt = ('/mgmt/datastores/versions/%s/parameters'
                % self.version_id('5.7.29'))
        body = {'name': 'max_connections', 'data_type': 'integer',
                'restart_required': 0, 'max_size': '100000',
                'min_size': '0'}
        self.assertSurvives(200, lambda: self.post(
            mgmt, {'configuration-parameter': body}))
        self.assertSurvives(200, lambda: self.put(
            mgmt + '/max_connections', {'configuration-parameter': dict(
                body, max_size='200000')}))
        self.assertSurvives(204, lambda: self.delete(
            mgmt + '/max_connections'))

    def test_configuration_writes(self):
        self.create_version()
        parameter_rules.load([parameter_rules.entry(
            'max_connections', min=1, max=100000)])
        created = self.assertSurvives(200, lambda: self.post(
            '/configurations', {'configuration': {
                'name': 'g', 'values': {'max_connections': 10},
                'datastore': {'type': 'mysql', 'version': '5.7.29'}}}))
        path = '/configurations/%s' % created.json['configuration']['id']
        self.assertSurvives(202, lambda: self.put(path, {'configuration': {
            'values': {'max_connections': 20}}}))
        self.assertSurvives(200, lambda: self.patch(path, {'configuration': {
            'values': {'max_connections': 30}}}))
        self.assertEqual({'max_connections': 30},
                         self.get(path).json['configuration']['values'])
        self.assertSurvives(202, lambda: self.delete(path))

    def test_rules_load_and_removal(self):
        self.create_version()
        context = td_context.get_admin_context()
        parsed = rules.parse_document({'configuration-parameters': [
            parameter_rules.entry('max_connections', min=1, max=100000)]})

        class Done(object):
            status_int = 0
            text = ''

        def load():
            parameters_manager.load_rules(context, 'mysql', '5.7.29',
                                          parsed)
            Done.status_int = 200
            return Done
        self.assertSurvives(200, load)

        def remove():
            parameters_manager.remove_rules(context, 'mysql', '5.7.29')
            Done.status_int = 204
            return Done
        self.assertSurvives(204, remove)
