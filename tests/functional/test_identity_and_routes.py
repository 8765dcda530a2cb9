"""Who is calling and what they called: noauth trusts only what it
documents (no token, or the CLI's ``notused``, is the URL project's
administrator, ``user:project:roles`` is that identity, anything else is
401 - never an administrator), and a route that does not exist is 404
whatever the client accepts."""

from tests.fixtures import api_base

PROJECT = api_base.PROJECT
VERSION = {'version': {'name': '5.7.29', 'datastore_name': 'mysql',
                       'datastore_manager': 'mysql', 'active': True,
                       'image_tags': ['trove', 'mysql']}}

MALFORMED = [
    'garbage',
    'gAAAAABn0k3nS3cr3t9f2c4e9f2c4e',        # a Keystone-looking token
    'alice:%s' % PROJECT,                     # roles left out
    'alice:%s:admin:extra' % PROJECT,         # a field too many
    ':%s:admin' % PROJECT,                    # no user
    'alice::admin',                           # no project
    'alice:%s:admin,' % PROJECT,              # an empty role
    'alice:%s:ad min' % PROJECT,              # white space in a role
    'alice :%s:admin' % PROJECT,
    'alice:%s:,admin' % PROJECT,
    'notused:',
]


class TestNoAuthTokens(api_base.ApiTestCase):

    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def test_malformed_tokens_are_401_and_change_nothing(self):
        for token in MALFORMED:
            response = self.post('/mgmt/datastore-versions', VERSION,
                                 token=token)
            self.assertFault(response, 401, 'unauthorized')
            response = self.get('/mgmt/datastore-versions', token=token)
            self.assertFault(response, 401, 'unauthorized')
        self.assertEqual([], self.get('/mgmt/datastore-versions')
                         .json['versions'])

    def test_no_token_and_cli_placeholder_are_admin(self):
        self.create_version()
        for token in (None, 'notused'):
            response = self.get('/mgmt/datastore-versions', token=token)
            self.assertEqual(200, response.status_int, response.text)

    def test_well_formed_tokens_are_their_identity(self):
        self.create_version()
        member = self.get('/mgmt/datastore-versions',
                          token='alice:%s:member' % PROJECT)
        self.assertFault(member, 403, 'forbidden')
        admin = self.get('/mgmt/datastore-versions',
                         token='root:%s:reader,admin' % PROJECT)
        self.assertEqual(200, admin.status_int, admin.text)
        # No roles at all is a valid identity with no rights beyond a
        # plain user's.
        nobody = self.get('/mgmt/datastore-versions',
                          token='bob:%s:' % PROJECT)
        self.assertFault(nobody, 403, 'forbidden')

    def test_public_paths_need_no_token(self):
        for path in ('/', '/healthcheck'):
            response = self.app.get(path, headers={'X-Auth-Token': 'junk'},
                                    expect_errors=True)
            self.assertEqual(200, response.status_int, path)


class TestUnknownRoutes(api_base.ApiTestCase):
    """What troveclient sends (Accept: application/json) to a path or
    method no route serves is 404 itemNotFound, never Pecan's 406."""

    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def test_unknown_route_with_accept_json_is_404(self):
        for method, path in (('GET', '/v1.0/%s' % PROJECT),
                             ('GET', '/v1.0/%s/' % PROJECT),
                             ('GET', '/datastores/versions'),
                             ('POST', '/datastores/mysql/versions'),
                             ('DELETE', '/datastores/mysql/versions'),
                             ('DELETE', '/mgmt/datastores/versions/x/'
                                        'parameters'),
                             ('GET', '/no/such/route')):
            for accept in ('application/json', 'text/html', '*/*'):
                response = self.request(method, path,
                                        headers={'Accept': accept})
                self.assertFault(response, 404, 'itemNotFound')

    def test_path_values_are_never_code(self):
        # Names of the dispatch's own methods are plain path values: the
        # datastore "index" or "_route" is looked up like any other.
        for name in ('index', '_route', '_lookup', 'operation', 'not_found',
                     'version'):
            self.assertFault(self.get('/datastores/%s' % name), 404,
                             'itemNotFound',
                             "Datastore '%s' cannot be found." % name)
        for path in ('/v1.0/%s/_route' % PROJECT, '/_route', '/version',
                     '/operation', '/v1.0/_route'):
            self.assertFault(self.get(path), 404, 'itemNotFound',
                             'The resource could not be found.')

    def test_known_route_with_accept_json_is_served(self):
        response = self.get('/datastores',
                            headers={'Accept': 'application/json'})
        self.assertEqual(200, response.status_int, response.text)
