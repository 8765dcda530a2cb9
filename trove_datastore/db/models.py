"""Tables of trove-datastore.

Unique constraints are named ``uniq_<table>0<col>0<col>`` so that oslo.db
reports the columns of a violated one in ``DBDuplicateEntry.columns``.
"""

import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy import orm

from trove_datastore import names

# Names and ids compare case-sensitively on every engine (MariaDB's default
# collation would fold case and diverge from SQLite and PostgreSQL).
TABLE_ARGS = {'mysql_engine': 'InnoDB', 'mysql_charset': 'utf8mb4',
              'mysql_collate': 'utf8mb4_bin'}

NAME_LENGTH = 255
TAGS_LENGTH = 255
PARAMETER_NAME_LENGTH = 128
BOUND_LENGTH = 40
RULE_KEY_LENGTH = PARAMETER_NAME_LENGTH * names.RULE_KEY_GROWTH
UNIT_LENGTH = 16


def _utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def _rule_key(context):
    return names.rule_key(context.get_current_parameters()['name'])


class Base(orm.DeclarativeBase):
    pass


# Microseconds on MariaDB too, so that creation order is exact.
TIMESTAMP = sa.DateTime().with_variant(mysql.DATETIME(fsp=6), 'mysql')

# Text of up to 65535 characters (rule_schema.DESCRIPTION_LENGTH):
# MariaDB's TEXT holds 65535 bytes, a quarter of that in four-byte
# characters.
LONG_TEXT = sa.Text().with_variant(mysql.MEDIUMTEXT(), 'mysql')


def split_names(text):
    """Comma-joined names as a list, without empty or blank items."""
    return [item for item in (text or '').split(',') if item.strip()]


class CommaList(sa.types.TypeDecorator):
    """A list of names kept in one column, joined by commas (names never
    hold one): an empty list is NULL, and no item is empty or blank.

    Reads give a list ([] for NULL); writes take a list, or the joined
    text (as trove-manage's arguments come).
    """

    impl = sa.Text
    cache_ok = True

    def __init__(self, storage):
        super().__init__()
        self.impl = storage

    def process_bind_param(self, value, dialect):
        if isinstance(value, str):
            value = split_names(value)
        return ','.join(item for item in value or () if item.strip()) or None

    def process_result_value(self, value, dialect):
        return split_names(value)


class TimestampMixin(object):
    created_at = sa.Column(TIMESTAMP, nullable=False, default=_utcnow)
    updated_at = sa.Column(TIMESTAMP, nullable=False, default=_utcnow,
                           onupdate=_utcnow)


class Datastore(TimestampMixin, Base):
    __tablename__ = 'datastores'
    __table_args__ = (
        sa.UniqueConstraint('name', name='uniq_datastores0name'),
        TABLE_ARGS,
    )

    id = sa.Column(sa.String(36), primary_key=True)
    name = sa.Column(sa.String(NAME_LENGTH), nullable=False)
    # Kept by id, without a foreign key (the two tables would reference each
    # other); the manager clears it whenever the version goes away.
    default_version_id = sa.Column(sa.String(36), nullable=True)


class DatastoreVersion(TimestampMixin, Base):
    __tablename__ = 'datastore_versions'
    __table_args__ = (
        sa.UniqueConstraint(
            'datastore_id', 'name', 'version',
            name='uniq_datastore_versions0datastore_id0name0version'),
        TABLE_ARGS,
    )

    id = sa.Column(sa.String(36), primary_key=True)
    datastore_id = sa.Column(
        sa.String(36),
        sa.ForeignKey('datastores.id', name='fk_datastore_versions_datastore'),
        nullable=False)
    name = sa.Column(sa.String(NAME_LENGTH), nullable=False)
    version = sa.Column(sa.String(NAME_LENGTH), nullable=False)
    manager = sa.Column(sa.String(NAME_LENGTH), nullable=False)
    # NULL when the version names no image id (never '').
    image_id = sa.Column(sa.String(36), nullable=True)
    image_tags = sa.Column(CommaList(sa.String(TAGS_LENGTH)), nullable=True)
    # Up to 64 names of 255 characters each (the API's limits), more than
    # any VARCHAR holds in four-byte characters.
    packages = sa.Column(CommaList(LONG_TEXT), nullable=True)
    active = sa.Column(sa.Boolean, nullable=False, default=True)
    registry_ext = sa.Column(sa.String(NAME_LENGTH), nullable=True)
    repl_strategy = sa.Column(sa.String(NAME_LENGTH), nullable=True)


