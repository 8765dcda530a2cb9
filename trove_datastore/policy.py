"""oslo.policy enforcement for trove-datastore."""

import threading

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from trove_datastore import exception
from trove_datastore import policies

_ENFORCER = None
_LOCK = threading.Lock()


def get_enforcer():
    """The enforcer, made on first use (the oslopolicy tools call this).

    Made whole before it is published: the first requests of a threaded
    worker arrive together, and one must not see an enforcer whose rules
    are not registered yet.
    """
    global _ENFORCER
    if _ENFORCER is None:
        with _LOCK:
            if _ENFORCER is None:
                enforcer = oslo_policy.Enforcer(cfg.CONF)
                enforcer.register_defaults(policies.list_rules())
                enforcer.load_rules()
                _ENFORCER = enforcer
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
