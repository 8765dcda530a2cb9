"""A client that sends a malformed body reads what is wrong in words: one
line per problem, each naming the field as the client wrote it and what
it allows, never a regular expression."""

import testscenarios

from trove_datastore.api.schemas import versions as version_schemas
from trove_datastore.schema_messages import DESCRIPTION
from tests.fixtures import api_base

load_tests = testscenarios.load_tests_apply_scenarios

MGMT = '/mgmt/datastore-versions'
# What a name allows, in the words its schema declares.
NAME_WORDS = version_schemas.CREATE['properties']['version']['properties'][
    'name'][DESCRIPTION]
PARAMETERS = '/mgmt/datastores/versions/%s/parameters'


class TestSchemaErrors(api_base.ApiTestCase):
    # Validation happens before any database work: one engine tells it.
    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def lines(self, response):
        message = self.assertFault(response, 400, 'badRequest')
        self.assertTrue(message.startswith('Validation error: '), message)
        for raw in ('^', '$', '[0-9', "['", 'does not match'):
            self.assertNotIn(raw, message)
        return message[len('Validation error: '):].split('\n')

    def test_a_version_with_several_mistakes(self):
        self.assertEqual([
            'unknown field version.flavor; allowed fields: active, '
            'datastore_manager, datastore_name, default, image, image_tags, '
            'name, packages, registry_ext, repl_strategy, version.',
            'version.active must be true or false.',
            'version.datastore_manager is required.',
            'version.image must be a Glance image id (a UUID, 32 hexadecimal '
            'digits grouped 8-4-4-4-12), or be left out to choose the image '
            'by image_tags.',
            'version.image_tags[1] must hold a letter or digit and no comma '
            '(image tags are stored comma-separated).',
            'version.name %s.' % NAME_WORDS,
        ], self.lines(self.post(MGMT, {'version': {
            'name': '---', 'datastore_name': 'mysql', 'active': 'yes',
            'image': 'notauuid', 'image_tags': ['trove', 'a,b'],
            'flavor': 'm1.small'}})))

    def test_a_patch_of_a_version(self):
        self.create_version()
        url = '%s/%s' % (MGMT, self.version_id('5.7.29'))
        self.assertEqual(
            ['unknown field version; allowed fields: active, '
             'datastore_manager, default, image, image_tags, name, packages, '
             'registry_ext, repl_strategy.'],
            self.lines(self.patch(url, {'version': {'active': False}})))
        self.assertEqual(
            ['packages must have at most 64 items.'],
            self.lines(self.patch(url, {'packages': [
                'p%d' % i for i in range(65)]})))

    def test_a_parameter_rule(self):
        self.create_version()
        url = PARAMETERS % self.version_id('5.7.29')
        self.assertEqual([
            'configuration-parameter.data_type must be one of integer, '
            'string, boolean, float, list.',
            'configuration-parameter.max_size must be a number, null, or a '
            'number written as text of at most 40 characters (such as "10" '
            'or "0.5").',
            'configuration-parameter.restart_required must be true, false, '
            '0 or 1.',
        ], self.lines(self.post(url, {'configuration-parameter': {
            'name': 'x', 'data_type': 'text', 'restart_required': 'no',
            'max_size': '1e3x'}})))

    def test_a_configuration_group(self):
        self.assertEqual([
            'configuration.name must not be empty.',
            'configuration.values must be an object.',
        ], self.lines(self.post('/configurations', {'configuration': {
            'name': '', 'values': ['max_connections', 10]}})))
        self.assertEqual(['configuration is required.'],
                         self.lines(self.post('/configurations', {})))
        self.assertEqual(['the request body must be an object.'],
                         self.lines(self.post('/configurations', [])))
