"""A version without an image id, image tags or packages holds NULL there.

Earlier writes stored "none" in two ways: the API's create and update and
trove-manage's datastore_version_update wrote an absent image id as ''
or NULL, and no tags or packages as '' or NULL, so the API showed ``""``
or ``null`` for the same state. From here on the model writes NULL, and a
list column holds its items joined by commas with no empty item; this
revision brings existing rows to that form.

Revision ID: 0004_empty_is_null
Revises: 0003_rule_name_key
Create Date: 2026-12-01

"""

from alembic import op
import sqlalchemy as sa

revision = '0004_empty_is_null'
down_revision = '0003_rule_name_key'
branch_labels = None
depends_on = None

LIST_COLUMNS = ('image_tags', 'packages')


def _joined(text):
    # Written out here, as lists are stored at this revision, so that a
    # later change of the model cannot change history.
    items = [item for item in (text or '').split(',') if item.strip()]
    return ','.join(items) or None


def upgrade():
    connection = op.get_bind()
    versions = sa.table('datastore_versions', sa.column('id'),
                        sa.column('image_id'),
                        *[sa.column(name) for name in LIST_COLUMNS])
    connection.execute(versions.update().where(
        versions.c.image_id == '').values(image_id=None))
    for name in LIST_COLUMNS:
        column = versions.c[name]
        rows = connection.execute(sa.select(versions.c.id, column).where(
            column.is_not(None))).all()
        changes = [{'version_id': row.id, 'value': _joined(row[1])}
                   for row in rows if _joined(row[1]) != row[1]]
        if changes:
            connection.execute(
                versions.update().where(
                    versions.c.id == sa.bindparam('version_id'))
                .values({name: sa.bindparam('value')}), changes)
