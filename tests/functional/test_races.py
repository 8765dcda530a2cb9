"""Races across processes on MariaDB and PostgreSQL: two gunicorn API
processes on one database, many concurrent clients, and concurrent
trove-manage rules loads. Each race is bounded (at most 20 requests or
4 commands at once) and checked against the database afterwards."""

import testscenarios

from tests.fixtures import race_stories

load_tests = testscenarios.load_tests_apply_scenarios


class TestRaces(race_stories.RaceStories):

    def test_races(self):
        self.duplicate_version_creates()
        self.first_versions_of_a_new_datastore()
        self.concurrent_rules_loads()
        self.concurrent_group_updates()
        self.delete_while_in_use()
        self.datastore_delete_against_version_creates()
