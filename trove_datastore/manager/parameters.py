"""Configuration parameter rules of datastore versions.

Used by the parameter endpoints and by trove-manage's rules loader. Every
operation is one transaction; a rules file load validates the whole file
before the transaction opens and then writes it with a few bulk
statements, whatever its size.
"""

import uuid

from oslo_db import exception as db_exc
from oslo_log import log as logging
import sqlalchemy as sa

from trove_datastore.db import api as db_api
from trove_datastore.db import models
from trove_datastore import exception
from trove_datastore.manager import lookup
from trove_datastore.manager import paging
from trove_datastore.manager import rule_changes
from trove_datastore.manager import unsafe_rules
from trove_datastore import names

LOG = logging.getLogger(__name__)

RULE = models.ConfigurationRule


def _version(context, datastore=None, version=None, version_id=None,
             version_number=None):
    """The version a parameter request names: by id (one query) or by
    datastore and version name or id (two queries)."""
    if version_id is not None:
        return lookup.version_by_id(context, version_id)
    _, row = lookup.resolve_version(context, datastore=datastore,
                                    version=version,
                                    version_number=version_number)
    return row


def _by_name(context, version_id, name):
    """A rule by name, case-insensitively: by its folded key, of which a
    version has one rule at most. The key is compared again in Python,
    where MariaDB's PAD SPACE cannot make 'x ' equal 'x'."""
    key = names.rule_key(name)
    row = context.session.scalars(sa.select(RULE).where(
        RULE.datastore_version_id == version_id,
        RULE.name_key == key)).first()
    if row is None or row.name_key != key:
        raise exception.ParameterNotFound(name=name)
    return row


@db_api.reader
def list_parameters(context, page=None, **version):
    """(version, rules by name, next marker): two or three queries.

    The marker of a page is the last parameter name it showed.
    """
    page = page or paging.Page()
    row = _version(context, **version)
    found, last = paging.fetch(
        context.session, page,
        sa.select(RULE).where(RULE.datastore_version_id == row.id),
        (RULE.name,), paging.start(context.session, page))
    return (row, [rule for rule, in found],
            (last[0].name if last is not None else None))


@db_api.reader
def get_parameter(context, name, **version):
    row = _version(context, **version)
    return _by_name(context, row.id, name)


def create_parameter(context, version_id, rule):
    """Add ``rule`` (a rules.Rule) to a version."""
    try:
        return _create_parameter(context, version_id, rule)
    except db_exc.DBDuplicateEntry:
        raise exception.ConfigurationParameterAlreadyExists(
            parameter_name=rule.name, datastore_version=version_id)


@db_api.writer
def _create_parameter(context, version_id, rule):
    version = lookup.version_by_id(context, version_id)
    unsafe_rules.check_api(version.manager, rule.name)
    # Answers most clashes with the existing name; a concurrent create
    # that this read cannot see yet is refused by the database
    # (uniq_ds_config_params0datastore_version_id0name_key).
    clash = context.session.execute(sa.select(RULE.name).where(
        RULE.datastore_version_id == version.id,
        RULE.name_key == names.rule_key(rule.name))).first()
    if clash:
        raise exception.ConfigurationParameterAlreadyExists(
            parameter_name=clash[0], datastore_version=version.id)
    row = RULE(id=str(uuid.uuid4()), datastore_version_id=version.id,
               **rule.columns())
    context.session.add(row)
    context.session.flush()
    LOG.info('Added parameter %s to datastore version %s',
             rule.name, version.id)
    return row


@db_api.writer
def update_parameter(context, version_id, name, rule):
    """Replace the definition of the rule ``name`` by ``rule``; the name
    stays as stored."""
    # The version row is locked as a rules load locks it, so a group
    # created meanwhile is checked against the new definition.
    version, datastore = lookup.lock_version(context, version_id)
    row = _by_name(context, version.id, name)
    unsafe_rules.check_api(version.manager, row.name)
    rule_changes.refuse_if_invalidated(
        context, version.id, rule_changes.where(datastore, version),
        {row.name.lower(): rule},
        'Changing parameter %s would make values of configuration groups '
        'invalid' % row.name)
    for field, value in rule.columns().items():
        if field != 'name':
            setattr(row, field, value)
    context.session.flush()
    return row


@db_api.writer
def delete_parameter(context, version_id, name):
    # Locked like a rules load: no group is created with a value for the
    # rule between the check below and the delete.
    lookup.lock_version(context, version_id)
    row = _by_name(context, version_id, name)
    rule_changes.refuse_if_used(
        context, version_id, [row.name],
        'Parameter %s is used by configuration groups' % row.name)
    context.session.delete(row)
    context.session.flush()


# Rules files (trove-manage).

class LoadSummary(object):

    def __init__(self, version, datastore):
        self.version = version
        self.datastore = datastore
        self.added = []
        self.updated = []
        self.unchanged = []
        self.removed = []
        # One line per configuration group value the load makes invalid.
        self.invalidated = []


def _differs(row, columns):
    return any(getattr(row, field) != value
               for field, value in columns.items())


