"""Administrative datastore-version operations (/mgmt/datastore-versions)."""

from oslo_policy import policy

from trove_datastore.policies import base

PREFIX = 'datastore_version:%s'
INDEX = PREFIX % 'index'
SHOW = PREFIX % 'show'
CREATE = PREFIX % 'create'
UPDATE = PREFIX % 'update'
DELETE = PREFIX % 'delete'

_BASE = '/v1.0/{project_id}/mgmt/datastore-versions'

rules = [
    policy.DocumentedRuleDefault(
        INDEX, base.ADMIN, 'List every datastore version with admin fields.',
        [{'method': 'GET', 'path': _BASE}]),
    policy.DocumentedRuleDefault(
        SHOW, base.ADMIN, 'Show a datastore version with admin fields.',
        [{'method': 'GET', 'path': _BASE + '/{version_id}'}]),
    policy.DocumentedRuleDefault(
        CREATE, base.ADMIN,
        'Create a datastore version (and its datastore when missing).',
        [{'method': 'POST', 'path': _BASE}]),
    policy.DocumentedRuleDefault(
        UPDATE, base.ADMIN, 'Update a datastore version.',
        [{'method': 'PATCH', 'path': _BASE + '/{version_id}'}]),
    policy.DocumentedRuleDefault(
        DELETE, base.ADMIN, 'Delete a datastore version.',
        [{'method': 'DELETE', 'path': _BASE + '/{version_id}'}]),
]


def list_rules():
    return rules
