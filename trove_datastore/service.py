"""Process setup shared by the API and trove-manage."""

import os

from oslo_log import log as logging

from trove_datastore.conf import CONF

DEFAULT_CONFIG_FILE = '/etc/trove/trove.conf'


def config_files_from_environment():
    """Config files named by TROVE_CONFIG_FILE (comma separated)."""
    value = os.environ.get('TROVE_CONFIG_FILE', DEFAULT_CONFIG_FILE)
    return [path for path in value.split(',') if path and os.path.exists(path)]


def prepare(argv=None, default_config_files=None, description=None):
    logging.register_options(CONF)
    CONF(argv if argv is not None else [], project='trove',
         prog='trove-datastore',
         default_config_files=default_config_files,
         description=description)
    logging.setup(CONF, 'trove-datastore')
