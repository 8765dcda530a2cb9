"""publish_to_trove: write this catalog into a Trove 26 database so that
unmodified Trove serves and uses it.

One transaction on Trove's side, ids kept, touching only the datastore,
version, parameter and configuration tables. Whatever Trove-only rows
(instances, backups, clusters, flavor and volume-type associations) still
refer to is never deleted: such a version is made inactive, such a group
kept, and the report says so.
"""

import datetime
import decimal
import json

import sqlalchemy as sa

from trove_datastore.db import api as db_api
from trove_datastore import exception
from trove_datastore.interop import report as report_mod
from trove_datastore.interop import trove_import
from trove_datastore.interop import trove_schema as ts
from trove_datastore import rules

DS_FIELDS = ('name', 'default_version_id')
DSV_FIELDS = ('datastore_id', 'name', 'version', 'manager', 'image_id',
              'image_tags', 'packages', 'active', 'registry_ext',
              'repl_strategy')
RULE_FIELDS = ('restart_required', 'max_size', 'min_size', 'data_type')
GROUP_FIELDS = ('name', 'description', 'tenant_id', 'datastore_version_id',
                'deleted')
# Trove's column sizes where they are smaller than ours.
PACKAGES_LENGTH = 511
GROUP_NAME_LENGTH = 64
TENANT_LENGTH = 36
# Trove's min_size/max_size columns.
BOUND_LENGTH = 40
VALUE_LENGTH = 128


def trove_value(text):
    """A stored JSON value as Trove stores and reads it back (booleans as
    1/0, numbers as their decimal text, strings as they are)."""
    value = rules.decode_value(text)
    if isinstance(value, bool):
        return '1' if value else '0'
    if isinstance(value, list):
        return ','.join(str(item) for item in value)
    return value if isinstance(value, str) else json.dumps(value)


def _trove_bound(text, rule, report):
    """A bound as Trove reads it: its API shows bounds with int(), so an
    integral float bound goes as an integer and any other is left out."""
    if text is None:
        return None
    number = decimal.Decimal(text)
    if number == number.to_integral_value():
        whole = str(int(number))
        if len(whole) <= BOUND_LENGTH:
            return whole
        why = 'Trove holds bounds of up to %d digits' % BOUND_LENGTH
    else:
        why = 'Trove shows only whole-number bounds'
    report.adjusted.append(
        "rule '%s' of version %s: %s; published without the bound %s"
        % (rule['name'], rule['datastore_version_id'], why, text))
    return None


def _wanted(ours, report):
    """Trove's rows as this catalog wants them."""
    want = {'datastores': {}, 'versions': {}, 'rules': {}, 'groups': {},
            'values': {}}
    for ds_id, row in ours['datastores'].items():
        want['datastores'][ds_id] = {f: row[f] for f in DS_FIELDS}
    for v_id, row in ours['versions'].items():
        version = {f: row[f] for f in DSV_FIELDS}
        # Trove keeps lists as the comma-joined text this model stores.
        for field in ('image_tags', 'packages'):
            version[field] = ','.join(row[field]) or None
        if version['packages'] and len(version['packages']) > PACKAGES_LENGTH:
            report.refused.append(
                "version %s '%s': its packages are longer than Trove's %d "
                "characters; published without them"
                % (v_id, row['name'], PACKAGES_LENGTH))
            version['packages'] = None
        want['versions'][v_id] = version
    for row in ours['rules'].values():
        rule = dict({f: row[f] for f in RULE_FIELDS}, id=row['id'])
        for field in ('min_size', 'max_size'):
            rule[field] = _trove_bound(rule[field], row, report)
        want['rules'][(row['datastore_version_id'], row['name'])] = rule
    for g_id, row in ours['groups'].items():
        what = "group %s '%s'" % (g_id, row['name'])
        if len(row['name']) > GROUP_NAME_LENGTH or \
                len(row['tenant_id']) > TENANT_LENGTH:
            report.refused.append(
                "%s: Trove holds names of up to %d characters and projects "
                "of up to %d; not published" % (what, GROUP_NAME_LENGTH,
                                                 TENANT_LENGTH))
            continue
        values = {}
        for key, text in ours['values'].get(g_id, {}).items():
            value = trove_value(text)
            if len(value) > VALUE_LENGTH:
                report.refused.append(
                    "%s: value of %s is longer than Trove's %d characters; "
                    "published without it" % (what, key, VALUE_LENGTH))
                continue
            values[key] = value
        want['groups'][g_id] = dict(
            {f: row[f] for f in GROUP_FIELDS if f != 'deleted'},
            deleted=False)
        want['values'][g_id] = values
    return want


