"""trove-datastore-status: checks to run before and after an upgrade.

``trove-datastore-status upgrade check`` answers three questions with the
configuration the new release will run with:

* is the database schema at this release's Alembic head;
* does every datastore version still name an image that resolves (its
  image id exists, or its tags match an active image);
* is every datastore's default version present and active;
* do the loaded rules offer parameters that are unsafe to offer to users
  (trove_datastore/rules_safety.py): a warning naming the versions.

Exit codes are oslo.upgradecheck's: 0 all checks passed, 1 at least one
warning (look, the upgrade may be fine), 2 at least one failure (fix it
before starting the new release), 255 the checks could not run at all.

The checks read the tables with SQLAlchemy Core rather than the models,
so that they stay meaningful against the schema of the previous release.
"""

import logging as std_logging
import sys

from oslo_db import exception as db_exc
from oslo_log import log as logging
from oslo_upgradecheck import upgradecheck
import sqlalchemy as sa

from trove_datastore.conf import CONF
from trove_datastore.db import api as db_api
from trove_datastore.db import migration
from trove_datastore import exception
from trove_datastore import images
from trove_datastore.interop import trove_drift
from trove_datastore import rules_safety
from trove_datastore import service

Code = upgradecheck.Code
Result = upgradecheck.Result

_DATASTORES = sa.table('datastores', sa.column('id'), sa.column('name'),
                       sa.column('default_version_id'))
_VERSIONS = sa.table('datastore_versions', sa.column('id'),
                     sa.column('datastore_id'), sa.column('name'),
                     sa.column('version'), sa.column('active'),
                     sa.column('image_id'), sa.column('image_tags'),
                     sa.column('manager'))
_RULES = sa.table('datastore_configuration_parameters', sa.column('name'),
                  sa.column('datastore_version_id'))

# How many offending objects a result names before summarising the rest.
_SHOWN = 5


def _first_line(error):
    """The first line of an error, without its closing period (the
    finding's sentence goes on after it)."""
    lines = str(error).strip().splitlines()
    return lines[0].rstrip('.') if lines else type(error).__name__


def _enumerate(items):
    shown = '; '.join(items[:_SHOWN])
    if len(items) > _SHOWN:
        shown += '; and %d more' % (len(items) - _SHOWN)
    return shown


def _unreadable(what, error):
    return Result(Code.FAILURE, 'Cannot read %s: %s. Check [database] '
                                'connection and run "trove-manage db_sync".'
                  % (what, _first_line(error)))


def _rows(query):
    with db_api.get_engine().connect() as connection:
        return connection.execute(query).all()


def _split(value):
    return [item for item in (value or '').split(',') if item]


