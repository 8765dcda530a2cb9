"""The suite's race stories (tests/functional/test_races.py and
test_interleavings.py) across three API processes on three Galera nodes.

On Galera, ``SELECT ... FOR UPDATE`` locks only the local node: two
nodes' transactions on the same rows both proceed, and the one certified
second fails at COMMIT with a deadlock error (a certification conflict),
or a replicated writeset aborts a local transaction (a brute-force
abort). The service retries the whole operation (db_api.writer), so
each story must end exactly as it does on one server, no client sees a
500, and every node holds the same rows. The conflicts each story
produced are counted from the nodes' ``wsrep_local_cert_failures`` and
``wsrep_local_bf_aborts``."""

from tests.fixtures import processes
from tests.functional import test_interleavings
from tests.functional import test_races
from tests.galera import cluster as galera
from tests.galera import nodes

# Rounds of PATCH default between two versions, each from two nodes.
SWITCH_ROUNDS = 8


class TestGaleraRaces(test_races.TestRaces, nodes.ThreeNodes):

    def test_races(self):
        stories = (self.duplicate_version_creates,
                   self.first_versions_of_a_new_datastore,
                   self.concurrent_rules_loads,
                   self.concurrent_group_updates,
                   self.delete_while_in_use,
                   self.datastore_delete_against_version_creates,
                   self.default_switching)
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

class TestGaleraInterleavings(test_interleavings.TestInterleavings,
                              nodes.ThreeNodes):

    def test_random_interleavings(self):
        before = self.cluster.conflicts()
        super().test_random_interleavings()
        self.measure('interleavings', galera.conflicts_between(
            before, self.cluster.conflicts()))
        self.assert_nodes_agree()
