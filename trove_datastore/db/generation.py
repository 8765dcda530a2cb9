"""The catalog generation: one counter that every write moves.

Every write transaction of the service (``db_api.writer``, outermost)
adds one to it as its last statement, so the counter and the write
commit together. A read that starts after a write's commit therefore
sees the new value, in every API process: the conditional GETs
(``ETag``/``If-None-Match``) and the cache of rendered answers are keyed
on it and can never answer with the catalog as it was before a committed
write.

The counter is a single row: concurrent writes queue on its lock for the
moment between their last statement and their commit. On MariaDB Galera
two writes on different nodes conflict at certification instead; the
loser is reported as a deadlock and runs again (``db_api.writer``).
"""

import random

import sqlalchemy as sa

from trove_datastore.db import models

ROW_ID = 1


class CatalogGeneration(models.Base):
    __tablename__ = 'catalog_generation'
    __table_args__ = (models.TABLE_ARGS,)

    id = sa.Column(sa.Integer, primary_key=True, autoincrement=False)
    generation = sa.Column(sa.BigInteger, nullable=False)


_TABLE = CatalogGeneration.__table__
_READ = sa.select(_TABLE.c.generation).where(_TABLE.c.id == ROW_ID)
_BUMP = _TABLE.update().where(_TABLE.c.id == ROW_ID).values(
    generation=_TABLE.c.generation + 1)


def read(session):
    """The generation the transaction of ``session`` (an ORM session or
    its connection) sees (0 without a row)."""
    return session.execute(_READ).scalar() or 0


def bump(session):
    """Move the generation on, inside the session's write transaction."""
    if session.execute(_BUMP).rowcount:
        return
    # The migration creates the row; should it be gone, start again from
    # a value no earlier state of this database is likely to have had.
    session.execute(_TABLE.insert().values(
        id=ROW_ID, generation=random.randint(1, 2 ** 62)))
