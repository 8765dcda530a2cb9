"""Errors that carry their HTTP meaning; api/fault.py renders them."""


_SHOWN_LENGTH = 255


def _shorten(value):
    """Echo at most a few hundred characters of what a client sent."""
    if isinstance(value, str) and len(value) > _SHOWN_LENGTH:
        return value[:_SHOWN_LENGTH] + '...'
    return value


class TroveDatastoreError(Exception):
    """Base error: ``code`` picks the HTTP status, ``message`` the text."""

    code = 500
    message = 'An unknown error occurred.'

    def __init__(self, message=None, **kwargs):
        if message is None:
            shown = {key: _shorten(value) for key, value in kwargs.items()}
            message = self.message % shown if kwargs else self.message
        self.kwargs = kwargs
        super().__init__(message)

    @property
    def text(self):
        return str(self)


class BadRequest(TroveDatastoreError):
    code = 400
    message = 'The request is not valid.'


class ValidationError(BadRequest):
    message = 'Validation error: %(detail)s'


class Forbidden(TroveDatastoreError):
    code = 403
    message = 'Access was denied to this resource.'


class PolicyNotAuthorized(Forbidden):
    message = "Policy doesn't allow %(action)s to be performed."


class NotFound(TroveDatastoreError):
    code = 404
    message = 'The resource could not be found.'


class DatastoreNotFound(NotFound):
    message = "Datastore '%(datastore)s' cannot be found."


class DatastoreVersionNotFound(NotFound):
    message = "Datastore version '%(version)s' cannot be found."


class ImageNotFound(BadRequest):
    message = 'Image %(uuid)s cannot be found.'


class ImageNotActive(BadRequest):
    message = ("Image %(uuid)s is %(status)s, not active: a version can "
               "use it once the image service says it is active.")


class ImageNotFoundByTags(BadRequest):
    message = 'Failed to retrieve image with tags: %(tags)s.'


class ImageRequired(BadRequest):
    message = 'Image must be specified.'


class DatastoreVersionsNoUniqueMatch(BadRequest):
    # Trove's opening words (clients match them), then what the clients
    # can actually do: name the version by id, or add the number where
    # the command has an option for it.
    message = ("Multiple datastore versions found for '%(name)s' in "
               "datastore '%(datastore)s'. Use the version's id "
               "('openstack datastore version list %(datastore)s' shows "
               "the ids), or give the version number as well "
               "('openstack database configuration create "
               "--datastore-version-number', 'trove-manage ... --version').")


class DatastoreVersionInactive(BadRequest):
    message = "Datastore version '%(version)s' is not active."


class DatastoreDefaultDatastoreNotDefined(BadRequest):
    message = 'Please specify datastore. No default datastore is defined.'


class DatastoreDefaultDatastoreNotFound(BadRequest):
    message = ("Please specify datastore. Default datastore "
               "'%(datastore)s' cannot be found.")


class DatastoreDefaultVersionNotFound(BadRequest):
    message = "Default version for datastore '%(datastore)s' not found."


class Conflict(TroveDatastoreError):
    code = 409
    message = 'The request conflicts with the current state.'


class DatastoreVersionAlreadyExists(Conflict):
    message = "The datastore version '%(name)s(%(version)s)' already exists."


class DatastoreVersionsExist(Conflict):
    message = 'Datastore versions exist for datastore %(datastore)s.'


class DatastoreVersionInUse(Conflict):
    message = 'Datastore version is in use by %(resource)s.'


class DatastoreVersionInUseByGroups(DatastoreVersionInUse):
    # Trove's sentence first (clients match it), then which groups.
    message = ('Datastore version is in use by configuration. '
               'Configuration groups using it: %(groups)s; delete them '
               'first (openstack database configuration delete <id>).')


class ReferenceGone(Conflict):
    """A foreign key refused a row: what it refers to was deleted by a
    concurrent call (trove_datastore/db/refusals.py)."""

    message = ('The %(resource)s this request refers to was deleted while '
               'the request ran.')


class ReferenceInUse(Conflict):
    """A foreign key refused a delete: rows still refer to the row."""

    message = 'The %(resource)s is in use by %(user)s.'


class DefaultVersionInactive(Conflict):
    message = ("Datastore version '%(version)s' is not active and cannot be "
               "the default version.")


class DeactivatingDefaultVersion(Conflict):
    message = ("Datastore version '%(version)s' is the default version of "
               "datastore '%(datastore)s'; send \"default\": false with "
               "\"active\": false to deactivate it (openstack datastore "
               "version set --non-default --disable), or make another "
               "version the default first.")


class ConfigurationParameterAlreadyExists(Conflict):
    message = ('%(parameter_name)s parameter already exists for datastore '
               'version %(datastore_version)s.')


class ConfigurationParameterCaseClash(Conflict):
    message = ('These parameters differ only in case from parameters of '
               'datastore version %(datastore_version)s, which has one '
               'parameter per name whatever its case: %(names)s.')


