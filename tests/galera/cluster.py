"""The three-node MariaDB Galera cluster of tools/galera, shared by every
test of this package in one test process (stestr keeps the package in one
worker: .stestr.conf's group_regex).

The cluster lives in a directory of its own under /tmp, on ports of its own
(``TD_TEST_GALERA_PORT``, default 3321..3323; group communication, IST and
SST from ``TD_TEST_GALERA_GCOMM_PORT``, default 4671), so a cluster a
developer runs with tools/galera on the default ports is left alone. It is
started on first use and stopped at process exit. With CI=true a cluster
that cannot start fails the tests; elsewhere they are skipped with the
reason.
"""

import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import sqlalchemy as sa
from testtools import content

from tests.fixtures import base

REPO = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
TOOLS = os.path.join(REPO, 'tools', 'galera')
NODES = (1, 2, 3)
PORT = int(os.environ.get('TD_TEST_GALERA_PORT', '3321'))
GCOMM_PORT = int(os.environ.get('TD_TEST_GALERA_GCOMM_PORT', '4671'))
# What each node counts of the conflicts between nodes: writesets that
# failed certification here, and local transactions aborted by a
# replicated one (brute-force aborts).
CONFLICTS = ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')
# Reads that wait until the node has applied every writeset committed
# anywhere before they started (what the install guide asks for).
SYNC_WAIT = 1


class Cluster(object):
    """tools/galera's scripts on a directory and ports of our own."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='td-galera-', dir='/tmp')
        self.env = dict(os.environ, TROVE_GALERA_DIR=self.dir,
                        TROVE_GALERA_PORT=str(PORT),
                        TROVE_GALERA_GCOMM_PORT=str(GCOMM_PORT))
        self.start_seconds = None

    def run(self, script, *args, timeout=300):
        """Run tools/galera/SCRIPT; its output; RuntimeError on failure."""
        result = subprocess.run(
            [os.path.join(TOOLS, script)] + [str(a) for a in args],
            env=self.env, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError('tools/galera/%s %s failed (%d): %s%s' % (
                script, ' '.join(map(str, args)), result.returncode,
                result.stdout, result.stderr))
        return result.stdout

    def start(self):
        started = time.monotonic()
        self.run('start.sh')
        self.start_seconds = time.monotonic() - started

    def stop(self):
        try:
            self.run('stop.sh', timeout=120)
        finally:
            shutil.rmtree(self.dir, True)

    @staticmethod
    def port(node):
        return PORT + node - 1

    def url(self, node, database=''):
        return ('mysql+pymysql://root@127.0.0.1:%d/%s?charset=utf8mb4'
                % (self.port(node), database))

    def engine(self, node, database=''):
        """An engine on ``node`` whose reads see every earlier commit of
        the cluster (wsrep_sync_wait)."""
        return sa.create_engine(
            self.url(node, database), poolclass=sa.pool.NullPool,
            connect_args={'init_command': 'SET SESSION wsrep_sync_wait = %d'
                          % SYNC_WAIT, 'connect_timeout': 5})

    def status(self, node, name):
        engine = self.engine(node)
        try:
            with engine.connect() as connection:
                row = connection.execute(sa.text(
                    'SHOW GLOBAL STATUS LIKE :name'), {'name': name}).first()
        finally:
            engine.dispose()
        return row[1]

    def conflicts(self):
        """{node: {counter: value}} of the :data:`CONFLICTS` counters."""
        return {node: {name: int(self.status(node, name))
                       for name in CONFLICTS} for node in NODES}

    def pid(self, node):
        with open(os.path.join(self.dir, 'node%d' % node,
                               'mariadbd.pid')) as stream:
            return int(stream.read())

    def kill(self, node):
        """SIGKILL the node's mariadbd, as a crash would."""
        os.kill(self.pid(node), signal.SIGKILL)

    def rejoin(self, node):
        """Start a killed node on its data directory; seconds until it is
        Synced again."""
        started = time.monotonic()
        output = self.run('start.sh', node)
        return time.monotonic() - started, output

    def error_log(self, node):
        with open(os.path.join(self.dir, 'node%d' % node,
                               'error.log')) as stream:
            return stream.read()


def conflicts_between(before, after):
    """How many of each counter the cluster added: {counter: total}."""
    return {name: sum(after[n][name] - before[n][name] for n in NODES)
            for name in CONFLICTS}


def report(test, name, value):
    """Keep a measurement: attached to the test and printed on stderr
    (stestr shows it with the test's output)."""
    test.addDetail('galera ' + name, content.text_content(repr(value)))
    sys.stderr.write('galera measurement %s: %s\n' % (name, value))


_SHARED = {}


def shared(test):
    """The running cluster of this process (started on first use), or
    skip (fail in CI) with the reason it cannot run."""
    if 'failed' in _SHARED:
        _unavailable(test, _SHARED['failed'])
    if 'cluster' not in _SHARED:
        cluster = Cluster()
        atexit.register(cluster.stop)
        try:
            cluster.start()
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
            _SHARED['failed'] = str(error)[-3000:]
            _unavailable(test, _SHARED['failed'])
        _SHARED['cluster'] = cluster
        report(test, 'cluster_start_seconds', round(cluster.start_seconds, 1))
    return _SHARED['cluster']


def _unavailable(test, reason):
    message = 'Galera cluster could not start: %s' % reason
    if base.IN_CI:
        test.fail(message)
    test.skipTest(message)


def create_database(cluster):
    """A new empty database on the cluster (created through node 1): its
    name. It goes with the cluster's data directories."""
    name = 'td_galera_%s' % os.urandom(6).hex()
    admin = cluster.engine(1)
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(
                'CREATE DATABASE %s CHARACTER SET utf8mb4' % name))
    finally:
        admin.dispose()
    return name


def table_rows(engine):
    """Every row of every table of the database, sorted: what must be the
    same on each node."""
    state = {}
    with engine.connect() as connection:
        for name in sa.inspect(connection).get_table_names():
            rows = connection.exec_driver_sql(
                'SELECT * FROM `%s`' % name).all()
            state[name] = sorted(repr(tuple(row)) for row in rows)
    return state
