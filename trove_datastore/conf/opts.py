"""Every option, for oslo-config-generator (entry point oslo.config.opts)."""

from trove_datastore.conf import api
from trove_datastore.conf import default
from trove_datastore.conf import image
from trove_datastore.conf import service_credentials


def list_opts():
    groups = {}
    for module in (default, api, image, service_credentials):
        for group, opts in module.list_opts().items():
            groups.setdefault(group, []).extend(opts)
    return [(group, opts) for group, opts in groups.items()]


def set_defaults():
    """Defaults trove-datastore changes in other libraries' options
    (entry point oslo.config.opts.defaults)."""
    from trove_datastore.api import app
    from trove_datastore.conf import CONF
    from trove_datastore.conf import database
    database.register_opts(CONF)
    app.set_middleware_defaults(CONF)
