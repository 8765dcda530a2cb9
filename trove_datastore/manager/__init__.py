"""Business operations of trove-datastore, one module per resource.

The manager owns transaction boundaries: every public operation here is a
single database transaction, used alike by the API and by trove-manage.
"""
