"""oslo.policy enforcement for trove-datastore."""

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from trove_datastore import exception
from trove_datastore import policies

_ENFORCER = None


def get_enforcer():
    """The enforcer, made on first use (the oslopolicy tools call this)."""
    global _ENFORCER
    if _ENFORCER is None:
        _ENFORCER = oslo_policy.Enforcer(cfg.CONF)
        _ENFORCER.register_defaults(policies.list_rules())
        _ENFORCER.load_rules()
    return _ENFORCER


def reset():
    global _ENFORCER
    if _ENFORCER is not None:
        _ENFORCER.clear()
    _ENFORCER = None


def is_admin(credentials):
    """Whether credentials pass ``context_is_admin``."""
    return get_enforcer().authorize(
        'context_is_admin', {}, credentials, do_raise=False)


def authorize(context, rule, target, do_raise=True):
    credentials = context.to_policy_values()
    credentials['is_admin'] = context.is_admin
    try:
        return get_enforcer().authorize(
            rule, target, credentials, do_raise=do_raise,
            exc=exception.PolicyNotAuthorized, action=rule)
    except oslo_policy.InvalidScope:
        raise exception.PolicyNotAuthorized(action=rule)
