"""The suite's race stories (tests/functional/test_races.py, and
test_interleavings.py's default switching) across three API processes on
three Galera nodes, and rules loads through each node.

On Galera, ``SELECT ... FOR UPDATE`` locks only the local node: two
nodes' transactions on the same rows both proceed, and the one certified
second fails at COMMIT with a deadlock error (a certification conflict),
or a replicated writeset aborts a local transaction (a brute-force
abort). The service retries the whole operation (db_api.writer), so
each story must end exactly as it does on one server, no client sees a
500, and every node holds the same rows. The conflicts each story
produced are counted from the nodes' ``wsrep_local_cert_failures`` and
``wsrep_local_bf_aborts``."""

import os

from tests.fixtures import processes
from tests.fixtures import race_stories
from tests.fixtures import route_world
from tests.galera import cluster as galera
from tests.galera import nodes

# Rounds of PATCH default between two versions, each from two nodes.
SWITCH_ROUNDS = 8
# Writes through one node each followed by a read through another.
READS = 30


class TestGaleraRaces(race_stories.RaceStories, nodes.ThreeNodes):

    def test_races(self):
        stories = (self.duplicate_version_creates,
                   self.first_versions_of_a_new_datastore,
                   self.concurrent_rules_loads,
                   self.concurrent_group_updates,
                   self.delete_while_in_use,
                   self.datastore_delete_against_version_creates,
                   self.default_switching,
                   self.reads_through_another_node,
                   self.rules_loads_through_each_node)
        total = dict.fromkeys(galera.CONFLICTS, 0)
        for story in stories:
            before = self.cluster.conflicts()
            story()
            added = galera.conflicts_between(before,
                                             self.cluster.conflicts())
            self.measure(story.__name__, added)
            for name, count in added.items():
                total[name] += count
            self.assert_nodes_agree()
        self.measure('total', total)
        # The stories really raced across nodes.
        self.assertGreater(sum(total.values()), 0, self.measured)

    def default_switching(self):
        """Two versions made the default at once from two nodes, again
        and again: each PATCH is 202 and the datastore's default is one
        of them, active, the same on every node."""
        ids = {}
        for name in ('s1', 's2'):
            status, body = processes.call(
                self.services[0], 'POST', '/mgmt/datastore-versions',
                self.version_body(name, 'switching'))
            self.assertEqual(202, status, body)
            ids[name] = self.scalar(
                'SELECT id FROM datastore_versions WHERE name = :name',
                name=name)
        for attempt in range(SWITCH_ROUNDS):
            calls = [(lambda s=self.services[(attempt + i) % 3], v=v:
                      processes.call(s, 'PATCH',
                                      '/mgmt/datastore-versions/%s' % v,
                                      {'default': True}))
                     for i, v in enumerate(sorted(ids.values()) * 2)]
            results = processes.at_once(calls)
            self.assertEqual([202] * len(calls),
                             [status for status, _ in results], results)
            found = set()
            for engine in self.node_engines:
                with engine.connect() as connection:
                    found.add(connection.exec_driver_sql(
                        "SELECT default_version_id FROM datastores WHERE "
                        "name = 'switching'").scalar())
            self.assertEqual(1, len(found), found)
            self.assertIn(found.pop(), set(ids.values()))

    def rules_loads_through_each_node(self):
        """trove-manage's --prune rules loads through each node's
        configuration, one after another: each leaves exactly its file's
        rules, on every node."""
        # A version of its own: the groups of 5.7.29 hold values that a
        # --prune load of another file would refuse to remove.
        status, body = processes.call(
            self.services[0], 'POST', '/mgmt/datastore-versions',
            self.version_body('loaded', 'mysql'))
        self.assertEqual(202, status, body)
        files = [os.path.join(route_world.FILES, name) for name in
                 ('extensions.json', 'mysql-5.7.json', 'extensions.json')]
        for service, path in zip(self.services, files, strict=True):
            service.manage('db_load_datastore_config_parameters', 'mysql',
                           'loaded', path, '--prune')
            for engine in self.node_engines:
                with engine.connect() as connection:
                    names = {row[0] for row in connection.exec_driver_sql(
                        'SELECT r.name FROM '
                        'datastore_configuration_parameters r JOIN '
                        'datastore_versions v ON v.id = '
                        "r.datastore_version_id WHERE v.name = 'loaded'")}
                self.assertEqual(processes.file_names(path), names)

    def reads_through_another_node(self):
        """A client's read through another node right after its write
        sees the write (the services set wsrep_sync_wait)."""
        status, created = processes.call(
            self.services[0], 'POST', '/configurations', {'configuration': {
                'name': 'followed', 'values': {},
                'datastore': {'type': 'mysql', 'version': '5.7.29'}}})
        self.assertEqual(200, status, created)
        path = '/configurations/%s' % created['configuration']['id']
        for attempt in range(READS):
            writer = self.services[attempt % 3]
            reader = self.services[(attempt + 1) % 3]
            status, body = processes.call(writer, 'PATCH', path, {
                'configuration': {'values': {'wait_timeout': 100 + attempt}}})
            self.assertEqual(200, status, body)
            status, body = processes.call(reader, 'GET', path)
            self.assertEqual(200, status, body)
            self.assertEqual(100 + attempt,
                             body['configuration']['values']['wait_timeout'])
