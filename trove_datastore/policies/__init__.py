"""Policy defaults in code, one module per resource."""

import itertools

from trove_datastore.policies import base
from trove_datastore.policies import configurations
from trove_datastore.policies import datastores
from trove_datastore.policies import parameters
from trove_datastore.policies import versions


def list_rules():
    return list(itertools.chain(
        base.list_rules(),
        datastores.list_rules(),
        versions.list_rules(),
        parameters.list_rules(),
        configurations.list_rules(),
    ))
