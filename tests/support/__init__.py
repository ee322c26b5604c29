"""Test infrastructure shared by the suites."""
