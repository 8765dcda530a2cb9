"""Alembic environment of trove-datastore (upgrade-only, online only)."""

from alembic import context

from trove_datastore.db import models

config = context.config
target_metadata = models.Base.metadata


def run_migrations_online():
    connection = config.attributes.get('connection')
    if connection is None:
        engine = config.attributes['engine']
        with engine.begin() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection):
    context.configure(connection=connection,
                      target_metadata=target_metadata,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit('trove-datastore migrations run online only.')
run_migrations_online()
