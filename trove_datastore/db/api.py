"""The one enginefacade of trove-datastore.

The manager decorates its operations with :data:`writer` or :data:`reader`;
a reader nested in a writer joins the writer's transaction, so an operation
happens whole or not at all.
"""

from oslo_db.sqlalchemy import enginefacade

context_manager = enginefacade.transaction_context()

writer = context_manager.writer
reader = context_manager.reader


def configure(conf):
    """Hand the [database] options to the facade (once, before first use)."""
    options = dict(conf.database.items())
    # Foreign keys guard "never a group on a deleted version" on SQLite
    # too; the facade ignores the option on other engines.
    options['sqlite_fk'] = True
    context_manager.configure(**options)


def get_engine():
    return context_manager.writer.get_engine()
