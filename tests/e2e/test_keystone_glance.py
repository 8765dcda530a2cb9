"""trove-datastore under gunicorn, behind real Keystone and real Glance.

One class owns the stack for its whole run: setUpClass takes the stack
lock, runs tools/keystone_glance/setup.sh (a no-op once done) and start.sh,
starts the service with auth_strategy = keystone and [image] source =
glance, and puts it in the catalog; tearDownClass undoes all of it and
stops Keystone and Glance. Every request carries a real token and every
image check reaches the real Glance.

With CI=true a stack that cannot be set up or started fails the tests;
elsewhere they are skipped with the reason. Run this module alone with
tools/e2e.sh.
"""

import contextlib
import time
import unittest
import uuid

import testtools

from tests.fixtures import base
from tests.fixtures import keystone_fixture as kf
from tests.fixtures import server
from tests.fixtures import stack as e2e_stack

# The admin guide's walkthrough uses these tags; an image carrying them is
# uploaded for the run (and deleted after it).
GUIDE_TAGS = ['trove', 'mysql']


def _version(name, datastore, **fields):
    fields.update(name=name, datastore_name=datastore,
                  datastore_manager='mysql', active=True)
    return {'version': fields}


class KeystoneGlanceTest(testtools.TestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._resources = contextlib.ExitStack()
        try:
            cls._set_up_class()
        except BaseException:
            try:
                cls._resources.close()
            except Exception:
                pass  # the first error (or the skip) is the one to report
            raise

    @classmethod
    def _set_up_class(cls):
        try:
            lock = kf.StackLock()
            lock.acquire()
            cls._resources.callback(lock.release)
            # Whatever happens next, nothing of the stack is left running.
            cls._resources.callback(kf.stop_stack)
            cls.stack = kf.bring_up_stack()
        except Exception as error:
            if base.IN_CI:
                raise
            raise unittest.SkipTest(
                'the Keystone + Glance stack could not be set up or started '
                '(tools/keystone_glance/setup.sh, start.sh): %s' % error)
        cls.images = []
        cls._resources.callback(cls._delete_images)
        cls.service = server.Service(extra_conf=kf.service_conf(cls.stack),
                                     wsgi_server=True, env=kf.service_env())
        cls.service.setUp()
        cls._resources.callback(cls.service.cleanUp)
        kf.register_endpoint(cls.stack, cls.service.url)
        cls._resources.callback(kf.unregister_endpoint, cls.stack)
        # A tag of this run alone: images of earlier runs never match.
        cls.run_tag = 'e2e%s' % uuid.uuid4().hex[:10]
        cls.guide_image = cls.upload('guide', GUIDE_TAGS + [cls.run_tag])
        cls.tokens = {user: e2e_stack.get_token(cls.stack, user)
                      for user in ('admin', 'demo', 'other')}

    @classmethod
    def tearDownClass(cls):
        cls._resources.close()
        super().tearDownClass()

    @classmethod
    def _delete_images(cls):
        if not e2e_stack.glance_is_up(cls.stack):
            e2e_stack.start_glance(cls.stack)
        e2e_stack.delete_images(cls.stack, cls.images)

    @classmethod
    def upload(cls, name, tags, status='active'):
        image = e2e_stack.upload_image(cls.stack, 'e2e-%s' % name, tags,
                                       status=status)
        cls.images.append(image)
        return image

    # -- HTTP as one of the stack's users, on that user's project URL

    def request(self, method, path, user='admin', body=None, token=None,
                project_of=None):
        url = kf.project_url(self.service.url, self.stack,
                             project_of or user) + path
        return kf.call(method, url, token or self.tokens[user], body)

    def create(self, body, expect=202):
        status, document, _ = self.request(
            'POST', '/mgmt/datastore-versions', body=body)
        self.assertEqual(expect, status, document)
        return document

    def mgmt_versions(self, datastore):
        status, document, _ = self.request('GET',
                                           '/mgmt/datastore-versions')
        self.assertEqual(200, status, document)
        return {v['name']: v for v in document['versions']
                if v['datastore_name'] == datastore}

    def mgmt_show(self, version_id):
        status, document, _ = self.request(
            'GET', '/mgmt/datastore-versions/%s' % version_id)
        self.assertEqual(200, status, document)
        return document['version']

    def assertFault(self, status, name, response, message=None):
        code, document, _ = response
        self.assertEqual(status, code, document)
        self.assertEqual([name], list(document), document)
        self.assertEqual(status, document[name]['code'])
        if message is not None:
            self.assertIn(message, document[name]['message'])

    # -- identity

    def test_admin_creates_version_member_lists_it(self):
        self.create(_version('1.0', 'e2e-public', image_tags=GUIDE_TAGS,
                             default=True))
        status, document, _ = self.request('GET', '/datastores', 'demo')
        self.assertEqual(200, status, document)
        listed = {d['name']: d for d in document['datastores']}
        self.assertIn('e2e-public', listed)
        self.assertEqual(['1.0'], [v['name'] for v in
                                   listed['e2e-public']['versions']])
        status, document, _ = self.request(
            'GET', '/datastores/e2e-public/versions', 'other')
        self.assertEqual(200, status, document)
        self.assertEqual(['1.0'], [v['name'] for v in document['versions']])

    def test_member_is_forbidden_on_every_mgmt_route(self):
        self.create(_version('1.0', 'e2e-guarded', image_tags=GUIDE_TAGS))
        version = self.mgmt_versions('e2e-guarded')['1.0']
        one = '/mgmt/datastore-versions/%s' % version['id']
        params = '/mgmt/datastores/versions/%s/parameters' % version['id']
        routes = [
            ('GET', '/mgmt/datastore-versions', None),
            ('POST', '/mgmt/datastore-versions',
             _version('2.0', 'e2e-guarded', image_tags=GUIDE_TAGS)),
            ('GET', one, None),
            ('PATCH', one, {'active': False}),
            ('DELETE', one, None),
            ('GET', params, None),
            ('POST', params, {'configuration-parameter': {
                'name': 'max_connections', 'data_type': 'integer',
                'restart_required': False, 'min_size': 1,
                'max_size': 100}}),
            ('GET', params + '/max_connections', None),
            ('PUT', params + '/max_connections',
             {'configuration-parameter': {'data_type': 'integer',
                                          'restart_required': True}}),
            ('DELETE', params + '/max_connections', None),
        ]
        for method, path, body in routes:
            response = self.request(method, path, 'demo', body=body)
            self.assertEqual(403, response[0],
                             '%s %s: %s' % (method, path, response[1]))
            self.assertFault(403, 'forbidden', response)
        # Nothing was changed on the way.
        self.assertEqual(['1.0'], list(self.mgmt_versions('e2e-guarded')))
        self.assertTrue(self.mgmt_show(version['id'])['active'])

    def test_other_project_is_forbidden_on_this_projects_url(self):
        response = self.request('GET', '/datastores', 'other',
                                project_of='demo')
        self.assertFault(403, 'forbidden', response)
        # An admin is still bound to the project of its token.
        response = self.request('GET', '/datastores', 'admin',
                                project_of='demo')
        self.assertFault(403, 'forbidden', response)
        status, document, _ = self.request('GET', '/datastores', 'other')
        self.assertEqual(200, status, document)

    def test_missing_bad_or_expired_token_is_unauthorized(self):
        expired = kf.expiring_token(self.stack, 'demo')
        url = kf.project_url(self.service.url, self.stack, 'demo')
        for label, token in (('no token', None),
                             ('bad token', 'gAAAAAB-not-a-token'),
                             ('expired token', expired)):
            status, document, headers = kf.call('GET', url + '/datastores',
                                                token)
            self.assertEqual(401, status, '%s: %s' % (label, document))
            self.assertIn(self.stack['www_authenticate_uri'],
                          headers.get('WWW-Authenticate', ''), label)
        # The version document needs no token.
        status, document, _ = kf.call('GET', self.service.url + '/')
        self.assertEqual(200, status, document)

    # -- the admin guide with the real CLI and password auth

    def test_admin_guide_walkthrough_with_the_cli(self):
        cli = kf.openstack_json
        kf.openstack(self.stack, 'admin', 'datastore', 'version', 'create',
                     '5.7.29', 'mysql', 'mysql', '', '--image-tags',
                     ','.join(GUIDE_TAGS), '--active', '--default',
                     '--version-number', '5.7.29')
        kf.openstack(self.stack, 'admin', 'datastore', 'version', 'create',
                     '8.0.36', 'mysql', 'mysql', self.guide_image['id'],
                     '--active', '--version-number', '8.0.36')
        listed = {v['Name']: v['ID'] for v in cli(
            self.stack, 'admin', 'datastore', 'version', 'list', 'mysql')}
        self.assertEqual({'5.7.29', '8.0.36'}, set(listed))
        mysql_57, mysql_80 = listed['5.7.29'], listed['8.0.36']

        kf.openstack(self.stack, 'admin', 'datastore', 'version', 'set',
                     mysql_80, '--disable')
        member_view = cli(self.stack, 'demo', 'datastore', 'version', 'list',
                          'mysql')
        self.assertEqual(['5.7.29'], [v['Name'] for v in member_view])

        # Switching from an image id to tags drops the id.
        kf.openstack(self.stack, 'admin', 'datastore', 'version', 'set',
                     mysql_80, '--image-tags', ','.join(GUIDE_TAGS))
        shown = self.mgmt_show(mysql_80)
        self.assertIsNone(shown['image'])
        self.assertEqual(GUIDE_TAGS, shown['image_tags'])
        self.assertFalse(shown['active'])
        self.assertIsNotNone(shown['resolved_image'])

        shown = cli(self.stack, 'admin', 'datastore', 'version', 'show',
                    mysql_57)
        self.assertEqual(('5.7.29', mysql_57), (shown['name'], shown['id']))

        kf.openstack(self.stack, 'admin', 'datastore', 'version', 'delete',
                     mysql_57)
        self.assertEqual(['8.0.36'], list(self.mgmt_versions('mysql')))
        # Deleting the default version cleared the datastore's default.
        status, document, _ = self.request('GET', '/datastores/mysql')
        self.assertEqual(200, status, document)
        self.assertNotIn('default_version', document['datastore'])

    # -- images

    def test_tags_resolve_to_newest_active_image_with_all_tags(self):
        tags = [self.run_tag, 'resolve']
        self.upload('older', tags)
        time.sleep(1.1)  # created_at has one-second resolution
        newest_active = self.upload('newest-active', tags)
        time.sleep(1.1)
        # Newer, but not eligible: no data, deactivated, or a tag missing.
        self.upload('queued', tags, status='queued')
        self.upload('deactivated', tags, status='deactivated')
        self.upload('subset', tags[:1])
        self.create(_version('1.0', 'e2e-resolve', image_tags=tags))
        version = self.mgmt_versions('e2e-resolve')['1.0']
        self.assertIsNone(version['image'])
        self.assertEqual(newest_active['id'], version['resolved_image'])

        # A new upload is picked up without touching the version.
        time.sleep(1.1)
        newer = self.upload('newer', tags)
        shown = self.mgmt_show(version['id'])
        self.assertEqual(newer['id'], shown['resolved_image'])
        self.assertEqual(version['updated'], shown['updated'])

    def test_unknown_image_or_tags_is_bad_request(self):
        missing = str(uuid.uuid4())
        response = self.request('POST', '/mgmt/datastore-versions',
                                body=_version('1.0', 'e2e-unknown',
                                              image=missing))
        self.assertFault(400, 'badRequest', response,
                         'Image %s cannot be found.' % missing)
        response = self.request('POST', '/mgmt/datastore-versions',
                                body=_version('1.0', 'e2e-unknown',
                                              image_tags=['nosuchtag']))
        self.assertFault(400, 'badRequest', response,
                         "Failed to retrieve image with tags: ['nosuchtag']")
        # Images carry the run's tag, but none carries 'nowhere' too.
        response = self.request('POST', '/mgmt/datastore-versions',
                                body=_version('1.0', 'e2e-unknown',
                                              image_tags=[self.run_tag,
                                                          'nowhere']))
        self.assertFault(400, 'badRequest', response)
        # A queued image does not count.
        queued = self.upload('only-queued', [self.run_tag, 'queued-only'],
                             status='queued')
        response = self.request('POST', '/mgmt/datastore-versions',
                                body=_version('1.0', 'e2e-unknown',
                                              image_tags=queued['tags']))
        self.assertFault(400, 'badRequest', response)
        status, document, _ = self.request('GET', '/datastores')
        self.assertNotIn('e2e-unknown',
                         [d['name'] for d in document['datastores']])

    def test_image_id_and_tags_together(self):
        image_id = self.guide_image['id']
        # The id is checked; tags given with it are not, and the id wins.
        self.create(_version('1.0', 'e2e-both', image=image_id,
                             image_tags=['nosuchtag']))
        version = self.mgmt_versions('e2e-both')['1.0']
        self.assertEqual(image_id, version['image'])
        self.assertEqual(['nosuchtag'], version['image_tags'])
        self.assertEqual(image_id, version['resolved_image'])
        response = self.request(
            'POST', '/mgmt/datastore-versions',
            body=_version('2.0', 'e2e-both', image=str(uuid.uuid4()),
                          image_tags=GUIDE_TAGS))
        self.assertFault(400, 'badRequest', response, 'cannot be found')

        # PATCH with both keeps both; tags alone remove the id.
        path = '/mgmt/datastore-versions/%s' % version['id']
        status, document, _ = self.request(
            'PATCH', path, body={'image': image_id, 'image_tags': ['other']})
        self.assertEqual(202, status, document)
        shown = self.mgmt_show(version['id'])
        self.assertEqual((image_id, ['other']),
                         (shown['image'], shown['image_tags']))
        status, document, _ = self.request(
            'PATCH', path, body={'image_tags': GUIDE_TAGS + [self.run_tag]})
        self.assertEqual(202, status, document)
        shown = self.mgmt_show(version['id'])
        self.assertIsNone(shown['image'])
        self.assertEqual(image_id, shown['resolved_image'])

    # -- Glance going away and coming back

    def test_glance_down_is_503_and_writes_nothing_then_recovers(self):
        body = _version('1.0', 'e2e-outage', image_tags=GUIDE_TAGS)
        e2e_stack.stop_glance(self.stack)
        self.addCleanup(self._restore_glance)
        self.assertFalse(e2e_stack.glance_is_up(self.stack))

        response = self.request('POST', '/mgmt/datastore-versions',
                                body=body)
        self.assertFault(503, 'serviceUnavailable', response,
                         'The image service is unavailable')
        response = self.request(
            'POST', '/mgmt/datastore-versions',
            body=_version('1.0', 'e2e-outage', image=self.guide_image['id']))
        self.assertFault(503, 'serviceUnavailable', response)
        self.assertEqual({}, self.mgmt_versions('e2e-outage'))
        status, document, _ = self.request('GET', '/datastores', 'demo')
        self.assertEqual(200, status, document)
        self.assertNotIn('e2e-outage',
                         [d['name'] for d in document['datastores']])

        e2e_stack.start_glance(self.stack)
        self.create(body)
        version = self.mgmt_versions('e2e-outage')['1.0']
        self.assertIsNotNone(version['resolved_image'])

    def _restore_glance(self):
        if not e2e_stack.glance_is_up(self.stack):
            e2e_stack.start_glance(self.stack)
