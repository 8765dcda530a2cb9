"""What a change of a version's rules does to the configuration groups
of that version, and how the rules of two versions differ.

The guards run inside the caller's writer transaction (the rules loader
and the mgmt parameter operations), after the rules they change have been
read, and read every value of the version's groups in one query whatever
their number. A group uses a rule when it has a value whose key matches
the rule's name case-insensitively (values are stored under the rule's
canonical name). ``diff_rules`` is a reader transaction of its own.
"""

import collections

import sqlalchemy as sa

from trove_datastore.db import api as db_api
from trove_datastore.db import models
from trove_datastore import exception
from trove_datastore.manager import lookup
from trove_datastore import rules as rules_format

CONFIG = models.Configuration
VALUE = models.ConfigurationValue
RULE = models.ConfigurationRule


def where(datastore, version):
    """How value problems name the version, as configuration groups do."""
    return '%s %s' % (datastore.name, version.name)


def _group_values(context, version_id):
    """{(group id, name, project): [(key, JSON text)]} of every group of
    the version that has values, in creation order: one query.

    The group rows are locked: a concurrent PUT or PATCH of one of them
    waits for this transaction and then validates against the new rules.
    """
    rows = context.session.execute(
        sa.select(CONFIG.id, CONFIG.name, CONFIG.tenant_id,
                  VALUE.configuration_key, VALUE.configuration_value)
        .join(VALUE, VALUE.configuration_id == CONFIG.id)
        .where(CONFIG.datastore_version_id == version_id)
        .order_by(CONFIG.created_at, CONFIG.id, VALUE.configuration_key)
        .with_for_update(of=CONFIG)).all()
    groups = collections.OrderedDict()
    for group_id, name, project, key, text in rows:
        groups.setdefault((group_id, name, project), []).append((key, text))
    return groups


def _label(group):
    group_id, name, project = group
    return 'configuration group %s (%s, project %s)' % (group_id, name,
                                                        project)


def groups_using(context, version_id, names):
    """One line per group with a value for one of ``names``, naming the
    group and the keys it uses."""
    folded = {name.lower() for name in names}
    lines = []
    for group, values in _group_values(context, version_id).items():
        keys = [key for key, _ in values if key.lower() in folded]
        if keys:
            lines.append('%s uses %s' % (_label(group), ', '.join(keys)))
    return lines


def refuse_if_used(context, version_id, names, change):
    """Raise RulesInUse naming the groups that use any of ``names``."""
    lines = groups_using(context, version_id, names)
    if lines:
        raise exception.RulesInUse(change, lines)


def invalidated(context, version_id, place, changed, removed=()):
    """One line per stored group value that would be invalid after the
    change: its rule is in ``removed`` (names), or ``changed`` (lower-cased
    name -> new rule) rejects it. Values of other rules are not looked
    at: they are as valid as they were."""
    removed = {name.lower() for name in removed}
    if not changed and not removed:
        return []
    lines = []
    for group, values in _group_values(context, version_id).items():
        label = _label(group)
        # Values come in key order; so do the lines of a group.
        for key, text in values:
            if key.lower() in removed:
                lines.append('%s: %s = %s: the parameter would be removed'
                             % (label, key, text))
            elif key.lower() in changed:
                _, problems = rules_format.check_values(
                    {key: rules_format.decode_value(text)}, changed, place)
                lines.extend('%s: %s' % (label, problem)
                             for problem in problems)
    return lines


def refuse_if_invalidated(context, version_id, place, changed, change):
    """Raise RulesInvalidateGroups listing the values the change breaks."""
    lines = invalidated(context, version_id, place, changed)
    if lines:
        raise exception.RulesInvalidateGroups(change, lines)


# Comparing two versions (trove-manage rules_diff).

# (label, column) of what a rule change is reported for; ``unit`` only
# where the rules carry one.
COMPARED = tuple((label, column) for label, column in (
    ('type', 'data_type'), ('min', 'min_size'), ('max', 'max_size'),
    ('restart_required', 'restart_required'),
    ('allowed_values', 'allowed_values'), ('unit', 'unit'))
    if hasattr(RULE, column))


def _shown(row, column):
    value = getattr(row, column)
    if column in ('min_size', 'max_size'):
        return rules_format.render_bound(value, row.data_type)
    if column == 'allowed_values':
        return rules_format.allowed_values(row)
    return value


def describe(row):
    """A rule in a few words: ``integer, min 1, max 10, restart
    required``."""
    parts = [row.data_type]
    for label, column in COMPARED[1:]:
        value = _shown(row, column)
        if column == 'restart_required':
            parts.append('restart required' if value else
                         'no restart required')
        elif value is not None:
            parts.append('%s %s' % (label, _text(value)))
    return ', '.join(parts)


def _text(value):
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, list):
        return '[%s]' % ', '.join(str(item) for item in value)
    return str(value)


class RulesDiff(object):
    """``added`` and ``removed`` rules, ``changed`` as (old rule, new rule,
    [(label, old, new)]) and the number of ``unchanged`` ones, each sorted
    by name."""

    def __init__(self, datastore, old_version, new_version):
        self.datastore = datastore
        self.old_version = old_version
        self.new_version = new_version
        self.added = []
        self.removed = []
        self.changed = []
        self.unchanged = 0

    @property
    def identical(self):
        return not (self.added or self.removed or self.changed)


@db_api.reader
def diff_rules(context, datastore, old_version, new_version,
               old_number=None, new_number=None):
    """How the rules of ``new_version`` differ from those of
    ``old_version`` (both of ``datastore``): three queries."""
    datastore_row = lookup.find_datastore(context, datastore)
    old = lookup.version_in_datastore(context, datastore_row, old_version,
                                      old_number)
    new = lookup.version_in_datastore(context, datastore_row, new_version,
                                      new_number)
    rows = context.session.scalars(sa.select(RULE).where(
        RULE.datastore_version_id.in_({old.id, new.id}))).all()
    before = {r.name.lower(): r for r in rows
              if r.datastore_version_id == old.id}
    after = {r.name.lower(): r for r in rows
             if r.datastore_version_id == new.id}
    diff = RulesDiff(datastore_row, old, new)
    for name in sorted(set(before) | set(after)):
        if name not in before:
            diff.added.append(after[name])
        elif name not in after:
            diff.removed.append(before[name])
        else:
            changes = [(label, _shown(before[name], column),
                        _shown(after[name], column))
                       for label, column in COMPARED
                       if _shown(before[name], column)
                       != _shown(after[name], column)]
            if changes:
                diff.changed.append((before[name], after[name], changes))
            else:
                diff.unchanged += 1
    return diff


def change_text(changes):
    """``max 100 -> 200; restart_required false -> true``."""
    return '; '.join('%s %s -> %s' % (label, _none(old), _none(new))
                     for label, old, new in changes)


def _none(value):
    return 'none' if value is None else _text(value)
