"""What the contract says a serial run of admin writes does to one
datastore: a small state and the status each call answers.

tests/functional/test_interleavings.py runs the same calls concurrently
against the real service and accepts an outcome only when some order of
the calls, applied one by one here, gives the same statuses and the same
state.
"""

import copy
import itertools

# Outcomes of trove-manage rules loads (exit status 0 or 1).
LOADED = 'loaded'
REFUSED = 'refused'


class World(object):
    """One datastore as the contract sees it; ``exists`` False when it
    has been deleted (or never existed)."""

    def __init__(self, exists=True, active=None, default=None, groups=None,
                 rules=None):
        self.exists = exists
        self.active = dict(active or {})      # version name -> active
        self.default = default                # version name or None
        self.groups = dict(groups or {})      # version name -> group count
        self.rules = dict(rules or {})        # version name -> rule names

    def key(self):
        """Everything that matters, comparable with ``==``."""
        return (self.exists, tuple(sorted(self.active.items())),
                self.default,
                tuple(sorted((v, n) for v, n in self.groups.items() if n)),
                tuple(sorted((v, tuple(sorted(names)))
                             for v, names in self.rules.items() if names)))

    def __repr__(self):
        # Rules by file (the part of the name before '_'), with counts.
        rules = {}
        for version, names in sorted(self.rules.items()):
            files = sorted({name.split('_')[0] for name in names})
            rules[version] = '+'.join(
                '%s*%d' % (key, sum(1 for name in names
                                    if name.split('_')[0] == key))
                for key in files)
        return ('World(exists=%r, active=%r, default=%r, groups=%r, '
                'rules=%r)' % (self.exists, self.active, self.default,
                               self.groups, rules))

    def broken_invariant(self):
        """Why the state breaks a contract invariant, or None."""
        if self.default is None:
            return None
        if self.default not in self.active:
            return 'the default %r is not a version of the datastore' % (
                self.default,)
        if not self.active[self.default]:
            return 'the default %r is not active' % (self.default,)
        return None


def _has(world, version):
    return world.exists and version in world.active


def patch(world, version, body):
    """PATCH /mgmt/datastore-versions/{id} with ``body``."""
    if not _has(world, version):
        return 404
    active = body.get('active', world.active[version])
    wants = body.get('default')
    default = world.default
    if wants is True:
        if not active:
            return 409
        default = version
    elif wants is False:
        if default == version:
            default = None
    elif default == version and not active:
        return 409
    world.active[version] = active
    world.default = default
    return 202


def delete_version(world, version):
    if not _has(world, version):
        return 404
    if world.groups.get(version):
        return 409
    del world.active[version]
    world.rules.pop(version, None)
    if world.default == version:
        world.default = None
    return 202


def create_version(world, version, default):
    """POST /mgmt/datastore-versions of an active version; creates the
    datastore when it is missing."""
    if not world.exists:
        world.__init__()
    if version in world.active:
        return 409
    world.active[version] = True
    if default:
        world.default = version
    return 202


def delete_datastore(world):
    if not world.exists:
        return 404
    if world.active:
        return 409
    world.__init__(exists=False)
    return 202


def create_group(world, version):
    if not _has(world, version):
        return 404
    world.groups[version] = world.groups.get(version, 0) + 1
    return 200


def load_rules(world, version, names):
    """trove-manage db_load_datastore_config_parameters --prune."""
    if not _has(world, version):
        return REFUSED
    world.rules[version] = set(names)
    return LOADED


def serial_outcomes(world, calls):
    """For every order of ``calls`` (each ``(function, args)``): the
    order, the statuses in call order, and the final world."""
    for order in itertools.permutations(range(len(calls))):
        state = copy.deepcopy(world)
        statuses = [None] * len(calls)
        for index in order:
            function, args = calls[index]
            statuses[index] = function(state, *args)
        yield order, statuses, state
