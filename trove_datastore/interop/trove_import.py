"""import_from_trove: bring a Trove 26 catalog into trove-datastore.

The Trove database is only read. Everything lands in one transaction
here; ids are kept (Trove instances refer to version and group ids).
Rows Trove allowed but this service's invariants refuse are imported in the
nearest valid form or refused, and the report names every one.
"""

import types

import sqlalchemy as sa

from trove_datastore.db import api as db_api
from trove_datastore.db import models
from trove_datastore.interop import import_write
from trove_datastore.interop import report as report_mod
from trove_datastore.interop import trove_schema as ts
from trove_datastore import names
from trove_datastore import rule_schema
from trove_datastore import rules
from trove_datastore import rules_safety

DS = models.Datastore
DSV = models.DatastoreVersion
RULE = models.ConfigurationRule
GROUP = models.Configuration
VALUE = models.ConfigurationValue

# What the value checks read of a rule.
_RULE_ATTRIBUTES = tuple(c.key for c in RULE.__table__.c)


def read_trove(connection):
    """The live catalog rows of a Trove database, sorted by id."""
    def rows(query):
        return [dict(row._mapping) for row in connection.execute(query)]
    return {
        'datastores': rows(sa.select(ts.DATASTORES).order_by(
            ts.DATASTORES.c.id)),
        'versions': rows(sa.select(ts.VERSIONS).order_by(ts.VERSIONS.c.id)),
        'rules': rows(sa.select(ts.RULES).order_by(
            ts.RULES.c.datastore_version_id, ts.RULES.c.name)),
        'groups': rows(sa.select(ts.GROUPS).where(
            ts.GROUPS.c.deleted == sa.false()).order_by(ts.GROUPS.c.id)),
        'values': rows(sa.select(ts.VALUES).where(
            ts.VALUES.c.deleted == sa.false()).order_by(
                ts.VALUES.c.configuration_id,
                ts.VALUES.c.configuration_key)),
    }


def read_ours(session):
    """This service's catalog, keyed as the plan compares it."""
    def rows(model):
        return [dict(row._mapping)
                for row in session.execute(sa.select(model.__table__))]
    values = {}
    for row in rows(VALUE):
        values.setdefault(row['configuration_id'], {})[
            row['configuration_key']] = row['configuration_value']
    return {
        'datastores': {r['id']: r for r in rows(DS)},
        'versions': {r['id']: r for r in rows(DSV)},
        'rules': {(r['datastore_version_id'], r['name_key']): r
                  for r in rows(RULE)},
        'groups': {r['id']: r for r in rows(GROUP)},
        'values': values,
    }


def _text(value):
    """'' and NULL are both 'none' in Trove's optional text columns."""
    return value if value not in (None, '') else None


def _tags(value):
    return [tag.strip() for tag in (value or '').split(',') if tag.strip()]


def _name_problem(value):
    if value in (None, ''):
        return 'has no name'
    problem = names.unstorable(value) or names.problem(value)
    return "name %r %s" % (value, problem) if problem else None


