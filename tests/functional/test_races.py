"""Races across processes on MariaDB and PostgreSQL: two gunicorn API
processes on one database, many concurrent clients, and concurrent
trove-manage rules loads. Each race is bounded (at most 20 requests or
4 commands at once) and checked against the database afterwards."""

import os
import subprocess

import sqlalchemy as sa
import testscenarios

from tests.fixtures import server
from tests.fixtures.processes import (
    TwoApiProcessesTestCase, at_once, call, file_names)
from tests.fixtures import route_world

load_tests = testscenarios.load_tests_apply_scenarios

CLIENTS = 20

# Integer parameters of mysql-5.7.json with the value each request sets.
KEYS = {
    'auto_increment_increment': 7, 'innodb_ft_max_token_size': 20,
    'wait_timeout': 300, 'max_allowed_packet': 4096,
    'max_connections': 150, 'max_user_connections': 10,
    'myisam_max_sort_file_size': 100, 'performance_schema_max_table_'
    'instances': 50, 'innodb_buffer_pool_size': 6291456,
}
PUT_KEYS = ('auto_increment_increment', 'innodb_ft_max_token_size',
            'wait_timeout')


class TestRaces(TwoApiProcessesTestCase):

    def scalar(self, sql, **params):
        with self.db.connect() as connection:
            return connection.execute(sa.text(sql), params).scalar()

    def spread(self, method, path, bodies):
        """One request per body, round robin over the API processes,
        all released at once: the statuses."""
        count = len(self.services)
        calls = [(lambda s=self.services[i % count], b=b:
                  call(s, method, path, b))
                 for i, b in enumerate(bodies)]
        return [status for status, _ in at_once(calls)]

    def version_body(self, name, datastore):
        return {'version': {
            'name': name, 'datastore_name': datastore,
            'datastore_manager': 'mysql', 'active': True,
            'image_tags': ['trove', 'mysql']}}

    def test_races(self):
        self.duplicate_version_creates()
        self.first_versions_of_a_new_datastore()
        self.concurrent_rules_loads()
        self.concurrent_group_updates()
        self.delete_while_in_use()
        self.datastore_delete_against_version_creates()

    def duplicate_version_creates(self):
        statuses = self.spread('POST', '/mgmt/datastore-versions',
                               [self.version_body('5.7.29', 'mysql')]
                               * CLIENTS)
        self.assertEqual([202] + [409] * (CLIENTS - 1), sorted(statuses))
        self.assertEqual(1, self.scalar(
            "SELECT count(*) FROM datastore_versions WHERE name = '5.7.29'"))
        self.assertEqual(1, self.scalar(
            "SELECT count(*) FROM datastores WHERE name = 'mysql'"))

    def first_versions_of_a_new_datastore(self):
        statuses = self.spread('POST', '/mgmt/datastore-versions', [
            self.version_body('v%d' % i, 'fresh') for i in range(CLIENTS)])
        self.assertEqual([202] * CLIENTS, statuses)
        self.assertEqual(1, self.scalar(
            "SELECT count(*) FROM datastores WHERE name = 'fresh'"))
        self.assertEqual(CLIENTS, self.scalar(
            'SELECT count(*) FROM datastore_versions v JOIN datastores d '
            "ON d.id = v.datastore_id WHERE d.name = 'fresh'"))

    def concurrent_rules_loads(self):
        files = [os.path.join(route_world.FILES, name) for name in
                 ('mysql-5.7.json', 'extensions.json') * 2]
        service = self.services[0]
        # Each command through another API process's configuration.
        commands = [subprocess.Popen(
            [server.executable('trove-manage'), '--config-file',
             self.services[i % len(self.services)].conf_file,
             'db_load_datastore_config_parameters',
             'mysql', '5.7.29', path, '--prune'],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for i, path in enumerate(files)]
        outcomes = []
        for command in commands:
            out, err = command.communicate(timeout=300)
            outcomes.append((command.returncode, out + err))
        # A load either applies whole or reports a clean error.
        for code, text in outcomes:
            self.assertIn(code, (0, 1), text)
            self.assertNotIn('Traceback', text)
        self.assertIn(0, [code for code, _ in outcomes], outcomes)
        names = set(self.scalar_list(
            'SELECT r.name FROM datastore_configuration_parameters r '
            'JOIN datastore_versions v ON v.id = r.datastore_version_id '
            "WHERE v.name = '5.7.29'"))
        expected = [file_names(path) for path in files[:2]]
        # Exactly one file's rules: the last load to commit.
        self.assertIn(names, expected)
        # Leave the full mysql rules for the groups.
        service.manage('db_load_datastore_config_parameters', 'mysql',
                       '5.7.29', files[0], '--prune')

    def scalar_list(self, sql):
        with self.db.connect() as connection:
            return [row[0] for row in connection.execute(sa.text(sql))]

    def concurrent_group_updates(self):
        status, created = call(self.services[0], 'POST', '/configurations',
                               {'configuration': {
                                   'name': 'raced', 'values': {},
                                   'datastore': {'type': 'mysql',
                                                 'version': '5.7.29'}}})
        self.assertEqual(200, status, created)
        path = '/configurations/%s' % created['configuration']['id']
        for _ in range(2):
            calls = []
            count = len(self.services)
            for i, (key, value) in enumerate(sorted(KEYS.items())):
                method = 'PUT' if key in PUT_KEYS else 'PATCH'
                calls.append(lambda s=self.services[i % count], m=method,
                             k=key, v=value: call(
                                 s, m, path, {'configuration': {
                                     'values': {k: v}}}))
            statuses = [status for status, _ in at_once(calls)]
            self.assertEqual(
                sorted([202] * len(PUT_KEYS)
                       + [200] * (len(KEYS) - len(PUT_KEYS))),
                sorted(statuses))
            status, shown = call(self.services[1], 'GET', path)
            values = shown['configuration']['values']
            # Some serial order: the last PUT's key, and any PATCH keys
            # that came after it, each with the value sent.
            self.assertEqual(1, len(set(values) & set(PUT_KEYS)), values)
            for key, value in values.items():
                self.assertEqual(KEYS[key], value, values)

    def delete_while_in_use(self):
        status, _ = call(self.services[0], 'POST',
                         '/mgmt/datastore-versions',
                         self.version_body('doomed', 'mysql'))
        self.assertEqual(202, status)
        version_id = self.scalar(
            "SELECT id FROM datastore_versions WHERE name = 'doomed'")
        group = {'configuration': {'name': 'late', 'values': {},
                                   'datastore': {'type': 'mysql',
                                                 'version': 'doomed'}}}
        count = len(self.services)
        calls = [lambda s=self.services[i % count]: call(
            s, 'POST', '/configurations', group) for i in range(CLIENTS - 1)]
        calls.insert(CLIENTS // 2, lambda: call(
            self.services[1], 'DELETE',
            '/mgmt/datastore-versions/%s' % version_id))
        results = at_once(calls)
        deleted = results[CLIENTS // 2][0]
        creates = [status for i, (status, _) in enumerate(results)
                   if i != CLIENTS // 2]
        self.assertIn(deleted, (202, 409), results)
        for status in creates:
            self.assertIn(status, (200, 400, 404), results)
        orphans = self.scalar(
            'SELECT count(*) FROM configurations c LEFT JOIN '
            'datastore_versions v ON v.id = c.datastore_version_id '
            'WHERE v.id IS NULL')
        self.assertEqual(0, orphans)
        remaining = self.scalar(
            'SELECT count(*) FROM datastore_versions WHERE id = :id',
            id=version_id)
        groups = self.scalar(
            "SELECT count(*) FROM configurations WHERE name = 'late'")
        self.assertEqual(creates.count(200), groups)
        if deleted == 202:
            self.assertEqual(0, remaining)
            self.assertEqual(0, groups)
        else:
            self.assertEqual(1, remaining)
            self.assertGreater(groups, 0)

    def datastore_delete_against_version_creates(self):
        """Deleting an empty datastore while versions are created in it:
        both take turns on the datastore row, so each call is 202, 404 or
        409 (never a foreign-key 500) and every version created stays."""
        for attempt in range(3):
            name = 'contested%d' % attempt
            status, _ = call(self.services[0], 'POST',
                             '/mgmt/datastore-versions',
                             self.version_body('scaffold', name))
            self.assertEqual(202, status)
            status, _ = call(self.services[0], 'DELETE',
                             '/mgmt/datastore-versions/%s' % self.scalar(
                                 "SELECT id FROM datastore_versions WHERE "
                                 "name = 'scaffold'"))
            self.assertEqual(202, status)
            calls = []
            for i in range(CLIENTS // 2):
                service = self.services[i % len(self.services)]
                calls.append(lambda s=service, n=name: call(
                    s, 'DELETE', '/datastores/%s' % n))
                calls.append(lambda s=service, i=i, n=name: call(
                    s, 'POST', '/mgmt/datastore-versions',
                    self.version_body('c%d' % i, n)))
            results = at_once(calls)
            deletes = [status for status, _ in results[0::2]]
            creates = [status for status, _ in results[1::2]]
            for status in deletes:
                self.assertIn(status, (202, 404, 409), results)
            self.assertEqual([202] * len(creates), creates, results)
            self.assertEqual(len(creates), self.scalar(
                'SELECT count(*) FROM datastore_versions v JOIN datastores '
                'd ON d.id = v.datastore_id WHERE d.name = :name',
                name=name))
