"""Keeping unsafe parameters (rules_safety) out of datastore versions.

Every way a rule gets into the database passes here: a rules file load
refuses unsafe names unless the administrator names each one with
``--allow-unsafe``; the mgmt API's parameter create and update refuse them
always. ``audit`` finds the unsafe rules already loaded, for
``trove-manage rules_audit`` and the upgrade check.
"""

import collections

from oslo_log import log as logging
import sqlalchemy as sa

from trove_datastore.db import api as db_api
from trove_datastore.db import models
from trove_datastore import exception
from trove_datastore.manager import lookup
from trove_datastore import rules_safety

LOG = logging.getLogger(__name__)

LOAD_HINT = ('To load them anyway, name each one: trove-manage '
             'db_load_datastore_config_parameters ... --allow-unsafe %s')
API_HINT = ('An administrator who accepts the risk can load it from a rules '
            'file with "trove-manage db_load_datastore_config_parameters '
            'DATASTORE VERSION FILE --allow-unsafe %s".')

Finding = collections.namedtuple(
    'Finding', 'datastore version version_id parameter reason')


def _error(manager, found, how):
    reasons = []
    for entry in found:
        if entry.reason not in reasons:
            reasons.append(entry.reason)
    return exception.UnsafeParameters(
        names=', '.join(entry.name for entry in found), manager=manager,
        reasons='; '.join(reasons), how=how)


def parse_allowed(text):
    """The names of an ``--allow-unsafe NAME[,NAME]`` option."""
    return [name.strip() for name in (text or '').split(',')
            if name.strip()]


def check_load(manager, names, allow=()):
    """The unsafe names among ``names`` that ``allow`` names; raise
    UnsafeParameters naming every other one."""
    allowed = {name.lower() for name in allow}
    found = rules_safety.find(manager, names)
    refused = [entry for entry in found if entry.name.lower() not in allowed]
    if refused:
        raise _error(manager, refused, LOAD_HINT % ','.join(
            entry.name for entry in refused))
    return [entry.name for entry in found]


def check_api(manager, name):
    """Refuse (400) a mgmt API create or update of an unsafe name."""
    found = rules_safety.find(manager, [name])
    if found:
        raise _error(manager, found, API_HINT % name)


def log_allowed(version_row, names):
    if names:
        LOG.warning('Loaded unsafe parameter(s) %s into datastore version '
                    '%s [%s] (manager %s), as --allow-unsafe names them.',
                    ', '.join(names), version_row.name, version_row.id,
                    version_row.manager)


@db_api.reader
def audit(context, datastore=None, version=None):
    """Findings for every unsafe rule loaded, of one datastore or one
    version, or of all; sorted by datastore, version and parameter."""
    DSV, DS, RULE = (models.DatastoreVersion, models.Datastore,
                     models.ConfigurationRule)
    query = sa.select(DS.name, DSV.name, DSV.id, DSV.manager, RULE.name).join(
        DSV, DSV.datastore_id == DS.id).join(
        RULE, RULE.datastore_version_id == DSV.id)
    if datastore:
        if version:
            _, row = lookup.resolve_version(context, datastore=datastore,
                                            version=version)
            query = query.where(DSV.id == row.id)
        else:
            query = query.where(
                DS.id == lookup.find_datastore(context, datastore).id)
    findings = []
    for ds_name, v_name, v_id, manager, name in context.session.execute(
            query.order_by(DS.name, DSV.name, DSV.id, RULE.name)):
        entry = rules_safety.check(manager, name)
        if entry is not None:
            findings.append(Finding(ds_name, v_name, v_id, name,
                                    entry.reason))
    return findings