def _trove_rows(connection):
    def rows(query):
        return [dict(row._mapping) for row in connection.execute(query)]
    have = {
        'datastores': {r['id']: r for r in rows(sa.select(ts.DATASTORES))},
        'versions': {r['id']: r for r in rows(sa.select(ts.VERSIONS))},
        'rules': {(r['datastore_version_id'], r['name']): r
                  for r in rows(sa.select(ts.RULES))},
        'groups': {r['id']: r for r in rows(sa.select(ts.GROUPS))},
        'values': {},
    }
    for version in have['versions'].values():
        version['active'] = bool(version['active'])
    for group in have['groups'].values():
        group['deleted'] = bool(group['deleted'])
    for row in rows(sa.select(ts.VALUES).where(
            ts.VALUES.c.deleted == sa.false())):
        have['values'].setdefault(row['configuration_id'], {})[
            row['configuration_key']] = row['configuration_value']
    return have


def _fill_trove_only(want, have):
    """Trove insists on registry_ext and repl_strategy: a version here
    without them keeps Trove's, or gets '' when it is new there. Trove's
    '' for none stays."""
    for v_id, version in want['versions'].items():
        old = have['versions'].get(v_id)
        for field in ('registry_ext', 'repl_strategy'):
            if version[field] is None:
                version[field] = old[field] if old else ''
        # Trove writes '' for "no image id", "no tags" and "no packages":
        # the same as NULL, left as it is.
        for field in ('image_id', 'image_tags', 'packages'):
            if version[field] is None and old and old[field] == '':
                version[field] = ''
    for rule in want['rules'].values():
        rule['restart_required'] = bool(rule['restart_required'])
    for rule in have['rules'].values():
        rule['restart_required'] = bool(rule['restart_required'])


def _removals(connection, want, have, report):
    """What goes away in Trove, and what must stay because Trove-only rows
    refer to it."""
    live = {g_id for g_id, g in have['groups'].items() if not g['deleted']}
    gone_groups = live - set(want['groups'])
    kept_groups = ts.referenced_ids(connection, 'configuration_id',
                                    ts.GROUP_REFERENCES, gone_groups)
    for g_id in sorted(kept_groups):
        report.left_alone.append(
            'group %s: removed here, but a Trove instance or cluster uses '
            'it: kept in Trove' % g_id)
    gone_versions = set(have['versions']) - set(want['versions'])
    in_use = ts.referenced_ids(connection, 'datastore_version_id',
                               ts.VERSION_REFERENCES, gone_versions)
    in_use |= {have['groups'][g]['datastore_version_id']
               for g in kept_groups}
    in_use &= gone_versions
    for v_id in sorted(in_use):
        report.left_alone.append(
            "version %s '%s': removed here, but Trove rows still refer to "
            "it: made inactive in Trove" % (v_id, have['versions'][v_id]
                                            ['name']))
        want['versions'][v_id] = dict(have['versions'][v_id], active=False)
        want['versions'][v_id].pop('id')
    # A version kept inactive keeps its rules: kept groups use them.
    for key, rule in have['rules'].items():
        if key[0] in in_use:
            want['rules'].setdefault(key, rule)
    kept_datastores = {want['versions'][v]['datastore_id'] for v in in_use}
    for ds_id in sorted(kept_datastores - set(want['datastores'])):
        report.left_alone.append(
            'datastore %s: removed here, but keeps versions Trove uses: '
            'kept in Trove' % ds_id)
        want['datastores'][ds_id] = dict(have['datastores'][ds_id])
        want['datastores'][ds_id].pop('id')
    return gone_groups - kept_groups