class Checks(upgradecheck.UpgradeCommands):
    """The upgrade checks of trove-datastore."""

    display_title = 'trove-datastore upgrade check'

    def check(self):
        service.require_configuration(CONF, 'trove-datastore-status')
        logging.setup(CONF, 'trove-datastore')
        # Alembic announces every context it opens; the table says enough.
        std_logging.getLogger('alembic').setLevel(std_logging.WARNING)
        db_api.configure(CONF)
        if CONF.trove.connection:
            # Only with a Trove database to compare with.
            self._upgrade_checks += (
                ('Trove catalog drift', Checks._check_trove_drift),)
        return super().check()

    def _check_schema(self):
        head = migration.head()
        try:
            current = migration.version(db_api.get_engine())
        except (db_exc.DBError, sa.exc.SQLAlchemyError) as error:
            return _unreadable('the schema revision', error)
        if current == head:
            return Result(Code.SUCCESS)
        if current is None:
            return Result(Code.FAILURE,
                          'The database is empty. Run "trove-manage db_sync" '
                          'to create the schema (revision %s).' % head)
        if current not in migration.revisions():
            return Result(Code.FAILURE,
                          'The database is at revision %s, which this '
                          'release does not know (its head is %s): it was '
                          'upgraded by a newer release.' % (current, head))
        return Result(Code.FAILURE,
                      'The database is at revision %s; this release needs '
                      '%s. Run "trove-manage db_sync".' % (current, head))

    def _check_images(self):
        try:
            rows = _rows(
                sa.select(_VERSIONS.c.id, _VERSIONS.c.name,
                          _VERSIONS.c.version, _VERSIONS.c.active,
                          _VERSIONS.c.image_id, _VERSIONS.c.image_tags,
                          _DATASTORES.c.name.label('datastore'))
                .select_from(_VERSIONS.join(
                    _DATASTORES,
                    _DATASTORES.c.id == _VERSIONS.c.datastore_id))
                .order_by(_DATASTORES.c.name, _VERSIONS.c.name,
                          _VERSIONS.c.version))
        except (db_exc.DBError, sa.exc.SQLAlchemyError) as error:
            return _unreadable('the datastore versions', error)
        if not rows:
            return Result(Code.SUCCESS, 'No datastore versions yet.')
        source = images.get_source()
        broken_active, broken_hidden = [], []
        resolved = {}
        for row in rows:
            tags = tuple(_split(row.image_tags))
            key = (row.image_id or None, None if row.image_id else tags)
            if key not in resolved:
                try:
                    source.check(image_id=key[0], tags=list(tags))
                    resolved[key] = None
                except exception.ServiceUnavailable as error:
                    return Result(
                        Code.WARNING,
                        'Could not verify the images of %d datastore '
                        'versions: %s. Check the [image] options and that '
                        'the image service answers, then run this check '
                        'again.' % (len(rows), _first_line(error)))
                except exception.BadRequest as error:
                    resolved[key] = _first_line(error)
            if resolved[key] is not None:
                described = '%s %s(%s) [%s]: %s' % (
                    row.datastore, row.name, row.version, row.id,
                    resolved[key])
                (broken_active if row.active else broken_hidden).append(
                    described)
        if broken_active:
            return Result(
                Code.FAILURE,
                'Active datastore versions whose image does not resolve, '
                'so new instances of them cannot be created: %s. Register '
                'the image, or point the version at another one with '
                '"openstack datastore version set --image ID" or '
                '"--image-tags TAGS".' % _enumerate(broken_active))
        if broken_hidden:
            return Result(
                Code.WARNING,
                'Inactive datastore versions whose image does not '
                'resolve: %s. They cannot be activated until their image '
                'is fixed: register the image, or point the version at '
                'another one with "openstack datastore version set ID '
                '--image IMAGE_ID" or "--image-tags TAGS" (or delete it '
                'with "openstack datastore version delete ID").'
                % _enumerate(broken_hidden))
        return Result(Code.SUCCESS)

    def _check_default_versions(self):
        try:
            datastores = _rows(sa.select(
                _DATASTORES.c.id, _DATASTORES.c.name,
                _DATASTORES.c.default_version_id).order_by(
                    _DATASTORES.c.name))
            versions = {row.id: row for row in _rows(sa.select(
                _VERSIONS.c.id, _VERSIONS.c.datastore_id, _VERSIONS.c.name,
                _VERSIONS.c.active))}
        except (db_exc.DBError, sa.exc.SQLAlchemyError) as error:
            return _unreadable('the datastores', error)
        broken, unset = [], []
        for datastore in datastores:
            default = datastore.default_version_id
            if not default:
                if any(v.active and v.datastore_id == datastore.id
                       for v in versions.values()):
                    unset.append(datastore.name)
                continue
            version = versions.get(default)
            if version is None or version.datastore_id != datastore.id:
                broken.append('%s: default version %s is not one of its '
                              'versions' % (datastore.name, default))
            elif not version.active:
                broken.append('%s: default version %s [%s] is inactive'
                              % (datastore.name, version.name, version.id))
        if broken:
            return Result(
                Code.FAILURE,
                'Datastores whose default version is missing or inactive, '
                'so requests naming only the datastore fail: %s. Set an '
                'active default with "trove-manage datastore_update '
                'DATASTORE VERSION" (or clear it with \'\').'
                % _enumerate(broken))
        if unset:
            return Result(
                Code.WARNING,
                'Datastores with active versions but no default version: '
                '%s. Requests that name only the datastore are refused '
                'until one is set with "trove-manage datastore_update '
                'DATASTORE VERSION" or "openstack datastore version set ID '
                '--default".' % _enumerate(unset))
        return Result(Code.SUCCESS)

    def _check_unsafe_rules(self):
        try:
            rows = _rows(
                sa.select(_DATASTORES.c.name.label('datastore'),
                          _VERSIONS.c.name, _VERSIONS.c.id,
                          _VERSIONS.c.manager, _RULES.c.name.label('rule'))
                .select_from(_VERSIONS.join(
                    _DATASTORES,
                    _DATASTORES.c.id == _VERSIONS.c.datastore_id).join(
                    _RULES, _RULES.c.datastore_version_id == _VERSIONS.c.id))
                .order_by(_DATASTORES.c.name, _VERSIONS.c.name,
                          _RULES.c.name))
        except (db_exc.DBError, sa.exc.SQLAlchemyError) as error:
            return _unreadable('the configuration parameter rules', error)
        unsafe = {}
        for row in rows:
            if rules_safety.check(row.manager, row.rule) is not None:
                unsafe.setdefault('%s %s [%s]' % (
                    row.datastore, row.name, row.id), []).append(row.rule)
        if not unsafe:
            return Result(Code.SUCCESS)
        return Result(
            Code.WARNING,
            'Datastore versions whose rules let users set parameters that '
            'are unsafe (they run commands, load code, name host files or '
            'weaken authentication or TLS): %s. List them with '
            '"trove-manage rules_audit", then remove them with '
            '"trove-manage db_remove_datastore_config_parameters DATASTORE '
            'VERSION" and reload a rules file without them. Rules loaded '
            'on purpose with --allow-unsafe stay listed here.'
            % _enumerate(['%s: %s' % (version, ', '.join(names))
                          for version, names in unsafe.items()]))

    def _check_trove_drift(self):
        return trove_drift.check()

    _upgrade_checks = (
        ('Database schema', _check_schema),
        ('Datastore version images', _check_images),
        ('Default datastore versions', _check_default_versions),
        ('Unsafe configuration parameters', _check_unsafe_rules),
    )


def main(argv=None):
    logging.register_options(CONF)
    argv = service.config_options_first(
        sys.argv[1:] if argv is None else argv)
    return upgradecheck.main(
        CONF, project='trove', upgrade_command=Checks(), argv=argv,
        default_config_files=service.config_files_for(argv))


if __name__ == '__main__':
    sys.exit(main())
