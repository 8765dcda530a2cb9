"""Process setup shared by the API and trove-manage."""

import os

from oslo_log import log as logging

from trove_datastore.conf import CONF

DEFAULT_CONFIG_FILE = '/etc/trove/trove.conf'


def config_files_from_environment():
    """Config files named by TROVE_CONFIG_FILE (comma separated).

    A file named there must exist; the default /etc/trove/trove.conf is
    used when present, and the built-in defaults otherwise.
    """
    value = os.environ.get('TROVE_CONFIG_FILE')
    if value is None:
        return ([DEFAULT_CONFIG_FILE] if os.path.exists(DEFAULT_CONFIG_FILE)
                else [])
    paths = [path.strip() for path in value.split(',') if path.strip()]
    missing = [path for path in paths if not os.path.exists(path)]
    if missing:
        raise SystemExit('TROVE_CONFIG_FILE names missing file(s): %s'
                         % ', '.join(missing))
    return paths


def prepare(argv=None, default_config_files=None, description=None):
    logging.register_options(CONF)
    CONF(argv if argv is not None else [], project='trove',
         prog='trove-datastore',
         default_config_files=default_config_files,
         description=description)
    logging.setup(CONF, 'trove-datastore')
