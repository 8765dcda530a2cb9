"""The fault wrapper: every error leaves in Trove's single-key shape."""

import json

import testtools
import webob
import webtest

from trove_datastore.api import fault
from trove_datastore import exception


def _app(status, body, content_type):
    def application(environ, start_response):
        response = webob.Response(status=status, body=body,
                                  content_type=content_type, charset=None)
        response.headers['WWW-Authenticate'] = 'Keystone uri="x"'
        return response(environ, start_response)
    return application


def _raises(environ, start_response):
    raise RuntimeError('SELECT secret FROM internal-host.example')


class FaultWrapperTest(testtools.TestCase):

    def call(self, application):
        return webtest.TestApp(fault.FaultWrapper(application)).get(
            '/', expect_errors=True)

    def test_foreign_json_errors_are_reshaped(self):
        body = json.dumps({'error': {'code': 401, 'title': 'Unauthorized',
                                     'message': 'token invalid'}}).encode()
        response = self.call(_app(401, body, 'application/json'))
        self.assertEqual(401, response.status_int)
        self.assertEqual(['unauthorized'], list(response.json))
        self.assertEqual(401, response.json['unauthorized']['code'])
        self.assertEqual('Keystone uri="x"',
                         response.headers['WWW-Authenticate'])

    def test_html_errors_are_reshaped_and_405_is_404(self):
        response = self.call(_app(405, b'<html/>', 'text/html'))
        self.assertEqual(404, response.status_int)
        self.assertEqual(['itemNotFound'], list(response.json))

    def test_faults_pass_through(self):
        body = json.dumps({'badRequest': {'code': 400,
                                          'message': 'm'}}).encode()
        response = self.call(_app(400, body, 'application/json'))
        self.assertEqual({'badRequest': {'code': 400, 'message': 'm'}},
                         response.json)

    def test_unexpected_errors_hide_the_details(self):
        response = self.call(_raises)
        self.assertEqual(500, response.status_int)
        message = response.json['instanceFault']['message']
        self.assertIn('Please keep this ID', message)
        self.assertNotIn('SELECT', response.text)
        self.assertNotIn('internal-host', response.text)

    def test_several_problems_keep_their_lines(self):
        problems = ['The configuration parameter a is not supported.',
                    'The configuration parameter b is not supported.']

        def several(environ, start_response):
            raise exception.ConfigurationValuesInvalid(problems)

        response = self.call(several)
        self.assertEqual(422, response.status_int)
        self.assertEqual(
            '2 configuration values are invalid:\n' + '\n'.join(problems),
            response.json['unprocessableEntity']['message'])
