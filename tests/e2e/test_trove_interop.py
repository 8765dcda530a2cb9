"""trove-manage import_from_trove / publish_to_trove against real,
unmodified upstream Trove 26 (tests/fixtures/upstream_trove.py).

One upstream install and one upstream trove-api (on MariaDB) serve the
module; every test empties Trove's catalog tables first. This service runs
on MariaDB and on PostgreSQL (scenarios). Upstream Trove's own db_sync
cannot create its schema on PostgreSQL (its modules migration declares
TEXT(4294967295)), so Trove's side is MariaDB only.
"""

import atexit
import json
import os
import subprocess
import uuid

import fixtures
import sqlalchemy as sa
import testscenarios
import testtools

from tests.fixtures import base
from tests.fixtures import server
from tests.fixtures import upstream_trove

load_tests = testscenarios.load_tests_apply_scenarios

PROJECT_A = 'projecta'
PROJECT_B = 'projectb'
# In etc/trove/image-catalog.json, so that this service resolves it too.
IMAGE = '9d5d9f3c-2b7e-4a55-9f39-6f1a3d6f0c01'
CATALOG_TABLES = ('configuration_parameters', 'configurations',
                  'datastore_configuration_parameters',
                  'datastore_version_metadata', 'datastore_versions',
                  'datastores')
_SHARED = []
_SEEDED = []


def shared_upstream(test):
    """The module's upstream Trove (started on first use, stopped at
    exit), or skip/fail when it cannot run."""
    if not _SHARED:
        fixture = upstream_trove.UpstreamTrove('mysql')
        try:
            fixture.setUp()
        except Exception as error:  # noqa: B902 - reported whole
            _SHARED.append(error)
        else:
            _SHARED.append(fixture)
            atexit.register(fixture.cleanUp)
    if isinstance(_SHARED[0], Exception):
        upstream_trove.unavailable(test, 'upstream Trove cannot run: %s'
                                   % _SHARED[0])
    return _SHARED[0]


