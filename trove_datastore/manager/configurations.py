"""Configuration groups: a project's validated parameter values for one
datastore version.

Groups belong to the caller's project; administrators reach every
project's groups, anyone else gets "not found" for a group of another
project. Values are stored as JSON text under the rule's canonical name.
Every operation is one transaction with a fixed number of statements.
"""

import uuid

from oslo_log import log as logging
import sqlalchemy as sa

from trove_datastore.db import api as db_api
from trove_datastore.db import models
from trove_datastore import exception
from trove_datastore.manager import lookup
from trove_datastore.manager import paging
from trove_datastore import names
from trove_datastore import rules as rules_format

LOG = logging.getLogger(__name__)

CONFIG = models.Configuration
VALUE = models.ConfigurationValue
RULE = models.ConfigurationRule
DS = models.Datastore
DSV = models.DatastoreVersion


class Group(object):
    """A group with its version and datastore, and (for details) its
    values and the names of its sensitive parameters."""

    def __init__(self, row, version, datastore, values=None,
                 sensitive=()):
        self.row = row
        self.version = version
        self.datastore = datastore
        self.values = values if values is not None else {}
        self.sensitive = set(sensitive)


def _owned(context, query):
    if not context.is_admin:
        query = query.where(CONFIG.tenant_id == context.project_id)
    return query


def _load(context, configuration_id, lock=False):
    """(group, version, datastore) the caller may see, in one query."""
    query = _owned(context, sa.select(CONFIG, DSV, DS).join(
        DSV, DSV.id == CONFIG.datastore_version_id).join(
        DS, DS.id == DSV.datastore_id).where(CONFIG.id == configuration_id))
    if lock:
        # Serialises concurrent PUT/PATCH of one group.
        query = query.with_for_update()
    found = context.session.execute(query).first()
    if found is None:
        raise exception.ConfigurationNotFound(id=configuration_id)
    return found


def _where(datastore, version):
    return '%s %s' % (datastore.name, version.name)


def _validate(context, values, version, datastore, require_rules,
              latest=False):
    """Check values against the version's rules matching their keys (one
    query; one more on the error path to tell "no rules at all").

    ``latest`` reads the rules with a share lock, which sees them as last
    committed: a create waits on the version row for a rules change, and
    on MariaDB its snapshot may be older than that change."""
    if not values:
        return {}
    # Folded in Python and matched on the key column: SQLite's lower()
    # folds ASCII only, so SQL folding would depend on the engine.
    lowered = sorted({names.rule_key(key) for key in values})
    query = sa.select(RULE).where(
        RULE.datastore_version_id == version.id,
        RULE.name_key.in_(lowered))
    if latest:
        query = query.with_for_update(read=True)
    rows = context.session.scalars(query).all()
    by_name = {row.name.lower(): row for row in rows}
    if require_rules and len(by_name) < len(lowered):
        any_rule = context.session.execute(sa.select(RULE.id).where(
            RULE.datastore_version_id == version.id).limit(1)).first()
        if any_rule is None:
            raise exception.ConfigurationsNotSupported(
                where=_where(datastore, version))
    return rules_format.validate_values(values, by_name,
                                        _where(datastore, version))


def _insert_values(context, configuration_id, encoded):
    if encoded:
        context.session.execute(sa.insert(VALUE), [
            {'configuration_id': configuration_id, 'configuration_key': key,
             'configuration_value': text}
            for key, text in encoded.items()])


def _sensitive_names(context, version_id, names):
    if not names:
        return set()
    return set(context.session.scalars(sa.select(RULE.name).where(
        RULE.datastore_version_id == version_id,
        RULE.sensitive.is_(True), RULE.name.in_(sorted(names)))))


@db_api.reader
def list_configurations(context, page):
    """Groups by creation time with their version and datastore:
    (groups, next marker). One query, two with a marker."""
    query = _owned(context, sa.select(CONFIG, DSV, DS).join(
        DSV, DSV.id == CONFIG.datastore_version_id).join(
        DS, DS.id == DSV.datastore_id))
    order = (CONFIG.created_at, CONFIG.id)
    start = paging.start(context.session, page,
                         _owned(context, sa.select(*order)), CONFIG.id)
    found, last = paging.fetch(context.session, page, query, order, start)
    return ([Group(*row) for row in found],
            (last[0].id if last is not None else None))


@db_api.reader
def get_configuration(context, configuration_id):
    """A group with its values: two queries."""
    row, version, datastore = _load(context, configuration_id)
    found = context.session.execute(
        sa.select(VALUE.configuration_key, VALUE.configuration_value,
                  RULE.sensitive).outerjoin(
            RULE, sa.and_(RULE.datastore_version_id == version.id,
                          RULE.name == VALUE.configuration_key)).where(
            VALUE.configuration_id == row.id).order_by(
            VALUE.configuration_key)).all()
    values = {key: rules_format.decode_value(text)
              for key, text, _ in found}
    sensitive = [key for key, _, secret in found if secret]
    return Group(row, version, datastore, values, sensitive)