class ConfigurationRule(TimestampMixin, Base):
    """One parameter a datastore version accepts in configuration groups."""

    __tablename__ = 'datastore_configuration_parameters'
    __table_args__ = (
        sa.UniqueConstraint(
            'datastore_version_id', 'name',
            name='uniq_ds_config_params0'
                 'datastore_version_id0name'),
        # One rule per folded name: values find their rule by it.
        sa.UniqueConstraint(
            'datastore_version_id', 'name_key',
            name='uniq_ds_config_params0'
                 'datastore_version_id0name_key'),
        TABLE_ARGS,
    )

    id = sa.Column(sa.String(36), primary_key=True)
    datastore_version_id = sa.Column(
        sa.String(36),
        sa.ForeignKey('datastore_versions.id', ondelete='CASCADE',
                      name='fk_configuration_rules_version'),
        nullable=False)
    name = sa.Column(sa.String(PARAMETER_NAME_LENGTH), nullable=False)
    # names.rule_key(name), filled in on every insert, whatever its path.
    name_key = sa.Column(sa.String(RULE_KEY_LENGTH), nullable=False,
                         default=_rule_key)
    data_type = sa.Column(sa.String(32), nullable=False)
    restart_required = sa.Column(sa.Boolean, nullable=False, default=False)
    # Bounds are kept as canonical decimal text: exact for 2^64-1 and for
    # floats, on every engine.
    min_size = sa.Column(sa.String(BOUND_LENGTH), nullable=True)
    max_size = sa.Column(sa.String(BOUND_LENGTH), nullable=True)
    description = sa.Column(LONG_TEXT, nullable=True)
    # JSON list of the values an enumeration accepts, or NULL.
    allowed_values = sa.Column(sa.Text, nullable=True)
    sensitive = sa.Column(sa.Boolean, nullable=False, default=False)
    dynamic = sa.Column(sa.Boolean, nullable=True)
    # PostgreSQL's base unit of the parameter (pg_settings.unit), or NULL.
    unit = sa.Column(sa.String(UNIT_LENGTH), nullable=True)


class Configuration(TimestampMixin, Base):
    """A project's configuration group."""

    __tablename__ = 'configurations'
    __table_args__ = (
        sa.Index('ix_configurations_tenant_id_created_at',
                 'tenant_id', 'created_at'),
        sa.Index('ix_configurations_created_at', 'created_at'),
        TABLE_ARGS,
    )

    id = sa.Column(sa.String(36), primary_key=True)
    tenant_id = sa.Column(sa.String(NAME_LENGTH), nullable=False)
    name = sa.Column(sa.String(NAME_LENGTH), nullable=False)
    description = sa.Column(sa.String(NAME_LENGTH), nullable=True)
    # No cascade: a version is never deleted under a group that uses it.
    datastore_version_id = sa.Column(
        sa.String(36),
        sa.ForeignKey('datastore_versions.id',
                      name='fk_configurations_version'),
        nullable=False, index=True)


class ConfigurationValue(Base):
    """One value of a configuration group, under the rule's name."""

    __tablename__ = 'configuration_parameters'
    __table_args__ = (TABLE_ARGS,)

    configuration_id = sa.Column(
        sa.String(36),
        sa.ForeignKey('configurations.id', ondelete='CASCADE',
                      name='fk_configuration_values_configuration'),
        primary_key=True)
    configuration_key = sa.Column(sa.String(PARAMETER_NAME_LENGTH),
                                  primary_key=True)
    # JSON text of the value, so its type survives the round trip. A
    # string value may be rules.VALUE_LENGTH characters of its own, whose
    # JSON escapes can take six times as many: TEXT holds any of them.
    configuration_value = sa.Column(sa.Text, nullable=False)
