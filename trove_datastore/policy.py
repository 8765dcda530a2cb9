"""oslo.policy enforcement for trove-datastore.

oslo.policy looks for the policy file (a search of the configuration
directories) and stats it on every check, and evaluates the rule tree
each time. A request makes two checks (``context_is_admin`` and the
operation's rule), and they cost more than the rest of a small read. So:

- the policy file and ``policy_dirs`` are looked at again at most once
  every :data:`RECHECK_SECONDS` (an edited file takes effect within that
  time, as before within one request);
- a decision is a pure function of the rule, the target, the caller's
  credentials and the loaded rules: it is remembered, keyed on all of
  them, and forgotten whenever the rules change.
"""

import hashlib
import threading
import time

from oslo_config import cfg
from oslo_policy import policy as oslo_policy

from trove_datastore import exception
from trove_datastore import policies

# How often, at most, the policy file is checked for changes.
RECHECK_SECONDS = 1.0

# Decisions remembered at most (a process sees few distinct callers; the
# bound only keeps a flood of distinct projects from growing memory).
MAX_DECISIONS = 4096

_ENFORCER = None
_LOCK = threading.Lock()


class Enforcer(oslo_policy.Enforcer):
    """An Enforcer that checks its files at most once a second and
    remembers its decisions for the rules it has loaded."""

    def __init__(self, *args, **kwargs):
        self._next_check = 0.0
        self._decisions = {}
        self.digest = ''
        super().__init__(*args, **kwargs)

    def set_rules(self, rules, overwrite=True, use_conf=False):
        super().set_rules(rules, overwrite=overwrite, use_conf=use_conf)
        self._decisions = {}

    def load_rules(self, force_reload=False):
        now = time.monotonic()
        if not force_reload and now < self._next_check:
            return
        super().load_rules(force_reload=force_reload)
        digest = _digest(self.rules)
        if digest != self.digest:
            self._decisions = {}
            self.digest = digest
        self._next_check = now + RECHECK_SECONDS

    def decide(self, rule, target, credentials):
        """Whether ``rule`` allows ``credentials`` on ``target`` (an
        unregistered rule raises, as ``authorize`` does)."""
        self.load_rules()
        key = (rule, frozen(target), frozen(credentials))
        decisions = self._decisions
        allowed = decisions.get(key)
        if allowed is None:
            try:
                allowed = bool(self.authorize(rule, target, credentials,
                                              do_raise=False))
            except oslo_policy.InvalidScope:
                allowed = False
            if len(decisions) >= MAX_DECISIONS:
                decisions.clear()
            decisions[key] = allowed
        return allowed


def frozen(mapping):
    if not mapping:
        return ()
    items = [(key, tuple(value) if isinstance(value, list) else value)
             for key, value in mapping.items()]
    items.sort()
    return tuple(items)


def _digest(rules):
    text = '\n'.join('%s=%s' % (name, rules[name]) for name in sorted(rules))
    return hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]


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
                enforcer = Enforcer(cfg.CONF)
                enforcer.register_defaults(policies.list_rules())
                enforcer.load_rules()
                _ENFORCER = enforcer
    return _ENFORCER


def reset():
    global _ENFORCER
    if _ENFORCER is not None:
        _ENFORCER.clear()
    _ENFORCER = None


def rules_digest():
    """A short digest of the rules in force: responses that depend on
    the caller's rights change when it does."""
    enforcer = get_enforcer()
    enforcer.load_rules()
    return enforcer.digest


def is_admin(credentials):
    """Whether credentials pass ``context_is_admin``."""
    return get_enforcer().decide('context_is_admin', {}, credentials)


def authorize(context, rule, target, do_raise=True):
    credentials = context.to_policy_values()
    credentials['is_admin'] = context.is_admin
    allowed = get_enforcer().decide(rule, target, credentials)
    if not allowed and do_raise:
        raise exception.PolicyNotAuthorized(action=rule)
    return allowed
