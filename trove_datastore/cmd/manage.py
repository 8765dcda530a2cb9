"""trove-manage: the operator's command line.

Every command parses its arguments, calls the manager (one transaction),
prints one clear line and exits 0 (done), 1 (failed) or 2 (bad usage).
"""

import sys

from oslo_config import cfg
from oslo_db import exception as db_exc
from oslo_log import log as logging

from trove_datastore.cmd import manage_audit
from trove_datastore.cmd import manage_datastores
from trove_datastore.cmd import manage_db
from trove_datastore.cmd import manage_rules
from trove_datastore.cmd import manage_rules_diff
from trove_datastore.cmd import manage_trove
from trove_datastore.conf import CONF
from trove_datastore.db import api as db_api
from trove_datastore.db import refusals
from trove_datastore import exception
from trove_datastore import service

LOG = logging.getLogger(__name__)

COMMAND_MODULES = (manage_db, manage_datastores, manage_rules,
                   manage_rules_diff, manage_audit, manage_trove)


def add_command_parsers(subparsers):
    for module in COMMAND_MODULES:
        module.add_parsers(subparsers)


command_opt = cfg.SubCommandOpt('command', title='Commands',
                                help='Available commands',
                                handler=add_command_parsers)


def register_cli_opts(conf=CONF):
    try:
        conf.register_cli_opt(command_opt)
    except cfg.ArgsAlreadyParsedError:
        pass


def _fail(message, code=1):
    print('ERROR: %s' % message, file=sys.stderr)
    return code


def main(argv=None):
    register_cli_opts()
    # stdout carries the command's one result line; logs go to stderr,
    # and the migration and database-library chatter only with --debug.
    logging.register_options(CONF)
    CONF.set_default('use_stderr', True)
    logging.set_defaults(default_log_levels=(
        logging.get_default_log_levels()
        + ['alembic=WARN', 'oslo_db=ERROR']))
    argv = sys.argv[1:] if argv is None else argv
    try:
        service.prepare(argv, description='Manage trove-datastore.',
                        prog='trove-manage')
    except cfg.Error as error:
        print('ERROR: %s' % error, file=sys.stderr)
        return 2
    command = CONF.command
    try:
        db_api.configure(CONF)
    except Exception as error:  # noqa: B902 - reported in one line
        return _fail('invalid [database] configuration: %s' % error)
    try:
        return command.func(command) or 0
    except exception.TroveDatastoreError as error:
        # A command whose exit 1 means something else (rules_diff: the
        # rules differ) picks another status for its errors.
        return _fail(error, getattr(command, 'error_exit', 1))
    except db_exc.DBReferenceError as error:
        return _fail(refusals.as_conflict(error))
    except db_exc.DBConnectionError as error:
        LOG.debug('Database connection failed', exc_info=True)
        return _fail('cannot connect to the database: %s'
                     % _first_line(error))
    except (db_exc.DBError, Exception) as error:  # noqa: B902
        LOG.debug('Command failed', exc_info=True)
        return _fail('%s: %s' % (type(error).__name__, _first_line(error)))


def _first_line(error):
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


if __name__ == '__main__':
    sys.exit(main())
