"""Property-based fuzzing of every route of the table with hypothesis,
on every engine: valid bodies generated from the controllers' own JSON
schemas, broken and hostile bodies, odd paths, queries and headers.

Whatever is sent: no 500, every error in the contract's single-key
shape with nothing internal in it, a success only with the route's
status, and the database unchanged by every rejected request.

The suite runs a few examples per route (derandomized, so a run is
reproducible); TD_FUZZ_EXAMPLES raises it (``tox -e fuzz``).
"""

import collections
import json
import os
from urllib import parse

import hypothesis
from hypothesis import strategies as st
import jsonschema
import testscenarios

from trove_datastore.api import routes
from tests.fixtures import api_base
from tests.fixtures import route_world
from tests.fixtures import faults

load_tests = testscenarios.load_tests_apply_scenarios

EXAMPLES = int(os.environ.get('TD_FUZZ_EXAMPLES', '6'))
# Per-run figures: examples tried per (kind, operation), and statuses.
TRIED = collections.Counter()
STATUSES = collections.Counter()

BODY_ROUTES = [r for r in routes.ROUTES if r.schema is not None]
LIST_ROUTES = [r for r in routes.ROUTES if r.queries]


def settings(per_route, count):
    return hypothesis.settings(
        max_examples=max(1, EXAMPLES * per_route * count),
        deadline=None, derandomize=True, database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
        print_blob=True)


# Strings meant to break things: lone surrogates, NUL, path tricks, SQL
# and format characters, and very long text.
NASTY_TEXT = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=st.characters(min_codepoint=0xd800,
                                   max_codepoint=0xdfff), min_size=1,
            max_size=3),
    st.sampled_from([
        '', ' ', '\x00', '.', '..', '../..', '/', '%2F', '%2e%2e',
        "'; DROP TABLE datastores; --", '%s%s%(x)s', '{0}', '\\',
        'NaN', 'Infinity', '-0', '1e400', '\u202e\u0000', 'mysql',
        '5.7.29', 'x' * 300, 'y' * 5000, '\U0001F600' * 64,
        '00000000-0000-4000-8000-000000000000',
    ]),
)
NUMBERS = st.one_of(
    st.integers(), st.integers(min_value=2 ** 63 - 2, max_value=2 ** 65),
    st.sampled_from([10 ** 400, -10 ** 400, 1e308, -0.0]),
    st.floats(allow_nan=False, allow_infinity=False))
JSON = st.recursive(
    st.none() | st.booleans() | NUMBERS | NASTY_TEXT,
    lambda children: (st.lists(children, max_size=4)
                      | st.dictionaries(NASTY_TEXT, children, max_size=4)),
    max_leaves=12)


def from_schema(schema):
    """Documents valid under the (draft 4) subset of JSON Schema the
    request schemas use."""
    if 'anyOf' in schema:
        return st.one_of([from_schema(s) for s in schema['anyOf']])
    if 'enum' in schema:
        return st.sampled_from(schema['enum'])
    types = schema.get('type', 'object')
    if isinstance(types, list):
        return st.one_of([from_schema(dict(schema, type=t))
                          for t in types])
    if types == 'object':
        properties = schema.get('properties', {})
        required = schema.get('required', [])
        optional = {name: from_schema(sub) for name, sub
                    in properties.items() if name not in required}
        if not properties:
            # Free-form objects (configuration values): small ones.
            return st.dictionaries(st.text(max_size=12), JSON, max_size=3)
        return st.fixed_dictionaries(
            {name: from_schema(properties[name]) for name in required},
            optional=optional)
    if types == 'array':
        return st.lists(from_schema(schema.get('items', {})),
                        min_size=schema.get('minItems', 0),
                        max_size=min(schema.get('maxItems', 5), 5),
                        unique=schema.get('uniqueItems', False))
    if types == 'string':
        low, high = schema.get('minLength', 0), schema.get('maxLength', 64)
        if 'pattern' in schema:
            text = st.from_regex(schema['pattern'])
        else:
            text = st.text(max_size=min(high, 64))
        return text.filter(lambda value: low <= len(value) <= high)
    if types == 'integer':
        return NUMBERS.filter(lambda value: isinstance(value, int))
    if types == 'number':
        return NUMBERS
    if types == 'boolean':
        return st.booleans()
    return st.none()


