"""trove-manage import_from_trove and publish_to_trove through each node
of the shared Galera cluster (tests/galera/nodes.py), against a real
upstream Trove 26 database (tests/fixtures/upstream_trove.py; its schema
made by Trove's own db_sync, its catalog by Trove's own trove-manage).

An import through one node, then again through the other two, then two at
once through two nodes after Trove changed: each run succeeds, every node
holds the same rows and each node's API process answers the same. A
publish through node 3 then leaves Trove's tables holding what ours do.
The Trove datastores have names of their own, as every test of the
package keeps to its own; the import only adds and changes, so the other
tests' rows stay as they were (and are published to Trove with ours)."""

import decimal
import os
import time

import sqlalchemy as sa

from tests.fixtures import processes
from tests.fixtures import upstream_trove
from tests.galera import cluster as galera
from tests.galera import nodes

GET_PATHS = ('/datastores', '/mgmt/datastore-versions')


def without_links(document):
    """``document`` without its links (they name the answering
    process's own port)."""
    if isinstance(document, dict):
        return {k: without_links(v) for k, v in document.items()
                if k != 'links'}
    if isinstance(document, (list, tuple)):
        return [without_links(v) for v in document]
    return document


class TestTroveInteropThroughEachNode(nodes.ThreeNodes):

    def setUp(self):
        super().setUp()
        started = time.monotonic()
        try:
            self.trove = self.useFixture(
                upstream_trove.UpstreamTrove('mysql', api=False))
        except Exception as error:  # noqa: B902 - reported whole
            upstream_trove.unavailable(
                self, 'upstream Trove cannot run: %s' % error)
        self.measure('upstream_setup_seconds',
                     round(time.monotonic() - started, 1))
        self.trove_db = self.trove.engine()
        self.name = 'interop-%s' % os.urandom(3).hex()

    def import_(self, node):
        return self.services[node - 1].manage(
            'import_from_trove', '--connection', self.trove.url,
            check=False)

    def assert_ran(self, result, *expected):
        self.assertEqual(0, result.returncode,
                         result.stdout + result.stderr)
        for text in expected:
            self.assertIn(text, result.stdout)

    def seed(self):
        """Trove's own trove-manage: a datastore, two versions, rules."""
        up = self.trove.manage
        rules = self.trove.rules_file('mysql')
        up('datastore_update', self.name, '')
        up('datastore_version_update', self.name, '8.0', 'mysql', '', '',
           '1', '--version', '8.0.36')
        up('datastore_version_update', self.name, '5.7', 'mysql', '',
           'mysql-server-5.7', '1', '--image-tags', 'trove,mysql')
        up('datastore_update', self.name, '8.0')
        up('db_load_datastore_config_parameters', self.name, '8.0', rules,
           '--version', '8.0.36')

    def test_import_and_publish_through_each_node(self):
        started = time.monotonic()
        self.seed()
        self.measure('trove_seed_seconds', round(time.monotonic() - started,
                                                 1))
        self.assert_ran(self.import_(1), 'Imported versions: 2 added')
        for node in (2, 3):
            self.assert_ran(self.import_(node),
                            'Nothing to change: already in step.')
        self.assert_same_answers()

        # Trove changes; two imports at once through two nodes.
        self.trove.manage('datastore_version_update', self.name, '9.0',
                          'mysql', '', '', '1', '--image-tags', 'trove')
        before = self.cluster.conflicts()
        results = processes.at_once([lambda: self.import_(1),
                                     lambda: self.import_(2)])
        self.measure('concurrent_import_conflicts', galera.conflicts_between(
            before, self.cluster.conflicts()))
        for result in results:
            self.assert_ran(result)
        self.assertEqual(
            1, sum('Imported versions: 1 added' in r.stdout
                   for r in results), [r.stdout for r in results])
        self.assertEqual({'8.0', '5.7', '9.0'}, set(self.scalars(
            'SELECT v.name FROM datastore_versions v JOIN datastores d ON '
            'd.id = v.datastore_id WHERE d.name = :name', name=self.name)))
        self.measure('rows_compared', self.assert_nodes_agree())
        self.assert_same_answers()

        self.assert_ran(self.services[2].manage(
            'publish_to_trove', '--connection', self.trove.url, check=False))
        # The node holds the other Galera tests' catalogs too; this
        # test's own datastore is what is compared.
        self.assertEqual(self.catalog(self.node_engines[2], self.name),
                         self.catalog(self.trove_db, self.name))
        self.assert_ran(self.services[0].manage(
            'publish_to_trove', '--connection', self.trove.url, check=False),
            'Nothing to change')
        self.measure('test_seconds', round(time.monotonic() - started, 1))

    def scalars(self, sql, **params):
        with self.node_engines[1].connect() as connection:
            return connection.execute(sa.text(sql), params).scalars().all()

    def assert_same_answers(self):
        """Each node's API process answers the same GETs alike."""
        for path in GET_PATHS:
            answers = [without_links(processes.call(s, 'GET', path))
                       for s in self.services]
            for node, answer in zip(galera.NODES, answers, strict=True):
                self.assertEqual(200, answer[0], answer)
                self.assertEqual(answers[0], answer,
                                 '%s differs on node %d' % (path, node))

    @staticmethod
    def catalog(engine, name):
        """The rows both schemas share of datastore ``name`` (its
        versions, rules and groups), in one comparable form."""
        versions = ('SELECT v.id FROM datastore_versions v JOIN datastores '
                    'd ON d.id = v.datastore_id WHERE d.name = :name')
        queries = {
            'datastores': 'SELECT id, name, default_version_id FROM '
                          'datastores WHERE name = :name',
            'versions': 'SELECT id, datastore_id, name, version, manager, '
                        'image_id, active FROM datastore_versions WHERE '
                        'id IN (%s)' % versions,
            'rules': 'SELECT datastore_version_id, name, data_type, '
                     'restart_required, min_size, max_size FROM '
                     'datastore_configuration_parameters WHERE '
                     'datastore_version_id IN (%s)' % versions,
            'groups': 'SELECT id, tenant_id, name, datastore_version_id '
                      'FROM configurations WHERE datastore_version_id IN '
                      '(%s)' % versions}
        found = {}
        with engine.connect() as connection:
            for key, sql in queries.items():
                found[key] = sorted(
                    tuple(_comparable(k, v) for k, v in row._mapping.items())
                    for row in connection.execute(sa.text(sql),
                                                  {'name': name}))
        return found


def _comparable(column, value):
    """Flags as booleans, bounds as numbers (Trove keeps '0' where this
    service writes '0.0'), empty strings as None."""
    if column in ('active', 'restart_required'):
        return bool(value)
    if column in ('min_size', 'max_size') and value is not None:
        return decimal.Decimal(value)
    return value or None
