"""Three gunicorn API processes, each on a different node of the shared
Galera cluster (tests/galera/cluster.py), on a new database."""

from tests.fixtures import server
from tests.fixtures import processes
from tests.galera import cluster as galera

# What the install guide asks of a Galera deployment: reads wait for the
# writesets committed anywhere before them (oslo.db sets wsrep_sync_wait
# on each new connection).
SERVICE_CONF = '[database]\nmysql_wsrep_sync_wait = %d\n' % galera.SYNC_WAIT


class ThreeNodes(processes.TwoApiProcessesTestCase):
    """``self.services[i]`` is served from node i + 1; ``self.db`` reads
    node 1 and ``self.node_engines`` every node (all with
    wsrep_sync_wait). The suite's race stories run on it unchanged."""

    engine = 'mysql'

    def setUp(self):
        # Not TwoApiProcessesTestCase's set-up: that one is one server.
        super(processes.TwoApiProcessesTestCase, self).setUp()
        self.cluster = galera.shared(self)
        self.database = galera.new_database(self, self.cluster)
        self.services = [
            self.useFixture(server.Service(
                database=self.cluster.url(node, self.database),
                wsgi_server=True, extra_conf=SERVICE_CONF))
            for node in galera.NODES]
        self.node_engines = [self.cluster.engine(node, self.database)
                             for node in galera.NODES]
        for engine in self.node_engines:
            self.addCleanup(engine.dispose)
        self.db = self.node_engines[0]
        self.measured = {}

    def assert_nodes_agree(self):
        """Every node holds the same rows in every table."""
        states = [galera.table_rows(e) for e in self.node_engines]
        for node, state in zip(galera.NODES[1:], states[1:], strict=True):
            self.assertEqual(states[0], state,
                             'node %d differs from node 1' % node)
        return sum(len(rows) for rows in states[0].values())

    def measure(self, name, value):
        """Keep a measurement for the report."""
        self.measured[name] = value
        galera.report(self, '%s.%s' % (type(self).__name__, name), value)
