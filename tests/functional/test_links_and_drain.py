"""Where links point behind a proxy or a public endpoint, the /v1.0/
version document, and draining by file: the real WSGI stack on SQLite
(none of it depends on the database engine)."""

import os

import fixtures
from oslo_middleware.healthcheck import opts as healthcheck_opts
import testscenarios
import webtest

from tests.fixtures import api_base
from trove_datastore.api import app

load_tests = testscenarios.load_tests_apply_scenarios

SQLITE_ONLY = [s for s in api_base.base.ENGINE_SCENARIOS
               if s[0] == 'sqlite']


class LinksTestCase(api_base.ApiTestCase):
    scenarios = SQLITE_ONLY

    def setUp(self):
        super().setUp()
        self.create_version()

    def hrefs(self, **kwargs):
        version = self.get('/datastores/mysql/versions', **kwargs).json[
            'versions'][0]
        return [link['href'] for link in version['links']]


class TestVersionDocument(LinksTestCase):

    def test_v1_0_answers_the_version_its_links_name(self):
        listed = self.get('/').json['versions'][0]
        href = listed['links'][0]['href']
        self.assertEqual('http://localhost/v1.0/', href)
        for path in ('/v1.0/', '/v1.0'):
            response = self.get(path)
            self.assertEqual(200, response.status_int, response.text)
            self.assertEqual({'version': listed}, response.json)

    def test_v1_0_needs_no_token_under_keystone_either(self):
        # Dispatched like "/", before authentication.
        self.conf.config(auth_strategy='keystone', group='api')
        keystone = webtest.TestApp(app.make_app())
        self.assertEqual(200, keystone.get('/v1.0/').status_int)


class TestLinksBehindAProxy(LinksTestCase):

    def test_forwarded_prefix_is_kept(self):
        self.assertEqual(
            ['http://localhost/database/v1.0/%s/datastores/versions/'
             % api_base.PROJECT, 'http://localhost/database/datastores/'
             'versions/'],
            [href.rsplit('/', 1)[0] + '/' for href in self.hrefs(
                headers={'X-Forwarded-Prefix': '/database/'})])
        self.assertEqual('http://localhost/database/v1.0/', self.get(
            '/', headers={'X-Forwarded-Prefix': '/database'}).json[
                'versions'][0]['links'][0]['href'])

    def test_prefix_ignored_when_proxy_headers_are_not_trusted(self):
        self.conf.config(enable_proxy_headers_parsing=False,
                         group='oslo_middleware')
        for href in self.hrefs(headers={'X-Forwarded-Prefix': '/database'}):
            self.assertNotIn('/database', href)

    def test_mount_point_of_the_wsgi_server_is_kept(self):
        response = self.app.get(
            '/v1.0/%s/datastores/mysql/versions' % api_base.PROJECT,
            extra_environ={'SCRIPT_NAME': '/database'})
        href = response.json['versions'][0]['links'][0]['href']
        self.assertTrue(href.startswith('http://localhost/database/v1.0/'),
                        href)

    def test_public_endpoint_wins(self):
        self.conf.config(public_endpoint='https://cloud.example.com/db/',
                         group='api')
        hrefs = self.hrefs(headers={'X-Forwarded-Prefix': '/ignored'})
        self.assertTrue(hrefs[0].startswith(
            'https://cloud.example.com/db/v1.0/%s/datastores/versions/'
            % api_base.PROJECT), hrefs)
        self.assertTrue(hrefs[1].startswith(
            'https://cloud.example.com/db/datastores/versions/'), hrefs)
        self.assertEqual('https://cloud.example.com/db/v1.0/', self.get(
            '/').json['versions'][0]['links'][0]['href'])


class TestDrainByFile(LinksTestCase):

    def test_disabled_by_file_is_503_without_an_error_line(self):
        path = os.path.join(self.useFixture(fixtures.TempDir()).path,
                            'healthcheck_disable')
        self.conf.register_opts(healthcheck_opts.DISABLE_BY_FILE_OPTS,
                                group='healthcheck')
        self.conf.config(backends=['database', 'disable_by_file'],
                         disable_by_file_path=path, group='healthcheck')
        self.app.app = app.make_app()
        self.assertEqual(200, self.app.get('/healthcheck').status_int)
        open(path, 'w').close()
        logs = self.useFixture(fixtures.FakeLogger(level='DEBUG'))
        response = self.app.get('/healthcheck', expect_errors=True)
        self.assertEqual(503, response.status_int, response.text)
        self.assertIn('DISABLED BY FILE', response.text)
        self.assertNotIn('ERROR', logs.output)
        self.assertNotIn('Traceback', logs.output)
