"""The route table, the OpenAPI description and the policy rules'
operations cannot drift from the code: all three are derived from the
operations the controllers declare; the document is a valid OpenAPI 3.1
document, served without authentication; the table answers exactly as
the app does, on every engine; and every answer with a body validates
against the response schema the document publishes."""

import importlib
import json
import pkgutil

import jsonschema
from openapi_spec_validator import validate as validate_openapi
import testscenarios

from trove_datastore.api import controllers
from trove_datastore.api import openapi
from trove_datastore.api import routes
from trove_datastore import policies
from trove_datastore.policies import base as base_policies
from trove_datastore import schema_messages
from tests.fixtures import api_base
from tests.fixtures import route_world

load_tests = testscenarios.load_tests_apply_scenarios


def declared_operations():
    """Every operation declared in any module of the controllers
    package, found without the table's own list of modules."""
    found = []
    for info in pkgutil.iter_modules(controllers.__path__):
        module = importlib.import_module(
            '%s.%s' % (controllers.__name__, info.name))
        for value in vars(module).values():
            found.extend(getattr(value, 'operations', ()))
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

    def test_table_is_every_declaration(self):
        declared = declared_operations()
        self.assertEqual(len(declared), len(routes.ROUTES))
        self.assertEqual({id(op) for op in declared},
                         {id(route) for route in routes.ROUTES})
        self.assertEqual(
            len(routes.ROUTES),
            len({(r.method, r.path) for r in routes.ROUTES}))
        document = openapi.build_document()
        for route in routes.ROUTES:
            operation = document['paths'][routes.PREFIX + route.path][
                route.method.lower()]
            self.assertEqual(route.rule, operation['x-policy-rule'])
            if route.schema is None:
                self.assertNotIn('requestBody', operation)
            else:
                self.assertEqual(openapi.public_schema(route.schema),
                                 operation['requestBody']['content'][
                                     'application/json']['schema'])
            answer = operation['responses'][str(route.status)]
            if route.response is None:
                self.assertNotIn('content', answer)
            else:
                self.assertEqual(route.response, answer['content'][
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
            self.assertTrue(rule.operations, rule.name)
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


class TestAnswersMatchTheDocument(api_base.ApiTestCase):
    """Every answer with a body, of every route, for the project's
    administrator and for a member (who sees fewer fields), validates
    against the response schema its declaration publishes."""

    scenarios = [('sqlite', {'engine': 'sqlite'}),
                 ('postgresql', {'engine': 'postgresql'})]

    def check(self, route, response):
        if response.status_int >= 300 or not response.body:
            return 0
        self.assertIsNotNone(route.response, route.operation)
        jsonschema.Draft4Validator(route.response).validate(response.json)
        return 1

    def test_every_answer_validates(self):
        world = route_world.World(self)
        checked = set()
        for token in (None, api_base.member_token()):
            for route in routes.ROUTES:
                if route.method != 'GET':
                    continue
                response = self.request('GET', world.url(route), token=token)
                if self.check(route, response):
                    checked.add(route.operation)
                # A page with a next link too.
                if route.paged:
                    response = self.request(
                        'GET', world.url(route) + '?limit=1', token=token)
                    self.check(route, response)
        for route in route_world.ordered_routes():
            if route.method == 'GET':
                continue
            response = self.request(
                route.method, world.url(route),
                body=route_world.BODIES.get(route.operation))
            if self.check(route, response):
                checked.add(route.operation)
        self.assertEqual(
            {r.operation for r in routes.ROUTES if r.response is not None},
            checked)
