"""Small things an operator meets in the first hour: a version names no
image id the same way however it got there, an image id must name an
active image, and a refusal says what the CLI would send."""

import testscenarios

from tests.fixtures import api_base

load_tests = testscenarios.load_tests_apply_scenarios

MGMT = '/mgmt/datastore-versions'


class TestFirstHour(api_base.ApiTestCase):

    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def show(self, version_id):
        return self.get('%s/%s' % (MGMT, version_id)).json['version']

    def test_no_image_id_is_null_after_create_and_after_switching(self):
        self.create_version('5.7.29')
        by_tags = self.show(self.version_id('5.7.29'))
        self.create_version('8.0', image=api_base.IMAGE_MYSQL_80)
        switched_id = self.version_id('8.0')
        self.patch('%s/%s' % (MGMT, switched_id),
                   {'image_tags': ['trove', 'mysql']})
        self.assertIsNone(by_tags['image'])
        self.assertIsNone(self.show(switched_id)['image'])
        listed = {v['name']: v for v in self.get(
            '/datastores/mysql/versions').json['versions']}
        self.assertIsNone(listed['5.7.29']['image'])
        self.assertIsNone(listed['8.0']['image'])

    def test_an_image_id_must_name_an_active_image(self):
        response = self.create_version('5.7.29', image=api_base.IMAGE_QUEUED,
                                       status=400)
        self.assertFault(response, 400, 'badRequest',
                         'Image %s is queued, not active'
                         % api_base.IMAGE_QUEUED)
        self.assertEqual([], self.get(MGMT).json['versions'])
        # Nor can an existing version be pointed at it.
        self.create_version('5.7.29', image=api_base.IMAGE_MYSQL_57)
        url = '%s/%s' % (MGMT, self.version_id('5.7.29'))
        self.assertFault(self.patch(url, {'image': api_base.IMAGE_QUEUED}),
                         400, 'badRequest', 'not active')
        self.assertEqual(api_base.IMAGE_MYSQL_57, self.show(
            self.version_id('5.7.29'))['image'])

    def test_hiding_the_default_version_names_the_cli_option(self):
        self.create_version('5.7.29', default=True)
        url = '%s/%s' % (MGMT, self.version_id('5.7.29'))
        message = self.assertFault(self.patch(url, {'active': False}), 409,
                                   'conflictingRequest')
        self.assertIn('"default": false', message)
        self.assertIn('--non-default', message)