class _Plan(object):
    def __init__(self, ours, allow_unsafe):
        self.ours = ours
        self.allow_unsafe = set(allow_unsafe or ())
        self.report = report_mod.Report('Imported')
        self.datastores, self.versions, self.groups = {}, {}, {}
        self.rules = {}
        self.values = {}

    # -- datastores and versions -----------------------------------------
    def datastores_from(self, trove_rows):
        by_name = {r['name']: i for i, r in self.ours['datastores'].items()}
        for row in trove_rows:
            what = "datastore %s" % row['id']
            problem = _name_problem(row['name'])
            if problem:
                self.report.refused.append('%s: %s' % (what, problem))
                continue
            other = by_name.get(row['name'])
            if other not in (None, row['id']):
                self.report.refused.append(
                    "%s '%s': a datastore of that name has id %s here"
                    % (what, row['name'], other))
                continue
            self.datastores[row['id']] = {
                'name': row['name'],
                'default_version_id': row['default_version_id']}

    def versions_from(self, trove_rows):
        taken = {(r['datastore_id'], r['name'], r['version']): i
                 for i, r in self.ours['versions'].items()}
        for row in trove_rows:
            what = 'version %s' % row['id']
            if row['datastore_id'] not in self.datastores:
                self.report.refused.append(
                    '%s: its datastore %s is not imported'
                    % (what, row['datastore_id']))
                continue
            problem = _name_problem(row['name'])
            if problem:
                self.report.refused.append('%s: %s' % (what, problem))
                continue
            number = _text(row['version'])
            if number is None:
                number = row['name']
                self.report.adjusted.append(
                    "%s '%s': no version number in Trove; takes its name"
                    % (what, row['name']))
            key = (row['datastore_id'], row['name'], number)
            if taken.get(key, row['id']) != row['id']:
                self.report.refused.append(
                    "%s '%s' (%s): the same name and number as version %s"
                    % (what, row['name'], number, taken[key]))
                continue
            taken[key] = row['id']
            manager = _text(row['manager'])
            if manager is None:
                manager = self.datastores[row['datastore_id']]['name']
                self.report.adjusted.append(
                    "%s '%s': no manager in Trove; takes the datastore's "
                    "name %r" % (what, row['name'], manager))
            extras = {}
            for field in ('registry_ext', 'repl_strategy'):
                extras[field] = _text(row[field])
                if extras[field] and len(extras[field]) > models.NAME_LENGTH:
                    self.report.adjusted.append(
                        "%s '%s': %s longer than %d characters is left out"
                        % (what, row['name'], field, models.NAME_LENGTH))
                    extras[field] = None
            self.versions[row['id']] = dict(
                datastore_id=row['datastore_id'], name=row['name'],
                version=number, manager=manager,
                image_id=_text(row['image_id']),
                image_tags=_tags(row['image_tags']),
                # As the model stores them: NULL and '' are no packages.
                packages=models.split_names(row['packages']),
                active=bool(row['active']),
                **extras)

    def defaults(self):
        for ds_id, ds in self.datastores.items():
            default = ds['default_version_id']
            if default is None:
                continue
            version = self.versions.get(default)
            why = None
            if version is None or version['datastore_id'] != ds_id:
                why = 'names version %s, which is not imported' % default
            elif not version['active']:
                why = "names the inactive version '%s'" % version['name']
            if why:
                ds['default_version_id'] = None
                self.report.adjusted.append(
                    "datastore '%s': its default %s; imported without a "
                    "default" % (ds['name'], why))

    # -- rules ------------------------------------------------------------
    def rules_from(self, trove_rows):
        for row in trove_rows:
            version = self.versions.get(row['datastore_version_id'])
            if version is None:
                continue
            what = "rule '%s' of version %s" % (row['name'],
                                                row['datastore_version_id'])
            problem = _name_problem(row['name'])
            if problem:
                self.report.refused.append('%s: %s' % (what, problem))
                continue
            if row['data_type'] not in rule_schema.TYPES:
                self.report.refused.append('%s: unknown type %r'
                                           % (what, row['data_type']))
                continue
            key = (row['datastore_version_id'], names.rule_key(row['name']))
            if key in self.rules:
                self.report.refused.append(
                    "%s: another rule '%s' has the same name in another case"
                    % (what, self.rules[key]['name']))
                continue
            unsafe = rules_safety.check(version['manager'], row['name'])
            if unsafe is not None:
                if row['name'] not in self.allow_unsafe:
                    self.report.refused.append(
                        '%s: unsafe to offer to users (%s); name it with '
                        '--allow-unsafe to import it' % (what, unsafe.reason))
                    continue
                self.report.adjusted.append(
                    'WARNING %s: unsafe to offer to users (%s), imported '
                    'because --allow-unsafe names it' % (what, unsafe.reason))
            self.rules[key] = dict(
                id=row['id'], datastore_version_id=key[0], name=row['name'],
                name_key=key[1], data_type=row['data_type'],
                restart_required=bool(row['restart_required']),
                **self._bounds(what, row))

    def _bounds(self, what, row):
        found = {}
        for field, label in (('min_size', 'min'), ('max_size', 'max')):
            try:
                found[field] = rules.canonical_bound(row[field],
                                                     row['data_type'], label)
            except ValueError as error:
                found[field] = None
                self.report.adjusted.append('%s: %s; imported without it'
                                            % (what, error))
        try:
            rules.check_bounds(found['min_size'], found['max_size'],
                               row['data_type'])
        except ValueError as error:
            found = {'min_size': None, 'max_size': None}
            self.report.adjusted.append('%s: %s; imported without bounds'
                                        % (what, error))
        return found

    # -- groups and their values ----------------------------------------
    def rules_by_version(self, version_ids):
        """{version id: {folded name: rule}} of ``version_ids`` as they
        will be after the import: the rules here, updated by Trove's."""
        merged = {}
        for source in (self.ours['rules'], self.rules):
            for key, row in source.items():
                if key[0] in version_ids:
                    merged.setdefault(key[0], {}).setdefault(
                        key[1], dict.fromkeys(_RULE_ATTRIBUTES)).update(row)
        return {vid: {k: types.SimpleNamespace(**row)
                      for k, row in found.items()}
                for vid, found in merged.items()}

    def groups_from(self, trove_groups, trove_values):
        values = {}
        for row in trove_values:
            values.setdefault(row['configuration_id'], {})[
                row['configuration_key']] = row['configuration_value']
        rules_of = self.rules_by_version(
            {row['datastore_version_id'] for row in trove_groups})
        for row in trove_groups:
            what = "group %s '%s'" % (row['id'], row['name'])
            version = self.versions.get(row['datastore_version_id'])
            if version is None:
                self.report.refused.append(
                    '%s: its version %s is not imported'
                    % (what, row['datastore_version_id']))
                continue
            problem = _name_problem(row['name']) or (
                None if row['tenant_id'] else 'has no project')
            if problem:
                self.report.refused.append('%s: %s' % (what, problem))
                continue
            description = row['description']
            if description and len(description) > models.NAME_LENGTH:
                description = description[:models.NAME_LENGTH]
                self.report.adjusted.append(
                    '%s: description cut to %d characters'
                    % (what, models.NAME_LENGTH))
            given = values.get(row['id'], {})
            for key in sorted(k for k, v in given.items() if v is None):
                del given[key]
                self.report.adjusted.append('%s: value of %s is NULL; '
                                            'left out' % (what, key))
            checked, problems = rules.check_values(
                given, rules_of.get(row['datastore_version_id'], {}),
                "datastore version '%s'" % version['name'])
            self.report.adjusted.extend('%s: %s; value left out'
                                        % (what, text) for text in problems)
            self.groups[row['id']] = dict(
                tenant_id=row['tenant_id'], name=row['name'],
                description=_text(description),
                datastore_version_id=row['datastore_version_id'],
                created=row['created'], updated=row['updated'])
            self.values[row['id']] = checked


def _read_only(connection):
    if connection.dialect.name == 'postgresql':
        connection.execute(sa.text(
            'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY'))
    elif connection.dialect.name == 'mysql':
        connection.execute(sa.text('SET SESSION TRANSACTION READ ONLY'))


def import_from_trove(context, url, dry_run=False, allow_unsafe=()):
    """Import the catalog of the Trove database at ``url``; the Report."""
    trove = ts.engine(url)
    try:
        with trove.connect() as connection:
            _read_only(connection)
            source = read_trove(connection)
            connection.rollback()
    finally:
        trove.dispose()
    return _import(context, source, dry_run, allow_unsafe)


@db_api.writer
def _import(context, source, dry_run, allow_unsafe):
    plan = _Plan(read_ours(context.session), allow_unsafe)
    plan.datastores_from(source['datastores'])
    plan.versions_from(source['versions'])
    plan.defaults()
    plan.rules_from(source['rules'])
    plan.groups_from(source['groups'], source['values'])
    import_write.write(None if dry_run else context.session, plan)
    return plan.report