def _refuse_case_clashes(version_row, existing, rules):
    """Refuse rules whose names differ only in case from a rule the
    version has: the database would refuse them too, less clearly."""
    by_key = {row.name_key: row.name for row in existing.values()}
    clashes = ['%s (the version has %s)' % (rule.name,
                                            by_key[names.rule_key(rule.name)])
               for rule in rules if rule.name not in existing
               and names.rule_key(rule.name) in by_key]
    if clashes:
        raise exception.ConfigurationParameterCaseClash(
            datastore_version=version_row.id, names=', '.join(clashes))


@db_api.writer
def load_rules(context, datastore, version, parsed, version_number=None,
               prune=False, dry_run=False, force=False, allow_unsafe=()):
    """Upsert the rules of ``parsed`` by (version, name), in one
    transaction: one query to read what exists, then at most one bulk
    insert, one bulk update and one delete. ``dry_run`` computes the same
    summary and writes nothing.

    A load that would make values of the version's configuration groups
    invalid (a changed rule rejects them, or ``prune`` removes their rule)
    raises RulesInvalidateGroups unless ``force``; the summary lists them
    either way.

    Parameters that rules_safety lists as unsafe for the version's
    manager raise UnsafeParameters unless ``allow_unsafe`` names each of
    them; the summary's ``unsafe`` lists those loaded."""
    # Loads of one version take turns on the version row, which always
    # exists (locking only the rule rows misses rows another load adds).
    datastore_row, version_row = lookup.resolve_version(
        context, datastore=datastore, version=version,
        version_number=version_number, lock=lookup.UPDATE)
    allowed_unsafe = unsafe_rules.check_load(
        version_row.manager, [rule.name for rule in parsed.rules],
        allow_unsafe)
    # A locking read: it sees what an earlier load committed even where
    # the transaction's snapshot is older (MySQL's repeatable read).
    existing = {row.name: row for row in context.session.scalars(
        sa.select(RULE).where(RULE.datastore_version_id == version_row.id)
        .with_for_update())}
    _refuse_case_clashes(version_row, existing, parsed.rules)
    summary = LoadSummary(version_row, datastore_row)
    summary.unsafe = allowed_unsafe
    inserts, updates = [], []
    now = models._utcnow()
    for rule in parsed.rules:
        columns = rule.columns()
        row = existing.pop(rule.name, None)
        if row is None:
            summary.added.append(rule.name)
            inserts.append(dict(columns, id=str(uuid.uuid4()),
                                datastore_version_id=version_row.id,
                                created_at=now, updated_at=now))
        elif _differs(row, columns):
            summary.updated.append(rule.name)
            updates.append(dict(columns, id=row.id, updated_at=now))
        else:
            summary.unchanged.append(rule.name)
    if prune:
        summary.removed = sorted(existing)
    updated = set(summary.updated)
    summary.invalidated = rule_changes.invalidated(
        context, version_row.id,
        rule_changes.where(datastore_row, version_row),
        {rule.name.lower(): rule for rule in parsed.rules
         if rule.name in updated}, summary.removed)
    if summary.invalidated and not (force or dry_run):
        raise exception.RulesInvalidateGroups(
            'The rules would make values of configuration groups of '
            'datastore %s version %s invalid' % (datastore_row.name,
                                                 version_row.name),
            summary.invalidated)
    if dry_run:
        return summary
    # The rows read above are not needed any more; the bulk statements
    # below must not race with their identity-map copies.
    context.session.expunge_all()
    if inserts:
        # One INSERT for every row, whatever columns each leaves NULL.
        try:
            context.session.execute(
                sa.insert(RULE).execution_options(render_nulls=True),
                inserts)
        except db_exc.DBDuplicateEntry:
            # Created by a concurrent writer since the read above (in any
            # case): a refusal, never two rules for one name.
            raise exception.ConfigurationParameterAlreadyExists(
                parameter_name=', '.join(summary.added),
                datastore_version=version_row.id)
    if updates:
        context.session.execute(sa.update(RULE), updates)
    if summary.removed:
        context.session.execute(sa.delete(RULE).where(
            RULE.datastore_version_id == version_row.id,
            RULE.id.in_([existing[name].id for name in summary.removed])))
    LOG.debug('Loaded rules for datastore version %s: %d added, %d updated, '
             '%d unchanged, %d removed', version_row.id, len(summary.added),
             len(summary.updated), len(summary.unchanged),
             len(summary.removed))
    unsafe_rules.log_allowed(version_row, summary.unsafe)
    return summary


@db_api.writer
def remove_rules(context, datastore, version, version_number=None,
                 force=False):
    """Delete every rule of a version: (datastore, version, count, lines
    naming the groups that used them).

    Refused with RulesInUse while configuration groups have values for
    the rules, unless ``force``."""
    datastore_row, version_row = lookup.resolve_version(
        context, datastore=datastore, version=version,
        version_number=version_number, lock=lookup.UPDATE)
    names = context.session.scalars(sa.select(RULE.name).where(
        RULE.datastore_version_id == version_row.id)).all()
    in_use = rule_changes.groups_using(context, version_row.id, names)
    if in_use and not force:
        raise exception.RulesInUse(
            'Configuration groups of datastore %s version %s use its '
            'parameters' % (datastore_row.name, version_row.name), in_use)
    result = context.session.execute(sa.delete(RULE).where(
        RULE.datastore_version_id == version_row.id))
    return datastore_row, version_row, result.rowcount, in_use


def rules_from_rows(rows):
    """Rules keyed by lower-cased name, for value validation."""
    return {row.name.lower(): row for row in rows}

