"""The support app's models, one module per noun; this package re-exports them."""
