"""One rule per folded name in the database; columns that hold what the
API accepts.

``datastore_configuration_parameters.name_key`` holds each rule's name
folded as trove_datastore.names.rule_key folds it, unique per datastore
version: two rules whose names differ only in case can no longer both be
stored, however their writes interleave. Existing rows get their key
here; a database that already holds such a pair is refused before
anything changes, naming the rules, so that an operator deletes one and
upgrades again.

A rule's ``description`` becomes MEDIUMTEXT on MariaDB/MySQL, whose TEXT
holds 65535 bytes, not the 65535 characters the API accepts; a version's
``packages`` (64 names of up to 255 characters, comma-joined) becomes
TEXT, MEDIUMTEXT on MariaDB/MySQL, instead of VARCHAR(511).

Revision ID: 0003_rule_name_key
Revises: 0002_rule_unit
Create Date: 2026-12-01

"""

import collections
import unicodedata

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = '0003_rule_name_key'
down_revision = '0002_rule_unit'
branch_labels = None
depends_on = None

TABLE = 'datastore_configuration_parameters'
# 128-character names; lower() can double a character ('İ').
KEY_LENGTH = 256


def _key(name):
    # Written out here, as rules are folded at this revision, so that a
    # later change of the application's folding cannot change history.
    return unicodedata.normalize('NFC', name).lower()


def _keys(connection):
    rules = sa.table(TABLE, sa.column('id'), sa.column('name'),
                     sa.column('datastore_version_id'))
    rows = connection.execute(sa.select(
        rules.c.id, rules.c.name, rules.c.datastore_version_id)).all()
    names = collections.defaultdict(list)
    for row in rows:
        names[(row.datastore_version_id, _key(row.name))].append(row.name)
    clashes = ['datastore version %s: %s' % (version, ', '.join(sorted(
        found))) for (version, _), found in sorted(names.items())
        if len(found) > 1]
    if clashes:
        raise RuntimeError(
            'Cannot upgrade: these configuration parameters differ only in '
            'case, and a datastore version may have only one of each: %s. '
            'Delete all but one of each (DELETE /v1.0/{project}/mgmt/'
            'datastores/versions/{version}/parameters/{name}), then upgrade '
            'again.' % '; '.join(clashes))
    return [{'rule_id': row.id, 'key': _key(row.name)} for row in rows]


def upgrade():
    connection = op.get_bind()
    # Checked before the first change: MariaDB commits each ALTER at once.
    keys = _keys(connection)
    with op.batch_alter_table(TABLE) as batch:
        batch.add_column(sa.Column('name_key', sa.String(KEY_LENGTH),
                                   nullable=True))
    if keys:
        rules = sa.table(TABLE, sa.column('id'), sa.column('name_key'))
        connection.execute(
            rules.update().where(rules.c.id == sa.bindparam('rule_id'))
            .values(name_key=sa.bindparam('key')), keys)
    with op.batch_alter_table(TABLE) as batch:
        batch.alter_column('name_key', existing_type=sa.String(KEY_LENGTH),
                           nullable=False)
        batch.create_unique_constraint(
            'uniq_ds_config_params0datastore_version_id0name_key',
            ['datastore_version_id', 'name_key'])
    long_text = sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mysql')
    if connection.dialect.name == 'mysql':
        op.alter_column(TABLE, 'description', existing_type=sa.Text,
                        type_=long_text, existing_nullable=True)
    with op.batch_alter_table('datastore_versions') as batch:
        batch.alter_column('packages', existing_type=sa.String(511),
                           type_=long_text, existing_nullable=True)
