"""The support app's services, one module per noun; this package re-exports them."""