def _valid(route):
    validator = jsonschema.Draft4Validator(route.schema)
    return from_schema(route.schema).filter(validator.is_valid)


def _set_at(document, path, value):
    """A copy of ``document`` with ``value`` at ``path`` (a list of
    keys), creating objects on the way."""
    if not path:
        return value
    base = dict(document) if isinstance(document, dict) else {}
    base[path[0]] = _set_at(base.get(path[0]), path[1:], value)
    return base


@st.composite
def _mutated(draw, route):
    """A valid body with one key, at some depth, set to anything."""
    document = draw(_valid(route))
    path, current = [], document
    while isinstance(current, dict) and current and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(current)))
        path.append(key)
        current = current[key]
    path.append(draw(st.one_of(st.sampled_from(
        sorted(current) if isinstance(current, dict) and current
        else ['x']), NASTY_TEXT)))
    return _set_at(document, path, draw(JSON))


def _encoded(document):
    return json.dumps(document, allow_nan=False).encode()


def bodies(route):
    """Raw request bodies for ``route``: valid, mutated, arbitrary JSON,
    and bytes that are not JSON at all."""
    return st.one_of(
        _valid(route).map(_encoded),
        _mutated(route).map(_encoded),
        JSON.map(_encoded),
        st.binary(max_size=64),
        st.sampled_from([b'', b' ', b'null', b'[]', b'{}', b'NaN',
                         b'{"a": Infinity}', b'\xff\xfe{}', b'1e400',
                         b'{"version": {"name": "\\ud800"}}',
                         b'{"configuration": {"values": 1e400}}']))


def path_values(route):
    """Each path parameter either its real value or a hostile one, quoted
    whole or left with its slashes and dots."""
    names = routes.parameters_of(routes.PREFIX + route.path)
    return st.fixed_dictionaries({
        name: st.one_of(st.none(), st.tuples(NASTY_TEXT, st.booleans()))
        for name in names if name != 'project_id'})


HEADER_TEXT = st.text(alphabet=st.characters(min_codepoint=32,
                                             max_codepoint=255),
                      max_size=80)


