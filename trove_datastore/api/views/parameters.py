"""Configuration parameter documents: public (``min``/``max``) and
administrative (``max_size``/``min_size``)."""

from trove_datastore import rules


def _extensions(row, document):
    # Fields beyond Trove's, present only when a rule defines them.
    if row.description:
        document['description'] = row.description
    allowed = rules.allowed_values(row)
    if allowed is not None:
        document['allowed_values'] = allowed
    if row.sensitive:
        document['sensitive'] = True
    if row.dynamic is not None:
        document['dynamic'] = row.dynamic
    if row.unit:
        document['unit'] = row.unit
    return document


def _bounds(row, document, min_key, max_key):
    for key, text in ((min_key, row.min_size), (max_key, row.max_size)):
        value = rules.render_bound(text, row.data_type)
        if value is not None:
            document[key] = value
    return document


def _base(row):
    return {
        'name': row.name,
        'datastore_version_id': row.datastore_version_id,
        'restart_required': bool(row.restart_required),
        'type': row.data_type,
    }


def parameter(row):
    return _extensions(row, _bounds(row, _base(row), 'min', 'max'))


def mgmt_parameter(row):
    return _extensions(row, _bounds(row, _base(row), 'min_size',
                                    'max_size'))


def parameters(rows, mgmt=False):
    build = mgmt_parameter if mgmt else parameter
    return [build(row) for row in rows]
