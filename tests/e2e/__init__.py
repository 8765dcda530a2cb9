"""End-to-end tests: the real trove-datastore API against real Keystone and Glance."""
