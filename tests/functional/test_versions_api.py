"""Stories of /mgmt/datastore-versions: the admin's version lifecycle."""

import sqlalchemy as sa
import testscenarios

from trove_datastore.db import models
from tests.fixtures import api_base

load_tests = testscenarios.load_tests_apply_scenarios

MGMT = '/mgmt/datastore-versions'


class VersionCreateTest(api_base.ApiTestCase):

    def count(self, model):
        with self.db.engine.connect() as connection:
            return connection.execute(
                sa.select(sa.func.count()).select_from(model)).scalar()

    def test_create_makes_the_datastore_and_answers_202_empty(self):
        response = self.create_version('5.7.29', default=True,
                                       packages=['mysql-server'])
        self.assertEqual(b'', response.body)
        version = self.get(MGMT).json['versions'][0]
        self.assertEqual('mysql', version['datastore_name'])
        self.assertEqual('5.7.29', version['version'])
        self.assertTrue(version['default'])
        self.assertTrue(version['active'])
        self.assertEqual(['mysql-server'], version['packages'])
        self.assertEqual(['trove', 'mysql'], version['image_tags'])
        self.assertIsNone(version['image'])
        # The newest active image carrying both tags, not the queued one.
        self.assertEqual(api_base.IMAGE_MYSQL_80, version['resolved_image'])
        self.assertEqual('trove.guestagent.datastore.mysql.manager.Manager',
                         version['registry_ext'])

    def test_version_number_defaults_to_the_name_and_is_kept(self):
        self.create_version('5.7', version='5.7.29')
        self.create_version('5.7', version='5.7.30')
        numbers = sorted(v['version'] for v in self.get(MGMT).json['versions'])
        self.assertEqual(['5.7.29', '5.7.30'], numbers)

    def test_duplicate_is_409_and_writes_nothing(self):
        self.create_version('5.7.29')
        response = self.create_version('5.7.29', status=409)
        self.assertFault(response, 409, 'conflictingRequest',
                         "The datastore version '5.7.29(5.7.29)' already "
                         "exists.")
        self.assertEqual(1, self.count(models.DatastoreVersion))

    def test_image_by_id(self):
        self.create_version('5.7.29', image=api_base.IMAGE_MYSQL_57)
        version = self.get(MGMT).json['versions'][0]
        self.assertEqual(api_base.IMAGE_MYSQL_57, version['image'])
        self.assertEqual(api_base.IMAGE_MYSQL_57, version['resolved_image'])

    def test_image_errors_write_nothing(self):
        cases = [
            ({'image': api_base.MISSING_IMAGE},
             'Image %s cannot be found.' % api_base.MISSING_IMAGE),
            ({'image_tags': ['trove', 'nosuch']},
             "Failed to retrieve image with tags: ['trove', 'nosuch']."),
            # Only a queued image carries this tag set.
            ({'image_tags': ['trove', 'mysql', 'queued-only']},
             'Failed to retrieve image with tags'),
            ({'image_tags': []}, 'Image must be specified.'),
        ]
        for fields, message in cases:
            response = self.create_version('1.0', datastore='newds',
                                           status=400, **fields)
            self.assertFault(response, 400, 'badRequest', message)
        # No orphan datastore was left behind by the failures.
        self.assertEqual(0, self.count(models.Datastore))

    def test_default_on_an_inactive_version_is_409_and_atomic(self):
        response = self.create_version('5.7.29', active=False, default=True,
                                       status=409)
        self.assertFault(response, 409, 'conflictingRequest', 'not active')
        self.assertEqual(0, self.count(models.Datastore))
        self.assertEqual(0, self.count(models.DatastoreVersion))

    def test_unknown_manager_gets_empty_defaults(self):
        self.create_version('7.0', datastore='redis', manager='redis',
                            image_tags=['trove'])
        self.create_version('4.0', datastore='cassandra',
                            manager='cassandra', image_tags=['trove'])
        versions = {v['datastore_name']: v
                    for v in self.get(MGMT).json['versions']}
        self.assertEqual('', versions['cassandra']['registry_ext'])
        self.assertEqual('', versions['cassandra']['repl_strategy'])
        self.assertIn('redis_sync', versions['redis']['repl_strategy'])

    def test_schema_errors_are_400(self):
        bodies = [
            {},
            {'version': {}},
            {'version': {'name': 'x', 'datastore_name': 'mysql',
                         'datastore_manager': 'mysql', 'active': 'yes'}},
            {'version': {'name': 'x', 'datastore_name': 'mysql',
                         'datastore_manager': 'mysql', 'active': True,
                         'image': 'notauuid'}},
            {'version': {'name': 'x', 'datastore_name': 'mysql',
                         'datastore_manager': 'mysql', 'active': True,
                         'image_tags': ['a,b']}},
            {'version': {'name': '---', 'datastore_name': 'mysql',
                         'datastore_manager': 'mysql', 'active': True,
                         'image_tags': ['trove']}},
            {'version': {'name': 'x', 'datastore_name': 'mysql',
                         'datastore_manager': 'mysql', 'active': True,
                         'unknown': 1}},
            [],
            'text',
        ]
        for body in bodies:
            message = self.assertFault(self.post(MGMT, body), 400,
                                       'badRequest')
            self.assertTrue(message.startswith('Validation error: '),
                            message)
        root = self.assertFault(self.post(MGMT, {}), 400, 'badRequest')
        self.assertEqual('Validation error: version is required.', root)
        self.assertIn('version.image must be a Glance image id',
                      self.assertFault(self.post(MGMT, bodies[3]), 400,
                                       'badRequest'))

    def test_malformed_and_missing_bodies_are_400(self):
        self.assertFault(self.post(MGMT, raw='{"version": '), 400,
                         'badRequest', 'not valid JSON')
        self.assertFault(self.post(MGMT, raw=''), 400, 'badRequest',
                         'missing')
        self.assertFault(self.post(MGMT, raw='NaN'), 400, 'badRequest')
        self.assertFault(self.post(MGMT, raw='[' * 100 + ']' * 100), 400,
                         'badRequest', 'nests deeper')

    def test_oversized_body_is_413(self):
        big = '{"version": {"name": "%s"}}' % ('x' * 200000)
        self.assertFault(self.post(MGMT, raw=big), 413, 'overLimit')


