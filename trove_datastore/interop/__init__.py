"""Moving the catalog between trove-datastore and an OpenStack Trove
database (Trove 26's schema): import, publish and drift."""
