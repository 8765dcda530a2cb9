"""Three gunicorn API processes, each on a different node of the shared
Galera cluster (tests/galera/cluster.py), on one database. Like the
cluster, they are started once per test process and shared by its tests
(starting three processes costs tens of seconds on a small machine);
the tests keep to datastores of their own names."""

import atexit
import concurrent.futures

from tests.fixtures import processes
from tests.fixtures import server
from tests.galera import cluster as galera

# What the install guide asks of a Galera deployment: reads wait for the
# writesets committed anywhere before them (oslo.db sets wsrep_sync_wait
# on each new connection).
SERVICE_CONF = '[database]\nmysql_wsrep_sync_wait = %d\n' % galera.SYNC_WAIT

_SHARED = {}


def _start(cluster):
    """The database and the three services: node 1's first (it creates
    the schema), then the other two together."""
    database = galera.create_database(cluster)
    services = [server.Service(database=cluster.url(node, database),
                               wsgi_server=True, extra_conf=SERVICE_CONF)
                for node in galera.NODES]
    services[0].setUp()
    atexit.register(services[0].cleanUp)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for service in pool.map(_set_up, services[1:]):
            atexit.register(service.cleanUp)
    return database, services


def _set_up(service):
    service.setUp()
    return service


class ThreeNodes(processes.TwoApiProcessesTestCase):
    """``self.services[i]`` is served from node i + 1; ``self.db`` reads
    node 1 and ``self.node_engines`` every node (all with
    wsrep_sync_wait). The suite's race stories run on it unchanged."""

    engine = 'mysql'

    def setUp(self):
        # Not TwoApiProcessesTestCase's set-up: that one is one server.
        super(processes.TwoApiProcessesTestCase, self).setUp()
        self.cluster = galera.shared(self)
        if 'services' not in _SHARED:
            _SHARED['database'], _SHARED['services'] = _start(self.cluster)
        self.database = _SHARED['database']
        self.services = _SHARED['services']
        self.node_engines = [self.cluster.engine(node, self.database)
                             for node in galera.NODES]
        for engine in self.node_engines:
            self.addCleanup(engine.dispose)
        self.db = self.node_engines[0]
        self.measured = {}

    def assert_nodes_agree(self):
        """Every node holds the same rows in every table: how many."""
        states = [galera.table_rows(e) for e in self.node_engines]
        for node, state in zip(galera.NODES[1:], states[1:], strict=True):
            self.assertEqual(states[0], state,
                             'node %d differs from node 1' % node)
        return sum(len(rows) for rows in states[0].values())

    def measure(self, name, value):
        """Keep a measurement for the report."""
        self.measured[name] = value
        galera.report(self, '%s.%s' % (type(self).__name__, name), value)