class VersionUpdateTest(api_base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.create_version('5.7.29', default=True)
        self.version = self.version_id('5.7.29')
        self.url = '%s/%s' % (MGMT, self.version)

    def show(self):
        return self.get(self.url).json['version']

    def test_patch_answers_202_empty(self):
        response = self.patch(self.url, {'packages': ['a', 'b']})
        self.assertEqual(202, response.status_int)
        self.assertEqual(b'', response.body)
        self.assertEqual(['a', 'b'], self.show()['packages'])

    def test_switch_from_image_id_to_tags_removes_the_id(self):
        self.patch(self.url, {'image': api_base.IMAGE_MYSQL_57})
        shown = self.show()
        self.assertEqual(api_base.IMAGE_MYSQL_57, shown['image'])
        self.assertEqual(['trove', 'mysql'], shown['image_tags'])
        self.patch(self.url, {'image_tags': ['trove', 'mysql', '8.0']})
        shown = self.show()
        # null, as after a create by tags.
        self.assertIsNone(shown['image'])
        self.assertEqual(api_base.IMAGE_MYSQL_80, shown['resolved_image'])

    def test_image_and_tags_together_keep_both(self):
        self.patch(self.url, {'image': api_base.IMAGE_MYSQL_57,
                              'image_tags': ['nosuch-but-unchecked']})
        shown = self.show()
        self.assertEqual(api_base.IMAGE_MYSQL_57, shown['image'])
        self.assertEqual(['nosuch-but-unchecked'], shown['image_tags'])

    def test_clearing_the_only_image_reference_is_400(self):
        self.assertFault(self.patch(self.url, {'image_tags': []}), 400,
                         'badRequest', 'Image must be specified.')
        self.assertEqual(['trove', 'mysql'], self.show()['image_tags'])

    def test_unknown_tags_are_400(self):
        self.assertFault(self.patch(self.url, {'image_tags': ['zzz']}), 400,
                         'badRequest', "['zzz']")

    def test_disabling_the_default_needs_default_false(self):
        message = self.assertFault(self.patch(self.url, {'active': False}),
                                   409, 'conflictingRequest')
        self.assertIn('"default": false', message)
        self.assertTrue(self.show()['active'])
        self.assertEqual(202, self.patch(
            self.url, {'active': False, 'default': False}).status_int)
        shown = self.show()
        self.assertFalse(shown['active'])
        self.assertFalse(shown['default'])
        datastore = self.get('/datastores/mysql').json['datastore']
        self.assertNotIn('default_version', datastore)

    def test_default_can_move_between_versions(self):
        self.create_version('8.0.36', image_tags=['trove', 'mysql', '8.0'])
        other = self.version_id('8.0.36')
        self.patch('%s/%s' % (MGMT, other), {'default': True})
        self.assertFalse(self.show()['default'])
        self.assertEqual(other, self.get('/datastores/mysql').json[
            'datastore']['default_version'])

    def test_rename_and_default_in_one_request(self):
        self.patch(self.url, {'default': False})
        self.patch(self.url, {'name': '5.7', 'default': True})
        shown = self.show()
        self.assertEqual('5.7', shown['name'])
        self.assertEqual('5.7.29', shown['version'])
        self.assertTrue(shown['default'])

    def test_rename_onto_an_existing_version_is_409(self):
        self.create_version('other', version='5.7.29')
        other = self.version_id('other')
        self.assertFault(self.patch('%s/%s' % (MGMT, other),
                                    {'name': '5.7.29'}),
                         409, 'conflictingRequest', 'already exists')

    def test_version_number_is_immutable_and_unknown_keys_400(self):
        for body in ({'version': '9'}, {'nope': 1}, {'active': 'no'}):
            self.assertFault(self.patch(self.url, body), 400, 'badRequest')
        self.assertFault(self.patch(self.url, raw=''), 400, 'badRequest')

    def test_unknown_version_is_404(self):
        missing = '%s/%s' % (MGMT, api_base.MISSING_IMAGE)
        self.assertFault(self.get(missing), 404, 'itemNotFound')
        self.assertFault(self.patch(missing, {'active': True}), 404,
                         'itemNotFound')
        self.assertFault(self.delete(missing), 404, 'itemNotFound')


class VersionDeleteTest(api_base.ApiTestCase):

    def test_delete_clears_the_default_and_keeps_the_datastore(self):
        self.create_version('5.7.29', default=True)
        version = self.version_id('5.7.29')
        response = self.delete('%s/%s' % (MGMT, version))
        self.assertEqual(202, response.status_int)
        self.assertEqual(b'', response.body)
        datastore = self.get('/datastores/mysql').json['datastore']
        self.assertNotIn('default_version', datastore)
        self.assertEqual([], datastore['versions'])
        self.assertFault(self.delete('%s/%s' % (MGMT, version)), 404,
                         'itemNotFound')

    def test_delete_refused_while_a_configuration_group_uses_it(self):
        self.create_version('5.7.29')
        version = self.version_id('5.7.29')
        with self.db.engine.begin() as connection:
            connection.execute(sa.insert(models.Configuration).values(
                id='11111111-1111-4111-8111-111111111111',
                tenant_id=api_base.PROJECT, name='g',
                datastore_version_id=version,
                created_at=sa.func.now(), updated_at=sa.func.now()))
        self.assertFault(self.delete('%s/%s' % (MGMT, version)), 409,
                         'conflictingRequest',
                         'Datastore version is in use by configuration. '
                         'Configuration groups using it: g (11111111-1111-'
                         '4111-8111-111111111111, project %s); delete them '
                         'first (openstack database configuration delete '
                         '<id>).' % api_base.PROJECT)
        self.assertEqual(200, self.get('%s/%s' % (MGMT, version)).status_int)


class MgmtListTest(api_base.ApiTestCase):

    def test_list_is_ordered_and_paged(self):
        for name in ('b', 'a', 'c'):
            self.create_version(name, datastore='ds2')
        self.create_version('z', datastore='ds1')
        page = self.get(MGMT + '?limit=2').json
        self.assertEqual([('ds1', 'z'), ('ds2', 'a')],
                         [(v['datastore_name'], v['name'])
                          for v in page['versions']])
        href = page['links'][0]['href'].replace('http://localhost', '')
        rest = self.get(href).json
        self.assertEqual(['b', 'c'], [v['name'] for v in rest['versions']])
        self.assertNotIn('links', rest)


class MemberRefusedFirstTest(api_base.ApiTestCase):

    def test_member_is_refused_before_the_body_is_read(self):
        member = api_base.member_token()
        for method, path in (('POST', MGMT),
                             ('PATCH', MGMT + '/' + api_base.MISSING_IMAGE)):
            response = self.request(method, path, raw='{"broken',
                                    token=member)
            self.assertFault(response, 403, 'forbidden')