class InteropTestCase(testscenarios.WithScenarios, testtools.TestCase):

    scenarios = [('mysql', {'engine': 'mysql'}),
                 ('postgresql', {'engine': 'postgresql'})]

    def setUp(self):
        super().setUp()
        self.trove = shared_upstream(self)
        self.trove_db = self.trove.engine()
        with self.trove_db.begin() as connection:
            connection.execute(sa.text('DELETE FROM instances'))
            for table in CATALOG_TABLES:
                connection.execute(sa.text('DELETE FROM %s' % table))
        self.service = self.useFixture(server.Service(
            database=base.empty_database_url(self, self.engine)))

    # -- helpers -----------------------------------------------------------
    def manage(self, *args, check=True):
        result = self.service.manage(*args, check=False)
        if check and result.returncode != 0:
            self.fail('trove-manage %s: %d\n%s%s' % (
                ' '.join(args), result.returncode, result.stdout,
                result.stderr))
        return result

    def import_(self, *args, check=True):
        return self.manage('import_from_trove', '--connection',
                           self.trove.url, *args, check=check)

    def publish(self, *args, check=True):
        return self.manage('publish_to_trove', '--connection',
                           self.trove.url, *args, check=check)

    def ours(self, path, project=PROJECT_A, method='GET', body=None,
             token=None):
        return upstream_trove.call(
            '%s/v1.0/%s%s' % (self.service.url, project, path), method, body,
            token)

    def theirs(self, path, project=PROJECT_A, method='GET', body=None,
               token=None):
        return self.trove.request(method, path, body, project=project,
                                  token=token)

    def seed_upstream(self):
        """A Trove catalog made with Trove's own trove-manage and API (once
        per module: later tests get the same rows back)."""
        if _SEEDED:
            versions, groups, rows = _SEEDED[0]
            with self.trove_db.begin() as connection:
                for table in reversed(CATALOG_TABLES):
                    if rows[table]:
                        connection.execute(
                            sa.table(table, *(sa.column(c)
                                              for c in rows[table][0]))
                            .insert(), rows[table])
            return dict(versions), dict(groups)
        versions, groups = self._seed()
        with self.trove_db.connect() as connection:
            rows = {table: [dict(r._mapping) for r in connection.execute(
                sa.text('SELECT * FROM %s' % table))]
                for table in CATALOG_TABLES}
        _SEEDED.append((versions, groups, rows))
        return dict(versions), dict(groups)

    def _seed(self):
        up = self.trove.manage
        rules = self.trove.rules_file('mysql')
        up('datastore_update', 'mysql', '')
        up('datastore_version_update', 'mysql', '8.0', 'mysql', IMAGE, '',
           '1', '--version', '8.0.36')
        up('datastore_version_update', 'mysql', '5.7', 'mysql', '',
           'mysql-server-5.7', '1', '--image-tags', 'trove,mysql')
        up('datastore_version_update', 'mysql', 'old', 'mysql', '', '', '0',
           '--image-tags', 'trove,mysql,old')
        up('datastore_update', 'mysql', '8.0')
        up('db_load_datastore_config_parameters', 'mysql', '8.0', rules,
           '--version', '8.0.36')
        up('db_load_datastore_config_parameters', 'mysql', '5.7', rules)
        up('datastore_update', 'postgresql', '')
        up('datastore_version_update', 'postgresql', '16', 'postgresql',
           '', '', '1', '--image-tags', 'trove,postgresql')
        versions = {v['name']: v['id'] for v in self.theirs(
            '/datastores/mysql/versions')[1]['versions']}
        groups = {}
        for project, name, version, values in (
                (PROJECT_A, 'web', '8.0',
                 {'max_connections': 300, 'autocommit': 1,
                  'character_set_server': 'utf8mb4'}),
                (PROJECT_A, 'batch', '5.7', {'wait_timeout': 600}),
                (PROJECT_B, 'other', '8.0', {'innodb_buffer_pool_size':
                                             268435456}),
                (PROJECT_B, 'gone', '8.0', {'max_connections': 10})):
            status, body = self.theirs('/configurations', project, 'POST', {
                'configuration': {'name': name, 'values': values,
                                  'datastore': {'type': 'mysql',
                                                'version': versions[version]}}
            })
            self.assertEqual(200, status, body)
            groups[name] = body['configuration']['id']
        status, _ = self.theirs('/configurations/%s' % groups.pop('gone'),
                                PROJECT_B, 'DELETE')
        self.assertEqual(202, status)
        return versions, groups


    # -- the same GET requests to both services -----------------------------
    def catalog(self, get):
        """What both APIs answer about datastores, versions, rules and the
        groups of both projects, in one comparable form."""
        status, body = get('/datastores')
        self.assertEqual(200, status, body)
        found = {}
        for ds in body['datastores']:
            found[ds['id']] = (ds['name'], ds.get('default_version'), sorted(
                (v['id'], v['name'], v['version'], bool(v['active']),
                 v['image'] or None, v['image_tags'], v['packages'] or None)
                for v in ds['versions']))
            for version in ds['versions']:
                status, params = get('/datastores/versions/%s/parameters'
                                     % version['id'])
                self.assertEqual(200, status, params)
                found[version['id']] = sorted(
                    (p['name'], p['type'], p.get('min'), p.get('max'),
                     p['restart_required'])
                    for p in params['configuration-parameters'])
        for project in (PROJECT_A, PROJECT_B):
            token = 'alice:%s:member' % project
            status, groups = get('/configurations', project, token=token)
            self.assertEqual(200, status, groups)
            for group in groups['configurations']:
                status, shown = get('/configurations/%s' % group['id'],
                                    project, token=token)
                shown = shown['configuration']
                found[group['id']] = (
                    project, shown['name'], shown['description'],
                    shown['datastore_version_id'], shown['values'])
        return found

    def assertSameCatalog(self):
        ours, theirs = self.catalog(self.ours), self.catalog(self.theirs)
        self.assertEqual(theirs, ours)
        return ours


