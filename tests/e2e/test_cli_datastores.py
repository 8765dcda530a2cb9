"""The admin guide's datastore walkthrough with the real openstack CLI
(python-openstackclient + python-troveclient) against the real server."""

import testtools

from tests.fixtures import server

MEMBER = 'alice:%s:member' % server.PROJECT


class DatastoreWalkthroughTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.service = self.useFixture(server.Service())

    def test_admin_guide_walkthrough(self):
        osc = self.service.openstack
        osc('datastore', 'version', 'create', '5.7.29', 'mysql', 'mysql',
            '', '--image-tags', 'trove,mysql', '--active', '--default',
            '--version-number', '5.7.29')

        versions = self.service.openstack_json(
            'datastore', 'version', 'list', 'mysql')
        self.assertEqual([('5.7.29', '5.7.29')],
                         [(v['Name'], v['Version']) for v in versions])
        version_id = versions[0]['ID']

        shown = self.service.openstack_json('datastore', 'show', 'mysql')
        self.assertEqual('5.7.29', shown['default_version'])

        # Hiding the default version needs --non-default too.
        refused = osc('datastore', 'version', 'set', version_id,
                      '--disable', check=False)
        self.assertNotEqual(0, refused.returncode)
        self.assertIn('default', refused.stderr)
        osc('datastore', 'version', 'set', version_id, '--disable',
            '--non-default')
        self.assertEqual([], self.service.openstack_json(
            'datastore', 'list', token=MEMBER))

        osc('datastore', 'version', 'set', version_id, '--enable',
            '--image-tags', 'trove,mysql,8.0')
        by_id = self.service.openstack_json(
            'datastore', 'version', 'show', version_id)
        self.assertEqual(['trove', 'mysql', '8.0'], by_id['image_tags'])
        self.assertTrue(by_id['active'])

        # A second 5.7 makes the name ambiguous: the CLI says so.
        osc('datastore', 'version', 'create', '5.7.29', 'mysql', 'mysql',
            '', '--image-tags', 'trove,mysql', '--active',
            '--version-number', '5.7.30')
        ambiguous = osc('datastore', 'version', 'show', '5.7.29',
                        '--datastore', 'mysql', check=False)
        self.assertNotEqual(0, ambiguous.returncode)
        self.assertIn('Multiple datastore versions', ambiguous.stderr)
        # The message names a command that shows the ids.
        self.assertIn("'openstack datastore version list mysql'",
                      ambiguous.stderr)

        # A member is refused the admin commands.
        denied = osc('datastore', 'version', 'delete', version_id,
                     token=MEMBER, check=False)
        self.assertNotEqual(0, denied.returncode)
        self.assertIn('403', denied.stderr)

        for row in self.service.openstack_json(
                'datastore', 'version', 'list', 'mysql'):
            osc('datastore', 'version', 'delete', row['ID'])
        osc('datastore', 'delete', 'mysql')
        self.assertEqual([], self.service.openstack_json('datastore',
                                                         'list'))
