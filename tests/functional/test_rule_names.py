"""One rule per case-folded name per datastore version, on every engine,
whatever path writes the rules and however writers interleave."""

import json
import os
import uuid

from oslo_db import exception as db_exc
import sqlalchemy as sa
import testscenarios

from trove_datastore import context as td_context
from trove_datastore.db import api as db_api
from trove_datastore.db import models
from trove_datastore import exception
from tests.fixtures import base
from tests.fixtures import server
from tests.fixtures import manage_cli
from tests.fixtures import parameter_rules
from tests.fixtures import processes

load_tests = testscenarios.load_tests_apply_scenarios

entry = parameter_rules.entry


def rule_body(name):
    return {'configuration-parameter': {
        'name': name, 'data_type': 'integer', 'restart_required': False}}


class TestOneRulePerFoldedName(parameter_rules.ParametersTestCase):

    def names(self):
        with self.db.engine.connect() as connection:
            return sorted(connection.execute(sa.select(
                models.ConfigurationRule.name)).scalars())

    def test_a_load_after_an_api_create_is_refused(self):
        response = self.post(self.mgmt, rule_body('wait_timeout'))
        self.assertEqual(200, response.status_int, response.text)
        error = self.assertRaises(
            exception.ConfigurationParameterCaseClash, parameter_rules.load,
            [entry('Wait_Timeout'), entry('max_connections')])
        self.assertIn('Wait_Timeout (the version has wait_timeout)',
                      str(error))
        # Nothing of the file was written.
        self.assertEqual(['wait_timeout'], self.names())

    def test_a_load_may_update_a_rule_of_the_same_spelling(self):
        self.post(self.mgmt, rule_body('wait_timeout'))
        summary = parameter_rules.load([entry('wait_timeout', max=10)])
        self.assertEqual(['wait_timeout'], summary.updated)

    def test_non_ascii_case_variants_conflict_on_every_engine(self):
        # SQLite's lower() folds ASCII only: SQL folding let both in there.
        self.assertEqual(200, self.post(
            self.mgmt, rule_body('\u00c9v\u00e9nements')).status_int)
        self.assertFault(self.post(self.mgmt, rule_body(
            '\u00e9v\u00e9nements')), 409, 'conflictingRequest')
        self.assertEqual(['\u00c9v\u00e9nements'], self.names())
        shown = self.get(self.mgmt + '/%C3%A9v%C3%A9nements')
        self.assertEqual('\u00c9v\u00e9nements', shown.json['name'])

    def test_the_database_refuses_a_second_spelling(self):
        # Whatever path writes, and whatever it checked before.
        self.post(self.mgmt, rule_body('wait_timeout'))
        insert = sa.insert(models.ConfigurationRule).values(
            id=str(uuid.uuid4()), datastore_version_id=self.vid,
            name='WAIT_TIMEOUT', data_type='integer')

        @db_api.writer
        def write(context):
            context.session.execute(insert)

        error = self.assertRaises(db_exc.DBDuplicateEntry, write,
                                  td_context.get_admin_context())
        self.assertEqual(['datastore_version_id', 'name_key'], error.columns)
        self.assertEqual(['wait_timeout'], self.names())

    def test_values_find_their_rule_through_the_key(self):
        parameter_rules.load([entry('\u00c9v\u00e9nements', max=10)])
        response = self.post('/configurations', {'configuration': {
            'name': 'g', 'values': {'\u00c9V\u00c9NEMENTS': 3},
            'datastore': {'type': 'mysql', 'version': '5.7.29'}}},
            token=parameter_rules.MEMBER)
        self.assertEqual(200, response.status_int, response.text)
        self.assertEqual({'\u00c9v\u00e9nements': 3},
                         response.json['configuration']['values'])


class TestConcurrentCaseVariants(base.TestCase):
    """Creates of case variants of one name, at once, across two API
    processes: exactly one rule, every other create a clean 409."""

    scenarios = [('mysql', {'engine': 'mysql'}),
                 ('postgresql', {'engine': 'postgresql'})]
    SPELLINGS = ('wait_timeout', 'Wait_timeout', 'WAIT_TIMEOUT',
                 'wait_Timeout', 'Wait_Timeout', 'WAIT_timeout',
                 'wait_TIMEOUT', 'WaIt_TiMeOuT')

    def setUp(self):
        super().setUp()
        url = processes.database_url(self, self.engine)
        self.services = [
            self.useFixture(server.Service(database=url, wsgi_server=True))
            for _ in range(2)]
        self.db = sa.create_engine(url, poolclass=sa.pool.NullPool)
        self.addCleanup(self.db.dispose)

    def test_case_variants_created_at_once(self):
        status, _ = processes.call(
            self.services[0], 'POST', '/mgmt/datastore-versions',
            {'version': {'name': '5.7.29', 'datastore_name': 'mysql',
                         'datastore_manager': 'mysql', 'active': True,
                         'image_tags': ['trove', 'mysql']}})
        self.assertEqual(202, status)
        with self.db.connect() as connection:
            version_id = connection.execute(sa.text(
                'SELECT id FROM datastore_versions')).scalar()
        path = '/mgmt/datastores/versions/%s/parameters' % version_id
        for round_number in range(3):
            statuses = [status for status, _ in processes.at_once([
                (lambda s=self.services[i % 2], n=name: processes.call(
                    s, 'POST', path, rule_body(n)))
                for i, name in enumerate(self.SPELLINGS)])]
            self.assertEqual([200] + [409] * (len(self.SPELLINGS) - 1),
                             sorted(statuses), round_number)
            with self.db.begin() as connection:
                self.assertEqual(1, connection.execute(sa.text(
                    'SELECT count(*) FROM '
                    'datastore_configuration_parameters')).scalar())
                connection.execute(sa.text(
                    'DELETE FROM datastore_configuration_parameters'))


class TestManageLoadAfterAnotherSpelling(manage_cli.ManageTestCase):
    """trove-manage refuses, in one line and exit 1, a file whose name
    differs only in case from a rule the version has."""

    def write_rules(self, name):
        path = os.path.join(self.dir, '%s.json' % name)
        with open(path, 'w') as rules_file:
            json.dump({'configuration-parameters': [
                {'name': name, 'type': 'integer',
                 'restart_required': False}]}, rules_file)
        return path

    def test_second_spelling_is_refused(self):
        self.assertExit(0, self.manage('db_sync'))
        self.assertExit(0, self.manage('datastore_update', 'mysql', ''))
        self.assertExit(0, self.manage(
            'datastore_version_update', 'mysql', '5.7.29', 'mysql',
            manage_cli.IMAGE, '', '1'))
        load = ('db_load_datastore_config_parameters', 'mysql', '5.7.29')
        self.assertExit(0, self.manage(*load + (
            self.write_rules('wait_timeout'),)))
        result = self.manage(*load + (self.write_rules('Wait_Timeout'),))
        self.assertExit(1, result)
        self.assertIn('differ only in case', result.stderr)
        self.assertIn('Wait_Timeout (the version has wait_timeout)',
                      result.stderr)
        self.assertNotIn('Traceback', result.stderr)
        self.assertEqual([('wait_timeout',)], self.query(
            'SELECT name FROM datastore_configuration_parameters'))
