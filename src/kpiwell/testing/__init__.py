"""Test helpers shared by the apps' test suites: factories and personas."""
