"""The OpenAPI description cannot drift from the code: it is a valid
OpenAPI 3.1 document, served without authentication, its request schemas
are the controllers' own, and the route table it is built from answers
exactly as the Pecan controllers do, on every engine."""

import inspect
import json

from openapi_spec_validator import validate as validate_openapi
import testscenarios

from trove_datastore.api.controllers import configurations
from trove_datastore.api.controllers import datastores
from trove_datastore.api.controllers import mgmt
from trove_datastore.api.controllers import parameters
from trove_datastore.api import openapi
from trove_datastore.api import routes
from trove_datastore.api import schema_messages
from trove_datastore import policies
from trove_datastore.policies import base as base_policies
from tests.fixtures import api_base
from tests.fixtures import route_world

load_tests = testscenarios.load_tests_apply_scenarios

CONTROLLER_MODULES = (datastores, mgmt, parameters, configurations)


def controller_schemas():
    """(controller class, action, schema) of every validated action."""
    found = []
    for module in CONTROLLER_MODULES:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for name, attribute in vars(cls).items():
                schema = getattr(attribute, 'request_schema', None)
                if schema is not None:
                    found.append((cls.__name__, name, schema))
    return found


class TestDocument(api_base.ApiTestCase):
    scenarios = [('sqlite', {'engine': 'sqlite'})]

    def test_valid_openapi_31(self):
        document = openapi.build_document()
        validate_openapi(document)
        self.assertEqual('3.1.0', document['openapi'])
        operations = [op for item in document['paths'].values()
                      for op in item.values()]
        self.assertEqual(len(routes.ROUTES), len(operations))
        self.assertEqual(len(operations),
                         len({op['operationId'] for op in operations}))

    def test_served_without_authentication(self):
        for strategy in ('noauth', 'keystone'):
            self.conf.config(auth_strategy=strategy, group='api')
            self.app = api_base.webtest.TestApp(api_base.app.make_app())
            response = self.app.get('/openapi.json')
            self.assertEqual(200, response.status_int)
            self.assertEqual('application/json', response.content_type)
            self.assertEqual(json.loads(json.dumps(
                openapi.build_document())), response.json)

    def test_only_get(self):
        for method in ('POST', 'PUT', 'PATCH', 'DELETE'):
            self.assertFault(self.request(method, '/openapi.json'), 404,
                             'itemNotFound')

    def test_request_schemas_are_the_controllers(self):
        in_controllers = controller_schemas()
        self.assertEqual(
            sorted(id(schema) for _, _, schema in in_controllers),
            sorted(id(route.schema) for route in routes.ROUTES
                   if route.schema is not None),
            in_controllers)
        document = openapi.build_document()
        for route in routes.ROUTES:
            operation = document['paths'][routes.PREFIX + route.path][
                route.method.lower()]
            if route.schema is None:
                self.assertNotIn('requestBody', operation)
            else:
                self.assertEqual(openapi.public_schema(route.schema),
                                 operation['requestBody']['content'][
                                     'application/json']['schema'])

    def test_patterns_are_described_in_words(self):
        # The validator's keyword becomes OpenAPI's own description.
        text = json.dumps(openapi.build_document())
        self.assertNotIn(schema_messages.DESCRIPTION, text)
        image = openapi.build_document()['paths'][
            routes.PREFIX + '/mgmt/datastore-versions']['post'][
            'requestBody']['content']['application/json']['schema'][
            'properties']['version']['properties']['image']
        self.assertTrue(image['description'].startswith(
            'Must be a Glance image id'), image)
        self.assertIn('pattern', image)

    def test_policy_rules_document_the_same_routes(self):
        documented = set()
        for rule in policies.list_rules():
            if rule in base_policies.list_rules():
                continue
            for operation in rule.operations:
                documented.add((rule.name, operation['method'],
                                operation['path']))
        self.assertEqual(
            documented,
            {(r.rule, r.method, routes.PREFIX + r.path)
             for r in routes.ROUTES})


class TestTableIsReality(api_base.ApiTestCase):
    """Every method on every path: the table's answer or a 404."""

    def test_every_method_on_every_path(self):
        world = route_world.World(self)
        table = {(r.path, r.method): r for r in routes.ROUTES}
        for path in routes.paths():
            sample = routes.ROUTES[[r.path for r in routes.ROUTES]
                                   .index(path)]
            for method in routes.METHODS:
                if (path, method) in table:
                    continue
                response = self.request(method, world.url(sample),
                                        body={})
                self.assertFault(response, 404, 'itemNotFound',
                                 'The resource could not be found.')
        for route in route_world.ordered_routes():
            response = self.request(
                route.method, world.url(route),
                body=route_world.BODIES.get(route.operation))
            self.assertEqual(route.status, response.status_int,
                             '%s %s: %s' % (route.method, route.path,
                                            response.text))
