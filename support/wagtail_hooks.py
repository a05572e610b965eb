"""Admin wiring for the support app."""
