"""The catalog generation counter (conditional GETs across processes).

One row that every write transaction moves on; see
trove_datastore/db/generation.py.

Revision ID: 0005_catalog_generation
Revises: 0004_empty_is_null
Create Date: 2026-12-01

"""

from alembic import op
import sqlalchemy as sa

revision = '0005_catalog_generation'
down_revision = '0004_empty_is_null'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        'catalog_generation',
        sa.Column('id', sa.Integer, primary_key=True, autoincrement=False),
        sa.Column('generation', sa.BigInteger, nullable=False),
        mysql_engine='InnoDB', mysql_charset='utf8mb4',
        mysql_collate='utf8mb4_bin')
    op.bulk_insert(table, [{'id': 1, 'generation': 1}])
