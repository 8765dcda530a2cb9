"""A plain GET through api/plain_get.py leaves the environ and the
response exactly as oslo.middleware's HTTPProxyToWSGI, RequestId and
CORS do (the request id aside, which is new on every request)."""

import io

from oslo_config import cfg
from oslo_middleware import cors
from oslo_middleware import http_proxy_to_wsgi
from oslo_middleware import request_id
import testtools

from trove_datastore.api import plain_get

KEYS = ('wsgi.url_scheme', 'HTTP_HOST', 'REMOTE_ADDR', 'SCRIPT_NAME',
        request_id.GLOBAL_REQ_ID)
GLOBAL_ID = 'req-01234567-89ab-cdef-0123-456789abcdef'

CASES = [
    {},
    {'HTTP_X_FORWARDED_PROTO': 'https', 'HTTP_X_FORWARDED_HOST': 'api.example',
     'HTTP_X_FORWARDED_FOR': '192.0.2.7', 'HTTP_X_FORWARDED_PREFIX': '/trove'},
    {'HTTP_FORWARDED': 'for=192.0.2.60;proto=https;host=h.example,for=1.2.3.4',
     'HTTP_X_FORWARDED_PROTO': 'http'},
    {'HTTP_FORWARDED': 'by=203.0.113.43'},
    {'HTTP_X_OPENSTACK_REQUEST_ID': GLOBAL_ID},
    {'HTTP_X_OPENSTACK_REQUEST_ID': 'req-not-an-id'},
]


def environ(extra):
    env = {'REQUEST_METHOD': 'GET', 'PATH_INFO': '/v1.0/p/datastores',
           'SCRIPT_NAME': '', 'QUERY_STRING': '', 'SERVER_NAME': 'localhost',
           'SERVER_PORT': '8779', 'HTTP_HOST': 'localhost:8779',
           'REMOTE_ADDR': '127.0.0.1', 'SERVER_PROTOCOL': 'HTTP/1.1',
           'wsgi.url_scheme': 'http', 'wsgi.input': io.BytesIO(b'')}
    env.update(extra)
    return env


class Recorder(object):

    def __init__(self, headers):
        self.headers = headers
        self.seen = None

    def __call__(self, env, start_response):
        self.seen = dict(env)
        start_response('200 OK', list(self.headers))
        return [b'{}']


def call(application, env):
    started = []

    def start_response(status, headers, exc_info=None):
        started[:] = [status, headers]

    body = b''.join(application(env, start_response))
    return started[0], started[1], body


class TestPlainGet(testtools.TestCase):

    def stacks(self, headers, proxy_parsing=True):
        conf = cfg.ConfigOpts()
        conf([], project='trove-datastore-test')
        conf.register_opts(http_proxy_to_wsgi.OPTS, group='oslo_middleware')
        conf.set_override('enable_proxy_headers_parsing', proxy_parsing,
                          group='oslo_middleware')
        inner = Recorder(headers)
        full = http_proxy_to_wsgi.HTTPProxyToWSGI(
            request_id.RequestId(cors.CORS(inner, conf), conf), conf)
        return inner, full, plain_get.PlainGet(inner, full, conf)

    def compare(self, headers, extra, proxy_parsing=True):
        inner, full, fast = self.stacks(headers, proxy_parsing)
        status, old_headers, old_body = call(full, environ(extra))
        old_env = inner.seen
        new = call(fast, environ(extra))
        new_env = inner.seen
        for key in KEYS:
            self.assertEqual(old_env.get(key), new_env.get(key), key)
        self.assertTrue(new_env[request_id.ENV_REQUEST_ID].startswith('req-'))
        ids = [value for name, value in new[1]
               if name == request_id.HTTP_RESP_HEADER_REQUEST_ID]
        own = [name for name, _ in headers if name.lower() == 'x-openstack-'
               'request-id']
        if not own:
            self.assertEqual([new_env[request_id.ENV_REQUEST_ID]], ids)

        def without_id(items):
            return [(n, v) for n, v in items
                    if n != request_id.HTTP_RESP_HEADER_REQUEST_ID]
        self.assertEqual((status, without_id(old_headers), old_body),
                         (new[0], without_id(new[1]), new[2]))

    def test_proxy_and_request_id_headers_as_oslo_middleware(self):
        for extra in CASES:
            self.compare([('Content-Type', 'application/json')], extra)
            self.compare([('Content-Type', 'application/json')], extra,
                         proxy_parsing=False)

    def test_location_made_absolute_and_own_request_id_kept(self):
        self.compare([('Location', '/v1.0/p/datastores/x'),
                      ('X-OpenStack-Request-Id', 'req-mine')],
                     CASES[1])
        inner, full, fast = self.stacks([('x-openstack-request-id', 'mine')])
        status, headers, body = call(fast, environ({}))
        self.assertEqual([('x-openstack-request-id', 'mine')], headers)

    def test_other_requests_take_the_full_stack(self):
        inner, full, fast = self.stacks([])
        for extra in ({'REQUEST_METHOD': 'HEAD'},
                      {'REQUEST_METHOD': 'POST'},
                      {'HTTP_ORIGIN': 'https://dashboard.example'}):
            status, headers, body = call(fast, environ(extra))
            # WebOb's response gives a HEAD no body.
            self.assertEqual(b'' if extra.get('REQUEST_METHOD') == 'HEAD'
                             else b'{}', body)
            self.assertIn(request_id.HTTP_RESP_HEADER_REQUEST_ID,
                          [name for name, _ in headers])
