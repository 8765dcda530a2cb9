"""End-to-end tests: the real trove-datastore API with real clients,
Keystone and Glance."""
