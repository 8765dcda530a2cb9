"""Who may do what: every route of the table for the project's
administrator, a member of the project, a member of another project and a
caller without a token, on every engine; configuration groups invisible
across projects; policy file overrides; nothing secret in error bodies
or logs."""

import json
import os
import urllib.error
import urllib.request

import fixtures
import testscenarios

from trove_datastore.api import app
from trove_datastore.api import routes
from tests.fixtures import server
from tests.fixtures import api_base
from tests.fixtures.faults import assert_clean_fault
from tests.fixtures import route_world

load_tests = testscenarios.load_tests_apply_scenarios

MEMBER = api_base.member_token()
OTHER = api_base.OTHER_PROJECT
OTHER_MEMBER = api_base.member_token(project=OTHER, user='bob')
OTHER_ADMIN = 'carol:%s:admin' % OTHER

# Written out rather than derived from the policy defaults, so that a
# changed default is caught here.
ADMIN_ONLY = frozenset([
    'deleteDatastore',
    'mgmtListVersions', 'mgmtCreateVersion', 'mgmtShowVersion',
    'mgmtUpdateVersion', 'mgmtDeleteVersion',
    'mgmtListParameters', 'mgmtCreateParameter', 'mgmtShowParameter',
    'mgmtUpdateParameter', 'mgmtDeleteParameter',
])

class TestMatrix(api_base.ApiTestCase):
    """One walk of the table per identity, deletes last."""

    def walk(self, token=None, expected=None, project=api_base.PROJECT):
        world = route_world.World(self)
        cells = []
        for route in route_world.ordered_routes():
            before = route_world.snapshot(self.db.engine)
            response = self.request(
                route.method, world.url(route, project=project),
                body=route_world.BODIES.get(route.operation), token=token)
            want = expected(route)
            cells.append((route.operation, want, response.status_int))
            if response.status_int >= 400:
                assert_clean_fault(self, response)
                if route.status < 400:
                    self.assertEqual(before,
                                     route_world.snapshot(self.db.engine),
                                     route.operation)
        self.assertEqual([(op, want, want) for op, want, _ in cells],
                         [(op, want, got) for op, want, got in cells])
        self.assertEqual(len(routes.ROUTES), len(cells))

    def test_admin_of_the_project(self):
        self.walk(expected=lambda route: route.status)

    def test_member_of_the_project(self):
        self.walk(token=MEMBER, expected=lambda route: (
            403 if route.operation in ADMIN_ONLY else route.status))

    def test_member_of_another_project(self):
        # The URL's project is not the caller's: refused before anything.
        self.walk(token=OTHER_MEMBER, expected=lambda route: 403)

    def test_no_token(self):
        self.conf.config(auth_strategy='keystone', group='api')
        self.conf.config(www_authenticate_uri='http://keystone.invalid/',
                         group='keystone_authtoken')
        world = route_world.World(self)
        self.app = api_base.webtest.TestApp(app.make_app())
        before = route_world.snapshot(self.db.engine)
        for route in routes.ROUTES:
            response = self.request(
                route.method, world.url(route),
                body=route_world.BODIES.get(route.operation))
            self.assertEqual(401, response.status_int, route.operation)
            self.assertEqual('unauthorized', assert_clean_fault(
                self, response))
        self.assertEqual(before, route_world.snapshot(self.db.engine))


class TestGroupsAcrossProjects(api_base.ApiTestCase):
    """Another project's group does not exist for a member (404, not
    403); administrators reach every project's groups."""

    def test_invisible_to_another_project(self):
        world = route_world.World(self)
        gid = world.configuration_id
        before = route_world.snapshot(self.db.engine)
        for route in routes.ROUTES:
            if '{configuration_id}' not in route.path:
                continue
            response = self.request(
                route.method, world.url(route, project=OTHER),
                body=route_world.BODIES.get(route.operation),
                token=OTHER_MEMBER)
            self.assertEqual(404, response.status_int, route.operation)
            self.assertEqual('itemNotFound',
                             assert_clean_fault(self, response))
            self.assertNotIn(gid[:8], response.text.replace(gid, ''))
        listed = self.get('/v1.0/%s/configurations' % OTHER,
                          token=OTHER_MEMBER)
        self.assertEqual({'configurations': []}, listed.json)
        self.assertEqual(before, route_world.snapshot(self.db.engine))

    def test_administrator_of_another_project(self):
        world = route_world.World(self)
        shown = self.get('/v1.0/%s/configurations/%s'
                         % (OTHER, world.configuration_id),
                         token=OTHER_ADMIN)
        self.assertEqual(200, shown.status_int, shown.text)


