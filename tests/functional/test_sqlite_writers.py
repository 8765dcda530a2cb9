"""The embedded default: the trove-datastore-api console script on SQLite
serves concurrent writers without a single "database is locked" 500."""

import os

from tests.fixtures import base
from tests.fixtures import server
from tests.fixtures import route_world
from tests.fixtures import processes

CLIENTS = 5
ROUNDS = 12


class _Client(object):
    """One project's member, with its own group."""

    def __init__(self, service, number):
        self.service = service
        self.project = 'project%d' % number
        self.token = 'user%d:%s:member' % (number, self.project)
        self.path = None

    def endpoint(self):
        return self.service.endpoint(self.project)

    def call(self, method, path, body=None):
        return processes.call(self, method, path, body, token=self.token)


class TestConcurrentWritersOnSqlite(base.TestCase):

    def setUp(self):
        super().setUp()
        self.service = self.useFixture(server.Service())
        status, _ = processes.call(
            self.service, 'POST', '/mgmt/datastore-versions',
            {'version': {'name': '5.7.29', 'datastore_name': 'mysql',
                         'datastore_manager': 'mysql', 'active': True,
                         'image_tags': ['trove', 'mysql']}})
        self.assertEqual(202, status)
        self.service.manage(
            'db_load_datastore_config_parameters', 'mysql', '5.7.29',
            os.path.join(route_world.FILES, 'mysql-5.7.json'))

    def create_group(self, client):
        status, created = client.call(
            'POST', '/configurations',
            {'configuration': {'name': 'own', 'values': {},
                               'datastore': {'type': 'mysql',
                                             'version': '5.7.29'}}})
        self.assertEqual(200, status, created)
        client.path = '/configurations/%s' % created['configuration']['id']

    def test_each_client_patches_its_own_group(self):
        clients = [_Client(self.service, i) for i in range(CLIENTS)]
        for client in clients:
            self.create_group(client)

        def patches(client):
            return [client.call('PATCH', client.path, {'configuration': {
                'values': {'wait_timeout': 100 + value}}})[0]
                for value in range(ROUNDS)]

        results = processes.at_once([
            (lambda c=client: patches(c)) for client in clients])
        statuses = [status for client in results for status in client]
        # Every write queues for SQLite's lock and then succeeds.
        self.assertEqual([200] * CLIENTS * ROUNDS, statuses,
                         self.service.log_tail())
        for client in clients:
            status, shown = client.call('GET', client.path)
            self.assertEqual({'wait_timeout': 100 + ROUNDS - 1},
                             shown['configuration']['values'])
