"""Rules that configuration groups use are protected: a rules load that
would make stored group values invalid, a prune or a removal of rules in
use are refused with every group named, unless forced; on every engine,
through the manager and through the installed trove-manage."""

import concurrent.futures
import json
import os
import threading

import fixtures
import testscenarios

from trove_datastore import context as td_context
from trove_datastore import exception
from trove_datastore.manager import configurations as groups_manager
from trove_datastore.manager import parameters as manager
from trove_datastore.manager import rule_changes
from trove_datastore import rules
from tests.fixtures import base
from tests.fixtures import api_base
from tests.fixtures import parameter_rules
from tests.fixtures import rules_loading

load_tests = testscenarios.load_tests_apply_scenarios

RULES = json.load(open(rules_loading.rules_file('mysql-5.7.json')))[
    'configuration-parameters'][:-1]


def changed(**bounds):
    """The test rules with some entries replaced: name -> new entry."""
    return [bounds.get(entry['name'], entry) for entry in RULES
            if bounds.get(entry['name'], entry) is not None]


class InUseTestCase(rules_loading.LoaderTestCase):

    def setUp(self):
        super().setUp()
        self.load_entries(RULES)
        self.web = self.group('web', 'project-a', max_connections=5000,
                              sql_mode='STRICT_ALL_TABLES')
        self.batch = self.group('batch', 'project-b', wait_timeout=600,
                                max_connections=200)

    def group(self, name, project, **values):
        context = td_context.RequestContext(project_id=project)
        return groups_manager.create_configuration(
            context, name, values, datastore='mysql',
            version='5.7.29').row.id

    def load_entries(self, entries, **kwargs):
        return manager.load_rules(
            self.context, 'mysql', '5.7.29',
            rules.parse_document({'configuration-parameters': entries}),
            **kwargs)

    def label(self, group_id, name, project):
        return 'configuration group %s (%s, project %s)' % (group_id, name,
                                                            project)


class TestLoadGuard(InUseTestCase):

    def test_load_that_breaks_values_is_refused_with_each_value(self):
        tighter = changed(
            max_connections=parameter_rules.entry('max_connections', min=1,
                                                  max=1000),
            wait_timeout=parameter_rules.entry('wait_timeout', 'string'))
        error = self.assertRaises(exception.RulesInvalidateGroups,
                                  self.load_entries, tighter)
        self.assertEqual(2, len(error.problems), error.problems)
        web, batch = error.problems
        self.assertTrue(web.startswith(
            self.label(self.web, 'web', 'project-a') + ': '), web)
        self.assertIn('max_connections', web)
        self.assertIn('1000', web)
        self.assertTrue(batch.startswith(
            self.label(self.batch, 'batch', 'project-b') + ': '), batch)
        self.assertIn('wait_timeout', batch)
        self.assertEqual('100000', self.stored()['max_connections'].max_size)
        self.assertEqual('integer', self.stored()['wait_timeout'].data_type)

        dry = self.load_entries(tighter, dry_run=True)
        self.assertEqual(error.problems, dry.invalidated)
        self.assertEqual('100000', self.stored()['max_connections'].max_size)

        forced = self.load_entries(tighter, force=True)
        self.assertEqual(error.problems, forced.invalidated)
        self.assertEqual('1000', self.stored()['max_connections'].max_size)
        self.assertEqual('string', self.stored()['wait_timeout'].data_type)

    def test_changes_that_keep_every_value_valid_load(self):
        summary = self.load_entries(changed(
            max_connections=parameter_rules.entry('max_connections', min=1,
                                                  max=5000),
            innodb_ft_max_token_size=parameter_rules.entry(
                'innodb_ft_max_token_size', max=20)))
        self.assertEqual(['innodb_ft_max_token_size', 'max_connections'],
                         sorted(summary.updated))
        self.assertEqual([], summary.invalidated)

    def test_prune_of_a_rule_in_use_is_refused(self):
        without = changed(sql_mode=None, autocommit=None)
        # Without --prune the rules stay: nothing to protect.
        self.assertEqual([], self.load_entries(without).invalidated)
        error = self.assertRaises(exception.RulesInvalidateGroups,
                                  self.load_entries, without, prune=True)
        # autocommit is pruned too, but no group uses it.
        self.assertEqual(
            ['%s: sql_mode = "STRICT_ALL_TABLES": the parameter would be '
             'removed' % self.label(self.web, 'web', 'project-a')],
            error.problems)
        self.assertIn('sql_mode', self.stored())
        summary = self.load_entries(without, prune=True, force=True)
        self.assertEqual(['autocommit', 'sql_mode'], summary.removed)
        self.assertNotIn('sql_mode', self.stored())

    def test_prune_of_unused_rules_only_is_allowed(self):
        summary = self.load_entries(changed(autocommit=None), prune=True)
        self.assertEqual(['autocommit'], summary.removed)

    def test_values_of_every_group_are_read_in_one_query(self):
        tighter = changed(max_connections=parameter_rules.entry(
            'max_connections', min=1, max=100))

        def statements():
            self.db.statements.reset()
            self.load_entries(tighter, dry_run=True)
            return parameter_rules.queries(self.db.statements)

        few = statements()
        for number in range(10):
            self.group('more-%d' % number, 'project-c',
                       max_connections=4000 + number, wait_timeout=60)
        self.assertEqual(few, statements())
        self.assertEqual(12, len(self.load_entries(
            tighter, dry_run=True).invalidated))