def _diff_all(want, have, gone_groups, report):
    plan = {}
    for kind, fields in (('datastores', DS_FIELDS), ('versions', DSV_FIELDS),
                         ('rules', RULE_FIELDS)):
        if kind == 'rules':
            wanted = {key: dict(row, datastore_version_id=key[0], name=key[1])
                      for key, row in want[kind].items()}
        else:
            wanted = {key: dict(row, id=key)
                      for key, row in want[kind].items()}
        plan[kind] = report_mod.diff(report, kind, wanted, have[kind], fields)
        gone = sorted(set(have[kind]) - set(want[kind]))
        report.count(kind, 'removed', len(gone))
        report.details.extend('remove %s %s' % (kind[:-1],
                                                 report_mod.key_text(key))
                              for key in gone)
        plan[kind + '_gone'] = gone
    wanted = {g_id: dict(row, id=g_id, values=want['values'][g_id])
              for g_id, row in want['groups'].items()}
    present = {g_id: dict(row, values=have['values'].get(g_id, {}))
               for g_id, row in have['groups'].items()}
    plan['groups'] = report_mod.diff(report, 'groups', wanted, present,
                                     GROUP_FIELDS + ('values',))
    report.count('groups', 'removed', len(gone_groups))
    report.details.extend('remove group %s' % g for g in sorted(gone_groups))
    plan['groups_gone'] = sorted(gone_groups)
    return plan


def _write(connection, plan, want):
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    gone = plan['groups_gone']
    if gone:
        connection.execute(ts.GROUPS.update().where(
            ts.GROUPS.c.id.in_(gone)).values(deleted=True, deleted_at=now))
        connection.execute(ts.VALUES.update().where(
            ts.VALUES.c.configuration_id.in_(gone),
            ts.VALUES.c.deleted == sa.false()).values(deleted=True,
                                                      deleted_at=now))
    for v_id, name in plan['rules_gone']:
        connection.execute(ts.RULES.delete().where(
            ts.RULES.c.datastore_version_id == v_id, ts.RULES.c.name == name))
    for kind, table in (('versions', ts.VERSIONS),
                        ('datastores', ts.DATASTORES)):
        if plan[kind + '_gone']:
            connection.execute(table.delete().where(
                table.c.id.in_(plan[kind + '_gone'])))
    for kind, table in (('datastores', ts.DATASTORES),
                        ('versions', ts.VERSIONS)):
        added, changed = plan[kind]
        if added:
            connection.execute(table.insert(), added)
        for row_id, delta in changed.items():
            connection.execute(table.update().where(table.c.id == row_id)
                               .values(**delta))
    added, changed = plan['rules']
    if added:
        connection.execute(ts.RULES.insert(), added)
    for (v_id, name), delta in changed.items():
        connection.execute(ts.RULES.update().where(
            ts.RULES.c.datastore_version_id == v_id,
            ts.RULES.c.name == name).values(**delta))
    _write_groups(connection, plan['groups'], want, now)


def _write_groups(connection, groups, want, now):
    added, changed = groups
    if added:
        connection.execute(ts.GROUPS.insert(), [
            dict({f: g[f] for f in GROUP_FIELDS}, id=g['id'], created=now,
                 updated=now) for g in added])
    for g_id, delta in changed.items():
        delta = {f: v for f, v in delta.items() if f != 'values'}
        if delta.get('deleted') is False:
            delta['deleted_at'] = None
        connection.execute(ts.GROUPS.update().where(ts.GROUPS.c.id == g_id)
                           .values(updated=now, **delta))
    rewritten = [g['id'] for g in added] + [
        g_id for g_id, delta in changed.items() if 'values' in delta]
    if not rewritten:
        return
    # Trove's soft-deleted values share the key: they go too.
    connection.execute(ts.VALUES.delete().where(
        ts.VALUES.c.configuration_id.in_(rewritten)))
    rows = [{'configuration_id': g_id, 'configuration_key': key,
             'configuration_value': value, 'deleted': False}
            for g_id in rewritten
            for key, value in want['values'][g_id].items()]
    if rows:
        connection.execute(ts.VALUES.insert(), rows)


def publish_to_trove(context, url, dry_run=False):
    """Publish this catalog into the Trove database at ``url``."""
    ours = _read_ours(context)
    report = report_mod.Report('Published')
    want = _wanted(ours, report)
    trove = ts.engine(url)
    try:
        with trove.begin() as connection:
            have = _trove_rows(connection)
            _fill_trove_only(want, have)
            gone_groups = _removals(connection, want, have, report)
            plan = _diff_all(want, have, gone_groups, report)
            if not dry_run and report.changes:
                _write(connection, plan, want)
            elif dry_run:
                connection.rollback()
    except sa.exc.DBAPIError as error:
        raise exception.TroveDatastoreError(
            'publishing failed, nothing written to Trove: %s'
            % str(error.orig).strip().splitlines()[0])
    finally:
        trove.dispose()
    return report


@db_api.reader
def _read_ours(context):
    return trove_import.read_ours(context.session)
