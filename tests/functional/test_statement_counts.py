"""Every list and show endpoint runs a fixed, small number of SQL
statements whatever the number of rows; bulk writes do too.

Each story measures the endpoints on a small catalog, grows the catalog
several times over, and measures again: the counts must not move, and
reads stay within MAX_READ statements. Statements are counted on the
engine (tests/fixtures/base.py's StatementCounter); SQLite's emulated
BEGIN is not counted as a query.
"""

import testscenarios

from trove_datastore import context as td_context
from trove_datastore.manager import configurations
from trove_datastore.manager import parameters
from trove_datastore import rules
from tests.fixtures import api_base

load_tests = testscenarios.load_tests_apply_scenarios

# Each includes one statement on the catalog generation: a GET reads it
# first (api/etag.py), a write moves it on last (db/generation.py).
MAX_READ = 4
MAX_VERSION_CREATE = 6
MAX_BULK_WRITE = 7


def rules_document(count):
    """``count`` parameters of mixed types, in name order (as real rules
    files are), so that neighbours differ in which bounds they have."""
    entries = []
    for index in range(count):
        entry = {'name': 'param_%04d' % index,
                 'restart_required': index % 2 == 0}
        kind = index % 4
        if kind == 0:
            entry.update(type='integer', min=0, max=1000000)
        elif kind == 1:
            entry.update(type='string')
        elif kind == 2:
            entry.update(type='boolean')
        else:
            entry.update(type='float', min=0.0, max=2.0)
        entries.append(entry)
    return {'configuration-parameters': entries}


def values_for(count, salt=0):
    """Valid values for the first ``count`` parameters."""
    values = {}
    for index in range(count):
        kind = index % 4
        values['param_%04d' % index] = (
            index + salt if kind == 0 else 'v%d' % salt if kind == 1
            else bool(salt % 2) if kind == 2 else 0.5)
    return values


class StatementCountTestCase(api_base.ApiTestCase):

    def setUp(self):
        super().setUp()
        self.admin = td_context.get_admin_context()
        self.owner = td_context.RequestContext(
            project_id=api_base.PROJECT, is_admin=True, roles=['admin'],
            overwrite=False)
        self.versions = {}
        self.groups = []

    def queries(self):
        return [s for s in self.db.statements.statements
                if not s.lstrip().upper().startswith('BEGIN')]

    def count(self, method, path, body=None, status=200):
        self.db.statements.reset()
        response = self.request(method, path, body=body)
        self.assertEqual(status, response.status_int, response.text)
        return len(self.queries())

    def grow(self, datastores, versions, rule_count, groups):
        """Add datastores (each with ``versions`` versions carrying
        ``rule_count`` rules) and configuration groups."""
        document = rules.parse_document(rules_document(rule_count))
        for d in range(len(self.versions), len(self.versions) + datastores):
            name = 'ds%03d' % d
            for v in range(versions):
                # Versions go in through the API; the last one of each
                # datastore is inactive and the first one the default.
                self.create_version(
                    name='v%02d' % v, datastore=name,
                    active=v < versions - 1 or versions == 1,
                    default=v == 0)
                parameters.load_rules(self.admin, name, 'v%02d' % v,
                                      document)
            self.versions[name] = ['v%02d' % v for v in range(versions)]
        for _ in range(groups):
            group = configurations.create_configuration(
                self.owner, name='group%03d' % len(self.groups),
                values=values_for(3), datastore='ds000', version='v00')
            self.groups.append(group.row.id)

    def ids(self):
        listing = self.get('/mgmt/datastore-versions').json['versions']
        return {(v['datastore_name'], v['name']): v['id'] for v in listing}

    def read_paths(self):
        ids = self.ids()
        first = ids[('ds000', 'v00')]
        datastore_id = self.get('/datastores/ds000').json['datastore']['id']
        params = '/datastores/ds000/versions/v00/parameters'
        return {
            'datastore list': '/datastores',
            'datastore list, paged': '/datastores?limit=2&marker=%s'
                                     % datastore_id,
            'datastore show': '/datastores/ds001',
            'version list': '/datastores/ds001/versions',
            'version list, paged': '/datastores/ds001/versions?limit=1',
            'version show': '/datastores/ds001/versions/v00',
            'version show by id': '/datastores/versions/%s' % first,
            'mgmt version list': '/mgmt/datastore-versions',
            'mgmt version list, paged':
                '/mgmt/datastore-versions?limit=3&marker=%s' % first,
            'mgmt version show': '/mgmt/datastore-versions/%s' % first,
            'parameter list': params,
            'parameter list, paged': params + '?limit=2&marker=param_0001',
            'parameter list by version id':
                '/datastores/versions/%s/parameters' % first,
            'parameter show': params + '/param_0001',
            'parameter show by version id':
                '/datastores/versions/%s/parameters/param_0001' % first,
            'mgmt parameter list':
                '/mgmt/datastores/versions/%s/parameters' % first,
            'mgmt parameter show':
                '/mgmt/datastores/versions/%s/parameters/param_0001'
                % first,
            'configuration list': '/configurations',
            'configuration list, paged': '/configurations?limit=2&marker=%s'
                                         % self.groups[0],
            'configuration show': '/configurations/%s' % self.groups[0],
            'configuration check against another version':
                '/configurations/%s/check?datastore_version=%s'
                % (self.groups[0], ids[('ds001', 'v00')]),
        }

    def read_counts(self):
        return {name: self.count('GET', path)
                for name, path in self.read_paths().items()}


