"""Who may see the support app's records; the only home of its scoping rules."""