class TestRemoveGuard(InUseTestCase):

    def test_remove_is_refused_while_groups_use_the_rules(self):
        error = self.assertRaises(exception.RulesInUse, manager.remove_rules,
                                  self.context, 'mysql', '5.7.29')
        self.assertEqual(
            ['%s uses max_connections, sql_mode'
             % self.label(self.web, 'web', 'project-a'),
             '%s uses max_connections, wait_timeout'
             % self.label(self.batch, 'batch', 'project-b')],
            error.problems)
        self.assertEqual(14, len(self.stored()))
        _, _, count, in_use = manager.remove_rules(
            self.context, 'mysql', '5.7.29', force=True)
        self.assertEqual((14, error.problems), (count, in_use))
        self.assertEqual({}, self.stored())

    def test_remove_of_unused_rules_needs_no_force(self):
        for group_id in (self.web, self.batch):
            groups_manager.delete_configuration(self.context, group_id)
        _, _, count, in_use = manager.remove_rules(self.context, 'mysql',
                                                   '5.7.29')
        self.assertEqual((14, []), (count, in_use))


class TestManageGuard(InUseTestCase, rules_loading.ManageCase):
    """The installed trove-manage in a subprocess."""

    def write(self, entries):
        path = os.path.join(self.dir, 'rules.json')
        with open(path, 'w') as out:
            json.dump({'configuration-parameters': entries}, out)
        return path

    def test_load_refused_dry_run_and_force(self):
        path = self.write(changed(
            max_connections=parameter_rules.entry('max_connections', min=1,
                                                  max=1000),
            sql_mode=None))
        load = ('db_load_datastore_config_parameters', 'mysql', '5.7.29',
                path, '--prune')
        result = self.manage(*load)
        self.assertEqual(1, result.returncode, result.stdout)
        self.assertEqual('', result.stdout)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(3, len(lines), result.stderr)
        self.assertIn('ERROR: The rules would make values of configuration '
                      'groups of datastore mysql version 5.7.29 invalid; '
                      'nothing was changed (--force does it anyway):',
                      lines[0])
        self.assertIn(self.label(self.web, 'web', 'project-a'), lines[1])
        self.assertIn('max_connections', lines[1])
        self.assertIn(self.label(self.web, 'web', 'project-a'), lines[2])
        self.assertIn('sql_mode', lines[2])
        self.assertEqual('100000', self.stored()['max_connections'].max_size)

        result = self.manage(*(load + ('--dry-run',)))
        self.assertEqual(0, result.returncode, result.stderr)
        out = result.stdout.strip().splitlines()
        self.assertEqual(4, len(out), result.stdout)
        self.assertIn('Dry run: nothing was written.', out[0])
        self.assertEqual('2 configuration group value(s) would become '
                         'invalid (the load is refused without --force):',
                         out[1])
        self.assertEqual(lines[1:], out[2:])

        result = self.manage(*(load + ('--force',)))
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertEqual(1, len(result.stdout.strip().splitlines()))
        self.assertIn('1 removed', result.stdout)
        warning = result.stderr.strip().splitlines()
        self.assertEqual('WARNING: loaded with --force; 2 configuration '
                         'group value(s) are now invalid:', warning[0])
        self.assertEqual(lines[1:], warning[1:])
        self.assertEqual('1000', self.stored()['max_connections'].max_size)
        self.assertNotIn('sql_mode', self.stored())

    def test_remove_refused_then_forced(self):
        remove = ('db_remove_datastore_config_parameters', 'mysql', '5.7.29')
        result = self.manage(*remove)
        self.assertEqual(1, result.returncode, result.stdout)
        lines = result.stderr.strip().splitlines()
        self.assertEqual(
            ['ERROR: Configuration groups of datastore mysql version 5.7.29 '
             'use its parameters; nothing was changed (--force does it '
             'anyway):',
             '  %s uses max_connections, sql_mode'
             % self.label(self.web, 'web', 'project-a'),
             '  %s uses max_connections, wait_timeout'
             % self.label(self.batch, 'batch', 'project-b')], lines)
        self.assertEqual(14, len(self.stored()))
        result = self.manage(*(remove + ('--force',)))
        self.assertEqual(0, result.returncode, result.stderr)
        self.assertIn('Removed 14 configuration parameters', result.stdout)
        self.assertEqual('WARNING: removed with --force; 2 configuration '
                         'group(s) keep values no rule accepts:',
                         result.stderr.strip().splitlines()[0])
        self.assertEqual({}, self.stored())


