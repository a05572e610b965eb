"""A session as an iCalendar file (RFC 5545) that Outlook and others import.

Written by hand (a dozen properties do not need a dependency): times in UTC
with the `Z` suffix, so no VTIMEZONE is needed; text escaped (§3.3.11); lines
ended with CRLF and folded at 75 octets without splitting a UTF-8 character
(§3.1).
"""

import datetime

from django.utils import timezone

PRODID = "-//Metodiskais atbalsts//LMS//LV"


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces, continuations led by a space."""
    pieces, current, size = [], "", 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # A continuation line begins with one space, which counts.
            current, size, limit = " ", 1, 75
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def session_ics(
    *,
    uid: str,
    summary: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
    url: str = "",
    description: str = "",
    cancelled: bool = False,
    stamp: datetime.datetime | None = None,
) -> bytes:
    """One VEVENT in a VCALENDAR, as UTF-8 bytes with CRLF line endings."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_utc(stamp or timezone.now())}",
        f"DTSTART:{_utc(starts_at)}",
        f"DTEND:{_utc(ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if url:
        # URL is a URI value: not text-escaped.
        lines.append(f"URL:{url}")
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    lines.append(f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")