@db_api.writer
def create_configuration(context, name, values, description=None,
                         datastore=None, version=None, version_number=None):
    """Create a group on the version the request names (inactive versions
    too, as Trove allows). The version row is read with a share lock, so
    a concurrent delete of it either waits or wins (then: not found)."""
    datastore_row, version_row = lookup.resolve_version(
        context, datastore=datastore, version=version,
        version_number=version_number, lock=lookup.SHARE)
    encoded = _validate(context, values, version_row, datastore_row,
                        require_rules=True, latest=True)
    row = CONFIG(id=str(uuid.uuid4()), tenant_id=context.project_id,
                 name=name, description=description,
                 datastore_version_id=version_row.id)
    context.session.add(row)
    context.session.flush()
    _insert_values(context, row.id, encoded)
    LOG.info('Created configuration group %s on datastore version %s',
             row.id, version_row.id)
    return _echo(context, row, version_row, datastore_row, encoded)


def _echo(context, row, version, datastore, encoded):
    decoded = {key: rules_format.decode_value(text)
               for key, text in encoded.items()}
    return Group(row, version, datastore, decoded,
                 _sensitive_names(context, version.id, decoded))


@db_api.writer
def replace_configuration(context, configuration_id, values=None,
                          name=None, description=None):
    """PUT: the group's values become exactly ``values`` (none when
    absent); name and description change when given."""
    row, version, datastore = _load(context, configuration_id, lock=True)
    encoded = _validate(context, values or {}, version, datastore,
                        require_rules=False)
    context.session.execute(sa.delete(VALUE).where(
        VALUE.configuration_id == row.id))
    _insert_values(context, row.id, encoded)
    if name is not None:
        row.name = name
    if description is not None:
        # An empty description clears it.
        row.description = description or None
    row.updated_at = models._utcnow()
    context.session.flush()


@db_api.writer
def merge_configuration(context, configuration_id, values=None):
    """PATCH: set the given values, keep the others."""
    row, version, datastore = _load(context, configuration_id, lock=True)
    encoded = _validate(context, values or {}, version, datastore,
                        require_rules=False)
    if encoded:
        context.session.execute(sa.delete(VALUE).where(
            VALUE.configuration_id == row.id,
            VALUE.configuration_key.in_(sorted(encoded))))
        _insert_values(context, row.id, encoded)
    row.updated_at = models._utcnow()
    context.session.flush()


@db_api.writer
def delete_configuration(context, configuration_id):
    row, _, _ = _load(context, configuration_id, lock=True)
    # The foreign key cascades too; deleting explicitly keeps SQLite
    # databases without enforced foreign keys clean.
    context.session.execute(sa.delete(VALUE).where(
        VALUE.configuration_id == row.id))
    context.session.execute(sa.delete(CONFIG).where(CONFIG.id == row.id))
    LOG.info('Deleted configuration group %s', row.id)


@db_api.reader
def configuration_instances(context, configuration_id):
    """Instances live in another service: known groups answer 501."""
    _load(context, configuration_id)
    raise exception.ConfigurationInstancesNotImplemented(
        id=configuration_id)


class Check(object):
    """Whether a group's values hold on ``version`` of ``datastore``:
    ``problems`` says why not, one sentence each (none: valid)."""

    def __init__(self, row, version, datastore, problems):
        self.row = row
        self.version = version
        self.datastore = datastore
        self.problems = problems

    @property
    def valid(self):
        return not self.problems


@db_api.reader
def check_configuration(context, configuration_id, datastore_version_id):
    """Check a group's stored values against the rules of another version
    (an upgrade preflight); changes nothing. Three queries: the group, its
    values, and the version with its rules of the values' names."""
    row, _, datastore = _load(context, configuration_id)
    values = {key: rules_format.decode_value(text) for key, text in
              context.session.execute(sa.select(
                  VALUE.configuration_key, VALUE.configuration_value).where(
                  VALUE.configuration_id == row.id))}
    any_rule = sa.orm.aliased(RULE)
    # Folded in Python and matched on the key column, as _validate does.
    keys = sorted({names.rule_key(key) for key in values})
    found = context.session.execute(
        sa.select(DSV, DS, RULE, sa.exists().where(
            any_rule.datastore_version_id == DSV.id)).join(
            DS, DS.id == DSV.datastore_id).outerjoin(
            RULE, sa.and_(RULE.datastore_version_id == DSV.id,
                          RULE.name_key.in_(keys))).where(
            DSV.id == datastore_version_id)).all()
    if not found:
        raise exception.DatastoreVersionNotFound(version=datastore_version_id)
    target, target_datastore, _, has_rules = found[0]
    problems = []
    if target_datastore.id != datastore.id:
        problems.append('Datastore version %s belongs to datastore %s, not '
                        'to the group\'s datastore %s.'
                        % (target.id, target_datastore.name, datastore.name))
    where = _where(target_datastore, target)
    if values and not has_rules:
        problems.append('%s has no configuration parameters at all, so '
                        'none of the group\'s values can be set.' % where)
    else:
        rules_by_name = {rule.name.lower(): rule
                         for _, _, rule, _ in found if rule is not None}
        problems.extend(rules_format.check_values(values, rules_by_name,
                                                  where)[1])
    return Check(row, target, target_datastore, problems)
