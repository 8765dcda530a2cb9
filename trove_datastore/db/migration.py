"""Alembic upgrades, usable from a checkout and from an installed package."""

import os

from alembic import command as alembic_command
from alembic import config as alembic_config
from alembic import migration as alembic_migration
from alembic import script as alembic_script

import trove_datastore


def _script_location():
    package_dir = os.path.dirname(os.path.abspath(trove_datastore.__file__))
    installed = os.path.join(package_dir, 'db', 'alembic')
    if os.path.isdir(installed):
        return installed
    return os.path.join(os.path.dirname(package_dir), 'alembic')


def _config(engine=None):
    config = alembic_config.Config()
    config.set_main_option('script_location', _script_location())
    if engine is not None:
        config.attributes['engine'] = engine
    return config


def head():
    script = alembic_script.ScriptDirectory.from_config(_config())
    return script.get_current_head()


def upgrade(engine, revision='head'):
    config = _config(engine)
    with engine.begin() as connection:
        config.attributes['connection'] = connection
        alembic_command.upgrade(config, revision)


def version(engine):
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        context = alembic_migration.MigrationContext.configure(connection)
        return context.get_current_revision()


def revisions():
    """Every revision from the first to head."""
    script = alembic_script.ScriptDirectory.from_config(_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]