class TestMgmtApiGuard(api_base.ApiTestCase):
    """``DELETE`` and ``PUT`` of ``/mgmt/datastores/versions/{id}/
    parameters/{name}`` never leave a group with values no rule accepts:
    409, naming the groups (the API has no force, as in Trove)."""

    def setUp(self):
        super().setUp()
        self.create_version()
        self.vid = self.version_id('5.7.29')
        self.mgmt = '/mgmt/datastores/versions/%s/parameters' % self.vid
        parameter_rules.load(RULES)
        response = self.post('/configurations', {'configuration': {
            'name': 'web', 'values': {'MAX_CONNECTIONS': 5000},
            'datastore': {'type': 'mysql', 'version': '5.7.29'}}},
            token=parameter_rules.MEMBER)
        self.assertEqual(200, response.status_int, response.text)
        self.group = response.json['configuration']['id']
        self.label = 'configuration group %s (web, project %s)' % (
            self.group, api_base.PROJECT)

    def put_rule(self, **fields):
        body = {'data_type': 'integer', 'restart_required': 0}
        body.update(fields)
        return self.put(self.mgmt + '/max_connections',
                        {'configuration-parameter': body})

    def test_delete_of_a_rule_in_use_is_409_naming_the_group(self):
        # Any case of the name reaches the rule; the group is named.
        message = self.assertFault(
            self.delete(self.mgmt + '/Max_Connections'), 409,
            'conflictingRequest')
        self.assertEqual('Parameter max_connections is used by '
                         'configuration groups: %s uses max_connections'
                         % self.label, message)
        self.assertEqual(200, self.get(self.mgmt + '/max_connections')
                         .status_int)
        # Unused rules go, and once the group is gone so does this one.
        self.assertEqual(204, self.delete(self.mgmt + '/wait_timeout')
                         .status_int)
        self.assertEqual(202, self.delete('/configurations/%s' % self.group,
                                          token=parameter_rules.MEMBER)
                         .status_int)
        self.assertEqual(204, self.delete(self.mgmt + '/max_connections')
                         .status_int)

    def test_put_that_breaks_a_value_is_409_naming_group_and_value(self):
        message = self.assertFault(self.put_rule(max_size=1000), 409,
                                   'conflictingRequest')
        self.assertTrue(message.startswith(
            'Changing parameter max_connections would make values of '
            'configuration groups invalid: %s: ' % self.label), message)
        self.assertIn('max_connections', message[-60:])
        self.assertFault(self.put_rule(data_type='string'), 409,
                         'conflictingRequest', self.label)
        shown = self.get(self.mgmt + '/max_connections').json
        self.assertEqual(('integer', 100000),
                         (shown['type'], shown['max_size']))
        # A change the value still satisfies is fine.
        response = self.put_rule(max_size=5000, restart_required=1)
        self.assertEqual(200, response.status_int, response.text)
        self.assertEqual(5000, response.json['max_size'])


class TestGroupWritesTakeTurns(InUseTestCase):
    """A rules change and a group create of the same version take turns on
    the version row, so the group is checked against the rules as they
    are after the change. SQLite has one writer at a time anyway."""

    scenarios = [s for s in base.ENGINE_SCENARIOS if s[0] != 'sqlite']

    def race(self, change, values, check='invalidated'):
        """Run ``change`` (a manager call) and, while it holds its locks
        past its group ``check``, a group create with ``values``: the
        create's error once both are done."""
        checked, go = threading.Event(), threading.Event()
        original = getattr(rule_changes, check)

        def check_then_wait(*args, **kwargs):
            lines = original(*args, **kwargs)
            checked.set()
            go.wait(30)
            return lines

        self.useFixture(fixtures.MockPatchObject(
            rule_changes, check, side_effect=check_then_wait))
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            changing = pool.submit(change)
            self.assertTrue(checked.wait(30))
            creating = pool.submit(self.group, 'late', 'project-c', **values)
            done, _ = concurrent.futures.wait([creating], timeout=1)
            waited = not done
            go.set()
            changing.result(30)
            error = creating.exception(30)
        self.assertTrue(waited, 'the group create did not wait')
        return error

    def test_group_created_during_a_parameter_update_meets_the_new_rule(
            self):
        error = self.race(
            lambda: manager.update_parameter(
                self.context, self.version.id, 'max_connections',
                rules.parse_entry(parameter_rules.entry('max_connections',
                                                        max=6000))),
            {'max_connections': 7000})
        self.assertIsInstance(error, exception.ConfigurationValueTooLarge)

    def test_a_group_created_during_a_load_meets_the_new_rules(self):
        error = self.race(
            lambda: self.load_entries(changed(
                max_connections=parameter_rules.entry(
                    'max_connections', min=1, max=6000))),
            {'max_connections': 7000})
        self.assertIsInstance(error, exception.ConfigurationValueTooLarge)

    def test_group_created_during_a_parameter_delete_finds_no_rule(self):
        error = self.race(
            lambda: manager.delete_parameter(self.context, self.version.id,
                                             'autocommit'),
            {'autocommit': 1}, check='groups_using')
        self.assertIsInstance(error,
                              exception.ConfigurationParameterNotSupported)
