"""Process setup shared by the API and trove-manage."""

import os

from oslo_log import log as logging

from trove_datastore.conf import CONF

DEFAULT_CONFIG_FILE = '/etc/trove/trove.conf'


CONFIG_HINT = ('give --config-file FILE, set TROVE_CONFIG_FILE, or write '
               + DEFAULT_CONFIG_FILE)
_CONFIG_OPTIONS = ('--config-file', '--config-dir')


def config_files_from_environment():
    """Config files named by TROVE_CONFIG_FILE (comma separated).

    A file named there must exist; the default /etc/trove/trove.conf is
    used when present, and none otherwise (the command then says so).
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


def config_options_first(argv):
    """``argv`` with --config-file and --config-dir (and their values)
    moved to the front, so that they may follow a subcommand."""
    front, rest = [], []
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg in _CONFIG_OPTIONS and args:
            front += [arg, args.pop(0)]
        elif arg.startswith(tuple(name + '=' for name in _CONFIG_OPTIONS)):
            front.append(arg)
        else:
            rest.append(arg)
    return front + rest


def names_config(argv):
    return any(arg in _CONFIG_OPTIONS or arg.startswith(
        tuple(name + '=' for name in _CONFIG_OPTIONS)) for arg in argv)


def config_files_for(argv):
    """The files to read unless ``argv`` names some: TROVE_CONFIG_FILE,
    else /etc/trove/trove.conf if it exists."""
    return [] if names_config(argv) else config_files_from_environment()


def configuration_problem(conf):
    """What keeps ``conf`` from naming a database, or None."""
    if not conf.config_file and not conf.config_dir:
        return 'no configuration file: %s' % CONFIG_HINT
    if not conf.database.connection:
        return ('no [database] connection in %s: set it to the SQLAlchemy '
                'URL of the database (sqlite:////var/lib/trove/'
                'trove_datastore.sqlite for an embedded one)'
                % ', '.join(conf.config_file or [conf.config_dir]))
    return None


def require_configuration(conf, prog):
    """Exit 1 with one line if ``conf`` names no database."""
    problem = configuration_problem(conf)
    if problem:
        raise SystemExit('%s: %s' % (prog, problem))


def prepare(argv=None, default_config_files=None, description=None,
            prog='trove-datastore'):
    """Parse the command line and the configuration files the one way all
    commands share (--config-file anywhere, else TROVE_CONFIG_FILE, else
    /etc/trove/trove.conf), refuse a configuration without a database,
    set up logging."""
    argv = config_options_first(argv or [])
    if default_config_files is None:
        default_config_files = config_files_for(argv)
    logging.register_options(CONF)
    CONF(argv, project='trove', prog=prog,
         default_config_files=default_config_files,
         description=description)
    require_configuration(CONF, prog)
    logging.setup(CONF, 'trove-datastore')
