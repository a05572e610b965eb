"""Reads for the support app (acknowledgements, consultations, needs)."""
