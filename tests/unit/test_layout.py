"""Who may import whom, read from the source with ast: test modules share
code only through tests/fixtures, the functional suite never leans on the
end-to-end one, and the package's layers keep their direction (views
build dicts without the manager, the manager knows nothing of HTTP)."""

import ast
import os

import testtools

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


def modules(top):
    """(dotted name, path) of every Python module under ``top``."""
    for folder, _, files in os.walk(os.path.join(ROOT, top)):
        for name in sorted(files):
            if name.endswith('.py'):
                path = os.path.join(folder, name)
                dotted = os.path.relpath(path, ROOT)[:-3].replace(os.sep, '.')
                yield dotted.removesuffix('.__init__'), path


def imported(path):
    """Every module name an import in ``path`` may bind: for
    ``from a import b`` both ``a`` and ``a.b``."""
    with open(path) as stream:
        tree = ast.parse(stream.read(), path)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update('%s.%s' % (node.module, alias.name)
                         for alias in node.names)
    return names


def is_test_module(name):
    return name.rsplit('.', 1)[-1].startswith('test_')


def within(name, package):
    return name == package or name.startswith(package + '.')


class TestTestsLayout(testtools.TestCase):

    def offenders(self, top, forbidden, only=None):
        found = []
        for name, path in modules(top):
            if only is not None and not only(name):
                continue
            bad = sorted(target for target in imported(path)
                         if target != name and forbidden(name, target))
            if bad:
                found.append('%s imports %s' % (name, ', '.join(bad)))
        return found

    def test_no_test_module_imports_another(self):
        self.assertEqual([], self.offenders(
            'tests', lambda name, target: within(target, 'tests')
            and is_test_module(target)))

    def test_functional_and_unit_tests_do_not_import_e2e(self):
        for suite in ('tests.functional', 'tests.unit'):
            self.assertEqual([], self.offenders(
                'tests', lambda name, target: within(target, 'tests.e2e'),
                only=lambda name, suite=suite: within(name, suite)))

    def test_fixtures_import_only_fixtures(self):
        self.assertEqual([], self.offenders(
            os.path.join('tests', 'fixtures'),
            lambda name, target: within(target, 'tests')
            and not within(target, 'tests.fixtures')))

    def test_the_fixtures_are_found(self):
        # The walk above reads real files: an empty walk proves nothing.
        names = dict(modules('tests'))
        self.assertIn('tests.fixtures.base', names)
        self.assertIn('tests.unit.test_layout', names)


class TestPackageLayers(testtools.TestCase):

    def offenders(self, package, forbidden):
        return ['%s imports %s' % (name, target)
                for name, path in modules(package.replace('.', os.sep))
                for target in sorted(imported(path))
                if within(target, forbidden)]

    def test_views_do_not_import_the_manager(self):
        self.assertEqual([], self.offenders('trove_datastore.api.views',
                                            'trove_datastore.manager'))

    def test_the_manager_does_not_import_the_api(self):
        self.assertEqual([], self.offenders('trove_datastore.manager',
                                            'trove_datastore.api'))
