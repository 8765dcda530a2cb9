"""Stories of /datastores: what users and admins see, and deleting."""

import testscenarios

from tests.fixtures import api_base

load_tests = testscenarios.load_tests_apply_scenarios

MEMBER = api_base.member_token()


class DatastoreListingTest(api_base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.create_version('5.7.29', default=True)
        self.create_version('8.0.36', image_tags=['trove', 'mysql', '8.0'])
        self.create_version('5.6', active=False)
        self.create_version('16.4', datastore='postgresql',
                            manager='postgresql',
                            image_tags=['trove', 'postgresql'])
        self.create_version('1.0', datastore='hidden', manager='redis',
                            active=False)

    def test_member_sees_only_active_versions_and_datastores(self):
        body = self.get('/datastores', token=MEMBER).json
        self.assertEqual(['mysql', 'postgresql'],
                         [d['name'] for d in body['datastores']])
        mysql = body['datastores'][0]
        self.assertEqual(['5.7.29', '8.0.36'],
                         [v['name'] for v in mysql['versions']])
        version = mysql['versions'][0]
        self.assertEqual({'id', 'name', 'version', 'links'}, set(version))
        self.assertEqual(self.version_id('5.7.29'), mysql['default_version'])
        self.assertNotIn('default_version', body['datastores'][1])

    def test_admin_sees_everything_with_admin_fields(self):
        body = self.get('/datastores').json
        self.assertEqual(['hidden', 'mysql', 'postgresql'],
                         [d['name'] for d in body['datastores']])
        mysql = body['datastores'][1]
        self.assertEqual(['5.6', '5.7.29', '8.0.36'],
                         [v['name'] for v in mysql['versions']])
        version = mysql['versions'][0]
        self.assertEqual({'id', 'name', 'version', 'links', 'active',
                          'packages', 'image', 'image_tags', 'registry_ext',
                          'repl_strategy'}, set(version))
        self.assertFalse(version['active'])
        self.assertEqual(['trove', 'mysql'], version['image_tags'])

    def test_links_follow_the_forwarded_scheme_and_host(self):
        body = self.get('/datastores', headers={
            'X-Forwarded-Proto': 'https',
            'X-Forwarded-Host': 'db.example.org'}).json
        mysql = body['datastores'][1]
        self.assertEqual(
            [{'href': 'https://db.example.org/v1.0/%s/datastores/%s'
                      % (api_base.PROJECT, mysql['id']), 'rel': 'self'},
             {'href': 'https://db.example.org/datastores/%s' % mysql['id'],
              'rel': 'bookmark'}], mysql['links'])
        plain = self.get('/datastores').json['datastores'][1]
        self.assertTrue(plain['links'][0]['href'].startswith(
            'http://localhost/v1.0/'))

    def test_paging_with_limit_and_marker(self):
        first = self.get('/datastores?limit=2').json
        self.assertEqual(['hidden', 'mysql'],
                         [d['name'] for d in first['datastores']])
        next_href = first['links'][0]['href']
        self.assertEqual('next', first['links'][0]['rel'])
        self.assertIn('marker=%s' % first['datastores'][1]['id'], next_href)
        self.assertIn('limit=2', next_href)
        second = self.get(next_href.replace('http://localhost', '')).json
        self.assertEqual(['postgresql'],
                         [d['name'] for d in second['datastores']])
        self.assertNotIn('links', second)

    def test_bad_limit_and_marker_are_400(self):
        for query in ('limit=0', 'limit=-1', 'limit=abc', 'limit=1.5',
                      'marker=nosuch'):
            self.assertFault(self.get('/datastores?' + query), 400,
                             'badRequest')

    def test_show_by_name_and_by_id(self):
        by_name = self.get('/datastores/mysql', token=MEMBER).json
        datastore = by_name['datastore']
        self.assertEqual(['5.7.29', '8.0.36'],
                         [v['name'] for v in datastore['versions']])
        by_id = self.get('/datastores/%s' % datastore['id'],
                         token=MEMBER).json
        self.assertEqual(by_name, by_id)
        admin = self.get('/datastores/mysql').json['datastore']
        self.assertEqual(3, len(admin['versions']))

    def test_member_can_show_a_datastore_without_active_versions(self):
        body = self.get('/datastores/hidden', token=MEMBER).json
        self.assertEqual([], body['datastore']['versions'])

    def test_names_are_case_sensitive(self):
        self.assertFault(self.get('/datastores/MySQL'), 404, 'itemNotFound',
                         "Datastore 'MySQL' cannot be found.")

    def test_unknown_datastore_is_404(self):
        self.assertFault(self.get('/datastores/nosuch'), 404, 'itemNotFound',
                         "Datastore 'nosuch' cannot be found.")


class DatastoreDeleteTest(api_base.ApiTestCase):

    def test_delete_refused_while_versions_exist_then_allowed(self):
        self.create_version('5.7.29')
        self.assertFault(self.delete('/datastores/mysql'), 409,
                         'conflictingRequest',
                         'Datastore versions exist for datastore mysql.')
        version_id = self.version_id('5.7.29')
        self.assertEqual(202, self.delete(
            '/mgmt/datastore-versions/%s' % version_id).status_int)
        response = self.delete('/datastores/mysql')
        self.assertEqual(202, response.status_int)
        self.assertEqual(b'', response.body)
        self.assertFault(self.get('/datastores/mysql'), 404, 'itemNotFound')

    def test_member_cannot_delete(self):
        self.create_version('5.7.29')
        self.assertFault(self.delete('/datastores/mysql', token=MEMBER), 403,
                         'forbidden',
                         "Policy doesn't allow datastore:delete to be "
                         "performed.")

    def test_delete_unknown_is_404(self):
        self.assertFault(self.delete('/datastores/nosuch'), 404,
                         'itemNotFound')


class DatastoreVersionsTest(api_base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.create_version('5.7.29')
        self.create_version('5.6', active=False)

    def test_list_versions_of_a_datastore(self):
        member = self.get('/datastores/mysql/versions', token=MEMBER).json
        self.assertEqual(['5.7.29'], [v['name'] for v in member['versions']])
        version = member['versions'][0]
        self.assertEqual({'id', 'name', 'version', 'links', 'datastore'},
                         set(version))
        admin = self.get('/datastores/mysql/versions').json
        self.assertEqual(['5.6', '5.7.29'],
                         [v['name'] for v in admin['versions']])
        self.assertFault(self.get('/datastores/nosuch/versions'), 404,
                         'itemNotFound')

    def test_show_by_name_id_and_uuid_route(self):
        version_id = self.version_id('5.7.29')
        by_name = self.get('/datastores/mysql/versions/5.7.29',
                           token=MEMBER).json
        self.assertEqual(version_id, by_name['version']['id'])
        by_id = self.get('/datastores/mysql/versions/%s' % version_id,
                         token=MEMBER).json
        self.assertEqual(by_name, by_id)
        by_uuid = self.get('/datastores/versions/%s' % version_id,
                           token=MEMBER).json
        self.assertEqual(by_name, by_uuid)

    def test_members_may_read_hidden_versions_directly(self):
        hidden = self.version_id('5.6')
        body = self.get('/datastores/versions/%s' % hidden,
                        token=MEMBER).json
        self.assertEqual('5.6', body['version']['name'])
        self.assertNotIn('active', body['version'])

    def test_dotted_names_are_not_file_extensions(self):
        self.create_version('x.json')
        body = self.get('/datastores/mysql/versions/x.json').json
        self.assertEqual('x.json', body['version']['name'])
        self.assertEqual('application/json', self.get(
            '/datastores/mysql/versions/x.json').content_type)

    def test_unknown_versions_are_404(self):
        self.assertFault(self.get('/datastores/mysql/versions/nosuch'), 404,
                         'itemNotFound',
                         "Datastore version 'nosuch' cannot be found.")
        self.assertFault(
            self.get('/datastores/versions/%s' % api_base.MISSING_IMAGE),
            404, 'itemNotFound')
        self.assertFault(
            self.get('/datastores/mysql/versions/%s' % api_base.MISSING_IMAGE),
            404, 'itemNotFound')

    def test_ambiguous_name_needs_an_id(self):
        self.create_version('5.7', version='5.7.29')
        self.create_version('5.7', version='5.7.30')
        message = self.assertFault(
            self.get('/datastores/mysql/versions/5.7'), 400, 'badRequest')
        self.assertIn("Multiple datastore versions found for '5.7'", message)
        # ...and what to do about it, with the commands that can.
        self.assertIn("'openstack datastore version list mysql' shows the "
                      "ids", message)
        self.assertIn("--datastore-version-number", message)
        self.assertIn("'trove-manage ... --version'", message)

    def test_a_version_of_another_datastore_is_not_found(self):
        self.create_version('16', datastore='postgresql',
                            manager='postgresql')
        pg_id = self.version_id('16', datastore='postgresql')
        self.assertFault(self.get('/datastores/mysql/versions/%s' % pg_id),
                         404, 'itemNotFound')
