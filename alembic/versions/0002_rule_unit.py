"""Rules carry PostgreSQL's unit; values hold any escaped 4096 characters.

``datastore_configuration_parameters.unit`` is the base unit of a numeric
parameter (``pg_settings.unit``: ``kB``, ``8kB``, ``ms``, ``s``...), so
that values written with units (``64MB``, ``1min``) are converted.
``configuration_parameters.configuration_value`` becomes TEXT: a value's
length limit counts its own characters, and its JSON text (quotes and
escapes) can be several times longer.

Revision ID: 0002_rule_unit
Revises: 0001_initial
Create Date: 2026-12-01

"""

from alembic import op
import sqlalchemy as sa

revision = '0002_rule_unit'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('datastore_configuration_parameters') as batch:
        batch.add_column(sa.Column('unit', sa.String(16), nullable=True))
    with op.batch_alter_table('configuration_parameters') as batch:
        batch.alter_column('configuration_value',
                           existing_type=sa.String(4096),
                           type_=sa.Text, existing_nullable=False)
