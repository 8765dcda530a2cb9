"""Why the install guide asks for wsrep_sync_wait: Galera commits on
every node at once but applies a writeset on the other nodes a little
later, so a read on another node right after a commit can miss it.
Measured on the raw cluster (no API): a row updated on node 1 and read at
once on node 2, with and without wsrep_sync_wait."""

import sqlalchemy as sa

from tests.fixtures import base
from tests.galera import cluster as galera

UPDATES = 300


class TestSyncWait(base.TestCase):

    def setUp(self):
        super().setUp()
        self.cluster = galera.shared(self)
        self.database = galera.create_database(self.cluster)

    def stale_reads(self, sync_wait):
        """How many of UPDATES reads on node 2 missed the update just
        committed on node 1."""
        writer = sa.create_engine(self.cluster.url(1, self.database),
                                  isolation_level='AUTOCOMMIT')
        reader = sa.create_engine(
            self.cluster.url(2, self.database), isolation_level='AUTOCOMMIT',
            connect_args={'init_command': 'SET SESSION wsrep_sync_wait = %d'
                          % sync_wait})
        self.addCleanup(writer.dispose)
        self.addCleanup(reader.dispose)
        stale = 0
        with writer.connect() as write, reader.connect() as read:
            write.exec_driver_sql(
                'CREATE TABLE IF NOT EXISTS counter '
                '(id INT PRIMARY KEY, n INT)')
            write.exec_driver_sql('REPLACE INTO counter VALUES (1, 0)')
            for number in range(1, UPDATES + 1):
                write.exec_driver_sql(
                    'UPDATE counter SET n = %d WHERE id = 1' % number)
                seen = read.exec_driver_sql(
                    'SELECT n FROM counter WHERE id = 1').scalar()
                stale += seen != number
        return stale

    def test_reads_on_another_node(self):
        without = self.stale_reads(0)
        with_wait = self.stale_reads(galera.SYNC_WAIT)
        galera.report(self, 'TestSyncWait.stale_reads', {
            'without_sync_wait': without, 'with_sync_wait': with_wait,
            'of': UPDATES})
        self.assertEqual(0, with_wait)