class TestReadsAreFlat(StatementCountTestCase):

    def test_every_list_and_show(self):
        self.grow(datastores=2, versions=2, rule_count=4, groups=3)
        small = self.read_counts()
        self.grow(datastores=6, versions=5, rule_count=40, groups=12)
        large = self.read_counts()
        self.assertEqual(small, large)
        too_many = {name: count for name, count in large.items()
                    if count > MAX_READ}
        self.assertEqual({}, too_many)

    def test_counts_do_not_depend_on_the_caller(self):
        self.grow(datastores=3, versions=3, rule_count=4, groups=2)
        paths = self.read_paths()
        admin = {name: self.count('GET', path)
                 for name, path in paths.items()}
        member = {}
        for name, path in paths.items():
            if '/mgmt/' in path:
                continue
            self.db.statements.reset()
            self.get(path, token=api_base.member_token())
            member[name] = len(self.queries())
        self.assertEqual({n: admin[n] for n in member}, member)


class TestWritesAreBulk(StatementCountTestCase):

    def create_count(self, name, datastore, **fields):
        version = {'name': name, 'datastore_name': datastore,
                   'datastore_manager': 'mysql', 'active': True,
                   'image_tags': ['trove', 'mysql']}
        version.update(fields)
        return self.count('POST', '/mgmt/datastore-versions',
                          {'version': version}, status=202)

    def test_version_create(self):
        new_datastore = self.create_count('a', 'fresh')
        existing = self.create_count('b', 'fresh', default=True)
        self.grow(datastores=4, versions=6, rule_count=1, groups=0)
        crowded = self.create_count('c', 'ds002', default=True)
        self.assertLessEqual(new_datastore, MAX_VERSION_CREATE)
        self.assertLessEqual(existing, MAX_VERSION_CREATE)
        self.assertEqual(existing, crowded)

    def load_count(self, version, rule_count):
        self.db.statements.reset()
        parameters.load_rules(self.admin, 'mysql', version,
                              rules.parse_document(rules_document(
                                  rule_count)))
        return len(self.queries())

    def test_rules_load(self):
        self.create_version(name='small')
        self.create_version(name='large')
        small = self.load_count('small', 10)
        large = self.load_count('large', 1000)
        # Loading the same file again reads and compares only.
        self.assertLessEqual(self.load_count('large', 1000), MAX_READ)
        # One bulk INSERT whatever columns each rule leaves NULL.
        self.assertEqual(small, large)
        self.assertLessEqual(large, MAX_BULK_WRITE)

    def group_counts(self, value_count):
        create = self.count('POST', '/configurations', {'configuration': {
            'name': 'g', 'values': values_for(value_count),
            'datastore': {'type': 'mysql', 'version': 'v'}}})
        group_id = self.get('/configurations').json['configurations'][-1][
            'id']
        path = '/configurations/%s' % group_id
        return {
            'create': create,
            'show': self.count('GET', path),
            'check': self.count('GET', path + '/check?datastore_version='
                                + self.ids()[('mysql', 'v')]),
            'replace': self.count('PUT', path, {'configuration': {
                'values': values_for(value_count, salt=1)}}, status=202),
            'merge': self.count('PATCH', path, {'configuration': {
                'values': values_for(value_count, salt=2)}}),
            'delete': self.count('DELETE', path, status=202),
        }

    def test_configuration_groups(self):
        self.create_version(name='v')
        parameters.load_rules(self.admin, 'mysql', 'v',
                              rules.parse_document(rules_document(200)))
        few = self.group_counts(10)
        many = self.group_counts(100)
        self.assertEqual(few, many)
        self.assertLessEqual(max(many.values()), MAX_BULK_WRITE)
        self.assertLessEqual(many['show'], MAX_READ)
        self.assertLessEqual(many['check'], MAX_READ)