class ImportTest(InteropTestCase):

    def test_adopt_a_trove_catalog(self):
        versions, groups = self.seed_upstream()

        dry = self.import_('--dry-run')
        self.assertIn('Dry run: nothing was written.', dry.stdout)
        self.assertIn('add version %s' % versions['old'], dry.stdout)
        self.assertEqual({'datastores': []}, self.ours('/datastores')[1])

        done = self.import_()
        self.assertIn('Imported datastores: 2 added', done.stdout)
        self.assertIn('Imported versions: 4 added', done.stdout)
        self.assertIn('Imported rules: 204 added', done.stdout)
        # The group deleted in Trove (soft-deleted there) stays out.
        self.assertIn('Imported groups: 3 added', done.stdout)
        catalog = self.assertSameCatalog()
        # Ids are kept: Trove's instances refer to them.
        self.assertEqual('8.0.36', [v for v in catalog[
            self.theirs('/datastores/mysql')[1]['datastore']['id']][2]
            if v[0] == versions['8.0']][0][2])
        self.assertEqual(
            (PROJECT_A, 'web', None, versions['8.0'],
             {'autocommit': 1, 'character_set_server': 'utf8mb4',
              'max_connections': 300}), catalog[groups['web']])

        again = self.import_()
        self.assertIn('Nothing to change: already in step.', again.stdout)
        self.assertIn('Imported rules: 0 added, 0 changed, 204 unchanged',
                      again.stdout)

        # Trove changes; the next import brings exactly the changes.
        self.trove.manage('datastore_version_update', 'mysql', '5.7',
                          'mysql', '', 'mysql-server-5.7', '0',
                          '--image-tags', 'trove,mysql,5.7')
        status, _ = self.theirs('/configurations/%s' % groups['web'],
                                method='PATCH', body={'configuration': {
                                    'values': {'max_connections': 400}}})
        self.assertEqual(200, status)
        changed = self.import_()
        self.assertIn('Imported versions: 0 added, 1 changed, 3 unchanged',
                      changed.stdout)
        self.assertIn('Imported groups: 0 added, 1 changed, 2 unchanged',
                      changed.stdout)
        self.assertSameCatalog()


