import functools

from oslo_policy import policy

ADMIN = 'rule:admin'
ADMIN_OR_OWNER = 'rule:admin_or_owner'
ANYONE = ''

rules = [
    policy.RuleDefault(
        'context_is_admin', 'role:admin',
        description='Who is an administrator: sees hidden versions and '
                    'admin-only fields, and every project\'s groups.'),
    policy.RuleDefault(
        'admin', 'role:admin or is_admin:True',
        description='An administrator.'),
    policy.RuleDefault(
        'admin_or_owner', 'rule:admin or project_id:%(tenant)s',
        description='An administrator or a member of the owning project.'),
    policy.RuleDefault(
        'default', 'rule:admin_or_owner',
        description='Rule for operations that have none of their own.'),
]


def list_rules():
    return rules


@functools.lru_cache(maxsize=None)
def documented(name, check_str, description):
    """The rule ``name`` with the operations that check it, as the API
    declares them (:mod:`trove_datastore.api.routes`): where a rule is
    used is written once, next to the controller action."""
    # Imported here: the controllers import these rule names.
    from trove_datastore.api import routes
    return policy.DocumentedRuleDefault(
        name, check_str, description, routes.operations_of(name))
