import setuptools

# The migrations live in the top-level alembic/ folder; they are installed
# inside the package (trove_datastore/db/alembic) so that an installed
# trove-manage finds them without a checkout.
setuptools.setup(
    packages=setuptools.find_packages(include=['trove_datastore',
                                               'trove_datastore.*'])
    + ['trove_datastore.db.alembic', 'trove_datastore.db.alembic.versions'],
    package_dir={'trove_datastore.db.alembic': 'alembic'},
    package_data={'trove_datastore.db.alembic': ['script.py.mako'],
                  'trove_datastore': ['templates/*/*.json']},
)