class ImportInvariantsTest(InteropTestCase):
    """What Trove allowed but this service refuses, written straight into
    Trove's tables as old releases and hand edits left it."""

    scenarios = [('mysql', {'engine': 'mysql'})]

    def _rows(self, table, *rows):
        with self.trove_db.begin() as connection:
            for row in rows:
                connection.execute(sa.text(
                    'INSERT INTO %s (%s) VALUES (%s)' % (
                        table, ', '.join(row),
                        ', '.join(':' + k for k in row))), row)

    def test_nearest_valid_form_or_refused_each_one_listed(self):
        ds, hidden = str(uuid.uuid4()), str(uuid.uuid4())
        # Of two colliding versions the one with the lower id comes in.
        dup1, dup2 = sorted(str(uuid.uuid4()) for _ in range(2))
        self._rows('datastores', {'id': ds, 'name': 'mysql',
                                  'default_version_id': hidden})
        version = {'datastore_id': ds, 'manager': 'mysql', 'image_id': '',
                   'image_tags': 'trove', 'packages': '', 'active': 1,
                   'registry_ext': 'x', 'repl_strategy': 'y'}
        self._rows('datastore_versions',
                   dict(version, id=hidden, name='5.7', version='5.7',
                        active=0),
                   # NULL numbers never collide in Trove; here they would.
                   dict(version, id=dup1, name='8.0', version=None),
                   dict(version, id=dup2, name='8.0', version=None))
        rule = {'datastore_version_id': dup1, 'restart_required': 0,
                'min_size': None, 'max_size': None}
        self._rows('datastore_configuration_parameters',
                   dict(rule, id=str(uuid.uuid4()), name='max_connections',
                        data_type='integer', min_size='1',
                        max_size='100000'),
                   dict(rule, id=str(uuid.uuid4()), name='init_connect',
                        data_type='string'),
                   dict(rule, id=str(uuid.uuid4()), name='wait_timeout',
                        data_type='integer', min_size='ten'))
        group, gone = str(uuid.uuid4()), str(uuid.uuid4())
        self._rows('configurations',
                   {'id': group, 'name': 'web', 'tenant_id': PROJECT_A,
                    'datastore_version_id': dup1, 'deleted': 0},
                   {'id': gone, 'name': 'gone', 'tenant_id': PROJECT_A,
                    'datastore_version_id': dup1, 'deleted': 1})
        self._rows('configuration_parameters',
                   {'configuration_id': group, 'configuration_key':
                    'max_connections', 'configuration_value': '200000',
                    'deleted': 0},
                   {'configuration_id': group, 'configuration_key':
                    'wait_timeout', 'configuration_value': '60',
                    'deleted': 0})

        out = self.import_().stdout
        self.assertIn("version %s '8.0': no version number in Trove; takes "
                      "its name" % dup1, out)
        self.assertIn("version %s '8.0' (8.0): the same name and number as "
                      "version %s" % (dup2, dup1), out)
        self.assertIn("datastore 'mysql': its default names the inactive "
                      "version '5.7'; imported without a default", out)
        self.assertIn("rule 'init_connect' of version %s: unsafe to offer "
                      "to users" % dup1, out)
        self.assertIn("rule 'wait_timeout' of version %s: min 'ten' is not "
                      "a number; imported without it" % dup1, out)
        self.assertIn("group %s 'web': " % group, out)
        self.assertIn("max_connections", out.split("group %s 'web': "
                                                    % group)[1])
        self.assertIn('Imported groups: 1 added', out)
        shown = self.ours('/configurations/%s' % group)[1]['configuration']
        self.assertEqual({'wait_timeout': 60}, shown['values'])
        self.assertIsNone(self.ours('/datastores/mysql')[1]['datastore']
                          .get('default_version'))

        # Named on purpose, the unsafe rule comes in, loudly.
        out = self.import_('--allow-unsafe', 'init_connect').stdout
        self.assertIn("WARNING rule 'init_connect'", out)
        self.assertIn('Imported rules: 1 added', out)

    def test_another_schema_head_is_refused_in_one_line(self):
        with self.trove_db.begin() as connection:
            connection.execute(sa.text(
                "UPDATE alembic_version SET version_num = 'cafe00000000'"))
        self.addCleanup(self._restore_head)
        result = self.import_(check=False)
        self.assertEqual(1, result.returncode)
        self.assertEqual(
            'ERROR: the Trove database is at schema revision cafe00000000; '
            'only Trove 26 (revision 95418fe2a1c8) is supported',
            result.stderr.strip().splitlines()[-1])
        self.assertEqual(2, self.import_('--no-such', check=False).returncode)

    def _restore_head(self):
        with self.trove_db.begin() as connection:
            connection.execute(sa.text("UPDATE alembic_version SET "
                                       "version_num = '95418fe2a1c8'"))