class FuzzTestCase(api_base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.engine_to_check = route_world.documented_connection(self)
        self.world = route_world.World(self)

    def check(self, kind, route, response, before):
        """The invariants of every answer."""
        TRIED[(kind, route.operation)] += 1
        STATUSES[response.status_int] += 1
        status = response.status_int
        environ = response.request.environ
        where = '%s %r?%r -> %s %s' % (
            route.method, environ.get('PATH_INFO'),
            environ.get('QUERY_STRING'), status, response.text[:300])
        self.assertNotEqual(500, status, where)
        if status >= 400:
            faults.assert_clean_fault(self, response)
            after = route_world.snapshot(self.engine_to_check)
            self.assertEqual(before, after, where)
        else:
            self.assertEqual(route.status, status, where)

    def send(self, route, url, raw=None, headers=None, token=None):
        headers = dict(headers or {})
        if raw is not None:
            headers.setdefault('Content-Type', 'application/json')
        if token:
            headers['X-Auth-Token'] = token
        return self.app.request(url, method=route.method, body=raw,
                                headers=headers, expect_errors=True)

    @hypothesis.given(data=st.data())
    @settings(len(BODY_ROUTES), 4)
    def test_bodies(self, data):
        route = data.draw(st.sampled_from(BODY_ROUTES))
        raw = data.draw(bodies(route))
        before = route_world.snapshot(self.engine_to_check)
        response = self.send(route, self.world.url(route), raw=raw)
        self.check('body', route, response, before)

    @hypothesis.given(data=st.data())
    @settings(len(routes.ROUTES), 1)
    def test_paths(self, data):
        route = data.draw(st.sampled_from(routes.ROUTES))
        chosen = data.draw(path_values(route))
        url = routes.PREFIX + route.path
        values = dict(self.world.values)
        for name in routes.parameters_of(url):
            value = chosen.get(name)
            if value is None:
                text, whole = str(values[name]), True
            else:
                text, whole = value
            quoted = parse.quote(
                text.encode('utf-8', 'surrogatepass'),
                safe='' if whole else '/.%')
            url = url.replace('{%s}' % name, quoted)
        body = route_world.BODIES.get(route.operation)
        before = route_world.snapshot(self.engine_to_check)
        response = self.send(route, url, raw=None if body is None
                             else _encoded(body))
        self.check('path', route, response, before)

    @hypothesis.given(data=st.data())
    @settings(len(LIST_ROUTES), 1)
    def test_queries(self, data):
        route = data.draw(st.sampled_from(LIST_ROUTES))
        query = data.draw(st.dictionaries(
            st.sampled_from(list(route.queries) + ['x', 'limit[]', '']),
            st.one_of(NASTY_TEXT, NUMBERS.map(str)), max_size=3))
        url = '%s?%s' % (self.world.url(route, query=False), parse.urlencode(
            {k: v.encode('utf-8', 'surrogatepass')
             for k, v in query.items()}))
        before = route_world.snapshot(self.engine_to_check)
        response = self.send(route, url)
        self.check('query', route, response, before)

    @hypothesis.given(data=st.data())
    @settings(len(routes.ROUTES), 1)
    def test_headers(self, data):
        route = data.draw(st.sampled_from(routes.ROUTES))
        headers = data.draw(st.dictionaries(st.sampled_from([
            'Content-Type', 'Accept', 'X-Forwarded-Proto',
            'X-Forwarded-Host', 'X-Openstack-Request-Id', 'Content-Encoding',
            'X-Roles', 'X-Project-Id', 'Host']), HEADER_TEXT, max_size=3))
        token = data.draw(st.one_of(
            st.none(), HEADER_TEXT,
            st.builds('{}:{}:{}'.format, st.sampled_from(
                ['alice', '', 'x' * 300]), st.sampled_from(
                [api_base.PROJECT, api_base.OTHER_PROJECT, '']),
                st.sampled_from(['member', 'admin', '', 'admin,member']))))
        body = route_world.BODIES.get(route.operation)
        raw = None if body is None else _encoded(body)
        if raw is not None and 'Content-Type' not in headers:
            headers['Content-Type'] = 'application/json'
        headers.pop('Host', None)  # webtest routes by it
        before = route_world.snapshot(self.engine_to_check)
        response = self.send(route, self.world.url(route), raw=raw,
                             headers=headers, token=token)
        self.check('header', route, response, before)


class TestLimits(api_base.ApiTestCase):
    """Oversized and deeply nested bodies on every body route."""

    def test_oversized_body_413(self):
        world = route_world.World(self)
        limit = api_base.app.CONF.api.max_request_body_size
        before = route_world.snapshot(self.db.engine)
        for route in BODY_ROUTES:
            raw = b'{"x": "' + b'a' * limit + b'"}'
            response = self.app.request(
                world.url(route), method=route.method, body=raw,
                headers={'Content-Type': 'application/json'},
                expect_errors=True)
            self.assertEqual(413, response.status_int, route.operation)
            self.assertEqual('overLimit',
                             faults.assert_clean_fault(self, response))
        self.assertEqual(before, route_world.snapshot(self.db.engine))

    def test_deep_nesting_400(self):
        world = route_world.World(self)
        depth = api_base.app.CONF.api.max_json_depth
        before = route_world.snapshot(self.db.engine)
        for route in BODY_ROUTES:
            for levels in (depth + 1, 15000):
                raw = (b'[' * levels) + (b']' * levels)
                if levels > 10000:
                    # Under the size limit, far past any recursion limit.
                    raw = (b'{"a":' * levels) + b'1' + (b'}' * levels)
                response = self.app.request(
                    world.url(route), method=route.method, body=raw,
                    headers={'Content-Type': 'application/json'},
                    expect_errors=True)
                self.assertEqual(400, response.status_int,
                                 (route.operation, levels, response.text))
                self.assertEqual('badRequest', faults.assert_clean_fault(
                    self, response))
        self.assertEqual(before, route_world.snapshot(self.db.engine))


def _report():
    path = os.environ.get('TD_FUZZ_REPORT')
    if path and TRIED:
        with open(path, 'a') as stream:
            stream.write(json.dumps({
                'pid': os.getpid(),
                'cases': sum(TRIED.values()),
                'operations': len({op for _, op in TRIED}),
                'by_kind': dict(collections.Counter(
                    kind for kind, _ in TRIED.elements())),
                'statuses': {str(k): v for k, v in STATUSES.items()},
            }) + '\n')


if os.environ.get('TD_FUZZ_REPORT'):
    import atexit
    atexit.register(_report)