class TestPolicyFile(api_base.ApiTestCase):
    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def test_overrides_take_effect(self):
        world = route_world.World(self)
        policy_file = os.path.join(
            self.useFixture(fixtures.TempDir()).path, 'policy.yaml')
        with open(policy_file, 'w') as stream:
            stream.write('"datastore:index": "rule:admin"\n'
                         '"datastore_version:index": ""\n'
                         '"configuration:show": "role:auditor"\n')
        api_base.app.set_middleware_defaults()
        from trove_datastore import policy
        policy.get_enforcer()
        self.conf.config(policy_file=policy_file, group='oslo_policy')
        policy.reset()
        self.assertFault(self.get('/datastores', token=MEMBER), 403,
                         'forbidden', 'datastore:index')
        self.assertEqual(200, self.get('/mgmt/datastore-versions',
                                       token=MEMBER).status_int)
        group = '/configurations/%s' % world.configuration_id
        self.assertFault(self.get(group, token=MEMBER), 403, 'forbidden')
        auditor = 'dave:%s:auditor' % api_base.PROJECT
        self.assertEqual(200, self.get(group, token=auditor).status_int)
        # Rules the file does not name keep their defaults.
        self.assertFault(self.delete('/datastores/mysql', token=MEMBER),
                         403, 'forbidden')


class TestLogs(api_base.ApiTestCase):
    """A real server with debug logging: tokens and sensitive values are
    never written to its logs."""

    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def test_no_token_or_secret_in_logs(self):
        service = self.useFixture(server.Service(
            extra_conf='[DEFAULT]\ndebug = True\n'))
        # A noauth administrator's token (anything else is refused).
        token = 'admin:%s:admin,S3cr3t%s' % (server.PROJECT, '9f2c4e' * 8)
        base = service.endpoint()

        def call(method, path, body=None):
            data = json.dumps(body).encode() if body is not None else None
            request = urllib.request.Request(
                base + path, data=data, method=method,
                headers={'X-Auth-Token': token,
                         'Content-Type': 'application/json'})
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    return answer.status, answer.read()
            except urllib.error.HTTPError as error:
                return error.code, error.read()

        status, _ = call('POST', '/mgmt/datastore-versions', {'version': {
            'name': '5.7.29', 'datastore_name': 'mysql',
            'datastore_manager': 'mysql', 'active': True,
            'image_tags': ['trove', 'mysql']}})
        self.assertEqual(202, status)
        rules = os.path.join(route_world.FILES, 'extensions.json')
        service.manage('db_load_datastore_config_parameters', 'mysql',
                       '5.7.29', rules)
        secret = 'passphrase-5d1e9b'
        status, body = call('POST', '/configurations', {'configuration': {
            'name': 'g', 'values': {'report_password': secret},
            'datastore': {'type': 'mysql', 'version': '5.7.29'}}})
        self.assertEqual(200, status, body)
        self.assertNotIn(secret.encode(), body)
        gid = json.loads(body)['configuration']['id']
        status, body = call('PATCH', '/configurations/%s' % gid,
                            {'configuration': {'values': {
                                'report_password': secret + 'x'}}})
        self.assertEqual(200, status, body)
        call('PATCH', '/configurations/%s' % gid,
             {'configuration': {'values': {'report_password': 7}}})
        call('GET', '/configurations/%s' % gid)
        service._stop()
        log = ''
        for name in ('api.log', 'stderr.log'):
            with open(os.path.join(service.dir, name)) as stream:
                log += stream.read()
        self.assertIn('DEBUG', log)
        self.assertNotIn(token, log)
        self.assertNotIn(secret, log)
