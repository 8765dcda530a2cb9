"""The writing half of import_from_trove: compare the plan with this
catalog, count, and (unless a dry run) write the differences."""

import uuid

import sqlalchemy as sa

from trove_datastore.db import models
from trove_datastore.interop import report as report_mod

DS = models.Datastore
DSV = models.DatastoreVersion
RULE = models.ConfigurationRule
GROUP = models.Configuration
VALUE = models.ConfigurationValue

DS_FIELDS = ('name', 'default_version_id')
DSV_FIELDS = ('datastore_id', 'name', 'version', 'manager', 'image_id',
              'image_tags', 'packages', 'active', 'registry_ext',
              'repl_strategy')
RULE_FIELDS = ('name', 'data_type', 'restart_required', 'min_size',
               'max_size')
GROUP_FIELDS = ('tenant_id', 'name', 'description', 'datastore_version_id')


def _with_ids(wanted):
    return {key: dict(row, id=key) for key, row in wanted.items()}


def _update(session, model, changed):
    for row_id, delta in changed.items():
        session.execute(sa.update(model).where(model.id == row_id)
                        .values(**delta))


def write(session, plan):
    ours = plan.ours
    report = plan.report
    ds_add, ds_change = report_mod.diff(
        report, 'datastores', _with_ids(plan.datastores),
        ours['datastores'], DS_FIELDS)
    v_add, v_change = report_mod.diff(
        report, 'versions', _with_ids(plan.versions), ours['versions'],
        DSV_FIELDS)
    r_add, r_change = report_mod.diff(report, 'rules', plan.rules,
                                      ours['rules'], RULE_FIELDS)
    used = {row['id'] for row in ours['rules'].values()}
    for row in r_add:
        if row['id'] in used:
            row['id'] = str(uuid.uuid4())
    wanted_groups = {}
    for gid, group in plan.groups.items():
        wanted_groups[gid] = dict(group, id=gid, values=plan.values[gid])
    have_groups = {gid: dict(row, values=ours['values'].get(gid, {}))
                   for gid, row in ours['groups'].items()}
    g_add, g_change = report_mod.diff(report, 'groups', wanted_groups,
                                      have_groups,
                                      GROUP_FIELDS + ('values',))
    _left_alone(plan)
    if session is None or not plan.report.changes:
        return
    if ds_add:
        session.execute(sa.insert(DS), ds_add)
    _update(session, DS, ds_change)
    if v_add:
        session.execute(sa.insert(DSV), v_add)
    _update(session, DSV, v_change)
    if r_add:
        session.execute(sa.insert(RULE), r_add)
    _update(session, RULE, {ours['rules'][key]['id']: delta
                            for key, delta in r_change.items()})
    groups = [dict({f: g[f] for f in GROUP_FIELDS}, id=g['id'],
                   created_at=g['created'] or models._utcnow(),
                   updated_at=g['updated'] or g['created']
                   or models._utcnow())
              for g in g_add]
    if groups:
        session.execute(sa.insert(GROUP), groups)
    for gid, delta in g_change.items():
        delta = dict(delta)
        delta.pop('values', None)
        session.execute(sa.update(GROUP).where(GROUP.id == gid)
                        .values(updated_at=models._utcnow(), **delta))
    rewritten = [g['id'] for g in g_add] + [
        gid for gid, delta in g_change.items() if 'values' in delta]
    if rewritten:
        session.execute(sa.delete(VALUE).where(
            VALUE.configuration_id.in_(rewritten)))
        rows = [{'configuration_id': gid, 'configuration_key': key,
                 'configuration_value': text}
                for gid in rewritten for key, text in plan.values[gid].items()]
        if rows:
            session.execute(sa.insert(VALUE), rows)


def _left_alone(plan):
    for kind, wanted in (('datastores', plan.datastores),
                         ('versions', plan.versions),
                         ('groups', plan.groups)):
        only_here = sorted(set(plan.ours[kind]) - set(wanted))
        if only_here:
            plan.report.left_alone.append(
                '%d %s exist only here (not in Trove): kept as they are: %s'
                % (len(only_here), kind, ', '.join(only_here[:5])
                   + (', ...' if len(only_here) > 5 else '')))
