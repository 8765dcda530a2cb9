"""Initial schema: datastores, versions, rules, configuration groups.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-26

"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None

TABLE_ARGS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4',
              'mysql_collate': 'utf8mb4_bin'}


TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql')


def _timestamps():
    return [sa.Column('created_at', TIMESTAMP, nullable=False),
            sa.Column('updated_at', TIMESTAMP, nullable=False)]


def upgrade():
    op.create_table(
        'datastores',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('default_version_id', sa.String(36), nullable=True),
        *_timestamps(),
        sa.UniqueConstraint('name', name='uniq_datastores0name'),
        **TABLE_ARGS)

    op.create_table(
        'datastore_versions',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('datastore_id', sa.String(36),
                  sa.ForeignKey('datastores.id',
                                name='fk_datastore_versions_datastore'),
                  nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('version', sa.String(255), nullable=False),
        sa.Column('manager', sa.String(255), nullable=False),
        sa.Column('image_id', sa.String(36), nullable=True),
        sa.Column('image_tags', sa.String(255), nullable=True),
        sa.Column('packages', sa.String(511), nullable=True),
        sa.Column('active', sa.Boolean, nullable=False),
        sa.Column('registry_ext', sa.String(255), nullable=True),
        sa.Column('repl_strategy', sa.String(255), nullable=True),
        *_timestamps(),
        sa.UniqueConstraint(
            'datastore_id', 'name', 'version',
            name='uniq_datastore_versions0datastore_id0name0version'),
        **TABLE_ARGS)

    op.create_table(
        'datastore_configuration_parameters',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('datastore_version_id', sa.String(36),
                  sa.ForeignKey('datastore_versions.id', ondelete='CASCADE',
                                name='fk_configuration_rules_version'),
                  nullable=False),
        sa.Column('name', sa.String(128), nullable=False),
        sa.Column('data_type', sa.String(32), nullable=False),
        sa.Column('restart_required', sa.Boolean, nullable=False),
        sa.Column('min_size', sa.String(40), nullable=True),
        sa.Column('max_size', sa.String(40), nullable=True),
        sa.Column('description', sa.Text, nullable=True),
        sa.Column('allowed_values', sa.Text, nullable=True),
        sa.Column('sensitive', sa.Boolean, nullable=False),
        sa.Column('dynamic', sa.Boolean, nullable=True),
        *_timestamps(),
        sa.UniqueConstraint(
            'datastore_version_id', 'name',
            name='uniq_ds_config_params0'
                 'datastore_version_id0name'),
        **TABLE_ARGS)

    op.create_table(
        'configurations',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('tenant_id', sa.String(255), nullable=False),
        sa.Column('name', sa.String(255), nullable=False),
        sa.Column('description', sa.String(255), nullable=True),
        sa.Column('datastore_version_id', sa.String(36),
                  sa.ForeignKey('datastore_versions.id',
                                name='fk_configurations_version'),
                  nullable=False),
        *_timestamps(),
        **TABLE_ARGS)
    op.create_index('ix_configurations_tenant_id_created_at',
                    'configurations', ['tenant_id', 'created_at'])
    op.create_index('ix_configurations_created_at',
                    'configurations', ['created_at'])
    op.create_index('ix_configurations_datastore_version_id',
                    'configurations', ['datastore_version_id'])

    op.create_table(
        'configuration_parameters',
        sa.Column('configuration_id', sa.String(36),
                  sa.ForeignKey('configurations.id', ondelete='CASCADE',
                                name='fk_configuration_values_configuration'),
                  primary_key=True),
        sa.Column('configuration_key', sa.String(128), primary_key=True),
        sa.Column('configuration_value', sa.String(4096), nullable=False),
        **TABLE_ARGS)
