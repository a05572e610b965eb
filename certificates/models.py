# Certificates (templates, issued certificates, PDF rendering and verification)
# arrive with their own issue; the app is installed now so that its migrations
# start from a clean history.
