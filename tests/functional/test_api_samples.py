"""The API reference's samples are what the API really sends and takes.

One story drives the real WSGI stack through every documented call, in
order: each request sample under doc/source/api/samples is the body
sent, and each response sample must equal the response once the ids the
service makes up and the timestamps are replaced by the placeholders the
samples use. Requests go through a TLS-terminating proxy's headers, so
links show the scheme and host a client would see.

To rewrite the samples after a deliberate change of the API:
``TD_WRITE_API_SAMPLES=1 tools/test.sh tests.functional.test_api_samples``
(then review the diff).
"""

import json
import os
import re

import testscenarios

from tests.fixtures import api_base

load_tests = testscenarios.load_tests_apply_scenarios

SAMPLES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), 'doc', 'source', 'api', 'samples')
WRITE = os.environ.get('TD_WRITE_API_SAMPLES', '') not in ('', '0')

HOST = 'trove.example.com:8779'
PROXY_HEADERS = {'Host': HOST, 'X-Forwarded-Proto': 'https'}
TIMESTAMP = '2026-11-26T12:00:00'
_TIMESTAMP = re.compile(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?=")')
_UUID = re.compile(r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-'
                   r'[0-9a-f]{12}')

# Ids the service makes up, shown in the samples as these.
PLACEHOLDERS = {
    'mysql': '11111111-1111-4111-8111-111111111111',
    ('mysql', '5.7.29'): '33333333-3333-4333-8333-333333333333',
    ('mysql', '8.0.36'): '44444444-4444-4444-8444-444444444444',
    'configuration': '66666666-6666-4666-8666-666666666666',
}
FIXED = {api_base.IMAGE_MYSQL_57, api_base.IMAGE_MYSQL_80,
         api_base.MISSING_IMAGE, api_base.PROJECT}


class ApiSamplesTest(api_base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.known = {}
        self.mismatches = []
        self.seen = set()

    # -- plumbing ---------------------------------------------------------

    def call(self, method, path, sample=None, status=200, token=None):
        """Send ``<sample>-request.json`` if it exists; check the response
        against ``<sample>-response.json`` when the call returns a body."""
        body = None
        if sample and os.path.exists(self._path(sample, 'request')):
            body = self._load(sample, 'request')
            self.seen.add('%s-request.json' % sample)
        response = self.request(method, path, body=body, token=token,
                                headers=PROXY_HEADERS)
        self.assertEqual(status, response.status_int, response.text)
        self._learn()
        if sample and response.text:
            self._compare(sample, response.json)
        elif sample:
            self.assertEqual('', response.text)
        return response

    def _learn(self):
        versions = self.get('/mgmt/datastore-versions').json['versions']
        for version in versions:
            self._assign(version['datastore_id'], version['datastore_name'])
            self._assign(version['id'], (version['datastore_name'],
                                         version['name']))
        for group in self.get('/configurations').json['configurations']:
            self._assign(group['id'], 'configuration')

    def _assign(self, real, key):
        self.known.setdefault(real, PLACEHOLDERS[key])

    def normalise(self, document):
        text = json.dumps(document, indent=2, sort_keys=True)
        text = _TIMESTAMP.sub(TIMESTAMP, text)

        def replace(match):
            value = match.group(0)
            if value in FIXED or value in PLACEHOLDERS.values():
                return value
            if value not in self.known:
                raise AssertionError('unexpected id %s in %s' % (value, text))
            return self.known[value]
        return json.loads(_UUID.sub(replace, text))

    def _path(self, sample, kind):
        return os.path.join(SAMPLES, '%s-%s.json' % (sample, kind))

    def _load(self, sample, kind):
        with open(self._path(sample, kind)) as handle:
            return json.load(handle)

    def _compare(self, sample, document):
        name = '%s-response.json' % sample
        self.seen.add(name)
        actual = self.normalise(document)
        if WRITE and self.engine == 'sqlite':
            with open(self._path(sample, 'response'), 'w') as handle:
                handle.write(json.dumps(actual, indent=4, sort_keys=True)
                             + '\n')
            return
        if not os.path.exists(self._path(sample, 'response')):
            self.mismatches.append('%s: no such sample' % name)
            return
        expected = self._load(sample, 'response')
        if expected != actual:
            self.mismatches.append(
                '%s differs from the response:\n%s' % (
                    name, json.dumps(actual, indent=4, sort_keys=True)))

    # -- the story ----------------------------------------------------------

    def test_samples_match_the_api(self):
        member = api_base.member_token()
        self.call('GET', '/', 'versions')

        # An administrator offers mysql 5.7.29 (by tags, default) and
        # 8.0.36 (by image id, hidden).
        self.call('POST', '/mgmt/datastore-versions', 'mgmt-version-create',
                  status=202)
        self.create_version('8.0.36', image=api_base.IMAGE_MYSQL_80,
                            active=False)
        v57 = self.version_id('5.7.29')
        v80 = self.version_id('8.0.36')
        self.call('GET', '/mgmt/datastore-versions', 'mgmt-versions-list')
        self.call('GET', '/mgmt/datastore-versions/%s' % v80,
                  'mgmt-version-show')
        self.call('PATCH', '/mgmt/datastore-versions/%s' % v80,
                  'mgmt-version-update', status=202)

        # What users see.
        self.call('GET', '/datastores', 'datastores-list', token=member)
        self.call('GET', '/datastores/mysql', 'datastore-show', token=member)
        self.call('GET', '/datastores/mysql/versions', 'versions-list',
                  token=member)
        self.call('GET', '/datastores/mysql/versions/5.7.29',
                  'version-show', token=member)
        self.call('GET', '/datastores/versions/%s' % v57,
                  'version-show-by-id-admin')

        # Parameter rules, administered and read.
        base = '/mgmt/datastores/versions/%s/parameters' % v57
        self.call('POST', base, 'mgmt-parameter-create')
        self.post(base, {'configuration-parameter': {
            'name': 'character_set_server', 'data_type': 'string',
            'restart_required': False,
            'allowed_values': ['latin1', 'utf8mb4']}})
        self.post(base, {'configuration-parameter': {
            'name': 'innodb_buffer_pool_size', 'data_type': 'integer',
            'restart_required': True, 'min_size': 5242880,
            'max_size': 18446744073709551615}})
        self.call('PUT', base + '/max_connections', 'mgmt-parameter-update')
        self.call('GET', base, 'mgmt-parameters-list')
        self.call('GET', base + '/max_connections', 'mgmt-parameter-show')
        self.call('GET', '/datastores/mysql/versions/5.7.29/parameters',
                  'parameters-list', token=member)
        self.call('GET', '/datastores/mysql/versions/5.7.29/parameters/'
                  'max_connections', 'parameter-show', token=member)
        self.call('GET', '/datastores/versions/%s/parameters' % v57,
                  'parameters-list-by-id', token=member)
        self.post(base, {'configuration-parameter': {
            'name': 'old_passwords', 'data_type': 'integer',
            'restart_required': False, 'min_size': 0, 'max_size': 2}})
        self.call('DELETE', base + '/old_passwords', 'mgmt-parameter-delete',
                  status=204)

        # A user's configuration group.
        self.call('POST', '/configurations', 'configuration-create',
                  token=member)
        group = self.get('/configurations', token=member).json[
            'configurations'][0]['id']
        self.call('GET', '/configurations', 'configurations-list',
                  token=member)
        self.call('PATCH', '/configurations/%s' % group,
                  'configuration-patch', token=member)
        self.call('PUT', '/configurations/%s' % group, 'configuration-update',
                  status=202, token=member)
        self.call('GET', '/configurations/%s' % group, 'configuration-show',
                  token=member)

        # Would the group hold on 8.0.36? (An extension of Trove's API.)
        self.post('/mgmt/datastores/versions/%s/parameters' % v80, {
            'configuration-parameter': {
                'name': 'max_connections', 'data_type': 'integer',
                'restart_required': False, 'min_size': 1,
                'max_size': 500}})
        self.call('GET', '/configurations/%s/check?datastore_version=%s'
                  % (group, v80), 'configuration-check', token=member)

        # Errors.
        self.call('GET', '/datastores/nosuch', 'error-not-found', status=404,
                  token=member)
        self.call('DELETE', '/datastores/mysql', 'error-conflict',
                  status=409)
        self.call('POST', '/configurations', 'error-invalid-value',
                  status=422, token=member)
        self.call('POST', '/configurations', 'error-invalid-values',
                  status=422, token=member)
        self.call('POST', '/mgmt/datastore-versions', 'error-bad-request',
                  status=400)
        self.call('POST', '/mgmt/datastore-versions', 'error-schema',
                  status=400)
        self.call('POST', '/mgmt/datastore-versions', 'error-forbidden',
                  status=403, token=member)

        self.call('DELETE', '/configurations/%s' % group,
                  'configuration-delete', status=202, token=member)
        self.call('DELETE', '/mgmt/datastore-versions/%s' % v80,
                  'mgmt-version-delete', status=202)

        self.assertEqual([], self.mismatches, '\n'.join(self.mismatches))
        on_disk = set(name for name in os.listdir(SAMPLES)
                      if name.endswith('.json'))
        self.assertEqual(set(), on_disk - self.seen,
                         'samples no test sends or checks')
