"""Admin strings whose Latvian comes from this project, not from Wagtail or Django.

Wagtail's Latvian catalogue is incomplete (the dashboard, listings, page
explorer, editor toolbar, login and reports show English), and Django's and
Wagtail's Latvian put model names into sentences in the wrong case and order
their plural forms against their own Plural-Forms formula ("8 rakstzīmei",
"16 minūte"). LOCALE_PATHS is merged over the apps' catalogues, so a msgid
translated in locale/lv/LC_MESSAGES/django.po wins.

`makemessages --no-obsolete` keeps only msgids it finds in this project's
source, so every Wagtail/Django msgid we translate is listed in these modules,
verbatim. They are never imported: they exist for makemessages alone. The
strings of Wagtail's JavaScript are in locale/lv/LC_MESSAGES/djangojs.po,
which makemessages (domain django) leaves alone. When Wagtail is upgraded,
tests/lms/test_admin_latvian.py shows any new English string on the screens.
"""