class ConfigurationGroupsAffected(Conflict):
    """A change of a version's rules that configuration groups depend on;
    ``problems`` has one line per group (or group value)."""

    message = '%(change)s: %(detail)s'

    def __init__(self, change, problems):
        self.change = change
        self.problems = list(problems)
        # Every group is named, however many: not shortened like an echo.
        super().__init__(self.message % {
            'change': change, 'detail': '; '.join(self.problems)})


class RulesInUse(ConfigurationGroupsAffected):
    """Removing rules that configuration groups have values for."""


class RulesInvalidateGroups(ConfigurationGroupsAffected):
    """Changing rules so that stored group values would fail them."""


class UnprocessableEntity(TroveDatastoreError):
    code = 422
    message = 'Unable to process the contained request.'


class RequestEntityTooLarge(TroveDatastoreError):
    code = 413
    message = 'The request body is larger than %(limit)d bytes.'


class NotImplementedYet(TroveDatastoreError):
    code = 501
    message = 'This operation is not implemented.'


class ServiceUnavailable(TroveDatastoreError):
    code = 503
    message = 'The service is unavailable: %(reason)s'


class ImageServiceUnavailable(ServiceUnavailable):
    message = 'The image service is unavailable: %(reason)s'


class DatabaseUnavailable(ServiceUnavailable):
    message = 'The database is unavailable; try again later.'


FAULT_NAMES = {
    400: 'badRequest',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'itemNotFound',
    405: 'badMethod',
    409: 'conflictingRequest',
    413: 'overLimit',
    415: 'badMediaType',
    422: 'unprocessableEntity',
    500: 'instanceFault',
    501: 'notImplemented',
    503: 'serviceUnavailable',
}


def fault_name(code):
    if code in FAULT_NAMES:
        return FAULT_NAMES[code]
    return 'badRequest' if 400 <= code < 500 else 'instanceFault'


# Configuration parameters, rules files and configuration groups.

class RulesFileInvalid(BadRequest):
    message = 'The rules file is not valid: %(detail)s'


class UnsafeParameters(BadRequest):
    """Rules for parameters that rules_safety lists as unsafe."""

    message = ('Parameter(s) %(names)s of datastore manager %(manager)s are '
               'unsafe to offer to users (%(reasons)s) and are not loaded '
               'by default. %(how)s')


class ParameterNotFound(NotFound):
    message = 'Resource %(name)s cannot be found.'


class ConfigurationNotFound(NotFound):
    message = 'Configuration group with ID %(id)s could not be found.'


class ConfigurationInstancesNotImplemented(NotImplementedYet):
    message = ('Instances are not managed by this service: ask the '
               'instance service which instances use configuration group '
               '%(id)s.')


class UnsupportedParameterType(BadRequest):
    message = ("Invalid or unsupported type defined in the "
               "configuration-parameters configuration file: parameter "
               "%(name)s has type %(data_type)s.")


class ConfigurationsNotSupported(UnprocessableEntity):
    message = ('Configuration groups are not supported for this datastore: '
               '%(where)s')


class ConfigurationParameterNotSupported(UnprocessableEntity):
    message = ('The configuration parameter %(key)s is not supported for '
               'this datastore: %(where)s.')


class ConfigurationValueWrongType(UnprocessableEntity):
    message = ('The value provided for the configuration parameter %(key)s '
               'is not of type %(data_type)s.')


class ConfigurationValueTooSmall(UnprocessableEntity):
    message = ('The value for the configuration parameter %(key)s is less '
               'than the minimum allowed: %(min)s')


class ConfigurationValueTooLarge(UnprocessableEntity):
    message = ('The value for the configuration parameter %(key)s is '
               'greater than the maximum allowed: %(max)s')


class ConfigurationValueNotAllowed(UnprocessableEntity):
    message = ('The value for the configuration parameter %(key)s must be '
               'one of: %(allowed)s')


class ConfigurationValueTooLong(UnprocessableEntity):
    message = ('The value for the configuration parameter %(key)s is longer '
               'than the %(length)d characters allowed.')


class ConfigurationValueRepeated(UnprocessableEntity):
    message = ('The configuration parameter %(key)s is given more than once '
               '(as %(name)s in another case).')


class ConfigurationValueBadUnit(UnprocessableEntity):
    message = ('The value %(value)s for the configuration parameter '
               '%(key)s has a unit this parameter does not take; valid '
               'units are %(units)s.')


class ConfigurationValueRoundsToZero(UnprocessableEntity):
    message = ('The value %(value)s for the configuration parameter '
               '%(key)s rounds to 0 %(unit)s; send 0 if zero is meant.')


class ConfigurationValuesInvalid(UnprocessableEntity):
    """Several bad values: a first line with the count, then one line per
    problem (each the sentence its own error would carry)."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__('%d configuration values are invalid:\n%s' % (
            len(self.problems), '\n'.join(self.problems)))
