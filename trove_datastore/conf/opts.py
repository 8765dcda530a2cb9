"""Every option, for oslo-config-generator (entry point oslo.config.opts)."""

from trove_datastore.conf import api
from trove_datastore.conf import database
from trove_datastore.conf import default
from trove_datastore.conf import image
from trove_datastore.conf import service_credentials
from trove_datastore.conf import trove


def list_opts():
    groups = {}
    for module in (default, api, database, image, service_credentials,
                   trove):
        for group, opts in module.list_opts().items():
            groups.setdefault(group, []).extend(opts)
    return [(group, opts) for group, opts in groups.items()]


def set_defaults():
    """Defaults trove-datastore changes in other libraries' options, shown
    in the generated sample (entry point oslo.config.opts.defaults)."""
    from oslo_db import options as db_options
    from oslo_middleware.healthcheck import opts as healthcheck_opts
    from oslo_middleware import http_proxy_to_wsgi

    changed = dict(database.CHANGED_DEFAULTS,
                   enable_proxy_headers_parsing=True,
                   backends=['database'])
    for opt in (list(db_options.database_opts) + list(http_proxy_to_wsgi.OPTS)
                + list(healthcheck_opts.HEALTHCHECK_OPTS)):
        if opt.name in changed:
            opt.default = changed[opt.name]
