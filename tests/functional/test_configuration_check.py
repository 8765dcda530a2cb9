"""An operator about to move users from MySQL 5.7 to 8.0 asks, for each
configuration group, whether its values hold on 8.0 and why not, on
every engine: GET /configurations/{id}/check?datastore_version=ID."""

import copy
import json
import os

import testscenarios

from trove_datastore import context as td_context
from trove_datastore.manager import parameters as manager
from trove_datastore import rules
from tests.fixtures import api_base
from tests.fixtures import route_world

load_tests = testscenarios.load_tests_apply_scenarios

MEMBER = api_base.member_token()
OTHER = api_base.OTHER_PROJECT
OTHER_MEMBER = api_base.member_token(project=OTHER, user='bob')
OTHER_ADMIN = 'carol:%s:admin' % OTHER


def rules_57():
    with open(os.path.join(route_world.FILES, 'mysql-5.7.json')) as stream:
        document = json.load(stream)
    document['configuration-parameters'].append({
        'name': 'query_cache_size', 'type': 'integer', 'min': 0,
        'restart_required': False})
    return document


def rules_80():
    """5.7's rules as 8.0 has them: the query cache is gone, and (for
    this story) max_connections tops out lower."""
    document = copy.deepcopy(rules_57())
    entries = [entry for entry in document['configuration-parameters']
               if entry['name'] != 'query_cache_size']
    for entry in entries:
        if entry['name'] == 'max_connections':
            entry['max'] = 4000
    document['configuration-parameters'] = entries
    return document


def load(version, document, datastore='mysql'):
    manager.load_rules(td_context.get_admin_context(), datastore, version,
                       rules.parse_document(document))


class TestUpgradePreflight(api_base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.create_version('5.7.29')
        self.create_version('8.0.36', image=api_base.IMAGE_MYSQL_80)
        self.create_version('16.1', datastore='postgresql',
                            manager='postgresql',
                            image=api_base.IMAGE_POSTGRESQL)
        self.create_version('8.4.0', image=api_base.IMAGE_MYSQL_80)
        load('5.7.29', rules_57())
        load('8.0.36', rules_80())
        self.v57 = self.version_id('5.7.29')
        self.v80 = self.version_id('8.0.36')
        self.v84 = self.version_id('8.4.0')
        response = self.post('/configurations', {'configuration': {
            'name': 'web', 'values': {
                'max_connections': 5000, 'query_cache_size': 1048576,
                'wait_timeout': 60},
            'datastore': {'type': 'mysql', 'version': '5.7.29'}}},
            token=MEMBER)
        self.assertEqual(200, response.status_int, response.text)
        self.group = response.json['configuration']['id']

    def check(self, version_id, token=MEMBER, project=None, status=200):
        path = '/configurations/%s/check?datastore_version=%s' % (
            self.group, version_id)
        if project:
            path = '/v1.0/%s%s' % (project, path)
        response = self.get(path, token=token)
        self.assertEqual(status, response.status_int, response.text)
        return response.json

    def test_valid_where_it_was_made(self):
        self.assertEqual({'check': {
            'configuration_id': self.group,
            'datastore_version_id': self.v57,
            'datastore_name': 'mysql',
            'datastore_version_name': '5.7.29',
            'valid': True, 'problems': []}}, self.check(self.v57))

    def test_a_removed_parameter_and_a_lower_maximum(self):
        self.assertEqual({'check': {
            'configuration_id': self.group,
            'datastore_version_id': self.v80,
            'datastore_name': 'mysql',
            'datastore_version_name': '8.0.36',
            'valid': False, 'problems': [
                'The value for the configuration parameter max_connections '
                'is greater than the maximum allowed: 4000',
                'The configuration parameter query_cache_size is not '
                'supported for this datastore: mysql 8.0.36.']}},
            self.check(self.v80))

    def test_names_match_regardless_of_case(self):
        document = rules_80()
        for entry in document['configuration-parameters']:
            entry['name'] = entry['name'].upper()
        load('8.4.0', document)
        self.assertEqual([
            'The value for the configuration parameter max_connections '
            'is greater than the maximum allowed: 4000',
            'The configuration parameter query_cache_size is not '
            'supported for this datastore: mysql 8.4.0.'],
            self.check(self.v84)['check']['problems'])

    def test_a_version_without_rules(self):
        self.assertEqual(
            ['mysql 8.4.0 has no configuration parameters at all, so none '
             'of the group\'s values can be set.'],
            self.check(self.v84)['check']['problems'])
        # An empty group is valid anywhere its datastore goes.
        self.put('/configurations/%s' % self.group,
                 {'configuration': {'values': {}}}, token=MEMBER)
        self.assertIs(True, self.check(self.v84)['check']['valid'])

    def test_another_datastore_says_so(self):
        problems = self.check(self.version_id(
            '16.1', datastore='postgresql'))['check']['problems']
        self.assertEqual(
            'Datastore version %s belongs to datastore postgresql, not to '
            'the group\'s datastore mysql.' % self.version_id(
                '16.1', datastore='postgresql'), problems[0])

    def test_the_check_changes_nothing(self):
        before = route_world.snapshot(self.db.engine)
        self.check(self.v80)
        self.assertEqual(before, route_world.snapshot(self.db.engine))

    def test_owner_and_administrators_only(self):
        self.assertIs(False, self.check(self.v80, token=None)[
            'check']['valid'])
        self.assertIs(False, self.check(self.v80, token=OTHER_ADMIN,
                                        project=OTHER)['check']['valid'])
        response = self.get('/v1.0/%s/configurations/%s/check?'
                            'datastore_version=%s'
                            % (OTHER, self.group, self.v80),
                            token=OTHER_MEMBER)
        self.assertFault(response, 404, 'itemNotFound',
                         'Configuration group with ID %s could not be '
                         'found.' % self.group)

    def test_unknown_group_or_version_and_bad_queries(self):
        self.assertFault(self.get(
            '/configurations/%s/check?datastore_version=%s'
            % (api_base.MISSING_IMAGE, self.v80)), 404, 'itemNotFound',
            'Configuration group with ID %s could not be found.'
            % api_base.MISSING_IMAGE)
        self.assertFault(self.get(
            '/configurations/%s/check?datastore_version=%s'
            % (self.group, api_base.MISSING_IMAGE)), 404, 'itemNotFound',
            "Datastore version '%s' cannot be found." % api_base.MISSING_IMAGE)
        path = '/configurations/%s/check' % self.group
        self.assertFault(self.get(path), 400, 'badRequest',
                         'Validation error: datastore_version is required.')
        self.assertFault(self.get(path + '?datastore_version='), 400,
                         'badRequest', 'Validation error: datastore_version '
                         'must not be empty.')
        self.assertFault(self.post(path + '?datastore_version=%s' % self.v80,
                                   {}), 404, 'itemNotFound')
