"""Configuration group documents."""

from trove_datastore.api import views
from trove_datastore import rules


def summary(group):
    row = group.row
    return {
        'id': row.id,
        'name': row.name,
        'description': row.description,
        'created': views.timestamp(row.created_at),
        'updated': views.timestamp(row.updated_at),
        'datastore_version_id': group.version.id,
        'datastore_name': group.datastore.name,
        'datastore_version_name': group.version.name,
        'datastore_version_number': group.version.version,
    }


def masked_values(group):
    """Values, with those of sensitive parameters replaced by ``***``."""
    return {key: rules.MASK if key in group.sensitive else value
            for key, value in group.values.items()}


def detail(group):
    document = summary(group)
    document['values'] = masked_values(group)
    return document


def check(result):
    """An upgrade preflight: ``valid``, and ``problems`` (one sentence
    each) when not."""
    return {
        'configuration_id': result.row.id,
        'datastore_version_id': result.version.id,
        'datastore_name': result.datastore.name,
        'datastore_version_name': result.version.name,
        'valid': result.valid,
        'problems': list(result.problems),
    }
