"""Configuration options of trove-datastore, one module per option group."""

from oslo_config import cfg

from trove_datastore.conf import api
from trove_datastore.conf import database
from trove_datastore.conf import default
from trove_datastore.conf import image
from trove_datastore.conf import service_credentials
from trove_datastore.conf import trove

CONF = cfg.CONF

_MODULES = (default, api, database, image, service_credentials, trove)


def register_opts(conf):
    for module in _MODULES:
        module.register_opts(conf)


register_opts(CONF)