class PublishTest(InteropTestCase):

    def build_here(self):
        """A catalog made with this service's trove-manage and API."""
        rules = self.trove.rules_file('mysql')
        self.manage('datastore_update', 'mysql', '')
        self.manage('datastore_version_update', 'mysql', '8.0', 'mysql',
                    IMAGE, '', '1', '--version', '8.0.36')
        self.manage('datastore_version_update', 'mysql', '5.7', 'mysql', '',
                    'mysql-server-5.7', '1', '--image-tags', 'trove,mysql')
        self.manage('datastore_update', 'mysql', '8.0')
        self.manage('db_load_datastore_config_parameters', 'mysql', '8.0',
                    rules, '--version', '8.0.36')
        self.manage('db_load_datastore_config_parameters', 'mysql', '5.7',
                    rules)
        versions = {v['name']: v['id'] for v in self.ours(
            '/datastores/mysql/versions')[1]['versions']}
        groups = {}
        for project, name, version, values in (
                (PROJECT_A, 'web', '8.0', {'max_connections': 300,
                                           'autocommit': True}),
                (PROJECT_A, 'batch', '5.7', {'wait_timeout': 600}),
                (PROJECT_B, 'other', '8.0', {'long_query_time': 2.5})):
            status, body = self.ours(
                '/configurations', project, 'POST',
                self.group_body(name, versions[version], values),
                token='alice:%s:member' % project)
            self.assertEqual(200, status, body)
            groups[name] = body['configuration']['id']
        return versions, groups

    def group_body(self, name, version_id, values):
        return {'configuration': {'name': name, 'values': values,
                                  'datastore': {'type': 'mysql',
                                                'version': version_id}}}

    def drift(self):
        conf_file = self.service.conf_file + '.drift'
        with open(self.service.conf_file) as conf:
            text = conf.read()
        with open(conf_file, 'w') as conf:
            conf.write(text + '\n[trove]\nconnection = %s\n' % self.trove.url)
        return subprocess.run(
            [server.executable('trove-datastore-status'), '--config-file',
             conf_file, 'upgrade', 'check', '--json'],
            capture_output=True, text=True, timeout=120)

    def drift_details(self, result):
        checks = {c['check']: c['details']
                  for c in json.loads(result.stdout)['checks']}
        return checks['Trove catalog drift']

    def test_upstream_serves_and_validates_what_is_published(self):
        versions, groups = self.build_here()
        drift = self.drift()
        self.assertEqual(1, drift.returncode, drift.stdout + drift.stderr)
        self.assertIn('datastores 1 to add; versions 2 to add; rules 204 to '
                      'add; groups 3 to add', self.drift_details(drift))

        dry = self.publish('--dry-run')
        self.assertIn('add group %s' % groups['web'], dry.stdout)
        self.assertEqual({'datastores': []}, self.theirs('/datastores')[1])

        out = self.publish().stdout
        self.assertIn('Published rules: 204 added', out)
        self.assertIn('Published groups: 3 added', out)
        self.assertSameCatalog()
        self.assertEqual(0, self.drift().returncode)
        self.assertIn('Nothing to change', self.publish().stdout)

        # Upstream checks a new group against the published rules exactly
        # as this service does.
        for values in ({'max_connections': 0}, {'max_connections': 'many'},
                       {'no_such_parameter': 1}, {'autocommit': 'maybe'},
                       {'max_connections': 500, 'autocommit': False}):
            body = self.group_body('new', versions['8.0'], values)
            token = 'alice:%s:member' % PROJECT_A
            ours = self.ours('/configurations', method='POST', body=body,
                             token=token)
            theirs = self.theirs('/configurations', method='POST',
                                 body=body, token=token)
            self.assertEqual(theirs[0] == 200, ours[0] == 200,
                             '%s: ours %s, theirs %s' % (values, ours,
                                                         theirs))

    def test_round_trip_and_what_trove_still_uses(self):
        versions, groups = self.build_here()
        self.publish()
        self.assertIn('Nothing to change', self.import_().stdout)

        token = 'alice:%s:member' % PROJECT_A
        status, _ = self.ours('/configurations/%s' % groups['web'],
                              method='PATCH', token=token, body={
                                  'configuration': {'values': {
                                      'max_connections': 100}}})
        self.assertEqual(200, status)
        # A Trove instance runs 5.7 with the batch group; both go here.
        with self.trove_db.begin() as connection:
            connection.execute(sa.text(
                "INSERT INTO instances (id, name, tenant_id, deleted, "
                "datastore_version_id, configuration_id) VALUES "
                "(:id, 'db1', :tenant, 0, :version, :group)"),
                {'id': str(uuid.uuid4()), 'tenant': PROJECT_A,
                 'version': versions['5.7'], 'group': groups['batch']})
        status, _ = self.ours('/configurations/%s' % groups['batch'],
                              method='DELETE', token=token)
        self.assertEqual(202, status)
        status, body = self.ours('/mgmt/datastore-versions/%s'
                                 % versions['5.7'], method='DELETE')
        self.assertEqual(202, status, body)

        out = self.publish().stdout
        self.assertIn("version %s '5.7': removed here, but Trove rows still "
                      "refer to it: made inactive in Trove" % versions['5.7'],
                      out)
        self.assertIn('group %s: removed here, but a Trove instance or '
                      'cluster uses it: kept in Trove' % groups['batch'], out)
        shown = self.theirs('/datastores/versions/%s' % versions['5.7'])[1]
        self.assertEqual(0, shown['version']['active'])
        self.assertEqual({'wait_timeout': 600}, self.theirs(
            '/configurations/%s' % groups['batch'], token=token)[1]
            ['configuration']['values'])
        self.assertEqual({'max_connections': 100, 'autocommit': True},
                         self.theirs('/configurations/%s' % groups['web'],
                                     token=token)[1]['configuration']
                         ['values'])
        self.assertIn('Nothing to change', self.publish().stdout)

        # Imported back, what Trove kept returns, hidden; nothing doubles.
        out = self.import_().stdout
        self.assertIn('Imported versions: 1 added, 0 changed, 1 unchanged',
                      out)
        self.assertIn('Imported groups: 1 added, 0 changed, 2 unchanged',
                      out)
        self.assertSameCatalog()
        self.assertIn('Nothing to change', self.publish().stdout)


