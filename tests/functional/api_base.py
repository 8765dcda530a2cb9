"""HTTP tests: the real WSGI stack (middleware, Pecan, manager, database)
driven with webtest, on every database engine."""

import json

import webtest

from trove_datastore.api import app
from tests import base

PROJECT = 'f2b4a2b5d1c44ec8a5c1d5e9c0d1e2f3'
OTHER_PROJECT = '0a9c8b7d6e5f4a3b2c1d0e9f8a7b6c5d'
IMAGE_MYSQL_57 = '9d5d9f3c-2b7e-4a55-9f39-6f1a3d6f0c01'
IMAGE_MYSQL_80 = '2f6a4e2d-8c4b-4d8e-a1f3-7b2c5d9e0a02'
IMAGE_POSTGRESQL = 'c1e0b6a4-5f3d-4c2b-9e8a-1d7f6b5a4c03'
IMAGE_QUEUED = '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c05'
MISSING_IMAGE = '00000000-0000-4000-8000-000000000000'


def member_token(project=PROJECT, user='alice'):
    return '%s:%s:member' % (user, project)


class ApiTestCase(base.DatabaseTestCase):
    scenarios = base.ENGINE_SCENARIOS

    def setUp(self):
        super().setUp()
        self.conf.config(auth_strategy='noauth', group='api')
        app.set_middleware_defaults()
        self.app = webtest.TestApp(app.make_app())
        self.base = '/v1.0/%s' % PROJECT

    def request(self, method, path, body=None, token=None, status=None,
                headers=None, raw=None):
        headers = dict(headers or {})
        if token:
            headers['X-Auth-Token'] = token
        if body is not None or raw is not None:
            headers['Content-Type'] = 'application/json'
            raw = raw if raw is not None else json.dumps(body)
        url = path if path.startswith('/') and path.startswith('/v1.0') \
            or path == '/' else self.base + path
        return self.app.request(url, method=method, body=(raw or '').encode()
                                if isinstance(raw, str) else raw,
                                headers=headers, status=status,
                                expect_errors=True)

    def get(self, path, **kwargs):
        return self.request('GET', path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.request('POST', path, body=body, **kwargs)

    def patch(self, path, body=None, **kwargs):
        return self.request('PATCH', path, body=body, **kwargs)

    def put(self, path, body=None, **kwargs):
        return self.request('PUT', path, body=body, **kwargs)

    def delete(self, path, **kwargs):
        return self.request('DELETE', path, **kwargs)

    def assertFault(self, response, code, fault, message=None):
        self.assertEqual(code, response.status_int, response.text)
        self.assertEqual('application/json', response.content_type)
        body = response.json
        self.assertEqual([fault], list(body), body)
        self.assertEqual(code, body[fault]['code'])
        if message is not None:
            self.assertIn(message, body[fault]['message'])
        return body[fault]['message']

    def create_version(self, name='5.7.29', datastore='mysql', manager='mysql',
                       status=202, **fields):
        version = {'name': name, 'datastore_name': datastore,
                   'datastore_manager': manager, 'active': True}
        if 'image' not in fields and 'image_tags' not in fields:
            fields['image_tags'] = ['trove', 'mysql']
        version.update(fields)
        response = self.post('/mgmt/datastore-versions',
                             {'version': version})
        self.assertEqual(status, response.status_int, response.text)
        return response

    def version_id(self, name, datastore='mysql'):
        listing = self.get('/mgmt/datastore-versions').json['versions']
        for version in listing:
            if version['name'] == name and \
                    version['datastore_name'] == datastore:
                return version['id']
        raise AssertionError('no version %s of %s' % (name, datastore))
