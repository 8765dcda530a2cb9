"""Configuration groups, owned by a project."""

from oslo_policy import policy

from trove_datastore.policies import base

PREFIX = 'configuration:%s'
INDEX = PREFIX % 'index'
CREATE = PREFIX % 'create'
SHOW = PREFIX % 'show'
INSTANCES = PREFIX % 'instances'
UPDATE = PREFIX % 'update'
EDIT = PREFIX % 'edit'
DELETE = PREFIX % 'delete'
CHECK = PREFIX % 'check'

_BASE = '/v1.0/{project_id}/configurations'

rules = [
    policy.DocumentedRuleDefault(
        INDEX, base.ADMIN_OR_OWNER,
        'List configuration groups (administrators see every project\'s).',
        [{'method': 'GET', 'path': _BASE}]),
    policy.DocumentedRuleDefault(
        CREATE, base.ADMIN_OR_OWNER, 'Create a configuration group.',
        [{'method': 'POST', 'path': _BASE}]),
    policy.DocumentedRuleDefault(
        SHOW, base.ADMIN_OR_OWNER, 'Show a configuration group.',
        [{'method': 'GET', 'path': _BASE + '/{configuration_id}'}]),
    policy.DocumentedRuleDefault(
        INSTANCES, base.ADMIN_OR_OWNER,
        'List the instances of a group (not served: instances are managed '
        'elsewhere).',
        [{'method': 'GET',
          'path': _BASE + '/{configuration_id}/instances'}]),
    policy.DocumentedRuleDefault(
        UPDATE, base.ADMIN_OR_OWNER,
        'Replace the values, name or description of a group.',
        [{'method': 'PUT', 'path': _BASE + '/{configuration_id}'}]),
    policy.DocumentedRuleDefault(
        EDIT, base.ADMIN_OR_OWNER, 'Merge values into a group.',
        [{'method': 'PATCH', 'path': _BASE + '/{configuration_id}'}]),
    policy.DocumentedRuleDefault(
        DELETE, base.ADMIN_OR_OWNER, 'Delete a configuration group.',
        [{'method': 'DELETE', 'path': _BASE + '/{configuration_id}'}]),
    policy.DocumentedRuleDefault(
        CHECK, base.ADMIN_OR_OWNER,
        'Check whether a group\'s values are valid on another datastore '
        'version (an extension of Trove\'s API).',
        [{'method': 'GET', 'path': _BASE + '/{configuration_id}/check'}]),
]


def list_rules():
    return rules