GUIDE = os.path.join(server.REPO, 'doc', 'source', 'admin',
                     'trove-interop.rst')


def guide_steps():
    """[(command, [expected output lines])] of the guide's walkthrough."""
    with open(GUIDE) as guide:
        text = guide.read().split('Walkthrough: adopt a Trove cloud')[1]
    steps, current = [], None
    for line in text.splitlines():
        if line.startswith('   $ '):
            current = (line[5:], [])
            steps.append(current)
        elif current and line.startswith('   ') and line.strip():
            current[1].append(line.strip())
        elif line.strip():
            current = None  # prose or a directive ends the output
    return steps


class GuideWalkthroughTest(InteropTestCase):
    """The admin guide's "adopt a Trove cloud" walkthrough, command by
    command, prints what the guide shows."""

    scenarios = [('mysql', {'engine': 'mysql'})]

    def test_adopt_a_trove_cloud(self):
        self.seed_upstream()
        steps = guide_steps()
        self.assertEqual(4, len(steps))
        for command, expected in steps:
            words = command.replace('TROVE_DB', self.trove.url).split()
            self.assertEqual('trove-manage', words[0])
            lines = self.manage(*words[1:]).stdout.strip().splitlines()
            # Every line the guide shows, in its order; '...' and lines
            # ending in '...' stand for lines it leaves out.
            found = iter(lines)
            for want in expected:
                if want == '...':
                    continue
                self.assertTrue(any(
                    line.strip().startswith(want.rstrip('. '))
                    if want.endswith('...') else line == want
                    for line in found), '%s: %r not in %s' % (
                        command, want, lines))
            if '...' not in expected:
                self.assertEqual(expected, lines, command)


class InstallTest(testtools.TestCase):
    """When upstream Trove cannot be installed the tooling says so in one
    place and exits 1; the tests then skip, or fail under CI=true."""

    def test_setup_fails_with_the_reason(self):
        tmp = self.useFixture(fixtures.TempDir()).path
        result = subprocess.run(
            ['bash', os.path.join(upstream_trove.TOOLS, 'setup.sh')],
            env=dict(os.environ, TROVE_UPSTREAM_DIR=tmp,
                     PYTHON='/nonexistent/python3'),
            capture_output=True, text=True, timeout=60)
        self.assertEqual(1, result.returncode)
        self.assertIn('/nonexistent/python3', result.stderr)

    def test_ci_fails_instead_of_skipping(self):
        self.useFixture(fixtures.MockPatchObject(base, 'IN_CI', True))
        self.assertRaises(self.failureException, upstream_trove.unavailable,
                          self, 'cannot install')
        self.useFixture(fixtures.MockPatchObject(base, 'IN_CI', False))
        self.assertRaises(self.skipException, upstream_trove.unavailable,
                          self, 'cannot install')
